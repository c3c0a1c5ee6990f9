// Valuation of a chain firm by discounted expected cash flows (issue 18
// item 2). Pure functions of a few numbers, no ModelState: valuation.ts
// gathers the inputs from the chain's columns and writes the results back.
//
// A firm's expected operating earnings E (its AI revenue at the long-run
// margin of its role plus its other businesses' profit) grow at an expected
// rate that fades geometrically from today's expectation g₀ to the terminal
// growth — the two-stage "competitive advantage period" model of Damodaran
// (Investment Valuation, 3rd ed., ch. 12–13) with the fade of Fama & French
// (2000, "Forecasting profitability and earnings", J. Business 73): excess
// growth decays towards the economy's. Expected free cash flow to equity in
// year k is (1 − τ)(E_k − interest) − net investment_k, where today's net
// investment (capex beyond depreciation) fades at its own rate as the
// build-out is expected to end. Flows are discounted at the policy rate + a
// term premium + an equity risk premium that rises with realised losses and
// volatility (Campbell & Cochrane 1999: risk aversion rises after losses;
// Pástor & Veronesi 2006 on the value of growth firms under uncertainty).
// Nothing is scaled to the 2025 price: the 2025 prices come out of the 2025
// expectations state, g₀ solved per firm (calibrateGrowthExpectation) at the
// chain's first month.

/** Parameters of the discounted-cash-flow value (config aiChain.valuation). */
export interface DcfParams {
  /** Growth of earnings after the horizon, per year (nominal). */
  terminalGrowthYearly: number;
  /** Share of the excess of expected growth over terminal growth left after each year. */
  growthFadeYearly: number;
  /** Share of today's net investment still expected a year later. */
  capexFadeYearly: number;
  /** Years of explicit forecast before the terminal (Gordon) value. */
  horizonYears: number;
  /** Profit tax rate applied to earnings less interest. */
  taxRate: number;
}

/** A firm's state as the valuation sees it: yearly flows and the expectation. */
export interface DcfInputs {
  /** Expected operating earnings over the next year before growth (USD a year): AI revenue × margin + other profit. */
  earningsYearly: number;
  /** Interest on the firm's debt (USD a year), assumed rolled over at today's cost. */
  interestYearly: number;
  /** Capex beyond depreciation (USD a year), fading at capexFadeYearly. */
  netInvestmentYearly: number;
  /** Cash on hand (USD). */
  cash: number;
  /** g₀: expected growth of earnings over the coming year. */
  growthYearly: number;
  /** Discount rate for equity cash flows, per year. */
  discountYearly: number;
}

/** Smallest spread of the discount rate over terminal growth (keeps the Gordon value finite). */
export const MIN_DISCOUNT_SPREAD = 0.01;

/**
 * Equity value = Σ_{k=1..H} FCFE_k/(1+r)^k + TV/(1+r)^H + cash, with
 * E_k = E_{k−1}(1 + g_k), g_k = g_∞ + (g₀ − g_∞)·fade^{k−1},
 * FCFE_k = (1 − τ)(E_k − interest) − N₀·capexFade^{k−1},
 * TV = FCFE_{H+1}/(r − g_∞). The discount rate is floored at g_∞ + 1 point.
 * Can be negative (debt service and capex beyond what earnings cover); the
 * caller floors it.
 *
 * @example discountedCashFlowValue({ earningsYearly: 100, interestYearly: 0, netInvestmentYearly: 0,
 *   cash: 0, growthYearly: 0.03, discountYearly: 0.08 }, { terminalGrowthYearly: 0.03,
 *   growthFadeYearly: 0.8, capexFadeYearly: 0.7, horizonYears: 20, taxRate: 0 }) // ≈ 2 060 = 100·1.03/0.05
 */
