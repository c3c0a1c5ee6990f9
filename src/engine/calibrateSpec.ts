// Reads and checks a calibration file (configs/calibration.schema.json) before
// anything runs or is written: the schema, the base config and overrides,
// every parameter path and bound against the run-config schema, every target
// against the moment vocabulary, the budget against the global stage. Every
// mistake is an InputError (exit 2) naming the file, the place in it
// (`parameters["households.mpc"].min`) and the problem, with a "did you mean"
// for unknown keys, parameter paths and moment names; all problems at once.
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join } from "node:path";
import { Ajv, type ErrorObject } from "ajv";
import { MOMENT_NAMES } from "../analysis/moments.ts";
import {
  defaultConfig,
  loadConfig,
  parameterSchemaAt,
  type SpiralConfig,
  validateConfigObject,
} from "../config/index.ts";
import { checkInputSize } from "../config/inputLimits.ts";
import { parseJsonObject } from "../config/jsonSyntax.ts";
import { closestName } from "../config/suggest.ts";
import { describeValue, isPlainObject } from "../config/validate.ts";
import { InputError } from "../errors.ts";
import { packagePath } from "../packagePaths.ts";
import type { ResponseMoment } from "./calibrateResponses.ts";
import { modelKind } from "./models.ts";
import { getAtPath, parameterPathProblem, setAtPath, sweepLocation } from "./sweepSpec.ts";

export interface CalibrationParameter {
  path: string;
  min: number;
  max: number;
}

export interface CalibrationTarget {
  name: string;
  value: number;
  se: number;
  source?: string;
}

/** A checked calibration file. */
export interface CalibrationSpec {
  file: string;
  name: string;
  description: string;
  /** The base config's path as resolved from the calibration file's folder. */
  basePath: string;
  /** The base config with overrides, ticks and burnInTicks applied, defaults filled in. */
  baseConfig: SpiralConfig;
  parameters: readonly CalibrationParameter[];
  targets: readonly CalibrationTarget[];
  /** The response moments the file defines ("responses"; calibrateResponses.ts), checked. */
  responses: readonly ResponseMoment[];
  seeds: number;
  budget: number;
  seed: number;
  globalDesign: "sobol" | "latin-hypercube";
  globalPoints: number;
  local: "nelder-mead" | "none";
  tolerance: number;
  /**
   * method.startAtBase: the base config's values of the parameters, in the
   * unit cube of their bounds, evaluated as one more global point; undefined
   * without a warm start.
   */
  startPoint: number[] | undefined;
  weighting: "diagonal" | "optimal";
  jacobianStep: number;
  /** The file's contents as parsed. */
  contents: Record<string, unknown>;
}

/** Fewest complete quarters after the burn-in that the moments need (computeStylizedFacts). */
const MIN_QUARTERS = 12;

export const SPEC_SCHEMA_FILE = packagePath("configs/calibration.schema.json");
const schema = JSON.parse(readFileSync(SPEC_SCHEMA_FILE, "utf8")) as Record<string, unknown>;
const validateSchema = new Ajv({ allErrors: true, strict: true, verbose: true }).compile(schema);

interface RawSpec {
  name?: string;
  description?: string;
  base: string;
  overrides?: Record<string, unknown>;
  ticks?: number;
  burnInTicks?: number;
  parameters: Record<string, { min: number; max: number }>;
  targets: Record<string, { value: number; se: number; source?: string }>;
  responses?: Record<string, RawResponse>;
  seeds: number;
  budget: number;
  seed: number;
  method?: {
    global?: "sobol" | "latin-hypercube";
    globalPoints?: number;
    local?: "nelder-mead" | "none";
    tolerance?: number;
    startAtBase?: boolean;
  };
  weighting?: "diagonal" | "optimal";
  jacobianStep?: number;
}

interface RawResponse {
  series: string;
  kind?: "log" | "level";
  scale?: number;
  shock: { shiftYearly: number; lengthMonths: number; atTick: number };
  horizonMonths: number;
  windowMonths?: number;
}

type Problem = { at: string; problem: string } | { line: string };

/**
 * Reads, checks and resolves a calibration file. Writes nothing.
 * @throws {InputError} listing every problem found, one per line.
 */
