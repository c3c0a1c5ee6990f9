import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { wilsonInterval } from "../src/analysis/wilsonInterval.ts";
import { InputError } from "../src/errors.ts";
import { CHAIN_FIRM_COLUMNS, SERIES_COLUMNS } from "../src/model/metrics.ts";
import { escapeHtml, inlineJson, inlineScript } from "../src/report/html.ts";
import { layoutNetwork, parseNetwork } from "../src/report/network.ts";
import { buildReportData, intervals, yearOfDate } from "../src/report/reportData.ts";
import type { RunFolder } from "../src/report/runFolder.ts";
import { buildRunReport, writeRunReport } from "../src/report/runReport.ts";
import { RUN_SECTIONS, resolveSections } from "../src/report/sections.ts";
import { PAPER_STYLE, timeChartSpec, toVega } from "../src/report/specs.ts";
import type { PointAggregate, SweepFolder } from "../src/report/sweepFolder.ts";
import { buildSweepReport, crisisCells, valueLabel } from "../src/report/sweepReport.ts";
import { columnUnit, displayUnit } from "../src/report/units.ts";
import { SYNTHETIC_COLUMNS, SYNTHETIC_FIRMS, syntheticNetwork } from "./helpers/report.ts";

const MODEL_COLUMNS = SERIES_COLUMNS.map((c) => c.name);
const CONDITIONAL_SECTIONS = ["aiCredit", "ai", "power", "automation"];

/** A run folder in memory: `months` months of every model column (and `extra` ones), all values 1. */
function fakeRun(months: number, extra: readonly string[] = [], network = false): RunFolder {
  const columns = [...new Set([...MODEL_COLUMNS, ...extra])];
  const series: Record<string, Float64Array> = {};
  for (const c of columns) if (c !== "date") series[c] = new Float64Array(months).fill(1);
  series.tick = Float64Array.from({ length: months }, (_, i) => i + 1);
  series.phase = Float64Array.from({ length: months }, (_, i) => (i >= 3 && i < 6 ? -1 : 0));
  series.crisis = Float64Array.from({ length: months }, (_, i) => (i >= 8 ? 1 : 0));
  const dates = Array.from(
    { length: months },
    (_, i) => `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`,
  );
  return {
    dir: "/nowhere/run",
    columns,
    series,
    dates,
    manifest: null,
    summary: null,
    events: [],
    network: network ? syntheticNetwork() : null,
  };
}

describe("units", () => {
  it("takes every model column's unit from SERIES_COLUMNS and the per-firm ones from CHAIN_FIRM_COLUMNS", () => {
    for (const c of SERIES_COLUMNS) expect(columnUnit(c.name)).toBe(c.unit);
    for (const c of CHAIN_FIRM_COLUMNS) expect(columnUnit(`someFirm_${c.suffix}`)).toBe(c.unit);
  });

  it("falls back to the unit suffix of a column the model does not list", () => {
    expect(columnUnit("someLoadGw")).toBe("GW");
    expect(columnUnit("neocloud_cdsBp")).toBe("bp");
    expect(columnUnit("laborShare")).toBe("decimal");
    expect(columnUnit("somePriceUsdPerMwh")).toBe("USD per MWh");
    expect(columnUnit("somethingElse")).toBeUndefined();
  });

  it("shows decimals as percent and keeps money in USD bn", () => {
    expect(displayUnit("decimal per year")).toMatchObject({ label: "% a year", factor: 100 });
    expect(displayUnit("decimal")).toMatchObject({ label: "%", factor: 100 });
    expect(displayUnit("USD bn per year")).toMatchObject({ label: "USD bn per year", factor: 1 });
    expect(displayUnit(undefined)).toMatchObject({ label: "", factor: 1 });
  });
});

