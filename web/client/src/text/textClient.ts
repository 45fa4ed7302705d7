// The client side of shared text (docs/decisions/004-shared-text-by-server-sequenced-ot.md): for every text field
// of a live document, the classic OT client state machine — the confirmed text as of the document's seq, at most one
// operation in flight, later edits composed into a buffer, both transformed over every committed operation from
// others; one's own committed operation (recognised by its OpId) confirms it and sends the buffer. Undo and redo
// of one's own edits only; the local selection and others' carets are carried through every change.
// tests/Hub.Tests/Text/OtClient.cs is the same state machine in C#, used by the server-side tests.

import type { OpId, TextEdit, TextHistory } from "../protocol";
import { apply, compose, diffOp, invert, isNoop, transform, transformIndex, type TextOp } from "./textOp";

/** Sends an operation composed against `base`; returns its id, or null when it could not be queued. */
export type SendText = (field: string, base: number, op: TextOp) => OpId | null;

export interface Selection {
  start: number;
  end: number;
}

/** Undo steps of typing that follow each other within this time become one step. */
export const UNDO_GROUP_MS = 1000;

/** How many committed text operations are kept to move others' carets expressed at an older seq. */
const CARET_LOG = 200;

interface Inflight {
  id: OpId;
  op: TextOp;
}

/** One field's state. Read-only outside this module. */
export class TextField {
  inflight: Inflight | null = null;
  buffer: TextOp | null = null;
  view: string;
  undoStack: TextOp[] = [];
  redoStack: TextOp[] = [];
  selection: Selection | null = null;
  lastEdit = 0;
  lastWasTyping = false;

  constructor(
    readonly key: string,
    public confirmed: string,
  ) {
    this.view = confirmed;
  }

  get synchronized(): boolean {
    return this.inflight === null && this.buffer === null;
  }

  /** Every change to the view moves what is expressed in view positions: undo steps and the selection. */
  moved(change: TextOp, ownInsert: boolean): void {
    this.undoStack = this.undoStack.map((u) => transform(change, u)[1]);
    this.redoStack = this.redoStack.map((r) => transform(change, r)[1]);
    if (this.selection) {
      this.selection = {
        start: transformIndex(this.selection.start, change, ownInsert),
        end: transformIndex(this.selection.end, change, ownInsert),
      };
    }
  }
}

/** A change seen by a field's view: what the view does with it (move the caret, re-render, announce). */
export interface TextChange {
  field: string;
  /** The operation as it applied to the view. */
  change: TextOp;
  /** Whose: "local" (typing, undo, redo), "remote" (someone else's committed edit) or "reset" (a snapshot, a refusal). */
  source: "local" | "remote" | "reset";
  actorId: string | null;
}

interface LoggedOp {
  seq: number;
  field: string;
  op: TextOp;
  actorId: string;
}

/** Another person's caret or selection, as they sent it: positions in the field's text as of `seq`. */
export interface RemoteCaret {
  field: string;
  anchor: number;
  head: number;
  seq: number;
  userId: string;
}

/** Every shared text field of one live document, in step with the document's sequence number. */
export class SharedTexts {
  /** The document's confirmed sequence number: the base of every operation sent. */
  seq = 0;
  private readonly fields = new Map<string, TextField>();
  private readonly listeners = new Set<(change: TextChange) => void>();
  private log: LoggedOp[] = [];
  /** The log holds every text operation after this seq. */
  private logFrom = 0;

  constructor(
    private readonly send: SendText,
    private readonly clock: () => number = () => Date.now(),
  ) {}

  get(key: string): TextField | undefined {
    return this.fields.get(key);
  }

  /** The field's view text, or `fallback` (the confirmed document's text) when nothing is pending. */
  view(key: string, fallback: string): string {
    return this.fields.get(key)?.view ?? fallback;
  }

  get pendingCount(): number {
    let n = 0;
    for (const f of this.fields.values()) n += (f.inflight ? 1 : 0) + (f.buffer ? 1 : 0);
    return n;
  }

  /** True when the field has edits the grain has not confirmed. */
  isPending(key: string): boolean {
    const f = this.fields.get(key);
    return f !== undefined && !f.synchronized;
  }

