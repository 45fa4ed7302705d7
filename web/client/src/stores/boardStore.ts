// The board store: the confirmed board (exactly the grain's, as of `seq`) and, on top of it, the local
// operations the grain has not confirmed yet, re-applied after every change to the confirmed board. Views
// read `view` and call `submit`; the LiveDocument in connection.ts moves operations to and from the grain.

import { applyOp, Refusal, type Actor } from "../boardReducer";
import { boardDecoders } from "../decode";
import { LiveDocument, newClientId, ownId, type ConnectionState, type HubRefusal, type PendingOp, type Replica, type Transport } from "../connection";
import { BoardHubContract, BoardLimits, type Board, type BoardOp, type BoardSnapshot, type Committed, type Member, type OpId, type PresenceEntry } from "../protocol";
import type { TextKey } from "../i18n";
import { checkTextEdit } from "../text/rules";
import { formatEditing, parseEditing, SharedTexts, type Selection, type TextChange } from "../text/textClient";
import type { TextOp } from "../text/textOp";
import type { DurableQueue } from "../offlineQueue";

/** Something another person did, for the screen-reader announcement. */
export interface Announcement {
  key: TextKey;
  params: Record<string, string>;
}

export interface RefusalNotice {
  id: number;
  code: string;
  message: string;
}

export class BoardStore implements Replica<BoardOp, BoardSnapshot> {
  confirmed: Board | null = null;
  seq = 0;
  presenceList: PresenceEntry[] = [];
  refusals: RefusalNotice[] = [];
  failure: HubRefusal | null = null;
  members = new Map<string, Member>();
  /** Card descriptions as shared text (keyed by card id): pending edits, undo and redo, carets. */
  readonly texts: SharedTexts;

