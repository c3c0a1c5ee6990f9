// The files `spiral calibrate` writes at the end (docs/calibration-tool.md):
// estimate.json, calibrated.json, evaluations.csv and .parquet, report.html.
// Each is written atomically, and none holds a time, a path of this machine
// or a worker count, so a resumed estimation writes the same bytes.
import { relative } from "node:path";
import type { ColumnSource } from "hyparquet-writer";
import { parquetWriteBuffer } from "hyparquet-writer";
import type { TopLevelSpec } from "vega-lite";
import { writeFileAtomic } from "../io/atomicWrite.ts";
import { escapeHtml, reportPage } from "../report/html.ts";
import { toVega } from "../report/specs.ts";
import type { CalibrateOutcome, Estimate, Evaluation } from "./calibrate.ts";
import { PENALTY } from "./calibrate.ts";
import type { CalibrationSpec } from "./calibrateSpec.ts";
import { setAtPath } from "./sweepSpec.ts";

export const ESTIMATE_FILE = "estimate.json";
export const CALIBRATED_FILE = "calibrated.json";

/** Writes every output of a completed estimation into `dir`; returns the file names. */
export function writeCalibrationOutputs(
  dir: string,
  spec: CalibrationSpec,
  outcome: CalibrateOutcome,
): string[] {
  const estimate = outcome.estimate as Estimate;
  writeFileAtomic(`${dir}/${ESTIMATE_FILE}`, `${JSON.stringify(estimate, null, 2)}\n`);
  writeFileAtomic(
    `${dir}/${CALIBRATED_FILE}`,
    `${JSON.stringify(calibratedConfig(dir, spec, estimate), null, 2)}\n`,
  );
  writeEvaluationTables(dir, spec, outcome.evaluations);
  writeFileAtomic(`${dir}/report.html`, calibrationReport(spec, estimate, outcome.evaluations));
  return [ESTIMATE_FILE, CALIBRATED_FILE, "evaluations.csv", "evaluations.parquet", "report.html"];
}

/** A config that extends the base (a path relative to `dir`) with the estimates. */
export function calibratedConfig(
  dir: string,
  spec: CalibrationSpec,
  estimate: Estimate,
): Record<string, unknown> {
  const config: Record<string, unknown> = {
    extends: relative(dir, spec.basePath).split("\\").join("/"),
    name: `${spec.baseConfig.name}-calibrated`.slice(0, 80),
    description: `${spec.baseConfig.name} with the parameters estimated by spiral calibrate (${spec.name}, ${estimate.seeds} seeds per point, objective ${estimate.objective.toPrecision(4)}); estimates and standard errors in estimate.json beside this file`,
  };
  for (const [path, p] of Object.entries(estimate.parameters)) setAtPath(config, path, p.estimate);
  return config;
}

function tableColumns(spec: CalibrationSpec, evaluations: readonly Evaluation[]): ColumnSource[] {
  const num = (v: number | null): number | null => (v === null || !Number.isFinite(v) ? null : v);
  return [
    { name: "evaluation", type: "INT32", data: evaluations.map((e) => e.index) },
    { name: "stage", type: "STRING", data: evaluations.map((e) => e.stage) },
    ...spec.parameters.map(
      (p, i): ColumnSource => ({ name: p.path, type: "DOUBLE", data: evaluations.map((e) => e.theta[i]) }),
    ),
    {
      name: "objective",
      type: "DOUBLE",
      data: evaluations.map((e) => (e.objective >= PENALTY ? null : e.objective)),
      nullable: true,
    },
    {
      name: "status",
      type: "STRING",
      data: evaluations.map((e) => (e.error === null ? "completed" : "failed")),
    },
    { name: "error", type: "STRING", data: evaluations.map((e) => e.error), nullable: true },
    ...spec.targets.map(
      (t, j): ColumnSource => ({
        name: t.name,
        type: "DOUBLE",
        data: evaluations.map((e) => num(e.moments?.[j] ?? null)),
        nullable: true,
      }),
    ),
  ];
}

