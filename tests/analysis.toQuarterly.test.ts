import { describe, expect, it } from "vitest";
import { toQuarterly } from "../src/analysis/toQuarterly.ts";

describe("toQuarterly", () => {
  it("averages blocks of three months by default", () => {
    expect(Array.from(toQuarterly([1, 2, 3, 4, 5, 6]))).toEqual([2, 5]);
  });

  it("sums flows when asked", () => {
    expect(Array.from(toQuarterly([1, 2, 3, 4, 5, 6], 3, "sum"))).toEqual([6, 15]);
  });

  it("drops an incomplete last quarter", () => {
    expect(Array.from(toQuarterly([1, 2, 3, 4, 5, 6, 7, 8]))).toEqual([2, 5]);
    expect(toQuarterly([1, 2]).length).toBe(0);
  });

  it("supports other block lengths", () => {
    expect(Array.from(toQuarterly(Float64Array.from([2, 4, 6, 8]), 2))).toEqual([3, 7]);
  });

  it("throws for a non-positive or fractional ticksPerQuarter", () => {
    expect(() => toQuarterly([1, 2, 3], 0)).toThrow(RangeError);
    expect(() => toQuarterly([1, 2, 3], 1.5)).toThrow(RangeError);
  });
});
