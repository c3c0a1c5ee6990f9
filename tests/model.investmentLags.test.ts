// The irf29 pass's investment rules on hand-built numbers and a hand-built
// state of three firms: adjustment costs (partial adjustment of the
// investment rate, firms.consumption.investmentAdjustmentMonths) and the user
// cost of capital (the real-rate gap term, firms.consumption.investmentRateSensitivity).
import { describe, expect, it } from "vitest";
import {
  adjustedInvestmentRate,
  desiredCapacityGrowth,
  InvestArgs,
  type InvestmentRule,
  investKernel,
  investmentRealRateGap,
} from "../src/model/agents/firms.ts";
import { ARG_SLOTS, type SliceView } from "../src/model/passes.ts";

describe("adjustedInvestmentRate (adjustment costs)", () => {
  it("is the desired rate at 0 months (off)", () => {
    expect(adjustedInvestmentRate(0.01, 0.02, 0)).toBe(0.02);
  });

  it("closes 1/(1 + L) of the gap each month", () => {
    expect(adjustedInvestmentRate(0.01, 0.02, 9)).toBeCloseTo(0.011, 15);
    expect(adjustedInvestmentRate(0.02, 0.01, 4)).toBeCloseTo(0.018, 15);
  });

  it("reaches a desired rate held for good, with (1 − 1/(1 + L))^n of the gap left after n months", () => {
    let rate = 0.01;
    for (let n = 0; n < 12; n++) rate = adjustedInvestmentRate(rate, 0.02, 3);
    expect(0.02 - rate).toBeCloseTo(0.01 * 0.75 ** 12, 15);
    for (let n = 0; n < 600; n++) rate = adjustedInvestmentRate(rate, 0.02, 3);
    expect(rate).toBeCloseTo(0.02, 12);
  });
});

describe("the user cost of capital", () => {
  it("investmentRealRateGap is the policy rate less expected inflation less the neutral real rate", () => {
    expect(investmentRealRateGap(0.04, 0.02, 0.005)).toBeCloseTo(0.015, 15);
    expect(investmentRealRateGap(0.025, 0.02, 0.005)).toBeCloseTo(0, 15);
  });

  it("desiredCapacityGrowth falls by γr × the gap, and the term is absent at γr 0", () => {
    const rule: InvestmentRule = {
      profit: 0.05,
      utilization: 0.15,
      accelerator: 0.5,
      credit: 2,
      rate: 3,
      normalProfitRate: 0.1,
      targetUtilization: 0.8,
    };
    const delta = 0.1 / 12;
    expect(desiredCapacityGrowth(rule, 0.1, 0.8, 0, 0, 0, delta, 0.01)).toBeCloseTo(-0.03, 15);
    expect(desiredCapacityGrowth(rule, 0.1, 0.8, 0, 0, 0, delta, -0.01)).toBeCloseTo(0.03, 15);
    expect(desiredCapacityGrowth({ ...rule, rate: 0 }, 0.1, 0.8, 0, 0, 0, delta, 0.01)).toBe(0);
    // Bounded like the other terms: no faster shrinking than depreciation.
    expect(desiredCapacityGrowth(rule, 0.1, 0.8, 0, 0, 0, delta, 1)).toBeCloseTo(-12 * delta, 15);
  });
});

/** Three consumption firms at normal profit and utilisation, flat expected sales, one bank at the base spread. */
function slice(adjustmentMonths: number, rate: number, rateGap: number): SliceView {
  const args = new Float64Array(ARG_SLOTS);
  InvestArgs.write(args, {
    profit: 0.05,
    utilization: 0.15,
    accelerator: 0.5,
    credit: 2,
    rate,
    rateGap,
    normalProfitRate: 0.1,
    targetUtilization: 0.8,
    delta: 0.01,
    baseSpread: 0.02,
    shock: 0,
    nc: 3,
    adjustmentMonths,
  });
  const firms = {
    age: new Int32Array([0, 1, 10]),
    // Last month's orders: 0 for the entrant, 3 (a rate of 0.03 on capital 100) for the incumbent.
    investmentOrder: new Float64Array([5, 0, 3]),
    profitRate: new Float64Array([0.1, 0.1, 0.1]),
    utilization: new Float64Array([0.8, 0.8, 0.8]),
    capital: new Float64Array([100, 100, 100]),
    expectedSalesGrowth: new Float64Array(3),
    bank: new Uint16Array(3),
  };
  return { firms, work: { args, bankArgs: new Float64Array([0.02]) } } as unknown as SliceView;
}

describe("investKernel with adjustment costs and the user cost (hand-built state)", () => {
  it("off: every firm past entry orders depreciation (desired growth 0), the firm entering this month none", () => {
    const v = slice(0, 0, 0.01);
    investKernel(v, 0, 0, 0, 3);
    expect(Array.from(v.firms.investmentOrder)).toEqual([0, 1, 1]);
  });

  it("with L = 4 the incumbent moves a fifth of the way from last month's rate; the first-order entrant orders the desired rate", () => {
    const v = slice(4, 0, 0);
    investKernel(v, 0, 0, 0, 3);
    const o = v.firms.investmentOrder;
    expect(o[0]).toBe(0);
    expect(o[1]).toBeCloseTo(1, 12);
    // 100 × (0.03 + (0.01 − 0.03) / 5) = 2.6
    expect(o[2]).toBeCloseTo(2.6, 12);
  });

  it("the user cost lowers the desired rate: γr 1.2 on a 1-point gap cuts growth 1.2 % a year, 0.1 % of capital a month", () => {
    const v = slice(0, 1.2, 0.01);
    investKernel(v, 0, 0, 0, 3);
    expect(v.firms.investmentOrder[1]).toBeCloseTo(100 * (0.01 - 0.012 / 12), 12);
    expect(v.firms.investmentOrder[2]).toBeCloseTo(100 * (0.01 - 0.012 / 12), 12);
  });
});
