// Automation (issue 4): the rules (firms automate only the tasks AI does
// more cheaply than workers, layoffs fall on the most exposed, mismatch
// slows matching and decays, faster under retraining), stock-flow
// consistency with automation and the government's options on, and the
// scenarios: fast automation gives more unemployment and a lower labour
// share than slow automation, and displaced workers stay unemployed longer.
import { describe, expect, it } from "vitest";
import { chainStartTick } from "../src/config/calendar.ts";
import type { SpiralConfig } from "../src/config/index.ts";
import { loadConfig } from "../src/config/index.ts";
import { runInMemory } from "../src/engine/index.ts";
import { aiCostRatio, EXPOSURE_BINS, profitableShare } from "../src/model/agents/automation.ts";
import { incomeQuintileShares } from "../src/model/incomeQuintiles.ts";
import { createModel, type ModelState } from "../src/model/index.ts";
import {
  matchWorkersOn,
  planAutomationOn,
  selectLayoffsOn,
  separateAndListJobSeekersOn,
} from "./helpers/phases.ts";

/** Scenario at test size: 1500 households, the chain and automation from month 13, ten years in all. */
function small(file: string, seed: number, sets: string[] = []): SpiralConfig {
  return loadConfig(file, {
    sets: [
      "households.count=1500",
      "firms.consumption.count=30",
      "firms.capital.count=6",
      "banks.count=5",
      "ticks=132",
      "burnInTicks=0",
      "startDate=2024-11",
      "aiChain.start=2025-11", // month 13: the chain and automation act for ten years
      "centralBank.overrides=[]",
      `seed=${seed}`,
      ...sets,
    ],
  });
}

/** The scenario as shipped (ten-year burn-in, then the chain and automation for ten years), at test size. */
function scenario(file: string, seed: number): SpiralConfig {
  return loadConfig(file, {
    sets: ["households.count=1500", "firms.consumption.count=30", "firms.capital.count=6", `seed=${seed}`],
  });
}

function mean(a: ArrayLike<number>, from = 0, to = a.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += a[i];
  return s / (to - from);
}

function sd(a: readonly number[]): number {
  const mu = mean(a);
  return Math.sqrt(a.reduce((s, x) => s + (x - mu) ** 2, 0) / (a.length - 1));
}

/** A model at test size with the chain live and a reference wage, for calling the rules directly. */
function model(sets: string[] = []): ModelState {
  const m = createModel(small("configs/scenarios/fast-automation.json", 1, sets));
  m.automation.referenceWage = m.firms.wage[0];
  return m;
}

