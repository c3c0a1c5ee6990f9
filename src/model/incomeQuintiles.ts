// Shares of household disposable income by quintile, read off the income
// histogram the household pass fills (agents/households.ts) — no sort of the
// population each tick. Bins are 1/64 of an octave (≈ 1 %) wide; households
// in a bin that straddles a quintile boundary are split between the
// quintiles in proportion to their number, at the bin's average income (an
// error below the bin width, ≈ 1 % of income, for the boundary households
// only; households with equal incomes — workers of one firm — are split exactly).

/**
 * Writes the income shares of the five quintiles, poorest first, into `out`
 * (length 5). `counts[b]` households with total income `sums[b]` sit in bin
 * b; bins are in ascending order of income. All zeros when there is no income.
 */
export function incomeQuintileShares(counts: Float64Array, sums: Float64Array, out: Float64Array): void {
  out.fill(0);
  let n = 0;
  let total = 0;
  for (let b = 0; b < counts.length; b++) {
    n += counts[b];
    total += sums[b];
  }
  if (n <= 0 || total <= 0) return;
  let q = 0;
  let below = 0; // households in bins before b
  for (let b = 0; b < counts.length && q < 5; b++) {
    const c = counts[b];
    if (c === 0) continue;
    const mean = sums[b] / c;
    let left = c;
    while (left > 0 && q < 5) {
      const room = ((q + 1) * n) / 5 - below;
      const take = q === 4 ? left : Math.min(left, room);
      out[q] += take * mean;
      left -= take;
      below += take;
      if (left > 0 || take === room) q++;
    }
  }
  for (let k = 0; k < 5; k++) out[k] /= total;
}
