// `spiral report A B [C …]`: two or more finished run folders side by side on
// one self-contained page — every time chart of the run report with the runs
// overlaid (one colour per run, aligned by calendar month), each run's burn-in
// shaded grey, the chain's start marked and its crisis months as a strip in
// its colour; a table of headline and bust measures per run (summary.json);
// what differs between the runs (a flat diff of the manifests' configs, the
// seeds, the software); and a note when the runs cover different months or
// have different burn-ins. The runs' folders are only read: the page goes to
// --out (default ./report-compare.html) and no manifest is changed.
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { TopLevelSpec } from "vega-lite";
import { formatValue, type MeasureUnit } from "../engine/comparisonFormat.ts";
import type { RunSummary } from "../engine/summary.ts";
import { InputError } from "../errors.ts";
import { writeFileAtomic } from "../io/atomicWrite.ts";
import { MANIFEST_FILE } from "../io/manifest.ts";
import { SERIES_CSV } from "../io/seriesWriter.ts";
import { ARM_COLORS } from "./compareReport.ts";
import { escapeHtml, footerHtml, reportPage } from "./html.ts";
import { chartStart, intervals, yearOfDate } from "./reportData.ts";
import { type RunFolder, readRunFolder } from "./runFolder.ts";
import { type ResolvedChart, type ResolvedSection, RUN_SECTIONS, resolveSections } from "./sections.ts";
import { figureConfig, PAGE_STYLE, PHASE_COLOR, seriesLabelExpr, toVega, valueAxis } from "./specs.ts";
import { isSweepFolder } from "./sweepFolder.ts";

/** The page's name when --out names a folder or is not given. */
export const PAIR_REPORT_FILE = "report-compare.html";
/** Most runs on one page: one colour each (the comparison report's palette). */
export const MAX_PAIR_RUNS = ARM_COLORS.length;
const SUMMARY_FILE = "summary.json";

/**
 * Where the page goes: `out` if it ends in ".html" (its folder is created),
 * `<out>/report-compare.html` if `out` is a folder or names one to create,
 * `./report-compare.html` (in `cwd`) without `out`.
 */
export function pairReportPath(out: string | undefined, cwd = process.cwd()): string {
  if (out === undefined) return resolve(cwd, PAIR_REPORT_FILE);
  const path = resolve(cwd, out);
  if (existsSync(path) && statSync(path).isDirectory()) return join(path, PAIR_REPORT_FILE);
  return out.toLowerCase().endsWith(".html") ? path : join(path, PAIR_REPORT_FILE);
}

/**
 * Checks that `dir` is a finished run folder a side-by-side page can show.
 * @throws InputError naming the folder and the problem.
 */
export function checkRunFolder(dir: string): void {
  if (!existsSync(dir)) throw new InputError(`run folder not found: ${dir}`, dir);
  if (!statSync(dir).isDirectory()) throw new InputError(`not a run folder: ${dir} is a file`, dir);
  if (isSweepFolder(dir)) {
    throw new InputError(
      `${dir} is a sweep folder, not a run: \`spiral report\` of several folders shows single runs side by side (give the sweep's runs/<runId> folders, or \`spiral report ${dir}\` alone for the sweep's report)`,
      dir,
    );
  }
  for (const file of [MANIFEST_FILE, SERIES_CSV, SUMMARY_FILE]) {
    if (!existsSync(join(dir, file))) {
      throw new InputError(`no ${file} in ${dir}: not a finished Spiral run folder`, join(dir, file));
    }
  }
  let status: unknown;
  try {
    status = (JSON.parse(readFileSync(join(dir, MANIFEST_FILE), "utf8")) as { status?: unknown }).status;
  } catch (err) {
    const path = join(dir, MANIFEST_FILE);
    throw new InputError(`${path}: not valid JSON (${(err as Error).message})`, path);
  }
  if (status !== "completed") {
    throw new InputError(
      `${dir}: the run's manifest.json says status ${JSON.stringify(status ?? null)}, not "completed": not a finished run`,
      join(dir, MANIFEST_FILE),
    );
  }
}

/**
 * Reads and checks every folder, then writes the page of the runs side by
 * side atomically to pairReportPath(out). Nothing is written if any folder
 * is refused. Returns the page's path.
 * @throws InputError if fewer than two folders, more than MAX_PAIR_RUNS, the same folder twice,
 *   or a folder that is missing, a sweep, or not a finished run.
 */
