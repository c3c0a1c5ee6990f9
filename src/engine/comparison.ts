// Paired comparison of a sweep's points run on common random numbers
// (issue 19): every point ("arm") ran replication r on the same seed, so run
// r of arm B and run r of arm A form a pair that shares its pre-divergence
// economy. For each bust measure (engine/bust.ts, in every run's summary) it
// gives each arm's value with a 95 % interval and, for every arm against the
// first (the reference A), the paired difference B − A with a 95 % interval
// (means: Student t on the differences; binary outcomes: Newcombe's paired
// interval and McNemar's test) and the share of seeds where B is worse.
// Written by writeSweepResults (so by `spiral sweep`, `spiral merge` and
// `spiral compare` alike) to aggregates/comparison.json and comparison.csv,
// from the done/ records only — the same bytes for any worker count.

import { existsSync } from "node:fs";
import { join } from "node:path";
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from "hyparquet";
import {
  mcnemarTest,
  newcombePairedInterval,
  pairedMeanDifference,
  studentTQuantile,
  wilsonInterval,
} from "../analysis/index.ts";
import { writeFileAtomic } from "../io/atomicWrite.ts";
import { csvField, SERIES_PARQUET } from "../io/seriesWriter.ts";
import type {
  ArmDifference,
  ArmValue,
  ComparedArm,
  Comparison,
  MeasureComparison,
  MeasureUnit,
} from "./comparisonFormat.ts";
import type { RunSummary } from "./summary.ts";
import { AGGREGATES_DIR, RUNS_DIR, type RunRecord } from "./sweepLayout.ts";
import { keepsSeries, pointTitle, type SweepPlan } from "./sweepPlan.ts";
import { getAtPath } from "./sweepSpec.ts";

export const COMPARISON_JSON = "comparison.json";
export const COMPARISON_CSV = "comparison.csv";
/** Most points a sweep compares run by run (every arm against the first); more are left to the runs table. */
export const MAX_COMPARED_ARMS = 50;
/** An interval that rests on fewer runs than this gets a warning. */
export const FEW_RUNS = 10;
/** A binary measure that fires in at least this share of the runs of every arm is "saturated": it cannot tell arms apart. */
export const SATURATION = 0.95;
const Z_95 = 1.959964;

/** How a measure is read from a run's summary. */
export interface MeasureDefinition {
  key: string;
  label: string;
  kind: "binary" | "mean";
  /** Unit of a mean measure's values as stored: "decimal" (shown in %), "bp", "months", "years of output" (shown in %). */
  unit: MeasureUnit;
  /** Which direction is worse: a binary outcome is always worse when it happens. */
  worse: "higher" | "lower";
  /** The value of a run (binary: 0/1), NaN when undefined for it. */
  value: (s: RunSummary, bustThreshold: number) => number;
  /** What the measure is, in a sentence, for the report. */
  note: string;
}

const num = (s: RunSummary, path: string): number => {
  const v = getAtPath(s, path);
  return typeof v === "number" ? v : Number.NaN;
};
const flag = (x: number): number => (Number.isNaN(x) ? Number.NaN : x > 0 ? 1 : 0);

