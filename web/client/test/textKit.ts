// Random texts and edits for the text tests, as tests/Hub.Tests/Text/TextTestKit.cs makes them: Danish letters,
// line breaks, characters outside the basic plane (surrogate pairs), never splitting a pair.
import { apply, compose, replace, type TextOp } from "../src/text/textOp";

/** A small seeded generator (mulberry32), so a failing case can be replayed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const int = (random: () => number, n: number) => Math.floor(random() * n);

const pieces = ["a", "b", "c", "æ", "ø", "å", " ", "\n", "😀", "𝄞", "xy"];

export function randomText(random: () => number, maxPieces = 12): string {
  let s = "";
  for (let i = int(random, maxPieces + 1); i > 0; i--) s += pieces[int(random, pieces.length)];
  return s;
}

export function position(random: () => number, text: string): number {
  const i = int(random, text.length + 1);
  const c = text.charCodeAt(i);
  return i > 0 && i < text.length && c >= 0xdc00 && c <= 0xdfff ? i - 1 : i;
}

export function randomEdit(random: () => number, text: string): TextOp {
  const at = position(random, text);
  const kind = text.length === 0 ? 0 : int(random, 3);
  const insert = kind === 1 ? "" : randomText(random, 3) || "z";
  let end = kind === 0 ? at : Math.min(text.length, at + 1 + int(random, 4));
  const c = text.charCodeAt(end);
  if (end > 0 && end < text.length && c >= 0xdc00 && c <= 0xdfff) end++;
  return replace(text.length, at, end - at, insert);
}

export function randomOp(random: () => number, text: string): TextOp {
  let op = replace(text.length, 0, 0, "");
  let current = text;
  for (let i = 1 + int(random, 3); i > 0; i--) {
    const edit = randomEdit(random, current);
    op = compose(op, edit);
    current = apply(current, edit);
  }
  return op;
}

const extremes = [
  2147483647, 2147483646, -2147483648, -2147483647, 2 ** 30, -(2 ** 30), 2 ** 53, -(2 ** 53), Number.MAX_SAFE_INTEGER + 2, 1e300,
  1_000_000, 1_000_001, -1_000_000, -1_000_001, 0, -0, 1, -1, 2, -2, 3, 0.5, -1.5, NaN, Infinity, -Infinity,
];

/**
 * An operation for `text` as an attacker would send it (the C# TextTestKit.ExtremeOp, plus what only JSON numbers
 * can be: fractions, NaN, infinities, integers beyond 2^53): a sound edit, one with a step swapped for an extreme
 * count, counts whose 32-bit sum wraps around to the text's length, mixed steps, or things that are not steps.
 */
export function extremeOp(random: () => number, text: string): TextOp {
  const pick = () => extremes[int(random, extremes.length)]!;
  switch (int(random, 5)) {
    case 0:
      return randomOp(random, text);
    case 1: {
      const steps = randomOp(random, text);
      steps.splice(int(random, steps.length + 1), 0, pick());
      return steps;
    }
    case 2: {
      // As [3, -2147483647, -2147483646, 3] on "abc": the counts add up to 2^32 plus the text's length.
      const lead = int(random, text.length + 1);
      const a = 3 * 2 ** 29 + int(random, 2 ** 29);
      const b = 3 * 2 ** 29 + int(random, 2 ** 29);
      const c = 2 ** 32 + text.length - lead - a - b;
      const signed = (n: number) => (int(random, 2) === 0 ? n : -n);
      return [lead, signed(a), signed(b), signed(c)].filter((n) => n !== 0);
    }
    case 3: {
      const steps: TextOp = [];
      for (let i = 1 + int(random, 5); i > 0; i--) {
        const kind = int(random, 3);
        steps.push(kind === 0 ? randomText(random, 3) : kind === 1 ? pick() : int(random, 2 * text.length + 3) - text.length - 1);
      }
      return steps;
    }
    default:
      // Not steps at all, as a forged message would carry them.
      return [[pick()], null, { retain: 3 }, "", true][int(random, 5)] as unknown as TextOp;
  }
}
