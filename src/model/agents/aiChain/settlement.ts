// Money flowing through the AI chain each month: end users' payments (split
// between labs and clouds), the chain's own obligations — compute-contract
// instalments (lab → cloud), GPU deliveries (cloud → chip), vendor
// backstops (chip buys a cloud's unsold capacity) — cleared together to a
// fixed point (Eisenberg & Noe 2001) so that a firm that cannot pay passes
// its shortfall on within the tick, and the month's accounts: capacity
// entering service and depreciating, profit and tax.

import type { SpiralConfig } from "../../../config/configTypes.ts";
import type { ModelEvent } from "../../events.ts";
import {
  type Books,
  creditParty,
  FlowRow,
  Party,
  recordFlow,
  Sector,
  type SectorId,
  transfer,
} from "../../ledger.ts";
import { clearingPayments, eisenbergNoeClearing } from "../../markets/clearing.ts";
import type { AiChain, Government } from "../../state.ts";
import { ChainAccount, Role, SOURCE_COUNT, Source } from "../../state.ts";
import { payOutOfChain, payWithinChain, tagInflow } from "./attribution.ts";
import {
  advanceServicesPerGw,
  liveServiceCapacity,
  revenuePerGwMonthly,
  updateServicePrice,
} from "./demand.ts";
import type { ChainMonth } from "./plans.ts";

/** The config group aiChain (configs/schema.json). */
type AiChainConfig = SpiralConfig["aiChain"];

/**
 * What an end user's payment to the chain touches: the books and the labs'
 * share of spending beyond the first month's level (aiChain.demand.labShare).
 * A ModelState is one (markets/goods.ts passes it).
 */
export interface EndUserPaymentBooks extends Books {
  readonly config: {
    readonly aiChain: { readonly demand: Readonly<Pick<AiChainConfig["demand"], "labShare">> };
  };
}

/**
 * End users' payments reach the chain. The level of spending of the chain's
 * first month is paid to each live lab and cloud in its share of that month
 * (its customer base; init.ts calibrateEndUserDemand), so the first month
 * reproduces the configured revenues; spending beyond that level goes to
 * labs (`labShare`, in proportion to the compute they have contracted, their
 * capacity to serve) and to clouds (the rest, in proportion to capacity).
 * The payer's side has already been debited by the caller; this credits the
 * chain and records the flow.
 */
export function receiveEndUserPayment(m: EndUserPaymentBooks, payer: SectorId, amount: number): void {
  const c = m.aiChain;
  if (amount <= 0 || c.n === 0) return;
  const labShare = m.config.aiChain.demand.labShare;
  // The customer bases of live firms, and the part of this payment they take.
  let baseWeight = 0;
  for (let i = 0; i < c.n; i++) if (c.defaulted[i] === 0) baseWeight += c.endUserBase[i];
  const baseShare =
    baseWeight > 0 ? Math.min(1, c.endUserAtStart / Math.max(c.endUserSpending, c.endUserAtStart)) : 0;
  let labWeight = 0;
  let cloudWeight = 0;
  const w = c.scratchN;
  for (let i = 0; i < c.n; i++) {
    w[i] = 0;
    if (c.defaulted[i] === 1) continue;
    if (c.role[i] === Role.modelLab) {
      w[i] = Math.max(contractedCompute(i, c.contractBuyer, c.contractVolume, c.contractMonthsLeft), 1e-9);
      labWeight += w[i];
    } else if (c.role[i] !== Role.chip) {
      w[i] = c.serviceGw[i];
      cloudWeight += w[i];
    }
  }
  if (labWeight + cloudWeight <= 0 && baseWeight <= 0) {
    // Nobody to serve (every lab and cloud in default this month): the first firm books it.
    w[0] = 1;
    cloudWeight = 1;
  }
  let paid = 0;
  for (let i = 0; i < c.n; i++) {
    let share = baseWeight > 0 && c.defaulted[i] === 0 ? baseShare * (c.endUserBase[i] / baseWeight) : 0;
    if (w[i] > 0) {
      const isLab = c.role[i] === Role.modelLab && labWeight > 0;
      share +=
        (1 - baseShare) *
        (isLab
          ? (cloudWeight > 0 ? labShare : 1) * (w[i] / labWeight)
          : (labWeight > 0 ? 1 - labShare : 1) * (w[i] / cloudWeight));
    }
    if (share <= 0) continue;
    const x = amount * share;
    creditParty(m, Party.aiFirm, i, x);
    tagInflow(c, i, Source.endUser, x);
    c.revenueBySource[i * SOURCE_COUNT + Source.endUser] += x;
    c.revenue[i] += x;
    c.endUserRevenue[i] += x;
    paid += x;
  }
  recordFlow(m.ledger.flows, FlowRow.aiServices, payer, Sector.aiChain, paid);
}

