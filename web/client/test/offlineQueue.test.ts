// The durable offline queue behind LiveDocument (connection.ts, offlineQueue.ts): what an offline page could not send
// survives a reload and goes out, with its original OpIds, after the next page's join. IndexedDB itself is behind
// DurableQueue; here a map stands in for it (OfflineQueueBrowserTests runs the real one in Chromium).
import { describe, expect, it } from "vitest";
import { unsentOperations } from "../src/connection";
import { replace } from "../src/text/textOp";
import { inOrder, type DurableQueue, type StoredOp } from "../src/offlineQueue";
import type { BoardOp, OpId } from "../src/protocol";
import { BoardStore } from "../src/stores/boardStore";
import { FakeServer, FakeTransport, settle } from "./fakeServer";

const addCard = (id: string, title: string): BoardOp => ({ type: "addCard", cardId: id, columnId: "ideas", title, index: null });

/** One person's queue for one board, kept as IndexedDB keeps it: by OpId, read back oldest first. */
class MemoryQueue implements DurableQueue<BoardOp> {
  readonly rows = new Map<string, StoredOp<BoardOp>>();

  async load(): Promise<StoredOp<BoardOp>[]> {
    return inOrder([...this.rows.values()].map((r) => structuredClone(r)));
  }

  async put(entry: StoredOp<BoardOp>): Promise<void> {
    this.rows.set(key(entry.id), structuredClone(entry));
  }

  async remove(id: OpId): Promise<void> {
    this.rows.delete(key(id));
  }
}

const key = (id: OpId) => `${id.clientId}/${id.number}`;

/** A page on the board: its own tab id, its own connection, the person's durable queue. */
function page(server: FakeServer, queue: DurableQueue<BoardOp>, tab: string, online = true): { store: BoardStore; transport: FakeTransport } {
  const transport = new FakeTransport(server, "anna");
  if (!online) transport.disconnect();
  const store = new BoardStore(transport, server.boardId, { userId: "anna", displayName: "Anna" }, tab, queue);
  return { store, transport };
}

const submitted = (t: FakeTransport) => t.calls.filter((c) => c.method === "Submit").map((c) => c.args[1] as OpId);

describe("durable offline queue", () => {
  it("restore: operations made offline survive a reload and are sent after the join with their original op ids, in order", async () => {
    const server = new FakeServer();
    const queue = new MemoryQueue();
    const first = page(server, queue, "tab-1");
    await settle();
    first.transport.disconnect();
    first.store.submit(addCard("c1", "En"));
    first.store.submit(addCard("c2", "To"));
    await settle();
    expect([...queue.rows.keys()]).toEqual(["tab-1/1", "tab-1/2"]);
    await first.store.close(); // the reload: the page and its memory are gone

    const second = page(server, queue, "tab-2", false);
    await settle();
    expect(second.store.pending.map((p) => p.id)).toEqual([{ clientId: "tab-1", number: 1 }, { clientId: "tab-1", number: 2 }]);
    second.transport.reconnect();
    await settle(60);
    second.store.submit(addCard("c3", "Tre")); // made on the new page: after the old ones
    await settle(60);

    const calls = second.transport.calls.map((c) => c.method);
    expect(calls.indexOf("Join")).toBeLessThan(calls.indexOf("Submit"));
    expect(submitted(second.transport)).toEqual([
      { clientId: "tab-1", number: 1 },
      { clientId: "tab-1", number: 2 },
      { clientId: "tab-2", number: 1 },
    ]);
    expect(second.store.pending).toHaveLength(0);
    expect(queue.rows.size).toBe(0);
    expect(server.board.columns.find((c) => c.id === "ideas")!.cardIds).toEqual(["c1", "c2", "c3"]);
    await second.store.close();
  });

  it("restore: an operation the grain applied before the reload (its answer lost) is applied once and leaves the queue", async () => {
    const server = new FakeServer();
    const queue = new MemoryQueue();
    const first = page(server, queue, "tab-1");
    await settle();
    first.transport.holdSubmits = true;
    first.transport.dropPushes = true;
    first.store.submit(addCard("c1", "En"));
    await settle();
    expect(server.seq).toBe(1); // applied; the answer is still on its way
    first.transport.disconnect();
    await first.store.close();
    expect(queue.rows.size).toBe(1);

    const second = page(server, queue, "tab-2");
    await settle(60);
    expect(server.seq).toBe(1);
    expect(Object.keys(server.board.cards)).toEqual(["c1"]);
    expect(second.store.pending).toHaveLength(0);
    expect(queue.rows.size).toBe(0);
    expect(second.store.confirmed).toEqual(server.board);
    await second.store.close();
  });

  it("restore: a restored operation the grain refuses leaves the queue and its reason is shown", async () => {
    const server = new FakeServer();
    const queue = new MemoryQueue();
    const first = page(server, queue, "tab-1");
    await settle();
    first.transport.disconnect();
    first.store.submit(addCard("c1", "En"));
    await first.store.close();
    server.submit("bo", { clientId: "bo-tab", number: 1 }, addCard("c1", "Bos kort")); // the id is taken meanwhile

    const second = page(server, queue, "tab-2");
    await settle(60);
    expect(queue.rows.size).toBe(0);
    expect(second.store.pending).toHaveLength(0);
    expect(second.store.refusals.map((r) => r.code)).toEqual(["conflict"]);
    expect(server.board.cards["c1"]!.title).toBe("Bos kort");
    await second.store.close();
  });

  it("submit: description edits are not kept across reloads (shared text is rebased by the live page only)", async () => {
    const server = new FakeServer();
    server.submit("bo", { clientId: "bo-tab", number: 1 }, addCard("c1", "En"));
    const queue = new MemoryQueue();
    const { store, transport } = page(server, queue, "tab-1");
    await settle();
    transport.disconnect();
    store.editDescription("c1", replace(0, 0, 0, "Hej"));
    store.submit({ type: "setCardText", cardId: "c1", field: "title", value: "Et" });
    await settle();
    expect(store.pending.map((p) => p.op.type).sort()).toEqual(["editCardDescription", "setCardText"]);
    expect([...queue.rows.values()].map((r) => r.op.type)).toEqual(["setCardText"]);
    await store.close();
  });

  it("unsentOperations: counts what open documents have not sent, and forgets a closed document", async () => {
    const server = new FakeServer();
    const { store, transport } = page(server, new MemoryQueue(), "tab-1");
    await settle();
    const before = unsentOperations();
    transport.disconnect();
    store.submit(addCard("c1", "En"));
    expect(unsentOperations()).toBe(before + 1);
    await store.close();
    expect(unsentOperations()).toBe(before);
  });
});
