// The credit market for non-AI firms (Caiani et al. 2016, credit market):
// banks judge each borrower's default probability from its balance sheet,
// price loans as policy rate + the bank's spread + a premium for expected
// loss, and ration credit — refusing risky borrowers and lending no more
// than their capital allows. Firms service their debt first; a firm that
// cannot is bankrupt and is replaced (see resolveFirmDefault).
import {
  interestFromRecord,
  lendToRecord,
  repaidByRecord,
  repayLoan,
  setFirmBalances,
  settleCentralBankReserves,
  writeOffLoan,
} from "../ledger.ts";
import { Pass, type SliceView } from "../passes.ts";
import type { ModelState } from "../state.ts";
import { defineStruct } from "../struct.ts";
import { FIN_ELIGIBLE, FIN_PAID, FIN_SKIP, FinRecord } from "./financeRecord.ts";

/** Inputs of the credit-pricing pass: written into PassWork.args by priceCredit, read by priceKernel (struct.ts). */
export const PriceArgs = defineStruct({
  policy: "f64",
  capitalPrice: "f64",
  maturity: "f64",
  pdIntercept: "f64",
  pdLeverageSlope: "f64",
  pdDebtServiceSlope: "f64",
  riskPremiumMultiplier: "f64",
  lossGivenDefault: "f64",
  /** firms.fixedRateShare. */
  fixedShare: "f64",
  nc: "f64",
});
const PriceArg = PriceArgs.at;

/**
 * Default probability per year from a logit in leverage and debt service
 * (a reduced-form stand-in for a structural distance-to-default model),
 * this month's offer rate, and the rate each firm pays this month: the
 * offer rate on the floating part of its loans, the coupon locked at
 * origination on the fixed part (firms.fixedRateShare; effectiveLoanRate). Each firm's from its
 * own columns: a pass over blocks of firms (priceKernel), which may run on
 * several threads; the banks' spreads travel in PassWork.bankArgs.
 */
export function priceCredit(m: ModelState): void {
  const c = m.config.banks;
  const work = m.runner.work;
  PriceArgs.write(work.args, {
    policy: m.centralBank.policyRateYearly,
    capitalPrice: m.macro.capitalGoodsPrice,
    maturity: m.config.firms.loanMaturityMonths,
    pdIntercept: c.pdIntercept,
    pdLeverageSlope: c.pdLeverageSlope,
    pdDebtServiceSlope: c.pdDebtServiceSlope,
    riskPremiumMultiplier: c.riskPremiumMultiplier,
    lossGivenDefault: c.lossGivenDefault,
    fixedShare: m.config.firms.fixedRateShare,
    nc: m.firms.nConsumption,
  });
  work.bankArgs.set(m.banks.spreadYearly.subarray(0, work.nBanks));
  m.runner.run(Pass.priceCredit);
}

/** priceCredit's rule over firms [start, end). */
export function priceKernel(v: SliceView, _lane: number, _block: number, start: number, end: number): void {
  const a = v.work.args;
  const policy = a[PriceArg.policy];
  const pK = a[PriceArg.capitalPrice];
  const maturity = a[PriceArg.maturity];
  const pdIntercept = a[PriceArg.pdIntercept];
  const pdLeverageSlope = a[PriceArg.pdLeverageSlope];
  const pdDebtServiceSlope = a[PriceArg.pdDebtServiceSlope];
  const riskPremiumMultiplier = a[PriceArg.riskPremiumMultiplier];
  const lossGivenDefault = a[PriceArg.lossGivenDefault];
  const fixedShare = a[PriceArg.fixedShare];
  const nc = a[PriceArg.nc];
  const spread = v.work.bankArgs;
  const { loans, deposits, loanRateYearly, salesNominal, capital, pdYearly, bank } = v.firms;
  const { loanOfferRateYearly, fixedCouponYearly } = v.firms;
  for (let j = start; j < end; j++) {
    const collateral = collateralValue(j < nc, capital[j], salesNominal[j], pK);
    const leverage = loans[j] / Math.max(1e-9, collateral + deposits[j]);
    const debtService = loans[j] * (loanRateYearly[j] / 12 + 1 / maturity);
    const serviceRatio = debtService / Math.max(1e-9, salesNominal[j]);
    const z = pdIntercept + pdLeverageSlope * leverage + pdDebtServiceSlope * Math.min(serviceRatio, 10);
    const pd = 1 / (1 + Math.exp(-z));
    pdYearly[j] = pd;
    const offer = policy + spread[bank[j]] + riskPremiumMultiplier * pd * lossGivenDefault;
    loanOfferRateYearly[j] = offer;
    loanRateYearly[j] = fixedShare > 0 ? effectiveLoanRate(offer, fixedCouponYearly[j], fixedShare) : offer;
  }
}

