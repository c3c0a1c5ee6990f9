// Government: bill interest, a fiscal rule for purchases, bill issuance to
// keep its central-bank account funded, and bank recapitalisation (deposit
// insurance) — see banks.ts for the failure itself.
import { FlowRow, issueBillsToCentralBank, Party, redeemBillsFromCentralBank, transfer } from "../ledger.ts";
import type { ModelState } from "../state.ts";

/** Interest on bills at the policy rate, paid monthly to banks and the central bank. */
export function payBillInterest(m: ModelState): void {
  const rate = m.centralBank.policyRateYearly / 12;
  let total = 0;
  for (let k = 0; k < m.banks.n; k++) {
    const interest = m.banks.bills[k] * rate;
    transfer(m, FlowRow.billInterest, Party.government, 0, Party.bank, k, interest);
    m.banks.profit[k] += interest;
    total += interest;
  }
  const cbInterest = m.centralBank.bills * rate;
  transfer(m, FlowRow.billInterest, Party.government, 0, Party.centralBank, 0, cbInterest);
  m.government.interest = total + cbInterest;
}

/**
 * Fiscal rule: real purchases at their configured share of initial output,
 * scaled by fiscalRuleFactor — cut when debt to potential output is above
 * target, raised when below (a symmetric debt-stabilising rule, Bohn 1998),
 * so that the public debt, and with it the private sector's net financial
 * wealth, stays near its target ratio instead of drifting with the interest
 * bill.
 */
export function planPurchases(m: ModelState): void {
  const g = m.config.government;
  const base = g.spendingShareOfGdp * m.params.initialOutputPerHousehold * m.households.n;
  // Debt relative to potential (initial real output at today's prices), so the
  // rule does not cut spending just because a recession lowered GDP.
  const potential = 12 * m.params.initialOutputPerHousehold * m.households.n * m.macro.priceIndex;
  const debtToGdp = m.government.bills / Math.max(1e-9, potential);
  m.government.purchasesReal = base * fiscalRuleFactor(g.fiscalRuleStrength, debtToGdp, g.debtTargetToGdp);
}

/** Largest cut (share of base purchases) and largest rise the fiscal rule makes. */
const FISCAL_MAX_CUT = 0.9;
const FISCAL_MAX_RISE = 0.5;

/**
 * Purchases relative to their base: 1 − s (d − d*), with s the rule's
 * strength, d debt to potential output and d* the target; within
 * [1 − 0.9, 1 + 0.5].
 */
export function fiscalRuleFactor(strength: number, debtToGdp: number, target: number): number {
  const cut = strength * (debtToGdp - target);
  return 1 - Math.min(FISCAL_MAX_CUT, Math.max(-FISCAL_MAX_RISE, cut));
}

/**
 * Keep the account at `accountBufferMonths` of spending: issue bills to the
 * central bank when below, redeem the central bank's bills when well above.
 */
export function financeGovernment(m: ModelState): void {
  const gov = m.government;
  const monthly = gov.purchases + gov.benefits + gov.interest + gov.retraining;
  const target = m.config.government.accountBufferMonths * monthly;
  if (gov.account < target) issueBillsToCentralBank(m, target - gov.account);
  else if (gov.account > 2 * target) {
    const redeem = Math.min(gov.account - target, m.centralBank.bills);
    if (redeem > 0) redeemBillsFromCentralBank(m, redeem);
  }
}

/**
 * The retraining programme (government.retraining): the government pays for
 * each displaced worker in training this month, to the consumption-goods
 * firms in proportion to their sales (they stand for the training
 * providers; the payment is revenue without goods). labour.ts counted the
 * trainees and speeds up the decay of their skill mismatch.
 */
export function payRetraining(m: ModelState): void {
  const r = m.config.government.retraining;
  m.government.retraining = 0;
  if (!r.enabled || m.automation.trainees === 0) return;
  const f = m.firms;
  let sales = 0;
  for (let j = 0; j < f.nConsumption; j++) sales += f.salesNominal[j];
  if (sales <= 0) return;
  const cost = m.automation.trainees * r.costPerTraineeUsdMonthly * m.macro.priceIndex;
  let paid = 0;
  for (let j = 0; j < f.nConsumption; j++) {
    const pay = (cost * f.salesNominal[j]) / sales;
    if (pay <= 0) continue;
    transfer(m, FlowRow.governmentPurchases, Party.government, 0, Party.firm, j, pay);
    f.revenue[j] += pay;
    paid += pay;
  }
  m.government.retraining = paid;
}
