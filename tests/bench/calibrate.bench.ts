// `npm run bench:calibrate`: evaluations per second of `spiral calibrate` at
// the shipped us-cycle estimation's size (configs/calibration/us-cycle.json:
// default population, its ticks and seeds per point), with 1 worker and with
// one per core, and the projected wall time of the whole estimation (its
// budget plus the Jacobian's 2 evaluations per parameter) at each. Each
// measurement is a global stage of EVALUATIONS points and nothing else, in a
// fresh folder, so nothing is reused; the pool's start-up is included. The
// bench runs BENCH_SEEDS seeds per point instead of the spec's (a run costs
// the same whatever the count; at 40 000 households the spec's 8 took over
// 15 minutes for the two passes) and converts runs a second to the shipped
// size's evaluations a second.
// The bench runs the compiled engine and workers (dist/, what `spiral
// calibrate` runs after `npm ci`), building it first when it is stale: the
// same runs in a pool started from TypeScript, whose workers load the model
// through tsx, take about twice as long (stop 34: 5.6–6.1 s against 2.7–2.8 s
// for one 600-month run at 40 000 households in a one-thread pool; 2.9 s on
// tsx's main thread), which is what made this bench project 1 h 24 min at
// stop 33 while the CLI estimation ran at 0.81 runs a second.
// Target (issue 17 item 5): the us-cycle estimation within 45 minutes on 2 cores.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ROOT } from "../../src/build.mjs";
import { ensureBuilt, parallelCapacity } from "./shared.ts";

type CalibrateModule = typeof import("../../src/engine/calibrate.ts");
type SpecModule = typeof import("../../src/engine/calibrateSpec.ts");
type ProgressModule = typeof import("../../src/io/progress.ts");

ensureBuilt();
const dist = (path: string) => pathToFileURL(join(ROOT, "dist", path)).href;
const { calibrate }: CalibrateModule = await import(dist("src/engine/calibrate.js"));
const { loadCalibrationSpec }: SpecModule = await import(dist("src/engine/calibrateSpec.js"));
const { formatDuration }: ProgressModule = await import(dist("src/io/progress.js"));

const EVALUATIONS = 4;
const BENCH_SEEDS = 2;
const SPEC = fileURLToPath(new URL("../../configs/calibration/us-cycle.json", import.meta.url));

const shipped = JSON.parse(readFileSync(SPEC, "utf8"));
const root = mkdtempSync(join(tmpdir(), "spiral-bench-calibrate-"));
const file = join(root, "bench.json");
writeFileSync(
  file,
  JSON.stringify({
    ...shipped,
    $schema: undefined,
    name: "bench",
    base: fileURLToPath(new URL("../../configs/baseline.json", import.meta.url)),
    budget: EVALUATIONS,
    seeds: BENCH_SEEDS,
    method: { global: "sobol", globalPoints: EVALUATIONS, local: "none" },
  }),
);

/** Runs a second of a bench estimation with `workers` workers. */
async function runsPerSecond(workers: number): Promise<number> {
  const spec = loadCalibrationSpec(file);
  const start = performance.now();
  const outcome = await calibrate(spec, { outDir: join(root, `workers-${workers}`), workers, quiet: true });
  const seconds = (performance.now() - start) / 1000;
  // The bench stops after the global stage's evaluations; the Jacobian's runs count too.
  const evaluations = outcome.evaluations.length;
  if (outcome.status !== "completed") throw new Error(`bench estimation ${outcome.status}: ${outcome.error}`);
  return (evaluations * BENCH_SEEDS) / seconds;
}

try {
  const cores = availableParallelism();
  const full = loadCalibrationSpec(SPEC);
  const planned = full.budget + 2 * full.parameters.length;
  console.log(`Spiral calibrate benchmark — compiled (dist/), Node ${process.version}, ${cores} cores`);
  console.log(
    `us-cycle size: ${full.baseConfig.households.count} households × ${full.baseConfig.ticks} months, ${full.seeds} seeds per evaluation; measured on ${EVALUATIONS} global points + the Jacobian's ${2 * full.parameters.length}, ${BENCH_SEEDS} seeds each`,
  );
  const rows: [string, number][] = [];
  for (const workers of cores > 1 ? [1, cores] : [1]) {
    const runs = await runsPerSecond(workers);
    const rate = runs / full.seeds; // evaluations a second at the shipped seeds per point
    rows.push([`${workers} worker${workers === 1 ? "" : "s"}`, rate]);
    console.log(
      `  ${workers} worker${workers === 1 ? " " : "s"}: ${rate.toFixed(3)} evaluations/s (${runs.toFixed(2)} runs/s); us-cycle's ${planned} evaluations ≈ ${formatDuration(planned / rate)}`,
    );
  }
  if (rows.length === 2) {
    console.log(
      `  speed-up ${(rows[1][1] / rows[0][1]).toFixed(2)} (parallel capacity now ${(await parallelCapacity(cores)).toFixed(2)})`,
    );
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
