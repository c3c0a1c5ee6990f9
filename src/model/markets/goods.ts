// Goods markets. Consumption goods: each firm serves the demand that reached
// it up to its inventory, rationing all its customers in the same
// proportion (Caiani et al. 2016 ration customers in random order; a
// proportional share gives the same totals and needs no queue). The
// government then buys its real purchases from the inventories left.
// Capital goods: consumption firms' investment orders go to their capital
// supplier, which delivers up to its inventory.

import type { SpiralConfig } from "../../config/configTypes.ts";
import { tagInflow } from "../agents/aiChain/attribution.ts";
import {
  chainGoodsDemand,
  chainPaysAbroad,
  chainPaysFirm,
  type EndUserPaymentBooks,
  receiveEndUserPayment,
} from "../agents/aiChain/settlement.ts";
import { type AutomationParams, automationSpending } from "../agents/automation.ts";
import { ensureLiquidity } from "../agents/firms.ts";
import {
  type Books,
  creditParty,
  debitParty,
  FlowRow,
  Party,
  recordFlow,
  Sector,
  settleHouseholdPayments,
  transfer,
} from "../ledger.ts";
import type { DrawKeys } from "../month.ts";
import {
  hasBit,
  markRationed,
  Pass,
  type SliceView,
  SUM_SLOTS,
  sumBlocks,
  sumBlocksByBank,
} from "../passes.ts";
import type { PassRunner, SerialScratch } from "../passRunner.ts";
import { AgentStream, keyedUniform, streamKey } from "../rng.ts";
import type { AiChain, Automation, DerivedParams, Firms, Government, MacroState, Scratch } from "../state.ts";
import { ChainAccount, EndUserSegment, SOURCE_COUNT, Source } from "../state.ts";
import { defineStruct } from "../struct.ts";
import { receiveHouseholdElectricity } from "./power.ts";

/** What the consumption market reads of this month besides the records passed to it. */
export interface PurchaseMonth {
  readonly tick: number;
  /** Shares of consumption spent on AI subscriptions (aiChain.householdAiShare) and electricity (utility.householdShare). */
  readonly householdAiShare: number;
  readonly householdElectricityShare: number;
  /** households.rationedDemandSpillover: share of a rationed order bought from other firms' stocks (0: none). */
  readonly rationedSpillover: number;
}

/**
 * Households buy: one pass (purchaseKernel on `runner`) settles every
 * planned purchase at its firm's fill ratio. Writes the consumption firms'
 * fill ratios, inventories and sales, and macro's consumption and unmet
 * demand; the households' payments reach the firms, the chain (AI
 * subscriptions) and the utility (electricity) through `books`, the banks'
 * side in aggregate by bank (`scratch.bankDepositChange`).
 */
export function clearConsumptionMarket(
  firms: Firms,
  macro: Pick<MacroState, "consumptionNominal" | "consumptionReal" | "unmetDemand">,
  month: PurchaseMonth,
  runner: PassRunner,
  scratch: Pick<Scratch, "bankDepositChange">,
  books: EndUserPaymentBooks,
): void {
  const f = firms;
  const nc = f.nConsumption;
  const unmet = setFillRatios(f);
  // households.rationedDemandSpillover σ: the part σ of each rationed order that its buyer takes to
  // other firms, served from the stocks they have left (in proportion to their value, like the
  // government's purchases), all of it while those stocks cover it (fraction `spill` of the unmet share).
  const leftover = month.rationedSpillover > 0 && unmet > 0 ? leftoverStockValue(f) : 0;
  const spill = leftover > 0 ? month.rationedSpillover * Math.min(1, leftover / unmet) : 0;
  // Part of each household's plan buys AI subscriptions and electricity; the rest buys goods.
  const aiShare = month.householdAiShare;
  const electricityShare = month.householdElectricityShare;
  const work = runner.work;
  PurchaseArgs.write(work.args, {
    goodsShare: 1 - aiShare - electricityShare,
    otherShare: aiShare + electricityShare,
    spill,
  });
  markRationed(work, f.fillRatio, nc);
  work.censusTick = month.tick; // the pass takes the ledger's household census; a later write marks it stale
  runner.run(Pass.purchase);
  const depChange = scratch.bankDepositChange;
  sumBlocksByBank(work, depChange);
  let spent = sumBlocks(work, PurchaseSum.spent);
  const planned = sumBlocks(work, PurchaseSum.planned);
  const spentOnAi = planned * aiShare;
  const spentOnElectricity = planned * electricityShare;
  spent -= spentOnAi + spentOnElectricity;
  settleHouseholdPayments(books, depChange);
  let realTotal = sellToHouseholds(f, books);
  if (spill > 0) realTotal += sellSpillover(f, books, spill * unmet, leftover);
  recordFlow(books.ledger.flows, FlowRow.consumption, Sector.households, Sector.firms, spent);
  receiveEndUserPayment(books, Sector.households, spentOnAi);
  receiveHouseholdElectricity(books, spentOnElectricity);
  macro.consumptionNominal = spent + spentOnAi + spentOnElectricity;
  macro.consumptionReal = realTotal;
  macro.unmetDemand = unmet * (1 - spill);
}

