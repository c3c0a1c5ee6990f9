// returnMoments (src/analysis/returnMoments.ts): the moments of returns that the stylized facts of asset
// returns are stated in (Cont 2001), on series whose answers are known.
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import {
  logReturns,
  MARKET_RETURN_FACTS,
  type ReturnMoments,
  returnMoments,
  returnMomentsTable,
} from "../src/analysis/returnMoments.ts";

/** n standard normal draws (Box–Muller) from a seeded stream. */
function normals(n: number, seed: string): number[] {
  const rng = seedrandom(seed);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng()));
  return out;
}

describe("returnMoments", () => {
  it("a random walk: volatility σ√12, no autocorrelation, no excess kurtosis, variance ratio 1", () => {
    const m = returnMoments(normals(24_000, "rw").map((z) => 0.05 * z));
    expect(m.n).toBe(24_000);
    expect(m.volatilityYearly).toBeCloseTo(0.05 * Math.sqrt(12), 2);
    expect(Math.abs(m.autocorrelation1)).toBeLessThan(0.03);
    expect(Math.abs(m.absAutocorrelation1)).toBeLessThan(0.03);
    expect(Math.abs(m.excessKurtosis)).toBeLessThan(0.1);
    expect(m.varianceRatio).toBeGreaterThan(0.93);
    expect(m.varianceRatio).toBeLessThan(1.07);
  });

  it("AR(1) returns with ρ = 0.5: autocorrelation 0.5 and the variance ratio's closed form at q = 12", () => {
    const z = normals(24_000, "ar");
    const r: number[] = [];
    let prev = 0;
    for (const e of z) {
      prev = 0.5 * prev + 0.05 * e;
      r.push(prev);
    }
    const m = returnMoments(r, 12);
    expect(m.autocorrelation1).toBeCloseTo(0.5, 1);
    // VR(q) = (1 + ρ)/(1 − ρ) − 2ρ(1 − ρ^q) / (q (1 − ρ)²) = 3 − 1/3 at ρ = 0.5, q = 12 (Lo & MacKinlay 1988).
    const rho = 0.5;
    const vr = (1 + rho) / (1 - rho) - (2 * rho * (1 - rho ** 12)) / (12 * (1 - rho) ** 2);
    expect(m.varianceRatio).toBeGreaterThan(vr - 0.2);
    expect(m.varianceRatio).toBeLessThan(vr + 0.2);
  });

  it("heavy tails (Student t with 5 degrees of freedom, excess kurtosis 6) and clustered volatility show", () => {
    // A two-state volatility (quiet 2 %, stormy 8 % a month, each lasting about two years) clusters absolute returns.
    const z = normals(24_000, "st");
    const rng = seedrandom("regime");
    let stormy = false;
    const r = z.map((e) => {
      if (rng() < 1 / 24) stormy = !stormy;
      return (stormy ? 0.08 : 0.02) * e;
    });
    const m = returnMoments(r);
    expect(m.absAutocorrelation1).toBeGreaterThan(0.2);
    expect(m.excessKurtosis).toBeGreaterThan(1);
    expect(Math.abs(m.autocorrelation1)).toBeLessThan(0.03);
  });

  it("the documented example: a zig-zag's autocorrelation is −5/6", () => {
    expect(returnMoments([0.1, -0.1, 0.1, -0.1, 0.1, -0.1], 2).autocorrelation1).toBeCloseTo(-5 / 6, 12);
  });

  it("refuses too few returns, a horizon below 2 or a non-positive year", () => {
    expect(() => returnMoments([0.1, 0.2, 0.3], 2)).toThrow(RangeError);
    expect(() => returnMoments(new Array(30).fill(0.01), 1)).toThrow(/q must be/);
    expect(() => returnMoments(new Array(20).fill(0.01), 12)).toThrow(/at least 24/);
    expect(() => returnMoments(new Array(30).fill(0.01), 2, 0)).toThrow(/periodsPerYear/);
  });
});

describe("logReturns", () => {
  it("leaves out returns into or out of a price that is not positive, and the months `skip` marks", () => {
    expect(logReturns([1, 2, 4, 0, 1], 0, 4)).toEqual([Math.log(2), Math.log(2)]);
    expect(logReturns([1, 2, 4, 8, 16], 1, 3)).toEqual([Math.log(2), Math.log(2)]);
    expect(logReturns([1, 2, 4, 8, 16], 0, 4, (i) => i === 2)).toEqual([Math.log(2), Math.log(2)]);
  });
});

describe("returnMomentsTable", () => {
  it("prints each firm's mean [smallest, largest] over the runs and what markets show last", () => {
    const run = (ac: number, vol: number): ReturnMoments => ({
      n: 120,
      volatilityYearly: vol,
      excessKurtosis: -0.25,
      autocorrelation1: ac,
      absAutocorrelation1: 0.05,
      varianceRatio: 3,
    });
    const table = returnMomentsTable([
      { firm: "chipCo", label: "Nvidia-like", runs: [run(0.2, 0.1), run(0.6, 0.3)] },
    ]);
    const lines = table.split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain("variance ratio, 12 months");
    expect(lines[2]).toBe(
      "| chipCo: Nvidia-like | 120 [120, 120] | 20 % [10 %, 30 %] | −0.25 [−0.25, −0.25] | 0.40 [0.20, 0.60] | 0.05 [0.05, 0.05] | 3.00 [3.00, 3.00] |",
    );
    expect(lines[3]).toContain(MARKET_RETURN_FACTS.autocorrelation1);
  });
});
