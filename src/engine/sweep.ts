// The sweep coordinator: runs a plan's runs on a piscina pool (created once,
// one whole run per task, workers/sweepRun.ts), records each run's outcome in
// done/<runId>.json the moment it ends, and at the end (re)builds the result
// tables from those records. Nothing of the sweep's results is held in
// memory beyond the runs in flight.
//
// Failure handling: a run that throws, a worker that dies or runs out of
// memory fails that run; it is retried once, then recorded as failed, and
// the rest of the sweep carries on. Interruption (the caller's AbortSignal):
// no new runs start, runs in flight finish and are recorded, the manifest
// says "interrupted". A kill -9 at any moment leaves at worst temp files and
// the runs in flight unrecorded; `resume` skips every run with a valid record.

import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { availableParallelism, hostname } from "node:os";
import { isAbsolute, join, relative, resolve } from "node:path";
import { Piscina } from "piscina";
import { InputError } from "../errors.ts";
import { isTempName } from "../io/atomicWrite.ts";
import { formatCommand, MANIFEST_FILE } from "../io/manifest.ts";
import { type ProgressStream, SweepProgressReporter } from "../io/progress.ts";
import { SHARDS_DIR, type Shard, shardDirName, shardMask } from "./shard.ts";
import { writeShardTables } from "./shardResults.ts";
import {
  readSweepManifestStatus,
  type SweepCounts,
  type SweepStatus,
  writeSweepManifest,
} from "./sweepManifest.ts";
import {
  configHash,
  keepsSeries,
  type PlannedRun,
  plannedRuns,
  pointLabels,
  runConfig,
  type SweepPlan,
} from "./sweepPlan.ts";
import {
  DONE_DIR,
  type FailedRun,
  RUNS_DIR,
  type RunRecord,
  readRecord,
  writeRecord,
  writeSweepResults,
} from "./sweepResults.ts";
import type { SweepTask, SweepTaskResult } from "./sweepTask.ts";
import { workerEntry } from "./workerEntry.ts";

/** The worker file and its loader: compiled, or TypeScript under tsx (workerEntry.ts). */
const WORKER = workerEntry("sweepRun");
/** Memory limit of each worker's V8 old generation when not given, MB. */
export const DEFAULT_WORKER_MEMORY_MB = 4096;
/** The lock file: the coordinator's pid while it writes the folder. */
export const LOCK_FILE = ".lock";

export interface SweepOptions {
  /** The sweep folder. */
  outDir: string;
  /** Worker threads. Default os.availableParallelism(). */
  workers?: number;
  /** maxOldGenerationSizeMb of each worker. Default DEFAULT_WORKER_MEMORY_MB. */
  workerMemoryMb?: number;
  /** Finish the sweep already in outDir, skipping every run with a valid record. */
  resume?: boolean;
  quiet?: boolean;
  progressStream?: ProgressStream;
  /** The command line, for the manifests. */
  command: string;
  /** Aborting stops taking new runs; in-flight runs finish and are recorded. */
  signal?: AbortSignal;
  /**
   * Run only this shard of the sweep (shard.ts): its runs' records go to
   * done/ as usual, its lock, manifest and tables to shards/<i>-of-<N>/;
   * the sweep's own tables are left to `spiral merge`.
   */
  shard?: Shard;
}

export interface SweepOutcome {
  outDir: string;
  status: SweepStatus;
  counts: SweepCounts;
  failedRuns: FailedRun[];
  workers: number;
  wallSeconds: number;
  /** Runs that ended (completed or finally failed) in this start. */
  ranRuns: number;
  /** Runs finished in this start per second of wall time. */
  runsPerSecond: number;
  /** The largest heap + ArrayBuffers a worker reported after a run, bytes (0 if no run ran). */
  peakWorkerHeapBytes: number;
  /** Peak reported per worker thread id. */
  workerHeapBytes: Record<number, number>;
  /** Wall seconds of each run that completed in this start. */
  runSeconds: number[];
}

