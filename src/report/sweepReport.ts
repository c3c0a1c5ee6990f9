// The sweep report: one self-contained report.html per sweep folder — a
// header (sweep, design, counts, command), crisis probability over two
// chosen parameters (a heatmap; points with whiskers for a one-parameter
// sweep) with Wilson intervals, fan charts of the key series for each point
// (a selector switches point), sensitivity bars when the design has them,
// the points' headline metrics and the table of runs with failures
// highlighted.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { TopLevelSpec } from "vega-lite";
import { studentTQuantile } from "../analysis/studentTQuantile.ts";
import { wilsonInterval } from "../analysis/wilsonInterval.ts";
import { InputError } from "../errors.ts";
import { writeFileAtomic } from "../io/atomicWrite.ts";
import { escapeHtml, footerHtml, reportPage, slug } from "./html.ts";
import { recordOutput } from "./manifestOutputs.ts";
import { rowsOf, yearOfDate } from "./reportData.ts";
import { REPORT_FILE } from "./runReport.ts";
import { RUN_SECTIONS } from "./sections.ts";
import { type FigureStyle, PAGE_STYLE, toVega } from "./specs.ts";
import { type PointAggregate, readPointBands, readSweepFolder, type SweepFolder } from "./sweepFolder.ts";
import {
  type CrisisCell,
  crisisSpec,
  fanChartSpec,
  type SensitivityBar,
  sensitivitySpec,
} from "./sweepSpecs.ts";
import { columnUnit, displayUnit } from "./units.ts";

/** The series shown as fan charts, in order, when the sweep kept them. */
export const FAN_COLUMNS = [
  "gdpReal",
  "unemploymentRate",
  "inflationYoY",
  "policyRate",
  "creditToFirms",
  "avgLoanRate",
  "equityMarketCap",
  "govDebt",
  "aiCapex",
  "marketCapAiChain",
  "cdsIndexAiChainBp",
  "chainDefaults",
  "gridCapacityGw",
  "automatedTaskShare",
  "electricityPrice",
  "strandedCapex",
  "laborShare",
] as const;

/** A parameter with more distinct values than this (a sampled design) is binned for the heatmap. */
const MAX_LEVELS = 8;
const BINS = 5;
/** Rows of the runs table shown in the page; the rest are in runs.csv. */
const MAX_TABLE_ROWS = 2000;
const Z_95 = 1.959964;

export interface SweepReportOptions {
  /** The two parameters (sweep paths) of the crisis heatmap; default the sweep's first two. */
  heatmap?: readonly [string, string];
}

export interface SweepReport {
  html: string;
  chartIds: string[];
}

/**
 * Writes `<dir>/report.html` for a sweep folder atomically and lists it in
 * the sweep's manifest. Returns the path.
 * @throws InputError if the sweep has not finished, or a heatmap parameter is not one of the sweep's.
 */
export function writeSweepReport(dir: string, options: SweepReportOptions = {}): string {
  const { html } = buildSweepReport(readSweepFolder(dir), options);
  const path = join(dir, REPORT_FILE);
  writeFileAtomic(path, html);
  recordOutput(dir, REPORT_FILE, html);
  return path;
}

interface PageChart {
  id: string;
  spec: unknown;
  /** The chart reads the selected point's bands. */
  bands?: boolean;
}

interface PagePoint {
  id: string;
  label: string;
  /** The point's values as readable text, joined: for figure file names. */
  values: string;
  /** Runs whose series the bands rest on. */
  runs: number;
  columns: Record<string, (number | string)[]>;
}

/** What the sweep's charts are drawn from. */
interface SweepCharts {
  xParam: string;
  yParam: string | undefined;
  cells: CrisisCell[];
  /** Points with kept series, each with its bands in display units (fields f<k>_q05 … f<k>_q95). */
  points: PagePoint[];
  /** The columns of the fan charts; column k is field prefix f<k>. */
  fanColumns: string[];
  /** The burn-in as [first month, end of its last month] in fractional years, if the manifest says. */
  burnIn?: [number, number];
  sensitivity: SensitivityCharts;
}

