// The live document's answer to failures (connection.ts): "not now" and errors without a code keep an operation
// queued and send it again, with the same op id, for as long as the page is open; only a definitive refusal
// drops it, with its reason shown. Fake timers stand in for the minutes a failover may take.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BoardStore } from "../src/stores/boardStore";
import type { BoardOp, OpId } from "../src/protocol";
import { FakeServer, FakeTransport } from "./fakeServer";

const addCard = (id: string, title: string): BoardOp => ({ type: "addCard", cardId: id, columnId: "ideas", title, index: null });

/** A server whose Submit fails the next `failures` times the way the test says, then answers normally. */
function failing(failures: number, error: () => Error) {
  const server = new FakeServer();
  const transport = new FakeTransport(server, "anna");
  const invoke = transport.invoke.bind(transport);
  let left = failures;
  transport.invoke = async (method: string, ...args: unknown[]) => {
    if (method === "Submit" && left > 0) {
      left--;
      transport.calls.push({ method, args: structuredClone(args) });
      throw error();
    }
    return invoke(method, ...args);
  };
  const store = new BoardStore(transport, server.boardId, { userId: "anna", displayName: "Anna" }, "anna-tab");
  return { server, transport, store };
}

const submits = (transport: FakeTransport) => transport.calls.filter((c) => c.method === "Submit").map((c) => c.args[1] as OpId);

describe("live document retries", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it("keeps sending an op through 40 errors without a code (a failing server), then applies it once", async () => {
    const { server, transport, store } = failing(40, () => new Error("An unexpected error occurred invoking 'Submit' on the server."));
    await vi.advanceTimersByTimeAsync(10);

    store.submit(addCard("c1", "Gåtur"));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(store.pending).toHaveLength(1);
    expect(store.connection).toBe("reconnecting");
    expect(store.view!.cards["c1"]?.title).toBe("Gåtur");

    await vi.advanceTimersByTimeAsync(120_000);
    expect(store.pending).toHaveLength(0);
    expect(store.connection).toBe("connected");
    expect(store.refusals).toEqual([]);
    expect(server.seq).toBe(1);
    const sent = submits(transport);
    expect(sent).toHaveLength(41);
    expect(new Set(sent.map((id) => `${id.clientId}/${id.number}`)).size).toBe(1);
  });

  it("keeps sending an op the hub refuses as unavailable, and the ops behind it wait in order", async () => {
    const { server, transport, store } = failing(12, () => new Error("An unexpected error occurred invoking 'Submit' on the server. HubException: unavailable: Prøv igen. / Try again."));
    await vi.advanceTimersByTimeAsync(10);

    store.submit(addCard("c1", "En"));
    store.submit(addCard("c2", "To"));
    await vi.advanceTimersByTimeAsync(60_000);

    expect(store.pending).toHaveLength(0);
    expect(store.refusals).toEqual([]);
    expect(server.board.columns.find((c) => c.id === "ideas")!.cardIds).toEqual(["c1", "c2"]);
    expect(submits(transport).map((id) => id.number)).toEqual([...Array<number>(13).fill(1), 2]);
  });

  it("drops an op on a definitive refusal and shows why, then sends the next", async () => {
    const { server, store } = failing(1, () => new Error("An unexpected error occurred invoking 'Submit' on the server. HubException: forbidden: Du må ikke. / You may not."));
    await vi.advanceTimersByTimeAsync(10);

    store.submit(addCard("c1", "En"));
    store.submit(addCard("c2", "To"));
    await vi.advanceTimersByTimeAsync(1_000);

    expect(store.pending).toHaveLength(0);
    expect(store.refusals.at(-1)).toMatchObject({ code: "forbidden" });
    expect(store.connection).toBe("connected");
    expect(server.board.columns.find((c) => c.id === "ideas")!.cardIds).toEqual(["c2"]);
  });
});