/**
 * Runs (or finishes) a planned sweep into `opts.outDir`.
 * @throws {InputError} if the folder cannot be used (not a sweep folder, a
 *   sweep already there without `resume`, another coordinator writing it).
 */
export async function runSweep(plan: SweepPlan, opts: SweepOptions): Promise<SweepOutcome> {
  const dir = opts.outDir;
  const workers = opts.workers ?? availableParallelism();
  const workerMemoryMb = opts.workerMemoryMb ?? DEFAULT_WORKER_MEMORY_MB;
  const startedAt = new Date();
  const shard = opts.shard;
  // A shard keeps its lock and manifest apart, so that shards share the folder.
  const ownDir = shard === undefined ? dir : join(dir, shardDirName(shard));
  const inShard = shard === undefined ? undefined : shardMask(plan, shard);
  const shardRunCount = inShard === undefined ? plan.runCount : inShard.reduce((n, x) => n + x, 0);
  if (shard === undefined) prepareSweepFolder(dir, opts.resume ?? false);
  else prepareShardFolder(dir, ownDir, opts.resume ?? false);
  acquireLock(ownDir);
  try {
    const counts: SweepCounts = {
      points: plan.points.length,
      runs: shardRunCount,
      completed: 0,
      failed: 0,
      pending: shardRunCount,
      reused: 0,
    };
    const manifest = (
      status: SweepStatus,
      extra: { finishedAt?: Date; failedRuns?: FailedRun[]; outputs?: string[]; error?: string } = {},
    ) =>
      writeSweepManifest(ownDir, {
        plan,
        shard,
        command: opts.command,
        status,
        startedAt,
        workers,
        workerMemoryMb,
        counts,
        ...extra,
      });
    manifest("running");
    mkdirSync(join(dir, DONE_DIR), { recursive: true });
    mkdirSync(join(dir, RUNS_DIR), { recursive: true });
    clearLeftovers(dir, inShard === undefined ? undefined : ownRunIds(plan, inShard));

    // One byte per run, not the runs themselves: a sweep of millions of runs stays small.
    // Runs of other shards count as finished here: this coordinator never starts them.
    const finished = new Uint8Array(plan.runCount);
    let index = 0;
    for (const run of plannedRuns(plan)) {
      if (inShard !== undefined && inShard[index] === 0) {
        finished[index] = 1;
      } else if (isFinished(dir, plan, run)) {
        finished[index] = 1;
        counts.reused++;
      }
      index++;
    }
    counts.completed = counts.reused;
    counts.pending = shardRunCount - counts.reused;
    const pending = pendingRuns(plan, finished);

    const execution = await execute(plan, pending, { ...opts, workers, workerMemoryMb }, counts);
    const base = {
      outDir: dir,
      counts,
      workers: execution.threads,
      ranRuns: execution.finished,
      wallSeconds: 0,
      runsPerSecond: execution.ranSeconds > 0 ? execution.finished / execution.ranSeconds : 0,
      peakWorkerHeapBytes: Math.max(0, ...Object.values(execution.workerHeapBytes)),
      workerHeapBytes: execution.workerHeapBytes,
      runSeconds: execution.runSeconds,
    };
    if (execution.interrupted) {
      const finishedAt = new Date();
      manifest("interrupted", { finishedAt });
      return { ...base, wallSeconds: seconds(startedAt, finishedAt), status: "interrupted", failedRuns: [] };
    }
    const tables =
      inShard === undefined
        ? await writeSweepResults(dir, plan)
        : writeShardTables(dir, ownDir, plan, inShard);
    counts.completed = tables.completed;
    counts.failed = tables.failed.length;
    counts.pending = 0;
    const status: SweepStatus = tables.failed.length > 0 ? "failed" : "completed";
    const finishedAt = new Date();
    manifest(status, {
      finishedAt,
      failedRuns: tables.failed,
      outputs: tables.files,
      error: tables.failed.length > 0 ? `${tables.failed.length} of ${shardRunCount} runs failed` : undefined,
    });
    return { ...base, wallSeconds: seconds(startedAt, finishedAt), status, failedRuns: tables.failed };
  } finally {
    releaseLock(ownDir);
  }
}

