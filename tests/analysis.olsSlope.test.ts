import { describe, expect, it } from "vitest";
import { olsSlope } from "../src/analysis/olsSlope.ts";

describe("olsSlope", () => {
  it("recovers the slope of an exact line, whatever the intercept", () => {
    expect(olsSlope([1, 2, 3, 4], [2, 4, 6, 8])).toBeCloseTo(2, 14);
    expect(olsSlope([0, 1, 2], [5, 4.5, 4])).toBeCloseTo(-0.5, 14);
  });

  it("matches the closed form cov(x, y) / var(x) on scattered data", () => {
    // x̄ = 2.5, Σ(x−x̄)² = 5; Σ(x−x̄)(y−ȳ) = 4 and 7 → 0.8 and 1.4
    expect(olsSlope([1, 2, 3, 4], [2, 2, 4, 4])).toBeCloseTo(0.8, 14);
    expect(olsSlope([1, 2, 3, 4], [1, 3, 2, 6])).toBeCloseTo(1.4, 14);
  });

  it("is NaN for a constant regressor and throws for bad input", () => {
    expect(olsSlope([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(() => olsSlope([1, 2], [1])).toThrow(RangeError);
    expect(() => olsSlope([1], [1])).toThrow(RangeError);
    expect(() => olsSlope([1, Number.NaN], [1, 2])).toThrow(RangeError);
  });
});
