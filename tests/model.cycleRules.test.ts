// The business-cycle mechanisms of issue 17 item 4, each on hand-built
// numbers or a hand-built state: the labour plan (labour hoarding), the
// staff's capacity with effort, desired capacity growth (accelerator, credit
// conditions, investment shock), and the aggregate AR(1) shocks on their own
// seed streams.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config/index.ts";
import {
  desiredCapacityGrowth,
  type InvestmentRule,
  labourPlanStep,
  staffCapacity,
} from "../src/model/agents/firms.ts";
import { NamedStreams } from "../src/model/rng.ts";
import {
  ar1Step,
  drawShocks as drawShocksOf,
  initialShocks,
  shocksStartTick,
  standardNormal,
} from "../src/model/shocks.ts";
import { mulberry32 } from "./helpers/mulberry32.ts";

describe("labourPlanStep (labour hoarding)", () => {
  const out = new Float64Array(2);

  it("with η = 1 staffs for this month's output plan, exactly (the rule before labour hoarding)", () => {
    labourPlanStep(0.1, 0.3, 0.7, 0.2, 1, out);
    expect(out[1]).toBe(0.7);
    labourPlanStep(0.1, 0.3, 0.7, 1, 1, out);
    expect(out[0]).toBe(0.3);
    expect(out[1]).toBe(0.7);
  });

  it("moves the normal level by χ towards expected sales and staffs a share η of the plan's deviation from it", () => {
    // s = 100 + 0.25 (120 − 100) = 105; T = 105 + 0.4 (140 − 105) = 119.
    labourPlanStep(100, 120, 140, 0.25, 0.4, out);
    expect(out[0]).toBeCloseTo(105, 12);
    expect(out[1]).toBeCloseTo(119, 12);
    // In a slump (plan below the normal level) the firm staffs above its plan: it hoards workers.
    labourPlanStep(100, 100, 60, 0.1, 0.5, out);
    expect(out[0]).toBe(100);
    expect(out[1]).toBeCloseTo(80, 12);
    expect(out[1]).toBeGreaterThan(60);
    // Never a negative target.
    labourPlanStep(10, 0, 0, 0.01, 0.05, out);
    expect(out[1]).toBeGreaterThanOrEqual(0);
  });

  it("lags a step in demand: the normal level closes (1 − χ)^k of the gap, the target stays below the new plan", () => {
    let s = 100;
    for (let k = 1; k <= 6; k++) {
      labourPlanStep(s, 200, 200, 0.3, 0.5, out);
      s = out[0];
      expect(200 - s).toBeCloseTo(100 * 0.7 ** k, 9);
      // T = s + 0.5 (200 − s): half of the remaining gap is staffed at once.
      expect(out[1]).toBeCloseTo(200 - 0.5 * 100 * 0.7 ** k, 9);
      expect(out[1]).toBeLessThan(200);
    }
  });
});

describe("staffCapacity (effort)", () => {
  it("is employees × output per worker × (1 + effort) over the share of tasks people do", () => {
    expect(staffCapacity(10, 2, 0, 0)).toBe(20);
    expect(staffCapacity(10, 2, 0.2, 0)).toBeCloseTo(24, 12);
    expect(staffCapacity(10, 2, 0.2, 0.5)).toBeCloseTo(48, 12);
    expect(staffCapacity(0, 2, 0.5, 0)).toBe(0);
  });
});

describe("desiredCapacityGrowth", () => {
  const rule: InvestmentRule = {
    profit: 0.05,
    utilization: 0.15,
    accelerator: 0.5,
    credit: 2,
    rate: 0,
    normalProfitRate: 0.1,
    targetUtilization: 0.8,
  };
  const delta = 0.1 / 12;

  it("is zero at normal profit and utilisation with flat expected sales, normal spreads and no shock", () => {
    expect(desiredCapacityGrowth(rule, 0.1, 0.8, 0, 0, 0, delta)).toBe(0);
  });

  it("adds each term as written: profit gap, utilisation gap, accelerator, credit, shock", () => {
    // 0.05 (0.12 − 0.1)/0.1 = 0.01; 0.15 (0.88 − 0.8)/0.8 = 0.015; 0.5 · 12 · 0.002 = 0.012;
    // −2 · 0.005 = −0.01; shock 0.003. Sum 0.03.
    expect(desiredCapacityGrowth(rule, 0.12, 0.88, 0.002, 0.005, 0.003, delta)).toBeCloseTo(0.03, 12);
    // Each term alone.
    expect(desiredCapacityGrowth(rule, 0.1, 0.8, 0.01, 0, 0, delta)).toBeCloseTo(0.06, 12);
    expect(desiredCapacityGrowth(rule, 0.1, 0.8, 0, 0.01, 0, delta)).toBeCloseTo(-0.02, 12);
    expect(desiredCapacityGrowth(rule, 0.1, 0.8, 0, 0, 0.04, delta)).toBeCloseTo(0.04, 12);
  });

  it("with the accelerator and credit sensitivities at 0 is Caiani et al.'s rule", () => {
    const caiani = { ...rule, accelerator: 0, credit: 0 };
    const g = desiredCapacityGrowth(caiani, 0.05, 0.7, 0.03, 0.02, 0, delta);
    expect(g).toBeCloseTo((0.05 * (0.05 - 0.1)) / 0.1 + (0.15 * (0.7 - 0.8)) / 0.8, 12);
  });

  it("is bounded: no faster shrinking than depreciation, no more than 50 % growth a year", () => {
    expect(desiredCapacityGrowth(rule, 0.1, 0.8, 0, 1, 0, delta)).toBeCloseTo(-12 * delta, 12);
    expect(desiredCapacityGrowth(rule, 0.1, 0.8, 0.5, 0, 0, delta)).toBe(0.5);
  });
});

