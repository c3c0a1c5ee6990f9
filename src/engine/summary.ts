// The headline results of one run (`summary.json`): a handful of numbers a
// researcher reads first and a sweep tabulates per run. Computed from the
// monthly series after the burn-in, so the settling of the initial balance
// sheet never counts. Pure: columns in, plain data out.
import { findRecessions, toQuarterly } from "../analysis/index.ts";
import { type BustInfo, type BustMeasures, bustMeasures } from "./bust.ts";

/** Series columns `summarizeSeries` reads. */
export const SUMMARY_COLUMNS = [
  "unemploymentRate",
  "inflationYoY",
  "gdpReal",
  "gdpNominal",
  "govDebt",
  "crisis",
  "phase",
  "firmDefaults",
  "bankFailures",
] as const;

export type SummaryColumn = (typeof SUMMARY_COLUMNS)[number];

/** Columns the summary uses when the run has them (firmExits: the core since stop 32; not Lengnick). */
export const OPTIONAL_SUMMARY_COLUMNS = ["firmExits"] as const;

/** Columns of the AI chain the summary adds when the run has them (the chain switched on). */
export const CHAIN_SUMMARY_COLUMNS = [
  "cdsIndexAiChainBp",
  "chainDefaults",
  "marketCapAiChain",
  "aiCapex",
] as const;

/**
 * Headline figures of a run. Rates are decimals (0.05 = 5 %). A figure that
 * is undefined for the run (no month after the burn-in, fewer than two
 * quarters for growth) is null.
 */
export interface RunSummary {
  name: string;
  seed: number;
  ticks: number;
  burnInTicks: number;
  /** Months after the burn-in that the figures below cover: ticks − burnInTicks, at least 0. */
  monthsAnalysed: number;
  /** Monthly unemployment rate over the analysed months. */
  unemploymentRate: { mean: number | null; min: number | null; max: number | null };
  /** Mean of the monthly year-on-year consumer-price inflation. */
  inflationMean: number | null;
  /**
   * Real GDP growth per year: the compound annual rate between the first and
   * the last complete quarter (quarterly means of the monthly annual-rate GDP).
   */
  gdpRealGrowthYearly: number | null;
  /** Months with the crisis flag set. */
  crisisMonths: number;
  /** Separate runs of crisis months. */
  crisisEpisodes: number;
  /** Bankruptcies of simulated firms over the analysed months. */
  firmDefaults: number;
  /** Voluntary exits (firms.exit; series firmExits) over the analysed months; null when the run has no such column (Lengnick, runs before stop 32). */
  firmExits: number | null;
  bankFailures: number;
  /** Share of analysed months in the positive (+1) and negative (−1) feedback phase. */
  phaseShare: { positive: number | null; negative: number | null };
  /** Government debt / nominal GDP (annual rate) in the last month. */
  govDebtToGdpFinal: number | null;
  /** Recessions (≥ 2 consecutive quarters of falling real GDP, analysis/findRecessions). */
  recessions: number;
  /** The AI chain over the analysed months, when the run has it (null otherwise). */
  aiChain: {
    /** Highest monthly chain CDS index, bp. */
    peakCdsIndexBp: number;
    /** Chain-firm defaults. */
    defaults: number;
    /** Chain market capitalisation at the first analysed month, its peak and the last month, USD bn. */
    marketCapStartUsdBn: number;
    marketCapPeakUsdBn: number;
    marketCapEndUsdBn: number;
    /** Highest chain capex, USD bn a year. */
    capexPeakUsdBnYearly: number;
  } | null;
  /**
   * Bust measures over the months from the chain's start (engine/bust.ts):
   * default by role, valuation drawdown, negative feedback reaching jobs,
   * peaks, output loss, time to the first default. Null without the chain.
   */
  bust: BustMeasures | null;
}

export interface SummaryInfo {
  name: string;
  seed: number;
  burnInTicks: number;
  /** Ticks per quarter. Default 3 (one tick = one month). */
  ticksPerQuarter?: number;
  /** The chain's start and firms, for the bust measures (the columns of bust.ts BUST_COLUMNS must be given too). */
  chain?: BustInfo;
}

/**
 * Summarises a run from its monthly series columns (all of one length, the
 * run's ticks; element i is tick i + 1).
 * @example summarizeSeries(columns, { name: "baseline", seed: 1, burnInTicks: 120 }).recessions
 * @throws Error if a column of SUMMARY_COLUMNS is missing or the columns differ in length.
 */
