// How many agents of each kind a config simulates. Firms scale with
// households unless a count is given, so that the simulated economy at N
// households is the same economy at any N: a firm employs the same number of
// workers, serves the same number of customers and is the same share of its
// bank's loans (issue 16, item 5). With fixed firm counts a firm at 100 000
// households was ten times larger than at 10 000, and rules that act per firm
// (the rounding of labour demand, hiring four contacts per vacancy, the
// noise of a firm's demand, a default's weight in its bank's book) changed
// with N. Banks (`banks.count`) and the AI chain's firms stay fixed: they are
// few large institutions whose balance sheets scale with N (model dollars
// are per-household dollars × N).
import type { SpiralConfig } from "../config/configTypes.ts";

export interface FirmCounts {
  consumption: number;
  capital: number;
}

/**
 * The number of consumption- and capital-goods firms: `firms.*.count` when
 * positive, else (0, the default) households / `firms.*.householdsPerFirm`,
 * rounded, at least 1.
 */
export function firmCounts(config: SpiralConfig): FirmCounts {
  const n = config.households.count;
  const resolve = (count: number, perFirm: number) =>
    count > 0 ? count : Math.max(1, Math.round(n / perFirm));
  return {
    consumption: resolve(config.firms.consumption.count, config.firms.consumption.householdsPerFirm),
    capital: resolve(config.firms.capital.count, config.firms.capital.householdsPerFirm),
  };
}
