// End-to-end tests of `spiral sweep` and `spiral reproduce` through the npm
// bin launcher (node src/spiral.mjs), so the worker threads load exactly as
// a user's do. The sweeps are tiny: 500 households, 36 months.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASELINE, type CliResult, LAUNCHER, REPO, scratch } from "./helpers/spiral.ts";

/** `node src/spiral.mjs ...args` in the repository, with extra environment variables. */
function spiral(args: readonly string[], env: Record<string, string> = {}): CliResult {
  const base = { ...process.env };
  delete base.SPIRAL_DEBUG;
  const result = spawnSync(process.execPath, [LAUNCHER, ...args], {
    cwd: REPO,
    encoding: "utf8",
    env: { ...base, ...env },
    timeout: 90_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** 3 points × 4 replications = 12 runs. */
function sweepFile(name: string, extra: Record<string, unknown> = {}): string {
  const path = join(root, name);
  const sweep = {
    base: BASELINE,
    overrides: {
      ticks: 36,
      burnInTicks: 12,
      households: { count: 500 },
      firms: { consumption: { count: 10 }, capital: { count: 3 } },
      banks: { count: 2 },
    },
    parameters: { "government.fiscalRuleStrength": { values: [0.02, 0.1, 0.5] } },
    design: { type: "grid" },
    replications: 4,
    seed: 11,
    metrics: ["unemploymentRate.mean", "inflationMean", "crisisEpisodes", "firmDefaults"],
    ...extra,
  };
  writeFileSync(path, `${JSON.stringify(sweep, null, 2)}\n`);
  return path;
}

const TABLES = ["runs.csv", "runs.parquet", "aggregates/aggregates.json"];

let root: string;
let sweep: string;
let reference: string;

beforeAll(() => {
  root = scratch("sweep-cli");
  sweep = sweepFile("sweep.json");
  reference = join(root, "reference");
  const result = spiral(["sweep", sweep, "--out", reference, "--workers", "2", "--quiet"]);
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const bytes = (dir: string, file: string) => readFileSync(join(dir, file));

/** Every file of every kept run folder that the determinism promise covers. */
function seriesFiles(dir: string): string[] {
  return readdirSync(join(dir, "runs"))
    .sort()
    .flatMap((run) => ["series.csv", "series.parquet", "events.ndjson"].map((f) => join("runs", run, f)));
}

function expectSameResults(dir: string): void {
  for (const file of [...TABLES, ...seriesFiles(reference)]) {
    expect(bytes(dir, file).equals(bytes(reference, file)), file).toBe(true);
  }
  expect(readdirSync(join(dir, "runs")).sort()).toEqual(readdirSync(join(reference, "runs")).sort());
}

describe("spiral sweep", () => {
  it("writes the runs table in point-then-replication order, with seeds, values, metrics and status", () => {
    const lines = bytes(reference, "runs.csv").toString("utf8").trimEnd().split("\n");
    expect(lines[0]).toBe(
      "runId,pointId,replication,seed,government.fiscalRuleStrength,unemploymentRate.mean,inflationMean,crisisEpisodes,firmDefaults,status,error",
    );
    expect(lines).toHaveLength(13);
    const rows = lines.slice(1).map((l) => l.split(","));
    expect(rows.map((r) => r[2])).toEqual(["0", "1", "2", "3", "0", "1", "2", "3", "0", "1", "2", "3"]);
    expect(rows.map((r) => r[4])).toEqual([
      ...Array(4).fill("0.02"),
      ...Array(4).fill("0.1"),
      ...Array(4).fill("0.5"),
    ]);
    for (const r of rows) {
      expect(r[0]).toBe(`${r[1]}-r${r[2]}`);
      expect(r[1]).toMatch(/^p[0-9a-f]{12}$/);
      expect(r[9]).toBe("completed");
    }
    expect(new Set(rows.map((r) => r[3])).size).toBe(12);
    const timings = bytes(reference, "timings.csv").toString("utf8").split("\n");
    expect(timings[0]).toBe("runId,status,attempts,durationSeconds");

    const manifest = JSON.parse(bytes(reference, "manifest.json").toString("utf8"));
    expect(manifest.kind).toBe("spiral-sweep");
    expect(manifest.status).toBe("completed");
    expect(manifest.counts).toMatchObject({ points: 3, runs: 12, completed: 12, failed: 0, pending: 0 });
    expect(manifest.baseConfig.households.count).toBe(500);
    expect(manifest.sweep.replications).toBe(4);
    expect(existsSync(join(reference, ".lock"))).toBe(false);

    const aggregates = JSON.parse(bytes(reference, "aggregates/aggregates.json").toString("utf8"));
    expect(aggregates.points).toHaveLength(3);
    const point = aggregates.points[0];
    expect(point.crisisProbability.runs).toBe(4);
    expect(point.crisisProbability.lower).toBeLessThanOrEqual(point.crisisProbability.estimate);
    expect(point.crisisProbability.upper).toBeGreaterThanOrEqual(point.crisisProbability.estimate);
    const bands = bytes(reference, `aggregates/${point.pointId}.csv`).toString("utf8").split("\n");
    expect(bands[0]).toMatch(
      /^tick,date,gdpReal_mean,gdpReal_q05,gdpReal_q25,gdpReal_q50,gdpReal_q75,gdpReal_q95,/,
    );
    expect(bands.filter((l) => l !== "")).toHaveLength(37);
  });

  it("gives byte-identical runs tables and series with 1 worker and with 2", () => {
    const one = join(root, "one-worker");
    const result = spiral(["sweep", sweep, "--out", one, "--workers", "1", "--quiet"]);
    expect(result.status, result.stderr).toBe(0);
    expectSameResults(one);
  });

  it("after kill -9 of the coordinator mid-sweep, --resume finishes it without redoing finished runs", async () => {
    const dir = join(root, "killed");
    const child = spawn(
      process.execPath,
      [LAUNCHER, "sweep", sweep, "--out", dir, "--workers", "2", "--quiet"],
      {
        cwd: REPO,
        stdio: "ignore",
      },
    );
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    // The coordinator (the launcher's child) writes its pid into the lock file.
    await waitFor(
      () => existsSync(join(dir, "done")) && readdirSync(join(dir, "done")).filter(isRecord).length >= 3,
    );
    const pid = Number.parseInt(readFileSync(join(dir, ".lock"), "utf8"), 10);
    process.kill(pid, "SIGKILL");
    await exited;
    const recorded = readdirSync(join(dir, "done")).filter(isRecord);
    expect(recorded.length).toBeLessThan(12);
    expect(existsSync(join(dir, "runs.csv"))).toBe(false);
    const mtimes = Object.fromEntries(recorded.map((f) => [f, readFileSync(join(dir, "done", f), "utf8")]));

    const resumed = spiral(["sweep", sweep, "--out", dir, "--resume", "--workers", "2", "--quiet"]);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain(`${recorded.length} done before this start`);
    expectSameResults(dir);
    // The records of runs finished before the kill were kept, not rewritten.
    for (const [file, text] of Object.entries(mtimes))
      expect(readFileSync(join(dir, "done", file), "utf8")).toBe(text);
    expect(readdirSync(join(dir, "runs")).filter((n) => n.startsWith(".tmp-"))).toEqual([]);
  });

  it("stops on SIGINT with exit 130 and a consistent folder that --resume completes", async () => {
    const dir = join(root, "interrupted");
    const child = spawn(
      process.execPath,
      [LAUNCHER, "sweep", sweep, "--out", dir, "--workers", "2", "--quiet"],
      {
        cwd: REPO,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const { code, stderr } = await collect(child, async () => {
      await waitFor(
        () => existsSync(join(dir, "done")) && readdirSync(join(dir, "done")).filter(isRecord).length >= 2,
      );
      child.kill("SIGINT");
    });
    expect(code, stderr).toBe(130);
    expect(stderr).toContain("--resume");
    const manifest = JSON.parse(bytes(dir, "manifest.json").toString("utf8"));
    expect(["interrupted", "completed"]).toContain(manifest.status);
    const resumed = spiral(["sweep", sweep, "--out", dir, "--resume", "--quiet"]);
    expect(resumed.status, resumed.stderr).toBe(0);
    expectSameResults(dir);
  });

  it("records a run whose worker crashes as failed after one retry, retries one that ran out of memory, finishes the rest, exits 3", () => {
    const dir = join(root, "crash");
    const crashed = firstRunId(reference, 5);
    const outOfMemory = firstRunId(reference, 2);
    const result = spiral(["sweep", sweep, "--out", dir, "--quiet", "--worker-memory-mb", "256"], {
      SPIRAL_TEST_CRASH_RUN: crashed,
      SPIRAL_TEST_OOM_ONCE_RUN: outOfMemory,
    });
    expect(result.status).toBe(3);
    expect(result.stderr).toContain(
      `spiral: run ${crashed} failed (after a retry): worker exited with code: 70`,
    );
    expect(result.stderr).toContain("1 of 12 runs failed");
    const rows = bytes(dir, "runs.csv").toString("utf8").trimEnd().split("\n").slice(1);
    const failed = rows.filter((r) => r.includes(",failed,"));
    expect(failed).toEqual([
      expect.stringMatching(new RegExp(`^${crashed},.*,,,,,failed,worker exited with code: 70$`)),
    ]);
    expect(rows.filter((r) => r.includes(",completed,"))).toHaveLength(11);
    const timings = bytes(dir, "timings.csv").toString("utf8");
    expect(timings).toContain(`${crashed},failed,2,`);
    expect(timings).toContain(`${outOfMemory},completed,2,`);
    expect(existsSync(join(dir, "runs", crashed))).toBe(false);
    const manifest = JSON.parse(bytes(dir, "manifest.json").toString("utf8"));
    expect(manifest.status).toBe("failed");
    expect(manifest.failedRuns).toEqual([{ runId: crashed, error: "worker exited with code: 70" }]);

    // Resuming retries the failed run; without the crash the sweep equals the uninterrupted one.
    const resumed = spiral(["sweep", sweep, "--out", dir, "--resume", "--quiet"]);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain("11 done before this start");
    expectSameResults(dir);
  });
});

describe("spiral sweep with a bad sweep file exits 2, names the field and writes nothing", () => {
  function expectBadSweep(file: string, ...expected: string[]): void {
    const out = join(root, `bad-${Math.random().toString(36).slice(2)}`);
    const result = spiral(["sweep", file, "--out", out, "--quiet"]);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stdout).toBe("");
    for (const line of result.stderr.trimEnd().split("\n")) expect(line).toMatch(/^spiral: /);
    for (const text of expected) expect(result.stderr).toContain(text);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  }

  it("unknown keys, unknown parameters and metrics with did-you-mean; bad values naming the parameter", () => {
    const file = sweepFile("typos.json", { replicatons: 2, design: { type: "factorial" } });
    expectBadSweep(
      file,
      `${file}: replicatons: unknown key "replicatons" — did you mean "replications"?`,
      `${file}: design.type: must be one of "grid", "latin-hypercube", "sobol"`,
    );
    const file2 = sweepFile("typos2.json", {
      parameters: {
        "government.fiscalRuleStrenght": { values: [0.1] },
        "households.count": { values: [1000, 3, "many"] },
        "banks.baseSpreadYearly": { range: [0, 2], levels: 3 },
      },
      metrics: ["unemploymentRate.men"],
    });
    expectBadSweep(
      file2,
      `${file2}: parameters["government.fiscalRuleStrenght"]: unknown parameter "government.fiscalRuleStrenght" — did you mean "government.fiscalRuleStrength"?`,
      `${file2}: parameters["households.count"].values[1]: households.count: must be ≥ 10 (got 3)`,
      `${file2}: parameters["households.count"].values[2]: households.count: must be an integer (got string "many")`,
      `${file2}: parameters["banks.baseSpreadYearly"].range[1]: banks.baseSpreadYearly: must be ≤ 1 (got 2)`,
      `${file2}: metrics[0]: unknown summary metric "unemploymentRate.men" — did you mean "unemploymentRate.mean"?`,
    );
  });

  it("a bad override, a missing base, a wrong design, malformed JSON", () => {
    const file = sweepFile("override.json", {
      overrides: { households: { count: 2 } },
      design: { type: "sobol" },
    });
    expectBadSweep(
      file,
      `${file}: overrides: households.count: must be ≥ 10 (got 2)`,
      `${file}: design.points: missing (required by a sobol design)`,
    );
    expectBadSweep(sweepFile("base.json", { base: "no-such.json" }), "base: config file not found");
    const malformed = join(root, "malformed.json");
    writeFileSync(malformed, '{ "base": "x.json",, }');
    expectBadSweep(malformed, `${malformed}: invalid JSON at line 1`);
  });
});

describe("spiral reproduce", () => {
  it("says identical for a run of a sweep, and finds the first tick and column of a tampered series.csv", () => {
    const copy = join(root, "reproduce");
    const runId = firstRunId(reference, 0);
    const from = join(reference, "runs", runId);
    const same = spiral(["reproduce", from, "--quiet"]);
    expect(same.status, same.stderr).toBe(0);
    expect(same.stdout).toMatch(/^identical: /);

    const run = join(copy, runId);
    cpSync(from, run, { recursive: true });
    const csv = readFileSync(join(run, "series.csv"), "utf8").split("\n");
    const header = csv[0].split(",");
    const row = csv[5].split(",");
    const column = header.indexOf("unemploymentRate");
    row[column] = "0.123";
    csv[5] = row.join(",");
    writeFileSync(join(run, "series.csv"), csv.join("\n"));
    const differs = spiral(["reproduce", run, "--quiet"]);
    expect(differs.status, differs.stderr).toBe(1);
    expect(differs.stdout).toContain(
      `series.csv first differs at tick 5, column unemploymentRate: recorded 0.123`,
    );
  });
});

function isRecord(name: string): boolean {
  return name.endsWith(".json");
}

function firstRunId(dir: string, row: number): string {
  return bytes(dir, "runs.csv").toString("utf8").split("\n")[row + 1].split(",")[0];
}

async function waitFor(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function collect(
  child: ChildProcess,
  during: () => Promise<void>,
): Promise<{ code: number | null; stderr: string }> {
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  await during();
  return { code: await exited, stderr };
}
