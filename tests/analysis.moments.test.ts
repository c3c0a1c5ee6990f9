import { readFileSync } from "node:fs";
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { computeMoments, MOMENT_DEFINITIONS, MOMENT_NAMES } from "../src/analysis/moments.ts";
import { computeStylizedFacts } from "../src/analysis/stylizedFacts.ts";

/**
 * A synthetic economy whose moments are known exactly: every monthly value is
 * constant within its quarter (so quarterly means are exact), log GDP is a
 * linear trend plus an AR(1) cycle, and every other series is an affine
 * function of log GDP — the HP filter is linear and leaves a linear trend
 * whole, so each cycle is a known multiple of GDP's.
 */
function synthetic(quarters: number): Record<string, Float64Array> {
  const rng = seedrandom("moments-test");
  const months = quarters * 3;
  const s: Record<string, Float64Array> = {};
  for (const name of [
    "gdpReal",
    "consumptionReal",
    "investmentReal",
    "employment",
    "unemploymentRate",
    "vacancies",
    "wageIndex",
    "inflationYoY",
    "policyRate",
    "creditToFirms",
    "priceIndex",
    "firmDefaults",
    "firmExits",
  ])
    s[name] = new Float64Array(months);
  let cycle = 0;
  for (let q = 0; q < quarters; q++) {
    cycle = 0.8 * cycle + 0.01 * (rng() - 0.5);
    const logY = 0.005 * q + cycle;
    const trendPart = 0.005 * q;
    for (let m = 0; m < 3; m++) {
      const t = q * 3 + m;
      s.gdpReal[t] = Math.exp(10 + logY);
      s.consumptionReal[t] = Math.exp(9 + 0.5 * logY);
      s.investmentReal[t] = Math.exp(8 + 3 * logY);
      s.employment[t] = Math.exp(5 + 0.6 * logY);
      s.unemploymentRate[t] = 0.05 - 0.4 * (logY - trendPart);
      s.vacancies[t] = 1 + (logY - trendPart);
      s.wageIndex[t] = Math.exp(8 + 0.01 * q + 0.2 * cycle);
      s.inflationYoY[t] = 0.02 + 0.1 * (logY - trendPart);
      s.policyRate[t] = 0.03 + 0.5 * (logY - trendPart);
      s.priceIndex[t] = Math.exp(0.005 * q);
      s.creditToFirms[t] = s.priceIndex[t] * Math.exp(7 + 2 * logY);
      s.firmDefaults[t] = t % 4 === 0 ? 1 : 0;
      s.firmExits[t] = t % 2 === 0 ? 1 : 0;
    }
  }
  return s;
}

