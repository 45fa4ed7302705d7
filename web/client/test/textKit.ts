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
