// The cohort store: the confirmed cohort (exactly the grain's, as of `seq`) and, on top of it, the moderator's
// operations the grain has not confirmed yet. Views read `view` and call `submit`; the LiveDocument in connection.ts
// moves operations to and from the grain.

import { applyCohortOp } from "../cohortReducer";
import { cohortDecoders } from "../decode";
import { LiveDocument, newClientId, type ConnectionState, type HubRefusal, type PendingOp, type Replica, type Transport } from "../connection";
import type { Actor } from "../boardReducer";
import {
  CohortHubContract,
  type AssignmentGiven,
  type AttendanceMark,
  type AttendanceNote,
  type CheckInCode,
  type Cohort,
  type CohortOp,
  type CohortSnapshot,
  type Committed,
  type PresenceEntry,
  type TeamProposal,
} from "../protocol";

export interface RefusalNotice {
  id: number;
  code: string;
  message: string;
}

export class CohortStore implements Replica<CohortOp, CohortSnapshot> {
  confirmed: Cohort | null = null;
  seq = 0;
  presenceList: PresenceEntry[] = [];
  refusals: RefusalNotice[] = [];
  failure: HubRefusal | null = null;
  /** Moderators only: the notes on attendance marks ("sessionId userId" → note), which the document never carries. */
  notes = new Map<string, string>();

  private readonly live: LiveDocument<CohortOp, CohortSnapshot>;
  private readonly listeners = new Set<() => void>();
  private readonly arrivals = new Set<(person: string) => void>();
  private noticeId = 0;

  constructor(
    private readonly transport: Transport,
    readonly cohortId: string,
    readonly me: Actor,
    clientId: string = newClientId(),
  ) {
    this.live = new LiveDocument(transport, cohortId, clientId, CohortHubContract.methods, CohortHubContract.events, cohortDecoders, this, me.userId);
    transport.onState(() => this.changed());
  }

  /** "reconnecting" also while the server answers "not now" and a change waits to be sent again. */
  get connection(): ConnectionState {
    return this.transport.state === "connected" && this.live.retrying ? "reconnecting" : this.transport.state;
  }

  get pending(): readonly PendingOp<CohortOp>[] {
    return this.live.pending;
  }

  /** The cohort as this person sees it: the confirmed one with their pending operations applied. One the grain
   * will refuse (someone removed the module first) is skipped here and its refusal shown when it comes. */
  get view(): Cohort | null {
    let cohort = this.confirmed;
    if (cohort === null) return null;
    for (const p of this.live.pending) {
      try {
        cohort = applyCohortOp(cohort, { op: p.op, actorId: this.me.userId, at: p.at });
      } catch {
        // skipped: see above
      }
    }
    return cohort;
  }

  get isModerator(): boolean {
    return this.confirmed?.people.some((p) => p.userId === this.me.userId && p.role === "moderator") ?? false;
  }

  submit(op: CohortOp): boolean {
    if (this.confirmed === null || this.failure !== null) return false;
    this.live.submit(op);
    return true;
  }

  // ---- Calls beside the operations (cohort hub methods; the grain checks who may) ----

  proposeTeams(teamSize: number, seed: number): Promise<TeamProposal> {
    return this.call<TeamProposal>(CohortHubContract.methods.proposeTeams, teamSize, seed);
  }

  giveAssignment(assignmentId: string): Promise<AssignmentGiven> {
    return this.call<AssignmentGiven>(CohortHubContract.methods.giveAssignment, assignmentId);
  }

  checkInCode(sessionId: string): Promise<CheckInCode> {
    return this.call<CheckInCode>(CohortHubContract.methods.checkInCode, sessionId);
  }

  checkIn(code: string): Promise<AttendanceMark> {
    return this.call<AttendanceMark>(CohortHubContract.methods.checkIn, code);
  }

  async setMyPartnership(partnershipId: string | null): Promise<void> {
    await this.call<CohortSnapshot>(CohortHubContract.methods.setMyPartnership, partnershipId);
  }

  /** Fetches the moderators' notes again (after a mark changed: its push carries no note). */
  async refreshNotes(): Promise<void> {
    if (!this.isModerator) return;
    const notes = await this.call<AttendanceNote[]>(CohortHubContract.methods.attendanceNotes);
    this.notes = new Map(notes.map((n) => [`${n.sessionId} ${n.userId}`, n.note]));
    this.changed();
  }

  private call<T>(method: string, ...args: unknown[]): Promise<T> {
    return this.transport.invoke(method, this.cohortId, ...args) as Promise<T>;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Someone joined the cohort (their name), for the screen-reader announcement. */
  onArrival(listener: (person: string) => void): () => void {
    this.arrivals.add(listener);
    return () => this.arrivals.delete(listener);
  }

  dismiss(id: number): void {
    this.refusals = this.refusals.filter((r) => r.id !== id);
    this.changed();
  }

  close(): Promise<void> {
    this.listeners.clear();
    this.arrivals.clear();
    return this.live.close();
  }

  // ---- Replica: called by the live document ----

  reset(snapshot: CohortSnapshot, seq: number): void {
    this.confirmed = snapshot.cohort;
    this.seq = seq;
    this.failure = null;
    this.changed();
    void this.refreshNotes().catch(() => undefined);
  }

  apply(committed: Committed<CohortOp>): void {
    if (this.confirmed === null) throw new Error("No cohort to apply to.");
    const op = committed.op;
    const newcomer = op.type === "enrolPerson" && !this.confirmed.people.some((p) => p.userId === op.userId) ? op.displayName : null;
    this.confirmed = applyCohortOp(this.confirmed, committed);
    this.seq = committed.seq;
    this.changed();
    if (newcomer !== null) this.arrivals.forEach((a) => a(newcomer));
    if (op.type === "markAttendance" || op.type === "clearAttendance" || op.type === "removeSession") void this.refreshNotes().catch(() => undefined);
  }

  presence(entries: PresenceEntry[]): void {
    this.presenceList = entries;
    this.changed();
  }

  pendingChanged(): void {
    this.changed();
  }

  refused(_op: PendingOp<CohortOp>, refusal: HubRefusal): void {
    this.refusals = [...this.refusals.slice(-2), { id: ++this.noticeId, code: refusal.code, message: refusal.message }];
    this.changed();
  }

  failed(refusal: HubRefusal): void {
    this.failure = refusal;
    this.changed();
  }

  private changed(): void {
    this.listeners.forEach((l) => l());
  }
}
