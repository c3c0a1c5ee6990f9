// A non-AI firm in distress before it fails (issue 17; agents/distress.ts,
// markets/credit.ts lockedLoanRate): the rules on hand-built numbers and
// states of a few firms, then the planning and financing phases on a small
// model, where money moves only through the ledger.
import { describe, expect, it } from "vitest";
import { defaultConfig, type SpiralConfig } from "../src/config/index.ts";
import {
  debtWorkout,
  distressDividend,
  distressLabourAdjustment,
  inDistress,
  operatingCashFlow,
} from "../src/model/agents/distress.ts";
import { AccountArgs, accountKernel } from "../src/model/agents/firms.ts";
import { createModel, type ModelState, step } from "../src/model/index.ts";
import { checkLedger, FlowRow, Party, transfer } from "../src/model/ledger.ts";
import {
  FinanceArgs,
  financeTermsKernel,
  financeWriteBackKernel,
  lockedLoanRate,
  PriceArgs,
  priceKernel,
} from "../src/model/markets/credit.ts";
import { FIN_DEFERRED, FIN_PAID, FinRecord } from "../src/model/markets/financeRecord.ts";
import { firmView } from "./helpers/firmView.ts";
import { financeFirmsOn, planProductionOn, priceCreditOn } from "./helpers/phases.ts";
import { smallModel } from "./helpers/smallModel.ts";

describe("the distress rules (agents/distress.ts)", () => {
  it("a firm is in distress while its smoothed earnings are negative and its default probability at least the threshold", () => {
    expect(inDistress(-0.01, 0.01, 0)).toBe(true);
    expect(inDistress(0, 0.9, 0)).toBe(false);
    expect(inDistress(5, 0.9, 0)).toBe(false);
    // With a threshold: only a loss-making firm its bank judges at least that risky.
    expect(inDistress(-0.01, 0.19, 0.2)).toBe(false);
    expect(inDistress(-0.01, 0.2, 0.2)).toBe(true);
  });

  it("retrenchment: a firm in distress drops labour hoarding and fires faster; otherwise its usual rule", () => {
    const out = new Float64Array(3);
    distressLabourAdjustment(true, true, 0.07, 0.48, 0.5, 1, out);
    expect(Array.from(out)).toEqual([1, 1, 1]);
    // Never slower than its usual firing speed.
    distressLabourAdjustment(true, true, 0.07, 0.48, 0.5, 0.2, out);
    expect(out[2]).toBe(0.5);
    // Not in distress, or the rule off: the usual weights, to the bit.
    distressLabourAdjustment(false, true, 0.07, 0.48, 0.5, 1, out);
    expect(Array.from(out)).toEqual([0.07, 0.48, 0.5]);
    distressLabourAdjustment(true, false, 0.07, 0.48, 0.5, 1, out);
    expect(Array.from(out)).toEqual([0.07, 0.48, 0.5]);
  });

  it("retrenchment: no dividend in distress", () => {
    expect(distressDividend(12, true, true)).toBe(0);
    expect(distressDividend(12, false, true)).toBe(12);
    expect(distressDividend(12, true, false)).toBe(12);
  });

  it("operating cash flow: revenue less wages, AI services and electricity", () => {
    expect(operatingCashFlow(100, 60, 5, 3)).toBe(32);
  });

  it("the workout defers the principal of a firm that pays its interest and whose business earns it", () => {
    // Cash 12: interest 10 paid, principal 20 not; the business earned 15 ≥ 1 × 10.
    expect(debtWorkout(12, 10, 20, 15, 1)).toBe(true);
    // A business that does not earn its interest (or loses money) defaults.
    expect(debtWorkout(12, 10, 20, 9, 1)).toBe(false);
    expect(debtWorkout(12, 10, 20, 15, 2)).toBe(false);
    expect(debtWorkout(12, 0, 20, -1, 1)).toBe(false);
    // Cash short of the interest itself: default.
    expect(debtWorkout(9, 10, 20, 50, 1)).toBe(false);
    // Cash for the whole service: nothing to work out.
    expect(debtWorkout(30, 10, 20, 50, 1)).toBe(false);
  });

  it("the locked premium replaces this month's premium in the offer", () => {
    // Offer 0.03 + 0.02 + 0.30 (a distressed firm's premium); its loans were made at 0.01.
    expect(lockedLoanRate(0.35, 0.3, 0.01)).toBeCloseTo(0.06, 15);
    expect(lockedLoanRate(0.35, 0.3, 0.3)).toBeCloseTo(0.35, 15);
  });
});

