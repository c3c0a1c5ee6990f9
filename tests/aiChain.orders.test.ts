// Capacity orders that respond to funding conditions and to utilisation (issue 18 items 1 and 7; schema
// aiChain.orders; src/model/agents/aiChain/plans.ts), and the chain's loss premium in the non-AI sector's
// discount rate (src/model/markets/equity.ts marketLossPremium) and the credit premium (creditPremium). Pure rules on numbers, then planChain on a
// hand-built three-firm chain.
import { describe, expect, it } from "vitest";
import { defaultConfig, type SpiralConfig } from "../src/config/index.ts";
import { revenuePerGwMonthly } from "../src/model/agents/aiChain/demand.ts";
import {
  capacityOrderFactor,
  ordersEquityReference,
  planChain,
  replacementShare,
} from "../src/model/agents/aiChain/plans.ts";
import { createModel, type ModelState } from "../src/model/index.ts";
import { creditPremium, equityLongRate, marketLossPremium } from "../src/model/markets/equity.ts";
import { chainPowerOutlook } from "../src/model/markets/power.ts";
import { threeChainFirms } from "./helpers/chainStart.ts";
import { chainBuysGoodsOn, valueEquityOn } from "./helpers/phases.ts";

const P = { referenceSpreadBp: 550, spreadSemiElasticity: 0.1, equityElasticity: 1 };

describe("capacityOrderFactor: orders scale with the sector's spread and the chain's market value", () => {
  it("is 1 in calm markets at the peak, whatever the spread below the reference", () => {
    expect(capacityOrderFactor(0, 1, P)).toBe(1);
    expect(capacityOrderFactor(550, 1, P)).toBe(1);
    expect(capacityOrderFactor(300, 1.3, P)).toBe(1); // above the peak counts as at it
  });

  it("cuts orders hard when financing stalls: 1 000 bp above the reference and half the peak leave ≈ 18 %", () => {
    expect(capacityOrderFactor(1550, 1, P)).toBeCloseTo(Math.exp(-1), 12);
    expect(capacityOrderFactor(550, 0.5, P)).toBeCloseTo(0.5, 12);
    expect(capacityOrderFactor(1550, 0.5, P)).toBeCloseTo(0.5 * Math.exp(-1), 12);
    expect(capacityOrderFactor(1550, 0.5, { ...P, equityElasticity: 2 })).toBeCloseTo(
      0.25 * Math.exp(-1),
      12,
    );
  });

  it("falls monotonically as spreads widen and equity falls, and stays within [0, 1]", () => {
    let last = 2;
    for (let bp = 0; bp <= 5000; bp += 250) {
      const f = capacityOrderFactor(bp, 0.8, P);
      expect(f).toBeLessThanOrEqual(last);
      expect(f).toBeGreaterThanOrEqual(0);
      last = f;
    }
    expect(capacityOrderFactor(800, 0, P)).toBe(0);
    expect(capacityOrderFactor(800, -1, P)).toBe(0);
  });

  it("switches off with zero sensitivities, and reads a missing quote as calm", () => {
    expect(capacityOrderFactor(3000, 0.2, { ...P, spreadSemiElasticity: 0, equityElasticity: 0 })).toBe(1);
    expect(capacityOrderFactor(Number.NaN, Number.NaN, P)).toBe(1);
  });
});

describe("ordersEquityReference: the peak the orders compare with fades toward today's value", () => {
  it("starts at the current value, follows new peaks at once and closes 1/memory of the gap below them", () => {
    expect(ordersEquityReference(0, 80, 24)).toBe(80);
    expect(ordersEquityReference(100, 120, 24)).toBe(120);
    expect(ordersEquityReference(100, 50, 24)).toBeCloseTo(100 - 50 / 24, 12);
    // A market that settles at half its peak: after two years the reference has closed ≈ 64 % of the gap,
    // so orders that were cut to half recover to ≈ 73 % (equity elasticity 1).
    let ref = 100;
    for (let t = 0; t < 24; t++) ref = ordersEquityReference(ref, 50, 24);
    expect(ref).toBeCloseTo(50 + 50 * (23 / 24) ** 24, 10);
    expect(50 / ref).toBeGreaterThan(0.7);
    expect(50 / ref).toBeLessThan(0.75);
  });
});

describe("replacementShare: idle capacity is let run down", () => {
  it("replaces all worn-out capacity at or above the target utilisation, in proportion below it", () => {
    expect(replacementShare(0.85, 0.85)).toBe(1);
    expect(replacementShare(1.2, 0.85)).toBe(1);
    expect(replacementShare(0.425, 0.85)).toBeCloseTo(0.5, 12);
    expect(replacementShare(0.026, 0.85)).toBeCloseTo(0.026 / 0.85, 12); // fibre 2.6 % lit
    expect(replacementShare(0, 0.85)).toBe(0);
    expect(replacementShare(-0.1, 0.85)).toBe(0);
  });
});

