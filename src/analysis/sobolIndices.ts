import { quantileSorted } from "simple-statistics";
import type { SaltelliOutputs } from "./designs.ts";
import type { ConfidenceInterval } from "./wilsonInterval.ts";

/** Options of `sobolIndices`. */
export interface SobolIndicesOptions {
  /** Uniform generator on [0, 1) for the bootstrap, e.g. a seeded seedrandom stream. */
  rng: () => number;
  /** Bootstrap resamples; 0 skips the bootstrap (bounds are NaN). Default 200. */
  resamples?: number;
  /** Coverage of the percentile intervals. Default 0.95. */
  confidence?: number;
}

/** Variance-based sensitivity of one output to each parameter, in design order. */
export interface SobolIndices {
  /** S_i: the share of Var(Y) explained by parameter i alone. */
  firstOrder: ConfidenceInterval[];
  /** S_Ti: the share of Var(Y) that involves parameter i, interactions included. */
  total: ConfidenceInterval[];
  /** Var(Y), estimated from f(A) and f(B) together. */
  variance: number;
}

/**
 * Sobol sensitivity indices from the outputs of a Saltelli design
 * (`saltelliDesign`, regrouped by `saltelliOutputs`), with N rows:
 *
 *   V   = variance of the 2N values f(A), f(B),
 *   S_i  = (1/N) Σ_j (f(B)_j − m) (f(A_B^i)_j − f(A)_j) / V   (Saltelli et al. 2010),
 *   S_Ti = (1/2N) Σ_j (f(A)_j − f(A_B^i)_j)² / V              (Jansen 1999),
 *
 * m being the mean of those 2N values. Saltelli writes f(B)_j uncentred;
 * the two agree in expectation, but only the centred one is unchanged when
 * a constant is added to Y — uncentred, an output like a GDP level of 10⁴
 * with a spread of 10² would bury S_i in noise.
 *
 * Confidence bounds are bootstrap percentile intervals: `resamples` times,
 * N rows are drawn with replacement (the same rows for every parameter, as
 * the estimators share them), the indices recomputed, and the
 * (1 ± confidence)/2 quantiles taken. Estimates can stray slightly below 0
 * or above 1 from sampling error; they are not clamped. A constant output
 * (V = 0) gives NaN indices.
 *
 * Reference: Saltelli et al. (2010), Comput. Phys. Commun. 181(2),
 * https://doi.org/10.1016/j.cpc.2009.09.018; Jansen (1999), Comput. Phys.
 * Commun. 117(1–2); Archer, Saltelli & Sobol (1997) for the bootstrap;
 * https://en.wikipedia.org/wiki/Variance-based_sensitivity_analysis
 *
 * @example
 * const { firstOrder, total } = sobolIndices(saltelliOutputs(design, outputs), { rng: seedrandom("si") });
 *
 * @throws {RangeError} if fewer than 2 rows, the arrays differ in length, an
 *   output is not finite, `resamples` is not a non-negative integer, or
 *   `confidence` is not in (0, 1).
 */
export function sobolIndices(outputs: SaltelliOutputs, options: SobolIndicesOptions): SobolIndices {
  const { fA, fB, fAB } = outputs;
  const { rng, resamples = 200, confidence = 0.95 } = options;
  const n = fA.length;
  if (n < 2) throw new RangeError(`sobolIndices needs at least 2 rows, got ${n}`);
  const columns = [fB, ...fAB];
  columns.forEach((column, c) => {
    if (column.length !== n) {
      const name = c === 0 ? "fB" : `fAB[${c - 1}]`;
      throw new RangeError(`sobolIndices: ${name} has ${column.length} rows, fA has ${n}`);
    }
  });
  for (const column of [fA, ...columns]) {
    for (let j = 0; j < n; j++) {
      if (!Number.isFinite(column[j])) throw new RangeError(`sobolIndices: output ${column[j]} at row ${j}`);
    }
  }
  if (!Number.isInteger(resamples) || resamples < 0) {
    throw new RangeError(`resamples must be a non-negative integer, got ${resamples}`);
  }
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);

  const dims = fAB.length;
  const identity = Int32Array.from({ length: n }, (_, j) => j);
  const estimate = estimateIndices(outputs, identity);

  const firstDraws = Array.from({ length: dims }, () => new Float64Array(resamples));
  const totalDraws = Array.from({ length: dims }, () => new Float64Array(resamples));
  const rows = new Int32Array(n);
  for (let b = 0; b < resamples; b++) {
    for (let j = 0; j < n; j++) rows[j] = Math.floor(rng() * n);
    const draw = estimateIndices(outputs, rows);
    for (let i = 0; i < dims; i++) {
      firstDraws[i][b] = draw.firstOrder[i];
      totalDraws[i][b] = draw.total[i];
    }
  }
  const interval = (point: number, draws: Float64Array): ConfidenceInterval => {
    if (resamples === 0 || Number.isNaN(point))
      return { estimate: point, lower: Number.NaN, upper: Number.NaN };
    draws.sort();
    // quantileSorted only indexes its argument; its type asks for number[].
    const sorted = draws as unknown as number[];
    return {
      estimate: point,
      lower: quantileSorted(sorted, (1 - confidence) / 2),
      upper: quantileSorted(sorted, (1 + confidence) / 2),
    };
  };
  return {
    firstOrder: estimate.firstOrder.map((s, i) => interval(s, firstDraws[i])),
    total: estimate.total.map((s, i) => interval(s, totalDraws[i])),
    variance: estimate.variance,
  };
}

/** The point estimators over the given rows (repeats allowed). */
function estimateIndices(
  { fA, fB, fAB }: SaltelliOutputs,
  rows: Int32Array,
): { firstOrder: number[]; total: number[]; variance: number } {
  const n = rows.length;
  let mean = 0;
  for (let j = 0; j < n; j++) mean += fA[rows[j]] + fB[rows[j]];
  mean /= 2 * n;
  let variance = 0;
  for (let j = 0; j < n; j++) variance += (fA[rows[j]] - mean) ** 2 + (fB[rows[j]] - mean) ** 2;
  variance /= 2 * n;
  const firstOrder: number[] = [];
  const total: number[] = [];
  for (const fABi of fAB) {
    let first = 0;
    let totalSum = 0;
    for (let j = 0; j < n; j++) {
      const r = rows[j];
      const a = fA[r];
      const ab = fABi[r];
      first += (fB[r] - mean) * (ab - a);
      totalSum += (a - ab) ** 2;
    }
    // 0 / 0 for a constant output: NaN, as documented.
    firstOrder.push(first / n / variance);
    total.push(totalSum / (2 * n) / variance);
  }
  return { firstOrder, total, variance };
}
