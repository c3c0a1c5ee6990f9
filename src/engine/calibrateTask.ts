// One run of an estimation, as a worker thread executes it (workers/calibrateRun.ts):
// the config in, the target moments out, nothing on disk. Plain data both
// ways so that it crosses the thread boundary by structured clone.
import { computeMoments } from "../analysis/moments.ts";
import { computeStylizedFacts } from "../analysis/stylizedFacts.ts";
import { type SpiralConfig, validateConfigObject } from "../config/index.ts";
import {
  type ResponseMoment,
  responseMoment,
  shockedConfig,
  shockKey,
  twinTicks,
} from "./calibrateResponses.ts";
import { modelKind } from "./models.ts";
import { runInMemory } from "./runSingle.ts";

export interface CalibrateTask {
  /** The complete, validated config of the run (seed included). */
  config: SpiralConfig;
  /** The moments to return, by name (MOMENT_NAMES, or the name of one of `responses`). */
  targets: readonly string[];
  /**
   * The response moments among the targets (calibrateResponses.ts): each
   * distinct shock adds a twin run of the same config and seed. Absent or
   * empty: one run, as before.
   */
  responses?: readonly ResponseMoment[];
}

/**
 * The task of one run at one point: `config` (the base with the point's
 * parameters set and the seed) checked against the schema, and the checked
 * copy is what runs — so aiChain.firmOverrides, which a parameter may set
 * (`aiChain.firmOverrides.hyperA.equityVolatility`), reach the firm list.
 * `config` itself is not changed (the run's cache key is taken from it).
 * @throws {InputError} for a point the schema rejects; the caller counts it as a failed run.
 */
export function calibrateTaskFor(
  config: SpiralConfig,
  targets: readonly string[],
  responses: readonly ResponseMoment[],
): CalibrateTask {
  return { config: validateConfigObject(config, "calibration point"), targets, responses };
}

export interface CalibrateTaskResult {
  /** One per target, in the task's order; null where the run leaves the moment undefined (NaN). */
  moments: (number | null)[];
  durationSeconds: number;
}

/**
 * Test-only hook, read from the environment (docs/calibration-tool.md):
 * SPIRAL_TEST_CALIBRATE_FAIL="<path>><value>" makes every run whose
 * parameter at <path> exceeds <value> throw, as a model failure would.
 */
function testFailureHook(config: SpiralConfig): void {
  const rule = process.env.SPIRAL_TEST_CALIBRATE_FAIL;
  if (rule === undefined || rule === "") return;
  const [path, limit] = rule.split(">");
  let value: unknown = config;
  for (const key of path.split(".")) value = (value as Record<string, unknown> | undefined)?.[key];
  if (typeof value === "number" && value > Number(limit)) {
    throw new Error(`test hook: ${path} = ${value} > ${limit}`);
  }
}

/**
 * Runs the model in memory and measures the target moments as `spiral facts`
 * would on the run's folder (burn-in from the config, firm sizes from the
 * yearly snapshots, the firm count for the bankruptcy rate), and the
 * response moments on a twin run per shock (calibrateResponses.ts).
 * @throws whatever the run or the facts throw (ModelFailure; InputError for a
 *   series the facts cannot use, e.g. non-positive investment).
 */
export function runCalibrateTask(task: CalibrateTask): CalibrateTaskResult {
  const start = performance.now();
  const { config, targets } = task;
  testFailureHook(config);
  const run = runInMemory(config, { firmSizes: targets.includes("firmSizeTailExponent") });
  const firms =
    run.firmEmployees !== undefined && run.firmEmployees.length > 0 ? run.firmEmployees : undefined;
  const facts = computeStylizedFacts(run.series, firms, { burnInTicks: config.burnInTicks });
  const firmCount = modelKind(config).firmCount(config);
  const lowerBoundYearly = (config as { centralBank?: { lowerBoundYearly?: number } }).centralBank
    ?.lowerBoundYearly;
  const moments: Record<string, number> = computeMoments(run.series, facts, { firmCount, lowerBoundYearly });
  const responses = task.responses ?? [];
  const shocks = new Map<string, ResponseMoment[]>();
  for (const r of responses) shocks.set(shockKey(r), [...(shocks.get(shockKey(r)) ?? []), r]);
  for (const group of shocks.values()) {
    // One twin per shock, run only as far as its latest horizon.
    const twin = runInMemory(shockedConfig(config, group[0], twinTicks(group)));
    for (const r of group) moments[r.name] = responseMoment(run.series, twin.series, r);
  }
  return {
    moments: targets.map((name) => (Number.isFinite(moments[name]) ? moments[name] : null)),
    durationSeconds: (performance.now() - start) / 1000,
  };
}
