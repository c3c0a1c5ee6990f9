// Circular financing (issue 18 item 3; docs/ODD.md §7.14): the configured
// 2025 deals — equity tranches, vendor backstops — are the initial state;
// every month the chip maker and the hyperscalers decide new ones from their
// cash, their share price and their customers' orders and backlog:
//
// - vendor financing: a loan to a customer cloud short of cash for the
//   orders it places with the vendor, within a share of the customer's
//   contracted backlog (Lucent/Nortel lent to the carriers that bought their
//   equipment; docs/calibration.md §4, §11.1);
// - equity-for-compute: new shares of a customer lab or cloud, bought with
//   cash that comes back as its orders (Nvidia → OpenAI, Microsoft → OpenAI;
//   §4);
// - backstops: a commitment to buy a customer cloud's unused capacity
//   (Nvidia → CoreWeave; §4), called as a guarantee of its lenders when it
//   defaults.
//
// The exposures are balance-sheet items of the upstream firm — vendor loans
// (aiChain.vendorLoans), stakes marked at the customer's share price
// (aiChain.stakes), backstop limits, its backlog as a seller — and when a
// customer defaults the upstream firm loses on them (resolveUpstreamExposures),
// so whether upstream stays comfortable is an outcome, not an assumption.
//
// The rule reads columns and a parameter struct and returns a list of
// deals (planCircularDeals, pure); money moves only in the booking functions,
// through src/model/ledger.ts.
import type { SpiralConfig } from "../../../config/configTypes.ts";
import type { ModelEvent } from "../../events.ts";
import {
  accrueVendorLoan,
  type Books,
  issueChainEquity,
  repayChainBankLoan,
  repayFund,
  transferWithinChain,
  vendorLends,
  writeOffVendorLoan,
} from "../../ledger.ts";
import type { AiChain } from "../../state.ts";
import { Role, SOURCE_COUNT, Source } from "../../state.ts";
import { payOutOfChain, tagInflow, tagOutflow } from "./attribution.ts";
import { fundRateOf } from "./credit.ts";
import { revenuePerGwMonthly } from "./demand.ts";
import type { ChainMonth } from "./plans.ts";

/** The config group aiChain (configs/schema.json). */
type AiChainConfig = SpiralConfig["aiChain"];

/** The deal rule's parameters (configs/schema.json aiChain.circular). */
export type CircularParams = SpiralConfig["aiChain"]["circular"];

/** Kinds of decided deal. */
export const DealKind = { vendorLoan: 0, equity: 1, backstop: 2 } as const;
export type DealKindId = (typeof DealKind)[keyof typeof DealKind];

/** One decided deal: the vendor, the customer and the amount (a backstop's limit), model dollars. */
export interface Deal {
  kind: DealKindId;
  vendor: number;
  customer: number;
  amount: number;
}

/** What the rule needs beyond the chain's columns and its parameters. */
export interface DealInputs {
  tick: number;
  /** aiChain.finance.cashBufferMonths: the buffer a firm keeps before committing cash to deals. */
  cashBufferMonths: number;
  /** aiChain.gpuShareOfCost: the GPU part of a cloud's capex and of the compute a lab buys. */
  gpuShareOfCost: number;
  /** What one model GW of the start's technology (serviceGw) earns per month at full use and today's service price. */
  capacityValuePerGw: number;
  /** aiChain.targetUtilization: the use of capacity a backstop tops up to. */
  targetUtilization: number;
}

const isCloud = (role: number) =>
  role === Role.hyperscaler || role === Role.neocloud || role === Role.legacyCloud;

/**
 * Customers the rule finances: the downstream firms — neoclouds, legacy
 * clouds and labs. Upstream firms (chip makers, hyperscalers) fund
 * themselves in bond markets and are not financed by their vendors (the
 * vendor-financed carriers of 2000 and the CoreWeave and OpenAI deals of
 * 2025 were all downstream; docs/calibration.md §4, §11.1).
 */
const isDownstream = (role: number) =>
  role === Role.neocloud || role === Role.legacyCloud || role === Role.modelLab;

/**
 * Appetite for deals in [0, 1] from the firm's own share price: 1 while the
 * price is at or above its recent average, falling linearly to 0 at
 * 1/priceResponse below it. Vendor financing is procyclical — Lucent's
 * commitments fell ≈ 70 % in a year as its shares fell (docs/calibration.md §11.1).
 */
