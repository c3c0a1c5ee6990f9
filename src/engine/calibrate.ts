// The coordinator of `spiral calibrate`: estimation by the simulated method
// of moments (docs/calibration-tool.md). The search (calibrateSearch.ts)
// asks for batches of points; each point is `seeds` runs with the same seeds
// at every point (common random numbers), run on a piscina pool of worker
// threads (workers/calibrateRun.ts), each run recorded in the evaluation log
// the moment it ends (calibrateStore.ts). A point's simulated moments are
// the mean over its seeds; its objective the weighted distance to the
// targets. At the end: standard errors from a numerical Jacobian and the
// SMM sandwich, the J-test, and the outputs (calibrateOutputs.ts).
//
// Determinism: the search is a pure function of the objective values, a run
// a pure function of its config, and every record is keyed by its config,
// so any worker count, a resume after kill -9, or shards of the global
// stage end in byte-identical estimate.json, calibrated.json and tables.
import { setMaxListeners } from "node:events";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Piscina } from "piscina";
import { chiSquaredPValue } from "../analysis/chiSquaredPValue.ts";
import { runSeed } from "../analysis/seeds.ts";
import { smmCovariance } from "../analysis/smmCovariance.ts";
import { invertMatrix } from "../analysis/solveLinear.ts";
import type { SpiralConfig } from "../config/index.ts";
import { InputError } from "../errors.ts";
import { type ProgressStream, SweepProgressReporter } from "../io/progress.ts";
import { globalDesign, type SearchStage, searchMinimum } from "./calibrateSearch.ts";
import type { CalibrationSpec } from "./calibrateSpec.ts";
import { EvaluationStore, hasLogs, logFileName, runKey } from "./calibrateStore.ts";
import { type CalibrateTask, type CalibrateTaskResult, calibrateTaskFor } from "./calibrateTask.ts";
import { type Shard, shardDirName } from "./shard.ts";
import { acquireLock, releaseLock } from "./sweep.ts";
import { setAtPath } from "./sweepSpec.ts";
import { workerEntry } from "./workerEntry.ts";

/** The worker file and its loader: compiled, or TypeScript under tsx (workerEntry.ts). */
const WORKER = workerEntry("calibrateRun");

/** Objective of a point whose runs failed or left a target moment undefined: worse than any real one. */
export const PENALTY = 1e300;

export interface CalibrateOptions {
  outDir: string;
  workers?: number;
  resume?: boolean;
  quiet?: boolean;
  progressStream?: ProgressStream;
  /** Run only shard i of N of the global stage, into the shared folder. */
  shard?: Shard;
  signal?: AbortSignal;
}

export type EvaluationStage = SearchStage | "jacobian";

/** One evaluation as the outputs list it. */
export interface Evaluation {
  index: number;
  stage: EvaluationStage;
  /** Parameter values, in the spec's order. */
  theta: number[];
  /** Mean simulated target moments over the seeds; null if the point failed. */
  moments: number[] | null;
  /** Each seed's target moments (for the optimal weight); null if the point failed. */
  perSeed: number[][] | null;
  error: string | null;
  /** Under the final weighting matrix; PENALTY if the point failed. */
  objective: number;
}

export interface ParameterEstimate {
  estimate: number;
  se: number | null;
  min: number;
  max: number;
}

export interface Estimate {
  name: string;
  parameters: Record<string, ParameterEstimate>;
  objective: number;
  jStatistic: number | null;
  degreesOfFreedom: number;
  pValue: number | null;
  weighting: "diagonal" | "optimal";
  seeds: number;
  evaluations: number;
  stopped: string;
  moments: Record<string, { target: number; se: number; simulated: number; tRatio: number }>;
  notes: string[];
}

export interface CalibrateOutcome {
  status: "completed" | "shard-done" | "interrupted" | "failed";
  estimate?: Estimate;
  evaluations: Evaluation[];
  /** Runs executed in this start (not read from the log). */
  ranRuns: number;
  reusedRuns: number;
  workers: number;
  wallSeconds: number;
  runsPerSecond: number;
  error?: string;
}

class Interrupted extends Error {}

/**
 * Runs (or finishes, with `resume`) an estimation into `opts.outDir`. Writes
 * only the evaluation log; the caller writes the outputs from the outcome.
 * @throws {InputError} if the folder cannot be used.
 */
