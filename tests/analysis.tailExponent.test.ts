import { describe, expect, it } from "vitest";
import { hillTailExponent, sizeDistributionShape } from "../src/analysis/tailExponent.ts";
import { mulberry32 } from "./helpers/mulberry32.ts";

/** Pareto(α, xMin) by inverse transform: X = xMin · U^(−1/α), U uniform on (0, 1]. */
function paretoSample(alpha: number, xMin: number, n: number, seed: number): Float64Array {
  const rand = mulberry32(seed);
  return Float64Array.from({ length: n }, () => xMin * (1 - rand()) ** (-1 / alpha));
}

describe("hillTailExponent", () => {
  for (const alpha of [1.1, 1.5, 3]) {
    it(`recovers α = ${alpha} of a Pareto sample within 15%`, () => {
      const estimate = hillTailExponent(paretoSample(alpha, 5, 5000, 100 + alpha * 10), 0.1);
      expect(Math.abs(estimate / alpha - 1)).toBeLessThan(0.15);
    });
  }

  it("matches a hand computation with X_(k+1) as the threshold", () => {
    // n = 20, k = 2: the tail is {100, 10}, the threshold 1; H = (ln 100 + ln 10) / 2.
    const sample = [0.5, 1, 100, 10, ...new Array(16).fill(0.5)];
    expect(hillTailExponent(sample, 0.1)).toBeCloseTo(1 / (1.5 * Math.log(10)), 12);
  });

  it("tells a thin tail from a fat one", () => {
    const rand = mulberry32(1);
    const uniform = Float64Array.from({ length: 5000 }, () => 1 + rand());
    expect(hillTailExponent(uniform)).toBeGreaterThan(10);
  });

  it("is Infinity when the tail is flat", () => {
    expect(hillTailExponent(new Float64Array(100).fill(3))).toBe(Number.POSITIVE_INFINITY);
  });

  it("throws for non-finite values, a bad fraction, too small a tail or a non-positive threshold", () => {
    expect(() => hillTailExponent([1, 2, Number.NaN, 4])).toThrow(RangeError);
    expect(() => hillTailExponent(paretoSample(2, 1, 100, 1), 0)).toThrow(RangeError);
    expect(() => hillTailExponent(paretoSample(2, 1, 100, 1), 1)).toThrow(RangeError);
    expect(() => hillTailExponent(paretoSample(2, 1, 15, 1), 0.1)).toThrow(/at least 2 tail values/);
    expect(() => hillTailExponent([...new Array(90).fill(0), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.1)).toThrow(
      /positive threshold/,
    );
  });
});

describe("sizeDistributionShape", () => {
  it("finds a Pareto sample right-skewed with its tail exponent", () => {
    const shape = sizeDistributionShape(paretoSample(2.5, 1, 4000, 77));
    expect(shape.count).toBe(4000);
    expect(shape.skewness).toBeGreaterThan(1);
    expect(shape.tailExponent).toBeGreaterThan(2.5 * 0.85);
    expect(shape.tailExponent).toBeLessThan(2.5 * 1.15);
    expect(shape.tailFraction).toBe(0.1);
  });

  it("finds a mirrored sample left-skewed", () => {
    const mirrored = paretoSample(2.5, 1, 4000, 77).map((x) => 100 - x);
    expect(sizeDistributionShape(mirrored).skewness).toBeLessThan(-1);
  });

  it("throws for fewer than 3 values", () => {
    expect(() => sizeDistributionShape([1, 2])).toThrow(RangeError);
  });
});
