// Chain firms' plans (docs/ODD.md §7.13, the upswing): expectations of demand growth
// are extrapolative — each firm updates its expected growth toward the
// growth of its own revenue over the past year — and clouds order capacity
// from expected growth and from their contracted backlog. While revenue and
// backlog grow, orders grow: investment → growth → expansion. Orders scale
// with the funding conditions (the firm's spread, the chain's market value
// against its peak) and worn-out capacity is replaced only as far as it is
// used, so when financing stalls orders are cut hard. Labs short of
// cash cancel compute contracts (paying the penalty): the downswing's first
// link.
import type { SpiralConfig } from "../../../config/configTypes.ts";
import type { ModelEvent } from "../../events.ts";
import { type Books, FlowRow } from "../../ledger.ts";
import type { AiChain } from "../../state.ts";
import { ChainAccount, Role } from "../../state.ts";
import { payWithinChain } from "./attribution.ts";
import { cdsIndexBp } from "./credit.ts";
import { revenuePerGwMonthly } from "./demand.ts";

/**
 * What a firm's active contracts amount to per month — as buyer or as
 * seller, counting only contracts already started or also those signed for
 * later.
 */
export function monthlyContracted(
  c: AiChain,
  tick: number,
  firm: number,
  asSeller: boolean,
  startedOnly: boolean,
): number {
  const side = asSeller ? c.contractSeller : c.contractBuyer;
  let total = 0;
  for (let k = 0; k < side.length; k++) {
    if (side[k] !== firm || c.contractMonthsLeft[k] <= 0) continue;
    if (startedOnly && c.contractStart[k] > tick) continue;
    total += c.contractMonthly[k];
  }
  return total;
}

/** Remaining binding value of each firm's contracts as seller (backlog). */
export function backlogOf(
  c: Readonly<Pick<AiChain, "contractSeller" | "contractMonthsLeft" | "contractMonthly">>,
  seller: number,
): number {
  let total = 0;
  for (let k = 0; k < c.contractSeller.length; k++) {
    if (c.contractSeller[k] === seller && c.contractMonthsLeft[k] > 0)
      total += c.contractMonthly[k] * c.contractMonthsLeft[k];
  }
  return total;
}

/** What a firm owes per month under its active contracts as buyer (started by `tick`). */
export function monthlyCommitments(c: AiChain, tick: number, buyer: number): number {
  return monthlyContracted(c, tick, buyer, false, true);
}

/**
 * The part of a buyer's monthly commitments owed to chip makers (GPU
 * orders): it pays for the GPU part of its capex (settlement.ts), so it is
 * not an outgoing on top of capex.
 */
export function monthlyGpuCommitments(c: AiChain, tick: number, buyer: number): number {
  let total = 0;
  for (let k = 0; k < c.contractBuyer.length; k++) {
    if (c.contractBuyer[k] !== buyer || c.contractMonthsLeft[k] <= 0 || c.contractStart[k] > tick) continue;
    if (c.role[c.contractSeller[k]] === Role.chip) total += c.contractMonthly[k];
  }
  return total;
}

/** Parameters of capacityOrderFactor (schema aiChain.orders). */
export interface OrderFundingParams {
  /** CDS spread (bp) up to which the cost of credit does not cut orders. */
  referenceSpreadBp: number;
  /** Log fall of orders per 100 bp of spread above the reference. */
  spreadSemiElasticity: number;
  /** Elasticity of orders to the chain's market value ÷ its peak. */
  equityElasticity: number;
}

/**
 * How much of its planned capacity orders a cloud places, given its funding
 * conditions (docs/ODD.md §7.13; schema aiChain.orders; docs/calibration.md
 * §11.4): the cost and availability of credit — exp(−s·(spread − reference)/100)
 * for the sector's CDS index above the high-yield average (Gilchrist & Zakrajšek
 * 2012: spreads predict investment) — times the price of equity — (the
 * chain's market value ÷ its peak)^e (Baker, Stein & Wurgler 2003:
 * equity-dependent firms invest with their share price), the peak fading
 * over aiChain.orders.equityMemoryMonths (ordersEquityReference). 1 in calm markets
 * at the peak; when financing stalls — spreads of 1 550 bp, equity at half
 * its peak — ≈ 0.18 with the defaults, the order of carriers' capex cuts of
 * 2000–03 (≈ −55 %, docs/calibration.md §11.1) on top of the growth plans
 * that idle capacity already stops. Pure.
 *
 * @example capacityOrderFactor(300, 1, { referenceSpreadBp: 550, spreadSemiElasticity: 0.1, equityElasticity: 1 }) // 1
 * @example capacityOrderFactor(1550, 0.5, { referenceSpreadBp: 550, spreadSemiElasticity: 0.1, equityElasticity: 1 }) // ≈ 0.184
 */
