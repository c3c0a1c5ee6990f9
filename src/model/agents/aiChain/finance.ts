// How AI-chain firms are priced by lenders and how they fund themselves
// (issue 3 items 4 and 6; issue 18 item 4, "credit that can run"). Default
// probabilities come from a structural (Merton/KMV) model on each firm's
// market value, equity volatility and debt; CDS spreads ≈ hazard × LGD plus
// a premium that rises with market stress, plus a forced-selling premium
// after a fall out of investment grade; ratings follow spreads slowly.
// Chain debt is term loans (their margin fixed when made, their base the
// policy rate), bonds (a fixed coupon) and private loans (floating, like the
// term loans: aiChain.finance.floatingShare by kind), each with a maturity: principal
// falls due on a ring of months (refinancing walls, aiChain/credit.ts) and is
// repaid or rolled over at that month's terms — or, if no lender will take
// it, the firm has failed to refinance and is in default. Secured lenders
// (GPU- and contract-backed loans) lend up to a borrowing base whose haircut
// rises when GPU rental prices fall, whatever the borrower's default
// probability up to their own limit (a default more likely than not within
// the year, credit.ts securedRoom), and call in what exceeds it; unsecured lenders ration above
// their PD limits; the fund's investment-grade-only money leaves a fallen
// angel; banks keep to a single-name limit. Firms keep a cash buffer:
// cash-rich firms pay out their excess; labs raise equity at market price.

import { monthIndex } from "../../../config/calendar.ts";
import type { SpiralConfig } from "../../../config/configTypes.ts";
import type { ModelEvent } from "../../events.ts";
import {
  type Books,
  FlowRow,
  fundLends,
  grantChainBankLoan,
  issueChainEquity,
  Party,
  payChainDividends,
  payChainInterest,
  repayChainBankLoan,
  repayFund,
  transfer,
} from "../../ledger.ts";
import { cdsSpreadBp, type MertonResult, mertonDefaultProbability } from "../../markets/creditRisk.ts";
import type { Month } from "../../month.ts";
import type { AiChain, Banks } from "../../state.ts";
import { Role, Source } from "../../state.ts";
import { payOutOfChain, tagInflow } from "./attribution.ts";
import { financeCircular, vendorDebtOf } from "./circular.ts";
import {
  addMaturity,
  addToFundBook,
  blendRate,
  borrowingBase,
  concentrationRoom,
  DEBT_HORIZON_MONTHS,
  decayPremium,
  defaultPoint,
  fallsOutOfInvestmentGrade,
  floatingShareOf,
  fundRateOf,
  gpuHaircut,
  gradeOfSpread,
  guaranteedLgd,
  INVESTMENT_GRADE_LOWEST,
  isIndexRoll,
  marginCall,
  nextRating,
  RATING_NAMES,
  securedRoom,
  securedSpread,
  singleNameBudget,
  unsecuredSpread,
} from "./credit.ts";
import {
  type ChainMonth,
  cancelIfDistressed,
  monthlyCommitments,
  monthlyContracted,
  monthlyGpuCommitments,
} from "./plans.ts";

/** Lenders, in the order a firm taps them. */
const Lender = { secured: 0, fund: 1, bank: 2 } as const;
type LenderKind = (typeof Lender)[keyof typeof Lender];
const fundFirstOrder: readonly LenderKind[] = [Lender.secured, Lender.fund, Lender.bank];
const bankFirstOrder: readonly LenderKind[] = [Lender.secured, Lender.bank, Lender.fund];

type FinanceParams = SpiralConfig["aiChain"]["finance"];

/** The chain's credit pricing's parameters: aiChain.finance and the government's guarantee of chain debt. */
export interface ChainCreditParams {
  finance: Readonly<FinanceParams>;
  /** government.fiscalAbsorption.chainDebtGuaranteeShare: the share of every loss on chain debt the government bears. */
  chainDebtGuaranteeShare: number;
}

/** The chain's credit pricing's parameters from the config. */
export function chainCreditParams(config: SpiralConfig): ChainCreditParams {
  return {
    finance: config.aiChain.finance,
    chainDebtGuaranteeShare: config.government.fiscalAbsorption.chainDebtGuaranteeShare,
  };
}

/** The month as the chain's credit pricing sees it: the tick, the calendar (CDS index rolls) and this month's policy rate. */
export interface ChainCreditMonth extends Month {
  readonly policyRateYearly: number;
}

/**
 * PD, CDS spread, rating and the rates each chain firm pays this month.
 * Reads the banks' spreads (a chain firm's bank loans float at its bank's
 * spread plus the firm's margin); writes the chain's credit columns; a
 * downgrade goes to `events`. `merton` is scratch for the structural model.
 * Moves no money.
 */
