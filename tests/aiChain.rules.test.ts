// Rules of the AI chain on hand-built records, without building a model
// (issue 20 item 5): capacity that earns, the demand inputs gathered from
// the economy, the price of AI services, the monthly reset, and the month's
// accounts (capacity entering service, depreciation, profit tax through the
// ledger). src/model/agents/aiChain/demand.ts, settlement.ts.
import { describe, expect, it } from "vitest";
import {
  type AiDemandEconomy,
  type AiDemandParams,
  advanceServicesPerGw,
  aiValueForFirms,
  builtCapacity,
  builtServiceCapacity,
  gatherAiDemandInputs,
  liveCapacityGw,
  liveServiceCapacity,
  revenuePerGwMonthly,
  updateServicePrice,
} from "../src/model/agents/aiChain/demand.ts";
import {
  accountChain,
  type ChainAccountParams,
  chainCosts,
  chainGoodsDemand,
  chipImportedShare,
  resetChainFlows,
} from "../src/model/agents/aiChain/settlement.ts";
import { type Books, FlowRow, SECTOR_COUNT, Sector } from "../src/model/ledger.ts";
import type { AiChain } from "../src/model/state.ts";
import { EndUserSegment, Role, SOURCE_COUNT, Source } from "../src/model/state.ts";

const D: AiDemandParams = {
  potentialShareOfGdp: 0.04,
  innovationYearly: 0.01,
  imitationYearly: 0.25,
  capabilityElasticity: 0.5,
  priceElasticity: 1.2,
  householdShare: 0.3,
  governmentShare: 0.1,
  churnYearly: 0.05,
  budgetChurn: 3,
  valueChurn: 1,
  budgetElasticity: 1.5,
  startupShare: 0.4,
};

/** A chain of four firms — a chip maker, a hyperscaler, a neocloud and a lab — with the columns the rules below read. */
function chain(): AiChain {
  const n = 4;
  const f = (...v: number[]) => Float64Array.from(v);
  const b = 3; // build months
  return {
    n,
    role: Uint8Array.from([Role.chip, Role.hyperscaler, Role.neocloud, Role.modelLab]),
    bank: Uint16Array.from([0, 0, 1, 1]),
    defaulted: new Uint8Array(n),
    computeGw: f(5, 10, 4, 3), // chips' and labs' GW are not data centres
    serviceGw: f(5, 12, 4, 3), // the hyperscaler's newer GW serve more (aiChain.capacityTechnologyGrowthYearly)
    servicesPerGw: 1.5,
    initialCapacityGw: 7,
    servicePrice: 1,
    marketCapTotal: 80,
    marketPeak: 100,
    chainStartTick: 12,
    deposits: f(1000, 1000, 1000, 1),
    revenue: f(200, 300, 100, 50),
    endUserRevenue: f(0, 100, 50, 50),
    chainRevenue: f(200, 200, 50, 0),
    revenueBySource: new Float64Array(n * SOURCE_COUNT).fill(1),
    cashBySource: new Float64Array(n * SOURCE_COUNT).fill(250),
    profit: f(1, 1, 1, 1),
    computeCost: f(0, 0, 0, 80),
    accounts: new Float64Array(n * 8).fill(1),
    pipelineGw: new Float64Array(n * b),
    capitalValue: f(100, 1000, 400, 0),
    capex: f(0, 50, 20, 0),
    opexShare: f(0.1, 0.2, 0.2, 0),
    labOpex: f(0, 0, 0, 30),
    interestPaid: f(1, 5, 4, 0),
    electricityPaid: f(0, 10, 4, 0),
    grossMargin: f(0.7, 0, 0, 0),
    otherProfit: f(10, 40, 0, 0),
    revenueHistory: new Float64Array(n * 13),
    endUserSpending: 250,
    endUserHistory: new Float64Array(13),
  } as unknown as AiChain; // only these columns are read or written
}

/** Books of two banks, the central bank and the government around the chain `c`: what a profit-tax payment touches. */
function books(c: AiChain): Books {
  return {
    aiChain: c,
    banks: { deposits: new Float64Array(2).fill(5000), reserves: new Float64Array(2).fill(5000) },
    centralBank: { reserves: 10_000, govAccount: 0 },
    government: { account: 0, taxes: 0 },
    ledger: { flows: new Float64Array(64 * SECTOR_COUNT) },
  } as unknown as Books;
}

function economy(over: Partial<AiDemandEconomy> = {}): AiDemandEconomy {
  return {
    tick: 20,
    poweredShare: 0.5,
    macro: { gdpNominalSmoothed: 25_000, consumptionNominal: 15_000, wagesPaid: 8_000, employment: 100 },
    firms: { n: 3, earnings: Float64Array.from([100, -20, 50, 999]) }, // the slot past n is not a firm
    government: { purchases: 5_000 },
    automation: { capabilityIndex: 2, referenceWage: 40 },
    ...over,
  };
}

