// The pass runner's interface and its buffers (passes.ts defines the passes,
// kernels.ts the serial runner, engine/threads.ts the threaded one). In a
// module that imports only leaf modules (markets/creditRisk.ts imports
// nothing) so that state.ts can name the runner it holds without importing
// passes.ts, which imports state.ts. The runner also owns the serial phases'
// scratch buffers (SerialScratch).

import { createMertonResult, type MertonResult } from "./markets/creditRisk.ts";

/** Buffers a pass reads its inputs from and writes its partial results to (shared with workers). */
export interface PassWork {
  readonly blocks: number;
  /** Threads that may run blocks at once, each with its own per-firm accumulators. */
  readonly lanes: number;
  readonly nBanks: number;
  readonly nFirms: number;
  /** The pass's scalar inputs, written by the coordinator before the pass. */
  args: Float64Array;
  /** Per-block sums: blocks × SUM_SLOTS. */
  blockSums: Float64Array;
  /** The ledger's census sums per block: blocks × CensusSums.stride (passes.ts CensusSum). */
  blockCensusSums: Float64Array;
  /** Per-block sums of the passes over firms, one per block of firms (ledger.ts firmCensusKernel). */
  blockFirmSums: Float64Array;
  /** The firms' deposits, then loans, by bank, per block of firms: blocks of firms × 2 × nBanks (ledger.ts firmCensusKernel). */
  blockFirmBank: Float64Array;
  /** Per-block sums by bank: blocks × nBanks. */
  blockBank: Float64Array;
  /**
   * The ledger's census of household deposits by bank, per block (blocks ×
   * nBanks), taken after each block of the last pass that writes household
   * columns (the purchase pass; ledger.ts censusAfterPurchase) while the
   * block is in cache, so that the end-of-tick check need not read them again.
   * Valid for tick `censusTick` only (ledger.ts scanHouseholds).
   */
  blockCensus: Float64Array;
  /** The tick the census in blockCensus (and the census slots of blockSums) was taken at; -1 once stale. */
  censusTick: number;
  /**
   * Consumption firms that rationed their buyers (fill ratio < 1), one bit
   * each (markRationed). Households read it instead of the fill ratios: a
   * few kilobytes that stay in cache, where a fill-ratio read per household
   * is a cache miss at millions of households; only buyers of a rationed
   * firm then read its fill ratio.
   */
  rationed: Int32Array;
  /**
   * Firms whose workers leave with a probability above LEAVE_SCREEN, one bit
   * each (markLeaveProne): a worker whose quit draw is at least LEAVE_SCREEN
   * can stay without reading her firm's leave probability unless it is set.
   */
  leaveProne: Int32Array;
  /** Per-block counts. */
  blockCount: Int32Array;
  /** Per-lane sums by firm: lanes × nFirms (exact sums only). */
  laneFirm: Float64Array;
  /**
   * Per-lane counts of each firm's employees by exposure bin (lanes × nFirms
   * × EXPOSURE_BINS; integers, exact in any order) for automation layoffs
   * (agents/automation.ts selectLayoffs); empty when automation is off.
   */
  laneExposure: Int32Array;
  /** Per-lane household income histogram (agents/automation.ts incomeBin): counts and fixed-point sums, lanes × INCOME_BINS. */
  laneIncomeCounts: Float64Array;
  laneIncomeSums: Float64Array;
  /** The pass's per-bank inputs (nBanks; e.g. the banks' spreads for markets/credit.ts priceKernel), written by the coordinator. */
  bankArgs: Float64Array;
  /**
   * The firms' financing records (markets/financeRecord.ts FinRecord, nFirms
   * records), and an Int32 view of the same memory: written by the terms
   * pass, read and written by the serial visit in random order, read by the
   * write-back pass (markets/credit.ts financeFirms). Nothing in them
   * outlives the phase.
   */
  finance: Float64Array;
  financeInts: Int32Array;
  /**
   * Each firm's record in `finance`: its place in the visit's random order,
   * so that the serial visit reads the records in memory order (the passes
   * before and after it, spread over threads, take the random accesses).
   */
  financeSlot: Int32Array;
  /**
   * Values per firm handed between the passes over firms and a serial phase
   * (agents/firms.ts accountFirms: deposit interest, profit tax, cash flow,
   * profit after tax; FIRM_FLOWS per firm).
   */
  firmFlows: Float64Array;
  /**
   * The consumption firms' cumulative market shares (markets/supplierReferral.ts shareCdf), written by the
   * income phase before its pass when households.supplierReferralShare > 0, read by the households' supplier
   * choice; nFirms slots. Nothing in it outlives the phase.
   */
  supplierShareCdf: Float64Array;
  /** The simultaneous labour-matching protocol's buffers (markets/labourMatch.ts); empty under the sequential protocol. */
  match: MatchBuffers;
}