/**
 * The rate a firm pays on its loans: this month's offer on the floating
 * part, the coupon locked at origination on the fixed part (share
 * firms.fixedRateShare of every loan; schema description for the sources).
 */
export function effectiveLoanRate(
  offerYearly: number,
  fixedCouponYearly: number,
  fixedShare: number,
): number {
  return (1 - fixedShare) * offerYearly + fixedShare * fixedCouponYearly;
}

/**
 * The loan-weighted coupon of a firm's fixed-rate part after a month in
 * which `remaining` of its old loans are still outstanding (after this
 * month's repayment, which retires every coupon in proportion) and
 * `granted` new loans were made at `offerYearly`. The fixed part is the
 * same share of both, so the share cancels. No new loan: the coupon stays.
 */
export function blendFixedCoupon(
  couponYearly: number,
  remaining: number,
  granted: number,
  offerYearly: number,
): number {
  if (!(granted > 0)) return couponYearly;
  const old = Math.max(0, remaining);
  return (couponYearly * old + offerYearly * granted) / (old + granted);
}

/** What a bank counts as a firm's collateral: its capital at replacement cost, or a year of sales for capital-goods firms. */
function collateralValue(consumptionFirm: boolean, capital: number, sales: number, pK: number): number {
  return consumptionFirm ? capital * pK : 12 * sales * 0.5;
}

const Fin = FinRecord.at;
const FIN_STRIDE = FinRecord.stride;
const FIN_INTS = FinRecord.i32Stride;

/** Inputs of the financing terms pass: written into PassWork.args by financeFirms, read by financeTermsKernel (struct.ts). */
export const FinanceArgs = defineStruct({
  capitalPrice: "f64",
  maturity: "f64",
  /** 1 + firms.cashBufferMonths. */
  buffer: "f64",
  targetLeverage: "f64",
  maxLeverage: "f64",
  maxPd: "f64",
  /** firms.fixedRateShare. */
  fixedShare: "f64",
  nc: "f64",
});
const FinanceArg = FinanceArgs.at;

/**
 * Debt service, then new loans for this month's outlays (wages, planned
 * investment, a liquidity buffer). Firms are visited in a random order
 * drawn from the "credit" stream so no firm is always first in line for a
 * bank's limited capacity. A firm that cannot pay its debt service even
 * after asking for credit defaults.
 *
 * Three steps, each its own function with one loop (so the JIT optimises
 * each loop whole): each firm's terms (financeTermsKernel) and, after the
 * visit, its new balances (financeWriteBackKernel) — passes over blocks of
 * firms, which may run on several threads, since each touches only its own
 * firm's columns and record (PassWork.finance) — and between them the
 * visit in random order on this thread (financeVisit), where the order
 * matters: the banks' capacity, their balances, defaults.
 */
export function financeFirms(m: ModelState): void {
  const f = m.firms;
  const n = f.n;
  const order = m.scratch.firmOrder;
  for (let j = 0; j < n; j++) order[j] = j;
  m.streams.shuffle("credit", order, n);
  const work = m.runner.work;
  // Each firm's record sits at its place in the visit, so the visit reads the records in memory order.
  const slot = work.financeSlot;
  for (let o = 0; o < n; o++) slot[order[o]] = o;
  const cf = m.config.firms;
  FinanceArgs.write(work.args, {
    capitalPrice: m.macro.capitalGoodsPrice,
    maturity: cf.loanMaturityMonths,
    buffer: 1 + cf.cashBufferMonths,
    targetLeverage: cf.targetLeverage,
    maxLeverage: m.config.banks.maxLeverage,
    maxPd: m.config.banks.maxDefaultProbability,
    fixedShare: cf.fixedRateShare,
    nc: f.nConsumption,
  });
  m.runner.run(Pass.financeTerms);
  settleCentralBankReserves(
    m.centralBank,
    financeVisit(m, order, work.finance, work.financeInts, m.centralBank.reserves),
  );
  m.runner.run(Pass.financeWriteBack);
}

