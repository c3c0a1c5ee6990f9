// `npm run bench:lengnick`: wall time of the Lengnick (2013) baseline economy
// on one thread — 10 simulated years (120 months × 21 days = 2 520 days) of
// 1 000 households and 100 firms over 5 runs (median, min, max) and the time
// per simulated day; then the same for 100 000 households and 10 000 firms
// (fewer runs). Each run builds the model from scratch (seeds 1, 2, …) and
// includes the monthly metrics and the daily money check, as `spiral run`
// does, but no file output. Issue 9's target: ≤ 0.2 s for the small economy.
import { defaultConfig } from "../../src/config/index.ts";
import { createLengnickModel, LengnickMetrics, stepMonth } from "../../src/model/lengnick2013/index.ts";

const MONTHS = 120;

function runOnce(households: number, firms: number, seed: number): number {
  const config = defaultConfig();
  config.model = "lengnick2013";
  config.seed = seed;
  config.lengnick2013.households = households;
  config.lengnick2013.firms = firms;
  const start = performance.now();
  const state = createLengnickModel(config);
  const metrics = new LengnickMetrics(MONTHS, config.startDate);
  for (let m = 0; m < MONTHS; m++) {
    stepMonth(state);
    metrics.measure(state);
  }
  return (performance.now() - start) / 1000;
}

function report(households: number, firms: number, runs: number): void {
  const days =
    MONTHS * runOnce(households, firms, 0) * 0 + MONTHS * defaultConfig().lengnick2013.daysPerMonth;
  const times: number[] = [];
  for (let r = 1; r <= runs; r++) times.push(runOnce(households, firms, r));
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(
    `${String(households).padStart(9)} ${String(firms).padStart(7)} ${String(runs).padStart(5)}` +
      `  median ${median.toFixed(3)} s  min ${sorted[0].toFixed(3)} s  max ${sorted[sorted.length - 1].toFixed(3)} s` +
      `  ${((median / days) * 1e3).toFixed(4)} ms/day`,
  );
}

console.log(
  `Lengnick (2013) benchmark — 10 years (${MONTHS} months × 21 days), one thread, Node ${process.version}`,
);
console.log("households   firms  runs  wall time (one warm-up run not counted)");
report(1_000, 100, 5);
report(100_000, 10_000, 3);
