// The rules that hold the core's steady state (issue 16, item 4), each on
// hand-built numbers or a small hand-built model: the banks' payout rule and
// risk-weighted capital ratio, the symmetric fiscal rule, anchored expected
// inflation, and the ex-ante real rate in the households' consumption plan.
import { describe, expect, it } from "vitest";
import { defaultConfig, type SpiralConfig } from "../src/config/index.ts";
import { bankDividend, capitalRatio, riskWeightedAssets } from "../src/model/agents/banks.ts";
import { fiscalRuleFactor, nextDebtGapIntegral } from "../src/model/agents/government.ts";
import { createModel, type ModelState } from "../src/model/index.ts";
import { checkLedger } from "../src/model/ledger.ts";
import { expectedInflation, learnInflationAnchor } from "../src/model/macro.ts";
import { planPurchasesOn, settleBanksOn, updateMacroOn } from "./helpers/phases.ts";

function small(tweak: (c: SpiralConfig) => void = () => {}): ModelState {
  const c = defaultConfig();
  c.households.count = 50;
  c.firms.consumption.count = 4;
  c.firms.capital.count = 2;
  c.banks.count = 2;
  c.ticks = 60;
  tweak(c);
  return createModel(c);
}

describe("riskWeightedAssets and capitalRatio", () => {
  it("weights loans, bills and positive reserves (Basel: 100 %, 0 %, 0 % by default)", () => {
    const w = defaultConfig().banks.riskWeights;
    expect(w).toEqual({ loans: 1, bills: 0, reserves: 0 });
    expect(riskWeightedAssets(w, 100, 50, 30)).toBe(100);
    expect(riskWeightedAssets({ loans: 1, bills: 0.2, reserves: 0.5 }, 100, 50, 30)).toBe(100 + 10 + 15);
    // An overdraft is not an asset.
    expect(riskWeightedAssets({ loans: 1, bills: 0, reserves: 0.5 }, 100, 0, -30)).toBe(100);
  });

  it("the capital ratio of a fresh model's banks is the target (equity / loans with default weights)", () => {
    const m = small();
    for (let k = 0; k < m.banks.n; k++) {
      expect(capitalRatio(m.banks, m.config.banks.riskWeights, k)).toBeCloseTo(
        m.config.banks.targetCapitalRatio,
        12,
      );
      expect(capitalRatio(m.banks, m.config.banks.riskWeights, k)).toBeCloseTo(
        m.banks.equity[k] / m.banks.loans[k],
        12,
      );
    }
  });
});

describe("bankDividend", () => {
  const req = 0.105;
  const target = 0.134;
  const payout = 0.6;
  const excessPayout = 0.1;

  it("above target: all profit plus a share of the capital above target", () => {
    // Equity 20 on RWA 100: 6.6 above target.
    const d = bankDividend(1, 20, 100, req, target, payout, excessPayout);
    expect(d).toBeCloseTo(1 + 0.1 * (20 - 13.4), 12);
    // Never below the target: with 0.5 above it, a profit of 1 pays only 0.5.
    expect(bankDividend(1, 13.9, 100, req, target, payout, excessPayout)).toBeCloseTo(0.5, 12);
    // A loss above target still pays out part of the excess (never negative).
    expect(bankDividend(-1, 20, 100, req, target, payout, excessPayout)).toBeCloseTo(0.1 * 6.6, 12);
    expect(bankDividend(-10, 13.4, 100, req, target, payout, excessPayout)).toBe(0);
  });

  it("inside the buffer: payoutRatio × profit scaled down linearly to zero at the requirement", () => {
    const mid = (req + target) / 2;
    expect(bankDividend(1, mid * 100, 100, req, target, payout, excessPayout)).toBeCloseTo(0.3, 12);
    expect(bankDividend(1, req * 100, 100, req, target, payout, excessPayout)).toBe(0);
    expect(bankDividend(1, 0.05 * 100, 100, req, target, payout, excessPayout)).toBe(0);
    expect(bankDividend(-1, mid * 100, 100, req, target, payout, excessPayout)).toBe(0);
  });

  it("capital converges to the target: retained earnings minus payouts shrink the excess geometrically", () => {
    let equity = 30;
    const rwa = 100;
    for (let t = 0; t < 120; t++) {
      const profit = 0.2;
      equity += profit;
      equity -= bankDividend(profit, equity, rwa, req, target, payout, excessPayout);
    }
    // Declared on equity including the month's profit: the bank ends each month at the target.
    expect(equity / rwa).toBeCloseTo(target, 12);
  });

  it("settleBanks declares the rule's dividend through the ledger", () => {
    const m = small();
    checkLedger(m);
    const b = m.banks;
    b.profit[0] = 1000;
    b.profit[1] = -1000;
    settleBanksOn(m);
    checkLedger(m);
    const tax = 1000 * m.config.government.profitTaxRate;
    const c = m.config.banks;
    const rwa = riskWeightedAssets(c.riskWeights, b.loans[0], b.bills[0], b.reserves[0]);
    const expected = bankDividend(
      1000 - tax,
      b.equity[0],
      rwa,
      c.capitalRequirement,
      c.targetCapitalRatio,
      c.payoutRatio,
      c.excessCapitalPayout,
    );
    expect(b.dividendDue[0]).toBeCloseTo(expected, 6);
    expect(b.dividendDue[0]).toBeGreaterThan(0);
    // The bank with a loss pays nothing (it sits at the target, not above it).
    expect(b.dividendDue[1]).toBe(0);
  });
});

