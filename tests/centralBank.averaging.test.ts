// The Taylor rule's unemployment input averaged over the last k months
// (centralBank.unemploymentAveragingMonths): the history's shift and mean on
// hand-built arrays, the rule on a small model's central bank (k = 3 reacts to
// the mean; k = 1 is last month's rate exactly, the rule as it was), the
// history's start and its place in the checkpointed state.
import { describe, expect, it } from "vitest";
import { defaultConfig, type SpiralConfig } from "../src/config/index.ts";
import { walkState } from "../src/engine/stateWalk.ts";
import { averagedUnemployment, recordUnemployment } from "../src/model/agents/centralBank.ts";
import { createModel, type ModelState } from "../src/model/index.ts";
import { setPolicyRateOn } from "./helpers/phases.ts";

/** 50 households, 4 consumption + 2 capital firms, 2 banks; Taylor rule with r* fixed; `tweak` edits the config. */
function small(tweak: (c: SpiralConfig) => void = () => {}): ModelState {
  const c = defaultConfig();
  c.households.count = 50;
  c.firms.consumption.count = 4;
  c.firms.capital.count = 2;
  c.banks.count = 2;
  c.ticks = 60;
  c.centralBank.rule = "taylor";
  c.centralBank.neutralRateLearning = 0;
  tweak(c);
  return createModel(c);
}

/** The rule's rate by hand, in the code's order of operations, from unemployment input u. */
function ruleRate(m: ModelState, prev: number, u: number): number {
  const cb = m.config.centralBank;
  const pi = m.macro.inflationYoY;
  const gaps =
    cb.inflationWeight * (pi - cb.inflationTargetYearly) +
    cb.unemploymentWeight * (cb.naturalUnemploymentRate - u);
  return Math.max(
    cb.lowerBoundYearly,
    cb.smoothing * prev + (1 - cb.smoothing) * (cb.neutralRealRateYearly + pi + gaps),
  );
}

const U_PATH = [0.04, 0.06, 0.08, 0.05, 0.03, 0.07];

describe("Taylor rule: averaged unemployment input", () => {
  it("the history shifts newest first, drops the oldest, and averages its k months", () => {
    const h = new Float64Array([0.05, 0.05, 0.05]);
    recordUnemployment(h, 0.08);
    expect(Array.from(h)).toEqual([0.08, 0.05, 0.05]);
    recordUnemployment(h, 0.02);
    recordUnemployment(h, 0.11);
    recordUnemployment(h, 0.03);
    expect(Array.from(h)).toEqual([0.03, 0.11, 0.02]);
    expect(averagedUnemployment(h)).toBeCloseTo(0.16 / 3, 15);
    const one = new Float64Array(1);
    recordUnemployment(one, 0.0437);
    expect(averagedUnemployment(one)).toBe(0.0437);
  });

  it("starts with every month of the window at the start's unemployment", () => {
    const m = small((c) => {
      c.centralBank.unemploymentAveragingMonths = 3;
    });
    expect(m.centralBank.unemploymentHistory.length).toBe(3);
    for (const u of m.centralBank.unemploymentHistory) expect(u).toBe(m.macro.unemploymentRate);
    expect(defaultConfig().centralBank.unemploymentAveragingMonths).toBe(1);
  });

  it("with k = 3 the rule reacts to the mean of the last three months, not to last month's", () => {
    const m = small((c) => {
      c.centralBank.unemploymentAveragingMonths = 3;
      c.centralBank.smoothing = 0;
      c.centralBank.lowerBoundYearly = -0.05;
    });
    m.macro.inflationYoY = 0.025;
    const u0 = m.macro.unemploymentRate;
    const window = [u0, u0, u0];
    for (let t = 1; t <= U_PATH.length; t++) {
      m.tick = t;
      m.macro.unemploymentRate = U_PATH[t - 1];
      window.unshift(U_PATH[t - 1]);
      window.pop();
      setPolicyRateOn(m);
      const mean = (window[0] + window[1] + window[2]) / 3;
      expect(m.centralBank.policyRateYearly).toBeCloseTo(ruleRate(m, 0, mean), 14);
      if (t >= 2)
        expect(Math.abs(m.centralBank.policyRateYearly - ruleRate(m, 0, U_PATH[t - 1]))).toBeGreaterThan(
          0.005,
        );
    }
    // Month 3: the mean of 4 %, 6 % and 8 % is 6 %: φu × (4.4 % − 6 %) below r* + π.
    const cb = m.config.centralBank;
    expect(ruleRate(m, 0, 0.06)).toBeCloseTo(
      cb.neutralRealRateYearly + 0.025 + cb.inflationWeight * 0.005 - cb.unemploymentWeight * 0.016,
      14,
    );
  });

  it("with k = 1 (the default) the rate is the old rule's on last month's unemployment, bit for bit, smoothing and bound included", () => {
    const m = small((c) => {
      c.centralBank.smoothing = 0.5;
    });
    m.macro.inflationYoY = 0.015;
    let atBound = 0;
    let prev = m.centralBank.policyRateYearly;
    for (let t = 1; t <= U_PATH.length; t++) {
      m.tick = t;
      m.macro.unemploymentRate = U_PATH[t - 1] + 0.2 * (t % 2); // large swings reach the lower bound
      setPolicyRateOn(m);
      const expected = ruleRate(m, prev, m.macro.unemploymentRate);
      expect(m.centralBank.policyRateYearly).toBe(expected);
      prev = expected;
      if (expected === 0) atBound++;
    }
    expect(atBound).toBeGreaterThan(0);
    expect(atBound).toBeLessThan(U_PATH.length);
  });

  it("the history keeps moving through an override, and is part of the checkpointed state", () => {
    const m = small((c) => {
      c.centralBank.unemploymentAveragingMonths = 2;
      c.centralBank.overrides = [{ from: "2025-01", until: "2025-02", rateYearly: 0.045 }];
    });
    const u0 = m.macro.unemploymentRate;
    m.tick = 1;
    m.macro.unemploymentRate = 0.09;
    setPolicyRateOn(m);
    expect(m.centralBank.policyRateYearly).toBe(0.045);
    expect(Array.from(m.centralBank.unemploymentHistory)).toEqual([0.09, u0]);
    const paths = walkState({ model: m }).map((i) => i.path);
    expect(paths).toContain("model.centralBank.unemploymentHistory");
  });
});
