// The one module that owns the live connection: the SignalR connection and its reconnects, and for each open
// live document (a board today; cohorts and live sessions later) the sequence it has, the join/resync rules
// and the queue of local operations not yet acknowledged. docs/protocol.md states the rules implemented here.

import { HttpError, HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection } from "@microsoft/signalr";
import { RETRYABLE_CODES, type ClientOutcome, type Committed, type OpId, type PresenceEntry, type SubmitResult, type SyncResult } from "./protocol";
import { decodeCommittedList, decodePresenceList, decodeSubmitResult, decodeSyncResult, type Decoders } from "./decode";
import type { DurableQueue, StoredOp } from "./offlineQueue";

export type ConnectionState = "connecting" | "connected" | "reconnecting" | "offline";

/** What a live document needs of a connection; SignalRTransport in the browser, a fake in the tests. */
export interface Transport {
  readonly state: ConnectionState;
  invoke(method: string, ...args: unknown[]): Promise<unknown>;
  /** Subscribes to a server event; returns the unsubscribe. */
  on(event: string, handler: (...args: unknown[]) => void): () => void;
  /** Every state change. */
  onState(handler: (state: ConnectionState) => void): () => void;
  /** After every successful start or reconnect, on a connection whose server-side state may be new. */
  onConnected(handler: () => void): () => void;
}

/** Capped exponential back-off with jitter: 0.5 s, 1 s, 2 s, 4 s, then 8–10 s, forever. */
export function retryDelay(attempt: number): number {
  const base = Math.min(500 * 2 ** attempt, 8000);
  return base + Math.floor(Math.random() * Math.min(2000, base / 2));
}

/** The SignalR connection: automatic reconnect that never gives up, stateful reconnect, and a start loop
 * for when the connection closes anyway (server restart, offline, a reconnect that failed). */
export class SignalRTransport implements Transport {
  private readonly hub: HubConnection;
  private readonly stateHandlers = new Set<(s: ConnectionState) => void>();
  private readonly connectedHandlers = new Set<() => void>();
  private current: ConnectionState = "connecting";
  private starting = false;
  private stopped = false;
  private wake: (() => void) | null = null;

  constructor(url: string, private readonly onUnauthorized: () => void) {
    this.hub = new HubConnectionBuilder()
      .withUrl(url)
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => retryDelay(ctx.previousRetryCount) })
      // The server buffers up to 1 MB of unacknowledged messages too: see docs/decisions (stateful reconnect).
      .withStatefulReconnect({ bufferSize: 1_000_000 })
      .configureLogging(LogLevel.Warning)
      .build();
    this.hub.onreconnecting(() => this.set(navigator.onLine ? "reconnecting" : "offline"));
    this.hub.onreconnected(() => this.connected());
    this.hub.onclose(() => {
      if (!this.stopped) {
        this.set(navigator.onLine ? "reconnecting" : "offline");
        void this.startLoop();
      }
    });
    window.addEventListener("offline", () => {
      // The socket may not notice for a while; the browser knows now. Stop, queue locally, and start
      // again the moment the network is back.
      this.set("offline");
      if (this.hub.state !== HubConnectionState.Disconnected) void this.hub.stop();
    });
    window.addEventListener("online", () => {
      if (this.current !== "connected") this.set("reconnecting");
      this.wake?.();
      void this.startLoop();
    });
  }

  get state(): ConnectionState {
    return this.current;
  }

  start(): void {
    this.stopped = false;
    void this.startLoop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.hub.stop();
  }

  invoke(method: string, ...args: unknown[]): Promise<unknown> {
    return this.hub.invoke(method, ...args);
  }

  on(event: string, handler: (...args: unknown[]) => void): () => void {
    this.hub.on(event, handler);
    return () => this.hub.off(event, handler);
  }

  onState(handler: (state: ConnectionState) => void): () => void {
    this.stateHandlers.add(handler);
    return () => this.stateHandlers.delete(handler);
  }

  onConnected(handler: () => void): () => void {
    this.connectedHandlers.add(handler);
    return () => this.connectedHandlers.delete(handler);
  }

  private async startLoop(): Promise<void> {
    if (this.starting || this.stopped) return;
    this.starting = true;
    try {
      for (let attempt = 0; !this.stopped; attempt++) {
        if (this.hub.state === HubConnectionState.Connected) return;
        if (this.hub.state === HubConnectionState.Disconnected && navigator.onLine) {
          try {
            await this.hub.start();
            this.connected();
            return;
          } catch (error) {
            if (error instanceof HttpError && error.statusCode === 401) {
              this.onUnauthorized();
              return;
            }
          }
        }
        // Reconnecting (SignalR's own loop is at work), disconnecting, or offline: wait, or wake when online.
        this.set(navigator.onLine ? "reconnecting" : "offline");
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, retryDelay(attempt));
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = null;
      }
    } finally {
      this.starting = false;
    }
  }

  private connected(): void {
    this.set("connected");
    for (const handler of [...this.connectedHandlers]) handler();
  }

  private set(state: ConnectionState): void {
    if (state === this.current) return;
    this.current = state;
    for (const handler of [...this.stateHandlers]) handler(state);
  }
}