export function capacityOrderFactor(spreadBp: number, equityRatio: number, p: OrderFundingParams): number {
  const excess = Math.max(0, (Number.isFinite(spreadBp) ? spreadBp : 0) - p.referenceSpreadBp);
  const credit = Math.exp((-p.spreadSemiElasticity * excess) / 100);
  const ratio = Number.isFinite(equityRatio) ? Math.min(1, Math.max(0, equityRatio)) : 1;
  return credit * ratio ** p.equityElasticity;
}

/**
 * The market value capacity orders compare today's with: the running peak,
 * fading toward the current value by 1/`memoryMonths` of the gap a month —
 * so a crash cuts orders hard at first, and as the market settles at its new
 * level the memory of the old peak fades and orders recover (carriers' capex
 * stopped falling in 2004 with telecom shares still far below their 2000
 * peak; docs/calibration.md §11.1, §11.3). The first call (reference 0)
 * starts it at the current value. Pure.
 *
 * @example ordersEquityReference(100, 50, 24) // 97.9…: 100 − 50/24
 * @example ordersEquityReference(100, 120, 24) // 120: a new peak
 */
export function ordersEquityReference(reference: number, marketCap: number, memoryMonths: number): number {
  if (!(reference > 0)) return marketCap;
  if (marketCap >= reference) return marketCap;
  return reference + (marketCap - reference) / Math.max(1, memoryMonths);
}

/**
 * Share of worn-out capacity a cloud replaces: as far as its capacity is
 * used — utilisation ÷ target, at most 1. Idle capacity is let run down
 * rather than renewed, as carriers stopped laying fibre while only a few
 * per cent of it was lit (docs/calibration.md §11.2). Pure.
 *
 * @example replacementShare(0.425, 0.85) // 0.5
 */
export function replacementShare(utilization: number, targetUtilization: number): number {
  if (!(targetUtilization > 0) || !Number.isFinite(utilization)) return 1;
  return Math.min(1, Math.max(0, utilization / targetUtilization));
}

/**
 * Time to build (aiChain.orders.progressPayments): an order of `value`
 * placed at `tick` is paid in equal instalments over the `buildMonths`
 * months from this one — value ÷ buildMonths added to each slot of the
 * firm's ring `due[offset … offset + buildMonths − 1]` (slot tick mod
 * buildMonths is this month) — and this month's slot is paid: returns it and
 * clears it. Investment expenditure spread over the periods of construction
 * in equal parts (Kydland & Prescott 1982, Econometrica 50): spending lags
 * orders by (buildMonths − 1)/2 months on average. Writes `due`.
 *
 * @example payOrderInInstalments(new Float64Array([0, 0, 0]), 0, 3, 4, 30) // 10; the ring is then [10, 0, 10]
 */
export function payOrderInInstalments(
  due: Float64Array,
  offset: number,
  buildMonths: number,
  tick: number,
  value: number,
): number {
  const b = Math.max(1, buildMonths);
  for (let k = 0; k < b; k++) due[offset + k] += value / b;
  const slot = offset + (tick % b);
  const paid = due[slot];
  due[slot] = 0;
  return paid;
}

/** The config group aiChain (configs/schema.json): planChain reads its expectations, orders, costs and lives. */
export type ChainPlanParams = Readonly<SpiralConfig["aiChain"]>;

/** The month as the chain's plans see it: the tick and the model's scale (model dollars per US dollar). */
export interface ChainMonth {
  tick: number;
  scale: number;
}

/**
 * Expected growth, capacity orders (into the pipeline; paid at settlement),
 * and labs' new compute contracts. `powerOutlook` is the grid's outlook for
 * new data centres (markets/power.ts chainPowerOutlook, 1 when the grid is
 * inert). Writes the chain's expectations, capex, pipeline and contracts;
 * signed contracts go to `events`.
 */
