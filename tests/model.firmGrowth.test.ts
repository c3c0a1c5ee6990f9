// Firm-level random growth (issue 17, firm-size tail): productivity and
// appeal follow Gibrat random walks normalised to the sector mean and
// reflected at a lower barrier (agents/firms.ts stepFirmProductivity). Tested
// on hand-built columns and on a small hand-set state.
import { describe, expect, it } from "vitest";
import { hillTailExponent } from "../src/analysis/index.ts";
import { defaultConfig } from "../src/config/index.ts";
import { stepFirmProductivity, updateFirmAppeal } from "../src/model/agents/firms.ts";
import { runFirmHistory } from "../src/model/firmHistory.ts";
import { allocFirms, createInitialState } from "../src/model/init.ts";
import { AgentStream, streamKey } from "../src/model/rng.ts";
import { earnAndPlanOn, planProductionOn } from "./helpers/phases.ts";

function mean(a: Float64Array, start: number, end: number): number {
  let s = 0;
  for (let j = start; j < end; j++) s += a[j];
  return s / (end - start);
}

describe("stepFirmProductivity", () => {
  it("with no step divides by the range's mean and lifts firms below the barrier to it", () => {
    const a = Float64Array.from([2, 1, 1, 0.2, 7]);
    stepFirmProductivity(a, 0, 4, 0, 0.5, 123);
    // Mean of [2, 1, 1, 0.2] = 1.05.
    expect(a[0]).toBeCloseTo(2 / 1.05, 14);
    expect(a[1]).toBeCloseTo(1 / 1.05, 14);
    expect(a[3]).toBe(0.5); // 0.2 / 1.05 < 0.5: reflected
    expect(a[4]).toBe(7); // outside the range: untouched
  });

  it("takes steps of sd σ from its own counter-based key: same key, same column; another key, another", () => {
    const n = 4000;
    const x = new Float64Array(n).fill(1);
    const y = new Float64Array(n).fill(1);
    const z = new Float64Array(n).fill(1);
    const key = streamKey(7, AgentStream.firmProductivity, 3);
    stepFirmProductivity(x, 0, n, 0.05, 0.01, key);
    stepFirmProductivity(y, 0, n, 0.05, 0.01, key);
    stepFirmProductivity(z, 0, n, 0.05, 0.01, streamKey(7, AgentStream.firmProductivity, 4));
    expect(Array.from(x)).toEqual(Array.from(y));
    expect(Array.from(x)).not.toEqual(Array.from(z));
    // log steps: uniform with sd 0.05 (within sampling error), mean-normalised.
    let s = 0;
    let s2 = 0;
    for (let j = 0; j < n; j++) {
      const l = Math.log(x[j]);
      s += l;
      s2 += l * l;
    }
    const sd = Math.sqrt(s2 / n - (s / n) ** 2);
    expect(sd).toBeGreaterThan(0.047);
    expect(sd).toBeLessThan(0.053);
    expect(mean(x, 0, n)).toBeCloseTo(1, 12);
  });

  it("reaches a Pareto tail with exponent near 1 / (1 − barrier) (Gabaix 2009)", () => {
    const n = 3000;
    for (const [barrier, zeta] of [
      [0.5, 2],
      [0.25, 4 / 3],
    ]) {
      const a = new Float64Array(n).fill(1);
      for (let t = 0; t < 3000; t++) stepFirmProductivity(a, 0, n, 0.08, barrier, streamKey(1, 12, t));
      const hill = hillTailExponent(a, 0.1);
      expect(hill).toBeGreaterThan(0.75 * zeta);
      expect(hill).toBeLessThan(1.3 * zeta);
      // The barrier holds and each step re-normalises: the mean stays near 1 (reflection lifts it a little).
      expect(Math.min(...a)).toBeGreaterThanOrEqual(barrier);
      expect(mean(a, 0, n)).toBeGreaterThan(1);
      expect(mean(a, 0, n)).toBeLessThan(1.1);
    }
  });
});