/**
 * A lab's weight in end users' spending beyond the first month's level: the
 * compute it has contracted (active contracts, as buyer), counted in volume —
 * each contract's monthly amount when signed (contractVolume) — not in what
 * it pays now. A reorganisation that reprices a lab's contracts to what its
 * cash flow can pay (defaults.ts) leaves its compute, and so the customers it
 * can serve, where they were: a reorganised firm keeps its customers (issue
 * 18 item 5). Only contracts it gives up (ended, cancelled, or rejected
 * outright) take customers with them.
 */
export function contractedCompute(
  lab: number,
  contractBuyer: Int32Array,
  contractVolume: Float64Array,
  contractMonthsLeft: Int32Array,
): number {
  let w = 0;
  for (let k = 0; k < contractBuyer.length; k++)
    if (contractBuyer[k] === lab && contractMonthsLeft[k] > 0) w += contractVolume[k];
  return w;
}

/**
 * A vendor backstop's purchase this month: the beneficiary's unused capacity
 * (what its capacity earns at target utilisation less what it has sold),
 * up to what is left of the backstop's limit; nothing when nothing is unused.
 */
export function backstopPurchase(capacityValue: number, sold: number, remaining: number): number {
  return Math.max(0, Math.min(capacityValue - sold, remaining));
}

/** Start-of-month reset of the chain's per-tick flow accumulators (writes those columns of `c`). */
export function resetChainFlows(c: AiChain): void {
  c.revenue.fill(0);
  c.endUserRevenue.fill(0);
  c.chainRevenue.fill(0);
  c.revenueBySource.fill(0);
  c.profit.fill(0);
  c.computeCost.fill(0);
  c.defaulted.fill(0);
  c.accounts.fill(0);
}

/** Parameters of settleChain: the aiChain group's GPU share of cost, target utilisation, revenue per GW and price adjustment. */
export type ChainSettlementParams = Readonly<
  Pick<
    AiChainConfig,
    | "gpuShareOfCost"
    | "targetUtilization"
    | "revenuePerGwUsdBnYearly"
    | "priceAdjustment"
    | "capacityTechnologyGrowthYearly"
  >
>;

/**
 * Intra-chain obligations due this month — contract instalments, GPU
 * orders, backstop purchases — cleared to a fixed point and paid through
 * the ledger (`books`: the chain's and its banks' balance sheets, the grid's
 * powered share for the price of services); payment defaults go to
 * `events`. Writes the chain's obligations, revenue, compute cost,
 * accounts, contracts, backstops, default flags and the service price.
 */
export function settleChain(
  books: Books,
  month: ChainMonth,
  ai: ChainSettlementParams,
  events: ModelEvent[],
): void {
  const c = books.aiChain;
  if (c.n === 0) return;
  contractObligations(c, month.tick);
  addGpuOrders(c, ai.gpuShareOfCost);
  addBackstopPurchases(c, month.tick, ai);
  clearObligations(books, month.scale, events);
  ageContracts(c, month.tick);
  // Services sold this month set next month's price of AI services.
  let sold = 0;
  for (let i = 0; i < c.n; i++)
    if (c.role[i] !== Role.chip && c.role[i] !== Role.modelLab) sold += c.revenue[i];
  updateServicePrice(c, liveServiceCapacity(books), sold, ai);
  // Technology advances: capacity entering service from next month serves more per GW.
  c.servicesPerGw = advanceServicesPerGw(c.servicesPerGw, ai.capacityTechnologyGrowthYearly);
}

type ContractColumns =
  | "contractBuyer"
  | "contractSeller"
  | "contractMonthly"
  | "contractMonthsLeft"
  | "contractStart";

/** The month's obligations (`obligations`, buyer × seller): every contract in force between two firms not in default pays its instalment. */
export function contractObligations(
  c: Pick<AiChain, "n" | "obligations" | "defaulted" | ContractColumns>,
  tick: number,
): void {
  const n = c.n;
  const L = c.obligations;
  L.fill(0);
  for (let k = 0; k < c.contractBuyer.length; k++) {
    if (c.contractMonthsLeft[k] <= 0 || c.contractStart[k] > tick) continue;
    const b = c.contractBuyer[k];
    const s = c.contractSeller[k];
    if (c.defaulted[b] === 1 || c.defaulted[s] === 1) continue;
    L[b * n + s] += c.contractMonthly[k];
  }
}

