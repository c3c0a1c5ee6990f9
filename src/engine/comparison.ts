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
import {
  mcnemarTest,
  newcombePairedInterval,
  pairedMeanDifference,
  studentTQuantile,
  wilsonInterval,
} from "../analysis/index.ts";
import { csvField } from "../io/seriesWriter.ts";
import type { RunSummary } from "./summary.ts";
import { pointTitle, type SweepPlan } from "./sweepPlan.ts";
import type { RunRecord } from "./sweepResults.ts";
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
  unit: "decimal" | "bp" | "months" | "share of a year's output" | "count";
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

export interface ArmValue {
  /** Runs with a value. */
  n: number;
  /** binary: share of runs; mean: the mean. */
  estimate: number;
  lower: number;
  upper: number;
  /** binary: runs where it happened. */
  count?: number;
  /** mean: the median. */
  median?: number;
}

export interface ArmDifference {
  /** Index of arm B (the reference is arm 0). */
  arm: number;
  /** Pairs with both values. */
  n: number;
  /** B − A: a difference in probability (binary) or of means. */
  estimate: number;
  lower: number;
  upper: number;
  /** Share of pairs where B is worse than A (binary: B yes, A no). */
  shareWorse: number;
  /** Share of pairs where B is better. */
  shareBetter: number;
  /** binary: McNemar's test. */
  pValue?: number;
  test?: string;
  /** binary: the paired table. */
  table?: { a: number; b: number; c: number; d: number };
}

export interface MeasureComparison {
  key: string;
  label: string;
  kind: MeasureDefinition["kind"];
  unit: MeasureDefinition["unit"];
  worse: MeasureDefinition["worse"];
  note: string;
  arms: ArmValue[];
  differences: ArmDifference[];
  /** binary: fires in ≥ SATURATION of the runs of every arm. */
  saturated: boolean;
  /** Some interval rests on fewer than FEW_RUNS runs. */
  fewRuns: boolean;
}

export interface Comparison {
  sweep: string;
  confidence: number;
  seeds: "common";
  bustThreshold: number;
  replications: number;
  arms: { pointId: string; label: string; runs: number; completed: number }[];
  measures: MeasureComparison[];
  warnings: string[];
}

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

function compareMeasure(
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

/** How a measure's values are shown: "%" (shares and decimals × 100), "bp", or plain (months, counts). */
function scaleOf(unit: MeasureDefinition["unit"] | "probability"): {
  factor: number;
  suffix: string;
  diffSuffix: string;
} {
  switch (unit) {
    case "probability":
    case "decimal":
    case "share of a year's output":
      return { factor: 100, suffix: " %", diffSuffix: " pp" };
    case "bp":
      return { factor: 1, suffix: " bp", diffSuffix: " bp" };
    default:
      return { factor: 1, suffix: "", diffSuffix: "" };
  }
}

/** A number with a true minus sign. */
function fixed(x: number, digits: number, signed = false): string {
  const text = Math.abs(x).toFixed(digits);
  const zero = Number(text) === 0;
  if (x < 0 && !zero) return `−${text}`;
  return signed ? (zero ? `±${text}` : `+${text}`) : text;
}

/** A value of a measure as text: "12.3 %", "1366 bp", "4.0". */
export function formatValue(unit: MeasureDefinition["unit"] | "probability", x: number, digits = 1): string {
  if (!Number.isFinite(x)) return "–";
  const { factor, suffix } = scaleOf(unit);
  return `${fixed(x * factor, unit === "bp" ? 0 : digits)}${suffix}`;
}

/** A difference as text: "+12.3 pp", "−480 bp", "+2.0". */
export function formatDifference(
  unit: MeasureDefinition["unit"] | "probability",
  x: number,
  digits = 1,
): string {
  if (!Number.isFinite(x)) return "–";
  const { factor, diffSuffix } = scaleOf(unit);
  return `${fixed(x * factor, unit === "bp" ? 0 : digits, true)}${diffSuffix}`;
}

/** "75 % [53, 89] (15/20)" or "1366 bp [1100, 1600]": an arm's value with its interval. */
export function formatArm(m: MeasureComparison, a: ArmValue): string {
  const unit = m.kind === "binary" ? "probability" : m.unit;
  const digits = m.kind === "binary" ? 0 : 1;
  if (a.n === 0) return "–";
  const { factor } = scaleOf(unit);
  const d = unit === "bp" ? 0 : digits;
  const bounds =
    Number.isFinite(a.lower) && Number.isFinite(a.upper)
      ? ` [${fixed(a.lower * factor, d)}, ${fixed(a.upper * factor, d)}]`
      : "";
  const count = m.kind === "binary" ? ` (${a.count}/${a.n})` : "";
  return `${formatValue(unit, a.estimate, digits)}${bounds}${count}`;
}

/** "−35 pp [−58, −8]": a paired difference with its interval. */
export function formatArmDifference(m: MeasureComparison, d: ArmDifference): string {
  const unit = m.kind === "binary" ? "probability" : m.unit;
  const digits = m.kind === "binary" ? 0 : 1;
  if (d.n === 0) return "–";
  const { factor } = scaleOf(unit);
  const dd = unit === "bp" ? 0 : digits;
  const bounds =
    Number.isFinite(d.lower) && Number.isFinite(d.upper)
      ? ` [${fixed(d.lower * factor, dd, true)}, ${fixed(d.upper * factor, dd, true)}]`
      : "";
  return `${formatDifference(unit, d.estimate, digits)}${bounds}`;
}

/** p-value as text: "0.003", "< 0.001". */
export function formatP(p: number | undefined): string {
  if (p === undefined || !Number.isFinite(p)) return "";
  return p < 0.001 ? "< 0.001" : p.toFixed(3);
}

/**
 * The comparison as a Markdown table: one row per measure and arm B, with
 * A's and B's values, B − A with its interval, McNemar's p and the share of
 * seeds where B is worse; saturated measures and few runs marked.
 */
export function comparisonTable(c: Comparison): string {
  const lines: string[] = [];
  for (let b = 1; b < c.arms.length; b++) {
    const A = c.arms[0].label;
    const B = c.arms[b].label;
    lines.push(
      `| measure (${c.replications} paired seeds) | A: ${A} | B: ${B} | B − A [95 % CI] | p (McNemar) | seeds where B is worse |`,
      "| --- | --- | --- | --- | --- | --- |",
    );
    for (const m of c.measures) {
      const d = m.differences[b - 1];
      const marks = `${m.saturated ? " (saturated)" : ""}${m.fewRuns ? " (< 10 runs)" : ""}`;
      lines.push(
        `| ${m.label}${marks} | ${formatArm(m, m.arms[0])} | ${formatArm(m, m.arms[b])} | ${formatArmDifference(m, d)} | ${formatP(d.pValue)} | ${Number.isFinite(d.shareWorse) ? `${Math.round(100 * d.shareWorse)} % of ${d.n}` : "–"} |`,
      );
    }
    lines.push("");
  }
  for (const w of c.warnings) lines.push(`warning: ${w}`);
  return `${lines.join("\n")}\n`;
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
