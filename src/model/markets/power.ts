// The power market (issue 4), cleared once a month after production: the
// base load follows households and non-AI firms' activity, the AI chain's
// built data centres add their capacity as demand, and the utility's
// deliverable capacity is allocated to the base load first, then to data
// centres — never beyond capacity. Data-centre capacity the grid cannot
// power runs on on-site generation up to a cap, at a premium; the rest is
// stranded: it depreciates without earning (agents/aiChain/demand.ts
// liveCapacity counts powered capacity only). The wholesale price is convex
// in utilisation, p = p₀ · P · (1 + a·u^k) / (1 + a·u₀^k) (PJM's capacity
// price rose ≈ 10× as its reserve shortfall opened, docs/calibration.md §5); the
// retail index moves with its wholesale share. Non-AI firms pay per unit of
// output, the chain per powered GW, households a share of their consumption
// (in the consumption market), and electricity enters the consumer price
// index with that share.

import type { SpiralConfig } from "../../config/configTypes.ts";
import { payOutOfChain } from "../agents/aiChain/attribution.ts";
import { HOURS_PER_MONTH, scarcity } from "../agents/utility.ts";
import {
  type Books,
  creditParty,
  debitParty,
  FlowRow,
  grantLoan,
  Party,
  recordFlow,
  Sector,
  transfer,
} from "../ledger.ts";
import type { AiChain, Firms, Utility } from "../state.ts";
import { Role } from "../state.ts";

type PowerConfig = SpiralConfig["power"];

/**
 * Loads, allocation, price, and the bills of non-AI firms and the chain:
 * `dataCentreGw` is the chain's built data-centre capacity (its power
 * demand; aiChain/demand.ts builtCapacity). Writes `utility`, the firms'
 * and the chain's electricity bills; the money moves through `books`.
 */
export function clearPowerMarket(
  utility: Utility,
  firms: Firms,
  chain: AiChain,
  dataCentreGw: number,
  p: PowerConfig,
  tick: number,
  books: Books,
): void {
  const u = utility;
  u.revenue = 0;
  if (!u.active) return;
  const t = tick;
  updateBaseLoad(u, p, firms, Math.max(0, t - chain.chainStartTick) / 12);
  const demand = dataCentreGw;
  u.dataCentreDemandGw = demand;
  u.dataCentreHistory[t % 13] = demand;
  allocatePower(u, p, chain, demand);
  pricePower(u, p, scarcity(p, u.utilization));
  billFirms(books, firms, u, p);
  // The chain, once it acts.
  chain.electricityPaid.fill(0);
  if (chain.n === 0 || t < chain.chainStartTick || demand <= 0) return;
  billChain(books, chain, u, p, demand);
}

/**
 * Loads: households' part is fixed, firms' part moves with their (smoothed)
 * real output; both grow at baseLoadGrowthYearly from the chain's start
 * (`yearsSinceStart`).
 */
export function updateBaseLoad(
  u: Utility,
  p: PowerConfig,
  f: Pick<Firms, "n" | "output">,
  yearsSinceStart: number,
): void {
  let output = 0;
  for (let j = 0; j < f.n; j++) output += f.output[j];
  u.outputSmoothed += (output - u.outputSmoothed) / 12;
  const activity = u.outputSmoothed / Math.max(1e-9, u.initialOutputReal);
  u.baseLoadGw =
    u.initialBaseLoadGw *
    (p.residentialShare + (1 - p.residentialShare) * activity) *
    (1 + p.baseLoadGrowthYearly) ** yearsSinceStart;
}

/**
 * Allocation: the base load first, data centres (`demand` GW built) from what
 * is left, on-site generation for part of the rest; the clouds' capital that
 * stays unpowered is stranded. Sets the utilisation of deliverable capacity,
 * counting unpowered demand (scarcity).
 */
export function allocatePower(
  u: Utility,
  p: PowerConfig,
  c: Pick<AiChain, "n" | "defaulted" | "role" | "capitalValue">,
  demand: number,
): void {
  const cap = u.capacityGw;
  const basePowered = Math.min(u.baseLoadGw, cap);
  u.dataCentreGridGw = Math.min(demand, cap - basePowered);
  u.onsiteGw = Math.min(p.onsiteMaxShare * demand, demand - u.dataCentreGridGw);
  u.poweredShare = demand > 0 ? (u.dataCentreGridGw + u.onsiteGw) / demand : 1;
  let stranded = 0;
  for (let i = 0; i < c.n; i++) {
    if (c.defaulted[i] === 1 || c.role[i] === Role.chip || c.role[i] === Role.modelLab) continue;
    stranded += c.capitalValue[i] * (1 - u.poweredShare);
  }
  u.strandedCapex = stranded;
  u.utilization = cap > 0 ? (u.baseLoadGw + demand) / cap : p.scarcityUtilizationCap;
}

