// The TS reducer must give the grain's results for valid ops and refuse what BoardReducer.cs refuses, with
// the same code (and field where the grain gives one).
import { describe, expect, it } from "vitest";
import { applyOp, Refusal, type Actor } from "../src/boardReducer";
import { BoardLimits, type Board, type BoardOp } from "../src/protocol";
import { newBoard } from "./fakeServer";

const anna: Actor = { userId: "anna", displayName: "Anna" };
const bo: Actor = { userId: "bo", displayName: "Bo" };
const members = new Set(["anna", "bo"]);
const now = "2026-11-29T10:00:00+00:00";

function run(board: Board, ...ops: BoardOp[]): Board {
  return ops.reduce((b, op) => applyOp(b, anna, op, now, members), board);
}

function refusal(board: Board, op: BoardOp, actor: Actor = anna): { code: string; field: string | null } {
  try {
    applyOp(board, actor, op, now, members);
  } catch (e) {
    expect(e).toBeInstanceOf(Refusal);
    const r = e as Refusal;
    expect(r.message).toContain(" / ");
    return { code: r.code, field: r.field };
  }
  throw new Error("expected a refusal");
}

const withCard = () => run(newBoard(), { type: "addCard", cardId: "c1", columnId: "ideas", title: "Fælles gåtur", index: null });

describe("board reducer: columns", () => {
  it("renameBoard trims the name and refuses an empty or too long one", () => {
    expect(run(newBoard(), { type: "renameBoard", name: "  Plan  " }).name).toBe("Plan");
    expect(refusal(newBoard(), { type: "renameBoard", name: "   " })).toEqual({ code: "validation", field: "name" });
    expect(refusal(newBoard(), { type: "renameBoard", name: "x".repeat(BoardLimits.BoardNameMax + 1) })).toEqual({ code: "limit_exceeded", field: "name" });
    expect(refusal(newBoard(), { type: "renameBoard", name: "a\nb" })).toEqual({ code: "validation", field: "name" });
  });

  it("addColumn inserts at the index, or last, and refuses bad ids, duplicates and the 31st column", () => {
    const b = run(newBoard(), { type: "addColumn", columnId: "x", title: "X", index: 1 }, { type: "addColumn", columnId: "y", title: "Y", index: 99 });
    expect(b.columns.map((c) => c.id)).toEqual(["ideas", "x", "planned", "doing", "done", "y"]);
    expect(refusal(newBoard(), { type: "addColumn", columnId: "has space", title: "X", index: null })).toEqual({ code: "validation", field: "columnId" });
    expect(refusal(newBoard(), { type: "addColumn", columnId: "i".repeat(65), title: "X", index: null }).code).toBe("validation");
    expect(refusal(newBoard(), { type: "addColumn", columnId: "ideas", title: "X", index: null })).toEqual({ code: "conflict", field: "columnId" });
    expect(refusal(newBoard(), { type: "addColumn", columnId: "z", title: "X", index: -1 })).toEqual({ code: "validation", field: "index" });
    let full = newBoard();
    for (let i = full.columns.length; i < BoardLimits.ColumnsMax; i++) full = run(full, { type: "addColumn", columnId: `c${i}`, title: "C", index: null });
    expect(refusal(full, { type: "addColumn", columnId: "one-more", title: "X", index: null }).code).toBe("limit_exceeded");
  });

  it("renameColumn, moveColumn, archiveColumn and restoreColumn change one column; an unknown column is not_found", () => {
    let b = run(newBoard(), { type: "renameColumn", columnId: "ideas", title: "Forslag" });
    expect(b.columns[0]!.title).toBe("Forslag");
    b = run(b, { type: "moveColumn", columnId: "ideas", index: 2 });
    expect(b.columns.map((c) => c.id)).toEqual(["planned", "doing", "ideas", "done"]);
    b = run(b, { type: "moveColumn", columnId: "ideas", index: 100 });
    expect(b.columns.map((c) => c.id)).toEqual(["planned", "doing", "done", "ideas"]);
    b = run(b, { type: "archiveColumn", columnId: "done" });
    expect(b.columns.find((c) => c.id === "done")!.archived).toBe(true);
    b = run(b, { type: "restoreColumn", columnId: "done" });
    expect(b.columns.find((c) => c.id === "done")!.archived).toBe(false);
    expect(refusal(b, { type: "renameColumn", columnId: "nope", title: "X" }).code).toBe("not_found");
    expect(refusal(b, { type: "moveColumn", columnId: "ideas", index: -1 }).code).toBe("validation");
    expect(refusal(b, { type: "archiveColumn", columnId: "nope" }).code).toBe("not_found");
  });
});

