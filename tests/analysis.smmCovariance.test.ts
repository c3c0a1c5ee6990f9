import { describe, expect, it } from "vitest";
import { smmCovariance } from "../src/analysis/smmCovariance.ts";

describe("smmCovariance", () => {
  it("is (1 + 1/S)(G'Ω⁻¹G)⁻¹ with the optimal weight: one parameter, one moment", () => {
    // dm/dθ = 2, se of the data moment 1: se(θ) = 1/2 before the simulation correction.
    expect(smmCovariance([[2]], [[1]], [[1]], 4)).toEqual([[1.25 * 0.25]]);
  });

  it("weighs two moments of one parameter by their precision", () => {
    // Moments with slopes 1 and 1, variances 1 and 4: information 1 + 1/4 → var 0.8.
    const v = smmCovariance(
      [[1], [1]],
      [
        [1, 0],
        [0, 0.25],
      ],
      [
        [1, 0],
        [0, 4],
      ],
      1_000_000,
    ) as number[][];
    expect(v[0][0]).toBeCloseTo(0.8 * (1 + 1e-6), 12);
  });

  it("gives the sandwich, larger than the efficient variance, for a non-optimal weight", () => {
    // Equal weights on moments of variance 1 and 4: (1·1 + 1·4) / (1 + 1)² = 1.25 ≥ 0.8.
    const v = smmCovariance(
      [[1], [1]],
      [
        [1, 0],
        [0, 1],
      ],
      [
        [1, 0],
        [0, 4],
      ],
      1_000_000,
    ) as number[][];
    expect(v[0][0]).toBeCloseTo(1.25 * (1 + 1e-6), 12);
  });

  it("matches the closed form for two parameters with a diagonal Jacobian", () => {
    const v = smmCovariance(
      [
        [2, 0],
        [0, 0.5],
      ],
      [
        [4, 0],
        [0, 1],
      ],
      [
        [0.25, 0],
        [0, 1],
      ],
      9,
    ) as number[][];
    const f = 1 + 1 / 9;
    expect(v[0][0]).toBeCloseTo((f * 0.25) / 4, 14);
    expect(v[1][1]).toBeCloseTo(f * 4, 14);
    expect(v[0][1]).toBeCloseTo(0, 14);
  });

  it("is undefined for a parameter the moments do not move, and throws for bad shapes", () => {
    expect(smmCovariance([[1, 0]], [[1]], [[1]], 2)).toBeUndefined();
    expect(() => smmCovariance([[1]], [[1, 0]], [[1]], 2)).toThrow(RangeError);
    expect(() => smmCovariance([[1]], [[1]], [[1]], 0)).toThrow(RangeError);
    expect(() => smmCovariance([[Number.NaN]], [[1]], [[1]], 2)).toThrow(RangeError);
  });
});
