// Unit tests of sweep shards: the partition of runs (balanced, disjoint,
// complete, stable), where the shard comes from (flag, Slurm array, Kubernetes
// Indexed Job), and the Slurm submission script.
import { describe, expect, it } from "vitest";
import { detectShard, parseShard, shardMask, shardOfRuns } from "../src/engine/shard.ts";
import { memoryMb, slurmScript } from "../src/engine/slurm.ts";
import { plannedRuns, type SweepPlan } from "../src/engine/sweepPlan.ts";
import { InputError } from "../src/errors.ts";

/** A plan with `points` points of `replications` runs (only what the partition reads). */
function fakePlan(points: number, replications: number): SweepPlan {
  const ids = Array.from(
    { length: points },
    (_, i) => `p${(i * 2654435761).toString(16).padStart(12, "0").slice(-12)}`,
  );
  return {
    spec: { replications, seed: 7 },
    points: ids.map((id, index) => ({ id, index, values: [index] })),
    rows: [],
    runCount: points * replications,
  } as unknown as SweepPlan;
}

function shardsOf(plan: SweepPlan, count: number): string[][] {
  const ids = [...plannedRuns(plan)].map((r) => r.runId);
  return Array.from({ length: count }, (_, index) => {
    const mask = shardMask(plan, { index, count });
    return ids.filter((_, i) => mask[i] === 1);
  });
}

describe("shard partition", () => {
  const cases: [number, number, number][] = [
    [1, 1, 1],
    [2, 2, 3],
    [7, 3, 4],
    [10, 10, 7],
    [3, 1, 5],
    [50, 4, 13],
  ];
  it.each(cases)("%i points × %i replications in %i shards: balanced, disjoint, complete", (p, r, n) => {
    const plan = fakePlan(p, r);
    const shards = shardsOf(plan, n);
    const sizes = shards.map((s) => s.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    const all = shards.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort()).toEqual([...plannedRuns(plan)].map((run) => run.runId).sort());
  });

  it("is every N-th run id in sorted order, and the same every time", () => {
    const plan = fakePlan(5, 3);
    const sorted = [...plannedRuns(plan)].map((r) => r.runId).sort();
    const shards = shardsOf(plan, 4);
    for (let i = 0; i < 4; i++) {
      expect([...shards[i]].sort()).toEqual(sorted.filter((_, k) => k % 4 === i));
    }
    expect(shardsOf(plan, 4)).toEqual(shards);
    expect(shardsOf(fakePlan(5, 3), 4)).toEqual(shards);
    const owner = shardOfRuns(plan, 4);
    const ids = [...plannedRuns(plan)].map((r) => r.runId);
    ids.forEach((id, k) => {
      expect(shards[owner[k]]).toContain(id);
    });
  });

  it("gives a shard with more shards than runs nothing", () => {
    const shards = shardsOf(fakePlan(1, 2), 3);
    expect(shards.map((s) => s.length)).toEqual([1, 1, 0]);
  });
});

describe("parseShard", () => {
  it("reads 0-based i/N", () => {
    expect(parseShard("0/3")).toEqual({ index: 0, count: 3 });
    expect(parseShard(" 2 / 3 ")).toEqual({ index: 2, count: 3 });
  });
  it.each(["3/3", "1", "-1/3", "a/b", "1/0", "1.5/3"])("rejects %s with an InputError", (text) => {
    expect(() => parseShard(text)).toThrow(InputError);
  });
});

