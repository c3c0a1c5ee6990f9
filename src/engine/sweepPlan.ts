// A sweep's plan: the design's points, their stable ids, and the runs
// (point × replication) with their seeds — everything decided before the first
// run starts, so that any worker count, any interruption and any resume gives
// the same runs.
//
// Point ids are a short hash of the point's parameter values ("p" + 12 hex
// digits of SHA-256 over the canonical JSON {path: value}), not the index in
// the design: adding points to a grid, or values to a parameter, leaves every
// existing point's id — and so its seeds and finished runs — unchanged.
// Identical points (an integer range can repeat a value in a Latin hypercube)
// share one id and are run once; the design rows that name them share the
// result.
import { createHash } from "node:crypto";
import seedrandom from "seedrandom";
import {
  gridDesign,
  latinHypercube,
  runSeed,
  type SaltelliPoint,
  saltelliDesign,
  scaleToRanges,
} from "../analysis/index.ts";
import { type SpiralConfig, validateConfigObject } from "../config/index.ts";
import { MAX_SWEEP_RUNS } from "../config/inputLimits.ts";
import { isPlainObject } from "../config/validate.ts";
import { InputError } from "../errors.ts";
import { type Distribution, type ParameterSpec, type SweepSpec, setAtPath } from "./sweepSpec.ts";

/** A distinct point of parameter space. */
export interface SweepPoint {
  id: string;
  /** Position among the distinct points, in design order: the runs table's order. */
  index: number;
  /** One value per varied parameter, in the sweep file's order. */
  values: readonly unknown[];
  /** Index into `spec.scenarios` when the sweep varies scenarios. */
  scenario?: number;
}

/** The name of the scenario dimension in the runs table, aggregates and reports. */
export const SCENARIO_DIMENSION = "scenario";

/** Seed-list name of common random numbers: every point's replication r runs on runSeed(seed, COMMON_SEEDS, r). */
export const COMMON_SEEDS = "common";

/** One row of the design as the design made it (before duplicates were merged). */
export interface DesignRow {
  /** Index into `SweepPlan.points`. */
  point: number;
  /** Unit-cube coordinates (latin-hypercube, sobol); rank-equivalent to the values, for PRCC. */
  unit?: readonly number[];
  /** Which matrix of Saltelli's scheme the row belongs to (sobol). */
  saltelli?: SaltelliPoint;
}

/** One run: a point and a replication. */
export interface PlannedRun {
  runId: string;
  point: SweepPoint;
  replication: number;
  seed: number;
}

export interface SweepPlan {
  spec: SweepSpec;
  points: readonly SweepPoint[];
  rows: readonly DesignRow[];
  /** points × replications. */
  runCount: number;
  /** Run ids whose folder is kept (keep "sample"); undefined means all (series) or none. */
  sampledRunIds?: ReadonlySet<string>;
}

/** Largest grid a sweep may build: beyond it the design itself would not fit in memory. */
const MAX_GRID_POINTS = 1_000_000;

/** How many bad points to list before summarising the rest. */
const MAX_POINT_ERRORS = 10;

/**
 * How many runs the sweep's design asks for — design rows × replications —
 * before the design is built (identical points, merged later, can make the
 * plan a little smaller). Grid: the product of the parameters' value counts;
 * latin-hypercube: points; sobol: points × (parameters + 2).
 */
export function designRunCount(spec: SweepSpec): { rows: number; runs: number; how: string } {
  const k = spec.parameters.length;
  let rows: number;
  let how: string;
  if (spec.design.type === "grid") {
    const counts = spec.parameters.map((p) => gridLevels(p).length);
    rows = counts.reduce((n, c) => n * c, 1);
    how = `a grid of ${counts.join(" × ")} points`;
  } else if (spec.design.type === "latin-hypercube") {
    rows = spec.design.points!;
    how = `a latin-hypercube of ${rows} points`;
  } else {
    rows = spec.design.points! * (k + 2);
    how = `a sobol design of ${spec.design.points} × (${k} parameters + 2) points`;
  }
  return { rows, runs: rows * spec.replications, how };
}

