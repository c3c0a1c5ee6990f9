// The model's state. Large populations (households, non-AI firms) are
// structure-of-arrays typed columns (docs/development.md, "Engine principles": "agents are columns, not
// objects"); the few banks too, for uniformity; the central bank and the
// government are small objects. Columns can live on SharedArrayBuffer so a
// worker thread can own a slice of them.

import type { SpiralConfig } from "../config/configTypes.ts";
import type { ModelEvent } from "./events.ts";
import type { EquityMarketState } from "./markets/equityMarket.ts";
import type { PassRunner } from "./passRunner.ts";
import type { NamedStreams } from "./rng.ts";

type TypedArrayCtor<T> = {
  new (buffer: ArrayBufferLike, byteOffset?: number, length?: number): T;
  new (length: number): T;
  BYTES_PER_ELEMENT: number;
};

/** A zeroed column of `n` elements, on a SharedArrayBuffer when `shared`. */
export function column<T>(Ctor: TypedArrayCtor<T>, n: number, shared: boolean): T {
  if (!shared) return new Ctor(n);
  return new Ctor(new SharedArrayBuffer(Math.max(1, n) * Ctor.BYTES_PER_ELEMENT), 0, n);
}

/**
 * Households: 43 bytes each. Money columns that the ledger sums are Float64;
 * reference levels (last wage, reservation wage, expectations) are Float32.
 */
export interface Households {
  readonly n: number;
  /** Index of the employing firm, or −1 when unemployed. */
  employer: Int32Array;
  /** Last wage earned (USD per month) — base of benefits and the reservation wage. */
  wage: Float32Array;
  /** Bank deposits (USD). The household's only money. */
  deposits: Float64Array;
  /** Units of the economy-wide equity portfolio (claims on all non-AI firms). */
  equityUnits: Float32Array;
  /** Lowest wage the household accepts while unemployed (USD per month). */
  reservationWage: Float32Array;
  /** Adaptive expectation of monthly disposable income (USD per month). */
  expectedIncome: Float32Array;
  /** Months of the current unemployment spell. */
  unemployedMonths: Uint16Array;
  /** Index of the household's bank. */
  bank: Uint16Array;
  /** Index of the consumption firm the household buys from. */
  supplier: Int32Array;
  /** Consumption spending planned this tick (USD), settled in the goods market. */
  plannedSpend: Float32Array;
  /** Share of the household's tasks AI can do, in 255ths (fixed at birth; docs/calibration.md §7). */
  exposure: Uint8Array;
  /** Skill mismatch after an automation layoff, in 255ths: the chance a contacting firm passes her over. */
  mismatch: Uint8Array;
  /** 1 when the current (or last) unemployment spell began with an automation layoff. */
  displaced: Uint8Array;
}

/**
 * Non-AI firms. Indices [0, nConsumption) are consumption-goods firms, the
 * rest capital-goods firms (one column set keeps the ledger uniform).
 */
