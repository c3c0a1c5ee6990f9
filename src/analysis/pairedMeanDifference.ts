import { studentTQuantile } from "./studentTQuantile.ts";

/** A paired difference of means with its t interval. */
export interface PairedDifference {
  /** Pairs used (both values finite). */
  n: number;
  /** Mean of b − a over the pairs. */
  estimate: number;
  /** Sample standard deviation of the differences (n − 1 in the denominator). */
  sd: number;
  lower: number;
  upper: number;
}

/**
 * Mean of the paired differences b[i] − a[i] with a Student t confidence
 * interval: d̄ ± t(1 − α/2; n − 1) · s_d / √n. With common random numbers
 * (both arms run on the same seeds) each pair shares its seed, so the
 * differences cancel the noise the arms share and the interval is much
 * narrower than for independent samples.
 *
 * Pairs where either value is not finite (an undefined figure, a failed
 * run) are left out; n says how many remain. With one pair the interval is
 * undefined (NaN bounds); with none the estimate is NaN too. Identical
 * differences give a zero-width interval.
 *
 * Reference: Student (1908), "The probable error of a mean", Biometrika
 * 6(1); e.g. Moore, McCabe & Craig, Introduction to the Practice of
 * Statistics, §7.1 "matched pairs t procedures". For common random numbers:
 * Law (2015), Simulation Modeling and Analysis, §11.2.
 *
 * @example
 * pairedMeanDifference([1, 2, 3], [2, 4, 6]); // { n: 3, estimate: 2, sd: 1, lower: -0.484…, upper: 4.484… }
 *
 * @throws {RangeError} if the arrays differ in length or confidence is not in (0, 1).
 */
export function pairedMeanDifference(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  confidence = 0.95,
): PairedDifference {
  if (a.length !== b.length) {
    throw new RangeError(`pairedMeanDifference: a has ${a.length} values, b has ${b.length}`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  }
  const d: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const x = b[i] - a[i];
    if (Number.isFinite(x)) d.push(x);
  }
  const n = d.length;
  if (n === 0) return { n, estimate: Number.NaN, sd: Number.NaN, lower: Number.NaN, upper: Number.NaN };
  let sum = 0;
  for (const x of d) sum += x;
  const mean = sum / n;
  if (n === 1) return { n, estimate: mean, sd: Number.NaN, lower: Number.NaN, upper: Number.NaN };
  let squares = 0;
  for (const x of d) squares += (x - mean) ** 2;
  const sd = Math.sqrt(squares / (n - 1));
  const half = (studentTQuantile(1 - (1 - confidence) / 2, n - 1) * sd) / Math.sqrt(n);
  return { n, estimate: mean, sd, lower: mean - half, upper: mean + half };
}