describe("stepFirmProductivity with mean reversion (firms.productivityReversionMonthly)", () => {
  it("θ = 0 is the random walk to the last bit; θ = 1 forgets the past (each firm is its own shock)", () => {
    const key = streamKey(3, AgentStream.firmProductivity, 9);
    const start = Float64Array.from([1.4, 0.9, 0.8, 1.1, 0.7]);
    const walk = start.slice();
    const zero = start.slice();
    stepFirmProductivity(walk, 0, 5, 0.03, 0.5, key);
    stepFirmProductivity(zero, 0, 5, 0.03, 0.5, key, 0);
    expect(Array.from(zero)).toEqual(Array.from(walk));
    // θ = 1: log a = σe whatever a was, so two different starting columns end equal.
    const x = start.slice();
    const y = new Float64Array(5).fill(2.5);
    stepFirmProductivity(x, 0, 5, 0.03, 0.5, key, 1);
    stepFirmProductivity(y, 0, 5, 0.03, 0.5, key, 1);
    for (let j = 0; j < 5; j++) expect(x[j]).toBeCloseTo(y[j], 14);
  });

  it("with no step pulls log productivity towards the sector mean by θ a month", () => {
    const a = Float64Array.from([2, 0.5]);
    stepFirmProductivity(a, 0, 2, 0, 0.01, 1, 0.25);
    // log 2 · 0.75 and log 0.5 · 0.75, then divided by their mean.
    const hi = 2 ** 0.75;
    const lo = 0.5 ** 0.75;
    const m = (hi + lo) / 2;
    expect(a[0]).toBeCloseTo(hi / m, 14);
    expect(a[1]).toBeCloseTo(lo / m, 14);
  });

  it("has a stationary sd near σ / √(1 − (1 − θ)²), where the random walk's keeps growing", () => {
    const n = 3000;
    const sigma = 0.02;
    const theta = 0.075; // monthly persistence 0.925: annual 0.39 (Abraham & White 2006)
    const ar = new Float64Array(n).fill(1);
    const walk = new Float64Array(n).fill(1);
    const logSd = (a: Float64Array) => {
      let s = 0;
      let s2 = 0;
      for (let j = 0; j < n; j++) {
        const l = Math.log(a[j]);
        s += l;
        s2 += l * l;
      }
      return Math.sqrt(s2 / n - (s / n) ** 2);
    };
    for (let t = 0; t < 600; t++) {
      const key = streamKey(5, AgentStream.firmProductivity, t);
      stepFirmProductivity(ar, 0, n, sigma, 0.01, key, theta);
      stepFirmProductivity(walk, 0, n, sigma, 0.01, key);
    }
    const stationary = sigma / Math.sqrt(1 - (1 - theta) ** 2); // 0.0526
    expect(logSd(ar)).toBeGreaterThan(0.9 * stationary);
    expect(logSd(ar)).toBeLessThan(1.1 * stationary);
    // The walk after 600 months: σ√600 ≈ 0.49, nine times as dispersed.
    expect(logSd(walk)).toBeGreaterThan(5 * logSd(ar));
  });
});