export interface Firms {
  readonly n: number;
  readonly nConsumption: number;
  bank: Uint16Array;
  deposits: Float64Array;
  loans: Float64Array;
  /** Rate the firm pays on its loans (per year), reset each month: the offer rate on the floating part, its coupon on the fixed part (firms.fixedRateShare). */
  loanRateYearly: Float64Array;
  /** This month's offer rate (per year): policy + the bank's spread + the risk premium; what a new loan's fixed part is locked at. */
  loanOfferRateYearly: Float64Array;
  /** Loan-weighted coupon (per year) of the fixed-rate part of the firm's loans (firms.fixedRateShare; markets/credit.ts blendFixedCoupon). */
  fixedCouponYearly: Float64Array;
  /** Loan-weighted risk premium (per year) its loans were made at (firms.riskPremiumAtOrigination; markets/credit.ts lockedLoanRate); the initial loans carry none. */
  riskPremiumYearly: Float64Array;
  /** Default probability per year as judged by its bank. */
  pdYearly: Float64Array;
  /** Capital stock (real units; consumption firms only). */
  capital: Float64Array;
  inventory: Float64Array;
  price: Float64Array;
  markup: Float64Array;
  /** Posted monthly wage. */
  wage: Float64Array;
  expectedSales: Float64Array;
  /** Relative change of expected sales at the last plan: what the investment accelerator reads. */
  expectedSalesGrowth: Float64Array;
  /** Output the firm staffs for: planned output smoothed by firms.labourAdjustmentWeight (labour hoarding). */
  labourPlan: Float64Array;
  /** Firm-level productivity relative to its sector's mean (1 when firms.productivityDispersionMonthly is 0; stepFirmProductivity). */
  productivity: Float64Array;
  /** Firm-level appeal (a demand shifter) relative to its sector's mean: households compare price / appeal (1 when firms.appealDispersionMonthly is 0; stepFirmProductivity). */
  appeal: Float64Array;
  /** Real demand last tick (sales plus unmet demand). */
  demandReal: Float64Array;
  salesReal: Float64Array;
  salesNominal: Float64Array;
  plannedOutput: Float64Array;
  output: Float64Array;
  employees: Int32Array;
  labourDemand: Int32Array;
  /** 1 when vacancies were left unfilled in the last labour market. */
  unfilled: Uint8Array;
  /** Probability that one of its workers leaves this tick (separations + layoffs). */
  leaveProbability: Float64Array;
  /** Real investment ordered this tick (consumption firms). */
  investmentOrder: Float64Array;
  /** Index of the capital-goods supplier (consumption firms). */
  capitalSupplier: Int32Array;
  /** Smoothed expected capacity utilisation. */
  utilization: Float64Array;
  /** Smoothed after-tax profit per month — what investors capitalise. */
  earnings: Float64Array;
  /** Smoothed operating cash flow relative to the value of capital (per year). */
  profitRate: Float64Array;
  /** Market value of the firm's equity (USD). */
  marketValue: Float64Array;
  /** Dividend declared last tick, paid this tick (USD). */
  dividendDue: Float64Array;
  /** Nominal demand received this tick (scratch). */
  demandNominal: Float64Array;
  /** Share of demand served this tick (scratch). */
  fillRatio: Float64Array;
  /** Revenue, wages, interest this tick (for profit accounting). */
  revenue: Float64Array;
  wageBill: Float64Array;
  interestPaid: Float64Array;
  /** AI services and platform fees paid this tick (a cost in profit accounting). */
  servicesPaid: Float64Array;
  /** Electricity bill paid this tick (a cost in profit accounting; markets/power.ts). */
  electricityPaid: Float64Array;
  /** Ticks since (re)entry; 0 marks a successor that sits out its first tick. */
  age: Int32Array;
  /** Equity a successor firm is owed by its new owners, paid in the next income phase. */
  pendingEquity: Float64Array;
  /** Real investment goods ordered from each capital firm this tick (scratch). */
  ordersReal: Float64Array;
  /** Share of the firm's tasks done by AI services instead of workers (agents/automation.ts). */
  automatedShare: Float64Array;
  /** Workers to lay off this tick because tasks were automated — the most exposed first. */
  automationLayoffs: Int32Array;
  /** Exposure bin above which this tick's automation layoffs fall, and the share laid off in that bin. */
  layoffBin: Int32Array;
  layoffFraction: Float64Array;
}

/** Banks (a handful): balance sheets and this tick's income accumulators. */
export interface Banks {
  readonly n: number;
  reserves: Float64Array;
  loans: Float64Array;
  bills: Float64Array;
  /** Deposits owed to households and firms (liability, tracked on its own). */
  deposits: Float64Array;
  /** Net worth, tracked through income flows — checked against the balance sheet. */
  equity: Float64Array;
  spreadYearly: Float64Array;
  profit: Float64Array;
  dividendDue: Float64Array;
  /** Credit the bank may still grant this tick. */
  lendingCapacity: Float64Array;
}

export interface CentralBank {
  policyRateYearly: number;
  bills: number;
  /** Reserves owed to banks (negative balances are overdrafts). */
  reserves: number;
  /** The government's account. */
  govAccount: number;
  equity: number;
  profit: number;
  /** The central bank's running estimate of the neutral real rate (centralBank.neutralRateLearning). */
  neutralRateEstimateYearly: number;
  /**
   * The last k months' unemployment rates the Taylor rule averages, newest
   * first (k = centralBank.unemploymentAveragingMonths; macro.ts's rate, as
   * read at each month's setPolicyRate).
   */
  unemploymentHistory: Float64Array;
}