  private readonly live: LiveDocument<BoardOp, BoardSnapshot>;
  private readonly listeners = new Set<() => void>();
  private readonly announcers = new Set<(a: Announcement) => void>();
  private cachedView: Board | null = null;
  private viewDirty = true;
  private noticeId = 0;
  private readonly announced = new Map<string, number>();
  private editingCard: string | null = null;
  private caretTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly transport: Transport,
    readonly boardId: string,
    private readonly me: Actor,
    clientId: string = newClientId(),
    /** The person's unsent operations kept across reloads (app.ts gives IndexedDB; null keeps them in memory). */
    queue: DurableQueue<BoardOp> | null = null,
  ) {
    this.texts = new SharedTexts((cardId, base, op) => this.live.submit({ type: "editCardDescription", cardId, base, op }).id);
    // First of the texts' listeners: the view is stale from the moment a description changes.
    this.texts.onChange(() => {
      this.viewDirty = true;
    });
    this.live = new LiveDocument(transport, boardId, clientId, BoardHubContract.methods, BoardHubContract.events, boardDecoders, this, me.userId, queue, durableBoardOp);
    transport.onState(() => this.changed(false));
  }

  get clientId(): string {
    return this.live.clientId;
  }

  /** "reconnecting" also while the server answers "not now" and an edit waits to be sent again. */
  get connection(): ConnectionState {
    return this.transport.state === "connected" && this.live.retrying ? "reconnecting" : this.transport.state;
  }

  get pending(): readonly PendingOp<BoardOp>[] {
    return this.live.pending;
  }

  /** The board as this person sees it: the confirmed board with the pending operations applied. */
  get view(): Board | null {
    if (this.viewDirty) {
      this.cachedView = this.rebase();
      this.viewDirty = false;
    }
    return this.cachedView;
  }

  setMembers(members: readonly Member[]): void {
    this.members = new Map(members.map((m) => [m.userId, m]));
    this.changed(true);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onAnnouncement(listener: (a: Announcement) => void): () => void {
    this.announcers.add(listener);
    return () => this.announcers.delete(listener);
  }

  /**
   * Applies a local operation at once and queues it for the grain. An operation our own copy of the rules
   * refuses is not sent: the reason is shown straight away, exactly as the grain would give it.
   */
  submit(op: BoardOp): boolean {
    const view = this.view;
    // After a refusal to open, or Revoked, nothing more is queued: it could never be sent.
    if (view === null || this.failure !== null) return false;
    try {
      applyOp(view, this.me, op, new Date().toISOString(), this.memberIds());
    } catch (error) {
      if (error instanceof Refusal) {
        this.notice(error.code, error.message);
        return false;
      }
      throw error;
    }
    this.live.submit(op);
    return true;
  }

  editing(cardId: string | null): void {
    this.editingCard = cardId;
    this.live.editing(cardId);
  }

  /** A local edit of a card's description (relative to what the person sees); refused at once when the grain would. */
  editDescription(cardId: string, op: TextOp, selection?: Selection): boolean {
    const card = this.view?.cards[cardId];
    const confirmed = this.confirmed?.cards[cardId];
    if (!card || !confirmed) return false;
    const refusal = checkTextEdit(card.description, op, BoardLimits.DescriptionMax);
    if (refusal) {
      this.notice(refusal.code, refusal.message);
      return false;
    }
    this.texts.edit(cardId, confirmed.description, op, selection);
    this.changed(true);
    return true;
  }

  undoDescription(cardId: string): void {
    if (this.texts.undo(cardId)) this.changed(true);
  }

  redoDescription(cardId: string): void {
    if (this.texts.redo(cardId)) this.changed(true);
  }

  onText(listener: (change: TextChange) => void): () => void {
    return this.texts.onChange(listener);
  }

  /** Where this person's caret is in a card's description (null: not in it); others see it through presence. */
  descriptionCaret(cardId: string, selection: Selection | null): void {
    const confirmed = this.confirmed?.cards[cardId];
    if (!confirmed || this.editingCard !== cardId) return;
    this.texts.setSelection(cardId, confirmed.description, selection);
    if (this.caretTimer) return;
    this.caretTimer = setTimeout(() => {
      this.caretTimer = null;
      if (this.editingCard === cardId) this.live.editing(formatEditing(cardId, selection ? this.texts.ownCaret(cardId) : null));
    }, 150);
  }

  /** Other people's carets in a card's description, placed in the text this person sees. */
  descriptionCarets(cardId: string): { name: string; colour: string; selection: Selection }[] {
    const placed: { name: string; colour: string; selection: Selection }[] = [];
    for (const entry of this.presenceList) {
      const editing = parseEditing(entry.editing);
      if (entry.userId === this.me.userId || editing?.item !== cardId || !editing.caret) continue;
      const selection = this.texts.caret({ field: cardId, ...editing.caret, userId: entry.userId });
      if (selection) placed.push({ name: entry.displayName, colour: entry.colour, selection });
    }
    return placed;
  }

  dismiss(id: number): void {
    this.refusals = this.refusals.filter((r) => r.id !== id);
    this.changed(false);
  }

  nameOf(userId: string): string {
    return this.members.get(userId)?.displayName ?? this.presenceList.find((p) => p.userId === userId)?.displayName ?? "";
  }

  close(): Promise<void> {
    this.listeners.clear();
    this.announcers.clear();
    return this.live.close();
  }

  // ---- Replica: called by the live document ----

  reset(snapshot: BoardSnapshot, seq: number): void {
    this.confirmed = snapshot.board;
    this.seq = seq;
    this.failure = null;
    const descriptions = new Map(Object.values(snapshot.board.cards).map((c) => [c.id, c.description]));
    const acknowledged = (id: OpId) => this.live.pending.some((p) => p.id.clientId === id.clientId && p.id.number === id.number && p.seq !== null && p.seq <= seq);
    this.texts.reset(seq, descriptions, snapshot.board.texts ?? null, acknowledged);
    this.changed(true);
  }

  apply(committed: Committed<BoardOp>): void {
    if (this.confirmed === null) throw new Error("No board to apply to.");
    const before = this.confirmed;
    const actor: Actor = { userId: committed.actorId, displayName: committed.actorName ?? this.nameOf(committed.actorId) };
    // The grain checked the members when it committed this; ours may be a few seconds older.
    this.confirmed = applyOp(before, actor, committed.op, committed.at, null);
    this.seq = committed.seq;
    const op = committed.op;
    if (op.type === "editCardDescription") this.texts.committed(committed.seq, op.cardId, ownId(committed, this.me.userId), op.op, committed.actorId, before.cards[op.cardId]!.description);
    else this.texts.skip(committed.seq);
    // A deleted account is no longer someone to choose as an owner or an assignee.
    if (committed.op.type === "forgetPerson") this.members.delete(committed.op.userId);
    this.changed(true);
    if (!this.live.owns(committed.id) && !this.quiet(committed)) {
      const said = describe(before, this.confirmed, committed.op, actor.displayName);
      this.announcers.forEach((a) => a(said));
    }
  }

  presence(entries: PresenceEntry[]): void {
    this.presenceList = entries;
    this.changed(false);
  }

  pendingChanged(): void {
    this.changed(true);
  }

  refused(op: PendingOp<BoardOp>, refusal: HubRefusal): void {
    if (op.op.type === "editCardDescription") {
      this.texts.refused(op.id, refusal.code);
      if (refusal.code === "stale") return; // sent again with a newer base: nothing for the person to do
    }
    this.notice(refusal.code, refusal.message);
  }

  /** Someone typing in a description is announced once, not at every keystroke (at most every 20 s per card). */
  private quiet(committed: Committed<BoardOp>): boolean {
    if (committed.op.type !== "editCardDescription") return false;
    const key = `${committed.actorId}:${committed.op.cardId}`;
    const now = Date.now();
    if (now - (this.announced.get(key) ?? -Infinity) < 20_000) return true;
    this.announced.set(key, now);
    return false;
  }

  failed(refusal: HubRefusal): void {
    this.failure = refusal;
    this.changed(false);
  }

  private notice(code: string, message: string): void {
    this.refusals = [...this.refusals.slice(-2), { id: ++this.noticeId, code, message }];
    this.changed(false);
  }

  private memberIds(): ReadonlySet<string> | null {
    // Until the members are known, leave owners and assignees to the grain.
    return this.members.size > 0 ? new Set(this.members.keys()) : null;
  }

  /** Pending operations that no longer apply (someone archived the column first, say) are skipped here;
   * the grain will refuse them too, and the refusal is shown then. */
  private rebase(): Board | null {
    let board = this.confirmed;
    if (board === null) return null;
    const members = this.memberIds();
    for (const pending of this.live.pending) {
      // Description edits are shared text: the texts carry them (transformed), not a replay.
      if (pending.op.type === "editCardDescription") continue;
      try {
        board = applyOp(board, this.me, pending.op, pending.at, members);
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
      }
    }
    for (const [cardId, card] of Object.entries(board.cards)) {
      const description = this.texts.view(cardId, card.description);
      if (description !== card.description) board = { ...board, cards: { ...board.cards, [cardId]: { ...card, description } } };
    }
    return board;
  }

  private changed(boardChanged: boolean): void {
    if (boardChanged) this.viewDirty = true;
    this.listeners.forEach((l) => l());
  }
}