describe("automation rules", () => {
  const s0 = 0.23;
  const k = 0.4;

  it("calibrates the task-cost distribution to Acemoglu (2024): 23 % profitable at the start, ≈ 27 % saving", () => {
    expect(profitableShare(1, s0, k)).toBeCloseTo(0.23, 12);
    expect(1 - aiCostRatio(1, s0, k)).toBeGreaterThan(0.25);
    expect(1 - aiCostRatio(1, s0, k)).toBeLessThan(0.3);
    // More capability (or dearer labour) makes more tasks profitable, and the automated ones stay cheaper than wages.
    expect(profitableShare(2, s0, k)).toBeGreaterThan(profitableShare(1.2, s0, k));
    for (const z of [0.6, 1, 2, 5]) expect(aiCostRatio(z, s0, k)).toBeLessThan(1);
    // AI dearer than every task (capacity collapsed): the firm pays no more than the wages it saved.
    expect(aiCostRatio(1e-6, s0, k)).toBe(1);
  });

  it("automates no task while AI costs more than the wage of the cheapest exposed task", () => {
    const rMin = (1 - s0) ** (1 / k);
    expect(profitableShare(rMin * 0.999, s0, k)).toBe(0);
    expect(profitableShare(rMin * 1.01, s0, k)).toBeGreaterThan(0);
    // A firm facing AI dearer than its workers keeps every task; one facing cheap AI automates.
    const dear = model();
    dear.aiChain.servicePrice = 10;
    planAutomationOn(dear);
    for (let j = 0; j < dear.firms.n; j++) expect(dear.firms.automatedShare[j]).toBe(0);
    const cheap = model();
    cheap.aiChain.servicePrice = 0.5;
    planAutomationOn(cheap);
    for (let j = 0; j < cheap.firms.n; j++) expect(cheap.firms.automatedShare[j]).toBeGreaterThan(0);
    // The adoption lag: one month closes adoptionSpeedMonthly of the gap to the profitable share, no more.
    const target =
      0.2 * profitableShare((1 * cheap.firms.wage[0]) / cheap.automation.referenceWage / 0.5, s0, k);
    expect(cheap.firms.automatedShare[0]).toBeCloseTo(0.06 * target, 10);
  });

  it("draws exposures with mean ≈ 20 % and about two thirds of households exposed above 1 % (docs/calibration.md §7)", () => {
    const h = model().households;
    let sum = 0;
    let some = 0;
    for (let i = 0; i < h.n; i++) {
      sum += h.exposure[i] / 255;
      if (h.exposure[i] / 255 > 0.01) some++;
    }
    expect(sum / h.n).toBeGreaterThan(0.18);
    expect(sum / h.n).toBeLessThan(0.22);
    expect(some / h.n).toBeGreaterThan(0.6);
    expect(some / h.n).toBeLessThan(0.75);
  });

  it("lays off the firm's most exposed employees, leaves them a mismatch, and no one else", () => {
    const m = model();
    const f = m.firms;
    const h = m.households;
    f.leaveProbability.fill(0);
    f.automationLayoffs.fill(0);
    f.automationLayoffs[0] = 5;
    const before = Int32Array.from(h.employer);
    selectLayoffsOn(m);
    expect(f.layoffBin[0]).toBeLessThan(EXPOSURE_BINS);
    expect(f.layoffBin[1]).toBe(EXPOSURE_BINS);
    separateAndListJobSeekersOn(m);
    const fired: number[] = [];
    const kept: number[] = [];
    for (let i = 0; i < h.n; i++) {
      if (before[i] !== 0) {
        expect(h.employer[i]).toBe(before[i]); // nobody else lost a job
        continue;
      }
      (h.employer[i] === -1 ? fired : kept).push(h.exposure[i]);
      if (h.employer[i] === -1) {
        expect(h.displaced[i]).toBe(1);
        expect(h.mismatch[i]).toBe(Math.round(255 * m.config.automation.mismatchOnDisplacement));
      }
    }
    expect(fired.length).toBeGreaterThanOrEqual(4);
    expect(fired.length).toBeLessThanOrEqual(6);
    // Exposure bins are 8/255 wide: everyone fired is at least as exposed, bin for bin, as everyone kept.
    expect(Math.min(...fired) >> 3).toBeGreaterThanOrEqual(Math.max(...kept) >> 3);
    expect(m.automation.layoffs).toBe(fired.length);
  });

  it("hires mismatched workers less often", () => {
    const hires = (mismatch: number) => {
      const m = model();
      const f = m.firms;
      f.leaveProbability.fill(0.2); // a pool of unemployed
      const seekers = separateAndListJobSeekersOn(m);
      for (let i = 0; i < m.households.n; i++)
        if (m.households.employer[i] < 0) m.households.mismatch[i] = mismatch;
      for (let j = 0; j < f.n; j++) f.labourDemand[j] = f.employees[j] + 3;
      const employedBefore = f.employees.reduce((a, b) => a + b, 0);
      matchWorkersOn(m, seekers);
      return f.employees.reduce((a, b) => a + b, 0) - employedBefore;
    };
    const none = hires(0);
    const some = hires(Math.round(255 * 0.6));
    const total = hires(255);
    expect(none).toBeGreaterThan(20);
    expect(some).toBeLessThan(none);
    expect(total).toBe(0);
  });

  it("decays the mismatch during unemployment, faster under retraining", () => {
    const decayOnce = (retraining: boolean) => {
      const m = model([`government.retraining.enabled=${retraining}`]);
      const i = 0; // made unemployed and displaced here
      m.households.employer[i] = -1;
      m.households.mismatch[i] = 200;
      m.households.displaced[i] = 1;
      m.firms.leaveProbability.fill(0);
      separateAndListJobSeekersOn(m);
      return { left: m.households.mismatch[i], trainees: m.automation.trainees };
    };
    const plain = decayOnce(false);
    const trained = decayOnce(true);
    expect(plain.left).toBeLessThan(200);
    expect(trained.left).toBeLessThan(plain.left);
    expect(plain.trainees).toBe(0);
    expect(trained.trainees).toBeGreaterThanOrEqual(1);
  });

  it("reads income quintiles off the histogram", () => {
    // Five households per bin in bins 1..5 with incomes 1..5: each quintile is one bin.
    const counts = new Float64Array(8);
    const sums = new Float64Array(8);
    for (let b = 1; b <= 5; b++) {
      counts[b] = 5;
      sums[b] = 5 * b;
    }
    const out = new Float64Array(5);
    incomeQuintileShares(counts, sums, out);
    expect(Array.from(out).map((x) => x * 15)).toEqual([1, 2, 3, 4, 5].map((x) => expect.closeTo(x, 12)));
    // Equal incomes in one bin: equal shares.
    counts.fill(0);
    sums.fill(0);
    counts[3] = 10;
    sums[3] = 70;
    incomeQuintileShares(counts, sums, out);
    for (const x of out) expect(x).toBeCloseTo(0.2, 12);
  });
});