export function priceChainCredit(
  c: AiChain,
  banks: Pick<Banks, "spreadYearly">,
  month: ChainCreditMonth,
  params: ChainCreditParams,
  merton: MertonResult,
  events: ModelEvent[],
): void {
  const fin = params.finance;
  const policy = month.policyRateYearly;
  const guarantee = params.chainDebtGuaranteeShare;
  // GPU rental prices' reference: their average over about a year (an exponential average, 1/12 a month).
  c.gpuPriceReference += (c.servicePrice - c.gpuPriceReference) / 12;
  // The CDS index rolls in March and September: a new series leaves out the firms liquidated since (cdsIndexBp).
  if (isIndexRoll(monthIndex(month.startDate) + month.tick - 1))
    for (let i = 0; i < c.n; i++) if (c.exited[i] === 1) c.indexMember[i] = 0;
  for (let i = 0; i < c.n; i++) {
    if (c.exited[i] === 1) {
      // A liquidated firm no longer acts: every phase skips a firm marked in
      // default. Its spread stays at its last quote (in the CDS index until
      // the next roll, credit.ts cdsIndexBp).
      c.defaulted[i] = 1;
      c.pdYearly[i] = 0;
      continue;
    }
    if (c.defaulted[i] === 1) {
      c.pdYearly[i] = 1;
      continue;
    }
    c.pdYearly[i] = firmDefaultProbability(c, month.tick, i, fin.pdHorizonYears, merton);
    const marketBp = cdsSpreadBp({
      pdYearly: c.pdYearly[i],
      // A government guarantee of part of every loss leaves protection sellers the rest.
      lossGivenDefault: guaranteedLgd(fin.lossGivenDefault, guarantee),
      stress: c.marketStress,
      baseRiskPremiumBp: fin.riskPremiumBp,
      stressPremiumBp: fin.stressPremiumBp,
    });
    const firstPricing = c.fundRateYearly[i] < 0;
    rateFirm(c, i, marketBp, firstPricing, fin, events);
    c.cdsBp[i] = marketBp + c.forcedSpreadBp[i];
    // The debt issued before the chain's start kept the coupons of the rate then in force (state.ts policyRateBeforeStart).
    if (firstPricing) priceInitialDebt(c, i, c.policyRateBeforeStart, fin);
    // Bank loans float on the policy rate at the margin they were written at;
    // the fund's book is part fixed (bonds: fundRateYearly, blended as debt is
    // added) and part floating (private loans: policy + fundFloatingMargin, fundRateOf).
    c.bankRateYearly[i] = policy + banks.spreadYearly[c.bank[i]] + c.debtSpread[i];
  }
}

/**
 * Firm i's default probability over a year (structural Merton/KMV model):
 * its equity at market value, its volatility — realised, floored at the
 * asset volatility levered up to today's debt — and its default point.
 */
function firmDefaultProbability(
  c: AiChain,
  tick: number,
  i: number,
  horizonYears: number,
  merton: MertonResult,
): number {
  const debt = defaultPoint(
    c.bankLoans[i],
    c.fundLoans[i],
    vendorDebtOf(c, i),
    monthlyCommitments(c, tick, i),
  );
  const equity = Math.max(1e-6, c.shares[i] * c.price[i]);
  // Realised volatility of a smoothly sliding price understates risk; the
  // asset volatility levered up to today's debt is the floor.
  const leveredVol = Math.min(5, (c.assetVolatility[i] * (equity + debt)) / equity);
  mertonDefaultProbability(
    {
      equityValue: equity,
      equityVolatility: Math.max(Math.sqrt(12 * c.market.varianceMonthly[i]), leveredVol),
      debt,
      riskFreeRate: 0,
      horizonYears,
    },
    merton,
  );
  return merton.pdYearly;
}

/** Ratings follow the market spread slowly (from the spread at first pricing); a fall out of investment grade forces sales (a decaying premium). */
export function rateFirm(
  c: Pick<AiChain, "names" | "rating" | "forcedSpreadBp">,
  i: number,
  marketBp: number,
  firstPricing: boolean,
  fin: Pick<FinanceParams, "fallenAngelHalfLifeMonths" | "ratingHysteresis" | "fallenAngelPremiumBp">,
  events: ModelEvent[],
): void {
  c.forcedSpreadBp[i] = decayPremium(c.forcedSpreadBp[i], fin.fallenAngelHalfLifeMonths);
  if (firstPricing) {
    c.rating[i] = gradeOfSpread(marketBp);
    return;
  }
  const from = c.rating[i];
  const to = nextRating(from, marketBp, fin.ratingHysteresis);
  c.rating[i] = to;
  if (to > from) {
    events.push({
      type: "chainDowngrade",
      firm: c.names[i],
      fromRating: RATING_NAMES[from],
      toRating: RATING_NAMES[to],
    });
    if (fallsOutOfInvestmentGrade(from, to))
      c.forcedSpreadBp[i] = Math.max(c.forcedSpreadBp[i], fin.fallenAngelPremiumBp);
  }
}

