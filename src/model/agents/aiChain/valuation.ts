// Share prices of chain firms (issue 3 item 5; issue 18 items 2 and 6) and
// the knock-on effects of their changes. Fundamentalists value a firm by
// its discounted expected cash flows (dcf.ts): expected earnings growth is
// the market's — a Brock–Hommes mix of the growth story priced at the start
// (fundamentalists) and the growth observed over the past year (trend
// followers), weighted by the traders' shares in the firm's stock —, less
// capex, interest and taxes, discounted at the policy rate + a term premium
// + an equity risk premium that rises with the chain's losses and the
// firm's volatility. The 2025 prices come out of the 2025 expectations
// state: at the chain's first month each firm's expected growth is solved
// so that its value is its configured market value (no scale factor).
// Trend followers extrapolate prices; traders switch by recent performance
// (markets/equityMarket.ts), so prices overshoot value in booms and
// undershoot in busts. A short book (shortSellers.ts) sells firms with high
// debt, thin cash flow and heavy capex and covers — by force when its margin
// runs out. Price changes revalue the stakes chain firms hold in each other
// and the fund that households own.

import type { SpiralConfig } from "../../../config/configTypes.ts";
import type { ModelEvent } from "../../events.ts";
import { type Books, closeShortBook, FlowRow, fundShortBook, recordFlow, Sector } from "../../ledger.ts";
import { marketStress } from "../../markets/creditRisk.ts";
import { creditPremium } from "../../markets/equity.ts";
import {
  DEFAULT_EQUITY_MARKET_PARAMS,
  type EquityMarketParams,
  initEquityAsset,
  stepEquityMarket,
} from "../../markets/equityMarket.ts";
import type { NamedStreams } from "../../rng.ts";
import type { AiChain, CentralBank, Fund } from "../../state.ts";
import { Role } from "../../state.ts";
import { cdsIndexBp } from "./credit.ts";
import {
  agedAnchor,
  calibrateGrowthExpectation,
  type DcfInputs,
  type DcfParams,
  type DiscountParams,
  discountedCashFlowValue,
  equityDiscountRate,
  equityRiskPremium,
  longRateYearly,
  MAX_GROWTH_EXPECTATION,
  storyAgeAfter,
  surpriseRevisedAnchor,
  updateGrowthExpectation,
} from "./dcf.ts";
import {
  chargeBorrowFee,
  fillShortOrders,
  planShortOrders,
  type ShortBook,
  type ShortParams,
  shortBookEquity,
  shortCapitalTransfer,
  shortOrderFlow,
  shortTargetScore,
} from "./shortSellers.ts";

/**
 * Long-run operating margins on AI revenue by role (chip, hyperscaler,
 * neocloud, legacy cloud, lab): labs and clouds are valued on what they
 * should earn, not on today's losses.
 */
const NORMAL_MARGIN = [0.5, 0.3, 0.25, 0.2, 0.3];
/** Old shareholders' floor: a firm's equity is worth at least this share of the value of its earnings before debt and capex (the option to wait). */
const EQUITY_FLOOR_SHARE = 0.05;

/** The DCF inputs of firm i this month (AI revenue: mean of the last three months). */
export function chainDcfInputs(
  c: AiChain,
  i: number,
  month: Readonly<Pick<ValuationMonth, "tick" | "priceIndex">>,
  ai: ChainAssetLives,
  out: DcfInputs,
): DcfInputs {
  const t = month.tick;
  let recent = 0;
  for (let k = 1; k <= 3; k++) recent += c.revenueHistory[i * 13 + ((t - k + 13 * 4) % 13)];
  recent /= 3;
  const depreciation =
    c.capitalValue[i] *
    (ai.gpuShareOfCost / ai.gpuLifeMonths + (1 - ai.gpuShareOfCost) / ai.buildingLifeMonths);
  out.earningsYearly = 12 * (recent * NORMAL_MARGIN[c.role[i]] + c.otherProfit[i] * month.priceIndex);
  out.interestYearly = 12 * c.interestPaid[i];
  out.netInvestmentYearly = 12 * Math.max(0, c.capex[i] - depreciation);
  out.cash = Math.max(0, c.deposits[i]);
  return out;
}

