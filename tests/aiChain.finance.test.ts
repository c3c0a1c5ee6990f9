// Rules of the AI chain's credit pricing and financing on hand-built records,
// without building a model (issue 20 items 1 and 5): priceChainCredit on a
// small chain (exits, defaults, the structural PD, the CDS spread under a
// government guarantee, first pricing, the CDS index roll), the rating rule
// (rateFirm: downgrades, fallen angels) and the maturity rings kept equal to
// the debt (syncMaturities). src/model/agents/aiChain/finance.ts.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config/index.ts";
import { DEBT_HORIZON_MONTHS, defaultPoint, guaranteedLgd } from "../src/model/agents/aiChain/credit.ts";
import {
  type ChainCreditMonth,
  type ChainCreditParams,
  chainCreditParams,
  priceChainCredit,
  rateFirm,
  syncMaturities,
} from "../src/model/agents/aiChain/finance.ts";
import type { ModelEvent } from "../src/model/events.ts";
import {
  cdsSpreadBp,
  createMertonResult,
  mertonDefaultProbability,
} from "../src/model/markets/creditRisk.ts";
import type { AiChain } from "../src/model/state.ts";
import { Role } from "../src/model/state.ts";

const config = defaultConfig();
const fin = config.aiChain.finance;

/**
 * Three firms: a liquidated one (0), one in default (1) and a live cloud (2)
 * with bank and fund debt, a vendor loan from firm 0, one started compute
 * contract as buyer and no pricing yet (fundRateYearly −1: first pricing).
 */
function chain(): AiChain {
  const n = 3;
  const f = (...v: number[]) => Float64Array.from(v);
  const vendorLoans = new Float64Array(n * n);
  vendorLoans[0 * n + 2] = 5; // firm 0 lent firm 2 5
  return {
    n,
    names: ["gone", "defaulted", "cloud"],
    role: Uint8Array.from([Role.neocloud, Role.neocloud, Role.hyperscaler]),
    bank: Uint16Array.from([0, 0, 1]),
    exited: Uint8Array.from([1, 0, 0]),
    defaulted: Uint8Array.from([0, 1, 0]),
    indexMember: Uint8Array.from([1, 1, 1]),
    servicePrice: 0.8,
    gpuPriceReference: 1,
    marketStress: 0.25,
    policyRateBeforeStart: 0.05,
    pdYearly: f(0.3, 0.3, 0),
    cdsBp: f(900, 900, 0),
    forcedSpreadBp: f(0, 0, 0),
    rating: Uint8Array.from([5, 5, 0]),
    debtSpread: f(0.01, 0.01, 0),
    fundRateYearly: f(0.06, 0.06, -1),
    fundFloatingShare: f(0, 0, 0),
    fundFloatingMargin: f(0, 0, 0),
    bankRateYearly: f(0, 0, 0),
    bankLoans: f(10, 10, 60),
    fundLoans: f(10, 10, 40),
    securedDebt: f(0, 0, 20),
    vendorLoans,
    shares: f(1, 1, 10),
    price: f(1, 1, 30),
    assetVolatility: f(0.3, 0.3, 0.25),
    market: { varianceMonthly: f(0, 0, 0.01) },
    contractBuyer: Int32Array.from([2, 2]),
    contractSeller: Int32Array.from([0, 0]),
    contractMonthly: f(2, 7),
    contractMonthsLeft: Int32Array.from([12, 12]),
    contractStart: Int32Array.from([3, 50]), // the second starts after tick 20: not yet owed
  } as unknown as AiChain; // only these columns are read or written
}

const banks = { spreadYearly: Float64Array.of(0.01, 0.02) };

/** Tick 20 of a run starting in 2025-01: August 2026 (month 7), not an index roll. */
const month: ChainCreditMonth = { tick: 20, startDate: "2025-01", policyRateYearly: 0.04 };

