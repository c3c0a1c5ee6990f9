// `spiral merge DIR`: turns a sweep folder written by shards (shard.ts) into
// the folder a single-machine sweep writes. The tables are built by the same
// code as `spiral sweep`'s (writeSweepResults), from the same done/ records,
// so runs.csv, runs.parquet and the aggregates are byte-identical to a local
// sweep's. Runs without a valid record (never run, killed, or recorded for a
// different config) are reported as missing, with the shard that owns them,
// and then nothing is written.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { InputError } from "../errors.ts";
import { MANIFEST_FILE } from "../io/manifest.ts";
import { SHARDS_DIR, type Shard, shardOfRuns } from "./shard.ts";
import { acquireLock, checkNoLiveLock, LOCK_FILE, releaseLock } from "./sweep.ts";
import { SWEEP_SHARD_KIND, type SweepCounts, type SweepStatus, writeSweepManifest } from "./sweepManifest.ts";
import { configHash, keepsSeries, plannedRuns, planSweep, runConfig, type SweepPlan } from "./sweepPlan.ts";
import { type FailedRun, RUNS_DIR, readRecord, writeSweepResults } from "./sweepResults.ts";
import { loadSweepSpec } from "./sweepSpec.ts";

export interface ShardManifestInfo {
  /** shards/<i>-of-<N>, relative to the sweep folder. */
  folder: string;
  shard: Shard;
  status: string;
  sweepPath: string;
  workers: number;
  workerMemoryMb: number;
}

export interface MissingRun {
  runId: string;
  /** The shard that owns the run, when all shards found agree on N. */
  shard?: Shard;
  /** Why it does not count: no record, or a record made for another config. */
  reason: "no result record" | "recorded for another config" | "run folder missing";
}

export interface MergeOutcome {
  plan: SweepPlan;
  sweepPath: string;
  shards: ShardManifestInfo[];
  /** The shard counts N found among the shard manifests. */
  shardCounts: number[];
  counts: SweepCounts;
  failedRuns: FailedRun[];
  missingRuns: MissingRun[];
  /** "completed", "failed" (some runs failed), or "incomplete" (runs missing: nothing written). */
  status: SweepStatus | "incomplete";
}

/** Reads shards/<i>-of-<N>/manifest.json of every shard in the folder. */
export function readShardManifests(dir: string): ShardManifestInfo[] {
  const shardsDir = join(dir, SHARDS_DIR);
  if (!existsSync(shardsDir)) return [];
  const found: ShardManifestInfo[] = [];
  for (const name of readdirSync(shardsDir).sort()) {
    const path = join(shardsDir, name, MANIFEST_FILE);
    if (!existsSync(path)) continue;
    try {
      const m = JSON.parse(readFileSync(path, "utf8"));
      if (m?.kind !== SWEEP_SHARD_KIND) continue;
      found.push({
        folder: `${SHARDS_DIR}/${name}`,
        shard: m.shard,
        status: String(m.status),
        sweepPath: String(m.sweepPath),
        workers: Number(m.workers) || 0,
        workerMemoryMb: Number(m.workerMemoryMb) || 0,
      });
    } catch {
      // A manifest being written (atomic rename) or damaged: the runs' records still count.
    }
  }
  return found.sort((a, b) => a.shard.count - b.shard.count || a.shard.index - b.shard.index);
}

export interface MergeOptions {
  /** The sweep file; default the one the shards' manifests name. */
  sweepFile?: string;
  command: string;
}

/**
 * Merges the shards in `dir`: checks every planned run's record, and if none
 * is missing writes the sweep's tables, aggregates and manifest.
 * @throws {InputError} if `dir` is not a sweep folder, the sweep file cannot
 *   be found or read, or a shard or merge is still writing the folder.
 */
export async function mergeShards(dir: string, opts: MergeOptions): Promise<MergeOutcome> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`no such folder: ${dir}`, dir);
  const shards = readShardManifests(dir);
  const paths = [...new Set(shards.map((s) => s.sweepPath))];
  let sweepPath: string;
  if (opts.sweepFile !== undefined) sweepPath = resolve(opts.sweepFile);
  else if (paths.length === 1) sweepPath = paths[0];
  else if (paths.length === 0) {
    throw new InputError(
      `${dir} holds no shard manifests (${SHARDS_DIR}/<i>-of-<N>/${MANIFEST_FILE}); pass the sweep file with --sweep FILE`,
      dir,
    );
  } else {
    throw new InputError(
      `the shards in ${dir} name different sweep files (${paths.join(", ")}); pass the right one with --sweep FILE`,
      dir,
    );
  }
  const plan = planSweep(loadSweepSpec(sweepPath));
  for (const s of shards)
    checkNoLiveLock(join(dir, s.folder, LOCK_FILE), dir, `shard ${s.shard.index}/${s.shard.count}`);
  acquireLock(dir);
  try {
    const shardCounts = [...new Set(shards.map((s) => s.shard.count))].sort((a, b) => a - b);
    const owner = shardCounts.length === 1 ? shardOfRuns(plan, shardCounts[0]) : undefined;
    const missingRuns: MissingRun[] = [];
    let index = 0;
    for (const run of plannedRuns(plan)) {
      const record = readRecord(dir, run.runId);
      let reason: MissingRun["reason"] | undefined;
      if (record === undefined) reason = "no result record";
      else if (record.configSha256 !== configHash(runConfig(plan, run)))
        reason = "recorded for another config";
      else if (
        record.status === "completed" &&
        keepsSeries(plan, run.runId) &&
        !existsSync(join(dir, RUNS_DIR, run.runId, MANIFEST_FILE))
      )
        reason = "run folder missing";
      if (reason !== undefined) {
        const shard = owner === undefined ? undefined : { index: owner[index], count: shardCounts[0] };
        missingRuns.push({ runId: run.runId, reason, ...(shard ? { shard } : {}) });
      }
      index++;
    }
    const counts: SweepCounts = {
      points: plan.points.length,
      runs: plan.runCount,
      completed: 0,
      failed: 0,
      pending: missingRuns.length,
      reused: plan.runCount - missingRuns.length,
    };
    const base = { plan, sweepPath, shards, shardCounts, missingRuns };
    if (missingRuns.length > 0) {
      return { ...base, counts, failedRuns: [], status: "incomplete" };
    }
    const startedAt = new Date();
    const tables = await writeSweepResults(dir, plan);
    counts.completed = tables.completed;
    counts.failed = tables.failed.length;
    const status: SweepStatus = tables.failed.length > 0 ? "failed" : "completed";
    writeSweepManifest(dir, {
      plan,
      command: opts.command,
      status,
      startedAt,
      finishedAt: new Date(),
      workers: shards.reduce((n, s) => n + s.workers, 0),
      workerMemoryMb: Math.max(0, ...shards.map((s) => s.workerMemoryMb)),
      counts,
      failedRuns: tables.failed,
      outputs: tables.files,
      error: tables.failed.length > 0 ? `${tables.failed.length} of ${plan.runCount} runs failed` : undefined,
      merged: {
        shards: shards.map((s) => ({ folder: s.folder, shard: s.shard, status: s.status })),
      },
    });
    return { ...base, counts, failedRuns: tables.failed, status };
  } finally {
    releaseLock(dir);
  }
}