export interface Government {
  account: number;
  /** Bills outstanding. */
  bills: number;
  /** Real purchases planned per month. */
  purchasesReal: number;
  /** The fiscal rule's accumulated debt gap, Σ (debt/potential − target)/12 (unit-years; government.fiscalRuleIntegralGain). */
  debtGapIntegral: number;
  /** This tick's flows (USD per month). */
  taxes: number;
  benefits: number;
  purchases: number;
  interest: number;
  remittance: number;
  recapitalisation: number;
  /** Fiscal absorption of AI infrastructure: capex grants and guarantee payouts. */
  fiscalSupport: number;
  /** Retraining programme spending this tick (USD). */
  retraining: number;
}

/**
 * Economy-wide automation state (agents/automation.ts) and the tallies the
 * labour market and the income pass leave for the metrics. Histograms are
 * preallocated: none grows with the population.
 */
export interface Automation {
  /** AI capability: (deployed compute / compute at the start)^elasticity; 1 before the chain acts. */
  capabilityIndex: number;
  /** Average wage when the chain started — the wage level at which profitableShareAtStart holds (0 until then). */
  referenceWage: number;
  /** AI services bought to do automated tasks this tick (USD). */
  aiSpending: number;
  /** Workers laid off by automation this tick. */
  layoffs: number;
  /** Unemployed whose spell began with an automation layoff, and those of them in retraining (this tick). */
  displacedUnemployed: number;
  trainees: number;
  /** Unemployment spells ended by a hire this tick: months summed and count, [others, displaced by automation]. */
  spellMonths: Float64Array;
  spellCount: Float64Array;
  /** Households and their disposable income by income bin (agents/automation.ts incomeBin: 64 bins an octave). */
  incomeCounts: Float64Array;
  incomeSums: Float64Array;
}

/** Everything the schedule needs, in one place. Plain data plus the RNG streams. */
export interface ModelState {
  readonly config: SpiralConfig;
  readonly seed: number;
  tick: number;
  readonly households: Households;
  readonly firms: Firms;
  readonly banks: Banks;
  readonly centralBank: CentralBank;
  readonly government: Government;
  readonly streams: NamedStreams;
  /** Derived constants (monthly rates, productivities) computed once. */
  readonly params: DerivedParams;
  /** Economy-wide aggregates carried between ticks. */
  readonly macro: MacroState;
  /** Ledger flow matrix and last NFW — see ledger.ts. */
  readonly ledger: LedgerState;
  /** Preallocated scratch buffers (no allocation per tick). */
  readonly scratch: Scratch;
  /** Events of this tick (defaults, bank failures, policy switches); the engine drains it. */
  readonly events: ModelEvent[];
  /** The AI investment chain (n = 0 when disabled). */
  readonly aiChain: AiChain;
  /** Non-bank investors: private-credit and bond funds, growth investors (one pass-through fund). */
  readonly fund: Fund;
  /** Automation of tasks by AI and its labour-market tallies. */
  readonly automation: Automation;
  /** The power grid's utility and this month's power market (inert when the AI chain is off). */
  readonly utility: Utility;
  /** The rest of the world: the foreign suppliers the chip maker's imported content is paid to (ledger.ts). */
  readonly restOfWorld: RestOfWorld;
  /** Aggregate shocks: productivity, investment, credit spread (shocks.ts). */
  readonly shocks: ShockState;
  /**
   * Runs the passes over households (passes.ts): on this thread, or the
   * engine's worker threads. Not part of the economy's state (checkpoints skip it).
   */
  runner: PassRunner;
}

/** Roles of AI-chain firms (config aiChain.firms[].role). */
export const Role = { chip: 0, hyperscaler: 1, neocloud: 2, legacyCloud: 3, modelLab: 4 } as const;
export const ROLE_NAMES = ["chip", "hyperscaler", "neocloud", "legacyCloud", "modelLab"] as const;

/**
 * Sources a chain dollar is traced to (round-trip attribution). Sources of a chain firm's cash (agents/aiChain/attribution.ts). chainEquity
 * is money injected by other chain firms — equity stakes and, since the deal
 * rule (circular.ts), vendor loans: the round trip either way.
 */
export const Source = { endUser: 0, chainEquity: 1, debt: 2, other: 3 } as const;
export const SOURCE_COUNT = 4;

