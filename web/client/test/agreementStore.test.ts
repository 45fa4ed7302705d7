// The agreement store over a fake agreement grain and hub: shared text through the real LiveDocument (concurrent
// typing, refusals, stale bases, snapshots after a long disconnection), approvals and versions, carets, announcements.
import { describe, expect, it } from "vitest";
import { applyAgreementOp } from "../src/agreementReducer";
import type { ConnectionState, Transport } from "../src/connection";
import { AGREEMENT_SECTIONS, AgreementLimits, type Agreement, type AgreementOp, type AgreementParty, type Committed, type OpId, type PresenceEntry, type SubmitResult } from "../src/protocol";
import { AgreementStore, type Announcement } from "../src/stores/agreementStore";
import { checkTextEdit } from "../src/text/rules";
import { formatEditing } from "../src/text/textClient";
import { replace, targetLength, transform } from "../src/text/textOp";
import { settle } from "./fakeServer";
import { extremeOp, longDisconnections, rng } from "./textKit";

const names: Record<string, string> = { anna: "Anna", bo: "Bo", cy: "Cy" };

function emptyAgreement(): Agreement {
  return {
    partnershipId: "p1",
    sections: Object.fromEntries(AGREEMENT_SECTIONS.map((s) => [s, ""])) as Agreement["sections"],
    recordCheck: "unknown",
    approvals: [],
    withdrawn: [],
    versions: [],
    latest: null,
    changedSeq: 0,
    signers: [
      { partyId: "p1", name: "Testrup Kommune", side: "municipality" },
      { partyId: "p2", name: "Natteravnene", side: "voluntaryOrganisation" },
    ],
    texts: { from: 0, edits: [] },
  };
}

class Refused extends Error {
  constructor(readonly code: string) {
    super(`${code}: refused`);
  }
}

/** The grain's rules, in short: transform over the history, check, apply with the client's own reducer. */
class FakeAgreementServer {
  agreement = emptyAgreement();
  seq = 0;
  window: Committed<AgreementOp>[] = [];
  historyMax = 100;
  marks = new Map<string, { last: number; seq: number | null; code: string | null; actor: string }>();
  connections = new Set<FakeTransport>();
  presence: PresenceEntry[] = [];
  coordinators = new Map<string, string>([["anna", "p1"], ["bo", "p2"]]);

  submit(actor: string, id: OpId, op: AgreementOp): SubmitResult {
    const mark = this.marks.get(id.clientId);
    if (mark && id.number <= mark.last) {
      if (mark.code) return { seq: null, duplicate: false, errorCode: mark.code, error: "refused" };
      return { seq: mark.seq, duplicate: true, errorCode: null, error: null };
    }
    try {
      let committedOp = op;
      if (op.type === "editSection") {
        if (op.base < this.agreement.texts.from) throw new Refused("stale");
        let t = op.op;
        for (const e of this.agreement.texts.edits) if (e.seq > op.base && e.field === op.section) t = transform(e.op, t)[1];
        const refusal = checkTextEdit(this.agreement.sections[op.section], t, AgreementLimits.SectionMax);
        if (refusal) throw new Refused(refusal.code);
        committedOp = { ...op, base: this.seq, op: t };
      }
      if (op.type === "approve" && (this.coordinators.get(actor) !== op.partyId || op.base < this.agreement.changedSeq)) throw new Refused("conflict");
      const committed: Committed<AgreementOp> = { seq: this.seq + 1, id, actorId: actor, at: new Date(0).toISOString(), op: committedOp, actorName: names[actor] ?? actor };
      this.agreement = applyAgreementOp(this.agreement, committed);
      if (this.agreement.texts.edits.length > this.historyMax) {
        const drop = this.agreement.texts.edits.length - this.historyMax;
        this.agreement = { ...this.agreement, texts: { from: this.agreement.texts.edits[drop - 1]!.seq, edits: this.agreement.texts.edits.slice(drop) } };
      }
      this.seq++;
      this.window.push(committed);
      this.marks.set(id.clientId, { last: id.number, seq: this.seq, code: null, actor });
      for (const c of this.connections) c.push("Committed", "p1", structuredClone([committed]));
      return { seq: this.seq, duplicate: false, errorCode: null, error: null };
    } catch (e) {
      const code = (e as Refused).code;
      this.marks.set(id.clientId, { last: id.number, seq: null, code, actor });
      return { seq: null, duplicate: false, errorCode: code, error: "Afvist. / Refused." };
    }
  }