describe("marketLossPremium: the chain's fall raises the non-AI sector's required return", () => {
  it("adds the loss sensitivity times the chain's drawdown, nothing at the peak or without one", () => {
    expect(marketLossPremium(0.05, 60, 100)).toBeCloseTo(0.02, 12);
    expect(marketLossPremium(0.05, 22, 100)).toBeCloseTo(0.039, 12); // a Nasdaq-sized fall, −78 %
    expect(marketLossPremium(0.05, 100, 100)).toBe(0);
    expect(marketLossPremium(0.05, 120, 100)).toBe(0);
    expect(marketLossPremium(0.05, 50, 0)).toBe(0);
    expect(marketLossPremium(0.05, -5, 100)).toBeCloseTo(0.05, 12); // at most the whole sensitivity
  });
});

describe("creditPremium: the chain's credit spread raises the non-AI sector's required return", () => {
  it("adds the sensitivity times the CDS index above the high-yield average, nothing at or below it", () => {
    expect(creditPremium(0.25, 1150, 550)).toBeCloseTo(0.015, 12); // 600 bp above: 1.5 points
    expect(creditPremium(0.37, 1100, 550)).toBeCloseTo(0.02035, 12); // 2000–02: ≈ 2 points
    expect(creditPremium(0.25, 550, 550)).toBe(0);
    expect(creditPremium(0.25, 300, 550)).toBe(0);
    expect(creditPremium(0, 2000, 550)).toBe(0);
    expect(creditPremium(0.25, Number.NaN, 550)).toBe(0);
  });

  it("valueEquity: a chain CDS index 600 bp above the reference lowers the non-AI market value by the discount ratio", () => {
    function nonAiValue(spreadBp: number): { value: number; m: ModelState } {
      const m = createModel(threeFirms());
      m.tick = 13;
      const c = m.aiChain;
      c.marketPeak = 100;
      c.marketCapTotal = 100; // at its peak: no loss premium
      c.cdsBp.fill(spreadBp);
      c.indexMember.fill(1);
      valueEquityOn(m);
      return { value: m.macro.equityTotal, m };
    }
    const calm = nonAiValue(300);
    const { value: stressed, m } = nonAiValue(1150);
    const cb = m.config.centralBank;
    // The long rate (equityLongRate, tests/aiChain.rates.test.ts) plus the premium.
    const passThrough = m.config.aiChain.valuation.policyPassThrough;
    const calmDiscount =
      equityLongRate(m.centralBank.policyRateYearly, cb, passThrough) +
      m.config.firms.equityRiskPremiumYearly;
    const premium = (m.config.aiChain.valuation.creditPremiumSensitivity * 600) / 1e4;
    expect(calm.value).toBeGreaterThan(0);
    expect(stressed / calm.value).toBeCloseTo(calmDiscount / (calmDiscount + premium), 10);
    expect(stressed / calm.value).toBeLessThan(0.95);
  });

  it("valueEquity: the chain's drawdown raises the non-AI discount by marketLossPremiumSensitivity, not the chain's own loss sensitivity", () => {
    function nonAiValue(cap: number, own: number): { value: number; m: ModelState } {
      const m = createModel(threeFirms());
      m.config.aiChain.valuation.lossPremiumSensitivity = own;
      m.tick = 13;
      const c = m.aiChain;
      c.marketPeak = 100;
      c.marketCapTotal = cap;
      c.cdsBp.fill(300); // below the high-yield average: no credit premium
      c.indexMember.fill(1);
      valueEquityOn(m);
      return { value: m.macro.equityTotal, m };
    }
    const atPeak = nonAiValue(100, 0.05);
    const { value: crashed, m } = nonAiValue(22, 0.05); // the Nasdaq's −78 %
    const cb = m.config.centralBank;
    const discount =
      equityLongRate(m.centralBank.policyRateYearly, cb, m.config.aiChain.valuation.policyPassThrough) +
      m.config.firms.equityRiskPremiumYearly;
    const premium = m.config.aiChain.valuation.marketLossPremiumSensitivity * 0.78;
    expect(premium).toBeGreaterThan(0);
    expect(crashed / atPeak.value).toBeCloseTo(discount / (discount + premium), 10);
    // The chain's own loss sensitivity does not reach the non-AI sector.
    expect(nonAiValue(22, 0.5).value).toBeCloseTo(crashed, 6);
  });
});

// --- planChain on a hand-built chain: a chip maker, a neocloud and a lab (as tests/aiChain.circular.test.ts). ---