function writeEvaluationTables(dir: string, spec: CalibrationSpec, evaluations: readonly Evaluation[]): void {
  const columns = tableColumns(spec, evaluations);
  const lines = [columns.map((c) => csvField(c.name)).join(",")];
  for (let r = 0; r < evaluations.length; r++) {
    lines.push(columns.map((c) => csvField((c.data as unknown[])[r])).join(","));
  }
  writeFileAtomic(`${dir}/evaluations.csv`, `${lines.join("\n")}\n`);
  writeFileAtomic(`${dir}/evaluations.parquet`, new Uint8Array(parquetWriteBuffer({ columnData: columns })));
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** report.html: the fit table, the parameters, the objective against each parameter, the convergence. */
export function calibrationReport(
  spec: CalibrationSpec,
  estimate: Estimate,
  evaluations: readonly Evaluation[],
): string {
  const ok = evaluations.filter((e) => e.objective < PENALTY && e.stage !== "jacobian");
  const charts: { id: string; spec: unknown }[] = [];
  spec.parameters.forEach((p, i) => {
    const scatter: TopLevelSpec = {
      $schema: "https://vega.github.io/schema/vega-lite/v5.json",
      width: 360,
      height: 220,
      title: `Objective against ${p.path}`,
      data: { values: ok.map((e) => ({ x: e.theta[i], objective: e.objective, stage: e.stage })) },
      mark: { type: "point", filled: true, opacity: 0.7 },
      encoding: {
        x: { field: "x", type: "quantitative", title: p.path, scale: { domain: [p.min, p.max] } },
        y: { field: "objective", type: "quantitative", scale: { type: "log" }, title: "objective (log)" },
        color: { field: "stage", type: "nominal" },
        tooltip: [
          { field: "x", type: "quantitative", title: p.path },
          { field: "objective", type: "quantitative" },
          { field: "stage", type: "nominal" },
        ],
      },
    };
    charts.push({ id: `objective-${i}`, spec: toVega(scatter) });
  });
  let running = Number.POSITIVE_INFINITY;
  const convergence = evaluations
    .filter((e) => e.stage !== "jacobian")
    .map((e) => {
      running = Math.min(running, e.objective);
      return { evaluation: e.index, best: running < PENALTY ? running : null };
    })
    .filter((r) => r.best !== null);
  charts.push({
    id: "convergence",
    spec: toVega({
      $schema: "https://vega.github.io/schema/vega-lite/v5.json",
      width: 360,
      height: 220,
      title: "Best objective so far",
      data: { values: convergence },
      mark: { type: "line", point: true, interpolate: "step-after" },
      encoding: {
        x: { field: "evaluation", type: "quantitative", title: "evaluation" },
        y: { field: "best", type: "quantitative", scale: { type: "log" }, title: "best objective (log)" },
        tooltip: [
          { field: "evaluation", type: "quantitative" },
          { field: "best", type: "quantitative" },
        ],
      },
    } as TopLevelSpec),
  });
  const fmt = (x: number | null): string => (x === null || !Number.isFinite(x) ? "–" : x.toPrecision(4));
  const fit = Object.entries(estimate.moments)
    .map(
      ([name, m]) =>
        `<tr><td><code>${escapeHtml(name)}</code></td><td>${fmt(m.target)}</td><td>${fmt(m.se)}</td><td>${fmt(m.simulated)}</td><td>${fmt(m.tRatio)}</td></tr>`,
    )
    .join("\n");
  const params = Object.entries(estimate.parameters)
    .map(
      ([path, p]) =>
        `<tr><td><code>${escapeHtml(path)}</code></td><td>${fmt(p.estimate)}</td><td>${fmt(p.se)}</td><td>[${fmt(p.min)}, ${fmt(p.max)}]</td></tr>`,
    )
    .join("\n");
  const j =
    estimate.jStatistic === null
      ? "exactly identified (as many targets as parameters): no J-test"
      : `J = ${fmt(estimate.jStatistic)} with ${estimate.degreesOfFreedom} degrees of freedom, p = ${fmt(estimate.pValue)}`;
  const figure = (id: string, caption: string): string =>
    `<figure class="chart" id="chart-${id}" data-chart="${id}"><div class="view" id="view-${id}"></div><figcaption>${escapeHtml(caption)}</figcaption></figure>`;
  const body = `<header><h1>Spiral calibration: ${escapeHtml(spec.name)}</h1>
<p>${escapeHtml(spec.description)}</p>
<p>Simulated method of moments, ${estimate.seeds} seeds per point (common random numbers), ${estimate.weighting} weighting, ${estimate.evaluations} evaluations (search stopped: ${escapeHtml(estimate.stopped)}). Objective ${fmt(estimate.objective)}; ${escapeHtml(j)}.</p>
${estimate.notes.map((n) => `<p><strong>Note:</strong> ${escapeHtml(n)}</p>`).join("\n")}
</header>
<section id="parameters"><h2>Estimates</h2>
<table><thead><tr><th>parameter</th><th>estimate</th><th>se</th><th>bounds</th></tr></thead><tbody>
${params}
</tbody></table></section>
<section id="fit"><h2>Fit</h2>
<table><thead><tr><th>moment</th><th>target</th><th>se</th><th>simulated</th><th>t (sim − target) / se</th></tr></thead><tbody>
${fit}
</tbody></table></section>
<section id="search"><h2>Search</h2><div class="charts">
${charts.map((c) => figure(c.id, c.id === "convergence" ? "Smallest objective found after each evaluation (global stage, then the local simplex)." : "Every successful evaluation's objective (log scale), by stage.")).join("\n")}
</div></section>
<footer>Written by <code>spiral calibrate</code>. The numbers are in estimate.json and evaluations.csv beside this file. One self-contained file: it opens offline.</footer>`;
  return reportPage(`Spiral calibration: ${spec.name}`, body, { charts });
}
