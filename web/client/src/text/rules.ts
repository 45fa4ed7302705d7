// The grain's checks of a text edit (grains/Grains/Text/SharedText.cs), so that a local edit the grain would refuse
// is refused here at once with the same code and words. The grain stays the authority.

import { apply, baseLength, LENGTH_MAX, opProblem, splitsPair, STEPS_MAX, type TextOp } from "./textOp";

export interface TextRefusal {
  code: "validation" | "limit_exceeded";
  message: string;
}

const isControl = (c: number) => c <= 0x1f || (c >= 0x7f && c <= 0x9f);

/** Null when `op` may change `text` (at most `max` characters after it), else why not. */
export function checkTextEdit(text: string, op: TextOp, max: number): TextRefusal | null {
  switch (opProblem(op)) {
    case null:
      break;
    case "limit_exceeded":
      return op.length > STEPS_MAX
        ? { code: "limit_exceeded", message: `Højst ${STEPS_MAX} trin i én tekstændring. / At most ${STEPS_MAX} steps in one text change.` }
        : { code: "limit_exceeded", message: `Højst ${LENGTH_MAX} tegn. / At most ${LENGTH_MAX} characters.` };
    case "validation":
      return { code: "validation", message: "Tekstændringen er ugyldig. / The text change is invalid." };
  }
  if (baseLength(op) !== text.length) {
    return { code: "validation", message: "Tekstændringen passer ikke til teksten. / The text change does not fit the text." };
  }
  let index = 0;
  for (const step of op) {
    if (splitsPair(text, index)) return splitPair();
    if (typeof step === "string") {
      for (let i = 0; i < step.length; i++) {
        const c = step.charCodeAt(i);
        if (isControl(c) && c !== 0x0a && c !== 0x0d && c !== 0x09) {
          return { code: "validation", message: "Kontroltegn er ikke tilladt. / Control characters are not allowed." };
        }
        const high = c >= 0xd800 && c <= 0xdbff;
        const low = c >= 0xdc00 && c <= 0xdfff;
        if (high) {
          const next = step.charCodeAt(i + 1);
          if (!(next >= 0xdc00 && next <= 0xdfff)) return splitPair();
          i++;
        } else if (low) {
          return splitPair();
        }
      }
    } else {
      index += Math.abs(step);
    }
  }
  if (apply(text, op).length > max) {
    return { code: "limit_exceeded", message: `Højst ${max} tegn. / At most ${max} characters.` };
  }
  return null;
}

function splitPair(): TextRefusal {
  return { code: "validation", message: "Tekstændringen deler et tegn i to. / The text change splits a character in two." };
}