/** Value at their prices of the stocks the consumption firms have left after serving their own customers. */
function leftoverStockValue(
  f: Pick<Firms, "nConsumption" | "demandNominal" | "inventory" | "price">,
): number {
  let left = 0;
  for (let j = 0; j < f.nConsumption; j++)
    left += Math.max(0, f.inventory[j] * f.price[j] - f.demandNominal[j]);
  return left;
}

/**
 * households.rationedDemandSpillover: the rationed buyers' orders taken
 * elsewhere, `total` (nominal, ≤ `leftover`), sold from the stocks the
 * firms have left after their own customers (sellToHouseholds), in
 * proportion to their value at the firms' prices. Counted in the sellers'
 * sales and real demand (the demand they met), credited through `books`.
 * Returns the real quantity sold.
 */
function sellSpillover(f: Firms, books: Books, total: number, leftover: number): number {
  let realTotal = 0;
  for (let j = 0; j < f.nConsumption; j++) {
    const left = f.inventory[j] * f.price[j]; // after sellToHouseholds: the stock left at its price
    if (left <= 0) continue;
    const revenue = (total * left) / leftover;
    if (revenue <= 0) continue;
    const q = revenue / f.price[j];
    f.inventory[j] = Math.max(0, f.inventory[j] - q);
    f.revenue[j] += revenue;
    f.salesNominal[j] += revenue;
    f.salesReal[j] += q;
    f.demandReal[j] += q;
    realTotal += q;
    creditParty(books, Party.firm, j, revenue);
  }
  return realTotal;
}

/**
 * Each consumption firm's fill ratio: the share of the demand that reached
 * it (firms.demandNominal) that its inventory at its price covers, 1 when
 * it covers all. Returns the nominal demand left unmet. Pure over the firm columns.
 */
export function setFillRatios(
  f: Pick<Firms, "nConsumption" | "demandNominal" | "inventory" | "price" | "fillRatio">,
): number {
  let unmet = 0;
  for (let j = 0; j < f.nConsumption; j++) {
    const d = f.demandNominal[j];
    const supply = f.inventory[j] * f.price[j];
    const fill = d > supply ? supply / d : 1;
    f.fillRatio[j] = fill;
    unmet += d * (1 - fill);
  }
  return unmet;
}

/**
 * The consumption firms' side of the households' purchases: each sells its
 * demand at its fill ratio, out of inventory, and is credited the revenue
 * through `books` (the households were debited by the purchase pass).
 * Writes revenue, sales and real demand. Returns the real quantity sold.
 */