export function dealAppetite(price: number, anchor: number, priceResponse: number): number {
  if (!(anchor > 0) || !(price > 0)) return 0;
  return Math.min(1, Math.max(0, 1 + priceResponse * (price / anchor - 1)));
}

/** Cash above the buffer of `bufferMonths` of monthly outgoings: what a firm can commit (never negative). */
export function cashAboveBuffer(deposits: number, monthlyOutgoings: number, bufferMonths: number): number {
  return Math.max(0, deposits - bufferMonths * Math.max(0, monthlyOutgoings));
}

/**
 * A customer's need this month: the share `adjustment` (aiChain.circular.adjustmentMonthly) of the gap
 * between `coverMonths` of its monthly orders from the vendor and its cash. Partial adjustment toward the
 * target exposure, as the chain's firms adjust their own cash buffers (aiChain.finance.cashAdjustmentMonthly;
 * Opler et al. 1999): a vendor builds its financing of a customer over months rather than pre-funding the
 * whole cover in one month.
 */
export function customerNeed(
  ordersMonthly: number,
  cash: number,
  coverMonths: number,
  adjustment: number,
): number {
  return adjustment * Math.max(0, coverMonths * ordersMonthly - Math.max(0, cash));
}

/**
 * The cash the vendor counts against customer j's orders: all its deposits, or
 * (aiChain.circular.customerCashAboveBuffer) only what lies above the buffer it
 * keeps for its own outgoings (cashAboveBuffer over aiChain.finance.cashBufferMonths
 * of monthlyOutgoings) — precautionary cash is not spendable on equipment.
 */
export function customerSpendableCash(
  c: AiChain,
  tick: number,
  j: number,
  inp: Pick<DealInputs, "gpuShareOfCost" | "cashBufferMonths">,
  aboveBuffer: boolean,
): number {
  if (!aboveBuffer) return c.deposits[j];
  return cashAboveBuffer(
    c.deposits[j],
    monthlyOutgoings(c, tick, j, inp.gpuShareOfCost),
    inp.cashBufferMonths,
  );
}

/** Last month's revenue of firm i (the revenue ring is written at month end). */
function lastRevenue(c: AiChain, i: number, tick: number): number {
  return c.revenueHistory[i * 13 + ((tick - 1 + 13) % 13)];
}

/** Monthly instalments buyer owes seller under contracts already started. */
function contracted(c: AiChain, tick: number, buyer: number, seller: number): number {
  let total = 0;
  for (let k = 0; k < c.contractBuyer.length; k++) {
    if (c.contractBuyer[k] !== buyer || c.contractMonthsLeft[k] <= 0 || c.contractStart[k] > tick) continue;
    if (seller < 0 || c.contractSeller[k] === seller) total += c.contractMonthly[k];
  }
  return total;
}

/**
 * Monthly orders `customer` places with `vendor`: its contract instalments
 * owed to the vendor; for a chip maker also the GPU part of a cloud's capacity
 * order (this month's capex × gpuShare, at least its GPU contracts) and the
 * GPU content of a lab's compute contracts (gpuShare × its instalments) — a
 * lab's compute comes back to the chip maker as its clouds' GPU orders.
 */
export function ordersFrom(
  c: AiChain,
  tick: number,
  gpuShare: number,
  vendor: number,
  customer: number,
): number {
  const direct = contracted(c, tick, customer, vendor);
  if (c.role[vendor] !== Role.chip) return direct;
  const role = c.role[customer];
  if (role === Role.modelLab) return direct + gpuShare * contracted(c, tick, customer, -1);
  if (isCloud(role)) return Math.max(direct, c.capex[customer] * gpuShare);
  return direct;
}

/**
 * A firm's outgoings over the next month, as the finance rule counts them for
 * its cash buffer (finance.ts): contract instalments, capex (its GPU part
 * counted once with GPU contracts), a lab's costs, operating costs, last
 * month's interest and power.
 */
