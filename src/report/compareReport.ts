// The comparison report: report.html of a sweep folder whose points ran on
// common seeds (aggregates/comparison.json, written by `spiral compare` or a
// scenario sweep). One self-contained page: the question (arms, seeds,
// warnings), the outcome table in percent with 95 % intervals and paired
// differences, a forest plot of the differences, each arm's economy at the
// chain's start beside real late 2025, the key series with every arm
// overlaid (median and 25–75 % band per arm), the paired difference of each
// series over time (mean of B − A with its 95 % interval), and the runs.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { TopLevelSpec } from "vega-lite";
import { tickOfMonth } from "../config/calendar.ts";
import { DIFFERENCE_COLUMNS } from "../engine/comparison.ts";
import {
  type ComparedArm,
  type Comparison,
  formatArm,
  formatArmDifference,
  formatP,
  formatValue,
} from "../engine/comparisonFormat.ts";
import { writeFileAtomic } from "../io/atomicWrite.ts";
import { escapeHtml, footerHtml, reportPage, slug } from "./html.ts";
import { recordOutput } from "./manifestOutputs.ts";
import { yearOfDate } from "./reportData.ts";
import { REPORT_FILE } from "./runReport.ts";
import { type FigureStyle, figureConfig, PAGE_STYLE, toVega } from "./specs.ts";
import { readPointBands, readSweepFolder, type SweepFolder } from "./sweepFolder.ts";
import { runsSection, seriesTitle } from "./sweepReport.ts";
import { columnUnit, displayUnit } from "./units.ts";

export const COMPARISON_FILE = "aggregates/comparison.json";

/**
 * Series overlaid per arm, in order (those the arms kept and that are not zero
 * throughout): the same series whose paired differences the comparison writes,
 * so each overlay has its difference panel.
 */
export const OVERLAY_COLUMNS = DIFFERENCE_COLUMNS;

/** One colour per arm: A first. */
export const ARM_COLORS = [
  "#1f5f8b",
  "#d95f02",
  "#1b9e77",
  "#7570b3",
  "#e7298a",
  "#66a61e",
  "#a6761d",
  "#666666",
];

/** Months shown before the chain's start (the rest of the burn-in is the same in every arm on common seeds). */
const MONTHS_BEFORE_START = 24;

/**
 * Real late 2025, beside each arm's first chain month. Sources:
 * docs/calibration.md §6 (BLS, BEA, Federal Reserve, market data as of
 * Oct–Nov 2025) and §12 (the AI chain's market value).
 */
export const REAL_2025: Record<string, { label: string; text: string; unit: "decimal" | "usdBn" }> = {
  unemploymentRate: { label: "Unemployment rate", text: "4.3–4.6 %", unit: "decimal" },
  inflationYoY: { label: "CPI inflation, 12 months", text: "≈ 2.8–3.0 %", unit: "decimal" },
  policyRate: { label: "Policy rate (fed funds)", text: "3.75–4.25 %", unit: "decimal" },
  gdpNominalUsdBn: { label: "Nominal GDP, annual rate", text: "≈ $30.3 T", unit: "usdBn" },
  equityMarketCapUsdBn: { label: "Equity market value (all)", text: "$67.8 T", unit: "usdBn" },
  aiChainMarketCapUsdBn: { label: "AI chain market value", text: "up to $30 T", unit: "usdBn" },
};

/** Most arms the comparison report overlays (one colour each); larger sweeps get the sweep report. */
export const MAX_REPORT_ARMS = ARM_COLORS.length;

/**
 * Whether a sweep folder's report is the comparison report: its points ran
 * on common seeds (aggregates/comparison.json) and vary along one dimension
 * (the scenarios, or one parameter) with at most MAX_REPORT_ARMS points.
 * A grid of several parameters keeps the sweep report (heatmap); its paired
 * comparison is still in aggregates/comparison.csv.
 */
