// Reads and checks a sweep file (configs/sweep.schema.json) before anything
// runs or is written. Every mistake is an InputError (exit 2) whose line names
// the sweep file, the place in it ("parameters["households.count"].values[1]")
// and the problem, with a "did you mean" for unknown keys, parameter paths and
// metric names — the same quality as a run config's errors. All problems are
// reported at once, one per line.
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join } from "node:path";
import { Ajv, type ErrorObject } from "ajv";
import {
  defaultConfig,
  firmOverrideFirmProblem,
  loadConfig,
  parameterSchemaAt,
  type SchemaNode,
  type SpiralConfig,
  type schemaAt,
  suggestParameterPath,
  validateConfigObject,
} from "../config/index.ts";
import { checkInputSize } from "../config/inputLimits.ts";
import { parseJsonObject } from "../config/jsonSyntax.ts";
import { closestName } from "../config/suggest.ts";
import { describeValue, isPlainObject } from "../config/validate.ts";
import { InputError } from "../errors.ts";
import { packagePath } from "../packagePaths.ts";
import { BUST_COLUMNS, CHAIN_ROLES } from "./bust.ts";
import { modelKind } from "./models.ts";
import {
  CHAIN_SUMMARY_COLUMNS,
  OPTIONAL_SUMMARY_COLUMNS,
  SUMMARY_COLUMNS,
  summarizeSeries,
} from "./summary.ts";

export type DesignType = "grid" | "latin-hypercube" | "sobol";
export type KeepOutput = "series" | "sample" | "none";

export type Distribution =
  | { type: "uniform"; min: number; max: number }
  | { type: "normal"; mean: number; sd: number }
  | { type: "lognormal"; meanLog: number; sdLog: number };

/** One varied parameter, as the sweep file gives it (exactly one of values, range, distribution). */
export type ParameterSpec =
  | { path: string; kind: "values"; values: readonly unknown[]; names?: readonly string[] }
  | { path: string; kind: "range"; min: number; max: number; integer: boolean; levels?: number }
  | { path: string; kind: "distribution"; distribution: Distribution };

/** One level of a scenario dimension: a whole config. */
export interface ScenarioSpec {
  /** The level's name: the key of a named scenarios object, else the config's name. */
  name: string;
  /** The config file as resolved from the sweep file's folder. */
  path: string;
  /** The config with the sweep's overrides applied and every default filled in. */
  config: SpiralConfig;
}

/** How runs get seeds: the same list for every point (paired), or per point. */
export type SeedScheme = "common" | "independent";

/** Most scenario configs a sweep may list (a limit on absurd input, like the schema's 100 parameters). */
export const MAX_SCENARIOS = 100;
/** Most named levels of a parameter (the schema's limit on a parameter's values). */
export const MAX_NAMED_LEVELS = 10_000;

/** Default drawdown threshold of a bust (bust.valuationDrawdown ≥ 0.4). */
export const DEFAULT_BUST_THRESHOLD = 0.4;

/** A checked sweep file. */
export interface SweepSpec {
  /** The sweep file as named on the command line. */
  file: string;
  name: string;
  description: string;
  /** The base config's path as resolved from the sweep file's folder (the first scenario's with scenarios). */
  basePath: string;
  /** The base config with the overrides applied and every default filled in; `seed` is the base's. With scenarios: the first scenario's. */
  baseConfig: SpiralConfig;
  /** The scenario dimension, in the file's order; empty when the sweep has a base. */
  scenarios: readonly ScenarioSpec[];
  seeds: SeedScheme;
  /** Drawdown from which a run is a bust in the comparison tables. */
  bustThreshold: number;
  parameters: readonly ParameterSpec[];
  design: { type: DesignType; points?: number };
  replications: number;
  seed: number;
  metrics: readonly string[];
  keep: KeepOutput;
  sampleRuns?: number;
  bootstrap: number;
  /** The sweep file's contents as parsed, for the manifest. */
  contents: Record<string, unknown>;
}

/** Summary figures tabulated when the sweep file does not name `metrics`. */
export const DEFAULT_METRICS: readonly string[] = Object.freeze([
  "unemploymentRate.mean",
  "inflationMean",
  "gdpRealGrowthYearly",
  "crisisEpisodes",
  "crisisMonths",
  "firmDefaults",
  "firmExits",
  "bankFailures",
  "recessions",
  "govDebtToGdpFinal",
]);

