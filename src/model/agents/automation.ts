// Automation by AI (issue 4; Acemoglu & Restrepo's task model, calibrated
// to Acemoglu 2024 — docs/calibration.md §7). AI capability grows with the compute
// the chain has in service. Each exposed task has an AI cost relative to its
// wage cost; capability lowers it, the price of AI services raises it, the
// firm's wage raises the cost of doing it by hand. A non-AI firm automates
// the exposed tasks on which AI is cheaper, closing the gap with an
// adoption lag, buys the AI services from the chain (goods.ts,
// firmsBuyServices: automation spending is chain end-user revenue), needs
// fewer workers per unit of output (firms.ts) and lays off its most exposed
// employees first (selectLayoffs here, labour.ts). New tasks for labour
// (reinstatement) erode the automated share.
//
// The demand channel: the wages saved become firm profits and AI-chain
// revenue. Firm dividends, and chain dividends through the non-bank fund,
// reach households per equity unit, and equity units sit mostly in the top
// decile (households.equityTopDecileShare), whose propensity to consume out
// of income is lowest (households.ts) — so a shift from wages to profits
// lowers consumption demand.

import type { SpiralConfig } from "../../config/configTypes.ts";
import type { DrawKeys } from "../month.ts";
import { Pass, type SliceView } from "../passes.ts";
import type { PassRunner } from "../passRunner.ts";
import { AgentStream, keyedUniform, streamKey } from "../rng.ts";
import type { Automation, Firms, MacroState } from "../state.ts";
import { EXPOSURE_BINS, EXPOSURE_SHIFT, INCOME_BINS } from "./automationBins.ts";

export { EXPOSURE_BINS, INCOME_BINS } from "./automationBins.ts";

/** Highest automated share of a firm's tasks (someone has to run the firm). */
const MAX_AUTOMATED_SHARE = 0.95;

/** The automation parameters: the config group automation (configs/schema.json). */
export type AutomationParams = Readonly<SpiralConfig["automation"]>;

/** What automation reads of the AI chain's record (state.ts AiChain). */
export interface AutomationChain {
  /** Compute in service when the chain started, GW. */
  readonly initialCapacityGw: number;
  /** Price index of AI services (1 at the start). */
  readonly servicePrice: number;
}

/**
 * What automationSpending reads: the automation record, the firms, the
 * price of AI services and the automation parameters (markets/goods.ts
 * firmsBuyAutomation builds it from the records it is given).
 */
export interface AutomationCostInputs {
  readonly automation: Automation;
  readonly firms: Firms;
  readonly aiChain: { readonly servicePrice: number };
  readonly config: { readonly automation: AutomationParams };
}

export function createAutomation(): Automation {
  return {
    capabilityIndex: 1,
    referenceWage: 0,
    aiSpending: 0,
    layoffs: 0,
    displacedUnemployed: 0,
    trainees: 0,
    spellMonths: new Float64Array(2),
    spellCount: new Float64Array(2),
    incomeCounts: new Float64Array(INCOME_BINS),
    incomeSums: new Float64Array(INCOME_BINS),
  };
}

/**
 * A household's exposure, in 255ths, from a uniform draw u: x = u^b with
 * b = 1/mean − 1, so E[x] = mean. Skewed: most households have little
 * exposure, a few have most of their tasks exposed.
 */
export function exposureFromUniform(u: number, mean: number): number {
  const b = 1 / mean - 1;
  return Math.round(255 * u ** b);
}

/** Cheapest AI cost of an exposed task relative to its wage cost at the start: r_min = (1 − s0)^(1/k). */
function minimumCostRatio(s0: number, k: number): number {
  return (1 - s0) ** (1 / k);
}

/**
 * Share of exposed tasks on which AI is cheaper than the wage cost. A task's
 * AI cost relative to its wage cost at the start is Pareto, r ≥ r_min with
 * P(r > x) = (r_min/x)^k; `z` = capability × (wage / start wage) / AI price,
 * and the task is automated when r < z. So F(1) = s0 at the start, and a
 * firm automates nothing while AI costs more than the wage of its cheapest
 * task (z ≤ r_min).
 */