describe("board reducer: cards", () => {
  it("addCard creates a blank card by the actor and refuses duplicates, unknown columns and empty titles", () => {
    const b = withCard();
    expect(b.columns[0]!.cardIds).toEqual(["c1"]);
    expect(b.cards.c1).toMatchObject({ title: "Fælles gåtur", createdBy: "anna", createdAt: now, archived: false, ownerIds: [], checklist: [] });
    expect(refusal(b, { type: "addCard", cardId: "c1", columnId: "ideas", title: "X", index: null })).toEqual({ code: "conflict", field: "cardId" });
    expect(refusal(b, { type: "addCard", cardId: "c2", columnId: "nope", title: "X", index: null }).code).toBe("not_found");
    expect(refusal(b, { type: "addCard", cardId: "c2", columnId: "ideas", title: " ", index: null })).toEqual({ code: "validation", field: "title" });
    const first = run(b, { type: "addCard", cardId: "c0", columnId: "ideas", title: "Før", index: 0 });
    expect(first.columns[0]!.cardIds).toEqual(["c0", "c1"]);
  });

  it("setCardText sets each field with its own limits; place may be empty, title may not; the description is shared text", () => {
    let b = withCard();
    b = run(b, { type: "setCardText", cardId: "c1", field: "title", value: " Gåtur " });
    b = run(b, { type: "editCardDescription", cardId: "c1", base: 2, op: ["Linje 1\nLinje 2\t"] });
    b = run(b, { type: "setCardText", cardId: "c1", field: "place", value: "" });
    b = run(b, { type: "setCardText", cardId: "c1", field: "volunteerTasks", value: "Går med" });
    b = run(b, { type: "setCardText", cardId: "c1", field: "staffTasks", value: "Inviterer" });
    expect(b.cards.c1).toMatchObject({ title: "Gåtur", description: "Linje 1\nLinje 2\t", place: "", volunteerTasks: "Går med", staffTasks: "Inviterer" });
    expect(refusal(b, { type: "setCardText", cardId: "c1", field: "title", value: "" })).toEqual({ code: "validation", field: "title" });
    expect(refusal(b, { type: "setCardText", cardId: "c1", field: "description", value: "Overskriver" })).toEqual({ code: "validation", field: "field" });
    expect(refusal(b, { type: "editCardDescription", cardId: "c1", base: 3, op: [16, "x".repeat(BoardLimits.DescriptionMax)] })).toEqual({ code: "limit_exceeded", field: "description" });
    expect(refusal(b, { type: "editCardDescription", cardId: "c1", base: 3, op: [3, "x"] })).toEqual({ code: "validation", field: "description" });
    expect(refusal(b, { type: "setCardText", cardId: "c1", field: "staffTasks", value: "bell\u0007" })).toEqual({ code: "validation", field: "staffTasks" });
    expect(refusal(b, { type: "setCardText", cardId: "c1", field: "place", value: "a\nb" })).toEqual({ code: "validation", field: "place" });
    expect(refusal(b, { type: "setCardText", cardId: "c1", field: "nope" as "title", value: "x" })).toEqual({ code: "validation", field: "field" });
    expect(refusal(b, { type: "setCardText", cardId: "nope", field: "title", value: "x" }).code).toBe("not_found");
  });

  it("setCardSchedule allows open ends and refuses an end before the start (compared as instants)", () => {
    let b = run(withCard(), { type: "setCardSchedule", cardId: "c1", startsAt: "2026-12-01T10:00:00+01:00", endsAt: "2026-12-01T09:30:00+00:00" });
    expect(b.cards.c1!.endsAt).toBe("2026-12-01T09:30:00+00:00");
    b = run(b, { type: "setCardSchedule", cardId: "c1", startsAt: null, endsAt: null });
    expect(b.cards.c1!.startsAt).toBeNull();
    expect(refusal(b, { type: "setCardSchedule", cardId: "c1", startsAt: "2026-12-01T10:00:00+00:00", endsAt: "2026-12-01T09:00:00+00:00" })).toEqual({ code: "validation", field: "endsAt" });
  });

  it("setCardOwners keeps members once, in order, and refuses non-members and more than 20", () => {
    const b = run(withCard(), { type: "setCardOwners", cardId: "c1", ownerIds: ["bo", "anna", "bo"] });
    expect(b.cards.c1!.ownerIds).toEqual(["bo", "anna"]);
    expect(refusal(b, { type: "setCardOwners", cardId: "c1", ownerIds: ["eve"] })).toEqual({ code: "validation", field: "ownerIds" });
    expect(refusal(b, { type: "setCardOwners", cardId: "c1", ownerIds: Array(21).fill("anna") }).code).toBe("limit_exceeded");
    // Committed ops are trusted: the grain checked members we may not know yet.
    expect(applyOp(b, anna, { type: "setCardOwners", cardId: "c1", ownerIds: ["eve"] }, now, null).cards.c1!.ownerIds).toEqual(["eve"]);
  });

  it("setCardLabels trims, drops duplicates, and refuses empty, long or too many labels", () => {
    const b = run(withCard(), { type: "setCardLabels", cardId: "c1", labels: [" ude ", "ude", "motion"] });
    expect(b.cards.c1!.labels).toEqual(["ude", "motion"]);
    expect(refusal(b, { type: "setCardLabels", cardId: "c1", labels: [""] })).toEqual({ code: "validation", field: "labels" });
    expect(refusal(b, { type: "setCardLabels", cardId: "c1", labels: ["x".repeat(41)] })).toEqual({ code: "limit_exceeded", field: "labels" });
    expect(refusal(b, { type: "setCardLabels", cardId: "c1", labels: Array.from({ length: 21 }, (_, i) => `l${i}`) }).code).toBe("limit_exceeded");
  });

  it("moveCard moves within and across columns, clamps the index, and refuses unknown cards and columns", () => {
    let b = run(withCard(), { type: "addCard", cardId: "c2", columnId: "ideas", title: "To", index: null }, { type: "addCard", cardId: "c3", columnId: "ideas", title: "Tre", index: null });
    b = run(b, { type: "moveCard", cardId: "c3", toColumnId: "ideas", index: 0 });
    expect(b.columns[0]!.cardIds).toEqual(["c3", "c1", "c2"]);
    b = run(b, { type: "moveCard", cardId: "c1", toColumnId: "planned", index: 50 });
    expect(b.columns[0]!.cardIds).toEqual(["c3", "c2"]);
    expect(b.columns[1]!.cardIds).toEqual(["c1"]);
    expect(refusal(b, { type: "moveCard", cardId: "nope", toColumnId: "planned", index: 0 }).code).toBe("not_found");
    expect(refusal(b, { type: "moveCard", cardId: "c1", toColumnId: "nope", index: 0 }).code).toBe("not_found");
    expect(refusal(b, { type: "moveCard", cardId: "c1", toColumnId: "ideas", index: -1 }).code).toBe("validation");
  });

  it("archiveCard and restoreCard keep the card's place", () => {
    let b = run(withCard(), { type: "archiveCard", cardId: "c1" });
    expect(b.cards.c1!.archived).toBe(true);
    expect(b.columns[0]!.cardIds).toEqual(["c1"]);
    b = run(b, { type: "restoreCard", cardId: "c1" });
    expect(b.cards.c1!.archived).toBe(false);
    expect(refusal(b, { type: "archiveCard", cardId: "nope" }).code).toBe("not_found");
  });
});

