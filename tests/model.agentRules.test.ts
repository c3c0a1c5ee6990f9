// Rule-level tests (issue 20 item 5) for the utility, the government, the
// private-credit fund and the AI chain's cash and order rules, each on a
// hand-built record and the schema's default parameters — no model is built.
// The rules are the pure parts of the month's phases: planUtility →
// planCapacityOrder, planPurchases → realPurchases, financeGovernment →
// billFinancing, markFund → updateFund; the chain's attribution pool,
// ordersFrom, monthlyOutgoings and updateDealAnchors already took sub-records.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config/index.ts";
import { payOutOfChain, tagInflow, tagOutflow } from "../src/model/agents/aiChain/attribution.ts";
import { monthlyOutgoings, ordersFrom, updateDealAnchors } from "../src/model/agents/aiChain/circular.ts";
import { updateFund } from "../src/model/agents/fund.ts";
import { billFinancing, realPurchases } from "../src/model/agents/government.ts";
import { type CapacityOrderInputs, createUtility, planCapacityOrder } from "../src/model/agents/utility.ts";
import { type AiChain, type Fund, Role, SOURCE_COUNT, Source } from "../src/model/state.ts";

const config = defaultConfig();

describe("the utility's capacity order (planCapacityOrder)", () => {
  const p = { ...config.power, maxOrderGwYearly: 1e9 };
  const lifeMonths = p.lifeYears * 12;
  /** An active utility of 100 GW of base load and 20 GW of data centres, at the calibrated start. */
  function utility() {
    return createUtility(config, 1, 20, 1e12, 2, true);
  }
  const after: CapacityOrderInputs = {
    warmUp: false,
    tick: 200,
    capitalGoodsPrice: 1,
    dataCentrePipelineGw: 0,
    scale: 1,
  };

  it("in the warm-up replaces only what wears out, at the capital-goods price", () => {
    const u = utility();
    planCapacityOrder(u, p, { ...after, warmUp: true, capitalGoodsPrice: 1.2 });
    expect(u.orderGw).toBeCloseTo(u.capacityGw / lifeMonths, 12);
    expect(u.capexBudget).toBeCloseTo(u.orderGw * p.costPerGwUsdBn * 1e9 * 1.2, 3);
  });

  it("with capacity to spare orders replacements and the base load's trend, no more", () => {
    const u = utility();
    u.pipelineGw.fill(1e4); // far more under construction than any load needs
    planCapacityOrder(u, p, after);
    const trend = (u.baseLoadGw * p.baseLoadGrowthYearly) / 12 / p.targetUtilization;
    expect(u.orderGw).toBeCloseTo(u.capacityGw / lifeMonths + trend, 12);
  });

  it("closes investmentResponseYearly of the gap a year: each GW of data centres under construction adds its forecast weight", () => {
    const u = utility();
    u.pipelineGw.fill(0); // a gap for sure
    planCapacityOrder(u, p, after);
    const without = u.orderGw;
    planCapacityOrder(u, p, { ...after, dataCentrePipelineGw: 10 });
    const perGw = (p.dataCentreForecastWeight * p.investmentResponseYearly) / 12 / p.targetUtilization;
    expect(u.orderGw - without).toBeCloseTo((10 * perGw) / (1 - p.publicBuildoutShare), 9);
  });

  it("a public share of the cost closes the gap faster in proportion; the yearly cap binds", () => {
    const u = utility();
    u.pipelineGw.fill(0);
    planCapacityOrder(u, { ...p, publicBuildoutShare: 0 }, after);
    const own = u.orderGw;
    planCapacityOrder(u, { ...p, publicBuildoutShare: 0.5 }, after);
    const base =
      u.capacityGw / lifeMonths + (u.baseLoadGw * p.baseLoadGrowthYearly) / 12 / p.targetUtilization;
    expect(u.orderGw - base).toBeCloseTo(2 * (own - base), 9);
    planCapacityOrder(u, { ...p, maxOrderGwYearly: 1.2 }, { ...after, scale: 10 });
    expect(u.orderGw).toBeCloseTo(1, 12); // 1.2 GW a year × scale 10 / 12 months
  });
});