/**
 * Price: the wholesale price is convex in utilisation (`curve`, the scarcity
 * factor at u.utilization); the retail index's wholesale part moves with the
 * wholesale price relative to the start; households' real use is fixed, so
 * their spending share rises with the relative price of electricity.
 */
export function pricePower(u: Utility, p: PowerConfig, curve: number): void {
  u.price = (p.priceAtStartUsdPerMwh * u.goodsPriceIndex * curve) / u.scarcityAtTarget;
  const relative = curve / u.scarcityAtStart;
  u.electricityCpi = u.goodsPriceIndex * (1 - p.wholesaleShareOfRetail + p.wholesaleShareOfRetail * relative);
  const r = u.electricityCpi / u.goodsPriceIndex;
  const w = p.householdElectricityShare;
  u.householdShare = (w * r) / (1 + w * (r - 1));
}

/**
 * Non-AI firms pay per unit of output, at the retail index, through the
 * ledger; a firm short of cash draws on its credit line for the rest
 * (agents/firms.ts ensureLiquidity's rule).
 */
function billFirms(books: Books, f: Firms, u: Utility, p: PowerConfig): void {
  const perUnit = p.firmElectricityCostShare * u.electricityCpi;
  let firmsPaid = 0;
  for (let j = 0; j < f.n; j++) {
    const bill = perUnit * f.output[j];
    f.electricityPaid[j] = bill;
    if (bill <= 0) continue;
    const short = bill - f.deposits[j];
    if (short > 0) grantLoan(books, j, short);
    debitParty(books, Party.firm, j, bill);
    firmsPaid += bill;
  }
  creditParty(books, Party.utility, 0, firmsPaid);
  recordFlow(books.ledger.flows, FlowRow.electricity, Sector.firms, Sector.utility, firmsPaid);
  u.revenue += firmsPaid;
}

/**
 * The chain: each cloud's powered capacity at the wholesale price (large
 * loads buy at wholesale), on-site power at its premium — out of its cash,
 * which it cannot overdraw.
 */
function billChain(books: Books, c: AiChain, u: Utility, p: PowerConfig, demand: number): void {
  const mwhPerGw = 1000 * HOURS_PER_MONTH * p.dataCentreLoadFactor;
  const perGw =
    (mwhPerGw * u.price * (u.dataCentreGridGw + u.onsiteGw * p.onsitePriceMultiple)) /
    Math.max(1e-12, demand);
  for (let i = 0; i < c.n; i++) {
    if (c.defaulted[i] === 1 || c.role[i] === Role.chip || c.role[i] === Role.modelLab) continue;
    const bill = Math.min(c.computeGw[i] * perGw, Math.max(0, c.deposits[i]));
    if (bill <= 0) continue;
    transfer(books, FlowRow.electricity, Party.aiFirm, i, Party.utility, 0, bill);
    payOutOfChain(c, i, bill);
    c.electricityPaid[i] = bill;
    u.revenue += bill;
  }
}

/** Households' electricity, settled with their consumption (goods.ts): the debit is the caller's. */
export function receiveHouseholdElectricity(books: Books, amount: number): void {
  if (amount <= 0) return;
  creditParty(books, Party.utility, 0, amount);
  recordFlow(books.ledger.flows, FlowRow.electricity, Sector.households, Sector.utility, amount);
  books.utility.revenue += amount;
}

/**
 * How the chain's capacity plans respond to power (1 when the grid is
 * inert): they scale with the powered share of capacity (to a power) and
 * fall with the real wholesale price above its start. Takes the utility and
 * the power parameters (a ModelState is one such record).
 */
export function chainPowerOutlook(m: {
  readonly utility: Utility;
  readonly config: { readonly power: PowerConfig };
}): number {
  const u = m.utility;
  if (!u.active) return 1;
  const p = m.config.power;
  const realPrice =
    (u.price * u.scarcityAtTarget) / (u.scarcityAtStart * p.priceAtStartUsdPerMwh * u.goodsPriceIndex);
  return u.poweredShare ** p.chainPowerResponse * Math.min(1, realPrice ** -p.chainPriceElasticity);
}
