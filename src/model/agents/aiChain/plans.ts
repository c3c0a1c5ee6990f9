// Chain firms' plans (DESIGN §3, the upswing): expectations of demand growth
// are extrapolative — each firm updates its expected growth toward the
// growth of its own revenue over the past year — and clouds order capacity
// from expected growth and from their contracted backlog. While revenue and
// backlog grow, orders grow: investment → growth → expansion. Labs short of
// cash cancel compute contracts (paying the penalty): the downswing's first
// link.
import { FlowRow } from "../../ledger.ts";
import { chainPowerOutlook } from "../../markets/power.ts";
import type { ModelState } from "../../state.ts";
import { Role } from "../../state.ts";
import { payWithinChain } from "./attribution.ts";
import { revenuePerGwMonthly } from "./demand.ts";

/** Remaining binding value of each firm's contracts as seller (backlog). */
export function backlogOf(m: ModelState, seller: number): number {
  const c = m.aiChain;
  let total = 0;
  for (let k = 0; k < c.contractSeller.length; k++) {
    if (c.contractSeller[k] === seller && c.contractMonthsLeft[k] > 0)
      total += c.contractMonthly[k] * c.contractMonthsLeft[k];
  }
  return total;
}

/** What a firm owes per month under its active contracts as buyer. */
export function monthlyCommitments(m: ModelState, buyer: number): number {
  const c = m.aiChain;
  let total = 0;
  for (let k = 0; k < c.contractBuyer.length; k++) {
    if (c.contractBuyer[k] === buyer && c.contractMonthsLeft[k] > 0 && c.contractStart[k] <= m.tick)
      total += c.contractMonthly[k];
  }
  return total;
}

/** Expected growth, capacity orders (into the pipeline; paid at settlement), and lab cancellations. */
export function planChain(m: ModelState): void {
  const c = m.aiChain;
  const ai = m.config.aiChain;
  const ex = ai.expectations;
  const t = m.tick;
  const costPerGw = ai.costPerGwUsdBn * 1e9;
  for (let i = 0; i < c.n; i++) {
    c.capex[i] = 0;
    if (c.defaulted[i] === 1) continue;
    // Expected growth: toward last year's growth of this firm's revenue (smoothed over 3 months).
    const now =
      (c.revenueHistory[i * 13 + ((t - 1 + 13) % 13)] + c.revenueHistory[i * 13 + ((t - 2 + 13) % 13)]) / 2;
    const yearAgo = c.revenueHistory[i * 13 + (t % 13)];
    if (yearAgo > 0 && now > 0) {
      const observed = Math.max(-0.9, Math.min(5, now / yearAgo - 1));
      c.expectedGrowth[i] += ex.growthMemory * (observed - c.expectedGrowth[i]);
    }
    const role = c.role[i];
    if (role === Role.hyperscaler || role === Role.neocloud || role === Role.legacyCloud) {
      const monthlyRevenue = Math.max(1e-9, c.revenueHistory[i * 13 + ((t - 1 + 13) % 13)]);
      const backlogYears = backlogOf(m, i) / (12 * monthlyRevenue);
      let g =
        ex.capacityGrowthResponse * c.expectedGrowth[i] + ex.backlogResponse * Math.max(0, backlogYears - 1);
      // Idle capacity damps expansion: growth plans scale with utilisation relative to target.
      const capacityRevenue = c.computeGw[i] * revenuePerGwMonthly(m) * c.servicePrice;
      const utilization = capacityRevenue > 0 ? monthlyRevenue / capacityRevenue : 1;
      g *= Math.min(1.5, utilization / ai.targetUtilization);
      g *= chainPowerOutlook(m); // capacity that cannot be powered, or only dearly, is not worth ordering
      g = Math.max(0, Math.min(ex.maxCapacityGrowthYearly, g));
      // Replace what wears out, plus the planned growth.
      const orderGw = c.computeGw[i] * (1 / ai.gpuLifeMonths + g / 12);
      c.pipelineGw[i * ai.buildMonths + ((t + ai.buildMonths - 1) % ai.buildMonths)] += orderGw;
      c.capex[i] = orderGw * costPerGw;
    }
  }
}

/**
 * A lab whose cash covers less than `minRunwayMonths` of its commitments
 * cancels its largest remaining contract, paying the penalty to the seller
 * (if it can); the seller loses that backlog.
 */
export function cancelIfDistressed(m: ModelState, lab: number, minRunwayMonths: number): void {
  const c = m.aiChain;
  const burn = monthlyCommitments(m, lab) + c.labOpex[lab];
  if (burn <= 0 || c.deposits[lab] >= minRunwayMonths * burn) return;
  let worst = -1;
  let worstValue = 0;
  for (let k = 0; k < c.contractBuyer.length; k++) {
    if (c.contractBuyer[k] !== lab || c.contractMonthsLeft[k] <= 0) continue;
    const remaining = c.contractMonthly[k] * c.contractMonthsLeft[k];
    if (remaining > worstValue) {
      worstValue = remaining;
      worst = k;
    }
  }
  if (worst < 0) return;
  const penalty = Math.min(c.deposits[lab] * 0.5, worstValue * c.contractPenalty[worst]);
  payWithinChain(m, FlowRow.chainPurchases, lab, c.contractSeller[worst], penalty);
  m.events.push({
    type: "contractCancelled",
    buyer: c.names[lab],
    seller: c.names[c.contractSeller[worst]],
    remainingUsdBn: worstValue / m.params.scale / 1e9,
    penaltyUsdBn: penalty / m.params.scale / 1e9,
  });
  c.contractMonthsLeft[worst] = 0;
}
