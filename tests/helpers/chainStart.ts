// A small economy with the AI chain acting from its first month: baseline-2025's
// calendar without the ten-year warm-up (burnInTicks 0, the run and the chain
// start in 2025-11, no central-bank override), so the chain's rules can be run
// cheaply. Shared by the chain, credit and power tests.
import type { SpiralConfig } from "../../src/config/index.ts";
import { loadConfig } from "../../src/config/index.ts";

export interface SmallSize {
  households: number;
  consumptionFirms: number;
  capitalFirms: number;
}

export function chainFromStart(
  file: string,
  ticks: number,
  size: SmallSize,
  extraSets: readonly string[] = [],
  edit?: (c: SpiralConfig) => void,
): SpiralConfig {
  const c = loadConfig(file, {
    sets: [
      `households.count=${size.households}`,
      `firms.consumption.count=${size.consumptionFirms}`,
      `firms.capital.count=${size.capitalFirms}`,
      "banks.count=7",
      ...extraSets,
      "burnInTicks=0",
      "startDate=2025-11",
      "aiChain.start=2025-11",
      "centralBank.overrides=[]",
    ],
  });
  // Shortened after loading: the scenario's later-dated deals (2027-01) would lie outside a shorter run.
  c.ticks = ticks;
  edit?.(c);
  return c;
}
