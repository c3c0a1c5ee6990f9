// Passes over the households that may run in slices on several threads
// (docs/development.md, "Engine principles"). A pass is a kernel run over fixed-size blocks of households:
// each block writes its own partial results (sums, per-bank sums, counts),
// and the coordinator combines them in block order. The block size does not
// depend on the number of threads, so the combined results — and the run's
// output files — are bit-identical whether one thread runs every block or
// four threads run a quarter each. Per-firm totals are accumulated per lane
// (thread) instead: the amounts summed are on a fixed-point grid (see
// quantizeSpend in agents/households.ts), so those sums are exact and do not
// depend on which lane added what.
//
// Firms' passes that only touch each firm's own columns (the planning,
// credit-pricing, investment, financing-terms and write-back, production,
// accounting flows, accounting and capital-supplier kernels) run the same way, over blocks of
// firms; a serial phase hands them per-firm values through PassWork.finance
// or firmFlows, and the one reduction among them (ledger.ts
// firmCensusKernel) writes per-block sums added in block order. What
// depends on an order across firms (the random-order visits, the money
// moves, suppliers' order totals) stays on the calling thread
// (docs/benchmarks.md "The serial share").
//
// The model only defines the passes and runs them through `m.runner`; the
// serial runner (kernels.ts) runs every block on the calling thread, the
// engine's threaded runner (engine/threads.ts) spreads them over workers.
import { EXPOSURE_BINS, INCOME_BINS } from "./agents/automationBins.ts";
import { FinRecord } from "./markets/financeRecord.ts";
import type { PassWork } from "./passRunner.ts";
import type { Firms, Households } from "./state.ts";
import { column } from "./state.ts";
import { defineStruct } from "./struct.ts";

/** Households per block: fixed, so results do not depend on how blocks are spread over threads. */
export const BLOCK_SIZE = 1024;

/** Pass ids (index into KERNELS in kernels.ts). */
export const Pass = {
  separate: 0,
  income: 1,
  purchase: 2,
  scanLedger: 3,
  plan: 4,
  exposure: 5,
  /** The households' part of the start (initPasses.ts), each run once by createInitialState. */
  initDraws: 6,
  initScale: 7,
  initUnits: 8,
  initIncome: 9,
  /** The firms' credit terms and financing records (markets/credit.ts) and the firms' columns' finiteness (ledger.ts). */
  priceCredit: 10,
  financeTerms: 11,
  financeWriteBack: 12,
  firmCensus: 13,
  /** The firms' production and the accounting of their own columns (agents/firms.ts). */
  produce: 14,
  account: 15,
  /** The consumption firms' investment plans (agents/firms.ts planInvestment). */
  invest: 16,
  /** Consumption firms' choice of capital supplier (markets/goods.ts clearCapitalMarket). */
  capitalSupplier: 17,
  /**
   * The simultaneous labour-matching protocol (markets/labourMatch.ts): gather the job seekers, the firms' rounds
   * of offers, count each round's hires, apply them. The seekers' passes run over blocks of the job-seeker pool.
   */
  matchGather: 18,
  matchOffer: 19,
  matchCount: 20,
  matchApply: 21,
  /** The sequential labour-matching protocol's hires applied (markets/labourMatch.ts hireApplyKernel), over the job-seeker pool. */
  hireApply: 22,
  /** Each firm's deposit interest, profit tax, cash flow and profit after tax (agents/firms.ts accountFirms). */
  accountFlows: 23,
} as const;

/** The population each pass runs over, by Pass id: the firms' passes write only each firm's own columns. */
export const PASS_OVER_FIRMS: readonly boolean[] = Object.values(Pass)
  .sort((a, b) => a - b)
  .map(
    (pass) =>
      pass === Pass.plan ||
      pass === Pass.priceCredit ||
      pass === Pass.financeTerms ||
      pass === Pass.financeWriteBack ||
      pass === Pass.firmCensus ||
      pass === Pass.produce ||
      pass === Pass.account ||
      pass === Pass.accountFlows ||
      pass === Pass.invest ||
      pass === Pass.capitalSupplier ||
      pass === Pass.matchOffer,
  );

/** The passes over blocks of the job-seeker pool (its size in PassWork.match.seekers[0]), by Pass id. */
export const PASS_OVER_SEEKERS: readonly boolean[] = PASS_OVER_FIRMS.map(
  (_, pass) =>
    pass === Pass.matchGather ||
    pass === Pass.matchCount ||
    pass === Pass.matchApply ||
    pass === Pass.hireApply,
);

