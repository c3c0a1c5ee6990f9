// One tick (one month) of the economy, phase by phase (docs/ODD.md §3 describes
// each phase). Each line is one agent action; read top to bottom, this is the
// model's story and, where a phase names its inputs, its data flow
// (docs/development.md "Code style", after BeforeIT.jl's one_step).

import { resolveUpstreamExposures } from "./agents/aiChain/circular.ts";
import { type DefaultMonth, type DefaultParams, resolveChainDefaults } from "./agents/aiChain/defaults.ts";
import { builtCapacity, liveCapacity, updateAiDemand } from "./agents/aiChain/demand.ts";
import {
  type ChainFinanceMonth,
  chainCreditParams,
  chainFinanceParams,
  financeChain,
  priceChainCredit,
} from "./agents/aiChain/finance.ts";
import { planChain } from "./agents/aiChain/plans.ts";
import {
  accountChain,
  type EndUserPaymentBooks,
  resetChainFlows,
  settleChain,
} from "./agents/aiChain/settlement.ts";
import {
  type ChainValuationMonth,
  chainLongRate,
  chainValuationParams,
  valueChain,
} from "./agents/aiChain/valuation.ts";
import { chainWarmUp } from "./agents/aiChain/warmUp.ts";
import { planAutomation, selectLayoffs } from "./agents/automation.ts";
import { resolveBankFailures, setCreditTerms, settleBanks } from "./agents/banks.ts";
import { payReserveInterest, remitProfit, setPolicyRate } from "./agents/centralBank.ts";
import {
  accountFirms,
  collectDistributions,
  firmParams,
  payWages,
  planInvestment,
  planProduction,
  produce,
} from "./agents/firms.ts";
import { markFund } from "./agents/fund.ts";
import { financeGovernment, payBillInterest, payRetraining, planPurchases } from "./agents/government.ts";
import { earnAndPlan, incomeParams } from "./agents/households.ts";
import { accountUtility, planUtility, utilityBuysGoods } from "./agents/utility.ts";
import { type Books, checkLedger } from "./ledger.ts";
import { resetMonthlyTallies, updateMacro } from "./macro.ts";
import { creditParams, financeFirms, priceCredit } from "./markets/credit.ts";
import { equityParams, valueEquity } from "./markets/equity.ts";
import {
  capitalMarketParams,
  chainBuysGoods,
  clearCapitalMarket,
  clearConsumptionMarket,
  firmsBuyAutomation,
  firmsBuyServices,
  governmentPurchases,
} from "./markets/goods.ts";
import { matchWorkers, separateAndListJobSeekers, separationParams } from "./markets/labour.ts";
import { chainPowerOutlook, clearPowerMarket } from "./markets/power.ts";
import type { DrawKeys, Month } from "./month.ts";
import { drawShocks } from "./shocks.ts";
import type { ModelState } from "./state.ts";

/** Which optional actors act this month. */
interface Acting {
  /** The AI chain acts from aiChain.start on (before it, its balance sheets stand still while the core warms up). */
  chain: boolean;
  /** Firms automate with AI services bought from the chain, so automation acts only while the chain does. */
  automation: boolean;
  /** Before aiChain.start, with aiChain.stationaryWarmUp: the chain's 2025 flows at a stationary level (agents/aiChain/warmUp.ts). */
  warmUp: boolean;
}

/**
 * Advance the model by one tick. Throws ModelFailure if the ledger check fails.
 *
 * The month in sections, each a function below (BeforeIT.jl's one_step
 * banners). The phases of agents/households.ts, firms.ts, government.ts,
 * centralBank.ts, banks.ts, utility.ts, fund.ts, automation.ts, the AI
 * chain's demand.ts, plans.ts, settlement.ts, circular.ts, defaults.ts and
 * valuation.ts, markets/credit.ts, goods.ts, labour.ts, power.ts,
 * equity.ts, macro.ts, shocks.ts and the ledger check take the records
 * they read and write and the parameter group they use, so each call shows
 * its data flow; a phase that moves money also takes `books` (ledger.ts
 * Books), the balance sheets the ledger's functions book into. No phase
 * takes the whole state (`m`).
 *
 * A phase that tests also run on a whole state is wired by an exported
 * function below named after it (`<phase>On(m)`: the phase's records and
 * parameters taken from the state), which the month's sections call too,
 * so tests run each phase exactly as step() does.
 */
