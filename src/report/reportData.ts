// The numbers behind the time charts, in display units: one row per month
// with the fractional year (the x axis), the date (for tooltips) and one
// field per plotted line; plus the negative-feedback phases and crisis
// episodes as year intervals for the shading.
import type { RunFolder } from "./runFolder.ts";
import { type ResolvedSection, RUN_SECTIONS, resolveSections } from "./sections.ts";

/** A run of consecutive months, as years [start, end) for the chart and dates for people. */
export interface Interval {
  /** Fractional year of the first month's start. */
  start: number;
  /** Fractional year of the last month's end. */
  end: number;
  from: string;
  to: string;
}

export interface ReportData {
  /** Column-wise: `year`, `date` and one field per line (`s0`, `s1`, …), all of the run's length. */
  columns: Record<string, (number | string)[]>;
  phases: Interval[];
  crises: Interval[];
  /** [start of first month, end of last month] in fractional years. */
  years: [number, number];
}

/** Significant digits kept in the page: far beyond what a chart or tooltip shows, and a smaller file. */
const DIGITS = 7;

/**
 * The data table of the report's charts from the run's series.
 * @example buildReportData(readRunFolder(dir), resolveSections(RUN_SECTIONS, columns)).phases
 */
export function buildReportData(run: RunFolder, sections: readonly ResolvedSection[]): ReportData {
  // Charts start a year before the burn-in ends: the burn-in is the economy
  // settling from its initial balance sheet (and, in the scenarios, the
  // years before the AI chain acts), so most of it would be flat lines.
  const from = chartStart(run);
  const dates = run.dates.slice(from);
  const n = dates.length;
  const year = dates.map((d) => yearOfDate(d));
  const columns: Record<string, (number | string)[]> = { year, date: dates };
  for (const section of sections) {
    for (const chart of section.charts) {
      for (const s of chart.series) {
        if (columns[s.field] !== undefined) continue;
        const source = run.series[s.column]!.subarray(from);
        columns[s.field] = Array.from(source, (v) => round(v * s.unit.factor));
      }
    }
  }
  const phase = run.series.phase?.subarray(from);
  const crisis = run.series.crisis?.subarray(from);
  return {
    columns,
    phases: phase ? intervals(phase, (v) => v < 0, dates) : [],
    crises: crisis ? intervals(crisis, (v) => v !== 0, dates) : [],
    years: n > 0 ? [year[0]!, yearOfDate(dates[n - 1]!, "end")] : [0, 1],
  };
}

/** First month charted: 12 months before the end of the burn-in (0 for a short burn-in or an unknown one). */
export function chartStart(run: RunFolder): number {
  const burnIn = run.summary?.burnInTicks ?? 0;
  const from = burnIn - 12;
  return from > 0 && from < run.dates.length - 12 ? from : 0;
}

/** The run report's sections and charts that the run has data for. */
export function runSections(run: RunFolder): ResolvedSection[] {
  const allZero = new Set<string>();
  for (const [name, values] of Object.entries(run.series))
    if (values.every((v) => v === 0)) allZero.add(name);
  return resolveSections(RUN_SECTIONS, run.columns, allZero);
}

/** Rows (one object per month) from the column-wise table, as Vega wants them. */
export function rowsOf(columns: Record<string, (number | string)[]>): Record<string, number | string>[] {
  const names = Object.keys(columns);
  const n = columns[names[0]!]?.length ?? 0;
  const rows: Record<string, number | string>[] = [];
  for (let i = 0; i < n; i++) {
    const row: Record<string, number | string> = {};
    for (const name of names) row[name] = columns[name]![i]!;
    rows.push(row);
  }
  return rows;
}

/** "2031-04" → 2031.25, the start of April (or 2031 + 4/12, its end). */
export function yearOfDate(date: string, at: "start" | "end" = "start"): number {
  const match = /^(\d{4})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`report: date "${date}" is not YYYY-MM`);
  return Number(match[1]) + (Number(match[2]) - (at === "start" ? 1 : 0)) / 12;
}

/** The runs of consecutive months where `test(flag)` holds. */
export function intervals(
  flag: ArrayLike<number>,
  test: (v: number) => boolean,
  dates: string[],
): Interval[] {
  const found: Interval[] = [];
  let first = -1;
  for (let i = 0; i <= flag.length; i++) {
    const on = i < flag.length && test(flag[i]!);
    if (on && first < 0) first = i;
    if (!on && first >= 0) {
      found.push({
        start: yearOfDate(dates[first]!),
        end: yearOfDate(dates[i - 1]!, "end"),
        from: dates[first]!,
        to: dates[i - 1]!,
      });
      first = -1;
    }
  }
  return found;
}

function round(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(DIGITS)) : x;
}