export function writePairReport(dirs: readonly string[], out?: string): string {
  if (dirs.length < 2) throw new InputError("a side-by-side report needs two or more run folders");
  if (dirs.length > MAX_PAIR_RUNS) {
    throw new InputError(
      `at most ${MAX_PAIR_RUNS} run folders on one page (one colour each); got ${dirs.length}`,
    );
  }
  const seen = new Map<string, string>();
  for (const dir of dirs) {
    const key = resolve(dir);
    if (seen.has(key)) throw new InputError(`${dir}: the same run folder is given twice`, dir);
    seen.set(key, dir);
  }
  for (const dir of dirs) checkRunFolder(dir);
  const runs = dirs.map((dir) => readRunFolder(dir));
  const { html } = buildPairReport(runs);
  const path = pairReportPath(out);
  if (existsSync(path) && !statSync(path).isFile()) {
    throw new InputError(`--out: ${path} exists and is not a file`, "--out");
  }
  if (
    out !== undefined &&
    !out.toLowerCase().endsWith(".html") &&
    existsSync(resolve(out)) &&
    statSync(resolve(out)).isFile()
  ) {
    // Not a page we would replace (a typo for another file): name a folder or a .html file.
    throw new InputError(`--out: ${out} is a file; name a folder or a .html file`, "--out");
  }
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileAtomic(path, html);
  } catch (err) {
    throw new InputError(`--out: cannot write ${path}: ${(err as Error).message}`, "--out");
  }
  return path;
}

/** A run on the page: its folder, its name in legends and tables, its colour. */
interface PairRun {
  run: RunFolder;
  label: string;
  color: string;
  /** First month charted (index into run.dates). */
  from: number;
  burnIn: number;
  /** The chain's first month "YYYY-MM" when the run has the chain. */
  chainStart: string | null;
}

/**
 * Names of the runs in legends: "<config name> · seed <seed>"; where two
 * runs would share a name, every run is named by its folder (by the path as
 * given if folders share a name too).
 */
export function runLabels(runs: readonly RunFolder[]): string[] {
  const distinct = (labels: string[]) => new Set(labels).size === labels.length;
  const named = runs.map((r) => `${configName(r)} · seed ${seedOf(r) ?? "?"}`);
  if (distinct(named)) return named;
  const folders = runs.map((r) => basename(resolve(r.dir)));
  return distinct(folders) ? folders : runs.map((r) => r.dir);
}

/** The page of two or more loaded run folders. Pure apart from reading the Vega runtime and page script. */
export function buildPairReport(runs: readonly RunFolder[]): { html: string; chartIds: string[] } {
  const labels = runLabels(runs);
  const pair: PairRun[] = runs.map((run, i) => {
    const config = configOf(run);
    const chain = config.aiChain as { enabled?: unknown; start?: unknown } | undefined;
    return {
      run,
      label: labels[i]!,
      color: ARM_COLORS[i % ARM_COLORS.length]!,
      from: chartStart(run),
      burnIn: run.summary?.burnInTicks ?? (typeof config.burnInTicks === "number" ? config.burnInTicks : 0),
      chainStart: chain?.enabled === true && typeof chain.start === "string" ? chain.start : null,
    };
  });
  const sections = pairSections(runs);
  const data = pairData(pair, sections);
  const charts = sections.flatMap((s) =>
    s.charts.map((chart) => ({
      id: chart.id,
      time: true,
      spec: toVega(pairChartSpec(chart, pair, data.years, data.chainStarts)),
    })),
  );
  const title = labels.join(" vs ");
  const body = [
    header(pair, sections, title),
    measuresSection(pair),
    differencesSection(pair),
    ...sections.map((s) => sectionHtml(s, pair)),
    footerHtml(
      `${runs.length} runs side by side`,
      runs.map((r) => resolve(r.dir)).join(", "),
      "the numbers are in each run folder's series.csv and summary.json.",
    ),
  ].join("\n");
  const payload = { columns: data.columns, phases: data.burnIns, crises: data.crises, charts };
  return { html: reportPage(`Spiral runs: ${title}`, body, payload), chartIds: charts.map((c) => c.id) };
}

/**
 * The run report's sections for the union of the runs' columns: a chart
 * appears when any run has its series (for the charts shown only when not
 * zero throughout: when some run has them not zero throughout).
 */