  sync(fromSeq: number, windowOnly: boolean, actor: string) {
    if (fromSeq > 0 && windowOnly) return { seq: this.seq, ops: structuredClone(this.window.filter((c) => c.seq > fromSeq)), snapshot: null, presence: this.presence, outcomes: [] };
    const outcomes = [...this.marks].filter(([, m]) => m.actor === actor).map(([clientId, m]) => ({ clientId, number: m.last, seq: m.seq }));
    return { seq: this.seq, ops: [], snapshot: { seq: this.seq, agreement: structuredClone(this.agreement) }, presence: this.presence, outcomes };
  }
}

class FakeTransport implements Transport {
  state: ConnectionState = "connected";
  /** While false, Sync and Join answer with a snapshot (as when the grain's window no longer reaches back). */
  window = true;
  /** While true, the grain applies what is submitted, but the answers (until the connection drops) and pushes are lost. */
  loseAnswers = false;
  private lost: (() => void)[] = [];
  private handlers = new Map<string, Set<(...a: unknown[]) => void>>();
  private connectedHandlers = new Set<() => void>();

  constructor(
    readonly server: FakeAgreementServer,
    readonly userId: string,
  ) {
    server.connections.add(this);
  }

  async invoke(method: string, ...args: unknown[]): Promise<unknown> {
    if (this.state !== "connected") throw new Error("Invocation canceled due to the underlying connection being closed.");
    await Promise.resolve();
    if (method === "Join" || method === "Sync") return structuredClone(this.server.sync(args[1] as number, this.window, this.userId));
    if (method === "Submit") {
      const result = this.server.submit(this.userId, args[1] as OpId, structuredClone(args[2] as AgreementOp));
      if (this.loseAnswers) return new Promise((_, reject) => this.lost.push(() => reject(new Error("Invocation canceled"))));
      return result;
    }
    return null;
  }

  on(event: string, handler: (...args: unknown[]) => void): () => void {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event)!.add(handler);
    return () => this.handlers.get(event)!.delete(handler);
  }

  onState(): () => void {
    return () => undefined;
  }

  onConnected(handler: () => void): () => void {
    this.connectedHandlers.add(handler);
    return () => this.connectedHandlers.delete(handler);
  }

  push(event: string, ...args: unknown[]): void {
    if (this.state === "connected" && !this.loseAnswers) this.handlers.get(event)?.forEach((h) => h(...args));
  }

  disconnect(): void {
    this.state = "offline";
    const lost = this.lost;
    this.lost = [];
    lost.forEach((r) => r());
  }

  reconnect(): void {
    this.state = "connected";
    this.connectedHandlers.forEach((h) => h());
  }
}

function open(server: FakeAgreementServer, user: string) {
  const transport = new FakeTransport(server, user);
  const store = new AgreementStore(transport, "p1", { userId: user, displayName: names[user]! }, `${user}-tab`);
  store.setMembers([
    { userId: "anna", displayName: "Anna", side: "municipality", role: "coordinator", joinedAt: "", partyId: "p1", fieldRole: "none" },
    { userId: "bo", displayName: "Bo", side: "voluntaryOrganisation", role: "coordinator", joinedAt: "", partyId: "p2", fieldRole: "none" },
    { userId: "cy", displayName: "Cy", side: "volunteerCentre", role: "member", joinedAt: "", partyId: "p3", fieldRole: "none" },
  ]);
  const said: string[] = [];
  store.onAnnouncement((a: Announcement) => said.push(`${a.key} ${JSON.stringify(a.params)}`));
  return { transport, store, said };
}

/** Types text at a position as a person does: one operation per character. */
function type(store: AgreementStore, at: number, text: string, section: "purpose" | "roles" = "purpose") {
  for (const [i, ch] of [...text].entries()) {
    const current = store.section(section);
    expect(store.edit(section, replace(current.length, at + i, 0, ch))).toBe(true);
  }
}

