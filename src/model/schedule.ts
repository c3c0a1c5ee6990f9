// One tick (one month) of the economy, phase by phase (docs/ODD.md §3 describes
// each phase). Each line is one agent action; read top to bottom, this is the
// model's story (docs/development.md "Code style", after BeforeIT.jl's one_step).

import { resolveUpstreamExposures } from "./agents/aiChain/circular.ts";
import { resolveChainDefaults } from "./agents/aiChain/defaults.ts";
import { updateAiDemand } from "./agents/aiChain/demand.ts";
import { financeChain, priceChainCredit } from "./agents/aiChain/finance.ts";
import { planChain } from "./agents/aiChain/plans.ts";
import { accountChain, resetChainFlows, settleChain } from "./agents/aiChain/settlement.ts";
import { valueChain } from "./agents/aiChain/valuation.ts";
import { planAutomation, selectLayoffs } from "./agents/automation.ts";
import { resolveBankFailures, setCreditTerms, settleBanks } from "./agents/banks.ts";
import { payReserveInterest, remitProfit, setPolicyRate } from "./agents/centralBank.ts";
import {
  accountFirms,
  collectDistributions,
  payWages,
  planInvestment,
  planProduction,
  produce,
} from "./agents/firms.ts";
import { markFund } from "./agents/fund.ts";
import { financeGovernment, payBillInterest, payRetraining, planPurchases } from "./agents/government.ts";
import { earnAndPlan } from "./agents/households.ts";
import { accountUtility, planUtility, utilityBuysGoods } from "./agents/utility.ts";
import { checkLedger } from "./ledger.ts";
import { resetMonthlyTallies, updateMacro } from "./macro.ts";
import { financeFirms, priceCredit } from "./markets/credit.ts";
import { valueEquity } from "./markets/equity.ts";
import {
  chainBuysGoods,
  clearCapitalMarket,
  clearConsumptionMarket,
  firmsBuyAutomation,
  firmsBuyServices,
  governmentPurchases,
} from "./markets/goods.ts";
import { matchWorkers, separateAndListJobSeekers } from "./markets/labour.ts";
import { clearPowerMarket } from "./markets/power.ts";
import { drawShocks } from "./shocks.ts";
import type { ModelState } from "./state.ts";

/** Advance the model by one tick. Throws ModelFailure if the ledger check fails. */
export function step(m: ModelState): void {
  m.tick++;
  resetMonthlyTallies(m.macro, m.government); // defaults, failures, taxes, recapitalisation, fiscal support at 0

  // --- Aggregate shocks, policy and credit terms ---
  drawShocks(m); // productivity, investment and credit-spread AR(1) shocks, each on its own seed stream
  setPolicyRate(m); // Taylor rule or configured path
  setCreditTerms(m); // banks' spreads and lending capacity from their capital
  priceCredit(m); // each borrower's default probability and loan rate
  // The AI chain acts from aiChain.start on (before it, its balance sheets stand still while the core warms up).
  const chain = m.aiChain.n > 0 && m.tick >= m.aiChain.chainStartTick;
  // Firms automate with AI services bought from the chain, so automation acts only while the chain does.
  const automation = chain && m.config.automation.enabled;
  resetChainFlows(m);
  if (chain) priceChainCredit(m); // AI chain: distance-to-default PDs, CDS spreads, borrowing costs

  // --- Plans ---
  if (automation) planAutomation(m); // capability, tasks automated, workers made redundant
  planProduction(m); // expectations, output, labour demand, wages, prices
  planInvestment(m); // capacity growth from profitability and utilisation
  planPurchases(m); // government's fiscal rule
  if (chain) updateAiDemand(m); // end-user AI adoption and spending
  if (chain) planChain(m); // chain expectations and capacity orders
  planUtility(m); // grid capacity orders for the load projected over the build lag (inert without the chain)

  // --- Financing ---
  financeFirms(m); // debt service, new loans, rationing; bankrupt firms replaced
  if (chain) financeChain(m); // chain debt service, refinancing, equity rounds, stakes, payouts

  // --- Labour market and production ---
  if (automation) selectLayoffs(m); // automation layoffs fall on the most exposed employees
  const seekers = separateAndListJobSeekers(m); // quits and layoffs, reservation wages, skill mismatch
  m.macro.vacancies = matchWorkers(m, seekers); // firms with vacancies hire
  produce(m);

  // --- Power ---
  clearPowerMarket(m); // loads, allocation within capacity, stranded data centres, price; firms' and the chain's bills

  // --- Incomes and spending plans ---
  payWages(m);
  const payoutPerUnit = collectDistributions(m); // last month's dividends, net of equity for successors
  earnAndPlan(m, payoutPerUnit); // wages, benefits, dividends, interest, income tax; consumption plans

  // --- Goods markets ---
  clearConsumptionMarket(m);
  governmentPurchases(m);
  payRetraining(m); // retraining of workers displaced by automation (government.retraining)
  clearCapitalMarket(m);
  if (chain) chainBuysGoods(m); // AI chain's opex and data-centre construction from non-AI firms
  utilityBuysGoods(m); // fuel and operations, grid equipment; public grant and bank loans finance it

  // --- Accounting: firms, banks, central bank, government ---
  if (chain) firmsBuyServices(m); // non-AI firms' AI services and platform fees
  if (automation) firmsBuyAutomation(m); // AI services doing the automated tasks
  if (chain) settleChain(m); // chain obligations cleared to a fixed point (Eisenberg–Noe) and paid
  if (chain) accountChain(m); // capacity in service, depreciation, chain profits and tax
  accountFirms(m); // profits, profit tax, dividends declared, depreciation
  accountUtility(m); // grid capacity entering service and retiring, debt service, profit, dividends declared
  payBillInterest(m);
  payReserveInterest(m);
  settleBanks(m); // bank taxes, dividends, bills vs reserves
  remitProfit(m); // central bank profit to the government
  valueEquity(m); // market value of firms → household wealth
  if (chain) valueChain(m); // chain share prices (heterogeneous traders), stress

  // --- Defaults and resolution, government financing ---
  if (chain) resolveUpstreamExposures(m); // backstops called as guarantees, vendor loans written down (circular.ts)
  m.macro.chainDefaults = chain ? resolveChainDefaults(m) : 0; // haircuts, rejected contracts, wiped equity
  resolveBankFailures(m); // deposit insurance or bail-in
  financeGovernment(m); // bills to keep the account funded
  markFund(m); // the non-bank fund marked to market → household wealth
  m.macro.equityPricePerUnit = (m.macro.equityTotal + m.fund.nav) / m.macro.totalEquityUnits;

  // --- Aggregates and the stock-flow check ---
  updateMacro(m);
  checkLedger(m);
}