/** Bust measures added to the default metrics when the runs have the AI chain (engine/bust.ts). */
export const CHAIN_DEFAULT_METRICS: readonly string[] = Object.freeze([
  "bust.valuationDrawdown",
  "bust.peakCdsBp",
  "bust.peakUnemployment",
  "bust.negativeFeedbackJobsMonths",
  "bust.outputLoss",
  "bust.anyChainDefault",
  "bust.defaultByRole.neocloud",
  "bust.monthsToFirstDefault",
]);

/**
 * Dotted names of every number in summary.json (except `seed`, which the
 * runs table has anyway), e.g. "unemploymentRate.mean", "crisisEpisodes".
 */
export const SUMMARY_METRICS: readonly string[] = Object.freeze(numericLeaves(emptySummary(), ""));

export const SWEEP_SCHEMA_FILE = packagePath("configs/sweep.schema.json");
const sweepSchema = JSON.parse(readFileSync(SWEEP_SCHEMA_FILE, "utf8")) as Record<string, unknown>;
const validateSweepSchema = new Ajv({ allErrors: true, strict: true, verbose: true }).compile(sweepSchema);

/**
 * Reads, checks and resolves a sweep file: the schema, the base config and
 * its overrides, every parameter path and every listed value or range bound
 * against the run-config schema, the design's needs, the metric names.
 * Does not build the design (see planSweep), and writes nothing.
 * @throws {InputError} listing every problem found, one per line.
 */
export function loadSweepSpec(file: string): SweepSpec {
  return sweepSpecFromContents(file, readSweepFile(file));
}

/**
 * Checks and resolves a sweep given as parsed JSON, as loadSweepSpec does for
 * a file: `file` labels the problems and its folder is where relative
 * config paths start (`spiral compare` passes "spiral compare": paths from
 * the working directory).
 * @throws {InputError} listing every problem found, one per line.
 */
