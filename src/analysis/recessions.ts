/** One recession in a quarterly GDP series. Indices are into that series. */
export interface Recession {
  /** First quarter whose GDP is below the previous quarter's. */
  startQuarter: number;
  /** Last consecutive quarter of decline: the trough. */
  endQuarter: number;
  /** Number of quarters of decline, endQuarter − startQuarter + 1. */
  quarters: number;
  /** Peak-to-trough loss as a fraction of the peak (quarter startQuarter − 1); 0.05 = 5 %. */
  depth: number;
}

/**
 * Finds recessions in quarterly real GDP with the "technical recession" rule:
 * a run of at least `minQuarters` (default 2) consecutive quarters of negative
 * quarter-on-quarter growth. Runs are maximal, so a five-quarter decline is
 * one recession, not two.
 *
 * Reference: https://en.wikipedia.org/wiki/Recession#Definition (the
 * two-quarter rule of thumb; Shiskin 1974).
 *
 * @example
 * findRecessions([100, 101, 99, 97, 98]); // [{ startQuarter: 2, endQuarter: 3, quarters: 2, depth: 0.0396… }]
 *
 * @throws {RangeError} if the series holds a non-finite value or
 *   `minQuarters` is not a positive integer.
 */
export function findRecessions(gdpQuarterly: ArrayLike<number>, minQuarters = 2): Recession[] {
  if (!Number.isInteger(minQuarters) || minQuarters < 1) {
    throw new RangeError(`minQuarters must be a positive integer, got ${minQuarters}`);
  }
  const n = gdpQuarterly.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(gdpQuarterly[i])) {
      throw new RangeError(`GDP is not finite at quarter ${i}: ${gdpQuarterly[i]}`);
    }
  }
  const recessions: Recession[] = [];
  let q = 1;
  while (q < n) {
    if (!(gdpQuarterly[q] < gdpQuarterly[q - 1])) {
      q++;
      continue;
    }
    const start = q;
    while (q + 1 < n && gdpQuarterly[q + 1] < gdpQuarterly[q]) q++;
    const end = q;
    if (end - start + 1 >= minQuarters) {
      const peak = gdpQuarterly[start - 1];
      recessions.push({
        startQuarter: start,
        endQuarter: end,
        quarters: end - start + 1,
        depth: (peak - gdpQuarterly[end]) / peak,
      });
    }
    q = end + 1;
  }
  return recessions;
}
