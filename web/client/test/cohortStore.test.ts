// The cohort store over the real LiveDocument and a scripted cohort hub: the snapshot, a pushed enrolment shown and
// announced, and a moderator's own operation shown at once and kept until the grain's push confirms it.
import { describe, expect, it } from "vitest";
import type { ConnectionState, Transport } from "../src/connection";
import type { Cohort, CohortOp, Committed, OpId } from "../src/protocol";
import { CohortStore } from "../src/stores/cohortStore";
import { settle } from "./fakeServer";

const cohort: Cohort = {
  id: "c1",
  name: "Sammen om frivilligheden",
  provider: "Frivilligcenter Vest",
  startsOn: null,
  endsOn: null,
  modules: [],
  sessions: [],
  people: [{ userId: "anna", displayName: "Anna", role: "moderator", side: null, partnershipId: null, partnershipName: null, enrolledAt: "2027-02-01T09:00:00+00:00" }],
  teams: [],
  attendance: [],
  createdAt: "2027-02-01T09:00:00+00:00",
  assignments: [],
};

/** Answers Join with the snapshot at seq 1 and every Submit with the next seq; pushes when the test says. */
class ScriptedHub implements Transport {
  state: ConnectionState = "connected";
  seq = 1;
  submitted: { id: OpId; op: CohortOp }[] = [];
  private handlers = new Map<string, (...a: unknown[]) => void>();

  async invoke(method: string, ...args: unknown[]): Promise<unknown> {
    await Promise.resolve();
    if (method === "Join") return { seq: 1, ops: [], snapshot: { seq: 1, cohort }, presence: [], outcomes: [] };
    if (method === "Submit") {
      this.submitted.push({ id: args[1] as OpId, op: args[2] as CohortOp });
      return { seq: ++this.seq, duplicate: false, errorCode: null, error: null };
    }
    return null;
  }

  push(committed: Committed<CohortOp>): void {
    this.handlers.get("Committed")?.("c1", [committed]);
  }

  on(event: string, handler: (...args: unknown[]) => void): () => void {
    this.handlers.set(event, handler);
    return () => this.handlers.delete(event);
  }

  onState(): () => void {
    return () => undefined;
  }

  onConnected(): () => void {
    return () => undefined;
  }
}

describe("CohortStore", () => {
  it("shows the snapshot, then someone the grain enrolled, and announces them", async () => {
    const hub = new ScriptedHub();
    const store = new CohortStore(hub, "c1", { userId: "anna", displayName: "Anna" });
    const arrived: string[] = [];
    store.onArrival((name) => arrived.push(name));
    await settle();
    expect(store.view?.name).toBe("Sammen om frivilligheden");
    expect(store.isModerator).toBe(true);

    const op: CohortOp = { type: "enrolPerson", userId: "bo", displayName: "Bo", role: "participant", side: "voluntaryOrganisation", partnershipId: null, partnershipName: null };
    hub.push({ seq: 2, id: { clientId: "hub", number: 1 }, actorId: "system", at: "2027-03-10T12:00:00+00:00", op, actorName: "Hub" });
    expect(store.view?.people.map((p) => [p.userId, p.side, p.enrolledAt])).toEqual([
      ["anna", null, "2027-02-01T09:00:00+00:00"],
      ["bo", "voluntaryOrganisation", "2027-03-10T12:00:00+00:00"],
    ]);
    expect(arrived).toEqual(["Bo"]);
  });

  it("shows a moderator's module at once and keeps it pending until the grain's push", async () => {
    const hub = new ScriptedHub();
    const store = new CohortStore(hub, "c1", { userId: "anna", displayName: "Anna" });
    await settle();
    store.submit({ type: "addModule", moduleId: "m1", title: " Hinandens hverdag ", learningGoals: "", index: null });
    expect(store.view?.modules).toEqual([{ id: "m1", title: "Hinandens hverdag", learningGoals: "" }]);
    expect(store.confirmed?.modules).toEqual([]);
    await settle();
    const [sent] = hub.submitted;
    expect(store.pending).toHaveLength(1);
    hub.push({ seq: 2, id: sent!.id, actorId: "anna", at: "2027-03-10T12:00:00+00:00", op: sent!.op, actorName: "Anna" });
    expect(store.pending).toHaveLength(0);
    expect(store.confirmed?.modules.map((m) => m.title)).toEqual(["Hinandens hverdag"]);
  });
});
