// The text operations, checked the way tests/Hub.Tests/Text/TextOpsTests.cs checks the C# copy.
import { describe, expect, it } from "vitest";
import { apply, Builder, compose, diffOp, invert, LENGTH_MAX, opProblem, replace, targetLength, transform, transformIndex, type TextOp } from "../src/text/textOp";
import { checkTextEdit } from "../src/text/rules";
import { diffWords } from "../src/text/diff";
import { extremeOp, randomOp, randomText, rng } from "./textKit";

describe("text operations", () => {
  it("applies retains, inserts and deletes", () => {
    expect(apply("Hej du!", [4, "verden", -2, 1])).toBe("Hej verden!");
    expect(() => apply("abc", [2, "x"])).toThrow();
  });

  it("normalises: neighbours merged, insert before delete", () => {
    expect(new Builder().retain(1).retain(2).delete(1).insert("a").insert("b").delete(2).build()).toEqual([3, "ab", -3]);
  });

  it("transform: both orders give the same text (3000 random pairs)", () => {
    const random = rng(1);
    for (let i = 0; i < 3000; i++) {
      const text = randomText(random);
      const a = randomOp(random, text);
      const b = randomOp(random, text);
      const [aPrime, bPrime] = transform(a, b);
      expect(apply(apply(text, a), bPrime)).toBe(apply(apply(text, b), aPrime));
    }
  });

  it("transform: of two inserts at one place, the first argument's text comes first", () => {
    const earlier: TextOp = [2, "A", 1];
    const later: TextOp = [2, "B", 1];
    expect(apply(apply("abc", earlier), transform(earlier, later)[1])).toBe("abABc");
  });

  it("compose equals applying one after the other; invert restores (3000 random ops)", () => {
    const random = rng(2);
    for (let i = 0; i < 3000; i++) {
      const text = randomText(random);
      const a = randomOp(random, text);
      const middle = apply(text, a);
      const b = randomOp(random, middle);
      expect(apply(text, compose(a, b))).toBe(apply(middle, b));
      expect(apply(middle, invert(a, text))).toBe(text);
    }
  });

  it("moves a caret: others' inserts at it leave it, own inserts push it, deletions pull it to their start", () => {
    const insert: TextOp = [3, "XY", 3];
    expect(transformIndex(3, insert, false)).toBe(3);
    expect(transformIndex(3, insert, true)).toBe(5);
    expect(transformIndex(4, insert, false)).toBe(6);
    expect(transformIndex(3, [1, -4, 1], false)).toBe(1);
    expect(transformIndex(6, [1, -4, 1], false)).toBe(2);
  });

  it("diffOp: one replacement, placed where the caret says, never splitting a pair", () => {
    expect(diffOp("aa", "aaa", 2)).toEqual([1, "a", 1]);
    expect(apply("aa", diffOp("aa", "aaa"))).toBe("aaa");
    expect(diffOp("ab", "ac")).toEqual([1, "c", -1]);
    // "😀" and "😁" share their first half: the change must take the whole pair.
    const op = diffOp("x😀", "x😁");
    expect(op).toEqual([1, "😁", -2]);
    const random = rng(3);
    for (let i = 0; i < 1000; i++) {
      const before = randomText(random);
      const after = apply(before, randomOp(random, before));
      const d = diffOp(before, after);
      expect(apply(before, d)).toBe(after);
      expect(checkTextEdit(before, d, 1000)).toBeNull();
    }
  });

  it("checks an edit as the grain does", () => {
    expect(checkTextEdit("abc", [3, "defg"], 6)?.code).toBe("limit_exceeded");
    expect(checkTextEdit("abc", [2, "x"], 100)?.code).toBe("validation");
    expect(checkTextEdit("a😀b", [2, "x", 2], 100)?.code).toBe("validation");
    expect(checkTextEdit("abc", [1, "\u0007", 2], 100)?.code).toBe("validation");
    expect(checkTextEdit("abc", [1, "\uD83D", 2], 100)?.code).toBe("validation");
    expect(checkTextEdit("ab", [1, "\r\n\t😀", 1], 100)).toBeNull();
    expect(replace(3, 1, 1, "Z")).toEqual([1, "Z", -1, 1]);
  });

  it("refuses counts that only fit by wrapping around or losing precision, as the grain does", () => {
    expect(checkTextEdit("abc", [3, -2147483647, -2147483646, 3], 100)?.code).toBe("validation");
    expect(checkTextEdit("abc", [1.5, 1.5], 100)?.code).toBe("validation");
    expect(checkTextEdit("abc", [3, -(2 ** 53), 2 ** 53], 100)?.code).toBe("validation");
    expect(checkTextEdit("abc", [3, -0], 100)?.code).toBe("validation");
    expect(checkTextEdit("", ["x".repeat(LENGTH_MAX / 2 + 1), "y".repeat(LENGTH_MAX / 2 + 1)], Number.MAX_SAFE_INTEGER)?.code).toBe("limit_exceeded");
    expect(() => apply("abc", [1.5, 1.5])).toThrow();
  });

  // 20000 ops take about 2 s alone; on a machine shared with other builds vitest's default 5 s is not enough.
  it("any op, however extreme, is refused with a code or applies to a text of its length; never throws, never changes its input (20000 ops)", () => {
    const random = rng(20261203);
    let refused = 0;
    for (let i = 0; i < 20000; i++) {
      const text = randomText(random);
      const op = extremeOp(random, text);
      const sent = JSON.stringify(op);
      const refusal = checkTextEdit(text, op, 10_000_000);
      expect(JSON.stringify(op)).toBe(sent);
      if (refusal !== null) {
        expect(["validation", "limit_exceeded"]).toContain(refusal.code);
        expect(refusal.code).toBe(opProblem(op) ?? "validation");
        refused++;
        continue;
      }
      // Summed exactly (BigInt): the op walks precisely this text, and makes a text as long as it says.
      expect(op.reduce((n, s) => n + (typeof s === "number" ? BigInt(Math.abs(s)) : 0n), 0n)).toBe(BigInt(text.length));
      expect(apply(text, op).length).toBe(targetLength(op));
    }
    expect(refused).toBeGreaterThan(2000);
    expect(refused).toBeLessThan(18000);
  }, 60_000);

  it("diffWords: the parts rebuild both texts, and a changed word is one word out and one in", () => {
    expect(diffWords("Vi mødes hver tirsdag.", "Vi mødes hver onsdag.")).toEqual([
      { kind: "same", text: "Vi mødes hver " },
      { kind: "removed", text: "tirsdag" },
      { kind: "added", text: "onsdag" },
      { kind: "same", text: "." },
    ]);
    const random = rng(4);
    for (let i = 0; i < 500; i++) {
      const before = randomText(random, 20);
      const after = apply(before, randomOp(random, before));
      const parts = diffWords(before, after);
      expect(parts.filter((p) => p.kind !== "added").map((p) => p.text).join("")).toBe(before);
      expect(parts.filter((p) => p.kind !== "removed").map((p) => p.text).join("")).toBe(after);
    }
  });
});
