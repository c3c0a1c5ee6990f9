// End-user demand for AI services (issue 3 item 3; issue 18 item 1) and the
// price of AI services. Three segments — households (subscriptions), non-AI
// firms (AI in place of work it saves), the government — each adopt by a
// Bass (1969) diffusion whose pace rises with AI capability (deployed
// compute relative to the start) and lose users by churn, which rises when
// their budget falls below its trend (a downturn) and when a dollar of AI is
// worth less than when they adopted (dearer or less capable services; for
// firms, the cost savings the automation module measures when it is on). So
// adoption can reverse. Spending is adoption × the segment's share of a
// potential (a share of GDP), falling with the price and with the budget
// below trend. Labs receive most of it, clouds the rest directly
// (settlement.ts). The price moves with the utilisation of compute capacity.
import type { SpiralConfig } from "../../../config/configTypes.ts";
import type { AiChain, Automation, Firms, Government, MacroState, Utility } from "../../state.ts";
import { END_USER_SEGMENTS, EndUserSegment, Role } from "../../state.ts";

/** The config group aiChain (configs/schema.json). */
type AiChainConfig = SpiralConfig["aiChain"];

/** Model dollars of revenue one model-GW earns per month at full use and price 1 (aiChain.revenuePerGwUsdBnYearly). */
export function revenuePerGwMonthly(ai: Readonly<Pick<AiChainConfig, "revenuePerGwUsdBnYearly">>): number {
  return (ai.revenuePerGwUsdBnYearly * 1e9) / 12;
}

/**
 * One month of technology: the services a GW entering service serves grow
 * by (1 + g)^(1/12), g = aiChain.capacityTechnologyGrowthYearly. Capacity
 * already in service keeps the technology it entered with
 * (settlement.ts enterAndDepreciate), as a GPU does; a fibre route's new
 * wavelength-division multiplexing gear is capex, a new vintage
 * (docs/scenarios.md 'glut43 pass').
 */
export function advanceServicesPerGw(servicesPerGw: number, growthYearly: number): number {
  return servicesPerGw * (1 + growthYearly) ** (1 / 12);
}

/** Sum of a per-firm capacity column over the clouds that have not defaulted (chip makers and labs run no data centres). */
function sumOverLiveClouds(c: AiChain, column: Float64Array): number {
  let gw = 0;
  for (let i = 0; i < c.n; i++)
    if (c.defaulted[i] === 0 && c.role[i] !== Role.chip && c.role[i] !== Role.modelLab) gw += column[i];
  return gw;
}

/** Capacity built and in service at clouds that have not defaulted, powered or not (the data centres' power demand). */
export function builtCapacity(c: AiChain): number {
  return sumOverLiveClouds(c, c.computeGw);
}

/** Services built capacity can serve, in GW of the start's technology (serviceGw), at clouds that have not defaulted. */
export function builtServiceCapacity(c: AiChain): number {
  return sumOverLiveClouds(c, c.serviceGw);
}

/** Services the capacity that earns revenue can serve: builtServiceCapacity times the share the grid powers. */
export function liveServiceCapacity(x: ChainAndGrid): number {
  return builtServiceCapacity(x.aiChain) * x.utility.poweredShare;
}

/** Capacity that earns revenue: built capacity times the share the grid powers (markets/power.ts; 1 when the grid is inert). */
export function liveCapacityGw(c: AiChain, poweredShare: number): number {
  return builtCapacity(c) * poweredShare;
}

/** The chain and the grid's powered share, for callers that hold both (a ModelState satisfies it). */
export interface ChainAndGrid {
  readonly aiChain: AiChain;
  readonly utility: Readonly<Pick<Utility, "poweredShare">>;
}

/** Capacity that earns revenue (liveCapacityGw) of the chain and grid in `x`. */
export function liveCapacity(x: ChainAndGrid): number {
  return liveCapacityGw(x.aiChain, x.utility.poweredShare);
}

