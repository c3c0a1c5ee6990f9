// Credit that can run (issue 18 item 4): the pure rules behind the AI
// chain's debt — maturity walls, fixed and floating coupons, ratings with an
// investment-grade line, GPU- and contract-backed borrowing bases whose
// haircuts move with GPU rental prices, banks' single-name limits — and the
// private-credit fund's flows. Each is a function of the numbers it needs
// (no ModelState), so each is unit-tested on hand-built inputs
// (tests/aiChain.credit.test.ts); finance.ts, defaults.ts and fund.ts apply
// them to the chain's columns and move the money through the ledger.

import type { AiChain } from "../../state.ts";

/**
 * Months of the debt-maturity ring (20 years): principal due in month t sits
 * in slot t mod DEBT_HORIZON_MONTHS. Debt that matures later (the 30–40-year
 * tranches of the hyperscalers' bonds, docs/calibration.md §2) is put in the
 * last slot: it never falls due within a run of the model's length.
 */
export const DEBT_HORIZON_MONTHS = 240;

/**
 * Rating grades, best first, and the upper bound of each grade's 5-year CDS
 * spread (bp). BBB 60–120, BB 150–250, B 400–700, CCC 700–1200 are the
 * rating-bucket rule of thumb of docs/calibration.md §3 (the gaps between
 * buckets are split at their ends); "AA" (and better) ends at 45 bp, the top
 * of the hyperscalers' late-2025 CDS of 34–45 bp (§3), which carry AA/AAA
 * ratings; "A" fills 45–60 bp. Above CCC's 1200 bp a name is "CC".
 */
export const RATING_NAMES = ["AA", "A", "BBB", "BB", "B", "CCC", "CC"] as const;
export const RATING_CEILING_BP = [45, 60, 120, 250, 700, 1200, Number.POSITIVE_INFINITY] as const;
/** Grades 0 … INVESTMENT_GRADE_LOWEST are investment grade (BBB− and better). */
export const INVESTMENT_GRADE_LOWEST = 2;

/** The grade whose spread bucket holds `spreadBp`. */
export function gradeOfSpread(spreadBp: number): number {
  let g = 0;
  while (g < RATING_CEILING_BP.length - 1 && spreadBp > RATING_CEILING_BP[g]) g++;
  return g;
}

/**
 * Next month's rating. Agencies rate through the cycle and move slowly: the
 * rating moves one grade a month at most, down only when the market spread
 * (without any forced-selling premium) is above the current grade's ceiling
 * by more than `hysteresis` (a share), up only when it is below the next
 * better grade's ceiling by more than `hysteresis`.
 *
 * @example nextRating(2, 140, 0.1) // 3: BBB → BB at 140 bp (ceiling 120 × 1.1 = 132)
 */
export function nextRating(current: number, spreadBp: number, hysteresis: number): number {
  if (current < RATING_CEILING_BP.length - 1 && spreadBp > RATING_CEILING_BP[current] * (1 + hysteresis))
    return current + 1;
  if (current > 0 && spreadBp < RATING_CEILING_BP[current - 1] * (1 - hysteresis)) return current - 1;
  return current;
}

/** True when a move from `from` to `to` crosses the investment-grade line downwards (a "fallen angel"). */
export function fallsOutOfInvestmentGrade(from: number, to: number): boolean {
  return from <= INVESTMENT_GRADE_LOWEST && to > INVESTMENT_GRADE_LOWEST;
}

/**
 * The forced-selling premium after a fall out of investment grade: it jumps
 * to `premiumBp` in the month of the downgrade and then halves every
 * `halfLifeMonths` as the forced sellers' bonds find new holders (Ellul,
 * Jotikasthira & Lundblad 2011, JFE 101: prices of downgraded bonds sold by
 * constrained insurers fall and then revert over months).
 */
export function decayPremium(premiumBp: number, halfLifeMonths: number): number {
  return premiumBp * 0.5 ** (1 / Math.max(1e-9, halfLifeMonths));
}

/**
 * The default point of the structural (Merton/KMV) model: debt to banks and
 * to the fund, vendor loans from upstream chain firms (aiChain/circular.ts;
 * a claim like any other, which the borrower services monthly), and half a
 * year of compute-contract instalments (KMV's short-term + ½ long-term
 * convention, Crosbie & Bohn 2003).
 *
 * @example defaultPoint(10, 5, 3, 1) // 24 = 10 + 5 + 3 + 6
 */
export function defaultPoint(
  bankLoans: number,
  fundLoans: number,
  vendorDebt: number,
  monthlyCommitments: number,
): number {
  return bankLoans + fundLoans + Math.max(0, vendorDebt) + 12 * monthlyCommitments * 0.5;
}

