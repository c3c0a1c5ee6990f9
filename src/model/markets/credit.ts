// The credit market for non-AI firms (Caiani et al. 2016, credit market):
// banks judge each borrower's default probability from its balance sheet,
// price loans as policy rate + the bank's spread + a premium for expected
// loss, and ration credit — refusing risky borrowers and lending no more
// than their capital allows. Firms service their debt first; a firm that
// cannot is bankrupt and is replaced (see resolveFirmDefault).
import type { SpiralConfig } from "../../config/configTypes.ts";
import { debtWorkout, operatingCashFlow } from "../agents/distress.ts";
import { choosesExit } from "../agents/firmExit.ts";
import {
  type Books,
  interestFromRecord,
  lendToRecord,
  repaidByRecord,
  repayLoan,
  setFirmBalances,
  settleCentralBankReserves,
  writeOffLoan,
} from "../ledger.ts";
import { Pass, type SliceView } from "../passes.ts";
import type { PassRunner } from "../passRunner.ts";
import { shuffle } from "../rng.ts";
import type { Banks, CentralBank, DerivedParams, Firms, MacroState, ModelEvent, Scratch } from "../state.ts";
import { defineStruct } from "../struct.ts";
import { FIN_DEFERRED, FIN_ELIGIBLE, FIN_EXIT, FIN_PAID, FIN_SKIP, FinRecord } from "./financeRecord.ts";

/**
 * The credit market's parameters: the config groups banks and firms
 * (configs/schema.json) and the derived constants a successor firm starts
 * from (productivities, the normal profit rate) and events are scaled by.
 */
export interface CreditParams {
  banks: Readonly<SpiralConfig["banks"]>;
  firms: Readonly<SpiralConfig["firms"]>;
  derived: Readonly<
    Pick<DerivedParams, "scale" | "prodLabourConsumption" | "prodLabourCapital" | "normalProfitRateYearly">
  >;
}

/** The credit market's parameters from the config and the derived constants. */
export function creditParams(config: SpiralConfig, derived: DerivedParams): CreditParams {
  return { banks: config.banks, firms: config.firms, derived };
}

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
  /** firms.riskPremiumAtOrigination (1 on, 0 off). */
  lockPremium: "f64",
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
export function priceCredit(
  firms: Pick<Firms, "nConsumption">,
  banks: Pick<Banks, "spreadYearly">,
  centralBank: Pick<CentralBank, "policyRateYearly">,
  macro: Pick<MacroState, "capitalGoodsPrice">,
  params: CreditParams,
  runner: PassRunner,
): void {
  const c = params.banks;
  const work = runner.work;
  PriceArgs.write(work.args, {
    policy: centralBank.policyRateYearly,
    capitalPrice: macro.capitalGoodsPrice,
    maturity: params.firms.loanMaturityMonths,
    pdIntercept: c.pdIntercept,
    pdLeverageSlope: c.pdLeverageSlope,
    pdDebtServiceSlope: c.pdDebtServiceSlope,
    riskPremiumMultiplier: c.riskPremiumMultiplier,
    lossGivenDefault: c.lossGivenDefault,
    fixedShare: params.firms.fixedRateShare,
    lockPremium: params.firms.riskPremiumAtOrigination ? 1 : 0,
    nc: firms.nConsumption,
  });
  work.bankArgs.set(banks.spreadYearly.subarray(0, work.nBanks));
  runner.run(Pass.priceCredit);
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
  const lockPremium = a[PriceArg.lockPremium] !== 0;
  const nc = a[PriceArg.nc];
  const spread = v.work.bankArgs;
  const { loans, deposits, loanRateYearly, salesNominal, capital, pdYearly, bank, riskPremiumYearly } =
    v.firms;
  const { loanOfferRateYearly, fixedCouponYearly } = v.firms;
  for (let j = start; j < end; j++) {
    const collateral = collateralValue(j < nc, capital[j], salesNominal[j], pK);
    const leverage = loans[j] / Math.max(1e-9, collateral + deposits[j]);
    const debtService = loans[j] * (loanRateYearly[j] / 12 + 1 / maturity);
    const serviceRatio = debtService / Math.max(1e-9, salesNominal[j]);
    const z = pdIntercept + pdLeverageSlope * leverage + pdDebtServiceSlope * Math.min(serviceRatio, 10);
    const pd = 1 / (1 + Math.exp(-z));
    pdYearly[j] = pd;
    const premium = riskPremiumMultiplier * pd * lossGivenDefault;
    const offer = policy + spread[bank[j]] + premium;
    loanOfferRateYearly[j] = offer;
    // The floating part: this month's offer, or with the premium locked at origination the loans' own premium.
    const floating = lockPremium ? lockedLoanRate(offer, premium, riskPremiumYearly[j]) : offer;
    loanRateYearly[j] =
      fixedShare > 0 ? effectiveLoanRate(floating, fixedCouponYearly[j], fixedShare) : floating;
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
 * The floating rate a firm pays with its risk premium locked at origination
 * (firms.riskPremiumAtOrigination): this month's offer (policy rate + its
 * bank's spread + this month's premium for expected loss) with this month's
 * premium replaced by the loan-weighted premium its loans were made at
 * (the firm column riskPremiumYearly, blended as new loans are made:
 * blendFixedCoupon). A floating-rate business loan pays a base rate plus a
 * spread written into the contract when it is made; it is repriced to the
 * borrower's new risk when it is refinanced (the Federal Reserve's Survey
 * of Terms of Business Lending, E.2, records loans' terms as they are
 * made); some contracts carry performance pricing, a grid that moves the
 * spread with the borrower's credit quality within contractual steps
 * (Asquith, Beatty & Weber 2005, J. Accounting & Economics 40(1),
 * 101–128) — not the whole premium. Off, every loan is repriced each
 * month at the borrower's current default probability, so a firm whose
 * risk rises pays the higher premium on all its debt at once.
 */
