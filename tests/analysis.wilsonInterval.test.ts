import { describe, expect, it } from "vitest";
import { wilsonInterval } from "../src/analysis/wilsonInterval.ts";

describe("wilsonInterval", () => {
  // Expected bounds from the closed form at z = 1.959964; scipy's
  // binomtest(k, n).proportion_ci(method="wilson") agrees to 2e-9 (it uses the exact z).
  it("matches known values", () => {
    const cases: [number, number, number, number, number][] = [
      // successes, trials, estimate, lower, upper
      [0, 10, 0, 0, 0.277532803],
      [5, 10, 0.5, 0.236593089, 0.763406911],
      [10, 10, 1, 0.722467197, 1],
      [81, 263, 0.3079847909, 0.2552885195, 0.3662095775],
    ];
    for (const [k, n, estimate, lower, upper] of cases) {
      const ci = wilsonInterval(k, n);
      expect(ci.estimate).toBeCloseTo(estimate, 9);
      expect(ci.lower).toBeCloseTo(lower, 8);
      expect(ci.upper).toBeCloseTo(upper, 8);
    }
  });

  it("has exact bounds at 0 and n successes: 0 and n / (n + z²), and their mirror", () => {
    const z = 1.959964;
    expect(wilsonInterval(0, 10).lower).toBe(0);
    expect(wilsonInterval(0, 10).upper).toBeCloseTo((z * z) / (10 + z * z), 14);
    expect(wilsonInterval(10, 10).lower).toBeCloseTo(10 / (10 + z * z), 14);
    expect(wilsonInterval(10, 10).upper).toBe(1);
  });

  it("is symmetric under swapping successes and failures", () => {
    const a = wilsonInterval(3, 17);
    const b = wilsonInterval(14, 17);
    expect(a.lower).toBeCloseTo(1 - b.upper, 14);
    expect(a.upper).toBeCloseTo(1 - b.lower, 14);
  });

  it("narrows with more trials and widens with a larger z", () => {
    const width = (k: number, n: number, z?: number): number => {
      const ci = wilsonInterval(k, n, z);
      return ci.upper - ci.lower;
    };
    expect(width(50, 100)).toBeLessThan(width(5, 10));
    expect(width(5, 10, 2.575829)).toBeGreaterThan(width(5, 10));
  });

  it("returns NaN for zero trials", () => {
    const ci = wilsonInterval(0, 0);
    expect(ci.estimate).toBeNaN();
    expect(ci.lower).toBeNaN();
    expect(ci.upper).toBeNaN();
  });

  it("throws for impossible counts or a bad z", () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1, -2)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 10, 0)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 10, Number.NaN)).toThrow(RangeError);
  });
});