describe("sections", () => {
  it("shows the core sections, and hides the AI-chain ones while their series are zero throughout", () => {
    const zero = new Set(SYNTHETIC_COLUMNS);
    const ids = resolveSections(RUN_SECTIONS, MODEL_COLUMNS, zero).map((s) => s.id);
    expect(ids).toEqual(["macro", "credit", "equity", "government", "defaults"]);
    for (const id of CONDITIONAL_SECTIONS) expect(ids).not.toContain(id);
    const charts = resolveSections(RUN_SECTIONS, MODEL_COLUMNS, zero).flatMap((s) => s.charts);
    expect(charts.find((c) => c.id === "marketCap")!.series.map((s) => s.label)).toEqual(["Non-AI firms"]);
    expect(charts.map((c) => c.id)).not.toContain("chainDefaults");
    // A count that is zero throughout (no bank failed) is still shown.
    const withZeroFailures = resolveSections(RUN_SECTIONS, MODEL_COLUMNS, new Set([...zero, "bankFailures"]));
    expect(withZeroFailures.flatMap((s) => s.charts).map((c) => c.id)).toContain("bankFailures");
  });

  it("shows the AI-chain, CDS, power and automation sections once their columns have data", () => {
    const sections = resolveSections(RUN_SECTIONS, [...MODEL_COLUMNS, ...SYNTHETIC_COLUMNS]);
    const ids = sections.map((s) => s.id);
    for (const id of CONDITIONAL_SECTIONS) expect(ids).toContain(id);
    const charts = sections.flatMap((s) => s.charts);
    const cds = charts.find((c) => c.id === "cdsSpreads")!;
    expect(cds.series.map((s) => s.label)).toEqual(["Chain index", ...SYNTHETIC_FIRMS]);
    expect(cds.unitLabel).toBe("bp");
    const cap = charts.find((c) => c.id === "marketCap")!;
    expect(cap.series.map((s) => s.label)).toEqual(["Total", "Non-AI firms", "AI chain"]);
    expect(charts.find((c) => c.id === "gridCapacity")!.unitLabel).toBe("GW");
    expect(charts.find((c) => c.id === "circularRevenue")!.unitLabel).toBe("%");
  });

  it("gives every chart a single unit and every distinct line its own field", () => {
    const charts = resolveSections(RUN_SECTIONS, [...MODEL_COLUMNS, ...SYNTHETIC_COLUMNS]).flatMap(
      (s) => s.charts,
    );
    for (const chart of charts) expect(chart.unitLabel, chart.id).not.toContain(" | ");
    const byField = new Map<string, string>();
    for (const s of charts.flatMap((c) => c.series)) {
      expect(byField.get(s.field) ?? s.column).toBe(s.column);
      byField.set(s.field, s.column);
    }
  });
});

describe("report data", () => {
  it("converts dates to fractional years and finds runs of months", () => {
    expect(yearOfDate("2031-04")).toBe(2031.25);
    const dates = ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05"];
    expect(intervals([0, -1, -1, 0, -1], (v) => v < 0, dates)).toEqual([
      { start: 2025 + 1 / 12, end: 2025 + 3 / 12, from: "2025-02", to: "2025-03" },
      { start: 2025 + 4 / 12, end: 2025 + 5 / 12, from: "2025-05", to: "2025-05" },
    ]);
  });

  it("holds every line in display units and the phase and crisis intervals", () => {
    const run = fakeRun(12);
    const sections = resolveSections(RUN_SECTIONS, run.columns);
    const data = buildReportData(run, sections);
    const charts = sections.flatMap((s) => s.charts);
    const unemployment = charts.find((c) => c.id === "unemployment")!.series[0]!;
    expect(data.columns[unemployment.field]![0]).toBe(100);
    const gdp = charts.find((c) => c.id === "gdp")!.series[0]!;
    expect(data.columns[gdp.field]![0]).toBe(1);
    expect(data.phases.map((p) => [p.from, p.to])).toEqual([["2025-04", "2025-06"]]);
    expect(data.crises.map((p) => [p.from, p.to])).toEqual([["2025-09", "2025-12"]]);
    expect(data.years).toEqual([2025, 2026]);
  });

  it("starts the charts a year before the burn-in ends, and shows a short burn-in whole", () => {
    const run = fakeRun(240);
    run.series.unemploymentRate = Float64Array.from({ length: 240 }, (_, i) => i / 1000);
    const sections = resolveSections(RUN_SECTIONS, run.columns);
    const unemployment = sections.flatMap((s) => s.charts).find((c) => c.id === "unemployment")!.series[0]!;
    const withBurnIn = { ...run, summary: { burnInTicks: 120 } as RunFolder["summary"] };
    const data = buildReportData(withBurnIn, sections);
    expect(data.columns.date![0]).toBe(run.dates[108]);
    expect(data.columns.date).toHaveLength(132);
    expect(data.columns[unemployment.field]![0]).toBeCloseTo(10.8, 9); // % of month 109's 0.108
    expect(data.years[0]).toBe(2034);
    const short = buildReportData({ ...run, summary: { burnInTicks: 12 } as RunFolder["summary"] }, sections);
    expect(short.columns.date).toHaveLength(240);
  });
});

