// Experiment designs for parameter sweeps: which points of parameter space to
// run. Every design here is deterministic — randomised ones take their
// generator as an argument — so a sweep config reproduces the same points.
// Designs work in the unit cube; `scaleToRanges` maps them onto parameters.

/** The range a swept parameter takes; `integer` parameters take every whole value in [min, max]. */
export interface ParameterRange {
  min: number;
  max: number;
  integer?: boolean;
}

/**
 * Full factorial design: the cartesian product of each parameter's values,
 * in a stable order with the last parameter varying fastest (like nested
 * loops, first parameter outermost). Zero parameters give one empty point,
 * so a sweep that only replicates the base config still has a point.
 *
 * Reference: https://en.wikipedia.org/wiki/Factorial_experiment
 *
 * @example
 * gridDesign([[1, 2], [10, 20, 30]]); // [[1, 10], [1, 20], [1, 30], [2, 10], [2, 20], [2, 30]]
 *
 * @throws {RangeError} if a parameter has no values.
 */
export function gridDesign(values: readonly (readonly number[])[]): number[][] {
  values.forEach((v, p) => {
    if (v.length === 0) throw new RangeError(`gridDesign: parameter ${p} has no values`);
  });
  let points: number[][] = [[]];
  for (const parameterValues of values) {
    const next: number[][] = [];
    for (const prefix of points) for (const value of parameterValues) next.push([...prefix, value]);
    points = next;
  }
  return points;
}

/**
 * Latin hypercube sample of n points in [0, 1)^dims: along every dimension
 * the n strata [k/n, (k+1)/n) each hold exactly one point, placed uniformly
 * within its stratum; the strata are matched across dimensions by an
 * independent random permutation per dimension (Fisher–Yates).
 *
 * `rng` must return uniform numbers in [0, 1), e.g. a seeded seedrandom
 * stream; the design is a pure function of its draws, taken dimension by
 * dimension (n − 1 for the permutation, then n for the positions).
 *
 * Reference: McKay, Beckman & Conover (1979), "A comparison of three methods
 * for selecting values of input variables in the analysis of output from a
 * computer code", Technometrics 21(2); https://en.wikipedia.org/wiki/Latin_hypercube_sampling
 *
 * @example
 * latinHypercube(10, 3, seedrandom("sweep-1")); // 10 points, one per tenth along each axis
 *
 * @throws {RangeError} if n or dims is not a positive integer, or rng returns
 *   a value outside [0, 1).
 */
export function latinHypercube(n: number, dims: number, rng: () => number): number[][] {
  checkCount("latinHypercube n", n);
  checkCount("latinHypercube dims", dims);
  const draw = (): number => {
    const u = rng();
    if (!(u >= 0 && u < 1)) throw new RangeError(`latinHypercube: rng returned ${u}, outside [0, 1)`);
    return u;
  };
  const points: number[][] = Array.from({ length: n }, () => new Array<number>(dims));
  const strata = new Int32Array(n);
  for (let d = 0; d < dims; d++) {
    for (let i = 0; i < n; i++) strata[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(draw() * (i + 1));
      const swap = strata[i];
      strata[i] = strata[j];
      strata[j] = swap;
    }
    for (let i = 0; i < n; i++) {
      const k = strata[i];
      const x = (k + draw()) / n;
      // (k + u) / n can round up to the next stratum's edge when u is within an ulp of 1.
      points[i][d] = x < (k + 1) / n ? x : k / n;
    }
  }
  return points;
}

/** Largest dimension the embedded direction numbers support. */
export const SOBOL_MAX_DIMENSIONS = 51;

/**
 * Primitive polynomials and initial direction numbers of Sobol dimensions
 * 2 … 51, from Joe & Kuo's file new-joe-kuo-6.21201 (one row per dimension:
 * degree s, coefficient bits a, then m_1 … m_s). Dimension 1 is the van der
 * Corput sequence and needs no row.
 */
