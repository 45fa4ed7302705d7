import { describe, expect, it } from "vitest";
import { barGeometry } from "../src/views/widgets/barChart";

const row = (key: string, value: number) => ({ key, label: key, value });

describe("barGeometry", () => {
  it("scales to the largest value when no max is given", () => {
    const bars = barGeometry([row("a", 5), row("b", 10), row("c", 0)]);
    expect(bars.map((bar) => bar.widthPercent)).toEqual([41, 82, 0]);
    expect(bars.map((bar) => bar.y)).toEqual([0, 38, 76]);
  });

  it("scales to a given max and clamps values outside 0..max", () => {
    const bars = barGeometry([row("a", 2), row("b", 9), row("c", -3)], 4);
    expect(bars.map((bar) => bar.widthPercent)).toEqual([41, 82, 0]);
  });

  it("draws no bar when every value is zero", () => {
    expect(barGeometry([row("a", 0), row("b", 0)]).map((bar) => bar.widthPercent)).toEqual([0, 0]);
  });
});
