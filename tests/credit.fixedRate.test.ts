// The fixed-rate share of non-AI firms' loans (firms.fixedRateShare,
// markets/credit.ts): a share of each new loan keeps the offer rate of its
// month of origination; the firm pays the floating rate on the rest. The
// rules on hand-built states, then the pricing and financing passes on a
// small model, where money moves only through the ledger.
import { describe, expect, it } from "vitest";
import type { SpiralConfig } from "../src/config/index.ts";
import type { ModelState } from "../src/model/index.ts";
import { checkLedger } from "../src/model/ledger.ts";
import {
  blendFixedCoupon,
  effectiveLoanRate,
  FinanceArgs,
  financeWriteBackKernel,
  PriceArgs,
  priceKernel,
} from "../src/model/markets/credit.ts";
import { FIN_PAID, FinRecord } from "../src/model/markets/financeRecord.ts";
import type { SliceView } from "../src/model/passes.ts";
import { firmView } from "./helpers/firmView.ts";
import { financeFirmsOn, priceCreditOn } from "./helpers/phases.ts";
import { smallModel } from "./helpers/smallModel.ts";

/** `n` consumption firms, every column zero, on bank 0 (tests/helpers/firmView.ts). */
function view(n: number): SliceView {
  return firmView(n, n, 1);
}

describe("the fixed coupon (blendFixedCoupon, effectiveLoanRate)", () => {
  it("weights the old coupon by what is left of the old loans and the offer rate by the new ones", () => {
    // 90 left at 8 %, 30 new at 4 %: (90 × 0.08 + 30 × 0.04) / 120 = 7 %.
    expect(blendFixedCoupon(0.08, 90, 30, 0.04)).toBeCloseTo(0.07, 15);
    // No new loan, or a net repayment: the coupon stays, whatever the offer.
    expect(blendFixedCoupon(0.08, 90, 0, 0.01)).toBe(0.08);
    expect(blendFixedCoupon(0.08, 90, -5, 0.01)).toBe(0.08);
    // A firm with no old loans takes the offer.
    expect(blendFixedCoupon(0.08, 0, 10, 0.03)).toBeCloseTo(0.03, 15);
  });

  it("pays the offer on the floating part and the coupon on the fixed part", () => {
    expect(effectiveLoanRate(0.02, 0.07, 0)).toBe(0.02);
    expect(effectiveLoanRate(0.02, 0.07, 1)).toBe(0.07);
    expect(effectiveLoanRate(0.02, 0.07, 0.75)).toBeCloseTo(0.25 * 0.02 + 0.75 * 0.07, 15);
  });
});