function sellToHouseholds(f: Firms, books: Books): number {
  let realTotal = 0;
  for (let j = 0; j < f.nConsumption; j++) {
    const revenue = f.demandNominal[j] * f.fillRatio[j];
    const q = revenue / f.price[j];
    f.inventory[j] = Math.max(0, f.inventory[j] - q);
    f.revenue[j] = revenue;
    f.salesNominal[j] = revenue;
    f.salesReal[j] = q;
    f.demandReal[j] = f.demandNominal[j] / f.price[j];
    realTotal += q;
    if (revenue > 0) creditParty(books, Party.firm, j, revenue);
  }
  return realTotal;
}

/** Inputs of the purchase pass: the goods share of a plan (paid at the fill ratio) and the rest (AI subscriptions, electricity: paid in full). */
export const PurchaseArgs = defineStruct({ goodsShare: "f64", otherShare: "f64", spill: "f64" });
const PurchaseArg = PurchaseArgs.at;
const PurchaseSum = { spent: 0, planned: 1 } as const;

/**
 * The purchase pass over households [start, end): each pays its plan at its
 * supplier's fill ratio. It is the tick's last pass that writes household
 * columns, so the runner takes the ledger's census of them after each of
 * its blocks, while the block is in cache (ledger.ts censusAfterPurchase).
 */
export function purchaseKernel(v: SliceView, _lane: number, block: number, start: number, end: number): void {
  const h = v.households;
  const work = v.work;
  const goodsShare = work.args[PurchaseArg.goodsShare];
  const otherShare = work.args[PurchaseArg.otherShare];
  const spill = work.args[PurchaseArg.spill];
  const fill = v.firms.fillRatio;
  const rationedBit = work.rationed; // fill[j] < 1, one bit per firm: most buyers need not read fill
  const bitSet = hasBit;
  const nb = work.nBanks;
  const depChange = work.blockBank;
  const bankBase = block * nb;
  for (let k = 0; k < nb; k++) depChange[bankBase + k] = 0;
  const { deposits, bank, supplier, plannedSpend } = h;
  let spent = 0;
  let planned = 0;
  for (let i = start; i < end; i++) {
    const p = plannedSpend[i];
    const sup = supplier[i];
    // A fill ratio of 1 when the supplier did not ration: the same arithmetic as reading it.
    // A rationed buyer also buys the part `spill` of its unfilled order from other firms (households.rationedDemandSpillover).
    let g = 1;
    if (bitSet(rationedBit, sup)) g = spill > 0 ? fill[sup] + spill * (1 - fill[sup]) : fill[sup];
    const x = p * (goodsShare * g + otherShare);
    if (x !== 0) {
      deposits[i] -= x;
      depChange[bankBase + bank[i]] += x;
      spent += x;
      planned += p;
    }
  }
  const sums = work.blockSums;
  const base = block * SUM_SLOTS;
  sums[base + PurchaseSum.spent] = spent;
  sums[base + PurchaseSum.planned] = planned;
}

/**
 * The government buys its real purchases (government.purchasesReal) from
 * each consumption firm in proportion to the inventory it has left, and its
 * own use of AI services (the chain's government end-user segment),
 * through `books`. Writes the firms' inventories and sales,
 * government.purchases and macro.governmentReal.
 */
export function governmentPurchases(
  firms: Firms,
  government: Pick<Government, "purchasesReal" | "purchases">,
  aiChain: Pick<AiChain, "n" | "endUserBySegment">,
  macro: Pick<MacroState, "governmentReal">,
  books: EndUserPaymentBooks,
): void {
  const f = firms;
  const nc = f.nConsumption;
  let stock = 0;
  for (let j = 0; j < nc; j++) stock += f.inventory[j];
  const want = government.purchasesReal;
  const take = stock > 0 ? Math.min(1, want / stock) : 0;
  let nominal = 0;
  let real = 0;
  for (let j = 0; j < nc; j++) {
    const q = f.inventory[j] * take;
    f.demandReal[j] += stock > 0 ? (want * f.inventory[j]) / stock : 0;
    if (q <= 0) continue;
    const pay = q * f.price[j];
    f.inventory[j] -= q;
    f.revenue[j] += pay;
    f.salesNominal[j] += pay;
    f.salesReal[j] += q;
    transfer(books, FlowRow.governmentPurchases, Party.government, 0, Party.firm, j, pay);
    nominal += pay;
    real += q;
  }
  // The government's own use of AI services.
  const ai = aiChain.n > 0 ? aiChain.endUserBySegment[EndUserSegment.government] : 0; // demand.ts (issue 18)
  if (ai > 0 && aiChain.n > 0) {
    debitParty(books, Party.government, 0, ai);
    receiveEndUserPayment(books, Sector.government, ai);
    nominal += ai;
  }
  government.purchases = nominal;
  macro.governmentReal = real;
}