describe("network.json", () => {
  it("accepts the synthetic network and lays it out inside the box, the same every time", () => {
    const network = parseNetwork(JSON.parse(JSON.stringify(syntheticNetwork())), "network.json");
    const layout = layoutNetwork(network, 640, 440);
    expect(layout.nodes).toHaveLength(4);
    expect(layout.edges).toHaveLength(7);
    for (const node of layout.nodes) {
      expect(node.x).toBeGreaterThan(0);
      expect(node.x).toBeLessThan(640);
      expect(node.y).toBeGreaterThan(0);
      expect(node.y).toBeLessThan(440);
    }
    expect(layout.maxEdgeUsdBn).toBe(180);
    expect(Math.max(...layout.edges.map((e) => e.strokeWidth))).toBe(10);
    expect(layoutNetwork(network, 640, 440)).toEqual(layout);
  });

  it("names the JSON path of a malformed network", () => {
    const bad = syntheticNetwork() as unknown as {
      edges: { target: string }[];
      nodes: { valueUsdBn: number }[];
    };
    bad.edges[2]!.target = "nobody";
    expect(() => parseNetwork(bad, "x/network.json")).toThrow(
      'x/network.json: /edges/2/target: must be the id of a node (got "nobody")',
    );
    const negative = syntheticNetwork() as unknown as { nodes: { valueUsdBn: number }[] };
    negative.nodes[1]!.valueUsdBn = -1;
    expect(() => parseNetwork(negative, "n.json")).toThrow(
      "n.json: /nodes/1/valueUsdBn: must be a number ≥ 0",
    );
    expect(() => parseNetwork({ format: "other", nodes: [], edges: [] }, "n.json")).toThrow("/format");
  });
});

describe("sweep report", () => {
  const point = (
    id: string,
    values: Record<string, unknown>,
    crises: number,
    runs: number,
  ): PointAggregate => ({
    pointId: id,
    values,
    runs,
    completed: runs,
    failed: 0,
    seriesRuns: 0,
    bands: null,
    crisisProbability: { crises, runs, estimate: null, lower: null, upper: null },
    metrics: {},
  });

  it("pools the points of a heatmap cell and gives each cell its Wilson interval", () => {
    const points = [
      point("a", { x: 1, y: "low", z: 0 }, 1, 4),
      point("b", { x: 1, y: "low", z: 1 }, 3, 4),
      point("c", { x: 2, y: "low", z: 0 }, 0, 4),
      point("d", { x: 2, y: "high", z: 0 }, 4, 4),
    ];
    const cells = crisisCells(points, "x", "y");
    expect(cells.map((c) => [c.x, c.y, c.crises, c.runs])).toEqual([
      ["1", "low", 4, 8],
      ["2", "low", 0, 4],
      ["2", "high", 4, 4],
    ]);
    const wilson = wilsonInterval(4, 8);
    expect(cells[0]).toMatchObject({ p: 0.5, lower: wilson.lower, upper: wilson.upper });
    expect(cells[1]!.lower).toBe(0);
    expect(cells[2]!.upper).toBe(1);
  });

  it("bins a sampled parameter into five equal-width bins and labels other values as short JSON", () => {
    const points = Array.from({ length: 20 }, (_, i) => point(`p${i}`, { x: i / 19 }, i % 2, 1));
    const cells = crisisCells(points, "x");
    expect(cells.map((c) => c.x)).toEqual(["0 – 0.2", "0.2 – 0.4", "0.4 – 0.6", "0.6 – 0.8", "0.8 – 1"]);
    expect(cells.reduce((n, c) => n + c.runs, 0)).toBe(20);
    expect(valueLabel([{ from: "2025-01", rateYearly: 0.045 }])).toBe(
      '[{"from":"2025-01","rateYearly":0.045}]',
    );
    expect(valueLabel({ a: "x".repeat(100) })).toHaveLength(48);
  });
});

