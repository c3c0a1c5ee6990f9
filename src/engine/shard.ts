// Shards of a sweep: a deterministic, balanced partition of its runs, so that
// a scheduler (Slurm job arrays, Kubernetes Indexed Jobs, GNU parallel) can
// run the shards anywhere, all into one shared sweep folder, and `spiral
// merge` can then build the tables a single-machine sweep writes.
//
// The partition: the plan's run ids sorted (by UTF-16 code units, so the
// same on every machine and locale), and shard i of N takes the runs at
// positions i, i + N, i + 2N, … of that order. Every run is in exactly one
// shard, shard sizes differ by at most one, and the partition depends only
// on the plan and N, never on the machine, the worker count or a resume.
// Run ids start with the point's hash, so each shard gets a mix of points
// (and so of slow and fast parameter values), not a block of the design.
//
// Shard i of N is 0-based (0 ≤ i < N), like SLURM_ARRAY_TASK_ID of
// `--array=0-(N-1)` and Kubernetes' JOB_COMPLETION_INDEX.
//
// Folder layout: every run writes only done/<runId>.json and runs/<runId>/;
// shard i of N writes its own lock, manifest and tables under
// shards/<i>-of-<N>/. No file is written by two shards.
import { InputError } from "../errors.ts";
import { type PlannedRun, plannedRuns, type SweepPlan } from "./sweepPlan.ts";

export interface Shard {
  /** 0-based: 0 ≤ index < count. */
  index: number;
  count: number;
}

/** The folder under a sweep folder where shards keep their own files. */
export const SHARDS_DIR = "shards";

/** shards/<i>-of-<N>, relative to the sweep folder. */
export function shardDirName(shard: Shard): string {
  return `${SHARDS_DIR}/${shard.index}-of-${shard.count}`;
}

/** "i/N" as a shard: 0-based i, 0 ≤ i < N. */
export function parseShard(text: string, flag = "--shard"): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (match === null) {
    throw new InputError(`${flag} must be i/N (shard i of N, 0-based), got "${text}"`, flag);
  }
  return checkedShard(Number(match[1]), Number(match[2]), flag);
}

function checkedShard(index: number, count: number, source: string): Shard {
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new InputError(`${source}: the number of shards must be a positive integer, got ${count}`, source);
  }
  if (!Number.isSafeInteger(index) || index < 0 || index >= count) {
    throw new InputError(
      `${source}: shard index ${index} is out of range for ${count} shard${count === 1 ? "" : "s"} (0 to ${count - 1})`,
      source,
    );
  }
  return { index, count };
}

/** Where a shard came from, for messages. */
export interface DetectedShard extends Shard {
  source: string;
}

function envInteger(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return undefined;
  if (!/^\s*\d+\s*$/.test(raw))
    throw new InputError(`${name} must be a non-negative integer, got "${raw}"`, name);
  return Number(raw);
}

/**
 * The shard to run: `--shard i/N` if given; otherwise from the environment:
 * SLURM_ARRAY_TASK_ID (minus SLURM_ARRAY_TASK_MIN, if set) of
 * SLURM_ARRAY_TASK_COUNT (or MAX − MIN + 1, or `--shards N`); otherwise
 * JOB_COMPLETION_INDEX of `--shards N`. Undefined: the whole sweep.
 * @throws {InputError} for a malformed flag or variable, an index out of
 *   range, `--shards` without an index, or JOB_COMPLETION_INDEX without `--shards`.
 */
export function detectShard(
  flags: { shard?: string; shards?: number },
  env: NodeJS.ProcessEnv = process.env,
): DetectedShard | undefined {
  if (flags.shard !== undefined) {
    if (flags.shards !== undefined) {
      throw new InputError(
        "give either --shard i/N or --shards N (with an index from the environment), not both",
        "--shards",
      );
    }
    return { ...parseShard(flags.shard), source: "--shard" };
  }
  const taskId = envInteger(env, "SLURM_ARRAY_TASK_ID");
  if (taskId !== undefined) {
    const min = envInteger(env, "SLURM_ARRAY_TASK_MIN") ?? 0;
    const max = envInteger(env, "SLURM_ARRAY_TASK_MAX");
    const count =
      flags.shards ??
      envInteger(env, "SLURM_ARRAY_TASK_COUNT") ??
      (max !== undefined ? max - min + 1 : undefined);
    if (count === undefined) {
      throw new InputError(
        "SLURM_ARRAY_TASK_ID is set but neither SLURM_ARRAY_TASK_COUNT nor SLURM_ARRAY_TASK_MAX is: pass --shards N or --shard i/N",
        "SLURM_ARRAY_TASK_ID",
      );
    }
    const source = `SLURM_ARRAY_TASK_ID=${taskId}`;
    return { ...checkedShard(taskId - min, count, source), source };
  }
  const completionIndex = envInteger(env, "JOB_COMPLETION_INDEX");
  if (completionIndex !== undefined) {
    if (flags.shards === undefined) {
      throw new InputError(
        "JOB_COMPLETION_INDEX is set (a Kubernetes Indexed Job) but --shards N is not: pass the Job's completions as --shards N",
        "JOB_COMPLETION_INDEX",
      );
    }
    const source = `JOB_COMPLETION_INDEX=${completionIndex}`;
    return { ...checkedShard(completionIndex, flags.shards, source), source };
  }
  if (flags.shards !== undefined) {
    throw new InputError(
      "--shards N needs the shard index from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX (neither is set); use --shard i/N",
      "--shards",
    );
  }
  return undefined;
}

/**
 * Which runs of the plan (by position in plannedRuns order) belong to the
 * shard: 1 = in the shard. Sorted run ids, every N-th from position i.
 */
export function shardMask(plan: SweepPlan, shard: Shard): Uint8Array {
  const ids: string[] = [];
  for (const run of plannedRuns(plan)) ids.push(run.runId);
  const order = Array.from(ids.keys()).sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
  const mask = new Uint8Array(ids.length);
  for (let position = shard.index; position < order.length; position += shard.count)
    mask[order[position]] = 1;
  return mask;
}

/** The shard (0-based index) of every run of the plan, by position in plannedRuns order. */
export function shardOfRuns(plan: SweepPlan, count: number): Uint32Array {
  const ids: string[] = [];
  for (const run of plannedRuns(plan)) ids.push(run.runId);
  const order = Array.from(ids.keys()).sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
  const shardOf = new Uint32Array(ids.length);
  order.forEach((runIndex, position) => {
    shardOf[runIndex] = position % count;
  });
  return shardOf;
}

/** The runs of a shard, in the runs table's order. */
export function* shardRuns(plan: SweepPlan, mask: Uint8Array): Generator<PlannedRun> {
  let index = 0;
  for (const run of plannedRuns(plan)) {
    if (mask[index++] === 1) yield run;
  }
}
