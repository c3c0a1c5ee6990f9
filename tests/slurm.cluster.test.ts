// The Slurm path end to end on a real cluster: tests/cluster/slurm-localhost.sh
// brings up a one-node Slurm on loopback (munge, MariaDB, slurmdbd,
// slurmctld, slurmd); the test submits the script of `spiral slurm` for
// configs/sweeps/smoke.json as an array of 3 shards plus the merge job, waits
// on squeue and sacct, and checks that the merged runs table is
// byte-identical to a local sweep's. The daemons this test started are
// stopped by their process ids at the end; ones already running are left.
// Needs root and apt (the script installs Debian's Slurm): where it cannot
// run — not root, no apt-get, or apt fails (e.g. no network) — the test is
// skipped and the reason printed, never silently.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO, scratch, spiral } from "./helpers/spiral.ts";

const SETUP_SCRIPT = join(REPO, "tests", "cluster", "slurm-localhost.sh");
/** slurm-localhost.sh's exit code when Slurm cannot be installed here (not a failure of Spiral). */
const CANNOT_INSTALL = 100;
const DAEMONS = ["slurmd", "slurmctld", "slurmdbd", "mariadbd", "munged"] as const;
const SMOKE = join(REPO, "configs", "sweeps", "smoke.json");
/** Bound on the wait for the jobs (they take seconds on an idle node). */
const JOBS_TIMEOUT_MS = 300_000;

/** Why this machine cannot bring up Slurm at all, known before trying; undefined if it may. */
function staticSkipReason(): string | undefined {
  if (process.platform !== "linux") return `not Linux (${process.platform})`;
  if (process.getuid?.() !== 0) return "not root (installing and starting Slurm needs root)";
  const apt = spawnSync("sh", ["-c", "command -v apt-get"], { encoding: "utf8" });
  if (apt.status !== 0) return "no apt-get on this machine (the script installs Debian's Slurm packages)";
  return undefined;
}

const skipAll = staticSkipReason();
/** Set by beforeAll when the script could not install Slurm (exit 100), e.g. apt without network. */
let skipReason: string | undefined = skipAll;

function skipped(reason: string): string {
  const line = `tests/slurm.cluster.test.ts: SKIPPED the real-Slurm test: ${reason}`;
  console.warn(line);
  return line;
}
if (skipAll !== undefined) skipped(skipAll);

function sh(command: string, args: string[], timeout = 60_000) {
  const result = spawnSync(command, args, { encoding: "utf8", timeout });
  if (result.error) throw result.error;
  return result;
}

function pidsOf(name: string): number[] {
  const result = sh("pgrep", ["-x", name]);
  return result.stdout
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map(Number);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let root: string;
const startedPids: { name: string; pid: number }[] = [];

describe.skipIf(skipAll !== undefined)("a sweep on a real Slurm cluster", () => {
  beforeAll(() => {
    root = scratch("slurm");
    expect(existsSync(SETUP_SCRIPT), SETUP_SCRIPT).toBe(true);
    const before = new Map(DAEMONS.map((d) => [d, new Set(pidsOf(d))]));
    const setup = sh("bash", [SETUP_SCRIPT], 900_000);
    for (const d of DAEMONS) {
      for (const pid of pidsOf(d)) if (!before.get(d)?.has(pid)) startedPids.push({ name: d, pid });
    }
    if (setup.status === CANNOT_INSTALL) {
      skipReason = setup.stderr.trim() || "slurm-localhost.sh could not install Slurm";
      skipped(skipReason);
      return;
    }
    expect(setup.status, `slurm-localhost.sh failed:\n${setup.stdout}\n${setup.stderr}`).toBe(0);
  }, 900_000);

  afterAll(async () => {
    // Stop what this test started, by pid, slurmd first and munged last.
    for (const { pid } of startedPids) {
      try {
        process.kill(pid, "SIGTERM");
      } catch {
        // already gone
      }
      for (let i = 0; i < 50; i++) {
        try {
          process.kill(pid, 0);
        } catch {
          break;
        }
        await sleep(200);
      }
    }
    if (root !== undefined) rmSync(root, { recursive: true, force: true });
  }, 60_000);

  it(
    "runs 3 shards as an array job and merges them into the local sweep's runs table",
    async (ctx) => {
      if (skipReason !== undefined) ctx.skip(skipReason);
      const local = join(root, "local");
      const reference = spiral(["sweep", SMOKE, "--out", local, "--quiet", "--no-report"]);
      expect(reference.stderr).toBe("");
      expect(reference.status).toBe(0);

      const out = join(root, "cluster");
      const generated = spiral([
        "slurm",
        SMOKE,
        "--array",
        "3",
        "--out",
        out,
        "--cpus-per-task",
        "1",
        "--time",
        "00:10:00",
      ]);
      expect(generated.stderr).toBe("");
      expect(generated.status).toBe(0);
      const scriptPath = join(root, "submit.sh");
      writeFileSync(scriptPath, generated.stdout);
      const submitted = sh("bash", [scriptPath]);
      expect(submitted.status, submitted.stderr).toBe(0);
      const arrayJob = /array job: (\d+)/.exec(submitted.stdout)?.[1];
      const mergeJob = /merge job: (\d+)/.exec(submitted.stdout)?.[1];
      expect(arrayJob, submitted.stdout).toBeDefined();
      expect(mergeJob, submitted.stdout).toBeDefined();
      const jobs = `${arrayJob},${mergeJob}`;

      const deadline = Date.now() + JOBS_TIMEOUT_MS;
      for (;;) {
        const queue = sh("squeue", ["-h", "-j", jobs, "-o", "%i %T"]);
        if (queue.status === 0 && queue.stdout.trim() === "") break;
        if (Date.now() > deadline)
          throw new Error(`jobs ${jobs} still queued after ${JOBS_TIMEOUT_MS / 1000} s:\n${queue.stdout}`);
        await sleep(1000);
      }
      // The accounting database records the end a moment after the queue empties.
      let states: string[] = [];
      for (let i = 0; i < 30; i++) {
        const acct = sh("sacct", ["-n", "-X", "-P", "-j", jobs, "-o", "JobID,State,ExitCode"]);
        states = acct.stdout.trim().split("\n").filter(Boolean);
        if (states.length === 4 && states.every((l) => l.split("|")[1] === "COMPLETED")) break;
        await sleep(1000);
      }
      const logs = existsSync(join(out, "slurm"))
        ? readdirSync(join(out, "slurm"))
            .map((f) => `--- ${f}\n${readFileSync(join(out, "slurm", f), "utf8")}`)
            .join("\n")
        : "(no logs)";
      expect(states.map((l) => l.split("|").slice(0, 2).join(" ")).sort(), logs).toEqual(
        [
          `${arrayJob}_0 COMPLETED`,
          `${arrayJob}_1 COMPLETED`,
          `${arrayJob}_2 COMPLETED`,
          `${mergeJob} COMPLETED`,
        ].sort(),
      );

      expect(readdirSync(join(out, "shards")).sort()).toEqual(["0-of-3", "1-of-3", "2-of-3"]);
      for (const file of ["runs.csv", "runs.parquet"]) {
        expect(readFileSync(join(out, file)).equals(readFileSync(join(local, file))), file).toBe(true);
      }
      expect(logs).toContain("shard: 0/3 (SLURM_ARRAY_TASK_ID=0)");
      expect(logs).toContain("shards: 0/3 completed, 1/3 completed, 2/3 completed");
    },
    JOBS_TIMEOUT_MS + 120_000,
  );
});
