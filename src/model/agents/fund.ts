// The non-bank investor fund (docs/ODD.md §7.10, the "private-credit fund"; here it also
// stands for bond investors and growth-equity investors): owned by the
// households in proportion to their equity units, it holds the chain's
// bonds and private loans, every chain share not held by another chain
// firm, and cash. It is more risk-tolerant than banks (see aiChain/finance),
// pays out half of its income each month, and its net asset value — marked
// to market — is households' wealth.
import { FlowRow, recordFlow, Sector } from "../ledger.ts";
import type { ModelState } from "../state.ts";

/** Mark the fund to market and pass the change in value to its owners. Sets next month's distribution. */
export function markFund(m: ModelState): void {
  const f = m.fund;
  const c = m.aiChain;
  let equity = 0;
  for (let i = 0; i < c.n; i++) equity += f.sharesHeld[i] * c.price[i];
  const nav = f.deposits + f.loans + equity;
  recordFlow(m.ledger.flows, FlowRow.fundRevaluation, Sector.privateCredit, Sector.households, nav - f.nav);
  f.nav = nav;
  f.distributionDue = Math.max(0, Math.min(f.deposits, 0.5 * f.income));
  f.income = 0;
}
