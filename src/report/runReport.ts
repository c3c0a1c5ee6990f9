// The run report: one self-contained report.html per run folder — a header
// (config, seed, scenario, headline figures, the command to reproduce), time
// charts in sections that appear when their series exist (sections.ts), the
// crisis episodes, and the AI-chain network when the run wrote network.json.
import { basename, join, resolve } from "node:path";
import { writeFileAtomic } from "../io/atomicWrite.ts";
import { cascadeSectionHtml, cascadeTimeline } from "./cascade.ts";
import { escapeHtml, footerHtml, reportPage } from "./html.ts";
import { recordOutput } from "./manifestOutputs.ts";
import { layoutNetwork } from "./network.ts";
import { buildReportData, type Interval, runSections } from "./reportData.ts";
import { type RunFolder, readRunFolder } from "./runFolder.ts";
import type { ResolvedSection } from "./sections.ts";
import { networkSpec, PAGE_STYLE, timeChartSpec, toVega } from "./specs.ts";

export const REPORT_FILE = "report.html";

/** Id of the network diagram among the report's charts (and its SVG's name in `spiral plot`). */
export const NETWORK_CHART_ID = "network";

/** A chart as the page script receives it: a compiled Vega spec, and whether it reads the time series. */
interface PageChart {
  id: string;
  time: boolean;
  spec: unknown;
}

export interface RunReport {
  html: string;
  /** Ids of the charts on the page, in order. */
  chartIds: string[];
}

/**
 * Writes `<dir>/report.html` atomically and, if the folder has a manifest,
 * records the report's hash and size among its outputs. Returns the path.
 * @throws InputError if `dir` is not a finished run folder (see readRunFolder).
 */
export function writeRunReport(dir: string): string {
  const { html } = buildRunReport(readRunFolder(dir));
  const path = join(dir, REPORT_FILE);
  writeFileAtomic(path, html);
  recordOutput(dir, REPORT_FILE, html);
  return path;
}

/** The report page of a loaded run folder. Pure apart from reading the Vega runtime and page script. */
export function buildRunReport(run: RunFolder): RunReport {
  const sections = runSections(run);
  const data = buildReportData(run, sections);
  const charts: PageChart[] = sections.flatMap((s) =>
    s.charts.map((chart) => ({
      id: chart.id,
      time: true,
      spec: toVega(timeChartSpec(chart, data.years, PAGE_STYLE)),
    })),
  );
  if (run.network) {
    const layout = layoutNetwork(run.network, 640, 440);
    charts.push({
      id: NETWORK_CHART_ID,
      time: false,
      spec: toVega(networkSpec(layout, networkTitle(run), PAGE_STYLE)),
    });
  }
  const title = `Spiral run: ${runName(run)}, seed ${seedOf(run) ?? "?"}`;
  const body = [
    header(run, sections),
    ...sections.map(sectionHtml),
    run.network ? networkSection(run) : "",
    chainStart(run) === undefined ? "" : cascadeSection(run),
    crisisSection(run, data.crises),
    footer(run),
  ].join("\n");
  const payload = { columns: data.columns, phases: data.phases, crises: data.crises, charts };
  const html = reportPage(title, body, payload);
  return { html, chartIds: charts.map((c) => c.id) };
}