describe("automation in the economy", () => {
  it("keeps the books balanced with automation, retraining and limited benefits", () => {
    const run = runInMemory(
      small("configs/scenarios/fast-automation.json", 3, [
        "government.retraining.enabled=true",
        "government.benefitDurationMonths=6",
      ]),
    );
    const s = run.series;
    const sectors = Object.keys(s).filter((k) => k.startsWith("nfw_"));
    for (let t = 0; t < s.tick.length; t++) {
      let sum = 0;
      for (const k of sectors) sum += s[k][t];
      expect(Math.abs(sum)).toBeLessThan(1e-9 * s.grossFinancialAssets[t]);
    }
    // Automation really happened, after the chain's start only: 2.8 % of tasks by the run's end since stop 41
    // (the chain's stories re-rated by end users' spending in baseline-2025: the build-out busts and AI capability
    // reaches 1.86, not 3.13), 5.5 % before.
    expect(s.automatedTaskShare[5]).toBe(0);
    expect(Math.max(...s.automatedTaskShare)).toBeGreaterThan(0.02);
    expect(Math.max(...s.displacedByAutomation)).toBeGreaterThan(0);
    expect(Math.max(...s.aiCapabilityIndex)).toBeGreaterThan(1);
    for (let t = 0; t < s.tick.length; t++) {
      let q = 0;
      for (let k = 1; k <= 5; k++) q += s[`incomeShareQ${k}`][t];
      expect(q).toBeCloseTo(1, 9);
      expect(s.incomeShareQ1[t]).toBeLessThanOrEqual(s.incomeShareQ5[t]);
    }
  });

  it("fast automation: more unemployment, a lower labour share, and displaced workers unemployed longer (10 seeds)", () => {
    const seeds = Array.from({ length: 10 }, (_, i) => i + 1);
    // Two years after the chain's start (2025-11, tick 265 after the twenty-two-year burn-in).
    const from = chainStartTick(scenario("configs/scenarios/fast-automation.json", 1)) - 1 + 24;
    const outcome = (file: string) =>
      seeds.map((seed) => {
        const s = runInMemory(scenario(file, seed)).series;
        return {
          unemployment: mean(s.unemploymentRate, from),
          laborShare: mean(s.laborShare, from),
          spellDisplaced: s.spellMonthsDisplaced,
          spellOther: s.spellMonthsOther,
        };
      });
    const fast = outcome("configs/scenarios/fast-automation.json");
    const slow = outcome("configs/scenarios/slow-automation.json");
    // Paired by seed (the same seeds, so the same draws of everything the two scenarios share): the mean of the
    // per-seed differences and its standard error. Until stop 40 the standard error was the unpaired one of the
    // difference of the two 10-seed means, √((sd_a² + sd_b²)/n): with the chain's value ramped in over the warm-up
    // (aiChain.warmUpValueRampMonths) unemployment's gap was 0.56 pp against 3 × 0.22 unpaired; paired it is 0.56 ± 0.07 pp (8 SE) and the labour
    // share's 1.99 ± 0.14 pp.
    const gap = (a: number[], b: number[]) => {
      const d = a.map((x, i) => x - b[i]);
      return { diff: mean(d), se: sd(d) / Math.sqrt(seeds.length) };
    };
    const u = gap(
      fast.map((r) => r.unemployment),
      slow.map((r) => r.unemployment),
    );
    const ls = gap(
      slow.map((r) => r.laborShare),
      fast.map((r) => r.laborShare),
    );
    expect(u.diff).toBeGreaterThan(3 * u.se);
    // 0.4 points at least. Since the central bank can offset the demand loss (issue 16 item 4: a rate
    // channel that outweighs interest income, a learned r*), the gap is mostly the displaced workers'
    // skill mismatch: measured 0.50 ± 0.08 pp (fast 5.50 %, slow 5.00 %) with issue 18's demand and
    // valuation rules (the shrinkage is not yet decomposed); 0.82 ± 0.06 pp before (2.8 pp when the rate
    // sat at its floor).
    expect(u.diff).toBeGreaterThan(0.004);
    expect(ls.diff).toBeGreaterThan(3 * ls.se);
    expect(ls.diff).toBeGreaterThan(0.01);
    // Spell lengths in fast automation, per seed averaged over the months in which both kinds of spell ended.
    const longer = fast.map((r) => {
      let d = 0;
      let o = 0;
      let n = 0;
      for (let t = from; t < r.spellDisplaced.length; t++) {
        if (r.spellDisplaced[t] <= 0 || r.spellOther[t] <= 0) continue;
        d += r.spellDisplaced[t];
        o += r.spellOther[t];
        n++;
      }
      return n > 0 ? (d - o) / n : 0;
    });
    const spell = gap(longer, new Array(seeds.length).fill(0));
    expect(spell.diff).toBeGreaterThan(3 * spell.se);
    expect(spell.diff).toBeGreaterThan(0.5);
  });
});