describe("the government's rules", () => {
  const g = { ...config.government, spendingShareOfGdp: 0.2, fiscalRuleStrength: 0.5, debtTargetToGdp: 1 };
  it("realPurchases: the base share of initial output at the debt target, cut above it, raised below it", () => {
    // Potential: 12 months × 1000 a household × 100 households × price 1 = 1.2 M.
    const atTarget = realPurchases(g, 1000, 100, 1, 1.2e6);
    expect(atTarget).toBeCloseTo(0.2 * 1000 * 100, 9);
    expect(realPurchases(g, 1000, 100, 1, 1.44e6)).toBeCloseTo(atTarget * (1 - 0.5 * 0.2), 9);
    expect(realPurchases(g, 1000, 100, 1, 0.96e6)).toBeCloseTo(atTarget * (1 + 0.5 * 0.2), 9);
    // Debt is measured against potential at today's prices: doubling prices halves the ratio.
    expect(realPurchases(g, 1000, 100, 2, 2.4e6)).toBeCloseTo(atTarget, 9);
  });

  it("billFinancing: issues the shortfall to the buffer, redeems above twice it within the central bank's bills", () => {
    expect(billFinancing(40, 100, 1, 1e3)).toBe(60);
    expect(billFinancing(150, 100, 1, 1e3)).toBe(0); // between the target and twice it: nothing
    expect(billFinancing(250, 100, 1, 1e3)).toBe(-150); // back down to the target
    expect(billFinancing(250, 100, 1, 30)).toBe(-30); // only what the central bank holds
    expect(billFinancing(250, 100, 1, 0)).toBe(0);
  });
});

describe("the private-credit fund (updateFund)", () => {
  const fin = {
    ...config.aiChain.finance,
    fundFlowSmoothing: 1,
    fundFlowSensitivity: 2,
    fundOutflowAsymmetry: 2,
    fundRedemptionGateMonthly: 0.05,
    fundMaxInflowMonthly: 0.03,
    redemptionWaveShare: 0.02,
  };
  function fund(): Fund {
    return {
      bank: 0,
      deposits: 200,
      loans: 800,
      sharesHeld: Float64Array.of(10, 5),
      nav: 0,
      distributionDue: 0,
      income: 40,
      creditIncome: 0,
      creditLosses: 0,
      excessReturnSmoothed: 0,
      netFlowDue: 0,
      netFlow: 0,
      redemptionWave: 0,
    };
  }
  const price = Float64Array.of(3, 4);

  it("marks its value at the chain's prices and distributes all its income before the chain starts (half once it acts: the next test), and takes no subscriptions or redemptions before it", () => {
    const f = fund();
    f.creditLosses = 100;
    expect(updateFund(f, price, 2, false, 0.04, fin)).toBe(false);
    expect(f.nav).toBe(200 + 800 + 10 * 3 + 5 * 4);
    expect(f.distributionDue).toBe(40); // the warm-up's dividends pass straight on (agents/aiChain/warmUp.ts)
    expect(f.income).toBe(0);
    expect(f.netFlowDue).toBe(0);
    expect(f.creditLosses).toBe(100); // not consumed before the chain starts
  });

  it("redeems after a loss, within the gate and from the cash left after the distribution; a wave starts once", () => {
    const f = fund();
    f.creditLosses = 50; // −5 % on a book of 1 000
    expect(updateFund(f, price, 2, true, 0, fin)).toBe(true);
    // Share: max(−gate, 2 × 2 × −0.05) = −0.05 of the book, i.e. 50, which the cash covers.
    expect(f.netFlowDue).toBeCloseTo(-50, 9);
    expect(f.distributionDue).toBeCloseTo(20 + 50, 9);
    expect(f.redemptionWave).toBe(1);
    f.creditLosses = 50;
    expect(updateFund(f, price, 2, true, 0, fin)).toBe(false); // the wave goes on, it does not start again
    // Cash short of the gate: redemptions are what deposits hold beyond the distribution.
    const poor = fund();
    poor.deposits = 30;
    poor.creditLosses = 50;
    updateFund(poor, price, 2, true, 0, fin);
    expect(poor.netFlowDue).toBeCloseTo(-(30 - 20), 9); // the distribution takes min(30, 0.5 × 40) first
  });

  it("takes subscriptions after a return above deposits, capped at the largest inflow", () => {
    const f = fund();
    f.creditIncome = 10; // +1 % a month against a 0 % deposit rate
    updateFund(f, price, 2, true, 0, fin);
    expect(f.netFlowDue).toBeCloseTo(0.02 * 1000, 9);
    f.creditIncome = 100;
    updateFund(f, price, 2, true, 0, fin);
    expect(f.netFlowDue).toBeCloseTo(0.03 * 1000, 9);
    expect(f.redemptionWave).toBe(0);
  });
});