export function hasComparison(dir: string): boolean {
  if (!existsSync(join(dir, COMPARISON_FILE))) return false;
  try {
    const agg = JSON.parse(readFileSync(join(dir, "aggregates", "aggregates.json"), "utf8")) as {
      parameters?: unknown[];
      points?: unknown[];
    };
    return (agg.parameters?.length ?? 0) <= 1 && (agg.points?.length ?? 0) <= MAX_REPORT_ARMS;
  } catch {
    return false;
  }
}

/**
 * Writes `<dir>/report.html` for a compared sweep folder atomically and lists it in its manifest.
 * @throws InputError if the sweep has not finished.
 */
export function writeCompareReport(dir: string): string {
  const { html } = buildCompareReport(readSweepFolder(dir));
  const path = join(dir, REPORT_FILE);
  writeFileAtomic(path, html);
  recordOutput(dir, REPORT_FILE, html);
  return path;
}

interface PageChart {
  id: string;
  spec: unknown;
}

/**
 * The comparison report's figures for `spiral plot`, named by what they show:
 * outcome-differences, arms-<column>, difference-<column>-<arm B>-vs-<arm A>.
 */
export function comparisonFigures(
  sweep: SweepFolder,
  style: FigureStyle,
): { name: string; spec: TopLevelSpec }[] {
  const c = JSON.parse(readFileSync(join(sweep.dir, COMPARISON_FILE), "utf8")) as Comparison;
  const chainStart = chainStartOf(sweep);
  const figures: { name: string; spec: TopLevelSpec }[] = [];
  const forest = forestRows(c);
  if (forest.length > 0) figures.push({ name: "outcome-differences", spec: forestSpec(forest, style) });
  const overlays = overlayData(sweep, c, chainStart);
  for (const o of overlays.series)
    figures.push({ name: `arms-${o.column}`, spec: overlaySpec(o, c, overlays.marks, style) });
  for (const d of differenceData(sweep, c, chainStart)) {
    figures.push({
      name: `difference-${d.column}-${slug(c.arms[d.arm].label)}-vs-${slug(c.arms[0].label)}`,
      spec: differenceSpec(d, c, overlays.marks, style),
    });
  }
  return figures;
}

/** The tick the chain starts in the sweep's base config (after the burn-in without a chain). */
function chainStartOf(sweep: SweepFolder): number {
  const base = (sweep.manifest as { baseConfig?: Record<string, unknown> } | null)?.baseConfig ?? {};
  const burnIn = typeof base.burnInTicks === "number" ? base.burnInTicks : 0;
  const chain = base.aiChain as { enabled?: boolean; start?: string } | undefined;
  return chain?.enabled && typeof chain.start === "string" && typeof base.startDate === "string"
    ? tickOfMonth(base.startDate, chain.start)
    : burnIn + 1;
}

/** The comparison report page of a loaded sweep folder that has aggregates/comparison.json. */
export function buildCompareReport(sweep: SweepFolder): { html: string; chartIds: string[] } {
  const c = JSON.parse(readFileSync(join(sweep.dir, COMPARISON_FILE), "utf8")) as Comparison;
  const chainStart = chainStartOf(sweep);
  const charts: PageChart[] = [];

  // Outcome differences (forest plot).
  const forest = forestRows(c);
  if (forest.length > 0)
    charts.push({ id: "outcome-differences", spec: toVega(forestSpec(forest, PAGE_STYLE)) });

  // Series overlaid per arm, and their paired differences.
  const overlays = overlayData(sweep, c, chainStart);
  for (const o of overlays.series) {
    charts.push({ id: `arms-${o.column}`, spec: toVega(overlaySpec(o, c, overlays.marks, PAGE_STYLE)) });
  }
  const differences = differenceData(sweep, c, chainStart);
  for (const d of differences) {
    charts.push({
      id: `difference-${d.column}-${d.arm}`,
      spec: toVega(differenceSpec(d, c, overlays.marks, PAGE_STYLE)),
    });
  }

  const title = c.arms.map((a) => a.label).join(" vs ");
  const body = [
    header(sweep, c, title),
    outcomeSection(c, forest.length > 0),
    startSection(c),
    seriesSection(overlays.series, overlays.keptRuns, c),
    differenceSection(differences, c),
    runsSection(sweep),
    footerHtml(
      "a comparison on common seeds",
      resolve(sweep.dir),
      "the numbers are in aggregates/comparison.csv, aggregates/comparison.json and runs.csv beside this file.",
    ),
  ].join("\n");
  const html = reportPage(`Spiral comparison: ${title}`, body, { charts });
  return { html, chartIds: charts.map((ch) => ch.id) };
}