describe("priceChainCredit", () => {
  it("prices a live firm from the structural model: PD, CDS spread, first rating, coupons and the bank rate", () => {
    const c = chain();
    const params: ChainCreditParams = { finance: fin, chainDebtGuaranteeShare: 0 };
    const events: ModelEvent[] = [];
    priceChainCredit(c, banks, month, params, createMertonResult(), events);
    // The PD recomputed by hand: equity 300; default point 60 + 40 + 5 + 6 × 2 (half a year of the started contract).
    const debt = defaultPoint(60, 40, 5, 2);
    expect(debt).toBe(117);
    const vol = Math.max(Math.sqrt(12 * 0.01), Math.min(5, (0.25 * (300 + debt)) / 300));
    const pd = mertonDefaultProbability({
      equityValue: 300,
      equityVolatility: vol,
      debt,
      riskFreeRate: 0,
      horizonYears: fin.pdHorizonYears,
    }).pdYearly;
    expect(c.pdYearly[2]).toBe(pd);
    expect(pd).toBeGreaterThan(0);
    const spread = cdsSpreadBp({
      pdYearly: pd,
      lossGivenDefault: fin.lossGivenDefault,
      stress: 0.25,
      baseRiskPremiumBp: fin.riskPremiumBp,
      stressPremiumBp: fin.stressPremiumBp,
    });
    expect(c.cdsBp[2]).toBe(spread); // no forced-selling premium
    // First pricing: the legacy book's coupon at the rate before the start; the bank rate at this month's policy rate.
    expect(c.fundRateYearly[2]).toBeCloseTo(0.05 + fin.bondTermPremiumBp / 1e4 + c.debtSpread[2], 15);
    expect(c.bankRateYearly[2]).toBeCloseTo(0.04 + 0.02 + c.debtSpread[2], 15);
    expect(c.debtSpread[2]).toBeGreaterThan(0);
    // A first rating sets no downgrade.
    expect(events).toEqual([]);
    // The GPU price reference moves a twelfth of the way to the rental price.
    expect(c.gpuPriceReference).toBeCloseTo(1 - 0.2 / 12, 15);
  });

  it("a liquidated firm is marked in default with PD 0, one in default has PD 1; their spreads stay at their last quote", () => {
    const c = chain();
    priceChainCredit(c, banks, month, chainCreditParams(config), createMertonResult(), []);
    expect(Array.from(c.defaulted)).toEqual([1, 1, 0]);
    expect(c.pdYearly[0]).toBe(0);
    expect(c.pdYearly[1]).toBe(1);
    expect(Array.from(c.cdsBp.subarray(0, 2))).toEqual([900, 900]);
    expect(Array.from(c.bankRateYearly.subarray(0, 2))).toEqual([0, 0]);
    // Not a roll month: the liquidated firm stays in the CDS index.
    expect(Array.from(c.indexMember)).toEqual([1, 1, 1]);
  });

  it("the CDS index rolls in March and September: liquidated firms leave it", () => {
    const c = chain();
    // Tick 15 of a 2025-01 start is March 2026.
    priceChainCredit(c, banks, { ...month, tick: 15 }, chainCreditParams(config), createMertonResult(), []);
    expect(Array.from(c.indexMember)).toEqual([0, 1, 1]);
  });

  it("a government guarantee of chain debt leaves protection sellers only the rest of the loss", () => {
    const price = (guarantee: number) => {
      const c = chain();
      const params = { finance: fin, chainDebtGuaranteeShare: guarantee };
      priceChainCredit(c, banks, month, params, createMertonResult(), []);
      return c;
    };
    const none = price(0);
    const half = price(0.5);
    const full = price(1);
    // The PD does not change; the default-loss part of the spread halves, then vanishes.
    expect(half.pdYearly[2]).toBe(none.pdYearly[2]);
    const floor = fin.riskPremiumBp + fin.stressPremiumBp * 0.25;
    expect(full.cdsBp[2]).toBeCloseTo(floor, 9);
    expect(half.cdsBp[2] - floor).toBeCloseTo((none.cdsBp[2] - floor) * 0.5, 9);
    expect(guaranteedLgd(fin.lossGivenDefault, 0.5)).toBeCloseTo(fin.lossGivenDefault / 2, 15);
  });
});