describe("computeMoments", () => {
  const series = synthetic(200);
  const facts = computeStylizedFacts(series, undefined, {});
  const m = computeMoments(series, facts, { firmCount: 50, lowerBoundYearly: 0.029 });

  it("has exactly the documented names, each defined once", () => {
    expect(Object.keys(m)).toEqual([...MOMENT_NAMES]);
    expect(new Set(MOMENT_NAMES).size).toBe(MOMENT_NAMES.length);
    expect(MOMENT_DEFINITIONS.every((d) => d.definition.length > 10)).toBe(true);
    expect(MOMENT_NAMES).toContain("corrWithGdp.unemployment.lag+1");
    expect(MOMENT_NAMES).toContain("corrWithGdp.credit.lag-4");
  });

  it("recovers the relative volatilities built into the series", () => {
    expect(m["relativeSd.consumption"]).toBeCloseTo(0.5, 10);
    expect(m["relativeSd.investment"]).toBeCloseTo(3, 10);
    expect(m["relativeSd.employment"]).toBeCloseTo(0.6, 10);
    expect(m["relativeSd.unemployment"]).toBeCloseTo(0.4, 10);
    expect(m["relativeSd.inflation"]).toBeCloseTo(0.1, 10);
    expect(m["relativeSd.policyRate"]).toBeCloseTo(0.5, 10);
    expect(m["relativeSd.credit"]).toBeCloseTo(2, 10);
  });

  it("gives correlation ±1 at lag 0, the Okun slope, and the GDP cycle's persistence at lag ±1", () => {
    expect(m["corrWithGdp.consumption.lag0"]).toBeCloseTo(1, 10);
    expect(m["corrWithGdp.unemployment.lag0"]).toBeCloseTo(-1, 10);
    expect(m["corrWithGdp.credit.lag0"]).toBeCloseTo(1, 10);
    expect(m["corrWithGdp.policyRate.lag0"]).toBeCloseTo(1, 10);
    expect(m.okunCoefficient).toBeCloseTo(-0.4, 10);
    // x = GDP's cycle scaled: its lagged correlation is GDP's autocorrelation, ≈ 0.8 minus HP's bite.
    expect(m["corrWithGdp.investment.lag+1"]).toBeCloseTo(m["corrWithGdp.investment.lag-1"], 10);
    expect(m["autocorrelation.investment"]).toBeCloseTo(m["autocorrelation.gdp"], 10);
    expect(m["autocorrelation.gdp"]).toBeGreaterThan(0.4);
    expect(m.sdGdpCycle).toBeCloseTo(facts.cycleSd.gdp, 15);
  });

  it("computes the levels: bankruptcies per firm-year, mean unemployment and inflation", () => {
    // One default every 4 months among 50 firms: 3 a year / 50.
    expect(m.bankruptcyRateYearly).toBeCloseTo(3 / 50, 12);
    // One exit every 2 months: 6 a year / 50.
    expect(m.firmExitRateYearly).toBeCloseTo(6 / 50, 12);
    expect(m.unemploymentMean).toBeCloseTo(facts.unemployment.mean, 15);
    // The floor of the monthly rate in the facts' window: its lowest month and its 5th percentile.
    const u = Array.from(series.unemploymentRate)
      .slice(facts.options.burnInTicks, facts.options.burnInTicks + facts.quarters * 3)
      .sort((a, b) => a - b);
    expect(m.unemploymentMin).toBe(u[0]);
    // simple-statistics' quantile is R's and numpy's type 7: linear between the sorted values around index 0.05 (n − 1).
    const at = 0.05 * (u.length - 1);
    const lo = Math.floor(at);
    expect(m.unemploymentP5).toBeCloseTo(u[lo] + (at - lo) * (u[lo + 1] - u[lo]), 15);
    expect(m.unemploymentMin).toBeLessThan(m.unemploymentP5);
    expect(m.unemploymentP5).toBeLessThan(m.unemploymentMean);
    expect(Math.abs(m.inflationMean - 0.02)).toBeLessThan(0.005);
  });

  it("measures the policy rate's mean and its share of months at the lower bound", () => {
    const rate = Array.from(series.policyRate).slice(
      facts.options.burnInTicks,
      facts.options.burnInTicks + facts.quarters * 3,
    );
    const at = rate.filter((r) => r <= 0.029 + 1e-6).length;
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(rate.length);
    expect(m.lowerBoundShare).toBeCloseTo(at / rate.length, 12);
    expect(m.policyRateMean).toBeCloseTo(rate.reduce((a, b) => a + b, 0) / rate.length, 12);
    expect(Math.abs(m.policyRateMean - 0.03)).toBeLessThan(0.005);
  });

  it("is NaN where the run cannot define a moment: no firm count, no firm sizes, a missing column", () => {
    const { policyRate: _omit, ...rest } = series;
    const bare = computeMoments(rest, facts);
    expect(bare.bankruptcyRateYearly).toBeNaN();
    expect(computeMoments(series, facts).firmExitRateYearly).toBeNaN();
    expect(bare.firmSizeTailExponent).toBeNaN();
    expect(bare.lowerBoundShare).toBeNaN();
    expect(bare.policyRateMean).toBeNaN();
    expect(bare["relativeSd.policyRate"]).toBeNaN();
    expect(bare["corrWithGdp.policyRate.lag0"]).toBeNaN();
    expect(bare["relativeSd.credit"]).toBeCloseTo(2, 10);
  });
});

describe("docs/calibration-tool.md", () => {
  it("defines every moment name", () => {
    const doc = readFileSync(new URL("../docs/calibration-tool.md", import.meta.url), "utf8");
    const missing = MOMENT_NAMES.filter((name) => {
      const lagged = /^corrWithGdp\.(\w+)\.lag/.exec(name);
      return !doc.includes(lagged ? `\`corrWithGdp.${lagged[1]}.lag-4\`` : `\`${name}\``);
    });
    expect(missing).toEqual([]);
  });
});