/**
 * The AI chain buys from the non-AI economy: operating costs from
 * consumption-goods firms' remaining stocks (like the government), and —
 * after non-AI firms' own orders — buildings, equipment and the chip
 * maker's manufacturing from capital-goods firms' stocks. Real investment
 * in data centres is GDP; this is how the AI boom reaches the wider economy.
 * National accounts (nationalAccounts.ts): operating purchases and the chip
 * maker's manufacturing inputs are intermediate consumption of the chain;
 * only buildings and equipment for data centres are investment.
 */
export function chainBuysGoods(
  aiChain: AiChain,
  firms: Firms,
  macro: Pick<MacroState, "investmentReal" | "investmentNominal">,
  tick: number,
  ai: Readonly<Pick<SpiralConfig["aiChain"], "gpuShareOfCost" | "gpuImportShare">>,
  chainWants: SerialScratch["chainWants"],
  books: Books,
): void {
  const c = aiChain;
  if (c.n === 0) return;
  sizeChainWants(chainWants, c.n);
  chainGoodsDemand({ aiChain, config: { aiChain: ai }, tick }, chainWants);
  spendChainWants(c, firms, macro, chainWants, books);
}

/** Grow the chain's purchase buffers to `n` firms (once: a chain's size never changes). */
export function sizeChainWants(chainWants: SerialScratch["chainWants"], n: number): void {
  if (chainWants.capital.length === n) return;
  chainWants.capital = new Float64Array(n);
  chainWants.consumption = new Float64Array(n);
  chainWants.chipInputs = new Float64Array(n);
  chainWants.imports = new Float64Array(n);
  chainWants.sourceMix = new Float64Array(n * SOURCE_COUNT);
  chainWants.cashBefore = new Float64Array(n);
}

/**
 * The chain spends what `chainWants` holds: the imported content paid
 * abroad, operating costs from consumption-goods firms' stocks, buildings,
 * equipment and the chip maker's inputs from capital-goods firms' stocks
 * (buyFromSector). chainBuysGoods and the warm-up's stationary month
 * (agents/aiChain/warmUp.ts) both spend through it.
 */
export function spendChainWants(
  c: AiChain,
  firms: Firms,
  macro: Pick<MacroState, "investmentReal" | "investmentNominal">,
  chainWants: SerialScratch["chainWants"],
  books: Books,
): void {
  // The imported content, paid abroad (a leak from domestic demand; ledger.ts Party.restOfWorld).
  for (let i = 0; i < c.n; i++) {
    const x = chainWants.imports[i];
    if (x <= 0) continue;
    chainPaysAbroad(books, i, x);
    c.accounts[ChainAccount.imports] += x;
  }
  const f = firms;
  buyFromSector(c, f, 0, f.nConsumption, chainWants.consumption, chainWants, macro, books);
  buyFromSector(c, f, f.nConsumption, f.n, chainWants.capital, chainWants, macro, books);
}

/**
 * chainBuysGoods in one sector, firms [lo, hi): each chain firm's budget
 * `wants[i]` (scaled down alike when the sector's stocks at their prices
 * fall short) is spent across the sector's firms in proportion to the value
 * of their stocks. Consumption goods (lo 0) are the chain's operating
 * costs; capital goods are the chip maker's inputs (`chainWants.chipInputs`,
 * intermediate) and buildings and equipment (investment, into macro).
 */