/**
 * The initial debt's terms, set when firm i is first priced: its secured
 * part at the secured spread, the rest at the unsecured one (debtSpread);
 * the fund book's fixed coupon is the policy rate + the bond term premium +
 * that spread — the rate in force before the chain's first month
 * (priceChainCredit passes aiChain.policyRateBeforeStart): bonds issued
 * before the start keep their coupons whatever policy does next; at the
 * first month's decision a 4.5 % hold put 2.1 points more on the legacy fixed
 * book than the rule's 2.4 % (baseline-2025 seed 1: the chain's interest
 * bill $19.6 bn a year instead of $12.9 bn in month 1) — and its floating part (floatingShareOf: the secured share at
 * floatingShare.secured, the rest by the first month's rating) pays the policy
 * rate + that spread.
 */
export function priceInitialDebt(
  c: Pick<
    AiChain,
    | "bankLoans"
    | "fundLoans"
    | "securedDebt"
    | "pdYearly"
    | "cdsBp"
    | "debtSpread"
    | "fundRateYearly"
    | "fundFloatingShare"
    | "fundFloatingMargin"
    | "rating"
  >,
  i: number,
  policyRateYearly: number,
  fin: Pick<
    FinanceParams,
    "securedLossGivenDefault" | "riskPremiumBp" | "bondTermPremiumBp" | "floatingShare"
  >,
): void {
  const debtNow = c.bankLoans[i] + c.fundLoans[i];
  const securedShare = debtNow > 0 ? Math.min(1, c.securedDebt[i] / debtNow) : 0;
  const spread =
    securedShare * securedSpread(c.pdYearly[i], fin.securedLossGivenDefault, fin.riskPremiumBp) +
    (1 - securedShare) * unsecuredSpread(c.cdsBp[i], fin.riskPremiumBp, 0);
  c.debtSpread[i] = spread;
  c.fundRateYearly[i] = policyRateYearly + fin.bondTermPremiumBp / 1e4 + spread;
  c.fundFloatingShare[i] = floatingShareOf(
    securedShare,
    c.rating[i] <= INVESTMENT_GRADE_LOWEST,
    fin.floatingShare,
  );
  c.fundFloatingMargin[i] = spread;
}

/** What a firm may draw from the fund this month: all of it, and the part free of investment-grade mandates. */
interface FundBudget {
  fund: number;
  highYield: number;
}

/** The chain's financing's parameters: config.aiChain (finance, circular deals, build lag, GPU share of cost), the government's fiscal absorption and profit tax. */
export interface ChainFinanceParams {
  ai: Readonly<SpiralConfig["aiChain"]>;
  /** government.fiscalAbsorption.chainDebtGuaranteeShare: lenders act on the PD the guarantee leaves them. */
  chainDebtGuaranteeShare: number;
  /** government.fiscalAbsorption.chainCapexShare: the share of chain capex the government pays. */
  chainCapexShare: number;
  /** government.profitTaxRate: taxes the free cash flow a cash-rich firm pays out of. */
  profitTaxRate: number;
}

/** The chain's financing's parameters from the config. */
export function chainFinanceParams(config: SpiralConfig): ChainFinanceParams {
  const absorption = config.government.fiscalAbsorption;
  return {
    ai: config.aiChain,
    chainDebtGuaranteeShare: absorption.chainDebtGuaranteeShare,
    chainCapexShare: absorption.chainCapexShare,
    profitTaxRate: config.government.profitTaxRate,
  };
}

/** The month as the chain's financing sees it: tick and scale, this month's policy rate (the coupons of new debt), the price level (other profits in today's dollars). */
export interface ChainFinanceMonth extends ChainMonth {
  policyRateYearly: number;
  priceIndex: number;
}

/** One month of the chain's financing: the books money moves in, the month, the parameters, the event log (what each firm's steps below work with). */
interface FinanceRun {
  readonly books: Books;
  readonly month: ChainFinanceMonth;
  readonly params: ChainFinanceParams;
  readonly events: ModelEvent[];
}

/**
 * Debt service: interest, principal falling due (and margin calls on
 * secured debt), rolled over where some lender will take it; then new
 * funding to keep the cash buffer, stake tranches, and payouts of excess
 * cash. Events report failed refinancing, defaults, equity rounds and capex
 * cuts. Reads and writes the chain, the fund's money, the banks' lending
 * capacity and the government's fiscal support in `books`; money moves
 * through ledger.ts.
 */