/**
 * The labour market's buffers (markets/labourMatch.ts), shared with the
 * workers: per job seeker (both protocols gather the pool into them and
 * apply the hires from them in passes), per firm and per block (the
 * simultaneous protocol only: empty, length 0, under the sequential one).
 * The per-firm and per-block ones are sized at the runner's creation; the
 * per-seeker ones (claim, reservationWage, mismatch, live) hold `capacity`
 * seekers, grown by PassRunner.reserveSeekers to the largest pool seen so
 * far and a quarter more — a few percent of the households in a normal
 * month, where a capacity of every household cost 13 bytes a household.
 * Nothing in them outlives the phase.
 */
export interface MatchBuffers {
  /**
   * Per seeker (pool position): the matching code of the offer she holds (round × firms ranked + rank), EMPTY_CLAIM
   * if none; under the sequential protocol, the firm that hired her (the hiring moves the hired seekers to the end of
   * the pool: markets/labour.ts hire).
   */
  claim: Int32Array;
  /** Per seeker: her reservation wage and skill mismatch, gathered in pool order. */
  reservationWage: Float32Array;
  mismatch: Uint8Array;
  /**
   * The pool positions of the seekers not hired in an earlier round, in pool order: the list a round's contacts are
   * drawn from. The simultaneous protocol's only (length 0 under the sequential one, whose hiring moves the seekers
   * themselves: markets/labour.ts hire).
   */
  live: Int32Array;
  /** Whether the buffers are the simultaneous protocol's (with `live` and the per-firm ones). */
  readonly simultaneous: boolean;
  /** Job seekers the per-seeker buffers hold (their length; at most the households). */
  capacity: number;
  /** [0]: the size of the passes over the pool (passes.ts PASS_OVER_SEEKERS): every seeker (gather, apply), or those in a round's list `live` (count). */
  seekers: Int32Array;
  /**
   * Per firm: its place in the round's random order (-1: no vacancy), the vacancies and contacts it has left, its
   * draws so far, its offers in the last round; per lane and firm (lanes × firms), the offers it won, counted by the
   * lane's thread without atomics and added over the lanes by the firm's pass (integers: any order gives the same).
   */
  rank: Int32Array;
  vacancies: Int32Array;
  contacts: Int32Array;
  drawn: Int32Array;
  offers: Int32Array;
  wins: Int32Array;
  /** Per rank: the firm. */
  rankFirm: Int32Array;
  /** Per block of firms: MATCH_FIRM_SLOTS sums (markets/labourMatch.ts MatchFirmSum). */
  firmSums: Float64Array;
}

/**
 * Buffers the serial phases reuse from tick to tick, grown on demand (never
 * per tick). Nothing in them outlives the phase that fills them, so a
 * checkpoint need not save them (engine/stateWalk.ts skips the runner) and a
 * resumed run grows them afresh; owned by the runner, not by a module, so
 * two models in one thread never share them.
 */
export interface SerialScratch {
  /** markets/goods.ts chainBuysGoods: what each chain firm wants to buy (settlement.ts chainGoodsDemand). */
  chainWants: {
    capital: Float64Array;
    consumption: Float64Array;
    chipInputs: Float64Array;
    imports: Float64Array;
    /** agents/aiChain/warmUp.ts: the chain's cash by source before a warm-up month, restored after it (n × SOURCE_COUNT). */
    sourceMix: Float64Array;
    /** agents/aiChain/warmUp.ts: each chain firm's deposit before a warm-up month. */
    cashBefore: Float64Array;
  };
  /** agents/aiChain/finance.ts firmDefaultProbability: the Merton solver's result record, reused each call. */
  merton: MertonResult;
}

/** Empty serial scratch: every buffer grows on first use. */
export function createSerialScratch(): SerialScratch {
  return {
    chainWants: {
      capital: new Float64Array(0),
      consumption: new Float64Array(0),
      chipInputs: new Float64Array(0),
      imports: new Float64Array(0),
      sourceMix: new Float64Array(0),
      cashBefore: new Float64Array(0),
    },
    merton: createMertonResult(),
  };
}

/** Runs a pass over every block and returns when all are done. */
export interface PassRunner {
  readonly work: PassWork;
  /** The serial phases' reusable buffers (carried over when the threaded runner replaces the serial one). */
  readonly scratch: SerialScratch;
  /** Number of threads the passes run on (1 for the serial runner). */
  readonly threads: number;
  run(pass: number): void;
  /**
   * Makes the per-seeker buffers (PassWork.match) hold at least `seekers`
   * job seekers: when they are smaller, replaces them by larger ones (their
   * contents are not kept: nothing in them outlives a phase) and hands the
   * new ones to the worker threads. Called before a pass over the pool.
   */
  reserveSeekers(seekers: number): void;
  /** Stops any worker threads. */
  close(): void;
}