/**
 * Refuses a sweep of more than MAX_SWEEP_RUNS runs unless `force` (the CLI's
 * --force): checked before the design is built or anything is written.
 * @throws {InputError} naming the sweep file, the design and replications, and the limit.
 */
export function checkSweepSize(spec: SweepSpec, force: boolean): void {
  const { runs, how } = designRunCount(spec);
  if (force || runs <= MAX_SWEEP_RUNS) return;
  throw new InputError(
    `${spec.file}: design, replications: the sweep has ${runs} runs (${how} × ${spec.replications} replication${spec.replications === 1 ? "" : "s"}), more than the limit of ${MAX_SWEEP_RUNS} runs; check design.points, the parameters' values or levels and replications, or add --force to run it anyway`,
    spec.file,
    "/design",
  );
}

/**
 * Builds the design, merges identical points, and checks every point's
 * config against the run-config schema.
 * @throws {InputError} if a point's config is invalid (naming the design
 *   point and the parameter), or the design cannot be built (e.g. too many
 *   parameters for a Sobol design).
 */
export function planSweep(spec: SweepSpec): SweepPlan {
  const unitRows = designRows(spec);
  const points: SweepPoint[] = [];
  const byId = new Map<string, number>();
  const rows: DesignRow[] = [];
  // Scenarios are the outer grid dimension: every design row under every scenario.
  const scenarioIndices = spec.scenarios.length > 0 ? spec.scenarios.map((_, i) => i) : [undefined];
  for (const scenario of scenarioIndices) {
    for (const row of unitRows) {
      const values = row.values;
      const id = pointId(
        spec.parameters,
        values,
        scenario === undefined ? undefined : spec.scenarios[scenario].name,
      );
      let index = byId.get(id);
      if (index === undefined) {
        index = points.length;
        byId.set(id, index);
        points.push(scenario === undefined ? { id, index, values } : { id, index, values, scenario });
      }
      rows.push({ point: index, unit: row.unit, saltelli: row.saltelli });
    }
  }

  const problems: string[] = [];
  let bad = 0;
  for (const point of points) {
    try {
      pointConfig(spec, point, `${spec.file}: design point ${point.id} (${describePoint(spec, point)})`);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      bad++;
      if (bad <= MAX_POINT_ERRORS) problems.push(err.message);
    }
  }
  if (bad > MAX_POINT_ERRORS)
    problems.push(`${spec.file}: … and ${bad - MAX_POINT_ERRORS} more invalid design points`);
  if (problems.length > 0) throw new InputError(problems.join("\n"), spec.file, "/parameters");

  const plan: SweepPlan = { spec, points, rows, runCount: points.length * spec.replications };
  if (spec.keep === "sample") plan.sampledRunIds = sampleRuns(plan, spec.sampleRuns ?? 0);
  return plan;
}

/** The runs of a plan in the runs table's order: by point (design order), then replication. */
export function* plannedRuns(plan: SweepPlan): Generator<PlannedRun> {
  for (const point of plan.points) {
    for (let replication = 0; replication < plan.spec.replications; replication++) {
      yield {
        runId: `${point.id}-r${replication}`,
        point,
        replication,
        seed: runSeed(plan.spec.seed, plan.spec.seeds === "common" ? COMMON_SEEDS : point.id, replication),
      };
    }
  }
}

/** The complete, validated config of one run: base + overrides + the point's values + the run's seed. */
export function runConfig(plan: SweepPlan, run: PlannedRun): SpiralConfig {
  const config = pointConfig(plan.spec, run.point, `${plan.spec.file}: run ${run.runId}`);
  config.seed = run.seed;
  return config;
}

/** Whether a run keeps its folder (series, events, summary, manifest) in runs/<runId>/. */
export function keepsSeries(plan: SweepPlan, runId: string): boolean {
  if (plan.spec.keep === "series") return true;
  if (plan.spec.keep === "none") return false;
  return plan.sampledRunIds?.has(runId) ?? false;
}