export function monthlyOutgoings(c: AiChain, tick: number, i: number, gpuShare: number): number {
  let gpuContracts = 0;
  for (let k = 0; k < c.contractBuyer.length; k++) {
    if (c.contractBuyer[k] !== i || c.contractMonthsLeft[k] <= 0 || c.contractStart[k] > tick) continue;
    if (c.role[c.contractSeller[k]] === Role.chip) gpuContracts += c.contractMonthly[k];
  }
  return (
    contracted(c, tick, i, -1) +
    c.capex[i] -
    Math.min(c.capex[i] * gpuShare, gpuContracts) +
    c.labOpex[i] +
    c.opexShare[i] * lastRevenue(c, i, tick) +
    c.interestPaid[i] +
    c.electricityPaid[i]
  );
}

/** Remaining value of firm i's contracts as seller: its backlog. */
export function backlog(c: AiChain, i: number): number {
  let total = 0;
  for (let k = 0; k < c.contractSeller.length; k++)
    if (c.contractSeller[k] === i && c.contractMonthsLeft[k] > 0)
      total += c.contractMonthly[k] * c.contractMonthsLeft[k];
  return total;
}

/** What customer j owes all its vendors. */
export function vendorDebtOf(c: AiChain, j: number): number {
  let total = 0;
  for (let u = 0; u < c.n; u++) total += c.vendorLoans[u * c.n + j];
  return total;
}

/** What customers owe firm u on vendor loans. */
export function vendorLoansOf(c: AiChain, u: number): number {
  let total = 0;
  for (let j = 0; j < c.n; j++) total += c.vendorLoans[u * c.n + j];
  return total;
}

/** Remaining limits of the live backstops firm u has written (its guarantees). */
export function guaranteesOf(c: AiChain, tick: number, u: number): number {
  let total = 0;
  for (let k = 0; k < c.backstopGuarantor.length; k++)
    if (c.backstopGuarantor[k] === u && c.backstopRemaining[k] > 0 && tick <= c.backstopUntil[k])
      total += c.backstopRemaining[k];
  return total;
}

/** Market value of the stakes firm u holds in other chain firms. */
export function stakesValueOf(c: AiChain, u: number): number {
  let total = 0;
  for (let j = 0; j < c.n; j++) total += c.stakes[u * c.n + j] * c.price[j];
  return total;
}

/**
 * This month's deals. For each upstream firm u (chip maker or hyperscaler,
 * not in default), in index order:
 *
 * 1. budget = dealShareMonthly × (cash above its buffer) × appetite(share
 *    price) × (1 − the chain's market stress);
 * 2. each live downstream customer j (neocloud, legacy cloud, lab) with a
 *    default probability at most maxCustomerPd needs adjustmentMonthly × the gap between coverMonths of its
 *    orders from u and its cash (partial adjustment toward the target exposure); the budget fills the needs pro rata;
 * 3. a cloud's part is a vendor loan up to loanToBacklog × its backlog (less
 *    what it already owes vendors), the rest — and a lab's whole part — new
 *    shares, up to maxStakeShare of the customer;
 * 4. a neocloud or legacy cloud that orders from u and uses its capacity
 *    below target gets a backstop of backstopMonths of its unused capacity,
 *    if u has none running for it and u's cash above its buffer at its
 *    appetite covers all its backstops' limits.
 *
 * Pure: reads the columns, writes nothing; the deals are booked by
 * bookCircularDeals.
 */
