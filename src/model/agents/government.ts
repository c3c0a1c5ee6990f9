// Government: bill interest, a fiscal rule for purchases, bill issuance to
// keep its central-bank account funded, and bank recapitalisation (deposit
// insurance) — see banks.ts for the failure itself.

import type { SpiralConfig } from "../../config/configTypes.ts";
import {
  type Books,
  FlowRow,
  issueBillsToCentralBank,
  Party,
  redeemBillsFromCentralBank,
  transfer,
} from "../ledger.ts";
import type { Banks, CentralBank, Firms, Government } from "../state.ts";

type GovernmentParams = SpiralConfig["government"];

/**
 * Interest on bills at the policy rate, paid monthly to banks (their profit)
 * and the central bank; sets government.interest.
 */
export function payBillInterest(
  government: Government,
  banks: Banks,
  centralBank: CentralBank,
  books: Books,
): void {
  const rate = centralBank.policyRateYearly / 12;
  let total = 0;
  for (let k = 0; k < banks.n; k++) {
    const interest = banks.bills[k] * rate;
    transfer(books, FlowRow.billInterest, Party.government, 0, Party.bank, k, interest);
    banks.profit[k] += interest;
    total += interest;
  }
  const cbInterest = centralBank.bills * rate;
  transfer(books, FlowRow.billInterest, Party.government, 0, Party.centralBank, 0, cbInterest);
  government.interest = total + cbInterest;
}

/**
 * Fiscal rule: real purchases at their configured share of initial output,
 * scaled by fiscalRuleFactor — cut when debt to potential output is above
 * target, raised when below (a symmetric debt-stabilising rule, Bohn 1998),
 * so that the public debt, and with it the private sector's net financial
 * wealth, stays near its target ratio instead of drifting with the interest
 * bill. With government.fiscalRuleIntegralGain > 0 the rule also corrects
 * the accumulated gap (an integral, error-correction term), so the debt
 * converges to its target even when the primary balance at target is not
 * the debt-stabilising one. Writes government.debtGapIntegral and
 * purchasesReal, from the price index, initial monthly real output per
 * household `y0` and the number of households `n`.
 */
export function planPurchases(
  government: Government,
  priceIndex: number,
  y0: number,
  n: number,
  g: GovernmentParams,
): void {
  const debtToGdp = debtToPotential(government.bills, y0, n, priceIndex);
  government.debtGapIntegral = nextDebtGapIntegral(
    government.debtGapIntegral,
    debtToGdp,
    g.debtTargetToGdp,
    g.fiscalRuleStrength,
    g.fiscalRuleIntegralGain,
  );
  government.purchasesReal = realPurchases(
    g,
    y0,
    n,
    priceIndex,
    government.bills,
    government.debtGapIntegral,
  );
}

/**
 * Debt relative to potential output (initial real output at today's prices),
 * so the rule does not cut spending just because a recession lowered GDP.
 */
export function debtToPotential(
  bills: number,
  initialOutputPerHousehold: number,
  households: number,
  priceIndex: number,
): number {
  const potential = 12 * initialOutputPerHousehold * households * priceIndex;
  return bills / Math.max(1e-9, potential);
}

/**
 * planPurchases's rule: real purchases for a month, from the government's
 * parameters, initial monthly real output per household, the households, the price
 * index, the bills outstanding and the accumulated debt gap (unit-years; 0
 * without the integral term). (Products keep their original order: with
 * the integral term off, outputs are byte-identical to the rule's inline form.)
 */
export function realPurchases(
  g: SpiralConfig["government"],
  initialOutputPerHousehold: number,
  households: number,
  priceIndex: number,
  bills: number,
  debtGapIntegral = 0,
): number {
  const base = g.spendingShareOfGdp * initialOutputPerHousehold * households;
  const debtToGdp = debtToPotential(bills, initialOutputPerHousehold, households, priceIndex);
  return (
    base *
    fiscalRuleFactor(
      g.fiscalRuleStrength,
      debtToGdp,
      g.debtTargetToGdp,
      g.fiscalRuleIntegralGain,
      debtGapIntegral,
    )
  );
}

/** Largest cut (share of base purchases) and largest rise the fiscal rule makes. */
const FISCAL_MAX_CUT = 0.9;
const FISCAL_MAX_RISE = 0.5;

