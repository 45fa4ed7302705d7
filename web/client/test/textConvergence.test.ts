// Property: however several people type, delete and undo at once — with pushes delayed and out of order, edits
// refused as stale or too long — every client ends with exactly the server's text. The clients are the browser's
// own SharedTexts; the server mirrors the grain's rule (grains/Grains/Text/SharedText.cs) with the same transform.
import { describe, expect, it } from "vitest";
import { SharedTexts } from "../src/text/textClient";
import { checkTextEdit } from "../src/text/rules";
import { apply, isNoop, replace, transform, type TextOp } from "../src/text/textOp";
import type { OpId, TextEdit } from "../src/protocol";
import { int, randomEdit, rng } from "./textKit";

const FIELD = "purpose";

/** The grain's rule: transform over the field's history after the base, check, apply, keep a bounded history. */
export class SimServer {
  text = "";
  seq = 0;
  from = 0;
  history: TextEdit[] = [];
  refusals = new Map<string, number>();
  listeners: ((seq: number, id: OpId, op: TextOp) => void)[] = [];

  constructor(
    private readonly historyMax: number,
    private readonly maxLength: number,
  ) {}

  submit(id: OpId, base: number, op: TextOp): string | null {
    const refuse = (code: string) => {
      this.refusals.set(code, (this.refusals.get(code) ?? 0) + 1);
      return code;
    };
    if (base < this.from) return refuse("stale");
    let transformed = op;
    for (const e of this.history) if (e.seq > base && e.field === FIELD) transformed = transform(e.op, transformed)[1];
    const refusal = checkTextEdit(this.text, transformed, this.maxLength);
    if (refusal) return refuse(refusal.code);
    this.text = apply(this.text, transformed);
    this.seq++;
    if (!isNoop(transformed)) {
      this.history.push({ seq: this.seq, id, field: FIELD, op: transformed });
      if (this.history.length > this.historyMax) this.from = this.history.shift()!.seq;
    }
    this.listeners.forEach((l) => l(this.seq, id, transformed));
    return null;
  }
}

class Peer {
  number = 0;
  outbox: { id: OpId; base: number; op: TextOp }[] = [];
  pushes: { seq: number; id: OpId; op: TextOp }[] = [];
  arrived = new Map<number, { id: OpId; op: TextOp }>();
  refusals: { id: OpId; code: string }[] = [];
  confirmed = "";
  now = 0;
  readonly texts: SharedTexts;

  constructor(readonly name: string) {
    this.texts = new SharedTexts(
      (_field, base, op) => {
        const id = { clientId: name, number: ++this.number };
        this.outbox.push({ id, base, op });
        return id;
      },
      () => this.now,
    );
  }

  get view(): string {
    return this.texts.view(FIELD, this.confirmed);
  }

  receive(index: number): void {
    const [push] = this.pushes.splice(index, 1);
    this.arrived.set(push!.seq, { id: push!.id, op: push!.op });
    for (let next = this.arrived.get(this.texts.seq + 1); next; next = this.arrived.get(this.texts.seq + 1)) {
      this.arrived.delete(this.texts.seq + 1);
      const before = this.confirmed;
      this.confirmed = apply(before, next.op);
      this.texts.committed(this.texts.seq + 1, FIELD, next.id, next.op, "someone", before);
    }
  }
}