describe("the distress rules in the firm passes (hand-built states)", () => {
  const price = {
    policy: 0.03,
    capitalPrice: 1,
    maturity: 60,
    pdIntercept: -4,
    pdLeverageSlope: 3,
    pdDebtServiceSlope: 1,
    riskPremiumMultiplier: 2,
    lossGivenDefault: 0.5,
    fixedShare: 0,
    lockPremium: 1,
    nc: 2,
  };

  it("priceKernel: with the premium locked a firm pays the premium its loans were made at, and still sees its current one", () => {
    const v = firmView(2, 2, 1);
    const f = v.firms;
    f.capital.fill(100);
    f.loans.fill(90);
    f.salesNominal.fill(5);
    f.riskPremiumYearly[0] = 0.01;
    f.riskPremiumYearly[1] = 0.04;
    v.work.bankArgs.set([0.02]);
    PriceArgs.write(v.work.args, price);
    priceKernel(v, 0, 0, 0, 2);
    const premium = 2 * f.pdYearly[0] * 0.5;
    expect(premium).toBeGreaterThan(0.1);
    expect(f.loanOfferRateYearly[0]).toBeCloseTo(0.05 + premium, 15);
    expect(f.loanRateYearly[0]).toBeCloseTo(0.05 + 0.01, 12);
    expect(f.loanRateYearly[1]).toBeCloseTo(0.05 + 0.04, 12);
    // Off: the whole debt pays this month's offer (the rule before).
    PriceArgs.write(v.work.args, { ...price, lockPremium: 0 });
    priceKernel(v, 0, 0, 0, 2);
    expect(f.loanRateYearly[0]).toBe(f.loanOfferRateYearly[0]);
  });

  const finance = {
    capitalPrice: 1,
    maturity: 10,
    buffer: 1,
    targetLeverage: 0,
    maxLeverage: 1,
    maxPd: 1,
    fixedShare: 0,
    premiumPerPd: 2,
    workout: 1,
    workoutCoverage: 1,
    nc: 2,
    exitShare: 0,
    exitMinAge: 24,
    averageSalesC: 0,
    averageSalesK: 0,
  };

  it("financeTermsKernel records last month's operating cash flow", () => {
    const v = firmView(1, 1, 1);
    const f = v.firms;
    f.revenue[0] = 100;
    f.wageBill[0] = 70;
    f.servicesPaid[0] = 4;
    f.electricityPaid[0] = 1;
    f.age[0] = 5;
    FinanceArgs.write(v.work.args, finance);
    financeTermsKernel(v, 0, 0, 0, 1);
    expect(v.work.finance[FinRecord.at.operatingCash]).toBe(25);
  });

  it("financeWriteBackKernel blends the premium of new loans in; a deferred principal leaves all old loans at their premium", () => {
    const v = firmView(3, 3, 1);
    const f = v.firms;
    f.loans.fill(100);
    f.riskPremiumYearly.fill(0.01);
    f.pdYearly.fill(0.05); // this month's premium 2 × 0.05 = 0.1
    FinanceArgs.write(v.work.args, finance);
    const rec = (j: number, loans: number, flags: number) => {
      v.work.finance[j * FinRecord.stride + FinRecord.at.loans] = loans;
      v.work.financeInts[j * FinRecord.i32Stride + FinRecord.at.flags] = flags;
    };
    rec(0, 130, FIN_PAID); // 100 − 10 of principal + 40 new
    rec(1, 140, FIN_PAID | FIN_DEFERRED); // principal deferred, 40 new
    rec(2, 90, FIN_PAID); // principal only
    financeWriteBackKernel(v, 0, 0, 0, 3);
    expect(f.riskPremiumYearly[0]).toBeCloseTo((90 * 0.01 + 40 * 0.1) / 130, 12);
    expect(f.riskPremiumYearly[1]).toBeCloseTo((100 * 0.01 + 40 * 0.1) / 140, 12);
    expect(f.riskPremiumYearly[2]).toBe(0.01);
    // Off (premiumPerPd 0): the column is not touched.
    f.loans.fill(100);
    f.riskPremiumYearly.fill(0.01);
    FinanceArgs.write(v.work.args, { ...finance, premiumPerPd: 0 });
    financeWriteBackKernel(v, 0, 0, 0, 3);
    expect(f.riskPremiumYearly[0]).toBe(0.01);
  });

  it("accountKernel: with retrenchment a firm in distress declares no dividend", () => {
    const run = (retrench: number, earnings: number) => {
      const v = firmView(1, 1, 1);
      const f = v.firms;
      f.deposits[0] = 100;
      f.wageBill[0] = 10;
      f.capital[0] = 50;
      f.age[0] = 3;
      f.earnings[0] = earnings;
      v.work.firmFlows.set([12, 8]); // cash flow, profit after tax
      AccountArgs.write(v.work.args, {
        delta: 0.01,
        prodK: 1,
        capitalPrice: 1,
        omega: 0.1,
        cashBufferMonths: 1,
        loanMaturityMonths: 60,
        payoutRatio: 0.5,
        excessCashPayout: 0.5,
        inventoryDepreciation: 0,
        demandUse: 0,
        freshStart: 0,
        retrench,
        distressPd: 0,
        nc: 1,
        taxRate: 0,
        depositRate: 0,
      });
      accountKernel(v, 0, 0, 0, 1);
      return f.dividendDue[0];
    };
    // Earnings −10 + 0.1 × (8 + 10) = −8.2 after this month: still in distress.
    expect(run(1, -10)).toBe(0);
    // The rule off, or earnings that turn positive: the usual payout, max(0.5 × 8, 0.5 × (100 − 20)) = 40.
    expect(run(0, -10)).toBe(40);
    expect(run(1, 1)).toBe(40);
  });
});

