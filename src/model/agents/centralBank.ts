// Central bank: the policy rate (a smoothed Taylor rule with a lower bound,
// or a configured step path), interest on reserves, and remittance of its
// profit to the government.
import { tickOfMonth } from "../../config/calendar.ts";
import type { SpiralConfig } from "../../config/configTypes.ts";
import type { ModelEvent } from "../events.ts";
import { type Books, FlowRow, Party, transfer } from "../ledger.ts";
import type { Month } from "../month.ts";
import type { Banks, CentralBank, Government, MacroState } from "../state.ts";

type CentralBankParams = SpiralConfig["centralBank"];
/** The banks' deposit-rate rule (banks.depositRateBeta, depositRateMarkdownYearly). */
type DepositRateParams = Pick<
  SpiralConfig["banks"],
  "depositRateBeta" | "depositRateMarkdownYearly" | "depositRateAdjustmentMonths"
>;

/**
 * Taylor (1993) rule with interest-rate smoothing (Clarida, Galí & Gertler
 * 2000): target = r̂* + π + φπ (π − π*) + φu (u* − u), then
 * i = ρ i₋₁ + (1 − ρ) target, floored at the lower bound; r̂* is the
 * central bank's estimate of the neutral real rate, revised by
 * learnNeutralRate; u is the mean of the last k months' unemployment
 * (centralBank.unemploymentAveragingMonths; k = 1, last month's, by default),
 * kept in centralBank.unemploymentHistory (also through overrides). With rule "path"
 * the rate follows the configured steps (dated in calendar months). A change of regime or a step is
 * logged as a policy event. Writes `centralBank` (the rate, the neutral-rate
 * estimate), macro.depositRateYearly (the banks' deposit rate, `deposits`'
 * rule) and `events`; reads last month's inflation and unemployment.
 */
export function setPolicyRate(
  centralBank: CentralBank,
  macro: MacroState,
  cb: CentralBankParams,
  deposits: DepositRateParams,
  month: Month,
  events: ModelEvent[],
): void {
  const prev = centralBank.policyRateYearly;
  // The rule smooths from its own last rate: last month's rate less last
  // month's shift (an addYearly override shifts the rate, not the rule).
  const rulePrev = prev - overrideShift(cb.overrides, month.startDate, month.tick - 1);
  let rate = cb.rule === "path" ? pathRate(cb, month) : taylorRate(centralBank, macro, cb, month, rulePrev);
  // Decided periods override the rule ("hold at 4.5 % for 24 months") or
  // shift it ("the rule's rate + 1 point for 12 months", a monetary policy
  // shock). Their months are calendar months of the run (config/calendar.ts).
  const shift = overrideShift(cb.overrides, month.startDate, month.tick);
  for (const o of cb.overrides) {
    if (o.rateYearly === undefined) continue;
    if (
      month.tick >= tickOfMonth(month.startDate, o.from) &&
      month.tick <= tickOfMonth(month.startDate, o.until)
    )
      rate = o.rateYearly;
  }
  rate += shift;
  for (const o of cb.overrides) {
    const from = tickOfMonth(month.startDate, o.from);
    const until = tickOfMonth(month.startDate, o.until);
    if (month.tick === from) {
      const held = o.rateYearly === undefined ? rate : o.rateYearly + shift;
      events.push({ type: "policyOverrideStart", rateYearly: held, untilTick: until });
    } else if (month.tick === until + 1) {
      events.push({ type: "policyOverrideEnd", rule: cb.rule });
    }
  }
  if (cb.rule === "path" && rate !== prev) {
    events.push({ type: "policyRateStep", fromYearly: prev, toYearly: rate });
  }
  centralBank.policyRateYearly = rate;
  // Banks pass only part of the policy rate on to depositors (deposit beta), gradually when sticky.
  macro.depositRateYearly = stickyDepositRate(
    macro.depositRateYearly,
    depositRateTarget(rate, deposits),
    deposits.depositRateAdjustmentMonths,
  );
}

/**
 * The deposit rate banks aim at for a policy rate: depositRateBeta × rate − depositRateMarkdownYearly,
 * floored at zero (the deposit beta; banks.depositRateBeta). Pure.
 *
 * @example depositRateTarget(0.04, { depositRateBeta: 0.5, depositRateMarkdownYearly: 0.005 }) // 0.015
 */
export function depositRateTarget(
  rate: number,
  p: Pick<DepositRateParams, "depositRateBeta" | "depositRateMarkdownYearly">,
): number {
  return Math.max(0, p.depositRateBeta * rate - p.depositRateMarkdownYearly);
}

/**
 * This month's deposit rate: the target itself at `months` 0 (banks.depositRateAdjustmentMonths off),
 * else last month's rate moved 1/(1 + months) of the way to the target — partial adjustment with a mean
 * lag of `months`: deposit rates are sticky, and follow policy-rate changes over quarters, not at once
 * (Driscoll & Judson 2013, "Sticky Deposit Rates", FEDS 2013-80; Drechsler, Savov & Schnabl 2017, QJE
 * 132(4): 1819–1876; docs/calibration.md §6.1). A target held for good is reached in full. Pure.
 *
 * @example stickyDepositRate(0.01, 0.02, 0) // 0.02
 * @example stickyDepositRate(0.01, 0.02, 9) // 0.011
 */