describe("capacity that earns (demand.ts)", () => {
  it("built capacity counts live clouds only; live capacity is what the grid powers", () => {
    const c = chain();
    expect(builtCapacity(c)).toBe(14);
    c.defaulted[2] = 1; // a neocloud in default this month
    expect(builtCapacity(c)).toBe(10);
    expect(liveCapacityGw(c, 0.25)).toBe(2.5);
  });

  it("a model-GW earns the configured yearly revenue, a twelfth a month", () => {
    expect(revenuePerGwMonthly({ revenuePerGwUsdBnYearly: 12 })).toBe(1e9);
  });
});

describe("demand inputs gathered from the economy (gatherAiDemandInputs)", () => {
  const p = { demand: D, automationEnabled: false };

  it("capability is live over initial capacity; budgets are consumption, firms' earnings, government purchases", () => {
    const x = gatherAiDemandInputs(chain(), economy(), p);
    expect(x.capability).toBeCloseTo(7 / 7, 12); // 14 GW built × half powered ÷ 7 at the start
    expect(Array.from(x.budgets)).toEqual([15_000, 130, 5_000]);
    expect(x.equityRatio).toBeCloseTo(0.8, 12);
    expect(x.first).toBe(false);
    expect(gatherAiDemandInputs(chain(), economy({ tick: 12 }), p).first).toBe(true);
  });

  it("a dollar of AI is worth capability^elasticity ÷ price, to firms the wage it saves when automation is on", () => {
    const c = chain();
    c.servicePrice = 2;
    const e = economy({ poweredShare: 2 }); // capability 4
    const off = gatherAiDemandInputs(c, e, p);
    expect(off.valuePerDollar[EndUserSegment.households]).toBeCloseTo(4 ** 0.5 / 2, 12);
    expect(off.valuePerDollar[EndUserSegment.firms]).toBeCloseTo(1, 12);
    const on = gatherAiDemandInputs(c, e, { demand: D, automationEnabled: true });
    // capability index 2 × wage 80 ÷ (reference wage 40 × price 2)
    expect(on.valuePerDollar[EndUserSegment.firms]).toBeCloseTo(2, 12);
    expect(on.valuePerDollar[EndUserSegment.government]).toBeCloseTo(1, 12);
    const noJobs = { wagesPaid: 0, employment: 0 };
    expect(aiValueForFirms({ capabilityIndex: 2, referenceWage: 40 }, true, noJobs, 2, 3)).toBe(1.5);
  });

  it("each month gets a fresh record: no inputs carry over between calls", () => {
    const a = gatherAiDemandInputs(chain(), economy(), p);
    const b = gatherAiDemandInputs(chain(), economy({ government: { purchases: 1 } }), p);
    expect(a.budgets).not.toBe(b.budgets);
    expect(a.budgets[EndUserSegment.government]).toBe(5_000);
  });
});

describe("price of AI services (updateServicePrice)", () => {
  const ai = { priceAdjustment: 0.1, targetUtilization: 0.8, revenuePerGwUsdBnYearly: 12e-9 }; // 1 a GW-month
  it("rises when capacity is used above target, falls below, within [0.05, 10] at the start's technology", () => {
    const c = chain();
    c.servicesPerGw = 1;
    updateServicePrice(c, 10, 9, ai); // utilisation 0.9
    expect(c.servicePrice).toBeCloseTo(1.01, 12);
    c.servicePrice = 1;
    updateServicePrice(c, 10, 5, ai); // utilisation 0.5
    expect(c.servicePrice).toBeCloseTo(0.97, 12);
    c.servicePrice = 0.05;
    updateServicePrice(c, 10, 0, ai);
    expect(c.servicePrice).toBe(0.05);
    c.servicePrice = 1;
    updateServicePrice(c, 0, 0, ai); // no live capacity counts as full use
    expect(c.servicePrice).toBeCloseTo(1.02, 12);
  });
});

