// The households' draws at the start (init.ts), as a pass over blocks of
// households that the pass runner may spread over threads (issue 20 item 3,
// "initialisation in parallel"): each household's bank, supplier, exposure to
// automation and Pareto deposit weight. Every draw is counter-based, keyed
// by the household's index (rng.ts agentUniform), and each household writes
// only its own slots, so the columns are bit-identical whichever thread
// draws which block — and identical to drawing them in one loop. The sums
// over households that follow (init.ts) stay serial, in index order, so that
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
