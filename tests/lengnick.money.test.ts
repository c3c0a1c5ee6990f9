// Lengnick (2013): money is conserved exactly every day (whole micro-units),
// and the check names the day and the residual when it is not.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config/index.ts";
import { ModelFailure } from "../src/errors.ts";
import {
  checkMoney,
  createLengnickModel,
  MICRO_PER_UNIT,
  stepMonth,
} from "../src/model/lengnick2013/index.ts";

function smallEconomy(seed: number) {
  const config = defaultConfig();
  config.model = "lengnick2013";
  config.seed = seed;
  config.lengnick2013.households = 300;
  config.lengnick2013.firms = 30;
  return createLengnickModel(config);
}

function moneyStock(s: ReturnType<typeof smallEconomy>): number {
  let total = s.dividendPool;
  for (const m of s.households.liquidity) total += m;
  for (const m of s.firms.liquidity) total += m;
  return total;
}

describe("lengnick2013 money", () => {
  it("keeps the money stock exactly constant for 5 years (checked every day inside stepMonth)", () => {
    for (const seed of [1, 2, 3]) {
      const s = smallEconomy(seed);
      const start = moneyStock(s);
      expect(Number.isInteger(start)).toBe(true);
      for (let m = 0; m < 60; m++) {
        stepMonth(s);
        expect(moneyStock(s)).toBe(start);
      }
      expect(s.day).toBe(60 * 21);
    }
  });

  it("throws ModelFailure naming the day and the residual when money appears", () => {
    const s = smallEconomy(1);
    stepMonth(s);
    s.households.liquidity[5] += 2.5 * MICRO_PER_UNIT;
    let failure: unknown;
    try {
      checkMoney(s);
    } catch (err) {
      failure = err;
    }
    expect(failure).toBeInstanceOf(ModelFailure);
    const f = failure as ModelFailure;
    expect(f.message).toContain("day 21");
    expect(f.message).toContain("residual 2.5");
    expect(f.residual).toBe(2.5);
  });

  it("throws ModelFailure when a holder's money turns negative", () => {
    const s = smallEconomy(1);
    s.firms.liquidity[3] = -1;
    s.households.liquidity[0] += 1;
    expect(() => checkMoney(s)).toThrow(/firm 3 holds negative money on day 0/);
  });

  it("is deterministic: same seed, same path", () => {
    const a = smallEconomy(7);
    const b = smallEconomy(7);
    for (let m = 0; m < 24; m++) {
      stepMonth(a);
      stepMonth(b);
    }
    expect(Array.from(a.households.liquidity)).toEqual(Array.from(b.households.liquidity));
    expect(Array.from(a.firms.price)).toEqual(Array.from(b.firms.price));
  });
});