/**
 * Growth of firm i's earnings over the past year, annualised: AI revenue
 * (mean of the last three months against a year before) at its margin,
 * other profit growing with the price level.
 */
export function observedEarningsGrowth(
  c: AiChain,
  i: number,
  month: Readonly<Pick<ChainValuationMonth, "tick" | "priceIndex" | "inflationYoY">>,
): number | null {
  const t = month.tick;
  let recent = 0;
  for (let k = 1; k <= 3; k++) recent += c.revenueHistory[i * 13 + ((t - k + 13 * 4) % 13)];
  recent /= 3;
  const yearAgo = c.revenueHistory[i * 13 + ((t - 12 + 13 * 4) % 13)];
  const margin = NORMAL_MARGIN[c.role[i]];
  const other = c.otherProfit[i] * month.priceIndex;
  const now = recent * margin + other;
  const before = yearAgo * margin + other / (1 + month.inflationYoY);
  if (!(now > 0) || !(before > 0)) return null;
  // The recent mean is centred two months back: 10 months after the year-ago month.
  return Math.max(-0.9, Math.min(5, (now / before) ** 1.2 - 1));
}

/**
 * Growth of the chain's revenue over the past year, annualised: the sum of
 * every chain firm's AI revenue (the build-out's sales, the chip maker's
 * included; mean of the last three months against a year before), as in
 * observedEarningsGrowth. The growth the market's stories about the chain
 * are judged against (aiChain.valuation.storySurpriseSpeedMonthly): in the
 * build-out investors priced the sector on its common growth story, and
 * sector news moved every firm's price (intra-industry information transfer,
 * Foster 1981, J. Accounting & Economics 3; Ramnath 2002, J. Accounting
 * Research 40). null when either sum is not positive. Pure.
 */
export function chainRevenueGrowth(
  c: Readonly<Pick<AiChain, "n" | "revenueHistory">>,
  tick: number,
): number | null {
  return ringsGrowth(c.revenueHistory, c.n, tick);
}

/**
 * Year-over-year growth of the sum of `n` monthly rings of 13 slots (ring i
 * at i × 13, slot tick mod 13): the mean of the last three months against a
 * year before, ^1.2 (the recent mean is centred ten months after the
 * year-ago month), clamped to [−0.9, 5]; null when either sum is not
 * positive. What chainRevenueGrowth and endUserGrowth read. Pure.
 */
function ringsGrowth(rings: Float64Array, n: number, tick: number): number | null {
  let recent = 0;
  let before = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 1; k <= 3; k++) recent += rings[i * 13 + ((tick - k + 13 * 4) % 13)] / 3;
    before += rings[i * 13 + ((tick - 12 + 13 * 4) % 13)];
  }
  if (!(recent > 0) || !(before > 0)) return null;
  return Math.max(-0.9, Math.min(5, (recent / before) ** 1.2 - 1));
}

/**
 * Growth of end users' spending on AI services over the past year,
 * annualised as chainRevenueGrowth is (mean of the last three months against
 * a year before, ^1.2: the recent mean is centred ten months after the
 * year-ago month), from the ring `endUserHistory` (13 slots, tick mod 13).
 * The growth the stories are judged against when
 * aiChain.valuation.storySurpriseMeasure is "endUserSpending": the demand
 * the build-out is for, which the chain's own orders cannot raise. null when
 * either is not positive. Pure.
 *
 * @example endUserGrowth(h, 13) // h[12] = h[11] = h[10] = 150, h[1] = 100 → 1.5^1.2 − 1 ≈ 0.627
 */
export function endUserGrowth(endUserHistory: Float64Array, tick: number): number | null {
  return ringsGrowth(endUserHistory, 1, tick);
}

