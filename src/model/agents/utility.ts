// The utility (issue 4): one agent standing for the power sector. Its
// deliverable capacity grows only through its own investment, which enters
// service after a build and interconnection lag of power.buildMonths (median
// request-to-operation 4.9 years, docs/calibration.md §5). It plans capacity for the
// load it projects over that lag — the base load on trend plus the data
// centres it sees and part of those it does not see yet — and closes a share
// of the gap each year. Grid investment is bought from capital-goods firms
// and financed by bank loans, less the share the government pays as a
// capital grant (power.publicBuildoutShare, a fiscal lever financed with
// bills). Fuel and operating costs are bought from consumption-goods firms;
// cash beyond a buffer is paid to households as dividends, as firms' is.
// The power market itself (loads, allocation, price, bills) is markets/power.ts.
import type { SpiralConfig } from "../../config/configTypes.ts";
import {
  type Books,
  debitParty,
  FlowRow,
  grantUtilityLoan,
  Party,
  recordFlow,
  Sector,
  transfer,
} from "../ledger.ts";
import type { AiChain, Banks, Firms, Government, MacroState, Utility } from "../state.ts";
import { Role } from "../state.ts";

type PowerParams = SpiralConfig["power"];

/** Hours in an average month. */
export const HOURS_PER_MONTH = 730;

/** p(u) / p0 in the wholesale price curve: 1 + a·u^k, u capped at the scarcity cap. */
export function scarcity(p: PowerParams, u: number): number {
  return 1 + p.scarcityWeight * Math.min(p.scarcityUtilizationCap, Math.max(0, u)) ** p.scarcityExponent;
}

/**
 * The utility at the start: capacity such that the initial load is at
 * power.initialUtilization, a pipeline that replaces retirements and
 * follows the base load's trend, half-depreciated grid capital, and no
 * deposits or debt — so the initial balance sheet of the rest of the
 * economy is unchanged. Like the chain's, the grid stands still until
 * aiChain.start (the utility only maintains it), so the chain meets the
 * grid of the calibration.
 */
export function createUtility(
  config: SpiralConfig,
  scale: number,
  dataCentreGw: number,
  outputReal: number,
  banks: number,
  active: boolean,
): Utility {
  const p = config.power;
  const base = active ? p.baseLoadGw * scale : 0;
  const capacity = active ? (base + dataCentreGw) / p.initialUtilization : 0;
  const lifeMonths = p.lifeYears * 12;
  // Ordered before the start: replacements and the load growth that forecasts expect from aiChain.start on.
  const trendGw = (base * p.baseLoadGrowthYearly) / 12 / p.targetUtilization;
  const pipeline = new Float64Array(p.buildMonths).fill(capacity / lifeMonths + trendGw);
  // Model GW and model dollars carry the same scale factor, so the cost per GW is unscaled.
  const costPerGw = p.costPerGwUsdBn * 1e9;
  const history = new Float64Array(13).fill(active ? dataCentreGw : 0);
  return {
    active,
    bank: Math.min(1, banks - 1),
    deposits: 0,
    loans: 0,
    capacityGw: capacity,
    pipelineGw: pipeline,
    gridCapital: 0.5 * capacity * costPerGw,
    orderGw: 0,
    capexBudget: 0,
    capexPaid: 0,
    deliveredGw: 0,
    publicGrant: 0,
    revenue: 0,
    opexPaid: 0,
    interestPaid: 0,
    profit: 0,
    dividendDue: 0,
    baseLoadGw: base,
    dataCentreDemandGw: active ? dataCentreGw : 0,
    dataCentreGridGw: active ? dataCentreGw : 0,
    onsiteGw: 0,
    poweredShare: 1,
    strandedCapex: 0,
    utilization: active ? p.initialUtilization : 0,
    price: active
      ? (p.priceAtStartUsdPerMwh * scarcity(p, p.initialUtilization)) / scarcity(p, p.targetUtilization)
      : 0,
    electricityCpi: active ? 1 : 0,
    householdShare: 0,
    goodsPriceIndex: config.initial.priceLevel,
    initialOutputReal: outputReal,
    outputSmoothed: outputReal,
    initialBaseLoadGw: base,
    scarcityAtTarget: scarcity(p, p.targetUtilization),
    scarcityAtStart: scarcity(p, p.initialUtilization),
    dataCentreHistory: history,
  };
}

