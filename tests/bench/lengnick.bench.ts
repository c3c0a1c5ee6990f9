// `npm run bench:lengnick`: the Lengnick (2013) baseline economy on one thread.
//
// 1. Inside the loop: 10 simulated years (120 months × 21 days = 2 520 days)
//    of 1 000 households and 100 firms, the compiled model (dist/, what
//    `spiral` runs; built first if stale). Each run builds the model from
//    scratch (seeds 1, 2, …) and includes the monthly metrics and the daily
//    money check, as `spiral run` does, but no file output. Printed: the
//    first run in the process (cold: the JIT compiles while it runs, as in a
//    `spiral run`) and the median and minimum of the warm runs after it, in
//    wall time and in this process's CPU time (on a shared machine CPU time
//    moves less), and ms per simulated day. Then 100 000 households and
//    10 000 firms (one warm run; `--small` leaves it out: ≈ 40 s of CPU a run).
// 2. The whole process: `spiral run configs/models/lengnick2013.json
//    --ticks 120 --set burnInTicks=24 --no-report` (outputs written), compiled
//    and from source under tsx (SPIRAL_FROM_SOURCE=1, as before issue 20):
//    median wall time, and the CPU time of the process tree (Linux: from
//    /proc/self/stat's children times).
// Targets (issue 20): ≤ 0.15 s inside the loop for the small economy; the
// whole process ≥ 30× faster than the Mesa port's 10.6 s (≤ 0.35 s).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "../../src/build.mjs";
import { ensureBuilt } from "./shared.ts";

type ConfigModule = typeof import("../../src/config/index.ts");
type LengnickModule = typeof import("../../src/model/lengnick2013/index.ts");

const MONTHS = 120;
const DAYS = MONTHS * 21;

ensureBuilt();
const dist = (path: string) => pathToFileURL(join(ROOT, "dist", path)).href;
const { defaultConfig }: ConfigModule = await import(dist("src/config/index.js"));
const { createLengnickModel, LengnickMetrics, stepMonth }: LengnickModule = await import(
  dist("src/model/lengnick2013/index.js")
);

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Wall and CPU milliseconds of the month loop of one run (model built outside the timing). */
function runOnce(households: number, firms: number, seed: number): { wall: number; cpu: number } {
  const config = defaultConfig();
  config.model = "lengnick2013";
  config.seed = seed;
  config.lengnick2013.households = households;
  config.lengnick2013.firms = firms;
  const state = createLengnickModel(config);
  const metrics = new LengnickMetrics(MONTHS, config.startDate);
  const wall0 = performance.now();
  const cpu0 = cpuMs();
  for (let m = 0; m < MONTHS; m++) {
    stepMonth(state);
    metrics.measure(state);
  }
  return { wall: performance.now() - wall0, cpu: cpuMs() - cpu0 };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;

function report(households: number, firms: number, runs: number): void {
  const first = runOnce(households, firms, 0);
  const warm = Array.from({ length: runs }, (_, r) => runOnce(households, firms, r + 1));
  const wall = warm.map((w) => w.wall);
  const cpu = warm.map((w) => w.cpu);
  console.log(
    `${String(households).padStart(9)} ${String(firms).padStart(7)}  first run ${s(first.wall)} (CPU ${s(first.cpu)})` +
      `  warm median ${s(median(wall))} min ${s(Math.min(...wall))} (CPU median ${s(median(cpu))} min ${s(Math.min(...cpu))})` +
      `  ${(median(wall) / DAYS).toFixed(4)} ms/day warm, ${(first.wall / DAYS).toFixed(4)} first`,
  );
}

/** CPU seconds of this process's waited-for children so far (Linux), else NaN. */
function childrenCpuSeconds(): number {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
    return (Number(fields[13]) + Number(fields[14])) / 100; // cutime + cstime, clock ticks (USER_HZ 100)
  } catch {
    return Number.NaN;
  }
}

function wholeProcess(label: string, env: NodeJS.ProcessEnv, runs: number): void {
  const out = mkdtempSync(join(tmpdir(), "spiral-bench-lengnick-"));
  const walls: number[] = [];
  const cpus: number[] = [];
  try {
    for (let r = 0; r < runs; r++) {
      const args = [join(ROOT, "src", "spiral.mjs"), "run", join(ROOT, "configs/models/lengnick2013.json")];
      args.push("--ticks", "120", "--set", "burnInTicks=24", "--no-report", "--quiet");
      args.push("--out", join(out, String(r)));
      const cpu0 = childrenCpuSeconds();
      const start = performance.now();
      const result = spawnSync(process.execPath, args, { encoding: "utf8", env });
      walls.push((performance.now() - start) / 1000);
      cpus.push(childrenCpuSeconds() - cpu0);
      if (result.status !== 0) throw new Error(`spiral run failed: ${result.stderr}`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  console.log(
    `${label.padEnd(34)} wall median ${median(walls).toFixed(2)} s (${Math.min(...walls).toFixed(2)}–${Math.max(...walls).toFixed(2)}), CPU median ${median(cpus).toFixed(2)} s`,
  );
}

console.log(
  `Lengnick (2013) benchmark — 10 years (${MONTHS} months × 21 days), one thread, compiled (dist/), Node ${process.version}`,
);
console.log("households   firms  inside the loop (model built outside the timing)");
report(1_000, 100, 5);
if (!process.argv.includes("--small")) report(100_000, 10_000, 1);
console.log(
  "whole process: spiral run configs/models/lengnick2013.json --ticks 120 (1 000 households), 5 runs",
);
wholeProcess("compiled", process.env, 5);
wholeProcess("from source (SPIRAL_FROM_SOURCE=1)", { ...process.env, SPIRAL_FROM_SOURCE: "1" }, 5);
console.log(
  "target: ≤ 0.15 s inside the loop (1 000 households); the Mesa port (10.6 s whole process) is not installed here",
);
