// The response of a series to a shock, from a pair of runs on the same seed
// (with and without the shock): the difference at each horizon, as a level
// difference (rates) or a log difference in per cent (quantities).

/** How a series' response is measured: a difference of levels × scale, or 100 × a log difference. */
export type ResponseKind = "level" | "log";

/**
 * The shocked run's value minus the baseline run's, over the `window` months
 * ending `horizon` months after the shock's first month (index `shockIndex`
 * of the series; horizon 0 is the first shocked month): the mean of the
 * window's months in each run, then the difference — in points × `scale`
 * for "level", in per cent (100 × ln ratio) for "log". A window of 3 is the
 * quarter ending at the horizon, as VAR studies report quarterly responses
 * (Christiano, Eichenbaum & Evans 2005, JPE 113(1)). NaN if the window falls
 * outside the series or a "log" mean is not positive.
 * @example responseAt([1, 1, 1, 1], [1, 1, 1.1, 1.1], 2, 1, 2, "log"); // 100 ln 1.1 ≈ 9.53
 */
export function responseAt(
  base: ArrayLike<number>,
  shocked: ArrayLike<number>,
  shockIndex: number,
  horizon: number,
  window: number,
  kind: ResponseKind,
  scale = 1,
): number {
  const end = shockIndex + horizon;
  const start = end - window + 1;
  if (start < 0 || end >= base.length || end >= shocked.length || window < 1) return Number.NaN;
  let a = 0;
  let b = 0;
  for (let i = start; i <= end; i++) {
    a += base[i];
    b += shocked[i];
  }
  a /= window;
  b /= window;
  if (kind === "log") return a > 0 && b > 0 ? 100 * Math.log(b / a) : Number.NaN;
  return (b - a) * scale;
}