/** The valuation's parameter structs (chainValuationParams). */
export interface ChainValuationParams {
  dcf: DcfParams;
  discount: DiscountParams;
  shorts: ShortParams;
  expectationSpeedMonthly: number;
  policyPassThrough: number;
  /** aiChain.valuation.storyAgesOnShortfall: the story ages only in months that fall short of it (storyAgeAfter). */
  storyAgesOnShortfall: boolean;
  /** aiChain.valuation.storyAtStart: true when the story in the chain's first month is the one at which the market's mix of forecasts rests at the calibrated growth (restingStory), false when it is that growth. */
  storyRestsAtStart: boolean;
  /** aiChain.valuation.storySurpriseSpeedMonthly: how far each month the stories move towards the chain's revenue growth (surpriseRevisedAnchor); 0 off. */
  storySurpriseSpeedMonthly: number;
  /** aiChain.valuation.storySurpriseMeasure: true when the stories are judged on end users' spending (endUserGrowth), false on the chain's revenue (chainRevenueGrowth). */
  storySurpriseOnEndUsers: boolean;
  /** aiChain.valuation.chainCreditPremiumSensitivity: the chain firms' own credit premium per unit of the CDS index above referenceSpreadBp (chainCreditPremiumYearly). */
  chainCreditPremiumSensitivity: number;
  /** aiChain.orders.referenceSpreadBp: the high-yield average the credit premium counts from. */
  referenceSpreadBp: number;
}

/** What a firm's value reads besides the chain: the tick, the price index and the long rate its cash flows are discounted at (chainLongRate). */
export interface ValuationMonth {
  tick: number;
  priceIndex: number;
  longRateYearly: number;
}

/** The aiChain parameters of a firm's depreciation (its net investment in the DCF). */
export type ChainAssetLives = Readonly<
  Pick<SpiralConfig["aiChain"], "gpuShareOfCost" | "gpuLifeMonths" | "buildingLifeMonths">
>;

/** The valuation's parameter structs, from aiChain.valuation and aiChain.shortSellers, and the profit tax rate (government.profitTaxRate). */
export function chainValuationParams(
  ai: Readonly<Pick<SpiralConfig["aiChain"], "valuation" | "shortSellers" | "orders">>,
  profitTaxRate: number,
): ChainValuationParams {
  const v = ai.valuation;
  return {
    dcf: {
      terminalGrowthYearly: v.terminalGrowthYearly,
      growthFadeYearly: v.growthFadeYearly,
      capexFadeYearly: v.capexFadeYearly,
      horizonYears: v.horizonYears,
      taxRate: profitTaxRate,
    },
    discount: {
      termPremiumYearly: v.termPremiumYearly,
      equityRiskPremiumYearly: v.equityRiskPremiumYearly,
      lossSensitivity: v.lossPremiumSensitivity,
      volatilitySensitivity: v.volatilityPremiumSensitivity,
    },
    shorts: ai.shortSellers,
    expectationSpeedMonthly: v.expectationSpeedMonthly,
    policyPassThrough: v.policyPassThrough,
    storyAgesOnShortfall: v.storyAgesOnShortfall,
    storyRestsAtStart: v.storyAtStart === "restingMix",
    storySurpriseSpeedMonthly: v.storySurpriseSpeedMonthly,
    storySurpriseOnEndUsers: v.storySurpriseMeasure === "endUserSpending",
    chainCreditPremiumSensitivity: v.chainCreditPremiumSensitivity,
    referenceSpreadBp: ai.orders.referenceSpreadBp,
  };
}