/**
 * GPUs for this month's capacity order. An order contracted with a chip
 * maker (a cloud → chip contract, e.g. Oracle's ≈$40bn of GB200s) is GPUs
 * for the buyer's build-out, not more on top: its instalments count toward
 * the GPU part of capex (`gpuShareOfCost`), and only what capex needs beyond
 * them is ordered from the first chip maker not in default.
 */
export function addGpuOrders(
  c: Pick<AiChain, "n" | "obligations" | "defaulted" | "capex" | "role">,
  gpuShareOfCost: number,
): void {
  const n = c.n;
  const L = c.obligations;
  for (let i = 0; i < n; i++) {
    if (c.defaulted[i] === 1 || c.capex[i] <= 0) continue;
    let contracted = 0;
    for (let j = 0; j < n; j++) if (c.role[j] === Role.chip) contracted += L[i * n + j];
    const more = Math.max(0, c.capex[i] * gpuShareOfCost - contracted);
    if (more <= 0) continue;
    for (let j = 0; j < n; j++) {
      if (c.role[j] === Role.chip && c.defaulted[j] === 0) {
        L[i * n + j] += more;
        break;
      }
    }
  }
}

/**
 * Vendor backstops: the guarantor buys the beneficiary's unused capacity —
 * what its capacity would earn at target utilisation, less what end users
 * paid it and what other chain firms owe it this month (contract instalments).
 */
function addBackstopPurchases(c: AiChain, tick: number, ai: ChainSettlementParams): void {
  const n = c.n;
  const L = c.obligations;
  const perGw = revenuePerGwMonthly(ai) * c.servicePrice;
  for (let k = 0; k < c.backstopGuarantor.length; k++) {
    const g = c.backstopGuarantor[k];
    const b = c.backstopBeneficiary[k];
    if (
      tick > c.backstopUntil[k] ||
      c.backstopRemaining[k] <= 0 ||
      c.defaulted[g] === 1 ||
      c.defaulted[b] === 1
    )
      continue;
    let owedToB = 0;
    for (let i = 0; i < n; i++) owedToB += L[i * n + b];
    const x = backstopPurchase(
      c.serviceGw[b] * perGw * ai.targetUtilization,
      c.revenue[b] + owedToB,
      c.backstopRemaining[k],
    );
    L[g * n + b] += x;
    c.backstopRemaining[k] -= x;
  }
}

/**
 * Clearing (Eisenberg–Noe) on cash on hand; the payments it implies, booked
 * as GPUs or compute; the compute cost each buyer actually paid; and a
 * payment default for a firm that could not pay in full.
 */
function clearObligations(m: Books, scale: number, events: ModelEvent[]): void {
  const c = m.aiChain;
  const n = c.n;
  const L = c.obligations;
  // External assets: cash on hand. Clearing vector and the payments it implies.
  const e = c.scratchN;
  for (let i = 0; i < n; i++) e[i] = Math.max(0, c.deposits[i]);
  const p = c.scratchN2;
  grossComputeCost(c);
  const result = eisenbergNoeClearing(L, e, p);
  const P = clearingPayments(L, p, new Float64Array(n * n));
  const acc = c.accounts;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = P[i * n + j];
      if (x <= 0) continue;
      payWithinChain(m, FlowRow.chainPurchases, i, j, x);
      // National accounts: what a chip maker is paid is GPUs (investment of the buyer), the rest compute (intermediate).
      acc[c.role[j] === Role.chip ? ChainAccount.gpus : ChainAccount.compute] += x;
    }
  }
  const cost = c.computeCost;
  for (let i = 0; i < n; i++) {
    let owed = 0;
    for (let j = 0; j < n; j++) owed += L[i * n + j];
    if (owed > 0) cost[i] *= p[i] / owed;
    if (result.defaulted[i] === 1 && c.defaulted[i] === 0) {
      c.defaulted[i] = 1; // resolved at the end of the month (defaults.ts)
      events.push({
        type: "chainPaymentDefault",
        firm: c.names[i],
        owedUsdBn: owed / scale / 1e9,
        paidUsdBn: p[i] / scale / 1e9,
      });
    }
  }
}