/** The bust measures compared, in table order. */
export const MEASURES: readonly MeasureDefinition[] = [
  {
    key: "bust",
    label: "Chain bust (valuation drawdown ≥ threshold)",
    kind: "binary",
    unit: "count",
    worse: "higher",
    value: (s, t) => {
      const d = num(s, "bust.valuationDrawdown");
      return Number.isNaN(d) ? d : d >= t ? 1 : 0;
    },
    note: "the chain's market value falls from its running peak by at least the threshold (bust.valuationDrawdown)",
  },
  ...(
    [
      ["neocloud", "Neocloud (downstream cloud) defaults"],
      ["legacyCloud", "Legacy cloud defaults"],
      ["hyperscaler", "Hyperscaler defaults"],
      ["chip", "Chip maker defaults"],
      ["modelLab", "AI lab defaults"],
    ] as const
  ).map(
    ([role, label]): MeasureDefinition => ({
      key: `default.${role}`,
      label,
      kind: "binary",
      unit: "count",
      worse: "higher",
      value: (s) => num(s, `bust.defaultByRole.${role}`),
      note: `a chain firm of role ${role} has a month of default after the chain's start`,
    }),
  ),
  {
    key: "anyChainDefault",
    label: "Any chain firm defaults",
    kind: "binary",
    unit: "count",
    worse: "higher",
    value: (s) => num(s, "bust.anyChainDefault"),
    note: "any chain firm has a month of default after the chain's start",
  },
  {
    key: "jobs",
    label: "Negative feedback reaches jobs",
    kind: "binary",
    unit: "count",
    worse: "higher",
    value: (s) => flag(num(s, "bust.negativeFeedbackJobsMonths")),
    note: "a month of negative feedback (credit, equity and investment falling) with unemployment ≥ 1 point above its chain-start level",
  },
  {
    key: "crisis",
    label: "Crisis (core thresholds)",
    kind: "binary",
    unit: "count",
    worse: "higher",
    value: (s) => flag(s.crisisEpisodes),
    note: "the core's crisis flag is set in some month after the burn-in (metrics.crisis*)",
  },
  {
    key: "valuationDrawdown",
    label: "Chain valuation drawdown from peak",
    kind: "mean",
    unit: "decimal",
    worse: "higher",
    value: (s) => num(s, "bust.valuationDrawdown"),
    note: "largest fall of the chain's market value from its running peak",
  },
  {
    key: "peakCdsBp",
    label: "Peak chain CDS index",
    kind: "mean",
    unit: "bp",
    worse: "higher",
    value: (s) => num(s, "bust.peakCdsBp"),
    note: "highest monthly chain CDS index after the chain's start",
  },
  {
    key: "peakUnemployment",
    label: "Peak unemployment",
    kind: "mean",
    unit: "decimal",
    worse: "higher",
    value: (s) => num(s, "bust.peakUnemployment"),
    note: "highest monthly unemployment rate after the chain's start",
  },
  {
    key: "negativeFeedbackJobsMonths",
    label: "Months of negative feedback reaching jobs",
    kind: "mean",
    unit: "months",
    worse: "higher",
    value: (s) => num(s, "bust.negativeFeedbackJobsMonths"),
    note: "months of negative feedback with unemployment ≥ 1 point above its chain-start level",
  },
  {
    key: "outputLoss",
    label: "Output loss below the pre-chain trend",
    kind: "mean",
    unit: "share of a year's output",
    worse: "higher",
    value: (s) => num(s, "bust.outputLoss"),
    note: "cumulative real-GDP shortfall below the log-linear trend of the 60 pre-chain months, in shares of a year's trend output",
  },
  {
    key: "gdpDrawdown",
    label: "Real GDP drawdown from peak",
    kind: "mean",
    unit: "decimal",
    worse: "higher",
    value: (s) => num(s, "bust.gdpDrawdown"),
    note: "largest fall of real GDP from its running peak after the chain's start",
  },
  {
    key: "monthsToFirstDefault",
    label: "Months to the first chain default",
    kind: "mean",
    unit: "months",
    worse: "lower",
    value: (s) => num(s, "bust.monthsToFirstDefault"),
    note: "months from the chain's start to its first default (pairs where both runs have one)",
  },
  {
    key: "crisisMonths",
    label: "Months in crisis",
    kind: "mean",
    unit: "months",
    worse: "higher",
    value: (s) => s.crisisMonths,
    note: "months with the core's crisis flag set after the burn-in",
  },
];

/**
 * The comparison of a plan's points from their records, in point order
 * (records[p][r] is point p's replication r, undefined if it has none).
 * @throws Error if the plan's seeds are not common (unpaired arms are not compared here).
 */
