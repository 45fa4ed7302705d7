// A stand-in for the board grain and hub, for the store tests: the same sequencing, duplicate and sync
// rules as LiveGrain (a bounded window, snapshot when fromSeq is 0 or too old, with the caller's outcomes),
// shared text as SharedText.Edit does it (transformed over the history, `stale` before it), with the TS reducer as rules.
import { applyOp, Refusal } from "../src/boardReducer";
import type { ConnectionState, Transport } from "../src/connection";
import type { Board, BoardOp, Committed, OpId, PresenceEntry, SubmitResult } from "../src/protocol";
import { transform } from "../src/text/textOp";

const displayNames: Record<string, string> = { anna: "Anna", bo: "Bo" };

export function newBoard(id = "b1"): Board {
  return {
    id,
    partnershipId: "p1",
    name: "Tavle",
    texts: { from: 0, edits: [] },
    columns: [
      { id: "ideas", title: "Idéer", archived: false, cardIds: [] },
      { id: "planned", title: "Planlagt", archived: false, cardIds: [] },
      { id: "doing", title: "I gang", archived: false, cardIds: [] },
      { id: "done", title: "Afsluttet", archived: false, cardIds: [] },
    ],
    cards: {},
  };
}

export class FakeServer {
  board: Board;
  seq = 0;
  window: Committed<BoardOp>[] = [];
  windowSize = 1000;
  /** How many text edits the board's history keeps (TextHistory.MaxEdits on the grain). */
  historyMax = 100;
  /** The last op of each client, keyed by its author and client id, as the grain keys them (LiveState.Marks). */
  clients = new Map<string, { clientId: string; last: number; seq: number | null; code: string | null; error: string | null; actor: string }>();
  connections = new Set<FakeTransport>();
  members = new Set(["anna", "bo"]);
  presence: PresenceEntry[] = [];

  constructor(readonly boardId = "b1") {
    this.board = newBoard(boardId);
  }

  submit(actor: string, id: OpId, op: BoardOp, push = true): SubmitResult {
    const key = `${actor}\u0000${id.clientId}`;
    const mark = this.clients.get(key);
    if (mark && id.number <= mark.last) {
      if (id.number !== mark.last) return { seq: null, duplicate: true, errorCode: null, error: null };
      if (mark.code) return { seq: null, duplicate: false, errorCode: mark.code, error: mark.error };
      return { seq: mark.seq, duplicate: true, errorCode: null, error: null };
    }
    try {
      if (op.type === "editCardDescription") op = this.transformed(op);
      this.board = applyOp(this.board, { userId: actor, displayName: actor }, op, new Date(0).toISOString(), this.members);
    } catch (e) {
      const r = e as Refusal;
      this.clients.set(key, { clientId: id.clientId, last: id.number, seq: null, code: r.code, error: r.message, actor });
      return { seq: null, duplicate: false, errorCode: r.code, error: r.message };
    }
    const committed: Committed<BoardOp> = { seq: ++this.seq, id, actorId: actor, at: new Date(0).toISOString(), op, actorName: displayNames[actor] ?? actor };
    if (op.type === "editCardDescription") {
      const texts = this.board.texts ?? { from: 0, edits: [] };
      const edits = [...texts.edits, { seq: this.seq, id, field: op.cardId, op: op.op }];
      const drop = Math.max(0, edits.length - this.historyMax);
      this.board = { ...this.board, texts: { from: drop > 0 ? edits[drop - 1]!.seq : texts.from, edits: edits.slice(drop) } };
    }
    this.window.push(committed);
    if (this.window.length > this.windowSize) this.window.shift();
    this.clients.set(key, { clientId: id.clientId, last: id.number, seq: this.seq, code: null, error: null, actor });
    if (push) this.broadcast([committed]);
    return { seq: this.seq, duplicate: false, errorCode: null, error: null };
  }

  broadcast(ops: Committed<BoardOp>[]): void {
    for (const c of this.connections) c.push("Committed", this.boardId, structuredClone(ops));
  }

