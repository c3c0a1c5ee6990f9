// The passes by id (passes.ts Pass), and the runner that runs them
// all on the calling thread. Worker threads run the same kernels on their
// blocks (engine/threads.ts), so one thread and many give the same bits.

import { exposureKernel } from "./agents/automation.ts";
import {
  accountFlowsKernel,
  accountKernel,
  investKernel,
  planKernel,
  produceKernel,
} from "./agents/firms.ts";
import { incomeKernel } from "./agents/households.ts";
import { initDrawsKernel, initIncomeKernel, initScaleKernel, initUnitsKernel } from "./initPasses.ts";
import {
  censusAfterIncome,
  censusAfterPurchase,
  censusAfterSeparation,
  firmCensusKernel,
  scanKernel,
} from "./ledger.ts";
import { financeTermsKernel, financeWriteBackKernel, priceKernel } from "./markets/credit.ts";
import { capitalSupplierKernel, purchaseKernel } from "./markets/goods.ts";
import { separationKernel } from "./markets/labour.ts";
import {
  hireApplyKernel,
  matchApplyKernel,
  matchCountKernel,
  matchGatherKernel,
  matchOfferKernel,
} from "./markets/labourMatch.ts";
import {
  BLOCK_SIZE,
  blockCountFor,
  createPassWork,
  grownSeekerBuffers,
  type Kernel,
  Pass,
  type PassRunner,
  type PassWork,
  passSize,
  type SliceView,
} from "./passes.ts";
import { createSerialScratch } from "./passRunner.ts";
import type { ModelState } from "./state.ts";

/** Kernels indexed by Pass id. */
export const KERNELS: readonly Kernel[] = [
  separationKernel,
  incomeKernel,
  purchaseKernel,
  scanKernel,
  planKernel,
  exposureKernel,
  initDrawsKernel,
  initScaleKernel,
  initUnitsKernel,
  initIncomeKernel,
  priceKernel,
  financeTermsKernel,
  financeWriteBackKernel,
  firmCensusKernel,
  produceKernel,
  accountKernel,
  investKernel,
  capitalSupplierKernel,
  matchGatherKernel,
  matchOfferKernel,
  matchCountKernel,
  matchApplyKernel,
  hireApplyKernel,
  accountFlowsKernel,
];

/**
 * The ledger's census reductions, by Pass id (null: none), that the runner
 * runs after each block of a pass that writes household columns, while the
 * block is in cache (ledger.ts scanHouseholds reads their results): the
 * behaviour kernels hold no census code.
 */
export const CENSUS_AFTER: readonly (Kernel | null)[] = KERNELS.map((_, pass) =>
  pass === Pass.separate
    ? censusAfterSeparation
    : pass === Pass.income
      ? censusAfterIncome
      : pass === Pass.purchase
        ? censusAfterPurchase
        : null,
);

/** Runs block `b` of a pass over `n` agents, then its census reduction, if any. */
function runBlock(
  view: SliceView,
  kernel: Kernel,
  census: Kernel | null,
  lane: number,
  b: number,
  n: number,
): void {
  const start = b * BLOCK_SIZE;
  const end = Math.min(n, start + BLOCK_SIZE);
  kernel(view, lane, b, start, end);
  if (census !== null) census(view, lane, b, start, end);
}

/** Runs every block of pass `pass` on the calling thread, in order. */
export function runAll(view: SliceView, pass: number): void {
  const kernel = KERNELS[pass];
  const census = CENSUS_AFTER[pass];
  const n = passSize(view, pass);
  const blocks = blockCountFor(n);
  for (let b = 0; b < blocks; b++) runBlock(view, kernel, census, 0, b, n);
}

/** Blocks a thread claims at a time in runClaimed, at most: 8 192 households, so that claims cost nothing. */
export const CLAIM_BLOCKS = 8;

/**
 * Runs blocks of pass `pass` as thread `lane` of `threads` until none are
 * left, claiming a few at a time from the shared counter `claims[slot]`
 * (reset to 0 before the pass). Threads that run faster — or are not slowed
 * by another process on their core — take more blocks, so none waits long
 * for the slowest (with fixed slices, a pass lasts as long as its slowest
 * thread). Claims are smaller when blocks are few, so that every thread gets
 * some. Which thread runs a block does not change its results (passes.ts),
 * so the outputs stay bit-identical.
 */
export function runClaimed(
  view: SliceView,
  pass: number,
  lane: number,
  threads: number,
  claims: Int32Array,
  slot: number,
): void {
  const kernel = KERNELS[pass];
  const census = CENSUS_AFTER[pass];
  const n = passSize(view, pass);
  const blocks = blockCountFor(n);
  const claim = Math.max(1, Math.min(CLAIM_BLOCKS, Math.floor(blocks / (8 * threads))));
  for (;;) {
    const from = Atomics.add(claims, slot, claim);
    if (from >= blocks) return;
    const to = Math.min(blocks, from + claim);
    for (let b = from; b < to; b++) runBlock(view, kernel, census, lane, b, n);
  }
}

/**
 * What a runner is built on: the population columns its passes read and
 * write, and the sizes of its buffers — a ModelState, or the columns
 * createInitialState has allocated before the rest of the state exists (so
 * that the start's draws run on the runner's threads).
 */
export interface RunnerHost {
  households: ModelState["households"];
  firms: ModelState["firms"];
  banks: { n: number };
  config: { automation: { enabled: boolean }; labour: { matchingProtocol: string } };
  scratch: { unemployed: Int32Array };
}

/** Whether the runner needs the simultaneous labour-matching buffers (markets/labourMatch.ts). */
export function simultaneousMatching(m: RunnerHost): boolean {
  return m.config.labour.matchingProtocol === "simultaneous";
}

/** The view of the state a kernel works on. */
export function sliceView(m: RunnerHost, work: PassWork): SliceView {
  return { households: m.households, firms: m.firms, unemployed: m.scratch.unemployed, work };
}

/** Every block on the calling thread, in order. */
export class SerialRunner implements PassRunner {
  readonly threads = 1;
  readonly work: PassWork;
  readonly scratch = createSerialScratch();
  readonly #view: SliceView;

  constructor(m: RunnerHost) {
    this.work = createPassWork(
      m.households.n,
      m.firms.n,
      m.banks.n,
      1,
      false,
      m.config.automation.enabled,
      simultaneousMatching(m),
    );
    this.#view = sliceView(m, this.work);
  }

  run(pass: number): void {
    runAll(this.#view, pass);
  }

  reserveSeekers(seekers: number): void {
    const grown = grownSeekerBuffers(this.work.match, seekers, this.#view.households.n, false);
    if (grown !== null) Object.assign(this.work.match, grown);
  }

  close(): void {}
}
