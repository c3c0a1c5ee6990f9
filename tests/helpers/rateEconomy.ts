// A small hand-configured economy for the households' rate factor: the central
// bank's neutral rate 3 %, target 2 %, households' neutral rate 2 %,
// sensitivity 3, inflation at the anchor (2 %) and a policy rate of 1 % — a
// real-rate gap of −3 points (as after the 2001–03 cuts). `edit` sets the
// option under test before the model is built.
import type { SpiralConfig } from "../../src/config/configTypes.ts";
import { defaultConfig } from "../../src/config/index.ts";
import { createModel, type ModelState } from "../../src/model/index.ts";

export function rateEconomy(edit: (c: SpiralConfig) => void): ModelState {
  const c = defaultConfig();
  c.households.count = 50;
  c.firms.consumption.count = 4;
  c.firms.capital.count = 2;
  c.aiChain.firms = [];
  c.centralBank.neutralRealRateYearly = 0.03;
  c.centralBank.inflationTargetYearly = 0.02;
  c.households.neutralRealRateYearly = 0.02;
  c.households.consumptionRateSensitivity = 3;
  edit(c);
  const m = createModel(c);
  m.centralBank.policyRateYearly = 0.01;
  m.macro.inflationAnchorYearly = 0.02;
  m.macro.inflationYoY = 0.02;
  return m;
}