function pairSections(runs: readonly RunFolder[]): ResolvedSection[] {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const run of runs) {
    for (const c of run.columns) {
      if (!seen.has(c)) {
        seen.add(c);
        columns.push(c);
      }
    }
  }
  const allZero = new Set(
    columns.filter((c) => runs.every((r) => r.series[c] === undefined || r.series[c]!.every((v) => v === 0))),
  );
  return resolveSections(RUN_SECTIONS, columns, allZero).map((section) => ({
    ...section,
    // A chart's per-firm lines (a pattern: one line per chain firm) times the runs would be
    // unreadable; the side-by-side chart keeps its named series (the CDS chart: the chain index).
    charts: section.charts.map(trimPerFirm).filter((c) => c.series.length > 0),
  }));
}

/** The chart without its per-firm lines (those whose column is `<firm>_<suffix>` and whose label is no fixed one). */
function trimPerFirm(chart: ResolvedChart): ResolvedChart {
  const def = RUN_SECTIONS.flatMap((s) => s.charts).find((c) => c.id === chart.id);
  const fixed = new Set(def?.series.flatMap((s) => ("column" in s ? [s.column] : [])) ?? []);
  const series = chart.series.filter((s) => fixed.has(s.column));
  return series.length === chart.series.length ? chart : { ...chart, series };
}

/** Columns the run report shows only when not zero throughout (the chain's, power's and automation's). */
const ONLY_IF_NON_ZERO: readonly ((column: string) => boolean)[] = RUN_SECTIONS.flatMap(
  (s) => s.charts,
).flatMap((chart) =>
  chart.series
    .filter((def) => chart.onlyIfNonZero || ("column" in def && def.onlyIfNonZero))
    .map((def) => ("column" in def ? (c: string) => c === def.column : (c: string) => def.pattern.test(c))),
);

/**
 * Whether a run has a line on a chart of `column`: it has the column and,
 * for a column shown only when not zero throughout, the run's is not (a run
 * without the AI chain writes the chain's columns as zeros).
 */
function shownColumn(run: RunFolder, column: string): boolean {
  const values = run.series[column];
  if (values === undefined) return false;
  return !(ONLY_IF_NON_ZERO.some((test) => test(column)) && values.every((v) => v === 0));
}

interface PairData {
  /** One row per run and month: year, date, run (its label), one field per charted column (null where the run lacks it). */
  columns: Record<string, (number | string | null)[]>;
  /** Each run's burn-in months in view, as year intervals. */
  burnIns: { start: number; end: number; run: string }[];
  /** Each run's crisis episodes in view, with the run's label. */
  crises: { start: number; end: number; from: string; to: string; run: string }[];
  years: [number, number];
  /** The chain's first months, with the runs that start there. */
  chainStarts: { year: number; label: string }[];
}

const DIGITS = 7;

function pairData(pair: readonly PairRun[], sections: readonly ResolvedSection[]): PairData {
  const fields = new Map<string, { column: string; factor: number }>();
  for (const s of sections.flatMap((sec) => sec.charts).flatMap((c) => c.series)) {
    fields.set(s.field, { column: s.column, factor: s.unit.factor });
  }
  const columns: PairData["columns"] = { year: [], date: [], run: [] };
  for (const field of fields.keys()) columns[field] = [];
  const burnIns: PairData["burnIns"] = [];
  const crises: PairData["crises"] = [];
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const p of pair) {
    const dates = p.run.dates.slice(p.from);
    if (dates.length === 0) continue;
    first = Math.min(first, yearOfDate(dates[0]!));
    last = Math.max(last, yearOfDate(dates[dates.length - 1]!, "end"));
    for (let i = 0; i < dates.length; i++) {
      columns.year!.push(yearOfDate(dates[i]!));
      columns.date!.push(dates[i]!);
      columns.run!.push(p.label);
    }
    for (const [field, { column, factor }] of fields) {
      const values = shownColumn(p.run, column) ? p.run.series[column] : undefined;
      for (let i = 0; i < dates.length; i++) {
        const v = values?.[p.from + i];
        columns[field]!.push(v === undefined || !Number.isFinite(v) ? null : round(v * factor));
      }
    }
    if (p.burnIn > p.from && p.burnIn <= p.run.dates.length) {
      burnIns.push({
        start: yearOfDate(dates[0]!),
        end: yearOfDate(p.run.dates[p.burnIn - 1]!, "end"),
        run: p.label,
      });
    }
    const crisis = p.run.series.crisis?.subarray(p.from);
    if (crisis) {
      for (const c of intervals(crisis, (v) => v !== 0, dates)) crises.push({ ...c, run: p.label });
    }
  }
  const starts = new Map<string, string[]>();
  for (const p of pair) {
    if (p.chainStart === null) continue;
    starts.set(p.chainStart, [...(starts.get(p.chainStart) ?? []), p.label]);
  }
  const chainStarts = [...starts].map(([month, runs]) => ({
    year: yearOfDate(month),
    // One month for every run with the chain: no need to say whose; several: each rule names its runs.
    label: starts.size > 1 ? `chain starts (${runs.join(", ")})` : "chain starts",
  }));
  return {
    columns,
    burnIns,
    crises,
    years: Number.isFinite(first) ? [first, last] : [0, 1],
    chainStarts,
  };
}

