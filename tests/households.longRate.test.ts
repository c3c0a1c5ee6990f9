// households.longRateWeight: the nominal rate households' spending responds to moves only part of the way
// with the policy rate (the long rate, as in the non-AI equity discount rate). Hand-built inputs.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/index.ts";
import { householdNominalRate } from "../src/model/agents/households.ts";

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