export function loadCalibrationSpec(file: string): CalibrationSpec {
  const contents = readSpecFile(file);
  if (!validateSchema(contents)) {
    throw problemsError(file, (validateSchema.errors ?? []).map(describeSchemaError));
  }
  const raw = contents as unknown as RawSpec;
  const problems: Problem[] = [];
  let baseConfig: SpiralConfig | undefined;
  try {
    baseConfig = loadBase(file, raw);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    for (const line of err.message.split("\n")) problems.push({ line });
  }
  const base = baseConfig ?? defaultConfig();
  const quarters = Math.floor((base.ticks - base.burnInTicks) / 3);
  if (baseConfig !== undefined && quarters < MIN_QUARTERS) {
    problems.push({
      at: raw.ticks !== undefined ? "/ticks" : "/burnInTicks",
      problem: `the moments need at least ${MIN_QUARTERS} quarters after the burn-in: ticks ${base.ticks} − burnInTicks ${base.burnInTicks} leave ${quarters}`,
    });
  }

  const parameters: CalibrationParameter[] = [];
  for (const [path, bounds] of Object.entries(raw.parameters)) {
    const parameter = checkParameter(file, path, bounds, base, problems);
    if (parameter) parameters.push(parameter);
  }
  const responses = checkResponses(raw, baseConfig, problems);
  const responseNames = Object.keys(raw.responses ?? {});
  const momentNames = [...MOMENT_NAMES, ...responseNames];
  const targets: CalibrationTarget[] = [];
  for (const [name, target] of Object.entries(raw.targets)) {
    if (!momentNames.includes(name)) {
      const guess = closestName(name, momentNames);
      const hint = guess
        ? ` — did you mean "${guess}"?`
        : " (the moments are listed in docs/calibration-tool.md)";
      problems.push({ at: `/targets/${pointerKey(name)}`, problem: `unknown moment "${name}"${hint}` });
      continue;
    }
    targets.push({ name, value: target.value, se: target.se, source: target.source });
  }

  const k = Object.keys(raw.parameters).length;
  const globalPoints = raw.method?.globalPoints ?? Math.min(raw.budget, Math.max(4, 10 * k));
  const warm = raw.method?.startAtBase === true;
  if (raw.budget < globalPoints + (warm ? 1 : 0)) {
    problems.push({
      at: "/budget",
      problem: `${raw.budget} evaluations are fewer than the global stage's ${globalPoints} points (method.globalPoints)${warm ? " and the base's point (method.startAtBase)" : ""}; raise budget or lower globalPoints`,
    });
  }
  const startPoint = warm ? baseStartPoint(parameters, base, problems) : undefined;
  const weighting = raw.weighting ?? "diagonal";
  const q = Object.keys(raw.targets).length;
  if (weighting === "optimal" && raw.seeds < q + 2) {
    problems.push({
      at: "/seeds",
      problem: `weighting "optimal" estimates a ${q} × ${q} covariance from the seeds' moments: it needs seeds ≥ ${q + 2} (got ${raw.seeds})`,
    });
  }
  if (problems.length > 0 || baseConfig === undefined) throw problemsError(file, problems);

  return {
    file,
    name:
      raw.name ??
      (basename(file)
        .replace(/\.json$/i, "")
        .replace(/[^A-Za-z0-9._-]+/g, "-") ||
        "calibration"),
    description: raw.description ?? "",
    basePath: resolveBase(file, raw.base),
    baseConfig,
    parameters,
    targets,
    responses,
    seeds: raw.seeds,
    budget: raw.budget,
    seed: raw.seed,
    globalDesign: raw.method?.global ?? "sobol",
    globalPoints,
    local: raw.method?.local ?? "nelder-mead",
    tolerance: raw.method?.tolerance ?? 1e-3,
    startPoint,
    weighting,
    jacobianStep: raw.jacobianStep ?? 0.02,
    contents,
  };
}

/**
 * The warm start of method.startAtBase: each parameter's value in the base
 * config as a share of its range, (value − min) / (max − min), in [0, 1];
 * a value outside the bounds is a problem at /method/startAtBase naming the
 * parameter.
 *
 * @example with bounds [0.3, 0.9] and a base value of 0.48: 0.3
 */
export function baseStartPoint(
  parameters: readonly CalibrationParameter[],
  base: SpiralConfig,
  problems: Problem[],
): number[] {
  return parameters.map((p) => {
    const value = getAtPath(base, p.path);
    if (typeof value !== "number" || !(value >= p.min && value <= p.max)) {
      problems.push({
        at: "/method/startAtBase",
        problem: `the base's ${p.path} (${typeof value === "number" ? value : describeValue(value)}) lies outside its bounds [${p.min}, ${p.max}]; widen them or drop the warm start`,
      });
      return 0.5;
    }
    return (value - p.min) / (p.max - p.min);
  });
}

/**
 * The file's response moments ("responses"), checked against the base
 * config: a name of its own (not a moment of `spiral facts`), a series the
 * model writes, a shock after the burn-in and a horizon inside the run, the
 * core model (the shock is a centralBank override). Problems are pushed with
 * their place in the file; the checked definitions are returned.
 */
