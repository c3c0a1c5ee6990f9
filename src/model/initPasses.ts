// The households' part of the start (init.ts) as passes over blocks of
// households that the pass runner may spread over threads (issue 20 item 3,
// "initialisation in parallel"): the draws (each household's bank, supplier,
// exposure to automation and Pareto deposit weight), the deposits' scaling,
// the equity units and the expected incomes. Every draw is counter-based,
// keyed by the household's index (rng.ts agentUniform), and each household
// writes only its own slots from its own slots and the pass's scalars, so the
// columns are bit-identical whichever thread runs which block — and
// identical to one loop over all households. The sums over households
// between the passes (init.ts) stay serial, in index order, so that
// floating-point totals do not depend on the split either.
import { exposureFromUniform } from "./agents/automation.ts";
import type { SliceView } from "./passes.ts";
import { AgentStream, keyedUniform, streamKey } from "./rng.ts";
import { defineStruct } from "./struct.ts";

/** The draws pass's inputs (PassWork.args). Keys are 32-bit counters' keys (rng.ts streamKey), exact in a float64. */
export const InitDrawArgs = defineStruct({
  bankKey: "f64",
  supplierKey: "f64",
  exposureKey: "f64",
  wealthKey: "f64",
  banks: "f64",
  consumptionFirms: "f64",
  exposureMean: "f64",
  /** −1 / households.depositParetoAlpha. */
  paretoExponent: "f64",
});
const InitDrawArg = InitDrawArgs.at;

/** Writes the draws pass's inputs for a run with `seed`, `banks` banks and `consumptionFirms` consumption firms. */
export function writeInitDrawArgs(
  args: Float64Array,
  seed: number,
  banks: number,
  consumptionFirms: number,
  exposureMean: number,
  paretoAlpha: number,
): void {
  InitDrawArgs.write(args, {
    bankKey: streamKey(seed, AgentStream.initialization, 1),
    supplierKey: streamKey(seed, AgentStream.initialization2, 1),
    exposureKey: streamKey(seed, AgentStream.exposure, 0),
    wealthKey: streamKey(seed, AgentStream.initialization, 2),
    banks,
    consumptionFirms,
    exposureMean,
    paretoExponent: -1 / paretoAlpha,
  });
}

/**
 * Households [start, end): bank and supplier drawn uniformly, exposure from
 * a uniform draw (agents/automation.ts exposureFromUniform), and the
 * unnormalised Pareto weight (1 − u)^(−1/α) written to `deposits` (init.ts
 * scales the weights to the deposits' total).
 */
export function initDrawsKernel(
  v: SliceView,
  _lane: number,
  _block: number,
  start: number,
  end: number,
): void {
  const a = v.work.args;
  const bankKey = a[InitDrawArg.bankKey];
  const supplierKey = a[InitDrawArg.supplierKey];
  const exposureKey = a[InitDrawArg.exposureKey];
  const wealthKey = a[InitDrawArg.wealthKey];
  const banks = a[InitDrawArg.banks];
  const fc = a[InitDrawArg.consumptionFirms];
  const mean = a[InitDrawArg.exposureMean];
  const exponent = a[InitDrawArg.paretoExponent];
  const { bank, supplier, exposure, deposits } = v.households;
  for (let i = start; i < end; i++) {
    bank[i] = Math.floor(keyedUniform(bankKey, i) * banks);
    supplier[i] = Math.floor(keyedUniform(supplierKey, i) * fc);
    exposure[i] = exposureFromUniform(keyedUniform(exposureKey, i), mean);
    deposits[i] = (1 - keyedUniform(wealthKey, i)) ** exponent;
  }
}

/** The deposits' scaling pass's input: the factor that brings the Pareto weights to the deposits' total. */
export const InitScaleArgs = defineStruct({ scale: "f64" });

/** Households [start, end): deposits (the Pareto weights) times the scale. */
export function initScaleKernel(
  v: SliceView,
  _lane: number,
  _block: number,
  start: number,
  end: number,
): void {
  const scale = v.work.args[InitScaleArgs.at.scale];
  const deposits = v.households.deposits;
  for (let i = start; i < end; i++) deposits[i] *= scale;
}

/** The equity units pass's inputs (init.ts initHouseholdWealth). */
export const InitUnitsArgs = defineStruct({
  threshold: "f64",
  topShare: "f64",
  /** max(deposits of the top decile, 1e-300), and of the rest. */
  topDeposits: "f64",
  bottomDeposits: "f64",
  households: "f64",
});
const InitUnitsArg = InitUnitsArgs.at;

/**
 * Households [start, end): equity units proportional to deposits, the top
 * decile's (deposits ≥ threshold) scaled to hold topShare of all units.
 */
export function initUnitsKernel(
  v: SliceView,
  _lane: number,
  _block: number,
  start: number,
  end: number,
): void {
  const a = v.work.args;
  const threshold = a[InitUnitsArg.threshold];
  const topShare = a[InitUnitsArg.topShare];
  const top = a[InitUnitsArg.topDeposits];
  const bottom = a[InitUnitsArg.bottomDeposits];
  const n = a[InitUnitsArg.households];
  const { deposits, equityUnits } = v.households;
  for (let i = start; i < end; i++) {
    const d = deposits[i];
    const u = d >= threshold ? (topShare * d) / top : ((1 - topShare) * d) / bottom;
    equityUnits[i] = u * n;
  }
}

/** The expected incomes pass's inputs (init.ts initExpectedIncome). */
export const InitIncomeArgs = defineStruct({
  benefitReplacementRate: "f64",
  transferPerHousehold: "f64",
  totalUnits: "f64",
  dividendsPerHousehold: "f64",
  households: "f64",
  depositRate: "f64",
  incomeTax: "f64",
});
const InitIncomeArg = InitIncomeArgs.at;

/**
 * Households [start, end): expected disposable income — wage (or benefits),
 * transfers, dividends on their units and deposit interest, after income tax.
 */
export function initIncomeKernel(
  v: SliceView,
  _lane: number,
  _block: number,
  start: number,
  end: number,
): void {
  const a = v.work.args;
  const benefit = a[InitIncomeArg.benefitReplacementRate];
  const transfer = a[InitIncomeArg.transferPerHousehold];
  const totalUnits = a[InitIncomeArg.totalUnits];
  const dividends = a[InitIncomeArg.dividendsPerHousehold];
  const n = a[InitIncomeArg.households];
  const depositRate = a[InitIncomeArg.depositRate];
  const incomeTax = a[InitIncomeArg.incomeTax];
  const { employer, wage, equityUnits, deposits, expectedIncome } = v.households;
  for (let i = start; i < end; i++) {
    const labour = employer[i] >= 0 ? wage[i] : benefit * wage[i];
    const div = (equityUnits[i] / totalUnits) * dividends * n;
    expectedIncome[i] = (labour + transfer + div + (deposits[i] * depositRate) / 12) * (1 - incomeTax);
  }
}