/**
 * Loss given default of a firm's debt when the government guarantees
 * `guaranteeShare` of every loss (fiscal absorption, defaults.ts pays it):
 * lenders and protection sellers bear only the rest, so the expected-loss
 * part of the CDS spread is hazard × LGD × (1 − guaranteeShare) — the
 * recovery of a partly guaranteed obligation includes the guarantor's
 * payment (as with the US SBA's partial guarantees, priced on the
 * unguaranteed portion).
 *
 * @example guaranteedLgd(0.6, 0.5) // 0.3
 */
export function guaranteedLgd(lossGivenDefault: number, guaranteeShare: number): number {
  return lossGivenDefault * (1 - Math.min(1, Math.max(0, guaranteeShare)));
}

/**
 * Spread a lender charges on new unsecured debt (per year): the firm's CDS
 * spread — whose expected-loss part already leaves out what a government
 * guarantee pays (guaranteedLgd) — and never less than the risk premium,
 * plus any forced-selling premium.
 */
export function unsecuredSpread(cdsBp: number, riskPremiumBp: number, forcedBp: number): number {
  return (Math.max(riskPremiumBp, cdsBp) + forcedBp) / 1e4;
}

/**
 * Months of the year (0 = January) in which the chain's CDS index rolls to a
 * new series: 20 March and 20 September, as the CDX and iTraxx indices roll
 * (Markit CDX rules). Between rolls the index's constituents are fixed.
 */
export const INDEX_ROLL_MONTHS: readonly number[] = [2, 8];

/** Whether a month of the year (0 = January) is one in which the index rolls (INDEX_ROLL_MONTHS). */
export function isIndexRoll(monthOfYear: number): boolean {
  return INDEX_ROLL_MONTHS.includes(((monthOfYear % 12) + 12) % 12);
}

/**
 * The chain's CDS index, bp: the equally weighted mean (as CDX indices are
 * weighted) over the current series' constituents (`members[i]` = 1). Like a
 * CDX series, its constituents are fixed between rolls: a firm in default or
 * liquidated stays in it at its last quoted spread (finance.ts stops
 * requoting it), and a liquidated firm leaves only at the next roll
 * (INDEX_ROLL_MONTHS), when the new series is formed from the names still
 * trading. So a default never lowers the index by taking the most distressed
 * name out the month it defaults; an average over the live names only would
 * fall whenever the worst name defaults.
 */
export function cdsIndexBp(spreadsBp: Float64Array, members: Uint8Array, n: number): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (members[i] !== 1) continue;
    sum += spreadsBp[i];
    count++;
  }
  return count > 0 ? sum / count : 0;
}

/**
 * Spread on a secured (GPU- or contract-backed) loan: the risk premium plus
 * the default probability times the secured loss given default — loans
 * recover 82 % on average against bonds' 37 % (Moody's ultimate recoveries,
 * docs/calibration.md §8), so the expected-loss part is far smaller than a
 * bond's. CoreWeave's DDTL 4.0 priced at SOFR + 225 bp (§2).
 */
export function securedSpread(pdYearly: number, securedLgd: number, riskPremiumBp: number): number {
  return (riskPremiumBp + 1e4 * pdYearly * securedLgd) / 1e4;
}

/** Shares of new non-bank debt that float, by kind (aiChain.finance.floatingShare). */
export interface FloatingShares {
  secured: number;
  highYield: number;
  investmentGrade: number;
}

/**
 * Share of a new non-bank loan that floats: secured (GPU- and
 * contract-backed) loans at `secured` — delayed-draw term loans priced over
 * SOFR, like CoreWeave's DDTL 4.0 and 5.0 (docs/calibration.md §11.5) — and
 * unsecured debt by the borrower's grade: private credit and high-yield bonds
 * below BBB (`highYield`), bonds at or above it (`investmentGrade`).
 *
 * @example floatingShareOf(0.5, false, { secured: 1, highYield: 0.7, investmentGrade: 0 }) // 0.85
 */
export function floatingShareOf(securedShare: number, investmentGrade: boolean, f: FloatingShares): number {
  const s = Math.min(1, Math.max(0, securedShare));
  return s * f.secured + (1 - s) * (investmentGrade ? f.investmentGrade : f.highYield);
}