export function planCircularDeals(c: AiChain, inp: DealInputs, p: CircularParams): Deal[] {
  const deals: Deal[] = [];
  const n = c.n;
  const t = inp.tick;
  const need = new Float64Array(n);
  const plannedLoans = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    const role = c.role[u];
    if (c.defaulted[u] === 1 || (role !== Role.chip && role !== Role.hyperscaler)) continue;
    // Vendors, like the chain's other investors (the fund's appetite, labs' contract signing), retreat
    // as the chain's market stress rises.
    const appetite =
      dealAppetite(c.price[u], c.dealPriceAnchor[u], p.priceResponse) * (1 - Math.min(1, c.marketStress));
    if (appetite <= 0) continue;
    const excess = cashAboveBuffer(
      c.deposits[u],
      monthlyOutgoings(c, t, u, inp.gpuShareOfCost),
      inp.cashBufferMonths,
    );
    const budget = p.dealShareMonthly * excess * appetite;
    let total = 0;
    for (let j = 0; j < n; j++) {
      need[j] = 0;
      if (j === u || c.defaulted[j] === 1 || !isDownstream(c.role[j]) || c.pdYearly[j] > p.maxCustomerPd)
        continue;
      need[j] = customerNeed(
        ordersFrom(c, t, inp.gpuShareOfCost, u, j),
        customerSpendableCash(c, t, j, inp, p.customerCashAboveBuffer),
        p.coverMonths,
        p.adjustmentMonthly,
      );
      total += need[j];
    }
    const fill = total > 0 ? Math.min(1, budget / total) : 0;
    for (let j = 0; j < n; j++) {
      let x = need[j] * fill;
      if (x <= 0) continue;
      if (isCloud(c.role[j])) {
        const room = Math.max(0, p.loanToBacklog * backlog(c, j) - vendorDebtOf(c, j) - plannedLoans[j]);
        const loan = Math.min(x, room);
        if (loan > 0) {
          deals.push({ kind: DealKind.vendorLoan, vendor: u, customer: j, amount: loan });
          plannedLoans[j] += loan;
          x -= loan;
        }
      }
      const stakeRoom = Math.max(0, p.maxStakeShare * c.shares[j] - c.stakes[u * n + j]) * c.price[j];
      const equity = Math.min(x, stakeRoom);
      if (equity > 0) deals.push({ kind: DealKind.equity, vendor: u, customer: j, amount: equity });
    }
    let cover = excess * appetite - guaranteesOf(c, t, u);
    for (let j = 0; j < n; j++) {
      const r = c.role[j];
      if (j === u || c.defaulted[j] === 1 || (r !== Role.neocloud && r !== Role.legacyCloud)) continue;
      if (c.pdYearly[j] > p.maxCustomerPd || ordersFrom(c, t, inp.gpuShareOfCost, u, j) <= 0) continue;
      if (hasLiveBackstop(c, t, u, j)) continue;
      const unused = Math.max(
        0,
        inp.targetUtilization * c.serviceGw[j] * inp.capacityValuePerGw - lastRevenue(c, j, t),
      );
      const limit = p.backstopMonths * unused;
      if (limit <= 0 || limit > cover) continue;
      deals.push({ kind: DealKind.backstop, vendor: u, customer: j, amount: limit });
      cover -= limit;
    }
  }
  return deals;
}

function hasLiveBackstop(c: AiChain, tick: number, g: number, b: number): boolean {
  for (let k = 0; k < c.backstopGuarantor.length; k++)
    if (
      c.backstopGuarantor[k] === g &&
      c.backstopBeneficiary[k] === b &&
      c.backstopRemaining[k] > 0 &&
      tick <= c.backstopUntil[k]
    )
      return true;
  return false;
}

/** Parameters of bookCircularDeals: the configured backstops (their slots come first) and aiChain.circular. */
export type DealBookingParams = Readonly<Pick<AiChainConfig, "backstops" | "circular">>;

/** Book the month's deals: money moves through the ledger (`books`), exposures are recorded, each deal is an event. */
export function bookCircularDeals(
  deals: readonly Deal[],
  month: ChainMonth,
  ai: DealBookingParams,
  events: ModelEvent[],
  books: Books,
): void {
  const c = books.aiChain;
  const bn = (x: number) => x / month.scale / 1e9;
  const configured = ai.backstops.length;
  for (const d of deals) {
    const { vendor: u, customer: j } = d;
    // Deals are planned on start-of-phase cash; a vendor pays only what it still has.
    const x = d.kind === DealKind.backstop ? d.amount : Math.min(d.amount, Math.max(0, c.deposits[u]));
    if (x <= 0) continue;
    if (d.kind === DealKind.vendorLoan) {
      payOutOfChain(c, u, x);
      vendorLends(books, u, j, x);
      tagInflow(c, j, Source.chainEquity, x); // the vendor's own money, coming back as its orders
      events.push({
        type: "vendorFinancing",
        firm: c.names[u],
        customer: c.names[j],
        amountUsdBn: bn(x),
        outstandingUsdBn: bn(c.vendorLoans[u * c.n + j]),
      });
    } else if (d.kind === DealKind.equity) {
      payOutOfChain(c, u, x);
      issueChainEquity(books, j, u, x);
      tagInflow(c, j, Source.chainEquity, x);
      events.push({
        type: "equityForCompute",
        firm: c.names[u],
        customer: c.names[j],
        amountUsdBn: bn(x),
        stakeShare: c.stakes[u * c.n + j] / c.shares[j],
      });
    } else {
      let slot = -1;
      for (let k = configured; k < c.backstopGuarantor.length; k++) {
        if (c.backstopRemaining[k] <= 0 || month.tick > c.backstopUntil[k]) {
          slot = k;
          break;
        }
      }
      if (slot < 0) continue; // every slot in use: no room for another backstop this month
      const months = ai.circular.backstopTermMonths;
      c.backstopGuarantor[slot] = u;
      c.backstopBeneficiary[slot] = j;
      c.backstopRemaining[slot] = x;
      c.backstopUntil[slot] = month.tick + months;
      c.backstopDecided[slot] = 1;
      events.push({
        type: "backstopWritten",
        firm: c.names[u],
        customer: c.names[j],
        limitUsdBn: bn(x),
        months,
      });
    }
  }
}