/**
 * One chart with every run's lines: colour = run, dash = series when the
 * chart has several; each run's burn-in shaded grey (darker where burn-ins
 * overlap), its crisis months as a strip in its colour along the top, a
 * dashed rule where the chain starts. Reads the page's "series", "phases"
 * (burn-ins) and "crises" data sets.
 */
export function pairChartSpec(
  chart: ResolvedChart,
  pair: readonly PairRun[],
  years: readonly [number, number],
  chainStarts: readonly { year: number; label: string }[],
): TopLevelSpec {
  const style = PAGE_STYLE;
  const scale = { domain: [years[0], years[1]], nice: false, zero: false };
  const x = {
    field: "year",
    type: "quantitative" as const,
    scale,
    axis: { title: null, format: "d", tickMinStep: 1, grid: false, labelFlush: true },
  };
  const multi = chart.series.length > 1;
  const seriesLabels = chart.series.map((s) => s.label);
  const color = {
    field: "run",
    type: "nominal" as const,
    scale: { domain: pair.map((p) => p.label), range: pair.map((p) => p.color) },
    legend: null,
  };
  const dash = multi
    ? {
        strokeDash: {
          field: "series",
          type: "nominal" as const,
          scale: { domain: seriesLabels },
          sort: seriesLabels,
          legend: {
            title: null,
            orient: "top" as const,
            direction: "horizontal" as const,
            symbolStrokeColor: "#444",
          },
        },
      }
    : {};
  const labelExpr = seriesLabelExpr(chart);
  const y = valueAxis(chart);
  const interval = (field: "start" | "end") => ({ field, type: "quantitative" as const });
  const crisisStrips = pair.map((p, i) => ({
    data: { name: "crises" },
    transform: [{ filter: `datum.run === ${JSON.stringify(p.label)}` }],
    mark: { type: "rect", color: p.color, opacity: 0.85 },
    encoding: { x: interval("start"), x2: { field: "end" }, y: { value: 5 * i }, y2: { value: 5 * i + 4 } },
  }));
  const rules =
    chainStarts.length > 0
      ? [
          {
            data: { values: chainStarts },
            layer: [
              {
                mark: { type: "rule", strokeDash: [4, 3], color: "#555" },
                encoding: { x: { field: "year", type: "quantitative" } },
              },
              {
                mark: {
                  type: "text",
                  align: "left",
                  dx: 3,
                  dy: 5 * pair.length + 2,
                  baseline: "top",
                  color: "#555",
                  fontSize: 10,
                },
                encoding: {
                  x: { field: "year", type: "quantitative" },
                  y: { value: 0 },
                  text: { field: "label" },
                },
              },
            ],
          },
        ]
      : [];
  const first = chart.series[0]!.unit;
  const spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: chart.title, anchor: "start" },
    width: style.width,
    height: style.height,
    background: "white",
    config: figureConfig(style),
    layer: [
      {
        data: { name: "phases" },
        mark: { type: "rect", color: PHASE_COLOR, opacity: 0.18 },
        encoding: { x: { ...interval("start"), scale }, x2: { field: "end" } },
      },
      ...crisisStrips,
      ...rules,
      {
        data: { name: "series" },
        transform: [
          { fold: chart.series.map((s) => s.field), as: ["key", "value"] },
          { filter: "isValid(datum.value) && isFinite(datum.value)" },
          { calculate: labelExpr, as: "series" },
        ],
        layer: [
          {
            mark: { type: "line", strokeWidth: 1.6, interpolate: chart.step ? "step-after" : "linear" },
            encoding: { x, y, color, ...dash },
          },
          {
            mark: { type: "point", filled: true, size: 40 },
            params: [
              {
                name: "hover",
                select: {
                  type: "point",
                  fields: ["year"],
                  nearest: true,
                  on: "pointerover",
                  clear: "pointerout",
                },
              },
            ],
            encoding: {
              x: { field: "year", type: "quantitative" },
              y: { field: "value", type: "quantitative" },
              color,
              opacity: { condition: { param: "hover", empty: false, value: 1 }, value: 0 },
              tooltip: [
                { field: "date", type: "nominal", title: "month" },
                { field: "run", type: "nominal", title: "run" },
                ...(multi ? [{ field: "series", type: "nominal", title: "series" }] : []),
                {
                  field: "value",
                  type: "quantitative",
                  title: chart.unitLabel || "value",
                  format: first.format,
                },
              ],
            },
          },
        ],
      },
    ],
  };
  return spec as TopLevelSpec;
}