function checkResponses(
  raw: RawSpec,
  baseConfig: SpiralConfig | undefined,
  problems: Problem[],
): ResponseMoment[] {
  const entries = Object.entries(raw.responses ?? {});
  if (entries.length === 0 || baseConfig === undefined) return [];
  const columns = modelKind(baseConfig)
    .columns(baseConfig)
    .map((c) => c.name);
  // The shock shifts the policy rate: a model that has none (Lengnick 2013 writes no policyRate) cannot take it.
  if (!columns.includes("policyRate")) {
    problems.push({
      at: "/responses",
      problem: `responses shift the policy rate (centralBank.overrides): the base config's model "${baseConfig.model}" has no policy rate; use a core ("spiral") config`,
    });
    return [];
  }
  const out: ResponseMoment[] = [];
  for (const [name, r] of entries) {
    const at = `/responses/${pointerKey(name)}`;
    let ok = true;
    if (MOMENT_NAMES.includes(name)) {
      problems.push({
        at,
        problem: `"${name}" is a moment of spiral facts; give the response a name of its own`,
      });
      ok = false;
    }
    if (!columns.includes(r.series)) {
      const guess = closestName(r.series, columns);
      problems.push({
        at: `${at}/series`,
        problem: `unknown series "${r.series}"${guess ? ` — did you mean "${guess}"?` : " (the columns of spiral run's series.csv)"}`,
      });
      ok = false;
    }
    if (r.shock.atTick <= baseConfig.burnInTicks) {
      problems.push({
        at: `${at}/shock/atTick`,
        problem: `the shock at tick ${r.shock.atTick} comes before the burn-in ends (burnInTicks ${baseConfig.burnInTicks}); move it later`,
      });
      ok = false;
    }
    const last = r.shock.atTick + r.horizonMonths;
    if (last > baseConfig.ticks) {
      problems.push({
        at: `${at}/horizonMonths`,
        problem: `the response is read at tick ${last}, after the run's last (ticks ${baseConfig.ticks}); shorten the horizon or move the shock earlier`,
      });
      ok = false;
    }
    const window = r.windowMonths ?? 3;
    if (window > r.shock.atTick + r.horizonMonths) {
      problems.push({
        at: `${at}/windowMonths`,
        problem: `a window of ${window} months ending ${r.horizonMonths} after tick ${r.shock.atTick} starts before the run's first month; shorten it`,
      });
      ok = false;
    }
    if (!ok) continue;
    out.push({
      name,
      series: r.series,
      kind: r.kind ?? "log",
      scale: r.scale ?? 1,
      shiftYearly: r.shock.shiftYearly,
      lengthMonths: r.shock.lengthMonths,
      atTick: r.shock.atTick,
      horizonMonths: r.horizonMonths,
      windowMonths: window,
    });
  }
  return out;
}

function pointerKey(key: string): string {
  return key.replaceAll("~", "~0").replaceAll("/", "~1");
}

function readSpecFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new InputError(`calibration path is a folder, not a file: ${file}`, file);
    checkInputSize(stat.size, file, "a calibration file");
    text = readFileSync(file, "utf8");
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR")
      throw new InputError(`calibration file not found: ${file}`, file);
    throw new InputError(`cannot read calibration file ${file}: ${(err as Error).message}`, file);
  }
  checkInputSize(Buffer.byteLength(text), file, "a calibration file");
  return parseJsonObject(text, file, "a calibration file", sweepLocation);
}

function resolveBase(file: string, base: string): string {
  return isAbsolute(base) ? base : join(dirname(file), base);
}

/** The base config with overrides, ticks and burnInTicks applied and validated. */
function loadBase(file: string, raw: RawSpec): SpiralConfig {
  const basePath = resolveBase(file, raw.base);
  if (!existsSync(basePath))
    throw new InputError(`${file}: base: config file not found: ${basePath}`, file, "/base");
  const base = loadConfig(basePath);
  const overrides = raw.overrides ?? {};
  if (Object.hasOwn(overrides, "seed")) {
    throw new InputError(
      `${file}: overrides.seed: the estimation sets every run's seed from its own "seed"; remove it from overrides`,
      file,
      "/overrides/seed",
    );
  }
  const merged = structuredClone(base) as unknown as Record<string, unknown>;
  mergeInto(merged, overrides);
  if (raw.ticks !== undefined) merged.ticks = raw.ticks;
  if (raw.burnInTicks !== undefined) merged.burnInTicks = raw.burnInTicks;
  return validateConfigObject(merged, `${file}: overrides`);
}