/** Cash moved between chain firms outside a purchase: the source mix moves with it (attribution.ts). */
function moveCash(books: Books, from: number, to: number, amount: number): void {
  const c = books.aiChain;
  const mix = new Float64Array(SOURCE_COUNT); // a few calls a month: no module scratch
  transferWithinChain(books, from, to, amount);
  tagOutflow(c, from, amount, mix);
  for (let s = 0; s < SOURCE_COUNT; s++) c.cashBySource[to * SOURCE_COUNT + s] += mix[s];
}

/**
 * Vendor loans are serviced monthly: interest at the borrower's non-bank
 * rate (aiChain.finance: its fund rate) and principal in equal parts over
 * loanMonths, from the borrower's cash; interest it cannot pay is added to
 * the loan, principal it cannot pay is rolled over. The interest is the
 * borrower's cost (interestPaid).
 */
export function serviceVendorLoans(
  policyRateYearly: number,
  p: Readonly<Pick<CircularParams, "loanMonths">>,
  books: Books,
): void {
  const c = books.aiChain;
  const n = c.n;
  const months = p.loanMonths;
  for (let u = 0; u < n; u++) {
    for (let j = 0; j < n; j++) {
      const k = u * n + j;
      const loan = c.vendorLoans[k];
      if (loan <= 0 || c.defaulted[j] === 1) continue;
      const interest = (loan * Math.max(0, fundRateOf(c, j, policyRateYearly))) / 12;
      const due = interest + loan / months;
      const paid = Math.min(due, Math.max(0, c.deposits[j]));
      const interestPaid = Math.min(interest, paid);
      if (paid > 0) moveCash(books, j, u, paid);
      accrueVendorLoan(c, u, j, interest - paid); // unpaid interest capitalised; principal repaid
      c.interestPaid[j] += interestPaid;
    }
  }
}

/**
 * Announced equity investments between chain firms (the configured 2025
 * tranches, aiChain.equityStakes): unconditional tranches month by month, or
 * conditional ones per GW of new capacity the chain's clouds put in service
 * this month ("$10bn of equity per GW deployed").
 */
export function payConfiguredStakes(tick: number, buildMonths: number, books: Books): void {
  const c = books.aiChain;
  let newGw = 0;
  const b = buildMonths;
  for (let i = 0; i < c.n; i++) if (c.defaulted[i] === 0) newGw += c.pipelineGw[i * b + (tick % b)];
  for (let k = 0; k < c.stakeInvestor.length; k++) {
    if (c.stakeRemaining[k] <= 0 || tick < c.stakeStart[k]) continue;
    const inv = c.stakeInvestor[k];
    const tgt = c.stakeInvestee[k];
    if (c.defaulted[inv] === 1 || c.defaulted[tgt] === 1) continue;
    const due = c.stakePerGw[k] > 0 ? c.stakePerGw[k] * newGw : c.stakeMonthly[k];
    const x = Math.min(due, c.stakeRemaining[k], Math.max(0, c.deposits[inv]));
    if (x <= 0) continue;
    payOutOfChain(c, inv, x);
    issueChainEquity(books, tgt, inv, x);
    tagInflow(c, tgt, Source.chainEquity, x);
    c.stakeRemaining[k] -= x;
  }
}