export function lockedLoanRate(
  offerYearly: number,
  premiumYearly: number,
  lockedPremiumYearly: number,
): number {
  return offerYearly - premiumYearly + lockedPremiumYearly;
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
  /** With firms.riskPremiumAtOrigination, banks.riskPremiumMultiplier × banks.lossGivenDefault (this month's premium per unit of default probability); 0 off. */
  premiumPerPd: "f64",
  /** firms.distress.workout (1 on, 0 off) and firms.distress.workoutInterestCoverage (agents/distress.ts debtWorkout). */
  workout: "f64",
  workoutCoverage: "f64",
  nc: "f64",
  /** firms.exit.salesShare (0: no voluntary exit) and firms.exit.minAgeMonths (agents/firmExit.ts choosesExit). */
  exitShare: "f64",
  exitMinAge: "f64",
  /** The average expected sales of live consumption and capital-goods firms (age above 0), with firms.exit on. */
  averageSalesC: "f64",
  averageSalesK: "f64",
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
export function financeFirms(
  firms: Firms,
  banks: Banks,
  centralBank: CentralBank,
  macro: Pick<MacroState, "capitalGoodsPrice" | "firmDefaults" | "firmExits">,
  month: CreditMonth,
  params: CreditParams,
  runner: PassRunner,
  scratch: Pick<Scratch, "firmOrder" | "sectorAverages">,
  events: ModelEvent[],
  books: Books,
): void {
  const f = firms;
  const n = f.n;
  const order = scratch.firmOrder;
  for (let j = 0; j < n; j++) order[j] = j;
  shuffle(month.rng, order, n);
  const work = runner.work;
  // Each firm's record sits at its place in the visit, so the visit reads the records in memory order.
  const slot = work.financeSlot;
  for (let o = 0; o < n; o++) slot[order[o]] = o;
  const cf = params.firms;
  FinanceArgs.write(work.args, {
    capitalPrice: macro.capitalGoodsPrice,
    maturity: cf.loanMaturityMonths,
    buffer: 1 + cf.cashBufferMonths,
    targetLeverage: cf.targetLeverage,
    maxLeverage: params.banks.maxLeverage,
    maxPd: params.banks.maxDefaultProbability,
    fixedShare: cf.fixedRateShare,
    premiumPerPd: cf.riskPremiumAtOrigination
      ? params.banks.riskPremiumMultiplier * params.banks.lossGivenDefault
      : 0,
    workout: cf.distress.workout ? 1 : 0,
    workoutCoverage: cf.distress.workoutInterestCoverage,
    nc: f.nConsumption,
    exitShare: cf.exit.salesShare,
    exitMinAge: cf.exit.minAgeMonths,
    averageSalesC: cf.exit.salesShare > 0 ? liveAverage(f.expectedSales, f.age, 0, f.nConsumption) : 0,
    averageSalesK: cf.exit.salesShare > 0 ? liveAverage(f.expectedSales, f.age, f.nConsumption, n) : 0,
  });
  runner.run(Pass.financeTerms);
  const exit: FirmExit = { firms, banks, macro, tick: month.tick, params, scratch, events, books };
  const visit: FinanceVisit = { order, terms: work.finance, ints: work.financeInts };
  settleCentralBankReserves(centralBank, financeVisit(exit, visit, centralBank, centralBank.reserves));
  runner.run(Pass.financeWriteBack);
}

/** The mean of `column` over firms [start, end) of age above 0 (0 when none is). Pure. */
export function liveAverage(
  column: Float64Array,
  age: Float64Array | Int32Array,
  start: number,
  end: number,
): number {
  let sum = 0;
  let live = 0;
  for (let j = start; j < end; j++) {
    if (age[j] === 0) continue;
    sum += column[j];
    live++;
  }
  return live > 0 ? sum / live : 0;
}

/** The month as the financing visit sees it: the tick (successors' sector averages) and the "credit" stream that orders the visit. */
export interface CreditMonth {
  readonly tick: number;
  readonly rng: () => number;
}

/**
 * What a firm's default (resolveFirmDefault) reads and writes besides the
 * firm's own columns: the banks' profits, the month's default count, the
 * successors' sector averages, the events, and the books the loss is
 * booked through.
 */
export interface FirmExit {
  readonly firms: Firms;
  readonly banks: Pick<Banks, "profit">;
  readonly macro: Pick<MacroState, "firmDefaults" | "firmExits">;
  readonly tick: number;
  readonly params: CreditParams;
  readonly scratch: Pick<Scratch, "sectorAverages">;
  readonly events: ModelEvent[];
  readonly books: Books;
}

/** The visit's order and the packed records (PassWork.finance, financeInts), record o the o-th firm visited. */
interface FinanceVisit {
  readonly order: Int32Array;
  readonly terms: Float64Array;
  readonly ints: Int32Array;
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
  const exitOn = a[FinanceArg.exitShare] > 0;
  const { loans, deposits, interestPaid, investmentOrder, labourDemand, wage } = v.firms;
  const { age, loanRateYearly, employees, capital, salesNominal, pdYearly, bank, capitalSupplier } = v.firms;
  const { revenue, wageBill, servicesPaid, electricityPaid } = v.firms;
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
    // Last month's, before this month's wages and sales: the workout's going-concern test.
    terms[t + Fin.operatingCash] = operatingCashFlow(
      revenue[j],
      wageBill[j],
      servicesPaid[j],
      electricityPaid[j],
    );
    // A successor (age 0) sits the month out: its terms are computed but not used.
    const flags = age[j] === 0 ? FIN_SKIP : pdYearly[j] <= maxPd ? FIN_ELIGIBLE : 0;
    // A small, loss-making, solvent firm closes (firms.exit; agents/firmExit.ts).
    ints[q + Fin.flags] = exitOn && age[j] > 0 && exitsNow(v, j, collateral) ? flags | FIN_EXIT : flags;
    ints[q + Fin.bank] = bank[j];
    ints[q + Fin.supplier] = capitalSupplier[j];
  }
}

