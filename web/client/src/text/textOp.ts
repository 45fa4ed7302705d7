// Operational transformation over text operations, the same code as grains/Grains/Text/TextOps.cs (and the same
// tests: web/client/test/textOp.test.ts, tests/Hub.Tests/Text/TextOpsTests.cs). An operation walks the whole text:
// a positive number retains that many characters, a negative number deletes, a string inserts — exactly the JSON
// the grain reads and writes ([5, "ab", -3, 10]). Characters are UTF-16 code units, the unit of JavaScript strings
// and C# strings alike; no step may split a surrogate pair. Results are normalised: no empty steps, neighbours of
// one kind merged, an insert before a delete where they meet. A length that does not match throws. Input from
// outside is checked first with opProblem, which refuses (as the grain does) instead of throwing: every count is a
// whole number from 1 to LENGTH_MAX, so no sum loses precision or means anything but the text it walks.

export type TextStep = number | string;
export type TextOp = TextStep[];

const isRetain = (s: TextStep | undefined): s is number => typeof s === "number" && s > 0;
const isDelete = (s: TextStep | undefined): s is number => typeof s === "number" && s < 0;
const isInsert = (s: TextStep | undefined): s is string => typeof s === "string";

/** The most steps one operation may have (TextLimits.StepsMax in the grain). */
export const STEPS_MAX = 1000;

/** The longest text an operation may walk or make, and so the largest count of one step (TextLimits.LengthMax). */
export const LENGTH_MAX = 1_000_000;

/**
 * Why `op` cannot be used on any text, with the grain's code (TextOps.Problem): "validation" for something that
 * is not an array of whole numbers from 1 to LENGTH_MAX either way and non-empty strings, "limit_exceeded" for
 * more than STEPS_MAX steps or a text of more than LENGTH_MAX characters walked or made. Null when it is sound.
 */
export function opProblem(op: unknown): "validation" | "limit_exceeded" | null {
  if (!Array.isArray(op)) return "validation";
  if (op.length > STEPS_MAX) return "limit_exceeded";
  let base = 0;
  let target = 0;
  for (const s of op as unknown[]) {
    if (typeof s === "string" && s.length > 0 && s.length <= LENGTH_MAX) {
      target += s.length;
    } else if (typeof s === "number" && Number.isInteger(s) && s !== 0 && Math.abs(s) <= LENGTH_MAX) {
      base += Math.abs(s);
      if (s > 0) target += s;
    } else {
      return "validation";
    }
  }
  return base > LENGTH_MAX || target > LENGTH_MAX ? "limit_exceeded" : null;
}

export class TextOpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TextOpError";
  }
}

/** Builds a normalised operation step by step. */
export class Builder {
  private readonly steps: TextStep[] = [];

  add(step: TextStep): this {
    return isInsert(step) ? this.insert(step) : isDelete(step) ? this.delete(-step) : this.retain(step);
  }

  retain(n: number): this {
    if (n < 0) throw new TextOpError("negative retain");
    if (n === 0) return this;
    const last = this.steps.length - 1;
    if (isRetain(this.steps[last])) this.steps[last] = (this.steps[last] as number) + n;
    else this.steps.push(n);
    return this;
  }

  insert(text: string): this {
    if (text.length === 0) return this;
    const last = this.steps.length - 1;
    if (isInsert(this.steps[last])) {
      this.steps[last] = (this.steps[last] as string) + text;
    } else if (isDelete(this.steps[last])) {
      // Normal form puts an insert before a delete it touches.
      if (isInsert(this.steps[last - 1])) this.steps[last - 1] = (this.steps[last - 1] as string) + text;
      else this.steps.splice(last, 0, text);
    } else {
      this.steps.push(text);
    }
    return this;
  }

  delete(n: number): this {
    if (n < 0) throw new TextOpError("negative delete");
    if (n === 0) return this;
    const last = this.steps.length - 1;
    if (isDelete(this.steps[last])) this.steps[last] = (this.steps[last] as number) - n;
    else this.steps.push(-n);
    return this;
  }

