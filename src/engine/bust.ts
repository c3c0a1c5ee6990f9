// Bust measures of one run (issue 19): what a researcher asks of an AI-chain
// bust, computed from the monthly series the run already writes, over the
// months from the chain's start (aiChain.start, a calendar month) to the end of the run.
// Pure: columns in, plain data out. The summary (summary.json, and so every
// sweep record) carries them as `bust`; `spiral compare` and the sweep's
// comparison tables read them from there.
//
// The measures, per run:
//   defaultByRole.<role>    1 if a chain firm of that role (chip, hyperscaler,
//                           neocloud, legacyCloud, modelLab — the `role` of
//                           aiChain.firms) had a month of default after the
//                           chain's start, 0 if none did, null if the run has
//                           no firm of the role. Read from `<firm>_defaulted`.
//   anyChainDefault         1 if any chain firm defaulted (chainDefaults > 0).
//   chainDefaultMonths      firm-months of default (sum of chainDefaults).
//   monthsToFirstDefault    months from the chain's start to the first chain
//                           default, 1 = its first month; null if none.
//   valuationDrawdown       the largest fall of the chain's market value
//                           (marketCapAiChain) from its running peak, as a
//                           share of that peak (0.4 = −40 %); a bust is a
//                           drawdown at or above a threshold the comparison
//                           sets (default 40 %, --bust-threshold).
//   negativeFeedbackJobsMonths  months labelled negative feedback (phase −1:
//                           credit, equity value and investment falling
//                           together) while unemployment is ≥ 1 point above
//                           its level in the chain's first month — the
//                           definition of npm run bench:scenarios.
//   peakCdsBp               highest chain CDS index (cdsIndexAiChainBp), bp.
//   peakUnemployment        highest unemployment rate, decimal.
//   outputLoss              cumulative real-output shortfall below the
//                           pre-chain trend from the chain's start to the end
//                           of the run, in years of trend output (0.05 = 5 %
//                           of a year's output): Σ max(0, trend − actual)/trend
//                           over the months / 12 — a boom above trend does not
//                           offset the bust that follows it. The trend is the
//                           least-squares line through log real GDP over the
//                           60 months before the chain's start (null with
//                           fewer than 24). After Laeven & Valencia (2013),
//                           "Systemic banking crises database", IMF Econ. Rev.
//                           61(2) (trend − actual as % of trend, summed), over
//                           the whole horizon rather than their T … T+3 years,
//                           because the bust's date differs between runs.
//   gdpDrawdown             the largest fall of real GDP from its running
//                           peak after the chain's start, decimal.
//   atChainStart            the economy in the chain's first month, beside
//                           which the comparison report sets real late 2025.

import { monthIndex, monthOfIndex } from "../config/calendar.ts";
export const CHAIN_ROLES = ["neocloud", "legacyCloud", "hyperscaler", "chip", "modelLab"] as const;
export type ChainRole = (typeof CHAIN_ROLES)[number];

/** Series columns the bust measures read (besides the per-firm `<firm>_defaulted`). */
export const BUST_COLUMNS = [
  "unemploymentRate",
  "inflationYoY",
  "policyRate",
  "gdpReal",
  "gdpNominal",
  "phase",
  "marketCapTotal",
  "marketCapAiChain",
  "cdsIndexAiChainBp",
  "chainDefaults",
] as const;
export type BustColumn = (typeof BUST_COLUMNS)[number];

/** Months of real GDP before the chain's start that the output-loss trend is fitted to. */
export const OUTPUT_TREND_MONTHS = 60;
/** Fewest pre-chain months the trend needs; with fewer, outputLoss is null. */
export const OUTPUT_TREND_MIN_MONTHS = 24;
/** Unemployment rise over its chain-start level that counts as negative feedback reaching jobs. */
export const JOBS_RISE = 0.01;

export interface BustMeasures {
  /** The tick the chain starts acting (the tick of aiChain.start). */
  chainStartTick: number;
  /** Months from the chain's start to the end of the run. */
  monthsAfterStart: number;
  defaultByRole: Record<ChainRole, number | null>;
  anyChainDefault: number;
  chainDefaultMonths: number;
  monthsToFirstDefault: number | null;
  valuationDrawdown: number | null;
  negativeFeedbackJobsMonths: number;
  peakCdsBp: number | null;
  peakUnemployment: number | null;
  outputLoss: number | null;
  gdpDrawdown: number | null;
  atChainStart: {
    date: string | null;
    unemploymentRate: number | null;
    inflationYoY: number | null;
    policyRate: number | null;
    gdpNominalUsdBn: number | null;
    /** All equity: the non-AI sector plus the chain (marketCapTotal). */
    equityMarketCapUsdBn: number | null;
    aiChainMarketCapUsdBn: number | null;
  };
}

export interface BustInfo {
  /** The tick of aiChain.start (config/calendar.ts chainStartTick): element chainStartTick − 1 of a column is the chain's first month. */
  chainStartTick: number;
  /** The chain's firms in config order: their `<name>_defaulted` columns give default by role. */
  firms: readonly { name: string; role: string }[];
  /** The run's start date "YYYY-MM", to date the chain's first month. */
  startDate?: string;
}

/**
 * Bust measures of a run from its series columns (element i = tick i + 1).
 * @example bustMeasures(columns, { chainStartTick: 121, firms: config.aiChain.firms }).valuationDrawdown
 * @throws Error if a column of BUST_COLUMNS or a firm's `_defaulted` column is missing.
 */