function header(pair: readonly PairRun[], sections: readonly ResolvedSection[], title: string): string {
  const runs = pair
    .map((p) => {
      const m = p.run.manifest;
      const n = p.run.dates.length;
      const facts = [
        n > 0 ? `${n} months, ${p.run.dates[0]} to ${p.run.dates[n - 1]}` : "no months",
        `burn-in ${p.burnIn} months${p.burnIn > 0 && p.run.dates[p.burnIn - 1] ? ` (to ${p.run.dates[p.burnIn - 1]})` : ""}`,
        p.chainStart ? `chain from ${p.chainStart}` : "no AI chain",
      ];
      return `<li><span class="swatch" style="background:${p.color}"></span><b>${escapeHtml(p.label)}</b> <span class="note">${escapeHtml(facts.join(" · "))} · <code>${escapeHtml(p.run.dir)}</code></span>
<div class="reproduce"><pre><code>${escapeHtml(m ? `npx ${m.command}` : "(no manifest.json: command unknown)")}</code></pre></div></li>`;
    })
    .join("\n");
  const notes = alignmentNotes(pair);
  const nav = [`<a href="#measures">Measures</a>`, `<a href="#differs">What differs</a>`]
    .concat(sections.map((s) => `<a href="#${escapeHtml(s.id)}">${escapeHtml(s.title)}</a>`))
    .join("");
  return `<header>
<h1>${escapeHtml(title)} <span class="seed">· ${pair.length} runs side by side</span></h1>
<p class="scenario">Each chart overlays the runs, one colour per run, aligned by calendar month. Reproduce each run exactly with the command under its name.</p>
<ul class="arms">${runs}</ul>
${notes.length > 0 ? `<div class="warnings">${notes.map((n) => `<p class="warning">${escapeHtml(n)}</p>`).join("")}</div>` : ""}
<div class="legend">${pair.map((p) => `<span><span class="swatch" style="background:${p.color}"></span>${escapeHtml(p.label)}</span>`).join("")}<span><span class="swatch phase"></span>burn-in (darker where the runs' burn-ins overlap)</span><span>Strip along the top in a run's colour: its crisis months. Dashed rule: the AI chain starts.</span><span>Money in USD bn at US scale; flows at annual rates.</span></div>
<nav>${nav}</nav>
</header>`;
}

/** Notes when the runs cover different months, have different burn-ins or start the chain in different months. */
export function alignmentNotes(
  pair: readonly Pick<PairRun, "run" | "label" | "burnIn" | "chainStart">[],
): string[] {
  const notes: string[] = [];
  const span = (p: (typeof pair)[number]) => {
    const n = p.run.dates.length;
    return n > 0 ? `${p.run.dates[0]} to ${p.run.dates[n - 1]} (${n} months)` : "no months";
  };
  const distinct = <T>(f: (p: (typeof pair)[number]) => T) => new Set(pair.map(f)).size > 1;
  if (distinct(span)) {
    notes.push(
      `The runs cover different months: ${pair.map((p) => `${p.label} ${span(p)}`).join("; ")}. The charts are aligned by calendar month; a run's line ends where it does.`,
    );
  }
  if (distinct((p) => `${p.burnIn}|${p.run.dates[p.burnIn - 1] ?? ""}`)) {
    notes.push(
      `The runs have different burn-ins: ${pair.map((p) => `${p.label} ${p.burnIn} months${p.run.dates[p.burnIn - 1] ? ` (to ${p.run.dates[p.burnIn - 1]})` : ""}`).join("; ")}. Their headline figures cover different months; each burn-in is shaded.`,
    );
  }
  if (distinct((p) => p.chainStart ?? "none")) {
    notes.push(
      `The AI chain starts in different months: ${pair.map((p) => `${p.label} ${p.chainStart ?? "no chain"}`).join("; ")}. The bust measures count from each run's own start.`,
    );
  }
  return notes;
}