describe("detectShard", () => {
  it("is undefined without a flag or a variable", () => {
    expect(detectShard({}, {})).toBeUndefined();
  });
  it("prefers --shard over the environment", () => {
    expect(detectShard({ shard: "1/4" }, { SLURM_ARRAY_TASK_ID: "2", SLURM_ARRAY_TASK_COUNT: "3" })).toEqual({
      index: 1,
      count: 4,
      source: "--shard",
    });
  });
  it("reads a Slurm array: TASK_ID of TASK_COUNT, offset by TASK_MIN", () => {
    expect(detectShard({}, { SLURM_ARRAY_TASK_ID: "2", SLURM_ARRAY_TASK_COUNT: "3" })).toMatchObject({
      index: 2,
      count: 3,
    });
    expect(
      detectShard({}, { SLURM_ARRAY_TASK_ID: "3", SLURM_ARRAY_TASK_COUNT: "3", SLURM_ARRAY_TASK_MIN: "1" }),
    ).toMatchObject({ index: 2, count: 3 });
  });
  it("reads a Slurm array from TASK_MIN and TASK_MAX without TASK_COUNT", () => {
    expect(
      detectShard({}, { SLURM_ARRAY_TASK_ID: "5", SLURM_ARRAY_TASK_MIN: "4", SLURM_ARRAY_TASK_MAX: "7" }),
    ).toMatchObject({ index: 1, count: 4, source: "SLURM_ARRAY_TASK_ID=5" });
  });
  it("lets --shards give the count of a Slurm array", () => {
    expect(detectShard({ shards: 8 }, { SLURM_ARRAY_TASK_ID: "6" })).toMatchObject({ index: 6, count: 8 });
  });
  it("reads a Kubernetes Indexed Job's JOB_COMPLETION_INDEX with --shards", () => {
    expect(detectShard({ shards: 5 }, { JOB_COMPLETION_INDEX: "4" })).toEqual({
      index: 4,
      count: 5,
      source: "JOB_COMPLETION_INDEX=4",
    });
  });
  it("refuses what it cannot use", () => {
    expect(() => detectShard({}, { JOB_COMPLETION_INDEX: "1" })).toThrow(/--shards N/);
    expect(() => detectShard({ shards: 3 }, {})).toThrow(/SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX/);
    expect(() => detectShard({}, { SLURM_ARRAY_TASK_ID: "1" })).toThrow(/SLURM_ARRAY_TASK_COUNT/);
    expect(() => detectShard({}, { SLURM_ARRAY_TASK_ID: "3", SLURM_ARRAY_TASK_COUNT: "3" })).toThrow(
      /out of range/,
    );
    expect(() => detectShard({ shards: 2 }, { JOB_COMPLETION_INDEX: "x" })).toThrow(InputError);
    expect(() => detectShard({ shard: "0/2", shards: 2 }, {})).toThrow(/not both/);
  });
});

describe("slurmScript", () => {
  const script = slurmScript({
    sweepFile: "/data/sweeps/my sweep.json",
    array: 12,
    outDir: "/scratch/me/out",
    cpusPerTask: 32,
    mem: "64G",
    time: "04:00:00",
    partition: "compute",
    jobName: "spiral-grid",
    nodePath: "/opt/node/bin/node",
    launcher: "/home/me/spiral/src/spiral.mjs",
    workDir: "/home/me/spiral",
  });
  it("submits an array of shards with workers = CPUs per task, then a merge after any end", () => {
    expect(script).toContain("#SBATCH --array=0-11");
    expect(script).toContain("#SBATCH --cpus-per-task=32");
    expect(script).toContain("#SBATCH --mem=64G");
    expect(script).toContain("#SBATCH --time=04:00:00");
    expect(script).toContain("#SBATCH --partition=compute");
    expect(script).toContain(
      "exec /opt/node/bin/node /home/me/spiral/src/spiral.mjs sweep '/data/sweeps/my sweep.json' --out /scratch/me/out --resume --workers 32 --worker-memory-mb 1740 --quiet --no-report",
    );
    expect(script).toContain('sbatch --parsable --dependency=afterany:"$array_job"');
    expect(script).toContain("exec /opt/node/bin/node /home/me/spiral/src/spiral.mjs merge /scratch/me/out");
    expect(script).toContain("mkdir -p /scratch/me/out/slurm");
  });
  it("checks its input", () => {
    expect(memoryMb("4000")).toBe(4000);
    expect(memoryMb("2G")).toBe(2048);
    expect(() => memoryMb("lots")).toThrow(InputError);
    expect(() => slurmScript({ sweepFile: "/a.json", array: 0, outDir: "/o", jobName: "x" })).toThrow(
      /--array/,
    );
    expect(() =>
      slurmScript({ sweepFile: "/a.json", array: 2, outDir: "/o", jobName: "x", partition: "a b" }),
    ).toThrow(/--partition/);
  });
});