describe("fiscal rule", () => {
  it("cuts purchases above the debt target and raises them below, within its bounds", () => {
    expect(fiscalRuleFactor(0.3, 1, 1)).toBe(1);
    expect(fiscalRuleFactor(0.3, 1.2, 1)).toBeCloseTo(1 - 0.06, 12);
    expect(fiscalRuleFactor(0.3, 0.8, 1)).toBeCloseTo(1 + 0.06, 12);
    expect(fiscalRuleFactor(0.3, 10, 1)).toBeCloseTo(0.1, 12);
    expect(fiscalRuleFactor(0.3, -10, 1)).toBeCloseTo(1.5, 12);
  });

  it("planPurchases applies it to debt over potential output", () => {
    const m = small();
    const g = m.config.government;
    const base = g.spendingShareOfGdp * m.params.initialOutputPerHousehold * m.households.n;
    const potential = 12 * m.params.initialOutputPerHousehold * m.households.n * m.macro.priceIndex;
    m.government.bills = 1.5 * potential;
    planPurchasesOn(m);
    expect(m.government.purchasesReal).toBeCloseTo(
      base * fiscalRuleFactor(g.fiscalRuleStrength, 1.5, g.debtTargetToGdp),
      6,
    );
    m.government.bills = 0.5 * potential;
    planPurchasesOn(m);
    expect(m.government.purchasesReal).toBeGreaterThan(base);
  });
});

