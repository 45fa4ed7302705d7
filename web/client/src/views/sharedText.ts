// A textarea bound to a shared text field: every input becomes a text operation (the browser's own editing —
// typing, paste, cut, autocorrect, IME — read off as one replacement at the caret), remote changes update the text
// and carry the caret and scroll along, Ctrl+Z / Ctrl+Y (and the browser's own undo) undo and redo one's own edits
// only, and other people's carets and selections are drawn behind the text in their colours, with their names.

import { diffOp, transformIndex, type TextOp } from "../text/textOp";
import type { Selection, TextChange } from "../text/textClient";
import { h } from "./dom";

export interface SharedTextOptions {
  id: string;
  /** The field's key in the store's shared texts. */
  field: string;
  max: number;
  rows: number;
  disabled: boolean;
  describedBy?: string;
  /** The field's text as this person sees it. */
  text(): string;
  /** A local edit; false when it was refused (the textarea goes back). */
  edit(op: TextOp, selection: Selection): boolean;
  undo(): void;
  redo(): void;
  /** The caret moved (or left: null). */
  caret(selection: Selection | null): void;
  /** Subscribes to changes of shared texts; returns the unsubscribe. */
  onText(listener: (change: TextChange) => void): () => void;
  /** Others' carets in this field now. */
  carets(): { name: string; colour: string; selection: Selection }[];
}

export interface SharedTextArea {
  element: HTMLElement;
  textarea: HTMLTextAreaElement;
  /** Draws the others' carets again (presence changed). */
  refreshCarets(): void;
  setDisabled(disabled: boolean): void;
  dispose(): void;
}

export function sharedTextArea(o: SharedTextOptions): SharedTextArea {
  const textarea = h("textarea", {
    id: o.id,
    rows: o.rows,
    maxlength: o.max,
    disabled: o.disabled || null,
    "aria-describedby": o.describedBy ?? null,
    "data-shared-text": o.field,
    spellcheck: "true",
  });
  const layer = h("div", { class: "caret-layer", "aria-hidden": "true" });
  const element = h("div", { class: "shared-text" }, layer, textarea);
  let shown = o.text();
  textarea.value = shown;
  let composing = false;

  const selection = (): Selection => ({ start: textarea.selectionStart, end: textarea.selectionEnd });

  /** Puts the store's text into the textarea, carrying the caret through `change` when there is one. */
  const show = (change: TextOp | null, own: boolean) => {
    const text = o.text();
    if (text === textarea.value) {
      shown = text;
      return;
    }
    const focused = document.activeElement === textarea;
    const { start, end } = selection();
    const scroll = textarea.scrollTop;
    textarea.value = text;
    shown = text;
    if (focused) {
      const moved = change
        ? { start: transformIndex(start, change, own), end: transformIndex(end, change, own) }
        : { start: Math.min(start, text.length), end: Math.min(end, text.length) };
      textarea.setSelectionRange(moved.start, moved.end);
      textarea.scrollTop = scroll;
    }
  };

  textarea.addEventListener("input", () => {
    const after = textarea.value;
    if (after === shown) return;
    const op = diffOp(shown, after, textarea.selectionEnd);
    const before = shown;
    shown = after;
    if (!o.edit(op, selection())) {
      shown = before;
      const caret = Math.min(textarea.selectionStart, before.length);
      textarea.value = before;
      textarea.setSelectionRange(caret, caret);
    }
    drawCarets();
  });
  textarea.addEventListener("compositionstart", () => (composing = true));
  textarea.addEventListener("compositionend", () => {
    composing = false;
    show(null, false);
  });
  textarea.addEventListener("keydown", (e) => {
    const mod = e.ctrlKey || e.metaKey;
    if (!mod || e.altKey) return;
    const key = e.key.toLowerCase();
    if (key === "z" && !e.shiftKey) {
      e.preventDefault();
      o.undo();
    } else if (key === "y" || (key === "z" && e.shiftKey)) {
      e.preventDefault();
      o.redo();
    }
  });
  // The browser's own undo (the context menu, a shortcut we did not catch) would undo others' text too.
  textarea.addEventListener("beforeinput", (e) => {
    if (e.inputType === "historyUndo" || e.inputType === "historyRedo") {
      e.preventDefault();
      if (e.inputType === "historyUndo") o.undo();
      else o.redo();
    }
  });
  const moved = () => {
    if (document.activeElement === textarea) o.caret(selection());
  };
  for (const event of ["select", "keyup", "mouseup", "focus"]) textarea.addEventListener(event, moved);
  textarea.addEventListener("blur", () => o.caret(null));
  textarea.addEventListener("scroll", () => {
    layer.scrollTop = textarea.scrollTop;
  });

  const drawCarets = () => {
    const carets = o.carets();
    const text = textarea.value;
    if (carets.length === 0) {
      layer.replaceChildren();
      return;
    }
    // Cut the text at every caret and selection edge; draw selections as tinted spans, carets as bars.
    const cuts = new Set<number>([0, text.length]);
    for (const c of carets) {
      cuts.add(Math.min(c.selection.start, text.length));
      cuts.add(Math.min(c.selection.end, text.length));
    }
    const points = [...cuts].sort((a, b) => a - b);
    const nodes: Node[] = [];
    for (let i = 0; i < points.length; i++) {
      const at = points[i]!;
      for (const c of carets) {
        if (Math.min(c.selection.end, text.length) === at) {
          const bar = h("span", { class: "remote-caret", "data-name": c.name });
          bar.style.borderColor = c.colour;
          bar.style.setProperty("--caret-colour", c.colour);
          nodes.push(bar);
        }
      }
      const next = points[i + 1];
      if (next === undefined) break;
      const piece = text.slice(at, next);
      const selecting = carets.find((c) => Math.min(c.selection.start, c.selection.end) <= at && next <= Math.max(c.selection.start, c.selection.end));
      if (selecting) {
        const span = h("span", { class: "remote-selection" }, piece);
        span.style.backgroundColor = `${selecting.colour}33`;
        nodes.push(span);
      } else {
        nodes.push(document.createTextNode(piece));
      }
    }
    // A trailing line break needs something after it to take up its line.
    nodes.push(document.createTextNode("\u200b"));
    layer.replaceChildren(...nodes);
    layer.scrollTop = textarea.scrollTop;
  };

  const unsubscribe = o.onText((c) => {
    if (c.field !== o.field) return;
    if (c.source === "local") {
      // Undo and redo come from the store: put the caret at the end of what changed.
      if (textarea.value !== o.text()) show(c.change, true);
    } else if (!composing) {
      show(c.change, false);
    }
    drawCarets();
  });
  drawCarets();

  return {
    element,
    textarea,
    refreshCarets: drawCarets,
    setDisabled: (disabled) => {
      textarea.disabled = disabled;
    },
    dispose: unsubscribe,
  };
}
