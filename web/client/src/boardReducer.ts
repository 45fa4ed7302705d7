// How each board operation changes a board, or why it may not: the same rules, in the same order, as
// grains/Grains/Boards/BoardReducer.cs, so an optimistic local edit looks exactly as the grain will make it
// and a refusal can often be shown before the server is asked. The grain stays the authority.
// Pure: boards are never mutated; every change returns a new board sharing the untouched parts.

import { apply as applyText } from "./text/textOp";
import { checkTextEdit } from "./text/rules";
import { BoardLimits, type Board, type BoardOp, type Card, type ChecklistItem, type Column, type ErrorCode } from "./protocol";

/** A refusal, as the grain would give it (code and "Danish / English" message, like HubRefusedException). */
export class Refusal extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly field: string | null = null) {
    super(message);
    this.name = "Refusal";
  }
}

export interface Actor {
  userId: string;
  displayName: string;
}

/**
 * @param members the partnership's member ids, for owners and assignees; null trusts the operation
 *   (used for operations the grain already committed, which it checked against members we may not know yet).
 */
export function applyOp(board: Board, actor: Actor, op: BoardOp, now: string, members: ReadonlySet<string> | null): Board {
  switch (op.type) {
    case "renameBoard":
      return { ...board, name: line(op.name, BoardLimits.BoardNameMax, "name") };
    case "addColumn":
      return addColumn(board, op.columnId, op.title, op.index);
    case "renameColumn":
      return updateColumn(board, op.columnId, (c) => ({ ...c, title: line(op.title, BoardLimits.ColumnTitleMax, "title") }));
    case "moveColumn": {
      const index = columnIndex(board, op.columnId);
      const column = board.columns[index]!;
      const rest = board.columns.filter((_, i) => i !== index);
      return { ...board, columns: insert(rest, position(op.index, rest.length), column) };
    }
    case "archiveColumn":
      return updateColumn(board, op.columnId, (c) => ({ ...c, archived: true }));
    case "restoreColumn":
      return updateColumn(board, op.columnId, (c) => ({ ...c, archived: false }));
    case "addCard":
      return addCard(board, actor, op.cardId, op.columnId, op.title, op.index, now);
    case "editCardDescription":
      // A committed edit (base = its seq - 1): the grain transformed it; here it only applies. Pending edits are
      // not replayed through the reducer: the store's shared text carries them (text/textClient.ts).
      return updateCard(board, op.cardId, (c) => {
        const refusal = checkTextEdit(c.description, op.op, BoardLimits.DescriptionMax);
        if (refusal) throw new Refusal(refusal.code, refusal.message, "description");
        return { ...c, description: applyText(c.description, op.op) };
      });
    case "setCardText":
      return updateCard(board, op.cardId, (c) => setText(c, op.field, op.value));
    case "setCardSchedule":
      return updateCard(board, op.cardId, (c) => {
        if (op.startsAt !== null && op.endsAt !== null && instant(op.endsAt, "endsAt") < instant(op.startsAt, "startsAt")) {
          throw invalid("endsAt", "Slut ligger før start.", "The end is before the start.");
        }
        return { ...c, startsAt: op.startsAt, endsAt: op.endsAt };
      });
    case "setCardOwners":
      return updateCard(board, op.cardId, (c) => ({ ...c, ownerIds: people(op.ownerIds, members) }));
    case "setCardLabels":
      return updateCard(board, op.cardId, (c) => ({ ...c, labels: labels(op.labels) }));
    case "moveCard":
      return moveCard(board, op.cardId, op.toColumnId, op.index);
    case "archiveCard":
      return updateCard(board, op.cardId, (c) => ({ ...c, archived: true }));
    case "restoreCard":
      return updateCard(board, op.cardId, (c) => ({ ...c, archived: false }));
    case "addChecklistItem":
      return updateCard(board, op.cardId, (c) => {
        id(op.itemId, "itemId");
        if (c.checklist.length >= BoardLimits.ChecklistMax) {
          throw limit(`Højst ${BoardLimits.ChecklistMax} punkter på en tjekliste.`, `At most ${BoardLimits.ChecklistMax} checklist items.`);
        }
        if (c.checklist.some((i) => i.id === op.itemId)) {
          throw new Refusal("conflict", "Punktet findes allerede. / The item already exists.", "itemId");
        }
        const item: ChecklistItem = { id: op.itemId, text: line(op.text, BoardLimits.ChecklistTextMax, "text"), done: false, assigneeId: null };
        return { ...c, checklist: [...c.checklist, item] };
      });
    case "updateChecklistItem":
      return updateCard(board, op.cardId, (c) => {
        const index = itemIndex(c, op.itemId);
        if (op.assigneeId !== null && members !== null && !members.has(op.assigneeId)) {
          throw invalid("assigneeId", "Den ansvarlige er ikke med i partnerskabet.", "The assignee is not a member of the partnership.");
        }
        const item: ChecklistItem = {
          id: op.itemId,
          text: line(op.text, BoardLimits.ChecklistTextMax, "text"),
          done: op.done,
          assigneeId: op.assigneeId,
        };
        return { ...c, checklist: c.checklist.map((old, i) => (i === index ? item : old)) };
      });
    case "removeChecklistItem":
      return updateCard(board, op.cardId, (c) => {
        const index = itemIndex(c, op.itemId);
        return { ...c, checklist: c.checklist.filter((_, i) => i !== index) };
      });
    case "addComment":
      return updateCard(board, op.cardId, (c) => {
        id(op.commentId, "commentId");
        if (c.comments.length >= BoardLimits.CommentsMax) {
          throw limit(`Højst ${BoardLimits.CommentsMax} kommentarer på et kort.`, `At most ${BoardLimits.CommentsMax} comments on a card.`);
        }
        if (c.comments.some((x) => x.id === op.commentId)) {
          throw new Refusal("conflict", "Kommentaren findes allerede. / The comment already exists.", "commentId");
        }
        const value = text(op.text, BoardLimits.CommentMax, "text");
        if (isNullOrWhiteSpace(value)) {
          throw invalid("text", "Kommentaren er tom.", "The comment is empty.");
        }
        const comment = { id: op.commentId, authorId: actor.userId, authorName: actor.displayName, at: now, text: value, editedAt: null };
        return { ...c, comments: [...c.comments, comment] };
      });
    case "editComment":
      return updateCard(board, op.cardId, (c) => {
        const index = ownCommentIndex(c, actor, op.commentId);
        const value = text(op.text, BoardLimits.CommentMax, "text");
        if (isNullOrWhiteSpace(value)) {
          throw invalid("text", "Kommentaren er tom.", "The comment is empty.");
        }
        return { ...c, comments: c.comments.map((x, i) => (i === index ? { ...x, text: value, editedAt: now } : x)) };
      });
    case "deleteComment":
      return updateCard(board, op.cardId, (c) => {
        const index = ownCommentIndex(c, actor, op.commentId);
        return { ...c, comments: c.comments.filter((_, i) => i !== index) };
      });
    case "forgetPerson":
      if (actor.userId !== SYSTEM_USER_ID) {
        throw new Refusal("forbidden", "Kun Hub selv kan det. / Only Hub itself can do that.");
      }
      return forget(board, op.userId);
    case "addCohortCard":
      if (actor.userId !== SYSTEM_USER_ID) {
        throw new Refusal("forbidden", "Kun Hub selv kan det. / Only Hub itself can do that.");
      }
      return withCohortCard(board, op, now);
    default:
      return unknownOp(op);
  }
}