/** The column a card is in. */
export function columnOf(board: Board, cardId: string): Board["columns"][number] | undefined {
  return board.columns.find((c) => c.cardIds.includes(cardId));
}

/** A plain sentence for what someone else did (announced in an aria-live region). */
export function describe(before: Board, after: Board, op: BoardOp, who: string): Announcement {
  const params: Record<string, string> = { who: who || "?" };
  if ("cardId" in op) params.card = after.cards[op.cardId]?.title ?? before.cards[op.cardId]?.title ?? "";
  if ("columnId" in op) params.column = after.columns.find((c) => c.id === op.columnId)?.title ?? "";
  switch (op.type) {
    case "renameBoard":
      params.name = after.name;
      break;
    case "moveCard":
      params.column = after.columns.find((c) => c.id === op.toColumnId)?.title ?? "";
      break;
    case "addCard":
      params.column = after.columns.find((c) => c.id === op.columnId)?.title ?? "";
      break;
    default:
      break;
  }
  return { key: `say.${op.type}` as TextKey, params };
}

/**
 * Board operations kept across reloads: all but description edits, which are shared text composed against the
 * description as this page saw it; only the live text client can rebase them, and it does not survive a reload.
 */
export function durableBoardOp(op: BoardOp): boolean {
  return op.type !== "editCardDescription";
}
