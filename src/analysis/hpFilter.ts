/** Trend and cycle of a series split by the Hodrick–Prescott filter. */
export interface HpDecomposition {
  /** Smooth component τ. */
  trend: Float64Array;
  /** Deviation from trend, `input − trend`. */
  cycle: Float64Array;
}

/**
 * Hodrick–Prescott filter: the trend τ minimises
 * Σ (y_t − τ_t)² + λ Σ (Δ²τ_t)², i.e. solves (I + λ K'K) τ = y, where K is the
 * (n−2)×n second-difference matrix. The matrix is symmetric, positive definite
 * and pentadiagonal, so it is factored as L D L' with a unit lower-triangular L
 * of bandwidth 2 and solved in O(n) time and memory — no dense matrix.
 *
 * λ = 1600 is the usual value for quarterly data (Ravn & Uhlig 2002: 129 600
 * monthly, 6.25 yearly). λ = 0 returns the input as the trend.
 *
 * Reference: Hodrick & Prescott (1997), "Postwar U.S. Business Cycles: An
 * Empirical Investigation", JMCB 29(1); https://en.wikipedia.org/wiki/Hodrick%E2%80%93Prescott_filter
 *
 * @example
 * const { trend, cycle } = hpFilter(logGdpQuarterly, 1600);
 *
 * @throws {RangeError} if the series has fewer than 3 values, holds a
 *   non-finite value, or λ is negative or non-finite.
 */
export function hpFilter(series: ArrayLike<number>, lambda = 1600): HpDecomposition {
  const n = series.length;
  if (n < 3) throw new RangeError(`hpFilter needs at least 3 observations, got ${n}`);
  if (!Number.isFinite(lambda) || lambda < 0) {
    throw new RangeError(`hpFilter needs a finite λ ≥ 0, got ${lambda}`);
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(series[i])) {
      throw new RangeError(`hpFilter input is not finite at index ${i}: ${series[i]}`);
    }
  }

  // Bands of A = I + λ K'K: diag[i] = A[i][i], off1[i] = A[i][i+1], off2[i] = A[i][i+2].
  // Built row by row from K's stencil (1, −2, 1), which gets the ends right for any n ≥ 3.
  const diag = new Float64Array(n).fill(1);
  const off1 = new Float64Array(n);
  const off2 = new Float64Array(n);
  for (let r = 0; r < n - 2; r++) {
    diag[r] += lambda;
    diag[r + 1] += 4 * lambda;
    diag[r + 2] += lambda;
    off1[r] -= 2 * lambda;
    off1[r + 1] -= 2 * lambda;
    off2[r] += lambda;
  }

  // A = L D L': l1[i] = L[i][i−1], l2[i] = L[i][i−2], d[i] = D[i][i].
  const d = new Float64Array(n);
  const l1 = new Float64Array(n + 1);
  const l2 = new Float64Array(n + 2);
  for (let i = 0; i < n; i++) {
    let di = diag[i];
    if (i >= 1) di -= l1[i] * l1[i] * d[i - 1];
    if (i >= 2) di -= l2[i] * l2[i] * d[i - 2];
    d[i] = di;
    if (i + 1 < n) {
      const coupling = i >= 1 ? l2[i + 1] * l1[i] * d[i - 1] : 0;
      l1[i + 1] = (off1[i] - coupling) / di;
    }
    if (i + 2 < n) l2[i + 2] = off2[i] / di;
  }

  // Forward L z = y, scale by D⁻¹, back L' τ = z.
  const trend = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = series[i];
    if (i >= 1) z -= l1[i] * trend[i - 1];
    if (i >= 2) z -= l2[i] * trend[i - 2];
    trend[i] = z;
  }
  for (let i = 0; i < n; i++) trend[i] /= d[i];
  for (let i = n - 1; i >= 0; i--) {
    let t = trend[i];
    if (i + 1 < n) t -= l1[i + 1] * trend[i + 1];
    if (i + 2 < n) t -= l2[i + 2] * trend[i + 2];
    trend[i] = t;
  }

  const cycle = new Float64Array(n);
  for (let i = 0; i < n; i++) cycle[i] = series[i] - trend[i];
  return { trend, cycle };
}