/** 50 households, 4 consumption + 2 capital firms, 1 bank (tests/helpers/smallModel.ts). */
const small = (tweak: (c: SpiralConfig) => void): ModelState => smallModel(1, tweak);

describe("the distress rules on a small model", () => {
  it("the workout: a firm cut off from credit that pays its interest and earns it is not bankrupt; the money moves through the ledger", () => {
    for (const on of [false, true]) {
      const m = small((c) => {
        c.firms.distress.workout = on;
      });
      m.tick = 1;
      priceCreditOn(m);
      const f = m.firms;
      // Firm 0: past the banks' limit, cash for its interest but not the principal, a business that earns its interest.
      f.pdYearly[0] = 0.9;
      const interest = (f.loans[0] * f.loanRateYearly[0]) / 12;
      const principal = f.loans[0] / m.config.firms.loanMaturityMonths;
      // The rest of its deposits go to firm 1, through the books.
      transfer(
        m,
        FlowRow.dividends,
        Party.firm,
        0,
        Party.firm,
        1,
        f.deposits[0] - (interest + 0.5 * principal),
      );
      f.revenue[0] = 10 * interest;
      f.wageBill[0] = 5 * interest;
      f.servicesPaid[0] = 0;
      f.electricityPaid[0] = 0;
      const loans = f.loans[0];
      m.macro.firmDefaults = 0;
      financeFirmsOn(m);
      checkLedger(m);
      if (on) {
        expect(m.macro.firmDefaults).toBe(0);
        expect(f.loans[0]).toBe(loans); // the principal deferred, no new loan
        expect(f.interestPaid[0]).toBeCloseTo(interest, 9);
        expect(f.deposits[0]).toBeCloseTo(0.5 * principal, 6);
      } else {
        expect(m.macro.firmDefaults).toBe(1);
      }
    }
  });

  it("retrenchment: a firm in distress plans staff for its output plan at once; without distress the plan lags", () => {
    const run = (retrench: boolean, earnings: number, pd = 0.3) => {
      const m = small((c) => {
        c.firms.labourAdjustmentWeight = 0.1;
        c.firms.labourCycleShare = 0.5;
        c.firms.distress.retrenchment = retrench;
      });
      m.tick = 1;
      const f = m.firms;
      f.earnings[0] = earnings;
      f.pdYearly[0] = pd; // 0.3: above firms.distress.defaultProbability (0.1)
      f.labourPlan[0] *= 3; // its labour plan three times its output plan
      f.employees[0] = 1_000; // and more staff than either needs
      planProductionOn(m);
      return { plan: f.labourPlan[0], planned: f.plannedOutput[0], leave: f.leaveProbability[0] };
    };
    const cut = run(true, -1);
    expect(cut.plan).toBeCloseTo(cut.planned, 9);
    const hoard = run(true, 1);
    expect(hoard.plan).toBeGreaterThan(1.5 * hoard.planned);
    const off = run(false, -1);
    expect(off.plan).toBeCloseTo(hoard.plan, 12);
    // A loss-making firm its bank still judges safe (PD 0.05 < 0.1) hoards as before.
    expect(run(true, -1, 0.05).plan).toBeCloseTo(hoard.plan, 12);
    // The retrenching firm lays off more of its staff.
    expect(cut.leave).toBeGreaterThan(off.leave);
  });
});

describe("the distress rules over a run", () => {
  it("a small economy with all three on runs 240 months with the ledger checked every month, and its firms pay the premium their loans were made at", () => {
    const c = defaultConfig();
    c.households.count = 400;
    c.ticks = 240;
    c.firms.riskPremiumAtOrigination = true;
    c.firms.distress.retrenchment = true;
    c.firms.distress.workout = true;
    const m = createModel(c);
    for (let t = 0; t < c.ticks; t++) step(m); // step() checks the ledger each month and throws on a breach
    priceCreditOn(m); // next month's pricing, from the premiums the loans now carry
    const f = m.firms;
    let locked = 0;
    for (let j = 0; j < f.n; j++) {
      const current = c.banks.riskPremiumMultiplier * f.pdYearly[j] * c.banks.lossGivenDefault;
      // The rate paid is the offer with this month's premium replaced by the locked one (no fixed part by default).
      expect(f.loanRateYearly[j]).toBeCloseTo(
        f.loanOfferRateYearly[j] - current + f.riskPremiumYearly[j],
        12,
      );
      if (f.riskPremiumYearly[j] > 0) locked++;
    }
    expect(locked).toBeGreaterThan(0);
  });
});
