// Vega-Lite specs of the report's figures, compiled to Vega in Node: the
// page then needs only the Vega runtime, and `spiral plot` renders the same
// specs to SVG with Vega's headless view. Time charts read three named data
// sets that the caller inserts: "series" (one row per month, see
// reportData.ts), "phases" (negative-feedback phases) and "crises".
import type { Spec as VegaSpec } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import type { NetworkLayout } from "./network.ts";
import type { ResolvedChart } from "./sections.ts";

/** How a figure is drawn: in the page (interactive) or as a paper figure. */
export interface FigureStyle {
  interactive: boolean;
  width: number;
  height: number;
  font: string;
  fontSize: number;
  titleSize: number;
  /** A subtitle explaining the shading (paper figures have no page legend around them). */
  shadingNote: boolean;
}

export const PAGE_STYLE: FigureStyle = {
  interactive: true,
  width: 480,
  height: 200,
  font: "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
  fontSize: 11,
  titleSize: 13,
  shadingNote: false,
};

export const PAPER_STYLE: FigureStyle = {
  interactive: false,
  width: 560,
  height: 260,
  font: "Helvetica, Arial, sans-serif",
  fontSize: 12,
  titleSize: 15,
  shadingNote: true,
};

export const PHASE_COLOR = "#9aa5b1";
export const CRISIS_COLOR = "#d62728";
// Ten distinct colours: the chain index and the eight chain firms of baseline-2025 each get their own.
const LINE_COLORS = [
  "#1f5f8b",
  "#e07b00",
  "#2a9d4b",
  "#8e44ad",
  "#c0392b",
  "#7f8c8d",
  "#b8860b",
  "#17becf",
  "#e377c2",
  "#8c564b",
];
const EDGE_COLORS: Record<string, string> = { contract: "#4c78a8", equity: "#e07b00" };

/** Named data sets a time chart reads. */
export const TIME_DATA = ["series", "phases", "crises"] as const;

/** Fields → labels inside Vega's expression language: a chain of ternaries on `datum.key`. */
export function seriesLabelExpr(chart: ResolvedChart): string {
  return chart.series.reduceRight(
    (rest, s) => `datum.key === ${JSON.stringify(s.field)} ? ${JSON.stringify(s.label)} : ${rest}`,
    '""',
  );
}

/** The y encoding of a time chart's values. */
export function valueAxis(chart: ResolvedChart) {
  return {
    field: "value",
    type: "quantitative" as const,
    title: chart.unitLabel || null,
    // Counts start at 0 and show at least 0–1, so an all-zero count sits on the axis.
    scale: chart.step ? { domain: { unionWith: [0, 1] } } : { zero: false },
    // Counts (the step charts) get whole-number ticks.
    axis: chart.step ? { tickCount: 5, tickMinStep: 1, format: "d" } : { tickCount: 5 },
  };
}

/**
 * A time chart of `chart`'s series against the year, with negative-feedback
 * phases shaded grey and crisis months shaded red with a red band on top.
 * `years` is the x extent [first month, end of last month] in fractional years.
 */