/** Each firm's terms over firms [start, end) (each firm's own columns are untouched until its turn in the visit). */
export function financeTermsKernel(
  v: SliceView,
  _lane: number,
  _block: number,
  start: number,
  end: number,
): void {
  const a = v.work.args;
  const terms = v.work.finance;
  const ints = v.work.financeInts;
  const slot = v.work.financeSlot;
  const nc = a[FinanceArg.nc];
  const pK = a[FinanceArg.capitalPrice];
  const maturity = a[FinanceArg.maturity];
  const buffer = a[FinanceArg.buffer];
  const targetLeverage = a[FinanceArg.targetLeverage];
  const maxLeverage = a[FinanceArg.maxLeverage];
  const maxPd = a[FinanceArg.maxPd];
  const { loans, deposits, interestPaid, investmentOrder, labourDemand, wage } = v.firms;
  const { age, loanRateYearly, employees, capital, salesNominal, pdYearly, bank, capitalSupplier } = v.firms;
  for (let j = start; j < end; j++) {
    interestPaid[j] = 0;
    const t = slot[j] * FIN_STRIDE;
    const q = slot[j] * FIN_INTS;
    const L = loans[j];
    const D = deposits[j];
    const interest = (L * loanRateYearly[j]) / 12;
    const principal = L / maturity;
    const wageNeed = Math.max(employees[j], labourDemand[j]) * wage[j];
    // Firms also borrow towards a target leverage on their capital (debt is
    // cheaper than equity after tax), closing a twelfth of the gap a month;
    // the proceeds leave as payouts — so credit tracks collateral values and
    // banks' willingness to lend (the financial accelerator).
    const collateral = collateralValue(j < nc, capital[j], salesNominal[j], pK);
    const target = targetLeverage * collateral;
    terms[t + Fin.interest] = interest;
    terms[t + Fin.investmentOrder] = j < nc ? investmentOrder[j] : 0;
    terms[t + Fin.wageNeed] = wageNeed;
    terms[t + Fin.base] = interest + principal + wageNeed * buffer;
    terms[t + Fin.leverageGap] = target > L ? (target - L) / 12 : 0;
    terms[t + Fin.room] = maxLeverage * (collateral + D) - L;
    terms[t + Fin.deposits] = D;
    terms[t + Fin.loans] = L;
    // A successor (age 0) sits the month out: its terms are computed but not used.
    ints[q + Fin.flags] = age[j] === 0 ? FIN_SKIP : pdYearly[j] <= maxPd ? FIN_ELIGIBLE : 0;
    ints[q + Fin.bank] = bank[j];
    ints[q + Fin.supplier] = capitalSupplier[j];
  }
}

/**
 * The visit in random order: what depends on the order (banks' lending
 * capacity, their balances, defaults). Ledger entries as in grantLoan,
 * transfer (firm → its bank, loan interest) and repayLoan, in the same
 * order; the central bank's reserves move in `cbReserves`, returned.
 */
