// A textarea bound to a shared text field: every input becomes a text operation (the browser's own editing —
// typing, paste, cut, autocorrect, IME — read off as one replacement at the caret), remote changes update the text
// and carry the caret and scroll along, Ctrl+Z / Ctrl+Y (and the browser's own undo) undo and redo one's own edits
// only, and other people's carets and selections are drawn behind the text in their colours, with their names.
//
// The textarea is rendered by lit and kept by it (the template around it is stable), so nothing has to restore
// focus or caret after a render. Its value is never bound: this editor owns it, because writing it is where the
// caret has to be carried through the change.

import { html, nothing, render, type TemplateResult } from "lit-html";
import { ref } from "lit-html/directives/ref.js";
import { compose, diffOp, isNoop, transform, transformIndex, type TextOp } from "../text/textOp";
import type { Selection, TextChange } from "../text/textClient";
import { cssProps } from "./widgets/cssProps";

export interface SharedTextOptions {
  id: string;
  /** The field's key in the store's shared texts. */
  field: string;
  max: number;
  rows: number;
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

export class SharedTextEditor {
  private textarea: HTMLTextAreaElement | null = null;
  private layer: HTMLElement | null = null;
  /** What the textarea showed after the last input or change this editor handled. */
  private shown = "";
  private composing = false;
  /**
   * Changes that arrived during an IME composition, not yet in the textarea: writing the textarea would end the
   * composition. The store's text is always `apply(shown, held)`; they are written when the composition ends.
   */
  private held: TextOp | null = null;
  /** True while this editor hands an edit to the store: the change the store reports back is already shown. */
  private editing = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly o: SharedTextOptions) {
    this.unsubscribe = o.onText((c) => this.changed(c));
  }

  /** The caret layer and the textarea, in a `.shared-text` box. */
  template(disabled: boolean): TemplateResult {
    return html`<div class="shared-text">${this.parts(disabled)}</div>`;
  }

  /** The inside of the `.shared-text` box. */
  parts(disabled: boolean): TemplateResult {
    const o = this.o;
    return html`<div class="caret-layer" aria-hidden="true" ${ref(this.attachLayer)}></div><textarea
        id=${o.id}
        rows=${o.rows}
        maxlength=${o.max}
        ?disabled=${disabled}
        aria-describedby=${o.describedBy ?? nothing}
        data-shared-text=${o.field}
        spellcheck="true"
        ${ref(this.attach)}
        @input=${this.onInput}
        @compositionstart=${this.onCompositionStart}
        @compositionend=${this.onCompositionEnd}
        @keydown=${this.onKeydown}
        @beforeinput=${this.onBeforeInput}
        @select=${this.onMoved}
        @keyup=${this.onMoved}
        @mouseup=${this.onMoved}
        @focus=${this.onMoved}
        @blur=${this.onBlur}
        @scroll=${this.onScroll}
      ></textarea>`;
  }

  get element(): HTMLTextAreaElement | null {
    return this.textarea;
  }

  /** Draws the others' carets again (presence changed). */
  refreshCarets(): void {
    const layer = this.layer;
    if (!layer) return;
    render(this.caretsTemplate(), layer);
    if (this.textarea) layer.scrollTop = this.textarea.scrollTop;
  }

  dispose(): void {
    this.unsubscribe();
  }

  private readonly attach = (el: Element | undefined) => {
    if (!(el instanceof HTMLTextAreaElement) || el === this.textarea) return;
    this.textarea = el;
    this.shown = this.o.text();
    this.held = null;
    el.value = this.shown;
  };

  private readonly attachLayer = (el: Element | undefined) => {
    if (!(el instanceof HTMLElement) || el === this.layer) return;
    this.layer = el;
    this.refreshCarets();
  };

  private selection(): Selection {
    const t = this.textarea!;
    return { start: t.selectionStart, end: t.selectionEnd };
  }

  /** Puts the store's text into the textarea, carrying the caret through `change` when there is one. */
  private show(change: TextOp | null, own: boolean): void {
    const textarea = this.textarea!;
    const text = this.o.text();
    if (text === textarea.value) {
      this.shown = text;
      return;
    }
    const focused = document.activeElement === textarea;
    const { start, end } = this.selection();
    const scroll = textarea.scrollTop;
    textarea.value = text;
    this.shown = text;
    if (focused) {
      const moved = change
        ? { start: transformIndex(start, change, own), end: transformIndex(end, change, own) }
        : { start: Math.min(start, text.length), end: Math.min(end, text.length) };
      textarea.setSelectionRange(moved.start, moved.end);
      textarea.scrollTop = scroll;
    }
  }

  private changed(c: TextChange): void {
    if (c.field !== this.o.field || !this.textarea || this.editing) return;
    if (this.composing) {
      // Held until the composition ends; the store's text moved on, so `held` follows it.
      this.held = this.held ? compose(this.held, c.change) : c.change;
    } else if (c.source === "local") {
      // Undo and redo come from the store: put the caret at the end of what changed. (Typing is already shown.)
      if (this.textarea.value !== this.o.text()) this.show(c.change, true);
    } else {
      this.show(c.change, false);
    }
    this.refreshCarets();
  }

