// Identification test of `spiral calibrate` (issue 17 item 3): moments the
// model generates at known parameter values are recovered. "Data" is one run
// at θ₀ = (natural unemployment rate 0.05, inflation target 0.025) with a
// seed the estimation never uses; each target's se is the sd of that moment
// over 32 further runs at θ₀ (the sampling error of one run of the data's
// length, which is what the 1 + 1/S correction assumes). The estimation
// (6 seeds per point, common random numbers) must land within two standard
// errors and within 10 % of each parameter's range of θ₀. Reduced size:
// 300 households, 36 firms, 50 years a run.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/index.ts";
import { calibrate } from "../src/engine/calibrate.ts";
import { writeCalibrationOutputs } from "../src/engine/calibrateOutputs.ts";
import { loadCalibrationSpec } from "../src/engine/calibrateSpec.ts";
import { runCalibrateTask } from "../src/engine/calibrateTask.ts";
import { setAtPath } from "../src/engine/sweepSpec.ts";

const BASE = resolve("configs/baseline.json");
/** The default10 estimate (docs/calibration-tool.md, "Default10 pass"), the DGP's values of the ten estimated parameters. */
const DEFAULT10: Record<string, number> = {
  "firms.labourCycleShare": 0.478,
  "firms.salesExpectationWeight": 0.173,
  "firms.consumption.investmentAcceleratorSensitivity": 0.0229,
  "firms.capital.supplierSwitchIntensity": 7.29,
  "firms.productivityReversionMonthly": 0.0766,
  "firms.appealDispersionMonthly": 0.00325,
  "shocks.productivity.sdMonthly": 0.0024,
  "shocks.investment.sdMonthly": 0.00166,
  "shocks.investment.persistence": 0.94,
  "households.neutralRealRateYearly": 0.00553,
};
/** Dotted paths → the nested object a calibration spec's `overrides` takes (sweepSpec.ts setAtPath). */
function nested(entries: [string, number][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, v] of entries) setAtPath(out, path, v);
  return out;
}
const SMALL = [
  "households.count=300",
  "firms.consumption.count=30",
  "firms.capital.count=6",
  "ticks=600",
  "burnInTicks=60",
  // The unlagged monetary transmission (the core before the mp18 pass). With configs/baseline.json's lagged
  // one (households.rateGapImmediateShare 0.6, rateGapSmoothingMonths 36, banks.depositRateAdjustmentMonths
  // 12) this reduced economy identifies the natural rate less sharply: data draw 900001 gave 0.058 (se 0.016,
  // 0.50 se), outside 10 % of the range (0.004). This test is of the estimator, so its data-generating process
  // keeps the transmission under which identification was established; the shipped core is estimated with
  // the full-size spec (configs/calibration/us-cycle.json).
  "households.rateGapImmediateShare=0",
  "households.rateGapSmoothingMonths=0",
  "banks.depositRateAdjustmentMonths=0",
  // The core's estimated parameters pinned at the default10 estimate's values (configs/baseline.json before the
  // stop 29 re-estimate was adopted), for the same reason: this test is of the estimator, not of the shipped
  // estimate, so its data-generating process must not move each time the core is re-estimated. With the stop 29
  // estimate (larger, more persistent investment shocks: sd 0.00166 → 0.00279, persistence 0.94 → 0.958;
  // productivity shock sd 0.0024 → 0.00264; less labour hoarding) the reduced economy's cycle blurs the natural
  // rate: in the full suite (af0e76b) an estimate came out 0.0063 from the truth, beyond 10 % of the range (0.004).
  ...Object.entries(DEFAULT10).map(([p, v]) => `${p}=${v}`),
];
// The data-generating process is configs/baseline.json's core with its estimated aggregate shocks. The
// targets' se come from 32 runs: with 8 (before issue 17's cycle8 pass) the shocks' slumps make the
// moments' spread heavy-tailed and 8 runs understate it — over ten further data draws the natural rate
// landed up to 4.29 se from the truth (the inflation target 2.46), and within 2 se in 8 of 10; on four of
// those draws, with the se from 32 runs, 2.44 → 1.38, 0.92 → 0.35, 0.16 → 0.38 and 4.29 → 2.49 se
// (docs/calibration-tool.md, "Cycle8 pass"). The cycle7 pass ran this test without the
// shocks, the workaround this replaces.
const SPREAD_RUNS = 32;
const TRUE = { "centralBank.naturalUnemploymentRate": 0.05, "centralBank.inflationTargetYearly": 0.025 };
// θ₀ is off the box's centre, the global stage's first Sobol point: with θ₀ at the centre (bounds 0.03–0.07
// and 0.01–0.04 before issue 17's cycle8 pass) the search could stop on the truth without moving (0.00 se in
// two of three draws).
const BOUNDS = {
  "centralBank.naturalUnemploymentRate": { min: 0.035, max: 0.075 },
  "centralBank.inflationTargetYearly": { min: 0.012, max: 0.042 },
};
const TARGETS = ["unemploymentMean", "inflationMean", "sdGdpCycle"];