export function financeChain(
  month: ChainFinanceMonth,
  params: ChainFinanceParams,
  events: ModelEvent[],
  books: Books,
): void {
  const r: FinanceRun = { books, month, params, events };
  const c = books.aiChain;
  const fin = params.ai.finance;
  const appetite = fin.fundRiskAppetite * (1 - c.marketStress);
  const fundMonth: FundBudget = { fund: Math.max(0, books.fund.deposits) * appetite, highYield: 0 };
  // Only the part of the fund's money free of investment-grade mandates buys debt rated below BBB.
  fundMonth.highYield = fundMonth.fund * (1 - fin.investmentGradeOnlyShare);
  const monthTotal = fundMonth.fund;
  const haircut = gpuHaircut(c.servicePrice, c.gpuPriceReference, fin.securedHaircut, fin.haircutSensitivity);
  for (let i = 0; i < c.n; i++) {
    c.interestPaid[i] = 0;
    if (c.defaulted[i] === 1) continue;
    // What this firm may draw of the fund's month: what is left, at most its single-name share of the month
    // (fundSingleNameShare), so that the firms served first in the loop cannot take it all.
    const budget = {
      fund: singleNameBudget(fundMonth.fund, monthTotal, fin.fundSingleNameShare),
      highYield: 0,
    };
    budget.highYield = Math.min(fundMonth.highYield, budget.fund);
    const drawable = budget.fund;
    financeFirm(r, i, haircut, budget);
    fundMonth.fund -= drawable - budget.fund;
    fundMonth.highYield = Math.min(fundMonth.highYield, fundMonth.fund);
  }
  // Configured stake tranches and decided circular deals (circular.ts).
  const chainMonth = { tick: month.tick, scale: month.scale };
  financeCircular(chainMonth, month.policyRateYearly, params.ai, events, books);
}

/** Firm i's month of financing within its fund `budget`: interest, maturities, the capex grant, then funding toward its buffer or a payout. */
function financeFirm(r: FinanceRun, i: number, haircut: number, budget: FundBudget): void {
  const c = r.books.aiChain;
  const ai = r.params.ai;
  const fin = ai.finance;
  const role = c.role[i];
  const lastRevenue = c.revenueHistory[i * 13 + ((r.month.tick - 1 + 13) % 13)];
  // The secured lenders' borrowing base: GPUs and data centres marked to GPU rental prices, plus a year of contracts.
  const base = borrowingBase(
    c.capitalValue[i],
    c.servicePrice,
    12 * monthlyContracted(c, r.month.tick, i, true, true),
    haircut,
  );
  // Interest at the book's rates.
  const bankInterest = (c.bankLoans[i] * c.bankRateYearly[i]) / 12;
  const fundInterest = (c.fundLoans[i] * fundRateOf(c, i, r.month.policyRateYearly)) / 12;
  payInterest(r, i, bankInterest, fundInterest, base);
  serviceMaturities(r, i, base, budget);
  fiscalCapexGrant(r, i);

  // Outgoings over the next month and the buffer wanted.
  // GPU orders under contract pay for the GPU part of capex: counted once.
  const outgoings =
    monthlyCommitments(c, r.month.tick, i) +
    c.capex[i] -
    Math.min(c.capex[i] * ai.gpuShareOfCost, monthlyGpuCommitments(c, r.month.tick, i)) +
    c.labOpex[i] +
    c.opexShare[i] * lastRevenue +
    c.electricityPaid[i] + // last month's bill (the power market sets this month's later)
    bankInterest +
    fundInterest;
  const target = fin.cashBufferMonths * outgoings;
  const inflow = lastRevenue + c.otherProfit[i] * r.month.priceIndex;
  let need = bufferNeed(target, c.deposits[i], outgoings, inflow, fin.cashAdjustmentMonthly);
  const asked = need;

  if (role === Role.modelLab && need > 0) need -= labEquityRound(r, i, need, outgoings - lastRevenue, budget);
  const debtRoom = debtRoomOf(r, i, lastRevenue);
  if (need > 0) {
    need -= borrow(
      r,
      i,
      need,
      debtRoom,
      base,
      budget,
      role === Role.legacyCloud ? bankFirstOrder : fundFirstOrder,
    );
    cutCapexIfUnfunded(r, i, need, asked, target);
  } else if (role === Role.chip || role === Role.hyperscaler) {
    // Cash-rich firms return part of the excess (dividends and buybacks) to their shareholders,
    // and a share of the month's free cash flow: Nvidia returned $12.7 bn of its $22.1 bn free cash
    // flow in Q3 FY26 (aiChain.finance.freeCashFlowPayoutShare, docs/calibration.md §12.2).
    // Never more than the excess: the buffer is kept.
    const taxRate = r.params.profitTaxRate;
    const fcf = freeCashFlow(inflow, outgoings, chipInputs(role, c.grossMargin[i], lastRevenue), taxRate);
    payDividends(r, i, Math.min(-need, -need * fin.payoutShare + fin.freeCashFlowPayoutShare * fcf));
  }
  if (role === Role.modelLab)
    cancelIfDistressed(i, 2, { tick: r.month.tick, scale: r.month.scale }, r.events, r.books);
  syncMaturities(c, i, r.month.tick, fin);
}

/**
 * What firm i raises this month toward its cash buffer `target` (negative:
 * the excess it may pay out). Partial adjustment: below its buffer, the firm
 * raises what this month's outgoings need beyond its expected inflow plus a
 * share (`adjustMonthly`) of the gap, so that its cash moves toward the
 * buffer by that share — never more than the gap.
 */