/**
 * The credit premium in every chain firm's equity risk premium
 * (aiChain.valuation.chainCreditPremiumSensitivity): the sensitivity × the
 * chain's CDS index above the high-yield average, both as rates — the same
 * premium markets/equity.ts creditPremium adds to the non-AI sector's
 * discount rate. Credit spreads and equity premia price the same
 * risk-bearing capacity (Gilchrist & Zakrajšek 2012): the implied equity
 * premium rose ≈ 2 points from end-1999 to end-2002 as the high-yield
 * spread doubled (docs/calibration.md §11.5). 0 with the default
 * sensitivity 0, and at or below the reference. Pure.
 *
 * @example chainCreditPremiumYearly({ n: 2, cdsBp: new Float64Array([1000, 1300]), indexMember: new Uint8Array([1, 1]) }, { chainCreditPremiumSensitivity: 0.25, referenceSpreadBp: 550 }) // 0.015
 */
export function chainCreditPremiumYearly(
  c: Readonly<Pick<AiChain, "n" | "cdsBp" | "indexMember">>,
  v: Readonly<Pick<ChainValuationParams, "chainCreditPremiumSensitivity" | "referenceSpreadBp">>,
): number {
  if (v.chainCreditPremiumSensitivity === 0) return 0;
  return creditPremium(
    v.chainCreditPremiumSensitivity,
    cdsIndexBp(c.cdsBp, c.indexMember, c.n),
    v.referenceSpreadBp,
  );
}

/** The long rate the chain's cash flows are discounted at: neutral nominal rate (the central bank's r* estimate + its inflation target) + a share of the policy rate's gap to it. */
export function chainLongRate(
  centralBank: Readonly<Pick<CentralBank, "policyRateYearly" | "neutralRateEstimateYearly">>,
  inflationTargetYearly: number,
  passThrough: number,
): number {
  const neutral = centralBank.neutralRateEstimateYearly + inflationTargetYearly;
  return longRateYearly(centralBank.policyRateYearly, neutral, passThrough);
}

/** The month as valueChain sees it: the valuation month, the scale (model dollars per US dollar) and last year's inflation. */
export interface ChainValuationMonth extends ValuationMonth {
  scale: number;
  inflationYoY: number;
  /**
   * The long rate at the policy rate in force before the chain's first month
   * (aiChain.policyRateBeforeStart): the rate the starting prices were set
   * at, which calibrateExpectations prices them at.
   */
  startLongRateYearly: number;
  /** This month's policy rate less the rate in force before the chain's first month: what floating debt's coupons moved by since the starting prices were set. */
  policyChangeSinceStartYearly: number;
}

/** Parameters of valueChain: the config group aiChain and the profit tax rate (government.profitTaxRate). */
export interface ValueChainParams {
  ai: Readonly<SpiralConfig["aiChain"]>;
  profitTaxRate: number;
}

/** What revaluing a reorganised firm reads (resetAfterDefault): the valuation's parameters, the month and the chain's asset lives. */
export interface Revaluation {
  valuation: ChainValuationParams;
  month: ValuationMonth;
  ai: ChainAssetLives;
}

/** Fresh DCF inputs, for chainDcfInputs to fill (a few per month: no module-level scratch). */
function zeroDcfInputs(): DcfInputs {
  return {
    earningsYearly: 0,
    interestYearly: 0,
    netInvestmentYearly: 0,
    cash: 0,
    growthYearly: 0,
    discountYearly: 0,
  };
}

/**
 * Firm i's equity value this month: old shareholders' share × max(EQUITY_FLOOR_SHARE × the value of its
 * earnings alone, its discounted expected cash flows) at the market's expected growth and the given ERP.
 */
function firmValue(
  c: AiChain,
  i: number,
  v: ChainValuationParams,
  erp: number,
  month: ValuationMonth,
  ai: ChainAssetLives,
  interestYearly?: number,
): number {
  const inputs = chainDcfInputs(c, i, month, ai, zeroDcfInputs());
  if (interestYearly !== undefined) inputs.interestYearly = interestYearly;
  inputs.growthYearly = c.growthExpectation[i];
  inputs.discountYearly = equityDiscountRate(month.longRateYearly, v.discount, erp);
  const value = discountedCashFlowValue(inputs, v.dcf);
  const gross = discountedCashFlowValue(
    { ...inputs, interestYearly: 0, netInvestmentYearly: 0, cash: 0 },
    v.dcf,
  );
  return c.valuationScale[i] * Math.max(EQUITY_FLOOR_SHARE * Math.max(0, gross), value);
}