/** The chain's data-centre capacity under construction at clouds that have not defaulted (`b`: aiChain.buildMonths). */
function dataCentrePipeline(c: Pick<AiChain, "n" | "defaulted" | "role" | "pipelineGw">, b: number): number {
  let gw = 0;
  for (let i = 0; i < c.n; i++) {
    if (c.defaulted[i] === 1 || c.role[i] === Role.chip || c.role[i] === Role.modelLab) continue;
    for (let k = 0; k < b; k++) gw += c.pipelineGw[i * b + k];
  }
  return gw;
}

/**
 * Capacity order for this month: replace what retires, follow the base
 * load's forecast trend, and close a share of the gap between the capacity
 * the projected load needs (at the target utilisation, `buildMonths` ahead)
 * and the capacity that will be there by then — mostly data centres, seen
 * through the chain's capacity under construction and last year's growth.
 * (The gap is the price signal too: the price is a function of the same
 * utilisation.) A public share of the cost lowers the utility's own cost per
 * GW, so it closes the gap faster in proportion; no money buys more than
 * power.maxOrderGwYearly of interconnection and equipment a year.
 * Writes only `utility` (planCapacityOrder); `chainBuildMonths` is
 * aiChain.buildMonths, the layout of the chain's pipeline.
 */
export function planUtility(
  utility: Utility,
  chain: Pick<AiChain, "n" | "defaulted" | "role" | "pipelineGw" | "chainStartTick">,
  p: PowerParams,
  chainBuildMonths: number,
  x: Omit<CapacityOrderInputs, "warmUp" | "dataCentrePipelineGw">,
): void {
  const u = utility;
  if (!u.active) return;
  const warm = x.tick < chain.chainStartTick;
  // The chain's pipeline is only seen once the chain has started (warm-up: maintenance only).
  const dcPipelineGw = warm ? 0 : dataCentrePipeline(chain, chainBuildMonths);
  planCapacityOrder(u, p, {
    warmUp: warm,
    tick: x.tick,
    capitalGoodsPrice: x.capitalGoodsPrice,
    dataCentrePipelineGw: dcPipelineGw,
    scale: x.scale,
  });
}

/** What planCapacityOrder reads besides the utility and the power parameters. */
export interface CapacityOrderInputs {
  /** Before aiChain.start: the utility only maintains the grid. */
  warmUp: boolean;
  tick: number;
  /** Price index of capital goods (the grid's equipment and construction). */
  capitalGoodsPrice: number;
  /** Data-centre capacity under construction at live clouds, model GW. */
  dataCentrePipelineGw: number;
  /** Model units per US unit (params.scale). */
  scale: number;
}

/**
 * planUtility's rule on the utility's own record (sets `orderGw` and
 * `capexBudget`): in the warm-up, replace what wears out; after it, replace
 * retirements, follow the base load's trend and close
 * power.investmentResponseYearly of the capacity gap a year, faster in
 * proportion to the public share, capped at power.maxOrderGwYearly.
 */
