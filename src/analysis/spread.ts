// A list's summary over seeds, for the tables of telecomReplay.ts and returnMoments.ts.

/** Mean, median, smallest and largest of a list (NaN for an empty one). */
export interface Spread {
  mean: number;
  median: number;
  min: number;
  max: number;
}

export function spread(xs: readonly number[]): Spread {
  if (xs.length === 0) return { mean: Number.NaN, median: Number.NaN, min: Number.NaN, max: Number.NaN };
  const s = [...xs].sort((a, b) => a - b);
  return {
    mean: xs.reduce((a, b) => a + b, 0) / xs.length,
    median: (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2,
    min: s[0],
    max: s[s.length - 1],
  };
}