function header(sweep: SweepFolder, c: Comparison, title: string): string {
  const m = sweep.manifest;
  const base = (m as { baseConfig?: { households?: { count?: number } } } | null)?.baseConfig;
  const meta = [
    m?.status ? `status ${m.status}` : "",
    `${c.arms.length} arms × ${c.replications} common seeds`,
    base?.households?.count ? `${base.households.count.toLocaleString("en-US")} households` : "",
    m?.spiral ? `Spiral ${m.spiral}` : "",
    m?.gitCommit ? `commit ${m.gitCommit.slice(0, 10)}` : "",
    m?.finishedAt ? `finished ${m.finishedAt.replace("T", " ").replace(/\.\d+Z$/, " UTC")}` : "",
    m?.wallSeconds != null ? `in ${m.wallSeconds.toFixed(1)} s` : "",
  ].filter((s) => s !== "");
  const arms = c.arms
    .map(
      (a, i) =>
        `<li><span class="swatch" style="background:${ARM_COLORS[i % ARM_COLORS.length]}"></span><b>${i === 0 ? "A" : String.fromCharCode(65 + i)}</b>: ${escapeHtml(a.label)} <span class="note">(${a.completed} of ${a.runs} runs completed)</span></li>`,
    )
    .join("");
  const warnings =
    c.warnings.length > 0
      ? `<div class="warnings">${c.warnings.map((w) => `<p class="warning">Warning: ${escapeHtml(w)}</p>`).join("")}</div>`
      : "";
  return `<header>
<h1>${escapeHtml(title)} <span class="seed">· comparison</span></h1>
<p class="scenario">Every arm ran the same ${c.replications} seeds (common random numbers): run r of one arm and run r of another share their economy until their configs differ, so each difference below is paired seed by seed.</p>
<p class="meta">${meta.map(escapeHtml).join(" · ")}</p>
<ul class="arms">${arms}</ul>
${warnings}
<div class="reproduce">Reproduce this comparison exactly:
<pre><code>${escapeHtml(m?.command ? `npx ${m.command}` : "(no manifest.json: command unknown)")}</code></pre></div>
<nav><a href="#outcomes">Outcomes</a><a href="#start">At the chain's start</a><a href="#series">Series by arm</a><a href="#differences">Paired differences</a><a href="#runs">Runs</a></nav>
</header>`;
}

function outcomeSection(c: Comparison, forest: boolean): string {
  const blocks: string[] = [];
  for (let b = 1; b < c.arms.length; b++) {
    const bName = String.fromCharCode(65 + b);
    const head = [
      "measure",
      `A: ${c.arms[0].label}`,
      `${bName}: ${c.arms[b].label}`,
      `${bName} − A [95 % CI]`,
      "p (McNemar)",
      `seeds where ${bName} is worse`,
    ];
    const rows = c.measures.map((m) => {
      const d = m.differences[b - 1];
      const flags = [
        m.saturated
          ? '<span class="badge bad" title="fires in nearly every run of every arm">saturated</span>'
          : "",
        m.fewRuns
          ? '<span class="badge" title="an interval rests on fewer than 10 runs">&lt; 10 runs</span>'
          : "",
      ].join("");
      return `<tr${m.saturated ? ' class="saturated"' : ""}><td title="${escapeHtml(m.note)}">${escapeHtml(m.label)} ${flags}</td><td class="num">${escapeHtml(formatArm(m, m.arms[0]))}</td><td class="num">${escapeHtml(formatArm(m, m.arms[b]))}</td><td class="num">${escapeHtml(formatArmDifference(m, d))}</td><td class="num">${escapeHtml(formatP(d.pValue))}</td><td class="num">${Number.isFinite(d.shareWorse) ? `${Math.round(100 * d.shareWorse)} % of ${d.n}` : "–"}</td></tr>`;
    });
    blocks.push(`<div class="scroll"><table class="data outcomes"><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table></div>`);
  }
  return `<section id="outcomes">
<h2>Outcomes</h2>
<p class="note">Per arm: the share of runs (binary outcomes, Wilson 95 % interval, runs in brackets) or the mean (95 % t interval). Differences are paired by seed: probabilities by Newcombe's method 10 with McNemar's test (exact binomial up to 25 discordant seeds), means by the t interval of the per-seed differences. "Worse" is higher, except for months to the first default (sooner is worse). A bust is a fall of the chain's market value from its running peak of at least ${Math.round(c.bustThreshold * 100)} %. Hover a measure for its definition.</p>
${blocks.join("\n")}
${forest ? `<div class="charts wide">${figure("outcome-differences", "Paired differences in the probability of each outcome (percentage points) with 95 % Newcombe intervals; right of zero: more likely in the later arm.")}</div>` : ""}
</section>`;
}

