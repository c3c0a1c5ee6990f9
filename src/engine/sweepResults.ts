// A sweep's result files, (re)built at the end from the per-run records in
// done/ — never from what happened to be in memory — so an uninterrupted
// sweep, a resumed one and one run with any number of workers write the same
// bytes:
//   runs.csv, runs.parquet   one row per run, by point (design order) then replication
//   timings.csv              attempts and wall time per run (differs between machines)
//   aggregates/<pointId>.csv/.parquet   per tick: mean and 5/25/50/75/95 % bands of
//                            every series column over the point's kept runs
//   aggregates/aggregates.json   per point: crisis probability (Wilson 95 %), metric quantiles
//   aggregates/sensitivity.json  sobol: first-order and total indices; latin-hypercube: PRCC
// Points are processed one at a time; series are read one column at a time
// from the runs' series.parquet, so memory stays at one point's column.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from "hyparquet";
import type { ColumnSource } from "hyparquet-writer";
import { parquetWriteBuffer } from "hyparquet-writer";
import seedrandom from "seedrandom";
import {
  type ConfidenceInterval,
  prcc,
  quantileBands,
  type SaltelliPoint,
  saltelliOutputs,
  sobolIndices,
  wilsonInterval,
} from "../analysis/index.ts";
import { parameterSchemaAt } from "../config/index.ts";
import { AtomicFileStream, writeFileAtomic } from "../io/atomicWrite.ts";
import { csvField, SERIES_PARQUET } from "../io/seriesWriter.ts";
import {
  COMPARISON_CSV,
  COMPARISON_JSON,
  compareArms,
  comparisonCsv,
  MAX_COMPARED_ARMS,
  writeDifferenceSeries,
} from "./comparison.ts";
import type { RunSummary } from "./summary.ts";
import {
  AGGREGATES_DIR,
  AGGREGATES_JSON,
  DONE_DIR,
  RUNS_CSV,
  RUNS_DIR,
  RUNS_PARQUET,
  type RunRecord,
  SENSITIVITY_JSON,
  TIMINGS_CSV,
} from "./sweepLayout.ts";
import {
  keepsSeries,
  type PlannedRun,
  plannedRuns,
  pointLabels,
  pointValues,
  SCENARIO_DIMENSION,
  type SweepPlan,
  type SweepPoint,
  sweepDimensions,
  valueLabel,
} from "./sweepPlan.ts";
import { getAtPath } from "./sweepSpec.ts";

export {
  AGGREGATES_DIR,
  AGGREGATES_JSON,
  DONE_DIR,
  RUNS_CSV,
  RUNS_DIR,
  RUNS_PARQUET,
  type RunRecord,
  SENSITIVITY_JSON,
  TIMINGS_CSV,
};

/** Confidence of every interval the sweep reports. */
const CONFIDENCE = 0.95;
const Z_95 = 1.959964;
const BAND_KEYS = ["mean", "q05", "q25", "q50", "q75", "q95"] as const;

export interface FailedRun {
  runId: string;
  error: string;
}

export interface SweepTables {
  completed: number;
  failed: FailedRun[];
  /** Output files written, relative to the sweep folder. */
  files: string[];
}

/** done/<runId>.json of a sweep folder. */
export function recordPath(dir: string, runId: string): string {
  return join(dir, DONE_DIR, `${runId}.json`);
}

/** Reads a run record; undefined if it is missing or unreadable (then the run is done again). */
export function readRecord(dir: string, runId: string): RunRecord | undefined {
  const path = recordPath(dir, runId);
  if (!existsSync(path)) return undefined;
  try {
    const record = JSON.parse(readFileSync(path, "utf8")) as RunRecord;
    return record.runId === runId ? record : undefined;
  } catch {
    return undefined;
  }
}

/** Writes done/<runId>.json atomically. */
export function writeRecord(dir: string, record: RunRecord): void {
  writeFileAtomic(recordPath(dir, record.runId), `${JSON.stringify(record, null, 2)}\n`);
}

/**
 * Writes the runs table, timings and aggregates from the records in done/.
 * Every planned run must have a record.
 */