/**
 * AI-chain firms: a handful, in typed arrays like everything else. Money in
 * model dollars (per-household USD × households), capacity in GW at US
 * scale × scale factor.
 */
export interface AiChain {
  readonly n: number;
  readonly names: readonly string[];
  role: Uint8Array;
  bank: Uint16Array;
  deposits: Float64Array;
  bankLoans: Float64Array;
  /** Bonds and private credit, held by the fund. */
  fundLoans: Float64Array;
  bankRateYearly: Float64Array;
  /** Coupon of the fixed-rate part of the fund's book (−1 until first priced). */
  fundRateYearly: Float64Array;
  /** Share of the fund's book that floats (aiChain.finance.floatingShare): it pays policy + fundFloatingMargin. */
  fundFloatingShare: Float64Array;
  /** Margin over the policy rate of the floating part of the fund's book: a debt-weighted mix of the spreads it was lent at. */
  fundFloatingMargin: Float64Array;
  /**
   * Credit spread on the firm's existing debt (per year): a debt-weighted
   * mix of the spreads at which it was borrowed. New and refinanced debt pays
   * today's CDS spread; the rest keeps its old one (−1 until first priced).
   */
  debtSpread: Float64Array;
  shares: Float64Array;
  price: Float64Array;
  /** stakes[i·n + j]: shares of firm j held by firm i. */
  stakes: Float64Array;
  /** Capacity in service (GW × scale). */
  computeGw: Float64Array;
  /**
   * Services capacity in service can serve, in GW of the start's technology
   * (× scale): each GW carries the technology of the month it entered
   * service (servicesPerGw then) and retires with its GPUs
   * (settlement.ts enterAndDepreciate). Equal to computeGw when
   * aiChain.capacityTechnologyGrowthYearly is 0.
   */
  serviceGw: Float64Array;
  /** Capacity ordered and being built, by months until service: pipeline[i·buildMonths + k]. */
  pipelineGw: Float64Array;
  /**
   * Instalments still due on capacity ordered, by tick of payment mod buildMonths: capexDue[i·buildMonths + k]
   * (aiChain.orders.progressPayments; all zero when it is off).
   */
  capexDue: Float64Array;
  /** Book value of data centres and GPUs. */
  capitalValue: Float64Array;
  /** Monthly non-AI operating profit (hyperscalers' other businesses), at initial prices. */
  otherProfit: Float64Array;
  labOpex: Float64Array;
  grossMargin: Float64Array;
  opexShare: Float64Array;
  /** This tick's flows. */
  revenue: Float64Array;
  endUserRevenue: Float64Array;
  chainRevenue: Float64Array;
  capex: Float64Array;
  interestPaid: Float64Array;
  /** Compute bought this month from other chain firms (contract instalments, backstop purchases): an operating cost. */
  computeCost: Float64Array;
  /** Electricity paid to the utility this tick (grid and on-site power; markets/power.ts). */
  electricityPaid: Float64Array;
  profit: Float64Array;
  /** Revenue a year ago and smoothed, for growth expectations: ring of 13 months. */
  revenueHistory: Float64Array;
  expectedGrowth: Float64Array;
  fundamental: Float64Array;
  /** Share prices: heterogeneous traders (markets/equityMarket.ts); price per share mirrors market.price. */
  market: EquityMarketState;
  /**
   * Old shareholders' share of the firm's value: 1 until a reorganisation,
   * ×0.05 at each (valuation.ts resetAfterDefault). Not a calibration
   * factor: the fundamental is the discounted-cash-flow value (dcf.ts).
   */
  valuationScale: Float64Array;
  /**
   * Volatility of the firm's assets (per year), from its calibrated equity
   * volatility and initial leverage: the Merton-consistent floor of equity
   * volatility, σ_E ≥ σ_V·(E + D)/E, so that equity gets riskier as
   * leverage rises even when the price slides smoothly.
   */
  assetVolatility: Float64Array;
  pdYearly: Float64Array;
  cdsBp: Float64Array;
  /** 1 while the firm is a constituent of the chain's CDS index series (a liquidated firm leaves at the next roll; credit.ts cdsIndexBp). */
  indexMember: Uint8Array;
  // --- Credit that can run (issue 18 item 4; aiChain/credit.ts) ---
  /**
   * Principal falling due, bank loans and bonds/private credit apart:
   * bankDue[i·DEBT_HORIZON_MONTHS + t mod DEBT_HORIZON_MONTHS] is what firm i
   * owes its bank in month t (refinancing walls).
   */
  bankDue: Float64Array;
  fundDue: Float64Array;
  /** Part of the firm's debt secured on GPUs, data centres and contracts (its borrowing base limits it). */
  securedDebt: Float64Array;
  /** Rating grade (aiChain/credit.ts RATING_NAMES: 0 = AA … 6 = CC). */
  rating: Uint8Array;
  /** Forced-selling premium after a fall out of investment grade (bp), decaying. */
  forcedSpreadBp: Float64Array;
  /** GPU rental price (the AI service price) averaged over about a year: the collateral haircut's reference. */
  gpuPriceReference: number;
  // --- Defaults that resolve (issue 18 item 5; aiChain/defaults.ts) ---
  /** 1 once a firm has been liquidated: its capacity and customers were sold; it no longer acts. */
  exited: Uint8Array;
  /** Revenue (monthly, averaged over a year) at its last reorganisation; 0 if none. */
  revenueAtDefault: Float64Array;
  defaulted: Uint8Array;
  /** Defaults so far in the run, per firm. */
  defaultCount: Uint16Array;
  /** Tick of the firm's last reorganisation (a large negative number if none). */
  lastDefaultTick: Int32Array;
  /** Cash by source (Source × firm): amounts whose sum is the firm's deposits. */
  cashBySource: Float64Array;
  /** Revenue this tick by source. */
  revenueBySource: Float64Array;
  /** Contracts: buyer, seller, monthly binding amount, months left, start tick, penalty share. */
  contractBuyer: Int32Array;
  contractSeller: Int32Array;
  contractMonthly: Float64Array;
  /**
   * The compute a contract delivers, as its monthly amount when signed: a
   * reorganisation reprices a lab's contracts (contractMonthly falls) but the
   * compute, and so the customers it serves, stays (settlement.ts contractedCompute).
   */
  contractVolume: Float64Array;
  contractMonthsLeft: Int32Array;
  contractStart: Int32Array;
  contractPenalty: Float64Array;
  /**
   * A lab's initial compute commitments ÷ revenue (−1 until the chain starts):
   * how far ahead of its revenue it contracts compute.
   */
  computeIntensity: Float64Array;
  /** Tick the chain started acting (for the decay of labs' compute intensity). */
  chainStartTick: number;
  /**
   * The policy rate in force when the chain's starting state was observed:
   * the rate set in the month before the chain's first (schedule.ts step
   * records it as that month begins). The 2025 prices and the coupons of the
   * debt issued before the start were set at it, so the chain's expectations
   * are calibrated (valuation.ts calibrateExpectations) and its legacy fixed
   * coupons priced (finance.ts priceInitialDebt) at this rate, not at the
   * first month's decision — a policy that departs from the rule from the
   * chain's first month (a hold, a cut) then moves prices and new coupons
   * instead of being absorbed into the starting expectations. −1 until set.
   */
  policyRateBeforeStart: number;
  /** Announced total of each contract (for announced vs realised reporting). */
  contractAnnounced: Float64Array;
  /** Equity-investment plans: investor, investee, amount still to invest, per-GW tranche, monthly tranche, start. */
  stakeInvestor: Int32Array;
  stakeInvestee: Int32Array;
  stakeRemaining: Float64Array;
  stakePerGw: Float64Array;
  stakeMonthly: Float64Array;
  stakeStart: Int32Array;
  backstopGuarantor: Int32Array;
  backstopBeneficiary: Int32Array;
  backstopRemaining: Float64Array;
  backstopUntil: Int32Array;
  /** Price index of AI services (1 at the start) and the adoption state of end-user demand. */
  servicePrice: number;
  /**
   * Services a GW entering service now can serve relative to the chain's
   * start (1 then): the technology frontier, growing at
   * aiChain.capacityTechnologyGrowthYearly (demand.ts advanceServicesPerGw).
   */
  servicesPerGw: number;
  adoption: number;
  /**
   * End users' spending in the chain's first month (model dollars per
   * month): the firms' configured revenue that their contracts at the start
   * do not cover. The adoption state starts where it gives this spending.
   */
  endUserAtStart: number;
  /**
   * Per firm, what end users pay it in the chain's first month (model
   * dollars per month; its part of endUserAtStart): its customer base, in
   * whose proportions that level of spending keeps being paid.
   */
  endUserBase: Float64Array;
  initialCapacityGw: number;
  endUserSpending: number;
  /**
   * End users' spending on AI services by month, a ring of 13 indexed by tick
   * mod 13 (settlement.ts accountChain writes month t's endUserSpending into
   * slot t mod 13; seeded at the start as revenueHistory is): what
   * aiChain.valuation.storySurpriseMeasure "endUserSpending" judges the growth
   * stories against (valuation.ts endUserGrowth).
   */
  endUserHistory: Float64Array;
  householdAiShare: number;
  /** Clearing scratch (n × n). */
  obligations: Float64Array;
  scratchN: Float64Array;
  scratchN2: Float64Array;
  marketStress: number;
  marketPeak: number;
  /**
   * The chain's market value that capacity orders compare today's with (plans.ts
   * ordersEquityReference): its running peak, fading toward the current value
   * over aiChain.orders.equityMemoryMonths. 0 until the chain's first plans.
   */
  ordersEquityReference: number;
  /** Chain firms' total market value last tick (for revaluation). */
  marketCapTotal: number;
  stakesValue: number;
  /**
   * This tick's flows for the national accounts (nationalAccounts.ts), by
   * ChainAccount slot: what the chain bought from non-AI firms and from
   * itself, and the platform fees it received. Reset each tick.
   */
  accounts: Float64Array;
  // --- Issue 18 items 1, 2, 6: demand that responds, valuation by discounted cash flows, short sellers ---
  /** Per end-user segment (EndUserSegment): share of potential users who use AI services (Bass with churn, demand.ts). */
  adoptionBySegment: Float64Array;
  /** Per segment: this month's spending on AI services (model dollars per month). */
  endUserBySegment: Float64Array;
  /** Per segment: the budget (households' consumption, non-AI firms' profits, government purchases), EWMA over a quarter. */
  budgetFast: Float64Array;
  /** Per segment: the budget's trend, EWMA over two years (a downturn is the fast one below it). */
  budgetSlow: Float64Array;
  /** Per firm: the market's expected growth of its earnings over the coming year (valuation.ts, dcf.ts). */
  growthExpectation: Float64Array;
  /** Per firm: the expected growth at the chain's start that prices its 2025 market value (the fundamentalists' anchor). */
  growthAnchor: Float64Array;
  /** Per firm: months its growth story has aged (aiChain.valuation.storyAgesOnShortfall; unused when calendar time ages it). */
  growthStoryAgeMonths: Float64Array;
  /** Per firm: the equity risk premium in its discount rate this month (per year). */
  equityRiskPremium: Float64Array;
  /** Per firm: its equity volatility (per year) when the chain started, the reference for the volatility premium. */
  volatilityAtStart: Float64Array;
  /** Short book (shortSellers.ts): shares of each firm borrowed and sold. */
  shortShares: Float64Array;
  /** Short book's cash: sale proceeds and own capital (a sub-account of the fund's deposits). */
  shortCash: number;
  /** Short book's orders this month, in shares (positive: sold short; negative: covered). */
  shortOrders: Float64Array;
  /** Borrow fees paid by the short book to the fund's long book this month. */
  shortFeesPaid: number;
  // --- Circular financing by decision (agents/aiChain/circular.ts, docs/ODD.md §7.14) ---
  /**
   * vendorLoans[u·n + j]: what customer j owes upstream firm u on vendor
   * financing (receivables and loans; model dollars). An asset of u and a
   * liability of j, both inside the chain sector, so the sector's net
   * financial wealth does not see it; each firm's balance sheet does.
   */
  vendorLoans: Float64Array;
  /** The share price each firm's deal rule compares today's with: an exponential average over aiChain.circular.priceMemoryMonths. */
  dealPriceAnchor: Float64Array;
  /** Per upstream firm, credit losses on customers that defaulted, cumulated over the run: vendor loans written down and guarantees paid (model dollars). */
  exposureLosses: Float64Array;
  /** Backstop slots written by the deal rule (1) rather than configured (0); configured slots come first. */
  backstopDecided: Uint8Array;
}