/**
 * The point's values by dimension: the scenario's name (with scenarios), then
 * each parameter's value by path, e.g. { scenario: "fed-cut", "government.fiscalRuleStrength": 0.1 }.
 */
export function pointValues(plan: SweepPlan, point: SweepPoint): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (point.scenario !== undefined) out[SCENARIO_DIMENSION] = plan.spec.scenarios[point.scenario].name;
  plan.spec.parameters.forEach((p, i) => {
    out[p.path] = point.values[i];
  });
  return out;
}

/** The sweep's dimensions as the runs table and reports name them: "scenario" (with scenarios), then the parameter paths. */
export function sweepDimensions(spec: SweepSpec): string[] {
  return [...(spec.scenarios.length > 0 ? [SCENARIO_DIMENSION] : []), ...spec.parameters.map((p) => p.path)];
}

/**
 * Readable text of each of the point's dimensions: the scenario's name, a
 * named level's name, a number or string as itself, other values as compact
 * JSON. What the runs table, aggregates and reports show.
 */
export function pointLabels(spec: SweepSpec, point: SweepPoint): Record<string, string> {
  const out: Record<string, string> = {};
  if (point.scenario !== undefined) out[SCENARIO_DIMENSION] = spec.scenarios[point.scenario].name;
  spec.parameters.forEach((p, i) => {
    out[p.path] = valueLabel(p, point.values[i]);
  });
  return out;
}

/** The label of one parameter value: its level name if the levels are named, else the value as text. */
export function valueLabel(parameter: ParameterSpec, value: unknown): string {
  if (parameter.kind === "values" && parameter.names !== undefined) {
    const text = canonicalJson(value);
    const i = parameter.values.findIndex((v) => canonicalJson(v) === text);
    if (i >= 0) return parameter.names[i];
  }
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return JSON.stringify(value);
}

/** One line naming a point: "scenario = fed-cut, government.x = 0.1". */
export function pointTitle(spec: SweepSpec, point: SweepPoint): string {
  return Object.entries(pointLabels(spec, point))
    .map(([k, v]) => (k === SCENARIO_DIMENSION ? v : `${k} = ${v}`))
    .join(", ");
}

/**
 * Stable id of a point: "p" + the first 12 hex digits of SHA-256 of its
 * canonical values (and its scenario's name, with scenarios).
 */
export function pointId(
  parameters: readonly ParameterSpec[],
  values: readonly unknown[],
  scenario?: string,
): string {
  const record: Record<string, unknown> = {};
  if (scenario !== undefined) record[SCENARIO_DIMENSION] = scenario;
  parameters.forEach((p, i) => {
    record[p.path] = values[i];
  });
  return `p${createHash("sha256").update(canonicalJson(record)).digest("hex").slice(0, 12)}`;
}

/** JSON with object keys sorted at every level, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 (hex) of a config's canonical JSON: what a finished run's record is matched against on resume. */
export function configHash(config: SpiralConfig): string {
  return createHash("sha256").update(canonicalJson(config)).digest("hex");
}

function pointConfig(spec: SweepSpec, point: SweepPoint, label: string): SpiralConfig {
  const base = point.scenario === undefined ? spec.baseConfig : spec.scenarios[point.scenario].config;
  const config = structuredClone(base) as unknown as Record<string, unknown>;
  spec.parameters.forEach((p, i) => {
    setAtPath(config, p.path, point.values[i]);
  });
  return validateConfigObject(config, label);
}

function describePoint(spec: SweepSpec, point: SweepPoint): string {
  return Object.entries(pointLabels(spec, point))
    .map(([path, text]) => `${path}=${text.length > 40 ? `${text.slice(0, 37)}...` : text}`)
    .join(", ");
}

interface UnitRow {
  values: unknown[];
  unit?: number[];
  saltelli?: SaltelliPoint;
}

