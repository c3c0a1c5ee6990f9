import { sampleKurtosis } from "simple-statistics";
import { autocorrelation } from "./autocorrelation.ts";
import { spread } from "./spread.ts";

/** Moments of a series of one-period log returns (see returnMoments). */
export interface ReturnMoments {
  /** Returns used. */
  n: number;
  /** Standard deviation of a return × √periodsPerYear: annualised volatility. */
  volatilityYearly: number;
  /** Sample excess kurtosis (0 for normal returns; heavy tails > 0). */
  excessKurtosis: number;
  /** First-order autocorrelation of the returns (≈ 0 in markets: returns are not predictable from the last one). */
  autocorrelation1: number;
  /** First-order autocorrelation of the absolute returns (> 0 in markets: volatility clusters). */
  absAutocorrelation1: number;
  /** Lo–MacKinlay variance ratio at q periods (1 for a random walk; > 1 when returns trend). */
  varianceRatio: number;
}

/**
 * Moments of one-period log returns against the stylized facts of asset
 * returns (Cont 2001, "Empirical properties of asset returns: stylized facts
 * and statistical issues", Quantitative Finance 1(2)): no linear
 * autocorrelation beyond very short horizons, heavy tails, volatility
 * clustering (autocorrelated absolute returns), and variance growing in
 * proportion to the horizon. The variance ratio is Lo & MacKinlay's (1988,
 * "Stock market prices do not follow random walks", Rev. Financial Studies
 * 1(1), eqs. 12–13) with overlapping q-period sums and both variances
 * unbiased:
 *
 *   σ²_a = Σ (r_t − μ)² / (N − 1),
 *   σ²_c(q) = Σ_{t=q}^{N} (Σ_{j<q} r_{t−j} − qμ)² / m,  m = q (N − q + 1)(1 − q/N),
 *   VR(q) = σ²_c(q) / σ²_a,
 *
 * so a random walk gives ≈ 1 and returns that keep their sign (trends) more.
 * Excess kurtosis is simple-statistics' sampleKurtosis (the sample's
 * Fisher–Pearson estimator); the autocorrelations are autocorrelation.ts's.
 *
 * @example
 * returnMoments([0.1, -0.1, 0.1, -0.1, 0.1, -0.1], 2, 12).autocorrelation1; // −0.833… (a zig-zag: −5/6)
 *
 * @throws {RangeError} if there are fewer than max(4, 2q) returns, q is not an
 *   integer ≥ 2, or periodsPerYear is not positive.
 */
export function returnMoments(returns: ArrayLike<number>, q = 12, periodsPerYear = 12): ReturnMoments {
  const n = returns.length;
  if (!Number.isInteger(q) || q < 2)
    throw new RangeError(`returnMoments: q must be an integer ≥ 2, got ${q}`);
  if (n < Math.max(4, 2 * q)) {
    throw new RangeError(`returnMoments: needs at least ${Math.max(4, 2 * q)} returns, got ${n}`);
  }
  if (!(periodsPerYear > 0))
    throw new RangeError(`returnMoments: periodsPerYear must be positive, got ${periodsPerYear}`);
  const x = Array.from(returns);
  let mean = 0;
  for (const r of x) mean += r;
  mean /= n;
  let variance = 0;
  for (const r of x) variance += (r - mean) ** 2;
  variance /= n - 1;
  let window = 0;
  for (let j = 0; j < q; j++) window += x[j];
  let sumSquares = (window - q * mean) ** 2;
  for (let t = q; t < n; t++) {
    window += x[t] - x[t - q];
    sumSquares += (window - q * mean) ** 2;
  }
  const m = q * (n - q + 1) * (1 - q / n);
  return {
    n,
    volatilityYearly: Math.sqrt(variance * periodsPerYear),
    excessKurtosis: sampleKurtosis(x),
    autocorrelation1: autocorrelation(x, 1),
    absAutocorrelation1: autocorrelation(
      x.map((r) => Math.abs(r)),
      1,
    ),
    varianceRatio: variance > 0 ? sumSquares / m / variance : Number.NaN,
  };
}

