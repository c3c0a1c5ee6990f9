// The firms' history before the start (initial.firmHistoryYears, issue 17,
// start29 pass). The core economy's firms fail when they are old, small and
// over-indebted (docs/calibration.md §10.8): a firm that has lost appeal over
// decades has few customers and the debt of a larger firm. Firm-level appeal
// is a random walk (agents/firms.ts updateFirmAppeal) whose dispersion grows
// like σ √t, so a start from identical firms needs decades before its firms
// differ as the core's do — configs/baseline.json has no consumption-firm
// default in its first 50 years (seed 1), and baseline-2025's warm-up (10 years
// when this rule was built, 20 since the warm29 pass) never builds that
// cross-section (docs/calibration.md §10.10).
//
// This rule gives the start the cross-section that the model's own rules
// produce: the same two rules the firms follow every month —
// productivity's AR(1) and appeal's random walk (agents/firms.ts
// stepFirmProductivity, with the config's σ, reversion and barrier, each
// month normalised to the sector's mean) — run for 12 × firmHistoryYears
// months before the start, on their own seed streams
// (AgentStream.firmHistoryProductivity, firmHistoryAppeal). Nothing is drawn
// from a fitted law: the columns are what the firms' rules would have made of
// identical firms over that many years. Everything else about the firms (sizes,
// debt, customers) is left to the warm-up's own dynamics, which sort
// customers towards appealing firms and leave the others small with their
// debt.

import { stepBySector } from "./agents/firms.ts";
import { AgentStream, streamKey } from "./rng.ts";
import type { Firms } from "./state.ts";

/** The rules' parameters the history reads (config group firms). */
export interface FirmHistoryParams {
  productivityDispersionMonthly: number;
  productivityReversionMonthly: number;
  appealDispersionMonthly: number;
  appealReversionMonthly: number;
  productivityBarrier: number;
}

/**
 * Runs the firms' productivity and appeal rules for `months` months on
 * `firms.productivity` and `firms.appeal` (consumption and capital-goods
 * firms separately, as agents/firms.ts stepBySector does), month m drawing
 * from streamKey(seed, AgentStream.firmHistory*, m). A rule whose σ is 0 is
 * not run (its column stays as it is, 1 at the start), as in the monthly
 * step. Writes only those two columns; `months` 0 changes nothing.
 */
export function runFirmHistory(
  firms: Pick<Firms, "n" | "nConsumption" | "productivity" | "appeal">,
  params: FirmHistoryParams,
  seed: number,
  months: number,
): void {
  const barrier = params.productivityBarrier;
  for (let m = 0; m < months; m++) {
    if (params.productivityDispersionMonthly > 0) {
      const key = streamKey(seed, AgentStream.firmHistoryProductivity, m);
      const sigma = params.productivityDispersionMonthly;
      const theta = params.productivityReversionMonthly;
      stepBySector(firms, firms.productivity, sigma, barrier, key, theta);
    }
    if (params.appealDispersionMonthly > 0) {
      const key = streamKey(seed, AgentStream.firmHistoryAppeal, m);
      const sigma = params.appealDispersionMonthly;
      stepBySector(firms, firms.appeal, sigma, barrier, key, params.appealReversionMonthly);
    }
  }
}

/**
 * Each firm's log size relative to its sector, from its standing after the
 * history: for consumption firms, z-scores of log(appeal × productivity)
 * (households compare price / appeal, agents/households.ts prefersCandidate,
 * and a firm's price is a markup on its unit cost) times `dispersion`, the
 * sd of log size (initial.firmSizeDispersion). Capital-goods firms get 0:
 * their buyers compare price only, and productivity, the one thing that sets
 * their prices apart, reverts within about a year
 * (firms.productivityReversionMonthly, half-life ≈ 9 months), so it gives no
 * lasting size — sized by it, 2.1 capital-goods firms a year failed in
 * baseline-2025's warm-up while buyers re-sorted (docs/calibration.md
 * §10.10). A sector whose firms are all alike gets 0s. Writes `out[0 … n)`;
 * pure.
 */
export function historySizeLogs(
  firms: Pick<Firms, "n" | "nConsumption" | "productivity" | "appeal">,
  dispersion: number,
  out: Float64Array,
): void {
  const sector = (start: number, end: number) => {
    let sum = 0;
    for (let j = start; j < end; j++) {
      out[j] = Math.log(firms.productivity[j]) + Math.log(firms.appeal[j]);
      sum += out[j];
    }
    const n = end - start;
    const mean = n > 0 ? sum / n : 0;
    let ss = 0;
    for (let j = start; j < end; j++) ss += (out[j] - mean) ** 2;
    const sd = n > 0 ? Math.sqrt(ss / n) : 0;
    for (let j = start; j < end; j++) out[j] = sd > 1e-12 ? (dispersion * (out[j] - mean)) / sd : 0;
  };
  sector(0, firms.nConsumption);
  out.fill(0, firms.nConsumption, firms.n);
}

/**
 * Index of the first slot of `cdf` (ascending cumulative weights, last
 * entry the total) above u × total, for u in [0, 1): a draw in proportion to
 * the weights. Binary search; pure.
 */
export function drawByWeight(cdf: Float64Array, u: number): number {
  const target = u * cdf[cdf.length - 1];
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid] > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * initial.firmSizeDispersion on the start's size weights (init.ts initFirms;
 * `weights` holds each firm's ±20 % draw): each consumption firm's weight
 * times exp of its historySizeLogs value, and each capital-goods firm's
 * weight its buyers' replacement demand — the sum of the weights of the
 * consumption firms whose capital supplier it is (`supplierOf(f)`, 0 … Fk − 1),
 * as their investment replaces depreciation in proportion to their capital,
 * which is proportional to their output — at least a tenth of the mean (a
 * supplier without buyers stays in business, as in the core, small). Sized
 * alike, a capital-goods firm with a large buyer could not fill its orders.
 */
export function sizeFirmsByHistory(
  firms: Pick<Firms, "n" | "nConsumption" | "productivity" | "appeal">,
  dispersion: number,
  weights: Float64Array,
  supplierOf: (f: number) => number,
): void {
  const Fc = firms.nConsumption;
  const Fk = firms.n - Fc;
  const logs = new Float64Array(firms.n);
  historySizeLogs(firms, dispersion, logs);
  for (let f = 0; f < Fc; f++) weights[f] *= Math.exp(logs[f]);
  if (Fk === 0) return;
  const demand = new Float64Array(Fk);
  let total = 0;
  for (let f = 0; f < Fc; f++) {
    demand[supplierOf(f)] += weights[f];
    total += weights[f];
  }
  const floor = (0.1 * total) / Fk;
  for (let k = 0; k < Fk; k++) weights[Fc + k] = Math.max(floor, demand[k]);
}