/**
 * Compute bought (contract instalments, backstops) is an operating cost of
 * the buyer; GPU deliveries are capex. Clearing pays every creditor of a
 * firm the same fraction, so the cost actually paid is that fraction of
 * this (clearObligations scales it).
 */
export function grossComputeCost(c: Pick<AiChain, "n" | "obligations" | "role" | "computeCost">): void {
  const n = c.n;
  const L = c.obligations;
  for (let i = 0; i < n; i++) {
    let gpu = 0;
    for (let j = 0; j < n; j++) if (c.role[j] === Role.chip) gpu += L[i * n + j];
    let owed = 0;
    for (let j = 0; j < n; j++) owed += L[i * n + j];
    c.computeCost[i] = owed - gpu;
  }
}

/** A month passes on every contract in force. */
export function ageContracts(c: Pick<AiChain, "contractMonthsLeft" | "contractStart">, tick: number): void {
  for (let k = 0; k < c.contractMonthsLeft.length; k++) {
    if (c.contractMonthsLeft[k] > 0 && c.contractStart[k] <= tick) c.contractMonthsLeft[k]--;
  }
}

/**
 * The chain's purchases from the non-AI economy and from abroad, paid from
 * its cash: the building part of capex and the domestic part of the chip
 * maker's cost of goods from capital-goods firms, operating costs from
 * consumption-goods firms, and the imported part of the chip maker's cost of
 * goods (chipImportedShare) from the rest of the world. Returns the nominal
 * amounts wanted (the goods market delivers what it can); `capital` includes
 * `chipInputs`, `imports` is apart. All four are scaled down alike when they
 * would take more than half the firm's cash.
 */
export function chainGoodsDemand(
  m: {
    readonly aiChain: AiChain;
    readonly config: { readonly aiChain: Readonly<Pick<AiChainConfig, "gpuShareOfCost" | "gpuImportShare">> };
    readonly tick: number;
  },
  out: { capital: Float64Array; consumption: Float64Array; chipInputs: Float64Array; imports: Float64Array },
): void {
  const c = m.aiChain;
  const ai = m.config.aiChain;
  for (let i = 0; i < c.n; i++) {
    out.capital[i] = 0;
    out.consumption[i] = 0;
    out.chipInputs[i] = 0;
    out.imports[i] = 0;
    if (c.defaulted[i] === 1) continue;
    const cash = Math.max(0, c.deposits[i]);
    const lastRevenue = c.revenueHistory[i * 13 + ((m.tick - 1 + 13) % 13)];
    let capital = c.capex[i] * (1 - ai.gpuShareOfCost);
    let inputs = 0;
    let imports = 0;
    if (c.role[i] === Role.chip) {
      const costShare = 1 - c.grossMargin[i];
      const importShare = chipImportedShare(costShare, ai.gpuImportShare);
      imports = importShare * lastRevenue;
      inputs = (costShare - importShare) * lastRevenue;
    }
    capital += inputs;
    const consumption = c.opexShare[i] * lastRevenue + c.labOpex[i];
    const total = capital + consumption + imports;
    const scale = total > cash * 0.5 ? (cash * 0.5) / total : 1;
    out.capital[i] = capital * scale;
    out.consumption[i] = consumption * scale;
    out.chipInputs[i] = inputs * scale; // the part of `capital` that is the chip maker's domestic cost of goods
    out.imports[i] = imports * scale;
  }
}

/**
 * The imported part of a chip maker's sales: its imported content
 * (aiChain.gpuImportShare: wafers from foreign foundries, high-bandwidth
 * memory, packaging and assembly abroad), at most its whole cost of goods
 * (1 − gross margin). The rest of the cost of goods is bought from domestic
 * capital-goods firms. Nvidia-like: cost of goods 28 % of revenue (gross
 * margin 0.72), imported content 25 %, so ≈ 3 % is domestic.
 * @example chipImportedShare(0.28, 0.25) // 0.25
 * @example chipImportedShare(0.2, 0.25) // 0.2
 */
export function chipImportedShare(costShare: number, importShare: number): number {
  return Math.max(0, Math.min(costShare, importShare));
}

/** Pay the rest of the world for imported content. */
export function chainPaysAbroad(m: Books, i: number, amount: number): void {
  transfer(m, FlowRow.imports, Party.aiFirm, i, Party.restOfWorld, 0, amount);
  payOutOfChain(m.aiChain, i, amount);
}

