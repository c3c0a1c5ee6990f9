// The firms' rules that became passes over blocks of firms (issue 20 item
// 3), each on a hand-built state of a few firms: the kernel reads its inputs
// from PassWork.args (written through the pass's struct) and the firms'
// columns, and writes only each firm's own columns and record.
import { describe, expect, it } from "vitest";
import {
  AccountArgs,
  accountFlowsKernel,
  accountKernel,
  ProduceArgs,
  produceKernel,
} from "../src/model/agents/firms.ts";
import {
  FinanceArgs,
  financeTermsKernel,
  financeWriteBackKernel,
  PriceArgs,
  priceKernel,
} from "../src/model/markets/credit.ts";
import { FIN_ELIGIBLE, FIN_PAID, FIN_SKIP, FinRecord } from "../src/model/markets/financeRecord.ts";
import { capitalSupplierKernel, capitalSwitchProbability, SupplierArgs } from "../src/model/markets/goods.ts";
import { FIRM_FLOW_SLOTS } from "../src/model/passes.ts";
import { keyedUniform } from "../src/model/rng.ts";
import { firmView } from "./helpers/firmView.ts";

const view = firmView;

describe("credit pricing (priceKernel)", () => {
  it("gives the logit default probability and the loan rate = policy + the bank's spread + premium × PD × LGD", () => {
    const v = view(2, 1);
    const f = v.firms;
    f.capital[0] = 100;
    f.loans[0] = 60;
    f.deposits[0] = 20;
    f.salesNominal[0] = 10;
    f.loanRateYearly[0] = 0.06;
    f.bank[1] = 1;
    f.loans[1] = 5;
    f.salesNominal[1] = 2;
    const args = {
      policy: 0.03,
      capitalPrice: 2,
      maturity: 60,
      pdIntercept: -4,
      pdLeverageSlope: 3,
      pdDebtServiceSlope: 1,
      riskPremiumMultiplier: 2,
      lossGivenDefault: 0.5,
      fixedShare: 0,
      lockPremium: 0,
      nc: 1,
    };
    PriceArgs.write(v.work.args, args);
    v.work.bankArgs.set([0.01, 0.02]);
    priceKernel(v, 0, 0, 0, 2);
    // Consumption firm: collateral = capital × pK.
    const lev0 = 60 / (200 + 20);
    const svc0 = (60 * (0.06 / 12 + 1 / 60)) / 10;
    const pd0 = 1 / (1 + Math.exp(-(-4 + 3 * lev0 + svc0)));
    expect(f.pdYearly[0]).toBeCloseTo(pd0, 15);
    expect(f.loanRateYearly[0]).toBeCloseTo(0.03 + 0.01 + 2 * pd0 * 0.5, 15);
    // Capital firm: collateral = half a year's sales (12 × sales × 0.5), its bank's spread.
    const lev1 = 5 / 12;
    const pd1 = 1 / (1 + Math.exp(-(-4 + 3 * lev1 + (5 * (1 / 60)) / 2)));
    expect(f.pdYearly[1]).toBeCloseTo(pd1, 15);
    expect(f.loanRateYearly[1]).toBeCloseTo(0.03 + 0.02 + 2 * pd1 * 0.5, 15);
  });
});