const NEO = 1;

function threeFirms(): SpiralConfig {
  const c = threeChainFirms();
  c.aiChain.orders.equityElasticity = 1; // as in configs/scenarios/telecom-1997.json (0 by default)
  return c;
}

/**
 * The neocloud's orders this month, with no backlog and flat revenue (so no planned growth: it orders only
 * the replacement of what wears out), its revenue at `utilization` of what its capacity can sell, the chain
 * at `equityRatio` of its peak market value and every chain firm quoted at `spreadBp`.
 */
function neoOrders(
  utilization: number,
  equityRatio: number,
  spreadBp: number,
): { m: ModelState; capex: number } {
  const m = createModel(threeFirms());
  m.tick = 13;
  const c = m.aiChain;
  c.expectedGrowth[NEO] = 0;
  const revenue = c.computeGw[NEO] * revenuePerGwMonthly(m.config.aiChain) * c.servicePrice * utilization;
  for (let k = 0; k < 13; k++) c.revenueHistory[NEO * 13 + k] = revenue;
  c.marketPeak = 100;
  c.ordersEquityReference = 100; // the running peak the orders compare with
  c.marketCapTotal = 100 * equityRatio;
  c.cdsBp.fill(spreadBp);
  c.indexMember.fill(1);
  planChain(
    m.aiChain,
    chainPowerOutlook(m),
    { tick: m.tick, scale: m.params.scale },
    m.config.aiChain,
    m.events,
  );
  return { m, capex: c.capex[NEO] };
}

describe("planChain: a cloud's orders on a hand-built chain", () => {
  it("at target utilisation in calm markets replaces exactly what wears out", () => {
    const { m, capex } = neoOrders(0.85, 1, 100);
    const ai = m.config.aiChain;
    expect(capex).toBeGreaterThan(0);
    expect(capex).toBeCloseTo((m.aiChain.computeGw[NEO] / ai.gpuLifeMonths) * ai.costPerGwUsdBn * 1e9, 6);
  });

  it("cuts orders to ≈ 18 % when the chain is at half its peak and its CDS index 1 000 bp above the reference", () => {
    const calm = neoOrders(0.85, 1, 100).capex;
    const { m, capex: stalled } = neoOrders(0.85, 0.5, 1550);
    // This month the reference fades 1/24 of the way from the peak (100) toward today's 50.
    const reference = 100 - 50 / m.config.aiChain.orders.equityMemoryMonths;
    expect(m.aiChain.ordersEquityReference).toBeCloseTo(reference, 12);
    expect(stalled / calm).toBeCloseTo((50 / reference) * Math.exp(-1), 10);
    expect(stalled / calm).toBeLessThan(0.19);
  });

  it("replaces only the used part of worn-out capacity when demand falls short", () => {
    const calm = neoOrders(0.85, 1, 100).capex;
    expect(neoOrders(0.425, 1, 100).capex / calm).toBeCloseTo(0.5, 10);
    expect(neoOrders(1.2, 1, 100).capex / calm).toBeCloseTo(1, 10);
  });
});

describe("chainBuysGoods: a capex cut reaches the non-AI capital-goods firms' sales", () => {
  function capitalSales(capexScale: number): { sales: number; investment: number } {
    const m = createModel(threeFirms());
    m.tick = 13;
    const c = m.aiChain;
    c.capex[NEO] = 0.02 * c.deposits[NEO] * capexScale; // well inside its cash, so only the order limits it
    const f = m.firms;
    for (let j = 0; j < f.n; j++) {
      f.inventory[j] = 1e12; // stocks large enough that nothing is rationed
      f.salesNominal[j] = 0;
      f.revenue[j] = 0;
    }
    m.macro.investmentNominal = 0;
    chainBuysGoodsOn(m);
    let sales = 0;
    for (let j = f.nConsumption; j < f.n; j++) sales += f.salesNominal[j];
    return { sales, investment: m.macro.investmentNominal };
  }

  it("halving a cloud's capex halves its purchases of buildings and equipment, and the investment they count as", () => {
    const full = capitalSales(1);
    const half = capitalSales(0.5);
    const ai = defaultConfig().aiChain;
    expect(full.sales).toBeGreaterThan(0);
    // The chip maker's inputs (its cost of goods on last month's revenue) are bought whatever the cloud orders:
    // the difference is the cloud's building part of the capex it no longer orders.
    const cut = 0.01 * createModel(threeFirms()).aiChain.deposits[NEO] * (1 - ai.gpuShareOfCost);
    expect(cut).toBeGreaterThan(0);
    expect((full.sales - half.sales) / cut).toBeCloseTo(1, 6);
    expect((full.investment - half.investment) / cut).toBeCloseTo(1, 6);
  });
});