function header(run: RunFolder, sections: readonly ResolvedSection[]): string {
  const m = run.manifest;
  const config = (m?.config ?? {}) as { description?: unknown; burnInTicks?: unknown };
  const configDescription = typeof config.description === "string" ? config.description : "";
  // A sweep's run: what it is in the sweep, not the base config's own story (which the sweep varied).
  const point = run.sweepPoint;
  const varied = point
    ? Object.entries(point.labels)
        .map(([k, v]) => (k === "scenario" ? `scenario ${v}` : `${k} = ${v}`))
        .join(", ")
    : "";
  const description = point
    ? `Run ${point.replication} of sweep ${point.sweep}${varied ? ` at ${varied}` : ""} (${point.seeds} seeds).${configDescription ? ` The config's own description, before the sweep's changes: “${configDescription}”` : ""}`
    : configDescription;
  const n = run.dates.length;
  const meta = [
    m ? `status ${m.status}` : "no manifest.json",
    n > 0 ? `${n} months, ${run.dates[0]} to ${run.dates[n - 1]}` : "no months",
    run.summary ? `burn-in ${run.summary.burnInTicks} months` : "",
    m ? `Spiral ${m.spiral}, Node ${m.node}` : "",
    m?.gitCommit ? `commit ${m.gitCommit.slice(0, 10)}` : "",
    m?.finishedAt ? `finished ${m.finishedAt.replace("T", " ").replace(/\.\d+Z$/, " UTC")}` : "",
    m?.wallSeconds != null ? `in ${m.wallSeconds.toFixed(1)} s` : "",
  ].filter((s) => s !== "");
  const nav = sections
    .map((s) => `<a href="#${escapeHtml(s.id)}">${escapeHtml(s.title)}</a>`)
    .concat(run.network ? [`<a href="#ai-network">AI-chain network</a>`] : [])
    .concat(chainStart(run) === undefined ? [] : [`<a href="#cascade">Cascade</a>`])
    .concat([`<a href="#crises">Crises</a>`]);
  return `<header>
<h1>${escapeHtml(runName(run))} <span class="seed">· seed ${escapeHtml(String(seedOf(run) ?? "?"))}</span></h1>
${description ? `<p class="scenario">${escapeHtml(description)}</p>` : ""}
<p class="meta">${meta.map(escapeHtml).join(" · ")}</p>
${summaryFigures(run)}
<div class="reproduce">Reproduce this run exactly:
<pre><code>${escapeHtml(point ? `npx ${point.reproduce}` : m ? `npx ${m.command}` : "(no manifest.json: command unknown)")}</code></pre></div>
<div class="legend"><span><span class="swatch phase"></span>negative-feedback phase (credit, equity value and investment all falling)</span><span><span class="swatch crisis"></span>crisis (a crisis threshold crossed)</span><span>Money in USD bn at US scale; flows at annual rates.</span></div>
<nav>${nav.join("")}</nav>
</header>`;
}

function summaryFigures(run: RunFolder): string {
  const s = run.summary;
  if (!s) return `<p class="note">No summary.json in this folder.</p>`;
  if (s.monthsAnalysed === 0) {
    return `<p class="note">No months after the burn-in (${s.burnInTicks} ≥ ${s.ticks}), so no summary figures.</p>`;
  }
  const u = s.unemploymentRate;
  const growth = s.gdpRealGrowthYearly;
  const figures: [string, string, string][] = [
    ["Unemployment, mean", pct(u.mean), `${pct(u.min)} to ${pct(u.max)}`],
    ["Inflation, mean", pct(s.inflationMean), "a year"],
    ["Real GDP growth", growth === null ? "n/a" : `${growth >= 0 ? "+" : ""}${pct(growth)}`, "a year"],
    ["Recessions", String(s.recessions), "≥ 2 quarters of falling GDP"],
    ["Crises", String(s.crisisEpisodes), `${s.crisisMonths} months in crisis`],
    ["Negative-feedback phase", pct(s.phaseShare.negative), "of the months"],
    [
      "Firm defaults",
      String(s.firmDefaults),
      `${s.firmExits === null ? "" : `${s.firmExits} voluntary exits, `}${s.bankFailures} bank failures`,
    ],
    [
      "Government debt / GDP",
      s.govDebtToGdpFinal === null ? "n/a" : pct(s.govDebtToGdpFinal, 0),
      "in the last month",
    ],
  ];
  return `<p class="meta">Months ${s.burnInTicks + 1}–${s.ticks}, after the burn-in:</p>
<dl class="figures">${figures
    .map(
      ([name, value, note]) =>
        `<div class="figure"><dt>${escapeHtml(name)}</dt><dd>${escapeHtml(value)}<small>${escapeHtml(note)}</small></dd></div>`,
    )
    .join("")}</dl>`;
}

function sectionHtml(section: ResolvedSection): string {
  const figures = section.charts.map(
    (chart) => `<figure class="chart" id="chart-${escapeHtml(chart.id)}" data-chart="${escapeHtml(chart.id)}">
<div class="view" id="view-${escapeHtml(chart.id)}"></div>
<figcaption>${escapeHtml(chart.caption)}</figcaption>
</figure>`,
  );
  return `<section id="${escapeHtml(section.id)}">
<h2>${escapeHtml(section.title)}</h2>
<div class="charts">
${figures.join("\n")}
</div>
</section>`;
}