function sweepCharts(sweep: SweepFolder, options: SweepReportOptions): SweepCharts {
  const agg = sweep.aggregates;
  const [xParam, yParam] = heatmapParameters(agg.parameters, options.heatmap);
  const points: PagePoint[] = [];
  let fanColumns: string[] = [];
  for (const point of agg.points) {
    const bands = readPointBands(sweep.dir, point);
    if (bands === null) continue;
    // A series that is zero in every month of the first point's runs (automation off, no chain) is not charted.
    if (points.length === 0)
      fanColumns = FAN_COLUMNS.filter(
        (c) =>
          bands.columns.includes(`${c}_q50`) &&
          ["q05", "q95"].some((q) => (bands.data[`${c}_${q}`] as Float64Array).some((v) => v !== 0)),
      );
    const dates = bands.data.date as string[];
    const columns: Record<string, (number | string)[]> = {
      year: dates.map((d) => yearOfDate(d)),
      date: dates,
    };
    fanColumns.forEach((column, k) => {
      const factor = displayUnit(columnUnit(column)).factor;
      for (const q of ["q05", "q25", "q50", "q75", "q95"]) {
        const values = bands.data[`${column}_${q}`];
        columns[`f${k}_${q}`] =
          values instanceof Float64Array ? Array.from(values, (v) => round(v * factor)) : [];
      }
    });
    points.push({
      id: point.pointId,
      label: pointLabel(point, agg.parameters),
      values: agg.parameters.map((p) => point.labels?.[p] ?? valueLabel(point.values[p])).join(" "),
      columns,
      runs: point.seriesRuns,
    });
  }
  const base = (sweep.manifest as { baseConfig?: { burnInTicks?: number } } | null)?.baseConfig;
  const firstDates = points[0]?.columns.date as string[] | undefined;
  const burnInTicks = base?.burnInTicks ?? 0;
  const burnIn: [number, number] | undefined =
    firstDates && burnInTicks > 0 && firstDates.length >= burnInTicks
      ? [yearOfDate(firstDates[0]), yearOfDate(firstDates[burnInTicks - 1], "end")]
      : undefined;
  return {
    burnIn,
    xParam,
    yParam,
    cells: crisisCells(agg.points, xParam, yParam),
    points,
    fanColumns,
    sensitivity: sensitivityCharts(sweep.sensitivity),
  };
}

/**
 * The sweep's figures for `spiral plot`: the crisis chart, a fan chart per
 * kept series and point (with its rows), a sensitivity chart per metric.
 */
export function sweepFigures(
  sweep: SweepFolder,
  style: FigureStyle,
  options: SweepReportOptions = {},
): { name: string; spec: TopLevelSpec; bands?: Record<string, number | string>[] }[] {
  const c = sweepCharts(sweep, options);
  const figures: { name: string; spec: TopLevelSpec; bands?: Record<string, number | string>[] }[] = [
    { name: "crisis-probability", spec: crisisSpec(c.cells, c.xParam, c.yParam ?? null, style) },
  ];
  // Files named by the point's values ("fan-gdpReal-hold-4.5-pct-0.1"), with its id where two would clash.
  const names = c.points.map((p) => slug(p.values));
  for (const [i, point] of c.points.entries()) {
    const rows = rowsOf(point.columns);
    const name = names.filter((n) => n === names[i]).length > 1 ? `${names[i]}-${point.id}` : names[i];
    c.fanColumns.forEach((column, k) => {
      const title = `${seriesTitle(column)}, ${point.label}`;
      const spec = fanChartSpec(title, `f${k}`, displayUnit(columnUnit(column)), style, {
        runs: point.runs,
        burnIn: c.burnIn,
      });
      figures.push({ name: `fan-${column}-${name}`, spec, bands: rows });
    });
  }
  for (const s of c.sensitivity.charts) {
    figures.push({
      name: `sensitivity-${s.metric.replace(/[^A-Za-z0-9._-]+/g, "-")}`,
      spec: sensitivitySpec(s.metric, s.bars, c.sensitivity.method!, style),
    });
  }
  return figures;
}