function mergeInto(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const key of Object.keys(source)) {
    const value = source[key];
    const current = Object.hasOwn(target, key) ? target[key] : undefined;
    if (isPlainObject(value) && isPlainObject(current)) mergeInto(current, value);
    else setAtPath(target, key, value);
  }
}

function checkParameter(
  file: string,
  path: string,
  bounds: { min: number; max: number },
  base: SpiralConfig,
  problems: Problem[],
): CalibrationParameter | undefined {
  const at = `/parameters/${pointerKey(path)}`;
  const node = parameterSchemaAt(path);
  if (path === "seed" || path === "ticks" || path === "burnInTicks") {
    problems.push({ at, problem: `"${path}" is a setting of the estimation, not a parameter to estimate` });
    return undefined;
  }
  const pathProblem = parameterPathProblem(path, node, "estimate", base.aiChain.firms);
  if (pathProblem !== undefined || node === undefined) {
    problems.push({ at, problem: pathProblem ?? `unknown parameter "${path}"` });
    return undefined;
  }
  if (node.type === "integer") {
    problems.push({
      at,
      problem: `${path} is an integer parameter: the method of moments here estimates real-valued parameters (a derivative-free search and a numerical Jacobian); fix it in overrides instead`,
    });
    return undefined;
  }
  if (node.type !== "number") {
    problems.push({
      at,
      problem: `${path} is not a number (${node.type ?? "any"}); only numeric parameters can be estimated`,
    });
    return undefined;
  }
  const before = problems.length;
  if (!(bounds.min < bounds.max)) {
    problems.push({ at, problem: `min must be below max (got min ${bounds.min}, max ${bounds.max})` });
    return undefined;
  }
  for (const side of ["min", "max"] as const) {
    const config = structuredClone(base) as unknown as Record<string, unknown>;
    setAtPath(config, path, bounds[side]);
    try {
      validateConfigObject(config, `${file}: ${sweepLocation(`${at}/${side}`)}`);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      for (const line of err.message.split("\n")) problems.push({ line });
    }
  }
  return problems.length > before ? undefined : { path, min: bounds.min, max: bounds.max };
}

function problemsError(file: string, problems: readonly Problem[]): InputError {
  const lines = problems.map((p) => ("line" in p ? p.line : `${file}: ${sweepLocation(p.at)}: ${p.problem}`));
  const unique = lines.filter((line, i) => lines.indexOf(line) === i);
  const first = problems.find((p) => "at" in p);
  return new InputError(unique.join("\n"), file, first && "at" in first ? first.at : undefined);
}

/** Plain words for an ajv error of the calibration schema. */
function describeSchemaError(err: ErrorObject): Problem {
  const params = err.params as Record<string, unknown>;
  const parent = (err.parentSchema ?? {}) as { properties?: Record<string, unknown>; enum?: unknown[] };
  const at = err.instancePath;
  switch (err.keyword) {
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const allowed = Object.keys(parent.properties ?? {});
      const guess = closestName(key, allowed);
      const hint = guess ? ` — did you mean "${guess}"?` : ` (allowed keys: ${allowed.join(", ")})`;
      return { at: `${at}/${pointerKey(key)}`, problem: `unknown key "${key}"${hint}` };
    }
    case "required":
      return { at: `${at}/${String(params.missingProperty)}`, problem: "missing (required)" };
    case "type":
      return {
        at,
        problem: `must be ${String(params.type).replace("integer", "an integer").replace("number", "a number").replace("object", "an object { … }").replace("string", "a string")} (got ${describeValue(err.data)})`,
      };
    case "enum": {
      const names = (parent.enum ?? []).filter((v): v is string => typeof v === "string");
      const guess = typeof err.data === "string" ? closestName(err.data, names) : undefined;
      return {
        at,
        problem: `must be one of ${names.map((n) => JSON.stringify(n)).join(", ")} (got ${describeValue(err.data)})${guess ? ` — did you mean "${guess}"?` : ""}`,
      };
    }
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum": {
      const sign = { minimum: "≥", maximum: "≤", exclusiveMinimum: ">", exclusiveMaximum: "<" }[err.keyword];
      return { at, problem: `must be ${sign} ${params.limit} (got ${String(err.data)})` };
    }
    case "minProperties":
      return { at, problem: `must name at least ${params.limit} entr${params.limit === 1 ? "y" : "ies"}` };
    case "maxProperties":
      return { at, problem: `must name at most ${params.limit} entries` };
    case "pattern":
      return { at, problem: `must match /${params.pattern}/ (got ${describeValue(err.data)})` };
    case "minLength":
      return { at, problem: "must not be empty" };
    default:
      return { at, problem: err.message ?? `fails the schema's "${err.keyword}" rule` };
  }
}