  build(): TextOp {
    return [...this.steps];
  }
}

/** The length of the text the operation applies to. */
export function baseLength(op: TextOp): number {
  let n = 0;
  for (const s of op) if (!isInsert(s)) n += Math.abs(s);
  return n;
}

/** The length of the text the operation makes. */
export function targetLength(op: TextOp): number {
  let n = 0;
  for (const s of op) n += isInsert(s) ? s.length : isRetain(s) ? s : 0;
  return n;
}

/** True when the operation changes nothing. */
export function isNoop(op: TextOp): boolean {
  return op.every((s) => isRetain(s));
}

/** The identity operation on a text of the given length. */
export function identity(length: number): TextOp {
  return new Builder().retain(length).build();
}

/** Replaces `deleteCount` characters at `index` of a text of `length` characters with `insert`. */
export function replace(length: number, index: number, deleteCount: number, insert: string): TextOp {
  if (index < 0 || deleteCount < 0 || index + deleteCount > length) throw new TextOpError("range outside the text");
  return new Builder().retain(index).insert(insert).delete(deleteCount).retain(length - index - deleteCount).build();
}

export function normalize(op: TextOp): TextOp {
  const b = new Builder();
  for (const s of op) b.add(s);
  return b.build();
}

export function apply(text: string, op: TextOp): string {
  if (opProblem(op) !== null) throw new TextOpError("The operation is malformed or too long.");
  if (baseLength(op) !== text.length) {
    throw new TextOpError(`The operation is for a text of ${baseLength(op)} characters; this one has ${text.length}.`);
  }
  const parts: string[] = [];
  let index = 0;
  for (const s of op) {
    if (isInsert(s)) {
      parts.push(s);
    } else if (isRetain(s)) {
      parts.push(text.slice(index, index + s));
      index += s;
    } else {
      index -= s;
    }
  }
  return parts.join("");
}

/** Walks an operation's steps, taking retains, deletes (and inserts, in compose) in pieces. */
class Cursor {
  private index = 0;
  private offset = 0;

  constructor(private readonly op: TextOp) {}

  get done(): boolean {
    return this.index >= this.op.length;
  }

  get current(): TextStep | undefined {
    return this.op[this.index];
  }

  /** What is left of the current step. */
  get size(): number {
    const s = this.current;
    if (s === undefined) return 0;
    return (isInsert(s) ? s.length : Math.abs(s)) - this.offset;
  }

  head(n: number): string {
    return (this.current as string).slice(this.offset, this.offset + n);
  }

  next(): void {
    this.index++;
    this.offset = 0;
  }

  consume(n: number): void {
    this.offset += n;
    const s = this.current!;
    if (this.offset >= (isInsert(s) ? s.length : Math.abs(s))) this.next();
  }
}

/**
 * Given two operations on the same text, returns [a', b'] such that apply(apply(t, a), b') equals
 * apply(apply(t, b), a'). Where both insert at one place, `a`'s text comes first: pass the operation committed
 * earlier as `a`.
 */
export function transform(a: TextOp, b: TextOp): [TextOp, TextOp] {
  if (baseLength(a) !== baseLength(b)) throw new TextOpError("Both operations must apply to the same text.");
  const aPrime = new Builder();
  const bPrime = new Builder();
  const left = new Cursor(a);
  const right = new Cursor(b);
  while (!left.done || !right.done) {
    const l = left.current;
    const r = right.current;
    if (isInsert(l)) {
      aPrime.insert(l);
      bPrime.retain(l.length);
      left.next();
      continue;
    }
    if (isInsert(r)) {
      aPrime.retain(r.length);
      bPrime.insert(r);
      right.next();
      continue;
    }
    if (l === undefined || r === undefined) throw new TextOpError("The operations do not cover the same text.");
    const n = Math.min(left.size, right.size);
    if (isRetain(l) && isRetain(r)) {
      aPrime.retain(n);
      bPrime.retain(n);
    } else if (isDelete(l) && isRetain(r)) {
      aPrime.delete(n);
    } else if (isRetain(l) && isDelete(r)) {
      bPrime.delete(n);
    }
    // Both delete the same characters: neither needs to any more.
    left.consume(n);
    right.consume(n);
  }
  return [aPrime.build(), bPrime.build()];
}

