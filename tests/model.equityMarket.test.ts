// Heterogeneous-expectations share prices (src/model/markets/equityMarket.ts):
// convergence with fundamentalists only, a bubble and crash after a
// fundamental shock when trend followers dominate, the short fund's discount,
// determinism and slot isolation. Noise comes from a tiny seeded generator so
// every path is reproducible.
import { describe, expect, it } from "vitest";
import { equityVolatilityEstimate } from "../src/model/markets/creditRisk.ts";
import {
  createEquityMarket,
  DEFAULT_EQUITY_MARKET_PARAMS,
  type EquityMarketParams,
  type EquityStepInput,
  initEquityAsset,
  issueShares,
  stepEquityMarket,
} from "../src/model/markets/equityMarket.ts";

/** Standard normal draws from mulberry32 (a 32-bit counter hash) and Box–Muller. */
function normalSequence(seed: number, n: number): Float64Array {
  let a = seed >>> 0;
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const u1 = uniform() || 2 ** -32;
    const u2 = uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    out[i] = r * Math.cos(2 * Math.PI * u2);
    if (i + 1 < n) out[i + 1] = r * Math.sin(2 * Math.PI * u2);
  }
  return out;
}

/** Runs one asset from rest at `start` for fundamentals[t], reusing one input record; returns the price path. */
function simulate(
  params: EquityMarketParams,
  fundamentals: (t: number) => number,
  noise: Float64Array,
  ticks: number,
  start = 100,
  shortScore = 0,
): Float64Array {
  const st = createEquityMarket(1);
  initEquityAsset(st, 0, start, fundamentals(0), 0.0025);
  const input: EquityStepInput = { fundamentalValue: 0, noise: 0, shortScore, params };
  const path = new Float64Array(ticks);
  for (let t = 0; t < ticks; t++) {
    input.fundamentalValue = fundamentals(t);
    input.noise = noise[t];
    path[t] = stepEquityMarket(st, 0, input);
  }
  return path;
}

/** Trend followers who extrapolate hard and traders who switch almost at once (high β). */
const BUBBLY: EquityMarketParams = {
  ...DEFAULT_EQUITY_MARKET_PARAMS,
  trendWeight: 1.3,
  trendSaturation: 0.05,
  intensityOfChoice: 10_000,
  misalignmentWeight: 0.05,
  noiseVolatility: 0.002,
};