/** grains/Grains/Boards/BoardReducer.cs: who board-made ops come from, and who a deleted account becomes. */
export const SYSTEM_USER_ID = "system";
export const FORMER_PARTICIPANT_ID = "former-participant";
export const FORMER_PARTICIPANT_NAME = "Tidligere deltager";

function forget(board: Board, userId: string): Board {
  const cards: Record<string, Card> = {};
  for (const [key, card] of Object.entries(board.cards)) {
    cards[key] = {
      ...card,
      ownerIds: card.ownerIds.filter((o) => o !== userId),
      createdBy: card.createdBy === userId ? FORMER_PARTICIPANT_ID : card.createdBy,
      checklist: card.checklist.map((i) => (i.assigneeId === userId ? { ...i, assigneeId: null } : i)),
      comments: card.comments.map((c) => (c.authorId === userId ? { ...c, authorId: FORMER_PARTICIPANT_ID, authorName: FORMER_PARTICIPANT_NAME } : c)),
    };
  }
  return { ...board, cards };
}

function unknownOp(op: never): never {
  throw invalid("type", "Ukendt operation.", `Unknown operation ${JSON.stringify(op)}.`);
}

function addColumn(board: Board, columnId: string, title: string, index: number | null): Board {
  id(columnId, "columnId");
  if (board.columns.length >= BoardLimits.ColumnsMax) {
    throw limit(`Højst ${BoardLimits.ColumnsMax} kolonner.`, `At most ${BoardLimits.ColumnsMax} columns.`);
  }
  if (board.columns.some((c) => c.id === columnId)) {
    throw new Refusal("conflict", "Kolonnen findes allerede. / The column already exists.", "columnId");
  }
  const column: Column = { id: columnId, title: line(title, BoardLimits.ColumnTitleMax, "title"), archived: false, cardIds: [] };
  return { ...board, columns: insert(board.columns, position(index, board.columns.length), column) };
}

