// The agreement store: the confirmed agreement (exactly the grain's, as of `seq`), the shared texts of its sections
// (text/textClient.ts: pending edits, undo and redo, carets), and the rest of what the screen shows: who is here and
// where their carets are, approvals, refusals. Views read it and call its methods; the LiveDocument in connection.ts
// moves operations to and from the grain.

import { applyAgreementOp } from "../agreementReducer";
import { agreementDecoders, decodeAgreementVersion } from "../decode";
import { LiveDocument, newClientId, ownId, type ConnectionState, type HubRefusal, type PendingOp, type Replica, type Transport } from "../connection";
import type { Actor } from "../boardReducer";
import type { TextKey } from "../i18n";
import {
  AGREEMENT_SECTIONS,
  AgreementHubContract,
  AgreementLimits,
  type Agreement,
  type AgreementOp,
  type AgreementParty,
  type AgreementSection,
  type AgreementSnapshot,
  type AgreementVersion,
  type Committed,
  type Approval,
  type Member,
  type Party,
  type OpId,
  type PresenceEntry,
  type RecordCheck,
} from "../protocol";
import { checkTextEdit } from "../text/rules";
import { formatEditing, parseEditing, SharedTexts, type Selection, type TextChange } from "../text/textClient";
import type { TextOp } from "../text/textOp";

export interface Announcement {
  key: TextKey;
  params: Record<string, string>;
}

export interface RefusalNotice {
  id: number;
  code: string;
  message: string;
}

/** Another person's caret in a section, placed in the section's text as this person sees it. */
export interface PlacedCaret {
  entry: PresenceEntry;
  selection: Selection;
}

/** How often a remote person's typing in one section is announced, at most. */
const EDIT_ANNOUNCE_MS = 20_000;

/** Caret updates go out at most this often. */
const CARET_THROTTLE_MS = 150;

export const partyOf = (side: Member["side"]): AgreementParty => (side === "municipality" ? "municipality" : "voluntary");

/** A party's name for an announcement; an approval from before parties were entities says its side ("municipality"),
 * which the view puts in words. */
export const partyLabel = (a: Approval): string => a.partyName || a.party;

const signerName = (agreement: Agreement, partyId: string): string => agreement.signers.find((s) => s.partyId === partyId)?.name ?? partyId;

export class AgreementStore implements Replica<AgreementOp, AgreementSnapshot> {
  confirmed: Agreement | null = null;
  seq = 0;
  presenceList: PresenceEntry[] = [];
  refusals: RefusalNotice[] = [];
  failure: HubRefusal | null = null;
  members = new Map<string, Member>();
  parties: readonly Party[] = [];
  readonly texts: SharedTexts;

  private readonly live: LiveDocument<AgreementOp, AgreementSnapshot>;
  private readonly listeners = new Set<() => void>();
  private readonly announcers = new Set<(a: Announcement) => void>();
  private readonly versions = new Map<number, Promise<AgreementVersion>>();
  private readonly versionsRead = new Map<number, AgreementVersion>();
  private readonly announced = new Map<string, number>();
  private noticeId = 0;
  private editingSection: AgreementSection | null = null;
  private caretTimer: ReturnType<typeof setTimeout> | null = null;
  private caretSentAt = 0;

  constructor(
    private readonly transport: Transport,
    readonly partnershipId: string,
    readonly me: Actor,
    clientId: string = newClientId(),
    private readonly clock: () => number = () => Date.now(),
  ) {
    this.texts = new SharedTexts((field, base, op) => this.sendEdit(field as AgreementSection, base, op), clock);
    this.live = new LiveDocument(transport, partnershipId, clientId, AgreementHubContract.methods, AgreementHubContract.events, agreementDecoders, this, me.userId);
    transport.onState(() => this.changed());
  }

  get clientId(): string {
    return this.live.clientId;
  }

  /** "reconnecting" also while the server answers "not now" and an edit waits to be sent again. */
  get connection(): ConnectionState {
    return this.transport.state === "connected" && this.live.retrying ? "reconnecting" : this.transport.state;
  }

  get pending(): readonly PendingOp<AgreementOp>[] {
    return this.live.pending;
  }

  /** The agreement as this person sees it: the confirmed one with their unconfirmed edits. */
  get view(): Agreement | null {
    const a = this.confirmed;
    if (a === null) return null;
    const sections = { ...a.sections };
    for (const s of AGREEMENT_SECTIONS) sections[s] = this.texts.view(s, a.sections[s]);
    const check = [...this.live.pending].reverse().find((p) => p.op.type === "setRecordCheck");
    const recordCheck = check && check.op.type === "setRecordCheck" ? check.op.value : a.recordCheck;
    return { ...a, sections, recordCheck };
  }