/** A path relative to the working directory when it lies inside it, else absolute. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : resolve(path);
}

function seconds(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / 1000;
}

/** The runs not marked finished, in table order, generated as they are needed. */
function* pendingRuns(plan: SweepPlan, finished: Uint8Array): Generator<PlannedRun> {
  let index = 0;
  for (const run of plannedRuns(plan)) {
    if (finished[index++] === 0) yield run;
  }
}

interface Execution {
  /** Worker threads the pool had (no more than the runs to do). */
  threads: number;
  interrupted: boolean;
  /** Runs that ended (completed or finally failed) in this start. */
  finished: number;
  /** Wall time from the first task to the last result. */
  ranSeconds: number;
  workerHeapBytes: Record<number, number>;
  runSeconds: number[];
}

/** Runs the pending runs on a pool, recording each outcome; resolves when all ended or the signal stopped it. */
async function execute(
  plan: SweepPlan,
  pending: Iterator<PlannedRun>,
  opts: SweepOptions & { workers: number; workerMemoryMb: number },
  counts: SweepCounts,
): Promise<Execution> {
  const dir = opts.outDir;
  const toRun = counts.pending;
  const progress = new SweepProgressReporter({
    total: toRun,
    alreadyDone: counts.reused,
    sweepRuns: counts.runs,
    quiet: opts.quiet ?? false,
    stream: opts.progressStream,
  });
  const threads = Math.max(1, Math.min(opts.workers, toRun));
  const result: Execution = {
    threads,
    interrupted: false,
    finished: 0,
    ranSeconds: 0,
    workerHeapBytes: {},
    runSeconds: [],
  };
  if (toRun === 0) {
    progress.finish();
    return result;
  }
  progress.update(0, 0);
  const pool = new Piscina<SweepTask, SweepTaskResult>({
    filename: WORKER.file,
    minThreads: threads,
    maxThreads: threads,
    // Workers stay up for the whole sweep; a dead one is replaced by piscina.
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: opts.workerMemoryMb },
    execArgv: WORKER.execArgv,
  });
  const start = performance.now();
  let failedNow = 0;
  // Redraws elapsed time and ETA while long runs are in progress.
  const ticker = setInterval(() => progress.update(result.finished, failedNow), 1000);
  ticker.unref();
  const retries: { run: PlannedRun; attempt: number }[] = [];
  let inFlight = 0;
  /** Set when a result cannot be recorded: no new runs start, and the error is thrown at the end. */
  let halted: Error | undefined;
  // Enough queued that no worker waits for the coordinator, few enough that the queue holds little.
  const window = threads * 2;

  await new Promise<void>((resolveAll) => {
    const stopped = (): boolean => opts.signal?.aborted === true || halted !== undefined;
    const pump = (): void => {
      while (!stopped() && inFlight < window) {
        let job = retries.shift();
        if (job === undefined) {
          const next = pending.next();
          if (next.done) break;
          job = { run: next.value, attempt: 1 };
        }
        start1(job.run, job.attempt);
      }
      if (inFlight === 0) resolveAll();
    };
    const start1 = (run: PlannedRun, attempt: number): void => {
      inFlight++;
      const config = runConfig(plan, run);
      const runDir = keepsSeries(plan, run.runId) ? join(dir, RUNS_DIR, run.runId) : null;
      // The reproduce hint works from the folder the sweep was started in (the sweep's own if it is elsewhere).
      const reproduce = `spiral reproduce ${formatCommand([displayPath(join(dir, RUNS_DIR, run.runId))])}`;
      const task: SweepTask = {
        runId: run.runId,
        config,
        runDir,
        command: `${opts.command} (run ${run.runId}; re-run alone with: ${reproduce})`,
        attempt,
        point: {
          sweep: plan.spec.name,
          pointId: run.point.id,
          replication: run.replication,
          seed: run.seed,
          seeds: plan.spec.seeds,
          labels: pointLabels(plan.spec, run.point),
          reproduce,
        },
      };
      const record = (status: RunRecord["status"], error: string | null, result?: SweepTaskResult): void => {
        writeRecord(dir, {
          runId: run.runId,
          pointId: run.point.id,
          replication: run.replication,
          seed: run.seed,
          configSha256: configHash(config),
          status,
          error,
          attempts: attempt,
          durationSeconds: result?.durationSeconds ?? 0,
          summary: result?.summary ?? null,
        });
      };
      pool
        .run(task)
        .then(
          (outcome) => {
            record("completed", null, outcome);
            counts.completed++;
            result.finished++;
            result.runSeconds.push(outcome.durationSeconds);
            const previous = result.workerHeapBytes[outcome.threadId] ?? 0;
            result.workerHeapBytes[outcome.threadId] = Math.max(previous, outcome.heapBytes);
          },
          (err: unknown) => {
            if (attempt < 2 && !stopped()) {
              retries.push({ run, attempt: attempt + 1 });
              return;
            }
            if (stopped() && attempt < 2) return; // not retried because of the interruption: redone on resume
            record("failed", describeFailure(err, opts.workerMemoryMb));
            counts.failed++;
            failedNow++;
            result.finished++;
          },
        )
        .catch((err: unknown) => {
          // Writing the record failed (disk full, folder removed): stop taking runs, throw at the end.
          halted ??= err instanceof Error ? err : new Error(String(err));
        })
        .finally(() => {
          inFlight--;
          counts.pending = Math.max(0, counts.runs - counts.completed - counts.failed);
          progress.update(result.finished, failedNow);
          pump();
        });
    };
    opts.signal?.addEventListener("abort", () => {
      if (inFlight === 0) resolveAll();
    });
    pump();
  });
  result.ranSeconds = (performance.now() - start) / 1000;
  result.interrupted = opts.signal?.aborted === true && result.finished < toRun;
  clearInterval(ticker);
  progress.finish();
  await pool.destroy();
  if (halted) throw halted;
  return result;
}