/** Pay for goods bought from a non-AI firm. */
export function chainPaysFirm(m: Books, i: number, firm: number, amount: number): void {
  transfer(m, FlowRow.chainPurchases, Party.aiFirm, i, Party.firm, firm, amount);
  payOutOfChain(m.aiChain, i, amount);
}

/** Parameters of accountChain: the aiChain group's build lag and asset lives, and the profit tax rate (government.profitTaxRate). */
export interface ChainAccountParams {
  ai: Readonly<
    Pick<SpiralConfig["aiChain"], "buildMonths" | "gpuLifeMonths" | "gpuShareOfCost" | "buildingLifeMonths">
  >;
  profitTaxRate: number;
}

/**
 * Month-end accounts: capacity ordered `buildMonths` ago enters service,
 * capacity and book value depreciate over the GPU life, profit (revenue,
 * other business at the price index, less costs, interest and
 * depreciation) is taxed, and the revenue history for growth expectations
 * advances. Capacity retires with the GPUs; book value depreciates at the
 * GPU/building blend. Writes the chain's capacity, book value, profit and
 * revenue history; the tax is paid through the ledger (`books`) and added
 * to the government's taxes.
 */
export function accountChain(
  c: AiChain,
  government: Pick<Government, "taxes">,
  priceIndex: number,
  tick: number,
  p: ChainAccountParams,
  books: Books,
): void {
  for (let i = 0; i < c.n; i++) {
    if (c.defaulted[i] === 1) {
      c.revenueHistory[i * 13 + (tick % 13)] = 0;
      continue;
    }
    const depreciation = enterAndDepreciate(c, i, tick, p.ai);
    const pretax = c.revenue[i] + c.otherProfit[i] * priceIndex - chainCosts(c, i, depreciation);
    const tax = pretax > 0 && c.deposits[i] > pretax * p.profitTaxRate ? pretax * p.profitTaxRate : 0;
    if (tax > 0) {
      transfer(books, FlowRow.profitTaxes, Party.aiFirm, i, Party.government, 0, tax);
      payOutOfChain(c, i, tax);
      government.taxes += tax;
    }
    c.profit[i] = pretax - tax;
    c.revenueHistory[i * 13 + (tick % 13)] = c.revenue[i];
  }
  c.endUserHistory[tick % 13] = c.endUserSpending;
}

/** Firm i's capacity ordered `buildMonths` ago enters service, carrying the technology of this month (servicesPerGw); capacity retires with the GPUs; book value grows by capex less depreciation. Returns the depreciation. */
export function enterAndDepreciate(
  c: AiChain,
  i: number,
  tick: number,
  ai: ChainAccountParams["ai"],
): number {
  const b = ai.buildMonths;
  const life = ai.gpuLifeMonths;
  const slot = i * b + (tick % b);
  const entering = c.pipelineGw[slot];
  c.pipelineGw[slot] = 0;
  c.computeGw[i] = c.computeGw[i] * (1 - 1 / life) + entering;
  // Each GW serves what the technology of the month it enters service allows (aiChain.capacityTechnologyGrowthYearly).
  c.serviceGw[i] = c.serviceGw[i] * (1 - 1 / life) + entering * c.servicesPerGw;
  // GPUs wear out over their life, buildings and power plant far more slowly.
  const depreciation = c.capitalValue[i] * capitalWearRate(ai);
  c.capitalValue[i] += c.capex[i] - depreciation;
  return depreciation;
}

/** Monthly rate at which a chain firm's capital wears out: GPUs over their life, buildings and power plant over theirs. */
export function capitalWearRate(
  ai: Readonly<Pick<AiChainConfig, "gpuShareOfCost" | "gpuLifeMonths" | "buildingLifeMonths">>,
): number {
  return ai.gpuShareOfCost / ai.gpuLifeMonths + (1 - ai.gpuShareOfCost) / ai.buildingLifeMonths;
}

/** Firm i's costs this month: opex, the labs' own opex, compute bought, interest, depreciation (enterAndDepreciate), electricity; chip makers' cost of goods. */
export function chainCosts(c: AiChain, i: number, depreciation: number): number {
  let costs =
    c.opexShare[i] * c.revenue[i] +
    c.labOpex[i] +
    c.computeCost[i] +
    c.interestPaid[i] +
    depreciation +
    c.electricityPaid[i];
  if (c.role[i] === Role.chip) costs += (1 - c.grossMargin[i]) * c.revenue[i];
  return costs;
}