export function profitableShare(z: number, s0: number, k: number): number {
  const rMin = minimumCostRatio(s0, k);
  if (z <= rMin) return 0;
  return 1 - (rMin / z) ** k;
}

/**
 * Average AI cost of the automated tasks relative to the wages they replaced:
 * E[r · 1{r < z}] / (z F(z)). When nothing is profitable any more (AI got
 * dearer, or the chain's capacity collapsed), a firm still running
 * automated tasks pays their wage cost (ratio 1) until it has rehired —
 * never more, or a capacity collapse would make the bill explode.
 */
export function aiCostRatio(z: number, s0: number, k: number): number {
  const rMin = minimumCostRatio(s0, k);
  if (z <= rMin) return 1;
  const partial =
    Math.abs(1 - k) < 1e-9
      ? rMin * Math.log(z / rMin)
      : (k * rMin ** k * (z ** (1 - k) - rMin ** (1 - k))) / (1 - k);
  return partial / (z * profitableShare(z, s0, k));
}

/** Relative cost advantage of AI for a firm paying `wage`: capability × (its wage / the start wage) / AI price. */
function costAdvantage(a: Automation, wage: number, servicePrice: number): number {
  return (a.capabilityIndex * wage) / (a.referenceWage * servicePrice);
}

/**
 * One month of automation decisions (before production plans): the
 * capability index, then for each firm its profitable share of tasks, the
 * automated share moved towards it by the adoption lag and eroded by
 * reinstatement, and the workers the newly automated tasks make redundant
 * (rounded at random, so small firms lay off in the right proportion on
 * average). firms.ts turns the automated share into labour demand.
 * `liveCapacityGw`: the chain's compute in service that has power
 * (agents/aiChain/demand.ts liveCapacity). Writes `automation` (capability,
 * reference wage) and the firms' automated share and automation layoffs;
 * reads last month's wages and employment.
 */
export function planAutomation(
  automation: Automation,
  firms: Firms,
  chain: AutomationChain,
  liveCapacityGw: number,
  macro: Pick<MacroState, "employment" | "wagesPaid">,
  month: DrawKeys,
  params: AutomationParams,
): void {
  const cfg = params;
  const a = automation;
  const f = firms;
  a.capabilityIndex =
    (Math.max(1e-9, liveCapacityGw) / Math.max(1e-9, chain.initialCapacityGw)) ** cfg.capabilityElasticity;
  if (a.referenceWage === 0) {
    // The wage level at which profitableShareAtStart holds: the average wage when the chain starts.
    a.referenceWage = macro.employment > 0 ? macro.wagesPaid / macro.employment : f.wage[0];
  }
  const speed = cfg.adoptionSpeedMonthly;
  const reinstatement = cfg.reinstatementYearly / 12;
  const key = streamKey(month.seed, AgentStream.automationFirm, month.tick);
  const servicePrice = chain.servicePrice;
  for (let j = 0; j < f.n; j++) {
    const z = costAdvantage(a, f.wage[j], servicePrice);
    const target = cfg.exposureMean * profitableShare(z, cfg.profitableShareAtStart, cfg.costDispersion);
    const before = f.automatedShare[j];
    let after = before + speed * (target - before) - reinstatement * before;
    after = Math.min(MAX_AUTOMATED_SHARE, Math.max(0, after));
    f.automatedShare[j] = after;
    const redundant = after > before ? (f.employees[j] * (after - before)) / (1 - before) : 0;
    f.automationLayoffs[j] = Math.floor(redundant + keyedUniform(key, j));
  }
}