function startSection(c: Comparison): string {
  const head = [
    "At the chain's first month",
    "real late 2025",
    ...c.arms.map((a) => `${a.label}: median [5–95 %]`),
  ];
  const rows = Object.entries(REAL_2025).map(([key, real]) => {
    const cells = c.arms.map((a: ComparedArm) => {
      const v = a.atChainStart?.[key];
      if (!v) return "–";
      const f = (x: number) =>
        real.unit === "decimal" ? formatValue("decimal", x) : `$${(x / 1000).toFixed(1)} T`;
      return `${f(v.median)} [${f(v.q05)} – ${f(v.q95)}]`;
    });
    return `<tr><td>${escapeHtml(real.label)}</td><td class="num">${escapeHtml(real.text)}</td>${cells.map((x) => `<td class="num">${escapeHtml(x)}</td>`).join("")}</tr>`;
  });
  return `<section id="start">
<h2>At the chain's start, beside real 2025</h2>
<p class="note">Each arm's economy in the chain's first month, over its runs, beside the data for late 2025 (docs/calibration.md §6 and §12). On common seeds the arms share everything before their configs differ; a policy that starts in the chain's first month already shows there.</p>
<div class="scroll"><table class="data"><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table></div>
</section>`;
}

interface OverlaySeries {
  column: string;
  title: string;
  unit: { label: string; format: string };
  rows: { year: number; date: string; arm: string; q25: number; q50: number; q75: number }[];
}

interface Marks {
  /** Fractional year where the shown window starts, where the burn-in ends and the chain starts. */
  from: number;
  burnInEnd: number | null;
  chainStart: number;
}

function overlayData(
  sweep: SweepFolder,
  c: Comparison,
  chainStart: number,
): { series: OverlaySeries[]; marks: Marks; keptRuns: number[] } {
  const points = c.arms.map((a) => sweep.aggregates.points.find((p) => p.pointId === a.pointId));
  const bands = points.map((p) => (p ? readPointBands(sweep.dir, p) : null));
  const keptRuns = points.map((p) => p?.seriesRuns ?? 0);
  const base = (sweep.manifest as { baseConfig?: { burnInTicks?: number } } | null)?.baseConfig;
  const burnIn = base?.burnInTicks ?? 0;
  const first = bands.find((b) => b !== null);
  const dates = (first?.data.date as string[] | undefined) ?? [];
  const startIndex = Math.max(0, chainStart - 1 - MONTHS_BEFORE_START);
  const marks: Marks = {
    from: dates[startIndex] ? yearOfDate(dates[startIndex]) : 0,
    burnInEnd: burnIn > startIndex && dates[burnIn - 1] ? yearOfDate(dates[burnIn - 1], "end") : null,
    chainStart: dates[chainStart - 1] ? yearOfDate(dates[chainStart - 1]) : 0,
  };
  const series: OverlaySeries[] = [];
  for (const column of OVERLAY_COLUMNS) {
    if (bands.some((b) => b !== null && !b.columns.includes(`${column}_q50`))) continue;
    const unit = displayUnit(columnUnit(column));
    const rows: OverlaySeries["rows"] = [];
    let nonZero = false;
    bands.forEach((b, i) => {
      if (b === null) return;
      const d = b.data.date as string[];
      const get = (q: string) => b.data[`${column}_${q}`] as Float64Array;
      const [q25, q50, q75] = [get("q25"), get("q50"), get("q75")];
      for (let t = startIndex; t < d.length; t++) {
        if (q25[t] !== 0 || q75[t] !== 0) nonZero = true;
        rows.push({
          year: yearOfDate(d[t]),
          date: d[t],
          arm: c.arms[i].label,
          q25: round(q25[t] * unit.factor),
          q50: round(q50[t] * unit.factor),
          q75: round(q75[t] * unit.factor),
        });
      }
    });
    if (rows.length === 0 || !nonZero) continue;
    series.push({ column, title: seriesTitle(column), unit, rows });
  }
  return { series, marks, keptRuns };
}