export function planCapacityOrder(u: Utility, p: PowerParams, x: CapacityOrderInputs): void {
  const lifeMonths = p.lifeYears * 12;
  const capitalPrice = p.costPerGwUsdBn * 1e9 * x.capitalGoodsPrice;
  if (x.warmUp) {
    // Warm-up: maintenance only (what wears out is replaced at once).
    u.orderGw = u.capacityGw / lifeMonths;
    u.capexBudget = u.orderGw * capitalPrice;
    return;
  }
  const years = p.buildMonths / 12;
  // The base load's trend is public in load forecasts: the utility plans for it.
  const baseAhead = u.baseLoadGw * (1 + p.baseLoadGrowthYearly) ** years;
  const dcNow = u.dataCentreDemandGw;
  const dcYearAgo = u.dataCentreHistory[(x.tick + 1) % 13];
  const dcGrowth = Math.max(0, dcNow - dcYearAgo) * years;
  const dcAhead = dcNow + p.dataCentreForecastWeight * (x.dataCentrePipelineGw + dcGrowth);
  const needed = (baseAhead + dcAhead) / p.targetUtilization;
  let pipeline = 0;
  for (let k = 0; k < u.pipelineGw.length; k++) pipeline += u.pipelineGw[k];
  const ahead = u.capacityGw * Math.max(0, 1 - p.buildMonths / lifeMonths) + pipeline;
  const gap = Math.max(0, needed - ahead);
  // Retirements and the forecast's trend are built as a matter of course; the gap is closed gradually.
  const trendGw = (u.baseLoadGw * p.baseLoadGrowthYearly) / 12 / p.targetUtilization;
  u.orderGw = Math.min(
    (p.maxOrderGwYearly * x.scale) / 12,
    u.capacityGw / lifeMonths +
      trendGw +
      (gap * p.investmentResponseYearly) / 12 / (1 - p.publicBuildoutShare),
  );
  u.capexBudget = u.orderGw * capitalPrice;
}

/**
 * Buy from non-AI firms' stocks left after households, the government and
 * the chain, in proportion to each firm's stock: fuel and operations from
 * consumption-goods firms, grid equipment and construction from
 * capital-goods firms. Returns [nominal, real] bought.
 */
function buyFromStocks(
  books: Books,
  f: Firms,
  lo: number,
  hi: number,
  budget: number,
  row: number,
): [number, number] {
  let stockValue = 0;
  for (let j = lo; j < hi; j++) stockValue += f.inventory[j] * f.price[j];
  if (budget <= 0) return [0, 0];
  // Demand the stocks cannot meet still reaches the firms' sales expectations, so they produce for it.
  const unmet = Math.max(0, budget - stockValue);
  for (let j = lo; j < hi; j++) f.demandReal[j] += unmet / (hi - lo) / f.price[j];
  if (stockValue <= 0) return [0, 0];
  const spend = Math.min(budget, stockValue);
  let real = 0;
  for (let j = lo; j < hi; j++) {
    const pay = (spend * f.inventory[j] * f.price[j]) / stockValue;
    if (pay <= 0) continue;
    const q = pay / f.price[j];
    transfer(books, row, Party.utility, 0, Party.firm, j, pay);
    f.inventory[j] -= q;
    f.revenue[j] += pay;
    f.salesNominal[j] += pay;
    f.salesReal[j] += q;
    f.demandReal[j] += q;
    real += q;
  }
  return [spend, real];
}

/**
 * The utility's purchases this month. The government's grant comes first,
 * then a bank loan covers what deposits cannot (a regulated utility
 * refinances its investment); capacity ordered is what was delivered.
 * Writes `utility`, the selling firms' stocks and sales, and the month's
 * investment in `macro`; the money moves through `books`.
 */
