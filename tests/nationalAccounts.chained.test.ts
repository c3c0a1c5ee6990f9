// Chain-linked real GDP (src/model/nationalAccounts.ts fisherGrowth, chainRealGdp): a Fisher quantity index of the
// producers' value added, month to month, so that an output whose price collapses (AI services under
// aiChain.capacityTechnologyGrowthYearly) does not take over real GDP as it did at fixed base-period prices.
import { describe, expect, it } from "vitest";
import {
  chainRealGdp,
  emptyAccounts,
  emptyChainedRealGdp,
  fisherGrowth,
  type NationalAccounts,
} from "../src/model/nationalAccounts.ts";

describe("fisherGrowth", () => {
  it("is the geometric mean of the Laspeyres and Paasche volume growth", () => {
    // Firms' value added +2 % at an unchanged price; the chain's value added unchanged at half the price.
    const f = fisherGrowth([100, 10], [1, 1], [102, 10], [1, 0.5]);
    const laspeyres = (102 + 10 / 0.5) / 110;
    const paasche = 112 / (100 + 10 * 0.5);
    expect(f).toBeCloseTo(Math.sqrt(laspeyres * paasche), 14);
    expect(f).toBeCloseTo(1.0877, 4);
  });

  it("is each producer's own growth when only one acts or all prices are unchanged", () => {
    expect(fisherGrowth([50, 0, 0], [2, 1, 1], [60, 0, 0], [2.4, 1, 1])).toBeCloseTo(1, 14); // value up with price
    expect(fisherGrowth([50, 10, 5], [1, 1, 1], [55, 11, 5.5], [1, 1, 1])).toBeCloseTo(1.1, 14);
  });

  it("falls back to Laspeyres, then Paasche, then no growth when value added turns negative", () => {
    // L = (30 − 40 ÷ 2) ÷ 110 > 0, P = −10 ÷ (100 + 10 · 2) < 0: Laspeyres.
    expect(fisherGrowth([100, 10], [1, 1], [30, -40], [1, 2])).toBeCloseTo(10 / 110, 14);
    // L = (30 − 25 · 2) ÷ 110 < 0, P = 5 ÷ (100 + 10 · 0.5) > 0: Paasche.
    expect(fisherGrowth([100, 10], [1, 1], [30, -25], [1, 0.5])).toBeCloseTo(5 / 105, 14);
    // Both negative (their product positive): no growth, not √(L·P).
    expect(fisherGrowth([100, 10], [1, 1], [10, -20], [1, 0.5])).toBe(1);
    expect(fisherGrowth([0, 0], [1, 1], [1, 1], [1, 1])).toBe(1); // nothing last month
  });
});

function accounts(va: number[], price: number[], multiSector: boolean): NationalAccounts {
  const a = emptyAccounts();
  a.sectorValueAdded.set(va);
  a.sectorPrice.set(price);
  a.multiSector = multiSector;
  a.gdpReal = va.reduce((s, x, k) => s + x / price[k], 0); // the fixed-base sum
  return a;
}

describe("chainRealGdp", () => {
  it("is the fixed-base sum while non-AI firms produce alone", () => {
    const state = emptyChainedRealGdp();
    expect(chainRealGdp(state, accounts([100, 0, 0], [1.5, 1, 1], false))).toBeCloseTo(100 / 1.5, 14);
    expect(state.started).toBe(false);
  });

  it("starts at the fixed-base level the first month a second producer acts, then chains", () => {
    const state = emptyChainedRealGdp();
    expect(chainRealGdp(state, accounts([100, 10, 0], [1, 1, 1], true))).toBeCloseTo(110, 12);
    // The chain's price halves each month while its value added stays: its quantity doubles each month.
    let level = 110;
    let price = 1;
    for (let k = 0; k < 12; k++) {
      const last = price;
      price /= 2;
      const next = chainRealGdp(state, accounts([100, 10, 0], [1, price, 1], true));
      expect(next / level).toBeCloseTo(
        fisherGrowth([100, 10, 0], [1, last, 1], [100, 10, 0], [1, price, 1]),
        12,
      );
      level = next;
    }
    // A year later: fixed-base real GDP is 100 + 10 × 4096 (the chain dominates); the chained one grows at the
    // chain's ≈ 9 % share of value added times its quantity growth each month, geometrically averaged.
    const fixedBase = 100 + 10 * 2 ** 12;
    expect(level).toBeLessThan(fixedBase / 10);
    expect(level).toBeGreaterThan(110);
  });
});