/**
 * This month's coupon of the fund's book of a firm's debt: its fixed part at
 * the fixed coupon, its floating part at the policy rate + its margin — so a
 * floating book reprices every month with the policy rate (the reference rate
 * of SOFR loans follows the fed funds rate).
 *
 * @example fundBookRate(0.08, 0.5, 0.03, 0.04) // 0.075 = 0.5·8 % + 0.5·(4 % + 3 %)
 */
export function fundBookRate(
  fixedRate: number,
  floatingShare: number,
  floatingMargin: number,
  policyRateYearly: number,
): number {
  return (1 - floatingShare) * fixedRate + floatingShare * (policyRateYearly + floatingMargin);
}

/**
 * Firm i's fund book after the fund lends it `x` more, of which `newShare`
 * floats: the fixed coupon blends over the fixed parts only (the new part at
 * `fixedCoupon`), the floating margin over the floating parts only (the new
 * part at `spread`), and the floating share over the whole book. Call before
 * adding `x` to fundLoans.
 */
export function addToFundBook(
  c: Pick<AiChain, "fundLoans" | "fundRateYearly" | "fundFloatingShare" | "fundFloatingMargin">,
  i: number,
  x: number,
  newShare: number,
  fixedCoupon: number,
  spread: number,
): void {
  const oldDebt = Math.max(0, c.fundLoans[i]);
  const oldFloating = oldDebt * c.fundFloatingShare[i];
  const newFloating = x * newShare;
  c.fundRateYearly[i] = blendRate(oldDebt - oldFloating, c.fundRateYearly[i], x - newFloating, fixedCoupon);
  c.fundFloatingMargin[i] = blendRate(oldFloating, c.fundFloatingMargin[i], newFloating, spread);
  c.fundFloatingShare[i] = oldDebt + x > 0 ? (oldFloating + newFloating) / (oldDebt + x) : newShare;
}

/** This month's coupon of firm i's fund book at policy rate `policyRateYearly` (fundBookRate). */
export function fundRateOf(
  c: Pick<AiChain, "fundRateYearly" | "fundFloatingShare" | "fundFloatingMargin">,
  i: number,
  policyRateYearly: number,
): number {
  return fundBookRate(c.fundRateYearly[i], c.fundFloatingShare[i], c.fundFloatingMargin[i], policyRateYearly);
}

/** Debt-weighted blend of an old rate and the rate on new debt: the coupon of a book after adding `newDebt`. */
export function blendRate(oldDebt: number, oldRate: number, newDebt: number, newRate: number): number {
  const total = oldDebt + newDebt;
  if (total <= 0) return newRate;
  return (Math.max(0, oldDebt) * oldRate + newDebt * newRate) / total;
}

/**
 * Haircut on GPU and contract collateral: `base` when GPU rental prices
 * stand at their reference (their average over about a year), rising by
 * `sensitivity` per unit of fall below it — lenders mark the resale value
 * of GPUs and the worth of a compute contract to what compute rents for.
 * Clamped to [base, 0.95].
 *
 * @example gpuHaircut(0.8, 1, 0.3, 1) // 0.5: a 20 % fall adds 20 points
 */
export function gpuHaircut(gpuPrice: number, reference: number, base: number, sensitivity: number): number {
  const fall = reference > 0 ? Math.max(0, 1 - gpuPrice / reference) : 0;
  return Math.min(0.95, base + sensitivity * fall);
}

/**
 * Borrowing base of secured lending: GPUs and data centres at book value
 * times the GPU price (relative to its level at the start), plus the next
 * 12 months of contracted revenue from live customers, less the haircut.
 */
export function borrowingBase(
  capitalBook: number,
  gpuPriceRelative: number,
  contractedYear: number,
  haircut: number,
): number {
  return (1 - haircut) * (Math.max(0, capitalBook) * gpuPriceRelative + Math.max(0, contractedYear));
}

/**
 * Room for new secured debt (advances and roll-overs): the borrowing base
 * less the secured debt outstanding, while the borrower's yearly default
 * probability is at most `maxPd`; nothing above it. A borrowing base caps
 * what an asset-based lender must advance; it does not oblige it to fund a
 * borrower whose default is more likely than not within the year (advances
 * are conditional on no material adverse change, and lenders cut credit
 * once a borrower is in distress: Roberts & Sufi 2009, J. Finance 64).
 * Without the limit a cloud priced at the structural model's cap (≈ 75 % a
 * year, ≈ 8 300 bp) rolled its maturities and paid its interest with new
 * GPU-backed loans for years.
 *
 * @example securedRoom(100, 40, 0.1, 0.5) // 60
 * @example securedRoom(100, 40, 0.6, 0.5) // 0
 */
