// Banks (Caiani et al. 2016, banks' behaviour): loan pricing from the policy
// rate, their own capital position and the borrower's default risk; credit
// supply limited by the capital requirement; taxes and dividends; the split
// of liquid assets between reserves and bills; failure and resolution.
import { bailInDeposits, bankBuysBills, FlowRow, Party, transfer } from "../ledger.ts";
import type { ModelState } from "../state.ts";

/** Risk weights of a bank's assets (Basel standardised approach; banks.riskWeights). */
export interface RiskWeights {
  loans: number;
  bills: number;
  reserves: number;
}

/**
 * Risk-weighted assets of a bank: w_L · loans + w_B · bills + w_R · max(0,
 * reserves). Loans are all to firms (non-AI firms, the AI chain, the
 * utility): 100 % under Basel's standardised approach for unrated
 * corporates; government bills and central-bank reserves 0 %.
 */
export function riskWeightedAssets(w: RiskWeights, loans: number, bills: number, reserves: number): number {
  return w.loans * loans + w.bills * bills + w.reserves * Math.max(0, reserves);
}

/** A bank's capital ratio: equity / risk-weighted assets (1 when it holds no risk-weighted assets). */
export function capitalRatio(m: ModelState, k: number): number {
  const b = m.banks;
  const rwa = riskWeightedAssets(m.config.banks.riskWeights, b.loans[k], b.bills[k], b.reserves[k]);
  return rwa > 0 ? b.equity[k] / rwa : 1;
}

/**
 * Each bank's spread over the policy rate rises as its capital ratio falls
 * below target, and moves with the aggregate credit-spread shock; its lending capacity this tick is the new loans that keep
 * it at the capital requirement (zero below it: credit rationing).
 */
export function setCreditTerms(m: ModelState): void {
  const c = m.config.banks;
  const b = m.banks;
  const w = c.riskWeights;
  for (let k = 0; k < b.n; k++) {
    const rwa = riskWeightedAssets(w, b.loans[k], b.bills[k], b.reserves[k]);
    const ratio = rwa > 0 ? b.equity[k] / rwa : 1;
    const shortfall = Math.max(0, c.targetCapitalRatio - ratio);
    // The aggregate credit-spread shock (shocks.ts) moves every bank's spread; a spread is never negative.
    b.spreadYearly[k] = Math.max(
      0,
      c.baseSpreadYearly + c.capitalSpreadSensitivity * shortfall + m.shocks.creditSpread,
    );
    // New loans carry the loans' risk weight.
    b.lendingCapacity[k] = Math.max(
      0,
      (b.equity[k] / Math.max(1e-9, c.capitalRequirement) - rwa) / Math.max(1e-9, w.loans),
    );
    b.profit[k] = 0;
  }
}

/**
 * A bank's dividend (banks' payout rule): above the target ratio it pays
 * out all of this month's after-tax profit plus `excessPayout` of its
 * capital above target — but never more than the capital above target —
 * so capital converges to the target instead of piling up; between the requirement and the target it pays `payoutRatio`
 * of a positive profit scaled down linearly to zero at the requirement (the
 * Basel III capital-conservation buffer restricts distributions in the
 * buffer); at or below the requirement nothing.
 */
export function bankDividend(
  afterTaxProfit: number,
  equity: number,
  rwa: number,
  requirement: number,
  target: number,
  payoutRatio: number,
  excessPayout: number,
): number {
  const ratio = rwa > 0 ? equity / rwa : 1;
  if (ratio >= target) {
    // Never so much that the payout takes the bank below the target.
    const excess = Math.max(0, equity - target * rwa);
    return Math.min(excess, Math.max(0, afterTaxProfit) + excessPayout * excess);
  }
  if (ratio <= requirement || afterTaxProfit <= 0) return 0;
  return payoutRatio * afterTaxProfit * ((ratio - requirement) / Math.max(1e-9, target - requirement));
}

/** Profit taxes, dividend declaration (paid next tick) and the bills/reserves split. */
export function settleBanks(m: ModelState): void {
  const c = m.config.banks;
  const b = m.banks;
  const taxRate = m.config.government.profitTaxRate;
  for (let k = 0; k < b.n; k++) {
    const profit = b.profit[k];
    const tax = profit > 0 ? profit * taxRate : 0;
    transfer(m, FlowRow.profitTaxes, Party.bank, k, Party.government, 0, tax);
    m.government.taxes += tax;
    const after = profit - tax;
    // Dividends are declared on equity after this month's tax (the transfer above took it out); paid next month.
    const rwa = riskWeightedAssets(c.riskWeights, b.loans[k], b.bills[k], b.reserves[k]);
    b.dividendDue[k] = bankDividend(
      after,
      b.equity[k],
      rwa,
      c.capitalRequirement,
      c.targetCapitalRatio,
      c.payoutRatio,
      c.excessCapitalPayout,
    );
    // Liquid assets: hold liquidBillShare in bills, bought from or sold to the central bank.
    const liquid = b.reserves[k] + b.bills[k];
    const desired = Math.max(0, liquid) * c.liquidBillShare;
    let buy = desired - b.bills[k];
    if (buy > 0) buy = Math.min(buy, m.centralBank.bills);
    if (buy !== 0) bankBuysBills(m, k, buy);
  }
}

/**
 * A bank whose equity is negative has failed. With deposit insurance the
 * government recapitalises it to the target ratio (a capital transfer);
 * without, its depositors are bailed in pro rata until it is back at the
 * target ratio (or their deposits are exhausted). Either way the bank keeps operating (resolution, not
 * liquidation) and the failure is logged.
 */
export function resolveBankFailures(m: ModelState): void {
  const c = m.config.banks;
  const b = m.banks;
  for (let k = 0; k < b.n; k++) {
    if (b.equity[k] >= 0) continue;
    m.macro.bankFailures++;
    const rwa = riskWeightedAssets(c.riskWeights, b.loans[k], b.bills[k], b.reserves[k]);
    const needed = c.targetCapitalRatio * rwa - b.equity[k];
    if (m.config.government.depositInsurance) {
      transfer(m, FlowRow.recapitalisation, Party.government, 0, Party.bank, k, needed);
      m.government.recapitalisation += needed;
      m.events.push({
        type: "bankFailure",
        bank: k,
        resolution: "recapitalised",
        costUsdBn: needed / m.params.scale / 1e9,
      });
    } else {
      const absorbed = Math.min(needed, b.deposits[k]);
      bailInDeposits(m, k, absorbed);
      m.events.push({
        type: "bankFailure",
        bank: k,
        resolution: "bail-in",
        costUsdBn: absorbed / m.params.scale / 1e9,
      });
    }
  }
}
