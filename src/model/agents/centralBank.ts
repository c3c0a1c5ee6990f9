// Central bank: the policy rate (a smoothed Taylor rule with a lower bound,
// or a configured step path), interest on reserves, and remittance of its
// profit to the government.
import { tickOfMonth } from "../../config/calendar.ts";
import { FlowRow, Party, transfer } from "../ledger.ts";
import type { ModelState } from "../state.ts";

/**
 * Taylor (1993) rule with interest-rate smoothing (Clarida, Galí & Gertler
 * 2000): target = r* + π + φπ (π − π*) + φu (u* − u), then
 * i = ρ i₋₁ + (1 − ρ) target, floored at the lower bound. With rule "path"
 * the rate follows the configured steps. A change of regime or a step is
 * logged as a policy event.
 */
export function setPolicyRate(m: ModelState): void {
  const cb = m.config.centralBank;
  const prev = m.centralBank.policyRateYearly;
  let rate: number;
  if (cb.rule === "path") {
    // The step that started most recently applies, whatever the list order.
    rate = cb.initialRateYearly;
    let latest = 0;
    for (const step of cb.path) {
      if (step.fromTick <= m.tick && step.fromTick >= latest) {
        latest = step.fromTick;
        rate = step.rateYearly;
      }
    }
  } else {
    const pi = m.macro.inflationYoY;
    const target =
      cb.neutralRealRateYearly +
      pi +
      cb.inflationWeight * (pi - cb.inflationTargetYearly) +
      cb.unemploymentWeight * (cb.naturalUnemploymentRate - m.macro.unemploymentRate);
    rate = Math.max(cb.lowerBoundYearly, cb.smoothing * prev + (1 - cb.smoothing) * target);
  }
  // Decided periods override the rule ("hold at 4.5 % for 24 months").
  // Their months are calendar months of the run (config/calendar.ts).
  for (const o of cb.overrides) {
    const from = tickOfMonth(m.config.startDate, o.from);
    const until = tickOfMonth(m.config.startDate, o.until);
    if (m.tick >= from && m.tick <= until) {
      if (m.tick === from)
        m.events.push({ type: "policyOverrideStart", rateYearly: o.rateYearly, untilTick: until });
      rate = o.rateYearly;
    } else if (m.tick === until + 1) {
      m.events.push({ type: "policyOverrideEnd", rule: cb.rule });
    }
  }
  if (cb.rule === "path" && rate !== prev) {
    m.events.push({ type: "policyRateStep", fromYearly: prev, toYearly: rate });
  }
  m.centralBank.policyRateYearly = rate;
  // Banks pass only part of the policy rate on to depositors (deposit beta).
  m.macro.depositRateYearly = Math.max(
    0,
    m.config.banks.depositRateBeta * rate - m.config.banks.depositRateMarkdownYearly,
  );
}

/**
 * Interest on reserves at the policy rate; overdrafts (negative reserves)
 * pay the policy rate plus a penalty. Returns nothing; flows go through the
 * ledger and into each bank's profit.
 */
export function payReserveInterest(m: ModelState): void {
  const b = m.banks;
  const policy = m.centralBank.policyRateYearly;
  const penalty = m.config.centralBank.advancePenaltyYearly;
  for (let k = 0; k < b.n; k++) {
    const r = b.reserves[k];
    const interest = r >= 0 ? (r * policy) / 12 : (r * (policy + penalty)) / 12;
    if (interest >= 0) transfer(m, FlowRow.reserveInterest, Party.centralBank, 0, Party.bank, k, interest);
    else transfer(m, FlowRow.reserveInterest, Party.bank, k, Party.centralBank, 0, -interest);
    b.profit[k] += interest;
  }
}

/** The central bank hands its whole profit (or loss) to the government, keeping its net worth at zero. */
export function remitProfit(m: ModelState): void {
  const profit = m.centralBank.equity;
  m.centralBank.profit = profit;
  if (profit >= 0)
    transfer(m, FlowRow.centralBankRemittance, Party.centralBank, 0, Party.government, 0, profit);
  else transfer(m, FlowRow.centralBankRemittance, Party.government, 0, Party.centralBank, 0, -profit);
  m.government.remittance = profit;
}