const JOE_KUO: readonly (readonly number[])[] = [
  [1, 0, 1],
  [2, 1, 1, 3],
  [3, 1, 1, 3, 1],
  [3, 2, 1, 1, 1],
  [4, 1, 1, 1, 3, 3],
  [4, 4, 1, 3, 5, 13],
  [5, 2, 1, 1, 5, 5, 17],
  [5, 4, 1, 1, 5, 5, 5],
  [5, 7, 1, 1, 7, 11, 19],
  [5, 11, 1, 1, 5, 1, 1],
  [5, 13, 1, 1, 1, 3, 11],
  [5, 14, 1, 3, 5, 5, 31],
  [6, 1, 1, 3, 3, 9, 7, 49],
  [6, 13, 1, 1, 1, 15, 21, 21],
  [6, 16, 1, 3, 1, 13, 27, 49],
  [6, 19, 1, 1, 1, 15, 7, 5],
  [6, 22, 1, 3, 1, 15, 13, 25],
  [6, 25, 1, 1, 5, 5, 19, 61],
  [7, 1, 1, 3, 7, 11, 23, 15, 103],
  [7, 4, 1, 3, 7, 13, 13, 15, 69],
  [7, 7, 1, 1, 3, 13, 7, 35, 63],
  [7, 8, 1, 3, 5, 9, 1, 25, 53],
  [7, 14, 1, 3, 1, 13, 9, 35, 107],
  [7, 19, 1, 3, 1, 5, 27, 61, 31],
  [7, 21, 1, 1, 5, 11, 19, 41, 61],
  [7, 28, 1, 3, 5, 3, 3, 13, 69],
  [7, 31, 1, 1, 7, 13, 1, 19, 1],
  [7, 32, 1, 3, 7, 5, 13, 19, 59],
  [7, 37, 1, 1, 3, 9, 25, 29, 41],
  [7, 41, 1, 3, 5, 13, 23, 1, 55],
  [7, 42, 1, 3, 7, 3, 13, 59, 17],
  [7, 50, 1, 3, 1, 3, 5, 53, 69],
  [7, 55, 1, 1, 5, 5, 23, 33, 13],
  [7, 56, 1, 1, 7, 7, 1, 61, 123],
  [7, 59, 1, 1, 7, 9, 13, 61, 49],
  [7, 62, 1, 3, 3, 5, 3, 55, 33],
  [8, 14, 1, 3, 1, 15, 31, 13, 49, 245],
  [8, 21, 1, 3, 5, 15, 31, 59, 63, 97],
  [8, 22, 1, 3, 1, 11, 11, 11, 77, 249],
  [8, 38, 1, 3, 1, 11, 27, 43, 71, 9],
  [8, 47, 1, 1, 7, 15, 21, 11, 81, 45],
  [8, 49, 1, 3, 7, 3, 25, 31, 65, 79],
  [8, 50, 1, 3, 1, 1, 19, 11, 3, 205],
  [8, 52, 1, 1, 5, 9, 19, 21, 29, 157],
  [8, 56, 1, 3, 7, 11, 1, 33, 89, 185],
  [8, 67, 1, 3, 3, 3, 15, 9, 79, 71],
  [8, 70, 1, 3, 7, 11, 15, 39, 119, 27],
  [8, 84, 1, 1, 3, 1, 11, 31, 97, 225],
  [8, 97, 1, 1, 1, 3, 23, 43, 57, 177],
  [8, 103, 1, 3, 7, 7, 17, 17, 37, 71],
];

/** Bits per coordinate: points are multiples of 2^−32, and at most 2^32 of them exist. */
const SOBOL_BITS = 32;

/**
 * The first n points of the Sobol low-discrepancy sequence in [0, 1)^dims,
 * in Gray-code order (Antonov & Saleev), with Joe & Kuo's (2008) direction
 * numbers — the same points as scipy's unscrambled `qmc.Sobol`. Coordinate
 * d of point i is the XOR of the direction numbers v_{d,k} for the bits k
 * set in the Gray code of i.
 *
 * The sequence starts at the origin, which would put every parameter at its
 * minimum; `skip` (default 1) drops that many leading points, so dimension 1
 * reads 0.5, 0.75, 0.25, 0.375, 0.875, … Pass skip = 0 to keep the origin:
 * then the first 2^m points form a (t, m, s)-net, perfectly stratified.
 *
 * Reference: Sobol (1967), USSR Comput. Math. Math. Phys. 7(4); Joe & Kuo
 * (2008), "Constructing Sobol sequences with better two-dimensional
 * projections", SIAM J. Sci. Comput. 30(5), https://web.maths.unsw.edu.au/~fkuo/sobol/
 *
 * @example
 * sobolSequence(3, 2); // [[0.5, 0.5], [0.75, 0.25], [0.25, 0.75]]
 *
 * @throws {RangeError} if n is not a positive integer, dims is not an
 *   integer in [1, SOBOL_MAX_DIMENSIONS], skip is not a non-negative integer,
 *   or skip + n exceeds 2^32.
 */
