/// <reference types="vite/client" />
// The shared rule cases (tests/cases/, README there) against the TypeScript rules. tests/Hub.Tests runs the same
// files against the C# rules (Boards/BoardRuleCasesTests, Text/TextRuleCasesTests), so a rule that differs between
// the two languages fails on one side or the other.

import { describe, expect, it } from "vitest";
import { runAgreementCase, runBoardCase, runCohortCase, runTextCase, withChanges, withoutTexts, type CaseFile, type JsonObject, type Outcome } from "./caseKit";

const files = import.meta.glob<CaseFile>("../../../tests/cases/**/*.json", { eager: true, import: "default" });

/** The folder under tests/cases/ each runner reads; a folder without a runner fails below. */
const runners: Record<string, (file: CaseFile, c: JsonObject) => Outcome> = {
  agreements: runAgreementCase,
  boards: runBoardCase,
  cohorts: runCohortCase,
  text: (_, c) => runTextCase(c),
};

function folderOf(path: string): string {
  return path.slice(path.indexOf("tests/cases/") + "tests/cases/".length).split("/")[0]!;
}

describe("shared rule cases", () => {
  it("are found, and every folder has a runner", () => {
    const paths = Object.keys(files);
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) expect(Object.keys(runners), `no TypeScript runner for ${path}`).toContain(folderOf(path));
  });

  for (const [path, file] of Object.entries(files)) {
    const run = runners[folderOf(path)];
    if (!run) continue;
    const name = path.slice(path.indexOf("tests/cases/") + "tests/cases/".length);
    describe(name, () => {
      for (const c of file.cases) {
        it(String(c.name), () => {
          const expected = c.expect as JsonObject;
          const outcome = run(file, c);
          if ("refused" in expected) {
            expect(outcome).toMatchObject({ refused: expected.refused });
            if ("field" in expected) expect(outcome).toMatchObject({ field: expected.field });
          } else if ("fails" in expected) {
            expect(outcome).toEqual({ fails: true });
          } else if ("changes" in expected) {
            const before = (c.board ?? file.board ?? c.agreement ?? file.agreement ?? c.cohort ?? file.cohort) as JsonObject;
            expect(outcome).toHaveProperty("value");
            const board = (outcome as { value: JsonObject }).value;
            expect(withoutTexts(board)).toEqual(withoutTexts(withChanges(before, expected.changes as JsonObject)));
          } else {
            expect(outcome).toEqual({ value: expected });
          }
        });
      }
    });
  }
});