export function discountedCashFlowValue(x: DcfInputs, p: DcfParams): number {
  const gInf = p.terminalGrowthYearly;
  const r = Math.max(gInf + MIN_DISCOUNT_SPREAD, x.discountYearly);
  const keep = 1 - p.taxRate;
  let e = x.earningsYearly;
  let investment = x.netInvestmentYearly;
  let excess = x.growthYearly - gInf;
  let discount = 1;
  let value = 0;
  for (let k = 1; k <= p.horizonYears; k++) {
    e *= 1 + gInf + excess;
    excess *= p.growthFadeYearly;
    discount /= 1 + r;
    value += discount * (keep * (e - x.interestYearly) - investment);
    investment *= p.capexFadeYearly;
  }
  const next = keep * (e * (1 + gInf) - x.interestYearly) - investment;
  value += (discount * next) / (r - gInf);
  return value + x.cash;
}

/** Highest expected growth a firm is calibrated to (calibrateGrowthExpectation's upper bound) or a story set to (valuation.ts restingStory), per year. */
export const MAX_GROWTH_EXPECTATION = 5;

/**
 * The expected growth g₀ at which the firm's value equals `targetValue`
 * (bisection on [lo, hi]; the value rises with g₀ while earnings are
 * positive). Returns the bound when the target lies outside the range.
 * This is how the 2025 prices come out of the 2025 expectations state.
 *
 * @throws RangeError when lo ≥ hi.
 */
export function calibrateGrowthExpectation(
  x: DcfInputs,
  p: DcfParams,
  targetValue: number,
  lo = -0.5,
  hi = MAX_GROWTH_EXPECTATION,
): number {
  if (!(lo < hi)) throw new RangeError(`calibrateGrowthExpectation: empty range [${lo}, ${hi}]`);
  const at = (g: number) => discountedCashFlowValue({ ...x, growthYearly: g }, p);
  if (at(hi) <= targetValue) return hi;
  if (at(lo) >= targetValue) return lo;
  let a = lo;
  let b = hi;
  for (let it = 0; it < 80; it++) {
    const mid = (a + b) / 2;
    if (at(mid) < targetValue) a = mid;
    else b = mid;
  }
  return (a + b) / 2;
}

/** Parameters of the discount rate (config aiChain.valuation). */
export interface DiscountParams {
  termPremiumYearly: number;
  equityRiskPremiumYearly: number;
  /** Extra premium per unit of the chain's drawdown from its peak (a 40 % fall × 0.1 = +4 points). */
  lossSensitivity: number;
  /** Extra premium per unit of yearly volatility above the firm's volatility at the start. */
  volatilitySensitivity: number;
}

/**
 * Equity risk premium: base + lossSensitivity × drawdown + volatilitySensitivity
 * × max(0, σ − σ_start). Losses and volatility raise required returns
 * (Campbell & Cochrane 1999; the "fear gauge" of realised volatility).
 */
export function equityRiskPremium(
  p: DiscountParams,
  drawdown: number,
  volYearly: number,
  volAtStart: number,
): number {
  return (
    p.equityRiskPremiumYearly +
    p.lossSensitivity * Math.min(1, Math.max(0, drawdown)) +
    p.volatilitySensitivity * Math.max(0, volYearly - volAtStart)
  );
}

/**
 * The expected average short rate over a long horizon, which a long-lived
 * asset's discount rate moves with: the neutral nominal rate plus a share
 * `passThrough` of the policy rate's gap to it (the expectations hypothesis
 * with a policy rate expected to revert; 10-year yields move ≈ 0.3–0.5
 * points per point of policy surprise, Gürkaynak, Sack & Swanson 2005,
 * IJCB 1; Hanson & Stein 2015, JFE 115). So a cut to the zero bound does
 * not lower the discount rate one for one.
 */
export function longRateYearly(
  policyRateYearly: number,
  neutralNominalYearly: number,
  passThrough: number,
): number {
  return neutralNominalYearly + passThrough * (policyRateYearly - neutralNominalYearly);
}

/** Discount rate for a firm's equity cash flows: the long rate (longRateYearly) + term premium + equity risk premium. */
export function equityDiscountRate(longRate: number, p: DiscountParams, erp: number): number {
  return longRate + p.termPremiumYearly + erp;
}