describe("the financing terms and write-back (financeTermsKernel, financeWriteBackKernel)", () => {
  const args = {
    capitalPrice: 1,
    maturity: 10,
    buffer: 2,
    targetLeverage: 0,
    maxLeverage: 1,
    maxPd: 0.1,
    fixedShare: 0,
    premiumPerPd: 0,
    workout: 0,
    workoutCoverage: 1,
    nc: 2,
    exitShare: 0,
    exitMinAge: 24,
    averageSalesC: 0,
    averageSalesK: 0,
  };

  it("records each firm's interest, base need and flags: a successor is skipped, a risky firm is not eligible", () => {
    const v = view(3, 2);
    const f = v.firms;
    for (let j = 0; j < 3; j++) {
      f.loans[j] = 120;
      f.loanRateYearly[j] = 0.12;
      f.employees[j] = 3;
      f.labourDemand[j] = 5;
      f.wage[j] = 2;
      f.age[j] = 10;
      f.pdYearly[j] = 0.05;
      f.interestPaid[j] = 7;
    }
    f.age[1] = 0;
    f.pdYearly[2] = 0.2;
    FinanceArgs.write(v.work.args, args);
    // Each firm's record at its place in the visit.
    v.work.financeSlot.set([2, 0, 1]);
    financeTermsKernel(v, 0, 0, 0, 3);
    const rec = (j: number) => FinRecord.read(v.work.finance, v.work.financeSlot[j], v.work.financeInts);
    // interest 120 × 0.12 / 12 = 1.2; principal 12; wage need max(3, 5) × 2 = 10, times the buffer 2.
    expect(rec(0).interest).toBeCloseTo(1.2, 15);
    expect(rec(0).base).toBeCloseTo(1.2 + 12 + 20, 12);
    expect(rec(0).flags).toBe(FIN_ELIGIBLE);
    expect(rec(1).flags).toBe(FIN_SKIP);
    expect(rec(2).flags).toBe(0);
    expect(f.interestPaid[0]).toBe(0);
    expect(FinRecord.read(v.work.finance, 2, v.work.financeInts).flags).toBe(FIN_ELIGIBLE); // firm 0's
  });

  it("writes back only firms that paid, cutting hires to what their cash pays", () => {
    const v = view(2, 2);
    const f = v.firms;
    f.wage[0] = 4;
    f.wage[1] = 4;
    f.labourDemand[0] = 10;
    f.labourDemand[1] = 10;
    f.deposits[1] = 99;
    FinRecord.write(
      v.work.finance,
      {
        interest: 1,
        investmentOrder: 0,
        wageNeed: 40,
        base: 0,
        leverageGap: 0,
        room: 0,
        deposits: 18,
        loans: 50,
        investCost: 0,
        supplierPrice: 1,
        operatingCash: 0,
        flags: FIN_PAID,
        bank: 0,
        supplier: 0,
      },
      0,
      v.work.financeInts,
    );
    FinRecord.write(
      v.work.finance,
      {
        interest: 1,
        investmentOrder: 0,
        wageNeed: 40,
        base: 0,
        leverageGap: 0,
        room: 0,
        deposits: 1,
        loans: 1,
        investCost: 0,
        supplierPrice: 1,
        operatingCash: 0,
        flags: FIN_ELIGIBLE,
        bank: 0,
        supplier: 0,
      },
      1,
      v.work.financeInts,
    );
    financeWriteBackKernel(v, 0, 0, 0, 2);
    expect([f.deposits[0], f.loans[0], f.interestPaid[0]]).toEqual([18, 50, 1]);
    expect(f.labourDemand[0]).toBe(4); // floor(18 / 4)
    // Not paid (it defaulted or was skipped): untouched.
    expect([f.deposits[1], f.labourDemand[1]]).toEqual([99, 10]);
  });
});

describe("production (produceKernel)", () => {
  it("is the least of plan, staff capacity and capital capacity, added to inventory", () => {
    const v = view(2, 1);
    const f = v.firms;
    for (let j = 0; j < 2; j++) {
      f.productivity[j] = 1;
      f.employees[j] = 10;
      f.plannedOutput[j] = 1000;
      f.inventory[j] = 5;
    }
    f.capital[0] = 30;
    ProduceArgs.write(v.work.args, { prodK: 1, tfp: 1, effort: 0, prodLc: 4, prodLk: 2, nc: 1 });
    produceKernel(v, 0, 0, 0, 2);
    expect(f.output[0]).toBe(30); // capital binds: 30 × 1 < 10 × 4
    expect(f.output[1]).toBe(20); // a capital firm: staff 10 × 2, no capital limit
    expect(f.inventory[1]).toBe(25);
  });
});