export function planChain(
  c: AiChain,
  powerOutlook: number,
  month: ChainMonth,
  ai: ChainPlanParams,
  events: ModelEvent[],
): void {
  const ex = ai.expectations;
  const t = month.tick;
  const costPerGw = ai.costPerGwUsdBn * 1e9;
  // Funding conditions of the sector (aiChain.orders): its credit market — the chain's CDS index, as the
  // high-yield market was the telecom carriers' — and its equity, the chain's market value against its peak.
  c.ordersEquityReference = ordersEquityReference(
    c.ordersEquityReference,
    c.marketCapTotal,
    ai.orders.equityMemoryMonths,
  );
  const equityRatio = c.ordersEquityReference > 0 ? c.marketCapTotal / c.ordersEquityReference : 1;
  const sectorSpreadBp = cdsIndexBp(c.cdsBp, c.indexMember, c.n);
  for (let i = 0; i < c.n; i++) {
    c.capex[i] = 0;
    if (c.defaulted[i] === 1) {
      // A firm in default pays no instalment (aiChain.orders.progressPayments): this month's lapses.
      if (ai.orders.progressPayments) c.capexDue[i * ai.buildMonths + (t % ai.buildMonths)] = 0;
      continue;
    }
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
      const backlogYears = backlogOf(c, i) / (12 * monthlyRevenue);
      let g =
        ex.capacityGrowthResponse * c.expectedGrowth[i] + ex.backlogResponse * Math.max(0, backlogYears - 1);
      // Idle capacity damps expansion: growth plans scale with utilisation relative to target.
      const capacityRevenue = c.serviceGw[i] * revenuePerGwMonthly(ai) * c.servicePrice;
      const utilization = capacityRevenue > 0 ? monthlyRevenue / capacityRevenue : 1;
      g *= Math.min(1.5, utilization / ai.targetUtilization);
      g *= powerOutlook; // capacity that cannot be powered, or only dearly, is not worth ordering
      g = Math.max(0, Math.min(ex.maxCapacityGrowthYearly, g));
      // Replace what wears out as far as it is used, plus the planned growth — scaled by the funding conditions.
      const funding = capacityOrderFactor(sectorSpreadBp, equityRatio, ai.orders);
      const replace = replacementShare(utilization, ai.targetUtilization);
      const orderGw = c.computeGw[i] * (replace / ai.gpuLifeMonths + g / 12) * funding;
      c.pipelineGw[i * ai.buildMonths + ((t + ai.buildMonths - 1) % ai.buildMonths)] += orderGw;
      c.capex[i] = ai.orders.progressPayments
        ? payOrderInInstalments(c.capexDue, i * ai.buildMonths, ai.buildMonths, t, orderGw * costPerGw)
        : orderGw * costPerGw;
    }
    if (role === Role.modelLab && t % 3 === 0 && ex.newContractMonths > 0)
      signComputeContract(c, i, month, ai, events);
  }
}

/**
 * Smallest compute contract a lab signs, in USD at real-US scale (its whole
 * value, monthly amount × months). Below it the "gap" is rounding residue,
 * not demand: after a lab defaults, its revenue can be floating-point
 * residue (≈ 1e-4 USD a year in the baseline-2025 scenario), and without
 * this floor the lab signed a contract of ≈ 5e-4 USD every quarter and
 * cancelled it in the same month (a contractSigned and a contractCancelled
 * line in events.ndjson each time). Real contracts are 9 or more orders of
 * magnitude larger (the default aiChain.computeContracts are USD 22–300 bn
 * each), so the floor changes no economics.
 */
export const NEGLIGIBLE_CONTRACT_USD = 1;

/**
 * Whether a firm reorganised before is still bound by its exit facility's
 * covenants, which limit new capital commitments (the capital-expenditure
 * and new-commitment covenants of exit and DIP-to-exit loans) until the
 * business has recovered: its revenue (the last three months' average) is
 * not above its revenue at its last default. Under them a lab signs new
 * compute only as far as its revenue pays for it after its operating costs
 * and interest — it renews the compute whose contracts expire, but burns no
 * cash on it (signComputeContract). Without it a lab just out of court,
 * its compute repriced to what its run-rate revenue pays, signed a new
 * multi-year contract sized to a year of its cash on top of its revenue,
 * could not pay it with its operating costs, cancelled its compute and
 * defaulted again 11–17 months later (5 of 20 baseline-2025 seeds).
 *
 * @example underExitCovenant(1, 1.5, 1.9) // true: not yet recovered
 */
export function underExitCovenant(defaultCount: number, revenue: number, revenueAtDefault: number): boolean {
  return defaultCount > 0 && revenue <= revenueAtDefault;
}

