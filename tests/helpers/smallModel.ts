// A small core economy for rule tests that need a whole model: 50 households,
// 4 consumption and 2 capital-goods firms, `banks` banks, 60 months. `tweak`
// sets the options under test before the model is built.
import type { SpiralConfig } from "../../src/config/configTypes.ts";
import { defaultConfig } from "../../src/config/index.ts";
import { createModel, type ModelState } from "../../src/model/index.ts";

export function smallModel(banks: number, tweak: (c: SpiralConfig) => void): ModelState {
  const c = defaultConfig();
  c.households.count = 50;
  c.firms.consumption.count = 4;
  c.firms.capital.count = 2;
  c.banks.count = banks;
  c.ticks = 60;
  tweak(c);
  return createModel(c);
}