  onChange(listener: (change: TextChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Makes sure a field is tracked, starting from the confirmed text. */
  track(key: string, confirmed: string): TextField {
    let f = this.fields.get(key);
    if (!f) {
      f = new TextField(key, confirmed);
      this.fields.set(key, f);
    }
    return f;
  }

  /**
   * A local edit, relative to the field's view. Typing within a second of the last typing is one undo step.
   * The selection after it, when known, is the caret as the browser has it.
   */
  edit(key: string, confirmed: string, op: TextOp, selection?: Selection): void {
    if (isNoop(op)) return;
    const f = this.track(key, confirmed);
    const inverse = invert(op, f.view);
    const now = this.clock();
    f.redoStack = [];
    const merge = f.lastWasTyping && now - f.lastEdit < UNDO_GROUP_MS && f.undoStack.length > 0;
    if (merge) {
      // The last step undoes to the text before this edit, which is where the inverse leads.
      const last = f.undoStack.pop()!;
      f.moved(op, true);
      f.undoStack.push(compose(inverse, last));
    } else {
      f.moved(op, true);
      f.undoStack.push(inverse);
    }
    f.lastEdit = now;
    f.lastWasTyping = true;
    if (selection) f.selection = selection;
    this.local(f, op);
  }

  undo(key: string): boolean {
    return this.step(key, "undo");
  }

  redo(key: string): boolean {
    return this.step(key, "redo");
  }

  canUndo(key: string): boolean {
    return (this.fields.get(key)?.undoStack.length ?? 0) > 0;
  }

  canRedo(key: string): boolean {
    return (this.fields.get(key)?.redoStack.length ?? 0) > 0;
  }

  setSelection(key: string, confirmed: string, selection: Selection | null): void {
    this.track(key, confirmed).selection = selection;
  }

  /**
   * A committed text operation, in sequence order (the caller has checked `seq === this.seq + 1`). Returns the
   * change it made to the view (null when it was our own, which the view already shows).
   */
  committed(seq: number, key: string, id: OpId, op: TextOp, actorId: string, confirmedBefore: string): TextOp | null {
    this.seq = seq;
    this.log.push({ seq, field: key, op, actorId });
    if (this.log.length > CARET_LOG) {
      this.logFrom = this.log[this.log.length - CARET_LOG - 1]!.seq;
      this.log = this.log.slice(-CARET_LOG);
    }
    const f = this.track(key, confirmedBefore);
    f.confirmed = apply(f.confirmed, op);
    if (f.inflight && f.inflight.id.clientId === id.clientId && f.inflight.id.number === id.number) {
      f.inflight = null;
      if (f.buffer) {
        const buffer = f.buffer;
        f.buffer = null;
        this.sendFrom(f, buffer);
      }
      return null;
    }
    let remote = op;
    if (f.inflight) {
      const [remoteAfter, inflightAfter] = transform(remote, f.inflight.op);
      f.inflight = { id: f.inflight.id, op: inflightAfter };
      remote = remoteAfter;
    }
    if (f.buffer) {
      const [remoteAfter, bufferAfter] = transform(remote, f.buffer);
      f.buffer = bufferAfter;
      remote = remoteAfter;
    }
    f.view = apply(f.view, remote);
    f.moved(remote, false);
    this.emit({ field: key, change: remote, source: "remote", actorId });
    return remote;
  }

  /** A committed operation on something other than text: the document moved on. */
  skip(seq: number): void {
    this.seq = seq;
  }

  /**
   * An operation was refused. "stale": its base is older than the grain's history; send the same change again
   * with the current base. Anything else: the grain changed nothing, so the view goes back to the confirmed text
   * with the buffer (transformed) kept and sent. Returns the field's key when the refusal was ours.
   */
  refused(id: OpId, code: string): string | null {
    for (const f of this.fields.values()) {
      if (!f.inflight || f.inflight.id.clientId !== id.clientId || f.inflight.id.number !== id.number) continue;
      const inflight = f.inflight;
      f.inflight = null;
      if (code === "stale") {
        this.sendFrom(f, inflight.op);
        return f.key;
      }
      const inverse = invert(inflight.op, f.confirmed);
      if (f.buffer) {
        const [inverseAfter, bufferAfter] = transform(inverse, f.buffer);
        f.buffer = null;
        this.changeView(f, inverseAfter);
        this.sendFrom(f, bufferAfter);
      } else {
        this.changeView(f, inverse);
      }
      return f.key;
    }
    return null;
  }

  /**
   * The document was replaced by a snapshot at `seq` (a long disconnection). Fields without pending edits take the
   * new text. A field with pending edits keeps them: transformed over the history's operations after the text it
   * had, when the history reaches back that far, or else over a character diff between the old and the new text.
   * The edit in flight counts as part of the text it had exactly when it is in the snapshot: its own edit in the
   * history, or `acknowledged` (the grain acknowledged its id, or said with the snapshot that it committed it).
   * What is left unsent afterwards (the buffer of a field whose edit in flight turned out committed) is sent once
   * the field is rebased, with `seq` as its base.
   */
  reset(seq: number, texts: ReadonlyMap<string, string>, history: TextHistory | null, acknowledged: (id: OpId) => boolean): void {
    const oldSeq = this.seq;
    this.seq = seq;
    this.log = [];
    this.logFrom = seq;
    for (const [key, text] of texts) {
      const f = this.fields.get(key);
      if (!f) continue;
      if (f.synchronized) {
        const change = diffOp(f.view, text);
        f.confirmed = text;
        this.changeView(f, change);
        continue;
      }
      this.rebase(f, text, oldSeq, history, acknowledged);
      if (f.inflight === null && f.buffer !== null) {
        const buffer = f.buffer;
        f.buffer = null;
        this.sendFrom(f, buffer);
      }
    }
  }

  private rebase(f: TextField, text: string, oldSeq: number, history: TextHistory | null, acknowledged: (id: OpId) => boolean): void {
    const edits = history?.edits.filter((e: TextEdit) => e.field === f.key && e.seq > oldSeq) ?? [];
    if (history !== null && history.from <= oldSeq) {
      for (const e of edits) this.committedQuietly(f, e.id, e.op);
      if (f.confirmed === text) return;
    }
    // Beyond the history: what changed meanwhile is read off the two texts, once the edit in flight is known to be
    // in the new text or not (a committed one whose answer was lost would otherwise be kept twice).
    if (f.inflight && (acknowledged(f.inflight.id) || edits.some((e) => sameId(e.id, f.inflight!.id)))) {
      f.confirmed = apply(f.confirmed, f.inflight.op);
      f.inflight = null;
    }
    this.committedQuietly(f, { clientId: "", number: 0 }, diffOp(f.confirmed, text));
  }

  /** The positions of another person's caret in the field's view now, or null when they cannot be placed. */
  caret(caret: RemoteCaret): Selection | null {
    const f = this.fields.get(caret.field);
    // Ahead of us (we will catch up), or from before what the log holds: not placed for now.
    if (caret.seq > this.seq || caret.seq < this.logFrom) return null;
    const entries = this.log.filter((e) => e.field === caret.field && e.seq > caret.seq);
    let anchor = caret.anchor;
    let head = caret.head;
    for (const e of entries) {
      const own = e.actorId === caret.userId;
      anchor = transformIndex(anchor, e.op, own);
      head = transformIndex(head, e.op, own);
    }
    if (f?.inflight) {
      anchor = transformIndex(anchor, f.inflight.op, false);
      head = transformIndex(head, f.inflight.op, false);
    }
    if (f?.buffer) {
      anchor = transformIndex(anchor, f.buffer, false);
      head = transformIndex(head, f.buffer, false);
    }
    const length = f?.view.length ?? Number.MAX_SAFE_INTEGER;
    return { start: Math.min(Math.max(0, anchor), length), end: Math.min(Math.max(0, head), length) };
  }

  /** This person's selection as others can place it: in the confirmed text as of `seq` (pending edits taken out). */
  ownCaret(key: string): { anchor: number; head: number; seq: number } | null {
    const f = this.fields.get(key);
    if (!f?.selection) return null;
    let { start, end } = f.selection;
    if (f.buffer) {
      const before = f.inflight ? apply(f.confirmed, f.inflight.op) : f.confirmed;
      const back = invert(f.buffer, before);
      start = transformIndex(start, back, false);
      end = transformIndex(end, back, false);
    }
    if (f.inflight) {
      const back = invert(f.inflight.op, f.confirmed);
      start = transformIndex(start, back, false);
      end = transformIndex(end, back, false);
    }
    return { anchor: start, head: end, seq: this.seq };
  }

  /** Forgets every field (a document closed, or a snapshot of a document that lost them). */
  clear(): void {
    this.fields.clear();
    this.log = [];
    this.logFrom = this.seq;
  }

  private step(key: string, which: "undo" | "redo"): boolean {
    const f = this.fields.get(key);
    const from = which === "undo" ? f?.undoStack : f?.redoStack;
    if (!f || !from || from.length === 0) return false;
    const op = from.pop()!;
    const inverse = invert(op, f.view);
    f.moved(op, true);
    (which === "undo" ? f.redoStack : f.undoStack).push(inverse);
    f.lastWasTyping = false;
    if (isNoop(op)) return true;
    this.local(f, op);
    return true;
  }

  private local(f: TextField, op: TextOp): void {
    f.view = apply(f.view, op);
    if (f.inflight === null) this.sendFrom(f, op);
    else f.buffer = f.buffer === null ? op : compose(f.buffer, op);
    this.emit({ field: f.key, change: op, source: "local", actorId: null });
  }

  private sendFrom(f: TextField, op: TextOp): void {
    const id = this.send(f.key, this.seq, op);
    if (id === null) {
      // Not even queued: the view goes back, keeping nothing of it.
      this.changeView(f, invert(op, f.confirmed));
      return;
    }
    f.inflight = { id, op };
  }

  /**
   * A committed operation replayed from a snapshot's history or a diff: the same as `committed`, without the log,
   * and without sending the buffer when it confirms the edit in flight: later operations of the history must move
   * the buffer first (`reset` sends it, as of the snapshot's seq).
   */
  private committedQuietly(f: TextField, id: OpId, op: TextOp): void {
    f.confirmed = apply(f.confirmed, op);
    if (f.inflight && sameId(f.inflight.id, id)) {
      f.inflight = null;
      return;
    }
    let remote = op;
    if (f.inflight) {
      const [remoteAfter, inflightAfter] = transform(remote, f.inflight.op);
      f.inflight = { id: f.inflight.id, op: inflightAfter };
      remote = remoteAfter;
    }
    if (f.buffer) {
      const [remoteAfter, bufferAfter] = transform(remote, f.buffer);
      f.buffer = bufferAfter;
      remote = remoteAfter;
    }
    this.changeView(f, remote);
  }

  private changeView(f: TextField, change: TextOp): void {
    if (isNoop(change)) return;
    f.view = apply(f.view, change);
    f.moved(change, false);
    this.emit({ field: f.key, change, source: "reset", actorId: null });
  }

  private emit(change: TextChange): void {
    this.listeners.forEach((l) => l(change));
  }
}

function sameId(a: OpId, b: OpId): boolean {
  return a.clientId === b.clientId && a.number === b.number;
}

/** Presence's "editing" value for a caret: `item~anchor~head~seq` (docs/protocol.md); `item` alone without one. */
export function formatEditing(item: string, caret: { anchor: number; head: number; seq: number } | null): string {
  return caret ? `${item}~${caret.anchor}~${caret.head}~${caret.seq}` : item;
}

/** Reads presence's "editing" value: the item, and the caret when there is one. */
export function parseEditing(value: string | null): { item: string; caret: { anchor: number; head: number; seq: number } | null } | null {
  if (value === null) return null;
  const parts = value.split("~");
  if (parts.length !== 4) return { item: value, caret: null };
  const [item, anchor, head, seq] = [parts[0]!, Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![anchor, head, seq].every((n) => Number.isInteger(n) && n >= 0)) return { item, caret: null };
  return { item, caret: { anchor, head, seq } };
}