export function sobolSequence(n: number, dims: number, skip = 1): number[][] {
  checkCount("sobolSequence n", n);
  if (!Number.isInteger(dims) || dims < 1 || dims > SOBOL_MAX_DIMENSIONS) {
    throw new RangeError(
      `sobolSequence dims must be an integer in [1, ${SOBOL_MAX_DIMENSIONS}], got ${dims}`,
    );
  }
  if (!Number.isInteger(skip) || skip < 0) {
    throw new RangeError(`sobolSequence skip must be a non-negative integer, got ${skip}`);
  }
  if (skip + n > 2 ** SOBOL_BITS)
    throw new RangeError(`sobolSequence: at most 2^32 points, asked ${skip + n}`);

  const directions = Array.from({ length: dims }, (_, d) => sobolDirections(d));
  const x = new Uint32Array(dims);
  const scale = 2 ** -SOBOL_BITS;
  const points: number[][] = [];
  for (let i = 0; i < skip + n; i++) {
    if (i > 0) {
      // Gray code of i differs from that of i − 1 in the lowest zero bit of i − 1.
      const bit = lowestZeroBit(i - 1);
      for (let d = 0; d < dims; d++) x[d] ^= directions[d][bit];
    }
    if (i >= skip) {
      const point = new Array<number>(dims);
      for (let d = 0; d < dims; d++) point[d] = x[d] * scale;
      points.push(point);
    }
  }
  return points;
}

/** Direction numbers v_1 … v_32 of 0-based dimension d, as 32-bit fractions (Bratley & Fox 1988). */
function sobolDirections(d: number): Uint32Array {
  const v = new Uint32Array(SOBOL_BITS);
  if (d === 0) {
    for (let k = 0; k < SOBOL_BITS; k++) v[k] = 2 ** (SOBOL_BITS - 1 - k);
    return v;
  }
  const [s, a, ...m] = JOE_KUO[d - 1];
  for (let k = 0; k < Math.min(s, SOBOL_BITS); k++) v[k] = m[k] * 2 ** (SOBOL_BITS - 1 - k);
  for (let k = s; k < SOBOL_BITS; k++) {
    let value = v[k - s] ^ (v[k - s] >>> s);
    for (let j = 1; j < s; j++) if ((a >>> (s - 1 - j)) & 1) value ^= v[k - j];
    v[k] = value >>> 0;
  }
  return v;
}

/** Index of the lowest zero bit of a non-negative integer below 2^32. */
function lowestZeroBit(value: number): number {
  let bit = 0;
  while (value % 2 === 1) {
    value = (value - 1) / 2;
    bit++;
  }
  return bit;
}

/** One run of a Saltelli design: a row of A, of B, or of A_B^(index). */
export type SaltelliPoint =
  | { role: "A"; row: number; point: number[] }
  | { role: "B"; row: number; point: number[] }
  | { role: "AB"; row: number; index: number; point: number[] };

/**
 * The design behind Sobol sensitivity indices: n rows of a 2·dims-dimensional
 * Sobol sequence split into two base matrices, A (first dims columns) and B
 * (last dims columns), plus for every parameter i the matrix A_B^(i): A with
 * its column i taken from B. That is n·(dims + 2) runs, listed row by row as
 * A, A_B^(0), …, A_B^(dims−1), B (SALib's order), each tagged with its role
 * so results can come back in any order; `saltelliOutputs` regroups them for
 * `sobolIndices`. Points are in the unit cube; scale them with `scaleToRanges`.
 *
 * Reference: Saltelli et al. (2010), "Variance based sensitivity analysis of
 * model output. Design and estimator for the total sensitivity index",
 * Comput. Phys. Commun. 181(2), §3; https://doi.org/10.1016/j.cpc.2009.09.018
 *
 * @example
 * saltelliDesign(1024, 4).length; // 6144 runs
 *
 * @throws {RangeError} if n is not a positive integer, 2·dims exceeds
 *   SOBOL_MAX_DIMENSIONS, or skip is invalid (see `sobolSequence`).
 */
export function saltelliDesign(n: number, dims: number, skip = 1): SaltelliPoint[] {
  if (!Number.isInteger(dims) || dims < 1 || 2 * dims > SOBOL_MAX_DIMENSIONS) {
    throw new RangeError(
      `saltelliDesign dims must be an integer in [1, ${Math.floor(SOBOL_MAX_DIMENSIONS / 2)}], got ${dims}`,
    );
  }
  const base = sobolSequence(n, 2 * dims, skip);
  const points: SaltelliPoint[] = [];
  for (let row = 0; row < n; row++) {
    const a = base[row].slice(0, dims);
    const b = base[row].slice(dims);
    points.push({ role: "A", row, point: a });
    for (let index = 0; index < dims; index++) {
      const mixed = a.slice();
      mixed[index] = b[index];
      points.push({ role: "AB", row, index, point: mixed });
    }
    points.push({ role: "B", row, point: b });
  }
  return points;
}

