import { invertMatrix } from "./solveLinear.ts";

/**
 * Asymptotic covariance of a simulated-method-of-moments estimate, the
 * sandwich
 *
 *   V = (1 + 1/S) · (G'WG)⁻¹ G'W Ω W G (G'WG)⁻¹,
 *
 * with G the q × k Jacobian of the simulated moments in the parameters, W
 * the q × q weighting matrix, Ω the covariance of the data moments and S
 * the simulated runs per evaluation, each as long as the data sample (the
 * 1 + 1/S factor is the simulation noise in the simulated moments). With
 * W = Ω⁻¹ it reduces to (1 + 1/S)(G'Ω⁻¹G)⁻¹. The standard errors are the
 * square roots of V's diagonal. Returns undefined when G'WG is singular: a
 * parameter the targets do not move (not identified) at the estimate.
 *
 * Reference: McFadden (1989), "A method of simulated moments for estimation
 * of discrete response models", Econometrica 57(5); Lee & Ingram (1991),
 * "Simulation estimation of time-series models", J. Econometrics 47;
 * Franke (2009) (docs/calibration.md §9.1). https://en.wikipedia.org/wiki/Method_of_simulated_moments
 *
 * @example
 * smmCovariance([[2]], [[1]], [[1]], 4); // [[0.3125]] = 1.25 · 1/4
 *
 * @throws {RangeError} if the shapes disagree, S is not a positive integer, or an entry is not finite.
 */
export function smmCovariance(
  jacobian: readonly (readonly number[])[],
  weight: readonly (readonly number[])[],
  omega: readonly (readonly number[])[],
  simulations: number,
): number[][] | undefined {
  const q = jacobian.length;
  const k = q > 0 ? jacobian[0].length : 0;
  if (q === 0 || k === 0) throw new RangeError("smmCovariance needs a non-empty Jacobian");
  if (!Number.isInteger(simulations) || simulations < 1) {
    throw new RangeError(`simulations must be a positive integer, got ${simulations}`);
  }
  for (const [name, m, cols] of [
    ["jacobian", jacobian, k],
    ["weight", weight, q],
    ["omega", omega, q],
  ] as const) {
    if (m.length !== q || m.some((row) => row.length !== cols)) {
      throw new RangeError(`smmCovariance: ${name} must be ${q} × ${cols}`);
    }
    if (m.some((row) => row.some((v) => !Number.isFinite(v)))) {
      throw new RangeError(`smmCovariance: ${name} has a non-finite entry`);
    }
  }
  const wg = multiply(weight, jacobian); // q × k
  const a = multiply(transpose(jacobian), wg); // k × k
  const aInverse = invertMatrix(a);
  if (aInverse === undefined) return undefined;
  const b = multiply(transpose(wg), multiply(omega, wg)); // k × k
  const v = multiply(aInverse, multiply(b, aInverse));
  const factor = 1 + 1 / simulations;
  // Symmetrise the rounding error away.
  return v.map((row, i) => row.map((_, j) => (factor * (v[i][j] + v[j][i])) / 2));
}

function transpose(m: readonly (readonly number[])[]): number[][] {
  return m[0].map((_, j) => m.map((row) => row[j]));
}

function multiply(x: readonly (readonly number[])[], y: readonly (readonly number[])[]): number[][] {
  const n = y[0].length;
  return x.map((row) => {
    const out = new Array<number>(n).fill(0);
    for (let t = 0; t < row.length; t++) for (let j = 0; j < n; j++) out[j] += row[t] * y[t][j];
    return out;
  });
}