export function sweepSpecFromContents(file: string, contents: Record<string, unknown>): SweepSpec {
  const schemaErrors = validateSweepSchema(contents) ? [] : (validateSweepSchema.errors ?? []);
  if (schemaErrors.length > 0) throw problemsError(file, schemaErrors.map(describeSchemaError));

  const raw = contents as unknown as RawSweep;
  const problems: Problem[] = [];
  // A broken base or override is reported with the rest; values are then checked against the schema defaults.
  let baseConfig: SpiralConfig | undefined;
  const scenarios: ScenarioSpec[] = [];
  if ((raw.base === undefined) === (raw.scenarios === undefined)) {
    problems.push({
      at: raw.base === undefined ? "/base" : "/scenarios",
      problem:
        raw.base === undefined
          ? "missing: give base (one config) or scenarios (a list of configs)"
          : "give base or scenarios, not both",
    });
  } else if (raw.base !== undefined) {
    try {
      baseConfig = loadBase(file, raw);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      for (const line of err.message.split("\n")) problems.push({ line });
    }
  } else {
    scenarios.push(...loadScenarios(file, raw, problems));
    baseConfig = scenarios[0]?.config;
  }
  const design = raw.design ?? { type: "grid" as const };
  const designType = design.type;
  const points = design.points;
  if (scenarios.length > 0 && designType !== "grid") {
    problems.push({
      at: "/design/type",
      problem: `scenarios are a grid dimension: use a grid design (got ${designType}), or one sweep per scenario`,
    });
  }
  if (designType === "grid" && points !== undefined) {
    problems.push({
      at: "/design/points",
      problem: "not used by a grid design (its points are every combination)",
    });
  }
  if (designType !== "grid" && points === undefined) {
    problems.push({ at: "/design/points", problem: `missing (required by a ${designType} design)` });
  }

  const parameters: ParameterSpec[] = [];
  const rawParameters = raw.parameters ?? {};
  if (designType !== "grid" && Object.keys(rawParameters).length === 0) {
    problems.push({ at: "/parameters", problem: `a ${designType} design needs parameters to vary` });
  }
  for (const [path, given] of Object.entries(rawParameters)) {
    const parameter = checkParameter(file, path, given, designType, baseConfig ?? defaultConfig(), problems);
    if (parameter) parameters.push(parameter);
  }

  const chainOn = [baseConfig, ...scenarios.map((sc) => sc.config)].some(
    (c) => c !== undefined && modelKind(c).writesChainSummary(c),
  );
  const metrics = raw.metrics ?? (chainOn ? [...DEFAULT_METRICS, ...CHAIN_DEFAULT_METRICS] : DEFAULT_METRICS);
  raw.metrics?.forEach((metric, i) => {
    if (SUMMARY_METRICS.includes(metric)) return;
    const guess = closestName(metric, SUMMARY_METRICS);
    const hint = guess ? ` — did you mean "${guess}"?` : ` (known: ${SUMMARY_METRICS.join(", ")})`;
    problems.push({ at: `/metrics/${i}`, problem: `unknown summary metric "${metric}"${hint}` });
  });
  metrics.forEach((metric, i) => {
    if (Object.hasOwn(rawParameters, metric)) {
      problems.push({
        at: `/metrics/${i}`,
        problem: `"${metric}" is also a varied parameter: the runs table would have two such columns; drop it from metrics`,
      });
    }
  });

  const keep = raw.keep ?? "series";
  if (keep === "sample" && raw.sampleRuns === undefined) {
    problems.push({ at: "/sampleRuns", problem: 'missing (required with keep "sample")' });
  }
  if (keep !== "sample" && raw.sampleRuns !== undefined) {
    problems.push({ at: "/sampleRuns", problem: `only used with keep "sample" (keep is "${keep}")` });
  }
  if (problems.length > 0 || baseConfig === undefined) throw problemsError(file, problems);

  return {
    file,
    name:
      raw.name ??
      (basename(file)
        .replace(/\.json$/i, "")
        .replace(/[^A-Za-z0-9._-]+/g, "-") ||
        "sweep"),
    description: raw.description ?? "",
    basePath: raw.base !== undefined ? resolveBase(file, raw.base) : scenarios[0].path,
    baseConfig,
    scenarios,
    seeds: raw.seeds ?? (scenarios.length > 0 ? "common" : "independent"),
    bustThreshold: raw.bustThreshold ?? DEFAULT_BUST_THRESHOLD,
    parameters,
    design: points === undefined ? { type: designType } : { type: designType, points },
    replications: raw.replications,
    seed: raw.seed,
    metrics,
    keep,
    sampleRuns: raw.sampleRuns,
    bootstrap: raw.bootstrap ?? 1000,
    contents,
  };
}

/**
 * The place of a JSON pointer in a sweep file, in words: dotted keys, list
 * indices in brackets, and parameter paths (which contain dots) quoted:
 * "/parameters/households.count/values/1" → `parameters["households.count"].values[1]`.
 */