describe("agreement store", () => {
  it("two people typing at the same place at once both keep every character and end with the grain's text", async () => {
    const server = new FakeAgreementServer();
    const anna = open(server, "anna");
    const bo = open(server, "bo");
    await settle();
    type(anna.store, 0, "Vi går ");
    type(bo.store, 0, "Hver uge ");
    await settle(60);
    const text = server.agreement.sections.purpose;
    expect(text.length).toBe("Vi går Hver uge ".length);
    expect([...text].sort().join("")).toBe([..."Vi går Hver uge "].sort().join(""));
    expect(anna.store.section("purpose")).toBe(text);
    expect(bo.store.section("purpose")).toBe(text);
    expect(anna.store.texts.pendingCount + bo.store.texts.pendingCount).toBe(0);
    expect(bo.said.some((s) => s.startsWith("agreement.say.edited"))).toBe(true);
  });

  it("a change refused for its length goes back and shows why; typing after it is kept", async () => {
    const server = new FakeAgreementServer();
    const anna = open(server, "anna");
    const bo = open(server, "bo");
    await settle();
    type(anna.store, 0, "abc");
    await settle();
    // Bo fills the section almost to the limit; Anna's next edit, made before she hears of it, no longer fits.
    bo.transport.disconnect();
    anna.transport.disconnect();
    server.submit("cy", { clientId: "cy", number: 1 }, { type: "editSection", section: "purpose", base: server.seq, op: [3, "x".repeat(AgreementLimits.SectionMax - 4)] });
    type(anna.store, 3, "de");
    anna.transport.reconnect();
    bo.transport.reconnect();
    await settle(60);
    expect(anna.store.refusals.map((r) => r.code)).toContain("limit_exceeded");
    expect(anna.store.section("purpose")).toBe(server.agreement.sections.purpose);
    expect(server.agreement.sections.purpose.length).toBeLessThanOrEqual(AgreementLimits.SectionMax);
    expect(bo.store.section("purpose")).toBe(server.agreement.sections.purpose);
  });

  it("an edit with extreme counts is refused at once and changes nothing; a sound one reaches the grain", async () => {
    const server = new FakeAgreementServer();
    const anna = open(server, "anna");
    await settle();
    type(anna.store, 0, "abc");
    await settle();
    const random = rng(10);
    for (let i = 0; i < 300; i++) {
      if (i % 50 === 0) await settle();
      const before = anna.store.section("purpose");
      const pending = anna.store.texts.pendingCount;
      const op = extremeOp(random, before);
      if (anna.store.edit("purpose", op)) {
        expect(anna.store.section("purpose").length).toBe(targetLength(op));
      } else {
        expect(anna.store.section("purpose")).toBe(before);
        expect(anna.store.texts.pendingCount).toBe(pending);
      }
    }
    await settle(60);
    expect(anna.store.section("purpose")).toBe(server.agreement.sections.purpose);
    expect(anna.store.refusals.length).toBeGreaterThan(0);
  });

  it("an edit whose base is older than the history is sent again with a newer base, without bothering the person", async () => {
    const server = new FakeAgreementServer();
    server.historyMax = 2;
    const anna = open(server, "anna");
    const bo = open(server, "bo");
    await settle();
    anna.transport.disconnect();
    type(anna.store, 0, "A");
    type(bo.store, 0, "1234");
    await settle(40);
    anna.transport.reconnect();
    await settle(60);
    expect(server.agreement.sections.purpose).toBe("1234A");
    expect(anna.store.section("purpose")).toBe("1234A");
    expect(anna.store.refusals).toEqual([]);
  });

  it("after a long disconnection (a snapshot), unconfirmed typing survives: over the history, and by diff beyond it", async () => {
    for (const historyMax of [100, 1]) {
      const server = new FakeAgreementServer();
      server.historyMax = historyMax;
      const anna = open(server, "anna");
      const bo = open(server, "bo");
      await settle();
      type(anna.store, 0, "Formål: ");
      await settle();
      anna.transport.disconnect();
      anna.transport.window = false;
      type(anna.store, 8, "fælles gåture");
      type(bo.store, 0, ">> ");
      type(bo.store, 11, " og kaffe", "purpose");
      await settle(40);
      anna.transport.reconnect();
      await settle(80);
      const text = server.agreement.sections.purpose;
      expect(text, `history ${historyMax}`).toContain("fælles gåture");
      expect(text).toContain(">> ");
      expect(text).toContain(" og kaffe");
      expect(anna.store.section("purpose")).toBe(text);
      expect(bo.store.section("purpose")).toBe(text);
    }
  });

  it("long disconnections with lost answers, 20 random cases: every character typed is kept once, nothing stays in flight", async () => {
    for (let seed = 1; seed <= 20; seed++) {
      const server = new FakeAgreementServer();
      server.historyMax = 2;
      const anna = open(server, "anna");
      await settle();
      let others = 0;
      await longDisconnections(
        {
          view: () => anna.store.section("purpose"),
          serverText: () => server.agreement.sections.purpose,
          type: (op) => expect(anna.store.edit("purpose", op)).toBe(true),
          other: (op) => {
            const result = server.submit("bo", { clientId: "bo-tab", number: ++others }, { type: "editSection", section: "purpose", base: server.seq, op });
            expect(result.errorCode).toBeNull();
          },
          loseAnswers: (on) => (anna.transport.loseAnswers = on),
          longAway: (on) => (anna.transport.window = !on),
          disconnect: () => anna.transport.disconnect(),
          reconnect: () => anna.transport.reconnect(),
          pending: () => anna.store.pending.length + anna.store.texts.pendingCount,
        },
        rng(seed),
      );
    }
  });

  it("undo takes back only one's own typing, after others typed around it", async () => {
    const server = new FakeAgreementServer();
    let now = 0;
    const transport = new FakeTransport(server, "anna");
    const anna = new AgreementStore(transport, "p1", { userId: "anna", displayName: "Anna" }, "anna-tab", () => now);
    const bo = open(server, "bo");
    await settle();
    type(anna, 0, "Vi går ture.");
    await settle();
    now += 5000;
    type(anna, 11, " sammen");
    await settle();
    type(bo.store, 0, "Hver uge: ");
    await settle();
    expect(anna.undo("purpose")).toBe(true);
    await settle();
    expect(server.agreement.sections.purpose).toBe("Hver uge: Vi går ture.");
    anna.redo("purpose");
    await settle();
    expect(bo.store.section("purpose")).toBe("Hver uge: Vi går ture sammen.");
  });

  it("approval from both sides freezes a version; an edit after one side's approval withdraws it, and it is said", async () => {
    const server = new FakeAgreementServer();
    const anna = open(server, "anna");
    const bo = open(server, "bo");
    const cy = open(server, "cy");
    await settle();
    type(cy.store, 0, "Formål.");
    await settle();
    anna.store.approve("p1");
    await settle();
    expect(bo.said.some((s) => s.startsWith("agreement.say.approved"))).toBe(true);
    type(cy.store, 7, " Mere.");
    await settle();
    expect(server.agreement.approvals).toEqual([]);
    expect(server.agreement.withdrawn[0]).toMatchObject({ reason: "edited", byUserId: "cy" });
    for (const who of [anna, bo, cy]) expect(who.said.some((s) => s.startsWith("agreement.say.approvalLost"))).toBe(true);
    anna.store.approve("p1");
    bo.store.approve("p2");
    await settle();
    expect(server.agreement.versions.map((v) => v.number)).toEqual([1]);
    expect(anna.store.confirmed).toEqual(server.agreement);
    expect(cy.said.some((s) => s.startsWith("agreement.say.frozen"))).toBe(true);
    expect((await anna.store.version(1)).sections.purpose).toBe("Formål. Mere.");
  });

  it("places another person's caret, and moves it along with their own typing without a new message", async () => {
    const server = new FakeAgreementServer();
    const anna = open(server, "anna");
    const bo = open(server, "bo");
    await settle();
    type(anna.store, 0, "abcdef");
    await settle();
    const entry = (editing: string): PresenceEntry => ({ connectionId: "c-bo", userId: "bo", displayName: "Bo", side: "voluntaryOrganisation", colour: "#1f6feb", editing });
    anna.store.presence([entry(formatEditing("purpose", { anchor: 3, head: 3, seq: server.seq }))]);
    expect(anna.store.carets("purpose").map((c) => c.selection)).toEqual([{ start: 3, end: 3 }]);
    type(bo.store, 3, "XY");
    type(anna.store, 0, "__");
    await settle();
    // Bo typed at his caret: it moved past his text; Anna's typing before it moved it too.
    expect(anna.store.section("purpose")).toBe("__abcXYdef");
    expect(anna.store.carets("purpose").map((c) => c.selection)).toEqual([{ start: 7, end: 7 }]);
  });
});