type Row = [label: string, value: (s: RunSummary) => string, note: string];

const value = (unit: MeasureUnit) => (x: number | null | undefined) =>
  x === null || x === undefined ? "–" : formatValue(unit, x);
const pctOf = value("decimal");
const count = (x: number | null | undefined) => (x === null || x === undefined ? "–" : String(x));
const yesNo = (x: number | null | undefined) =>
  x === null || x === undefined ? "no such firm" : x > 0 ? "yes" : "no";

/** The headline figures of summary.json, after the burn-in. */
const HEADLINE_ROWS: readonly Row[] = [
  [
    "Unemployment, mean",
    (s) => pctOf(s.unemploymentRate.mean),
    "monthly unemployment rate after the burn-in",
  ],
  ["Unemployment, range", (s) => `${pctOf(s.unemploymentRate.min)} to ${pctOf(s.unemploymentRate.max)}`, ""],
  ["Inflation, mean", (s) => pctOf(s.inflationMean), "12-month CPI inflation, a year"],
  ["Real GDP growth", (s) => pctOf(s.gdpRealGrowthYearly), "a year, first to last full quarter"],
  ["Recessions", (s) => count(s.recessions), "≥ 2 quarters of falling real GDP"],
  ["Crisis episodes", (s) => count(s.crisisEpisodes), "runs of months with the core's crisis flag"],
  ["Months in crisis", (s) => count(s.crisisMonths), ""],
  ["Negative-feedback phase", (s) => pctOf(s.phaseShare.negative), "share of the months"],
  ["Firm defaults", (s) => count(s.firmDefaults), "simulated firms"],
  ["Bank failures", (s) => count(s.bankFailures), ""],
  ["Government debt / GDP", (s) => pctOf(s.govDebtToGdpFinal), "in the last month"],
];

/** The bust measures (engine/bust.ts, summary.json "bust"), from the chain's start; "–" without the chain. */
const BUST_ROWS: readonly Row[] = [
  [
    "Chain valuation drawdown from peak",
    (s) => pctOf(s.bust?.valuationDrawdown),
    "largest fall of the chain's market value from its running peak",
  ],
  ["Neocloud (downstream cloud) defaults", (s) => bustFlag(s, "neocloud"), ""],
  ["Legacy cloud defaults", (s) => bustFlag(s, "legacyCloud"), ""],
  ["Hyperscaler defaults", (s) => bustFlag(s, "hyperscaler"), ""],
  ["Chip maker defaults", (s) => bustFlag(s, "chip"), ""],
  ["AI lab defaults", (s) => bustFlag(s, "modelLab"), ""],
  ["Any chain firm defaults", (s) => (s.bust ? yesNo(s.bust.anyChainDefault) : "–"), ""],
  ["Chain firm-months in default", (s) => count(s.bust?.chainDefaultMonths), ""],
  [
    "Months to the first chain default",
    (s) =>
      s.bust ? (s.bust.monthsToFirstDefault === null ? "none" : String(s.bust.monthsToFirstDefault)) : "–",
    "1 = the chain's first month",
  ],
  [
    "Months of negative feedback reaching jobs",
    (s) => count(s.bust?.negativeFeedbackJobsMonths),
    "negative feedback with unemployment ≥ 1 point above its chain-start level",
  ],
  ["Peak chain CDS index", (s) => value("bp")(s.bust?.peakCdsBp), ""],
  ["Peak unemployment", (s) => pctOf(s.bust?.peakUnemployment), "after the chain's start"],
  [
    "Output loss below the pre-chain trend",
    (s) => value("share of a year's output")(s.bust?.outputLoss),
    "share of a year's trend output, summed",
  ],
  ["Real GDP drawdown from peak", (s) => pctOf(s.bust?.gdpDrawdown), "after the chain's start"],
];

