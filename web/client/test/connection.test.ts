// LiveDocument's answers to Join and Sync (connection.ts, applySync): a snapshot counts as of its own seq, and the
// ops that came with it follow it; a snapshot resolves an operation whose answer was lost.
import { describe, expect, it } from "vitest";
import type { BoardOp, OpId } from "../src/protocol";
import { BoardStore } from "../src/stores/boardStore";
import { FakeServer, FakeTransport, settle } from "./fakeServer";

const addCard = (id: string, title: string): BoardOp => ({ type: "addCard", cardId: id, columnId: "ideas", title, index: null });

/** A transport whose Join answers as a hub whose second Sync found an op committed after the grain's snapshot:
 * the snapshot as of S and the op S + 1, with `seq` as given (S + 1 is what the hub answered before the fix). */
class RacingTransport extends FakeTransport {
  constructor(
    server: FakeServer,
    private readonly seqOf: (snapshotSeq: number, lastSeq: number) => number,
  ) {
    super(server, "anna");
  }

  override async invoke(method: string, ...args: unknown[]): Promise<unknown> {
    if (method !== "Join") return super.invoke(method, ...args);
    this.calls.push({ method, args: structuredClone(args) });
    await Promise.resolve();
    const joined = this.server.sync(0, this.userId);
    this.server.submit("bo", { clientId: "bo-tab", number: this.server.seq + 1 }, addCard(`between${this.server.seq}`, "Imellem"), false);
    const since = this.server.sync(joined.seq, this.userId);
    return structuredClone({ ...joined, seq: this.seqOf(joined.seq, since.seq), ops: since.ops });
  }
}

function open(transport: FakeTransport): BoardStore {
  return new BoardStore(transport, transport.server.boardId, { userId: "anna", displayName: "Anna" }, "anna-tab");
}

describe("live document", () => {
  for (const [shape, seqOf] of [
    ["seq = the snapshot's", (snapshotSeq: number) => snapshotSeq],
    ["seq = the last op's, as the hub answered before", (_: number, lastSeq: number) => lastSeq],
  ] as const) {
    it(`applySync: a snapshot with the op committed after it (${shape}) ends with that op applied`, async () => {
      const server = new FakeServer();
      for (let i = 1; i <= 3; i++) server.submit("bo", { clientId: "bo-tab", number: i }, addCard(`c${i}`, `Kort ${i}`));
      const store = open(new RacingTransport(server, seqOf));
      await settle();
      expect(server.seq).toBe(4);
      expect(store.seq).toBe(4);
      expect(store.confirmed).toEqual(server.board);
      expect(Object.keys(store.view!.cards)).toContain("between3");
    });
  }

  it("applySync: the snapshot's outcomes acknowledge an op whose answer was lost; one never handled is sent again", async () => {
    const server = new FakeServer();
    const transport = new FakeTransport(server, "anna");
    const store = open(transport);
    await settle();
    transport.holdSubmits = true;
    transport.dropPushes = true;
    store.submit(addCard("c1", "En"));
    await settle();
    transport.disconnect();
    await settle();
    store.submit(addCard("c2", "To")); // queued offline: never reached the grain
    server.windowSize = 1;
    for (let i = 1; i <= 3; i++) server.submit("bo", { clientId: "bo-tab", number: i }, addCard(`b${i}`, `Bos ${i}`));
    transport.holdSubmits = false;
    transport.dropPushes = false;
    transport.reconnect();
    await settle(60);
    const sent = transport.calls.filter((c) => c.method === "Submit").map((c) => c.args[1] as OpId);
    expect(sent).toEqual([{ clientId: "anna-tab", number: 1 }, { clientId: "anna-tab", number: 2 }]);
    expect(store.pending).toHaveLength(0);
    expect(store.confirmed).toEqual(server.board);
    expect(Object.keys(server.board.cards).sort()).toEqual(["b1", "b2", "b3", "c1", "c2"]);
  });

  it("reset: a document restored as a whole is taken again as a snapshot, though no operation leads there", async () => {
    const server = new FakeServer();
    for (let i = 1; i <= 2; i++) server.submit("bo", { clientId: "bo-tab", number: i }, addCard(`c${i}`, `Kort ${i}`));
    const transport = new FakeTransport(server, "anna");
    const store = open(transport);
    await settle();
    expect(Object.keys(store.view!.cards)).toEqual(["c1", "c2"]);

    // What the grain does on an admin's restore (LiveGrain.Restore): a new document as seq + 1, and the window cleared.
    const restored = structuredClone(server.board);
    delete restored.cards["c2"];
    restored.columns = restored.columns.map((c) => ({ ...c, cardIds: c.cardIds.filter((id) => id !== "c2") }));
    server.board = restored;
    server.seq += 1;
    server.window = [];
    transport.push("Reset", server.boardId, server.seq);
    await settle();

    expect(store.seq).toBe(3);
    expect(Object.keys(store.view!.cards)).toEqual(["c1"]);
  });
});
