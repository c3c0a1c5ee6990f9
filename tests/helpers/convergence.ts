// The quantities of the population-size check (issue 16 item 5), measured on
// one run: mean unemployment after the chain's start, the peak chain CDS
// index after it, the chain's market cap five years in, and the share of
// months in crisis after it. Shared by `npm run bench:convergence` and
// tests/model.convergence.test.ts, and the paired-difference statistics both
// print or check.
import { chainStartTick } from "../../src/config/calendar.ts";
import { loadConfig } from "../../src/config/index.ts";
import { runInMemory } from "../../src/engine/index.ts";

/** The measured quantities, in the order they are printed. */
export const CONVERGENCE_QUANTITIES = [
  { key: "meanUnemployment", label: "mean unemployment after the start (%)", scale: 100 },
  { key: "peakCds", label: "peak chain CDS index (bp)", scale: 1 },
  { key: "marketCap5y", label: "chain market cap 5 years in ($ bn)", scale: 1 },
  { key: "crisisShare", label: "share of months in crisis (%)", scale: 100 },
] as const;

export type ConvergenceKey = (typeof CONVERGENCE_QUANTITIES)[number]["key"];
export type ConvergenceResult = Record<ConvergenceKey, number>;

export interface ConvergenceTask {
  scenario: string;
  households: number;
  seed: number;
  /** Months from the chain's start (the run is cut there); all of the scenario's when undefined. */
  months?: number;
  /** Extra `--set` assignments. */
  sets?: string[];
}

/** Months from the chain's start at which the market cap is read. */
export const MARKET_CAP_MONTH = 60;

/** Runs one scenario at one size and seed and measures the quantities. */
export function measureConvergence(task: ConvergenceTask): ConvergenceResult {
  const config = loadConfig(`configs/scenarios/${task.scenario}.json`, {
    sets: [`households.count=${task.households}`, `seed=${task.seed}`, ...(task.sets ?? [])],
  });
  // Index of the chain's first month in the series (index 0 is tick 1).
  const start = chainStartTick(config) - 1;
  if (task.months !== undefined) config.ticks = Math.min(config.ticks, start + task.months);
  const s = runInMemory(config).series;
  const after = (a: ArrayLike<number>) => Array.from(a).slice(start);
  const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
  const cap = after(s.marketCapAiChain);
  return {
    meanUnemployment: mean(after(s.unemploymentRate)),
    peakCds: Math.max(...after(s.cdsIndexAiChainBp)),
    marketCap5y: cap[Math.min(MARKET_CAP_MONTH, cap.length - 1)],
    crisisShare: mean(after(s.crisis)),
  };
}

export interface PairedDifference {
  meanSmall: number;
  meanLarge: number;
  /** Mean over seeds of large − small. */
  diff: number;
  /** Standard error of `diff`: sd of the paired differences / √seeds. */
  se: number;
}

/** Paired statistics of `large[i] − small[i]` over seeds. */
export function pairedDifference(small: number[], large: number[]): PairedDifference {
  const n = small.length;
  const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
  const d = small.map((x, i) => large[i] - x);
  const diff = mean(d);
  const variance = n > 1 ? d.reduce((s, x) => s + (x - diff) ** 2, 0) / (n - 1) : 0;
  return { meanSmall: mean(small), meanLarge: mean(large), diff, se: Math.sqrt(variance / n) };
}

/**
 * Whether a paired difference is within `k` standard errors. A difference of
 * exactly 0 passes (both sizes identical, e.g. no crisis at either); a
 * non-zero difference with a zero standard error (every seed moved by the same
 * amount) fails.
 */
export function withinStandardErrors(p: PairedDifference, k: number): boolean {
  if (p.diff === 0) return true;
  return Math.abs(p.diff) < k * p.se;
}