/** A refusal from the hub ("code: message" in a HubException) or from the grain (SubmitResult). */
export interface HubRefusal {
  code: string;
  message: string;
}

/** SignalR reports a HubException as "An unexpected error occurred invoking 'X' on the server. HubException: code: message". */
export function parseHubError(error: unknown): HubRefusal | null {
  const text = error instanceof Error ? error.message : String(error);
  const match = /HubException: ([a-z_]+): ([\s\S]*)$/.exec(text);
  return match ? { code: match[1]!, message: match[2]! } : null;
}

/** What a live document keeps in step: the confirmed document and the view of it. A store implements it. */
export interface Replica<TOp, TSnapshot> {
  /** The sequence number of the confirmed document; 0 when there is none yet. */
  readonly seq: number;
  reset(snapshot: TSnapshot, seq: number): void;
  /** Applies the operation that follows the confirmed document (its seq is this.seq + 1). */
  apply(committed: Committed<TOp>): void;
  presence(entries: PresenceEntry[]): void;
  /** The outbox changed (an operation was queued, acknowledged, dropped or refused). */
  pendingChanged(): void;
  refused(op: PendingOp<TOp>, refusal: HubRefusal): void;
  /** The document could not be opened (no access, or it does not exist). */
  failed(refusal: HubRefusal): void;
}

export interface PendingOp<TOp> {
  readonly id: OpId;
  readonly op: TOp;
  /** When it was made here: the time its optimistic application uses. */
  readonly at: string;
  /** The sequence number the grain gave it, once acknowledged. */
  seq: number | null;
}

export interface HubMethods {
  join: string;
  sync: string;
  submit: string;
  editing: string;
  leave: string;
}

export interface HubEvents {
  committed: string;
  presence: string;
  /** The person lost access (removed from the partnership): nothing more will come for the document. */
  revoked: string;
  /** The document was replaced as a whole (an admin restored it): take a fresh snapshot. */
  reset?: string;
}

/** A random client id for one tab: 22 characters of [A-Za-z0-9_-]. */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** How long an acknowledged op may wait for its push before we ask for what we missed. */
const ACK_CATCH_UP_MS = 1500;

/**
 * The wait before an operation is sent again after "not now" (unavailable, rate_limited) or an error without a
 * code: 0.25 s, 0.5 s, 1 s, then 2–3 s, for as long as the page is open. Short, because a silo's failover takes
 * a few seconds and the edit should go out soon after; the server answers "not now" at once or after its 5 s
 * call timeout, so a waiting tab asks a few times a minute at most.
 */
export function opRetryDelay(attempt: number): number {
  const base = Math.min(250 * 2 ** attempt, 2000);
  return base + Math.floor(Math.random() * Math.min(1000, base / 2));
}

/** No client's op id: what a committed op by someone else counts as, whatever client id it carries. */
const FOREIGN: OpId = { clientId: "", number: 0 };

/**
 * The op id a committed op answers for this person: its own only when they sent it. Client ids travel in every push,
 * so a forged op under another's client id must never be taken as the answer to that person's own edit.
 */
export function ownId<TOp>(committed: Committed<TOp>, ownerId: string): OpId {
  return committed.actorId === ownerId ? committed.id : FOREIGN;
}

/** The open documents' outboxes: the page warns before it is left while any of them holds an unsent operation. */
const openOutboxes = new Set<readonly PendingOp<unknown>[]>();

/** How many operations the open documents have not had acknowledged yet (beforeunload asks this). */
export function unsentOperations(): number {
  let count = 0;
  for (const outbox of openOutboxes) count += outbox.filter((p) => p.seq === null).length;
  return count;
}