/** End-user segments of AI demand (demand.ts). */
export const EndUserSegment = { households: 0, firms: 1, government: 2 } as const;
export const END_USER_SEGMENTS = 3;

/** Slots of AiChain.accounts. */
export const ChainAccount = {
  /** Operating purchases from consumption-goods firms (intermediate consumption). */
  goodsOpex: 0,
  /** Buildings and equipment for data centres from capital-goods firms (investment). */
  buildings: 1,
  /** The domestic part of the chip maker's cost of goods, bought from capital-goods firms (intermediate consumption). */
  chipInputs: 2,
  /** Payments to chip makers by other chain firms: GPUs and GPU orders (investment). */
  gpus: 3,
  /** Payments between chain firms for compute: contract instalments, backstop purchases (intermediate). */
  compute: 4,
  /** Platform fees received from non-AI firms (the hyperscalers' other businesses). */
  platformFees: 5,
  /** The imported part of the chip maker's cost of goods, paid to the rest of the world (aiChain.gpuImportShare). */
  imports: 6,
  count: 7,
} as const;

/** The non-bank investor fund: households own it in proportion to their equity units. */
export interface Fund {
  bank: number;
  deposits: number;
  loans: number;
  /** Shares of each chain firm held. */
  sharesHeld: Float64Array;
  /** Net asset value at the end of the last tick (= households' claim). */
  nav: number;
  distributionDue: number;
  /** Interest and dividends received this month. */
  income: number;
  // --- Flows of the private-credit fund (issue 18 item 4; agents/fund.ts) ---
  /** Interest received and chain debt written off this month (the credit book's return). */
  creditIncome: number;
  creditLosses: number;
  /** Smoothed monthly return of the credit book (cash plus loans) in excess of the deposit rate. */
  excessReturnSmoothed: number;
  /** Households' net subscriptions decided for next month (negative: redemptions), model USD. */
  netFlowDue: number;
  /** Net subscriptions realised this month (negative: redemptions), model USD. */
  netFlow: number;
  /** 1 while net redemptions exceed aiChain.finance.redemptionWaveShare of the book. */
  redemptionWave: number;
}