describe("agreement reducer", () => {
  it("a deleted account leaves every approval, withdrawal and frozen version as a former participant", () => {
    const anna = { party: "municipality", userId: "anna", displayName: "Anna", at: "2026-01-01T00:00:00Z", seq: 3, partyId: "p1", partyName: "Testrup Kommune" } as const;
    const bo = { party: "voluntary", userId: "bo", displayName: "Bo", at: "2026-01-01T00:00:00Z", seq: 4, partyId: "p2", partyName: "Natteravnene" } as const;
    const agreement: Agreement = {
      ...emptyAgreement(),
      approvals: [{ ...bo }],
      withdrawn: [{ approval: { ...anna }, reason: "edited", byUserId: "anna", byName: "Anna", at: "2026-01-02T00:00:00Z" }],
      versions: [{ number: 1, seq: 4, frozenAt: "2026-01-01T00:00:00Z", approvals: [{ ...anna }, { ...bo }] }],
    };
    const forgotten = applyAgreementOp(agreement, {
      seq: 9, id: { clientId: "system", number: 1 }, actorId: "system", at: "2026-01-03T00:00:00Z",
      op: { type: "forgetPerson", userId: "anna" }, actorName: null,
    });

    expect(JSON.stringify(forgotten)).not.toContain("Anna");
    expect(forgotten.withdrawn[0]!.byName).toBe("Tidligere deltager");
    expect(forgotten.versions[0]!.approvals.map((a) => a.displayName)).toEqual(["Tidligere deltager", "Bo"]);
    expect(forgotten.approvals).toEqual([bo]);
  });
});