function buyFromSector(
  c: AiChain,
  f: Firms,
  lo: number,
  hi: number,
  wants: Float64Array,
  chainWants: SerialScratch["chainWants"],
  macro: Pick<MacroState, "investmentReal" | "investmentNominal">,
  books: Books,
): void {
  const acc = c.accounts;
  let stockValue = 0;
  for (let j = lo; j < hi; j++) stockValue += f.inventory[j] * f.price[j];
  if (stockValue <= 0) return;
  let total = 0;
  for (let i = 0; i < c.n; i++) total += wants[i];
  const scale = total > stockValue ? stockValue / total : 1;
  for (let i = 0; i < c.n; i++) {
    const budget = wants[i] * scale;
    if (budget <= 0) continue;
    let real = 0;
    let paid = 0;
    for (let j = lo; j < hi; j++) {
      const pay = (budget * f.inventory[j] * f.price[j]) / stockValue;
      if (pay <= 0) continue;
      const q = pay / f.price[j];
      chainPaysFirm(books, i, j, pay);
      // Buying a sector's whole stock leaves rounding residues of either sign: never a negative stock.
      f.inventory[j] = Math.max(0, f.inventory[j] - q);
      f.revenue[j] += pay;
      f.salesNominal[j] += pay;
      f.salesReal[j] += q;
      f.demandReal[j] += q;
      real += q;
      paid += pay;
    }
    if (lo === 0) {
      acc[ChainAccount.goodsOpex] += paid;
      continue;
    }
    // Capital goods: the chip maker's inputs are intermediate, the rest is investment in data centres.
    const inputShare = wants[i] > 0 ? chainWants.chipInputs[i] / wants[i] : 0;
    acc[ChainAccount.chipInputs] += paid * inputShare;
    acc[ChainAccount.buildings] += paid * (1 - inputShare);
    macro.investmentReal += real * (1 - inputShare);
    macro.investmentNominal += paid * (1 - inputShare);
  }
}

/**
 * Non-AI firms pay for AI services (their share of end-user demand) and
 * the hyperscalers' platform fees (their other businesses' profit), in
 * proportion to their revenue — a cost in their profit.
 */
export function firmsBuyServices(
  firms: Firms,
  aiChain: AiChain,
  macro: Pick<MacroState, "priceIndex">,
  books: EndUserPaymentBooks,
): void {
  const c = aiChain;
  const f = firms;
  for (let j = 0; j < f.n; j++) f.servicesPaid[j] = 0;
  if (c.n === 0) return;
  const ai = c.endUserBySegment[EndUserSegment.firms]; // demand.ts (issue 18)
  let fees = 0;
  for (let i = 0; i < c.n; i++) fees += c.otherProfit[i] * macro.priceIndex;
  let revenue = 0;
  for (let j = 0; j < f.nConsumption; j++) revenue += f.revenue[j];
  if (revenue <= 0) return;
  let paidAi = 0;
  for (let j = 0; j < f.nConsumption; j++) {
    const share = f.revenue[j] / revenue;
    const x = (ai + fees) * share;
    if (x <= 0) continue;
    ensureLiquidity(books, j, x);
    debitParty(books, Party.firm, j, x);
    f.servicesPaid[j] = x;
    paidAi += ai * share;
  }
  receiveEndUserPayment(books, Sector.firms, paidAi);
  // Platform fees go to the firms with other businesses, as non-AI revenue.
  for (let i = 0; i < c.n; i++) {
    const x = c.otherProfit[i] * macro.priceIndex * (fees > 0 ? (ai + fees - paidAi) / fees : 0);
    if (x <= 0) continue;
    creditParty(books, Party.aiFirm, i, x);
    tagInflow(c, i, Source.other, x);
    recordFlow(books.ledger.flows, FlowRow.chainPurchases, Sector.firms, Sector.aiChain, x);
    c.accounts[ChainAccount.platformFees] += x;
  }
}