export function bustMeasures(
  columns: Readonly<Record<string, ArrayLike<number>>>,
  info: BustInfo,
): BustMeasures {
  for (const name of BUST_COLUMNS) {
    if (columns[name] === undefined) throw new Error(`bustMeasures: column "${name}" is missing`);
  }
  const ticks = columns.gdpReal.length;
  const start = Math.max(0, info.chainStartTick - 1);
  const months = Math.max(0, ticks - start);
  const col = (name: BustColumn) => columns[name];

  const defaultByRole = Object.fromEntries(CHAIN_ROLES.map((r) => [r, null])) as Record<
    ChainRole,
    number | null
  >;
  for (const firm of info.firms) {
    if (!(CHAIN_ROLES as readonly string[]).includes(firm.role)) continue;
    const role = firm.role as ChainRole;
    const defaulted = columns[`${firm.name}_defaulted`];
    if (defaulted === undefined) throw new Error(`bustMeasures: column "${firm.name}_defaulted" is missing`);
    let hit = 0;
    for (let i = start; i < ticks; i++) if (defaulted[i] > 0) hit = 1;
    defaultByRole[role] = Math.max(defaultByRole[role] ?? 0, hit);
  }

  const defaults = col("chainDefaults");
  let chainDefaultMonths = 0;
  let firstDefault: number | null = null;
  for (let i = start; i < ticks; i++) {
    chainDefaultMonths += defaults[i];
    if (defaults[i] > 0 && firstDefault === null) firstDefault = i - start + 1;
  }

  const cap = col("marketCapAiChain");

  const u = col("unemploymentRate");
  const phase = col("phase");
  let jobsMonths = 0;
  for (let i = start; i < ticks; i++) if (phase[i] < 0 && u[i] >= u[start] + JOBS_RISE) jobsMonths++;

  const peak = (c: ArrayLike<number>): number | null => {
    let best = Number.NEGATIVE_INFINITY;
    for (let i = start; i < ticks; i++) best = Math.max(best, c[i]);
    return Number.isFinite(best) ? best : null;
  };
  const at = (name: BustColumn): number | null => (months > 0 ? finiteOrNull(col(name)[start]) : null);

  return {
    chainStartTick: info.chainStartTick,
    monthsAfterStart: months,
    defaultByRole,
    anyChainDefault: chainDefaultMonths > 0 ? 1 : 0,
    chainDefaultMonths,
    monthsToFirstDefault: firstDefault,
    valuationDrawdown: maxDrawdown(cap, start, ticks),
    negativeFeedbackJobsMonths: jobsMonths,
    peakCdsBp: peak(col("cdsIndexAiChainBp")),
    peakUnemployment: peak(u),
    outputLoss: outputLoss(col("gdpReal"), start),
    gdpDrawdown: maxDrawdown(col("gdpReal"), start, ticks),
    atChainStart: {
      date: months > 0 && info.startDate ? dateOfIndex(info.startDate, start) : null,
      unemploymentRate: at("unemploymentRate"),
      inflationYoY: at("inflationYoY"),
      policyRate: at("policyRate"),
      gdpNominalUsdBn: at("gdpNominal"),
      equityMarketCapUsdBn: at("marketCapTotal"),
      aiChainMarketCapUsdBn: at("marketCapAiChain"),
    },
  };
}

/**
 * The largest fall of a positive series from its running peak over
 * [start, end), as a share of the peak (0.4 = −40 %); null if the window is
 * empty or never positive.
 * @example maxDrawdown([1, 2, 1, 3, 1.5], 0, 5); // 0.5
 */
export function maxDrawdown(values: ArrayLike<number>, start: number, end: number): number | null {
  let peak = 0;
  let drawdown = 0;
  for (let i = Math.max(0, start); i < end; i++) {
    peak = Math.max(peak, values[i]);
    if (peak > 0) drawdown = Math.max(drawdown, 1 - values[i] / peak);
  }
  return peak > 0 ? drawdown : null;
}

/**
 * Cumulative shortfall of real GDP below its pre-`start` log-linear trend
 * from `start` to the end, months above trend counting zero, in years of
 * trend output; null with fewer than OUTPUT_TREND_MIN_MONTHS before `start`
 * or no month after it.
 * @example outputLoss(gdp, 120); // 0.031: 3.1 % of a year's trend output lost
 */
export function outputLoss(gdp: ArrayLike<number>, start: number): number | null {
  const from = Math.max(0, start - OUTPUT_TREND_MONTHS);
  const n = start - from;
  if (n < OUTPUT_TREND_MIN_MONTHS || gdp.length <= start) return null;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = from; i < start; i++) {
    if (!(gdp[i] > 0)) return null;
    const y = Math.log(gdp[i]);
    sx += i;
    sy += y;
    sxx += i * i;
    sxy += i * y;
  }
  const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  const intercept = (sy - slope * sx) / n;
  let gap = 0;
  for (let i = start; i < gdp.length; i++) {
    const trend = Math.exp(intercept + slope * i);
    gap += Math.max(0, (trend - gdp[i]) / trend);
  }
  return gap / 12;
}

/** "YYYY-MM" of the month `index` months after `startDate`. */
function dateOfIndex(startDate: string, index: number): string {
  return monthOfIndex(monthIndex(startDate) + index);
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