/** Equity volatility of firm i per year, from the price model's EWMA variance. */
function volatilityYearly(c: AiChain, i: number): number {
  return Math.sqrt(12 * Math.max(0, c.market.varianceMonthly[i]));
}

/**
 * Before prices start: market totals. The expectations are calibrated in
 * the chain's first month (calibrateExpectations), when the policy rate and
 * the firms' first flows are known.
 */
export function initValuation(c: AiChain): void {
  let cap = 0;
  for (let i = 0; i < c.n; i++) cap += c.shares[i] * c.price[i];
  c.marketCapTotal = cap;
  c.marketPeak = cap;
}

/**
 * The fundamentalists' story at which the market's target mix of forecasts,
 * n_F × story + (1 − n_F) × observed (updateGrowthExpectation), equals the
 * calibrated growth g: (g − (1 − n_F) × observed) / n_F, at most 5 (the
 * calibration's upper bound); n_F is floored at 0.05. With no observed growth
 * (null) the story is g. What aiChain.valuation.storyAtStart "restingMix"
 * sets in the chain's first month, so that the starting prices are a rest
 * point of the market's expectation (Brock & Hommes 1998: the market's
 * forecast is the traders' weighted mix). Pure.
 *
 * @example restingStory(0.43, 0.04, 0.5) // 0.82: half the market extrapolates 4 %, so the other half's story is 82 %
 */
export function restingStory(g: number, observed: number | null, fundamentalistShare: number): number {
  if (observed === null) return g;
  const nF = Math.min(1, Math.max(0.05, fundamentalistShare));
  return Math.min(MAX_GROWTH_EXPECTATION, (g - (1 - nF) * observed) / nF);
}

/**
 * The chain's first month: each firm's expected growth is the one at which
 * its discounted cash flows equal its configured market value (price 1 ×
 * shares), at `month`'s long rate and the base risk premium; the
 * fundamentalists' story is that growth or, with aiChain.valuation.storyAtStart
 * "restingMix", the story at which the market's mix of forecasts rests at it
 * (restingStory, with the growth observed over the seeded year). Also sets the
 * volatility reference and the short book's starting capital. valueChain
 * passes the long rate at the policy rate in force before the chain's first
 * month (ChainValuationMonth.startLongRateYearly), and this month's interest
 * with its floating part (floatingDebt) back at that rate
 * (`floatingRepricingYearly`, the policy rate's change since): the
 * configured prices are the market's before that month's decision, so a policy that departs from
 * the rule from the first month (configs/scenarios/fed-hold-high.json) moves
 * the first month's fundamentals instead of the calibrated expectations. At
 * this month's own rate, a 4.5 % hold calibrated 6.6 points more expected
 * growth than the rule's 2.4 % on baseline-2025 seed 1 (0.286 vs 0.220) and
 * left the hold's chain value unchanged at impact.
 */
