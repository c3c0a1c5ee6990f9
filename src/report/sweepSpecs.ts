// Vega-Lite specs of the sweep report: fan charts of a point's series
// bands, crisis probability over one or two parameters with Wilson
// intervals, and sensitivity bars (Sobol indices or PRCC).
import type { TopLevelSpec } from "vega-lite";
import { CRISIS_COLOR, type FigureStyle, figureConfig } from "./specs.ts";

const FAN_COLOR = "#1f5f8b";

/** One cell of the crisis-probability chart: a parameter value (or bin), or a pair of them. */
export interface CrisisCell {
  x: string;
  y?: string;
  /** Order of x (and y) along the axis. */
  xOrder: number;
  yOrder?: number;
  crises: number;
  runs: number;
  /** Share of completed runs with a crisis, and its Wilson 95 % interval; null without runs. */
  p: number | null;
  lower: number | null;
  upper: number | null;
}

/**
 * A fan chart of one series over a point's runs: 5–95 % and 25–75 % bands
 * and the median, from the named data set "bands" (fields year, date and
 * `<field>_q05` … `<field>_q95`).
 */
export function fanChartSpec(
  title: string,
  field: string,
  unit: { label: string; format: string },
  style: FigureStyle,
  /** How many runs the bands rest on (said in the subtitle), and the burn-in in fractional years (shaded). */
  context: { runs?: number; burnIn?: [number, number] } = {},
): TopLevelSpec {
  const x = {
    field: "year",
    type: "quantitative" as const,
    scale: { nice: false, zero: false },
    axis: { title: null, format: "d", tickMinStep: 1, grid: false, labelFlush: true },
  };
  const y = (q: string) => ({
    field: `${field}_${q}`,
    type: "quantitative" as const,
    title: unit.label || null,
    scale: { zero: false },
  });
  const f = (q: string) =>
    `format(datum[${JSON.stringify(`${field}_${q}`)}], ${JSON.stringify(unit.format)})`;
  const layers: unknown[] = [
    ...(context.burnIn
      ? [
          {
            data: { values: [{ from: context.burnIn[0], to: context.burnIn[1] }] },
            mark: { type: "rect", color: "#9aa5b1", opacity: 0.18 },
            encoding: { x: { field: "from", type: "quantitative" }, x2: { field: "to" } },
          },
        ]
      : []),
    {
      mark: { type: "area", color: FAN_COLOR, opacity: 0.18 },
      encoding: { x, y: y("q05"), y2: { field: `${field}_q95` } },
    },
    {
      mark: { type: "area", color: FAN_COLOR, opacity: 0.35 },
      encoding: { x, y: y("q25"), y2: { field: `${field}_q75` } },
    },
    { mark: { type: "line", color: FAN_COLOR, strokeWidth: 1.6 }, encoding: { x, y: y("q50") } },
  ];
  if (style.interactive) {
    layers.push({
      transform: [
        { calculate: `${f("q25")} + " – " + ${f("q75")}`, as: "mid50" },
        { calculate: `${f("q05")} + " – " + ${f("q95")}`, as: "mid90" },
      ],
      mark: { type: "point", filled: true, size: 40, color: FAN_COLOR },
      params: [
        {
          name: "hover",
          select: { type: "point", fields: ["year"], nearest: true, on: "pointerover", clear: "pointerout" },
        },
      ],
      encoding: {
        x: { field: "year", type: "quantitative" },
        y: { field: `${field}_q50`, type: "quantitative" },
        opacity: { condition: { param: "hover", empty: false, value: 1 }, value: 0 },
        tooltip: [
          { field: "date", type: "nominal", title: "month" },
          {
            field: `${field}_q50`,
            type: "quantitative",
            title: `median (${unit.label})`,
            format: unit.format,
          },
          { field: "mid50", type: "nominal", title: "25–75 %" },
          { field: "mid90", type: "nominal", title: "5–95 %" },
        ],
      },
    });
  }
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: title,
      anchor: "start",
      subtitle:
        context.runs === undefined
          ? "Median, 25–75 % and 5–95 % of the point's runs"
          : context.runs < 2
            ? "One run per point: no band"
            : `Median, 25–75 % and 5–95 % of the point's ${context.runs} kept runs${context.burnIn ? "; grey: burn-in" : ""}`,
    },
    width: style.width,
    height: style.height,
    background: "white",
    config: figureConfig(style),
    data: { name: "bands" },
    layer: layers,
  } as TopLevelSpec;
}

/**
 * Crisis probability: a heatmap over two parameters (cells with the share
 * in percent), or points with Wilson-interval whiskers over one.
 */