/**
 * The utility (agents/utility.ts) and the power market it clears
 * (markets/power.ts). Capacities and loads in model GW (GW at US scale ×
 * scale), money in model dollars, prices in nominal USD per MWh.
 */
/**
 * The rest of the world, as far as the model has one: the foreign suppliers
 * (foundries, memory makers, assemblers abroad) the chip maker pays for the
 * imported content of its GPUs (aiChain.gpuImportShare). What they are paid
 * they hold as a deposit at a domestic bank (bank 0) — the financing of the
 * current-account deficit by foreigners' claims on US banks — and spend
 * nothing back: imports are a leak from domestic demand. The deposit earns
 * no interest (like the firms' operating balances). Its net financial
 * wealth is the nfw_restOfWorld column; exports are not modelled.
 */
export interface RestOfWorld {
  bank: number;
  deposits: number;
}

export interface Utility {
  /** Whether the grid is simulated (power.enabled and the AI chain on). */
  active: boolean;
  bank: number;
  deposits: number;
  loans: number;
  /** Deliverable capacity in service (firm capacity net of the reliability reserve). */
  capacityGw: number;
  /** Capacity ordered and being built, by tick of entry mod buildMonths. */
  pipelineGw: Float64Array;
  /** Book value of the grid (a real asset, outside net financial wealth). */
  gridCapital: number;
  /** This tick's planned order (GW) and its budget; what was delivered, paid and granted. */
  orderGw: number;
  capexBudget: number;
  capexPaid: number;
  deliveredGw: number;
  publicGrant: number;
  /** This tick's flows: electricity revenue, fuel and operating purchases, interest. */
  revenue: number;
  opexPaid: number;
  interestPaid: number;
  profit: number;
  /** Dividend declared this tick, paid to households next tick. */
  dividendDue: number;
  /** Loads this tick: base (households, non-AI firms), the chain's built data centres, and what powers them. */
  baseLoadGw: number;
  dataCentreDemandGw: number;
  dataCentreGridGw: number;
  onsiteGw: number;
  /** Share of the chain's built data-centre capacity that runs (grid plus on-site), 1 when the grid is inert. */
  poweredShare: number;
  /** Book value of built but unpowered data-centre capacity (model USD). */
  strandedCapex: number;
  /** Load (including unpowered demand) / deliverable capacity. */
  utilization: number;
  /** Wholesale price (USD per MWh, nominal) and the retail electricity price index (start = 1). */
  price: number;
  electricityCpi: number;
  /** Share of households' consumption spent on electricity this tick (0 when inert). */
  householdShare: number;
  /** Goods price level (the consumer price index without electricity). */
  goodsPriceIndex: number;
  /** Non-AI firms' real output at the start and smoothed since (what the base load moves with). */
  initialOutputReal: number;
  outputSmoothed: number;
  /** Base load at the start (model GW) and the price curve's values at the target and the initial utilisation. */
  initialBaseLoadGw: number;
  scarcityAtTarget: number;
  scarcityAtStart: number;
  /** Data-centre demand over the last 13 months (ring by tick mod 13), for the utility's forecast. */
  dataCentreHistory: Float64Array;
}