/** The sweep report page of a loaded sweep folder. */
export function buildSweepReport(sweep: SweepFolder, options: SweepReportOptions = {}): SweepReport {
  const agg = sweep.aggregates;
  const c = sweepCharts(sweep, options);
  const charts: PageChart[] = [
    { id: "crisisProbability", spec: toVega(crisisSpec(c.cells, c.xParam, c.yParam ?? null, PAGE_STYLE)) },
  ];
  const fewest = c.points.length > 0 ? Math.min(...c.points.map((p) => p.runs)) : 0;
  c.fanColumns.forEach((column, k) => {
    const unit = displayUnit(columnUnit(column));
    charts.push({
      id: `fan-${column}`,
      bands: true,
      spec: toVega(
        fanChartSpec(seriesTitle(column), `f${k}`, unit, PAGE_STYLE, { runs: fewest, burnIn: c.burnIn }),
      ),
    });
  });
  for (const s of c.sensitivity.charts) {
    charts.push({
      id: s.id,
      spec: toVega(sensitivitySpec(s.metric, s.bars, c.sensitivity.method!, PAGE_STYLE)),
    });
  }
  const pooled = c.yParam && agg.parameters.length > 2 ? " (pooled over the other parameters)" : "";
  const crisisCaption = c.yParam
    ? `Share of the completed runs with at least one crisis, per pair of values${pooled}; hover for the Wilson 95 % interval.`
    : "Share of each value's completed runs with at least one crisis, with its Wilson 95 % interval.";
  const crisisShares = agg.points
    .filter((p) => (p.crisisProbability?.runs ?? 0) > 0)
    .map((p) => p.crisisProbability.crises / p.crisisProbability.runs);
  const saturated =
    crisisShares.length > 0 && crisisShares.every((x) => x >= 0.95)
      ? `<p class="warning">Warning: saturated — the crisis flag fires in at least 95 % of the runs of every point, so its probability cannot tell the points apart. Compare months in crisis, or the bust measures (bust.* metrics; <code>spiral compare</code>).</p>`
      : "";
  const body = [
    header(sweep),
    `<section id="crisis"><h2>Crisis probability</h2>${saturated}
<div class="charts">${figure("crisisProbability", crisisCaption)}</div>
</section>`,
    fanSection(c.points, c.fanColumns, c.burnIn),
    c.sensitivity.html,
    comparisonNote(sweep),
    metricsSection(sweep),
    runsSection(sweep),
    footerHtml(
      "a sweep",
      resolve(sweep.dir),
      "the numbers are in runs.csv and aggregates/ beside this file.",
    ),
  ].join("\n");
  const points = c.points.map(({ id, label, columns }) => ({ id, label, columns }));
  const html = reportPage(`Spiral sweep: ${agg.sweep}`, body, { charts, points });
  return { html, chartIds: charts.map((ch) => ch.id) };
}

function header(sweep: SweepFolder): string {
  const m = sweep.manifest;
  const agg = sweep.aggregates;
  const description = typeof m?.sweep?.description === "string" ? m.sweep.description : "";
  const c = m?.counts;
  const failed =
    c?.failed ??
    sweep.runs.rows.filter((r) => r[sweep.runs.columns.indexOf("status")] !== "completed").length;
  const runs = c?.runs ?? sweep.runs.rows.length;
  const meta = [
    m?.status ? `status ${m.status}` : "",
    `${agg.design} design`,
    `${agg.points.length} points × ${agg.replications} replications = ${runs} runs`,
    m?.workers ? `${m.workers} workers` : "",
    m?.spiral ? `Spiral ${m.spiral}` : "",
    m?.gitCommit ? `commit ${m.gitCommit.slice(0, 10)}` : "",
    m?.finishedAt ? `finished ${m.finishedAt.replace("T", " ").replace(/\.\d+Z$/, " UTC")}` : "",
    m?.wallSeconds != null ? `in ${m.wallSeconds.toFixed(1)} s` : "",
  ].filter((s) => s !== "");
  const crises = agg.points.reduce((s, p) => s + (p.crisisProbability?.crises ?? 0), 0);
  const completed = agg.points.reduce((s, p) => s + (p.crisisProbability?.runs ?? 0), 0);
  const figures: [string, string, string][] = [
    ["Parameters", String(agg.parameters.length), agg.parameters.join(", ")],
    ["Runs completed", String(runs - failed), `of ${runs}`],
    ["Runs failed", String(failed), failed > 0 ? "highlighted in the table" : "none"],
    [
      "Runs with a crisis",
      completed > 0 ? `${((100 * crises) / completed).toFixed(0)} %` : "n/a",
      `${crises} of ${completed}`,
    ],
  ];
  return `<header>
<h1>${escapeHtml(agg.sweep)} <span class="seed">· sweep</span></h1>
${description ? `<p class="scenario">${escapeHtml(description)}</p>` : ""}
<p class="meta">${meta.map(escapeHtml).join(" · ")}</p>
<dl class="figures">${figures
    .map(
      ([n, v, note]) =>
        `<div class="figure"><dt>${escapeHtml(n)}</dt><dd${failed > 0 && n === "Runs failed" ? ' class="bad"' : ""}>${escapeHtml(v)}<small>${escapeHtml(note)}</small></dd></div>`,
    )
    .join("")}</dl>
<div class="reproduce">Reproduce this sweep exactly:
<pre><code>${escapeHtml(m?.command ? `npx ${m.command}` : "(no manifest.json: command unknown)")}</code></pre></div>
<nav><a href="#crisis">Crisis probability</a><a href="#fans">Series by point</a>${sweep.sensitivity ? `<a href="#sensitivity">Sensitivity</a>` : ""}<a href="#metrics">Metrics by point</a><a href="#runs">Runs</a></nav>
</header>`;
}

