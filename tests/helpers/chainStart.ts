// A small economy with the AI chain acting from its first month: baseline-2025's
// calendar without its warm-up (twenty-two years since stop 39; burnInTicks 0, the run and the chain
// start in 2025-11, no central-bank override), so the chain's rules can be run
// cheaply. Shared by the chain, credit and power tests. The price level starts
// at 1, 2025-11's: the scenario's initial.priceLevel (0.546) is 2005-11's, the
// level that the warm-up's own inflation brings to ≈ 1 by the chain's start
// (before the warm-up was lengthened the helper inherited 2015-11's 0.71).
import type { SpiralConfig } from "../../src/config/index.ts";
import { defaultConfig, loadConfig } from "../../src/config/index.ts";

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
      "initial.priceLevel=1",
    ],
  });
  // Shortened after loading: the scenario's later-dated deals (2027-01) would lie outside a shorter run.
  c.ticks = ticks;
  edit?.(c);
  return c;
}

/**
 * Three chain firms from the defaults (chipCo, neoCloud, labA, at banks 0, 1, 0) in a
 * 50-household economy that starts in 2025-11 with no warm-up, 24 months; no contracts,
 * stakes or backstops: the caller adds those it tests. Shared by the circular and
 * orders rule tests.
 */
export function threeChainFirms(): SpiralConfig {
  const c = defaultConfig();
  const pick = (name: string) => structuredClone(c.aiChain.firms.find((f) => f.name === name)!);
  c.startDate = "2025-11";
  c.burnInTicks = 0;
  c.ticks = 24;
  c.households.count = 50;
  c.firms.consumption.count = 4;
  c.firms.capital.count = 2;
  c.banks.count = 2;
  c.aiChain.enabled = true;
  c.aiChain.start = "2025-11";
  c.aiChain.firms = [pick("chipCo"), pick("neoCloud"), pick("labA")];
  c.aiChain.firms.forEach((f, i) => {
    f.bank = i % 2;
  });
  c.aiChain.computeContracts = [];
  c.aiChain.equityStakes = [];
  c.aiChain.backstops = [];
  return c;
}
