// The board store over a fake transport: optimistic ops rebased on the confirmed board, acknowledgement,
// refusals, gaps, duplicates after a reconnect, offline queueing, snapshots.
import { describe, expect, it } from "vitest";
import { BoardStore } from "../src/stores/boardStore";
import type { BoardOp } from "../src/protocol";
import { FakeServer, FakeTransport, settle } from "./fakeServer";
import { longDisconnections, rng } from "./textKit";

function open(server: FakeServer, user = "anna") {
  const transport = new FakeTransport(server, user);
  const store = new BoardStore(transport, server.boardId, { userId: user, displayName: user }, `${user}-tab`);
  store.setMembers([
    { userId: "anna", displayName: "Anna", side: "municipality", role: "coordinator", joinedAt: "", partyId: null, fieldRole: "none" },
    { userId: "bo", displayName: "Bo", side: "voluntaryOrganisation", role: "member", joinedAt: "", partyId: null, fieldRole: "none" },
  ]);
  return { transport, store };
}

const titles = (store: BoardStore, column: string) =>
  store.view!.columns.find((c) => c.id === column)!.cardIds.map((id) => store.view!.cards[id]!.title);

const addCard = (id: string, title: string, columnId = "ideas"): BoardOp => ({ type: "addCard", cardId: id, columnId, title, index: null });