function networkSection(run: RunFolder): string {
  const network = run.network!;
  const defaulted = network.nodes.filter((n) => n.defaulted).length;
  return `<section id="ai-network">
<h2>AI-chain network</h2>
<figure class="chart" id="chart-${NETWORK_CHART_ID}" data-chart="${NETWORK_CHART_ID}">
<div class="view" id="view-${NETWORK_CHART_ID}"></div>
<figcaption>${network.nodes.length} firms, ${network.edges.length} links (contracts: seller → buyer; equity stakes: holder → firm), ${defaulted} defaulted. Node area ∝ market value.</figcaption>
</figure>
</section>`;
}

/** Crisis episodes with their reasons (from events.ndjson; from the series' crisis flag if there are no events). */
function crisisSection(run: RunFolder, crises: readonly Interval[]): string {
  const starts = run.events.filter((e) => e.type === "crisisStart");
  const ends = run.events.filter((e) => e.type === "crisisEnd");
  const rows =
    starts.length > 0
      ? starts.map((start, i) => {
          const end = ends.find((e) => e.tick > start.tick);
          const lastMonth = end ? monthBefore(run, end.tick) : run.dates[run.dates.length - 1]!;
          const months = (end ? end.tick : run.dates.length + 1) - start.tick;
          const reasons = typeof start.reasons === "string" ? start.reasons.split(",").map(words) : [];
          return [
            String(i + 1),
            start.date,
            end ? lastMonth : `${lastMonth} (ongoing)`,
            String(months),
            reasons.join(", "),
          ];
        })
      : crises.map((c, i) => [String(i + 1), c.from, c.to, String(Math.round((c.end - c.start) * 12)), ""]);
  if (rows.length === 0) {
    return `<section id="crises"><h2>Crises</h2><p class="note">No crisis in this run.</p></section>`;
  }
  const body = rows
    .map(
      (r) =>
        `<tr><td class="num">${escapeHtml(r[0]!)}</td><td>${escapeHtml(r[1]!)}</td><td>${escapeHtml(r[2]!)}</td><td class="num">${escapeHtml(r[3]!)}</td><td>${escapeHtml(r[4]!)}</td></tr>`,
    )
    .join("\n");
  return `<section id="crises">
<h2>Crises</h2>
<table class="data"><thead><tr><th>#</th><th>first month</th><th>last month</th><th>months</th><th>thresholds crossed at the start</th></tr></thead>
<tbody>
${body}
</tbody></table>
</section>`;
}

/**
 * The chain's first tick: from summary.json's bust measures, else the first
 * month the chain has a market value; undefined for a run without the chain
 * (it gets no cascade timeline).
 */
function chainStart(run: RunFolder): number | undefined {
  const fromSummary = run.summary?.bust?.chainStartTick;
  if (typeof fromSummary === "number") return fromSummary;
  const cap = run.series.marketCapAiChain;
  if (cap === undefined) return undefined;
  const i = cap.findIndex((x) => x > 0);
  return i < 0 ? undefined : i + 1;
}

/** The cascade timeline (cascade.ts) from events.ndjson and the unemployment series. */
function cascadeSection(run: RunFolder): string {
  return cascadeSectionHtml(
    cascadeTimeline({
      events: run.events,
      unemploymentRate: run.series.unemploymentRate,
      displacedByAutomation: run.series.displacedByAutomation,
      dates: run.dates,
      fromTick: chainStart(run) ?? 1,
    }),
  );
}

function footer(run: RunFolder): string {
  return footerHtml("a run", resolve(run.dir), "the numbers are in series.csv beside this file.");
}

function runName(run: RunFolder): string {
  const config = run.manifest?.config as { name?: unknown } | undefined;
  if (typeof config?.name === "string") return config.name;
  return run.summary?.name ?? basename(resolve(run.dir));
}

function seedOf(run: RunFolder): number | undefined {
  return run.manifest?.seed ?? run.summary?.seed;
}

function networkTitle(run: RunFolder): string {
  const n = run.network!;
  return n.date ? `AI-chain network, ${n.date}` : "AI-chain network";
}

function monthBefore(run: RunFolder, tick: number): string {
  return run.dates[tick - 2] ?? "";
}

/** "outputDrop" → "output drop". */
function words(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

function pct(x: number | null, digits = 1): string {
  return x === null ? "n/a" : `${(x * 100).toFixed(digits)} %`;
}