function updateColumn(board: Board, columnId: string, change: (c: Column) => Column): Board {
  const index = columnIndex(board, columnId);
  return { ...board, columns: board.columns.map((c, i) => (i === index ? change(c) : c)) };
}

/** BoardReducer.WithCohortCard: a card id already there changes nothing; otherwise last in the first open column. */
function withCohortCard(board: Board, op: Extract<BoardOp, { type: "addCohortCard" }>, now: string): Board {
  id(op.cardId, "cardId");
  if (Object.hasOwn(board.cards, op.cardId)) return board;
  if (Object.keys(board.cards).length >= BoardLimits.CardsMax) {
    throw limit(`Højst ${BoardLimits.CardsMax} kort på en tavle.`, `At most ${BoardLimits.CardsMax} cards on a board.`);
  }
  const ci = board.columns.findIndex((c) => !c.archived);
  if (ci < 0) throw new Refusal("conflict", "Tavlen har ingen åben kolonne. / The board has no open column.");
  const column = board.columns[ci]!;
  const card: Card = {
    id: op.cardId,
    title: line(op.title, BoardLimits.CardTitleMax, "title"),
    description: text(op.description, BoardLimits.DescriptionMax, "description"),
    startsAt: null,
    endsAt: op.endsAt,
    place: "",
    ownerIds: [],
    volunteerTasks: text(op.volunteerTasks, BoardLimits.TasksMax, "volunteerTasks"),
    staffTasks: text(op.staffTasks, BoardLimits.TasksMax, "staffTasks"),
    labels: labels(op.labels),
    checklist: [],
    comments: [],
    archived: false,
    createdBy: SYSTEM_USER_ID,
    createdAt: now,
    cohort: { cohortId: op.cohortId, cohortName: op.cohortName, assignmentId: op.assignmentId, teamId: op.teamId, startColumnId: column.id },
  };
  const updated = { ...column, cardIds: [...column.cardIds, op.cardId] };
  return { ...board, columns: board.columns.map((c, i) => (i === ci ? updated : c)), cards: { ...board.cards, [op.cardId]: card } };
}

function addCard(board: Board, actor: Actor, cardId: string, columnId: string, title: string, index: number | null, now: string): Board {
  id(cardId, "cardId");
  if (Object.keys(board.cards).length >= BoardLimits.CardsMax) {
    throw limit(`Højst ${BoardLimits.CardsMax} kort på en tavle.`, `At most ${BoardLimits.CardsMax} cards on a board.`);
  }
  if (Object.hasOwn(board.cards, cardId)) {
    throw new Refusal("conflict", "Kortet findes allerede. / The card already exists.", "cardId");
  }
  const ci = columnIndex(board, columnId);
  const column = board.columns[ci]!;
  const card: Card = {
    id: cardId,
    title: line(title, BoardLimits.CardTitleMax, "title"),
    description: "",
    startsAt: null,
    endsAt: null,
    place: "",
    ownerIds: [],
    volunteerTasks: "",
    staffTasks: "",
    labels: [],
    checklist: [],
    comments: [],
    archived: false,
    createdBy: actor.userId,
    createdAt: now,
    cohort: null,
  };
  const updated = { ...column, cardIds: insert(column.cardIds, position(index, column.cardIds.length), cardId) };
  return { ...board, columns: board.columns.map((c, i) => (i === ci ? updated : c)), cards: { ...board.cards, [cardId]: card } };
}