describe("board reducer: checklist and comments", () => {
  it("checklist items are added undone, updated whole, removed; assignees must be members", () => {
    let b = run(withCard(), { type: "addChecklistItem", cardId: "c1", itemId: "i1", text: " Kaffe " });
    expect(b.cards.c1!.checklist).toEqual([{ id: "i1", text: "Kaffe", done: false, assigneeId: null }]);
    b = run(b, { type: "updateChecklistItem", cardId: "c1", itemId: "i1", text: "Kaffe og kage", done: true, assigneeId: "bo" });
    expect(b.cards.c1!.checklist[0]).toEqual({ id: "i1", text: "Kaffe og kage", done: true, assigneeId: "bo" });
    expect(refusal(b, { type: "addChecklistItem", cardId: "c1", itemId: "i1", text: "x" })).toEqual({ code: "conflict", field: "itemId" });
    expect(refusal(b, { type: "updateChecklistItem", cardId: "c1", itemId: "i1", text: "x", done: false, assigneeId: "eve" })).toEqual({ code: "validation", field: "assigneeId" });
    expect(refusal(b, { type: "updateChecklistItem", cardId: "c1", itemId: "nope", text: "x", done: false, assigneeId: null }).code).toBe("not_found");
    b = run(b, { type: "removeChecklistItem", cardId: "c1", itemId: "i1" });
    expect(b.cards.c1!.checklist).toEqual([]);
    expect(refusal(b, { type: "removeChecklistItem", cardId: "c1", itemId: "i1" }).code).toBe("not_found");
    let full = withCard();
    for (let i = 0; i < BoardLimits.ChecklistMax; i++) full = run(full, { type: "addChecklistItem", cardId: "c1", itemId: `i${i}`, text: "x" });
    expect(refusal(full, { type: "addChecklistItem", cardId: "c1", itemId: "more", text: "x" }).code).toBe("limit_exceeded");
  });

  it("comments carry author and time; only the author edits or deletes; empty text is refused", () => {
    let b = run(withCard(), { type: "addComment", cardId: "c1", commentId: "m1", text: "Godt forslag" });
    expect(b.cards.c1!.comments[0]).toEqual({ id: "m1", authorId: "anna", authorName: "Anna", at: now, text: "Godt forslag", editedAt: null });
    expect(refusal(b, { type: "addComment", cardId: "c1", commentId: "m2", text: "  \n " })).toEqual({ code: "validation", field: "text" });
    expect(refusal(b, { type: "addComment", cardId: "c1", commentId: "m1", text: "igen" })).toEqual({ code: "conflict", field: "commentId" });
    expect(refusal(b, { type: "editComment", cardId: "c1", commentId: "m1", text: "Bos version" }, bo).code).toBe("forbidden");
    expect(refusal(b, { type: "deleteComment", cardId: "c1", commentId: "m1" }, bo).code).toBe("forbidden");
    expect(refusal(b, { type: "editComment", cardId: "c1", commentId: "nope", text: "x" }).code).toBe("not_found");
    b = run(b, { type: "editComment", cardId: "c1", commentId: "m1", text: "Rigtig godt forslag" });
    expect(b.cards.c1!.comments[0]).toMatchObject({ text: "Rigtig godt forslag", editedAt: now });
    b = run(b, { type: "deleteComment", cardId: "c1", commentId: "m1" });
    expect(b.cards.c1!.comments).toEqual([]);
  });

  it("never changes the board it is given", () => {
    const b = withCard();
    const copy = structuredClone(b);
    run(b, { type: "moveCard", cardId: "c1", toColumnId: "done", index: 0 }, { type: "setCardLabels", cardId: "c1", labels: ["x"] });
    expect(b).toEqual(copy);
  });

  it("uses .NET's idea of white space and control characters", () => {
    // U+FEFF is white space to JavaScript's trim but not to .NET: the grain keeps it, and so do we.
    expect(run(newBoard(), { type: "renameBoard", name: "\uFEFFPlan" }).name).toBe("\uFEFFPlan");
    // U+0085 is a control character: refused in a single line.
    expect(refusal(newBoard(), { type: "renameBoard", name: "a\u0085b" }).code).toBe("validation");
  });

  it("refuses a lone surrogate half in a line or a text, as the grain does (TextRules.IsWellFormed)", () => {
    // Not expressible in the shared JSON cases: .NET's JSON reader refuses such a string before any rule sees it.
    expect(refusal(newBoard(), { type: "renameBoard", name: "a\uD800b" })).toEqual({ code: "validation", field: "name" });
    expect(refusal(withCard(), { type: "setCardText", cardId: "c1", field: "staffTasks", value: "\uDC00" })).toEqual({ code: "validation", field: "staffTasks" });
    expect(run(newBoard(), { type: "renameBoard", name: "Plan 😀" }).name).toBe("Plan 😀");
  });
});
