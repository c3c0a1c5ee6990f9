// Word-of-mouth supplier search (households.supplierReferralShare; docs/ODD.md
// §7.7, docs/calibration.md §10.9). A household that compares suppliers draws
// its candidate in one of two ways: with probability `referralShare` it hears
// of a firm from other buyers, so the candidate is drawn in proportion to the
// firms' market shares (last month's nominal demand) — Simon's (1955) model of
// preferential attachment, the customer-level mechanism of Axtell's (1999,
// 2001) agent-based firms — and otherwise it samples a consumption firm
// uniformly (Delli Gatti et al. 2010, Caiani et al. 2016). Under uniform
// sampling a firm's inflow of customers does not depend on its size while its
// outflow is proportional to it, which pulls every firm back to a size set by
// its price rank (a thin tail); under referral both flows are proportional to
// size (Gibrat's law), and the uniform draws keep the entry of small firms —
// the two ingredients of a Zipf tail (Simon 1955; Gabaix 1999).

/**
 * Writes the cumulative market shares of the first `n` firms into `cdf`
 * (cdf[j] = Σ_{k ≤ j} max(0, demand[k]) / Σ_k max(0, demand[k])) and returns
 * the total of the non-negative demands; when the total is not positive
 * `cdf` is left as zeros and referral draws must not be made. Pure apart
 * from writing `cdf`.
 *
 * @example shareCdf(Float64Array.of(2, 1, 1), 3, cdf) // 4; cdf = [0.5, 0.75, 1]
 * @throws RangeError when `cdf` is shorter than `n`
 */
export function shareCdf(demand: ArrayLike<number>, n: number, cdf: Float64Array): number {
  if (cdf.length < n) throw new RangeError(`shareCdf: cdf has ${cdf.length} slots for ${n} firms`);
  let total = 0;
  for (let j = 0; j < n; j++) {
    const d = demand[j];
    if (d > 0) total += d;
    cdf[j] = total;
  }
  if (!(total > 0 && Number.isFinite(total))) {
    cdf.fill(0, 0, n);
    return 0;
  }
  const inv = 1 / total;
  for (let j = 0; j < n; j++) cdf[j] *= inv;
  cdf[n - 1] = 1; // exactly, whatever the rounding of the sum
  return total;
}

/**
 * The candidate supplier of a household whose comparison draw is `u` ∈ [0, 1):
 * when u < referralShare, the firm at quantile u / referralShare of the
 * market-share distribution `cdf` (shareCdf), else firm
 * ⌊(u − referralShare) / (1 − referralShare) · nc⌋ — one uniform draw serves
 * both the choice of channel and the candidate, so with referralShare 0 the
 * candidate is ⌊u · nc⌋ exactly as before. Pure.
 *
 * @example candidateSupplier(0.1, 0.5, Float64Array.of(0.5, 0.75, 1), 3) // 0 (quantile 0.2 of the shares)
 */
export function candidateSupplier(u: number, referralShare: number, cdf: Float64Array, nc: number): number {
  if (u < referralShare) return shareQuantile(cdf, nc, u / referralShare);
  return Math.floor(((u - referralShare) / (1 - referralShare)) * nc);
}

/** The smallest j < nc with x < cdf[j] (binary search; nc − 1 if none). Pure. */
export function shareQuantile(cdf: Float64Array, nc: number, x: number): number {
  let lo = 0;
  let hi = nc - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x < cdf[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
