// Where a drag and drop lands on the board (views/boardDrop.ts): the op it sends must be the one the keyboard "Flyt"
// menu would send for the same place, with indexes counted as the reducer counts them (without the moved item).
import { describe, expect, it } from "vitest";
import { applyOp, type Actor } from "../src/boardReducer";
import type { Board, BoardOp } from "../src/protocol";
import { cardPlace, columnPlace, dropOp, type TargetData } from "../src/views/boardDrop";
import { newBoard } from "./fakeServer";

const anna: Actor = { userId: "anna", displayName: "Anna" };
const now = "2026-12-03T10:00:00+00:00";

function run(board: Board, ...ops: BoardOp[]): Board {
  return ops.reduce((b, op) => applyOp(b, anna, op, now, new Set(["anna"])), board);
}

/** ideas: a, b, (x archived), c; planned: d. */
function board(): Board {
  const add = (cardId: string, columnId: string): BoardOp => ({ type: "addCard", cardId, columnId, title: cardId, index: null });
  return run(newBoard(), add("a", "ideas"), add("b", "ideas"), add("x", "ideas"), add("c", "ideas"), add("d", "planned"), { type: "archiveCard", cardId: "x" });
}

const overCard = (id: string, half: "before" | "after"): TargetData[] => [
  { over: "card", id, half },
  { over: "column", id: "ideas", half: "before" },
];

function drop(b: Board, kind: "card" | "column", id: string, targets: TargetData[]): Board {
  const place = kind === "card" ? cardPlace(b, id, targets) : columnPlace(b, id, targets);
  const op = dropOp(b, { kind, id, place });
  return op ? run(b, op) : b;
}

const order = (b: Board, columnId: string) => b.columns.find((c) => c.id === columnId)!.cardIds.filter((id) => !b.cards[id]!.archived);

describe("board drop places", () => {
  it("a card dropped on the upper half of another lands before it, on the lower half after it", () => {
    expect(order(drop(board(), "card", "c", overCard("a", "before")), "ideas")).toEqual(["c", "a", "b"]);
    expect(order(drop(board(), "card", "a", overCard("b", "after")), "ideas")).toEqual(["b", "a", "c"]);
    // After b means before the next visible card, past the archived one.
    expect(order(drop(board(), "card", "d", overCard("b", "after")), "ideas")).toEqual(["a", "b", "d", "c"]);
  });

  it("a card dropped on a column outside its cards lands at its end", () => {
    const moved = drop(board(), "card", "a", [{ over: "column", id: "planned", half: "after" }]);
    expect(order(moved, "planned")).toEqual(["d", "a"]);
    expect(order(moved, "ideas")).toEqual(["b", "c"]);
  });

  it("a drop where the card already is, or on itself, sends nothing", () => {
    const b = board();
    expect(cardPlace(b, "a", overCard("a", "after"))).toBeNull();
    expect(dropOp(b, { kind: "card", id: "a", place: cardPlace(b, "a", overCard("b", "before")) })).toBeNull();
    expect(dropOp(b, { kind: "card", id: "c", place: { columnId: "ideas", beforeId: null } })).toBeNull();
    expect(dropOp(b, { kind: "card", id: "a", place: null })).toBeNull();
  });

  it("a column dropped on the left half of another lands before it, on the right half after it", () => {
    const ids = (b: Board) => b.columns.map((c) => c.id);
    expect(ids(drop(board(), "column", "done", [{ over: "column", id: "ideas", half: "before" }]))).toEqual(["done", "ideas", "planned", "doing"]);
    expect(ids(drop(board(), "column", "ideas", [{ over: "column", id: "doing", half: "after" }]))).toEqual(["planned", "doing", "ideas", "done"]);
    expect(ids(drop(board(), "column", "ideas", [{ over: "column", id: "done", half: "after" }]))).toEqual(["planned", "doing", "done", "ideas"]);
    expect(columnPlace(board(), "ideas", [{ over: "column", id: "ideas", half: "after" }])).toBeNull();
    expect(dropOp(board(), { kind: "column", id: "ideas", place: columnPlace(board(), "ideas", [{ over: "column", id: "planned", half: "before" }]) })).toBeNull();
  });
});