/** Model outputs of a Saltelli design, regrouped by matrix; the input of `sobolIndices`. */
export interface SaltelliOutputs {
  /** f(A), one value per row. */
  fA: Float64Array;
  /** f(B), one value per row. */
  fB: Float64Array;
  /** fAB[i] = f(A_B^(i)), one value per row. */
  fAB: Float64Array[];
}

/**
 * Regroups the outputs of a Saltelli design's runs, `outputs[k]` belonging to
 * `points[k]`, into f(A), f(B) and f(A_B^(i)). The points may be in any
 * order (e.g. as runs finished), but every (role, row, index) must occur
 * exactly once.
 *
 * Reference: Saltelli et al. (2010), https://doi.org/10.1016/j.cpc.2009.09.018
 *
 * @example
 * const design = saltelliDesign(1024, 3);
 * sobolIndices(saltelliOutputs(design, design.map((p) => model(scaleToRanges([p.point], ranges)[0]))), { rng });
 *
 * @throws {RangeError} if the lengths differ, or a point is missing or repeated.
 */
export function saltelliOutputs(
  points: readonly SaltelliPoint[],
  outputs: ArrayLike<number>,
): SaltelliOutputs {
  if (points.length !== outputs.length) {
    throw new RangeError(`saltelliOutputs: ${points.length} points but ${outputs.length} outputs`);
  }
  let rows = 0;
  let dims = 0;
  for (const p of points) {
    rows = Math.max(rows, p.row + 1);
    if (p.role === "AB") dims = Math.max(dims, p.index + 1);
  }
  if (points.length !== rows * (dims + 2)) {
    throw new RangeError(
      `saltelliOutputs: ${rows} rows and ${dims} parameters need ${rows * (dims + 2)} points, got ${points.length}`,
    );
  }
  const fill = (): Float64Array => new Float64Array(rows).fill(Number.NaN);
  const result: SaltelliOutputs = { fA: fill(), fB: fill(), fAB: Array.from({ length: dims }, fill) };
  const seen = new Set<string>();
  points.forEach((p, k) => {
    const key = p.role === "AB" ? `AB${p.index}:${p.row}` : `${p.role}:${p.row}`;
    if (seen.has(key)) throw new RangeError(`saltelliOutputs: point ${key} occurs twice`);
    seen.add(key);
    const target = p.role === "A" ? result.fA : p.role === "B" ? result.fB : result.fAB[p.index];
    target[p.row] = outputs[k];
  });
  return result;
}

/**
 * Maps unit-cube points onto parameter ranges, one range per coordinate:
 * u ↦ min + u·(max − min). An integer parameter splits [0, 1) into
 * max − min + 1 equal parts, one per whole value, so each value is equally
 * likely under a uniform design (u = 1 maps to max).
 *
 * Reference: inverse-CDF transform of the uniform distribution,
 * https://en.wikipedia.org/wiki/Inverse_transform_sampling
 *
 * @example
 * scaleToRanges([[0.5, 0.99]], [{ min: 0, max: 0.1 }, { min: 1, max: 4, integer: true }]); // [[0.05, 4]]
 *
 * @throws {RangeError} if a range has non-finite bounds, min > max, an
 *   integer range has fractional bounds, a point's length differs from the
 *   number of ranges, or a coordinate lies outside [0, 1].
 */
export function scaleToRanges(
  unit: readonly (readonly number[])[],
  ranges: readonly ParameterRange[],
): number[][] {
  ranges.forEach(({ min, max, integer }, p) => {
    if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) {
      throw new RangeError(`range ${p} must have finite min ≤ max, got [${min}, ${max}]`);
    }
    if (integer && (!Number.isInteger(min) || !Number.isInteger(max))) {
      throw new RangeError(`integer range ${p} must have integer bounds, got [${min}, ${max}]`);
    }
  });
  return unit.map((point, i) => {
    if (point.length !== ranges.length) {
      throw new RangeError(`point ${i} has ${point.length} coordinates for ${ranges.length} ranges`);
    }
    return point.map((u, p) => {
      if (!(u >= 0 && u <= 1)) throw new RangeError(`point ${i} coordinate ${p} is ${u}, outside [0, 1]`);
      const { min, max, integer } = ranges[p];
      if (integer) return Math.min(max, min + Math.floor(u * (max - min + 1)));
      return min + u * (max - min);
    });
  });
}

function checkCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
}