/** Values per firm in PassWork.firmFlows (agents/firms.ts accountFirms: its Flow slots). */
export const FIRM_FLOW_SLOTS = 4;
/** Slots of per-block sums, per-pass scalar inputs. */
export const SUM_SLOTS = 8;
/** Sums per block of firms of the simultaneous labour-matching passes (markets/labourMatch.ts MatchFirmSum). */
export const MATCH_FIRM_SLOTS = 3;
/**
 * The ledger's household census per block (ledger.ts scanHouseholds), in a
 * buffer of its own (PassWork.blockCensusSums), written by the reductions
 * the runner runs after each block of a pass (ledger.ts CENSUS_AFTER) and by
 * scanKernel, never by a behaviour kernel: the NaN sentinels of the values
 * each pass wrote — the job seekers' reservation wages (separation pass);
 * wages, equity units, expected incomes and planned spending (income pass);
 * planned spending (purchase pass) — and the deposits' total. Together they
 * cover every floating-point household column a tick writes or reads.
 */
export const CensusSums = defineStruct({
  reservationWages: "f64",
  incomeColumns: "f64",
  deposits: "f64",
  sentinel: "f64",
});
export const CensusSum = CensusSums.at;
export const ARG_SLOTS = 32;

export type { PassRunner, PassWork } from "./passRunner.ts";

/** What a kernel sees: the population columns, the job-seeker list and the pass buffers. */
export interface SliceView {
  households: Households;
  firms: Firms;
  unemployed: Int32Array;
  work: PassWork;
}

/** A pass body over the households [start, end) of `block`, on `lane`. */
export type Kernel = (v: SliceView, lane: number, block: number, start: number, end: number) => void;

export function blockCountFor(n: number): number {
  return Math.max(1, Math.ceil(n / BLOCK_SIZE));
}

/** Number of agents pass `pass` runs over. */
export function passSize(view: SliceView, pass: number): number {
  if (PASS_OVER_FIRMS[pass]) return view.firms.n;
  return PASS_OVER_SEEKERS[pass] ? view.work.match.seekers[0] : view.households.n;
}

export function createPassWork(
  nHouseholds: number,
  nFirms: number,
  nBanks: number,
  lanes: number,
  shared: boolean,
  automation: boolean,
  simultaneousMatching = false,
): PassWork {
  const blocks = blockCountFor(nHouseholds);
  const finance = column(Float64Array, nFirms * FinRecord.stride, shared);
  // Both protocols gather the job seekers and apply the hires in passes over
  // the pool (markets/labourMatch.ts); its buffers grow with the pool (reserveSeekers).
  const perFirm = simultaneousMatching ? nFirms : 0;
  return {
    blocks,
    lanes,
    nBanks,
    nFirms,
    args: column(Float64Array, ARG_SLOTS, shared),
    blockSums: column(Float64Array, blocks * SUM_SLOTS, shared),
    blockFirmSums: column(Float64Array, blockCountFor(nFirms), shared),
    blockFirmBank: column(Float64Array, blockCountFor(nFirms) * 2 * nBanks, shared),
    blockBank: column(Float64Array, blocks * nBanks, shared),
    blockCensus: column(Float64Array, blocks * nBanks, shared),
    blockCensusSums: column(Float64Array, blocks * CensusSums.stride, shared),
    censusTick: -1,
    rationed: column(Int32Array, (nFirms >>> 5) + 1, shared),
    leaveProne: column(Int32Array, (nFirms >>> 5) + 1, shared),
    blockCount: column(Int32Array, blocks, shared),
    laneFirm: column(Float64Array, lanes * nFirms, shared),
    laneExposure: column(Int32Array, automation ? lanes * nFirms * EXPOSURE_BINS : 0, shared),
    laneIncomeCounts: column(Float64Array, lanes * INCOME_BINS, shared),
    laneIncomeSums: column(Float64Array, lanes * INCOME_BINS, shared),
    bankArgs: column(Float64Array, nBanks, shared),
    finance,
    firmFlows: column(Float64Array, FIRM_FLOW_SLOTS * nFirms, shared),
    supplierShareCdf: column(Float64Array, nFirms, shared),
    financeSlot: column(Int32Array, nFirms, shared),
    financeInts: new Int32Array(finance.buffer, finance.byteOffset, 2 * finance.length),
    match: {
      ...seekerBuffers(0, shared, simultaneousMatching),
      simultaneous: simultaneousMatching,
      seekers: column(Int32Array, 1, shared),
      rank: column(Int32Array, perFirm, shared),
      vacancies: column(Int32Array, perFirm, shared),
      contacts: column(Int32Array, perFirm, shared),
      drawn: column(Int32Array, perFirm, shared),
      offers: column(Int32Array, perFirm, shared),
      wins: column(Int32Array, lanes * perFirm, shared),
      rankFirm: column(Int32Array, perFirm, shared),
      firmSums: column(
        Float64Array,
        simultaneousMatching ? blockCountFor(nFirms) * MATCH_FIRM_SLOTS : 0,
        shared,
      ),
    },
  };
}