export async function writeSweepResults(dir: string, plan: SweepPlan): Promise<SweepTables> {
  const spec = plan.spec;
  const table = new RunsTable(dir, plan);
  const timings = new AtomicFileStream(join(dir, TIMINGS_CSV));
  mkdirSync(join(dir, AGGREGATES_DIR), { recursive: true });
  const files = [RUNS_CSV, RUNS_PARQUET, TIMINGS_CSV];
  const failed: FailedRun[] = [];
  let completed = 0;
  const pointSummaries: unknown[] = [];
  /** Per point, per metric: the mean over the point's completed runs (NaN if none or undefined). */
  const pointMeans = spec.metrics.map(() => new Float64Array(plan.points.length));
  // Points on common seeds are compared run by run (engine/comparison.ts): their records are kept until the end.
  const compared = comparesArms(plan);
  const armRecords: RunRecord[][] = [];
  try {
    timings.write("runId,status,attempts,durationSeconds\n");
    let runs: PlannedRun[] = [];
    const flushPoint = async (point: SweepPoint): Promise<void> => {
      const records = runs.map((run) => {
        const record = readRecord(dir, run.runId);
        if (record === undefined) throw new Error(`sweep: no result record for run ${run.runId}`);
        return record;
      });
      runs.forEach((run, i) => {
        const record = records[i];
        table.append(run, record);
        timings.write(
          `${record.runId},${record.status},${record.attempts},${record.durationSeconds.toFixed(3)}\n`,
        );
        if (record.status === "completed") completed++;
        else failed.push({ runId: record.runId, error: record.error ?? "failed" });
      });
      if (compared) armRecords.push(records);
      const summary = await summarizePoint(dir, plan, point, runs, records);
      if (summary.bandsFile)
        files.push(`${AGGREGATES_DIR}/${point.id}.csv`, `${AGGREGATES_DIR}/${point.id}.parquet`);
      spec.metrics.forEach((_, m) => {
        pointMeans[m][point.index] = summary.metricMeans[m];
      });
      pointSummaries.push(summary.json);
      runs = [];
    };
    for (const run of plannedRuns(plan)) {
      if (runs.length > 0 && runs[0].point !== run.point) await flushPoint(runs[0].point);
      runs.push(run);
    }
    if (runs.length > 0) await flushPoint(runs[0].point);
    table.close();
    timings.commit();
  } catch (err) {
    table.abort();
    timings.abort();
    throw err;
  }

  const aggregates = {
    sweep: spec.name,
    design: spec.design.type,
    replications: spec.replications,
    seeds: spec.seeds,
    ...(spec.scenarios.length > 0
      ? { scenarios: spec.scenarios.map((sc) => ({ name: sc.name, config: sc.config.name })) }
      : {}),
    parameters: sweepDimensions(spec),
    metrics: spec.metrics,
    confidence: CONFIDENCE,
    points: pointSummaries,
  };
  writeFileAtomic(join(dir, AGGREGATES_DIR, AGGREGATES_JSON), jsonText(aggregates));
  files.push(`${AGGREGATES_DIR}/${AGGREGATES_JSON}`);
  if (compared) {
    const comparison = compareArms(plan, armRecords);
    writeFileAtomic(join(dir, AGGREGATES_DIR, COMPARISON_JSON), jsonText(comparison));
    writeFileAtomic(join(dir, AGGREGATES_DIR, COMPARISON_CSV), comparisonCsv(comparison));
    files.push(`${AGGREGATES_DIR}/${COMPARISON_JSON}`, `${AGGREGATES_DIR}/${COMPARISON_CSV}`);
    files.push(...(await writeDifferenceSeries(dir, plan, armRecords)));
  }
  const sensitivity = sensitivityOf(plan, pointMeans);
  if (sensitivity !== undefined) {
    writeFileAtomic(join(dir, AGGREGATES_DIR, SENSITIVITY_JSON), jsonText(sensitivity));
    files.push(`${AGGREGATES_DIR}/${SENSITIVITY_JSON}`);
  }
  return { completed, failed, files };
}

/** Whether a sweep's points are compared run by run: common seeds, 2 … MAX_COMPARED_ARMS points. */
export function comparesArms(plan: SweepPlan): boolean {
  return plan.spec.seeds === "common" && plan.points.length >= 2 && plan.points.length <= MAX_COMPARED_ARMS;
}