export function securedRoom(base: number, securedDebt: number, pdYearly: number, maxPd: number): number {
  if (pdYearly > maxPd) return 0;
  return Math.max(0, base - Math.max(0, securedDebt));
}

/**
 * Principal of secured debt above the borrowing base that falls due this
 * month (a borrowing-base deficiency is cured over `cureMonths`, as credit
 * agreements allow).
 */
export function marginCall(securedDebt: number, base: number, cureMonths: number): number {
  return Math.max(0, securedDebt - base) / Math.max(1, cureMonths);
}

/**
 * What one chain firm may draw this month of the fund's money for new chain
 * equity and credit: what is left of the month's budget, at most `share` of
 * the month's total. Without it the budget went first-come in the firms'
 * index order, and the lab listed first took it all in every seed (its
 * rounds ask for a year of burn), starving the other. A diversified fund
 * puts at most about a quarter of its money into one issuer (the regulated
 * investment company test, 26 U.S.C. §851(b)(3): ≤ 25 % of assets in one
 * issuer); here applied to the month's new money.
 *
 * @example singleNameBudget(100, 100, 0.25) // 25
 * @example singleNameBudget(10, 100, 0.25) // 10
 */
export function singleNameBudget(left: number, monthTotal: number, share: number): number {
  return Math.max(0, Math.min(left, share * monthTotal));
}

/**
 * How much more a bank may lend to one borrower under its single-name
 * limit: at most `limitShare` of its equity to one counterparty (the Basel
 * large-exposures framework caps one exposure at 25 % of Tier 1 capital,
 * BCBS 2014, LEX20), less what it already lends.
 */
export function concentrationRoom(bankEquity: number, exposure: number, limitShare: number): number {
  return Math.max(0, limitShare * Math.max(0, bankEquity) - Math.max(0, exposure));
}

/**
 * Lay a firm's initial debt on the maturity ring: `firstYearShare` falls due
 * in equal parts over months 1–12, the rest in equal parts over months
 * 13 … 12·longestYears (the last slot holds anything past the ring). Writes
 * ring[offset + (startTick + k) mod H] for k = 1 … H.
 */
export function layMaturities(
  ring: Float64Array,
  offset: number,
  startTick: number,
  debt: number,
  firstYearShare: number,
  longestYears: number,
): void {
  const H = DEBT_HORIZON_MONTHS;
  if (debt <= 0) return;
  const last = Math.max(13, Math.round(12 * longestYears));
  const first = Math.min(1, Math.max(0, firstYearShare)) * debt;
  for (let k = 1; k <= 12; k++) ring[offset + ((startTick + k) % H)] += first / 12;
  const rest = debt - first;
  const months = last - 12;
  for (let k = 13; k <= last; k++) {
    const slot = Math.min(k, H);
    ring[offset + ((startTick + slot) % H)] += rest / months;
  }
}

/**
 * Book new debt of a term to the ring: it falls due `termMonths` from now
 * (bullet; terms beyond the ring go to its last slot).
 */
export function addMaturity(
  ring: Float64Array,
  offset: number,
  tick: number,
  amount: number,
  termMonths: number,
): void {
  const slot = Math.min(DEBT_HORIZON_MONTHS, Math.max(1, termMonths));
  ring[offset + ((tick + slot) % DEBT_HORIZON_MONTHS)] += amount;
}

/** Parameters of the fund's flows (aiChain.finance.fund in configs/schema.json). */
export interface FundFlowParams {
  /** Net flow per month, as a share of the credit book, per unit of monthly excess return. */
  flowSensitivity: number;
  /** Multiplier on the sensitivity when the excess return is negative (outflows react more). */
  outflowAsymmetry: number;
  /** Most the fund pays out in redemptions in a month, as a share of its credit book (the gate). */
  redemptionGateMonthly: number;
  /** Most it takes in a month, as a share of its credit book. */
  maxInflowMonthly: number;
}

/**
 * Households' net subscriptions to the private-credit fund this month, as a
 * share of its credit book (cash plus loans; negative = redemptions): flows
 * chase the book's recent return in excess of what deposits pay
 * (performance-flow relation), more strongly after losses — outflows from
 * credit funds are more sensitive to bad performance than inflows to good
 * (Goldstein, Jiang & Ng 2017, JFE 126) — within the gate that semi-liquid
 * private-credit vehicles impose (5 % of NAV a quarter is the usual tender
 * limit of non-traded BDCs, an assumption here).
 *
 * @param excessReturnMonthly the book's smoothed monthly return less the deposit rate's monthly rate
 */
