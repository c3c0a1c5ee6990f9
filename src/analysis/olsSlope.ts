/**
 * Least-squares slope of y on x with an intercept:
 * β = Σ (x_t − x̄)(y_t − ȳ) / Σ (x_t − x̄)². The Okun coefficient of
 * `spiral facts` is this slope with y = the unemployment rate's HP cycle in
 * percentage points and x = real GDP's HP log cycle in percent (the "gap"
 * version of Okun's law). Returns NaN when x is constant.
 *
 * Reference: Ball, Leigh & Loungani (2017), "Okun's Law: Fit at 50?",
 * JMCB 49(7) (the gap and changes versions); https://en.wikipedia.org/wiki/Simple_linear_regression
 *
 * @example
 * olsSlope([1, 2, 3, 4], [2, 4, 6, 8]); // 2
 *
 * @throws {RangeError} if the series differ in length, hold fewer than 2
 *   values, or hold a non-finite value.
 */
export function olsSlope(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (y.length !== n) throw new RangeError(`olsSlope needs equal lengths, got ${n} and ${y.length}`);
  if (n < 2) throw new RangeError(`olsSlope needs at least 2 pairs, got ${n}`);
  let meanX = 0;
  let meanY = 0;
  for (let t = 0; t < n; t++) {
    if (!Number.isFinite(x[t]) || !Number.isFinite(y[t])) {
      throw new RangeError(`olsSlope input is not finite at index ${t}: (${x[t]}, ${y[t]})`);
    }
    meanX += x[t];
    meanY += y[t];
  }
  meanX /= n;
  meanY /= n;
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < n; t++) {
    sxy += (x[t] - meanX) * (y[t] - meanY);
    sxx += (x[t] - meanX) ** 2;
  }
  return sxx > 0 ? sxy / sxx : Number.NaN;
}
