// One run of a sweep, as a worker thread executes it: plain data in, plain
// data out, so that it crosses the thread boundary by structured clone. With
// a run folder the run is written by runSingle into a temporary folder beside
// it and renamed into place when complete, so runs/<runId>/ only ever
// appears whole; without one the run stays in memory (runInMemory).
import { existsSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { getHeapStatistics } from "node:v8";
import { threadId } from "node:worker_threads";
import type { SpiralConfig } from "../config/index.ts";
import { SWEEP_POINT_FILE, type SweepPointInfo } from "../io/sweepPoint.ts";
import { runInMemory, runSingle } from "./runSingle.ts";
import type { RunSummary } from "./summary.ts";

export interface SweepTask {
  runId: string;
  /** The complete, validated config of the run (seed included). */
  config: SpiralConfig;
  /** Where the run folder goes, or null to keep nothing on disk. */
  runDir: string | null;
  /** For the run's manifest: how to re-run it. */
  command: string;
  /** 1 for the first try, 2 for the retry. */
  attempt: number;
  /** What the run is in its sweep, written to the run folder as sweep-point.json (read by the run's report). */
  point?: SweepPointInfo;
}

export interface SweepTaskResult {
  runId: string;
  summary: RunSummary;
  durationSeconds: number;
  /** The worker thread that ran it (worker_threads.threadId). */
  threadId: number;
  /** This worker's V8 heap plus ArrayBuffers after the run: its peak in practice (the model is allocated once). */
  heapBytes: number;
}

/**
 * Test-only hooks, read from the environment (documented in README › Sweeps):
 * SPIRAL_TEST_CRASH_RUN=<runId>[,<runId>…] kills the worker thread running
 * that run (exit code 70) on every attempt; SPIRAL_TEST_OOM_ONCE_RUN=<runId>[,…]
 * makes it exhaust its heap limit on the first attempt only.
 */
function testCrashHook(task: SweepTask): void {
  const listed = (name: string): boolean => (process.env[name] ?? "").split(",").includes(task.runId);
  if (listed("SPIRAL_TEST_OOM_ONCE_RUN") && task.attempt === 1) {
    const hog: number[][] = [];
    for (;;) hog.push(new Array<number>(1 << 16).fill(task.attempt + 0.5));
  }
  if (listed("SPIRAL_TEST_CRASH_RUN")) process.exit(70);
}

/** Runs one sweep task; throws whatever the run throws (ModelFailure, I/O errors). */
export async function runSweepTask(task: SweepTask): Promise<SweepTaskResult> {
  testCrashHook(task);
  const start = performance.now();
  let summary: RunSummary;
  if (task.runDir === null) {
    summary = runInMemory(task.config).summary;
  } else {
    const temp = join(dirname(task.runDir), `.tmp-${basename(task.runDir)}`);
    rmSync(temp, { recursive: true, force: true });
    try {
      summary = (await runSingle(task.config, { outDir: temp, command: task.command, quiet: true })).summary;
    } catch (err) {
      rmSync(temp, { recursive: true, force: true });
      throw err;
    }
    if (task.point) writeFileSync(join(temp, SWEEP_POINT_FILE), `${JSON.stringify(task.point, null, 2)}\n`);
    // A folder left by an attempt whose result was never recorded (the coordinator was killed).
    if (existsSync(task.runDir)) rmSync(task.runDir, { recursive: true, force: true });
    renameSync(temp, task.runDir);
  }
  const durationSeconds = (performance.now() - start) / 1000;
  const heap = getHeapStatistics();
  return {
    runId: task.runId,
    summary,
    durationSeconds,
    threadId,
    heapBytes: heap.total_heap_size + process.memoryUsage().arrayBuffers,
  };
}
