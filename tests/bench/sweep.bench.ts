// `npm run bench:sweep`: throughput of the sweep coordinator and its worker
// pool. The same sweep — the baseline economy at four sizes (20 000, 16 000,
// 12 000 and 10 000 households; 1 200 months; runs of ≈ 2–4 s on a 16-core
// Xeon, longer on the 2-core VM), listed largest first so the longest runs
// start first and the short ones fill the tail (the coordinator starts runs
// in table order, point by point), replicated so that there are about two
// runs per core, no run folders kept — is run with 1 worker and with one
// worker per core. The wall time includes the pool's start-up (compiled
// workers are ready in tens of ms; under tsx it was ≈ 1 s each). Prints runs
// per second for each, the speed-up and the speed-up per core, run times,
// the peak memory each worker reported (V8 heap + ArrayBuffers after a run,
// measured inside the worker) and the parallel CPU the machine offered.
// Target (issue 20): speed-up ≥ 0.9 × cores. Options: `--ticks N`,
// `--sizes a,b,…` (households per point, give them largest first),
// `--replications R`.
//
// The bench imports the engine from the TypeScript sources, but the pool it
// starts is the compiled one when dist/ is fresh: the coordinator module is
// loaded from dist/ (built first if stale), as `spiral sweep` does.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ROOT } from "../../src/build.mjs";
import type { SweepOutcome } from "../../src/engine/sweepIndex.ts";
import { ensureBuilt, parallelCapacity } from "./shared.ts";

type SweepModule = typeof import("../../src/engine/sweepIndex.ts");

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
}

const cores = availableParallelism();
const TICKS = Number(option("--ticks", "1200"));
const SIZES = option("--sizes", "20000,16000,12000,10000").split(",").map(Number);
const REPLICATIONS = Number(
  option("--replications", String(Math.max(1, Math.ceil((2 * cores) / SIZES.length)))),
);

ensureBuilt();
const { loadSweepSpec, planSweep, runSweep }: SweepModule = await import(
  pathToFileURL(join(ROOT, "dist/src/engine/sweepIndex.js")).href
);

const root = mkdtempSync(join(tmpdir(), "spiral-bench-sweep-"));
const sweepFile = join(root, "bench.json");
writeFileSync(
  sweepFile,
  JSON.stringify({
    name: "bench",
    base: fileURLToPath(new URL("../../configs/baseline.json", import.meta.url)),
    overrides: { ticks: TICKS, burnInTicks: 24 },
    parameters: { "households.count": { values: SIZES } },
    design: { type: "grid" },
    replications: REPLICATIONS,
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
  console.log(`Spiral sweep benchmark — Node ${process.version}, ${cores} cores, compiled workers`);
  console.log(
    `${SIZES.length * REPLICATIONS} runs: ${SIZES.join(" / ")} households (largest first) × ${TICKS} months, ${REPLICATIONS} replications, no run folders`,
  );
  const one = await measure(1);
  const all = await measure(cores);
  const rate = (m: { outcome: SweepOutcome; seconds: number }) => m.outcome.counts.runs / m.seconds;
  const meanRun = (m: { outcome: SweepOutcome }) =>
    m.outcome.runSeconds.reduce((a, b) => a + b, 0) / m.outcome.runSeconds.length;
  console.log("workers  wall s  runs/s  run s mean (min–max)  peak memory per worker (heap + ArrayBuffers)");
  for (const [workers, m] of [
    [1, one],
    [cores, all],
  ] as const) {
    const perWorker = Object.values(m.outcome.workerHeapBytes).map(mb).join(", ");
    console.log(
      `${String(workers).padStart(7)}  ${m.seconds.toFixed(1).padStart(6)}  ${rate(m).toFixed(2).padStart(6)}  ${meanRun(m).toFixed(2).padStart(6)} (${Math.min(...m.outcome.runSeconds).toFixed(2)}–${Math.max(...m.outcome.runSeconds).toFixed(2)})  ${perWorker}`,
    );
  }
  const speedUp = rate(all) / rate(one);
  console.log(
    `speed-up with ${cores} workers: ${speedUp.toFixed(2)} = ${(speedUp / cores).toFixed(2)} × cores (target ≥ 0.9 × cores)`,
  );
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