/**
 * Whether a lab signs a new multi-year compute contract with a cloud whose
 * yearly default probability is `pdYearly` (aiChain.expectations.
 * sellerMaxDefaultProbability, docs/ODD.md §7.13): only while that supplier
 * could still be funded — its PD at most `maxPd`. A customer signing for
 * four years of service weighs the supplier's survival: demand for a
 * durable good or a service contract falls as the seller's default risk
 * rises (Titman 1984, J. Financial Economics 13; Hortaçsu, Matvos,
 * Syverson & Venkataraman 2013, Rev. Financial Studies 26: used-car prices
 * of a maker fall with its CDS spread), and customers moved their traffic
 * from the distressed CLECs to the incumbents in 2000–01 (docs/calibration.md
 * §11.2). `maxPd` 1 keeps every cloud eligible (the rule off); a PD that is
 * not a number is not held against the seller. Pure.
 *
 * @example sellerAcceptable(0.55, 0.2) // false: the Winstar-like carrier in late 2000
 * @example sellerAcceptable(0.55, 1) // true: the rule off
 */
export function sellerAcceptable(pdYearly: number, maxPd: number): boolean {
  return !(pdYearly > maxPd);
}

/**
 * The upswing's first link: a lab that expects its revenue to grow contracts
 * the compute that growth will need — its revenue next year times its compute
 * intensity (initial contracts ÷ revenue, decaying toward 1) — signing the
 * gap (as far as a year of its cash covers the extra burn) with the clouds
 * `contractSellerWeights` picks (aiChain.expectations.contractSourcing: the
 * one with the least backlog per unit of capacity, or all acceptable ones in
 * proportion to their capacity, a contract each). It signs only while it could still
 * raise the money (market stress below one half and a default
 * probability investors accept): when funding tightens, signing stops.
 */
function signComputeContract(
  c: AiChain,
  lab: number,
  month: ChainMonth,
  ai: ChainPlanParams,
  events: ModelEvent[],
): void {
  const t = month.tick;
  let revenue = 0;
  for (let k = 1; k <= 3; k++) revenue += c.revenueHistory[lab * 13 + ((t - k + 13 * 4) % 13)];
  revenue /= 3;
  if (revenue <= 0) return;
  const have = monthlyContracted(c, t, lab, false, false); // signed for later too
  if (c.computeIntensity[lab] < 0) c.computeIntensity[lab] = Math.max(1, have / revenue);
  if (c.marketStress > 0.5 || c.pdYearly[lab] > ai.finance.fundMaxDefaultProbability) return;
  const age = Math.max(0, t - c.chainStartTick);
  const intensity =
    1 + (c.computeIntensity[lab] - 1) * 0.5 ** (age / ai.expectations.computeIntensityHalfLifeMonths);
  const want = intensity * revenue * (1 + Math.max(0, c.expectedGrowth[lab]));
  // A lab signs only what its cash covers for a year of the extra burn: the
  // equity it raised at high prices is what lets it sign (procyclical).
  // A lab out of court whose revenue has not recovered signs only what its revenue pays after its operating
  // costs and interest (underExitCovenant): it renews the compute whose contracts expire, with no cash burn.
  const affordable = underExitCovenant(c.defaultCount[lab], revenue, c.revenueAtDefault[lab])
    ? Math.max(0, revenue - have - c.labOpex[lab] - c.interestPaid[lab])
    : Math.max(0, c.deposits[lab] / 12 + revenue - have);
  const gap = Math.min(want - have, affordable);
  if (gap <= 0.05 * want) return;
  const weights = new Float64Array(c.n); // one small column per signing (chain firms, not agents)
  if (contractSellerWeights(c, ai, weights) === 0) return;
  const months = ai.expectations.newContractMonths;
  if (gap * months < NEGLIGIBLE_CONTRACT_USD * month.scale) return; // rounding residue, not a contract
  let slot = ai.computeContracts.length;
  for (let seller = 0; seller < c.n; seller++) {
    if (weights[seller] <= 0) continue;
    while (slot < c.contractBuyer.length && c.contractMonthsLeft[slot] > 0) slot++;
    if (slot >= c.contractBuyer.length) return;
    const monthly = gap * weights[seller];
    c.contractBuyer[slot] = lab;
    c.contractSeller[slot] = seller;
    c.contractMonthly[slot] = monthly;
    c.contractVolume[slot] = monthly;
    c.contractMonthsLeft[slot] = months;
    c.contractStart[slot] = t + 1;
    c.contractPenalty[slot] = 0.1;
    c.contractAnnounced[slot] = monthly * months;
    events.push({
      type: "contractSigned",
      buyer: c.names[lab],
      seller: c.names[seller],
      totalUsdBn: (monthly * months) / month.scale / 1e9,
      months,
    });
  }
}