  sync(fromSeq: number, actor = "anna") {
    const oldest = this.window.length > 0 ? this.window[0]!.seq : this.seq + 1;
    if (fromSeq > 0 && fromSeq <= this.seq && fromSeq >= oldest - 1) {
      return { seq: this.seq, ops: structuredClone(this.window.filter((c) => c.seq > fromSeq)), snapshot: null, presence: this.presence, outcomes: [] };
    }
    const outcomes = [...this.clients.values()].filter((m) => m.actor === actor).map((m) => ({ clientId: m.clientId, number: m.last, seq: m.seq }));
    return { seq: this.seq, ops: [], snapshot: { seq: this.seq, board: structuredClone(this.board) }, presence: this.presence, outcomes };
  }

  /** A description edit as the grain commits it: over the edits after its base, with base = its seq - 1. */
  private transformed(op: Extract<BoardOp, { type: "editCardDescription" }>): BoardOp {
    const texts = this.board.texts ?? { from: 0, edits: [] };
    if (op.base < texts.from) throw new Refusal("stale", "Forældet. / Stale.");
    let t = op.op;
    for (const e of texts.edits) if (e.seq > op.base && e.field === op.cardId) t = transform(e.op, t)[1];
    return { ...op, base: this.seq, op: t };
  }
}

/** A connection to the fake server that the test can cut, restore, and make lose pushes. */
export class FakeTransport implements Transport {
  state: ConnectionState = "connected";
  dropPushes = false;
  /** While false, Join and Sync answer with a snapshot (as when the grain's window no longer reaches back). */
  window = true;
  /** Hold answers to Submit until released (to test pushes that arrive before the ack, and lost acks). */
  holdSubmits = false;
  held: (() => void)[] = [];
  calls: { method: string; args: unknown[] }[] = [];
  private handlers = new Map<string, Set<(...a: unknown[]) => void>>();
  private stateHandlers = new Set<(s: ConnectionState) => void>();
  private connectedHandlers = new Set<() => void>();

  constructor(readonly server: FakeServer, readonly userId = "anna") {
    server.connections.add(this);
  }

  async invoke(method: string, ...args: unknown[]): Promise<unknown> {
    this.calls.push({ method, args: structuredClone(args) });
    if (this.state !== "connected") throw new Error("Invocation canceled due to the underlying connection being closed.");
    await Promise.resolve();
    switch (method) {
      case "Join":
      case "Sync":
        return structuredClone(this.server.sync(this.window ? (args[1] as number) : 0, this.userId));
      case "Submit": {
        const result = this.server.submit(this.userId, args[1] as OpId, structuredClone(args[2] as BoardOp));
        if (this.holdSubmits) {
          return new Promise((resolve, reject) =>
            this.held.push(() => (this.state === "connected" ? resolve(result) : reject(new Error("Invocation canceled")))),
          );
        }
        return result;
      }
      default:
        return null;
    }
  }

  on(event: string, handler: (...args: unknown[]) => void): () => void {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event)!.add(handler);
    return () => this.handlers.get(event)!.delete(handler);
  }

  onState(handler: (s: ConnectionState) => void): () => void {
    this.stateHandlers.add(handler);
    return () => this.stateHandlers.delete(handler);
  }

  onConnected(handler: () => void): () => void {
    this.connectedHandlers.add(handler);
    return () => this.connectedHandlers.delete(handler);
  }

  push(event: string, ...args: unknown[]): void {
    if (this.state !== "connected" || this.dropPushes) return;
    this.handlers.get(event)?.forEach((h) => h(...args));
  }

  disconnect(): void {
    this.setState("offline");
    const held = this.held;
    this.held = [];
    held.forEach((r) => r());
  }

  reconnect(): void {
    this.setState("connected");
    this.connectedHandlers.forEach((h) => h());
  }

  release(): void {
    const held = this.held;
    this.held = [];
    held.forEach((r) => r());
  }

  private setState(s: ConnectionState): void {
    this.state = s;
    this.stateHandlers.forEach((h) => h(s));
  }
}

/** Lets queued promise callbacks run (the fake answers asynchronously). */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0));
}