function figure(id: string, caption: string): string {
  return `<figure class="chart" id="chart-${escapeHtml(id)}" data-chart="${escapeHtml(id)}">
<div class="view" id="view-${escapeHtml(id)}"></div>
<figcaption>${escapeHtml(caption)}</figcaption>
</figure>`;
}

/** "20 runs per point" or "1–3 runs per point (bands on fewer than 10 runs are rough; a single run has no band)". */
function keptRunsText(points: readonly PagePoint[]): string {
  const runs = points.map((p) => p.runs);
  const lo = Math.min(...runs);
  const hi = Math.max(...runs);
  const range = lo === hi ? `${lo}` : `${lo}–${hi}`;
  const warning =
    lo < 2
      ? " (a point with one kept run has no band: its chart is that run)"
      : lo < 10
        ? " (bands on fewer than 10 runs are rough)"
        : "";
  return `bands over ${range} kept run${hi === 1 ? "" : "s"} per point${warning}`;
}

function fanSection(
  points: readonly PagePoint[],
  columns: readonly string[],
  burnIn?: [number, number],
): string {
  const burnInNote = burnIn ? "; grey: the burn-in" : "";
  if (points.length === 0 || columns.length === 0) {
    return `<section id="fans"><h2>Series by point</h2><p class="note">The sweep kept no series (keep: "none"), so there are no fan charts.</p></section>`;
  }
  const options = points.map((p, i) => `<option value="${i}">${escapeHtml(p.label)}</option>`).join("");
  return `<section id="fans">
<h2>Series by point</h2>
<p><label>Point: <select id="point-select">${options}</select></label> <span class="note">${points.length} point${points.length === 1 ? "" : "s"} with kept series; ${keptRunsText(points)}${burnInNote}</span></p>
<div class="charts">
${columns.map((c) => figure(`fan-${c}`, `${seriesTitle(c)} across the point's runs.`)).join("\n")}
</div>
</section>`;
}

/** A sweep on common seeds with several dimensions: where its paired comparison is. */
function comparisonNote(sweep: SweepFolder): string {
  if (!existsSync(join(sweep.dir, "aggregates", "comparison.csv"))) return "";
  return `<section id="comparison"><h2>Paired comparison</h2><p class="note">The points ran on common seeds: every point is compared seed by seed with the first (${escapeHtml(sweep.aggregates.points[0] ? pointLabel(sweep.aggregates.points[0], sweep.aggregates.parameters) : "")}) in <code>aggregates/comparison.csv</code> — bust measures with 95 % intervals, McNemar's test, the share of seeds where a point is worse. For the comparison report, compare two or a few points along one dimension (<code>spiral compare</code>, or a sweep of scenarios).</p></section>`;
}

