// households.longRateWeight: the nominal rate households' spending responds to moves only part of the way
// with the policy rate (the long rate, as in the non-AI equity discount rate). Hand-built inputs.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/index.ts";
import { consumptionRateFactor, householdNominalRate, incomeParams } from "../src/model/agents/households.ts";
import { rateEconomy } from "./helpers/rateEconomy.ts";

describe("householdNominalRate", () => {
  it("is the policy rate at weight 0 (the default) and the long-run level at weight 1", () => {
    expect(householdNominalRate(0.01, 0.05, 0)).toBe(0.01);
    expect(householdNominalRate(0.01, 0.05, 1)).toBe(0.05);
  });

  it("at weight 0.5 passes on half of a cut: 6.5 % → 1 % with a 5 % long-run level moves it 5.75 % → 3 %", () => {
    const before = householdNominalRate(0.065, 0.05, 0.5);
    const after = householdNominalRate(0.01, 0.05, 0.5);
    expect(before).toBeCloseTo(0.0575, 12);
    expect(after).toBeCloseTo(0.03, 12);
    // The 10-year Treasury fell 2.0 points 2000 → 2003 as the fed funds rate fell 5.1 (pass-through ≈ 0.4).
    expect((before - after) / (0.065 - 0.01)).toBeCloseTo(0.5, 12);
  });

  it("defaults to 0 in the calibrated scenarios and is 0.5 in telecom-1997", () => {
    expect(loadConfig("configs/scenarios/baseline-2025.json").households.longRateWeight).toBe(0);
    expect(loadConfig("configs/baseline.json").households.longRateWeight).toBe(0);
    expect(loadConfig("configs/scenarios/telecom-1997.json").households.longRateWeight).toBe(0.5);
  });
});

describe("consumptionRateFactor on a hand-built state", () => {
  // A small economy; the central bank's neutral rate 3 %, target 2 %, households' neutral rate 2 %,
  // sensitivity 3, inflation at the anchor (2 %), policy rate cut to 1 % (as in 2003).
  function factor(longRateWeight: number): number {
    const m = rateEconomy((c) => {
      c.households.longRateWeight = longRateWeight;
    });
    return consumptionRateFactor(m.centralBank.policyRateYearly, m.macro, incomeParams(m.config, m.params));
  }

  it("on the policy rate, a 1 % rate brings spending forward 9 % (real rate −1 %, 3 points below neutral)", () => {
    expect(factor(0)).toBeCloseTo(1.09, 10);
  });

  it("on the long rate (weight 0.5), the same cut brings it forward 3 % (long rate 3 %, real 1 %)", () => {
    expect(factor(0.5)).toBeCloseTo(1.03, 10);
  });
});