export function step(m: ModelState): void {
  m.tick++;
  const books: Books = m; // money moves only through ledger.ts, into these balance sheets
  const month: Month = { tick: m.tick, startDate: m.config.startDate };
  // The rate the chain's starting prices and legacy coupons were set at: last month's, before this month's decision.
  if (m.tick === m.aiChain.chainStartTick) m.aiChain.policyRateBeforeStart = m.centralBank.policyRateYearly;
  resetMonthlyTallies(m.macro, m.government); // defaults, failures, taxes, recapitalisation, fiscal support at 0
  policyAndCreditTerms(m, month);
  const chain = m.aiChain.n > 0 && m.tick >= m.aiChain.chainStartTick;
  const warmUp = m.aiChain.n > 0 && !chain && m.config.aiChain.stationaryWarmUp;
  const acting: Acting = { chain, automation: chain && m.config.automation.enabled, warmUp };
  resetChainFlows(m.aiChain); // the chain's monthly flows at 0
  // AI chain: distance-to-default PDs, CDS spreads, ratings, borrowing costs at this month's policy rate.
  const creditMonth = { ...month, policyRateYearly: m.centralBank.policyRateYearly };
  const merton = m.runner.scratch.merton; // the structural model's scratch
  if (chain) priceChainCredit(m.aiChain, m.banks, creditMonth, chainCreditParams(m.config), merton, m.events);
  plans(m, acting);
  financing(m, acting);
  labourMarketAndProduction(m, acting);
  // Power: loads, allocation within capacity, stranded data centres, price; firms' and the chain's bills.
  clearPowerMarket(m.utility, m.firms, m.aiChain, builtCapacity(m.aiChain), m.config.power, m.tick, books);
  incomesAndSpendingPlans(m);
  goodsMarkets(m, acting);
  accounting(m, acting);
  defaultsAndGovernmentFinancing(m, acting);
  aggregatesAndTheStockFlowCheck(m);
}

/** Aggregate shocks, policy and credit terms. */
function policyAndCreditTerms(m: ModelState, month: Month): void {
  const { config, banks, shocks } = m;
  drawShocks(shocks, config.shocks, month, m.streams); // productivity, investment and credit-spread AR(1) shocks, each on its own seed stream
  setPolicyRateOn(m); // Taylor rule or configured path; the deposit rate
  setCreditTerms(banks, shocks.creditSpread, config.banks); // banks' spreads and lending capacity from their capital
  priceCreditOn(m); // each borrower's default probability and loan rate
}

/** Plans: automation, production, investment, the government's purchases, AI demand and orders, the grid. */
function plans(m: ModelState, acting: Acting): void {
  const { config, macro } = m;
  // Automation: AI capability from the chain's live compute, tasks automated, workers made redundant.
  if (acting.automation) planAutomationOn(m);
  planProductionOn(m); // expectations, output, labour demand, wages, prices
  planInvestmentOn(m); // capacity growth from profitability and utilisation
  planPurchasesOn(m); // government's fiscal rule
  if (acting.chain) {
    // End-user AI adoption and spending (Bass diffusion with churn), the households' AI share.
    const { firms, government, automation } = m;
    const economy = {
      tick: m.tick,
      poweredShare: m.utility.poweredShare,
      macro,
      firms,
      government,
      automation,
    };
    const demand = { demand: config.aiChain.demand, automationEnabled: config.automation.enabled };
    updateAiDemand(m.aiChain, economy, demand);
  }
  const chainMonth = { tick: m.tick, scale: m.params.scale };
  // Chain expectations, capacity orders (less where the grid cannot power them), labs' compute contracts.
  if (acting.chain)
    planChain(
      m.aiChain,
      chainPowerOutlook({ utility: m.utility, config }),
      chainMonth,
      config.aiChain,
      m.events,
    );
  // Grid capacity orders for the load projected over the build lag (inert without the chain).
  const x = { tick: m.tick, capitalGoodsPrice: macro.capitalGoodsPrice, scale: m.params.scale };
  planUtility(m.utility, m.aiChain, config.power, config.aiChain.buildMonths, x);
}

/** Financing. */
function financing(m: ModelState, acting: Acting): void {
  const books: Books = m; // money moves only through ledger.ts, into these balance sheets
  financeFirmsOn(m); // debt service, new loans, rationing; bankrupt firms replaced
  // Chain debt service, refinancing, equity rounds from the fund, stakes, payouts.
  if (acting.chain) financeChain(chainFinanceMonth(m), chainFinanceParams(m.config), m.events, books);
}