export function timeChartSpec(
  chart: ResolvedChart,
  years: readonly [number, number],
  style: FigureStyle,
): TopLevelSpec {
  const x = {
    field: "year",
    type: "quantitative" as const,
    scale: { domain: [years[0], years[1]], nice: false, zero: false },
    axis: { title: null, format: "d", tickMinStep: 1, grid: false, labelFlush: true },
  };
  const interval = (field: "start" | "end") => ({ field, type: "quantitative" as const });
  const multi = chart.series.length > 1;
  const labels = chart.series.map((s) => s.label);
  const color = multi
    ? {
        field: "series",
        type: "nominal" as const,
        scale: { domain: labels, range: LINE_COLORS.slice(0, labels.length) },
        legend: { title: null, orient: "top" as const, direction: "horizontal" as const, columns: 5 },
        sort: labels,
      }
    : { value: LINE_COLORS[0] };
  const labelExpr = seriesLabelExpr(chart);
  const y = valueAxis(chart);
  const lineLayers: unknown[] = [
    {
      mark: {
        type: "line",
        strokeWidth: style.interactive ? 1.5 : 1.6,
        interpolate: chart.step ? "step-after" : "linear",
      },
      encoding: { x, y, color },
    },
  ];
  if (style.interactive) {
    const first = chart.series[0]!.unit;
    lineLayers.push({
      mark: { type: "point", filled: true, size: 40 },
      params: [
        {
          name: "hover",
          select: { type: "point", fields: ["year"], nearest: true, on: "pointerover", clear: "pointerout" },
        },
      ],
      // The scales are shared with the line layer, which defines them.
      encoding: {
        x: { field: "year", type: "quantitative" },
        y: { field: "value", type: "quantitative" },
        color,
        opacity: { condition: { param: "hover", empty: false, value: 1 }, value: 0 },
        tooltip: [
          { field: "date", type: "nominal", title: "month" },
          ...(multi ? [{ field: "series", type: "nominal", title: "series" }] : []),
          { field: "value", type: "quantitative", title: chart.unitLabel || "value", format: first.format },
        ],
      },
    });
  }
  const spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: chart.title,
      anchor: "start",
      ...(style.shadingNote ? { subtitle: "Grey: negative-feedback phases. Red: crises." } : {}),
    },
    width: style.width,
    height: style.height,
    background: "white",
    config: figureConfig(style),
    layer: [
      {
        data: { name: "phases" },
        mark: { type: "rect", color: PHASE_COLOR, opacity: 0.35 },
        encoding: { x: { ...interval("start"), scale: x.scale }, x2: { field: "end" } },
      },
      {
        data: { name: "crises" },
        mark: { type: "rect", color: CRISIS_COLOR, opacity: 0.1 },
        encoding: { x: interval("start"), x2: { field: "end" } },
      },
      {
        data: { name: "crises" },
        mark: { type: "rect", color: CRISIS_COLOR, opacity: 0.85 },
        encoding: { x: interval("start"), x2: { field: "end" }, y: { value: 0 }, y2: { value: 5 } },
      },
      {
        data: { name: "series" },
        transform: [
          { fold: chart.series.map((s) => s.field), as: ["key", "value"] },
          { calculate: labelExpr, as: "series" },
        ],
        layer: lineLayers,
      },
    ],
  };
  return spec as TopLevelSpec;
}

/**
 * The AI-chain network: firms on a circle (area ∝ value, colour by kind,
 * defaulted firms crossed out in red), contracts and equity stakes as
 * arrows from source to target, width ∝ √value.
 */