/**
 * Non-AI firms pay the chain for the AI services that do their automated
 * tasks (agents/automation.ts) — end-user revenue of the chain, a cost in
 * the firms' profit in place of the wages saved.
 */
export function firmsBuyAutomation(
  firms: Firms,
  automation: Automation,
  aiChain: Pick<AiChain, "servicePrice">,
  params: AutomationPurchaseParams,
  books: EndUserPaymentBooks,
): void {
  const f = firms;
  const cost = { automation, firms, aiChain, config: { automation: params.automation } };
  const d = params.derived;
  let total = 0;
  for (let j = 0; j < f.n; j++) {
    const prodL = (j < f.nConsumption ? d.prodLabourConsumption : d.prodLabourCapital) * f.productivity[j];
    const x = automationSpending(cost, j, prodL);
    if (x <= 0) continue;
    ensureLiquidity(books, j, x);
    debitParty(books, Party.firm, j, x);
    f.servicesPaid[j] += x;
    total += x;
  }
  automation.aiSpending = total;
  receiveEndUserPayment(books, Sector.firms, total);
}

/** Parameters of the firms' automation purchases: the config group automation and the labour productivities. */
export interface AutomationPurchaseParams {
  automation: AutomationParams;
  derived: Readonly<Pick<DerivedParams, "prodLabourConsumption" | "prodLabourCapital">>;
}

/**
 * A capital-goods firm's fill ratio: the share of the real orders it
 * received that its inventory covers, 1 when it covers all or nothing was
 * ordered; a stock that rounding left a hair below zero fills nothing
 * (never −∞, as 0 orders against −1e−13 of stock did under a collapse).
 *
 * @example capitalFillRatio(4, 1) // 0.25
 * @example capitalFillRatio(0, -1e-13) // 1
 */
export function capitalFillRatio(orders: number, inventory: number): number {
  return orders > 0 && orders > inventory ? Math.max(0, inventory) / orders : 1;
}

/**
 * Investment goods: orders are pooled per capital firm, served up to its
 * inventory in proportion, paid on delivery (drawing on the buyer's credit
 * line if needed) and added to the buyer's capital. Buyers sometimes
 * compare their supplier with another random capital firm.
 */
export function clearCapitalMarket(
  firms: Firms,
  macro: Pick<MacroState, "investmentNominal" | "investmentReal" | "capitalGoodsPrice">,
  keys: DrawKeys,
  params: CapitalMarketParams,
  runner: PassRunner,
  books: Books,
): void {
  const f = firms;
  const n = f.n;
  const nc = f.nConsumption;
  const { capitalSupplier, price, fillRatio, ordersReal, investmentOrder, inventory, revenue, salesReal } = f;
  for (let k = nc; k < n; k++) ordersReal[k] = 0;
  // Each consumption firm's supplier (counter-based draws; a pass over blocks of firms), then the orders in firm order.
  SupplierArgs.write(runner.work.args, {
    switchKey: streamKey(keys.seed, AgentStream.capitalSupplier, keys.tick),
    pickKey: streamKey(keys.seed, AgentStream.supplierPick, keys.tick),
    switchProb: params.supplierSwitchProbability,
    intensity: params.supplierSwitchIntensity,
    nc,
  });
  runner.run(Pass.capitalSupplier);
  for (let j = 0; j < nc; j++) ordersReal[capitalSupplier[j]] += investmentOrder[j];
  for (let k = nc; k < n; k++) {
    const orders = ordersReal[k];
    fillRatio[k] = capitalFillRatio(orders, inventory[k]);
    f.demandReal[k] = orders;
    revenue[k] = 0;
    salesReal[k] = 0;
  }
  const { capital } = f;
  let nominal = 0;
  let real = 0;
  for (let j = 0; j < nc; j++) {
    const s = capitalSupplier[j];
    const q = investmentOrder[j] * fillRatio[s];
    if (q <= 0) continue;
    const pay = q * price[s];
    ensureLiquidity(books, j, pay);
    transfer(books, FlowRow.investmentGoods, Party.firm, j, Party.firm, s, pay);
    capital[j] += q;
    inventory[s] = Math.max(0, inventory[s] - q);
    revenue[s] += pay;
    salesReal[s] += q;
    nominal += pay;
    real += q;
  }
  for (let k = nc; k < n; k++) f.salesNominal[k] = revenue[k];
  macro.investmentNominal = nominal;
  macro.investmentReal = real;
  macro.capitalGoodsPrice = real > 0 ? nominal / real : macro.capitalGoodsPrice;
}