describe("stepEquityMarket", () => {
  it("with fundamentalists only (β = 0, no trend weight) the price converges to the fundamental", () => {
    const params = {
      ...DEFAULT_EQUITY_MARKET_PARAMS,
      intensityOfChoice: 0,
      trendWeight: 0,
      noiseVolatility: 0,
    };
    const noise = normalSequence(1, 3000);
    for (const start of [60, 150]) {
      const path = simulate(params, () => 100, noise, 400, start);
      // Monotone approach, no overshoot.
      for (let t = 1; t < path.length; t++) {
        if (start < 100) expect(path[t]).toBeGreaterThanOrEqual(path[t - 1]);
        else expect(path[t]).toBeLessThanOrEqual(path[t - 1]);
      }
      expect(Math.abs(path[399] / 100 - 1)).toBeLessThan(1e-6);
    }
    // The same with noise: the price stays tied to the fundamental.
    // (an AR(1) in the log gap with coefficient 1 − μφ/2 = 0.96: stationary sd ≈ 0.14,
    // so the mean over 2,900 ticks has sd ≈ 0.02).
    const noisy = simulate({ ...params, noiseVolatility: 0.04 }, () => 100, noise, 3000);
    let meanLog = 0;
    for (let t = 100; t < 3000; t++) meanLog += Math.log(noisy[t] / 100) / 2900;
    expect(Math.abs(meanLog)).toBeLessThan(0.08);
  });

  it("with strong trend following and high β a fundamental shock brings a bubble, then a crash", () => {
    const fundamental = (t: number) => (t < 12 ? 100 : 130);
    for (const seed of [1, 2, 3, 4, 5]) {
      const path = simulate(BUBBLY, fundamental, normalSequence(seed, 240), 240);
      // Calm before the shock.
      for (let t = 0; t < 12; t++) expect(Math.abs(path[t] / 100 - 1)).toBeLessThan(0.05);
      // Bubble: the price overshoots the new fundamental by more than 50 %.
      const bubbleStart = path.findIndex((p) => p > 1.5 * 130);
      expect(bubbleStart).toBeGreaterThan(12);
      // Crash: later it falls below the fundamental.
      let low = Number.POSITIVE_INFINITY;
      for (let t = bubbleStart; t < path.length; t++) low = Math.min(low, path[t]);
      expect(low).toBeLessThan(130);
    }
    // Without trend followers the same shock and noise give no bubble.
    const calm = simulate({ ...BUBBLY, trendWeight: 0 }, fundamental, normalSequence(1, 240), 240);
    for (let t = 0; t < calm.length; t++) expect(calm[t]).toBeLessThan(1.15 * 130);
  });

  it("news pass-through ν: at 1 a price at its fundamental follows a moving fundamental exactly; at 0 it trails it", () => {
    const quiet = {
      ...DEFAULT_EQUITY_MARKET_PARAMS,
      intensityOfChoice: 0,
      trendWeight: 0,
      noiseVolatility: 0,
    };
    const noise = new Float64Array(60);
    // The fundamental grows 3 % a month; the price starts at it.
    const growing = (t: number) => 100 * 1.03 ** t;
    const start = growing(0);
    const passed = simulate({ ...quiet, newsPassThrough: 1 }, growing, noise, 60, start);
    for (let t = 0; t < 60; t++) expect(passed[t] / growing(t)).toBeCloseTo(1, 10);
    // ν 0: the gap settles where the fundamentalists' demand, μ φ n_f × gap (n_f = ½ at β 0), moves the price
    // 3 % a month: ln 1.03 / (0.08 × ½) ≈ 0.74 in logs — the price about half its fundamental.
    const trailing = simulate(quiet, growing, noise, 60, start);
    const gap = Math.log(growing(59) / trailing[59]);
    expect(gap).toBeGreaterThan(0.6);
    expect(gap).toBeLessThan(Math.log(1.03) / (0.08 * 0.5) + 0.01);
    // A half pass-through leaves half that gap.
    const half = simulate({ ...quiet, newsPassThrough: 0.5 }, growing, noise, 60, start);
    expect(Math.log(growing(59) / half[59])).toBeCloseTo(gap / 2, 1);
  });

  it("short-seller pressure lowers the price relative to no shorts", () => {
    const noise = normalSequence(7, 600);
    const params = DEFAULT_EQUITY_MARKET_PARAMS;
    const free = simulate(params, () => 100, noise, 360);
    const shorted = simulate(params, () => 100, noise, 360, 100, 1);
    let gap = 0;
    for (let t = 60; t < 360; t++) gap += Math.log(shorted[t] / free[t]) / 300;
    expect(gap).toBeLessThan(-0.05);
    // Without noise, a constant score settles at a steady discount.
    const quiet = { ...params, noiseVolatility: 0 };
    const steady = simulate(quiet, () => 100, noise, 600, 100, 0.5);
    expect(steady[599]).toBeLessThan(100);
    expect(Math.abs(steady[599] / steady[598] - 1)).toBeLessThan(1e-6);

    const st = createEquityMarket(1);
    initEquityAsset(st, 0, 100, 100, 0);
    stepEquityMarket(st, 0, { fundamentalValue: 100, noise: 0, shortScore: 2, params });
    expect(st.shortInterest[0]).toBe(params.shortPressure); // score clamped to 1
  });

  it("is deterministic and touches only its own slot", () => {
    const noise = normalSequence(3, 120);
    const a = createEquityMarket(3);
    const b = createEquityMarket(3);
    for (const st of [a, b]) for (let i = 0; i < 3; i++) initEquityAsset(st, i, 50 + 10 * i, 60, 0.004);
    const input: EquityStepInput = { fundamentalValue: 0, noise: 0, shortScore: 0.3, params: BUBBLY };
    for (let t = 0; t < 120; t++) {
      for (const st of [a, b]) {
        input.fundamentalValue = t < 30 ? 60 : 80;
        input.noise = noise[t];
        stepEquityMarket(st, 1, input);
      }
    }
    const fields = [
      "price",
      "previousPrice",
      "fundamentalValue",
      "fundamentalistShare",
      "fitnessFundamentalist",
      "fitnessTrend",
      "varianceMonthly",
      "shortInterest",
    ] as const;
    for (const f of fields) expect(Array.from(a[f])).toEqual(Array.from(b[f]));
    expect(a.price[0]).toBe(50);
    expect(a.price[2]).toBe(70);
    expect(a.fundamentalistShare[0]).toBe(0.5);
  });

  it("keeps the EWMA variance of log returns and the trader shares in range", () => {
    const st = createEquityMarket(1);
    initEquityAsset(st, 0, 100, 100, 0.003);
    const noise = normalSequence(11, 200);
    const params = DEFAULT_EQUITY_MARKET_PARAMS;
    for (let t = 0; t < 200; t++) {
      const before = st.varianceMonthly[0];
      const p0 = st.price[0];
      const p1 = stepEquityMarket(st, 0, { fundamentalValue: 100 + t, noise: noise[t], params });
      const expected = equityVolatilityEstimate(before, Math.log(p1 / p0), params.varianceDecay);
      expect(st.varianceMonthly[0]).toBeCloseTo(expected, 14);
      expect(st.fundamentalistShare[0]).toBeGreaterThanOrEqual(0);
      expect(st.fundamentalistShare[0]).toBeLessThanOrEqual(1);
      expect(Number.isFinite(p1) && p1 > 0).toBe(true);
    }
  });

  it("stays finite for a worthless firm and rejects non-finite inputs", () => {
    const st = createEquityMarket(1);
    initEquityAsset(st, 0, 10, 10, 0.01);
    for (let t = 0; t < 50; t++) stepEquityMarket(st, 0, { fundamentalValue: 0, noise: 0, params: BUBBLY });
    expect(st.price[0]).toBeGreaterThan(0);
    expect(st.price[0]).toBeLessThan(10);
    expect(() => stepEquityMarket(st, 0, { fundamentalValue: Number.NaN, noise: 0, params: BUBBLY })).toThrow(
      RangeError,
    );
    expect(() => stepEquityMarket(st, 0, { fundamentalValue: 1, noise: Number.NaN, params: BUBBLY })).toThrow(
      RangeError,
    );
  });
});

describe("issueShares", () => {
  it("sells new shares at the market price, less any discount", () => {
    expect(issueShares(1e9, 50)).toBe(2e7);
    expect(issueShares(1e9, 50, 0.2)).toBeCloseTo(2.5e7, 6);
    expect(issueShares(0, 50)).toBe(0);
    expect(issueShares(1e9, 0)).toBe(0);
    expect(issueShares(1e9, 50, 1)).toBe(0);
    expect(issueShares(-5, 50)).toBe(0);
  });
});