function momentsAt(seed: number): number[] {
  const sets = [...SMALL, `seed=${seed}`, ...Object.entries(TRUE).map(([p, v]) => `${p}=${v}`)];
  return runCalibrateTask({ config: loadConfig(BASE, { sets }), targets: TARGETS }).moments as number[];
}

describe("spiral calibrate recovers known parameters", () => {
  const dir = mkdtempSync(join(tmpdir(), "spiral-identification-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // One draw of "data" lands within 2 se of θ₀ with probability ≈ 0.95 per parameter, so a single draw
  // fails by chance about one time in ten with two parameters — and did, at 2.17 se, after the
  // late-2025 start changed the core's rule coefficients. The test therefore checks coverage, as
  // the standard errors promise it: three independent data draws (seeds the estimation never uses),
  // each estimate within 10 % of the range and with a J-test that does not reject, and at least two
  // of the three within 2 se for every parameter (false-failure rate ≈ 3 % instead of ≈ 10 %).
  it("estimates within 10 % of the range, within 2 se in at least two of three data draws, with a J-test", async () => {
    const spread = Array.from({ length: SPREAD_RUNS }, (_, i) => momentsAt(900_100 + i));
    const se = TARGETS.map((_, j) => {
      const xs = spread.map((row) => row[j]);
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
    });
    const within2se: Record<string, number> = {};
    for (const dataSeed of [900_001, 900_002, 900_003]) {
      const data = momentsAt(dataSeed);
      const specFile = join(dir, `spec-${dataSeed}.json`);
      writeFileSync(
        specFile,
        JSON.stringify({
          name: "identification",
          base: BASE,
          overrides: nested([
            ...Object.entries(DEFAULT10),
            ["households.count", 300],
            ["households.rateGapImmediateShare", 0],
            ["households.rateGapSmoothingMonths", 0],
            ["banks.depositRateAdjustmentMonths", 0],
            ["firms.consumption.count", 30],
            ["firms.capital.count", 6],
          ]),
          ticks: 600,
          burnInTicks: 60,
          parameters: BOUNDS,
          targets: Object.fromEntries(TARGETS.map((name, j) => [name, { value: data[j], se: se[j] }])),
          seeds: 6,
          budget: 40,
          seed: 3,
          method: { globalPoints: 12 },
        }),
      );
      const spec = loadCalibrationSpec(specFile);
      const out = join(dir, `out-${dataSeed}`);
      const outcome = await calibrate(spec, { outDir: out, workers: 2, quiet: true });
      expect(outcome.status).toBe("completed");
      writeCalibrationOutputs(out, spec, outcome);
      const estimate = JSON.parse(readFileSync(join(out, "estimate.json"), "utf8"));
      for (const [path, truth] of Object.entries(TRUE)) {
        const p = estimate.parameters[path];
        const range = BOUNDS[path as keyof typeof BOUNDS].max - BOUNDS[path as keyof typeof BOUNDS].min;
        const zScore = Math.abs(p.estimate - truth) / p.se;
        console.log(
          `data ${dataSeed} ${path}: true ${truth}, estimate ${p.estimate} (se ${p.se}, ${zScore.toFixed(2)} se)`,
        );
        expect(p.se).toBeGreaterThan(0);
        expect(Math.abs(p.estimate - truth)).toBeLessThanOrEqual(0.1 * range);
        within2se[path] = (within2se[path] ?? 0) + (zScore <= 2 ? 1 : 0);
      }
      console.log(
        `data ${dataSeed}: J = ${estimate.jStatistic} (df ${estimate.degreesOfFreedom}), p = ${estimate.pValue}, ${estimate.evaluations} evaluations`,
      );
      expect(estimate.degreesOfFreedom).toBe(1);
      expect(estimate.pValue).toBeGreaterThan(0.01);
    }
    for (const path of Object.keys(TRUE)) expect(within2se[path], path).toBeGreaterThanOrEqual(2);
  }, 180_000);
});