export function bufferNeed(
  target: number,
  deposits: number,
  outgoings: number,
  inflow: number,
  adjustMonthly: number,
): number {
  const gap = target - deposits;
  return gap > 0 ? Math.min(gap, Math.max(0, outgoings - inflow) + adjustMonthly * gap) : gap;
}

/**
 * Principal falling due this month, plus secured debt above the borrowing
 * base (a margin call): paid from cash, rolled over with whoever still lends
 * (bank first for the legacy cloud), the rest a failure to refinance — a
 * default.
 */
function serviceMaturities(r: FinanceRun, i: number, base: number, budget: FundBudget): void {
  const c = r.books.aiChain;
  const fin = r.params.ai.finance;
  const H = DEBT_HORIZON_MONTHS;
  const slot = i * H + (r.month.tick % H);
  const call = marginCall(c.securedDebt[i], base, fin.securedCureMonths);
  const debtNow = c.bankLoans[i] + c.fundLoans[i];
  const bankCall = debtNow > 0 ? (call * c.bankLoans[i]) / debtNow : 0;
  const bankDue = Math.min(c.bankLoans[i], c.bankDue[slot] + bankCall);
  const fundDue = Math.min(c.fundLoans[i], c.fundDue[slot] + call - bankCall);
  c.bankDue[slot] = 0;
  c.fundDue[slot] = 0;
  c.securedDebt[i] = Math.max(0, c.securedDebt[i] - call);
  const bankPrincipal = Math.min(bankDue, Math.max(0, c.deposits[i]));
  repayChainBankLoan(r.books, i, bankPrincipal);
  payOutOfChain(c, i, bankPrincipal);
  const fundPrincipal = Math.min(fundDue, Math.max(0, c.deposits[i]));
  repayFund(r.books, i, fundPrincipal);
  payOutOfChain(c, i, fundPrincipal);
  // What it could not pay from cash is rolled over with whoever still lends; the rest is a failure to refinance.
  const unpaid = bankDue - bankPrincipal + fundDue - fundPrincipal;
  if (unpaid <= 0) return;
  // Rolling over is borrowing anew and repaying the maturing debt with it.
  const order = c.role[i] === Role.legacyCloud ? bankFirstOrder : fundFirstOrder;
  const rolled = borrow(r, i, unpaid, Number.POSITIVE_INFINITY, base, budget, order);
  const bankPart = Math.min(bankDue - bankPrincipal, rolled);
  repayChainBankLoan(r.books, i, bankPart);
  repayFund(r.books, i, Math.min(fundDue - fundPrincipal, rolled - bankPart));
  payOutOfChain(c, i, rolled);
  const failed = unpaid - rolled;
  if (failed > 1e-9 * Math.max(1, unpaid)) {
    r.events.push({
      type: "refinancingFailed",
      firm: c.names[i],
      amountUsdBn: failed / r.month.scale / 1e9,
    });
    markDefault(r, i, "refinancingFailed", failed);
  }
}

/** Fiscal absorption: the government pays its share (chainCapexShare) of firm i's capex this month. */
function fiscalCapexGrant(r: FinanceRun, i: number): void {
  const c = r.books.aiChain;
  const grant = r.params.chainCapexShare * c.capex[i];
  if (grant > 0) {
    transfer(r.books, FlowRow.fiscalSupport, Party.government, 0, Party.aiFirm, i, grant);
    tagInflow(c, i, Source.other, grant);
    r.books.government.fiscalSupport += grant;
  }
}

/**
 * Lenders' leverage limit: debt up to a multiple of annual operating
 * earnings, counting contracted revenue (clouds borrow against backlog).
 * Labs are funded by equity; they borrow only up to a credit line sized by
 * their revenue.
 */
function debtRoomOf(r: FinanceRun, i: number, lastRevenue: number): number {
  const c = r.books.aiChain;
  const fin = r.params.ai.finance;
  const debtAfter = c.bankLoans[i] + c.fundLoans[i];
  const revenueBase = Math.max(lastRevenue, monthlyContracted(c, r.month.tick, i, true, true));
  const earnings = 12 * (revenueBase * (1 - c.opexShare[i]) + c.otherProfit[i] * r.month.priceIndex);
  let debtRoom = Math.max(0, fin.maxDebtToEarnings * earnings - debtAfter);
  if (c.role[i] === Role.modelLab)
    debtRoom = Math.min(debtRoom, Math.max(0, fin.labMaxDebtToRevenue * 12 * lastRevenue - debtAfter));
  return debtRoom;
}

