/**
 * Sample autocorrelation of x at a lag k (Box–Jenkins estimator):
 * r_k = Σ_{t=k}^{n−1} (x_t − x̄)(x_{t−k} − x̄) / Σ_t (x_t − x̄)², with the
 * full-sample mean and variance, so r_0 = 1 and |r_k| ≤ 1. First-order
 * autocorrelation (k = 1) measures the persistence of a cycle. Returns NaN
 * for a constant series.
 *
 * Reference: Box, Jenkins & Reinsel, "Time Series Analysis", §2.1.5;
 * https://en.wikipedia.org/wiki/Autocorrelation#Estimation
 *
 * @example
 * autocorrelation([1, 2, 3, 4, 5], 1); // 0.4
 *
 * @throws {RangeError} if the series has fewer than 2 values or `lag` is not
 *   an integer in [0, n − 1].
 */
export function autocorrelation(x: ArrayLike<number>, lag = 1): number {
  const n = x.length;
  if (n < 2) throw new RangeError(`autocorrelation needs at least 2 values, got ${n}`);
  if (!Number.isInteger(lag) || lag < 0 || lag >= n) {
    throw new RangeError(`autocorrelation lag must be an integer in [0, ${n - 1}], got ${lag}`);
  }
  let mean = 0;
  for (let t = 0; t < n; t++) mean += x[t];
  mean /= n;
  let variance = 0;
  for (let t = 0; t < n; t++) variance += (x[t] - mean) ** 2;
  let covariance = 0;
  for (let t = lag; t < n; t++) covariance += (x[t] - mean) * (x[t - lag] - mean);
  return covariance / variance;
}
