// Lengnick (2013) replication over 10 seeds: the economy settles near full
// employment with endogenous fluctuations, a negative Phillips curve (12-month
// wage inflation vs unemployment) and a negative Beveridge curve (vacancies vs
// unemployment), as in the paper's Figs. 4–5. 30 years per seed, the first 5
// dropped: 10-year runs are still dominated by the adjustment from the initial
// state (price inflation then even correlates positively with unemployment).
// About 1 s per seed on one core.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config/index.ts";
import { runInMemory } from "../src/engine/runSingle.ts";

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const YEARS = 30;
const BURN_IN_YEARS = 5;

function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < n; i++) {
    cov += (a[i] - ma) * (b[i] - mb);
    va += (a[i] - ma) ** 2;
    vb += (b[i] - mb) ** 2;
  }
  return cov / Math.sqrt(va * vb);
}

describe("lengnick2013 replication (10 seeds × 30 years, 1000 households, 100 firms)", () => {
  const results = SEEDS.map((seed) => {
    const config = defaultConfig();
    config.model = "lengnick2013";
    config.seed = seed;
    config.ticks = YEARS * 12;
    config.burnInTicks = BURN_IN_YEARS * 12;
    const run = runInMemory(config);
    const k = config.burnInTicks;
    const u = run.series.unemploymentRate.subarray(k);
    const employment = run.series.employment.subarray(k);
    let mean = 0;
    for (const x of u) mean += x;
    mean /= u.length;
    let variance = 0;
    for (const x of u) variance += (x - mean) ** 2;
    return {
      seed,
      meanUnemployment: mean,
      sdUnemployment: Math.sqrt(variance / u.length),
      distinctEmployment: new Set(employment).size,
      phillips: correlation(run.series.wageInflation.subarray(k), u),
      beveridge: correlation(run.series.vacancies.subarray(k), u),
      liquidity: run.series.totalLiquidity,
      summaryUnemployment: run.summary.unemploymentRate.mean,
    };
  });

  it("settles near full employment (mean unemployment below 3 % in every seed)", () => {
    for (const r of results) expect(r.meanUnemployment, `seed ${r.seed}`).toBeLessThan(0.03);
  });

  it("fluctuates endogenously (employment is not constant)", () => {
    for (const r of results) {
      expect(r.sdUnemployment, `seed ${r.seed}`).toBeGreaterThan(0.002);
      expect(r.distinctEmployment, `seed ${r.seed}`).toBeGreaterThan(10);
    }
  });

  it("has a negative Phillips curve: 12-month wage inflation vs unemployment", () => {
    for (const r of results) expect(r.phillips, `seed ${r.seed}`).toBeLessThan(-0.3);
  });

  it("has a negative Beveridge curve: vacancies vs unemployment", () => {
    for (const r of results) expect(r.beveridge, `seed ${r.seed}`).toBeLessThan(-0.3);
  });

  it("reports a constant money stock and feeds the engine's summary", () => {
    for (const r of results) {
      expect(new Set(r.liquidity).size, `seed ${r.seed}`).toBe(1);
      expect(r.summaryUnemployment).toBeCloseTo(r.meanUnemployment, 12);
    }
  });
});
