// The firms' history before the start (src/model/firmHistory.ts;
// initial.firmHistoryYears, initial.firmSizeDispersion): the rules on
// hand-built firm columns, then the start they build.
import { mean, standardDeviation } from "simple-statistics";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config/index.ts";
import { stepFirmProductivity } from "../src/model/agents/firms.ts";
import {
  drawByWeight,
  historySizeLogs,
  runFirmHistory,
  sizeFirmsByHistory,
} from "../src/model/firmHistory.ts";
import { allocFirms, createInitialState } from "../src/model/init.ts";
import { AgentStream, streamKey } from "../src/model/rng.ts";

const PARAMS = {
  productivityDispersionMonthly: 0.005,
  productivityReversionMonthly: 0.0766,
  appealDispersionMonthly: 0.00325,
  appealReversionMonthly: 0,
  productivityBarrier: 0.5,
};

describe("runFirmHistory", () => {
  it("changes nothing over 0 months or with both rules off", () => {
    const f = allocFirms(6, 4, false);
    runFirmHistory(f, PARAMS, 1, 0);
    runFirmHistory(f, { ...PARAMS, productivityDispersionMonthly: 0, appealDispersionMonthly: 0 }, 1, 600);
    expect(Array.from(f.productivity)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(Array.from(f.appeal)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it("is the firms' own monthly rule run month by month on the history's streams", () => {
    const f = allocFirms(5, 3, false);
    runFirmHistory(f, PARAMS, 7, 3);
    const p = new Float64Array(5).fill(1);
    const a = new Float64Array(5).fill(1);
    for (let m = 0; m < 3; m++) {
      const kp = streamKey(7, AgentStream.firmHistoryProductivity, m);
      stepFirmProductivity(p, 0, 3, 0.005, 0.5, kp, 0.0766);
      stepFirmProductivity(p, 3, 5, 0.005, 0.5, kp, 0.0766);
      const ka = streamKey(7, AgentStream.firmHistoryAppeal, m);
      stepFirmProductivity(a, 0, 3, 0.00325, 0.5, ka, 0);
      stepFirmProductivity(a, 3, 5, 0.00325, 0.5, ka, 0);
    }
    expect(Array.from(f.productivity)).toEqual(Array.from(p));
    expect(Array.from(f.appeal)).toEqual(Array.from(a));
    const g = allocFirms(5, 3, false);
    runFirmHistory(g, PARAMS, 8, 3);
    expect(Array.from(g.appeal)).not.toEqual(Array.from(f.appeal));
  });

  it("builds the dispersion of its laws: appeal's walk σ √t, productivity's AR(1) σ / √(1 − (1 − θ)²)", () => {
    // 4 000 firms in one sector, 50 years: appeal's log sd ≈ 0.00325 √600 = 0.0796 (far from the barrier);
    // productivity's stationary log sd ≈ 0.005 / √(1 − 0.9234²) = 0.0130.
    const f = allocFirms(4000, 4000, false);
    runFirmHistory(f, PARAMS, 3, 600);
    const logA = Array.from(f.appeal, Math.log);
    const logP = Array.from(f.productivity, Math.log);
    expect(standardDeviation(logA)).toBeGreaterThan(0.0796 * 0.93);
    expect(standardDeviation(logA)).toBeLessThan(0.0796 * 1.07);
    expect(standardDeviation(logP)).toBeGreaterThan(0.013 * 0.93);
    expect(standardDeviation(logP)).toBeLessThan(0.013 * 1.07);
    // Each sector's mean stays 1 (the rule's normalisation).
    expect(mean(Array.from(f.appeal))).toBeCloseTo(1, 12);
  });
});

describe("historySizeLogs", () => {
  it("gives consumption firms z-scores of log(appeal × productivity) times the dispersion, capital-goods firms 0", () => {
    const f = allocFirms(5, 3, false);
    f.appeal.set([1.1, 1, 0.9, 2, 0.5]);
    f.productivity.set([1, 1, 1, 1.05, 0.95]);
    const out = new Float64Array(5);
    historySizeLogs(f, 0.7, out);
    const c = [Math.log(1.1), 0, Math.log(0.9)];
    const mc = mean(c);
    const sc = Math.sqrt(c.reduce((s, x) => s + (x - mc) ** 2, 0) / 3);
    for (let j = 0; j < 3; j++) expect(out[j]).toBeCloseTo((0.7 * (c[j] - mc)) / sc, 12);
    // Capital-goods firms keep equal sizes (their productivity advantage does not last).
    expect(out[3]).toBe(0);
    expect(out[4]).toBe(0);
  });

  it("gives 0 to firms that are all alike", () => {
    const f = allocFirms(4, 2, false);
    const out = new Float64Array(4).fill(9);
    historySizeLogs(f, 1, out);
    expect(Array.from(out)).toEqual([0, 0, 0, 0]);
  });
});

describe("sizeFirmsByHistory", () => {
  it("scales consumption firms by their standing and sizes capital-goods firms by their buyers, at least a tenth of the mean", () => {
    const f = allocFirms(7, 4, false);
    f.appeal.set([1.2, 1, 1, 0.8, 1, 1, 1]);
    const w = new Float64Array([1, 1.1, 0.9, 1, 1, 1, 1]);
    const logs = new Float64Array(7);
    historySizeLogs(f, 0.5, logs);
    const supplier = [0, 0, 1, 0]; // capital firm 0 sells to consumption firms 0, 1, 3; firm 1 to 2; firm 2 to none
    sizeFirmsByHistory(f, 0.5, w, (j) => supplier[j]);
    const c = [1 * Math.exp(logs[0]), 1.1 * Math.exp(logs[1]), 0.9 * Math.exp(logs[2]), Math.exp(logs[3])];
    for (let j = 0; j < 4; j++) expect(w[j]).toBeCloseTo(c[j], 12);
    expect(w[4]).toBeCloseTo(c[0] + c[1] + c[3], 12);
    expect(w[5]).toBeCloseTo(c[2], 12);
    expect(w[6]).toBeCloseTo((0.1 * (c[0] + c[1] + c[2] + c[3])) / 3, 12);
  });
});

describe("drawByWeight", () => {
  it("draws each slot in proportion to its weight", () => {
    const cdf = new Float64Array([1, 1, 4, 10]); // weights 1, 0, 3, 6
    expect(drawByWeight(cdf, 0)).toBe(0);
    expect(drawByWeight(cdf, 0.099)).toBe(0);
    expect(drawByWeight(cdf, 0.1)).toBe(2);
    expect(drawByWeight(cdf, 0.399)).toBe(2);
    expect(drawByWeight(cdf, 0.4)).toBe(3);
    expect(drawByWeight(cdf, 0.9999)).toBe(3);
  });
});

describe("the start with a firm history", () => {
  const start = (years: number, dispersion: number) => {
    const c = defaultConfig();
    c.households.count = 4000;
    c.firms.appealDispersionMonthly = 0.00325;
    c.initial.firmHistoryYears = years;
    c.initial.firmSizeDispersion = dispersion;
    return createInitialState(c);
  };

  it("is identical firms without it", () => {
    const s = start(0, 0.7);
    expect(new Set(s.firms.appeal).size).toBe(1);
    expect(new Set(s.firms.productivity).size).toBe(1);
  });

  it("sizes firms by their standing, with customers and capital suppliers to match", () => {
    const s = start(55, 0.7);
    const f = s.firms;
    const Fc = f.nConsumption;
    const logY = Array.from(f.output.subarray(0, Fc), Math.log);
    // The ±20 % draw adds ≈ 0.115 to the sd of log size.
    expect(standardDeviation(logY)).toBeGreaterThan(0.65);
    expect(standardDeviation(logY)).toBeLessThan(0.8);
    // The most appealing consumption firm is among the largest.
    let best = 0;
    for (let j = 1; j < Fc; j++)
      if (f.appeal[j] * f.productivity[j] > f.appeal[best] * f.productivity[best]) best = j;
    const rank = logY.filter((y) => y > logY[best]).length;
    expect(rank).toBeLessThan(Fc / 20);
    // Customers in proportion to output: the share of households at each firm against its share of output.
    const customers = new Float64Array(Fc);
    for (let i = 0; i < s.households.n; i++) customers[s.households.supplier[i]]++;
    let total = 0;
    for (let j = 0; j < Fc; j++) total += f.output[j];
    let big = 0;
    for (let j = 1; j < Fc; j++) if (f.output[j] > f.output[big]) big = j;
    expect(customers[big] / s.households.n).toBeGreaterThan((0.7 * f.output[big]) / total);
    // Loans follow size (initial.firmSizeDispersion scales the whole balance sheet).
    expect(f.loans[big] / f.output[big]).toBeCloseTo(f.loans[0] / f.output[0], 6);
    // Each capital-goods firm's output is in proportion to its buyers' output (their replacement demand).
    const buyers = new Float64Array(f.n);
    for (let j = 0; j < Fc; j++) buyers[f.capitalSupplier[j]] += f.output[j];
    for (let k = Fc + 1; k < f.n; k++) {
      if (buyers[k] > 0 && buyers[Fc] > 0)
        expect(f.output[k] / f.output[Fc]).toBeCloseTo(buyers[k] / buyers[Fc], 6);
    }
  });
});