/**
 * One open live document on a connection: joins after every (re)connect, applies pushes in sequence order,
 * resyncs on a gap, and sends local operations one at a time, in order, re-sending the unacknowledged
 * ones (same OpId) after a reconnect. The grain answers a re-sent op as a duplicate and applies it once.
 */
export class LiveDocument<TOp, TSnapshot extends { seq: number }> {
  private readonly outbox: PendingOp<TOp>[] = [];
  private nextNumber = 1;
  private joined = false;
  private syncing = false;
  private buffer: Committed<TOp>[] = [];
  private sending = false;
  private closed = false;
  private editingItem: string | null = null;
  private catchUp: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private readonly unsubscribe: (() => void)[] = [];
  /** Nothing is sent before the durable queue's operations from an earlier page are back in the outbox, first. */
  private restored: boolean;

  constructor(
    private readonly transport: Transport,
    private readonly documentId: string,
    readonly clientId: string,
    private readonly methods: HubMethods,
    events: HubEvents,
    private readonly decoders: Decoders<TOp, TSnapshot>,
    private readonly replica: Replica<TOp, TSnapshot>,
    /** The signed-in person: only their own ops can answer this client's (a client id is seen by every reader). */
    private readonly ownerId: string,
    /** The person's unsent operations on this document, kept across reloads (null: memory only, as in most tests). */
    private readonly queue: DurableQueue<TOp> | null = null,
    /** Which operations go into the durable queue; shared-text edits do not (see docs/protocol.md, offline). */
    private readonly durable: (op: TOp) => boolean = () => true,
  ) {
    openOutboxes.add(this.outbox);
    this.restored = queue === null;
    if (queue) void this.restore(queue);
    this.unsubscribe.push(
      transport.on(events.committed, (documentId, ops) => {
        if (documentId === this.documentId && !this.closed) this.received(decodeCommittedList(ops, decoders.op));
      }),
      transport.on(events.presence, (documentId, entries) => {
        if (documentId === this.documentId && !this.closed) replica.presence(decodePresenceList(entries));
      }),
      transport.on(events.revoked, (documentId) => {
        if (documentId === this.documentId && !this.closed) {
          this.closed = true;
          replica.failed({ code: "forbidden", message: "Du har ikke længere adgang. / You no longer have access." });
        }
      }),
    );
    if (events.reset) {
      this.unsubscribe.push(
        transport.on(events.reset, (documentId) => {
          if (documentId === this.documentId && !this.closed) void this.resync(0);
        }),
      );
    }
    this.unsubscribe.push(transport.onConnected(() => void this.join()));
    this.unsubscribe.push(
      transport.onState((state) => {
        if (state !== "connected") this.joined = false;
      }),
    );
    if (transport.state === "connected") void this.join();
  }

  /** Operations not yet confirmed, oldest first: the store applies them on top of the confirmed document. */
  get pending(): readonly PendingOp<TOp>[] {
    return this.outbox;
  }

  get isJoined(): boolean {
    return this.joined;
  }

  /** Whether the last Join or Submit failed with "not now" or an unknown error and is being tried again: the
   * view says "Forbinder igen …" although the connection itself is up. */
  get retrying(): boolean {
    return this.failures > 0;
  }

  /** Queues a local operation (it applies at once in the view) and sends it when it can. */
  submit(op: TOp): PendingOp<TOp> {
    const entry: PendingOp<TOp> = { id: { clientId: this.clientId, number: this.nextNumber++ }, op, at: new Date().toISOString(), seq: null };
    // Written before it shows as pending; IndexedDB runs the later removal after this write.
    if (this.queue && this.durable(op)) this.queue.put({ id: entry.id, op, at: entry.at }).catch(() => undefined);
    this.outbox.push(entry);
    this.replica.pendingChanged();
    void this.pump();
    return entry;
  }

  /** Which item this tab is editing (null: none); re-announced after every join. */
  editing(itemId: string | null): void {
    this.editingItem = itemId;
    if (this.joined) this.transport.invoke(this.methods.editing, this.documentId, itemId).catch(() => undefined);
  }

  /** Whether an operation (from this tab, or restored from an earlier page) was sent by this document. */
  owns(id: OpId): boolean {
    return this.outbox.some((p) => sameId(p.id, id)) || id.clientId === this.clientId;
  }

