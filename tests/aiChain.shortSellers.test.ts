// Short sellers with positions (issue 18 item 6; src/model/agents/aiChain/shortSellers.ts), on a hand-built book.
import { describe, expect, it } from "vitest";
import {
  chargeBorrowFee,
  fillShortOrders,
  planShortOrders,
  type ShortBook,
  type ShortParams,
  shortBookEquity,
  shortCapitalTransfer,
  shortExposure,
  shortOrderFlow,
  shortTargetScore,
  targetShortShare,
} from "../src/model/agents/aiChain/shortSellers.ts";

const P: ShortParams = {
  capitalShare: 0.01,
  capitalSpeedMonthly: 0.05,
  maxShortShare: 0.15,
  scoreThreshold: 0.3,
  adjustSpeedMonthly: 1,
  initialMargin: 0.5,
  maintenanceMargin: 0.3,
  borrowFeeYearly: 0.003,
  hardToBorrowFeeYearly: 0.15,
  priceImpact: 2,
};
const f = (...x: number[]) => Float64Array.from(x);

describe("targets", () => {
  it("scores leverage, cash burn and capex intensity", () => {
    expect(shortTargetScore(0, 100, 10, 10, 0)).toBe(0); // no debt, profitable, no capex
    expect(shortTargetScore(200, 100, -20, 10, 200)).toBe(1); // debt > value, loses more than revenue, capex > a year's revenue
    expect(shortTargetScore(50, 100, -5, 10, 5)).toBeCloseTo((0.5 + 0.5 + 5 / 120) / 3, 12);
  });

  it("shorts only above the threshold, up to maxShortShare at score 1", () => {
    expect(targetShortShare(0.3, P)).toBe(0);
    expect(targetShortShare(1, P)).toBeCloseTo(0.15, 12);
    expect(targetShortShare(0.65, P)).toBeCloseTo(0.075, 12);
  });
});

describe("the book", () => {
  it("sells towards its targets within its margin, and the proceeds are its cash", () => {
    const book: ShortBook = { shares: f(0, 0), cash: 10 };
    const price = f(1, 2);
    const orders = new Float64Array(2);
    const forced = planShortOrders(book, price, f(1000, 1000), f(1, 0.1), new Uint8Array(2), P, orders);
    expect(forced).toBe(false);
    // Target 150 shares at 1 = 150 of exposure, but equity 10 / margin 0.5 allows 20.
    expect(orders[0]).toBeCloseTo(20, 9);
    expect(orders[1]).toBe(0);
    fillShortOrders(book, orders, price);
    expect(book.cash).toBeCloseTo(30, 9);
    expect(shortBookEquity(book, price)).toBeCloseTo(10, 9); // selling does not change equity
    expect(shortExposure(book, price)).toBeCloseTo(20, 9);
  });

  it("books a loss when the price rises and covers by force below the maintenance margin (a squeeze)", () => {
    const book: ShortBook = { shares: f(20), cash: 30 };
    const up = f(1.35); // equity 30 − 27 = 3 < 0.3 × 27
    expect(shortBookEquity(book, up)).toBeCloseTo(3, 9);
    const orders = new Float64Array(1);
    expect(planShortOrders(book, up, f(1000), f(1), new Uint8Array(1), P, orders)).toBe(true);
    expect(orders[0]).toBeLessThan(0); // buys back
    fillShortOrders(book, orders, up);
    // Equity is unchanged by covering; exposure falls until equity = initial margin × exposure.
    expect(shortBookEquity(book, up)).toBeCloseTo(3, 9);
    expect(shortExposure(book, up)).toBeCloseTo(3 / 0.5, 9);
    // Covering is buying: it pushes the price up.
    expect(shortOrderFlow(orders[0], 1000, P)).toBeGreaterThan(0);
  });

  it("a wiped-out book covers everything; a firm in default is not shorted further", () => {
    const book: ShortBook = { shares: f(20, 5), cash: 10 };
    const orders = new Float64Array(2);
    planShortOrders(book, f(1, 1), f(1000, 1000), f(1, 1), new Uint8Array(2), P, orders);
    expect(orders[0]).toBeCloseTo(-20, 9);
    expect(orders[1]).toBeCloseTo(-5, 9);
    const healthy: ShortBook = { shares: f(0), cash: 100 };
    planShortOrders(healthy, f(1), f(1000), f(1), Uint8Array.from([1]), P, orders);
    expect(orders[0]).toBe(0);
  });

  it("pays a borrow fee that rises as the lendable supply is used up", () => {
    const easy: ShortBook = { shares: f(1), cash: 100 };
    const hard: ShortBook = { shares: f(150), cash: 1000 };
    const feeEasy = chargeBorrowFee(easy, f(1), f(1000), P) / 1;
    const feeHard = chargeBorrowFee(hard, f(1), f(1000), P) / 150;
    expect(feeEasy).toBeCloseTo((0.003 + 0.147 * (1 / 150) ** 2) / 12, 12);
    expect(feeHard).toBeCloseTo(0.15 / 12, 12);
    expect(hard.cash).toBeCloseTo(1000 - 150 * (0.15 / 12), 9);
  });

  it("its capital moves towards its target share of the fund's chain holdings", () => {
    expect(shortCapitalTransfer(0, 1000, P)).toBeCloseTo(0.05 * 10, 12);
    expect(shortCapitalTransfer(20, 1000, P)).toBeCloseTo(-0.05 * 10, 12);
  });
});