/** JSON with NaN and ±Infinity as null (JSON has neither), 2-space indent, final newline. */
function jsonText(value: unknown): string {
  return `${JSON.stringify(value, (_, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2)}\n`;
}

/** The value of a dotted summary metric as a number, or NaN (missing, null, failed run). */
export function metricValue(summary: RunSummary | null, metric: string): number {
  const value = getAtPath(summary, metric);
  return typeof value === "number" ? value : Number.NaN;
}

/** The runs table, streamed to runs.csv row by row and kept as columns for runs.parquet. */
export class RunsTable {
  readonly #plan: SweepPlan;
  readonly #csv: AtomicFileStream;
  readonly #parquetPath: string;
  readonly #columns: { name: string; type: ColumnSource["type"]; data: unknown[] }[];

  constructor(dir: string, plan: SweepPlan) {
    this.#plan = plan;
    const spec = plan.spec;
    this.#columns = [
      { name: "runId", type: "STRING", data: [] },
      { name: "pointId", type: "STRING", data: [] },
      { name: "replication", type: "INT32", data: [] },
      { name: "seed", type: "INT64", data: [] },
      ...(spec.scenarios.length > 0 ? [{ name: SCENARIO_DIMENSION, type: "STRING" as const, data: [] }] : []),
      ...spec.parameters.map((p) => ({ name: p.path, type: parameterType(plan, p.path), data: [] })),
      ...spec.metrics.map((m) => ({ name: m, type: "DOUBLE" as const, data: [] })),
      { name: "status", type: "STRING", data: [] },
      { name: "error", type: "STRING", data: [] },
    ];
    this.#parquetPath = join(dir, RUNS_PARQUET);
    this.#csv = new AtomicFileStream(join(dir, RUNS_CSV));
    this.#csv.write(`${this.#columns.map((c) => csvField(c.name)).join(",")}\n`);
  }

  append(run: PlannedRun, record: RunRecord): void {
    const spec = this.#plan.spec;
    const values: unknown[] = [
      run.runId,
      run.point.id,
      run.replication,
      run.seed,
      ...(run.point.scenario !== undefined ? [spec.scenarios[run.point.scenario].name] : []),
      // A named level is written by its name (the sweep file gives its value).
      ...run.point.values.map((v, i) => {
        const p = spec.parameters[i];
        return p.kind === "values" && p.names !== undefined ? valueLabel(p, v) : v;
      }),
      ...spec.metrics.map((m) => {
        const v = record.status === "completed" ? metricValue(record.summary, m) : Number.NaN;
        return Number.isNaN(v) ? null : v;
      }),
      record.status,
      record.error,
    ];
    const fields = values.map((value, i) => {
      const column = this.#columns[i];
      if (value === null || value === undefined) {
        column.data.push(null);
        return "";
      }
      if (column.type === "STRING") {
        const text = typeof value === "string" ? value : JSON.stringify(value);
        column.data.push(text);
        return csvField(text);
      }
      if (column.type === "INT64") {
        column.data.push(BigInt(value as number));
        return String(value);
      }
      column.data.push(value);
      return String(value === 0 ? 0 : value);
    });
    this.#csv.write(`${fields.join(",")}\n`);
  }

  close(): void {
    // Metrics and error are nullable whatever the data, so the file's schema never depends on which runs failed.
    const nullable = new Set(["error", ...this.#plan.spec.metrics]);
    const columnData: ColumnSource[] = this.#columns.map((c) => ({
      name: c.name,
      type: c.type,
      data: c.data as ColumnSource["data"],
      nullable: nullable.has(c.name) || c.data.some((v) => v === null),
    }));
    const bytes = new Uint8Array(parquetWriteBuffer({ columnData }));
    writeFileAtomic(this.#parquetPath, bytes);
    this.#csv.commit();
  }

  abort(): void {
    this.#csv.abort();
  }
}

/** Parquet type of a varied parameter's column, from the run-config schema. */
function parameterType(plan: SweepPlan, path: string): ColumnSource["type"] {
  const node = parameterSchemaAt(path);
  const parameter = plan.spec.parameters.find((q) => q.path === path);
  if (parameter?.kind === "values" && parameter.names !== undefined) return "STRING";
  const values = plan.points.map((p) => p.values[plan.spec.parameters.findIndex((q) => q.path === path)]);
  if (node?.type === "boolean") return "BOOLEAN";
  if (node?.type === "integer" && values.every((v) => typeof v === "number" && Math.abs(v) < 2 ** 31)) {
    return "INT32";
  }
  if (node?.type === "number" || node?.type === "integer") return "DOUBLE";
  return "STRING";
}