export function compareArms(
  plan: SweepPlan,
  records: readonly (readonly (RunRecord | undefined)[])[],
): Comparison {
  const spec = plan.spec;
  if (spec.seeds !== "common") throw new Error("compareArms: the sweep's seeds are not common");
  const summaries = records.map((runs) =>
    runs.map((r) => (r?.status === "completed" && r.summary ? r.summary : undefined)),
  );
  const arms = plan.points.map((point, p) => ({
    pointId: point.id,
    label: pointTitle(spec, point) || point.id,
    runs: spec.replications,
    completed: summaries[p].filter((s) => s !== undefined).length,
    atChainStart: startingConditions(summaries[p]),
  }));
  const measures = MEASURES.map((m) => compareMeasure(m, summaries, spec.bustThreshold));
  const warnings: string[] = [];
  const saturated = measures.filter((m) => m.saturated).map((m) => m.label);
  if (saturated.length > 0) {
    warnings.push(
      `saturated (fires in ≥ ${Math.round(SATURATION * 100)} % of the runs of every arm, so it cannot tell them apart): ${saturated.join("; ")}`,
    );
  }
  const fewest = Math.min(...arms.map((a) => a.completed));
  if (fewest < FEW_RUNS) {
    warnings.push(
      `intervals rest on ${fewest} run${fewest === 1 ? "" : "s"} per arm (fewer than ${FEW_RUNS}): treat them as rough; run more seeds`,
    );
  }
  const failed = arms.filter((a) => a.completed < a.runs);
  if (failed.length > 0) {
    warnings.push(
      `failed runs: ${failed.map((a) => `${a.label} ${a.runs - a.completed} of ${a.runs}`).join(", ")} — their pairs are left out`,
    );
  }
  return {
    sweep: spec.name,
    confidence: 0.95,
    seeds: "common",
    bustThreshold: spec.bustThreshold,
    replications: spec.replications,
    arms,
    measures,
    warnings,
  };
}

/** Figures of bust.atChainStart, in the order the report shows them. */
export const STARTING_FIGURES = [
  "unemploymentRate",
  "inflationYoY",
  "policyRate",
  "gdpNominalUsdBn",
  "equityMarketCapUsdBn",
  "aiChainMarketCapUsdBn",
] as const;

/** Median, 5 % and 95 % of each starting figure over an arm's runs. */
function startingConditions(runs: readonly (RunSummary | undefined)[]): ComparedArm["atChainStart"] {
  const out: ComparedArm["atChainStart"] = {};
  for (const figure of STARTING_FIGURES) {
    const values = runs
      .map((s) => (s === undefined ? Number.NaN : num(s, `bust.atChainStart.${figure}`)))
      .filter((x) => Number.isFinite(x))
      .sort((a, b) => a - b);
    out[figure] =
      values.length === 0
        ? null
        : {
            median: quantileSorted(values, 0.5),
            q05: quantileSorted(values, 0.05),
            q95: quantileSorted(values, 0.95),
          };
  }
  return out;
}

/** Linear-interpolation quantile of sorted values (type 7, as R and numpy). */
function quantileSorted(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * One measure over paired arms: summaries[p][r] is arm p's run on seed r
 * (undefined for a failed run). Each arm's value with a 95 % interval
 * (Wilson for outcomes, t for means) and, for every arm after the first, the
 * paired difference against arm 0 (Newcombe and McNemar for outcomes, paired
 * t for means). Shared with engine/attribution.ts.
 */
export function compareMeasure(
  m: MeasureDefinition,
  summaries: readonly (readonly (RunSummary | undefined)[])[],
  threshold: number,
): MeasureComparison {
  const values = summaries.map((runs) =>
    runs.map((s) => (s === undefined ? Number.NaN : m.value(s, threshold))),
  );
  const arms = values.map((v) => (m.kind === "binary" ? binaryArm(v) : meanArm(v)));
  const differences: ArmDifference[] = [];
  for (let b = 1; b < values.length; b++) {
    differences.push(
      m.kind === "binary"
        ? binaryDifference(values[0], values[b], b)
        : meanDifference(m, values[0], values[b], b),
    );
  }
  const saturated = m.kind === "binary" && arms.every((a) => a.n > 0 && a.estimate >= SATURATION);
  const fewRuns = arms.some((a) => a.n < FEW_RUNS) || differences.some((d) => d.n < FEW_RUNS);
  return {
    key: m.key,
    label: m.label.replace("≥ threshold", `≥ ${Math.round(threshold * 100)} %`),
    kind: m.kind,
    unit: m.unit,
    worse: m.worse,
    note: m.note,
    arms,
    differences,
    saturated,
    fewRuns,
  };
}

function binaryArm(v: readonly number[]): ArmValue {
  const known = v.filter((x) => !Number.isNaN(x));
  const count = known.filter((x) => x > 0).length;
  const ci = wilsonInterval(count, known.length, Z_95);
  return { n: known.length, count, ...ci };
}

function meanArm(v: readonly number[]): ArmValue {
  const known = v.filter((x) => !Number.isNaN(x)).sort((x, y) => x - y);
  const n = known.length;
  if (n === 0) return { n, estimate: Number.NaN, lower: Number.NaN, upper: Number.NaN, median: Number.NaN };
  const mean = known.reduce((s, x) => s + x, 0) / n;
  const median = n % 2 === 1 ? known[(n - 1) / 2] : (known[n / 2 - 1] + known[n / 2]) / 2;
  if (n === 1) return { n, estimate: mean, lower: Number.NaN, upper: Number.NaN, median };
  const sd = Math.sqrt(known.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  const half = (studentTQuantile(0.975, n - 1) * sd) / Math.sqrt(n);
  return { n, estimate: mean, lower: mean - half, upper: mean + half, median };
}

function binaryDifference(a: readonly number[], b: readonly number[], arm: number): ArmDifference {
  const table = { a: 0, b: 0, c: 0, d: 0 };
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) || Number.isNaN(b[i])) continue;
    const inA = a[i] > 0;
    const inB = b[i] > 0;
    if (inA && inB) table.a++;
    else if (inA) table.b++;
    else if (inB) table.c++;
    else table.d++;
  }
  const n = table.a + table.b + table.c + table.d;
  const ci = newcombePairedInterval(table, Z_95);
  const test = mcnemarTest(table.b, table.c);
  return {
    arm,
    n,
    ...ci,
    shareWorse: n > 0 ? table.c / n : Number.NaN,
    shareBetter: n > 0 ? table.b / n : Number.NaN,
    pValue: test.pValue,
    test: test.method === "exact" ? "McNemar, exact binomial" : "McNemar, χ² with continuity correction",
    table,
  };
}