function financeVisit(
  m: ModelState,
  order: Int32Array,
  terms: Float64Array,
  ints: Int32Array,
  cbReserves: number,
): number {
  const f = m.firms;
  const n = f.n;
  const nc = f.nConsumption;
  const maturity = m.config.firms.loanMaturityMonths;
  const price = f.price;
  const b = m.banks;
  const capacity = b.lendingCapacity;
  const bankProfit = b.profit;
  const flows = m.ledger.flows;
  for (let o = 0; o < n; o++) {
    const j = order[o];
    const q = o * FIN_INTS;
    const flags = ints[q + Fin.flags];
    if ((flags & FIN_SKIP) !== 0) continue;
    const t = o * FIN_STRIDE;
    const interest = terms[t + Fin.interest];
    let d = terms[t + Fin.deposits];
    let l = terms[t + Fin.loans];
    const principal = l / maturity;
    const k = ints[q + Fin.bank];
    // The supplier's price is read now: a capital firm that defaulted earlier in this visit has a new one.
    const supplierPrice = price[ints[q + Fin.supplier]];
    const investCost = j < nc ? terms[t + Fin.investmentOrder] * supplierPrice : 0;
    const need = Math.max(0, terms[t + Fin.base] + investCost - d) + terms[t + Fin.leverageGap];
    if (need > 0) {
      const grant =
        (flags & FIN_ELIGIBLE) !== 0 ? Math.min(need, Math.max(0, terms[t + Fin.room]), capacity[k]) : 0;
      if (grant > 0) {
        l += grant;
        d += grant;
        lendToRecord(b, k, grant);
        capacity[k] -= grant;
      }
    }
    if (d < interest + principal) {
      cbReserves = defaultInVisit(m, j, l, d, cbReserves);
      continue;
    }
    if (interest !== 0) {
      d -= interest;
      cbReserves = interestFromRecord(b, flows, k, interest, cbReserves);
    }
    bankProfit[k] += interest;
    l -= principal;
    d -= principal;
    repaidByRecord(b, k, principal);
    terms[t + Fin.loans] = l;
    terms[t + Fin.deposits] = d;
    terms[t + Fin.investCost] = investCost;
    terms[t + Fin.supplierPrice] = supplierPrice;
    ints[q + Fin.flags] = flags | FIN_PAID;
  }
  return cbReserves;
}

/** A firm that cannot service its debt during the visit: its balances so far, then resolveFirmDefault. Returns the central bank's reserves. */
function defaultInVisit(
  m: ModelState,
  j: number,
  loans: number,
  deposits: number,
  cbReserves: number,
): number {
  setFirmBalances(m.firms, j, loans, deposits);
  settleCentralBankReserves(m.centralBank, cbReserves);
  resolveFirmDefault(m, j);
  return m.centralBank.reserves;
}

/**
 * Each firm of [start, end) that serviced its debt: its new balances, the
 * coupon of its fixed-rate part after this month's new loans (when
 * firms.fixedRateShare is above 0; blendFixedCoupon), and what cash cannot
 * cover is not bought or hired: investment first, then new hires. Each
 * firm's own columns and record only: a pass over blocks of firms.
 */
export function financeWriteBackKernel(
  v: SliceView,
  _lane: number,
  _block: number,
  start: number,
  end: number,
): void {
  const f = v.firms;
  const terms = v.work.finance;
  const ints = v.work.financeInts;
  const slot = v.work.financeSlot;
  const nc = f.nConsumption;
  const a = v.work.args;
  const fixedShare = a[FinanceArg.fixedShare];
  const maturity = a[FinanceArg.maturity];
  const { interestPaid, investmentOrder, labourDemand, wage, loans, loanOfferRateYearly, fixedCouponYearly } =
    f;
  for (let j = start; j < end; j++) {
    const q = slot[j] * FIN_INTS;
    if ((ints[q + Fin.flags] & FIN_PAID) === 0) continue;
    const t = slot[j] * FIN_STRIDE;
    const cash = terms[t + Fin.deposits];
    const wageNeed = terms[t + Fin.wageNeed];
    if (fixedShare > 0) {
      // The firm's column still holds last month's loans: what is left of them after this month's principal, and what is new.
      const remaining = loans[j] * (1 - 1 / maturity);
      const granted = terms[t + Fin.loans] - remaining;
      fixedCouponYearly[j] = blendFixedCoupon(
        fixedCouponYearly[j],
        remaining,
        granted,
        loanOfferRateYearly[j],
      );
    }
    setFirmBalances(f, j, terms[t + Fin.loans], cash);
    interestPaid[j] = terms[t + Fin.interest];
    if (cash < wageNeed + terms[t + Fin.investCost] && j < nc) {
      investmentOrder[j] = Math.max(0, (cash - wageNeed) / Math.max(1e-9, terms[t + Fin.supplierPrice]));
    }
    if (cash < wageNeed) {
      labourDemand[j] = Math.min(labourDemand[j], Math.floor(cash / Math.max(1e-9, wage[j])));
    }
  }
}

/**
 * Bankruptcy and replacement (Caiani et al. 2016, firm exit and entry): the
 * bank takes the firm's deposits against the loan and writes off the loss
 * given default; the physical assets pass to a successor in the same slot,
 * which starts smaller with sector-average prices and wages and equity paid
 * in by the households — with firms.successorFreshStart, enough equity to
 * repay the rest of the loan (the recovery), so it starts without debt;
 * without it, it carries that loan. Its workers are laid off; its old
 * shareholders lose their value.
 */
