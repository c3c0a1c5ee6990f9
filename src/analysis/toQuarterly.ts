/** How monthly values combine into one quarterly value. */
export type QuarterlyAggregation = "mean" | "sum";

/**
 * Aggregates a monthly series to quarters: each block of `ticksPerQuarter`
 * consecutive values becomes one value, their mean (stocks, rates, and flows
 * recorded as annual rates) or their sum (flows recorded per month). An
 * incomplete last quarter is dropped, so the result has
 * ⌊n / ticksPerQuarter⌋ values. Non-finite inputs propagate.
 *
 * Reference: temporal aggregation of flows and stocks, e.g. the OECD glossary
 * https://stats.oecd.org/glossary/detail.asp?ID=2684
 *
 * @example
 * toQuarterly([1, 2, 3, 4, 5, 6, 7], 3, "sum"); // Float64Array [6, 15]
 *
 * @throws {RangeError} if `ticksPerQuarter` is not a positive integer.
 */
export function toQuarterly(
  monthly: ArrayLike<number>,
  ticksPerQuarter = 3,
  aggregation: QuarterlyAggregation = "mean",
): Float64Array {
  if (!Number.isInteger(ticksPerQuarter) || ticksPerQuarter < 1) {
    throw new RangeError(`ticksPerQuarter must be a positive integer, got ${ticksPerQuarter}`);
  }
  const quarters = Math.floor(monthly.length / ticksPerQuarter);
  const out = new Float64Array(quarters);
  for (let q = 0; q < quarters; q++) {
    let total = 0;
    for (let m = 0; m < ticksPerQuarter; m++) total += monthly[q * ticksPerQuarter + m];
    out[q] = aggregation === "sum" ? total : total / ticksPerQuarter;
  }
  return out;
}