describe("aggregate shocks", () => {
  it("ar1Step is ρ x + σ ε", () => {
    expect(ar1Step(0.02, { persistence: 0.9, sdMonthly: 0.01 }, -1.5)).toBeCloseTo(0.018 - 0.015, 15);
  });

  it("standardNormal draws have mean 0 and variance 1 (40 000 draws)", () => {
    const u = mulberry32(11);
    let s = 0;
    let s2 = 0;
    const n = 40_000;
    for (let i = 0; i < n; i++) {
      const z = standardNormal(u);
      s += z;
      s2 += z * z;
    }
    const mean = s / n;
    expect(Math.abs(mean)).toBeLessThan(0.02); // se 0.005
    expect(Math.abs(s2 / n - mean * mean - 1)).toBeLessThan(0.03); // se ≈ 0.007
  });

  it("an AR(1) run has the stationary sd σ / √(1 − ρ²)", () => {
    const u = mulberry32(5);
    const p = { persistence: 0.9, sdMonthly: 0.01 };
    let x = 0;
    let s2 = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      x = ar1Step(x, p, standardNormal(u));
      s2 += x * x;
    }
    const expected = 0.01 / Math.sqrt(1 - 0.81);
    expect(Math.sqrt(s2 / n)).toBeGreaterThan(0.93 * expected);
    expect(Math.sqrt(s2 / n)).toBeLessThan(1.07 * expected);
  });

  /** A hand-built state with what drawShocks reads: the shocks config, the shock state, the named streams, the tick. */
  function shockState(seed: number, sd: number) {
    const config = defaultConfig();
    config.shocks.productivity.sdMonthly = sd;
    config.shocks.investment.sdMonthly = 2 * sd;
    config.shocks.creditSpread.sdMonthly = 0;
    return { config, shocks: initialShocks(), streams: new NamedStreams(seed), tick: 1 };
  }

  /** drawShocks on the hand-built state's records. */
  function drawShocks(s: ReturnType<typeof shockState>): void {
    drawShocksOf(s.shocks, s.config.shocks, { tick: s.tick, startDate: s.config.startDate }, s.streams);
  }

  it("draws each process from its own named stream: same seed, same path; the factor is exp(log z)", () => {
    const a = shockState(3, 0.004);
    const b = shockState(3, 0.004);
    const c = shockState(4, 0.004);
    const path: number[] = [];
    for (let t = 0; t < 24; t++) {
      drawShocks(a);
      drawShocks(b);
      drawShocks(c);
      expect(b.shocks).toEqual(a.shocks);
      expect(a.shocks.productivityFactor).toBe(Math.exp(a.shocks.productivity));
      path.push(a.shocks.productivity);
    }
    expect(c.shocks.productivity).not.toBe(a.shocks.productivity);
    expect(new Set(path).size).toBe(24);
    // The productivity stream is the one named for it: replaying it gives the same path.
    const replay = new NamedStreams(3).get("shock.productivity");
    let x = 0;
    for (let t = 0; t < 24; t++) {
      x = ar1Step(x, a.config.shocks.productivity, standardNormal(replay));
      expect(x).toBe(path[t]);
    }
  });

  it("with σ = 0 draws nothing (no stream is created) and a level decays by ρ", () => {
    const s = shockState(9, 0);
    s.shocks.investment = 0.01;
    drawShocks(s);
    expect(s.streams.saveState()).toEqual({});
    expect(s.shocks.productivity).toBe(0);
    expect(s.shocks.productivityFactor).toBe(1);
    expect(s.shocks.investment).toBeCloseTo(0.01 * s.config.shocks.investment.persistence, 15);
    expect(s.shocks.creditSpread).toBe(0);
  });

  it("with shocks.start draws nothing before that month, then the path an unset start gives from tick 1", () => {
    expect(shocksStartTick("2015-11", "")).toBe(1);
    expect(shocksStartTick("2015-11", "2025-11")).toBe(121);
    const late = shockState(5, 0.004);
    late.config.startDate = "2015-11";
    late.config.shocks.start = "2016-02"; // tick 4
    const now = shockState(5, 0.004);
    for (let tick = 1; tick <= 3; tick++) {
      late.tick = tick;
      drawShocks(late);
      expect(late.shocks).toEqual(initialShocks());
      expect(late.streams.saveState()).toEqual({});
    }
    for (let tick = 4; tick <= 10; tick++) {
      late.tick = tick;
      drawShocks(late);
      drawShocks(now);
      expect(late.shocks).toEqual(now.shocks);
    }
    expect(late.shocks.productivity).not.toBe(0);
  });
});