/** Whether firm j (age above 0) closes this month (firms.exit; agents/firmExit.ts choosesExit), from its own columns and the pass's arguments. */
function exitsNow(v: SliceView, j: number, collateral: number): boolean {
  const a = v.work.args;
  const f = v.firms;
  const average = j < f.nConsumption ? a[FinanceArg.averageSalesC] : a[FinanceArg.averageSalesK];
  return choosesExit(
    f.age[j],
    a[FinanceArg.exitMinAge],
    f.expectedSales[j],
    average,
    a[FinanceArg.exitShare],
    f.earnings[j],
    f.deposits[j],
    collateral,
    f.loans[j],
  );
}

/**
 * The visit in random order: what depends on the order (banks' lending
 * capacity, their balances, defaults). Ledger entries as in grantLoan,
 * transfer (firm → its bank, loan interest) and repayLoan, in the same
 * order; the central bank's reserves move in `cbReserves`, returned.
 */
function financeVisit(
  exit: FirmExit,
  visit: FinanceVisit,
  centralBank: CentralBank,
  cbReserves: number,
): number {
  const { order, terms, ints } = visit;
  const f = exit.firms;
  const n = f.n;
  const nc = f.nConsumption;
  const maturity = exit.params.firms.loanMaturityMonths;
  const distress = exit.params.firms.distress;
  const workout = distress.workout;
  const coverage = distress.workoutInterestCoverage;
  const price = f.price;
  const b = exit.books.banks;
  const capacity = b.lendingCapacity;
  const bankProfit = b.profit;
  const flows = exit.books.ledger.flows;
  for (let o = 0; o < n; o++) {
    const j = order[o];
    const q = o * FIN_INTS;
    const flags = ints[q + Fin.flags];
    if ((flags & FIN_SKIP) !== 0) continue;
    const t = o * FIN_STRIDE;
    const interest = terms[t + Fin.interest];
    let d = terms[t + Fin.deposits];
    let l = terms[t + Fin.loans];
    if ((flags & FIN_EXIT) !== 0) {
      cbReserves = exitInVisit(exit, centralBank, j, l, d, cbReserves);
      continue;
    }
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
    // A firm that cannot pay its debt service defaults, unless its bank
    // defers the principal of a business that earns its interest (the
    // out-of-court workout, firms.distress.workout).
    let deferred = false;
    if (d < interest + principal) {
      deferred = workout && debtWorkout(d, interest, principal, terms[t + Fin.operatingCash], coverage);
      if (!deferred) {
        cbReserves = defaultInVisit(exit, centralBank, j, l, d, cbReserves);
        continue;
      }
    }
    if (interest !== 0) {
      d -= interest;
      cbReserves = interestFromRecord(b, flows, k, interest, cbReserves);
    }
    bankProfit[k] += interest;
    if (!deferred) {
      l -= principal;
      d -= principal;
      repaidByRecord(b, k, principal);
    }
    terms[t + Fin.loans] = l;
    terms[t + Fin.deposits] = d;
    terms[t + Fin.investCost] = investCost;
    terms[t + Fin.supplierPrice] = supplierPrice;
    ints[q + Fin.flags] = flags | FIN_PAID | (deferred ? FIN_DEFERRED : 0);
  }
  return cbReserves;
}