/** The share-price anchor of the deal rule: an exponential average over `memoryMonths`. */
export function updateDealAnchors(c: AiChain, memoryMonths: number): void {
  const w = 1 / Math.max(1, memoryMonths);
  for (let i = 0; i < c.n; i++) c.dealPriceAnchor[i] += w * (c.price[i] - c.dealPriceAnchor[i]);
}

/**
 * The month's circular financing (called at the end of financeChain):
 * configured tranches, vendor-loan service, then — with
 * aiChain.circular.decide — the decided deals; the price anchors advance.
 */
export function financeCircular(
  month: ChainMonth,
  policyRateYearly: number,
  ai: Readonly<AiChainConfig>,
  events: ModelEvent[],
  books: Books,
): void {
  const c = books.aiChain;
  const p = ai.circular;
  payConfiguredStakes(month.tick, ai.buildMonths, books);
  serviceVendorLoans(policyRateYearly, p, books);
  if (p.decide) {
    const inputs: DealInputs = {
      tick: month.tick,
      cashBufferMonths: ai.finance.cashBufferMonths,
      gpuShareOfCost: ai.gpuShareOfCost,
      capacityValuePerGw: revenuePerGwMonthly(ai) * c.servicePrice,
      targetUtilization: ai.targetUtilization,
    };
    bookCircularDeals(planCircularDeals(c, inputs, p), month, ai, events, books);
  }
  updateDealAnchors(c, p.priceMemoryMonths);
}

/**
 * Month end, before defaults are resolved (defaults.ts): upstream firms take
 * their losses on customers in default this month. A backstop of the
 * defaulting cloud is called as a guarantee — the guarantor pays what is
 * left of its limit, up to the lenders' loss given default on the cloud's
 * debt, to those lenders (banks first), and the backstop ends; vendor loans
 * to the defaulting customer are written down by the loss given default
 * (aiChain.finance.lossGivenDefault). Both are credit losses of the
 * upstream firm (its profit and exposureLosses). Stakes lose through the
 * customer's share price (valuation.ts). Returns the losses booked.
 */
export function resolveUpstreamExposures(
  month: ChainMonth,
  lossGivenDefault: number,
  events: ModelEvent[],
  books: Books,
): number {
  const c = books.aiChain;
  const n = c.n;
  const lgd = lossGivenDefault;
  const bn = (x: number) => x / month.scale / 1e9;
  let losses = 0;
  for (let j = 0; j < n; j++) {
    if (c.defaulted[j] !== 1) continue;
    for (let k = 0; k < c.backstopGuarantor.length; k++) {
      const g = c.backstopGuarantor[k];
      if (c.backstopBeneficiary[k] !== j || c.backstopRemaining[k] <= 0 || month.tick > c.backstopUntil[k])
        continue;
      if (g < 0 || c.defaulted[g] === 1) continue;
      const pay = Math.min(
        c.backstopRemaining[k],
        lgd * (c.bankLoans[j] + c.fundLoans[j]),
        Math.max(0, c.deposits[g]),
      );
      c.backstopRemaining[k] = 0;
      if (pay <= 0) continue;
      moveCash(books, g, j, pay);
      const toBank = Math.min(pay, c.bankLoans[j]);
      repayChainBankLoan(books, j, toBank);
      repayFund(books, j, pay - toBank);
      payOutOfChain(c, j, pay);
      c.exposureLosses[g] += pay;
      c.profit[g] -= pay;
      losses += pay;
      events.push({ type: "guaranteeCalled", firm: c.names[g], customer: c.names[j], paidUsdBn: bn(pay) });
    }
    for (let u = 0; u < n; u++) {
      const owed = c.vendorLoans[u * n + j];
      if (owed <= 0) continue;
      const loss = lgd * owed;
      writeOffVendorLoan(books, u, j, loss);
      c.exposureLosses[u] += loss;
      c.profit[u] -= loss;
      losses += loss;
      events.push({
        type: "vendorLoanWrittenDown",
        firm: c.names[u],
        customer: c.names[j],
        writtenDownUsdBn: bn(loss),
        remainingUsdBn: bn(owed - loss),
      });
    }
  }
  return losses;
}