/** Parameters of the capital-goods market's supplier switching. */
export interface CapitalMarketParams {
  /** households.supplierSwitchProbability: the monthly chance a buyer looks at another supplier. */
  supplierSwitchProbability: number;
  /** firms.capital.supplierSwitchIntensity: ε of capitalSwitchProbability. */
  supplierSwitchIntensity: number;
}

/** The capital-goods market's parameters from the config. */
export function capitalMarketParams(config: SpiralConfig): CapitalMarketParams {
  return {
    supplierSwitchProbability: config.households.supplierSwitchProbability,
    supplierSwitchIntensity: config.firms.capital.supplierSwitchIntensity,
  };
}

/** Inputs of the capital-supplier pass: written into PassWork.args by clearCapitalMarket, read by capitalSupplierKernel (struct.ts). */
export const SupplierArgs = defineStruct({
  switchKey: "f64",
  pickKey: "f64",
  switchProb: "f64",
  intensity: "f64",
  nc: "f64",
});
const SupplierArg = SupplierArgs.at;

/**
 * Consumption firms of [start, end) look for another capital supplier with
 * probability switchProb (agentUniform(seed, stream, tick, j), the stream
 * keys taken once) and compare it with their own: they move when their
 * supplier rationed them last month, or else with a probability that rises
 * in the candidate's price advantage (capitalSwitchProbability; a third draw
 * of the same firm on the switch stream). Reads only the suppliers' prices
 * and fill ratios, which no firm of the pass writes.
 */
export function capitalSupplierKernel(
  v: SliceView,
  _lane: number,
  _block: number,
  start: number,
  end: number,
): void {
  const a = v.work.args;
  const switchKey = a[SupplierArg.switchKey];
  const pickKey = a[SupplierArg.pickKey];
  const switchProb = a[SupplierArg.switchProb];
  const intensity = a[SupplierArg.intensity];
  const nc = a[SupplierArg.nc];
  const nk = v.firms.n - nc;
  const { capitalSupplier, price, fillRatio } = v.firms;
  const uniform = keyedUniform;
  const to = Math.min(end, nc);
  for (let j = start; j < to; j++) {
    const s = capitalSupplier[j];
    if (uniform(switchKey, j) < switchProb) {
      const cand = nc + Math.floor(uniform(pickKey, h32(j)) * nk);
      if (
        fillRatio[s] < 1 ||
        uniform(switchKey, h32(j)) < capitalSwitchProbability(price[s], price[cand], intensity)
      ) {
        capitalSupplier[j] = cand;
      }
    }
  }
}

/**
 * Probability that a buyer of capital goods at price `current` moves to a
 * candidate supplier at price `candidate` (Delli Gatti et al. 2010, Riccetti,
 * Russo & Gallegati 2015, Caiani et al. 2016: Pr = 1 − exp(ε (p_new − p_old) / p_new)
 * when the candidate is cheaper, else 0): a small price gap moves few buyers,
 * so a supplier a few per cent dearer loses its buyers over years rather
 * than months. Pure.
 */
export function capitalSwitchProbability(current: number, candidate: number, intensity: number): number {
  if (!(candidate < current)) return 0;
  return 1 - Math.exp((intensity * (candidate - current)) / candidate);
}

/** A distinct agent id for a second draw of the same firm in the same tick. */
function h32(j: number): number {
  return j + 0x40000000;
}