  section(section: AgreementSection): string {
    return this.texts.view(section, this.confirmed?.sections[section] ?? "");
  }

  /** The party this person approves for (decision 027): their own, when they coordinate or are its contact person. */
  get myParty(): string | null {
    const m = this.members.get(this.me.userId);
    if (!m || !m.partyId || m.role === "observer") return null;
    const contact = this.parties.some((p) => p.partyId === m.partyId && p.contacts.includes(m.userId));
    return m.role === "coordinator" || contact ? m.partyId : null;
  }

  get canWrite(): boolean {
    const m = this.members.get(this.me.userId);
    return m === undefined ? this.members.size === 0 : m.role !== "observer";
  }

  setMembers(members: readonly Member[], parties: readonly Party[] = []): void {
    this.parties = parties;
    this.members = new Map(members.map((m) => [m.userId, m]));
    this.changed();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onAnnouncement(listener: (a: Announcement) => void): () => void {
    this.announcers.add(listener);
    return () => this.announcers.delete(listener);
  }

  onText(listener: (change: TextChange) => void): () => void {
    return this.texts.onChange(listener);
  }

  /** A local edit of a section (relative to what the person sees); refused at once when the grain would refuse it. */
  edit(section: AgreementSection, op: TextOp, selection?: Selection): boolean {
    if (this.confirmed === null) return false;
    const refusal = checkTextEdit(this.section(section), op, AgreementLimits.SectionMax);
    if (refusal) {
      this.notice(refusal.code, refusal.message);
      return false;
    }
    this.texts.edit(section, this.confirmed.sections[section], op, selection);
    this.changed();
    return true;
  }

  undo(section: AgreementSection): boolean {
    const done = this.texts.undo(section);
    if (done) this.changed();
    return done;
  }

  redo(section: AgreementSection): boolean {
    const done = this.texts.redo(section);
    if (done) this.changed();
    return done;
  }

  setRecordCheck(value: RecordCheck): void {
    if (this.view?.recordCheck !== value) this.live.submit({ type: "setRecordCheck", value });
    this.changed();
  }

  /** Approves the draft as this person sees it now (only with nothing of theirs unconfirmed). */
  approve(partyId: string): void {
    this.live.submit({ type: "approve", partyId, base: this.seq });
  }

  withdraw(partyId: string): void {
    this.live.submit({ type: "withdrawApproval", partyId });
  }

  /** True while an approval or withdrawal for the side waits for the grain. */
  isApproving(partyId: string): boolean {
    return this.live.pending.some((p) => (p.op.type === "approve" || p.op.type === "withdrawApproval") && p.op.partyId === partyId);
  }

  /** Where this person's caret is (null: they left the section); others see it through presence. */
  caret(section: AgreementSection | null, selection: Selection | null): void {
    if (section !== null && this.confirmed !== null) this.texts.setSelection(section, this.confirmed.sections[section], selection);
    const moved = section !== this.editingSection;
    this.editingSection = section;
    if (moved) this.sendCaret();
    else this.scheduleCaret();
  }

  /** Other people's carets in a section, placed in the text this person sees. */
  carets(section: AgreementSection): PlacedCaret[] {
    const placed: PlacedCaret[] = [];
    for (const entry of this.presenceList) {
      if (entry.userId === this.me.userId) continue;
      const editing = parseEditing(entry.editing);
      if (!editing || editing.item !== section || !editing.caret) continue;
      const selection = this.texts.caret({ field: section, anchor: editing.caret.anchor, head: editing.caret.head, seq: editing.caret.seq, userId: entry.userId });
      if (selection) placed.push({ entry, selection });
    }
    return placed;
  }

  /** Who is in a section now (with or without a caret placed). */
  editorsOf(section: AgreementSection): PresenceEntry[] {
    return this.presenceList.filter((p) => p.userId !== this.me.userId && parseEditing(p.editing)?.item === section);
  }

  /** A frozen version, whole (read once, then kept). */
  version(number: number): Promise<AgreementVersion> {
    const latest = this.confirmed?.latest;
    if (latest && latest.number === number) return Promise.resolve(latest);
    let found = this.versions.get(number);
    if (!found) {
      found = this.transport.invoke(AgreementHubContract.methods.version, this.partnershipId, number).then((v) => {
        const version = decodeAgreementVersion(v);
        this.versionsRead.set(number, version);
        return version;
      });
      found.catch(() => this.versions.delete(number));
      this.versions.set(number, found);
    }
    return found;
  }

  /** A version that is at hand now (the latest, or one read before), or null. */
  versionNow(number: number): AgreementVersion | null {
    const latest = this.confirmed?.latest;
    return latest && latest.number === number ? latest : (this.versionsRead.get(number) ?? null);
  }

  dismiss(id: number): void {
    this.refusals = this.refusals.filter((r) => r.id !== id);
    this.changed();
  }

  nameOf(userId: string): string {
    return this.members.get(userId)?.displayName ?? this.presenceList.find((p) => p.userId === userId)?.displayName ?? "";
  }

  close(): Promise<void> {
    if (this.caretTimer) clearTimeout(this.caretTimer);
    this.listeners.clear();
    this.announcers.clear();
    return this.live.close();
  }

  // ---- Replica: called by the live document ----

  reset(snapshot: AgreementSnapshot, seq: number): void {
    this.confirmed = snapshot.agreement;
    this.seq = seq;
    this.failure = null;
    const acknowledged = (id: OpId) => this.live.pending.some((p) => sameId(p.id, id) && p.seq !== null && p.seq <= seq);
    this.texts.reset(seq, new Map(AGREEMENT_SECTIONS.map((s) => [s, snapshot.agreement.sections[s]])), snapshot.agreement.texts, acknowledged);
    this.changed();
  }

  apply(committed: Committed<AgreementOp>): void {
    const before = this.confirmed;
    if (before === null) throw new Error("No agreement to apply to.");
    const after = applyAgreementOp(before, committed);
    this.confirmed = after;
    this.seq = committed.seq;
    const op = committed.op;
    if (op.type === "editSection") this.texts.committed(committed.seq, op.section, ownId(committed, this.me.userId), op.op, committed.actorId, before.sections[op.section]);
    else this.texts.skip(committed.seq);
    this.changed();
    this.describe(before, after, committed);
  }

  presence(entries: PresenceEntry[]): void {
    this.presenceList = entries;
    this.changed();
  }

  pendingChanged(): void {
    this.changed();
  }

  refused(op: PendingOp<AgreementOp>, refusal: HubRefusal): void {
    if (op.op.type === "editSection") {
      this.texts.refused(op.id, refusal.code);
      if (refusal.code === "stale") return; // sent again with a newer base: nothing for the person to do
    }
    this.notice(refusal.code, refusal.message);
  }

  failed(refusal: HubRefusal): void {
    this.failure = refusal;
    this.changed();
  }

  private sendEdit(section: AgreementSection, base: number, op: TextOp): OpId {
    return this.live.submit({ type: "editSection", section, base, op }).id;
  }

  private scheduleCaret(): void {
    if (this.caretTimer) return;
    const wait = Math.max(0, this.caretSentAt + CARET_THROTTLE_MS - this.clock());
    this.caretTimer = setTimeout(() => {
      this.caretTimer = null;
      this.sendCaret();
    }, wait);
  }

  private sendCaret(): void {
    this.caretSentAt = this.clock();
    const section = this.editingSection;
    this.live.editing(section === null ? null : formatEditing(section, this.texts.ownCaret(section)));
  }

  /** A plain sentence for what someone else did (announced in an aria-live region); the loss of an approval is
   * announced whoever caused it. */
  private describe(before: Agreement, after: Agreement, committed: Committed<AgreementOp>): void {
    const own = committed.id.clientId === this.live.clientId;
    const who = committed.actorName ?? this.nameOf(committed.actorId);
    const op = committed.op;
    const say = (key: TextKey, params: Record<string, string> = {}) => this.announcers.forEach((a) => a({ key, params: { who, ...params } }));
    for (const lost of after.withdrawn) {
      if (lost.reason === "edited" && !before.withdrawn.includes(lost)) say("agreement.say.approvalLost", { party: partyLabel(lost.approval), by: lost.byName });
    }
    if (after.versions.length > before.versions.length) {
      say("agreement.say.frozen", { number: String(after.versions.length) });
      return;
    }
    if (own) return;
    switch (op.type) {
      case "editSection": {
        const key = `${committed.actorId}:${op.section}`;
        const last = this.announced.get(key) ?? -Infinity;
        if (this.clock() - last >= EDIT_ANNOUNCE_MS) {
          this.announced.set(key, this.clock());
          say("agreement.say.edited", { section: op.section });
        }
        break;
      }
      case "setRecordCheck":
        say("agreement.say.recordCheck", { value: op.value });
        break;
      case "approve":
        say("agreement.say.approved", { party: signerName(after, op.partyId) });
        break;
      case "withdrawApproval":
        say("agreement.say.withdrawn", { party: signerName(after, op.partyId) });
        break;
      default:
        break;
    }
  }

  private notice(code: string, message: string): void {
    this.refusals = [...this.refusals.slice(-2), { id: ++this.noticeId, code, message }];
    this.changed();
  }

  private changed(): void {
    this.listeners.forEach((l) => l());
  }
}

function sameId(a: OpId, b: OpId): boolean {
  return a.clientId === b.clientId && a.number === b.number;
}