/** A hand-built chain of a chip maker (0), a neocloud (1) and a lab (2): only the fields the rules read. */
function chain(): AiChain {
  const n = 3;
  return {
    n,
    role: Int8Array.of(Role.chip, Role.neocloud, Role.modelLab),
    cashBySource: new Float64Array(n * SOURCE_COUNT),
    // The lab owes the neocloud 10 a month (started), the neocloud owes the chip maker 4 (started)
    // and 7 more from next year (not started).
    contractBuyer: Int32Array.of(2, 1, 1),
    contractSeller: Int32Array.of(1, 0, 0),
    contractMonthly: Float64Array.of(10, 4, 7),
    contractMonthsLeft: Int32Array.of(12, 12, 24),
    contractStart: Int32Array.of(0, 0, 13),
    capex: Float64Array.of(0, 20, 0),
    labOpex: Float64Array.of(0, 0, 3),
    opexShare: Float64Array.of(0.1, 0.2, 0),
    revenueHistory: new Float64Array(n * 13).fill(50),
    interestPaid: Float64Array.of(0, 1, 0),
    electricityPaid: Float64Array.of(0, 2, 0),
    price: Float64Array.of(100, 40, 10),
    dealPriceAnchor: Float64Array.of(80, 40, 20),
  } as unknown as AiChain;
}

describe("the AI chain's cash pools and orders", () => {
  it("a payment out of a firm carries its pool's mix; an empty pool pays out of 'other'", () => {
    const c = chain();
    tagInflow(c, 1, Source.endUser, 30);
    tagInflow(c, 1, Source.debt, 10);
    const out = new Float64Array(SOURCE_COUNT);
    tagOutflow(c, 1, 8, out);
    expect(Array.from(out)).toEqual([6, 0, 2, 0]);
    expect(c.cashBySource[1 * SOURCE_COUNT + Source.endUser]).toBe(24);
    payOutOfChain(c, 1, 16);
    expect(c.cashBySource[1 * SOURCE_COUNT + Source.endUser]).toBe(12);
    expect(c.cashBySource[1 * SOURCE_COUNT + Source.debt]).toBe(4);
    tagOutflow(c, 0, 5, out);
    expect(Array.from(out)).toEqual([0, 0, 0, 5]);
  });

  it("orders from a chip maker: a cloud's GPU capex at least its GPU contracts; a lab's compute has GPU content", () => {
    const c = chain();
    const gpuShare = 0.6;
    // Neocloud: max(started GPU contracts 4, capex 20 × 0.6 = 12).
    expect(ordersFrom(c, 1, gpuShare, 0, 1)).toBeCloseTo(12, 12);
    c.capex[1] = 5;
    expect(ordersFrom(c, 1, gpuShare, 0, 1)).toBe(4);
    // Lab: no direct GPU contracts; 0.6 × its compute instalments of 10.
    expect(ordersFrom(c, 1, gpuShare, 0, 2)).toBeCloseTo(6, 12);
    // From a cloud only the contracts count.
    expect(ordersFrom(c, 1, gpuShare, 1, 2)).toBe(10);
    // A contract not yet started is not an order: from tick 13 the neocloud's GPU contracts are 11.
    c.capex[1] = 0;
    expect(ordersFrom(c, 13, gpuShare, 0, 1)).toBe(11);
  });

  it("counts the GPU part of capex once with GPU contracts in a firm's monthly outgoings", () => {
    const c = chain();
    // Contracts 4 + capex 20 − min(12, 4) + opex 0.2 × 50 + interest 1 + power 2.
    expect(monthlyOutgoings(c, 1, 1, 0.6)).toBeCloseTo(4 + 20 - 4 + 10 + 1 + 2, 12);
    // Lab: its instalments and its own costs.
    expect(monthlyOutgoings(c, 1, 2, 0.6)).toBeCloseTo(10 + 3, 12);
  });

  it("moves the deal rule's price anchors 1/memory of the way to the price", () => {
    const c = chain();
    updateDealAnchors(c, 4);
    expect(Array.from(c.dealPriceAnchor)).toEqual([85, 40, 17.5]);
    updateDealAnchors(c, 0); // a memory under a month is one month
    expect(Array.from(c.dealPriceAnchor)).toEqual([100, 40, 10]);
  });
});
