import { describe, expect, it } from "vitest";
import { autocorrelation } from "../src/analysis/autocorrelation.ts";
import { mulberry32 } from "./helpers/mulberry32.ts";

describe("autocorrelation", () => {
  it("matches a hand computation", () => {
    // Deviations −2 −1 0 1 2: Σ products at lag 1 = 4, Σ squares = 10.
    expect(autocorrelation([1, 2, 3, 4, 5], 1)).toBeCloseTo(0.4, 12);
    expect(autocorrelation([1, 2, 3, 4, 5], 0)).toBe(1);
  });

  it("is negative for an alternating series", () => {
    expect(autocorrelation([1, -1, 1, -1, 1, -1, 1, -1], 1)).toBeLessThan(-0.8);
  });

  it("recovers the coefficient of a long AR(1)", () => {
    const rand = mulberry32(9);
    const x = new Float64Array(20000);
    for (let t = 1; t < x.length; t++) x[t] = 0.8 * x[t - 1] + (rand() - 0.5);
    expect(autocorrelation(x, 1)).toBeCloseTo(0.8, 1);
    expect(autocorrelation(x, 2)).toBeCloseTo(0.64, 1);
  });

  it("is NaN for a constant series", () => {
    expect(autocorrelation([2, 2, 2, 2], 1)).toBeNaN();
  });

  it("throws for too short a series or a bad lag", () => {
    expect(() => autocorrelation([1], 0)).toThrow(RangeError);
    expect(() => autocorrelation([1, 2, 3], 3)).toThrow(RangeError);
    expect(() => autocorrelation([1, 2, 3], -1)).toThrow(RangeError);
  });
});