interface DifferenceSeries {
  column: string;
  arm: number;
  title: string;
  unit: { label: string; format: string };
  pairs: number;
  rows: { year: number; date: string; mean: number; lower: number; upper: number }[];
}

function differenceData(sweep: SweepFolder, c: Comparison, chainStart: number): DifferenceSeries[] {
  const out: DifferenceSeries[] = [];
  for (let b = 1; b < c.arms.length; b++) {
    const path = join(sweep.dir, "aggregates", `difference-${c.arms[b].pointId}.csv`);
    if (!existsSync(path)) continue;
    const lines = readFileSync(path, "utf8").trim().split("\n");
    const header = lines[0].split(",");
    const cells = lines.slice(1).map((l) => l.split(","));
    const at = (name: string) => header.indexOf(name);
    const startIndex = Math.max(0, chainStart - 1 - MONTHS_BEFORE_START);
    for (const column of OVERLAY_COLUMNS) {
      const k = at(`${column}_mean`);
      if (k < 0) continue;
      const unit = displayUnit(columnUnit(column));
      const rows: DifferenceSeries["rows"] = [];
      let nonZero = false;
      for (let t = startIndex; t < cells.length; t++) {
        const row = cells[t];
        const [mean, lower, upper] = [row[k], row[k + 1], row[k + 2]].map((x) =>
          x === "" ? Number.NaN : Number(x) * unit.factor,
        );
        if (!Number.isFinite(mean)) continue;
        if (mean !== 0 || lower !== 0 || upper !== 0) nonZero = true;
        const date = row[at("date")];
        rows.push({
          year: yearOfDate(date),
          date,
          mean: round(mean),
          lower: round(Number.isFinite(lower) ? lower : mean),
          upper: round(Number.isFinite(upper) ? upper : mean),
        });
      }
      if (!nonZero) continue;
      out.push({
        column,
        arm: b,
        title: `${seriesTitle(column)}: ${c.arms[b].label} − ${c.arms[0].label}`,
        unit,
        pairs: Number(cells[0]?.[at("pairs")] ?? 0),
        rows,
      });
    }
  }
  return out;
}

function seriesSection(series: readonly OverlaySeries[], kept: readonly number[], c: Comparison): string {
  if (series.length === 0) {
    return `<section id="series"><h2>Series by arm</h2><p class="note">The runs' series were not kept, so there are no charts of them.</p></section>`;
  }
  const fewest = Math.min(...kept);
  const runs = kept.every((k) => k === kept[0])
    ? `${kept[0]} runs per arm`
    : `${kept.join(", ")} runs per arm`;
  const note =
    fewest < 10
      ? ` The bands rest on only ${fewest} kept run${fewest === 1 ? "" : "s"}: read them as rough.`
      : "";
  return `<section id="series">
<h2>Series by arm</h2>
<p class="note">Median (line) and 25–75 % band (shaded) of each arm's ${runs}, from ${MONTHS_BEFORE_START} months before the chain's start (grey: the burn-in's last months; dashed rule: the chain starts).${note}</p>
<div class="legend">${c.arms.map((a, i) => `<span><span class="swatch" style="background:${ARM_COLORS[i % ARM_COLORS.length]}"></span>${escapeHtml(a.label)}</span>`).join("")}</div>
<div class="charts">
${series.map((s) => figure(`arms-${s.column}`, `${s.title} (${s.unit.label || "value"}): median and 25–75 % per arm.`)).join("\n")}
</div>
</section>`;
}

