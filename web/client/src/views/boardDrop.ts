// Where a dragged card or column lands on the board, and the op the drop sends: pure functions of the board and the
// drop targets under the pointer (innermost first), so the drop rules are tested without a browser.

import type { Board, BoardOp } from "../protocol";

/** Where a dragged card or column would land: before `beforeId`, or at the end (null). */
export interface Place {
  /** The column a card lands in (a column's own id when a column is dragged). */
  columnId: string;
  beforeId: string | null;
}

export type Dragging = { kind: "card" | "column"; id: string; place: Place | null };

/** What a drop target under the pointer says about itself (collected by pragmatic-dnd's getData). */
export interface TargetData {
  over: "card" | "column";
  id: string;
  /** Which half of the element the pointer is in: before it or after it. */
  half: "before" | "after";
}

function visibleCards(board: Board, columnId: string, without: string): string[] {
  const column = board.columns.find((c) => c.id === columnId);
  return (column?.cardIds ?? []).filter((id) => id !== without && board.cards[id] !== undefined && !board.cards[id]!.archived);
}

/** Where a card dragged over `targets` (innermost first) lands; null over itself or nowhere. */
export function cardPlace(board: Board, cardId: string, targets: readonly TargetData[]): Place | null {
  for (const target of targets) {
    if (target.over === "card") {
      if (target.id === cardId) return null;
      const column = board.columns.find((c) => c.cardIds.includes(target.id));
      if (!column) return null;
      const cards = visibleCards(board, column.id, cardId);
      const beforeId = target.half === "before" ? target.id : (cards[cards.indexOf(target.id) + 1] ?? null);
      return { columnId: column.id, beforeId };
    }
    return { columnId: target.id, beforeId: null };
  }
  return null;
}

/** Where a column dragged over `targets` lands among the visible columns; null over itself or nowhere. */
export function columnPlace(board: Board, columnId: string, targets: readonly TargetData[]): Place | null {
  const target = targets.find((t) => t.over === "column");
  if (!target || target.id === columnId) return null;
  const visible = board.columns.filter((c) => !c.archived && c.id !== columnId).map((c) => c.id);
  const beforeId = target.half === "before" ? target.id : (visible[visible.indexOf(target.id) + 1] ?? null);
  return { columnId, beforeId };
}

/** The op a drop sends (indexes count without the moved card or column, as the reducer does); null if nothing moves. */
export function dropOp(board: Board, dragging: Dragging): BoardOp | null {
  const { place } = dragging;
  if (place === null) return null;
  if (dragging.kind === "card") {
    const to = board.columns.find((c) => c.id === place.columnId);
    const from = board.columns.find((c) => c.cardIds.includes(dragging.id));
    if (!to || !from) return null;
    const rest = to.cardIds.filter((id) => id !== dragging.id);
    const index = place.beforeId === null ? rest.length : rest.indexOf(place.beforeId);
    if (index < 0 || (from.id === to.id && to.cardIds.indexOf(dragging.id) === index)) return null;
    return { type: "moveCard", cardId: dragging.id, toColumnId: to.id, index };
  }
  const rest = board.columns.filter((c) => c.id !== dragging.id);
  const index = place.beforeId === null ? rest.length : rest.findIndex((c) => c.id === place.beforeId);
  if (index < 0 || board.columns.findIndex((c) => c.id === dragging.id) === index) return null;
  return { type: "moveColumn", columnId: dragging.id, index };
}