/** A measure's text, "–" where the summary lacks it (none, or one written before the field existed). */
function cellOf(summary: RunSummary | null, f: Row[1]): string {
  if (summary === null) return "–";
  try {
    return f(summary);
  } catch {
    return "–";
  }
}

function bustFlag(s: RunSummary, role: keyof NonNullable<RunSummary["bust"]>["defaultByRole"]): string {
  return s.bust ? yesNo(s.bust.defaultByRole[role]) : "–";
}

function measuresSection(pair: readonly PairRun[]): string {
  const head = `<tr><th>measure</th>${pair.map((p) => `<th><span class="swatch" style="background:${p.color}"></span>${escapeHtml(p.label)}</th>`).join("")}</tr>`;
  const rows = (list: readonly Row[]) =>
    list
      .map(
        ([label, f, note]) =>
          `<tr><td${note ? ` title="${escapeHtml(note)}"` : ""}>${escapeHtml(label)}</td>${pair.map((p) => `<td class="num">${escapeHtml(cellOf(p.run.summary, f))}</td>`).join("")}</tr>`,
      )
      .join("\n");
  const anyBust = pair.some((p) => p.run.summary?.bust);
  return `<section id="measures">
<h2>Headline and bust measures</h2>
<p class="note">Headline figures over each run's months after its burn-in (summary.json); bust measures from the chain's start to the end of the run (summary.json "bust", engine/bust.ts) — "–" for a run without the AI chain. One run per column: these are single runs, not averages over seeds; <code>spiral compare</code> gives paired differences with intervals over many seeds.</p>
<div class="scroll"><table class="data outcomes"><thead>${head}</thead>
<tbody>
<tr><th colspan="${pair.length + 1}">Headline, after the burn-in</th></tr>
${rows(HEADLINE_ROWS)}
${anyBust ? `<tr><th colspan="${pair.length + 1}">Bust measures, from the chain's start</th></tr>\n${rows(BUST_ROWS)}` : ""}
</tbody></table></div>
</section>`;
}

/** A config path and its value in each run (undefined: not set). */
export interface ConfigDifference {
  path: string;
  values: (unknown | undefined)[];
}

/**
 * The config paths whose values differ between the configs: objects are
 * walked key by key ("centralBank.overrides", "households.count"); a list
 * or any other value is one leaf, compared whole. Paths in first-seen order.
 * @example configDifferences([{ a: { b: 1 } }, { a: { b: 2 } }]) // [{ path: "a.b", values: [1, 2] }]
 */
export function configDifferences(configs: readonly unknown[]): ConfigDifference[] {
  const flat = configs.map((c) => flatten(c));
  const paths: string[] = [];
  const seen = new Set<string>();
  for (const f of flat) {
    for (const path of f.keys()) {
      if (!seen.has(path)) {
        seen.add(path);
        paths.push(path);
      }
    }
  }
  const out: ConfigDifference[] = [];
  for (const path of paths) {
    const values = flat.map((f) => f.get(path));
    const texts = values.map((v) => (v === undefined ? "\u0000unset" : JSON.stringify(v)));
    if (new Set(texts).size > 1) out.push({ path, values });
  }
  return out;
}

function flatten(value: unknown, prefix = "", into = new Map<string, unknown>()): Map<string, unknown> {
  if (isPlainObject(value)) {
    const entries = Object.entries(value);
    // An empty object is a value of its own (e.g. "overrides": {}), not nothing.
    if (entries.length === 0 && prefix !== "") into.set(prefix, value);
    for (const [key, v] of entries) flatten(v, prefix === "" ? key : `${prefix}.${key}`, into);
  } else if (prefix !== "") {
    into.set(prefix, value);
  }
  return into;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A config value as a person reads it: strings as they are, everything else as JSON, in full. */
export function readableValue(v: unknown): string {
  if (v === undefined) return "(not set)";
  if (typeof v === "string") return v;
  // A list of objects (overrides, contracts): one element a line.
  if (Array.isArray(v) && v.some((e) => typeof e === "object" && e !== null)) {
    return v.length === 0 ? "[]" : `[\n  ${v.map(spacedJson).join(",\n  ")}\n]`;
  }
  return spacedJson(v);
}

/** JSON on one line with a space after each ":" and "," — {"from": "2025-11", "rateYearly": 0.03}. */
function spacedJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(spacedJson).join(", ")}]`;
  if (isPlainObject(v)) {
    return `{${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}: ${spacedJson(x)}`)
      .join(", ")}}`;
  }
  return JSON.stringify(v) ?? String(v);
}

function differencesSection(pair: readonly PairRun[]): string {
  // The seed is the run's (manifest.json), shown in its own row; the config's seed field is its default.
  const diffs = configDifferences(
    pair.map((p) => {
      const { seed: _seed, ...rest } = configOf(p.run);
      return rest;
    }),
  );
  const cell = (p: PairRun, v: unknown, path: string) => {
    const level = p.run.sweepPoint?.labels?.[path];
    const text = readableValue(v);
    return `<td>${level && level !== text ? `<b>${escapeHtml(level)}</b><br>` : ""}<code class="value">${escapeHtml(text)}</code></td>`;
  };
  const head = `<tr><th>config path</th>${pair.map((p) => `<th><span class="swatch" style="background:${p.color}"></span>${escapeHtml(p.label)}</th>`).join("")}</tr>`;
  const seeds = pair.map((p) => seedOf(p.run));
  const software = (f: (m: NonNullable<RunFolder["manifest"]>) => string | null) =>
    pair.map((p) => (p.run.manifest ? f(p.run.manifest) : null) ?? "?");
  const extra: [string, string[]][] = [["seed", seeds.map((s) => (s === undefined ? "?" : String(s)))]];
  const versions = software(
    (m) => `Spiral ${m.spiral}${m.gitCommit ? `, commit ${m.gitCommit.slice(0, 10)}` : ""}`,
  );
  if (new Set(versions).size > 1) extra.push(["software", versions]);
  const rows = [
    ...extra.map(
      ([name, values]) =>
        `<tr><td><i>${escapeHtml(name)}</i></td>${values.map((v) => `<td><code class="value">${escapeHtml(v)}</code></td>`).join("")}</tr>`,
    ),
    ...diffs.map(
      (d) =>
        `<tr data-path="${escapeHtml(d.path)}"><td><code>${escapeHtml(d.path)}</code></td>${d.values.map((v, i) => cell(pair[i]!, v, d.path)).join("")}</tr>`,
    ),
  ];
  const same = seeds.every((s) => s === seeds[0]);
  return `<section id="differs">
