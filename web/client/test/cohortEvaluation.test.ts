import { describe, expect, it } from "vitest";
import { changeSentence } from "../src/views/cohortEvaluation";
import { dumbbellX } from "../src/views/widgets/dumbbellChart";

describe("dumbbellX", () => {
  it("places 1 and 5 at the ends of the scale and clamps outside it", () => {
    expect(dumbbellX(1, 1, 5)).toBe(4);
    expect(dumbbellX(5, 1, 5)).toBe(92);
    expect(dumbbellX(3, 1, 5)).toBe(48);
    expect(dumbbellX(9, 1, 5)).toBe(92);
  });
});

describe("changeSentence", () => {
  // The default language is Danish.
  it("says the change with its n in Danish, as the issue asks", () => {
    expect(changeSentence("civil", { n: 12, from: 2.4, to: 3.8, delta: 1.4, withheld: false }, "For få svar til at vise")).toBe(
      "Frivillige: 2,4 → 3,8 (+1,4; n = 12)",
    );
  });

  it("says the figure is withheld instead of any number", () => {
    expect(changeSentence("staff", { n: 0, from: null, to: null, delta: null, withheld: true }, "For få svar til at vise")).toBe(
      "Medarbejdere: For få svar til at vise",
    );
  });
});