/** Funding failed (lenders refused most of what it `asked`, and it is far below its buffer): cut this month's capacity order. */
function cutCapexIfUnfunded(r: FinanceRun, i: number, need: number, asked: number, target: number): void {
  const c = r.books.aiChain;
  const ai = r.params.ai;
  const gapAfter = target - c.deposits[i];
  if (need > 0.5 * asked && gapAfter > 0.5 * target && c.capex[i] > 0) {
    const cut = Math.min(c.capex[i], gapAfter);
    const share = cut / c.capex[i];
    if (ai.orders.progressPayments) {
      // Time to build: this month's instalments pay for every order still being built, so the firm cancels
      // that share of its whole order book — the capacity in the pipeline and the instalments still due.
      cancelOrderBook(c.pipelineGw, c.capexDue, i * ai.buildMonths, ai.buildMonths, share);
    } else {
      const pipe = i * ai.buildMonths + ((r.month.tick + ai.buildMonths - 1) % ai.buildMonths);
      c.pipelineGw[pipe] *= 1 - share;
    }
    c.capex[i] -= cut;
    r.events.push({ type: "capexCut", firm: c.names[i], cutUsdBn: cut / r.month.scale / 1e9 });
  }
}

/**
 * Cancel the share `share` of a firm's order book (aiChain.orders.
 * progressPayments): the capacity still being built and the instalments still
 * due, slots offset … offset + buildMonths − 1 of `pipelineGw` and `capexDue`,
 * each scaled by 1 − share (clamped to [0, 1]). Orders placed and paid in
 * instalments are cancelled together, as carriers cancelled equipment orders
 * when their funding closed in 2001 (docs/calibration.md §11.1). Writes both rings.
 *
 * @example cancelOrderBook(pipe, due, 0, 2, 0.25) // pipe [4, 8] → [3, 6], due [2, 2] → [1.5, 1.5]
 */
export function cancelOrderBook(
  pipelineGw: Float64Array,
  capexDue: Float64Array,
  offset: number,
  buildMonths: number,
  share: number,
): void {
  const keep = 1 - Math.min(1, Math.max(0, share));
  for (let k = 0; k < buildMonths; k++) {
    pipelineGw[offset + k] *= keep;
    capexDue[offset + k] *= keep;
  }
}

/**
 * The share of a lab's wanted equity round that investors will fund: the
 * market's appetite for new equity, (market value ÷ running peak)^elasticity,
 * at most 1 (`aiChain.finance.labEquityWindowElasticity`). Issuance follows
 * past returns — firms and venture funds raise equity when prices are high
 * and the window closes after a fall (Lowry 2003, Baker & Wurgler 2000): US
 * venture investment fell from $19.8 bn a quarter (Q2 2000) to $4.2 bn
 * (Q4 2002), −79 %, as the Nasdaq fell −78 % from its peak, an elasticity of
 * ≈ 1 (docs/calibration.md §11.7). Elasticity 0 gives exactly 1 (rounds that
 * ignore the market, the rule before issue 18's equity window); a peak that
 * is not positive or a value that is not finite gives 1. Pure.
 *
 * @example equityWindowShare(50, 100, 1) // 0.5
 * @example equityWindowShare(120, 100, 1) // 1: at or above the peak the window is open
 * @example equityWindowShare(22, 100, 0) // 1: the rule switched off
 */
export function equityWindowShare(marketValue: number, runningPeak: number, elasticity: number): number {
  if (elasticity === 0 || !(runningPeak > 0) || !Number.isFinite(marketValue)) return 1;
  const ratio = Math.min(1, Math.max(0, marketValue / runningPeak));
  return ratio ** elasticity;
}

/**
 * A lab's equity round at market price, from the fund within the budget it
 * may draw: `need`, or `labEquityRunwayMonths` of its `burn` if more, times
 * the share the equity window lets through (equityWindowShare). What the
 * round does not raise the lab borrows where it can, or goes short of cash:
 * it cuts its capacity orders and cancels contracts (cancelIfDistressed), and
 * its suppliers' revenue falls. Returns what it raised; reports a round that
 * got less than half of what it wanted.
 */
function labEquityRound(
  r: FinanceRun,
  i: number,
  need: number,
  burn: number,
  budget: { fund: number; highYield: number },
): number {
  const c = r.books.aiChain;
  const fin = r.params.ai.finance;
  const want = Math.max(need, fin.labEquityRunwayMonths * Math.max(0, burn));
  // The equity window: investors put into the round what the market's appetite allows (equityWindowShare).
  const open = equityWindowShare(c.marketCapTotal, c.marketPeak, fin.labEquityWindowElasticity);
  const raise = open * Math.min(want, budget.fund);
  if (raise > 0) {
    issueChainEquity(r.books, i, -1, raise);
    tagInflow(c, i, Source.other, raise);
    budget.fund -= raise;
    budget.highYield = Math.min(budget.highYield, budget.fund);
  }
  if (raise < want * 0.5)
    r.events.push({
      type: "equityRoundShort",
      firm: c.names[i],
      wantedUsdBn: want / r.month.scale / 1e9,
      raisedUsdBn: raise / r.month.scale / 1e9,
    });
  return Math.max(0, raise);
}

