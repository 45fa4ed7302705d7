// Runs one shared rule case (tests/cases/README.md) against the TypeScript rules and says what came out, in the
// words a case file uses; sharedCases.test.ts compares that with what the case expects. The C# runner
// (tests/Hub.Tests/Infrastructure/RuleCases.cs) does the same with the grain's rules.

import { applyAgreementOp } from "../src/agreementReducer";
import { applyCohortOp } from "../src/cohortReducer";
import { applyOp, Refusal, type Actor } from "../src/boardReducer";
import type { Agreement, AgreementOp, Board, BoardOp, Cohort, CohortOp } from "../src/protocol";
import { checkTextEdit } from "../src/text/rules";
import { apply, compose, invert, opProblem, transform, transformIndex, type TextOp } from "../src/text/textOp";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface CaseFile extends JsonObject {
  about: string;
  cases: JsonObject[];
}

/** What running a case gave: a value (a board, a text, an operation…) or a refusal. */
export type Outcome = { value: Json } | { refused: string; field: string | null } | { fails: true };

/** Board cases: the file's board, actor, members and time, unless the case gives its own. */
export function runBoardCase(file: JsonObject, c: JsonObject): Outcome {
  const actor = (c.actor ?? file.actor) as unknown as Actor;
  const members = new Set((c.members ?? file.members) as string[]);
  const now = (c.now ?? file.now) as string;
  let board = structuredClone(c.board ?? file.board) as unknown as Board;
  for (const op of c.ops as unknown as BoardOp[]) {
    try {
      board = applyOp(board, actor, op, now, members);
    } catch (e) {
      if (e instanceof Refusal) return { refused: e.code, field: e.field };
      throw e;
    }
  }
  return { value: board as unknown as Json };
}

/** Agreement cases: committed operations replayed, op i (from 1) as seq = file seq + i, by `by`, at `at`. */
export function runAgreementCase(file: JsonObject, c: JsonObject): Outcome {
  const people = file.people as Record<string, { displayName: string }>;
  let agreement = structuredClone(c.agreement ?? file.agreement) as unknown as Agreement;
  let seq = (c.seq ?? file.seq) as number;
  for (const entry of c.ops as JsonObject[]) {
    seq++;
    const by = entry.by as string;
    const op = entry.op as unknown as AgreementOp;
    const committed = { seq, id: { clientId: "cases", number: seq }, actorId: by, at: (c.at ?? file.at) as string, op, actorName: people[by]!.displayName };
    agreement = applyAgreementOp(agreement, op.type === "editSection" ? { ...committed, op: { ...op, base: seq - 1 } } : committed);
  }
  return { value: agreement as unknown as Json };
}

/** Cohort cases: committed operations replayed as the grain committed them (by "by", at "at"). */
export function runCohortCase(file: JsonObject, c: JsonObject): Outcome {
  let cohort = structuredClone(c.cohort ?? file.cohort) as unknown as Cohort;
  for (const entry of c.ops as JsonObject[]) {
    cohort = applyCohortOp(cohort, { op: entry.op as unknown as CohortOp, actorId: entry.by as string, at: (c.at ?? file.at) as string });
  }
  return { value: cohort as unknown as Json };
}

/** Text cases, by kind. */
export function runTextCase(c: JsonObject): Outcome {
  const op = c.op as TextOp;
  const a = c.a as TextOp;
  const b = c.b as TextOp;
  try {
    switch (c.kind) {
      case "apply":
        return { value: { text: apply(c.text as string, op) } };
      case "transform": {
        const [aPrime, bPrime] = transform(a, b);
        return { value: { a: aPrime, b: bPrime } };
      }
      case "compose":
        return { value: { op: compose(a, b) } };
      case "invert":
        return { value: { op: invert(op, c.text as string) } };
      case "transformIndex":
        return { value: { index: transformIndex(c.index as number, op, c.own as boolean) } };
      case "check": {
        const refusal = checkTextEdit(c.text as string, op, c.max as number);
        return refusal ? { refused: refusal.code, field: null } : { value: { text: apply(c.text as string, op) } };
      }
      case "problem":
        return { value: { problem: opProblem(op) } };
      default:
        throw new Error(`No text case of kind ${String(c.kind)}: tests/cases/README.md lists them.`);
    }
  } catch (e) {
    if (e instanceof Error && e.name === "TextOpError") return { fails: true };
    throw e;
  }
}

/** A copy of `state` with each "a/b/0/c" path of `changes` set to its value (numbers index arrays). */
export function withChanges(state: Json, changes: JsonObject): Json {
  const result = structuredClone(state);
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.split("/");
    let at = result as JsonObject;
    for (const key of keys.slice(0, -1)) {
      const next = at[key];
      if (next === null || typeof next !== "object") throw new Error(`changes: ${path} goes through ${key}, which is not an object or array`);
      at = next as JsonObject;
    }
    at[keys[keys.length - 1]!] = value;
  }
  return result;
}

/** The board without its text history: the grain's bookkeeping for transforming late edits, not a rule's result. */
export function withoutTexts(board: Json): Json {
  const { texts: _, ...rest } = board as JsonObject;
  return rest;
}