function moveCard(board: Board, cardId: string, toColumnId: string, index: number): Board {
  cardOf(board, cardId);
  const toIndex = columnIndex(board, toColumnId);
  const columns = board.columns.map((c) => (c.cardIds.includes(cardId) ? { ...c, cardIds: c.cardIds.filter((x) => x !== cardId) } : c));
  const target = columns[toIndex]!;
  columns[toIndex] = { ...target, cardIds: insert(target.cardIds, position(index, target.cardIds.length), cardId) };
  return { ...board, columns };
}

function updateCard(board: Board, cardId: string, change: (c: Card) => Card): Board {
  const card = change(cardOf(board, cardId));
  return { ...board, cards: { ...board.cards, [cardId]: card } };
}

function setText(card: Card, field: string, value: string): Card {
  switch (field) {
    case "title":
      return { ...card, title: line(value, BoardLimits.CardTitleMax, "title") };
    case "description":
      throw invalid("field", "Beskrivelsen ændres med editCardDescription.", "The description changes through editCardDescription.");
    case "place":
      return { ...card, place: line(value, BoardLimits.PlaceMax, "place", true) };
    case "volunteerTasks":
      return { ...card, volunteerTasks: text(value, BoardLimits.TasksMax, "volunteerTasks") };
    case "staffTasks":
      return { ...card, staffTasks: text(value, BoardLimits.TasksMax, "staffTasks") };
    default:
      throw invalid("field", "Ukendt felt.", "Unknown field.");
  }
}

function ownCommentIndex(card: Card, actor: Actor, commentId: string): number {
  const index = card.comments.findIndex((c) => c.id === commentId);
  if (index < 0) {
    throw notFound("Kommentaren findes ikke.", "The comment does not exist.");
  }
  if (card.comments[index]!.authorId !== actor.userId) {
    throw new Refusal("forbidden", "Du kan kun ændre dine egne kommentarer. / You can only change your own comments.");
  }
  return index;
}

function people(ids: readonly string[] | null | undefined, members: ReadonlySet<string> | null): string[] {
  if (ids == null) {
    throw invalid("ownerIds", "Ejerne mangler.", "The owners are missing.");
  }
  if (ids.length > BoardLimits.OwnersMax) {
    throw limit(`Højst ${BoardLimits.OwnersMax} ejere.`, `At most ${BoardLimits.OwnersMax} owners.`);
  }
  if (ids.some((x) => x == null || (members !== null && !members.has(x)))) {
    throw invalid("ownerIds", "En ejer er ikke med i partnerskabet.", "An owner is not a member of the partnership.");
  }
  return [...new Set(ids)];
}

function labels(values: readonly string[] | null | undefined): string[] {
  if (values == null) {
    throw invalid("labels", "Mærkerne mangler.", "The labels are missing.");
  }
  if (values.length > BoardLimits.LabelsMax) {
    throw limit(`Højst ${BoardLimits.LabelsMax} mærker.`, `At most ${BoardLimits.LabelsMax} labels.`);
  }
  return [...new Set(values.map((l) => line(l, BoardLimits.LabelMax, "labels")))];
}

function columnIndex(board: Board, columnId: string): number {
  const index = board.columns.findIndex((c) => c.id === columnId);
  if (index < 0) {
    throw notFound("Kolonnen findes ikke.", "The column does not exist.");
  }
  return index;
}

function cardOf(board: Board, cardId: string): Card {
  const card = cardId != null && Object.hasOwn(board.cards, cardId) ? board.cards[cardId] : undefined;
  if (card === undefined) {
    throw notFound("Kortet findes ikke.", "The card does not exist.");
  }
  return card;
}

