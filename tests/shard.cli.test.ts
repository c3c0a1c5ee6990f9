// End-to-end tests of sharded sweeps: 3 shards of a sweep run at once as
// separate `spiral sweep --shard i/3` processes into one folder, then `spiral
// merge`; the merged tables must be byte-identical to a local sweep's.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASELINE, type CliResult, LAUNCHER, REPO, scratch } from "./helpers/spiral.ts";

/** The environment of a spawned spiral, without inherited shard variables. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (name.startsWith("SLURM_") || name === "JOB_COMPLETION_INDEX" || name === "SPIRAL_DEBUG")
      delete env[name];
  }
  return { ...env, ...extra };
}

function spiral(args: readonly string[], env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [LAUNCHER, ...args], {
    cwd: REPO,
    encoding: "utf8",
    env: cleanEnv(env),
    timeout: 90_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs several spiral commands at once; resolves to their results in order. */
function spiralAll(commands: { args: string[]; env?: Record<string, string> }[]): Promise<CliResult[]> {
  return Promise.all(
    commands.map(
      ({ args, env }) =>
        new Promise<CliResult>((resolvePromise, reject) => {
          const child = spawn(process.execPath, [LAUNCHER, ...args], { cwd: REPO, env: cleanEnv(env) });
          let stdout = "";
          let stderr = "";
          child.stdout.on("data", (d) => {
            stdout += d;
          });
          child.stderr.on("data", (d) => {
            stderr += d;
          });
          child.on("error", reject);
          child.on("close", (status) => resolvePromise({ status, stdout, stderr }));
        }),
    ),
  );
}

let root: string;
let sweep: string;
let reference: string;
let sharded: string;

/** 3 points × 2 replications = 6 runs of a tiny economy. */
function writeSweep(path: string): void {
  const spec = {
    name: "shards",
    base: BASELINE,
    overrides: {
      ticks: 24,
      burnInTicks: 6,
      households: { count: 300 },
      firms: { consumption: { count: 10 }, capital: { count: 3 } },
      banks: { count: 2 },
    },
    parameters: { "government.fiscalRuleStrength": { values: [0.02, 0.1, 0.5] } },
    design: { type: "grid" },
    replications: 2,
    seed: 5,
    metrics: ["unemploymentRate.mean", "inflationMean", "crisisEpisodes"],
    keep: "series",
  };
  writeFileSync(path, `${JSON.stringify(spec, null, 2)}\n`);
}

const TABLES = ["runs.csv", "runs.parquet", "aggregates/aggregates.json"];
const bytes = (dir: string, file: string) => readFileSync(join(dir, file));

