import { describe, expect, it } from "vitest";
import { chiSquaredPValue } from "../src/analysis/chiSquaredPValue.ts";

describe("chiSquaredPValue", () => {
  // Reference values: scipy.stats.chi2.sf(x, df).
  it("matches tabulated critical values", () => {
    expect(chiSquaredPValue(3.841458820694124, 1)).toBeCloseTo(0.05, 12);
    expect(chiSquaredPValue(5.991464547107979, 2)).toBeCloseTo(0.05, 12);
    expect(chiSquaredPValue(6.634896601021214, 1)).toBeCloseTo(0.01, 12);
    expect(chiSquaredPValue(18.307038053275146, 10)).toBeCloseTo(0.05, 12);
    expect(chiSquaredPValue(2.7326367, 8)).toBeCloseTo(0.95, 6);
  });

  it("has the closed form exp(−x/2) for 2 degrees of freedom, on both branches", () => {
    for (const x of [0.1, 1, 2.5, 4, 30]) expect(chiSquaredPValue(x, 2)).toBeCloseTo(Math.exp(-x / 2), 13);
  });

  it("is 1 at 0, 0 at infinity, and decreasing", () => {
    expect(chiSquaredPValue(0, 3)).toBe(1);
    expect(chiSquaredPValue(Number.POSITIVE_INFINITY, 3)).toBe(0);
    expect(chiSquaredPValue(2, 3)).toBeGreaterThan(chiSquaredPValue(3, 3));
  });

  it("throws for bad degrees of freedom or x", () => {
    expect(() => chiSquaredPValue(1, 0)).toThrow(RangeError);
    expect(() => chiSquaredPValue(1, 1.5)).toThrow(RangeError);
    expect(() => chiSquaredPValue(-1, 2)).toThrow(RangeError);
    expect(() => chiSquaredPValue(Number.NaN, 2)).toThrow(RangeError);
  });
});