function meanDifference(
  m: MeasureDefinition,
  a: readonly number[],
  b: readonly number[],
  arm: number,
): ArmDifference {
  const d = pairedMeanDifference(a, b, 0.95);
  let worse = 0;
  let better = 0;
  for (let i = 0; i < a.length; i++) {
    const x = b[i] - a[i];
    if (!Number.isFinite(x) || x === 0) continue;
    if (x > 0 === (m.worse === "higher")) worse++;
    else better++;
  }
  return {
    arm,
    n: d.n,
    estimate: d.estimate,
    lower: d.lower,
    upper: d.upper,
    shareWorse: d.n > 0 ? worse / d.n : Number.NaN,
    shareBetter: d.n > 0 ? better / d.n : Number.NaN,
  };
}

/** The comparison as CSV: one row per measure and arm B against the reference A. */
export function comparisonCsv(c: Comparison): string {
  const header = [
    "measure",
    "label",
    "kind",
    "unit",
    "armA",
    "armB",
    "nA",
    "valueA",
    "lowerA",
    "upperA",
    "nB",
    "valueB",
    "lowerB",
    "upperB",
    "pairs",
    "differenceBminusA",
    "differenceLower",
    "differenceUpper",
    "pValue",
    "test",
    "shareSeedsBWorse",
    "shareSeedsBBetter",
    "saturated",
    "fewRuns",
  ];
  const rows = [header.join(",")];
  const n = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? "" : String(x));
  for (const m of c.measures) {
    for (const d of m.differences) {
      const a = m.arms[0];
      const b = m.arms[d.arm];
      rows.push(
        [
          m.key,
          csvField(m.label),
          m.kind,
          csvField(m.kind === "binary" ? "probability" : m.unit),
          csvField(c.arms[0].label),
          csvField(c.arms[d.arm].label),
          n(a.n),
          n(a.estimate),
          n(a.lower),
          n(a.upper),
          n(b.n),
          n(b.estimate),
          n(b.lower),
          n(b.upper),
          n(d.n),
          n(d.estimate),
          n(d.lower),
          n(d.upper),
          n(d.pValue),
          csvField(d.test ?? ""),
          n(d.shareWorse),
          n(d.shareBetter),
          String(m.saturated),
          String(m.fewRuns),
        ].join(","),
      );
    }
  }
  return `${rows.join("\n")}\n`;
}

