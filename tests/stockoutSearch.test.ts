// Search after a stock-out (households.stockoutSearchSensitivity; agents/households.ts searchesAfterStockout):
// the rule on hand-built numbers, and the households' supplier choice on a small model where only the stock-out
// makes them compare (docs/ODD.md §7.7, docs/calibration.md §10.11).
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config/index.ts";
import { searchesAfterStockout } from "../src/model/agents/households.ts";
import { createModel } from "../src/model/index.ts";
import { earnAndPlanOn } from "../src/model/schedule.ts";

/** Share of an even grid of draws u ∈ [0, 1) for which a customer searches. */
function searchShare(fill: number, k: number, points = 100_000): number {
  let n = 0;
  for (let i = 0; i < points; i++) if (searchesAfterStockout((i + 0.5) / points, fill, k)) n++;
  return n / points;
}

describe("searchesAfterStockout", () => {
  it("with k = 1 a customer searches with probability the unfilled share 1 − fill", () => {
    expect(searchShare(0.9, 1)).toBeCloseTo(0.1, 4);
    expect(searchShare(0.25, 1)).toBeCloseTo(0.75, 4);
    expect(searchesAfterStockout(0.3, 0.8, 1)).toBe(false);
    expect(searchesAfterStockout(0.1, 0.8, 1)).toBe(true);
  });

  it("scales with the sensitivity, capped at every customer: min(1, k (1 − fill))", () => {
    expect(searchShare(0.9, 3)).toBeCloseTo(0.3, 4);
    expect(searchShare(0.9, 20)).toBe(1);
  });

  it("nobody searches because of a stock-out at a firm that served all its orders", () => {
    expect(searchShare(1, 1)).toBe(0);
    expect(searchShare(1, 1000)).toBe(0);
  });
});

describe("households' supplier choice after a stock-out (earnAndPlan)", () => {
  /**
   * 400 households, all buying from firm 1, which served 90 % of last month's orders; the other three firms
   * served all theirs and are dearer. Nobody compares at random (households.supplierSwitchProbability 0), so
   * only the stock-out sends anyone to another firm: a customer who compares moves to any candidate that had
   * goods (3 of the 4 firms it can draw).
   */
  function leavers(sensitivity: number, fill = 0.9): number {
    const c = defaultConfig();
    c.seed = 5;
    c.households.count = 400;
    c.firms.consumption.count = 4;
    c.firms.capital.count = 2;
    c.banks.count = 2;
    c.households.supplierSwitchProbability = 0;
    c.households.stockoutSearchSensitivity = sensitivity;
    const m = createModel(c);
    const f = m.firms;
    for (let j = 0; j < 4; j++) {
      f.fillRatio[j] = j === 1 ? fill : 1;
      f.price[j] = j === 1 ? 1 : 1.2;
      f.appeal[j] = 1;
    }
    for (let i = 0; i < m.households.n; i++) m.households.supplier[i] = 1;
    earnAndPlanOn(m, 0);
    let left = 0;
    for (let i = 0; i < m.households.n; i++) if (m.households.supplier[i] !== 1) left++;
    return left;
  }

  it("the rule before (0): a 10 % stock-out makes every customer compare, about three quarters leave", () => {
    const n = leavers(0);
    expect(n).toBeGreaterThan(260);
    expect(n).toBeLessThan(340);
  });

  it("sensitivity 1: only the tenth the stock-out turned away compare, about 30 leave", () => {
    const n = leavers(1);
    expect(n).toBeGreaterThan(12);
    expect(n).toBeLessThan(50);
  });

  it("sensitivity 5: half compare, about 150 leave; nobody leaves a firm that served everyone", () => {
    const n = leavers(5);
    expect(n).toBeGreaterThan(115);
    expect(n).toBeLessThan(185);
    expect(leavers(5, 1)).toBe(0);
    expect(leavers(0, 1)).toBe(0);
  });
});
