// Random texts and edits for the text tests, as tests/Hub.Tests/Text/TextTestKit.cs makes them: Danish letters,
// line breaks, characters outside the basic plane (surrogate pairs), never splitting a pair.
import { expect } from "vitest";
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
/** One person's live document with shared text, over a fake grain, as the recovery test drives it. */
export interface RecoveryWorld {
  /** What the person sees in the field. */
  view(): string;
  /** The field as the grain has it. */
  serverText(): string;
  /** The person types (relative to the view). */
  type(op: TextOp): void;
  /** Someone else's edit, committed at once (relative to the grain's text). */
  other(op: TextOp): void;
  /** While on, the grain applies what it gets, but its answers and pushes to this person are lost. */
  loseAnswers(on: boolean): void;
  /** While on, a (re)join answers with a snapshot: the grain's window no longer reaches back. */
  longAway(on: boolean): void;
  disconnect(): void;
  reconnect(): void;
  /** Operations of the person the grain has not confirmed. */
  pending(): number;
}

/**
 * Long disconnections with lost answers: the person types (each insert a character of their own, used once); often
 * the answer to the edit in flight is lost with the connection; while away, the person types on and others commit
 * more edits than the window and the text history keep; then the connection comes back with a snapshot. In the end
 * the person sees the grain's text, nothing is waiting, and every character they typed is there exactly once.
 */
export async function longDisconnections(w: RecoveryWorld, random: () => number, rounds = 10): Promise<void> {
  let typed = 0;
  const insert = (text: string, what: string) => replace(text.length, position(random, text), 0, what);
  const mine = () => String.fromCharCode(0xe000 + typed++);
  for (let round = 0; round < rounds; round++) {
    for (let i = int(random, 4); i > 0; i--) {
      w.type(insert(w.view(), mine()));
      if (int(random, 2) === 0) await settle(1 + int(random, 3));
    }
    if (int(random, 3) > 0) {
      w.loseAnswers(true);
      w.type(insert(w.view(), mine()));
      await settle(3);
    }
    w.disconnect();
    await settle(3);
    w.loseAnswers(false);
    w.longAway(int(random, 4) > 0);
    for (let i = int(random, 4); i > 0; i--) w.type(insert(w.view(), mine()));
    for (let i = 1 + int(random, 6); i > 0; i--) w.other(insert(w.serverText(), randomText(random, 2) || "z"));
    w.reconnect();
    await settle(10 + int(random, 30));
    w.longAway(false);
  }
  await settle(100);
  expect(w.pending(), "nothing waits for the grain").toBe(0);
  expect(w.view(), "the person sees the grain's text").toBe(w.serverText());
  const text = w.serverText();
  for (let i = 0; i < typed; i++) {
    const c = String.fromCharCode(0xe000 + i);
    expect(text.split(c).length - 1, `typed character ${i} once`).toBe(1);
  }
}

/** Lets queued promise callbacks run (the fakes answer in microtasks; no timer is waited for, which keeps the
 * many rounds of the recovery test fast). */
async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds * 20; i++) await Promise.resolve();
}
