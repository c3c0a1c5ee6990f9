// Short sellers with positions (issue 18 item 6). A short book borrows chain
// shares, sells them, pays a borrow fee, keeps margin, books profit and loss
// and covers — by choice as targets improve, by force when its equity falls
// below the maintenance margin (a squeeze: covering buys push the price up,
// which deepens the losses of what is still short). Its targets are the
// seed's: thin or negative cash flow, high debt, heavy capex.
//
// Stock-flow consistency — who lends the shares, who holds the cash: the
// short book is a book of the non-bank fund sector (Sector.privateCredit),
// which holds every chain share that chain firms do not. The fund's long
// book lends the shares and, as the only outside holder of chain shares,
// buys them back from the short book; the sale proceeds and the short book's
// own capital are deposits of that sector at its bank (part of
// m.fund.deposits), the borrow fee is paid from the short book to the long
// book. So a short position moves no money between sectors and leaves the
// sector's net exposure to each firm as it was: the long book owns
// sharesHeld + N shares of firm i, N of them lent, and the short book owes
// N — a short seller's gain is exactly the long book's loss on the shares it
// bought from it, as in any closed economy. What the book changes is the
// price path: its sales and its covering are orders in the price formation
// (markets/equityMarket.ts `orderFlow`). All functions here are pure or write
// only the book's columns passed in.

/** Parameters of the short book: the config group aiChain.shortSellers (configs/schema.json documents each, with sources). */
import type { SpiralConfig } from "../../../config/configTypes.ts";
import { chargeShortBook, type ShortBookBalances, tradeShortBook } from "../../ledger.ts";
export type ShortParams = Readonly<SpiralConfig["aiChain"]["shortSellers"]>;

/** The book: shares short per firm and its cash account (model dollars). */
export type ShortBook = ShortBookBalances;

/**
 * Target score in [0, 1]: the mean of leverage (debt / market value, capped
 * at 1), cash burn (loss / revenue, capped at 1; 1 without revenue) and capex
 * intensity (yearly capex / yearly revenue, capped at 1).
 */
export function shortTargetScore(
  debt: number,
  marketValue: number,
  profitMonthly: number,
  revenueMonthly: number,
  capexMonthly: number,
): number {
  const leverage = Math.min(1, debt / Math.max(1e-9, marketValue));
  const burn = revenueMonthly > 0 ? Math.min(1, Math.max(0, -profitMonthly) / revenueMonthly) : 1;
  const capex = revenueMonthly > 0 ? Math.min(1, capexMonthly / (12 * revenueMonthly)) : 0;
  return Math.min(1, (leverage + burn + capex) / 3);
}

/** Target short interest (share of shares outstanding): rises linearly from the threshold to maxShortShare at score 1. */
export function targetShortShare(score: number, p: ShortParams): number {
  if (score <= p.scoreThreshold || p.scoreThreshold >= 1) return 0;
  return (p.maxShortShare * (score - p.scoreThreshold)) / (1 - p.scoreThreshold);
}

/** The book's equity: cash less the market value of the shares it owes. */
export function shortBookEquity(book: ShortBook, price: Float64Array): number {
  let owed = 0;
  for (let i = 0; i < book.shares.length; i++) owed += book.shares[i] * price[i];
  return book.cash - owed;
}

/** Market value of the positions (the short interest in USD). */
export function shortExposure(book: ShortBook, price: Float64Array): number {
  let x = 0;
  for (let i = 0; i < book.shares.length; i++) x += book.shares[i] * price[i];
  return x;
}

/**
 * This month's orders, in shares (positive: sell short more; negative:
 * cover), written to `orders`. Returns true when the book covers by force.
 *
 * - Margin call: when equity < maintenanceMargin × exposure, every position
 *   is cut in proportion until equity = initialMargin × exposure at today's
 *   prices (covering buys; nothing else is traded that month). A wiped-out
 *   book (equity ≤ 0) covers everything.
 * - Otherwise each position moves adjustSpeedMonthly of the way to its
 *   target (targetShortShare × shares outstanding; nothing in a firm in
 *   default), with the targets scaled down together so that exposure stays
 *   within equity / initialMargin.
 */
export function planShortOrders(
  book: ShortBook,
  price: Float64Array,
  sharesOutstanding: Float64Array,
  score: Float64Array,
  defaulted: Uint8Array,
  p: ShortParams,
  orders: Float64Array,
): boolean {
  const n = book.shares.length;
  const exposure = shortExposure(book, price);
  const equity = book.cash - exposure;
  if (exposure > 0 && equity < p.maintenanceMargin * exposure) {
    // Cover to restore the initial margin: with a share c of each position
    // covered, equity is unchanged (cash pays the value bought back) and
    // exposure falls to (1 − c)·exposure.
    const keep = equity > 0 ? Math.min(1, equity / (p.initialMargin * exposure)) : 0;
    for (let i = 0; i < n; i++) orders[i] = -(1 - keep) * book.shares[i];
    return true;
  }
  let wanted = 0;
  for (let i = 0; i < n; i++) {
    orders[i] = defaulted[i] === 1 ? 0 : targetShortShare(score[i], p) * sharesOutstanding[i];
    wanted += orders[i] * price[i];
  }
  const room = Math.max(0, equity) / p.initialMargin;
  const scale = wanted > room ? room / wanted : 1;
  for (let i = 0; i < n; i++) orders[i] = p.adjustSpeedMonthly * (orders[i] * scale - book.shares[i]);
  return false;
}

/** Fill the orders at today's prices: short sales add their proceeds to cash, covering pays for the shares. */
export function fillShortOrders(book: ShortBook, orders: Float64Array, price: Float64Array): void {
  for (let i = 0; i < book.shares.length; i++) {
    const q = Math.max(-book.shares[i], orders[i]);
    tradeShortBook(book, i, q, price[i]);
  }
}

/**
 * The month's borrow fee, paid from the book to the lender: position value ×
 * (fee + (hard-to-borrow fee − fee) × (short interest / maxShortShare)²) / 12
 * — borrowing gets dear as a stock's lendable supply is used up (D'Avolio
 * 2002, "The market for borrowing stock", JFE 66). Returns the amount.
 */
export function chargeBorrowFee(
  book: ShortBook,
  price: Float64Array,
  sharesOutstanding: Float64Array,
  p: ShortParams,
): number {
  let fee = 0;
  for (let i = 0; i < book.shares.length; i++) {
    if (book.shares[i] <= 0) continue;
    const use = Math.min(1, book.shares[i] / Math.max(1e-12, p.maxShortShare * sharesOutstanding[i]));
    const rate = p.borrowFeeYearly + (p.hardToBorrowFeeYearly - p.borrowFeeYearly) * use * use;
    fee += (book.shares[i] * price[i] * rate) / 12;
  }
  chargeShortBook(book, fee);
  return fee;
}

/** Order flow for price formation: −priceImpact × shares sold / shares outstanding (covering is buying). */
export function shortOrderFlow(orderShares: number, sharesOutstanding: number, p: ShortParams): number {
  return sharesOutstanding > 0 ? (-p.priceImpact * orderShares) / sharesOutstanding : 0;
}

/**
 * Capital moved from the fund's long book into the short book (negative:
 * back) this month: capitalSpeedMonthly of the gap between the target
 * (capitalShare × the fund's chain shares at market value) and the book's
 * equity. A book that lost its capital is refilled only slowly.
 */
export function shortCapitalTransfer(equity: number, fundEquityHoldings: number, p: ShortParams): number {
  return p.capitalSpeedMonthly * (p.capitalShare * Math.max(0, fundEquityHoldings) - equity);
}