/**
 * Log returns of a price series over [from, to] (indices, inclusive of both
 * prices), leaving out every return whose start or end price is not
 * positive or that `skip(i)` marks (e.g. a month in default, whose price is
 * a restart rather than a trade).
 *
 * @example logReturns([1, 2, 4, 0, 1], 0, 4); // [ln 2, ln 2] (the returns into and out of 0 are left out)
 */
export function logReturns(
  prices: ArrayLike<number>,
  from: number,
  to: number,
  skip?: (i: number) => boolean,
): number[] {
  const out: number[] = [];
  for (let i = Math.max(1, from + 1); i <= Math.min(to, prices.length - 1); i++) {
    const a = prices[i - 1];
    const b = prices[i];
    if (!(a > 0) || !(b > 0)) continue;
    if (skip?.(i) || skip?.(i - 1)) continue;
    out.push(Math.log(b / a));
  }
  return out;
}

/** One firm's return moments in each run (see returnMomentsTable). */
export interface FirmReturnMoments {
  firm: string;
  /** Its analogue or role, printed beside it. */
  label: string;
  runs: readonly ReturnMoments[];
}

/** What markets show for each moment (Cont 2001 and the sources named), printed as the table's last row. */
export const MARKET_RETURN_FACTS = {
  volatilityYearly: "Nvidia ≈ 42 % (2016–26), S&P 500 ≈ 18 %",
  excessKurtosis: "> 0 (heavy tails)",
  autocorrelation1: "≈ 0 (weekly −0.03, individual stocks)",
  absAutocorrelation1: "> 0 (volatility clusters)",
  varianceRatio: "≈ 1 (random walk)",
} as const;

/** Mean [smallest, largest] of the finite values, "—" when there are none. */
const fmt = (xs: readonly number[], f: (x: number) => string) => {
  const s = spread(xs.filter((x) => Number.isFinite(x)));
  return Number.isNaN(s.mean) ? "—" : `${f(s.mean)} [${f(s.min)}, ${f(s.max)}]`;
};
const signed = (d: number) => (x: number) => x.toFixed(d).replace("-", "−");

/**
 * Each firm's return moments over the runs (mean [smallest, largest]) as a
 * Markdown table, with what markets show in the last row
 * (MARKET_RETURN_FACTS: Cont 2001; Lo & MacKinlay 1988 for individual
 * stocks' weekly autocorrelation; the volatilities docs/calibration.md
 * §12.6 quotes). `q` is the variance ratio's horizon in months.
 */
export function returnMomentsTable(firms: readonly FirmReturnMoments[], q = 12): string {
  const head = `| firm | months a run | volatility a year | excess kurtosis | autocorrelation, lag 1 | autocorrelation of abs. returns, lag 1 | variance ratio, ${q} months |`;
  const rule = "| --- | --- | --- | --- | --- | --- | --- |";
  const rows = firms.map((f) => {
    const get = (k: keyof ReturnMoments) => f.runs.map((m) => m[k]);
    return `| ${f.firm}: ${f.label} | ${fmt(get("n"), (x) => x.toFixed(0))} | ${fmt(get("volatilityYearly"), (x) => `${(100 * x).toFixed(0)} %`)} | ${fmt(get("excessKurtosis"), signed(2))} | ${fmt(get("autocorrelation1"), signed(2))} | ${fmt(get("absAutocorrelation1"), signed(2))} | ${fmt(get("varianceRatio"), signed(2))} |`;
  });
  const m = MARKET_RETURN_FACTS;
  const facts = `| markets | — | ${m.volatilityYearly} | ${m.excessKurtosis} | ${m.autocorrelation1} | ${m.absAutocorrelation1} | ${m.varianceRatio} |`;
  return [head, rule, ...rows, facts].join("\n");
}