function itemIndex(card: Card, itemId: string): number {
  const index = card.checklist.findIndex((i) => i.id === itemId);
  if (index < 0) {
    throw notFound("Punktet findes ikke.", "The checklist item does not exist.");
  }
  return index;
}

/** An insertion index: null means last; beyond the end also means last; negative is an error. */
function position(index: number | null | undefined, count: number): number {
  if (index == null) {
    return count;
  }
  if (index < 0) {
    throw invalid("index", "Ugyldig placering.", "Invalid position.");
  }
  return Math.min(index, count);
}

function insert<T>(list: readonly T[], index: number, item: T): T[] {
  return [...list.slice(0, index), item, ...list.slice(index)];
}

const ID = /^[A-Za-z0-9_-]+$/;

function id(value: string | null | undefined, field: string): void {
  if (value == null || value.length === 0 || value.length > BoardLimits.IdMax || !ID.test(value)) {
    throw invalid(field, "Ugyldigt id.", "Invalid id.");
  }
}

/** A single line: required unless allowed empty, no control characters, trimmed. */
function line(value: string | null | undefined, max: number, field: string, allowEmpty = false): string {
  if (value == null || (!allowEmpty && isNullOrWhiteSpace(value))) {
    throw invalid(field, "Feltet skal udfyldes.", "The field is required.");
  }
  if (value.length > max) {
    throw limit(`Højst ${max} tegn.`, `At most ${max} characters.`, field);
  }
  for (const ch of value) {
    if (isControl(ch) || isLoneSurrogate(ch)) {
      throw invalid(field, "Linjeskift og kontroltegn er ikke tilladt her.", "Line breaks and control characters are not allowed here.");
    }
  }
  return trim(value);
}

/** Free text: may be empty, may hold line breaks and tabs, no other control characters. */
function text(value: string | null | undefined, max: number, field: string): string {
  if (value == null) {
    throw invalid(field, "Feltet mangler.", "The field is missing.");
  }
  if (value.length > max) {
    throw limit(`Højst ${max} tegn.`, `At most ${max} characters.`, field);
  }
  for (const ch of value) {
    if ((isControl(ch) && ch !== "\n" && ch !== "\r" && ch !== "\t") || isLoneSurrogate(ch)) {
      throw invalid(field, "Kontroltegn er ikke tilladt.", "Control characters are not allowed.");
    }
  }
  return value;
}

function instant(value: string, field: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    throw invalid(field, "Ugyldigt tidspunkt.", "Invalid date and time.");
  }
  return ms;
}

// .NET's char.IsControl and char.IsWhiteSpace, which differ from JavaScript's \s (U+0085, U+FEFF).
export function isControl(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c <= 0x1f || (c >= 0x7f && c <= 0x9f);
}

/** Half of a surrogate pair on its own (iterating by code point, a whole pair is one two-unit string): not
 * well-formed UTF-16, which the grain refuses (TextRules.IsWellFormed) because it cannot be stored as UTF-8. */
function isLoneSurrogate(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return ch.length === 1 && c >= 0xd800 && c <= 0xdfff;
}

export function isWhiteSpace(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (
    (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0x85 || c === 0xa0 || c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000
  );
}

export function isNullOrWhiteSpace(value: string | null | undefined): boolean {
  if (value == null) return true;
  for (const ch of value) {
    if (!isWhiteSpace(ch)) return false;
  }
  return true;
}

function trim(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isWhiteSpace(value[start]!)) start++;
  while (end > start && isWhiteSpace(value[end - 1]!)) end--;
  return value.slice(start, end);
}

function invalid(field: string, danish: string, english: string): Refusal {
  return new Refusal("validation", `${danish} / ${english}`, field);
}

function limit(danish: string, english: string, field: string | null = null): Refusal {
  return new Refusal("limit_exceeded", `${danish} / ${english}`, field);
}

function notFound(danish: string, english: string): Refusal {
  return new Refusal("not_found", `${danish} / ${english}`);
}