export function stickyDepositRate(previous: number, target: number, months: number): number {
  return months > 0 ? previous + (target - previous) / (1 + months) : target;
}

/**
 * The path rule's rate: the step that started most recently applies,
 * whatever the list order; its month is a calendar month of the run
 * (config/calendar.ts). Before the first step, the initial rate.
 */
function pathRate(cb: CentralBankParams, month: Month): number {
  let rate = cb.initialRateYearly;
  let latest = 0;
  for (const step of cb.path) {
    const from = tickOfMonth(month.startDate, step.from);
    if (from <= month.tick && from >= latest) {
      latest = from;
      rate = step.rateYearly;
    }
  }
  return rate;
}

/**
 * The sum of the addYearly shifts of the overrides in force at `tick` (0
 * outside them, and before tick 1). A shift moves the policy rate away from
 * the rule's (or a level override's) rate in its window; the rule itself
 * goes on from its unshifted rate, so a constant shift raises the rate by
 * exactly the shift, not by shift / (1 − smoothing), and the rule's
 * endogenous reaction (to the inflation and unemployment the shift causes)
 * comes on top — a monetary policy shock as a deviation from the rule
 * (Christiano, Eichenbaum & Evans 1999, Handbook of Macroeconomics 1A ch. 2).
 */
export function overrideShift(
  overrides: CentralBankParams["overrides"],
  startDate: string,
  tick: number,
): number {
  let shift = 0;
  for (const o of overrides) {
    if (o.addYearly === undefined) continue;
    if (tick >= tickOfMonth(startDate, o.from) && tick <= tickOfMonth(startDate, o.until))
      shift += o.addYearly;
  }
  return shift;
}

/**
 * Shifts last month's unemployment rate into the history (newest first),
 * dropping the oldest; the history's length is the averaging window k.
 */
export function recordUnemployment(history: Float64Array, unemploymentRate: number): void {
  for (let i = history.length - 1; i > 0; i--) history[i] = history[i - 1];
  history[0] = unemploymentRate;
}

/**
 * The Taylor rule's unemployment input: the mean of the history (the last
 * k months). Estimated Taylor rules are fitted on quarterly averages (Taylor
 * 1993; Clarida, Galí & Gertler 2000); with k = 1 it is last month's rate
 * exactly.
 */
export function averagedUnemployment(history: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < history.length; i++) sum += history[i];
  return sum / history.length;
}

/**
 * The smoothed Taylor rule's rate from last month's inflation and the
 * averaged unemployment (centralBank.unemploymentHistory); outside an override period the central bank also
 * revises its neutral-rate estimate (learnNeutralRate), in `centralBank`.
 */
function taylorRate(
  centralBank: CentralBank,
  macro: MacroState,
  cb: CentralBankParams,
  month: Month,
  prev: number,
): number {
  recordUnemployment(centralBank.unemploymentHistory, macro.unemploymentRate);
  const pi = macro.inflationYoY;
  const gaps =
    cb.inflationWeight * (pi - cb.inflationTargetYearly) +
    cb.unemploymentWeight *
      (cb.naturalUnemploymentRate - averagedUnemployment(centralBank.unemploymentHistory));
  const rStar = centralBank.neutralRateEstimateYearly;
  const target = rStar + pi + gaps;
  const rate = Math.max(cb.lowerBoundYearly, cb.smoothing * prev + (1 - cb.smoothing) * target);
  const overridden = cb.overrides.some(
    (o) =>
      month.tick >= tickOfMonth(month.startDate, o.from) &&
      month.tick <= tickOfMonth(month.startDate, o.until),
  );
  if (!overridden)
    centralBank.neutralRateEstimateYearly = learnNeutralRate(
      rStar,
      gaps,
      cb.neutralRateLearning,
      rate <= cb.lowerBoundYearly,
    );
  return rate;
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
export function payReserveInterest(
  banks: Banks,
  centralBank: CentralBank,
  cb: Pick<CentralBankParams, "advancePenaltyYearly">,
  books: Books,
): void {
  const b = banks;
  const policy = centralBank.policyRateYearly;
  const penalty = cb.advancePenaltyYearly;
  for (let k = 0; k < b.n; k++) {
    const r = b.reserves[k];
    const interest = r >= 0 ? (r * policy) / 12 : (r * (policy + penalty)) / 12;
    if (interest >= 0)
      transfer(books, FlowRow.reserveInterest, Party.centralBank, 0, Party.bank, k, interest);
    else transfer(books, FlowRow.reserveInterest, Party.bank, k, Party.centralBank, 0, -interest);
    b.profit[k] += interest;
  }
}

/** The central bank hands its whole profit (or loss) to the government, keeping its net worth at zero. */
export function remitProfit(centralBank: CentralBank, government: Government, books: Books): void {
  const profit = centralBank.equity;
  centralBank.profit = profit;
  if (profit >= 0)
    transfer(books, FlowRow.centralBankRemittance, Party.centralBank, 0, Party.government, 0, profit);
  else transfer(books, FlowRow.centralBankRemittance, Party.government, 0, Party.centralBank, 0, -profit);
  government.remittance = profit;
}
