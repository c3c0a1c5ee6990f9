// The households' rules that the income and separation passes apply to each household, on hand-built numbers
// (no model): the unemployment benefit, the consumption plan, the supplier switch and the reservation wage's
// decay during an unemployment spell (docs/ODD.md §7.7).
import { describe, expect, it } from "vitest";
import { benefitFor, consumptionPlan, prefersCandidate } from "../src/model/agents/households.ts";
import { nextReservationWage } from "../src/model/markets/labour.ts";

describe("benefitFor", () => {
  it("pays the replacement rate times the last wage while the spell is shorter than the entitlement", () => {
    expect(benefitFor(0, 6, 0.4, 1000)).toBe(400);
    expect(benefitFor(5, 6, 0.4, 1000)).toBe(400);
  });

  it("pays nothing once the spell reaches the entitlement", () => {
    expect(benefitFor(6, 6, 0.4, 1000)).toBe(0);
    expect(benefitFor(30, 6, 0.4, 1000)).toBe(0);
  });
});

describe("consumptionPlan", () => {
  // mpcMin 0.5, mpcMax 0.9, wealth scale 10 000 USD, α2 = 1 % of wealth a month.
  const plan = (expected: number, wealth: number, deposits: number, rateFactor = 1, wealthRate = 0.01) =>
    consumptionPlan(expected, wealth, deposits, 0.5, 0.9, 1 / 10_000, rateFactor, wealthRate);

  it("spends α1(W) of expected income plus α2 of wealth: α1 = 0.7 halfway down at W = the wealth scale", () => {
    // α1 = 0.5 + 0.4 / (1 + 1) = 0.7; 0.7 × 3 000 + 0.01 × 10 000 = 2 200.
    expect(plan(3000, 10_000, 50_000)).toBeCloseTo(2200, 9);
  });

  it("has a lower income propensity for the rich (α1 → mpcMin) and mpcMax for no wealth", () => {
    expect(plan(3000, 0, 50_000, 1, 0)).toBeCloseTo(0.9 * 3000, 9);
    expect(plan(3000, 990_000, 1e7, 1, 0)).toBeCloseTo((0.5 + 0.4 / 100) * 3000, 9);
  });

  it("scales the income part by the interest-rate factor, not the wealth part", () => {
    expect(plan(3000, 10_000, 50_000, 0.5)).toBeCloseTo(0.7 * 0.5 * 3000 + 100, 9);
  });

  it("never spends more than deposits, nor a negative amount", () => {
    expect(plan(3000, 10_000, 1000)).toBe(1000);
    expect(plan(-5000, 0, 1000)).toBe(0);
  });
});

describe("prefersCandidate", () => {
  const none = new Int32Array(1);

  it("switches to a candidate that is cheaper for its appeal, and not to a dearer one", () => {
    const price = Float64Array.of(10, 8);
    const appeal = Float64Array.of(1, 1);
    expect(prefersCandidate(price, appeal, none, 0, 1, false)).toBe(true);
    expect(prefersCandidate(price, appeal, none, 1, 0, false)).toBe(false);
  });

  it("compares price / appeal: a dearer firm with more appeal can win (12 / 1.5 = 8 < 10)", () => {
    const price = Float64Array.of(10, 12);
    expect(prefersCandidate(price, Float64Array.of(1, 1.5), none, 0, 1, false)).toBe(true);
    expect(prefersCandidate(price, Float64Array.of(1, 1.1), none, 0, 1, false)).toBe(false);
  });

  it("after rationing, switches to a dearer candidate that had goods, not to one that rationed too", () => {
    const price = Float64Array.of(10, 12);
    const appeal = Float64Array.of(1, 1);
    expect(prefersCandidate(price, appeal, none, 0, 1, true)).toBe(true);
    const candidateRationed = Int32Array.of(0b11); // firms 0 and 1 both rationed
    expect(prefersCandidate(price, appeal, candidateRationed, 0, 1, true)).toBe(false);
  });
});

describe("nextReservationWage", () => {
  it("decays by the monthly factor while above the benefit floor", () => {
    expect(nextReservationWage(1000, 0.9, 2, 6, 0.5, 1000)).toBeCloseTo(900, 9);
  });

  it("never falls below the benefit while the benefit is paid, and decays freely after", () => {
    expect(nextReservationWage(520, 0.9, 2, 6, 0.5, 1000)).toBe(500);
    expect(nextReservationWage(520, 0.9, 6, 6, 0.5, 1000)).toBeCloseTo(468, 9);
  });
});