export function crisisSpec(
  cells: readonly CrisisCell[],
  xTitle: string,
  yTitle: string | null,
  style: FigureStyle,
): TopLevelSpec {
  const tooltip = style.interactive
    ? [
        { field: "x", title: xTitle },
        ...(yTitle ? [{ field: "y", title: yTitle }] : []),
        { field: "p", title: "crisis probability", format: ".0%" },
        { field: "interval", title: "Wilson 95 %" },
        { field: "count", title: "runs with a crisis" },
      ]
    : undefined;
  const values = cells.map((c) => ({
    ...c,
    interval: c.lower === null || c.upper === null ? "n/a" : `${pct(c.lower)} – ${pct(c.upper)}`,
    count: `${c.crises} of ${c.runs}`,
  }));
  const xSort = { field: "xOrder" };
  const common = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    background: "white",
    config: figureConfig(style),
    data: { values },
  };
  if (yTitle === null) {
    return {
      ...common,
      title: {
        text: "Crisis probability",
        anchor: "start",
        subtitle: "Share of runs with a crisis; whiskers: Wilson 95 % interval",
      },
      width: Math.max(style.width * 0.6, 60 * cells.length),
      height: style.height,
      layer: [
        {
          mark: { type: "rule", color: CRISIS_COLOR, strokeWidth: 2 },
          encoding: {
            x: {
              field: "x",
              type: "ordinal",
              title: xTitle,
              sort: xSort,
              axis: { labelAngle: 0, labelLimit: 160 },
            },
            y: {
              field: "lower",
              type: "quantitative",
              title: "crisis probability",
              scale: { domain: [0, 1] },
              axis: { format: ".0%" },
            },
            y2: { field: "upper" },
          },
        },
        {
          mark: { type: "point", filled: true, size: 90, color: CRISIS_COLOR },
          encoding: {
            x: { field: "x", type: "ordinal", sort: xSort },
            y: { field: "p", type: "quantitative" },
            ...(tooltip ? { tooltip } : {}),
          },
        },
      ],
    } as TopLevelSpec;
  }
  const xs = new Set(cells.map((c) => c.x)).size;
  const ys = new Set(cells.map((c) => c.y)).size;
  const cellPx = Math.max(36, Math.min(90, Math.floor((style.width * 0.9) / Math.max(xs, 1))));
  return {
    ...common,
    title: {
      text: "Crisis probability",
      anchor: "start",
      // The rows' parameter is named here, not as a rotated axis title: a long path
      // standing on end is taller than the cells and leaves the figure half empty.
      subtitle: `Share of runs with a crisis${style.interactive ? " (hover: Wilson 95 % interval)" : ""}; rows: ${yTitle}`,
    },
    width: cellPx * xs,
    height: Math.max(cellPx * ys * 0.7, 80),
    encoding: {
      x: {
        field: "x",
        type: "ordinal",
        title: xTitle,
        sort: xSort,
        axis: { labelAngle: 0, labelLimit: 160 },
      },
      y: {
        field: "y",
        type: "ordinal",
        title: null,
        sort: { field: "yOrder", order: "descending" },
        axis: { labelLimit: 160 },
      },
    },
    layer: [
      {
        mark: { type: "rect", stroke: "white", strokeWidth: 1 },
        encoding: {
          color: {
            field: "p",
            type: "quantitative",
            title: "crisis probability",
            scale: { domain: [0, 1], scheme: "orangered" },
            // As tall as the cells: a longer legend would leave the figure's foot empty.
            legend: { format: ".0%", gradientLength: Math.max(cellPx * ys * 0.7, 80) - 20 },
          },
          ...(tooltip ? { tooltip } : {}),
        },
      },
      {
        mark: { type: "text", fontSize: style.fontSize },
        encoding: {
          text: { field: "p", type: "quantitative", format: ".0%" },
          color: { condition: { test: "datum.p > 0.6", value: "white" }, value: "#222" },
          ...(tooltip ? { tooltip } : {}),
        },
      },
    ],
  } as TopLevelSpec;
}

/** A sensitivity index of one parameter for one metric. */
export interface SensitivityBar {
  parameter: string;
  /** "first order", "total" (Sobol) or "PRCC". */
  index: string;
  estimate: number;
  lower: number | null;
  upper: number | null;
}

/** Horizontal bars of sensitivity indices per parameter, with confidence whiskers where known. */
export function sensitivitySpec(
  metric: string,
  bars: readonly SensitivityBar[],
  method: "sobol" | "prcc",
  style: FigureStyle,
): TopLevelSpec {
  const parameters = [...new Set(bars.map((b) => b.parameter))];
  const indices = [...new Set(bars.map((b) => b.index))];
  const y = {
    field: "parameter",
    type: "nominal" as const,
    title: null,
    sort: parameters,
    axis: { labelLimit: 260 },
  };
  const domain = method === "prcc" ? [-1, 1] : [0, 1];
  const tooltip = style.interactive
    ? [
        { field: "parameter", title: "parameter" },
        { field: "index", title: "index" },
        { field: "estimate", title: "estimate", format: ".3f" },
        { field: "lower", title: "lower 95 %", format: ".3f" },
        { field: "upper", title: "upper 95 %", format: ".3f" },
      ]
    : undefined;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: metric,
      anchor: "start",
      subtitle: method === "sobol" ? "Sobol indices, 95 % bootstrap intervals" : "Partial rank correlation",
    },
    width: style.width * 0.8,
    height: { step: indices.length > 1 ? 12 : 16 },
    background: "white",
    config: figureConfig(style),
    data: { values: bars },
    encoding: { y, yOffset: { field: "index", sort: indices } },
    layer: [
      {
        mark: { type: "bar" },
        encoding: {
          x: {
            field: "estimate",
            type: "quantitative",
            title: method === "sobol" ? "index" : "PRCC",
            scale: { domain, clamp: true },
          },
          color: {
            field: "index",
            type: "nominal",
            title: null,
            sort: indices,
            scale: { range: ["#1f5f8b", "#e07b00"] },
            legend: indices.length > 1 ? { orient: "top", direction: "horizontal" } : null,
          },
          ...(tooltip ? { tooltip } : {}),
        },
      },
      {
        transform: [{ filter: "isValid(datum.lower) && isValid(datum.upper)" }],
        mark: { type: "rule", color: "#222" },
        encoding: { x: { field: "lower", type: "quantitative" }, x2: { field: "upper" } },
      },
    ],
  } as TopLevelSpec;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(0)} %`;
}