/** Labour market and production. */
function labourMarketAndProduction(m: ModelState, acting: Acting): void {
  if (acting.automation) selectLayoffsOn(m); // automation layoffs fall on the most exposed employees
  // Quits and layoffs, reservation wages, skill mismatch: the job seekers (a pass over households).
  const seekers = separateAndListJobSeekersOn(m);
  // Firms with vacancies hire, in a random order (the "labour" stream); the vacancies left open.
  m.macro.vacancies = matchWorkersOn(m, seekers);
  produceOn(m); // output with the workers hired
}

/** Incomes and spending plans. */
function incomesAndSpendingPlans(m: ModelState): void {
  payWagesOn(m);
  const payoutPerUnit = collectDistributionsOn(m); // last month's dividends, net of equity for successors
  // Wages, benefits, dividends, interest, income tax; consumption plans (a pass over households).
  earnAndPlanOn(m, payoutPerUnit);
}

/** Goods markets. */
function goodsMarkets(m: ModelState, acting: Acting): void {
  const books: Books = m; // money moves only through ledger.ts, into these balance sheets
  const { config, firms, macro } = m;
  clearConsumptionMarketOn(m); // households' purchases at their suppliers' fill ratios
  governmentPurchasesOn(m); // from the stocks left, and the government's AI services
  // Retraining of workers displaced by automation (government.retraining).
  const trainees = m.automation.trainees;
  payRetraining(m.government, firms, trainees, macro.priceIndex, config.government.retraining, books);
  clearCapitalMarketOn(m); // investment goods from each buyer's capital supplier
  if (acting.chain) chainBuysGoodsOn(m); // AI chain's opex and data-centre construction from non-AI firms
  utilityBuysGoods(m.utility, firms, macro, config.power, books); // fuel and operations, grid equipment; public grant and bank loans finance it
}

/** Accounting: firms, the utility, banks, central bank, government; equity values. */
function accounting(m: ModelState, acting: Acting): void {
  const books: Books = m; // money moves only through ledger.ts, into these balance sheets
  const { config, banks, centralBank, government } = m;
  if (acting.chain) firmsBuyServicesOn(m); // non-AI firms' AI services and platform fees
  // Before the start: platform fees, capital replaced, taxes and payouts at their 2025 level.
  if (acting.warmUp) chainWarmUpOn(m);
  if (acting.automation) firmsBuyAutomationOn(m); // AI services doing the automated tasks
  // Chain obligations cleared to a fixed point (Eisenberg–Noe) and paid; next month's price of AI services.
  const chainMonth = { tick: m.tick, scale: m.params.scale };
  if (acting.chain) settleChain(books, chainMonth, config.aiChain, m.events);
  // The chain's capacity in service, depreciation, profits and tax.
  const chainAccount = { ai: config.aiChain, profitTaxRate: config.government.profitTaxRate };
  if (acting.chain) accountChain(m.aiChain, government, m.macro.priceIndex, m.tick, chainAccount, books);
  accountFirmsOn(m); // profits, profit tax, dividends declared, depreciation
  // Grid capacity entering service and retiring, debt service, profit, dividends declared.
  const rate = centralBank.policyRateYearly;
  const taxRate = config.government.profitTaxRate;
  const x = {
    tick: m.tick,
    chainStartTick: m.aiChain.chainStartTick,
    policyRateYearly: rate,
    profitTaxRate: taxRate,
  };
  accountUtility(m.utility, banks, government, config.power, x, books);
  payBillInterest(government, banks, centralBank, books);
  payReserveInterest(banks, centralBank, config.centralBank, books);
  settleBanksOn(m); // bank taxes, dividends, bills vs reserves
  remitProfit(centralBank, government, books); // central bank profit to the government
  valueEquityOn(m); // market value of firms → household wealth
  // Chain share prices (fundamentals, heterogeneous traders, the short book), the fund's revaluation, stress.
  const valuationParams = { ai: config.aiChain, profitTaxRate: taxRate };
  if (acting.chain) valueChain(valuationMonth(m), valuationParams, m.streams, m.events, books);
}

