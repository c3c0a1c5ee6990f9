import { quantileSorted } from "simple-statistics";

/** Per-tick summary of the replications of one sweep point; each array has one entry per tick. */
export interface QuantileBands {
  mean: Float64Array;
  q05: Float64Array;
  q25: Float64Array;
  /** The median. */
  q50: Float64Array;
  q75: Float64Array;
  q95: Float64Array;
}

/**
 * Fan-chart bands across replications: for every tick t, the mean and the
 * 5, 25, 50, 75 and 95 % quantiles of { runs[r][t] : r = 0 … R−1 }.
 * Quantiles interpolate linearly between order statistics (R/numpy type 7,
 * simple-statistics' `quantileSorted`), so with R = 1 every band is the run
 * itself. Memory stays at the six output arrays plus one sort buffer of R
 * values, reused for every tick.
 *
 * A NaN in any run at tick t makes all six outputs NaN at t: a band that
 * silently dropped the runs where a ratio was undefined would mislead.
 *
 * Reference: Hyndman & Fan (1996), "Sample quantiles in statistical
 * packages", The American Statistician 50(4), definition 7;
 * https://en.wikipedia.org/wiki/Quantile#Estimating_quantiles_from_a_sample
 *
 * @example
 * quantileBands([Float64Array.of(1, 10), Float64Array.of(3, 30)]).q50; // Float64Array [2, 20]
 *
 * @throws {RangeError} if `runs` is empty or the runs differ in length.
 */
export function quantileBands(runs: readonly ArrayLike<number>[]): QuantileBands {
  const replications = runs.length;
  if (replications === 0) throw new RangeError("quantileBands needs at least one run");
  const ticks = runs[0].length;
  for (let r = 1; r < replications; r++) {
    if (runs[r].length !== ticks) {
      throw new RangeError(`run ${r} has ${runs[r].length} ticks, run 0 has ${ticks}`);
    }
  }
  const bands: QuantileBands = {
    mean: new Float64Array(ticks),
    q05: new Float64Array(ticks),
    q25: new Float64Array(ticks),
    q50: new Float64Array(ticks),
    q75: new Float64Array(ticks),
    q95: new Float64Array(ticks),
  };
  const sorted = new Float64Array(replications);
  // quantileSorted only indexes its argument; its type asks for number[].
  const sortedValues = sorted as unknown as number[];
  for (let t = 0; t < ticks; t++) {
    let sum = 0;
    let undefinedValue = false;
    for (let r = 0; r < replications; r++) {
      const value = runs[r][t];
      sorted[r] = value;
      sum += value;
      if (Number.isNaN(value)) undefinedValue = true;
    }
    if (undefinedValue) {
      bands.mean[t] = bands.q05[t] = bands.q25[t] = bands.q50[t] = bands.q75[t] = bands.q95[t] = Number.NaN;
      continue;
    }
    sorted.sort();
    bands.mean[t] = sum / replications;
    bands.q05[t] = quantileSorted(sortedValues, 0.05);
    bands.q25[t] = quantileSorted(sortedValues, 0.25);
    bands.q50[t] = quantileSorted(sortedValues, 0.5);
    bands.q75[t] = quantileSorted(sortedValues, 0.75);
    bands.q95[t] = quantileSorted(sortedValues, 0.95);
  }
  return bands;
}