function metricsSection(sweep: SweepFolder): string {
  const agg = sweep.aggregates;
  const head = [
    "point",
    ...agg.parameters,
    "completed",
    "failed",
    "crisis probability (Wilson 95 %)",
    ...agg.metrics.map((m) => `${m}: mean [95 % CI]${metricUnit(m).label ? `, ${metricUnit(m).label}` : ""}`),
  ];
  const rows = agg.points.map((p) => {
    const cp = p.crisisProbability;
    const crisis =
      cp && cp.estimate !== null ? `${pct(cp.estimate)} [${pct(cp.lower)} – ${pct(cp.upper)}]` : "n/a";
    return `<tr${p.failed > 0 ? ' class="failed"' : ""}><td><code>${escapeHtml(p.pointId)}</code></td>${agg.parameters
      .map((path) => `<td>${escapeHtml(p.labels?.[path] ?? valueLabel(p.values[path]))}</td>`)
      .join(
        "",
      )}<td class="num">${p.completed}</td><td class="num">${p.failed}</td><td class="num">${escapeHtml(crisis)}</td>${agg.metrics
      .map((m) => `<td class="num">${escapeHtml(metricCell(m, p.metrics[m]))}</td>`)
      .join("")}</tr>`;
  });
  return `<section id="metrics">
<h2>Metrics by point</h2>
<div class="scroll"><table class="data"><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table></div>
</section>`;
}

/** The runs table of a sweep (the first MAX_TABLE_ROWS rows; failures highlighted). */
export function runsSection(sweep: SweepFolder): string {
  const { columns, rows } = sweep.runs;
  const status = columns.indexOf("status");
  const failed = rows.filter((r) => r[status] !== "completed").length;
  const shown = rows.slice(0, MAX_TABLE_ROWS);
  const body = shown.map((r) => {
    const bad = r[status] !== "completed";
    return `<tr${bad ? ' class="failed"' : ""}>${r
      .map((cell, i) => {
        const n = Number(cell);
        const numeric =
          cell !== "" && Number.isFinite(n) && columns[i] !== "runId" && columns[i] !== "pointId";
        return numeric
          ? `<td class="num">${escapeHtml(formatNumber(n))}</td>`
          : `<td>${escapeHtml(cell)}</td>`;
      })
      .join("")}</tr>`;
  });
  const more =
    rows.length > shown.length
      ? `<p class="note">First ${shown.length} of ${rows.length} runs; all are in runs.csv.</p>`
      : "";
  return `<section id="runs">
<h2>Runs</h2>
<p class="note">${rows.length} runs, ${failed} failed${failed > 0 ? " (highlighted)" : ""}.</p>
<div class="scroll"><table class="data runs"><thead><tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("")}</tr></thead>
<tbody>
${body.join("\n")}
</tbody></table></div>
${more}
</section>`;
}

/** How a summary metric is shown: decimals as %, spreads in bp, others as they are. */
export function metricUnit(metric: string): { label: string; factor: number } {
  const leaf = metric.slice(metric.lastIndexOf(".") + 1);
  const parent = metric.includes(".") ? metric.slice(0, metric.lastIndexOf(".")) : "";
  if (/Bp$/.test(leaf)) return { label: "bp", factor: 1 };
  if (/UsdBn/.test(leaf)) return { label: "USD bn", factor: 1 };
  if (/[Mm]onths|Episodes|Defaults$|Failures$|^recessions$|^defaults$|^monthsToFirstDefault$/.test(leaf))
    return { label: leaf.toLowerCase().includes("month") ? "months" : "", factor: 1 };
  const decimal =
    /Rate$|Mean$|Yearly$|ToGdpFinal$|Drawdown$|^outputLoss$|^peakUnemployment$|^inflationYoY$/.test(leaf) ||
    /Rate$|^phaseShare$/.test(parent);
  return decimal ? { label: "%", factor: 100 } : { label: "", factor: 1 };
}