/** The per-seeker buffers of PassWork.match, holding `capacity` job seekers. */
export type SeekerBuffers = Pick<
  PassWork["match"],
  "claim" | "reservationWage" | "mismatch" | "live" | "capacity"
>;

/**
 * Empty (zeroed) per-seeker buffers for `capacity` job seekers, on
 * SharedArrayBuffer when `shared`; the round list `live` only for the
 * simultaneous protocol (length 0 otherwise: the sequential one moves the
 * seekers themselves, markets/labour.ts hire).
 */
export function seekerBuffers(capacity: number, shared: boolean, simultaneous: boolean): SeekerBuffers {
  return {
    claim: column(Int32Array, capacity, shared),
    reservationWage: column(Float32Array, capacity, shared),
    mismatch: column(Uint8Array, capacity, shared),
    live: column(Int32Array, simultaneous ? capacity : 0, shared),
    capacity,
  };
}

/**
 * The per-seeker capacity to allocate for a pool of `seekers` among
 * `households`: a quarter more and a block, so that a pool that drifts up
 * month by month reallocates rarely, never more than the households.
 */
export function seekerCapacityFor(seekers: number, households: number): number {
  return Math.min(households, seekers + (seekers >> 2) + BLOCK_SIZE);
}

/**
 * PassRunner.reserveSeekers' new buffers: null when `match` already holds
 * `seekers`, else larger ones (seekerCapacityFor) to install.
 */
export function grownSeekerBuffers(
  match: SeekerBuffers & Pick<PassWork["match"], "simultaneous">,
  seekers: number,
  households: number,
  shared: boolean,
): SeekerBuffers | null {
  if (seekers <= match.capacity) return null;
  if (seekers > households) {
    throw new Error(`labour matching: ${seekers} job seekers among ${households} households`);
  }
  return seekerBuffers(seekerCapacityFor(seekers, households), shared, match.simultaneous);
}

/** Sets bit j of `work.rationed` for each firm j < count with fill[j] < 1, clears the others. */
export function markRationed(work: PassWork, fill: Float64Array, count: number): void {
  const bits = work.rationed;
  bits.fill(0);
  for (let j = 0; j < count; j++) if (fill[j] < 1) bits[j >>> 5] |= 1 << (j & 31);
}

/** Whether bit j of a firm bitset (rationed, leaveProne) is set. */
export function hasBit(bits: Int32Array, j: number): boolean {
  return (bits[j >>> 5] & (1 << (j & 31))) !== 0;
}

/** Quit draws at or above this need a worker's firm's leave probability only if that firm is leave-prone. */
export const LEAVE_SCREEN = 0.125;

/** Sets bit j of `work.leaveProne` for each firm j < count with leave[j] > LEAVE_SCREEN, clears the others. */
export function markLeaveProne(work: PassWork, leave: Float64Array, count: number): void {
  const bits = work.leaveProne;
  bits.fill(0);
  for (let j = 0; j < count; j++) if (leave[j] > LEAVE_SCREEN) bits[j >>> 5] |= 1 << (j & 31);
}

/** Sum of slot `slot` over all blocks, in block order. */
export function sumBlocks(work: PassWork, slot: number): number {
  let s = 0;
  for (let b = 0; b < work.blocks; b++) s += work.blockSums[b * SUM_SLOTS + slot];
  return s;
}

/** Sum of a pass over firms' per-block sums (blockFirmSums), in block order. */
export function sumFirmBlocks(work: PassWork): number {
  let s = 0;
  for (let b = 0; b < work.blockFirmSums.length; b++) s += work.blockFirmSums[b];
  return s;
}

/** Sum of census slot `slot` (CensusSum) over all blocks, in block order. */
export function sumCensus(work: PassWork, slot: number): number {
  const stride = CensusSums.stride;
  let s = 0;
  for (let b = 0; b < work.blocks; b++) s += work.blockCensusSums[b * stride + slot];
  return s;
}

/** `out[k]` = per-bank partials summed over all blocks, in block order (overwrites out). */
export function sumBlocksByBank(work: PassWork, out: Float64Array): void {
  const nb = work.nBanks;
  out.fill(0);
  for (let b = 0; b < work.blocks; b++) {
    const base = b * nb;
    for (let k = 0; k < nb; k++) out[k] += work.blockBank[base + k];
  }
}

/** `out[j]` = per-firm partials of all lanes for firms [0, count) (exact sums: any order gives the same). */
export function sumLanesByFirm(work: PassWork, out: Float64Array, count: number): void {
  const nf = work.nFirms;
  for (let j = 0; j < count; j++) {
    let s = 0;
    for (let l = 0; l < work.lanes; l++) s += work.laneFirm[l * nf + j];
    out[j] = s;
  }
}
