// A non-AI firm in financial distress before it fails (issue 17): what a
// troubled firm does first — it cuts costs and payouts (retrenchment) — and
// what its lender does first — it defers the principal of a borrower whose
// business still earns its interest (an out-of-court workout) — before the
// firm is declared bankrupt and replaced (markets/credit.ts
// resolveFirmDefault). Pure rules over one firm's numbers; the firm passes
// (agents/firms.ts planKernel, accountKernel; markets/credit.ts
// financeTermsKernel, financeVisit) apply them. Config group firms.distress
// (configs/schema.json), every rule off by default.
//
// Why (docs/calibration.md §10.8): on configs/baseline.json about 2.6 % of
// the core's firms fail a year, ≈ 4 × the US business bankruptcy rate. The
// consumption firms that fail are old firms that have been small for years
// and whose wage bill has come to exceed their sales (labour hoarding keeps
// staff a shrinking firm no longer needs); with losses their debt rises
// from 0.8 to 1.5 × a year's sales, their bank's default probability passes
// banks.maxDefaultProbability, it stops rolling the loan over, and a firm
// that can still pay its interest cannot pay the principal and fails.
import type { SpiralConfig } from "../../config/configTypes.ts";

/** The distress rules' parameters: configs/schema.json firms.distress. */
export type DistressParams = Readonly<SpiralConfig["firms"]["distress"]>;

/**
 * A firm is in distress while its smoothed earnings (firms.earnings: profit
 * after interest, depreciation and tax, smoothed at firms.earningsSmoothing)
 * are negative — it has been losing money for months, not for one bad
 * month — and its bank's default probability (firms.pdYearly) is at least
 * `pdThreshold` (firms.distress.defaultProbability; 0: every loss-making
 * firm; banks.maxDefaultProbability: a loss-making firm its bank no longer
 * lends to).
 */
export function inDistress(earnings: number, pd: number, pdThreshold: number): boolean {
  return earnings < 0 && pd >= pdThreshold;
}

/**
 * The labour plan's adjustment of a firm (agents/firms.ts labourPlanStep's
 * weight and cycle share, and the share of excess staff laid off a month),
 * with retrenchment (firms.distress.retrenchment): a firm in distress stops
 * hoarding labour — its normal level and staffing target jump to its output
 * plan (weight 1, cycle share 1) and it lays off firms.distress.firingSpeed
 * of its excess staff a month (Ofek 1993, JFE 34: highly levered firms
 * answer poor performance with layoffs and asset sales; Asquith, Gertner &
 * Scharfstein 1994, QJE 109(3): junk-bond issuers in distress cut capital
 * spending and sell assets). Otherwise the firm's usual rule. Writes
 * [weight, cycle share, firing speed] into `out`.
 */
export function distressLabourAdjustment(
  distressed: boolean,
  retrenchment: boolean,
  weight: number,
  cycleShare: number,
  firingSpeed: number,
  distressFiringSpeed: number,
  out: Float64Array,
): void {
  const cut = retrenchment && distressed;
  out[0] = cut ? 1 : weight;
  out[1] = cut ? 1 : cycleShare;
  out[2] = cut ? Math.max(firingSpeed, distressFiringSpeed) : firingSpeed;
}

/**
 * The dividend a firm declares, with retrenchment: none while it is in
 * distress (DeAngelo & DeAngelo 1990, J. Finance 45(5), 1415–1431: almost
 * all of 80 NYSE firms with multiple losses in 1980–85 reduced their
 * dividends; Ofek 1993: dividend cuts). Otherwise `declared`, the usual
 * rule's.
 */
export function distressDividend(declared: number, distressed: boolean, retrenchment: boolean): number {
  return retrenchment && distressed ? 0 : declared;
}

/**
 * A firm's operating cash flow last month: revenue less the wage bill, AI
 * services and electricity — what its business earns before debt service,
 * the going-concern test of the workout (debtWorkout).
 */
export function operatingCashFlow(
  revenue: number,
  wageBill: number,
  servicesPaid: number,
  electricityPaid: number,
): number {
  return revenue - wageBill - servicesPaid - electricityPaid;
}

/**
 * The out-of-court workout (firms.distress.workout): a firm whose cash —
 * deposits after whatever new credit its bank granted — covers this
 * month's interest but not the principal due, and whose business earned at
 * least firms.distress.workoutInterestCoverage × that interest last month
 * (a positive going-concern value: the loan is worth more to the bank in a
 * working firm than in a liquidation that recovers 1 − banks.lossGivenDefault),
 * pays the interest and has this month's principal deferred (the loan is
 * rolled over) instead of defaulting. Gilson, John & Lang (1990), JFE
 * 27(2), 315–353: about half of 169 financially distressed US firms
 * restructured their debt privately, outside Chapter 11. A firm
 * that cannot pay its interest, or whose business does not earn it,
 * defaults as before. Returns true when the principal is deferred.
 */
export function debtWorkout(
  cash: number,
  interest: number,
  principal: number,
  operatingCash: number,
  coverage: number,
): boolean {
  if (cash >= interest + principal) return false; // it pays in full: nothing to work out
  return cash >= interest && operatingCash > 0 && operatingCash >= coverage * interest;
}