describe("the firms' own accounts (accountKernel)", () => {
  it("pays out a share of profit or the excess cash, smooths earnings, depreciates and ages", () => {
    const v = view(1, 1);
    const f = v.firms;
    f.deposits[0] = 100;
    f.wageBill[0] = 10;
    f.loans[0] = 0;
    f.capital[0] = 50;
    f.inventory[0] = 10;
    f.age[0] = 3;
    v.work.firmFlows.set([12, 8]); // cash flow, profit after tax
    AccountArgs.write(v.work.args, {
      delta: 0.01,
      prodK: 1,
      capitalPrice: 1,
      omega: 0.5,
      cashBufferMonths: 1,
      loanMaturityMonths: 60,
      payoutRatio: 0.5,
      excessCashPayout: 0.1,
      inventoryDepreciation: 0.2,
      demandUse: 0,
      freshStart: 1,
      retrench: 0,
      distressPd: 0,
      nc: 1,
      taxRate: 0.2,
      depositRate: 0,
    });
    accountKernel(v, 0, 0, 0, 1);
    expect(f.earnings[0]).toBe(4);
    // max(8 × 0.5, (100 − 10 × 2) × 0.1) = 8
    expect(f.dividendDue[0]).toBeCloseTo(8, 12);
    expect(f.inventory[0]).toBe(8);
    expect(f.capital[0]).toBeCloseTo(49.5, 12);
    expect(f.profitRate[0]).toBeCloseTo(0.25 * ((12 * 12) / 50), 12);
    expect(f.age[0]).toBe(4);
    // A successor in its first two months (firms.successorFreshStart) keeps its paid-in equity: only the profit share is paid.
    f.deposits[0] = 100;
    f.earnings[0] = 0;
    f.age[0] = 1;
    v.work.firmFlows.set([12, 8]);
    accountKernel(v, 0, 0, 0, 1);
    expect(f.dividendDue[0]).toBeCloseTo(4, 12);
    expect(f.age[0]).toBe(2);
  });
});

describe("the firms' deposit interest and profit tax (accountFlowsKernel)", () => {
  it("writes each firm's cash flow, profit after tax, deposit interest and tax; no tax on a loss; no depreciation for capital firms", () => {
    const v = view(3, 1);
    const f = v.firms;
    for (let j = 0; j < 3; j++) {
      f.deposits[j] = 100;
      f.revenue[j] = 50;
      f.wageBill[j] = 10;
      f.interestPaid[j] = 2;
      f.servicesPaid[j] = 1;
      f.electricityPaid[j] = 3;
      f.capital[j] = 50;
    }
    f.revenue[2] = 10; // a loss: 10 − 16 + 1 < 0
    AccountArgs.write(v.work.args, {
      delta: 0.02,
      prodK: 1,
      capitalPrice: 2,
      omega: 0.5,
      cashBufferMonths: 1,
      loanMaturityMonths: 60,
      payoutRatio: 0.5,
      excessCashPayout: 0.1,
      inventoryDepreciation: 0.2,
      demandUse: 0,
      freshStart: 1,
      retrench: 0,
      distressPd: 0,
      nc: 1,
      taxRate: 0.25,
      depositRate: 0.01,
    });
    accountFlowsKernel(v, 0, 0, 0, 3);
    const flows = v.work.firmFlows;
    // Consumption firm: cash flow 50 − 10 − 2 − 1 − 3 + 1 = 35, depreciation 0.02 × 50 × 2 = 2, tax 0.25 × 33.
    expect([...flows.subarray(0, FIRM_FLOW_SLOTS)]).toEqual([35, 33 - 8.25, 1, 8.25]);
    // Capital firm: no depreciation, tax 0.25 × 35.
    expect([...flows.subarray(FIRM_FLOW_SLOTS, 2 * FIRM_FLOW_SLOTS)]).toEqual([35, 35 - 8.75, 1, 8.75]);
    // A loss pays no tax: cash flow 10 − 16 + 1 = −5, after tax −5.
    expect([...flows.subarray(2 * FIRM_FLOW_SLOTS, 3 * FIRM_FLOW_SLOTS)]).toEqual([-5, -5, 1, 0]);
  });
});