function differenceSection(diffs: readonly DifferenceSeries[], c: Comparison): string {
  if (diffs.length === 0) {
    return `<section id="differences"><h2>Paired differences</h2><p class="note">No paired difference series: fewer than two seeds kept their series in both arms.</p></section>`;
  }
  return `<section id="differences">
<h2>Paired differences over time</h2>
<p class="note">For each month, the mean over the ${diffs[0].pairs} seeds of (later arm − ${escapeHtml(c.arms[0].label)}) on the same seed, with its 95 % t interval (shaded). Zero until the configs differ: common random numbers.</p>
<div class="charts">
${diffs.map((d) => figure(`difference-${d.column}-${d.arm}`, `${d.title} (${d.unit.label || "value"}): mean paired difference and 95 % interval.`)).join("\n")}
</div>
</section>`;
}

function figure(id: string, caption: string): string {
  return `<figure class="chart" id="chart-${escapeHtml(id)}" data-chart="${escapeHtml(id)}">
<div class="view" id="view-${escapeHtml(id)}"></div>
<figcaption>${escapeHtml(caption)}</figcaption>
</figure>`;
}

const x = (marks: Marks) => ({
  field: "year",
  type: "quantitative" as const,
  scale: { nice: false, zero: false, domainMin: marks.from },
  axis: { title: null, format: "d", tickMinStep: 1, grid: false, labelFlush: true },
});

/** Grey burn-in tail and the dashed chain-start rule, as layers. */
function markLayers(marks: Marks): unknown[] {
  const layers: unknown[] = [];
  if (marks.burnInEnd !== null) {
    layers.push({
      data: { values: [{ from: marks.from, to: marks.burnInEnd }] },
      mark: { type: "rect", color: "#9aa5b1", opacity: 0.18 },
      encoding: { x: { field: "from", type: "quantitative" }, x2: { field: "to" } },
    });
  }
  layers.push({
    data: { values: [{ year: marks.chainStart, label: "chain starts" }] },
    layer: [
      {
        mark: { type: "rule", strokeDash: [4, 3], color: "#555" },
        encoding: { x: { field: "year", type: "quantitative" } },
      },
      {
        mark: { type: "text", align: "left", dx: 3, dy: 2, baseline: "top", color: "#555", fontSize: 10 },
        encoding: { x: { field: "year", type: "quantitative" }, y: { value: 0 }, text: { field: "label" } },
      },
    ],
  });
  return layers;
}

/** Every arm's median and 25–75 % band of one series on one chart. */
export function overlaySpec(s: OverlaySeries, c: Comparison, marks: Marks, style: FigureStyle): TopLevelSpec {
  const color = {
    field: "arm",
    type: "nominal" as const,
    scale: { domain: c.arms.map((a) => a.label), range: ARM_COLORS.slice(0, c.arms.length) },
    legend: null,
  };
  const y = {
    field: "q50",
    type: "quantitative" as const,
    title: s.unit.label || null,
    scale: { zero: false },
  };
  const layers: unknown[] = [
    ...markLayers(marks),
    {
      data: { values: s.rows },
      layer: [
        {
          mark: { type: "area", opacity: 0.18 },
          encoding: { x: x(marks), y: { ...y, field: "q25" }, y2: { field: "q75" }, color },
        },
        {
          mark: { type: "line", strokeWidth: 1.8, tooltip: style.interactive ? { content: "data" } : false },
          encoding: { x: x(marks), y, color, detail: { field: "arm" } },
        },
      ],
    },
  ];
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: s.title, anchor: "start", subtitle: "Median and 25–75 % of each arm's runs" },
    width: style.width,
    height: style.height,
    background: "white",
    config: figureConfig(style),
    layer: layers,
  } as TopLevelSpec;
}

