// The board store: the confirmed board (exactly the grain's, as of `seq`) and, on top of it, the local
// operations the grain has not confirmed yet, re-applied after every change to the confirmed board. Views
// read `view` and call `submit`; the LiveSession in connection.ts moves operations to and from the grain.

import { applyOp, Refusal, type Actor } from "../boardReducer";
import { boardDecoders } from "../decode";
import { LiveSession, newClientId, type ConnectionState, type HubRefusal, type PendingOp, type Replica, type Transport } from "../connection";
import { BoardHubContract, type Board, type BoardOp, type BoardSnapshot, type Committed, type Member, type PresenceEntry } from "../protocol";
import type { TextKey } from "../i18n";

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

  private readonly session: LiveSession<BoardOp, BoardSnapshot>;
  private readonly listeners = new Set<() => void>();
  private readonly announcers = new Set<(a: Announcement) => void>();
  private cachedView: Board | null = null;
  private viewDirty = true;
  private noticeId = 0;

  constructor(
    private readonly transport: Transport,
    readonly boardId: string,
    private readonly me: Actor,
    clientId: string = newClientId(),
  ) {
    this.session = new LiveSession(transport, boardId, clientId, BoardHubContract.methods, BoardHubContract.events, boardDecoders, this);
    transport.onState(() => this.changed(false));
  }

  get clientId(): string {
    return this.session.clientId;
  }

  get connection(): ConnectionState {
    return this.transport.state;
  }

  get pending(): readonly PendingOp<BoardOp>[] {
    return this.session.pending;
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
    this.session.submit(op);
    return true;
  }

  editing(cardId: string | null): void {
    this.session.editing(cardId);
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
    return this.session.close();
  }

  // ---- Replica: called by the live session ----

  reset(snapshot: BoardSnapshot, seq: number): void {
    this.confirmed = snapshot.board;
    this.seq = seq;
    this.failure = null;
    this.changed(true);
  }

  apply(committed: Committed<BoardOp>): void {
    if (this.confirmed === null) throw new Error("No board to apply to.");
    const before = this.confirmed;
    const actor: Actor = { userId: committed.actorId, displayName: committed.actorName ?? this.nameOf(committed.actorId) };
    // The grain checked the members when it committed this; ours may be a few seconds older.
    this.confirmed = applyOp(before, actor, committed.op, committed.at, null);
    this.seq = committed.seq;
    // A deleted account is no longer someone to choose as an owner or an assignee.
    if (committed.op.type === "forgetPerson") this.members.delete(committed.op.userId);
    this.changed(true);
    if (committed.id.clientId !== this.session.clientId) {
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

  refused(_op: PendingOp<BoardOp>, refusal: HubRefusal): void {
    this.notice(refusal.code, refusal.message);
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
    for (const pending of this.session.pending) {
      try {
        board = applyOp(board, this.me, pending.op, pending.at, members);
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
      }
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
