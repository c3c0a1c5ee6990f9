import { describe, expect, it } from "vitest";
import { findRecessions } from "../src/analysis/recessions.ts";

describe("findRecessions", () => {
  //            q: 0    1    2    3    4   5    6    7    8    9   10   11   12   13
  const gdp = [100, 101, 102, 101, 100, 99, 100, 101, 100, 101, 102, 102, 101, 100];

  it("finds runs of two or more falling quarters, ignoring single dips and flat quarters", () => {
    const found = findRecessions(gdp);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatchObject({ startQuarter: 3, endQuarter: 5, quarters: 3 });
    expect(found[0].depth).toBeCloseTo((102 - 99) / 102, 12);
    // The recession still running at the end of the series counts; the flat q11 is its peak.
    expect(found[1]).toMatchObject({ startQuarter: 12, endQuarter: 13, quarters: 2 });
    expect(found[1].depth).toBeCloseTo(2 / 102, 12);
  });

  it("counts the single-quarter dip with minQuarters = 1", () => {
    expect(findRecessions(gdp, 1).map((r) => r.startQuarter)).toEqual([3, 8, 12]);
  });

  it("finds none in a growing economy", () => {
    expect(findRecessions(Array.from({ length: 40 }, (_, q) => 100 * 1.005 ** q))).toEqual([]);
  });

  it("treats one long decline as one recession", () => {
    expect(findRecessions([10, 9, 8, 7, 6, 5])).toEqual([
      { startQuarter: 1, endQuarter: 5, quarters: 5, depth: 0.5 },
    ]);
  });

  it("throws for non-finite GDP or a bad minQuarters", () => {
    expect(() => findRecessions([1, Number.NaN, 2])).toThrow(/quarter 1/);
    expect(() => findRecessions(gdp, 0)).toThrow(RangeError);
  });
});
