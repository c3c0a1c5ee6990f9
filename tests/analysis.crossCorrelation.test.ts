import { describe, expect, it } from "vitest";
import { crossCorrelation } from "../src/analysis/crossCorrelation.ts";
import { mulberry32 } from "./helpers/mulberry32.ts";

describe("crossCorrelation", () => {
  const rand = mulberry32(42);
  const n = 120;
  const driver = Array.from({ length: n + 2 }, () => rand() - 0.5);
  // y leads; x repeats y two periods later: x_t = y_{t−2}.
  const y = driver.slice(2);
  const x = driver.slice(0, n);

  it("puts the peak at k = +2 when x lags y by 2 (corr(x_{t+k}, y_t))", () => {
    const { lags, correlations } = crossCorrelation(x, y, 4);
    expect(lags).toEqual([-4, -3, -2, -1, 0, 1, 2, 3, 4]);
    expect(correlations[lags.indexOf(2)]).toBeCloseTo(1, 12);
    expect(Math.abs(correlations[lags.indexOf(-2)])).toBeLessThan(0.3);
    const peak = lags[correlations.map(Math.abs).indexOf(Math.max(...correlations.map(Math.abs)))];
    expect(peak).toBe(2);
  });

  it("mirrors the lag when the arguments swap", () => {
    const { lags, correlations } = crossCorrelation(y, x, 4);
    expect(correlations[lags.indexOf(-2)]).toBeCloseTo(1, 12);
  });

  it("keeps the sign: an inverted series correlates −1 at lag 0", () => {
    const { correlations } = crossCorrelation(
      y.map((v) => -3 * v),
      y,
      1,
    );
    expect(correlations[1]).toBeCloseTo(-1, 12);
  });

  it("throws for unequal lengths, a bad maxLag or too short a series", () => {
    expect(() => crossCorrelation([1, 2, 3, 4], [1, 2, 3], 1)).toThrow(RangeError);
    expect(() => crossCorrelation(x, y, -1)).toThrow(RangeError);
    expect(() => crossCorrelation(x, y, 1.5)).toThrow(RangeError);
    expect(() => crossCorrelation([1, 2, 3, 4], [4, 3, 2, 1], 2)).toThrow(/at least 5/);
  });
});