  private readonly onInput = () => {
    const textarea = this.textarea!;
    const after = textarea.value;
    if (after === this.shown) return;
    const typed = diffOp(this.shown, after, textarea.selectionEnd);
    // With changes held back, what was typed applies to the store's text only after them (and they come first
    // where both insert at one place, as they were committed first).
    const [held, op] = this.held ? transform(this.held, typed) : [null, typed];
    const selection = held ? this.moved(this.selection(), held) : this.selection();
    const before = this.shown;
    this.shown = after;
    const previouslyHeld = this.held;
    this.held = held && !isNoop(held) ? held : null;
    this.editing = true;
    let accepted: boolean;
    try {
      accepted = this.o.edit(op, selection);
    } finally {
      this.editing = false;
    }
    if (!accepted) {
      this.shown = before;
      this.held = previouslyHeld;
      const caret = Math.min(textarea.selectionStart, before.length);
      textarea.value = before;
      textarea.setSelectionRange(caret, caret);
    }
    this.refreshCarets();
  };

  private moved(s: Selection, op: TextOp): Selection {
    return { start: transformIndex(s.start, op, false), end: transformIndex(s.end, op, false) };
  }

  private readonly onCompositionStart = () => {
    this.composing = true;
  };

  private readonly onCompositionEnd = () => {
    this.composing = false;
    // Some browsers send the composition's last input after this event, some before: read it now either way.
    this.onInput();
    const held = this.held;
    this.held = null;
    this.show(held, false);
    this.refreshCarets();
  };

  private readonly onKeydown = (e: KeyboardEvent) => {
    const mod = e.ctrlKey || e.metaKey;
    if (!mod || e.altKey) return;
    const key = e.key.toLowerCase();
    if (key === "z" && !e.shiftKey) {
      e.preventDefault();
      this.o.undo();
    } else if (key === "y" || (key === "z" && e.shiftKey)) {
      e.preventDefault();
      this.o.redo();
    }
  };

  // The browser's own undo (the context menu, a shortcut we did not catch) would undo others' text too.
  private readonly onBeforeInput = (e: InputEvent) => {
    if (e.inputType === "historyUndo" || e.inputType === "historyRedo") {
      e.preventDefault();
      if (e.inputType === "historyUndo") this.o.undo();
      else this.o.redo();
    }
  };

  private readonly onMoved = () => {
    if (!this.textarea || document.activeElement !== this.textarea) return;
    // Others see the store's text: with changes held back, the caret is placed past them.
    this.o.caret(this.held ? this.moved(this.selection(), this.held) : this.selection());
  };

  private readonly onBlur = () => this.o.caret(null);

  private readonly onScroll = () => {
    if (this.layer && this.textarea) this.layer.scrollTop = this.textarea.scrollTop;
  };

  /** The text cut at every caret and selection edge: selections as tinted spans, carets as bars with names. */
  private caretsTemplate(): unknown {
    const carets = this.o.carets();
    if (carets.length === 0) return [];
    const text = this.textarea?.value ?? this.o.text();
    const cuts = new Set<number>([0, text.length]);
    for (const c of carets) {
      cuts.add(Math.min(c.selection.start, text.length));
      cuts.add(Math.min(c.selection.end, text.length));
    }
    const points = [...cuts].sort((a, b) => a - b);
    const pieces: unknown[] = [];
    for (let i = 0; i < points.length; i++) {
      const at = points[i]!;
      for (const c of carets) {
        if (Math.min(c.selection.end, text.length) === at) {
          pieces.push(html`<span class="remote-caret" data-name=${c.name} ${cssProps({ "border-color": c.colour, "--caret-colour": c.colour })}></span>`);
        }
      }
      const next = points[i + 1];
      if (next === undefined) break;
      const piece = text.slice(at, next);
      const selecting = carets.find((c) => Math.min(c.selection.start, c.selection.end) <= at && next <= Math.max(c.selection.start, c.selection.end));
      pieces.push(selecting ? html`<span class="remote-selection" ${cssProps({ "background-color": `${selecting.colour}33` })}>${piece}</span>` : piece);
    }
    // A trailing line break needs something after it to take up its line.
    pieces.push("\u200b");
    return pieces;
  }
}

/** What `sharedTextArea` gives a view that builds its DOM by hand: the box, its textarea, and the controls. */
export interface SharedTextArea {
  element: HTMLElement;
  textarea: HTMLTextAreaElement;
  /** Draws the others' carets again (presence changed). */
  refreshCarets(): void;
  setDisabled(disabled: boolean): void;
  dispose(): void;
}

/** A shared text box for a view not yet rendered by lit (the card editor): the same editor, in an element of its own. */
export function sharedTextArea(o: SharedTextOptions & { disabled: boolean }): SharedTextArea {
  const editor = new SharedTextEditor(o);
  const element = document.createElement("div");
  element.className = "shared-text";
  let disabled = o.disabled;
  const draw = () => render(editor.parts(disabled), element);
  draw();
  return {
    element,
    textarea: editor.element!,
    refreshCarets: () => editor.refreshCarets(),
    setDisabled: (value) => {
      disabled = value;
      draw();
    },
    dispose: () => editor.dispose(),
  };
}