/** A chip maker's cost of goods on last month's revenue (settlement.ts buys them); 0 for other roles. */
export function chipInputs(role: number, grossMargin: number, lastRevenue: number): number {
  return role === Role.chip ? (1 - grossMargin) * lastRevenue : 0;
}

/**
 * The month's expected free cash flow, never negative: the expected inflow
 * (last month's revenue and other profits) less the month's outgoings as the
 * buffer counts them (capex included) and a chip maker's cost of goods, after
 * profit tax (government.profitTaxRate) on what is left.
 */
export function freeCashFlow(inflow: number, outgoings: number, inputs: number, taxRate: number): number {
  return Math.max(0, inflow - outgoings - inputs) * (1 - taxRate);
}

/**
 * Borrow up to `amount` (within `debtRoom` of new debt) from the lenders in
 * `order`: secured lenders up to the borrowing base whatever the firm's
 * default probability, up to their limit (securedMaxDefaultProbability); the fund within its budget if the firm's PD is within
 * its limit (and, below investment grade, only from its unrestricted money);
 * its bank within its capacity and single-name limit if the PD is within
 * the banks' limit. New debt carries this month's terms and matures at its
 * term. Returns what was borrowed.
 */
function borrow(
  r: FinanceRun,
  i: number,
  amount: number,
  debtRoom: number,
  base: number,
  budget: { fund: number; highYield: number },
  order: readonly LenderKind[],
): number {
  const c = r.books.aiChain;
  const fin = r.params.ai.finance;
  const pd = lenderPd(r, i);
  const investmentGrade = c.rating[i] <= INVESTMENT_GRADE_LOWEST;
  const bank = c.bank[i];
  const bankRoom = () =>
    Math.min(
      r.books.banks.lendingCapacity[bank],
      concentrationRoom(r.books.banks.equity[bank], c.bankLoans[i], fin.bankConcentrationLimit),
    );
  let left = Math.min(amount, debtRoom);
  let got = 0;
  for (const lender of order) {
    if (left <= 0) break;
    let x = 0;
    if (lender === Lender.secured) {
      // Secured loans come from the fund (private credit) or, if it has no budget, the bank —
      // within the borrowing base and the secured lenders' PD limit.
      const room = securedRoom(base, c.securedDebt[i], pd, fin.securedMaxDefaultProbability);
      const spread = securedSpread(c.pdYearly[i], fin.securedLossGivenDefault, fin.riskPremiumBp);
      const fromFund = Math.min(left, room, budget.fund);
      if (fromFund > 0) {
        lendFromFund(r, i, fromFund, spread, fin.floatingShare.secured, budget);
        c.securedDebt[i] += fromFund;
        x += fromFund;
      }
      const fromBank = Math.min(left - x, room - x, bankRoom());
      if (fromBank > 0) {
        lendFromBank(r, i, fromBank, spread);
        c.securedDebt[i] += fromBank;
        x += fromBank;
      }
    } else if (lender === Lender.fund && pd <= fin.fundMaxDefaultProbability) {
      x = Math.min(left, investmentGrade ? budget.fund : budget.highYield);
      if (x > 0)
        lendFromFund(
          r,
          i,
          x,
          unsecuredSpread(c.cdsBp[i], fin.riskPremiumBp, 0),
          investmentGrade ? fin.floatingShare.investmentGrade : fin.floatingShare.highYield,
          budget,
        );
    } else if (lender === Lender.bank && pd <= fin.bankMaxDefaultProbability) {
      x = Math.min(left, bankRoom());
      if (x > 0) lendFromBank(r, i, x, unsecuredSpread(c.cdsBp[i], fin.riskPremiumBp, 0));
    }
    if (x > 0) {
      tagInflow(c, i, Source.debt, x);
      left -= x;
      got += x;
    }
  }
  return got;
}

/**
 * The fund lends x: the share `floating` as private loans at the policy rate
 * + spread, reset monthly; the rest as bonds at a fixed coupon (this month's
 * policy rate, term premium and spread).
 */
function lendFromFund(
  r: FinanceRun,
  i: number,
  x: number,
  spread: number,
  floating: number,
  budget: { fund: number; highYield: number },
): void {
  const c = r.books.aiChain;
  const fin = r.params.ai.finance;
  const coupon = r.month.policyRateYearly + fin.bondTermPremiumBp / 1e4 + spread;
  addToFundBook(c, i, x, floating, coupon, spread);
  fundLends(r.books, i, x);
  addMaturity(c.fundDue, i * DEBT_HORIZON_MONTHS, r.month.tick, x, fin.bondMaturityMonths);
  budget.fund -= x;
  budget.highYield = Math.min(budget.highYield, budget.fund);
}

/** The firm's bank makes a term loan at a margin fixed today over the floating policy rate. */
function lendFromBank(r: FinanceRun, i: number, x: number, spread: number): void {
  const c = r.books.aiChain;
  c.debtSpread[i] = blendRate(c.bankLoans[i], c.debtSpread[i], x, spread);
  grantChainBankLoan(r.books, i, x);
  r.books.banks.lendingCapacity[c.bank[i]] -= x;
  addMaturity(c.bankDue, i * DEBT_HORIZON_MONTHS, r.month.tick, x, r.params.ai.finance.loanMaturityMonths);
}