function world(clients: number, historyMax: number, maxLength: number, random: () => number) {
  const server = new SimServer(historyMax, maxLength);
  const peers = Array.from({ length: clients }, (_, i) => new Peer(`p${i}`));
  server.listeners.push((seq, id, op) => peers.forEach((p) => p.pushes.push({ seq, id, op })));
  const step = (allowEdits: boolean) => {
    const peer = peers[int(random, peers.length)]!;
    const roll = int(random, 10);
    if (roll < 3 && allowEdits) {
      peer.now += int(random, 2) === 0 ? 100 : 5000; // some edits within the undo grouping time, some not
      const kind = int(random, 10);
      if (kind === 0) peer.texts.undo(FIELD);
      else if (kind === 1) peer.texts.redo(FIELD);
      else peer.texts.edit(FIELD, peer.confirmed, randomEdit(random, peer.view));
    } else if (roll < 6 && peer.outbox.length > 0) {
      const { id, base, op } = peer.outbox.shift()!;
      const code = server.submit(id, base, op);
      if (code) peer.refusals.push({ id, code });
    } else if (roll < 9 && peer.pushes.length > 0) {
      peer.receive(int(random, Math.min(3, peer.pushes.length)));
    } else if (peer.refusals.length > 0) {
      const { id, code } = peer.refusals.shift()!;
      peer.texts.refused(id, code);
    }
  };
  const drain = () => {
    let idle = 0;
    for (let i = 0; i < 1_000_000 && idle < 200; i++) {
      const busy = peers.some((p) => p.outbox.length + p.pushes.length + p.refusals.length > 0);
      idle = busy ? 0 : idle + 1;
      step(false);
    }
  };
  return { server, peers, step, drain };
}

describe("shared text convergence", () => {
  const cases: [clients: number, count: number, historyMax: number, maxLength: number][] = [
    [3, 1000, 100, 10_000],
    [4, 800, 4, 10_000],
    [5, 500, 100, 20],
    [3, 500, 3, 30],
  ];
  for (const [clients, count, historyMax, maxLength] of cases) {
    it(`${clients} clients, ${count} random cases (history ${historyMax}, max ${maxLength}): everyone ends with the server's text`, () => {
      const refusals = new Map<string, number>();
      for (let seed = 0; seed < count; seed++) {
        const random = rng(seed * 7919 + clients);
        const w = world(clients, historyMax, maxLength, random);
        const steps = 20 + int(random, 100);
        for (let i = 0; i < steps; i++) w.step(true);
        w.drain();
        for (const peer of w.peers) {
          expect(peer.texts.get(FIELD)?.synchronized ?? true, `case ${seed}, ${peer.name}`).toBe(true);
          expect(peer.confirmed, `case ${seed}, ${peer.name}`).toBe(w.server.text);
          expect(peer.view, `case ${seed}, ${peer.name}`).toBe(w.server.text);
        }
        w.server.refusals.forEach((n, code) => refusals.set(code, (refusals.get(code) ?? 0) + n));
      }
      // The small histories and lengths are there to take the refusal paths often.
      expect((refusals.get("stale") ?? 0) > 0).toBe(historyMax < 10);
      expect((refusals.get("limit_exceeded") ?? 0) > 0).toBe(maxLength < 100);
    });
  }

  it("typing at one place at once keeps every character, the earlier committed first", () => {
    const w = world(3, 100, 10_000, rng(42));
    w.peers.forEach((p) => p.texts.edit(FIELD, "", replace(0, 0, 0, p.name)));
    w.drain();
    const text = w.server.text;
    expect(text.length).toBe(6);
    w.peers.forEach((p) => {
      expect(text).toContain(p.name);
      expect(p.view).toBe(text);
    });
  });

  it("undo takes back only one's own edit, after others typed around it", () => {
    const w = world(2, 100, 10_000, rng(7));
    const [anna, bo] = w.peers as [Peer, Peer];
    anna.texts.edit(FIELD, "", replace(0, 0, 0, "Vi går ture."));
    w.drain();
    anna.now += 5000;
    anna.texts.edit(FIELD, anna.confirmed, replace(12, 11, 0, " sammen"));
    w.drain();
    bo.texts.edit(FIELD, bo.confirmed, replace(19, 0, 0, "Hver uge: "));
    w.drain();
    expect(anna.view).toBe("Hver uge: Vi går ture sammen.");

    anna.texts.undo(FIELD);
    w.drain();
    expect(w.server.text).toBe("Hver uge: Vi går ture.");
    anna.texts.redo(FIELD);
    w.drain();
    expect(w.server.text).toBe("Hver uge: Vi går ture sammen.");
    expect(bo.texts.canUndo(FIELD)).toBe(true);
    bo.texts.undo(FIELD);
    w.drain();
    expect(w.peers.map((p) => p.view)).toEqual(["Vi går ture sammen.", "Vi går ture sammen."]);
  });
});
