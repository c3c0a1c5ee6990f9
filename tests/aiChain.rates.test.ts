// How the policy rate reaches the AI chain and the non-AI market (issue 18,
// the rate path): the chain's starting expectations and legacy coupons are
// set at the rate in force before the chain's first month
// (aiChain.policyRateBeforeStart; valuation.ts calibrateExpectations,
// finance.ts priceInitialDebt), so a policy that departs from the rule from
// that month moves prices instead of being absorbed into the calibration;
// and the non-AI sector is discounted at the same long rate as the chain
// (markets/equity.ts equityLongRate, aiChain.valuation.policyPassThrough).
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/index.ts";
import { longRateYearly } from "../src/model/agents/aiChain/dcf.ts";
import { createModel, step } from "../src/model/index.ts";
import { equityLongRate } from "../src/model/markets/equity.ts";
import type { ModelState } from "../src/model/state.ts";
import { REPO } from "./helpers/spiral.ts";

/** A scenario run to the end of the chain's first month at a small size. */
function atChainStart(scenario: string): ModelState {
  const c = loadConfig(join(REPO, "configs/scenarios", scenario), {
    sets: ["households.count=2000", "seed=3"],
  });
  const m = createModel(c);
  while (m.tick < m.aiChain.chainStartTick) step(m);
  return m;
}

describe("the chain's start under a policy that departs from the rule in its first month", () => {
  const rule = atChainStart("baseline-2025.json");
  const hold = atChainStart("fed-hold-high.json");

  it("records the rate in force before the first month: the same in both arms, and the rule's last rate", () => {
    expect(hold.aiChain.policyRateBeforeStart).toBe(rule.aiChain.policyRateBeforeStart);
    expect(rule.aiChain.policyRateBeforeStart).toBeGreaterThan(0);
    expect(hold.centralBank.policyRateYearly).toBe(0.045);
    expect(rule.centralBank.policyRateYearly).not.toBe(0.045);
  });

  it("calibrates the same expected growth and prices the same legacy fixed coupons in both arms", () => {
    const n = rule.aiChain.n;
    expect(n).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) {
      // Equal up to the month's cash after interest, paid at the month's own rate: under 0.1 points of growth
      // per point of rate gap (measured at most 0.054 points at a 0.95-point gap, stop 36; at the month's own long
      // rate the hold calibrated 6.6 points more on baseline-2025 seed 1).
      const rateGap = Math.abs(hold.centralBank.policyRateYearly - rule.centralBank.policyRateYearly);
      expect(Math.abs(hold.aiChain.growthAnchor[i] - rule.aiChain.growthAnchor[i])).toBeLessThan(
        0.1 * rateGap,
      );
      // The legacy book's fixed coupon is the same; only the month's new bonds, at the month's own rate, blend in
      // (a small part of the book). Priced at the month's decision, every coupon moved by the whole gap.
      const gap = Math.abs(hold.centralBank.policyRateYearly - rule.centralBank.policyRateYearly);
      expect(Math.abs(hold.aiChain.fundRateYearly[i] - rule.aiChain.fundRateYearly[i])).toBeLessThan(
        0.25 * gap,
      );
    }
  });

  it("values the chain at the first month's own long rate: a tighter rate gives a lower fundamental at impact", () => {
    const gap = hold.centralBank.policyRateYearly - rule.centralBank.policyRateYearly;
    let ruleValue = 0;
    let holdValue = 0;
    for (let i = 0; i < rule.aiChain.n; i++) {
      ruleValue += rule.aiChain.fundamental[i] * rule.aiChain.shares[i];
      holdValue += hold.aiChain.fundamental[i] * hold.aiChain.shares[i];
    }
    // The sign follows the rule's rate at the start: tighter than the rule, lower; looser, higher.
    expect(Math.sign(ruleValue - holdValue)).toBe(Math.sign(gap));
    // Long-duration equity: ≈ 20–30 % per point of the long rate (0.4 of the policy gap, policyPassThrough).
    const semiElasticity = (ruleValue - holdValue) / ruleValue / (0.4 * gap);
    expect(semiElasticity).toBeGreaterThan(10);
    expect(semiElasticity).toBeLessThan(40);
  });
});

describe("equityLongRate: the non-AI sector's long rate", () => {
  const cb = { neutralRealRateYearly: 0.005, inflationTargetYearly: 0.02 };

  it("is the long-run rate plus the pass-through share of the policy gap (the chain's long rate)", () => {
    expect(equityLongRate(0.025, cb, 0.4)).toBeCloseTo(0.025, 15);
    expect(equityLongRate(0.045, cb, 0.4)).toBeCloseTo(0.025 + 0.4 * 0.02, 15);
    expect(equityLongRate(0, cb, 0.4)).toBeCloseTo(0.025 - 0.4 * 0.025, 15);
    expect(equityLongRate(0.045, cb, 0.4)).toBe(longRateYearly(0.045, 0.025, 0.4));
  });

  it("a 25 bp cut raises a Gordon value at the default 3 % premium by ≈ 1.6 %, near Bernanke–Kuttner's ≈ 1 %", () => {
    const premium = 0.03;
    const before = 1 / (equityLongRate(0.04, cb, 0.4) + premium);
    const after = 1 / (equityLongRate(0.0375, cb, 0.4) + premium);
    const rise = after / before - 1;
    expect(rise).toBeGreaterThan(0.01);
    expect(rise).toBeLessThan(0.02);
    // At the old half of the gap the same cut gave ≈ 2 %.
    const halfRise = (0.04 * 0.5 + 0.0125 + premium) / (0.0375 * 0.5 + 0.0125 + premium) - 1;
    expect(halfRise).toBeGreaterThan(rise);
  });
});