/** The mean paired difference of one series over time with its 95 % band and a zero line. */
export function differenceSpec(
  d: DifferenceSeries,
  c: Comparison,
  marks: Marks,
  style: FigureStyle,
): TopLevelSpec {
  const color = ARM_COLORS[d.arm % ARM_COLORS.length];
  // A difference of percentages is in percentage points.
  const label = d.unit.label.startsWith("%") ? d.unit.label.replace(/^%/, "percentage points") : d.unit.label;
  const y = {
    field: "mean",
    type: "quantitative" as const,
    title: label ? `difference, ${label}` : "difference",
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: d.title,
      anchor: "start",
      subtitle: `Mean over ${d.pairs} paired seeds, 95 % interval; ${c.arms[0].label} = 0`,
    },
    width: style.width,
    height: style.height,
    background: "white",
    config: figureConfig(style),
    layer: [
      ...markLayers(marks),
      {
        data: { values: d.rows },
        layer: [
          {
            mark: { type: "area", color, opacity: 0.22 },
            encoding: { x: x(marks), y: { ...y, field: "lower" }, y2: { field: "upper" } },
          },
          {
            mark: {
              type: "line",
              color,
              strokeWidth: 1.6,
              tooltip: style.interactive ? { content: "data" } : false,
            },
            encoding: { x: x(marks), y },
          },
        ],
      },
      {
        data: { values: [{ zero: 0 }] },
        mark: { type: "rule", color: "#333" },
        encoding: { y: { field: "zero", type: "quantitative" } },
      },
    ],
  } as TopLevelSpec;
}

interface ForestRow {
  measure: string;
  arm: string;
  estimate: number;
  lower: number;
  upper: number;
  text: string;
  saturated: boolean;
}

function forestRows(c: Comparison): ForestRow[] {
  const rows: ForestRow[] = [];
  for (const m of c.measures) {
    if (m.kind !== "binary") continue;
    for (const d of m.differences) {
      if (!Number.isFinite(d.estimate)) continue;
      rows.push({
        measure: m.saturated ? `${m.label} (saturated)` : m.label,
        arm: `${c.arms[d.arm].label} − ${c.arms[0].label}`,
        estimate: round(100 * d.estimate),
        lower: round(100 * d.lower),
        upper: round(100 * d.upper),
        text: formatArmDifference(m, d),
        saturated: m.saturated,
      });
    }
  }
  return rows;
}

/** Differences in probability with their intervals, one row per binary measure (and arm). */
export function forestSpec(rows: readonly ForestRow[], style: FigureStyle): TopLevelSpec {
  const arms = [...new Set(rows.map((r) => r.arm))];
  const color = {
    field: "arm",
    type: "nominal" as const,
    scale: { domain: arms, range: ARM_COLORS.slice(1, arms.length + 1) },
    legend: arms.length > 1 ? { orient: "bottom", title: null } : null,
  };
  const y = {
    field: "measure",
    type: "nominal" as const,
    title: null,
    sort: null,
    axis: { labelLimit: 420 },
  };
  const xField = {
    type: "quantitative" as const,
    scale: { domain: [-100, 100] },
    title: "difference in probability, percentage points",
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: "Outcome probabilities: paired differences", anchor: "start" },
    // Beside labels of up to ≈ 300 px: the whole fits a page-wide row.
    width: Math.round(style.width * 1.25),
    height: { step: 22 },
    background: "white",
    config: figureConfig(style),
    data: { values: rows },
    layer: [
      {
        data: { values: [{ zero: 0 }] },
        mark: { type: "rule", color: "#333" },
        encoding: { x: { field: "zero", type: "quantitative" } },
      },
      {
        mark: { type: "rule", strokeWidth: 2 },
        encoding: {
          y,
          yOffset: { field: "arm" },
          x: { ...xField, field: "lower" },
          x2: { field: "upper" },
          color,
        },
      },
      {
        mark: {
          type: "point",
          filled: true,
          size: 60,
          tooltip: style.interactive ? { content: "data" } : false,
        },
        encoding: { y, yOffset: { field: "arm" }, x: { ...xField, field: "estimate" }, color },
      },
    ],
  } as TopLevelSpec;
}

function round(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(6)) : x;
}
