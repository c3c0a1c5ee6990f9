// kthSmallest (src/model/select.ts): the radix selection initialisation uses
// for the top decile's deposit threshold gives exactly the value sorting gives.
import { describe, expect, it } from "vitest";
import { agentUniform } from "../src/model/rng.ts";
import { kthSmallest } from "../src/model/select.ts";

function sortedAt(values: Float64Array, k: number): number {
  return Float64Array.from(values).sort()[k];
}

describe("kthSmallest", () => {
  it("equals the sorted array's element at k for Pareto-like deposits, at every decile", () => {
    const n = 50_000;
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = 1234.5 * (1 - agentUniform(7, 1, 2, i)) ** (-1 / 1.3);
    const copy = Float64Array.from(v);
    for (const k of [0, 1, Math.floor(n * 0.1), Math.floor(n * 0.5), Math.floor(n * 0.9), n - 1]) {
      expect(kthSmallest(v, k)).toBe(sortedAt(v, k));
    }
    expect(v).toEqual(copy); // not modified
  });

  it("handles ties, values that share their high bits, and tiny or huge magnitudes", () => {
    const v = new Float64Array(4000);
    for (let i = 0; i < v.length; i++) {
      const u = agentUniform(3, 4, 5, i);
      v[i] = i % 3 === 0 ? 1 : i % 3 === 1 ? 1 + u * 1e-12 : u < 0.5 ? 1e-300 * (1 + u) : 1e300 * u + 1;
    }
    for (let k = 0; k < v.length; k += 97) expect(kthSmallest(v, k)).toBe(sortedAt(v, k));
  });

  it("falls back to sorting when a value is zero, negative or not finite", () => {
    const v = Float64Array.from([3, -1, 0, 2, Number.POSITIVE_INFINITY, 5, -7]);
    for (let k = 0; k < v.length; k++) expect(kthSmallest(v, k)).toBe(sortedAt(v, k));
    expect(kthSmallest(Float64Array.from([4, Number.NaN, 1]), 0)).toBe(1);
  });

  it("rejects a rank outside the array", () => {
    expect(() => kthSmallest(new Float64Array(3), 3)).toThrow(RangeError);
    expect(() => kthSmallest(new Float64Array(3), -1)).toThrow(RangeError);
  });
});