function designRows(spec: SweepSpec): UnitRow[] {
  const parameters = spec.parameters;
  const design = spec.design;
  try {
    if (design.type === "grid") {
      const levels = parameters.map(gridLevels);
      const size = levels.reduce((n, values) => n * values.length, 1);
      if (size > MAX_GRID_POINTS) {
        throw new InputError(
          `${spec.file}: design: the grid has ${size} points (${levels.map((v) => v.length).join(" × ")}), more than ${MAX_GRID_POINTS}; use fewer values or a latin-hypercube or sobol design`,
          spec.file,
          "/design",
        );
      }
      const combos = gridDesign(levels.map((values) => values.map((_, i) => i)));
      return combos.map((combo) => ({ values: combo.map((k, p) => levels[p][k]) }));
    }
    if (design.type === "latin-hypercube") {
      // A stream of its own, so that the points depend on nothing but the sweep seed and size.
      const rng = seedrandom(`spiral-sweep-lhs:${spec.seed}`);
      return latinHypercube(design.points!, parameters.length, rng).map((unit) => ({
        values: unit.map((u, p) => valueAt(parameters[p], u)),
        unit,
      }));
    }
    return saltelliDesign(design.points!, parameters.length).map((s) => ({
      values: s.point.map((u, p) => valueAt(parameters[p], u)),
      unit: s.point,
      saltelli: s,
    }));
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    throw new InputError(`${spec.file}: design: ${err.message}`, spec.file, "/design");
  }
}

/** The values a parameter takes in a grid: its list, or `levels` evenly spaced values of its range. */
function gridLevels(parameter: ParameterSpec): unknown[] {
  if (parameter.kind === "values") return [...parameter.values];
  if (parameter.kind !== "range" || parameter.levels === undefined) {
    throw new Error(
      `sweep: parameter ${parameter.path} has no grid levels (the spec check should have caught this)`,
    );
  }
  const { min, max, levels, integer } = parameter;
  const values: number[] = [];
  for (let i = 0; i < levels; i++) {
    const x = i === levels - 1 ? max : min + (i * (max - min)) / (levels - 1);
    const value = integer ? Math.round(x) : x;
    if (!values.includes(value)) values.push(value);
  }
  return values;
}

/** The value at unit coordinate u ∈ [0, 1) of a parameter: list entry, range value or distribution quantile. */
function valueAt(parameter: ParameterSpec, u: number): unknown {
  switch (parameter.kind) {
    case "values": {
      const k = parameter.values.length;
      return parameter.values[Math.min(k - 1, Math.floor(u * k))];
    }
    case "range": {
      const { min, max, integer } = parameter;
      return scaleToRanges([[u]], [{ min, max, integer }])[0][0];
    }
    case "distribution":
      return quantile(parameter.distribution, u);
  }
}

/** Inverse CDF of a distribution at u (u = 0 is nudged inside the support). */
function quantile(distribution: Distribution, u: number): number {
  const p = Math.min(Math.max(u, Number.EPSILON), 1 - Number.EPSILON);
  switch (distribution.type) {
    case "uniform":
      return distribution.min + u * (distribution.max - distribution.min);
    case "normal":
      return distribution.mean + distribution.sd * normalQuantile(p);
    case "lognormal":
      return Math.exp(distribution.meanLog + distribution.sdLog * normalQuantile(p));
  }
}

/**
 * The standard normal quantile Φ⁻¹(p), p in (0, 1), by Acklam's rational
 * approximation (relative error below 1.2e-9) — simple-statistics' `probit`
 * is off by ~3e-3 in the tails, which shows in a drawn parameter.
 * Reference: P. J. Acklam (2003), "An algorithm for computing the inverse
 * normal cumulative distribution function".
 */
function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return (
      -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

/**
 * The runs that keep their folder under keep "sample": the `count` runs with
 * the smallest seeds (ties by run id). Seeds are hashes, so this is a
 * uniform pseudo-random choice that depends only on the plan.
 */
function sampleRuns(plan: SweepPlan, count: number): Set<string> {
  const all: { runId: string; seed: number }[] = [];
  for (const run of plannedRuns(plan)) all.push({ runId: run.runId, seed: run.seed });
  all.sort((x, y) => x.seed - y.seed || (x.runId < y.runId ? -1 : x.runId > y.runId ? 1 : 0));
  return new Set(all.slice(0, count).map((r) => r.runId));
}