/** One operation with the effect of `a` followed by `b`. */
export function compose(a: TextOp, b: TextOp): TextOp {
  if (targetLength(a) !== baseLength(b)) throw new TextOpError("The second operation must apply to the text the first one makes.");
  const result = new Builder();
  const first = new Cursor(a);
  const second = new Cursor(b);
  while (!first.done || !second.done) {
    const f = first.current;
    const s = second.current;
    if (isDelete(f)) {
      result.delete(-f);
      first.next();
      continue;
    }
    if (isInsert(s)) {
      result.insert(s);
      second.next();
      continue;
    }
    if (f === undefined || s === undefined) throw new TextOpError("The operations do not fit together.");
    const n = Math.min(first.size, second.size);
    if (isRetain(f) && isRetain(s)) result.retain(n);
    else if (isRetain(f) && isDelete(s)) result.delete(n);
    else if (isInsert(f) && isRetain(s)) result.insert(first.head(n));
    // Inserted by the first, deleted by the second: gone without a trace.
    first.consume(n);
    second.consume(n);
  }
  return result.build();
}

/** The operation that undoes `op`, which applied to `text`. */
export function invert(op: TextOp, text: string): TextOp {
  if (baseLength(op) !== text.length) throw new TextOpError("The operation does not apply to this text.");
  const result = new Builder();
  let index = 0;
  for (const s of op) {
    if (isRetain(s)) {
      result.retain(s);
      index += s;
    } else if (isInsert(s)) {
      result.delete(s.length);
    } else {
      result.insert(text.slice(index, index - s));
      index -= s;
    }
  }
  return result.build();
}

/**
 * Where a position ends up after `op`. Text deleted around it pulls it to the start of the deletion; text
 * inserted exactly at it pushes it only when `ownInsert` (the caret's owner typed it).
 */
export function transformIndex(index: number, op: TextOp, ownInsert: boolean): number {
  let position = 0;
  let result = index;
  for (const s of op) {
    if (position > index) break;
    if (isRetain(s)) {
      position += s;
    } else if (isInsert(s)) {
      if (position < index || ownInsert) result += s.length;
    } else {
      result -= Math.min(-s, index - position);
      position -= s;
    }
  }
  return result;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** True when `index` falls between the two halves of a surrogate pair. */
export function splitsPair(text: string, index: number): boolean {
  return index > 0 && index < text.length && isHigh(text.charCodeAt(index - 1)) && isLow(text.charCodeAt(index));
}

/**
 * The operation that turns `before` into `after` as one replacement: the common prefix and suffix are kept.
 * `caret` (where the caret is in `after`, if known) settles ambiguous cases the way the person typed: typing "a"
 * in "aa" after the first letter inserts at 1, not at the end. Never splits a surrogate pair.
 */
export function diffOp(before: string, after: string, caret?: number): TextOp {
  const max = Math.min(before.length, after.length);
  let suffix = 0;
  const suffixLimit = caret === undefined ? max : Math.min(max, after.length - caret);
  while (suffix < suffixLimit && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  let prefix = 0;
  while (prefix < max - suffix && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  // Keep pairs whole: step back out of the middle of one, at either end of the change.
  if (splitsPair(before, prefix) || splitsPair(after, prefix)) prefix--;
  if (splitsPair(before, before.length - suffix) || splitsPair(after, after.length - suffix)) suffix--;
  return new Builder()
    .retain(prefix)
    .insert(after.slice(prefix, after.length - suffix))
    .delete(before.length - suffix - prefix)
    .retain(suffix)
    .build();
}