export function fundFlowShare(excessReturnMonthly: number, p: FundFlowParams): number {
  const s = excessReturnMonthly < 0 ? p.flowSensitivity * p.outflowAsymmetry : p.flowSensitivity;
  return Math.max(-p.redemptionGateMonthly, Math.min(p.maxInflowMonthly, s * excessReturnMonthly));
}

/**
 * Whether a reorganisation is open to a firm in default, or it must be
 * liquidated: it is liquidated when its business cannot cover its operating
 * costs (operating cash flow before debt service and compute contracts is
 * negative) or when it has been reorganised before and its revenue has not
 * recovered above its revenue at that reorganisation (creditors will not
 * fund a second restructuring of a business that has not recovered).
 */
export function mustLiquidate(
  operatingCashFlow: number,
  reorganisedBefore: boolean,
  revenueNow: number,
  revenueAtLastDefault: number,
): boolean {
  if (operatingCashFlow <= 0) return true;
  return reorganisedBefore && revenueNow <= revenueAtLastDefault;
}

/**
 * The monthly revenue a plan of reorganisation is sized on: the lower of the
 * last year's monthly average and the last month's revenue (the run rate). A
 * plan must be feasible (US Bankruptcy Code §1129(a)(11)): not likely to be
 * followed by liquidation or a further reorganisation — so it is judged on
 * what the business earns now; a trailing average overstates a business in
 * decline. Sized on the year's average, a lab whose revenue had halved in
 * the months before its default kept contracts and debt its revenue could
 * not pay, ran its cash down, cancelled its compute and defaulted again
 * 11–17 months later (5 of 20 baseline-2025 seeds).
 *
 * @example planRevenue(6, 2) // 2: the run rate, below the year's average
 */
export function planRevenue(yearAverageMonthly: number, lastMonth: number): number {
  return Math.max(0, Math.min(yearAverageMonthly, lastMonth));
}

/**
 * The yearly rate a reorganised firm's kept debt is sized at: what it pays
 * now or, if higher, the floating rate (policy + bank margin) plus the
 * unsecured spread of a borrower at the unsecured lenders' PD limit — the
 * price at which a firm just out of court is refinanced (it is repriced at
 * its post-exit spread the month after; sized at its pre-default coupon, a
 * lab kept debt whose interest tripled when it was repriced).
 *
 * @example exitRateYearly(0.06, 0.04, 0.015, 1500) // 0.205
 */
export function exitRateYearly(
  currentRate: number,
  policy: number,
  bankSpread: number,
  limitSpreadBp: number,
): number {
  return Math.max(currentRate, policy + bankSpread + limitSpreadBp / 1e4);
}

/**
 * Debt a reorganised firm's business can carry: creditors keep at most
 * their recovery (1 − LGD of the debt), `revenueMultiple` years of revenue,
 * and the debt whose service its operating cash flow covers `coverage`
 * times over at `rateYearly` (interest, plus the yearly amortisation when
 * the caller adds it: defaults.ts passes the exit rate plus 1/4 a year) — a plan of reorganisation must be feasible
 * (US Bankruptcy Code §1129(a)(11): confirmation requires that it is not
 * likely to be followed by liquidation or a further reorganisation), and
 * exit lenders size debt by fixed-charge coverage. Without the last bound a
 * thin-margin lab kept two years of revenue as debt whose interest exceeded
 * its operating cash flow, and defaulted again within months.
 *
 * @example reorganisedDebt(100, 0.6, 20, 2, 0.1, 0.1, 1.5) // 8: min(40, 480, 12 × 0.1 / 1.5 / 0.1)
 */
export function reorganisedDebt(
  debt: number,
  lossGivenDefault: number,
  revenueMonthly: number,
  revenueMultiple: number,
  operatingCashFlowMonthly: number,
  rateYearly: number,
  coverage: number,
): number {
  const recovery = (1 - lossGivenDefault) * Math.max(0, debt);
  const byRevenue = revenueMultiple * 12 * Math.max(0, revenueMonthly);
  const byCashFlow =
    (12 * Math.max(0, operatingCashFlowMonthly)) / Math.max(1, coverage) / Math.max(0.01, rateYearly);
  return Math.min(recovery, byRevenue, byCashFlow);
}

/**
 * Share of its compute contracts (as buyer) a reorganised firm keeps: what
 * its operating cash flow can pay for, as a share of the instalments it
 * owes; the rest is rejected (a renegotiation in court).
 */
export function keptContractShare(operatingCashFlow: number, commitments: number): number {
  if (commitments <= 0) return 1;
  return Math.min(1, Math.max(0, operatingCashFlow) / commitments);
}