/** "5.12 [4.80, 5.44]": the mean over a point's runs with its 95 % t interval (or the median for older sweeps). */
function metricCell(
  metric: string,
  m: { n: number; mean?: number | null; sd?: number | null; q50?: number | null } | undefined,
): string {
  if (!m || m.n === 0 || m.mean == null) return "n/a";
  const { factor } = metricUnit(metric);
  const f = (x: number) => formatNumber(x * factor);
  if (m.sd == null || m.n < 2 || !Number.isFinite(m.sd)) return `${f(m.mean)}${m.n === 1 ? " (1 run)" : ""}`;
  const half = (studentTQuantile(0.975, m.n - 1) * m.sd) / Math.sqrt(m.n);
  return `${f(m.mean)} [${f(m.mean - half)}, ${f(m.mean + half)}]${m.n < 10 ? ` (${m.n} runs)` : ""}`;
}

/** The heatmap's parameters: the chosen two, or the sweep's first two (one for a one-parameter sweep). */
function heatmapParameters(
  parameters: readonly string[],
  chosen?: readonly [string, string],
): [string, string | undefined] {
  if (chosen) {
    for (const p of chosen) {
      if (!parameters.includes(p)) {
        throw new InputError(
          `--heatmap: "${p}" is not a parameter of this sweep (its parameters: ${parameters.join(", ")})`,
          "--heatmap",
        );
      }
    }
    if (chosen[0] === chosen[1])
      throw new InputError("--heatmap: choose two different parameters", "--heatmap");
    return [chosen[0], chosen[1]];
  }
  if (parameters.length === 0)
    throw new InputError("the sweep varies no parameter: nothing to chart", "aggregates.json");
  return [parameters[0]!, parameters[1]];
}

/** How a parameter's values map to axis levels: the distinct values, or equal-width bins of a sampled one. */
function levelsOf(
  points: readonly PointAggregate[],
  path: string,
): (value: unknown) => { label: string; order: number } {
  const values = points.map((p) => p.values[path]);
  const distinct = [...new Map(values.map((v) => [JSON.stringify(v), v])).values()];
  // Named levels and scenarios: the sweep's own names.
  const named = new Map(points.map((p) => [JSON.stringify(p.values[path]), p.labels?.[path]]));
  const numeric = distinct.every((v) => typeof v === "number");
  if (numeric && distinct.length > MAX_LEVELS) {
    const nums = distinct as number[];
    const lo = Math.min(...nums);
    const hi = Math.max(...nums);
    const width = (hi - lo) / BINS || 1;
    return (v) => {
      const bin = Math.min(BINS - 1, Math.floor(((v as number) - lo) / width));
      const a = lo + bin * width;
      return { label: `${formatNumber(a)} – ${formatNumber(a + width)}`, order: bin };
    };
  }
  const sorted = numeric ? [...(distinct as number[])].sort((a, b) => a - b) : distinct;
  const index = new Map(sorted.map((v, i) => [JSON.stringify(v), i]));
  return (v) => ({
    label: named.get(JSON.stringify(v)) ?? valueLabel(v),
    order: index.get(JSON.stringify(v)) ?? 0,
  });
}

/** Crises and completed runs pooled per level (pair of levels), with Wilson intervals. */
export function crisisCells(
  points: readonly PointAggregate[],
  xParam: string,
  yParam?: string,
): CrisisCell[] {
  const xLevel = levelsOf(points, xParam);
  const yLevel = yParam ? levelsOf(points, yParam) : undefined;
  const cells = new Map<string, CrisisCell>();
  for (const point of points) {
    const x = xLevel(point.values[xParam]);
    const y = yLevel?.(point.values[yParam!]);
    const key = JSON.stringify([x.label, y?.label]);
    const cell = cells.get(key) ?? {
      x: x.label,
      xOrder: x.order,
      ...(y ? { y: y.label, yOrder: y.order } : {}),
      crises: 0,
      runs: 0,
      p: null,
      lower: null,
      upper: null,
    };
    cell.crises += point.crisisProbability?.crises ?? 0;
    cell.runs += point.crisisProbability?.runs ?? 0;
    cells.set(key, cell);
  }
  for (const cell of cells.values()) {
    if (cell.runs === 0) continue;
    const ci = wilsonInterval(cell.crises, cell.runs, Z_95);
    cell.p = ci.estimate;
    cell.lower = ci.lower;
    cell.upper = ci.upper;
  }
  return [...cells.values()].sort((a, b) => a.xOrder - b.xOrder || (a.yOrder ?? 0) - (b.yOrder ?? 0));
}