/** Defaults and resolution, government financing, the fund marked to market. */
function defaultsAndGovernmentFinancing(m: ModelState, acting: Acting): void {
  const books: Books = m; // money moves only through ledger.ts, into these balance sheets
  const { config, macro, government, fund } = m;
  // Backstops called as guarantees, vendor loans written down (circular.ts).
  const chainMonth = { tick: m.tick, scale: m.params.scale };
  const lossGivenDefault = config.aiChain.finance.lossGivenDefault;
  if (acting.chain) resolveUpstreamExposures(chainMonth, lossGivenDefault, m.events, books);
  // Chain defaults resolved: haircuts, repriced or rejected contracts, liquidations, shares repriced.
  macro.chainDefaults = acting.chain ? resolveChainDefaultsOn(m) : 0;
  resolveBankFailuresOn(m); // deposit insurance or bail-in
  financeGovernment(government, m.centralBank, config.government, books); // bills to keep the account funded
  markFundOn(m); // the non-bank fund marked to market → household wealth
  macro.equityPricePerUnit = (macro.equityTotal + fund.nav) / macro.totalEquityUnits;
}

/** The month as the chain's valuation sees it: tick, scale, price index, last year's inflation, the long rate firms are valued at. */
function valuationMonth(m: ModelState): ChainValuationMonth {
  const { tick, macro } = m;
  const longRateYearly = chainLongRate(
    m.centralBank,
    m.config.centralBank.inflationTargetYearly,
    m.config.aiChain.valuation.policyPassThrough,
  );
  // The long rate at the rate in force before the chain's first month (the expectations' calibration).
  const beforeStart = {
    policyRateYearly: m.aiChain.policyRateBeforeStart,
    neutralRateEstimateYearly: m.centralBank.neutralRateEstimateYearly,
  };
  const startLongRateYearly = chainLongRate(
    beforeStart,
    m.config.centralBank.inflationTargetYearly,
    m.config.aiChain.valuation.policyPassThrough,
  );
  return {
    tick,
    scale: m.params.scale,
    priceIndex: macro.priceIndex,
    inflationYoY: macro.inflationYoY,
    longRateYearly,
    startLongRateYearly,
    policyChangeSinceStartYearly: m.centralBank.policyRateYearly - m.aiChain.policyRateBeforeStart,
  };
}

/** The month as the chain's financing sees it: tick, scale, policy rate, price index. */
function chainFinanceMonth(m: ModelState): ChainFinanceMonth {
  const policyRateYearly = m.centralBank.policyRateYearly;
  return { tick: m.tick, scale: m.params.scale, policyRateYearly, priceIndex: m.macro.priceIndex };
}

/** The month as the chain's default resolution sees it: tick, scale, policy rate, price index, the long rate firms are valued at. */
function defaultMonth(m: ModelState): DefaultMonth {
  const passThrough = m.config.aiChain.valuation.policyPassThrough;
  const longRateYearly = chainLongRate(
    m.centralBank,
    m.config.centralBank.inflationTargetYearly,
    passThrough,
  );
  const policyRateYearly = m.centralBank.policyRateYearly;
  return {
    tick: m.tick,
    scale: m.params.scale,
    policyRateYearly,
    priceIndex: m.macro.priceIndex,
    longRateYearly,
  };
}

/** Parameters of the chain's default resolution: config.aiChain, the government's guarantee of chain debt, the valuation's structs. */
function defaultParams(config: ModelState["config"]): DefaultParams {
  const valuation = chainValuationParams(config.aiChain, config.government.profitTaxRate);
  const guaranteeShare = config.government.fiscalAbsorption.chainDebtGuaranteeShare;
  return { ai: config.aiChain, chainDebtGuaranteeShare: guaranteeShare, valuation };
}

/** Aggregates and the stock-flow check. */
function aggregatesAndTheStockFlowCheck(m: ModelState): void {
  updateMacroOn(m); // prices, inflation, unemployment, GDP
  checkLedger(m); // every balance sheet, the flow matrix, the census (ledger.ts LedgerCheck)
}

// The wiring of the phases that tests also run on a whole state: each takes
// the phase's records and parameters from the state, as step() does, and
// runs it. The sections above call them; tests/helpers/phases.ts re-exports them.

/** The run's seed and the tick: the keys of this month's counter-based draws. */
function drawKeys(m: ModelState): DrawKeys {
  return { seed: m.seed, tick: m.tick };
}

/** The books of the phases that also pay the chain for end users' AI services (settlement.ts receiveEndUserPayment reads the labs' share, config.aiChain.demand.labShare). */
function paymentBooks(m: ModelState): EndUserPaymentBooks {
  return m;
}

/** setPolicyRate on the central bank and the aggregates, at the state's tick. */
export function setPolicyRateOn(m: ModelState): void {
  const month: Month = { tick: m.tick, startDate: m.config.startDate };
  setPolicyRate(m.centralBank, m.macro, m.config.centralBank, m.config.banks, month, m.events);
}