export function summarizeSeries(
  columns: Readonly<Record<SummaryColumn, ArrayLike<number>>> &
    Partial<
      Record<
        (typeof CHAIN_SUMMARY_COLUMNS)[number] | (typeof OPTIONAL_SUMMARY_COLUMNS)[number],
        ArrayLike<number>
      >
    >,
  info: SummaryInfo,
): RunSummary {
  const ticks = columns.gdpReal?.length ?? 0;
  for (const name of SUMMARY_COLUMNS) {
    const column = columns[name];
    if (column === undefined) throw new Error(`summarizeSeries: column "${name}" is missing`);
    if (column.length !== ticks) {
      throw new Error(`summarizeSeries: column "${name}" has ${column.length} values, expected ${ticks}`);
    }
  }
  const start = Math.min(ticks, Math.max(0, info.burnInTicks));
  const months = ticks - start;
  const after = (column: ArrayLike<number>): Float64Array => Float64Array.from(column).subarray(start);
  const window = (name: SummaryColumn): Float64Array => after(columns[name]);

  const unemployment = window("unemploymentRate");
  const crisis = window("crisis");
  const phase = window("phase");
  let crisisMonths = 0;
  let crisisEpisodes = 0;
  let positive = 0;
  let negative = 0;
  for (let i = 0; i < months; i++) {
    if (crisis[i] !== 0) {
      crisisMonths++;
      if (i === 0 || crisis[i - 1] === 0) crisisEpisodes++;
    }
    if (phase[i] > 0) positive++;
    else if (phase[i] < 0) negative++;
  }

  const gdpQuarterly = toQuarterly(window("gdpReal"), info.ticksPerQuarter ?? 3, "mean");
  const quarters = gdpQuarterly.length;
  const growth =
    quarters >= 2 ? (gdpQuarterly[quarters - 1] / gdpQuarterly[0]) ** (4 / (quarters - 1)) - 1 : null;
  const last = ticks - 1;

  return {
    name: info.name,
    seed: info.seed,
    ticks,
    burnInTicks: info.burnInTicks,
    monthsAnalysed: months,
    unemploymentRate: {
      mean: finiteOrNull(mean(unemployment)),
      min: months > 0 ? finiteOrNull(unemployment.reduce((a, b) => Math.min(a, b))) : null,
      max: months > 0 ? finiteOrNull(unemployment.reduce((a, b) => Math.max(a, b))) : null,
    },
    inflationMean: finiteOrNull(mean(window("inflationYoY"))),
    gdpRealGrowthYearly: finiteOrNull(growth),
    crisisMonths,
    crisisEpisodes,
    firmDefaults: sum(window("firmDefaults")),
    firmExits:
      columns.firmExits !== undefined && columns.firmExits.length === ticks
        ? sum(after(columns.firmExits))
        : null,
    bankFailures: sum(window("bankFailures")),
    phaseShare: {
      positive: months > 0 ? positive / months : null,
      negative: months > 0 ? negative / months : null,
    },
    govDebtToGdpFinal: months > 0 ? finiteOrNull(columns.govDebt[last] / columns.gdpNominal[last]) : null,
    recessions: quarters >= 2 ? findRecessions(gdpQuarterly, 2).length : 0,
    aiChain: chainSummary(columns, start, ticks),
    bust:
      info.chain !== undefined && columns.cdsIndexAiChainBp !== undefined
        ? bustMeasures(columns as unknown as Record<string, ArrayLike<number>>, info.chain)
        : null,
  };
}

function chainSummary(
  columns: Partial<Record<(typeof CHAIN_SUMMARY_COLUMNS)[number], ArrayLike<number>>>,
  start: number,
  ticks: number,
): RunSummary["aiChain"] {
  const { cdsIndexAiChainBp: cds, chainDefaults, marketCapAiChain: cap, aiCapex } = columns;
  if (!cds || !chainDefaults || !cap || !aiCapex || start >= ticks) return null;
  const w = (c: ArrayLike<number>) => Float64Array.from(c).subarray(start, ticks);
  const peak = (c: ArrayLike<number>) => w(c).reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
  return {
    peakCdsIndexBp: peak(cds),
    defaults: sum(w(chainDefaults)),
    marketCapStartUsdBn: cap[start],
    marketCapPeakUsdBn: peak(cap),
    marketCapEndUsdBn: cap[ticks - 1],
    capexPeakUsdBnYearly: peak(aiCapex),
  };
}

function sum(values: Float64Array): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

function mean(values: Float64Array): number | null {
  return values.length > 0 ? sum(values) / values.length : null;
}

/** JSON cannot hold NaN or ±Infinity; an undefined figure is null. */
function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}
