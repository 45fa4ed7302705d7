// The board store when access changes: a person who deleted their account is forgotten on every open
// board (and that is announced in words), and a person whose access ended (Revoked) stops editing.
import { describe, expect, it } from "vitest";
import { FORMER_PARTICIPANT_NAME, SYSTEM_USER_ID } from "../src/boardReducer";
import { t } from "../src/i18n";
import { BoardStore, type Announcement } from "../src/stores/boardStore";
import { FakeServer, FakeTransport, settle } from "./fakeServer";

function open(server: FakeServer, user: string) {
  const transport = new FakeTransport(server, user);
  const store = new BoardStore(transport, server.boardId, { userId: user, displayName: user }, `${user}-tab`);
  store.setMembers([
    { userId: "anna", displayName: "Anna", side: "municipality", role: "coordinator", joinedAt: "", partyId: null, fieldRole: "none" },
    { userId: "bo", displayName: "Bo", side: "voluntaryOrganisation", role: "member", joinedAt: "", partyId: null, fieldRole: "none" },
  ]);
  return { transport, store };
}

describe("board access", () => {
  it("applies forgetPerson from the board itself: the comment shows 'Tidligere deltager', said in words, with no resync", async () => {
    const server = new FakeServer();
    const anna = open(server, "anna");
    const bo = open(server, "bo");
    await settle();
    bo.store.submit({ type: "addCard", cardId: "c1", columnId: "ideas", title: "Gåtur", index: null });
    bo.store.submit({ type: "addComment", cardId: "c1", commentId: "m1", text: "Jeg tager kaffe med" });
    await settle();
    const said: string[] = [];
    anna.store.onAnnouncement((a: Announcement) => said.push(t(a.key, a.params)));
    const callsBefore = anna.transport.calls.length;

    server.submit(SYSTEM_USER_ID, { clientId: "board", number: 1 }, { type: "forgetPerson", userId: "bo" });
    await settle();

    const card = anna.store.view!.cards.c1!;
    expect(card.comments[0]).toMatchObject({ authorName: FORMER_PARTICIPANT_NAME, text: "Jeg tager kaffe med" });
    expect(card.createdBy).not.toBe("bo");
    expect(anna.store.seq).toBe(server.seq);
    expect([...anna.store.members.keys()]).toEqual(["anna"]);
    expect(said).toEqual(["En deltager har slettet sin konto og vises nu som »Tidligere deltager«."]);
    expect(anna.transport.calls.slice(callsBefore).filter((c) => c.method === "Sync")).toEqual([]);
  });

  it("stops editing once access is revoked: the failure says forbidden and nothing more is queued or sent", async () => {
    const server = new FakeServer();
    const bo = open(server, "bo");
    await settle();
    expect(bo.store.submit({ type: "addCard", cardId: "c1", columnId: "ideas", title: "Før", index: null })).toBe(true);
    await settle();

    bo.transport.push("Revoked", server.boardId);
    expect(bo.store.failure?.code).toBe("forbidden");
    const submits = bo.transport.calls.filter((c) => c.method === "Submit").length;
    expect(bo.store.submit({ type: "addCard", cardId: "c2", columnId: "ideas", title: "Efter", index: null })).toBe(false);
    await settle();
    expect(bo.store.pending).toHaveLength(0);
    expect(bo.transport.calls.filter((c) => c.method === "Submit")).toHaveLength(submits);
    expect(server.board.cards.c2).toBeUndefined();
  });
});