describe("the choice of capital supplier (capitalSupplierKernel)", () => {
  it("a firm that draws a switch moves to a cheaper candidate, never to a dearer one; no draw, no switch", () => {
    const n = 40;
    const nc = 30;
    const v = view(n, nc);
    const f = v.firms;
    for (let k = nc; k < n; k++) {
      f.price[k] = k === nc ? 10 : 1 + k / 100;
      f.fillRatio[k] = 1;
    }
    for (let j = 0; j < nc; j++) f.capitalSupplier[j] = nc; // all with the dearest
    const key = 12345;
    SupplierArgs.write(v.work.args, { switchKey: key, pickKey: 678, switchProb: 0.5, intensity: 4, nc });
    capitalSupplierKernel(v, 0, 0, 0, n);
    let switched = 0;
    for (let j = 0; j < nc; j++) {
      const drew = keyedUniform(key, j) < 0.5;
      if (!drew) expect(f.capitalSupplier[j]).toBe(nc);
      if (f.capitalSupplier[j] !== nc) {
        switched++;
        expect(drew).toBe(true);
        expect(f.price[f.capitalSupplier[j]]).toBeLessThan(10);
      }
    }
    expect(switched).toBeGreaterThan(5);
    SupplierArgs.write(v.work.args, { switchKey: key, pickKey: 678, switchProb: 0, intensity: 4, nc });
    const before = f.capitalSupplier.slice();
    capitalSupplierKernel(v, 0, 0, 0, n);
    expect(f.capitalSupplier).toEqual(before);
  });
  it("the switch probability rises in the price gap: 1 − exp(−ε gap / p_new), none to a dearer or equal candidate", () => {
    expect(capitalSwitchProbability(1, 1.02, 4)).toBe(0);
    expect(capitalSwitchProbability(1, 1, 4)).toBe(0);
    expect(capitalSwitchProbability(1.02, 1, 4)).toBeCloseTo(1 - Math.exp(-0.08), 14);
    expect(capitalSwitchProbability(2, 1, 4)).toBeCloseTo(1 - Math.exp(-4), 14);
    expect(capitalSwitchProbability(1.02, 1, 0)).toBe(0);
    expect(capitalSwitchProbability(1.02, 1, 1e6)).toBe(1); // the rule before: any cheaper candidate
  });

  it("a 2 % dearer supplier keeps most buyers that compare; a rationing one loses every buyer that compares", () => {
    const n = 2000 + 2;
    const nc = 2000;
    const v = view(n, nc);
    const f = v.firms;
    f.price[nc] = 1.02; // the current supplier, 2 % dearer
    f.price[nc + 1] = 1;
    f.fillRatio[nc] = 1;
    f.fillRatio[nc + 1] = 1;
    for (let j = 0; j < nc; j++) f.capitalSupplier[j] = nc;
    const key = 999;
    SupplierArgs.write(v.work.args, { switchKey: key, pickKey: 31, switchProb: 1, intensity: 4, nc });
    capitalSupplierKernel(v, 0, 0, 0, n);
    let drewOther = 0;
    let moved = 0;
    for (let j = 0; j < nc; j++) {
      if (keyedUniform(31, j + 0x40000000) >= 0.5) drewOther++;
      if (f.capitalSupplier[j] !== nc) {
        moved++;
        expect(f.capitalSupplier[j]).toBe(nc + 1);
      }
    }
    // Of the ≈ half that draw the cheaper firm, a share 1 − e^−0.08 ≈ 7.7 % move (binomial sd ≈ 0.8 points).
    const share = moved / drewOther;
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.11);
    // Rationed last month: every buyer that compares moves, even to a dearer candidate.
    for (let j = 0; j < nc; j++) f.capitalSupplier[j] = nc + 1;
    f.fillRatio[nc + 1] = 0.5;
    capitalSupplierKernel(v, 0, 0, 0, n);
    let stayed = 0;
    for (let j = 0; j < nc; j++) {
      const candidate = nc + Math.floor(keyedUniform(31, j + 0x40000000) * 2);
      expect(f.capitalSupplier[j]).toBe(candidate);
      if (candidate === nc + 1) stayed++;
    }
    expect(stayed).toBeGreaterThan(0);
    // Blocks give the same bits: the pass over two halves equals the pass over the whole.
    for (let j = 0; j < nc; j++) f.capitalSupplier[j] = nc;
    f.fillRatio[nc + 1] = 1;
    capitalSupplierKernel(v, 0, 0, 0, 1000);
    capitalSupplierKernel(v, 1, 1, 1000, n);
    const split = f.capitalSupplier.slice();
    for (let j = 0; j < nc; j++) f.capitalSupplier[j] = nc;
    capitalSupplierKernel(v, 0, 0, 0, n);
    expect(f.capitalSupplier).toEqual(split);
  });
});