/** A firm that cannot service its debt during the visit: its balances so far, then resolveFirmDefault. Returns the central bank's reserves. */
function defaultInVisit(
  exit: FirmExit,
  centralBank: CentralBank,
  j: number,
  loans: number,
  deposits: number,
  cbReserves: number,
): number {
  setFirmBalances(exit.firms, j, loans, deposits);
  settleCentralBankReserves(centralBank, cbReserves);
  resolveFirmDefault(exit, j);
  return centralBank.reserves;
}

/** A firm that closes at its turn in the visit (firms.exit): its balances, then resolveFirmExit. Returns the central bank's reserves. */
function exitInVisit(
  exit: FirmExit,
  centralBank: CentralBank,
  j: number,
  loans: number,
  deposits: number,
  cbReserves: number,
): number {
  setFirmBalances(exit.firms, j, loans, deposits);
  settleCentralBankReserves(centralBank, cbReserves);
  resolveFirmExit(exit, j);
  return centralBank.reserves;
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
  const premiumPerPd = a[FinanceArg.premiumPerPd];
  const { interestPaid, investmentOrder, labourDemand, wage, loans, loanOfferRateYearly, fixedCouponYearly } =
    f;
  const { pdYearly, riskPremiumYearly } = f;
  for (let j = start; j < end; j++) {
    const q = slot[j] * FIN_INTS;
    const flags = ints[q + Fin.flags];
    if ((flags & FIN_PAID) === 0) continue;
    const t = slot[j] * FIN_STRIDE;
    const cash = terms[t + Fin.deposits];
    const wageNeed = terms[t + Fin.wageNeed];
    // The firm's column still holds last month's loans: what is left of them after this month's principal (all of them when it was deferred), and what is new.
    const remaining = (flags & FIN_DEFERRED) !== 0 ? loans[j] : loans[j] * (1 - 1 / maturity);
    const granted = terms[t + Fin.loans] - remaining;
    if (fixedShare > 0) {
      fixedCouponYearly[j] = blendFixedCoupon(
        fixedCouponYearly[j],
        remaining,
        granted,
        loanOfferRateYearly[j],
      );
    }
    // New loans carry this month's risk premium (firms.riskPremiumAtOrigination; lockedLoanRate).
    if (premiumPerPd > 0) {
      riskPremiumYearly[j] = blendFixedCoupon(
        riskPremiumYearly[j],
        remaining,
        granted,
        premiumPerPd * pdYearly[j],
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
 * given default (banks.lossGivenDefault) through the books; the physical
 * assets pass to a successor in the same slot (startSuccessor). Its
 * workers are laid off; its old shareholders lose their value. Counts the
 * default in macro.firmDefaults and emits a firmDefault event.
 */
export function resolveFirmDefault(exit: FirmExit, j: number): void {
  const { firms: f, books, params } = exit;
  const lgd = params.banks.lossGivenDefault;
  const loansBefore = f.loans[j];
  const seized = Math.min(f.deposits[j], f.loans[j]);
  if (seized > 0) repayLoan(books, j, seized);
  const loss = f.loans[j] * lgd;
  writeOffLoan(books, j, loss);
  exit.banks.profit[f.bank[j]] -= loss;
  exit.macro.firmDefaults++;
  const scale = params.derived.scale;
  exit.events.push({
    type: "firmDefault",
    firm: j,
    sector: j < f.nConsumption ? "consumption" : "capital",
    // At US scale: one simulated firm stands for many real ones.
    loansUsdBn: loansBefore / scale / 1e9,
    writeOffUsdBn: loss / scale / 1e9,
    employees: f.employees[j],
  });
  replaceBySuccessor(exit, j);
}

/** A successor in firm j's slot (startSuccessor) from its sector's averages, taken once per month at the first default or exit (an O(firms) scan, not one per firm). */
function replaceBySuccessor(exit: FirmExit, j: number): void {
  const { firms: f, params } = exit;
  const sector = j < f.nConsumption ? 0 : 1;
  const avg = exit.scratch.sectorAverages;
  if (avg[sector * 4 + 3] !== exit.tick) takeSectorAverages(f, j, params.firms.entrySizeShare, avg);
  avg[sector * 4 + 3] = exit.tick;
  startSuccessor(f, j, avg, params);
}

/**
 * Voluntary exit (firms.exit; agents/firmExit.ts choosesExit): the closing
 * firm's deposits repay its loan as far as they go; a successor in its slot
 * buys its capital for the loan that is left (startSuccessor: with
 * firms.successorFreshStart its owners' entry equity carries that loan and
 * repays it when paid in, so the lender is repaid in full; without it the
 * successor keeps the loan) and keeps what deposits are left over; its
 * workers are laid off. No loss is written off and it is not a default:
 * counted in macro.firmExits, with a firmExit event.
 */
export function resolveFirmExit(exit: FirmExit, j: number): void {
  const { firms: f, books, params } = exit;
  const loansBefore = f.loans[j];
  const repaid = Math.min(f.deposits[j], f.loans[j]);
  if (repaid > 0) repayLoan(books, j, repaid);
  exit.macro.firmExits++;
  const scale = params.derived.scale;
  exit.events.push({
    type: "firmExit",
    firm: j,
    sector: j < f.nConsumption ? "consumption" : "capital",
    loansUsdBn: loansBefore / scale / 1e9,
    employees: f.employees[j],
  });
  replaceBySuccessor(exit, j);
}

/**
 * The successor's reference in firm j's sector (consumption 0, capital 1):
 * the average markup, wage and expected sales of its live firms (age above
 * 0, j left out), into avg[4 sector .. 4 sector + 2]; with no live firm,
 * firm j's own (its expected sales over `entrySizeShare`). Pure over the
 * firm columns.
 */
export function takeSectorAverages(
  f: Pick<Firms, "n" | "nConsumption" | "age" | "markup" | "wage" | "expectedSales">,
  j: number,
  entrySizeShare: number,
  avg: Float64Array,
): void {
  const sector = j < f.nConsumption ? 0 : 1;
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
  avg[sector * 4 + 2] = live > 0 ? sales / d : f.expectedSales[j] / entrySizeShare;
}

/**
 * A successor in firm j's slot: sector-average markup and wage (`avg`,
 * takeSectorAverages), a smaller order book, fresh expectations, age 0, and
 * equity its owners owe (firms.pendingEquity, paid in by
 * agents/firms.ts collectDistributions) — with firms.successorFreshStart,
 * enough to repay the loan left after the write-off, so it starts without
 * debt; without it, it carries that loan. Writes firm j's columns only.
 */
export function startSuccessor(f: Firms, j: number, avg: Float64Array, params: CreditParams): void {
  const cf = params.firms;
  const sector = j < f.nConsumption ? 0 : 1;
  f.markup[j] = avg[sector * 4];
  f.wage[j] = avg[sector * 4 + 1];
  // Its order book: the demand that still reached the failed firm last month
  // (its remaining customers), at most entrySizeShare of the sector's average.
  const entrySales = cf.entrySizeShare * avg[sector * 4 + 2];
  f.expectedSales[j] = cf.successorFreshStart ? Math.min(entrySales, f.demandReal[j]) : entrySales;
  const d = params.derived;
  const prodL = j < f.nConsumption ? d.prodLabourConsumption : d.prodLabourCapital;
  f.price[j] = ((1 + f.markup[j]) * f.wage[j]) / prodL;
  f.demandReal[j] = f.expectedSales[j];
  f.labourPlan[j] = f.expectedSales[j];
  f.productivity[j] = 1;
  f.appeal[j] = 1; // an entrant starts at its sector's mean productivity (agents/firms.ts updateFirmProductivity)
  f.expectedSalesGrowth[j] = 0;
  f.age[j] = 0;
  f.earnings[j] = 0;
  f.dividendDue[j] = 0;
  f.profitRate[j] = d.normalProfitRateYearly;
  f.utilization[j] = cf.consumption.targetUtilization;
  f.labourDemand[j] = 0;
  f.plannedOutput[j] = 0;
  f.investmentOrder[j] = 0;
  f.leaveProbability[j] = 1;
  f.unfilled[j] = 0;
  const wageBill = (f.expectedSales[j] / prodL) * f.wage[j];
  f.pendingEquity[j] = wageBill * (1 + cf.cashBufferMonths);
  // Successor entry (firms.successorFreshStart): the new owners buy the failed
  // firm's assets at the lender's recovery value, so their entry equity also
  // carries the loan that is left after the write-off, and repays it when it
  // is paid in (agents/firms.ts collectDistributions); the successor starts
  // without debt (US Chapter 7: the debt is discharged, the lender keeps what
  // the assets fetch). Off: it keeps that loan (the rule before).
  if (cf.successorFreshStart) f.pendingEquity[j] += f.loans[j];
}