interface PointSummary {
  json: unknown;
  bandsFile: boolean;
  metricMeans: number[];
}

/** Aggregates of one point: metric quantiles, crisis probability, and series bands from kept runs. */
async function summarizePoint(
  dir: string,
  plan: SweepPlan,
  point: SweepPoint,
  runs: readonly PlannedRun[],
  records: readonly RunRecord[],
): Promise<PointSummary> {
  const spec = plan.spec;
  const completed = records.filter((r) => r.status === "completed");
  const crises = completed.filter((r) => (r.summary?.crisisEpisodes ?? 0) > 0).length;
  const crisis = wilsonInterval(crises, completed.length, Z_95);
  const metricMeans: number[] = [];
  const metrics: Record<string, unknown> = {};
  for (const metric of spec.metrics) {
    const values = completed.map((r) => metricValue(r.summary, metric)).filter((v) => !Number.isNaN(v));
    if (values.length === 0) {
      metrics[metric] = { n: 0 };
      metricMeans.push(Number.NaN);
      continue;
    }
    // quantileBands over "runs" of one value each: the quantiles across replications.
    const bands = quantileBands(values.map((v) => Float64Array.of(v)));
    const mean = bands.mean[0];
    const sd =
      values.length > 1
        ? Math.sqrt(values.reduce((acc, v) => acc + (v - mean) ** 2, 0) / (values.length - 1))
        : Number.NaN;
    metrics[metric] = {
      n: values.length,
      ...Object.fromEntries(BAND_KEYS.map((k) => [k, bands[k][0]])),
      sd,
    };
    // A point counts in the sensitivity analysis only if every replication gave a value.
    metricMeans.push(values.length === runs.length ? bands.mean[0] : Number.NaN);
  }

  const seriesRuns = runs.filter(
    (run, i) => records[i].status === "completed" && keepsSeries(plan, run.runId),
  );
  const bandsFile = seriesRuns.length > 0 && (await writeBands(dir, point, seriesRuns));
  const json = {
    pointId: point.id,
    values: pointValues(plan, point),
    labels: pointLabels(spec, point),
    runs: runs.length,
    completed: completed.length,
    failed: records.length - completed.length,
    seriesRuns: bandsFile ? seriesRuns.length : 0,
    bands: bandsFile ? `${point.id}.csv` : null,
    crisisProbability: { crises, runs: completed.length, ...crisis },
    metrics,
  };
  return { json, bandsFile, metricMeans };
}

/**
 * aggregates/<pointId>.csv and .parquet: per tick, the mean and quantile
 * bands of every numeric series column across the point's kept runs.
 * Returns false (and writes nothing) if the runs' series do not line up.
 */
async function writeBands(dir: string, point: SweepPoint, runs: readonly PlannedRun[]): Promise<boolean> {
  const files = await Promise.all(
    runs.map(async (run) => {
      const file = await asyncBufferFromFile(join(dir, RUNS_DIR, run.runId, SERIES_PARQUET));
      return { file, metadata: await parquetMetadataAsync(file) };
    }),
  );
  const names = files[0].metadata.schema.slice(1).map((s) => s.name);
  const readColumn = async (i: number, name: string): Promise<unknown[]> => {
    const rows = await parquetReadObjects({ ...files[i], columns: [name] });
    return rows.map((row) => row[name]);
  };
  const ticks = (await readColumn(0, "tick")).map(Number);
  const dates = names.includes("date") ? (await readColumn(0, "date")).map(String) : undefined;
  const out: ColumnSource[] = [
    { name: "tick", type: "INT32", data: Int32Array.from(ticks), nullable: false },
  ];
  if (dates) out.push({ name: "date", type: "STRING", data: dates, nullable: false });
  for (const name of names) {
    if (name === "tick" || name === "date") continue;
    const columns: Float64Array[] = [];
    for (let i = 0; i < files.length; i++)
      columns.push(Float64Array.from((await readColumn(i, name)).map(Number)));
    if (columns.some((c) => c.length !== ticks.length)) return false;
    const bands = quantileBands(columns);
    for (const key of BAND_KEYS)
      out.push({ name: `${name}_${key}`, type: "DOUBLE", data: bands[key], nullable: false });
  }

  const csv = new AtomicFileStream(join(dir, AGGREGATES_DIR, `${point.id}.csv`));
  try {
    csv.write(`${out.map((c) => csvField(c.name)).join(",")}\n`);
    for (let t = 0; t < ticks.length; t++) {
      csv.write(
        `${out.map((c) => (c.type === "STRING" ? csvField(String(c.data[t])) : numberText(Number(c.data[t])))).join(",")}\n`,
      );
    }
    writeFileAtomic(
      join(dir, AGGREGATES_DIR, `${point.id}.parquet`),
      new Uint8Array(parquetWriteBuffer({ columnData: out })),
    );
    csv.commit();
  } catch (err) {
    csv.abort();
    throw err;
  }
  return true;
}