/**
 * Purchases relative to their base: 1 − s (d − d*) − k I, with s the rule's
 * strength, d debt to potential output, d* the target, k the integral gain
 * and I the accumulated gap (unit-years); within [1 − 0.9, 1 + 0.5].
 */
export function fiscalRuleFactor(
  strength: number,
  debtToGdp: number,
  target: number,
  integralGain = 0,
  debtGapIntegral = 0,
): number {
  const cut = ruleCut(strength, debtToGdp, target, integralGain, debtGapIntegral);
  return 1 - Math.min(FISCAL_MAX_CUT, Math.max(-FISCAL_MAX_RISE, cut));
}

/** The rule's unclamped cut: s (d − d*) + k I (k I left out when k is 0). */
function ruleCut(
  strength: number,
  debtToGdp: number,
  target: number,
  integralGain: number,
  integral: number,
): number {
  const cut = strength * (debtToGdp - target);
  return integralGain > 0 ? cut + integralGain * integral : cut;
}

/**
 * The integral term's state after a month: the accumulated gap I plus this
 * month's gap (d − d*)/12, in unit-years. Conditional integration (Åström &
 * Hägglund 2006, "Advanced PID Control", §3.5, anti-wind-up): the gap is not
 * added while the rule sits at a bound and the gap would push it further
 * out. Stays 0 while the gain is 0.
 */
export function nextDebtGapIntegral(
  integral: number,
  debtToGdp: number,
  target: number,
  strength: number,
  integralGain: number,
): number {
  if (integralGain <= 0) return integral;
  const gap = debtToGdp - target;
  const cut = ruleCut(strength, debtToGdp, target, integralGain, integral);
  if ((cut >= FISCAL_MAX_CUT && gap > 0) || (cut <= -FISCAL_MAX_RISE && gap < 0)) return integral;
  return integral + gap / 12;
}

/**
 * Keep the account at `accountBufferMonths` of spending: issue bills to the
 * central bank when below, redeem the central bank's bills when well above
 * (through `books`: the government's and the central bank's balance sheets).
 */
export function financeGovernment(
  government: Government,
  centralBank: CentralBank,
  g: Pick<GovernmentParams, "accountBufferMonths">,
  books: Books,
): void {
  const gov = government;
  const monthly = gov.purchases + gov.benefits + gov.interest + gov.retraining;
  const bills = billFinancing(gov.account, monthly, g.accountBufferMonths, centralBank.bills);
  if (bills > 0) issueBillsToCentralBank(books, bills);
  else if (bills < 0) redeemBillsFromCentralBank(books, -bills);
}

/**
 * financeGovernment's rule: bills to issue to the central bank (positive)
 * to bring the account up to `bufferMonths` of this month's spending, or to
 * redeem (negative) when the account holds more than twice that — never more
 * than the central bank holds; 0 in between.
 */
export function billFinancing(
  account: number,
  monthlySpending: number,
  bufferMonths: number,
  centralBankBills: number,
): number {
  const target = bufferMonths * monthlySpending;
  if (account < target) return target - account;
  if (account > 2 * target) {
    const redeem = Math.min(account - target, centralBankBills);
    if (redeem > 0) return -redeem;
  }
  return 0;
}

/**
 * The retraining programme (government.retraining): the government pays for
 * each displaced worker in training this month, to the consumption-goods
 * firms in proportion to their sales (they stand for the training
 * providers; the payment is revenue without goods). labour.ts counted the
 * trainees (`trainees`) and speeds up the decay of their skill mismatch.
 * Writes government.retraining and the firms' revenue.
 */
export function payRetraining(
  government: Government,
  firms: Firms,
  trainees: number,
  priceIndex: number,
  r: GovernmentParams["retraining"],
  books: Books,
): void {
  government.retraining = 0;
  if (!r.enabled || trainees === 0) return;
  const f = firms;
  let sales = 0;
  for (let j = 0; j < f.nConsumption; j++) sales += f.salesNominal[j];
  if (sales <= 0) return;
  const cost = trainees * r.costPerTraineeUsdMonthly * priceIndex;
  let paid = 0;
  for (let j = 0; j < f.nConsumption; j++) {
    const pay = (cost * f.salesNominal[j]) / sales;
    if (pay <= 0) continue;
    transfer(books, FlowRow.governmentPurchases, Party.government, 0, Party.firm, j, pay);
    f.revenue[j] += pay;
    paid += pay;
  }
  government.retraining = paid;
}
