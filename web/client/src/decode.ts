// The boundary where JSON from the server becomes typed values: REST bodies and hub messages pass through
// here once, are checked for the shape we rely on, and are trusted from then on.

import {
  AGREEMENT_OP_TYPES,
  AGREEMENT_SECTIONS,
  BOARD_OP_TYPES,
  COHORT_OP_TYPES,
  type Cohort,
  type CohortOp,
  type CohortSnapshot,
  type Agreement,
  type AgreementOp,
  type AgreementSnapshot,
  type AgreementVersion,
  type Board,
  type BoardOp,
  type BoardSnapshot,
  type Committed,
  type PresenceEntry,
  type SubmitResult,
  type SyncResult,
  type TextOp,
} from "./protocol";

export class DecodeError extends Error {
  constructor(what: string) {
    super(`Unexpected data from the server: ${what}`);
    this.name = "DecodeError";
  }
}

export interface Decoders<TOp, TSnapshot> {
  op(value: unknown): TOp;
  snapshot(value: unknown): TSnapshot;
}

type Json = Record<string, unknown>;

export function object(value: unknown, what: string): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new DecodeError(what);
  return value as Json;
}

export function array(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new DecodeError(what);
  return value;
}

function number(value: unknown, what: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw new DecodeError(what);
  return value;
}

function string(value: unknown, what: string): string {
  if (typeof value !== "string") throw new DecodeError(what);
  return value;
}

function optionalString(value: unknown, what: string): string | null {
  return value === null || value === undefined ? null : string(value, what);
}

export function decodeCommitted<TOp>(value: unknown, op: (v: unknown) => TOp): Committed<TOp> {
  const o = object(value, "committed op");
  const id = object(o.id, "op id");
  return {
    seq: number(o.seq, "seq"),
    id: { clientId: string(id.clientId, "clientId"), number: number(id.number, "number") },
    actorId: string(o.actorId, "actorId"),
    at: string(o.at, "at"),
    op: op(o.op),
    actorName: optionalString(o.actorName, "actorName"),
  };
}

export function decodeCommittedList<TOp>(value: unknown, op: (v: unknown) => TOp): Committed<TOp>[] {
  return array(value, "committed ops").map((c) => decodeCommitted(c, op));
}

export function decodePresenceList(value: unknown): PresenceEntry[] {
  return array(value, "presence").map((v) => {
    const o = object(v, "presence entry");
    return {
      connectionId: string(o.connectionId, "connectionId"),
      userId: string(o.userId, "userId"),
      displayName: string(o.displayName, "displayName"),
      side: (optionalString(o.side, "side") as PresenceEntry["side"]) ?? null,
      colour: string(o.colour, "colour"),
      editing: optionalString(o.editing, "editing"),
    };
  });
}

export function decodeSubmitResult(value: unknown): SubmitResult {
  const o = object(value, "submit result");
  return {
    seq: o.seq === null || o.seq === undefined ? null : number(o.seq, "seq"),
    duplicate: o.duplicate === true,
    errorCode: optionalString(o.errorCode, "errorCode"),
    error: optionalString(o.error, "error"),
  };
}

export function decodeSyncResult<TOp, TSnapshot>(value: unknown, decoders: Decoders<TOp, TSnapshot>): SyncResult<TOp, TSnapshot> {
  const o = object(value, "sync result");
  return {
    seq: number(o.seq, "seq"),
    ops: decodeCommittedList(o.ops ?? [], decoders.op),
    snapshot: o.snapshot === null || o.snapshot === undefined ? null : decoders.snapshot(o.snapshot),
    presence: decodePresenceList(o.presence ?? []),
    outcomes: array(o.outcomes ?? [], "outcomes").map((v) => {
      const c = object(v, "outcome");
      return { clientId: string(c.clientId, "outcome clientId"), number: number(c.number, "outcome number"), seq: c.seq === null || c.seq === undefined ? null : number(c.seq, "outcome seq") };
    }),
  };
}

const opTypes = new Set<string>(BOARD_OP_TYPES);

export function decodeBoardOp(value: unknown): BoardOp {
  const o = object(value, "board op");
  if (typeof o.type !== "string" || !opTypes.has(o.type)) throw new DecodeError(`board op type ${String(o.type)}`);
  if (o.type === "editCardDescription") textOp(o.op, "description op");
  return o as unknown as BoardOp;
}