export function resolveFirmDefault(m: ModelState, j: number): void {
  const f = m.firms;
  const lgd = m.config.banks.lossGivenDefault;
  const loansBefore = f.loans[j];
  const seized = Math.min(f.deposits[j], f.loans[j]);
  if (seized > 0) repayLoan(m, j, seized);
  const loss = f.loans[j] * lgd;
  writeOffLoan(m, j, loss);
  m.banks.profit[f.bank[j]] -= loss;
  m.macro.firmDefaults++;
  m.events.push({
    type: "firmDefault",
    firm: j,
    sector: j < f.nConsumption ? "consumption" : "capital",
    // At US scale: one simulated firm stands for many real ones.
    loansUsdBn: loansBefore / m.params.scale / 1e9,
    writeOffUsdBn: loss / m.params.scale / 1e9,
    employees: f.employees[j],
  });

  // Successor: sector averages for prices, wages and expectations, taken
  // once per month at the first default (an O(firms) scan, not one per default).
  const sector = j < f.nConsumption ? 0 : 1;
  const avg = m.scratch.sectorAverages;
  if (avg[sector * 4 + 3] !== m.tick) {
    const lo = sector === 0 ? 0 : f.nConsumption;
    const hi = sector === 0 ? f.nConsumption : f.n;
    let markup = 0;
    let wage = 0;
    let sales = 0;
    let live = 0;
    for (let k = lo; k < hi; k++) {
      if (k === j || f.age[k] === 0) continue;
      markup += f.markup[k];
      wage += f.wage[k];
      sales += f.expectedSales[k];
      live++;
    }
    const d = Math.max(1, live);
    avg[sector * 4] = live > 0 ? markup / d : f.markup[j];
    avg[sector * 4 + 1] = live > 0 ? wage / d : f.wage[j];
    avg[sector * 4 + 2] = live > 0 ? sales / d : f.expectedSales[j] / m.config.firms.entrySizeShare;
    avg[sector * 4 + 3] = m.tick;
  }
  f.markup[j] = avg[sector * 4];
  f.wage[j] = avg[sector * 4 + 1];
  // Its order book: the demand that still reached the failed firm last month
  // (its remaining customers), at most entrySizeShare of the sector's average.
  const entrySales = m.config.firms.entrySizeShare * avg[sector * 4 + 2];
  f.expectedSales[j] = m.config.firms.successorFreshStart
    ? Math.min(entrySales, f.demandReal[j])
    : entrySales;
  const prodL = j < f.nConsumption ? m.params.prodLabourConsumption : m.params.prodLabourCapital;
  f.price[j] = ((1 + f.markup[j]) * f.wage[j]) / prodL;
  f.demandReal[j] = f.expectedSales[j];
  f.labourPlan[j] = f.expectedSales[j];
  f.productivity[j] = 1;
  f.appeal[j] = 1; // an entrant starts at its sector's mean productivity (agents/firms.ts updateFirmProductivity)
  f.expectedSalesGrowth[j] = 0;
  f.age[j] = 0;
  f.earnings[j] = 0;
  f.dividendDue[j] = 0;
  f.profitRate[j] = m.params.normalProfitRateYearly;
  f.utilization[j] = m.config.firms.consumption.targetUtilization;
  f.labourDemand[j] = 0;
  f.plannedOutput[j] = 0;
  f.investmentOrder[j] = 0;
  f.leaveProbability[j] = 1;
  f.unfilled[j] = 0;
  const wageBill = (f.expectedSales[j] / prodL) * f.wage[j];
  f.pendingEquity[j] = wageBill * (1 + m.config.firms.cashBufferMonths);
  // Successor entry (firms.successorFreshStart): the new owners buy the failed
  // firm's assets at the lender's recovery value, so their entry equity also
  // carries the loan that is left after the write-off, and repays it when it
  // is paid in (agents/firms.ts collectDistributions); the successor starts
  // without debt (US Chapter 7: the debt is discharged, the lender keeps what
  // the assets fetch). Off: it keeps that loan (the rule before).
  if (m.config.firms.successorFreshStart) f.pendingEquity[j] += f.loans[j];
}