<h2>What differs</h2>
<p class="note">${diffs.length === 0 ? "The runs' configs are the same" : `${diffs.length} config path${diffs.length === 1 ? "" : "s"} differ`} (a flat comparison of the resolved configs in each manifest.json; lists are compared and shown whole); ${same ? "the runs share their seed, so they share their random draws until their configs differ" : "the seeds differ, so the runs differ in their random draws too, not only in their configs"}.</p>
<div class="scroll"><table class="data differs"><thead>${head}</thead>
<tbody>
${rows.join("\n")}
</tbody></table></div>
</section>`;
}

function sectionHtml(section: ResolvedSection, pair: readonly PairRun[]): string {
  const figures = section.charts.map((chart) => {
    const missing = pair.filter((p) => !chart.series.some((s) => shownColumn(p.run, s.column)));
    const note = missing.length > 0 ? ` Not in ${missing.map((p) => p.label).join(", ")}.` : "";
    return `<figure class="chart" id="chart-${escapeHtml(chart.id)}" data-chart="${escapeHtml(chart.id)}">
<div class="view" id="view-${escapeHtml(chart.id)}"></div>
<figcaption>${escapeHtml(chart.caption + note)}</figcaption>
</figure>`;
  });
  return `<section id="${escapeHtml(section.id)}">
<h2>${escapeHtml(section.title)}</h2>
<div class="charts">
${figures.join("\n")}
</div>
</section>`;
}

function configOf(run: RunFolder): Record<string, unknown> {
  const c = run.manifest?.config;
  return isPlainObject(c) ? c : {};
}

function configName(run: RunFolder): string {
  const name = configOf(run).name;
  if (typeof name === "string") return name;
  return run.summary?.name ?? basename(resolve(run.dir));
}

function seedOf(run: RunFolder): number | undefined {
  return run.manifest?.seed ?? run.summary?.seed;
}

function round(x: number): number {
  return Number(x.toPrecision(DIGITS));
}