/** priceCredit: each firm's default probability, offer rate and the rate it pays. */
export function priceCreditOn(m: ModelState): void {
  priceCredit(m.firms, m.banks, m.centralBank, m.macro, creditParams(m.config, m.params), m.runner);
}

/** planAutomation from the chain's live compute. */
export function planAutomationOn(m: ModelState): void {
  const cfg = m.config.automation;
  planAutomation(m.automation, m.firms, m.aiChain, liveCapacity(m), m.macro, drawKeys(m), cfg);
}

/** planProduction: expectations, output, labour demand, wages, prices. */
export function planProductionOn(m: ModelState): void {
  planProduction(m.firms, m.macro, m.shocks, drawKeys(m), firmParams(m.config, m.params), m.runner);
}

/** planInvestment: the consumption firms' orders from the investment rule. */
export function planInvestmentOn(m: ModelState): void {
  const rate = m.centralBank.policyRateYearly;
  planInvestment(m.firms, m.banks, m.shocks, firmParams(m.config, m.params), m.runner, rate, m.macro);
}

/** planPurchases: the government's fiscal rule. */
export function planPurchasesOn(m: ModelState): void {
  const y0 = m.params.initialOutputPerHousehold;
  planPurchases(m.government, m.macro.priceIndex, y0, m.households.n, m.config.government);
}

/** financeFirms: debt service and new loans in a random order (the "credit" stream); bankrupt firms replaced. */
export function financeFirmsOn(m: ModelState): void {
  const books: Books = m;
  const month = { tick: m.tick, rng: m.streams.get("credit") };
  const { firms, banks, centralBank, macro, runner, scratch, events } = m;
  financeFirms(
    firms,
    banks,
    centralBank,
    macro,
    month,
    creditParams(m.config, m.params),
    runner,
    scratch,
    events,
    books,
  );
}

/** selectLayoffs: automation layoffs on the most exposed employees. */
export function selectLayoffsOn(m: ModelState): void {
  selectLayoffs(m.firms, m.runner);
}

/** separateAndListJobSeekers; returns the number of job seekers. */
export function separateAndListJobSeekersOn(m: ModelState): number {
  return separateAndListJobSeekers(
    m.firms,
    drawKeys(m),
    separationParams(m.config),
    m.runner,
    m.scratch,
    m.automation,
  );
}

/** matchWorkers on the first `seekers` of the state's job-seeker list; returns the vacancies left open. */
export function matchWorkersOn(m: ModelState, seekers: number): number {
  const rng = m.streams.get("labour");
  const { households, firms, runner, scratch, automation } = m;
  const keys = drawKeys(m);
  return matchWorkers(households, firms, seekers, keys, m.config.labour, rng, runner, scratch, automation);
}

/** produce: output with the workers hired. */
export function produceOn(m: ModelState): void {
  produce(m.firms, m.shocks, firmParams(m.config, m.params), m.runner);
}

/** payWages: each firm's wage bill debited; returns the total. */
export function payWagesOn(m: ModelState): number {
  const books: Books = m;
  return payWages(m.firms, books);
}

/** collectDistributions: last month's dividends less successors' equity; returns the payout per equity unit. */
export function collectDistributionsOn(m: ModelState): number {
  const books: Books = m;
  const { firms, banks, fund, macro } = m;
  return collectDistributions(firms, banks, fund, macro, m.config.firms, books);
}

/** earnAndPlan with last month's dividends `payoutPerUnit`. */
export function earnAndPlanOn(m: ModelState, payoutPerUnit: number): void {
  const books: Books = m;
  const month = {
    seed: m.seed,
    tick: m.tick,
    policyRateYearly: m.centralBank.policyRateYearly,
    payoutPerUnit,
    householdAiShare: m.aiChain.householdAiShare,
    householdElectricityShare: m.utility.householdShare,
  };
  const totals = { government: m.government, banks: m.banks, incomeDistribution: m.automation };
  const { households, firms, macro, runner, scratch } = m;
  earnAndPlan(
    households,
    firms,
    macro,
    month,
    incomeParams(m.config, m.params),
    totals,
    runner,
    scratch,
    books,
  );
}

/** clearConsumptionMarket: households' purchases, AI subscriptions and electricity. */
export function clearConsumptionMarketOn(m: ModelState): void {
  const books = paymentBooks(m);
  const month = {
    tick: m.tick,
    householdAiShare: m.aiChain.householdAiShare,
    householdElectricityShare: m.utility.householdShare,
    rationedSpillover: m.config.households.rationedDemandSpillover,
  };
  clearConsumptionMarket(m.firms, m.macro, month, m.runner, m.scratch, books);
}