export function sweepLocation(pointer: string): string {
  if (pointer === "") return "(top level)";
  let out = "";
  for (const segment of pointer.split("/").slice(1)) {
    const key = segment.replaceAll("~1", "/").replaceAll("~0", "~");
    if (/^(0|[1-9][0-9]*)$/.test(key)) out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) out += out === "" ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

/** Sets `value` at a dotted path in `target`, creating objects on the way. */
export function setAtPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const segments = path.split(".");
  let node = target;
  for (const segment of segments.slice(0, -1)) {
    const next = node[segment];
    if (!isPlainObject(next)) {
      const created: Record<string, unknown> = {};
      Object.defineProperty(node, segment, {
        value: created,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      node = created;
    } else {
      node = next;
    }
  }
  Object.defineProperty(node, segments[segments.length - 1], {
    value: structuredClone(value),
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** The value at a dotted path, or undefined. */
export function getAtPath(source: unknown, path: string): unknown {
  let node = source;
  for (const segment of path.split(".")) {
    if (!isPlainObject(node) || !Object.hasOwn(node, segment)) return undefined;
    node = node[segment];
  }
  return node;
}

interface RawParameter {
  values?: unknown[];
  range?: [number, number];
  integer?: boolean;
  levels?: number | Record<string, unknown>;
  distribution?: { type: Distribution["type"]; [key: string]: unknown };
}

interface RawSweep {
  name?: string;
  description?: string;
  base?: string;
  scenarios?: unknown;
  seeds?: SeedScheme;
  bustThreshold?: number;
  overrides?: Record<string, unknown>;
  parameters?: Record<string, RawParameter>;
  design?: { type: DesignType; points?: number };
  replications: number;
  seed: number;
  metrics?: string[];
  keep?: KeepOutput;
  sampleRuns?: number;
  bootstrap?: number;
}

/** A problem at a JSON pointer of the sweep file, or a whole line already labelled (from the config validator). */
type Problem = { at: string; problem: string } | { line: string };

function readSweepFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new InputError(`sweep path is a folder, not a file: ${file}`, file);
    checkInputSize(stat.size, file, "a sweep file"); // before reading it
    text = readFileSync(file, "utf8");
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new InputError(`sweep file not found: ${file}`, file);
    throw new InputError(`cannot read sweep file ${file}: ${(err as Error).message}`, file);
  }
  checkInputSize(Buffer.byteLength(text), file, "a sweep file"); // a pipe or device has no size to stat
  return parseJsonObject(text, file, "a sweep file", sweepLocation);
}

function resolveBase(file: string, base: string): string {
  return isAbsolute(base) ? base : join(dirname(file), base);
}

/** The base config, overrides applied and validated. */
function loadBase(file: string, raw: RawSweep, base = raw.base ?? "", at = "/base"): SpiralConfig {
  const basePath = resolveBase(file, base);
  if (!existsSync(basePath)) {
    throw new InputError(`${file}: ${sweepLocation(at)}: config file not found: ${basePath}`, file, at);
  }
  const config = loadConfig(basePath);
  const overrides = raw.overrides ?? {};
  if (Object.hasOwn(overrides, "seed")) {
    throw new InputError(
      `${file}: overrides.seed: the sweep sets every run's seed from its own "seed"; remove it from overrides`,
      file,
      "/overrides/seed",
    );
  }
  const merged = structuredClone(config) as unknown as Record<string, unknown>;
  mergeInto(merged, overrides);
  return validateConfigObject(merged, `${file}: overrides`);
}

/**
 * The scenario dimension: a list of config files (levels named by each
 * config's `name`, or by the file name where two share a name) or an object
 * of named files. Problems are added to `problems`.
 */
function loadScenarios(file: string, raw: RawSweep, problems: Problem[]): ScenarioSpec[] {
  const given = raw.scenarios;
  let entries: { key: string | undefined; path: unknown; at: string }[];
  if (Array.isArray(given)) {
    entries = given.map((path, i) => ({ key: undefined, path, at: `/scenarios/${i}` }));
  } else if (isPlainObject(given)) {
    entries = Object.entries(given).map(([key, path]) => ({
      key,
      path,
      at: `/scenarios/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`,
    }));
  } else {
    problems.push({
      at: "/scenarios",
      problem: `must be a list of config files or an object of named config files (got ${describeValue(given)})`,
    });
    return [];
  }
  if (entries.length < 1) {
    problems.push({ at: "/scenarios", problem: "must name at least one config file" });
    return [];
  }
  // A limit on absurd input, as the schema's for parameters (src/config/inputLimits.ts).
  if (entries.length > MAX_SCENARIOS) {
    problems.push({
      at: "/scenarios",
      problem: `at most ${MAX_SCENARIOS} config files (got ${entries.length})`,
    });
    return [];
  }
  const out: ScenarioSpec[] = [];
  for (const entry of entries) {
    if (typeof entry.path !== "string" || entry.path === "") {
      problems.push({
        at: entry.at,
        problem: `must be a config file path (got ${describeValue(entry.path)})`,
      });
      continue;
    }
    try {
      const config = loadBase(file, raw, entry.path, entry.at);
      out.push({ name: entry.key ?? config.name, path: resolveBase(file, entry.path), config });
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      for (const line of err.message.split("\n")) problems.push({ line });
    }
  }
  // Two configs of one name: name those levels by their file instead.
  const shared = new Set(out.map((s) => s.name).filter((name, i, all) => all.indexOf(name) !== i));
  if (!isPlainObject(given)) {
    for (const s of out) if (shared.has(s.name)) s.name = basename(s.path).replace(/\.json$/i, "");
  }
  out.forEach((s, i) => {
    if (out.findIndex((t) => t.name === s.name) !== i) {
      problems.push({ at: "/scenarios", problem: `two scenarios are named "${s.name}"; name them apart` });
    }
  });
  return out;
}

/** Objects merge key by key; anything else (lists too) replaces, as config files merge. */
function mergeInto(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const key of Object.keys(source)) {
    const value = source[key];
    const current = Object.hasOwn(target, key) ? target[key] : undefined;
    if (isPlainObject(value) && isPlainObject(current)) {
      mergeInto(current, value);
    } else {
      Object.defineProperty(target, key, {
        value: structuredClone(value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
}

/**
 * Why `path` cannot be a swept or estimated parameter, or undefined when it
 * names one leaf of the config schema (parameterSchemaAt, so one firm's field
 * under aiChain.firmOverrides too): an unknown path (with a "did you mean"),
 * the file keys `$schema`/`extends`, a group of parameters (`verb` its
 * members instead), or an override of a firm the base config's `firms` lack.
 * Shared by sweeps and `spiral calibrate`.
 */
export function parameterPathProblem(
  path: string,
  node: ReturnType<typeof schemaAt>,
  verb: "vary" | "estimate",
  firms: readonly { readonly name: string }[],
): string | undefined {
  if (path === "$schema" || path === "extends" || node === undefined) {
    const guess = suggestParameterPath(path);
    const hint = guess
      ? ` — did you mean "${guess}"?`
      : " (the parameters are listed in configs/schema.json)";
    return `unknown parameter "${path}"${hint}`;
  }
  if (node.type === "object" && node.properties !== undefined) {
    const first = Object.keys(node.properties)[0];
    return `"${path}" is a group of parameters; ${verb} its members, e.g. "${path}.${first}"`;
  }
  return firmOverrideFirmProblem(path, firms);
}

function checkParameter(
  file: string,
  path: string,
  given: RawParameter,
  design: DesignType,
  base: SpiralConfig,
  problems: Problem[],
): ParameterSpec | undefined {
  const at = `/parameters/${path.replaceAll("~", "~0").replaceAll("/", "~1")}`;
  const node = parameterSchemaAt(path);
  if (path === "seed") {
    problems.push({
      at,
      problem:
        "the sweep sets every run's seed (from its seed, the point and the replication); vary replications instead",
    });
    return undefined;
  }
  const pathProblem = parameterPathProblem(path, node, "vary", base.aiChain.firms);
  if (pathProblem !== undefined || node === undefined) {
    problems.push({ at, problem: pathProblem ?? `unknown parameter "${path}"` });
    return undefined;
  }

  // `levels` as an object is a list of named values.
  const named = isPlainObject(given.levels) ? (given.levels as Record<string, unknown>) : undefined;
  if (
    given.levels !== undefined &&
    named === undefined &&
    !(Number.isInteger(given.levels) && (given.levels as number) >= 2)
  ) {
    problems.push({
      at: `${at}/levels`,
      problem: `must be an integer ≥ 2 (with range) or an object of named values (got ${describeValue(given.levels)})`,
    });
    return undefined;
  }
  if (named !== undefined && Object.keys(named).length === 0) {
    problems.push({ at: `${at}/levels`, problem: "must name at least one value" });
    return undefined;
  }
  if (named !== undefined && Object.keys(named).length > MAX_NAMED_LEVELS) {
    problems.push({
      at: `${at}/levels`,
      problem: `at most ${MAX_NAMED_LEVELS} named values, as for values (got ${Object.keys(named).length})`,
    });
    return undefined;
  }
  const kinds = (["values", "range", "distribution"] as const).filter((k) => given[k] !== undefined);
  if (named !== undefined) kinds.unshift("values");
  if (kinds.length !== 1) {
    problems.push({
      at,
      problem:
        kinds.length === 0
          ? "give one of values, levels (named values), range or distribution"
          : `give only one of values, levels (named values), range or distribution (got ${kinds.map((k, i) => (i === 0 && named ? "levels" : k)).join(" and ")})`,
    });
    return undefined;
  }
  const kind = kinds[0];
  const before = problems.length;
  if (given.integer !== undefined && kind !== "range") {
    problems.push({ at: `${at}/integer`, problem: "only used with range" });
  }
  if (given.levels !== undefined && named === undefined && (kind !== "range" || design !== "grid")) {
    problems.push({ at: `${at}/levels`, problem: "only used with range in a grid design" });
  }
  const checkValue = (value: unknown, where: string): void => {
    const config = structuredClone(base) as unknown as Record<string, unknown>;
    setAtPath(config, path, value);
    try {
      validateConfigObject(config, `${file}: ${sweepLocation(where)}`);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      // Already labelled with the file and place; keep the lines as they are.
      for (const line of err.message.split("\n")) problems.push({ line });
    }
  };

  if (kind === "values" && named !== undefined) {
    const names = Object.keys(named);
    names.forEach((name) => {
      checkValue(named[name], `${at}/levels/${name.replaceAll("~", "~0").replaceAll("/", "~1")}`);
    });
    if (problems.length > before) return undefined;
    return { path, kind, values: names.map((name) => named[name]), names };
  }
  if (kind === "values") {
    const values = given.values!;
    values.forEach((value, i) => {
      checkValue(value, `${at}/values/${i}`);
    });
    if (problems.length > before) return undefined;
    return { path, kind, values };
  }
  if (kind === "range") {
    const [min, max] = given.range!;
    const integer = given.integer ?? false;
    if (node.type === "integer" && !integer) {
      problems.push({ at: `${at}/range`, problem: `${path} is an integer parameter; add "integer": true` });
    }
    if (integer && (!Number.isInteger(min) || !Number.isInteger(max))) {
      problems.push({
        at: `${at}/range`,
        problem: `with "integer": true both bounds must be whole numbers (got [${min}, ${max}])`,
      });
    }
    if (!(min < max))
      problems.push({ at: `${at}/range`, problem: `min must be below max (got [${min}, ${max}])` });
    if (node.type !== "number" && node.type !== "integer") {
      problems.push({
        at: `${at}/range`,
        problem: `${path} is not a number (${node.type ?? "any"}); give its values instead`,
      });
    }
    const boundsUsable = problems.length === before;
    if (design === "grid" && given.levels === undefined) {
      problems.push({
        at: `${at}/levels`,
        problem: "missing: a range in a grid design needs levels (how many evenly spaced values)",
      });
    }
    if (boundsUsable) {
      checkValue(min, `${at}/range/0`);
      checkValue(max, `${at}/range/1`);
    }
    if (problems.length > before) return undefined;
    return given.levels === undefined
      ? { path, kind, min, max, integer }
      : { path, kind, min, max, integer, levels: given.levels as number };
  }

  const distribution = checkDistribution(given.distribution!, `${at}/distribution`, problems);
  if (design === "grid") {
    problems.push({ at: `${at}/distribution`, problem: "a grid design needs values or a range with levels" });
  }
  if (node.type !== "number") {
    problems.push({
      at: `${at}/distribution`,
      problem: `${path} is not a real number (${node.type ?? "any"}); use values or an integer range`,
    });
  }
  if (problems.length > before || distribution === undefined) return undefined;
  return { path, kind, distribution };
}

function checkDistribution(
  given: { type: Distribution["type"]; [key: string]: unknown },
  at: string,
  problems: Problem[],
): Distribution | undefined {
  const fields: Record<Distribution["type"], readonly string[]> = {
    uniform: ["min", "max"],
    normal: ["mean", "sd"],
    lognormal: ["meanLog", "sdLog"],
  };
  const wanted = fields[given.type];
  const before = problems.length;
  for (const key of wanted) {
    if (given[key] === undefined)
      problems.push({ at: `${at}/${key}`, problem: `missing (required by a ${given.type} distribution)` });
  }
  for (const key of Object.keys(given)) {
    if (key !== "type" && !wanted.includes(key)) {
      problems.push({
        at: `${at}/${key}`,
        problem: `not a parameter of a ${given.type} distribution (it takes ${wanted.join(", ")})`,
      });
    }
  }
  if (
    given.type === "uniform" &&
    typeof given.min === "number" &&
    typeof given.max === "number" &&
    !(given.min < given.max)
  ) {
    problems.push({ at, problem: `min must be below max (got ${given.min} and ${given.max})` });
  }
  return problems.length > before ? undefined : (given as unknown as Distribution);
}

function problemsError(file: string, problems: readonly Problem[]): InputError {
  const lines = problems.map((p) => ("line" in p ? p.line : `${file}: ${sweepLocation(p.at)}: ${p.problem}`));
  const unique = lines.filter((line, i) => lines.indexOf(line) === i);
  const first = problems.find((p) => "at" in p);
  return new InputError(unique.join("\n"), file, first && "at" in first ? first.at : undefined);
}

/** Plain words for an ajv error of the sweep schema. */
function describeSchemaError(err: ErrorObject): Problem {
  const params = err.params as Record<string, unknown>;
  const schema = (err.parentSchema ?? {}) as SchemaNode & { minProperties?: number };
  const at = err.instancePath;
  switch (err.keyword) {
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const allowed = Object.keys(schema.properties ?? {});
      const guess = closestName(key, allowed);
      const hint = guess ? ` — did you mean "${guess}"?` : ` (allowed keys: ${allowed.join(", ")})`;
      return {
        at: `${at}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`,
        problem: `unknown key "${key}"${hint}`,
      };
    }
    case "required":
      return { at: `${at}/${String(params.missingProperty)}`, problem: "missing (required)" };
    case "type":
      return { at, problem: `must be ${typeWord(String(params.type))} (got ${describeValue(err.data)})` };
    case "enum": {
      const allowed = (schema.enum ?? []).map((v) => JSON.stringify(v)).join(", ");
      const names = (schema.enum ?? []).filter((v): v is string => typeof v === "string");
      const guess = typeof err.data === "string" ? closestName(err.data, names) : undefined;
      return {
        at,
        problem: `must be one of ${allowed} (got ${describeValue(err.data)})${guess ? ` — did you mean "${guess}"?` : ""}`,
      };
    }
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum": {
      const sign = { minimum: "≥", maximum: "≤", exclusiveMinimum: ">", exclusiveMaximum: "<" }[err.keyword];
      return { at, problem: `must be ${sign} ${params.limit} (got ${String(err.data)})` };
    }
    case "minItems":
    case "maxItems":
      return {
        at,
        problem: `must have ${err.keyword === "minItems" ? "at least" : "at most"} ${params.limit} item(s) (got ${describeValue(err.data)})`,
      };
    case "minProperties":
      return { at, problem: `must name at least ${params.limit} entr${params.limit === 1 ? "y" : "ies"}` };
    case "maxProperties":
      return {
        at,
        problem: `must name at most ${params.limit} entries (got ${Object.keys(err.data as object).length})`,
      };
    case "uniqueItems":
      return { at, problem: `items ${params.j} and ${params.i} are the same; list each once` };
    case "pattern":
      return { at, problem: `must match /${params.pattern}/ (got ${describeValue(err.data)})` };
    case "minLength":
      return { at, problem: "must not be empty" };
    default:
      return { at, problem: err.message ?? `fails the schema's "${err.keyword}" rule` };
  }
}

function typeWord(type: string): string {
  const words: Record<string, string> = {
    number: "a number",
    integer: "an integer",
    string: "a string",
    boolean: "true or false",
    object: "an object { … }",
    array: "a list [ … ]",
  };
  return type
    .split(",")
    .map((t) => words[t] ?? t)
    .join(" or ");
}

function emptySummary(): unknown {
  // One month of zeros, the AI chain's columns included, so that every
  // summary figure — the chain's too — shows up as a metric a sweep may name
  // (a run without the chain reports its chain metrics as missing).
  // The bust measures' too: one firm of each role, so that every role's figure is named.
  const names = [
    ...new Set([...SUMMARY_COLUMNS, ...OPTIONAL_SUMMARY_COLUMNS, ...CHAIN_SUMMARY_COLUMNS, ...BUST_COLUMNS]),
    ...CHAIN_ROLES.map((role) => `${role}_defaulted`),
  ];
  const columns = Object.fromEntries(names.map((name) => [name, new Float64Array(1)]));
  return summarizeSeries(columns as unknown as Parameters<typeof summarizeSeries>[0], {
    name: "x",
    seed: 0,
    burnInTicks: 0,
    chain: {
      chainStartTick: 1,
      firms: CHAIN_ROLES.map((role) => ({ name: role, role })),
      startDate: "2000-01",
    },
  });
}

function numericLeaves(value: unknown, prefix: string): string[] {
  if (!isPlainObject(value)) return [];
  const out: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    if (isPlainObject(child)) out.push(...numericLeaves(child, path));
    else if ((typeof child === "number" || child === null) && path !== "seed") out.push(path);
  }
  return out;
}