describe("rateFirm", () => {
  const p = { fallenAngelHalfLifeMonths: 3, ratingHysteresis: 0.1, fallenAngelPremiumBp: 150 };
  const firm = (rating: number, forced = 0) => ({
    names: ["x"],
    rating: Uint8Array.of(rating),
    forcedSpreadBp: Float64Array.of(forced),
  });

  it("first pricing rates the spread's bucket, with no event", () => {
    const c = firm(0);
    const events: ModelEvent[] = [];
    rateFirm(c, 0, 300, true, p, events); // 250–700 bp: B
    expect(c.rating[0]).toBe(4);
    expect(events).toEqual([]);
  });

  it("a spread above the grade's ceiling (beyond the hysteresis) downgrades one grade a month, with an event", () => {
    const c = firm(3); // BB, ceiling 250 bp
    const events: ModelEvent[] = [];
    rateFirm(c, 0, 270, false, p, events); // within 10 % of the ceiling: kept
    expect(c.rating[0]).toBe(3);
    rateFirm(c, 0, 2000, false, p, events); // far above: one grade, not five
    expect(c.rating[0]).toBe(4);
    expect(events).toEqual([{ type: "chainDowngrade", firm: "x", fromRating: "BB", toRating: "B" }]);
    expect(c.forcedSpreadBp[0]).toBe(0); // not a fallen angel
  });

  it("a fall out of investment grade adds the forced-selling premium, which then halves every half-life", () => {
    const c = firm(2); // BBB, ceiling 120 bp
    rateFirm(c, 0, 200, false, p, []);
    expect(c.rating[0]).toBe(3);
    expect(c.forcedSpreadBp[0]).toBe(150);
    for (let k = 0; k < 3; k++) rateFirm(c, 0, 200, false, p, []); // three months at BB
    expect(c.forcedSpreadBp[0]).toBeCloseTo(75, 9);
  });
});

describe("syncMaturities", () => {
  const H = DEBT_HORIZON_MONTHS;
  const terms = { loanMaturityMonths: 36, bondMaturityMonths: 84 };

  it("scales each ring to the debt outstanding after early repayments and write-offs", () => {
    const c = {
      bankDue: new Float64Array(2 * H),
      fundDue: new Float64Array(2 * H),
      bankLoans: Float64Array.of(0, 30),
      fundLoans: Float64Array.of(0, 0),
      securedDebt: Float64Array.of(0, 50),
    };
    c.bankDue[H + 5] = 20;
    c.bankDue[H + 9] = 20; // 40 scheduled against 30 owed
    c.fundDue[H + 7] = 10; // 10 scheduled against nothing owed
    syncMaturities(c, 1, 4, terms);
    expect(c.bankDue[H + 5]).toBeCloseTo(15, 12);
    expect(c.bankDue[H + 9]).toBeCloseTo(15, 12);
    expect(c.fundDue[H + 7]).toBe(0);
    // Secured debt never above the debt.
    expect(c.securedDebt[1]).toBe(30);
    // Firm 0's rings untouched.
    expect(c.bankDue.subarray(0, H).every((x) => x === 0)).toBe(true);
  });

  it("lays debt with no scheduled maturity at the lender's term", () => {
    const c = {
      bankDue: new Float64Array(H),
      fundDue: new Float64Array(H),
      bankLoans: Float64Array.of(12),
      fundLoans: Float64Array.of(8),
      securedDebt: Float64Array.of(0),
    };
    syncMaturities(c, 0, 10, terms);
    expect(c.bankDue[10 + 36]).toBe(12);
    expect(c.fundDue[10 + 84]).toBe(8);
    expect(c.bankDue.reduce((a, b) => a + b, 0)).toBe(12);
  });
});