describe("pricing and write-back with a fixed share (priceKernel, financeWriteBackKernel)", () => {
  const price = {
    policy: 0.01,
    capitalPrice: 1,
    maturity: 10,
    pdIntercept: -50, // PD ≈ 0: the offer is policy + spread
    pdLeverageSlope: 0,
    pdDebtServiceSlope: 0,
    riskPremiumMultiplier: 0,
    lossGivenDefault: 0.5,
    fixedShare: 0.75,
    lockPremium: 0,
    nc: 2,
  };

  it("a cut in the policy rate lowers only the floating part of the rate a firm pays", () => {
    const v = view(2);
    const f = v.firms;
    f.loans.fill(100);
    f.capital.fill(100);
    f.salesNominal.fill(10);
    f.fixedCouponYearly.fill(0.07); // written when the policy rate was 6 %
    PriceArgs.write(v.work.args, price);
    v.work.bankArgs.set([0.01]);
    priceKernel(v, 0, 0, 0, 2);
    expect(f.loanOfferRateYearly[0]).toBeCloseTo(0.02, 12);
    expect(f.loanRateYearly[0]).toBeCloseTo(0.25 * 0.02 + 0.75 * 0.07, 12);
    // The same state with every loan floating pays the offer.
    PriceArgs.write(v.work.args, { ...price, fixedShare: 0 });
    priceKernel(v, 0, 0, 0, 2);
    expect(f.loanRateYearly[0]).toBeCloseTo(0.02, 12);
  });

  it("locks the month's offer rate on the fixed part of new loans; a firm that only repays keeps its coupon", () => {
    const v = view(2);
    const f = v.firms;
    f.loans.fill(100); // last month's loans, still in the column during the write-back
    f.fixedCouponYearly.fill(0.07);
    f.loanOfferRateYearly.fill(0.03);
    FinanceArgs.write(v.work.args, {
      capitalPrice: 1,
      maturity: 10,
      buffer: 1,
      targetLeverage: 0,
      maxLeverage: 1,
      maxPd: 1,
      fixedShare: 0.75,
      premiumPerPd: 0,
      workout: 0,
      workoutCoverage: 1,
      nc: 2,
      exitShare: 0,
      exitMinAge: 24,
      averageSalesC: 0,
      averageSalesK: 0,
    });
    const rec = (j: number, loans: number) => {
      const t = j * FinRecord.stride;
      v.work.finance[t + FinRecord.at.loans] = loans;
      v.work.finance[t + FinRecord.at.deposits] = 50;
      v.work.financeInts[j * FinRecord.i32Stride + FinRecord.at.flags] = FIN_PAID;
    };
    rec(0, 130); // 100 − 10 of principal + 40 new
    rec(1, 90); // principal only
    financeWriteBackKernel(v, 0, 0, 0, 2);
    expect(f.fixedCouponYearly[0]).toBeCloseTo((90 * 0.07 + 40 * 0.03) / 130, 12);
    expect(f.fixedCouponYearly[1]).toBe(0.07);
    expect(f.loans[0]).toBe(130);
    expect(f.loans[1]).toBe(90);
  });

  it("leaves the coupon untouched when the share is 0 (today's behaviour)", () => {
    const v = view(1);
    const f = v.firms;
    f.loans[0] = 100;
    f.fixedCouponYearly[0] = 0.07;
    f.loanOfferRateYearly[0] = 0.03;
    FinanceArgs.write(v.work.args, {
      capitalPrice: 1,
      maturity: 10,
      buffer: 1,
      targetLeverage: 0,
      maxLeverage: 1,
      maxPd: 1,
      fixedShare: 0,
      premiumPerPd: 0,
      workout: 0,
      workoutCoverage: 1,
      nc: 1,
      exitShare: 0,
      exitMinAge: 24,
      averageSalesC: 0,
      averageSalesK: 0,
    });
    v.work.finance[FinRecord.at.loans] = 150;
    v.work.financeInts[FinRecord.at.flags] = FIN_PAID;
    financeWriteBackKernel(v, 0, 0, 0, 1);
    expect(f.fixedCouponYearly[0]).toBe(0.07);
  });
});

/** 50 households, 4 consumption + 2 capital firms, 2 banks (tests/helpers/smallModel.ts). */
const small = (tweak: (c: SpiralConfig) => void): ModelState => smallModel(2, tweak);

describe("the financing pass with a fixed share (financeFirms on a small model)", () => {
  it("after a rate cut the firms pay the fixed coupon on 3/4 of their debt; the interest moves through the ledger", () => {
    const run = (share: number) => {
      const m = small((c) => {
        c.firms.fixedRateShare = share;
      });
      const coupon0 = m.firms.fixedCouponYearly[0];
      m.tick = 1;
      m.centralBank.policyRateYearly = 0; // a cut of the whole policy rate
      priceCreditOn(m);
      const rate = Array.from(m.firms.loanRateYearly);
      const offer = Array.from(m.firms.loanOfferRateYearly);
      financeFirmsOn(m);
      checkLedger(m);
      let interest = 0;
      for (let j = 0; j < m.firms.n; j++) interest += m.firms.interestPaid[j];
      return { m, coupon0, rate, offer, interest };
    };
    const floating = run(0);
    const fixed = run(0.75);
    for (let j = 0; j < fixed.m.firms.n; j++) {
      expect(fixed.offer[j]).toBeCloseTo(floating.offer[j], 12);
      expect(fixed.rate[j]).toBeCloseTo(0.25 * fixed.offer[j] + 0.75 * fixed.coupon0, 12);
    }
    expect(fixed.coupon0).toBeGreaterThan(fixed.offer[0]);
    // The cut lowers the interest bill less with a fixed share.
    expect(fixed.interest).toBeGreaterThan(floating.interest);
  });
});