/**
 * Keep the maturity rings equal to the debt outstanding (after early
 * repayments, write-offs and defaults): each ring is scaled to its debt;
 * debt with no scheduled maturity left is laid at the lender's term.
 */
export function syncMaturities(
  c: Pick<AiChain, "bankDue" | "fundDue" | "bankLoans" | "fundLoans" | "securedDebt">,
  i: number,
  tick: number,
  fin: Pick<FinanceParams, "loanMaturityMonths" | "bondMaturityMonths">,
): void {
  const H = DEBT_HORIZON_MONTHS;
  const off = i * H;
  syncRing(c.bankDue, off, c.bankLoans[i], tick, fin.loanMaturityMonths);
  syncRing(c.fundDue, off, c.fundLoans[i], tick, fin.bondMaturityMonths);
  c.securedDebt[i] = Math.min(c.securedDebt[i], c.bankLoans[i] + c.fundLoans[i]);
}

function syncRing(ring: Float64Array, off: number, debt: number, tick: number, term: number): void {
  let sum = 0;
  for (let k = 0; k < DEBT_HORIZON_MONTHS; k++) sum += ring[off + k];
  if (Math.abs(sum - debt) <= 1e-9 * Math.max(1, debt)) return;
  if (sum > 0 && debt > 0) {
    const f = debt / sum;
    for (let k = 0; k < DEBT_HORIZON_MONTHS; k++) ring[off + k] *= f;
  } else {
    for (let k = 0; k < DEBT_HORIZON_MONTHS; k++) ring[off + k] = 0;
    if (debt > 0) addMaturity(ring, off, tick, debt, term);
  }
}

function payInterest(
  r: FinanceRun,
  i: number,
  bankInterest: number,
  fundInterest: number,
  base: number,
): void {
  const c = r.books.aiChain;
  payChainInterest(r.books, i, bankInterest, fundInterest);
  payOutOfChain(c, i, bankInterest + fundInterest);
  c.interestPaid[i] = bankInterest + fundInterest;
  if (c.deposits[i] < 0) {
    // Interest beyond cash is drawn on the bank's credit line; if no lender
    // would lend at the firm's default probability and the drawing is not
    // covered by its borrowing base, the drawing is arrears and the firm is in
    // default (the bank's claim is written down at month end).
    const short = -c.deposits[i];
    grantChainBankLoan(r.books, i, short);
    addMaturity(
      c.bankDue,
      i * DEBT_HORIZON_MONTHS,
      r.month.tick,
      short,
      r.params.ai.finance.loanMaturityMonths,
    );
    tagInflow(c, i, Source.debt, short);
    const fin = r.params.ai.finance;
    const secured =
      securedRoom(base, c.securedDebt[i], lenderPd(r, i), fin.securedMaxDefaultProbability) >= short;
    if (lenderPd(r, i) > maxLendablePd(fin) && !secured) markDefault(r, i, "missedInterest", short);
  }
}

/**
 * The default probability lenders act on: the part of the risk the
 * government's debt guarantee (fiscal absorption) leaves with them.
 */
function lenderPd(r: FinanceRun, i: number): number {
  return r.books.aiChain.pdYearly[i] * (1 - r.params.chainDebtGuaranteeShare);
}

/** The highest default probability at which any unsecured lender still lends (the non-bank fund is the more tolerant). */
function maxLendablePd(fin: {
  bankMaxDefaultProbability: number;
  fundMaxDefaultProbability: number;
}): number {
  return Math.max(fin.bankMaxDefaultProbability, fin.fundMaxDefaultProbability);
}

function markDefault(r: FinanceRun, i: number, reason: string, shortfall: number): void {
  const c = r.books.aiChain;
  if (c.defaulted[i] === 1) return;
  c.defaulted[i] = 1;
  r.events.push({
    type: "chainDebtDefault",
    firm: c.names[i],
    reason,
    shortfallUsdBn: shortfall / r.month.scale / 1e9,
    pdYearly: c.pdYearly[i],
  });
}

/** Dividends to every holder in proportion to shares: the fund and other chain firms. */
function payDividends(r: FinanceRun, i: number, amount: number): void {
  const c = r.books.aiChain;
  if (amount <= 0 || c.shares[i] <= 0) return;
  payOutOfChain(c, i, amount);
  payChainDividends(r.books, i, amount);
  // The source mix follows the cash: each holding chain firm's dividend (payChainDividends' amounts) is "other" inflow.
  const perShare = amount / c.shares[i];
  for (let h = 0; h < c.n; h++) {
    const x = c.stakes[h * c.n + i] * perShare;
    if (x > 0) tagInflow(c, h, Source.other, x);
  }
}