describe("firm-level productivity and appeal in a hand-set state", () => {
  function smallState(sets: (c: ReturnType<typeof defaultConfig>) => void) {
    const c = defaultConfig();
    c.households.count = 500;
    c.firms.consumption.count = 10;
    c.firms.capital.count = 4;
    sets(c);
    const m = createInitialState(c);
    m.tick = 5;
    m.firms.age.fill(5);
    return m;
  }

  it("a firm twice as productive posts half the price for the same markup and wage, and staffs its plan with fewer workers", () => {
    const m = smallState(() => {});
    const f = m.firms;
    f.productivity[1] = 2;
    planProductionOn(m);
    const tfp = m.shocks.productivityFactor;
    const prodL = m.params.prodLabourConsumption * tfp;
    expect(f.price[1]).toBeCloseTo(((1 + f.markup[1]) * f.wage[1]) / (2 * prodL), 12);
    expect(f.price[0]).toBeCloseTo(((1 + f.markup[0]) * f.wage[0]) / prodL, 12);
    // Labour demand for the plan at twice the output per worker.
    const perWorker0 = f.labourPlan[0] / f.labourDemand[0];
    const perWorker1 = f.labourPlan[1] / f.labourDemand[1];
    expect(perWorker1 / perWorker0).toBeGreaterThan(1.8);
    // The rule is off in this config: the column is left as set.
    expect(f.productivity[1]).toBe(2);
    expect(f.productivity[0]).toBe(1);
  });

  it("with mean reversion a leading and a lagging firm move back towards the sector; appeal stays a random walk", () => {
    const step = (theta: number) => {
      const m = smallState((c) => {
        c.firms.productivityDispersionMonthly = 0.001;
        c.firms.productivityReversionMonthly = theta;
        c.firms.appealDispersionMonthly = 0.001;
        c.firms.productivityBarrier = 0.01;
      });
      const f = m.firms;
      f.productivity[0] = 1.5;
      f.productivity[1] = 0.6;
      f.appeal[0] = 1.5;
      planProductionOn(m);
      return { prod: f.productivity.slice(), appeal: f.appeal.slice() };
    };
    const walk = step(0);
    const ar = step(0.2);
    // The leader's lead and the laggard's gap shrink by about θ in logs (σ is small).
    const gap = (a: Float64Array, j: number) => Math.log(a[j] / a[5]);
    expect(gap(ar.prod, 0)).toBeLessThan(0.85 * gap(walk.prod, 0));
    expect(gap(ar.prod, 1)).toBeGreaterThan(0.85 * gap(walk.prod, 1));
    expect(gap(ar.prod, 0) / gap(walk.prod, 0)).toBeCloseTo(0.8, 1);
    // Capital-goods firms (10..13) are their own sector: mean 1 under both rules.
    expect(mean(ar.prod, 10, 14)).toBeCloseTo(1, 12);
    // Appeal does not revert: the same column either way.
    expect(Array.from(ar.appeal)).toEqual(Array.from(walk.appeal));
  });

  it("with firms.appealReversionMonthly an appealing firm's lead shrinks by about θ; productivity is left to its own rule", () => {
    const step = (theta: number) => {
      const m = smallState((c) => {
        c.firms.productivityDispersionMonthly = 0.001;
        c.firms.appealDispersionMonthly = 0.001;
        c.firms.appealReversionMonthly = theta;
        c.firms.productivityBarrier = 0.01;
      });
      const f = m.firms;
      f.appeal[0] = 1.5;
      f.appeal[1] = 0.6;
      f.productivity[0] = 1.5;
      planProductionOn(m);
      return { prod: f.productivity.slice(), appeal: f.appeal.slice() };
    };
    const walk = step(0);
    const ar = step(0.1);
    const gap = (a: Float64Array, j: number) => Math.log(a[j] / a[5]);
    expect(gap(ar.appeal, 0) / gap(walk.appeal, 0)).toBeCloseTo(0.9, 1);
    expect(gap(ar.appeal, 1) / gap(walk.appeal, 1)).toBeCloseTo(0.9, 1);
    expect(mean(ar.appeal, 10, 14)).toBeCloseTo(1, 12);
    // Productivity is a walk here (its own reversion is 0) whatever appeal's θ.
    expect(Array.from(ar.prod)).toEqual(Array.from(walk.prod));
  });

  it("over a long history appeal's dispersion settles near σ / √(1 − (1 − θ)²) with reversion and keeps growing without it", () => {
    const run = (theta: number, months: number) => {
      const f = allocFirms(1000, 0, false);
      const p = {
        productivityDispersionMonthly: 0,
        productivityReversionMonthly: 0,
        appealDispersionMonthly: 0.02,
        appealReversionMonthly: theta,
        productivityBarrier: 0.01,
      };
      runFirmHistory(f, p, 4, months);
      let s = 0;
      let s2 = 0;
      for (let j = 0; j < 1000; j++) {
        const l = Math.log(f.appeal[j]);
        s += l;
        s2 += l * l;
      }
      return Math.sqrt(s2 / 1000 - (s / 1000) ** 2);
    };
    const stationary = 0.02 / Math.sqrt(1 - 0.95 ** 2); // θ 0.05: 0.064
    expect(run(0.05, 600)).toBeGreaterThan(0.85 * stationary);
    expect(run(0.05, 1200)).toBeLessThan(1.15 * stationary);
    expect(run(0.05, 1200) / run(0.05, 600)).toBeCloseTo(1, 1);
    // The walk: σ √t, 0.49 after 600 months and 0.69 after 1 200.
    expect(run(0, 1200) / run(0, 600)).toBeGreaterThan(1.3);
  });

  it("households compare price / appeal: a dearer firm with more appeal wins customers, the same firm without it none", () => {
    const switchedTo1 = (appeal: number) => {
      const m = smallState((c) => {
        c.households.count = 2000;
        c.households.supplierSwitchProbability = 1;
      });
      m.firms.price.fill(1);
      m.firms.price[1] = 1.2;
      m.firms.appeal[1] = appeal;
      m.households.supplier.fill(0);
      earnAndPlanOn(m, 0);
      let n = 0;
      for (const s of m.households.supplier) if (s === 1) n++;
      return n;
    };
    expect(switchedTo1(1)).toBe(0); // 1.2 > 1: nobody switches to the dearer firm
    // 1.2 / 1.5 = 0.8 < 1: every household that draws firm 1 (1 in 10) switches to it.
    const n = switchedTo1(1.5);
    expect(n).toBeGreaterThan(150);
    expect(n).toBeLessThan(250);
  });

  it("with the rules on, each sector's column keeps mean 1 and respects the barrier; the draws repeat for the same seed and tick", () => {
    const run = () => {
      const m = smallState((c) => {
        c.firms.productivityDispersionMonthly = 0.1;
        c.firms.appealDispersionMonthly = 0.1;
        c.firms.productivityBarrier = 0.8;
      });
      planProductionOn(m); // updates productivity before the pass
      updateFirmAppeal(m.firms, { seed: m.seed, tick: m.tick }, m.config.firms); // appeal: the same rule on its own stream
      return m.firms;
    };
    const f = run();
    const nc = f.nConsumption;
    for (const col of [f.productivity, f.appeal]) {
      expect(Math.min(...col)).toBeGreaterThanOrEqual(0.8);
      expect(mean(col, 0, nc)).toBeGreaterThan(0.99);
      expect(mean(col, 0, nc)).toBeLessThan(1.1);
      expect(mean(col, nc, f.n)).toBeGreaterThan(0.99);
    }
    expect(Array.from(f.productivity)).not.toEqual(Array.from(f.appeal)); // separate streams
    expect(Array.from(run().productivity)).toEqual(Array.from(f.productivity));
  });
});