export function calibrateExpectations(
  c: AiChain,
  fund: Readonly<Pick<Fund, "sharesHeld">>,
  month: ValuationMonth & Readonly<Pick<ChainValuationMonth, "inflationYoY">>,
  ai: ChainAssetLives,
  v: ChainValuationParams,
  floatingRepricingYearly = 0,
): void {
  const r = equityDiscountRate(month.longRateYearly, v.discount, v.discount.equityRiskPremiumYearly);
  for (let i = 0; i < c.n; i++) {
    const inputs = chainDcfInputs(c, i, month, ai, zeroDcfInputs());
    inputs.discountYearly = r;
    // This month's interest on floating debt, back at the rate the starting prices were set at.
    inputs.interestYearly -= floatingDebt(c, i) * floatingRepricingYearly;
    const g = calibrateGrowthExpectation(inputs, v.dcf, c.shares[i] * c.price[i]);
    c.growthExpectation[i] = g;
    c.growthAnchor[i] = v.storyRestsAtStart
      ? restingStory(g, observedEarningsGrowth(c, i, month), c.market.fundamentalistShare[i])
      : g;
    c.equityRiskPremium[i] = v.discount.equityRiskPremiumYearly;
    c.volatilityAtStart[i] = volatilityYearly(c, i);
  }
  const book: ShortBook = { shares: c.shortShares, cash: c.shortCash };
  fundShortBook(
    book,
    shortCapitalTransfer(shortBookEquity(book, c.price), fundEquityHoldings(c, fund), {
      ...v.shorts,
      capitalSpeedMonthly: 1,
    }),
  );
  closeShortBook(c, book);
}

/** Firm i's debt whose coupon follows the policy rate: its bank loans and the floating part of its fund book. */
export function floatingDebt(
  c: Readonly<Pick<AiChain, "bankLoans" | "fundLoans" | "fundFloatingShare">>,
  i: number,
): number {
  return c.bankLoans[i] + c.fundLoans[i] * c.fundFloatingShare[i];
}

/** Market value of the chain shares the fund owns. */
function fundEquityHoldings(c: AiChain, fund: Readonly<Pick<Fund, "sharesHeld">>): number {
  let x = 0;
  for (let i = 0; i < c.n; i++) x += fund.sharesHeld[i] * c.price[i];
  return x;
}