describe("technology in capacity (capacityTechnologyGrowthYearly)", () => {
  it("the frontier grows by (1 + g)^(1/12) a month: twelve months at g = 1 double it; g = 0 leaves it", () => {
    let e = 1;
    for (let k = 0; k < 12; k++) e = advanceServicesPerGw(e, 1);
    expect(e).toBeCloseTo(2, 12);
    expect(advanceServicesPerGw(1.7, 0)).toBe(1.7);
  });

  it("service capacity counts the clouds' serviceGw, not their GW, nor chips, labs or firms in default", () => {
    const c = chain();
    expect(builtServiceCapacity(c)).toBe(16); // hyperscaler 12 + neocloud 4
    expect(builtCapacity(c)).toBe(14);
    expect(liveServiceCapacity({ aiChain: c, utility: { poweredShare: 0.5 } })).toBe(8);
    c.defaulted[1] = 1;
    expect(builtServiceCapacity(c)).toBe(4);
  });

  it("a glut of service capacity lowers the price: the same sales on more services per GW", () => {
    const ai = { priceAdjustment: 0.1, targetUtilization: 0.8, revenuePerGwUsdBnYearly: 12e-9 }; // 1 a GW-month
    const c = chain();
    updateServicePrice(c, 10, 8, ai); // 10 service-GW at the start's technology: utilisation 0.8, price stays
    expect(c.servicePrice).toBeCloseTo(1, 12);
    updateServicePrice(c, 20, 8, ai); // the same GW serving twice as much: utilisation 0.4
    expect(c.servicePrice).toBeCloseTo(0.96, 12);
  });

  it("the price's floor falls with the frontier: 0.05 of the start's price per GW, not per unit of service", () => {
    const ai = { priceAdjustment: 0.1, targetUtilization: 0.8, revenuePerGwUsdBnYearly: 12e-9 };
    const c = chain();
    c.servicesPerGw = 8; // three years at g = 1: a GW built now serves 8 times the start's
    c.servicePrice = 0.05;
    updateServicePrice(c, 10, 0, ai); // idle: −8 % a month, below the old floor of 0.05
    expect(c.servicePrice).toBeCloseTo(0.046, 12);
    c.servicePrice = 0.05 / 8;
    updateServicePrice(c, 10, 0, ai);
    expect(c.servicePrice).toBeCloseTo(0.05 / 8, 15);
  });
});

describe("monthly reset (resetChainFlows)", () => {
  it("zeroes the month's flows and defaults, and leaves the stocks", () => {
    const c = chain();
    c.defaulted[1] = 1;
    resetChainFlows(c);
    for (const col of [
      c.revenue,
      c.endUserRevenue,
      c.chainRevenue,
      c.revenueBySource,
      c.profit,
      c.computeCost,
    ])
      expect(Array.from(col).every((v) => v === 0)).toBe(true);
    expect(Array.from(c.defaulted)).toEqual([0, 0, 0, 0]);
    expect(Array.from(c.accounts).every((v) => v === 0)).toBe(true);
    expect(Array.from(c.deposits)).toEqual([1000, 1000, 1000, 1]);
    expect(c.computeGw[1]).toBe(10);
  });
});

describe("the month's accounts (accountChain)", () => {
  const p: ChainAccountParams = {
    ai: { buildMonths: 3, gpuLifeMonths: 60, gpuShareOfCost: 0.6, buildingLifeMonths: 240 },
    profitTaxRate: 0.2,
  };

  it("capacity ordered buildMonths ago enters service; capacity and book value depreciate", () => {
    const c = chain();
    const tick = 20;
    c.pipelineGw[1 * 3 + (tick % 3)] = 2;
    const b = books(c);
    accountChain(c, b.government, 1, tick, p, b);
    expect(c.computeGw[1]).toBeCloseTo(10 * (1 - 1 / 60) + 2, 12);
    // The entering GW carry this month's technology (1.5); the older ones keep theirs and retire alike.
    expect(c.serviceGw[1]).toBeCloseTo(12 * (1 - 1 / 60) + 2 * 1.5, 12);
    expect(c.pipelineGw[1 * 3 + (tick % 3)]).toBe(0);
    const depreciation = 1000 * (0.6 / 60 + 0.4 / 240);
    expect(c.capitalValue[1]).toBeCloseTo(1000 + 50 - depreciation, 9);
  });

  it("profit is revenue and other business less costs; tax is paid through the ledger to the government", () => {
    const c = chain();
    const b = books(c);
    const priceIndex = 1.5;
    accountChain(c, b.government, priceIndex, 20, p, b);
    const depreciation = 1000 * (0.6 / 60 + 0.4 / 240);
    const costs = 0.2 * 300 + 5 + depreciation + 10;
    const pretax = 300 + 40 * priceIndex - costs;
    expect(c.profit[1]).toBeCloseTo(pretax * 0.8, 9);
    expect(c.deposits[1]).toBeCloseTo(1000 - pretax * 0.2, 9);
    expect(c.revenueHistory[1 * 13 + (20 % 13)]).toBe(300);
    // End users' spending goes on its own ring, in the same slot (valuation.ts endUserGrowth).
    expect(c.endUserHistory[20 % 13]).toBe(250);
    // Chip makers also bear their cost of goods (1 − gross margin of revenue).
    expect(chainCosts(c, 0, 0)).toBeCloseTo(0.1 * 200 + 1 + 0.3 * 200, 12);
    // A loss (the lab's) is not taxed.
    expect(c.profit[3]).toBeCloseTo(50 - 30 - 80, 12);
    const taxes = [0, 1, 2].reduce((s, i) => s + (c.profit[i] > 0 ? c.profit[i] / 0.8 - c.profit[i] : 0), 0);
    expect(b.government.taxes).toBeCloseTo(taxes, 9);
    expect(b.government.account).toBeCloseTo(taxes, 9);
    expect(b.ledger.flows[FlowRow.profitTaxes * SECTOR_COUNT + Sector.aiChain]).toBeCloseTo(-taxes, 9);
    // The taxed cash leaves the chain in proportion to its sources (attribution.ts).
    expect(c.cashBySource[1 * SOURCE_COUNT + Source.endUser]).toBeCloseTo(250 - (pretax * 0.2) / 4, 9);
  });

  it("a firm whose deposits do not cover the tax pays none", () => {
    const c = chain();
    c.deposits[2] = 1;
    const b = books(c);
    accountChain(c, b.government, 1, 20, p, b);
    const depreciation = 400 * (0.6 / 60 + 0.4 / 240);
    expect(c.profit[2]).toBeCloseTo(100 - (0.2 * 100 + 4 + depreciation + 4), 9);
    expect(c.deposits[2]).toBe(1);
  });

  it("a defaulted firm books nothing this month, and its revenue history slot is 0", () => {
    const c = chain();
    c.defaulted[2] = 1;
    c.revenueHistory[2 * 13 + 7] = 99;
    const b = books(c);
    accountChain(c, b.government, 1, 20, p, b);
    expect(c.revenueHistory[2 * 13 + 7]).toBe(0);
    expect(c.computeGw[2]).toBe(4);
    expect(c.profit[2]).toBe(1);
  });
});