/** Series whose paired differences over time the comparison writes (those the runs have). */
export const DIFFERENCE_COLUMNS = [
  "unemploymentRate",
  "gdpReal",
  "inflationYoY",
  "policyRate",
  "marketCapAiChain",
  "cdsIndexAiChainBp",
  "aiCapex",
  "chainDefaults",
  "equityMarketCap",
  "creditToFirms",
  "avgLoanRate",
  "bankCapitalRatio",
] as const;

/** aggregates/difference-<pointId of B>.csv: the paired difference series of arm B against the reference. */
export function differenceFile(pointId: string): string {
  return `difference-${pointId}.csv`;
}

/**
 * For every arm B after the first: per tick and series, the mean over the
 * seeds of (B's run − A's run on the same seed) with a 95 % t interval, from
 * the runs whose series were kept in both arms. Writes
 * aggregates/difference-<pointId>.csv (tick, date, pairs, then
 * <column>_mean, _lower, _upper) and returns the files written (relative to
 * the sweep folder); none where fewer than two pairs kept series.
 */
export async function writeDifferenceSeries(
  dir: string,
  plan: SweepPlan,
  records: readonly (readonly (RunRecord | undefined)[])[],
): Promise<string[]> {
  const kept = (p: number, r: number): string | undefined => {
    const record = records[p]?.[r];
    if (record?.status !== "completed" || !keepsSeries(plan, record.runId)) return undefined;
    const path = join(dir, RUNS_DIR, record.runId, SERIES_PARQUET);
    return existsSync(path) ? path : undefined;
  };
  const written: string[] = [];
  for (let b = 1; b < plan.points.length; b++) {
    const pairs: [string, string][] = [];
    for (let r = 0; r < plan.spec.replications; r++) {
      const pa = kept(0, r);
      const pb = kept(b, r);
      if (pa !== undefined && pb !== undefined) pairs.push([pa, pb]);
    }
    if (pairs.length < 2) continue;
    const first = await readColumns(pairs[0][0], ["tick", "date", ...DIFFERENCE_COLUMNS]);
    const columns = DIFFERENCE_COLUMNS.filter((c) => first[c] !== undefined);
    const ticks = first.tick as number[];
    const dates = first.date as string[] | undefined;
    const diffs = columns.map(() => ticks.map(() => [] as number[]));
    for (const [pa, pb] of pairs) {
      const [a, bb] = await Promise.all([readColumns(pa, columns), readColumns(pb, columns)]);
      columns.forEach((c, k) => {
        const xa = a[c] as number[];
        const xb = bb[c] as number[];
        for (let t = 0; t < ticks.length && t < xa.length && t < xb.length; t++)
          diffs[k][t].push(xb[t] - xa[t]);
      });
    }
    const header = [
      "tick",
      "date",
      "pairs",
      ...columns.flatMap((c) => [`${c}_mean`, `${c}_lower`, `${c}_upper`]),
    ];
    const lines = [header.join(",")];
    for (let t = 0; t < ticks.length; t++) {
      const cells: string[] = [String(ticks[t]), csvField(dates?.[t] ?? ""), String(pairs.length)];
      columns.forEach((_, k) => {
        const d = diffs[k][t];
        const stats = pairedMeanDifference(new Float64Array(d.length), Float64Array.from(d));
        for (const x of [stats.estimate, stats.lower, stats.upper])
          cells.push(Number.isFinite(x) ? String(x) : "");
      });
      lines.push(cells.join(","));
    }
    const file = differenceFile(plan.points[b].id);
    writeFileAtomic(join(dir, AGGREGATES_DIR, file), `${lines.join("\n")}\n`);
    written.push(`${AGGREGATES_DIR}/${file}`);
  }
  return written;
}

/** Chosen columns of a run's series.parquet (those it has), numbers as numbers and the date as text. */
async function readColumns(path: string, names: readonly string[]): Promise<Record<string, unknown[]>> {
  const file = await asyncBufferFromFile(path);
  const metadata = await parquetMetadataAsync(file);
  const present = new Set(metadata.schema.slice(1).map((s) => s.name));
  const wanted = names.filter((n) => present.has(n));
  const rows = await parquetReadObjects({ file, metadata, columns: wanted });
  const out: Record<string, unknown[]> = {};
  for (const name of wanted)
    out[name] = rows.map((row) => (name === "date" ? String(row[name]) : Number(row[name])));
  return out;
}