/** AI services firm j buys this month for its automated tasks (USD): the tasks' wage cost × AI's relative cost. */
export function automationSpending(x: AutomationCostInputs, j: number, prodL: number): number {
  const f = x.firms;
  const share = f.automatedShare[j];
  if (share <= 0) return 0;
  const cfg = x.config.automation;
  const tasks = f.output[j] / prodL;
  const z = costAdvantage(x.automation, f.wage[j], x.aiChain.servicePrice);
  const ratio = aiCostRatio(z, cfg.profitableShareAtStart, cfg.costDispersion);
  return share * tasks * f.wage[j] * ratio;
}

/**
 * Which employees the automation layoffs hit: the most exposed. One pass
 * counts each firm's employees by exposure bin; then, from the top bin
 * down, each firm marks the bins laid off entirely (above `layoffBin`) and
 * the share of the boundary bin (`layoffFraction`) that makes up its
 * layoff count. Runs only in months with automation layoffs. Writes the
 * firms' layoffBin and layoffFraction; the pass (on `runner`, over the
 * households it was built on) reads employers and exposures.
 */
export function selectLayoffs(firms: Firms, runner: PassRunner): void {
  const f = firms;
  let any = false;
  for (let j = 0; j < f.n; j++) {
    f.layoffBin[j] = EXPOSURE_BINS;
    f.layoffFraction[j] = 0;
    if (f.automationLayoffs[j] > 0) any = true;
  }
  if (!any) return;
  // Each firm's employees by exposure bin: a pass over the households (exposureKernel), counted per lane.
  const work = runner.work;
  const counts = work.laneExposure;
  counts.fill(0);
  runner.run(Pass.exposure);
  const stride = f.n * EXPOSURE_BINS;
  for (let j = 0; j < f.n; j++) {
    let need = f.automationLayoffs[j];
    if (need <= 0) continue;
    for (let b = EXPOSURE_BINS - 1; b >= 0; b--) {
      let here = 0;
      for (let l = 0; l < work.lanes; l++) here += counts[l * stride + j * EXPOSURE_BINS + b];
      f.layoffBin[j] = b;
      if (here >= need) {
        f.layoffFraction[j] = here > 0 ? need / here : 0;
        break;
      }
      f.layoffFraction[j] = 1;
      need -= here;
    }
  }
}

/** The exposure pass over households [start, end): each employee counted in her firm's exposure bin, in her lane. */
export function exposureKernel(v: SliceView, lane: number, _block: number, start: number, end: number): void {
  const employer = v.households.employer;
  const exposure = v.households.exposure;
  const counts = v.work.laneExposure;
  const base = lane * v.firms.n * EXPOSURE_BINS;
  for (let i = start; i < end; i++) {
    const e = employer[i];
    if (e >= 0) counts[base + e * EXPOSURE_BINS + (exposure[i] >> EXPOSURE_SHIFT)]++;
  }
}

/**
 * Whether worker i, of exposure `exposure`, at a firm with this layoff bin
 * and boundary fraction is laid off by automation (the draw, keyed by
 * layoffKey, is made only in the boundary bin).
 */
export function hitByLayoff(
  exposure: number,
  bin: number,
  fraction: number,
  key: number,
  i: number,
): boolean {
  const b = exposure >> EXPOSURE_SHIFT;
  return b > bin || (b === bin && keyedUniform(key, i) < fraction);
}

/**
 * The income bin of `amount` (USD, ≥ 0): 64 bins per octave — the position
 * of the leading bit of the whole-dollar amount and the 6 bits after it —
 * so bins are ≈ 1 % wide above $64 and $1 wide below. Integer operations
 * only: it runs once per household per month.
 */
export function incomeBin(amount: number): number {
  const x = amount < 2147483647 ? amount | 0 : 2147483647;
  if (x <= 0) return 0;
  const lz = Math.clz32(x);
  return ((32 - lz) << 6) | (((x << lz) << 1) >>> 26);
}

/** The key of the households' boundary-bin layoff draws (hitByLayoff) this month. */
export function layoffKey(month: DrawKeys): number {
  return streamKey(month.seed, AgentStream.automationLayoff, month.tick);
}
