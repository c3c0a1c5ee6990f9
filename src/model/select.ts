// The k-th smallest of many positive numbers without sorting them
// (initialisation's top-decile threshold of household deposits, init.ts):
// a radix selection on the numbers' bits. For positive finite doubles the
// order of the 64-bit patterns is the order of the values, so three passes
// that count the high 16 bits, then the next 16 bits of the numbers in the
// chosen bucket, then sort the few whose high 32 bits match, give exactly
// the value that sorting all of them and reading index k gives — in O(n)
// time and without copying the array (a sort of 132 M deposits took most of
// the initialisation's time at that size).

/** Whether this platform stores a double's high word after its low word (little-endian). */
function littleEndian(): boolean {
  return new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
}

/** Histogram bins per 16-bit digit. */
const DIGIT_BINS = 65536;

/**
 * The value at index k of `values` sorted ascending (0 ≤ k < values.length),
 * computed by radix selection when every value is positive and finite, and by
 * sorting a copy otherwise. `values` is not modified.
 */
export function kthSmallest(values: Float64Array, k: number): number {
  const n = values.length;
  if (!Number.isInteger(k) || k < 0 || k >= n) throw new RangeError(`kthSmallest: k = ${k} out of [0, ${n})`);
  if (!littleEndian() || !allPositiveFinite(values)) return Float64Array.from(values).sort()[k];
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  const counts = new Float64Array(DIGIT_BINS);
  // Digit 1: the high 16 bits (sign, exponent, 4 mantissa bits).
  for (let i = 0; i < n; i++) counts[words[2 * i + 1] >>> 16]++;
  const d1 = bucketOf(counts, k);
  k -= d1.before;
  // Digit 2: the next 16 bits, among the values whose first digit is d1.bin.
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const hi = words[2 * i + 1];
    if (hi >>> 16 === d1.bin) counts[hi & 0xffff]++;
  }
  const d2 = bucketOf(counts, k);
  k -= d2.before;
  // The values whose high word matches: few unless many values are equal; sorted.
  const high = ((d1.bin << 16) | d2.bin) >>> 0;
  const tail = new Float64Array(d2.count);
  let m = 0;
  for (let i = 0; i < n; i++) if (words[2 * i + 1] === high) tail[m++] = values[i];
  return tail.sort()[k];
}

/** Whether every value is > 0 and finite (their bit patterns then sort as the values do). */
function allPositiveFinite(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v > 0 && v < Number.POSITIVE_INFINITY)) return false;
  }
  return true;
}

/** The bin holding rank k of a histogram, the count of values in bins before it, and its own count. */
function bucketOf(counts: Float64Array, k: number): { bin: number; before: number; count: number } {
  let before = 0;
  for (let bin = 0; bin < counts.length; bin++) {
    if (k < before + counts[bin]) return { bin, before, count: counts[bin] };
    before += counts[bin];
  }
  throw new Error("kthSmallest: rank beyond the histogram");
}
