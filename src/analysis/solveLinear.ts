/**
 * Inverse of a small dense square matrix by Gauss–Jordan elimination with
 * partial pivoting — the k × k and q × q matrices of the simulated method of
 * moments (parameters, targets: a few dozen at most). Returns undefined when
 * a pivot is below `tolerance` times the largest entry: the matrix is
 * singular to working precision (e.g. a parameter the targets do not move).
 *
 * Reference: Golub & Van Loan, "Matrix Computations", 4th ed., §3.2 and
 * §3.4 (pivoting); https://en.wikipedia.org/wiki/Gaussian_elimination#Finding_the_inverse_of_a_matrix
 *
 * @example
 * invertMatrix([[2, 0], [0, 4]]); // [[0.5, 0], [0, 0.25]]
 *
 * @throws {RangeError} if the matrix is empty, not square, or holds a non-finite value.
 */
export function invertMatrix(
  matrix: readonly (readonly number[])[],
  tolerance = 1e-12,
): number[][] | undefined {
  const n = matrix.length;
  if (n === 0) throw new RangeError("invertMatrix needs a non-empty matrix");
  let scale = 0;
  const a = matrix.map((row, i) => {
    if (row.length !== n) throw new RangeError(`invertMatrix: row ${i} has ${row.length} entries, not ${n}`);
    return row.map((v, j) => {
      if (!Number.isFinite(v)) throw new RangeError(`invertMatrix: entry [${i}][${j}] is ${v}`);
      scale = Math.max(scale, Math.abs(v));
      return v;
    });
  });
  const inverse = a.map((_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  if (scale === 0) return undefined;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    if (Math.abs(a[pivot][col]) <= tolerance * scale) return undefined;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    [inverse[col], inverse[pivot]] = [inverse[pivot], inverse[col]];
    const p = a[col][col];
    for (let j = 0; j < n; j++) {
      a[col][j] /= p;
      inverse[col][j] /= p;
    }
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const factor = a[r][col];
      if (factor === 0) continue;
      for (let j = 0; j < n; j++) {
        a[r][j] -= factor * a[col][j];
        inverse[r][j] -= factor * inverse[col][j];
      }
    }
  }
  return inverse;
}