/** Parameters of one month of end-user demand: the config group aiChain.demand (configs/schema.json), less the labs' share, which settlement uses. */
export type AiDemandParams = Readonly<Omit<SpiralConfig["aiChain"]["demand"], "labShare">>;

/** What end-user demand needs from the rest of the economy this month (no ModelState). */
export interface AiDemandInputs {
  /** Live compute relative to the chain's start (AI capability grows with compute). */
  capability: number;
  /** Price index of AI services (1 at the start). */
  servicePrice: number;
  /** Nominal GDP per month, smoothed (macro.gdpNominalSmoothed). */
  gdpNominalSmoothed: number;
  /** Households' consumption last month (for their AI share of it). */
  consumptionNominal: number;
  /** Per segment: its budget (households' consumption, non-AI firms' profits, government purchases). */
  budgets: Float64Array;
  /** The AI chain's market value over its running peak (1 at a peak): AI-native firms' funding follows it. */
  equityRatio: number;
  /** Per segment: value of a dollar of AI relative to the start (capability / price; for firms the cost savings, see aiValueForFirms). */
  valuePerDollar: Float64Array;
  /** True in the chain's first month: the state starts where spending is what the configured revenues imply. */
  first: boolean;
}

/** Each segment's share of end-user spending at equal adoption: households, non-AI firms, government. */
export function segmentShare(segment: number, d: AiDemandParams): number {
  if (segment === EndUserSegment.households) return d.householdShare;
  if (segment === EndUserSegment.government) return d.governmentShare;
  return Math.max(0, 1 - d.householdShare - d.governmentShare);
}

/**
 * Yearly churn of users: a base rate, plus budgetChurn per unit of the
 * budget's shortfall below its trend (budgets cut in a downturn), plus
 * valueChurn per unit of the value of a dollar of AI below its level at the
 * start (users leave when the service costs more or does less than when
 * they adopted it).
 */
export function churnYearly(budgetRatio: number, valueRatio: number, d: AiDemandParams): number {
  return (
    d.churnYearly + d.budgetChurn * Math.max(0, 1 - budgetRatio) + d.valueChurn * Math.max(0, 1 - valueRatio)
  );
}

/**
 * One month of adoption: Bass (1969) inflow, pace × (p + q·a)·(1 − a)/12,
 * less churn·a/12 — so adoption can fall. Clamped to [0, 1].
 */
export function stepAdoption(a: number, pace: number, churn: number, d: AiDemandParams): number {
  const inflow = (pace * (d.innovationYearly + d.imitationYearly * a) * (1 - a)) / 12;
  return Math.min(1, Math.max(0, a + inflow - (churn * a) / 12));
}

/**
 * A segment's spending this month: adoption × its share of the potential
 * (potentialShareOfGdp × smoothed GDP) × price^(1 − ε) × (budget / trend)^η —
 * users buy by value and price, and spend less per user when their budget
 * is below its trend.
 */
export function segmentSpending(
  adoption: number,
  potentialMonthly: number,
  servicePrice: number,
  budgetRatio: number,
  d: AiDemandParams,
): number {
  return (
    adoption *
    potentialMonthly *
    servicePrice ** (1 - d.priceElasticity) *
    Math.max(0, budgetRatio) ** d.budgetElasticity
  );
}

/** Weights of the budgets' fast (a quarter) and slow (two years) moving averages. */
const BUDGET_FAST = 1 / 3;
const BUDGET_SLOW = 1 / 24;

/**
 * One month of end-user demand (issue 18 item 1), per segment: budgets and
 * their trends, adoption (Bass with churn), spending; writes the segment
 * columns, the total, the aggregate adoption and the households' AI share
 * of consumption. In the first month each segment's adoption is set where
 * its spending is its share of the configured start (endUserAtStart), and
 * does not move until the next month: the first month's spending is the
 * configured run rate.
 */