describe("board store", () => {
  it("joins with 0, gets the snapshot, and applies a local op at once, then confirms it", async () => {
    const server = new FakeServer();
    const { store, transport } = open(server);
    await settle();
    expect(transport.calls[0]).toMatchObject({ method: "Join", args: ["b1", 0] });
    expect(store.view!.columns).toHaveLength(4);

    transport.holdSubmits = true;
    store.submit(addCard("c1", "Gåtur"));
    expect(titles(store, "ideas")).toEqual(["Gåtur"]); // optimistic, before any answer
    expect(store.pending).toHaveLength(1);
    await settle();
    // The push arrived before the acknowledgement: the op is confirmed by its id.
    expect(store.seq).toBe(1);
    expect(store.pending).toHaveLength(0);
    transport.release();
    await settle();
    expect(store.pending).toHaveLength(0);
    expect(titles(store, "ideas")).toEqual(["Gåtur"]);
  });

  it("rebases pending ops on remote changes: both appear, in grain order once confirmed", async () => {
    const server = new FakeServer();
    const anna = open(server, "anna");
    const bo = open(server, "bo");
    await settle();
    anna.transport.holdSubmits = true;
    anna.transport.dropPushes = true;
    anna.store.submit(addCard("a1", "Annas"));
    // Bo's op is committed first (Anna's is held), and Anna hears of it.
    bo.store.submit(addCard("b1", "Bos"));
    await settle();
    anna.transport.dropPushes = false;
    server.broadcast(server.window.slice());
    await settle();
    expect(titles(anna.store, "ideas").sort()).toEqual(["Annas", "Bos"]);
    anna.transport.release();
    await settle(60);
    expect(titles(anna.store, "ideas")).toEqual(titles(bo.store, "ideas"));
    expect(anna.store.confirmed).toEqual(server.board);
  });

  it("drops a refused op, rolls the view back, and tells why", async () => {
    const server = new FakeServer();
    const { store } = open(server);
    await settle();
    store.submit(addCard("c1", "Gåtur"));
    await settle();
    // Someone archives... no: the server refuses a title that our reducer would accept if its rules differed.
    server.members.delete("bo");
    store.submit({ type: "setCardOwners", cardId: "c1", ownerIds: ["bo"] });
    expect(store.view!.cards.c1!.ownerIds).toEqual(["bo"]);
    await settle();
    expect(store.view!.cards.c1!.ownerIds).toEqual([]);
    expect(store.pending).toHaveLength(0);
    expect(store.refusals.at(-1)).toMatchObject({ code: "validation" });
  });

  it("refuses locally what the grain would refuse, without sending it", async () => {
    const server = new FakeServer();
    const { store, transport } = open(server);
    await settle();
    expect(store.submit({ type: "renameColumn", columnId: "nope", title: "X" })).toBe(false);
    expect(store.refusals.at(-1)).toMatchObject({ code: "not_found" });
    expect(transport.calls.filter((c) => c.method === "Submit")).toHaveLength(0);
  });

  it("on a gap asks Sync for the missing ops and applies them in order, buffering pushes meanwhile", async () => {
    const server = new FakeServer();
    const { store, transport } = open(server);
    await settle();
    transport.dropPushes = true;
    server.submit("bo", { clientId: "bo-tab", number: 1 }, addCard("c1", "En"));
    server.submit("bo", { clientId: "bo-tab", number: 2 }, addCard("c2", "To"));
    transport.dropPushes = false;
    server.submit("bo", { clientId: "bo-tab", number: 3 }, addCard("c3", "Tre"));
    await settle();
    expect(transport.calls.some((c) => c.method === "Sync" && c.args[1] === 0)).toBe(true);
    expect(store.seq).toBe(3);
    expect(titles(store, "ideas")).toEqual(["En", "To", "Tre"]);
  });

  it("skips pushes it already has", async () => {
    const server = new FakeServer();
    const { store } = open(server);
    await settle();
    server.submit("bo", { clientId: "bo-tab", number: 1 }, addCard("c1", "En"));
    await settle();
    server.broadcast(server.window.slice());
    await settle();
    expect(store.seq).toBe(1);
    expect(titles(store, "ideas")).toEqual(["En"]);
  });

  it("keeps ops made offline, applies them at once, and sends them in order after the reconnect", async () => {
    const server = new FakeServer();
    const { store, transport } = open(server);
    await settle();
    transport.disconnect();
    store.submit(addCard("c1", "En"));
    store.submit(addCard("c2", "To"));
    store.submit({ type: "moveCard", cardId: "c1", toColumnId: "done", index: 0 });
    expect(titles(store, "ideas")).toEqual(["To"]);
    expect(titles(store, "done")).toEqual(["En"]);
    server.submit("bo", { clientId: "bo-tab", number: 1 }, addCard("b1", "Bos"));
    await settle();
    expect(server.seq).toBe(1);
    transport.reconnect();
    await settle(60);
    const submits = transport.calls.filter((c) => c.method === "Submit").map((c) => (c.args[1] as { number: number }).number);
    expect(submits).toEqual([1, 2, 3]);
    expect(store.pending).toHaveLength(0);
    expect(store.confirmed).toEqual(server.board);
    expect(titles(store, "ideas")).toEqual(["Bos", "To"]);
  });

  it("an op whose answer was lost is known committed from the rejoin's snapshot: not sent again, shown once", async () => {
    const server = new FakeServer();
    const { store, transport } = open(server);
    await settle();
    transport.holdSubmits = true;
    transport.dropPushes = true;
    store.submit(addCard("c1", "En"));
    await settle();
    expect(server.seq).toBe(1); // applied, but the answer and the push are lost with the connection
    transport.disconnect();
    await settle();
    transport.holdSubmits = false;
    transport.dropPushes = false;
    transport.reconnect();
    await settle(60);
    const ids = transport.calls.filter((c) => c.method === "Submit").map((c) => c.args[1]);
    // The snapshot (fromSeq 0) came with this client's outcome: number 1 committed as seq 1.
    expect(ids).toEqual([{ clientId: "anna-tab", number: 1 }]);
    expect(server.seq).toBe(1);
    expect(store.pending).toHaveLength(0);
    expect(titles(store, "ideas")).toEqual(["En"]);
  });

  it("rejoins from its seq after a reconnect and gets a snapshot when the window no longer covers it", async () => {
    const server = new FakeServer();
    server.windowSize = 2;
    const { store, transport } = open(server);
    await settle();
    server.submit("bo", { clientId: "bo-tab", number: 1 }, addCard("c1", "En"));
    await settle();
    transport.disconnect();
    for (let i = 2; i <= 5; i++) server.submit("bo", { clientId: "bo-tab", number: i }, addCard(`c${i}`, `Kort ${i}`));
    transport.reconnect();
    await settle();
    const joins = transport.calls.filter((c) => c.method === "Join").map((c) => c.args[1]);
    expect(joins).toEqual([0, 1]);
    expect(store.seq).toBe(5);
    expect(store.confirmed).toEqual(server.board);
  });

  it("long disconnections with lost answers, 20 random cases: every character typed in a description is kept once, nothing stays in flight", async () => {
    for (let seed = 1; seed <= 20; seed++) {
      const server = new FakeServer();
      server.historyMax = 2;
      server.submit("bo", { clientId: "bo-tab", number: 1 }, addCard("c1", "Gåtur"));
      let others = 1;
      const { store, transport } = open(server);
      await settle();
      await longDisconnections(
        {
          view: () => store.view!.cards.c1!.description,
          serverText: () => server.board.cards.c1!.description,
          type: (op) => expect(store.editDescription("c1", op)).toBe(true),
          other: (op) => {
            const result = server.submit("bo", { clientId: "bo-tab", number: ++others }, { type: "editCardDescription", cardId: "c1", base: server.seq, op });
            expect(result.errorCode).toBeNull();
          },
          loseAnswers: (on) => {
            transport.holdSubmits = on;
            transport.dropPushes = on;
          },
          longAway: (on) => (transport.window = !on),
          disconnect: () => transport.disconnect(),
          reconnect: () => transport.reconnect(),
          pending: () => store.pending.length + store.texts.pendingCount,
        },
        rng(seed),
      );
    }
  });

  it("a forged op under this tab's client id and the next number is not taken as its own: the real op is still sent and kept", async () => {
    const server = new FakeServer();
    const { store, transport } = open(server);
    await settle();

    transport.holdSubmits = true;
    store.submit(addCard("c1", "En"));
    store.submit(addCard("c2", "To"));
    await settle();
    // Bo read anna's client id from a push and sends op number 2 under it before anna's op 2 is sent.
    server.submit("bo", { clientId: "anna-tab", number: 2 }, addCard("x", "Falsk"));
    transport.release();
    await settle();
    transport.holdSubmits = false;
    transport.release();
    await settle();

    expect(store.pending).toHaveLength(0);
    expect(titles(store, "ideas")).toEqual(["En", "Falsk", "To"]);
    expect(server.board.columns.find((c) => c.id === "ideas")!.cardIds).toEqual(["c1", "x", "c2"]);
  });

  it("announces other people's changes in plain words, not its own", async () => {
    const server = new FakeServer();
    const { store } = open(server);
    const heard: string[] = [];
    store.onAnnouncement((a) => heard.push(`${a.key}:${JSON.stringify(a.params)}`));
    await settle();
    store.submit(addCard("c1", "Fælles gåtur"));
    await settle();
    server.submit("bo", { clientId: "bo-tab", number: 1 }, { type: "moveCard", cardId: "c1", toColumnId: "planned", index: 0 });
    await settle();
    expect(heard).toEqual([`say.moveCard:${JSON.stringify({ who: "Bo", card: "Fælles gåtur", column: "Planlagt" })}`]);
  });

  it("keeps an op pending and retries when the grain is unavailable", async () => {
    const server = new FakeServer();
    const { store, transport } = open(server);
    await settle();
    const original = server.submit.bind(server);
    let fail = 1;
    server.submit = (actor, id, op, push) =>
      fail-- > 0 ? { seq: null, duplicate: false, errorCode: "unavailable", error: "Prøv igen / Try again" } : original(actor, id, op, push);
    store.submit(addCard("c1", "En"));
    await settle();
    expect(store.pending).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 3500));
    await settle();
    expect(store.pending).toHaveLength(0);
    expect(server.seq).toBe(1);
    expect(transport.calls.filter((c) => c.method === "Submit")).toHaveLength(2);
  }, 10_000);
});

