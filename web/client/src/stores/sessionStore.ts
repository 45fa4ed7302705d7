// A live session as one connection sees it. Sessions do not replay operations in the browser (decision 015): the
// grain sends each audience a whole view — StaffView to moderators, RoomView to participants and projectors — and
// this store keeps the newest (by seq). Changes go out one at a time with a stable OpId, sent again after a reconnect
// or a "not now"; the grain answers a repeat as a duplicate and applies it once.

import { newClientId, opRetryDelay, parseHubError, type ConnectionState, type HubRefusal, type Transport } from "../connection";
import { newId } from "../ids";
import { RETRYABLE_CODES } from "../protocol";
import {
  SessionHubContract,
  type OpId,
  type ParticipantWork,
  type PollAnswer,
  type RoomView,
  type SessionAudience,
  type SessionOp,
  type SessionOpened,
  type SessionRole,
  type StaffView,
  type SubmitResult,
} from "../generated/contracts";
import { ServerClock } from "./sessionClock";

export class SessionStore {
  room: RoomView | null = null;
  staff: StaffView | null = null;
  role: SessionRole | null = null;
  participantId: string | null = null;
  displayName: string | null = null;
  /** The participant's own answers, by poll id (the newest per poll). */
  mine = new Map<string, PollAnswer>();
  /** The participant's own questions, votes and hand, as the last Open gave them (decision 022). */
  work: ParticipantWork | null = null;
  failure: HubRefusal | null = null;
  refusal: HubRefusal | null = null;
  /** The server's clock, as the views tell it: timers count down on it (sessionClock.ts). */
  readonly clock = new ServerClock();

  private readonly listeners = new Set<() => void>();
  private readonly unsubscribe: (() => void)[] = [];
  private readonly outbox: { id: OpId; op: SessionOp }[] = [];
  private readonly clientId = newClientId();
  private nextNumber = 1;
  private sending = false;
  private closed = false;
  private opened = false;

  constructor(
    private readonly transport: Transport,
    readonly sessionId: string,
    readonly audience: SessionAudience,
  ) {
    const ev = SessionHubContract.events;
    this.unsubscribe.push(
      transport.on(ev.staff, (id, view) => {
        const v = view as StaffView;
        if (id === sessionId) this.clock.observe(v.room.serverNow);
        if (id === sessionId && !this.closed && (this.staff === null || v.seq >= this.staff.seq)) {
          this.staff = v;
          this.room = v.room;
          this.changed();
        }
      }),
      transport.on(ev.room, (id, view) => {
        const v = view as RoomView;
        if (id === sessionId) this.clock.observe(v.serverNow);
        if (id === sessionId && !this.closed && (this.room === null || v.seq >= this.room.seq)) {
          this.room = v;
          this.changed();
        }
      }),
      transport.on(ev.revoked, (id) => {
        if (id === sessionId) this.failed({ code: "forbidden", message: "Du har ikke længere adgang. / You no longer have access." });
      }),
      transport.onConnected(() => void this.open()),
      transport.onState((state) => {
        if (state !== "connected") this.opened = false;
        this.changed();
      }),
    );
    if (transport.state === "connected") void this.open();
  }

  get connection(): ConnectionState {
    return this.transport.state;
  }

  get unsent(): number {
    return this.outbox.length;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Queues a change; the answer a participant gives is shown as theirs at once. */
  submit(op: SessionOp): void {
    if (this.failure) return;
    if (op.type === "submitAnswer" && this.participantId) {
      this.mine.set(op.pollId, {
        participantId: this.participantId,
        answerId: op.answerId,
        choices: op.choices,
        scale: op.scale,
        words: op.words,
        text: op.text ?? "",
        approved: false,
        at: new Date().toISOString(),
      });
    }
    this.outbox.push({ id: { clientId: this.clientId, number: this.nextNumber++ }, op });
    this.refusal = null;
    this.changed();
    void this.pump();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    this.unsubscribe.forEach((u) => u());
    if (this.transport.state === "connected") await this.transport.invoke(SessionHubContract.methods.leave, this.sessionId).catch(() => undefined);
  }

  private async open(): Promise<void> {
    if (this.closed) return;
    try {
      const opened = (await this.transport.invoke(SessionHubContract.methods.open, this.sessionId, this.audience)) as SessionOpened;
      this.clock.observe(opened.room.serverNow);
      this.role = opened.role;
      this.participantId = opened.participantId;
      this.displayName = opened.displayName;
      if (opened.staff && (this.staff === null || opened.staff.seq >= this.staff.seq)) this.staff = opened.staff;
      if (this.room === null || opened.room.seq >= this.room.seq) this.room = opened.room;
      for (const answer of opened.mine) this.mine.set(answerPoll(answer), answer);
      this.work = opened.work;
      this.opened = true;
      this.failure = null;
      this.changed();
      void this.pump();
    } catch (error) {
      const refusal = parseHubError(error);
      if (refusal && !RETRYABLE_CODES.includes(refusal.code)) this.failed(refusal);
      else if (this.transport.state === "connected") setTimeout(() => void this.open(), opRetryDelay(2));
    }
  }

  private async pump(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      for (let attempt = 0; this.outbox.length > 0 && this.opened && !this.closed; ) {
        const next = this.outbox[0]!;
        let result: SubmitResult | null = null;
        try {
          result = (await this.transport.invoke(SessionHubContract.methods.submit, this.sessionId, next.id, next.op)) as SubmitResult;
        } catch {
          result = null;
        }
        if (result && (result.errorCode === null || !RETRYABLE_CODES.includes(result.errorCode))) {
          this.outbox.shift();
          attempt = 0;
          if (result.errorCode !== null) this.refusal = { code: result.errorCode, message: result.error ?? "" };
          this.changed();
          continue;
        }
        if (this.transport.state !== "connected") return; // sent again after the next Open
        await new Promise((resolve) => setTimeout(resolve, opRetryDelay(attempt++)));
      }
    } finally {
      this.sending = false;
    }
  }

  private failed(refusal: HubRefusal): void {
    this.failure = refusal;
    this.changed();
  }

  private changed(): void {
    this.listeners.forEach((l) => l());
  }
}

/** An answer's id is "{pollId}_{random}" (answerIdFor): the answers a participant gets back on Open carry no poll id. */
export function answerIdFor(pollId: string): string {
  return `${pollId}_${newId("a").slice(2)}`;
}

function answerPoll(answer: PollAnswer): string {
  const cut = answer.answerId.lastIndexOf("_");
  return cut > 0 ? answer.answerId.slice(0, cut) : "";
}