export type { ModelEvent };

export interface DerivedParams {
  /** Model dollars per real-US dollar: households.count / usHouseholds. */
  scale: number;
  prodLabourConsumption: number;
  prodLabourCapital: number;
  /** Real output per unit of capital per month at full utilisation. */
  prodCapital: number;
  depreciationMonthly: number;
  normalProfitRateYearly: number;
  initialOutputPerHousehold: number;
}

export interface MacroState {
  priceIndex: number;
  /** Price index of the last 13 months, a ring buffer indexed by tick mod 13. */
  priceHistory: Float64Array;
  inflationYoY: number;
  /** The long-run inflation anchor of expectations, learned from experience (macro.ts learnInflationAnchor). */
  inflationAnchorYearly: number;
  unemploymentRate: number;
  averageIncome: number;
  equityTotal: number;
  /** Market value of equity per unit held by households. */
  equityPricePerUnit: number;
  totalEquityUnits: number;
  capitalGoodsPrice: number;
  dividendPool: number;
  entryNeed: number;
  firmDefaults: number;
  /** Voluntary exits this month (firms.exit; markets/credit.ts resolveFirmExit). */
  firmExits: number;
  bankFailures: number;
  unmetDemand: number;
  consumptionNominal: number;
  consumptionReal: number;
  investmentNominal: number;
  investmentReal: number;
  governmentReal: number;
  depositRateYearly: number;
  /** Nominal GDP per month, smoothed over a year (for debt-to-GDP). */
  gdpNominalSmoothed: number;
  employment: number;
  vacancies: number;
  wagesPaid: number;
  /** AI-chain firms that defaulted this month. */
  chainDefaults: number;
  /**
   * The real-rate gap households' spending responds to (agents/households.ts smoothRateGap): this month's
   * ex-ante real rate less households.neutralRealRateYearly, or its moving average when
   * households.rateGapSmoothingMonths > 0. Starts at the gap of the initial rate.
   */
  realRateGapSmoothed: number;
}

export interface LedgerState {
  /** Flow matrix: FlowRow × Sector, this tick. */
  flows: Float64Array;
  /** Net financial wealth per sector at the end of the last tick. */
  lastNfw: Float64Array;
  nfw: Float64Array;
  grossFinancialAssets: number;
}

export interface Scratch {
  unemployed: Int32Array;
  firmOrder: Int32Array;
  /** Per-bank accumulators for the household passes. */
  bankDepositChange: Float64Array;
  bankReserveChange: Float64Array;
  bankInterest: Float64Array;
  bankSum: Float64Array;
  bankSum2: Float64Array;
  /** Per sector (consumption, capital): average markup, wage, expected sales, and the tick they were taken. */
  sectorAverages: Float64Array;
}

/** Levels of the aggregate shock processes, carried between ticks (checkpointed with the state). */
export interface ShockState {
  /** log z: the productivity shock (0 = no shock). */
  productivity: number;
  /** exp(productivity): the factor on every non-AI firm's labour productivity. */
  productivityFactor: number;
  /** Shift of desired capacity growth, per year. */
  investment: number;
  /** Shift of every bank's loan spread, per year (decimal). */
  creditSpread: number;
}