describe("fiscal rule's integral (error-correction) term", () => {
  it("adds the accumulated gap to the cut, within the same bounds", () => {
    // 1 − 0.3 (0.8 − 1) − 0.05 × (−2) = 1 + 0.06 + 0.1
    expect(fiscalRuleFactor(0.3, 0.8, 1, 0.05, -2)).toBeCloseTo(1.16, 12);
    expect(fiscalRuleFactor(0.3, 1, 1, 0.05, 4)).toBeCloseTo(0.8, 12);
    expect(fiscalRuleFactor(0.3, 1, 1, 0.05, -40)).toBeCloseTo(1.5, 12);
    // Gain 0: the accumulated gap is ignored.
    expect(fiscalRuleFactor(0.3, 0.8, 1, 0, -2)).toBe(fiscalRuleFactor(0.3, 0.8, 1));
  });

  it("accumulates the gap a month at a time, not at a bound that the gap pushes further, and not at gain 0", () => {
    expect(nextDebtGapIntegral(0.5, 0.4, 1, 0.3, 0.05)).toBeCloseTo(0.5 - 0.6 / 12, 12);
    expect(nextDebtGapIntegral(0.5, 1.3, 1, 0.3, 0.05)).toBeCloseTo(0.5 + 0.3 / 12, 12);
    expect(nextDebtGapIntegral(0.5, 0.4, 1, 0.3, 0)).toBe(0.5);
    // At the largest rise (cut −0.3 × 0.6 − 0.05 × 8 = −0.58 < −0.5), a gap below target is not added…
    expect(nextDebtGapIntegral(-8, 0.4, 1, 0.3, 0.05)).toBe(-8);
    // …but a gap above target, which brings the rule back inside, is.
    expect(nextDebtGapIntegral(-8, 1.2, 1, 0.3, 0.05)).toBeCloseTo(-8 + 0.2 / 12, 12);
  });

  it("closes the steady-state gap a proportional rule leaves when the primary balance at target is not the debt-stabilising one", () => {
    // Debt to GDP d moves by ((r − g) d − pb) / 12 a month; the primary surplus
    // pb is pb0 at the target with base purchases G, plus G × (1 − factor).
    // pb0 = 2.8 % of GDP against a debt-stabilising (r − g) d* = 1 %: the
    // proportional rule (s = 0.3) settles where (r − g) d = pb0 + s G (d − d*),
    // d = (s G d* − pb0) / (s G − (r − g)) ≈ 0.56.
    const rMinusG = 0.01;
    const pb0 = 0.028;
    const share = 0.17;
    const simulate = (gain: number): number => {
      let d = 1.04;
      let integral = 0;
      for (let month = 0; month < 12 * 400; month++) {
        integral = nextDebtGapIntegral(integral, d, 1, 0.3, gain);
        const pb = pb0 + share * (1 - fiscalRuleFactor(0.3, d, 1, gain, integral));
        d += (rMinusG * d - pb) / 12;
      }
      return d;
    };
    expect(simulate(0)).toBeCloseTo((0.3 * share - pb0) / (0.3 * share - rMinusG), 3);
    expect(simulate(0)).toBeLessThan(0.6);
    expect(Math.abs(simulate(0.05) - 1)).toBeLessThan(0.01);
  });

  it("planPurchases keeps the accumulated gap on the state and raises purchases month after month below target", () => {
    const m = small((c) => {
      c.government.fiscalRuleIntegralGain = 0.05;
    });
    const potential = 12 * m.params.initialOutputPerHousehold * m.households.n * m.macro.priceIndex;
    m.government.bills = 0.5 * potential;
    m.government.debtGapIntegral = 0;
    planPurchasesOn(m);
    const first = m.government.purchasesReal;
    expect(m.government.debtGapIntegral).toBeCloseTo(-0.5 / 12, 12);
    for (let month = 0; month < 11; month++) planPurchasesOn(m);
    expect(m.government.debtGapIntegral).toBeCloseTo(-0.5, 12);
    expect(m.government.purchasesReal).toBeGreaterThan(first);
    const base = m.config.government.spendingShareOfGdp * m.params.initialOutputPerHousehold * m.households.n;
    expect(m.government.purchasesReal).toBeCloseTo(base * (1 + 0.3 * 0.5 + 0.05 * 0.5), 6);
  });
});

describe("expectedInflation", () => {
  it("weights the anchor level by the anchor weight and last year's inflation by the rest", () => {
    expect(expectedInflation(0.8, 0.02, 0.07)).toBeCloseTo(0.8 * 0.02 + 0.2 * 0.07, 15);
    expect(expectedInflation(1, 0.02, 0.5)).toBe(0.02);
    expect(expectedInflation(0, 0.02, 0.05)).toBe(0.05);
  });
});

describe("learnInflationAnchor (learning from experience)", () => {
  it("moves the anchor by the gain times the surprise, and not at all with gain 0", () => {
    expect(learnInflationAnchor(0.02, 0.08, 0.01)).toBeCloseTo(0.02 + 0.01 * 0.06, 15);
    expect(learnInflationAnchor(0.03, 0.01, 0.5)).toBeCloseTo(0.02, 15);
    expect(learnInflationAnchor(0.028, 0.09, 0)).toBe(0.028);
    // Constant gain: after n months of steady inflation π the gap to π shrinks by (1 − g)^n.
    let a = 0.02;
    for (let i = 0; i < 24; i++) a = learnInflationAnchor(a, 0.06, 0.02);
    expect(0.06 - a).toBeCloseTo(0.04 * 0.98 ** 24, 12);
  });

  it("starts at the target plus initial.inflationAnchorGapYearly and learns each month in updateMacro", () => {
    const m = small((c) => {
      c.initial.inflationAnchorGapYearly = 0.008;
      c.firms.inflationAnchorGain = 0.05;
    });
    const start = m.config.centralBank.inflationTargetYearly + 0.008;
    expect(m.macro.inflationAnchorYearly).toBeCloseTo(start, 15);
    m.tick = 1;
    updateMacroOn(m);
    expect(m.macro.inflationAnchorYearly).toBeCloseTo(start + 0.05 * (m.macro.inflationYoY - start), 15);
    // The default (gain 0, gap 0) keeps the anchor at the target: the earlier fixed anchor.
    const d = small();
    d.tick = 1;
    updateMacroOn(d);
    expect(d.macro.inflationAnchorYearly).toBe(d.config.centralBank.inflationTargetYearly);
  });
});