describe("sweep report page", () => {
  it("refuses a heatmap parameter the sweep does not vary, naming the ones it does", () => {
    const sweep: SweepFolder = {
      dir: "/nowhere/sweep",
      manifest: null,
      aggregates: {
        sweep: "s",
        design: "grid",
        replications: 1,
        parameters: ["a.b", "c.d"],
        metrics: [],
        confidence: 0.95,
        points: [],
      },
      runs: { columns: ["runId", "status"], rows: [] },
      sensitivity: null,
    };
    expect(() => buildSweepReport(sweep, { heatmap: ["a.b", "x.y"] })).toThrow(
      '--heatmap: "x.y" is not a parameter of this sweep (its parameters: a.b, c.d)',
    );
    const { html, chartIds } = buildSweepReport(sweep, { heatmap: ["c.d", "a.b"] });
    expect(chartIds).toEqual(["crisisProbability"]);
    expect(html).toContain("no fan charts");
  });
});

describe("writeRunReport", () => {
  it("refuses a folder without series.csv and a malformed network.json, naming the file and field", () => {
    const dir = mkdtempSync(join(tmpdir(), "spiral-report-unit-"));
    try {
      expect(() => writeRunReport(dir)).toThrow(InputError);
      expect(() => writeRunReport(dir)).toThrow("no series.csv");
      writeFileSync(join(dir, "series.csv"), "tick,date,gdpReal\n1,2025-01,100\n2,2025-02,101\n");
      const network = join(dir, "network.json");
      writeFileSync(
        network,
        JSON.stringify({ format: "spiral-network/1", nodes: [{ id: "a" }], edges: [{}] }),
      );
      expect(() => writeRunReport(dir)).toThrow(`${network}: /edges/0/source: must be the id of a node`);
      rmSync(network);
      expect(writeRunReport(dir)).toBe(join(dir, "report.html"));
      expect(readFileSync(join(dir, "report.html"), "utf8")).toContain('id="view-gdp"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("page", () => {
  it("escapes text, scripts and data so nothing can end an element early", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    expect(inlineScript('const s = "</script><!--";')).toBe(
      '<script>const s = "<\\/script><\\!--";</script>',
    );
    const json = inlineJson("d", { text: "</script>" });
    expect(json).not.toContain('</script>"');
    expect(JSON.parse(json.replace(/^<script[^>]*>/, "").replace(/<\/script>$/, ""))).toEqual({
      text: "</script>",
    });
  });

  it("builds one self-contained page with a chart per present series and the network", () => {
    const run = fakeRun(24, SYNTHETIC_COLUMNS, true);
    const warn = vi.spyOn(console, "warn");
    const { html, chartIds } = buildRunReport(run);
    // Vega-Lite warns on the console about specs it had to guess at.
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
    expect(chartIds).toContain("cdsSpreads");
    expect(chartIds).toContain("laborShare");
    expect(chartIds.at(-1)).toBe("network");
    for (const id of chartIds) expect(html).toContain(`id="view-${id}"`);
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=["']?(https?:)?\/\//i);
    expect(html).toContain("No summary.json");
  });

  it("makes paper figures without the hover layers, with the unit on the y axis", () => {
    const run = fakeRun(24);
    const chart = resolveSections(RUN_SECTIONS, run.columns)[0]!.charts[0]!;
    const spec = JSON.stringify(toVega(timeChartSpec(chart, [2025, 2027], PAPER_STYLE)));
    expect(spec).not.toContain("voronoi");
    expect(spec).toContain("USD bn (2025 prices) per year");
    expect(spec).toContain("negative-feedback");
  });

  it("gives each of ten series its own colour (the chain index and baseline-2025's eight firms)", () => {
    const run = fakeRun(24);
    const base = resolveSections(RUN_SECTIONS, run.columns)[0]!.charts[0]!;
    const series = Array.from({ length: 10 }, (_, i) => ({
      ...base.series[0]!,
      field: `s${i}`,
      label: `firm${i}`,
    }));
    const spec = JSON.stringify(timeChartSpec({ ...base, series }, [2025, 2027], PAPER_STYLE));
    const range = JSON.parse(spec.match(/"range":(\[[^\]]*\])/)![1]!) as string[];
    expect(range.length).toBe(10);
    expect(new Set(range).size).toBe(10);
  });
});
