// The non-bank investor fund (docs/ODD.md §7.10, the "private-credit fund"; here it also
// stands for bond investors and growth-equity investors): owned by the
// households in proportion to their equity units, it holds the chain's
// bonds and private loans, every chain share not held by another chain
// firm, and cash. It is more risk-tolerant than banks (see aiChain/finance),
// pays out half of its income each month, and its net asset value — marked
// to market — is households' wealth. Its credit book is not a fixed pool
// (issue 18 item 4): households subscribe to it and redeem from it as its
// recent return beats or trails what deposits pay (aiChain/credit.ts
// fundFlowShare), redemptions are paid from its cash within a gate, and so
// losses on chain debt drain the cash it lends from.

import type { SpiralConfig } from "../../config/configTypes.ts";
import type { ModelEvent } from "../events.ts";
import { FlowRow, markFundNav, recordFlow, Sector } from "../ledger.ts";
import type { AiChain, Fund } from "../state.ts";
import { fundFlowShare } from "./aiChain/credit.ts";

/**
 * Mark the fund to market and pass the change in value to its owners. Sets
 * next month's distribution: half this month's income, plus redemptions
 * (households' portfolio choice); or next month's subscriptions, which
 * households pay out of the distributions they receive (firms.ts
 * collectDistributions). Writes only `fund`; the revaluation is recorded
 * in the ledger's `flows` (a change in value, not a payment), a redemption
 * wave in `events`.
 */
export function markFund(
  fund: Fund,
  chain: Pick<AiChain, "n" | "price" | "chainStartTick">,
  x: FundMarkInputs,
  fin: SpiralConfig["aiChain"]["finance"],
  flows: Float64Array,
  events: ModelEvent[],
): void {
  const f = fund;
  const c = chain;
  const previousNav = f.nav;
  const active = c.n > 0 && x.tick >= c.chainStartTick;
  const waveStarts = updateFund(f, c.price, c.n, active, x.depositRateYearly, fin);
  recordFlow(flows, FlowRow.fundRevaluation, Sector.privateCredit, Sector.households, f.nav - previousNav);
  if (waveStarts)
    events.push({
      type: "fundRedemptionWave",
      redemptionsUsdBn: -f.netFlowDue / x.scale / 1e9,
      navUsdBn: f.nav / x.scale / 1e9,
    });
}

/** What markFund reads besides the fund, the chain's prices and its parameters. */
export interface FundMarkInputs {
  tick: number;
  /** The deposit rate households compare the credit book's return with (macro.depositRateYearly). */
  depositRateYearly: number;
  /** Model dollars per US dollar (params.scale), for the event's US-dollar amounts. */
  scale: number;
}

/**
 * markFund's rule on the fund's own record: its net asset value at the chain's
 * `price`s, next month's distribution, and — once the chain is `active` —
 * the smoothed excess return of its credit book over `depositRateYearly` and
 * the households' net subscriptions (negative: redemptions, paid from cash
 * within the gate). Returns true when a redemption wave starts this month.
 */
export function updateFund(
  f: Fund,
  price: Float64Array,
  n: number,
  active: boolean,
  depositRateYearly: number,
  fin: SpiralConfig["aiChain"]["finance"],
): boolean {
  let equity = 0;
  for (let i = 0; i < n; i++) equity += f.sharesHeld[i] * price[i];
  const nav = f.deposits + f.loans + equity;
  markFundNav(f, nav);
  // Half the income once the chain acts (the rest funds its rounds and loans); all of it in the
  // warm-up, when the fund buys nothing and the chain's dividends pass straight on (aiChain/warmUp.ts).
  f.distributionDue = Math.max(0, Math.min(f.deposits, (active ? 0.5 : 1) * f.income));
  f.income = 0;
  if (!active) return false;
  // The credit book's return this month (interest less write-offs) over what deposits pay, smoothed.
  const book = Math.max(0, f.deposits) + f.loans;
  const excess = book > 0 ? (f.creditIncome - f.creditLosses) / book - depositRateYearly / 12 : 0;
  f.excessReturnSmoothed += fin.fundFlowSmoothing * (excess - f.excessReturnSmoothed);
  f.creditIncome = 0;
  f.creditLosses = 0;
  const share = fundFlowShare(f.excessReturnSmoothed, {
    flowSensitivity: fin.fundFlowSensitivity,
    outflowAsymmetry: fin.fundOutflowAsymmetry,
    redemptionGateMonthly: fin.fundRedemptionGateMonthly,
    maxInflowMonthly: fin.fundMaxInflowMonthly,
  });
  // Redemptions are paid from cash (loans cannot be sold in a month), after the income distribution.
  const flow =
    share >= 0 ? share * book : -Math.min(-share * book, Math.max(0, f.deposits - f.distributionDue));
  f.netFlowDue = flow;
  if (flow < 0) f.distributionDue -= flow;
  const wave = flow < -fin.redemptionWaveShare * book;
  const starts = wave && f.redemptionWave === 0;
  f.redemptionWave = wave ? 1 : 0;
  return starts;
}