export function networkSpec(layout: NetworkLayout, title: string, style: FigureStyle): TopLevelSpec {
  const px = (field: string) => ({ field, type: "quantitative" as const, scale: null, axis: null });
  const edgeKinds = [...new Set(layout.edges.map((e) => e.kind))].sort();
  const edgeColor = {
    field: "kind",
    type: "nominal" as const,
    title: "link",
    scale: { domain: edgeKinds, range: edgeKinds.map((k) => EDGE_COLORS[k] ?? "#7f8c8d") },
    legend: { orient: "bottom" as const, direction: "horizontal" as const },
  };
  const nodeKinds = [...new Set(layout.nodes.map((n) => n.kind))].sort();
  const nodeColor = {
    field: "kind",
    type: "nominal" as const,
    title: "firm",
    scale: { domain: nodeKinds, range: LINE_COLORS.slice(0, Math.max(1, nodeKinds.length)) },
    legend: { orient: "bottom" as const, direction: "horizontal" as const },
  };
  const tip = (fields: unknown[]) => (style.interactive ? { tooltip: fields } : {});
  const edges = { values: layout.edges };
  const nodes = {
    values: layout.nodes.map((n) => ({
      ...n,
      label: n.defaulted ? `${n.label} (defaulted)` : n.label,
      status: n.defaulted ? "defaulted" : "",
      // A cross wider than a small node, so the node's colour still shows around a large one's.
      crossSize: Math.max(n.size * 0.7, 260),
    })),
  };
  const labelLayer = (align: "left" | "right" | "center") => ({
    data: nodes,
    transform: [{ filter: `datum.align === ${JSON.stringify(align)}` }],
    mark: {
      type: "text",
      align,
      baseline: "middle",
      fontSize: style.fontSize,
      dx: align === "left" ? 2 : align === "right" ? -2 : 0,
    },
    encoding: {
      x: px("labelX"),
      y: px("labelY"),
      text: { field: "label" },
      color: { condition: { test: "datum.defaulted", value: CRISIS_COLOR }, value: "#222" },
    },
  });
  const spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: title,
      anchor: "start",
      subtitle: `Line width ∝ √value; widest = USD ${formatBn(layout.maxEdgeUsdBn)} bn. Red cross: defaulted.`,
    },
    width: layout.width,
    height: layout.height,
    background: "white",
    config: figureConfig(style),
    resolve: { scale: { color: "independent" } },
    layer: [
      {
        data: edges,
        mark: { type: "rule", opacity: 0.7 },
        encoding: {
          x: px("x"),
          y: px("y"),
          x2: { field: "x2" },
          y2: { field: "y2" },
          strokeWidth: { field: "strokeWidth", type: "quantitative", scale: null, legend: null },
          color: edgeColor,
          ...tip([
            { field: "source", title: "from" },
            { field: "target", title: "to" },
            { field: "kind", title: "link" },
            { field: "valueUsdBn", title: "USD bn", format: ",.1f" },
          ]),
        },
      },
      {
        data: edges,
        mark: { type: "point", shape: "triangle-up", filled: true, size: 70, opacity: 0.9 },
        encoding: {
          x: px("ax"),
          y: px("ay"),
          angle: { field: "angle", type: "quantitative", scale: null },
          color: { ...edgeColor, legend: null },
        },
      },
      {
        data: nodes,
        mark: { type: "point", filled: true, opacity: 1, stroke: "white", strokeWidth: 1.5 },
        encoding: {
          x: px("x"),
          y: px("y"),
          size: { field: "size", type: "quantitative", scale: null, legend: null },
          color: nodeColor,
          ...tip([
            { field: "label", title: "firm" },
            { field: "kind", title: "kind" },
            { field: "valueUsdBn", title: "value, USD bn", format: ",.1f" },
            { field: "status", title: "status" },
          ]),
        },
      },
      {
        data: nodes,
        transform: [{ filter: "datum.defaulted" }],
        mark: { type: "point", shape: "cross", angle: 45, filled: true, color: CRISIS_COLOR, opacity: 0.85 },
        encoding: { x: px("x"), y: px("y"), size: { field: "crossSize", type: "quantitative", scale: null } },
      },
      labelLayer("left"),
      labelLayer("right"),
      labelLayer("center"),
    ],
  };
  return spec as TopLevelSpec;
}

/** Compiles a Vega-Lite spec to Vega. */
export function toVega(spec: TopLevelSpec): VegaSpec {
  return compile(spec).spec as VegaSpec;
}

export function figureConfig(style: FigureStyle): Record<string, unknown> {
  return {
    font: style.font,
    view: { stroke: "#ccc" },
    axis: {
      labelFontSize: style.fontSize,
      titleFontSize: style.fontSize,
      titleFontWeight: "normal",
      labelColor: "#333",
      titleColor: "#333",
      gridColor: "#eee",
    },
    legend: { labelFontSize: style.fontSize, titleFontSize: style.fontSize, symbolStrokeWidth: 2 },
    title: {
      font: style.font,
      subtitleFont: style.font,
      fontSize: style.titleSize,
      subtitleFontSize: style.fontSize - 1,
      subtitleColor: "#555",
    },
    text: { fontSize: style.fontSize },
  };
}

function formatBn(x: number): string {
  return x >= 100 ? Math.round(x).toLocaleString("en-US") : x.toPrecision(3);
}
