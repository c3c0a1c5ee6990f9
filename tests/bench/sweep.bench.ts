// `npm run bench:sweep`: throughput of the sweep coordinator and its worker
// pool. The same 16 runs (4 points × 4 replications of the baseline economy
// with 10 000 households over 360 months, no run folders kept) are run with
// 1 worker and with one worker per core; the wall time includes the pool's
// start-up (under a second), which 16 runs of about a second each amortise. Prints runs per
// second for each, the speed-up, and the peak memory each worker reported
// (its V8 heap + ArrayBuffers after a run, measured inside the worker).
// Target (issue "Experiments on all cores"): speed-up ≥ 1.8 on 2 cores.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadSweepSpec, planSweep, runSweep, type SweepOutcome } from "../../src/engine/sweepIndex.ts";
import { parallelCapacity } from "./shared.ts";

const RUNS_PER_POINT = 4;
const HOUSEHOLDS = 10_000;
const TICKS = 360;

const root = mkdtempSync(join(tmpdir(), "spiral-bench-sweep-"));
const sweepFile = join(root, "bench.json");
writeFileSync(
  sweepFile,
  JSON.stringify({
    name: "bench",
    base: fileURLToPath(new URL("../../configs/baseline.json", import.meta.url)),
    overrides: { ticks: TICKS, burnInTicks: 24, households: { count: HOUSEHOLDS } },
    parameters: { "government.fiscalRuleStrength": { values: [0.02, 0.05, 0.1, 0.2] } },
    design: { type: "grid" },
    replications: RUNS_PER_POINT,
    seed: 1,
    keep: "none",
  }),
);

async function measure(workers: number): Promise<{ outcome: SweepOutcome; seconds: number }> {
  const plan = planSweep(loadSweepSpec(sweepFile));
  const start = performance.now();
  const outcome = await runSweep(plan, {
    outDir: join(root, `workers-${workers}`),
    workers,
    quiet: true,
    command: "npm run bench:sweep",
  });
  const seconds = (performance.now() - start) / 1000;
  if (outcome.status !== "completed")
    throw new Error(`bench sweep ${outcome.status}: ${JSON.stringify(outcome.failedRuns)}`);
  return { outcome, seconds };
}

const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;

try {
  const cores = availableParallelism();
  console.log(`Spiral sweep benchmark — Node ${process.version}, ${cores} cores`);
  console.log(
    `16 runs: ${HOUSEHOLDS} households × ${TICKS} months, 4 points × ${RUNS_PER_POINT} replications, no run folders`,
  );
  const one = await measure(1);
  const all = await measure(cores);
  const rate = (m: { outcome: SweepOutcome; seconds: number }) => m.outcome.counts.runs / m.seconds;
  const meanRun = (m: { outcome: SweepOutcome }) =>
    m.outcome.runSeconds.reduce((a, b) => a + b, 0) / m.outcome.runSeconds.length;
  console.log("workers  wall s  runs/s  mean run s  peak memory per worker (heap + ArrayBuffers)");
  for (const [workers, m] of [
    [1, one],
    [cores, all],
  ] as const) {
    const perWorker = Object.values(m.outcome.workerHeapBytes).map(mb).join(", ");
    console.log(
      `${String(workers).padStart(7)}  ${m.seconds.toFixed(1).padStart(6)}  ${rate(m).toFixed(2).padStart(6)}  ${meanRun(m).toFixed(2).padStart(10)}  ${perWorker}`,
    );
  }
  const speedUp = rate(all) / rate(one);
  console.log(`speed-up with ${cores} workers: ${speedUp.toFixed(2)} (target ≥ 1.8 on 2 cores)`);
  const capacity = await parallelCapacity(cores);
  console.log(
    `parallel CPU the machine offered just now: ${capacity.toFixed(2)} of ${cores} cores (a busy loop in ${cores} threads vs 1)`,
  );
  const slowdown = meanRun(all) / meanRun(one) - 1;
  if (cores > 1 && slowdown > 0.15) {
    console.log(
      `note: a run took ${(slowdown * 100).toFixed(0)} % longer with ${cores} workers than with 1: the cores were shared (other processes, or memory bandwidth), so the speed-up understates the pool's`,
    );
  }
  console.log(`coordinator process peak RSS: ${mb(process.resourceUsage().maxRSS * 1024)}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