/** governmentPurchases: goods from the stocks left, and the government's AI services. */
export function governmentPurchasesOn(m: ModelState): void {
  const books = paymentBooks(m);
  governmentPurchases(m.firms, m.government, m.aiChain, m.macro, books);
}

/** clearCapitalMarket: investment goods from each buyer's capital supplier. */
export function clearCapitalMarketOn(m: ModelState): void {
  const books: Books = m;
  clearCapitalMarket(m.firms, m.macro, drawKeys(m), capitalMarketParams(m.config), m.runner, books);
}

/** chainBuysGoods: the chain's operating and construction purchases from non-AI firms. */
export function chainBuysGoodsOn(m: ModelState): void {
  const books: Books = m;
  const wants = m.runner.scratch.chainWants;
  chainBuysGoods(m.aiChain, m.firms, m.macro, m.tick, m.config.aiChain, wants, books);
}

/**
 * chainWarmUp: the chain's stationary warm-up month (agents/aiChain/warmUp.ts)
 * — platform fees, the capital that wears out replaced, taxes, payouts, and
 * its shares at their 2025 values at this month's price level (× the value
 * ramp's share, aiChain.warmUpValueRampMonths).
 */
export function chainWarmUpOn(m: ModelState): void {
  const p = { ai: m.config.aiChain, profitTaxRate: m.config.government.profitTaxRate };
  chainWarmUp(m.tick, m.firms, m.macro, m.government, p, m.runner.scratch.chainWants, paymentBooks(m));
}

/** firmsBuyServices: non-AI firms' AI services and platform fees. */
export function firmsBuyServicesOn(m: ModelState): void {
  firmsBuyServices(m.firms, m.aiChain, m.macro, paymentBooks(m));
}

/** firmsBuyAutomation: the AI services doing the automated tasks. */
export function firmsBuyAutomationOn(m: ModelState): void {
  const params = { automation: m.config.automation, derived: m.params };
  firmsBuyAutomation(m.firms, m.automation, m.aiChain, params, paymentBooks(m));
}

/** accountFirms: profits, profit tax, dividends declared, depreciation. */
export function accountFirmsOn(m: ModelState): void {
  const books: Books = m;
  const totals = { banks: m.banks, government: m.government };
  accountFirms(m.firms, m.macro, totals, firmParams(m.config, m.params), m.runner, books);
}

/** settleBanks: bank taxes, dividends, bills against reserves. */
export function settleBanksOn(m: ModelState): void {
  const books: Books = m;
  const c = m.config;
  settleBanks(m.banks, m.centralBank, m.government, c.banks, c.government.profitTaxRate, books);
}

/** valueEquity: the market value of firms → household wealth. */
export function valueEquityOn(m: ModelState): void {
  const books: Books = m;
  const rate = m.centralBank.policyRateYearly;
  valueEquity(m.firms, m.macro, m.aiChain, rate, equityParams(m.config), books);
}

/** resolveChainDefaults on the chain and the books; returns the defaults resolved. */
export function resolveChainDefaultsOn(m: ModelState): number {
  const books: Books = m;
  return resolveChainDefaults(defaultMonth(m), defaultParams(m.config), m.events, books);
}

/** resolveBankFailures: deposit insurance or bail-in. */
export function resolveBankFailuresOn(m: ModelState): void {
  const books: Books = m;
  const c = m.config;
  const insured = c.government.depositInsurance;
  const { banks, macro, government, events } = m;
  resolveBankFailures(banks, macro, government, c.banks, insured, m.params.scale, events, books);
}

/** markFund: the non-bank fund marked to market. */
export function markFundOn(m: ModelState): void {
  const x = { tick: m.tick, depositRateYearly: m.macro.depositRateYearly, scale: m.params.scale };
  markFund(m.fund, m.aiChain, x, m.config.aiChain.finance, m.ledger.flows, m.events);
}

/** updateMacro: prices, inflation, unemployment, GDP. */
export function updateMacroOn(m: ModelState): void {
  const c = m.config;
  const p = {
    inflationAnchorGain: c.firms.inflationAnchorGain,
    householdElectricityShare: c.power.householdElectricityShare,
  };
  updateMacro(m.macro, m.firms, m.utility, m.households.n, m.tick, p);
}