/** Standard normal draw from the named "equity" stream (Box–Muller). */
function normal(streams: NamedStreams): number {
  const rnd = streams.get("equity");
  const u = Math.max(1e-12, rnd());
  const v = rnd();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Growth expectations, fundamentals, the short book's trades, new prices
 * (noise from the named "equity" stream), the fund's revaluation flow
 * (recorded in `books`' flow matrix), market totals and stress. Writes the
 * chain's valuation and price columns; short covering goes to `events`.
 */
export function valueChain(
  month: ChainValuationMonth,
  p: ValueChainParams,
  streams: NamedStreams,
  events: ModelEvent[],
  books: Books,
): void {
  const c = books.aiChain;
  if (c.n === 0) return;
  const v = chainValuationParams(p.ai, p.profitTaxRate);
  const params = chainEquityMarketParams(p.ai.equityMarket);
  const first = month.tick === c.chainStartTick;
  if (first) {
    const before = { ...month, longRateYearly: month.startLongRateYearly };
    calibrateExpectations(c, books.fund, before, p.ai, v, month.policyChangeSinceStartYearly);
  }
  let cdsBefore = 0;
  for (let i = 0; i < c.n; i++) cdsBefore += c.cdsBp[i];
  const score = c.scratchN;
  updateFundamentals(c, month, p.ai, v, first, score);
  tradeShorts(c, books.fund, v, score, month.scale, events);
  repriceChain(books, v, params, cdsBefore, streams);
}

/**
 * The price model's parameters from aiChain.equityMarket: the config's
 * intensity of choice, trend strength, reversion, noise and news pass-through on the scales of
 * markets/equityMarket.ts (× 120, × 0.6); no short pressure — the short book
 * trades instead (orderFlow).
 */
export function chainEquityMarketParams(em: SpiralConfig["aiChain"]["equityMarket"]): EquityMarketParams {
  const params: EquityMarketParams = { ...DEFAULT_EQUITY_MARKET_PARAMS };
  params.intensityOfChoice = em.intensityOfChoice * 120;
  params.trendWeight = em.trendStrength * 0.6;
  params.reversionSpeed = em.reversionSpeed;
  params.noiseVolatility = em.noiseMonthly;
  params.newsPassThrough = em.newsPassThrough;
  params.shortPressure = 0; // the short book trades instead (orderFlow)
  return params;
}

/** Fundamentals and the short book's targets (`score`) at today's prices; after the first month, growth expectations move first. */
function updateFundamentals(
  c: AiChain,
  month: ChainValuationMonth,
  ai: ChainAssetLives,
  v: ChainValuationParams,
  first: boolean,
  score: Float64Array,
): void {
  const months = month.tick - c.chainStartTick;
  const drawdown = c.marketPeak > 0 ? 1 - c.marketCapTotal / c.marketPeak : 0;
  const credit = chainCreditPremiumYearly(c, v);
  const themeGrowth =
    first || !(v.storySurpriseSpeedMonthly > 0)
      ? null
      : v.storySurpriseOnEndUsers
        ? endUserGrowth(c.endUserHistory, month.tick)
        : chainRevenueGrowth(c, month.tick);
  for (let i = 0; i < c.n; i++) {
    if (!first) {
      const observed = observedEarningsGrowth(c, i, month);
      // The fundamentalists' story ages with calendar time, or (storyAgesOnShortfall) only in months that
      // fall short of it.
      let age = months;
      if (v.storyAgesOnShortfall) {
        age = storyAgeAfter(c.growthStoryAgeMonths[i], c.growthAnchor[i], observed, v.dcf);
        c.growthStoryAgeMonths[i] = age;
      }
      // The story re-rated by the chain's revenue against it (storySurpriseSpeedMonthly; 0: unchanged).
      if (themeGrowth !== null) {
        c.growthAnchor[i] = surpriseRevisedAnchor(
          c.growthAnchor[i],
          age,
          themeGrowth,
          v.storySurpriseSpeedMonthly,
          v.dcf,
        );
      }
      const anchor = agedAnchor(c.growthAnchor[i], age, v.dcf);
      c.growthExpectation[i] = updateGrowthExpectation(
        c.growthExpectation[i],
        anchor,
        observed ?? anchor,
        c.market.fundamentalistShare[i],
        v.expectationSpeedMonthly,
      );
    }
    const erp =
      equityRiskPremium(v.discount, drawdown, volatilityYearly(c, i), c.volatilityAtStart[i]) + credit;
    c.equityRiskPremium[i] = erp;
    c.fundamental[i] = firmValue(c, i, v, erp, month, ai) / Math.max(1e-9, c.shares[i]);
    score[i] = shortTargetScore(
      c.bankLoans[i] + c.fundLoans[i],
      c.shares[i] * c.price[i],
      c.profit[i],
      c.revenue[i],
      c.capex[i],
    );
  }
}

/** The short book: capital from or to the long book, the borrow fee, then orders (margin calls first). */
function tradeShorts(
  c: AiChain,
  fund: Readonly<Pick<Fund, "sharesHeld">>,
  v: ChainValuationParams,
  score: Float64Array,
  scale: number,
  events: ModelEvent[],
): void {
  const book: ShortBook = { shares: c.shortShares, cash: c.shortCash };
  fundShortBook(
    book,
    shortCapitalTransfer(shortBookEquity(book, c.price), fundEquityHoldings(c, fund), v.shorts),
  );
  c.shortFeesPaid = chargeBorrowFee(book, c.price, c.shares, v.shorts);
  const squeezed = planShortOrders(book, c.price, c.shares, score, c.defaulted, v.shorts, c.shortOrders);
  fillShortOrders(book, c.shortOrders, c.price);
  closeShortBook(c, book);
  if (squeezed) {
    events.push({
      type: "shortCovering",
      coveredUsdBn: (-c.shortOrders.reduce((a, q, i) => a + q * c.price[i], 0) / scale) * 1e-9,
    });
  }
}

/** New prices, the fund's revaluation flow, market totals and market stress. */
function repriceChain(
  books: Books,
  v: ChainValuationParams,
  params: EquityMarketParams,
  cdsBefore: number,
  streams: NamedStreams,
): void {
  const c = books.aiChain;
  let fundGain = 0;
  let cap = 0;
  let stakes = 0;
  for (let i = 0; i < c.n; i++) {
    const old = c.price[i];
    const z = normal(streams);
    const p = stepEquityMarket(c.market, i, {
      fundamentalValue: c.fundamental[i],
      noise: z,
      orderFlow: shortOrderFlow(c.shortOrders[i], c.shares[i], v.shorts),
      params,
    });
    c.price[i] = p;
    fundGain += (p - old) * books.fund.sharesHeld[i];
    cap += p * c.shares[i];
    let held = 0;
    for (let h = 0; h < c.n; h++) held += c.stakes[h * c.n + i];
    stakes += held * p;
  }
  recordFlow(books.ledger.flows, FlowRow.equityRevaluation, Sector.aiChain, Sector.privateCredit, fundGain);
  c.marketCapTotal = cap;
  c.stakesValue = stakes;
  c.marketPeak = Math.max(c.marketPeak * 0.995, cap);
  let cdsAfter = 0;
  for (let i = 0; i < c.n; i++) cdsAfter += c.cdsBp[i];
  c.marketStress = marketStress({
    indexLevel: cap,
    indexPeak: c.marketPeak,
    spreadChangeBp: (cdsAfter - cdsBefore) / c.n,
  });
}

/**
 * After a default (issue 18 item 5). Reorganised: trading restarts from the
 * value of the reorganised firm — its discounted expected cash flows, as in
 * valueChain, on the balance sheet the resolution left (lower debt at its
 * exit rate, `exitRateYearly`; expected growth zero) — or from its last price
 * if that is lower;
 * old shareholders keep their claim, so the price (and with it the distance
 * to default and the spread) can recover with the business.
 * Liquidated: the shares are worth what is left after the lenders, nearly
 * nothing, and the firm's value no longer tracks any business.
 */
export function resetAfterDefault(
  books: Books,
  i: number,
  liquidated: boolean,
  exitRateYearly: number,
  revalue: Revaluation,
): void {
  const c = books.aiChain;
  const old = c.price[i];
  let p: number;
  if (liquidated) {
    c.valuationScale[i] = 0;
    const left = Math.max(0, c.deposits[i] - c.bankLoans[i] - c.fundLoans[i]);
    p = Math.max(1e-9, left / Math.max(1e-9, c.shares[i]));
  } else {
    // The reorganised firm's plan value (issue 18 item 5): its discounted cash flows as a going concern on the
    // balance sheet the resolution left — the interest on the debt it keeps at its exit rate (this month's
    // interest was on the debt written off), and no growth either way (the growth story ends; nor is the
    // collapse extrapolated: the plan is sized on what the business earns now, credit.ts planRevenue).
    c.growthExpectation[i] = 0;
    const interest = (c.bankLoans[i] + c.fundLoans[i]) * exitRateYearly;
    const { valuation: v, month, ai } = revalue;
    const total = firmValue(c, i, v, c.equityRiskPremium[i], month, ai, interest);
    p = Math.max(1e-9, Math.min(old, total / Math.max(1e-9, c.shares[i])));
  }
  // Volatility restarts from the firm's calibrated asset volatility (the
  // jump is the resolution, not a measure of future risk).
  const sigma = c.assetVolatility[i] * 2;
  initEquityAsset(c.market, i, p, p, (sigma * sigma) / 12);
  c.price[i] = p;
  c.fundamental[i] = p;
  recordFlow(
    books.ledger.flows,
    FlowRow.equityRevaluation,
    Sector.aiChain,
    Sector.privateCredit,
    (p - old) * books.fund.sharesHeld[i],
  );
  if (c.role[i] === Role.modelLab) c.expectedGrowth[i] = Math.min(c.expectedGrowth[i], 0);
  // Issue 18 item 2: the market's growth story for the firm ends with its default.
  c.growthExpectation[i] = Math.min(c.growthExpectation[i], 0);
  c.growthAnchor[i] = liquidated ? Math.min(c.growthAnchor[i], 0) : 0;
}