/** The error of a failed run in one line, with a hint for a worker that ran out of memory. */
function describeFailure(err: unknown, workerMemoryMb: number): string {
  const code = (err as { code?: unknown })?.code;
  const message = (err instanceof Error ? err.message : String(err)).split("\n")[0];
  if (code === "ERR_WORKER_OUT_OF_MEMORY") {
    return `${message} (worker memory limit ${workerMemoryMb} MB; raise --worker-memory-mb)`;
  }
  return message;
}

/** A run whose record says completed for the same config, with its folder if the plan keeps one. */
function isFinished(dir: string, plan: SweepPlan, run: PlannedRun): boolean {
  const record = readRecord(dir, run.runId);
  if (record === undefined || record.status !== "completed") return false;
  if (record.configSha256 !== configHash(runConfig(plan, run))) return false;
  return !keepsSeries(plan, run.runId) || existsSync(join(dir, RUNS_DIR, run.runId, MANIFEST_FILE));
}

/**
 * Creates the sweep folder, or checks that an existing one may be used: an
 * empty folder always; a sweep folder only with `resume`.
 */
function prepareSweepFolder(dir: string, resume: boolean): void {
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    return;
  }
  if (!statSync(dir).isDirectory())
    throw new InputError(`output path ${dir} exists and is not a folder`, dir);
  // A lone lock file is what a coordinator killed before its first manifest leaves.
  const names = readdirSync(dir).filter((name) => name !== LOCK_FILE);
  if (names.length === 0) return;
  const status = readSweepManifestStatus(dir);
  if (status === undefined) {
    throw new InputError(
      `output folder ${dir} is not empty and holds no Spiral sweep (no sweep ${MANIFEST_FILE}); choose another --out`,
      dir,
    );
  }
  if (!resume) {
    throw new InputError(
      `output folder ${dir} already holds a sweep (status ${status}); pass --resume to finish it, or choose another --out`,
      dir,
    );
  }
}

/**
 * Removes what a killed coordinator or worker left half-done: temp files and
 * temp run folders. A shard (`own` set) removes only those of its own runs:
 * the other shards' may be in the middle of being written.
 */
