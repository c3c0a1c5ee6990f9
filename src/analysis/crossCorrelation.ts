import { sampleCorrelation } from "simple-statistics";

/** Correlations of two series at a range of lags. */
export interface CrossCorrelation {
  /** −maxLag … +maxLag. */
  lags: number[];
  /** `correlations[i]` = corr(x_{t+lags[i]}, y_t); NaN where a segment is constant. */
  correlations: number[];
}

/**
 * Cross-correlation of x with y at lags k = −maxLag … +maxLag:
 * ρ(k) = corr(x_{t+k}, y_t), the Pearson correlation of the n − |k|
 * overlapping pairs.
 *
 * Sign convention: a peak of |ρ| at **positive k means x lags y** by k periods
 * (x echoes what y did k periods earlier); negative k means x leads y. With
 * x = unemployment and y = the GDP cycle, a lagging, countercyclical
 * unemployment rate shows its most negative ρ at some k > 0.
 *
 * Reference: Stock & Watson (1999), "Business cycle fluctuations in US
 * macroeconomic time series", Handbook of Macroeconomics 1A, table 2;
 * https://en.wikipedia.org/wiki/Cross-correlation
 *
 * @example
 * crossCorrelation(unemploymentCycle, gdpCycle, 4).correlations[4 + 1]; // corr(u_{t+1}, gdp_t)
 *
 * @throws {RangeError} if the series differ in length, `maxLag` is not a
 *   non-negative integer, or fewer than 3 pairs overlap at the largest lag.
 */
export function crossCorrelation(x: ArrayLike<number>, y: ArrayLike<number>, maxLag = 4): CrossCorrelation {
  const n = x.length;
  if (y.length !== n) throw new RangeError(`crossCorrelation needs equal lengths, got ${n} and ${y.length}`);
  if (!Number.isInteger(maxLag) || maxLag < 0) {
    throw new RangeError(`maxLag must be a non-negative integer, got ${maxLag}`);
  }
  if (n - maxLag < 3) {
    throw new RangeError(
      `crossCorrelation at maxLag ${maxLag} needs at least ${maxLag + 3} values, got ${n}`,
    );
  }
  const xs = Array.from(x);
  const ys = Array.from(y);
  const lags: number[] = [];
  const correlations: number[] = [];
  for (let k = -maxLag; k <= maxLag; k++) {
    // Pairs (x[t+k], y[t]) for every t with both indices in range.
    const from = Math.max(0, -k);
    const to = Math.min(n, n - k);
    lags.push(k);
    correlations.push(sampleCorrelation(xs.slice(from + k, to + k), ys.slice(from, to)));
  }
  return { lags, correlations };
}