export function utilityBuysGoods(
  utility: Utility,
  firms: Firms,
  macro: Pick<MacroState, "investmentReal" | "investmentNominal">,
  p: PowerParams,
  books: Books,
): void {
  const u = utility;
  u.capexPaid = 0;
  u.opexPaid = 0;
  u.publicGrant = 0;
  u.deliveredGw = 0;
  if (!u.active) return;
  const f = firms;
  // What the stocks can supply, so that grant and loan match what is bought.
  let capitalStock = 0;
  for (let j = f.nConsumption; j < f.n; j++) capitalStock += f.inventory[j] * f.price[j];
  let consumptionStock = 0;
  for (let j = 0; j < f.nConsumption; j++) consumptionStock += f.inventory[j] * f.price[j];
  const capex = Math.min(u.capexBudget, capitalStock);
  const opex = Math.min(p.opexShareOfRevenue * u.revenue, consumptionStock);
  const grant = p.publicBuildoutShare * capex;
  if (grant > 0) {
    transfer(books, FlowRow.gridGrants, Party.government, 0, Party.utility, 0, grant);
    u.publicGrant = grant;
  }
  const short = capex + opex - u.deposits;
  if (short > 0) grantUtilityLoan(books, short);
  u.opexPaid = buyFromStocks(books, f, 0, f.nConsumption, opex, FlowRow.utilityPurchases)[0];
  const [paid, real] = buyFromStocks(books, f, f.nConsumption, f.n, capex, FlowRow.investmentGoods);
  u.capexPaid = paid;
  u.deliveredGw = real / (p.costPerGwUsdBn * 1e9);
  macro.investmentReal += real;
  macro.investmentNominal += paid;
}

/**
 * Month-end accounts: capacity ordered `buildMonths` ago enters service and
 * capacity retires; depreciation; interest and principal to the bank
 * (borrowing what deposits cannot cover); profit tax; and the dividend
 * declared: cash beyond the buffer. Writes `utility`, its bank's profit and
 * government.taxes; the money moves through `books`.
 */
export function accountUtility(
  utility: Utility,
  banks: Banks,
  government: Government,
  p: PowerParams,
  x: UtilityAccountInputs,
  books: Books,
): void {
  const u = utility;
  if (!u.active) return;
  const lifeMonths = p.lifeYears * 12;
  if (x.tick >= x.chainStartTick) {
    const slot = x.tick % p.buildMonths;
    const entering = u.pipelineGw[slot];
    u.pipelineGw[slot] = u.deliveredGw;
    u.capacityGw = u.capacityGw * (1 - 1 / lifeMonths) + entering;
  }
  const depreciation = u.gridCapital / lifeMonths;
  u.gridCapital += u.capexPaid - depreciation;

  const bank = u.bank;
  const interest = (u.loans * (x.policyRateYearly + banks.spreadYearly[bank])) / 12;
  const principal = u.loans / (p.loanMaturityYears * 12);
  const due = interest + principal;
  if (u.deposits < due) grantUtilityLoan(books, due - u.deposits);
  transfer(books, FlowRow.loanInterest, Party.utility, 0, Party.bank, bank, interest);
  banks.profit[bank] += interest;
  u.interestPaid = interest;
  grantUtilityLoan(books, -principal);

  const pretax = u.revenue - u.opexPaid - interest - depreciation;
  const tax = pretax > 0 ? Math.min(u.deposits, pretax * x.profitTaxRate) : 0;
  if (tax > 0) {
    transfer(books, FlowRow.profitTaxes, Party.utility, 0, Party.government, 0, tax);
    government.taxes += tax;
  }
  u.profit = pretax - tax;
  u.dividendDue = Math.max(0, u.deposits - p.cashBufferMonths * u.revenue);
}

/** What accountUtility reads besides the utility, its bank, the government and the power parameters. */
export interface UtilityAccountInputs {
  tick: number;
  /** The tick the AI chain starts acting (aiChain.chainStartTick): capacity enters service from then on. */
  chainStartTick: number;
  policyRateYearly: number;
  /** government.profitTaxRate. */
  profitTaxRate: number;
}

/**
 * Pay last month's declared dividend out of the utility's deposits (debited
 * here, through `books`; households are credited per equity unit with
 * firms' dividends). Returns the amount paid.
 */
export function payUtilityDividend(books: Books): number {
  const u = books.utility;
  const d = Math.min(u.dividendDue, Math.max(0, u.deposits));
  u.dividendDue = 0;
  if (d <= 0) return 0;
  debitParty(books, Party.utility, 0, d);
  recordFlow(books.ledger.flows, FlowRow.dividends, Sector.utility, Sector.households, d);
  return d;
}
