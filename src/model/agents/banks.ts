// Banks (Caiani et al. 2016, banks' behaviour): loan pricing from the policy
// rate, their own capital position and the borrower's default risk; credit
// supply limited by the capital requirement; taxes and dividends; the split
// of liquid assets between reserves and bills; failure and resolution.
import type { SpiralConfig } from "../../config/configTypes.ts";
import type { ModelEvent } from "../events.ts";
import { type Books, bailInDeposits, bankBuysBills, FlowRow, Party, transfer } from "../ledger.ts";
import type { Banks, CentralBank, Government, MacroState } from "../state.ts";

type BanksParams = SpiralConfig["banks"];

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
export function capitalRatio(b: Banks, w: RiskWeights, k: number): number {
  const rwa = riskWeightedAssets(w, b.loans[k], b.bills[k], b.reserves[k]);
  return rwa > 0 ? b.equity[k] / rwa : 1;
}

/**
 * Each bank's spread over the policy rate rises as its capital ratio falls
 * below target, and moves with the aggregate credit-spread shock; its lending capacity this tick is the new loans that keep
 * it at the capital requirement (zero below it: credit rationing). Writes
 * only `banks` (spreads, lending capacity, the month's profit reset to 0);
 * `creditSpreadShock` is the aggregate shock's level (shocks.ts).
 */
export function setCreditTerms(banks: Banks, creditSpreadShock: number, c: BanksParams): void {
  const b = banks;
  const w = c.riskWeights;
  for (let k = 0; k < b.n; k++) {
    const rwa = riskWeightedAssets(w, b.loans[k], b.bills[k], b.reserves[k]);
    const ratio = rwa > 0 ? b.equity[k] / rwa : 1;
    const shortfall = Math.max(0, c.targetCapitalRatio - ratio);
    // The aggregate credit-spread shock (shocks.ts) moves every bank's spread; a spread is never negative.
    b.spreadYearly[k] = Math.max(
      0,
      c.baseSpreadYearly + c.capitalSpreadSensitivity * shortfall + creditSpreadShock,
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

/**
 * Profit taxes (at `profitTaxRate`, to the government), dividend declaration
 * (paid next tick) and the bills/reserves split (bills bought from or sold
 * to the central bank, never more than it holds). Writes `banks` and
 * government.taxes; the money moves through `books`.
 */
export function settleBanks(
  banks: Banks,
  centralBank: CentralBank,
  government: Government,
  c: BanksParams,
  profitTaxRate: number,
  books: Books,
): void {
  const b = banks;
  const taxRate = profitTaxRate;
  for (let k = 0; k < b.n; k++) {
    const profit = b.profit[k];
    const tax = profit > 0 ? profit * taxRate : 0;
    transfer(books, FlowRow.profitTaxes, Party.bank, k, Party.government, 0, tax);
    government.taxes += tax;
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
    if (buy > 0) buy = Math.min(buy, centralBank.bills);
    if (buy !== 0) bankBuysBills(books, k, buy);
  }
}

/**
 * A bank whose equity is negative has failed. With deposit insurance the
 * government recapitalises it to the target ratio (a capital transfer);
 * without, its depositors are bailed in pro rata until it is back at the
 * target ratio (or their deposits are exhausted). Either way the bank keeps operating (resolution, not
 * liquidation) and the failure is logged in `events` (its cost in US
 * dollars: model dollars ÷ `scale`). Counts failures in macro.bankFailures
 * and the government's cost in government.recapitalisation.
 */
export function resolveBankFailures(
  banks: Banks,
  macro: Pick<MacroState, "bankFailures">,
  government: Government,
  c: BanksParams,
  depositInsurance: boolean,
  scale: number,
  events: ModelEvent[],
  books: Books,
): void {
  const b = banks;
  for (let k = 0; k < b.n; k++) {
    if (b.equity[k] >= 0) continue;
    macro.bankFailures++;
    const rwa = riskWeightedAssets(c.riskWeights, b.loans[k], b.bills[k], b.reserves[k]);
    const needed = c.targetCapitalRatio * rwa - b.equity[k];
    if (depositInsurance) {
      transfer(books, FlowRow.recapitalisation, Party.government, 0, Party.bank, k, needed);
      government.recapitalisation += needed;
      events.push({
        type: "bankFailure",
        bank: k,
        resolution: "recapitalised",
        costUsdBn: needed / scale / 1e9,
      });
    } else {
      const absorbed = Math.min(needed, b.deposits[k]);
      bailInDeposits(books, k, absorbed);
      events.push({
        type: "bankFailure",
        bank: k,
        resolution: "bail-in",
        costUsdBn: absorbed / scale / 1e9,
      });
    }
  }
}
