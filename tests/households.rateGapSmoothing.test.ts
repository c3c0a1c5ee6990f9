// households.rateGapSmoothingMonths (issue 17/18 prototype): households' spending responds to an exponential
// moving average of the real-rate gap, so a temporary rate shock moves it less and later while a gap held for
// good is reached in full. Hand-built inputs and a small hand-configured economy.
import { describe, expect, it } from "vitest";
import { defaultConfig, loadConfig } from "../src/config/index.ts";
import {
  consumptionRateFactor,
  incomeParams,
  rateFactorOfGap,
  realRateGap,
  smoothRateGap,
} from "../src/model/agents/households.ts";
import { createModel, step } from "../src/model/index.ts";
import { rateEconomy } from "./helpers/rateEconomy.ts";

describe("smoothRateGap", () => {
  it("is this month's gap at 0 months (off), exactly", () => {
    expect(smoothRateGap(0.02, -0.013, 0)).toBe(-0.013);
  });

  it("moves 1 / (1 + L) of the way: from 0 to a 1-point gap at L = 9 gives 0.1 point", () => {
    expect(smoothRateGap(0, 0.01, 9)).toBeCloseTo(0.001, 15);
    expect(smoothRateGap(0.004, 0.01, 2)).toBeCloseTo(0.006, 15);
  });

  it("has a mean lag of L months: the weights on an impulse k months ago average to L", () => {
    for (const L of [6, 12, 24]) {
      let g = smoothRateGap(0, 1, L); // a one-month gap of 1
      let weight = g;
      let weighted = 0;
      for (let k = 1; k < 5000; k++) {
        g = smoothRateGap(g, 0, L);
        weight += g;
        weighted += k * g;
      }
      expect(weight).toBeCloseTo(1, 9);
      expect(weighted / weight).toBeCloseTo(L, 6);
    }
  });

  it("reaches a gap held for good: the long-run factor is the unsmoothed one", () => {
    let g = 0;
    for (let t = 0; t < 1200; t++) g = smoothRateGap(g, 0.01, 12);
    expect(g).toBeCloseTo(0.01, 12);
    expect(rateFactorOfGap(g, 3)).toBeCloseTo(0.97, 10);
  });

  it("after a 12-month 1-point shock at L = 12 the gap peaks at the shock's end, at 1 − (12/13)^12 ≈ 62 % of it", () => {
    const path: number[] = [];
    let g = 0;
    for (let t = 0; t < 36; t++) {
      g = smoothRateGap(g, t < 12 ? 0.01 : 0, 12);
      path.push(g);
    }
    const peak = Math.max(...path);
    expect(path.indexOf(peak)).toBe(11);
    expect(peak).toBeCloseTo(0.01 * (1 - (12 / 13) ** 12), 12);
    expect(path[35]).toBeGreaterThan(0.1 * peak); // still there two years after the shock ended
  });
});

describe("the rate factor with smoothing, on a small hand-configured economy", () => {
  // Central bank's neutral rate 3 %, target 2 %, households' neutral rate 2 %, sensitivity 3, inflation at
  // the anchor (2 %): a policy rate of 1 % is a real-rate gap of −3 points (as in households.longRate.test.ts).
  function model(smoothing: number) {
    return rateEconomy((c) => {
      c.households.rateGapSmoothingMonths = smoothing;
    });
  }

  it("off (0, the default): the factor reads this month's gap, whatever the stored average", () => {
    const m = model(0);
    m.macro.realRateGapSmoothed = 0.05;
    const f = consumptionRateFactor(
      m.centralBank.policyRateYearly,
      m.macro,
      incomeParams(m.config, m.params),
    );
    expect(f).toBeCloseTo(1.09, 10);
  });

  it("at 12 months from a zero average: one month of a −3-point gap brings spending forward 3 × 3/13 points", () => {
    const m = model(12);
    m.macro.realRateGapSmoothed = 0;
    const p = incomeParams(m.config, m.params);
    expect(realRateGap(m.centralBank.policyRateYearly, m.macro, p)).toBeCloseTo(-0.03, 12);
    const f = consumptionRateFactor(m.centralBank.policyRateYearly, m.macro, p);
    expect(f).toBeCloseTo(1 + (3 * 0.03) / 13, 12);
  });

  it("starts at the initial rate's gap and the month's income phase advances it", () => {
    const m = createModel(
      (() => {
        const c = defaultConfig();
        c.households.count = 200;
        c.firms.consumption.count = 6;
        c.firms.capital.count = 2;
        c.aiChain.firms = [];
        c.households.rateGapSmoothingMonths = 12;
        return c;
      })(),
    );
    const p = incomeParams(m.config, m.params);
    expect(m.macro.realRateGapSmoothed).toBe(realRateGap(m.centralBank.policyRateYearly, m.macro, p));
    // A hand-set average 1 point above the gap: the month's income phase moves it 1/13 of the way back
    // (this month's gap differs from the initial one only by the first month's change of rate and inflation).
    const start = m.macro.realRateGapSmoothed;
    m.macro.realRateGapSmoothed = start + 0.01;
    step(m);
    const after = m.macro.realRateGapSmoothed;
    expect(after).toBeLessThan(start + 0.01);
    expect(after).toBeGreaterThan(start);
    expect(after - start).toBeCloseTo((0.01 * 12) / 13, 3);
  });

  it("is off in the schema and on (36 months) in every shipped config (mp18 pass, docs/calibration.md §6.1)", () => {
    expect(
      loadConfig("configs/baseline.json", { sets: ["households.rateGapSmoothingMonths=0"] }).households
        .rateGapSmoothingMonths,
    ).toBe(0);
    for (const f of [
      "configs/baseline.json",
      "configs/scenarios/baseline-2025.json",
      "configs/scenarios/telecom-1997.json",
    ])
      expect(loadConfig(f).households.rateGapSmoothingMonths, f).toBe(36);
  });
});
