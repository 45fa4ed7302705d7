// Drag and drop on the board, with pragmatic-drag-and-drop: native HTML5 drag events (mouse, touch and pen alike),
// attached to the elements lit renders and never moving them itself, so rendering goes on during a drag while others'
// changes arrive. The drop becomes the same moveCard/moveColumn op as the keyboard "Flyt" menu sends; where it
// lands is worked out in boardDrop.ts.

import { combine } from "@atlaskit/pragmatic-drag-and-drop/combine";
import { draggable, dropTargetForElements, monitorForElements } from "@atlaskit/pragmatic-drag-and-drop/element/adapter";
import { autoScrollForElements, autoScrollWindowForElements } from "@atlaskit/pragmatic-drag-and-drop-auto-scroll/element";
import type { Board, BoardOp } from "../protocol";
import { cardPlace, columnPlace, dropOp, type Dragging, type Place, type TargetData } from "./boardDrop";

export type { Dragging } from "./boardDrop";

interface SourceData {
  drag: "card" | "column";
  id: string;
}

type Data = Record<string | symbol, unknown>;

const isSource = (data: Data): data is Data & SourceData => (data.drag === "card" || data.drag === "column") && typeof data.id === "string";

const isTarget = (data: Data): data is Data & TargetData =>
  (data.over === "card" || data.over === "column") && typeof data.id === "string" && (data.half === "before" || data.half === "after");

function half(element: Element, x: number, y: number, axis: "vertical" | "horizontal"): "before" | "after" {
  const r = element.getBoundingClientRect();
  return axis === "vertical" ? (y < r.top + r.height / 2 ? "before" : "after") : x < r.left + r.width / 2 ? "before" : "after";
}

/** A card: dragged by the person who may write, and a place to drop another card before or after. */
export function cardDragAndDrop(cardId: string, canWrite: boolean) {
  return (element: HTMLElement) =>
    combine(
      canWrite ? draggable({ element, getInitialData: () => ({ drag: "card", id: cardId }) }) : () => undefined,
      dropTargetForElements({
        element,
        canDrop: ({ source }) => source.data.drag === "card",
        getData: ({ input }) => ({ over: "card", id: cardId, half: half(element, input.clientX, input.clientY, "vertical") }),
      }),
    );
}

/**
 * A column: dragged by its title, and a place to drop a card (at its end) or a column (before or after it). Only the
 * title is draggable, not the whole column: text in a draggable element's inputs cannot be selected in every browser.
 */
export function columnDragAndDrop(columnId: string, canWrite: boolean) {
  return (element: HTMLElement) => {
    const title = element.querySelector<HTMLElement>(".column-title");
    return combine(
      canWrite && title ? draggable({ element: title, getInitialData: () => ({ drag: "column", id: columnId }) }) : () => undefined,
      dropTargetForElements({
        element,
        canDrop: ({ source }) => isSource(source.data),
        getData: ({ input }) => ({ over: "column", id: columnId, half: half(element, input.clientX, input.clientY, "horizontal") }),
      }),
    );
  };
}

/** The column strip scrolls sideways, and the page up and down, while something is dragged near their edges. */
export function autoScrollStrip(element: HTMLElement) {
  return autoScrollForElements({ element, canScroll: ({ source }) => isSource(source.data) });
}

/** A column's list of cards scrolls on its own (the board fits the screen), so it too scrolls under a dragged card. */
export function autoScrollList(element: HTMLElement) {
  return autoScrollForElements({ element, canScroll: ({ source }) => source.data.drag === "card" });
}

/**
 * Follows every drag on the board: `changed` with where it would land (for the marks), `dropped` with the op.
 * Returns the cleanup.
 */
export function watchBoardDrags(board: () => Board | null, changed: (dragging: Dragging | null) => void, dropped: (op: BoardOp) => void): () => void {
  let current: Dragging | null = null;
  const follow = (source: Data, targets: readonly { data: Data }[]) => {
    const b = board();
    if (!b || !isSource(source)) return;
    const over = targets.map((t) => t.data).filter(isTarget);
    const place = source.drag === "card" ? cardPlace(b, source.id, over) : columnPlace(b, source.id, over);
    const next: Dragging = { kind: source.drag, id: source.id, place };
    if (current && current.kind === next.kind && current.id === next.id && samePlace(current.place, next.place)) return;
    current = next;
    changed(current);
  };
  return combine(
    autoScrollWindowForElements({ canScroll: ({ source }) => isSource(source.data) }),
    monitorForElements({
      canMonitor: ({ source }) => isSource(source.data),
      onDragStart: ({ source, location }) => follow(source.data, location.current.dropTargets),
      onDrag: ({ source, location }) => follow(source.data, location.current.dropTargets),
      onDropTargetChange: ({ source, location }) => follow(source.data, location.current.dropTargets),
      onDrop: ({ source, location }) => {
        follow(source.data, location.current.dropTargets);
        const b = board();
        const op = b && current ? dropOp(b, current) : null;
        current = null;
        changed(null);
        if (op) dropped(op);
      },
    }),
  );
}

function samePlace(a: Place | null, b: Place | null): boolean {
  return a === b || (a !== null && b !== null && a.columnId === b.columnId && a.beforeId === b.beforeId);
}
