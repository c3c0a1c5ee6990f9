/** A point estimate with the bounds of a confidence interval around it. */
export interface ConfidenceInterval {
  estimate: number;
  lower: number;
  upper: number;
}

/**
 * Wilson score interval for a binomial proportion, e.g. the probability of a
 * crisis estimated from the replications of one sweep point:
 *
 *   centre = (p̂ + z²/2n) / (1 + z²/n),
 *   half-width = z / (1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²),
 *
 * with p̂ = successes / trials. Unlike the normal (Wald) interval it stays
 * inside [0, 1] and does not collapse to a point at 0 or n successes, which
 * is what small replication counts produce. `estimate` is p̂ itself, not the
 * interval's centre. z = 1.959964 gives 95 % coverage.
 *
 * No trials carry no information: trials = 0 returns NaN for all three
 * fields (a sweep point whose runs all failed still gets a row).
 *
 * Reference: Wilson (1927), "Probable inference, the law of succession, and
 * statistical inference", JASA 22(158); https://en.wikipedia.org/wiki/Binomial_proportion_confidence_interval#Wilson_score_interval
 *
 * @example
 * wilsonInterval(5, 10); // { estimate: 0.5, lower: 0.2366…, upper: 0.7634… }
 *
 * @throws {RangeError} if `trials` or `successes` is not a non-negative
 *   integer, `successes > trials`, or `z` is not finite and positive.
 */
export function wilsonInterval(successes: number, trials: number, z = 1.959964): ConfidenceInterval {
  if (!Number.isInteger(trials) || trials < 0) {
    throw new RangeError(`trials must be a non-negative integer, got ${trials}`);
  }
  if (!Number.isInteger(successes) || successes < 0 || successes > trials) {
    throw new RangeError(`successes must be an integer in [0, ${trials}], got ${successes}`);
  }
  if (!Number.isFinite(z) || z <= 0) throw new RangeError(`z must be finite and positive, got ${z}`);
  if (trials === 0) return { estimate: Number.NaN, lower: Number.NaN, upper: Number.NaN };

  const p = successes / trials;
  const z2n = (z * z) / trials;
  const denominator = 1 + z2n;
  const centre = (p + z2n / 2) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2n / (4 * trials));
  // At 0 or n successes a bound is exactly 0 or 1; clamp the rounding error.
  return {
    estimate: p,
    lower: successes === 0 ? 0 : Math.max(0, centre - halfWidth),
    upper: successes === trials ? 1 : Math.min(1, centre + halfWidth),
  };
}
