// Central bank: the policy rate (a smoothed Taylor rule with a lower bound,
// or a configured step path), interest on reserves, and remittance of its
// profit to the government.
import { tickOfMonth } from "../../config/calendar.ts";
import { FlowRow, Party, transfer } from "../ledger.ts";
import type { ModelState } from "../state.ts";

/**
 * Taylor (1993) rule with interest-rate smoothing (Clarida, Galí & Gertler
 * 2000): target = r̂* + π + φπ (π − π*) + φu (u* − u), then
 * i = ρ i₋₁ + (1 − ρ) target, floored at the lower bound; r̂* is the
 * central bank's estimate of the neutral real rate, revised by
 * learnNeutralRate. With rule "path"
 * the rate follows the configured steps (dated in calendar months). A change of regime or a step is
 * logged as a policy event.
 */
export function setPolicyRate(m: ModelState): void {
  const cb = m.config.centralBank;
  const prev = m.centralBank.policyRateYearly;
  let rate: number;
  if (cb.rule === "path") {
    // The step that started most recently applies, whatever the list order;
    // its month is a calendar month of the run (config/calendar.ts).
    rate = cb.initialRateYearly;
    let latest = 0;
    for (const step of cb.path) {
      const from = tickOfMonth(m.config.startDate, step.from);
      if (from <= m.tick && from >= latest) {
        latest = from;
        rate = step.rateYearly;
      }
    }
  } else {
    const pi = m.macro.inflationYoY;
    const gaps =
      cb.inflationWeight * (pi - cb.inflationTargetYearly) +
      cb.unemploymentWeight * (cb.naturalUnemploymentRate - m.macro.unemploymentRate);
    const rStar = m.centralBank.neutralRateEstimateYearly;
    const target = rStar + pi + gaps;
    rate = Math.max(cb.lowerBoundYearly, cb.smoothing * prev + (1 - cb.smoothing) * target);
    const overridden = cb.overrides.some(
      (o) =>
        m.tick >= tickOfMonth(m.config.startDate, o.from) &&
        m.tick <= tickOfMonth(m.config.startDate, o.until),
    );
    if (!overridden)
      m.centralBank.neutralRateEstimateYearly = learnNeutralRate(
        rStar,
        gaps,
        cb.neutralRateLearning,
        rate <= cb.lowerBoundYearly,
      );
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

/** Bounds of the central bank's neutral-rate estimate (yearly real rate). */
const NEUTRAL_RATE_MIN = -0.03;
const NEUTRAL_RATE_MAX = 0.06;

/**
 * The neutral-rate estimate after one month of learning: r̂* + κ/12 × gaps,
 * with gaps = φπ (π − π*) + φu (u* − u) the Taylor rule's gap terms and κ
 * centralBank.neutralRateLearning; no downward revision while the policy
 * rate sits at its lower bound (anti-wind-up); within [−3 %, 6 %].
 */
export function learnNeutralRate(
  rStar: number,
  gaps: number,
  learning: number,
  atLowerBound: boolean,
): number {
  const step = (learning * gaps) / 12;
  if (atLowerBound && step < 0) return rStar;
  return Math.min(NEUTRAL_RATE_MAX, Math.max(NEUTRAL_RATE_MIN, rStar + step));
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
