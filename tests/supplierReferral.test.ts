// Word-of-mouth supplier search (markets/supplierReferral.ts, households.supplierReferralShare): the market-share
// distribution, the candidate draw on hand-built shares, and the households' supplier choice on a small model.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config/index.ts";
import { createModel } from "../src/model/index.ts";
import { candidateSupplier, shareCdf, shareQuantile } from "../src/model/markets/supplierReferral.ts";
import { earnAndPlanOn } from "../src/model/schedule.ts";

/** How often each of `nc` firms is the candidate over a fine, even grid of draws u ∈ [0, 1). */
function frequencies(referral: number, cdf: Float64Array, nc: number, points = 100_000): number[] {
  const counts = new Array<number>(nc).fill(0);
  for (let k = 0; k < points; k++) counts[candidateSupplier((k + 0.5) / points, referral, cdf, nc)]++;
  return counts.map((c) => c / points);
}

describe("shareCdf", () => {
  it("cumulates the non-negative demands as shares, ending at exactly 1", () => {
    const cdf = new Float64Array(5);
    expect(shareCdf(Float64Array.of(2, 0, 1, -3, 1), 5, cdf)).toBe(4);
    expect(Array.from(cdf)).toEqual([0.5, 0.5, 0.75, 0.75, 1]);
  });

  it("uses only the first n firms (the consumption firms) and leaves zeros when no firm sold anything", () => {
    const cdf = new Float64Array(3).fill(9);
    expect(shareCdf(Float64Array.of(1, 3, 100), 2, cdf)).toBe(4);
    expect(Array.from(cdf)).toEqual([0.25, 1, 9]);
    expect(shareCdf(Float64Array.of(0, -1), 2, cdf)).toBe(0);
    expect(Array.from(cdf.subarray(0, 2))).toEqual([0, 0]);
  });

  it("throws a RangeError when the buffer is too short", () => {
    expect(() => shareCdf(Float64Array.of(1, 1), 2, new Float64Array(1))).toThrow(RangeError);
  });
});

describe("candidateSupplier", () => {
  const cdf = new Float64Array(4);
  shareCdf(Float64Array.of(5, 3, 0, 2), 4, cdf); // shares 0.5, 0.3, 0, 0.2

  it("with referral share 0 is the uniform draw ⌊u · nc⌋ exactly (the rule before)", () => {
    for (let k = 0; k < 10_000; k++) {
      const u = (k * 0.7548776662466927) % 1; // a low-discrepancy sequence of draws
      expect(candidateSupplier(u, 0, cdf, 4)).toBe(Math.floor(u * 4));
    }
  });

  it("with referral share 1 draws firms in proportion to their market shares, never one that sold nothing", () => {
    const f = frequencies(1, cdf, 4);
    expect(f[0]).toBeCloseTo(0.5, 4);
    expect(f[1]).toBeCloseTo(0.3, 4);
    expect(f[2]).toBe(0);
    expect(f[3]).toBeCloseTo(0.2, 4);
  });

  it("mixes the two channels: referral share w gives w × share + (1 − w) / nc", () => {
    const f = frequencies(0.4, cdf, 4);
    const shares = [0.5, 0.3, 0, 0.2];
    for (let j = 0; j < 4; j++) expect(f[j]).toBeCloseTo(0.4 * shares[j] + 0.6 / 4, 4);
  });

  it("shareQuantile returns the firm whose share interval holds x, the last firm at the top", () => {
    expect(shareQuantile(cdf, 4, 0)).toBe(0);
    expect(shareQuantile(cdf, 4, 0.4999)).toBe(0);
    expect(shareQuantile(cdf, 4, 0.5)).toBe(1);
    expect(shareQuantile(cdf, 4, 0.8)).toBe(3); // firm 2's interval is empty
    expect(shareQuantile(cdf, 4, 1)).toBe(3);
  });
});

describe("households' supplier choice with referral (earnAndPlan)", () => {
  /**
   * 400 households, 4 consumption firms; every household compares each month. Firm 0 is by far the cheapest but
   * sold nothing last month, and nobody buys from it now: uniform search finds it, word of mouth cannot.
   */
  function switchersToUnknownCheapFirm(referral: number): number {
    const c = defaultConfig();
    c.seed = 3;
    c.households.count = 400;
    c.firms.consumption.count = 4;
    c.firms.capital.count = 2;
    c.banks.count = 2;
    c.households.supplierSwitchProbability = 1;
    c.households.supplierReferralShare = referral;
    const m = createModel(c);
    const f = m.firms;
    for (let j = 0; j < 4; j++) {
      f.demandNominal[j] = j === 0 ? 0 : 1000 * j;
      f.fillRatio[j] = 1; // nobody was rationed
      f.price[j] = j === 0 ? 0.5 : 1;
      f.appeal[j] = 1;
    }
    for (let i = 0; i < m.households.n; i++) m.households.supplier[i] = 1 + (i % 3);
    earnAndPlanOn(m, 0);
    let toZero = 0;
    for (let i = 0; i < m.households.n; i++) if (m.households.supplier[i] === 0) toZero++;
    return toZero;
  }

  it("uniform search (share 0) sends about a quarter of the households to the cheap firm", () => {
    const n = switchersToUnknownCheapFirm(0);
    expect(n).toBeGreaterThan(60);
    expect(n).toBeLessThan(140);
  });

  it("pure referral (share 1) never proposes a firm without sales; half referral about halves the flow", () => {
    expect(switchersToUnknownCheapFirm(1)).toBe(0);
    const half = switchersToUnknownCheapFirm(0.5);
    expect(half).toBeGreaterThan(25);
    expect(half).toBeLessThan(80);
  });
});