export async function calibrate(spec: CalibrationSpec, opts: CalibrateOptions): Promise<CalibrateOutcome> {
  const dir = opts.outDir;
  const shard = opts.shard;
  prepareFolder(dir, shard, opts.resume ?? false);
  const lockDir = shard === undefined ? dir : join(dir, shardDirName(shard));
  mkdirSync(lockDir, { recursive: true });
  acquireLock(lockDir);
  const store = new EvaluationStore(dir, logFileName(shard));
  // Every queued run listens to the signal (piscina's abort): no listener limit.
  if (opts.signal) setMaxListeners(0, opts.signal);
  const started = performance.now();
  const k = spec.parameters.length;
  const S = spec.seeds;
  const targetNames = spec.targets.map((t) => t.name);
  const targetValues = spec.targets.map((t) => t.value);
  // The response moments among the targets (a twin run per shock, calibrateResponses.ts).
  const responses = spec.responses.filter((r) => targetNames.includes(r.name));
  const seeds = Array.from({ length: S }, (_, s) => runSeed(spec.seed, "calibrate", s));
  const workers = Math.max(1, opts.workers ?? availableParallelism());
  let pool: Piscina<CalibrateTask, CalibrateTaskResult> | undefined;
  let ranRuns = 0;
  let reusedRuns = 0;
  let failedRuns = 0;
  const progress = new SweepProgressReporter({
    total: Math.max(1, (spec.budget + 2 * k) * S - store.loaded),
    alreadyDone: 0,
    label: "calibrate",
    quiet: opts.quiet ?? false,
    stream: opts.progressStream,
  });
  const ticker = setInterval(() => progress.update(ranRuns, failedRuns), 1000);
  ticker.unref();

  let weight = diagonal(spec.targets.map((t) => 1 / (t.se * t.se)));
  let omega = diagonal(spec.targets.map((t) => t.se * t.se));
  const notes: string[] = [];
  const log: Evaluation[] = [];

  const configAt = (theta: readonly number[], seed: number): SpiralConfig => {
    const config = structuredClone(spec.baseConfig) as unknown as Record<string, unknown>;
    spec.parameters.forEach((p, i) => {
      setAtPath(config, p.path, theta[i]);
    });
    config.seed = seed;
    return config as unknown as SpiralConfig;
  };
  const objectiveOf = (moments: number[] | null, w: number[][]): number => {
    if (moments === null) return PENALTY;
    const g = moments.map((m, j) => m - targetValues[j]);
    let f = 0;
    for (let i = 0; i < g.length; i++) for (let j = 0; j < g.length; j++) f += g[i] * w[i][j] * g[j];
    return Number.isFinite(f) ? f : PENALTY;
  };

  /** Evaluates points (parameter values); every missing run is run on the pool and logged. */
  const evaluate = async (thetas: number[][], stage: EvaluationStage): Promise<Evaluation[]> => {
    const runs: Promise<RunOutcome>[] = [];
    for (const theta of thetas) {
      for (let s = 0; s < S; s++) runs.push(runOne(theta, s));
    }
    const outcomes = await Promise.allSettled(runs);
    if (opts.signal?.aborted) throw new Interrupted();
    const rejected = outcomes.find((o) => o.status === "rejected");
    if (rejected) throw (rejected as PromiseRejectedResult).reason;
    const values = outcomes.map((o) => (o as PromiseFulfilledResult<RunOutcome>).value);
    return thetas.map((theta, p) => {
      const mine = values.slice(p * S, (p + 1) * S);
      const failed = mine.find((r) => r.error !== null);
      let error = failed ? `seed ${failed.seedIndex}: ${failed.error}` : null;
      let perSeed: number[][] | null = null;
      if (error === null) {
        const undefinedAt = mine.findIndex((r) => r.moments?.some((m) => m === null));
        if (undefinedAt >= 0) {
          const j = mine[undefinedAt].moments?.indexOf(null) ?? 0;
          error = `seed ${undefinedAt}: moment ${targetNames[j]} is undefined for the run (e.g. a constant series)`;
        } else perSeed = mine.map((r) => r.moments as number[]);
      }
      const moments = perSeed === null ? null : targetNames.map((_, j) => mean(perSeed.map((row) => row[j])));
      const evaluation: Evaluation = {
        index: log.length + 1,
        stage,
        theta,
        moments,
        perSeed,
        error,
        objective: objectiveOf(moments, weight),
      };
      log.push(evaluation);
      return evaluation;
    });
  };

  interface RunOutcome {
    seedIndex: number;
    moments: (number | null)[] | null;
    error: string | null;
  }
  const runOne = async (theta: number[], seedIndex: number): Promise<RunOutcome> => {
    const config = configAt(theta, seeds[seedIndex]);
    const key = runKey(config, targetNames, responses);
    const cached = store.get(key);
    if (cached !== undefined) {
      reusedRuns++;
      return { seedIndex, moments: cached.moments, error: cached.error };
    }
    if (opts.signal?.aborted) throw new Interrupted();
    pool ??= new Piscina<CalibrateTask, CalibrateTaskResult>({
      filename: WORKER.file,
      minThreads: workers,
      maxThreads: workers,
      idleTimeout: 60_000,
      execArgv: WORKER.execArgv,
    });
    let moments: (number | null)[] | null = null;
    let error: string | null = null;
    try {
      // The config is checked here, in the coordinator: a point the schema rejects fails like a model failure.
      const task = calibrateTaskFor(config, targetNames, responses);
      const result = await pool.run(task, { signal: opts.signal });
      moments = result.moments;
    } catch (err) {
      if (opts.signal?.aborted) throw new Interrupted();
      error = (err instanceof Error ? err.message : String(err)).split("\n")[0];
      failedRuns++;
    }
    const point = Object.fromEntries(spec.parameters.map((p, i) => [p.path, theta[i]]));
    store.append({ key, point, seedIndex, seed: seeds[seedIndex], moments, error });
    ranRuns++;
    progress.update(ranRuns, failedRuns);
    return { seedIndex, moments, error };
  };

  const toTheta = (u: readonly number[]): number[] =>
    spec.parameters.map((p, i) => p.min + u[i] * (p.max - p.min));
  const finish = (
    status: CalibrateOutcome["status"],
    extra: Partial<CalibrateOutcome> = {},
  ): CalibrateOutcome => {
    const wallSeconds = (performance.now() - started) / 1000;
    return {
      status,
      evaluations: log,
      ranRuns,
      reusedRuns,
      workers,
      wallSeconds,
      runsPerSecond: wallSeconds > 0 ? ranRuns / wallSeconds : 0,
      ...extra,
    };
  };

  try {
    if (shard !== undefined) {
      // A shard runs its share of the global stage only: points i, i + N, … of the design.
      const design = globalDesign({
        dims: k,
        globalPoints: spec.globalPoints,
        globalDesign: spec.globalDesign,
        seed: spec.seed,
        startPoint: spec.startPoint,
      });
      await evaluate(design.filter((_, i) => i % shard.count === shard.index).map(toTheta), "global");
      return finish("shard-done");
    }

    const search = await searchMinimum(
      async (points, stage) => {
        const evaluations = await evaluate(points.map(toTheta), stage);
        return evaluations.map((e) => e.objective);
      },
      {
        dims: k,
        budget: spec.budget,
        globalPoints: spec.globalPoints,
        globalDesign: spec.globalDesign,
        local: spec.local,
        tolerance: spec.tolerance,
        seed: spec.seed,
        startPoint: spec.startPoint,
        afterGlobal:
          spec.weighting !== "optimal"
            ? undefined
            : () => {
                const globalBest = bestOf(log);
                const sigma = globalBest?.perSeed ? covariance(globalBest.perSeed) : undefined;
                const inverse = sigma ? invertMatrix(sigma) : undefined;
                if (sigma === undefined || inverse === undefined) {
                  notes.push(
                    "optimal weighting: the simulated moments' covariance at the best global point is singular (or every global point failed); the diagonal weights 1/se² were used",
                  );
                  return;
                }
                weight = inverse;
                omega = sigma;
                for (const e of log) e.objective = objectiveOf(e.moments, weight);
              },
      },
    );
    for (const e of log) e.objective = objectiveOf(e.moments, weight);
    const best = bestOf(log);
    if (best === undefined || best.moments === null) {
      return finish("failed", {
        error: `all ${log.length} evaluations failed; the first error: ${log[0]?.error}`,
      });
    }

    // Jacobian of the mean moments: central differences, one-sided at a bound.
    const steps = spec.parameters.map((p) => spec.jacobianStep * (p.max - p.min));
    const plan = spec.parameters.map((p, i) => {
      const up = best.theta[i] + steps[i] <= p.max;
      const down = best.theta[i] - steps[i] >= p.min;
      const shifted = (sign: number): number[] =>
        best.theta.map((t, d) => (d === i ? t + sign * steps[i] : t));
      return { plus: up ? shifted(1) : null, minus: down ? shifted(-1) : null };
    });
    const jacobianPoints = plan.flatMap((s) => [s.plus, s.minus].filter((x): x is number[] => x !== null));
    const jacobianEvals = await evaluate(jacobianPoints, "jacobian");
    for (const e of jacobianEvals) e.objective = objectiveOf(e.moments, weight);
    let cursor = 0;
    const q = targetNames.length;
    const jacobian: number[][] = Array.from({ length: q }, () => new Array<number>(k).fill(0));
    let jacobianFailed = false;
    plan.forEach((s, i) => {
      const plus = s.plus ? jacobianEvals[cursor++] : undefined;
      const minus = s.minus ? jacobianEvals[cursor++] : undefined;
      const hi = plus ?? best;
      const lo = minus ?? best;
      if (hi.moments === null || lo.moments === null || hi === lo) {
        jacobianFailed = true;
        return;
      }
      for (let j = 0; j < q; j++)
        jacobian[j][i] = (hi.moments[j] - lo.moments[j]) / (hi.theta[i] - lo.theta[i]);
    });
    let ses: (number | null)[] = spec.parameters.map(() => null);
    if (jacobianFailed) {
      notes.push("standard errors: an evaluation of the Jacobian failed, so no standard errors");
    } else {
      const v = smmCovariance(jacobian, weight, omega, S);
      if (v === undefined) {
        notes.push(
          "standard errors: G'WG is singular at the estimate — a parameter does not move the targets (not identified)",
        );
      } else ses = v.map((row, i) => (row[i] >= 0 ? Math.sqrt(row[i]) : null));
    }
    const degreesOfFreedom = q - k;
    // With W = Ω⁻¹ (both weightings here), J = objective / (1 + 1/S) ~ χ²(q − k).
    const jStatistic = degreesOfFreedom > 0 ? best.objective / (1 + 1 / S) : null;
    const estimate: Estimate = {
      name: spec.name,
      parameters: Object.fromEntries(
        spec.parameters.map((p, i) => [
          p.path,
          { estimate: best.theta[i], se: ses[i], min: p.min, max: p.max },
        ]),
      ),
      objective: best.objective,
      jStatistic,
      degreesOfFreedom,
      pValue: jStatistic === null ? null : chiSquaredPValue(jStatistic, degreesOfFreedom),
      weighting: spec.weighting,
      seeds: S,
      evaluations: log.length,
      stopped: search.stopped,
      moments: Object.fromEntries(
        spec.targets.map((t, j) => [
          t.name,
          {
            target: t.value,
            se: t.se,
            simulated: (best.moments as number[])[j],
            tRatio: ((best.moments as number[])[j] - t.value) / t.se,
          },
        ]),
      ),
      notes,
    };
    return finish("completed", { estimate });
  } catch (err) {
    if (err instanceof Interrupted) return finish("interrupted");
    throw err;
  } finally {
    clearInterval(ticker);
    progress.finish();
    store.close();
    await pool?.destroy();
    releaseLock(lockDir);
  }
}

