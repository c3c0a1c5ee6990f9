// The statistics of `spiral compare`: t quantiles, paired mean differences,
// McNemar's test and Newcombe's paired interval, on published tables and on
// synthetic data whose answer is known.
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { mcnemarTest } from "../src/analysis/mcnemarTest.ts";
import { newcombePairedInterval } from "../src/analysis/newcombePairedInterval.ts";
import { pairedMeanDifference } from "../src/analysis/pairedMeanDifference.ts";
import { studentTQuantile } from "../src/analysis/studentTQuantile.ts";

describe("studentTQuantile", () => {
  it("matches the t table (R's qt to 7 digits)", () => {
    const cases: [number, number, number][] = [
      [0.975, 1, 12.7062047],
      [0.975, 2, 4.3026527],
      [0.975, 9, 2.2621572],
      [0.975, 19, 2.0930241],
      [0.975, 100, 1.9839715],
      [0.95, 5, 2.0150484],
      [0.995, 30, 2.7499957],
    ];
    for (const [p, df, t] of cases) expect(studentTQuantile(p, df)).toBeCloseTo(t, 6);
  });

  it("is antisymmetric, 0 at the median, and tends to the normal quantile", () => {
    expect(studentTQuantile(0.025, 9)).toBeCloseTo(-studentTQuantile(0.975, 9), 12);
    expect(studentTQuantile(0.5, 3)).toBe(0);
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.959964, 5);
  });

  it("rejects p outside (0, 1) and a bad df", () => {
    expect(() => studentTQuantile(0, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(1, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(0.5, 0)).toThrow(RangeError);
    expect(() => studentTQuantile(0.5, Number.NaN)).toThrow(RangeError);
  });
});

describe("pairedMeanDifference", () => {
  it("computes d̄ ± t·s/√n by hand", () => {
    // d = (1, 2, 3): mean 2, sd 1, t(0.975; 2) = 4.302653 → 2 ± 4.302653/√3.
    const r = pairedMeanDifference([1, 2, 3], [2, 4, 6]);
    expect(r.n).toBe(3);
    expect(r.estimate).toBe(2);
    expect(r.sd).toBe(1);
    expect(r.lower).toBeCloseTo(2 - 4.3026527 / Math.sqrt(3), 6);
    expect(r.upper).toBeCloseTo(2 + 4.3026527 / Math.sqrt(3), 6);
  });

  it("leaves out pairs with a missing value, and says so in n", () => {
    const r = pairedMeanDifference([1, Number.NaN, 3, 4], [2, 5, Number.NaN, 6]);
    expect(r.n).toBe(2);
    expect(r.estimate).toBe(1.5);
  });

  it("gives NaN bounds for fewer than two pairs, and a zero-width interval for equal differences", () => {
    expect(Number.isNaN(pairedMeanDifference([1], [2]).lower)).toBe(true);
    expect(Number.isNaN(pairedMeanDifference([], []).estimate)).toBe(true);
    const same = pairedMeanDifference([1, 2, 3], [1.5, 2.5, 3.5]);
    expect([same.lower, same.estimate, same.upper]).toEqual([0.5, 0.5, 0.5]);
  });

  it("covers a known shift about 95 % of the time, and pairing removes the shared noise", () => {
    // Arm B = arm A + 0.3 + small noise; both share a large per-seed effect (common random numbers).
    const rng = seedrandom("paired-coverage");
    const normal = (): number => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    let covered = 0;
    const trials = 2000;
    let width = 0;
    for (let t = 0; t < trials; t++) {
      const a: number[] = [];
      const b: number[] = [];
      for (let i = 0; i < 20; i++) {
        const shared = 10 * normal();
        a.push(shared + normal() * 0.2);
        b.push(shared + 0.3 + normal() * 0.2);
      }
      const r = pairedMeanDifference(a, b);
      if (r.lower <= 0.3 && 0.3 <= r.upper) covered++;
      width += r.upper - r.lower;
    }
    expect(covered / trials).toBeGreaterThan(0.93);
    expect(covered / trials).toBeLessThan(0.97);
    // sd of a difference = 0.2·√2 ≈ 0.283: width ≈ 2 · 2.093 · 0.283 / √20 ≈ 0.26, not the ≈ 9 of unpaired arms.
    expect(width / trials).toBeGreaterThan(0.2);
    expect(width / trials).toBeLessThan(0.32);
  });

  it("rejects arrays of different length and a bad confidence", () => {
    expect(() => pairedMeanDifference([1, 2], [1])).toThrow(RangeError);
    expect(() => pairedMeanDifference([1, 2], [1, 2], 1)).toThrow(RangeError);
  });
});

describe("mcnemarTest", () => {
  it("matches the exact conditional test on the Cavo et al. table (Fagerland et al. 2013: p = 0.052479)", () => {
    const r = mcnemarTest(6, 16);
    expect(r.method).toBe("exact");
    expect(r.discordant).toBe(22);
    expect(r.pValue).toBeCloseTo(0.052479, 6);
    expect(mcnemarTest(16, 6).pValue).toBe(r.pValue);
  });

  it("computes small tables by hand: 0 vs 5 → 2/32, 1 vs 4 → 2·6/32, 3 vs 3 → 1", () => {
    expect(mcnemarTest(0, 5).pValue).toBeCloseTo(2 / 32, 14);
    expect(mcnemarTest(1, 4).pValue).toBeCloseTo((2 * 6) / 32, 14);
    expect(mcnemarTest(3, 3).pValue).toBe(1);
    expect(mcnemarTest(0, 0)).toEqual({ discordant: 0, pValue: 1, method: "exact" });
  });

  it("uses χ² with continuity correction for many discordant pairs (R's mcnemar.test: 10 vs 30 → p = 0.002663)", () => {
    const r = mcnemarTest(10, 30);
    expect(r.method).toBe("chi-squared");
    expect(r.pValue).toBeCloseTo(0.002663, 5);
  });

  it("rejects negative and fractional counts", () => {
    expect(() => mcnemarTest(-1, 2)).toThrow(RangeError);
    expect(() => mcnemarTest(1.5, 2)).toThrow(RangeError);
  });
});

describe("newcombePairedInterval", () => {
  it("matches Fagerland et al. (2017) §8 on the Cavo et al. table: −0.0621 (−0.1186 to −0.0046)", () => {
    // Their difference is p_first − p_second; ours is p_B − p_A, so B = their first measurement.
    const r = newcombePairedInterval({ a: 59, b: 16, c: 6, d: 80 });
    expect(r.estimate).toBeCloseTo(-10 / 161, 12);
    expect(r.lower).toBeCloseTo(-0.1186, 4);
    expect(r.upper).toBeCloseTo(-0.0046, 4);
    const mirrored = newcombePairedInterval({ a: 59, b: 6, c: 16, d: 80 });
    expect(mirrored.lower).toBeCloseTo(-r.upper, 12);
    expect(mirrored.upper).toBeCloseTo(-r.lower, 12);
  });

  it("does not collapse without discordant pairs, and stays within [−1, 1]", () => {
    const none = newcombePairedInterval({ a: 10, b: 0, c: 0, d: 10 });
    expect(none.estimate).toBe(0);
    expect(none.lower).toBeLessThan(0);
    expect(none.upper).toBeGreaterThan(0);
    const all = newcombePairedInterval({ a: 0, b: 0, c: 20, d: 0 });
    expect(all.estimate).toBe(1);
    expect(all.upper).toBe(1);
    expect(all.lower).toBeGreaterThan(0.7);
    expect(Number.isNaN(newcombePairedInterval({ a: 0, b: 0, c: 0, d: 0 }).estimate)).toBe(true);
  });

  it("rejects bad counts", () => {
    expect(() => newcombePairedInterval({ a: -1, b: 0, c: 0, d: 1 })).toThrow(RangeError);
    expect(() => newcombePairedInterval({ a: 1, b: 0.5, c: 0, d: 1 })).toThrow(RangeError);
  });
});