beforeAll(async () => {
  root = scratch("shard-cli");
  sweep = join(root, "sweep.json");
  writeSweep(sweep);
  reference = join(root, "reference");
  sharded = join(root, "sharded");
  const [local, ...shards] = await spiralAll([
    { args: ["sweep", sweep, "--out", reference, "--workers", "1", "--quiet", "--no-report"] },
    ...[0, 1, 2].map((i) => ({
      args: ["sweep", sweep, "--shard", `${i}/3`, "--out", sharded, "--workers", "1", "--quiet"],
    })),
  ]);
  expect(local.stderr).toBe("");
  expect(local.status).toBe(0);
  for (const shard of shards) {
    expect(shard.stderr).toBe("");
    expect(shard.status).toBe(0);
  }
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("spiral sweep --shard and spiral merge", () => {
  it("lets each shard write only its runs, its own manifest, lock and tables", () => {
    expect(existsSync(join(sharded, "manifest.json"))).toBe(false);
    expect(existsSync(join(sharded, "runs.csv"))).toBe(false);
    expect(readdirSync(join(sharded, "shards")).sort()).toEqual(["0-of-3", "1-of-3", "2-of-3"]);
    const owned: string[] = [];
    for (const i of [0, 1, 2]) {
      const dir = join(sharded, "shards", `${i}-of-3`);
      expect(readdirSync(dir).sort()).toEqual(["manifest.json", "runs.csv", "runs.parquet", "timings.csv"]);
      const manifest = JSON.parse(bytes(dir, "manifest.json").toString("utf8"));
      expect(manifest).toMatchObject({
        kind: "spiral-sweep-shard",
        shard: { index: i, count: 3 },
        status: "completed",
      });
      expect(manifest.sweepPath).toBe(sweep);
      expect(manifest.counts.runs).toBe(2);
      const rows = bytes(dir, "runs.csv").toString("utf8").trimEnd().split("\n").slice(1);
      expect(rows).toHaveLength(2);
      owned.push(...rows.map((r) => r.split(",")[0]));
    }
    expect(owned.sort()).toEqual(
      readdirSync(join(sharded, "done"))
        .map((f) => f.replace(/\.json$/, ""))
        .sort(),
    );
    expect(new Set(owned).size).toBe(6);
  });

  it("merges into tables byte-identical to a local sweep's", () => {
    const merged = spiral(["merge", sharded]);
    expect(merged.stderr).toBe("");
    expect(merged.status).toBe(0);
    expect(merged.stdout).toContain("shards: 0/3 completed, 1/3 completed, 2/3 completed");
    expect(merged.stdout).toContain("runs: 6 completed, 0 failed, of 6");
    for (const file of TABLES) expect(bytes(sharded, file).equals(bytes(reference, file)), file).toBe(true);
    const manifest = JSON.parse(bytes(sharded, "manifest.json").toString("utf8"));
    expect(manifest).toMatchObject({ kind: "spiral-sweep", status: "completed" });
    expect(manifest.merged.shards).toHaveLength(3);
    expect(existsSync(join(sharded, "report.html"))).toBe(true);
    expect(existsSync(join(sharded, ".lock"))).toBe(false);
  });

  it("refuses to run a finished shard again without --resume", () => {
    const again = spiral(["sweep", sweep, "--shard", "1/3", "--out", sharded, "--quiet"]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already holds this shard's results; pass --resume/);
  });

  it("names missing runs and their shard; --resume on that shard redoes only them", () => {
    const shardRuns = bytes(join(sharded, "shards", "2-of-3"), "runs.csv")
      .toString("utf8")
      .trimEnd()
      .split("\n")
      .slice(1)
      .map((r) => r.split(",")[0]);
    const [lost, kept] = shardRuns;
    rmSync(join(sharded, "done", `${lost}.json`));
    const keptBefore = statSync(join(sharded, "done", `${kept}.json`)).mtimeMs;

    const merged = spiral(["merge", sharded, "--no-report"]);
    expect(merged.status).toBe(3);
    expect(merged.stdout).toContain("5 recorded, 1 missing, of 6; nothing written");
    expect(merged.stderr).toContain(`run ${lost} missing (shard 2/3): no result record`);
    expect(merged.stderr).toContain(`--shard 2/3 --out ${sharded} --resume`);

    // The index from a Kubernetes Indexed Job's variable, the count from --shards.
    const resumed = spiral(["sweep", sweep, "--shards", "3", "--out", sharded, "--resume", "--quiet"], {
      JOB_COMPLETION_INDEX: "2",
    });
    expect(resumed.stderr).toBe("");
    expect(resumed.status).toBe(0);
    expect(resumed.stdout).toContain("shard: 2/3 (JOB_COMPLETION_INDEX=2)");
    expect(resumed.stdout).toContain("runs: 2 completed, 0 failed, of 2");
    expect(resumed.stdout).toContain("1 done before this start");
    expect(statSync(join(sharded, "done", `${kept}.json`)).mtimeMs).toBe(keptBefore);

    const again = spiral(["merge", sharded, "--no-report"]);
    expect(again.status).toBe(0);
    for (const file of TABLES) expect(bytes(sharded, file).equals(bytes(reference, file)), file).toBe(true);
  });

  it("takes the shard from a Slurm array's variables", () => {
    const out = join(root, "slurm-env");
    const result = spiral(["sweep", sweep, "--out", out, "--quiet", "--workers", "1"], {
      SLURM_ARRAY_TASK_ID: "4",
      SLURM_ARRAY_TASK_MIN: "4",
      SLURM_ARRAY_TASK_MAX: "9",
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("shard: 0/6 (SLURM_ARRAY_TASK_ID=4): 1 of 6 runs");
    expect(readdirSync(join(out, "shards"))).toEqual(["0-of-6"]);
  });

  it("exits 2 for a bad shard, a shard without --out, or a merge of a folder without shards", () => {
    const bad = spiral(["sweep", sweep, "--shard", "3/3", "--out", join(root, "x")]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/out of range/);
    const noOut = spiral(["sweep", sweep, "--shard", "0/3"]);
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toMatch(/needs --out DIR/);
    const noShards = spiral(["merge", reference]);
    expect(noShards.status).toBe(2);
    expect(noShards.stderr).toMatch(/no shard manifests/);
    expect(existsSync(join(root, "x"))).toBe(false);
  });
});
