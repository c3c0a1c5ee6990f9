// Structural credit risk (src/model/markets/creditRisk.ts): the normal CDF
// against high-precision reference values, the Merton solver by round trip,
// the comparative statics of PD and spreads, edge cases, and order-of-
// magnitude calibration against late-2025 CDS levels (docs/calibration.md §3).
import { describe, expect, it } from "vitest";
import {
  annualisedVolatility,
  annualisePd,
  cdsSpreadBp,
  createMertonResult,
  DEFAULT_CREDIT_RISK_PARAMS,
  equityVolatilityEstimate,
  erfc,
  marketStress,
  mertonDefaultProbability,
  normalCdf,
  PD_MAX,
  PD_MIN,
} from "../src/model/markets/creditRisk.ts";

/** Relative difference, safe at zero. */
function rel(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}

/** Equity value and volatility implied by assets (V, σ_V) in the Merton model — the forward map. */
function mertonForward(V: number, sigmaV: number, D: number, r: number, T: number) {
  const sT = sigmaV * Math.sqrt(T);
  const d1 = (Math.log(V / D) + (r + 0.5 * sigmaV * sigmaV) * T) / sT;
  const E = V * normalCdf(d1) - D * Math.exp(-r * T) * normalCdf(d1 - sT);
  return { E, sigmaE: (normalCdf(d1) * sigmaV * V) / E };
}

/** 5-year-horizon Merton PD turned into a spread with the default premia at the given stress. */
function fiveYearSpreadBp(equity: number, debt: number, vol: number, stress = 0): number {
  const m = mertonDefaultProbability({
    equityValue: equity,
    equityVolatility: vol,
    debt,
    riskFreeRate: 0.04,
    horizonYears: 5,
  });
  const p = DEFAULT_CREDIT_RISK_PARAMS;
  return cdsSpreadBp({
    pdYearly: m.pdYearly,
    lossGivenDefault: p.lossGivenDefault,
    stress,
    baseRiskPremiumBp: p.baseRiskPremiumBp,
    stressPremiumBp: p.stressPremiumBp,
  });
}

describe("normal distribution", () => {
  it("matches 40-digit reference values of erfc and N to 1e-13 relative", () => {
    const erfcRef: [number, number][] = [
      [0.1, 0.8875370839817152],
      [0.46875, 0.507386526782062],
      [1, 0.15729920705028513],
      [2, 0.004677734981047266],
      [4, 1.541725790028002e-8],
      [5, 1.537459794428035e-12],
      [10, 2.088487583762545e-45],
    ];
    for (const [x, ref] of erfcRef) expect(rel(erfc(x), ref)).toBeLessThan(1e-13);
    const cdfRef: [number, number][] = [
      [-20, 2.7536241186062337e-89],
      [-10, 7.619853024160525e-24],
      [-8, 6.220960574271784e-16],
      [-5, 2.866515718791939e-7],
      [-3, 0.0013498980316300946],
      [-1, 0.15865525393145705],
      [-0.3, 0.3820885778110474],
      [0, 0.5],
      [0.5, 0.6914624612740131],
      [1.96, 0.9750021048517795],
      [3, 0.9986501019683699],
    ];
    for (const [x, ref] of cdfRef) expect(rel(normalCdf(x), ref)).toBeLessThan(1e-13);
  });

  it("is symmetric and monotone: N(x) + N(−x) = 1, absolute error < 1e-15", () => {
    let prev = 0;
    for (let x = -9; x <= 9; x += 0.01) {
      const v = normalCdf(x);
      expect(Math.abs(v + normalCdf(-x) - 1)).toBeLessThan(1e-15);
      expect(v).toBeGreaterThanOrEqual(prev);
      prev = v;
    }
  });
});