export function decodeBoard(value: unknown): Board {
  const o = object(value, "board");
  string(o.id, "board id");
  array(o.columns, "columns").forEach((c) => array(object(c, "column").cardIds, "cardIds"));
  object(o.cards, "cards");
  return o as unknown as Board;
}

export function decodeBoardSnapshot(value: unknown): BoardSnapshot {
  const o = object(value, "board snapshot");
  return { seq: number(o.seq, "snapshot seq"), board: decodeBoard(o.board) };
}

export const boardDecoders: Decoders<BoardOp, BoardSnapshot> = { op: decodeBoardOp, snapshot: decodeBoardSnapshot };

// ---- Shared text and agreements ----

/** A text operation: an array of non-zero whole numbers and non-empty strings. */
export function textOp(value: unknown, what: string): TextOp {
  const steps = array(value, what);
  for (const s of steps) {
    if (!(typeof s === "string" ? s.length > 0 : Number.isInteger(s) && s !== 0)) throw new DecodeError(what);
  }
  return steps as TextOp;
}

const agreementOpTypes = new Set<string>(AGREEMENT_OP_TYPES);

export function decodeAgreementOp(value: unknown): AgreementOp {
  const o = object(value, "agreement op");
  if (typeof o.type !== "string" || !agreementOpTypes.has(o.type)) throw new DecodeError(`agreement op type ${String(o.type)}`);
  if (o.type === "editSection") {
    string(o.section, "section");
    number(o.base, "base");
    textOp(o.op, "section op");
  }
  return o as unknown as AgreementOp;
}

function decodeSections(value: unknown, what: string): void {
  const sections = object(value, what);
  for (const s of AGREEMENT_SECTIONS) string(sections[s], `${what}.${s}`);
}

export function decodeAgreement(value: unknown): Agreement {
  const o = object(value, "agreement");
  decodeSections(o.sections, "sections");
  array(o.approvals, "approvals");
  array(o.withdrawn, "withdrawn");
  array(o.versions, "versions");
  const texts = object(o.texts, "texts");
  number(texts.from, "texts.from");
  array(texts.edits, "texts.edits").forEach((e) => textOp(object(e, "text edit").op, "text edit op"));
  if (o.latest !== null && o.latest !== undefined) decodeAgreementVersion(o.latest);
  return o as unknown as Agreement;
}

export function decodeAgreementSnapshot(value: unknown): AgreementSnapshot {
  const o = object(value, "agreement snapshot");
  return { seq: number(o.seq, "snapshot seq"), agreement: decodeAgreement(o.agreement) };
}

export function decodeAgreementVersion(value: unknown): AgreementVersion {
  const o = object(value, "agreement version");
  number(o.number, "version number");
  decodeSections(o.sections, "version sections");
  array(o.approvals, "version approvals");
  return o as unknown as AgreementVersion;
}

export const agreementDecoders: Decoders<AgreementOp, AgreementSnapshot> = { op: decodeAgreementOp, snapshot: decodeAgreementSnapshot };

// ---- Cohorts ----

const cohortOpTypes = new Set<string>(COHORT_OP_TYPES);

export function decodeCohortOp(value: unknown): CohortOp {
  const o = object(value, "cohort op");
  if (typeof o.type !== "string" || !cohortOpTypes.has(o.type)) throw new DecodeError(`cohort op type ${String(o.type)}`);
  if (o.type === "setTeams") array(o.teams, "teams").forEach((team) => array(object(team, "team").memberIds, "memberIds"));
  return o as unknown as CohortOp;
}

export function decodeCohort(value: unknown): Cohort {
  const o = object(value, "cohort");
  string(o.id, "cohort id");
  string(o.name, "cohort name");
  for (const list of ["modules", "sessions", "people", "attendance"]) array(o[list], list);
  array(o.assignments, "assignments").forEach((a) => array(object(a, "assignment").cards, "cards"));
  array(o.teams, "teams").forEach((team) => array(object(team, "team").memberIds, "memberIds"));
  return o as unknown as Cohort;
}

export function decodeCohortSnapshot(value: unknown): CohortSnapshot {
  const o = object(value, "cohort snapshot");
  return { seq: number(o.seq, "snapshot seq"), cohort: decodeCohort(o.cohort) };
}

export const cohortDecoders: Decoders<CohortOp, CohortSnapshot> = { op: decodeCohortOp, snapshot: decodeCohortSnapshot };