export function planAiDemand(c: AiChain, x: AiDemandInputs, d: AiDemandParams): void {
  const potential = d.potentialShareOfGdp * x.gdpNominalSmoothed; // GDP per month (macro.ts)
  const pace = Math.max(1e-9, x.capability) ** d.capabilityElasticity;
  let total = 0;
  let adoption = 0;
  for (let s = 0; s < END_USER_SEGMENTS; s++) {
    const share = segmentShare(s, d);
    const budget = Math.max(1e-9, x.budgets[s]);
    if (x.first) {
      c.budgetFast[s] = budget;
      c.budgetSlow[s] = budget;
      c.adoptionBySegment[s] = potential > 0 ? Math.min(1, c.endUserAtStart / potential) : 0;
    } else {
      c.budgetFast[s] += BUDGET_FAST * (budget - c.budgetFast[s]);
      c.budgetSlow[s] += BUDGET_SLOW * (budget - c.budgetSlow[s]);
    }
    let ratio = c.budgetSlow[s] > 0 ? c.budgetFast[s] / c.budgetSlow[s] : 1;
    // Part of firms' AI use is by AI-native firms funded by venture capital, whose budgets follow AI valuations.
    if (s === EndUserSegment.firms) ratio = (1 - d.startupShare) * ratio + d.startupShare * x.equityRatio;
    const churn = churnYearly(ratio, x.valuePerDollar[s], d);
    // The first month is the configured late-2025 state: adoption moves from the next month on.
    if (!x.first) c.adoptionBySegment[s] = stepAdoption(c.adoptionBySegment[s], pace, churn, d);
    const spend = segmentSpending(c.adoptionBySegment[s], share * potential, x.servicePrice, ratio, d);
    c.endUserBySegment[s] = spend;
    total += spend;
    adoption += share * c.adoptionBySegment[s];
  }
  c.adoption = adoption;
  c.endUserSpending = total;
  // Households' part, as a share of what they spent on consumption last month.
  c.householdAiShare = Math.min(
    0.5,
    c.endUserBySegment[EndUserSegment.households] / Math.max(1e-9, x.consumptionNominal),
  );
}

/**
 * Value of a dollar of AI to non-AI firms relative to the start: the cost
 * saving of doing a task with AI — capability × the wage it replaces ÷ the
 * AI price — as the automation module measures it (agents/automation.ts
 * costRatio; its capability index and reference wage) when automation is on;
 * otherwise capability^elasticity ÷ price.
 */
export function aiValueForFirms(
  automation: Readonly<Pick<Automation, "capabilityIndex" | "referenceWage">>,
  automationEnabled: boolean,
  macro: Readonly<Pick<MacroState, "wagesPaid" | "employment">>,
  servicePrice: number,
  capabilityValue: number,
): number {
  const a = automation;
  if (automationEnabled && a.referenceWage > 0 && macro.employment > 0) {
    const wage = macro.wagesPaid / macro.employment;
    return (a.capabilityIndex * wage) / (a.referenceWage * servicePrice);
  }
  return capabilityValue / servicePrice;
}

/** The month and the economy's records end-user demand reads (schedule.ts "Plans"). */
export interface AiDemandEconomy {
  tick: number;
  /** Share of the chain's built capacity the grid powers (utility.poweredShare). */
  poweredShare: number;
  macro: Readonly<Pick<MacroState, "gdpNominalSmoothed" | "consumptionNominal" | "wagesPaid" | "employment">>;
  /** Non-AI firms: their earnings are the firms segment's budget. */
  firms: Readonly<Pick<Firms, "n" | "earnings">>;
  /** Government purchases are the government segment's budget. */
  government: Readonly<Pick<Government, "purchases">>;
  /** The automation module's capability index and reference wage (aiValueForFirms). */
  automation: Readonly<Pick<Automation, "capabilityIndex" | "referenceWage">>;
}

