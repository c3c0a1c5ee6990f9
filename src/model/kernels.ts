// The passes by id (passes.ts Pass), and the runner that runs them
// all on the calling thread. Worker threads run the same kernels on their
// blocks (engine/threads.ts), so one thread and many give the same bits.
import { planKernel } from "./agents/firms.ts";
import { incomeKernel } from "./agents/households.ts";
import { scanKernel } from "./ledger.ts";
import { purchaseKernel } from "./markets/goods.ts";
import { separationKernel } from "./markets/labour.ts";
import {
  BLOCK_SIZE,
  blockCountFor,
  blockRange,
  createPassWork,
  type Kernel,
  type PassRunner,
  type PassWork,
  passSize,
  type SliceView,
} from "./passes.ts";
import type { ModelState } from "./state.ts";

/** Kernels indexed by Pass id. */
export const KERNELS: readonly Kernel[] = [
  separationKernel,
  incomeKernel,
  purchaseKernel,
  scanKernel,
  planKernel,
];

/** Runs pass `pass` on `lane`, which is thread `lane` of `threads`: its contiguous range of blocks. */
export function runSlice(view: SliceView, pass: number, lane: number, threads: number): void {
  const kernel = KERNELS[pass];
  const n = passSize(view, pass);
  const [from, to] = blockRange(blockCountFor(n), threads, lane);
  for (let b = from; b < to; b++) kernel(view, lane, b, b * BLOCK_SIZE, Math.min(n, (b + 1) * BLOCK_SIZE));
}

/** The view of the state a kernel works on. */
export function sliceView(m: ModelState, work: PassWork): SliceView {
  return { households: m.households, firms: m.firms, unemployed: m.scratch.unemployed, work };
}

/** Every block on the calling thread, in order. */
export class SerialRunner implements PassRunner {
  readonly threads = 1;
  readonly work: PassWork;
  readonly #view: SliceView;

  constructor(m: ModelState) {
    this.work = createPassWork(m.households.n, m.firms.n, m.banks.n, 1, false);
    this.#view = sliceView(m, this.work);
  }

  run(pass: number): void {
    runSlice(this.#view, pass, 0, 1);
  }

  close(): void {}
}