function numberText(x: number): string {
  return x === 0 ? "0" : String(x);
}

/** Sobol indices (sobol design) or PRCC (latin-hypercube) of each metric; undefined for a grid. */
function sensitivityOf(plan: SweepPlan, pointMeans: readonly Float64Array[]): unknown {
  const spec = plan.spec;
  const paths = spec.parameters.map((p) => p.path);
  const outputsOf = (m: number): Float64Array =>
    Float64Array.from(plan.rows, (row) => pointMeans[m][row.point]);
  const missing = (outputs: Float64Array): number => outputs.filter((v) => Number.isNaN(v)).length;

  if (spec.design.type === "sobol") {
    const design = plan.rows.map((row) => row.saltelli as SaltelliPoint);
    const metrics: Record<string, unknown> = {};
    spec.metrics.forEach((metric, m) => {
      const outputs = outputsOf(m);
      const lacking = missing(outputs);
      if (lacking > 0) {
        metrics[metric] = {
          error: `${lacking} of ${outputs.length} design rows have no value (failed runs or an undefined figure)`,
        };
        return;
      }
      try {
        const indices = sobolIndices(saltelliOutputs(design, outputs), {
          rng: seedrandom(`spiral-sweep-bootstrap:${spec.seed}:${metric}`),
          resamples: spec.bootstrap,
          confidence: CONFIDENCE,
        });
        const byParameter: Record<string, { firstOrder: ConfidenceInterval; total: ConfidenceInterval }> = {};
        paths.forEach((path, i) => {
          byParameter[path] = { firstOrder: indices.firstOrder[i], total: indices.total[i] };
        });
        metrics[metric] = { variance: indices.variance, parameters: byParameter };
      } catch (err) {
        if (!(err instanceof RangeError)) throw err;
        metrics[metric] = { error: err.message };
      }
    });
    return {
      method: "sobol",
      estimators: "first order: Saltelli et al. (2010); total: Jansen (1999); bootstrap percentile intervals",
      baseSamples: spec.design.points,
      designRows: plan.rows.length,
      bootstrap: spec.bootstrap,
      confidence: CONFIDENCE,
      output: "mean of each design point's replications",
      metrics,
    };
  }
  if (spec.design.type === "latin-hypercube") {
    const units = plan.rows.map((row) => row.unit as readonly number[]);
    const metrics: Record<string, unknown> = {};
    spec.metrics.forEach((metric, m) => {
      const outputs = outputsOf(m);
      const lacking = missing(outputs);
      if (lacking > 0) {
        metrics[metric] = {
          error: `${lacking} of ${outputs.length} points have no value (failed runs or an undefined figure)`,
        };
        return;
      }
      try {
        const coefficients = prcc(units, outputs);
        metrics[metric] = Object.fromEntries(paths.map((path, i) => [path, coefficients[i]]));
      } catch (err) {
        if (!(err instanceof RangeError)) throw err;
        metrics[metric] = { error: err.message };
      }
    });
    return {
      method: "prcc",
      estimator: "partial rank correlation coefficients, Marino et al. (2008)",
      points: plan.rows.length,
      output: "mean of each point's replications",
      metrics,
    };
  }
  return undefined;
}