interface SensitivityCharts {
  method: "sobol" | "prcc" | null;
  charts: { id: string; metric: string; bars: SensitivityBar[] }[];
  html: string;
}

/** Bars per metric from aggregates/sensitivity.json (Sobol or PRCC); metrics whose indices failed are listed. */
function sensitivityCharts(sensitivity: unknown): SensitivityCharts {
  const s = sensitivity as { method?: string; metrics?: Record<string, unknown> } | null;
  if (
    !s ||
    (s.method !== "sobol" && s.method !== "prcc") ||
    typeof s.metrics !== "object" ||
    s.metrics === null
  ) {
    return { method: null, charts: [], html: "" };
  }
  const method = s.method;
  const charts: SensitivityCharts["charts"] = [];
  const problems: string[] = [];
  Object.entries(s.metrics).forEach(([metric, value], i) => {
    const v = value as Record<string, unknown>;
    if (typeof v.error === "string") {
      problems.push(`${metric}: ${v.error}`);
      return;
    }
    const bars: SensitivityBar[] = [];
    if (method === "sobol") {
      const byParameter = (v.parameters ?? {}) as Record<string, { firstOrder: Ci; total: Ci }>;
      for (const [parameter, idx] of Object.entries(byParameter)) {
        bars.push({ parameter, index: "first order", ...ci(idx.firstOrder) });
        bars.push({ parameter, index: "total", ...ci(idx.total) });
      }
    } else {
      for (const [parameter, coefficient] of Object.entries(v)) {
        bars.push({
          parameter,
          index: "PRCC",
          estimate: typeof coefficient === "number" ? coefficient : Number.NaN,
          lower: null,
          upper: null,
        });
      }
    }
    charts.push({ id: `sensitivity-${i}`, metric, bars: bars.filter((b) => Number.isFinite(b.estimate)) });
  });
  const title =
    method === "sobol" ? "Sensitivity: Sobol indices" : "Sensitivity: partial rank correlation (PRCC)";
  const html = `<section id="sensitivity">
<h2>${title}</h2>
<div class="charts">
${charts.map((c) => figure(c.id, method === "sobol" ? `First-order and total Sobol indices of ${c.metric} (mean over each point's replications).` : `PRCC of ${c.metric} with each parameter.`)).join("\n")}
</div>
${problems.length > 0 ? `<p class="note">No indices for: ${problems.map(escapeHtml).join("; ")}</p>` : ""}
</section>`;
  return { method, charts, html };
}

type Ci = { estimate: number | null; lower: number | null; upper: number | null };

function ci(x: Ci | undefined): { estimate: number; lower: number | null; upper: number | null } {
  return { estimate: x?.estimate ?? Number.NaN, lower: finite(x?.lower), upper: finite(x?.upper) };
}

function finite(x: number | null | undefined): number | null {
  return typeof x === "number" && Number.isFinite(x) ? x : null;
}

/** "Real GDP", "Equity market capitalisation: Non-AI firms": the run report's title of a column. */
export function seriesTitle(column: string): string {
  for (const section of RUN_SECTIONS) {
    for (const chart of section.charts) {
      const def = chart.series.find((s) => "column" in s && s.column === column);
      if (def && "column" in def)
        return chart.series.length === 1 ? chart.title : `${chart.title}: ${def.label}`;
    }
  }
  return column;
}

function pointLabel(point: PointAggregate, parameters: readonly string[]): string {
  const text = (p: string) => point.labels?.[p] ?? valueLabel(point.values[p]);
  return (
    parameters.map((p) => (p === "scenario" ? text(p) : `${p} = ${text(p)}`)).join(", ") || point.pointId
  );
}

/** A parameter value in a few characters: numbers to 4 significant digits, other values as short JSON. */
export function valueLabel(value: unknown): string {
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "string") return value;
  const json = JSON.stringify(value) ?? "null";
  return json.length > 48 ? `${json.slice(0, 47)}…` : json;
}

function formatNumber(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return "n/a";
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(4)));
}

function pct(x: number | null): string {
  return x === null ? "n/a" : `${(x * 100).toFixed(0)} %`;
}

function round(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(7)) : x;
}