  async close(): Promise<void> {
    this.closed = true;
    openOutboxes.delete(this.outbox);
    this.unsubscribe.forEach((u) => u());
    if (this.catchUp) clearTimeout(this.catchUp);
    if (this.transport.state === "connected") {
      await this.transport.invoke(this.methods.leave, this.documentId).catch(() => undefined);
    }
  }

  /** Puts the operations an earlier page could not send ahead of this page's, and sends them when joined. */
  private async restore(queue: DurableQueue<TOp>): Promise<void> {
    let stored: StoredOp<TOp>[] = [];
    try {
      stored = await queue.load();
    } catch {
      // No IndexedDB here (a private window may refuse it): the outbox works in memory, as before.
    }
    // This page's own operations are in the outbox already.
    const earlier = stored.filter((s) => s.id.clientId !== this.clientId && !this.outbox.some((p) => sameId(p.id, s.id)));
    this.outbox.unshift(...earlier.map((s) => ({ id: s.id, op: s.op, at: s.at, seq: null })));
    this.restored = true;
    if (earlier.length > 0) this.replica.pendingChanged();
    void this.pump();
  }

  private async join(): Promise<void> {
    if (this.closed) return;
    this.joined = false;
    this.syncing = true;
    let result: SyncResult<TOp, TSnapshot>;
    try {
      result = decodeSyncResult(await this.transport.invoke(this.methods.join, this.documentId, this.replica.seq), this.decoders);
    } catch (error) {
      this.syncing = false;
      const refusal = parseHubError(error);
      if (refusal && !RETRYABLE_CODES.includes(refusal.code)) this.replica.failed(refusal);
      else if (this.transport.state === "connected") {
        this.failed();
        setTimeout(() => void this.join(), opRetryDelay(this.failures));
      }
      return;
    }
    this.recovered();
    this.applySync(result);
    this.joined = true;
    this.syncing = false;
    this.drainBuffer();
    if (this.editingItem !== null) this.editing(this.editingItem);
    void this.pump();
  }

  /** Asks for what we missed (fromSeq 0: a full snapshot). Pushes arriving meanwhile wait in the buffer. */
  private async resync(fromSeq = this.replica.seq): Promise<void> {
    if (this.syncing || !this.joined || this.closed) return;
    this.syncing = true;
    try {
      this.applySync(decodeSyncResult(await this.transport.invoke(this.methods.sync, this.documentId, fromSeq), this.decoders));
    } catch {
      // A reconnect joins again, which syncs; nothing else to do here.
    } finally {
      this.syncing = false;
    }
    this.drainBuffer();
  }

  private applySync(result: SyncResult<TOp, TSnapshot>): void {
    if (result.snapshot !== null) {
      this.resolve(result.outcomes);
      // The snapshot is the document as of its own seq; the ops after it follow (a Join can bring both).
      this.replica.reset(result.snapshot, result.snapshot.seq);
    }
    this.replica.presence(result.presence);
    this.process(result.ops);
    this.dropConfirmed();
  }

  /**
   * Before a snapshot replaces the document: an operation whose answer was lost (the connection dropped while it
   * was in flight) and that the grain committed is acknowledged here, so the store counts it as in the snapshot.
   * One the grain never handled, or refused, stays: it is sent again with its OpId and the grain answers it.
   */
  private resolve(outcomes: readonly ClientOutcome[]): void {
    // Restored operations carry an earlier page's client id: each client's outcome answers its own.
    for (const own of outcomes) {
      if (own.seq === null) continue;
      const entry = this.outbox.find((p) => p.seq === null && p.id.clientId === own.clientId && p.id.number === own.number);
      if (entry) entry.seq = own.seq;
    }
  }

  private received(ops: Committed<TOp>[]): void {
    if (this.syncing || !this.joined) {
      this.buffer.push(...ops);
      return;
    }
    this.process(ops);
  }

  private drainBuffer(): void {
    const buffered = this.buffer;
    this.buffer = [];
    if (buffered.length > 0) this.process(buffered);
  }