/**
 * One month of the market's expected growth (Brock & Hommes 1998 applied to
 * growth forecasts): fundamentalists expect the growth story to age as it
 * was priced at the start (`anchor`, fading with calendar time);
 * trend followers extrapolate the growth observed over the past year. The
 * market's expectation moves a share `speed` of the way to their mix,
 * weighted by the share of fundamentalists among traders of the firm's
 * shares (markets/equityMarket.ts) — so a market that has been paid for
 * following trends also extrapolates growth.
 */
export function updateGrowthExpectation(
  current: number,
  anchor: number,
  observed: number,
  fundamentalistShare: number,
  speed: number,
): number {
  const nF = Math.min(1, Math.max(0, fundamentalistShare));
  const target = nF * anchor + (1 - nF) * observed;
  return current + speed * (target - current);
}

/** The fundamentalists' anchor `months` after the start: g_∞ + (g₀ − g_∞)·fade^{months/12}. */
export function agedAnchor(
  anchorAtStart: number,
  months: number,
  p: Pick<DcfParams, "terminalGrowthYearly" | "growthFadeYearly">,
): number {
  return (
    p.terminalGrowthYearly +
    (anchorAtStart - p.terminalGrowthYearly) * p.growthFadeYearly ** (Math.max(0, months) / 12)
  );
}

/**
 * The age (months) of a firm's growth story after this month
 * (aiChain.valuation.storyAgesOnShortfall): one month older unless the
 * firm's observed earnings growth meets the story's growth at its current
 * age (agedAnchor), in which case the story is confirmed and does not age —
 * the high-growth period lengthens with demonstrated growth (Damodaran,
 * Investment Valuation, ch. 12; learning about growth from realised
 * profitability, Pástor & Veronesi 2003). No observation (earnings not
 * positive) ages it.
 *
 * @example storyAgeAfter(12, 0.4, 0.5, p) // 12: growth of 50 % delivers a story aged to ≈ 0.31
 * @example storyAgeAfter(12, 0.4, 0.1, p) // 13
 */
export function storyAgeAfter(
  ageMonths: number,
  anchorAtStart: number,
  observed: number | null,
  p: Pick<DcfParams, "terminalGrowthYearly" | "growthFadeYearly">,
): number {
  if (observed !== null && observed >= agedAnchor(anchorAtStart, ageMonths, p)) return ageMonths;
  return ageMonths + 1;
}

/**
 * The growth story's anchor at the start after this month's revenue
 * surprise (aiChain.valuation.storySurpriseSpeedMonthly): the story's growth
 * at its current age (agedAnchor) moves a share `speed` of the way towards
 * the observed revenue growth — up when the build-out's sales grow faster
 * than the story, down when they fall short — and the anchor at the start is
 * re-solved so that the story, aged as before, passes through it. Investors
 * learn the growth rate from realised results (Pástor & Veronesi 2003,
 * "Stock valuation and learning about profitability", J. Finance 58) and
 * re-rate growth stories hardest on disappointments (Skinner & Sloan 2002,
 * "Earnings surprises, growth expectations, and stock returns", Rev.
 * Accounting Studies 7): a story whose sales never came deflates, one whose
 * sales keep up with it does not fade. No observation, or speed 0, leaves
 * the anchor unchanged. Pure.
 *
 * @example surpriseRevisedAnchor(0.4, 12, 0.7, 0.1, p) // story at 12 months 0.309 → 0.348; anchor ≈ 0.417 (p: terminal 0.035, fade 0.75)
 * @example surpriseRevisedAnchor(0.4, 0, -0.2, 0.1, p) // 0.34
 */
export function surpriseRevisedAnchor(
  anchorAtStart: number,
  ageMonths: number,
  observed: number | null,
  speed: number,
  p: Pick<DcfParams, "terminalGrowthYearly" | "growthFadeYearly">,
): number {
  if (observed === null || speed === 0) return anchorAtStart;
  const story = agedAnchor(anchorAtStart, ageMonths, p);
  const revised = story + speed * (observed - story);
  const left = p.growthFadeYearly ** (Math.max(0, ageMonths) / 12);
  if (!(left > 0)) return anchorAtStart;
  return p.terminalGrowthYearly + (revised - p.terminalGrowthYearly) / left;
}