describe("mertonDefaultProbability", () => {
  it("recovers chosen asset value and volatility from the equity they imply (round trip to 1e-6)", () => {
    const cases: [number, number, number, number, number][] = [
      // V, σ_V, D, r, T
      [100, 0.25, 60, 0.04, 1],
      [54, 0.7, 14, 0.04, 5],
      [2600, 0.29, 75, 0.04, 1],
      [700, 0.38, 105, 0.03, 5],
      [120, 0.5, 110, 0.05, 1],
      [30, 0.9, 40, 0.0, 2],
    ];
    const out = createMertonResult();
    for (const [V, sigmaV, D, r, T] of cases) {
      const { E, sigmaE } = mertonForward(V, sigmaV, D, r, T);
      const m = mertonDefaultProbability(
        { equityValue: E, equityVolatility: sigmaE, debt: D, riskFreeRate: r, horizonYears: T },
        out,
      );
      expect(m).toBe(out);
      expect(m.converged).toBe(true);
      expect(rel(m.assetValue, V)).toBeLessThan(1e-6);
      expect(rel(m.assetVolatility, sigmaV)).toBeLessThan(1e-6);
      const d2 = (Math.log(V / D) + (r - 0.5 * sigmaV * sigmaV) * T) / (sigmaV * Math.sqrt(T));
      expect(Math.abs(m.distanceToDefault - d2)).toBeLessThan(1e-6);
      expect(m.pd).toBeCloseTo(Math.min(PD_MAX, Math.max(PD_MIN, normalCdf(-d2))), 9);
    }
  });

  it("PD rises with leverage and with equity volatility, and falls with equity value", () => {
    const pd = (E: number, D: number, vol: number) =>
      mertonDefaultProbability({ equityValue: E, equityVolatility: vol, debt: D, riskFreeRate: 0.04 }).pd;
    let prev = 0;
    for (const D of [5, 10, 20, 40, 80, 160]) {
      const p = pd(40, D, 0.8);
      expect(p).toBeGreaterThan(prev);
      prev = p;
    }
    prev = 0;
    for (const vol of [0.4, 0.6, 0.8, 1.0, 1.2]) {
      const p = pd(40, 30, vol);
      expect(p).toBeGreaterThan(prev);
      prev = p;
    }
    prev = 1;
    for (const E of [5, 10, 20, 40, 80]) {
      const p = pd(E, 30, 0.8);
      expect(p).toBeLessThan(prev);
      prev = p;
    }
  });

  it("a real-world drift above the risk-free rate lowers the PD", () => {
    const base = { equityValue: 40, equityVolatility: 0.9, debt: 14, riskFreeRate: 0.04, horizonYears: 5 };
    const rn = mertonDefaultProbability(base);
    const real = mertonDefaultProbability({ ...base, assetDriftYearly: 0.12 });
    expect(real.assetValue).toBe(rn.assetValue);
    expect(real.pd).toBeLessThan(rn.pd);
  });

  it("handles the edge cases: no equity, no debt, no volatility; rejects non-finite input", () => {
    const neg = mertonDefaultProbability({
      equityValue: -5,
      equityVolatility: 0.5,
      debt: 10,
      riskFreeRate: 0.04,
    });
    expect(neg.pd).toBe(PD_MAX);
    expect(neg.pdYearly).toBe(PD_MAX);
    const zeroE = mertonDefaultProbability({
      equityValue: 0,
      equityVolatility: 0.5,
      debt: 10,
      riskFreeRate: 0.04,
    });
    expect(zeroE.pd).toBe(PD_MAX);
    const noDebt = mertonDefaultProbability({
      equityValue: 50,
      equityVolatility: 0.5,
      debt: 0,
      riskFreeRate: 0.04,
    });
    expect(noDebt.pd).toBe(0);
    expect(noDebt.assetValue).toBe(50);
    expect(noDebt.assetVolatility).toBe(0.5);
    const riskless = mertonDefaultProbability({
      equityValue: 50,
      equityVolatility: 0,
      debt: 20,
      riskFreeRate: 0.04,
    });
    expect(riskless.pd).toBe(PD_MIN);
    expect(riskless.assetValue).toBeCloseTo(50 + 20 * Math.exp(-0.04), 12);
    // Far from default the PD sits on the floor; deep in distress on the cap.
    const safe = mertonDefaultProbability({
      equityValue: 3000,
      equityVolatility: 0.2,
      debt: 10,
      riskFreeRate: 0.04,
    });
    expect(safe.pd).toBe(PD_MIN);
    const distressed = mertonDefaultProbability({
      equityValue: 0.5,
      equityVolatility: 3,
      debt: 100,
      riskFreeRate: 0.04,
    });
    expect(distressed.pd).toBeGreaterThan(0.9);
    expect(distressed.pd).toBeLessThanOrEqual(PD_MAX);
    expect(() =>
      mertonDefaultProbability({ equityValue: Number.NaN, equityVolatility: 0.5, debt: 10, riskFreeRate: 0 }),
    ).toThrow(RangeError);
    expect(() =>
      mertonDefaultProbability({
        equityValue: 1,
        equityVolatility: 0.5,
        debt: 10,
        riskFreeRate: 0,
        horizonYears: 0,
      }),
    ).toThrow(RangeError);
  });

  it("stays finite and bounded over a wide grid of inputs", () => {
    for (const E of [1e-6, 0.01, 1, 40, 1e3, 1e6]) {
      for (const D of [1e-3, 1, 14, 1e3, 1e6]) {
        for (const vol of [0.01, 0.3, 0.9, 3, 10]) {
          for (const T of [1 / 12, 1, 5]) {
            const m = mertonDefaultProbability({
              equityValue: E,
              equityVolatility: vol,
              debt: D,
              riskFreeRate: 0.04,
              horizonYears: T,
            });
            expect(Number.isFinite(m.assetValue) && m.assetValue >= E).toBe(true);
            expect(m.assetVolatility > 0 && m.assetVolatility <= vol).toBe(true);
            expect(m.pd >= PD_MIN && m.pd <= PD_MAX).toBe(true);
            expect(m.pdYearly >= PD_MIN && m.pdYearly <= PD_MAX).toBe(true);
            expect(Number.isFinite(m.distanceToDefault)).toBe(true);
          }
        }
      }
    }
  });
});

