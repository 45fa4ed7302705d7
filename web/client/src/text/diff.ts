// Comparing two texts for people: the shortest edit script (Myers' O(ND) algorithm) over words and the spaces
// between them, so a changed word shows as one word out and one word in. Used to compare agreement versions.

export interface DiffPart {
  kind: "same" | "added" | "removed";
  text: string;
}

/** Words, runs of white space and single punctuation marks: the units a reader notices. */
export function tokens(text: string): string[] {
  return text.match(/\s+|[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu) ?? [];
}

/** What changed from `before` to `after`, in order; neighbours of one kind merged. */
export function diffWords(before: string, after: string): DiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  // Common ends first: most comparisons differ in a few places.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const parts: DiffPart[] = [];
  push(parts, "same", a.slice(0, start).join(""));
  for (const part of myers(a.slice(start, a.length - end), b.slice(start, b.length - end))) push(parts, part.kind, part.text);
  push(parts, "same", a.slice(a.length - end).join(""));
  return parts;
}

function push(parts: DiffPart[], kind: DiffPart["kind"], text: string): void {
  if (text.length === 0) return;
  const last = parts[parts.length - 1];
  if (last && last.kind === kind) last.text += text;
  else parts.push({ kind, text });
}

function myers(a: string[], b: string[]): DiffPart[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  trace.push(v.slice());
  // Walk back through the saved frontiers to recover the path.
  const parts: DiffPart[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 2; d >= 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      parts.push({ kind: "same", text: a[--x]! });
      y--;
    }
    if (d > 0) {
      if (x === prevX) parts.push({ kind: "added", text: b[--y]! });
      else parts.push({ kind: "removed", text: a[--x]! });
    }
  }
  while (x > 0 && y > 0) {
    parts.push({ kind: "same", text: a[--x]! });
    y--;
  }
  while (x > 0) parts.push({ kind: "removed", text: a[--x]! });
  while (y > 0) parts.push({ kind: "added", text: b[--y]! });
  return parts.reverse();
}