describe("the chain's purchases from the economy and from abroad (chainGoodsDemand)", () => {
  const wants = (n: number) => ({
    capital: new Float64Array(n),
    consumption: new Float64Array(n),
    chipInputs: new Float64Array(n),
    imports: new Float64Array(n),
  });
  const ai = { gpuShareOfCost: 0.7, gpuImportShare: 0.25 };

  it("the imported share of a chip maker's sales is at most its cost of goods", () => {
    expect(chipImportedShare(0.28, 0.25)).toBe(0.25);
    expect(chipImportedShare(0.2, 0.25)).toBe(0.2);
    expect(chipImportedShare(0.3, 0)).toBe(0);
  });

  it("the chip maker buys abroad the imported content and at home only the rest of its cost of goods", () => {
    const c = chain();
    const tick = 20;
    const slot = (tick - 1 + 13) % 13;
    c.revenueHistory[0 * 13 + slot] = 100; // the chip maker's sales last month
    c.revenueHistory[1 * 13 + slot] = 300;
    const out = wants(c.n);
    chainGoodsDemand({ aiChain: c, config: { aiChain: ai }, tick }, out);
    // Gross margin 0.7: cost of goods 30 of sales 100; 25 imported, 5 domestic (capital goods).
    expect(out.imports[0]).toBeCloseTo(25, 12);
    expect(out.chipInputs[0]).toBeCloseTo(5, 12);
    expect(out.capital[0]).toBeCloseTo(5, 12); // no capex of its own
    expect(out.consumption[0]).toBeCloseTo(0.1 * 100, 12);
    // Others import nothing: the hyperscaler's buildings (30 % of capex 50) and opex (20 % of 300).
    expect(out.imports[1]).toBe(0);
    expect(out.capital[1]).toBeCloseTo(0.3 * 50, 12);
    expect(out.consumption[1]).toBeCloseTo(0.2 * 300, 12);
    // Without imported content the whole cost of goods is domestic.
    const home = wants(c.n);
    chainGoodsDemand({ aiChain: c, config: { aiChain: { ...ai, gpuImportShare: 0 } }, tick }, home);
    expect(home.imports[0]).toBe(0);
    expect(home.chipInputs[0]).toBeCloseTo(30, 12);
  });

  it("short of cash, imports are scaled down with the rest: all of it within half the cash", () => {
    const c = chain();
    const tick = 20;
    c.revenueHistory[0 * 13 + ((tick - 1 + 13) % 13)] = 100;
    c.deposits[0] = 40; // wants 5 + 25 + 10 = 40; half the cash is 20
    const out = wants(c.n);
    chainGoodsDemand({ aiChain: c, config: { aiChain: ai }, tick }, out);
    expect(out.capital[0] + out.consumption[0] + out.imports[0]).toBeCloseTo(20, 12);
    expect(out.imports[0]).toBeCloseTo(12.5, 12);
    c.defaulted[0] = 1;
    chainGoodsDemand({ aiChain: c, config: { aiChain: ai }, tick }, out);
    expect(out.imports[0]).toBe(0);
  });
});
