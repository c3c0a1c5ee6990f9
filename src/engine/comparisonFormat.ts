// Types and text of a paired comparison (engine/comparison.ts computes it):
// the printed table of `spiral compare` and the numbers of the comparison
// report. Plain data in, text out; imports nothing heavy, so the report can
// use it without loading the sweep engine.

/** Unit of a mean measure's values as stored: decimals (shown in %), bp, months, counts. */
export type MeasureUnit = "decimal" | "bp" | "months" | "share of a year's output" | "count";

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
  kind: "binary" | "mean";
  unit: MeasureUnit;
  worse: "higher" | "lower";
  note: string;
  arms: ArmValue[];
  differences: ArmDifference[];
  /** binary: fires in ≥ SATURATION of the runs of every arm. */
  saturated: boolean;
  /** Some interval rests on fewer than FEW_RUNS runs. */
  fewRuns: boolean;
}

/** One arm: a sweep point, with the economy in the chain's first month over its runs. */
export interface ComparedArm {
  pointId: string;
  label: string;
  runs: number;
  completed: number;
  /** Median, 5 % and 95 % over the arm's runs of each figure of bust.atChainStart (null without the chain). */
  atChainStart: Record<string, { median: number; q05: number; q95: number } | null>;
}

export interface Comparison {
  sweep: string;
  confidence: number;
  seeds: "common";
  bustThreshold: number;
  replications: number;
  arms: ComparedArm[];
  measures: MeasureComparison[];
  warnings: string[];
}

/** How a measure's values are shown: "%" (shares and decimals × 100), "bp", or plain (months, counts). */
function scaleOf(unit: MeasureUnit | "probability"): {
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
  if (!signed) return text;
  // "±" only for an exact zero; a bound that rounds to zero keeps its side.
  return x === 0 ? `±${text}` : x < 0 ? `−${text}` : `+${text}`;
}

/** A value of a measure as text: "12.3 %", "1366 bp", "4.0". */
export function formatValue(unit: MeasureUnit | "probability", x: number, digits = 1): string {
  if (!Number.isFinite(x)) return "–";
  const { factor, suffix } = scaleOf(unit);
  return `${fixed(x * factor, unit === "bp" ? 0 : digits)}${suffix}`;
}

/** A difference as text: "+12.3 pp", "−480 bp", "+2.0". */
export function formatDifference(unit: MeasureUnit | "probability", x: number, digits = 1): string {
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