function clearLeftovers(dir: string, own?: ReadonlySet<string>): void {
  for (const sub of own === undefined ? ["", DONE_DIR, RUNS_DIR] : [DONE_DIR, RUNS_DIR]) {
    const folder = join(dir, sub);
    for (const name of readdirSync(folder)) {
      const tempRun = sub === RUNS_DIR && name.startsWith(".tmp-");
      if (!(isTempName(name) || tempRun)) continue;
      if (own !== undefined) {
        const runId = tempRun ? name.slice(".tmp-".length) : name.replace(/\.json\.tmp-\d+$/, "");
        if (!own.has(runId)) continue;
      }
      rmSync(join(folder, name), { recursive: true, force: true });
    }
  }
}

function ownRunIds(plan: SweepPlan, mask: Uint8Array): Set<string> {
  const ids = new Set<string>();
  let index = 0;
  for (const run of plannedRuns(plan)) if (mask[index++] === 1) ids.add(run.runId);
  return ids;
}

/** What a sweep folder may hold besides a sweep's files when shards write it: their folder, Slurm logs. */
const SHARED_FOLDER_NAMES = new Set([LOCK_FILE, DONE_DIR, RUNS_DIR, SHARDS_DIR, "slurm"]);

/**
 * Checks that a shard may write into `dir`: absent, empty, holding other
 * shards' (or a sweep's) files; and that its own shard folder is new, or
 * (with `resume`) the same shard's. Creates both folders.
 */
function prepareShardFolder(dir: string, shardDir: string, resume: boolean): void {
  if (existsSync(dir) && !statSync(dir).isDirectory())
    throw new InputError(`output path ${dir} exists and is not a folder`, dir);
  if (existsSync(dir)) {
    const names = readdirSync(dir).filter((name) => !SHARED_FOLDER_NAMES.has(name));
    if (names.length > 0 && readSweepManifestStatus(dir) === undefined) {
      throw new InputError(
        `output folder ${dir} holds files that are not a Spiral sweep's (${names.slice(0, 3).join(", ")}); choose another --out`,
        dir,
      );
    }
    checkNoLiveLock(join(dir, LOCK_FILE), dir, "a spiral sweep or merge");
  }
  if (existsSync(join(shardDir, MANIFEST_FILE)) && !resume) {
    throw new InputError(
      `${shardDir} already holds this shard's results; pass --resume to finish it, or choose another --out`,
      shardDir,
    );
  }
  mkdirSync(shardDir, { recursive: true });
}

/** Throws if the lock file names a live process on this host. */
export function checkNoLiveLock(path: string, dir: string, what: string): void {
  const holder = lockHolder(path);
  if (holder !== undefined) {
    throw new InputError(`${what} (pid ${holder}) is writing ${dir}; wait for it or stop it first`, dir);
  }
}

/** The pid in a lock file if it is a live process on this host; undefined otherwise. */
export function lockHolder(path: string): number | undefined {
  if (!existsSync(path)) return undefined;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
  const [pidText, host] = text.trim().split(/\s+/);
  const pid = Number.parseInt(pidText, 10);
  // A lock from another machine (a shard on another node) cannot be checked: it is taken as stale.
  if (host !== undefined && host !== hostname()) return undefined;
  return Number.isInteger(pid) && pid !== process.pid && isAlive(pid) ? pid : undefined;
}

/** Takes the folder's lock (its pid), or throws if a live coordinator holds it. */
export function acquireLock(dir: string): void {
  const path = join(dir, LOCK_FILE);
  if (existsSync(path)) {
    const pid = lockHolder(path);
    if (pid !== undefined) {
      throw new InputError(
        `another spiral sweep (pid ${pid}) is writing ${dir}; wait for it or stop it first`,
        dir,
      );
    }
    unlinkSync(path);
  }
  const fd = openSync(path, "wx");
  try {
    writeSync(fd, `${process.pid} ${hostname()}\n`);
  } finally {
    closeSync(fd);
  }
}

export function releaseLock(dir: string): void {
  rmSync(join(dir, LOCK_FILE), { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