  /** Skips what we have, applies the next one, and on a gap keeps the rest and asks for the missing ones. */
  private process(ops: readonly Committed<TOp>[]): void {
    const sorted = [...ops].sort((a, b) => a.seq - b.seq);
    for (let i = 0; i < sorted.length; i++) {
      const committed = sorted[i]!;
      if (committed.seq <= this.replica.seq) continue;
      if (committed.seq !== this.replica.seq + 1) {
        this.buffer.push(...sorted.slice(i));
        void this.resync();
        return;
      }
      try {
        this.replica.apply(committed);
      } catch {
        // Our copy disagrees with the grain (it should never happen): start again from a snapshot.
        this.buffer = [];
        void this.resync(0);
        return;
      }
      this.confirm(committed);
    }
    this.dropConfirmed();
  }

  private confirm({ id, actorId }: Committed<TOp>): void {
    if (actorId !== this.ownerId) return;
    const index = this.outbox.findIndex((p) => sameId(p.id, id));
    if (index >= 0) {
      this.forget(this.outbox.splice(index, 1)[0]!);
      this.replica.pendingChanged();
    }
  }

  /** An acknowledged op leaves the outbox once the confirmed document has reached its seq. */
  private dropConfirmed(): void {
    const before = this.outbox.length;
    for (let i = this.outbox.length - 1; i >= 0; i--) {
      const seq = this.outbox[i]!.seq;
      if (seq !== null && seq <= this.replica.seq) this.forget(this.outbox.splice(i, 1)[0]!);
    }
    if (this.outbox.length !== before) this.replica.pendingChanged();
  }

  /**
   * Sends the unacknowledged operations one at a time, in order; stops when the connection does. Only a
   * refusal with a definitive code (validation, forbidden, not_found, conflict, malformed, limit_exceeded, stale…)
   * drops an operation, with its reason shown; "not now" and errors without a code keep it first in the queue
   * and send it again, with the same op id, for as long as the page is open.
   */
  private async pump(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      while (this.joined && this.restored && !this.closed && this.transport.state === "connected") {
        const entry = this.outbox.find((p) => p.seq === null);
        if (!entry) return;
        let result: SubmitResult;
        try {
          result = decodeSubmitResult(await this.transport.invoke(this.methods.submit, this.documentId, entry.id, entry.op));
        } catch (error) {
          const refusal = parseHubError(error);
          if (refusal) {
            result = { seq: null, duplicate: false, errorCode: refusal.code, error: refusal.message };
          } else if (this.transport.state !== "connected") {
            return; // kept; re-sent after the reconnect's join
          } else {
            // No code: a server that failed in a way it could not name. Not a "no": keep it and try again.
            this.failed();
            await delay(opRetryDelay(this.failures));
            continue;
          }
        }
        if (result.errorCode !== null && RETRYABLE_CODES.includes(result.errorCode)) {
          this.failed();
          await delay(opRetryDelay(this.failures));
          continue;
        }
        this.recovered();
        if (result.seq !== null) {
          entry.seq = result.seq;
          // Acknowledged: the grain has it durably, so the browser need not keep it any longer.
          this.forget(entry);
          this.dropConfirmed();
          this.expectConfirmation(result.seq);
        } else if (result.duplicate) {
          // Handled before, outcome unknown: drop it, and ask what happened.
          this.drop(entry, null);
          void this.resync();
        } else {
          this.drop(entry, { code: result.errorCode ?? "unknown", message: result.error ?? "" });
        }
      }
    } finally {
      this.sending = false;
    }
  }

  private failed(): void {
    if (this.failures++ === 0) this.replica.pendingChanged();
  }

  private recovered(): void {
    if (this.failures === 0) return;
    this.failures = 0;
    this.replica.pendingChanged();
  }

  private drop(entry: PendingOp<TOp>, refusal: HubRefusal | null): void {
    const index = this.outbox.indexOf(entry);
    if (index >= 0) this.outbox.splice(index, 1);
    this.forget(entry);
    if (refusal) this.replica.refused(entry, refusal);
    this.replica.pendingChanged();
  }

  private forget(entry: PendingOp<TOp>): void {
    this.queue?.remove(entry.id).catch(() => undefined);
  }

  /** Pushes are best effort: if the push for an acknowledged op does not come, ask for it. */
  private expectConfirmation(seq: number): void {
    if (seq <= this.replica.seq || this.catchUp) return;
    this.catchUp = setTimeout(() => {
      this.catchUp = null;
      if (seq > this.replica.seq) void this.resync();
    }, ACK_CATCH_UP_MS);
  }
}

function sameId(a: OpId, b: OpId): boolean {
  return a.clientId === b.clientId && a.number === b.number;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
