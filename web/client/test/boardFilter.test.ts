// The person's own filters on the board (stores/boardFilter.ts): which cards stay on screen.
import { describe, expect, it } from "vitest";
import { applyOp, type Actor } from "../src/boardReducer";
import type { Board, BoardOp, Member } from "../src/protocol";
import { cardMatches, isFiltering, labelsOf, NO_FILTER, type BoardFilter } from "../src/stores/boardFilter";
import { newBoard } from "./fakeServer";

const anna: Actor = { userId: "anna", displayName: "Anna" };
const now = "2026-12-03T10:00:00+00:00";
const members = new Map<string, Member>([
  ["anna", { userId: "anna", displayName: "Anna", side: "municipality", role: "coordinator", joinedAt: now, partyId: null, fieldRole: "none" }],
  ["bo", { userId: "bo", displayName: "Bo", side: "voluntaryOrganisation", role: "member", joinedAt: now, partyId: null, fieldRole: "none" }],
]);

function board(): Board {
  const ops: BoardOp[] = [
    { type: "addCard", cardId: "walk", columnId: "ideas", title: "Gåtur", index: null },
    { type: "setCardOwners", cardId: "walk", ownerIds: ["anna"] },
    { type: "setCardLabels", cardId: "walk", labels: ["Udendørs"] },
    { type: "addCard", cardId: "cafe", columnId: "ideas", title: "Café", index: null },
    { type: "setCardOwners", cardId: "cafe", ownerIds: ["bo"] },
    { type: "setCardLabels", cardId: "cafe", labels: ["udendørs", "Kaffe"] },
    { type: "addCard", cardId: "none", columnId: "planned", title: "Ingen", index: null },
    { type: "addCard", cardId: "old", columnId: "planned", title: "Gammel", index: null },
    { type: "setCardLabels", cardId: "old", labels: ["Arkiv"] },
    { type: "archiveCard", cardId: "old" },
  ];
  return ops.reduce((b, op) => applyOp(b, anna, op, now, new Set(members.keys())), newBoard());
}

const shown = (filter: BoardFilter) =>
  Object.values(board().cards)
    .filter((c) => !c.archived && cardMatches(c, filter, members, "anna"))
    .map((c) => c.id)
    .sort();

describe("board filters", () => {
  it("shows every card with no filter", () => {
    expect(isFiltering(NO_FILTER)).toBe(false);
    expect(shown(NO_FILTER)).toEqual(["cafe", "none", "walk"]);
  });

  it("keeps the person's own cards with Mine kort", () => {
    expect(shown({ ...NO_FILTER, mine: true })).toEqual(["walk"]);
  });

  it("matches a label whatever its case", () => {
    expect(shown({ ...NO_FILTER, label: "UDENDØRS" })).toEqual(["cafe", "walk"]);
  });

  it("keeps cards with an owner from the side", () => {
    expect(shown({ ...NO_FILTER, side: "voluntaryOrganisation" })).toEqual(["cafe"]);
  });

  it("combines filters: all must hold", () => {
    expect(shown({ ...NO_FILTER, label: "Udendørs", owner: "bo" })).toEqual(["cafe"]);
    expect(shown({ ...NO_FILTER, mine: true, owner: "bo" })).toEqual([]);
  });

  it("lists the labels of cards not archived, once each, sorted", () => {
    expect(labelsOf(board())).toEqual(["Kaffe", "Udendørs"]);
  });
});