/** The search's best evaluation (smallest objective, then earliest); jacobian points excluded. */
function bestOf(log: readonly Evaluation[]): Evaluation | undefined {
  let best: Evaluation | undefined;
  for (const e of log) {
    if (e.stage === "jacobian") continue;
    if (best === undefined || e.objective < best.objective) best = e;
  }
  return best;
}

function prepareFolder(dir: string, shard: Shard | undefined, resume: boolean): void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new InputError(`output path ${dir} exists and is not a folder`, dir);
  }
  mkdirSync(dir, { recursive: true });
  const own = join(dir, logFileName(shard));
  const blocking = shard === undefined ? hasLogs(dir) : existsSync(own);
  if (blocking && !resume) {
    throw new InputError(
      `output folder ${dir} already holds evaluations of an estimation; pass --resume to finish it (every recorded run is reused), or choose another --out`,
      dir,
    );
  }
}

function diagonal(values: readonly number[]): number[][] {
  return values.map((v, i) => values.map((_, j) => (i === j ? v : 0)));
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Sample covariance (n − 1) of the rows' columns. */
function covariance(rows: readonly (readonly number[])[]): number[][] {
  const n = rows.length;
  const q = rows[0].length;
  const means = Array.from({ length: q }, (_, j) => mean(rows.map((r) => r[j])));
  return Array.from({ length: q }, (_, i) =>
    Array.from({ length: q }, (_, j) => {
      let s = 0;
      for (const r of rows) s += (r[i] - means[i]) * (r[j] - means[j]);
      return s / (n - 1);
    }),
  );
}