describe("cdsSpreadBp", () => {
  it("is hazard × LGD plus a premium that rises linearly with stress", () => {
    const base = { pdYearly: 0.05, lossGivenDefault: 0.6, baseRiskPremiumBp: 30, stressPremiumBp: 150 };
    const calm = cdsSpreadBp({ ...base, stress: 0 });
    expect(calm).toBeCloseTo(-Math.log(0.95) * 0.6 * 1e4 + 30, 9);
    expect(cdsSpreadBp({ ...base, stress: 0.5 })).toBeCloseTo(calm + 75, 9);
    expect(cdsSpreadBp({ ...base, stress: 3 })).toBeCloseTo(calm + 150, 9); // stress clamped to 1
    expect(cdsSpreadBp({ ...base, pdYearly: 0, stress: 0 })).toBe(30);
  });

  it("rises with leverage and with equity volatility through the Merton PD", () => {
    let prev = 0;
    for (const D of [5, 10, 20, 40, 80]) {
      const s = fiveYearSpreadBp(40, D, 0.9);
      expect(s).toBeGreaterThan(prev);
      prev = s;
    }
    prev = 0;
    for (const vol of [0.5, 0.7, 0.9, 1.1]) {
      const s = fiveYearSpreadBp(40, 14, vol);
      expect(s).toBeGreaterThan(prev);
      prev = s;
    }
  });

  it("gives late-2025 orders of magnitude: a neocloud in the hundreds of bp, a hyperscaler in the tens", () => {
    // CoreWeave-like: equity ≈ $40 bn, debt ≈ $14 bn, equity vol ≈ 90 %/yr (CDS 368–643 bp, docs/calibration.md §3).
    const neocloud = fiveYearSpreadBp(40e9, 14e9, 0.9);
    expect(neocloud).toBeGreaterThanOrEqual(100);
    expect(neocloud).toBeLessThan(1500);
    // Hyperscaler-like: equity $2–3 T, debt $50–100 bn, vol 30 % (CDS ≈ 34–45 bp).
    for (const [E, D] of [
      [2e12, 100e9],
      [3e12, 50e9],
    ]) {
      const hyperscaler = fiveYearSpreadBp(E, D, 0.3);
      expect(hyperscaler).toBeGreaterThanOrEqual(10);
      expect(hyperscaler).toBeLessThan(100);
    }
  });
});

describe("volatility and stress helpers", () => {
  it("EWMA variance: λ-weighted update, converging to a constant squared return", () => {
    expect(equityVolatilityEstimate(0.01, 0.1)).toBeCloseTo(0.94 * 0.01 + 0.06 * 0.01, 15);
    expect(equityVolatilityEstimate(0.01, -0.2, 0.5)).toBeCloseTo(0.5 * 0.01 + 0.5 * 0.04, 15);
    let v = 0;
    for (let t = 0; t < 600; t++) v = equityVolatilityEstimate(v, 0.05);
    expect(v).toBeCloseTo(0.0025, 12);
    expect(annualisedVolatility(0.0025)).toBeCloseTo(0.05 * Math.sqrt(12), 12);
    expect(annualisedVolatility(0.0025, 252)).toBeCloseTo(0.05 * Math.sqrt(252), 12);
  });

  it("annualisePd inverts compounding over the horizon", () => {
    const yearly = annualisePd(0.42, 5);
    expect(1 - (1 - yearly) ** 5).toBeCloseTo(0.42, 12);
    expect(annualisePd(0.1, 1)).toBeCloseTo(0.1, 15);
    expect(annualisePd(0, 5)).toBe(PD_MIN);
  });

  it("market stress: 0 at a peak with tight spreads, 1 in a deep drawdown with wide spreads, monotone between", () => {
    expect(marketStress({ indexLevel: 100, indexPeak: 100, spreadChangeBp: -20 })).toBe(0);
    expect(marketStress({ indexLevel: 50, indexPeak: 100, spreadChangeBp: 400 })).toBe(1);
    expect(marketStress({ indexLevel: 80, indexPeak: 100, spreadChangeBp: 0 })).toBeCloseTo(0.25, 12);
    expect(marketStress({ indexLevel: 100, indexPeak: 100, spreadChangeBp: 150 })).toBeCloseTo(0.25, 12);
    let prev = -1;
    for (let dd = 0; dd <= 0.6; dd += 0.05) {
      const s = marketStress({ indexLevel: 100 * (1 - dd), indexPeak: 100, spreadChangeBp: 1000 * dd });
      expect(s).toBeGreaterThanOrEqual(prev);
      expect(s).toBeLessThanOrEqual(1);
      prev = s;
    }
    expect(
      marketStress({
        indexLevel: 70,
        indexPeak: 100,
        spreadChangeBp: 0,
        drawdownWeight: 1,
        drawdownAtFullStress: 0.3,
      }),
    ).toBeCloseTo(1, 12);
  });
});