/** Parameters of updateAiDemand: the config group aiChain.demand and whether automation is on (automation.enabled). */
export interface AiDemandUpdateParams {
  demand: AiDemandParams;
  automationEnabled: boolean;
}

/**
 * The demand inputs of this month, gathered from the chain and the economy:
 * capability (live over initial capacity), the segments' budgets and the
 * value of a dollar of AI to each. A fresh record each month (nothing
 * carries over between ticks, so nothing lives outside the state).
 */
export function gatherAiDemandInputs(
  c: AiChain,
  e: AiDemandEconomy,
  p: AiDemandUpdateParams,
): AiDemandInputs {
  const capability = Math.max(1e-9, liveCapacityGw(c, e.poweredShare)) / Math.max(1e-9, c.initialCapacityGw);
  let profits = 0;
  for (let j = 0; j < e.firms.n; j++) profits += e.firms.earnings[j];
  const budgets = new Float64Array(END_USER_SEGMENTS);
  budgets[EndUserSegment.households] = e.macro.consumptionNominal;
  budgets[EndUserSegment.firms] = profits;
  budgets[EndUserSegment.government] = e.government.purchases;
  const value = capability ** p.demand.capabilityElasticity;
  const valuePerDollar = new Float64Array(END_USER_SEGMENTS);
  valuePerDollar[EndUserSegment.households] = value / c.servicePrice;
  valuePerDollar[EndUserSegment.government] = value / c.servicePrice;
  valuePerDollar[EndUserSegment.firms] = aiValueForFirms(
    e.automation,
    p.automationEnabled,
    e.macro,
    c.servicePrice,
    value,
  );
  return {
    capability,
    servicePrice: c.servicePrice,
    gdpNominalSmoothed: e.macro.gdpNominalSmoothed,
    consumptionNominal: e.macro.consumptionNominal,
    budgets,
    equityRatio: c.marketPeak > 0 ? Math.min(1, c.marketCapTotal / c.marketPeak) : 1,
    valuePerDollar,
    first: e.tick === c.chainStartTick,
  };
}

/** One month of end-user AI demand: gathers the inputs and runs planAiDemand (schedule.ts "Plans"). Writes the chain's demand columns. */
export function updateAiDemand(c: AiChain, e: AiDemandEconomy, p: AiDemandUpdateParams): void {
  if (c.n === 0) return;
  planAiDemand(c, gatherAiDemandInputs(c, e, p), p.demand);
}

/** Parameters of the price of AI services: aiChain's priceAdjustment, targetUtilization and revenue per GW. */
export type ServicePriceParams = Readonly<
  Pick<AiChainConfig, "priceAdjustment" | "targetUtilization" | "revenuePerGwUsdBnYearly">
>;

/**
 * Price of AI services: up when capacity is used above target, down when
 * below (idle GPUs compete on price). Utilisation = services sold (end users
 * and labs' compute) / what live capacity can serve at the current price
 * (liveServiceGw: live capacity in GW of the start's technology,
 * liveServiceCapacity). Kept within [0.05 ÷ servicesPerGw, 10]: the floor is
 * 5 % of the start's revenue per GW of today's technology, so it falls with
 * the frontier (aiChain.capacityTechnologyGrowthYearly) — a fixed floor of
 * 0.05 per unit of service would bind after 4.3 years at g = 1 however the
 * market clears (0.05 at the start, servicesPerGw 1 while g is 0).
 */
export function updateServicePrice(
  c: AiChain,
  liveServiceGw: number,
  sold: number,
  ai: ServicePriceParams,
): void {
  const capacity = liveServiceGw * revenuePerGwMonthly(ai) * c.servicePrice;
  const utilization = capacity > 0 ? sold / capacity : 1;
  const change = ai.priceAdjustment * (Math.min(2, utilization) - ai.targetUtilization);
  c.servicePrice = Math.min(10, Math.max(0.05 / c.servicesPerGw, c.servicePrice * (1 + change)));
}
