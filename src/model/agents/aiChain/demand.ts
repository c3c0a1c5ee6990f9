// End-user demand for AI services (issue 3 item 3) and the price of AI
// services. Adoption follows a Bass (1969) diffusion whose pace rises with
// AI capability — deployed compute relative to the start, with a
// configurable elasticity — and spending falls with the price of services.
// Households (subscriptions), non-AI firms (using AI instead of work it
// replaces; the automation issue deepens this) and the government pay; labs
// receive most of it, clouds the rest directly. The price moves with the
// utilisation of compute capacity.
import type { ModelState } from "../../state.ts";
import { Role } from "../../state.ts";

/** Model dollars of revenue one model-GW earns per month at full use and price 1. */
export function revenuePerGwMonthly(m: ModelState): number {
  return (m.config.aiChain.revenuePerGwUsdBnYearly * 1e9) / 12;
}

/** Capacity built and in service at clouds that have not defaulted, powered or not (the data centres' power demand). */
export function builtCapacity(m: ModelState): number {
  const c = m.aiChain;
  let gw = 0;
  for (let i = 0; i < c.n; i++)
    if (c.defaulted[i] === 0 && c.role[i] !== Role.chip && c.role[i] !== Role.modelLab) gw += c.computeGw[i];
  return gw;
}

/** Capacity that earns revenue: built capacity that has power (markets/power.ts; all of it when the grid is inert). */
export function liveCapacity(m: ModelState): number {
  return builtCapacity(m) * m.utility.poweredShare;
}

/** Adoption step, this month's end-user spending, and the households' share of their consumption that goes to AI. */
export function updateAiDemand(m: ModelState): void {
  const c = m.aiChain;
  if (c.n === 0) return;
  const d = m.config.aiChain.demand;
  const capability = Math.max(1e-9, liveCapacity(m)) / Math.max(1e-9, c.initialCapacityGw);
  const pace = capability ** d.capabilityElasticity;
  const potential = d.potentialShareOfGdp * m.macro.gdpNominalSmoothed;
  // The first month: adoption starts where spending is what the configured
  // revenues imply (init.ts calibrateEndUserDemand), at the initial price.
  if (m.tick === c.chainStartTick && potential > 0) c.adoption = Math.min(1, c.endUserAtStart / potential);
  const a = c.adoption;
  c.adoption = Math.min(1, a + (pace * (d.innovationYearly + d.imitationYearly * a) * (1 - a)) / 12);
  c.endUserSpending = c.adoption * potential * c.servicePrice ** (1 - d.priceElasticity);
  // Households' part, as a share of what they spent on consumption last month.
  const consumption = Math.max(1e-9, m.macro.consumptionNominal);
  c.householdAiShare = Math.min(0.5, (d.householdShare * c.endUserSpending) / consumption);
}

/**
 * Price of AI services: up when capacity is used above target, down when
 * below (idle GPUs compete on price). Utilisation = services sold (end users
 * and labs' compute) / what live capacity can serve at the current price.
 */
export function updateServicePrice(m: ModelState, sold: number): void {
  const c = m.aiChain;
  const ai = m.config.aiChain;
  const capacity = liveCapacity(m) * revenuePerGwMonthly(m) * c.servicePrice;
  const utilization = capacity > 0 ? sold / capacity : 1;
  const change = ai.priceAdjustment * (Math.min(2, utilization) - ai.targetUtilization);
  c.servicePrice = Math.min(10, Math.max(0.05, c.servicePrice * (1 + change)));
}