/**
 * Which clouds a lab's new compute contract goes to, as shares of it
 * (aiChain.expectations.contractSourcing; docs/ODD.md §7.13). Eligible:
 * clouds (hyperscalers, neoclouds, legacy clouds) not in default whose
 * yearly PD the lab accepts (`sellerAcceptable`). Each one's capacity to
 * serve the contract is its service capacity (`serviceGw`) plus its
 * pipeline at the technology it will enter with (about today's,
 * `servicesPerGw`). "leastBacklog": weight 1 for the eligible cloud with
 * the least backlog per unit of that capacity (the first on a tie), 0 for
 * the rest. "byCapacity": each eligible cloud's share of their total
 * capacity — labs buy from several clouds at once. Writes `weights` (one per
 * chain firm, summing to 1 or all 0) and returns how many are positive.
 * Pure apart from `weights`.
 *
 * @example // clouds with 3 and 1 GW and no backlog: leastBacklog → [1, 0]; byCapacity → [0.75, 0.25]
 */
export function contractSellerWeights(
  c: Readonly<
    Pick<
      AiChain,
      | "n"
      | "role"
      | "defaulted"
      | "pdYearly"
      | "serviceGw"
      | "pipelineGw"
      | "servicesPerGw"
      | "contractSeller"
      | "contractMonthsLeft"
      | "contractMonthly"
    >
  >,
  ai: Readonly<Pick<ChainPlanParams, "buildMonths" | "expectations">>,
  weights: Float64Array,
): number {
  weights.fill(0);
  const byCapacity = ai.expectations.contractSourcing === "byCapacity";
  let best = -1;
  let bestPerGw = Number.POSITIVE_INFINITY;
  let total = 0;
  for (let j = 0; j < c.n; j++) {
    const r = c.role[j];
    if (c.defaulted[j] === 1 || (r !== Role.hyperscaler && r !== Role.neocloud && r !== Role.legacyCloud))
      continue;
    if (!sellerAcceptable(c.pdYearly[j], ai.expectations.sellerMaxDefaultProbability)) continue;
    // Capacity to serve it: in service, and in the pipeline at the technology it will enter with (about today's).
    let gw = c.serviceGw[j];
    for (let k = 0; k < ai.buildMonths; k++) gw += c.pipelineGw[j * ai.buildMonths + k] * c.servicesPerGw;
    if (byCapacity) {
      weights[j] = Math.max(0, gw);
      total += weights[j];
      continue;
    }
    const perGw = backlogOf(c, j) / Math.max(1e-9, gw);
    if (perGw < bestPerGw) {
      bestPerGw = perGw;
      best = j;
    }
  }
  if (!byCapacity) {
    if (best >= 0) weights[best] = 1;
    return best >= 0 ? 1 : 0;
  }
  if (!(total > 0)) {
    weights.fill(0);
    return 0;
  }
  let count = 0;
  for (let j = 0; j < c.n; j++) {
    weights[j] /= total;
    if (weights[j] > 0) count++;
  }
  return count;
}

/**
 * A lab whose cash covers less than `minRunwayMonths` of its commitments
 * cancels its largest remaining contract, paying the penalty to the seller
 * (if it can, through the ledger: `books`); the seller loses that backlog.
 */
export function cancelIfDistressed(
  lab: number,
  minRunwayMonths: number,
  month: ChainMonth,
  events: ModelEvent[],
  books: Books,
): void {
  const c = books.aiChain;
  const burn = monthlyCommitments(c, month.tick, lab) + c.labOpex[lab];
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
  payWithinChain(books, FlowRow.chainPurchases, lab, c.contractSeller[worst], penalty);
  // The seller books the penalty as revenue; the national accounts treat it as a within-chain
  // purchase (nationalAccounts.ts), so it nets out of the chain's value added, as a transfer should.
  if (penalty > 0) c.accounts[ChainAccount.compute] += penalty;
  events.push({
    type: "contractCancelled",
    buyer: c.names[lab],
    seller: c.names[c.contractSeller[worst]],
    remainingUsdBn: worstValue / month.scale / 1e9,
    penaltyUsdBn: penalty / month.scale / 1e9,
  });
  c.contractMonthsLeft[worst] = 0;
}
