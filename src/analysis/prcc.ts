/**
 * Partial rank correlation coefficient of each input with an output: the
 * inputs and the output are replaced by their ranks (ties get the mean
 * rank); for input j, the ranks of x_j and of y are each regressed by least
 * squares on the ranks of all the other inputs (with an intercept), and the
 * PRCC is the Pearson correlation of the two residuals. It measures how
 * monotonically y moves with x_j once the others are held fixed, so it
 * suits nonlinear but monotone responses and sampling designs such as
 * Latin hypercubes.
 *
 * `points` holds one row per run (the layout the designs produce), `output`
 * the matching model outputs. A PRCC is NaN when a residual has no
 * variance: a constant input or output, an input the other inputs
 * determine, or an output they determine (y = exp(x_1) leaves nothing to
 * correlate once x_1 is held fixed, so x_2's PRCC is undefined, not 0).
 *
 * Reference: Marino, Hogue, Ray & Kirschner (2008), "A methodology for
 * performing global uncertainty and sensitivity analysis in systems
 * biology", J. Theor. Biol. 254(1), §2.4; https://doi.org/10.1016/j.jtbi.2008.04.011
 *
 * @example
 * // 500 Latin-hypercube points, y = x1 + 0.1·x2 + small noise, x3 unused:
 * prcc(points, y); // [0.999, 0.94, -0.03]
 *
 * @throws {RangeError} if rows differ in length, `output` has a different
 *   number of runs, there are fewer than k + 2 runs for k inputs, or a value
 *   is not finite.
 */
export function prcc(points: readonly ArrayLike<number>[], output: ArrayLike<number>): number[] {
  const n = points.length;
  const k = n > 0 ? points[0].length : 0;
  if (output.length !== n) throw new RangeError(`prcc: ${n} points but ${output.length} outputs`);
  if (n < k + 2) throw new RangeError(`prcc needs at least ${k + 2} runs for ${k} inputs, got ${n}`);
  const columns: Float64Array[] = [];
  for (let j = 0; j < k; j++) columns.push(new Float64Array(n));
  points.forEach((row, i) => {
    if (row.length !== k) throw new RangeError(`prcc: point ${i} has ${row.length} inputs, point 0 has ${k}`);
    for (let j = 0; j < k; j++) {
      if (!Number.isFinite(row[j])) throw new RangeError(`prcc: input ${j} of point ${i} is ${row[j]}`);
      columns[j][i] = row[j];
    }
  });
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(output[i])) throw new RangeError(`prcc: output ${i} is ${output[i]}`);
  }

  const inputRanks = columns.map(centredRanks);
  const outputRanks = centredRanks(output);
  const outputSquares = dot(outputRanks, outputRanks);
  const result: number[] = [];
  for (let j = 0; j < k; j++) {
    const basis = orthonormalBasis(inputRanks.filter((_, other) => other !== j));
    const inputResidual = residual(inputRanks[j], basis);
    const outputResidual = residual(outputRanks, basis);
    result.push(
      residualCorrelation(inputResidual, dot(inputRanks[j], inputRanks[j]), outputResidual, outputSquares),
    );
  }
  return result;
}

/** Ranks 1 … n (ties share their mean rank), minus their mean (n + 1)/2. */
function centredRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(n);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && values[order[end]] === values[order[start]]) end++;
    // Positions start … end − 1 hold equal values: ranks start + 1 … end, mean (start + 1 + end)/2.
    const centred = (start + 1 + end) / 2 - (n + 1) / 2;
    for (let p = start; p < end; p++) ranks[order[p]] = centred;
    start = end;
  }
  return ranks;
}

/**
 * Orthonormal basis of the span of centred columns (modified Gram–Schmidt,
 * with a second pass for stability). The intercept needs no column: centred
 * vectors are already orthogonal to it. Columns that add no new direction —
 * constant, or combinations of earlier ones — are dropped; the projection
 * onto the span, which is all least squares needs, is unchanged.
 */
function orthonormalBasis(columns: readonly Float64Array[]): Float64Array[] {
  const basis: Float64Array[] = [];
  for (const column of columns) {
    const original = dot(column, column);
    if (original === 0) continue;
    let v = residual(column, basis);
    v = residual(v, basis);
    const norm2 = dot(v, v);
    if (norm2 <= original * 1e-20) continue;
    const scale = 1 / Math.sqrt(norm2);
    for (let i = 0; i < v.length; i++) v[i] *= scale;
    basis.push(v);
  }
  return basis;
}

/** v minus its projection onto the orthonormal basis: the least-squares residual. */
function residual(v: Float64Array, basis: readonly Float64Array[]): Float64Array {
  const r = Float64Array.from(v);
  for (const q of basis) {
    const c = dot(r, q);
    for (let i = 0; i < r.length; i++) r[i] -= c * q[i];
  }
  return r;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * Pearson correlation of two residuals (which have mean zero), given the sums
 * of squares of the vectors they came from. NaN when a residual is nothing
 * but rounding noise: its vector was fully explained (or constant).
 */
function residualCorrelation(a: Float64Array, aOriginal: number, b: Float64Array, bOriginal: number): number {
  const aa = dot(a, a);
  const bb = dot(b, b);
  if (aa <= aOriginal * 1e-20 || bb <= bOriginal * 1e-20) return Number.NaN;
  return dot(a, b) / Math.sqrt(aa * bb);
}
