// Clearing and distress propagation on the AI chain's obligation network
// (docs/ODD.md §7.15, "Defaults and contagion", docs/calibration.md §9). Two pure functions
// over small dense n×n row-major matrices (n = tens of chain firms plus a
// few sink nodes such as banks or the private-credit fund):
//
// - `eisenbergNoeClearing`: what each firm actually pays this tick when some
//   cannot meet their obligations and the shortfalls feed back through the
//   network (Eisenberg & Noe 2001). The lead's default phase calls it once
//   per tick and books `clearingPayments` through the ledger.
// - `debtRank`: how much equity the network loses, beyond an initial shock,
//   when distress (not only outright default) spreads along exposures
//   (Battiston et al. 2012) — the distress metric reported alongside.
//
// No I/O, no randomness, no state kept between calls; scratch buffers are
// allocated per call and sized by the network (at most n² + O(n) numbers).

/** A malformed network passed to clearing or DebtRank: wrong lengths, negative or non-finite entries. */
export class NetworkInputError extends RangeError {
  constructor(
    message: string,
    /** What is wrong, e.g. "liabilities[7]" or "externalAssets.length". */
    readonly subject: string,
  ) {
    super(message);
    this.name = "NetworkInputError";
  }
}

/** The clearing algorithm hit its iteration cap before converging (only possible in the degenerate fallback). */
export class ClearingNotConvergedError extends Error {
  constructor(
    message: string,
    readonly iterations: number,
  ) {
    super(message);
    this.name = "ClearingNotConvergedError";
  }
}

export interface ClearingOptions {
  /**
   * Cap on rounds (each fictitious-default round or fallback sweep counts as
   * one). Default 10 000; the exact algorithm needs at most n + 1 rounds.
   */
  maxIterations?: number;
  /**
   * Relative tolerance (default 1e-12): a node is treated as defaulting only
   * if what it can pay falls short of what it owes by more than
   * `tolerance · owed`, so rounding noise never flags a node that exactly
   * breaks even; also the convergence threshold of the fallback iteration.
   */
  tolerance?: number;
}

export interface ClearingResult {
  /** Rounds used: 1 if nobody defaults; at most n + 1 on the exact path. */
  iterations: number;
  /** 1 where node i pays less than it owes (p_i < p̄_i beyond the tolerance), else 0. */
  defaulted: Uint8Array;
}

/**
 * The Eisenberg–Noe greatest clearing payment vector.
 *
 * Model (Eisenberg & Noe 2001, "Systemic Risk in Financial Systems",
 * Management Science 47(2):236–249). Node i owes L_ij to node j and has
 * external assets e_i ≥ 0. Its total obligation is p̄_i = Σ_j L_ij and it
 * pays its creditors pro rata, Π_ij = L_ij / p̄_i (limited liability, equal
 * priority). A clearing vector p satisfies, for every i,
 *
 *   p_i = min(p̄_i, e_i + Σ_j Π_ji p_j)
 *
 * i.e. each node pays in full or pays out everything it has. Clearing
 * vectors form a lattice; we return the greatest one (the one a
 * decentralised payment process reaches starting from full payment).
 *
 * Algorithm: the fictitious default algorithm (EN 2001, §3). Start from
 * full payment p = p̄ and the empty default set D. Each round, add to D
 * every node that cannot pay in full given the current p
 * (e_i + Σ_j Π_ji p_j < p̄_i); if nothing was added, p is the clearing
 * vector. Otherwise re-solve, with nodes outside D paying in full, the
 * linear system for the defaulters
 *
 *   p_i − Σ_{j∈D} Π_ji p_j = e_i + Σ_{j∉D} L_ji   (i ∈ D)
 *
 * by Gaussian elimination with partial pivoting (the matrix I − Π_DDᵀ is a
 * column-diagonally-dominant M-matrix). D only grows and every p computed
 * lies above the greatest clearing vector, so the algorithm is exact and
 * ends in at most n + 1 rounds. The system is singular only if D holds a
 * closed ring with no cash coming in, which the greatest clearing vector
 * never has; should rounding produce one, we fall back to monotone
 * Gauss–Seidel iteration p_i ← min(p̄_i, e_i + Σ_j Π_ji p_j) from the last
 * p, which decreases to the same greatest clearing vector.
 *
 * Nodes are visited in index order; the result is deterministic. Self-loans
 * (L_ii ≠ 0) are rejected.
 *
 * @param liabilities n×n row-major, liabilities[i*n+j] = L_ij = what i owes j this tick (≥ 0).
 * @param externalAssets e_i ≥ 0: cash available to i from outside the network.
 * @param out receives the clearing vector p (length n).
 * @throws NetworkInputError on wrong lengths or negative / non-finite entries.
 * @throws ClearingNotConvergedError if `maxIterations` is reached first.
 * @example
 *   // A owes B 10 and has 4 in cash; B owes nobody.
 *   const p = new Float64Array(2);
 *   eisenbergNoeClearing(Float64Array.of(0, 10, 0, 0), Float64Array.of(4, 0), p); // p = [4, 0]
 */
export function eisenbergNoeClearing(
  liabilities: Float64Array,
  externalAssets: Float64Array,
  out: Float64Array,
  opts: ClearingOptions = {},
): ClearingResult {
  const n = externalAssets.length;
  checkSquare(liabilities, n, "liabilities");
  checkNonNegative(externalAssets, "externalAssets");
  if (out.length !== n) {
    throw new NetworkInputError(`out has length ${out.length}, expected ${n}`, "out.length");
  }
  const tol = opts.tolerance ?? 1e-12;
  const maxIterations = opts.maxIterations ?? 10_000;
  if (!(tol >= 0) || !(maxIterations >= 1)) {
    throw new NetworkInputError("tolerance must be ≥ 0 and maxIterations ≥ 1", "opts");
  }

  const owed = new Float64Array(n); // p̄
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += liabilities[i * n + j];
    owed[i] = s;
  }
  out.set(owed);
  let { iterations, exact } = fictitiousDefault(liabilities, externalAssets, owed, out, tol, maxIterations);
  if (!exact)
    iterations = monotoneFallback(liabilities, externalAssets, owed, out, tol, maxIterations, iterations);
  const defaulted = new Uint8Array(n);
  for (let i = 0; i < n; i++) defaulted[i] = out[i] < owed[i] * (1 - tol) ? 1 : 0;
  return { iterations, defaulted };
}

/**
 * The fictitious default rounds of `eisenbergNoeClearing` (EN 2001, §3), from
 * full payment `out` = `owed`: each round adds the nodes that cannot pay in
 * full to the default set D and re-solves the defaulters' linear system.
 * Returns the rounds used and whether a round added nobody (exact); not exact
 * when the system was singular or `maxIterations` ran out.
 */
function fictitiousDefault(
  liabilities: Float64Array,
  externalAssets: Float64Array,
  owed: Float64Array,
  out: Float64Array,
  tol: number,
  maxIterations: number,
): { iterations: number; exact: boolean } {
  const n = owed.length;
  const inD = new Uint8Array(n);
  const members = new Int32Array(n);
  const system = new Float64Array(n * (n + 1)); // augmented m×(m+1), m = |D|
  let m = 0;
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    // Who cannot pay in full given the current payments?
    let added = false;
    for (let i = 0; i < n; i++) {
      if (inD[i] === 1 || owed[i] === 0) continue;
      if (available(liabilities, externalAssets, owed, out, n, i) < owed[i] * (1 - tol)) {
        inD[i] = 1;
        members[m++] = i;
        added = true;
      }
    }
    if (!added) return { iterations, exact: true };
    // Defaulters pay out everything they receive; everyone else pays in full.
    for (let r = 0; r < m; r++) {
      const i = members[r];
      const row = r * (m + 1);
      for (let c = 0; c < m; c++) {
        const j = members[c];
        system[row + c] = (r === c ? 1 : 0) - liabilities[j * n + i] / owed[j];
      }
      let rhs = externalAssets[i];
      for (let j = 0; j < n; j++) if (inD[j] === 0) rhs += liabilities[j * n + i];
      system[row + m] = rhs;
    }
    if (!solveInPlace(system, m)) break; // degenerate: fall back
    for (let r = 0; r < m; r++) {
      const i = members[r];
      out[i] = Math.min(owed[i], Math.max(0, system[r * (m + 1) + m]));
    }
  }
  return { iterations, exact: false };
}

/**
 * Monotone Gauss–Seidel fallback of `eisenbergNoeClearing` from the last p
 * in `out`, which lies above the greatest clearing vector and satisfies
 * p ≥ Φ(p), so the sweeps decrease to it. (A cashless closed ring whose
 * greatest clearing vector has a member exactly at break-even is the case
 * that gets here, and only when rounding beats the tolerance.) Stops once a
 * sweep moves no payment by more than max(tolerance, 1e-14) of what it owes;
 * returns the rounds used in all, counting the `iterations` already spent.
 * @throws ClearingNotConvergedError if `maxIterations` is reached first.
 */
function monotoneFallback(
  liabilities: Float64Array,
  externalAssets: Float64Array,
  owed: Float64Array,
  out: Float64Array,
  tol: number,
  maxIterations: number,
  iterations: number,
): number {
  const n = owed.length;
  const threshold = Math.max(tol, 1e-14);
  while (iterations < maxIterations) {
    iterations++;
    let change = 0;
    for (let i = 0; i < n; i++) {
      if (owed[i] === 0) continue;
      const next = Math.min(owed[i], available(liabilities, externalAssets, owed, out, n, i));
      change = Math.max(change, Math.abs(out[i] - next) / owed[i]);
      out[i] = next;
    }
    if (change <= threshold) return iterations;
  }
  throw new ClearingNotConvergedError(
    `Eisenberg–Noe clearing did not converge in ${maxIterations} iterations`,
    iterations,
  );
}

/**
 * The payments matrix implied by a clearing vector: node i pays creditor j
 * its pro-rata share, P_ij = L_ij / p̄_i · p_i (0 when i owes nothing).
 * Row sums equal p; column sums are what each node receives.
 *
 * @param liabilities n×n row-major, as for `eisenbergNoeClearing`.
 * @param p the clearing vector (length n).
 * @param outMatrix receives P (n×n row-major); also returned.
 */
export function clearingPayments(
  liabilities: Float64Array,
  p: Float64Array,
  outMatrix: Float64Array,
): Float64Array {
  const n = p.length;
  checkSquare(liabilities, n, "liabilities");
  if (outMatrix.length !== n * n) {
    throw new NetworkInputError(
      `outMatrix has length ${outMatrix.length}, expected ${n * n}`,
      "outMatrix.length",
    );
  }
  for (let i = 0; i < n; i++) {
    let owed = 0;
    for (let j = 0; j < n; j++) owed += liabilities[i * n + j];
    const paidShare = owed > 0 ? p[i] / owed : 0;
    for (let j = 0; j < n; j++) outMatrix[i * n + j] = liabilities[i * n + j] * paidShare;
  }
  return outMatrix;
}

export interface DebtRankOptions {
  /**
   * Relative economic value v_i of each node (≥ 0; normalised to sum to 1).
   * Default: each node's share of total positive capital, so R reads as the
   * fraction of the network's equity lost.
   */
  weights?: Float64Array;
}

/**
 * DebtRank (Battiston, Puliga, Kaushik, Tasca & Caldarelli 2012, "DebtRank:
 * Too Central to Fail?", Scientific Reports 2:541) — the original 2012
 * algorithm, not the Bardoscia et al. (2015) reformulation.
 *
 * Impact of j's distress on i: W_ij = min(1, exposure_ij / capital_i), the
 * share of i's equity lost if j loses all its value (W_ij = 1 for any
 * positive exposure of a node with capital ≤ 0). Distress h_i ∈ [0, 1] is
 * the fraction of i's equity lost. Each node is undistressed (U),
 * distressed (D) or inactive (I). At t = 1, h = initialDistress and the
 * nodes with h > 0 are D. Then, until no node is D:
 *
 *   h_i(t) = min(1, h_i(t−1) + Σ_{j : s_j(t−1) = D} W_ij h_j(t−1))
 *   s_i(t) = I if s_i(t−1) = D;  D if s_i(t−1) = U and h_i(t) > 0;  else unchanged.
 *
 * So a node passes on its distress exactly once, in the step after it
 * becomes distressed (this bars reverberation around cycles; it can also
 * undercount, which is what Bardoscia et al. 2015 correct). A node's own h
 * still grows from later impacts. It ends within n + 1 steps.
 *
 * Returns R = Σ_i v_i h_i(T) − Σ_i v_i h_i(1): the value-weighted equity loss
 * the network adds on top of the initial shock. Final h goes to `out`.
 * R is not necessarily monotone in the shock (distress is capped at 1 and
 * the initial shock is subtracted); the final h and the total loss
 * Σ v_i h_i(T) are, for shocks with the same set of shocked nodes.
 *
 * @param exposures n×n row-major, exposures[i*n+j] = what i loses if j fully defaults (≥ 0, zero diagonal).
 * @param capital equity of each node.
 * @param initialDistress h_i(1) ∈ [0, 1].
 * @param out receives the final distress h_i(T) (length n).
 */
export function debtRank(
  exposures: Float64Array,
  capital: Float64Array,
  initialDistress: Float64Array,
  out: Float64Array,
  opts: DebtRankOptions = {},
): number {
  const n = capital.length;
  checkDebtRankInput(exposures, capital, initialDistress, out);
  const value = nodeValues(capital, opts.weights);
  let totalValue = 0;
  for (let i = 0; i < n; i++) totalValue += value[i];
  const impact = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = exposures[i * n + j];
      impact[i * n + j] = x === 0 ? 0 : capital[i] > 0 ? Math.min(1, x / capital[i]) : 1;
    }
  }
  out.set(initialDistress);
  propagateDistress(impact, out);

  if (totalValue === 0) return 0;
  let rank = 0;
  for (let i = 0; i < n; i++) rank += (value[i] / totalValue) * (out[i] - initialDistress[i]);
  return rank;
}

/** DebtRank's inputs: a square exposure matrix, finite capital, distress in [0, 1], `out` of length n. */
function checkDebtRankInput(
  exposures: Float64Array,
  capital: Float64Array,
  initialDistress: Float64Array,
  out: Float64Array,
): void {
  const n = capital.length;
  checkSquare(exposures, n, "exposures");
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(capital[i]))
      throw new NetworkInputError(`capital[${i}] is not finite`, `capital[${i}]`);
  }
  if (initialDistress.length !== n) {
    throw new NetworkInputError(
      `initialDistress has length ${initialDistress.length}, expected ${n}`,
      "initialDistress.length",
    );
  }
  for (let i = 0; i < n; i++) {
    const h = initialDistress[i];
    if (!(h >= 0 && h <= 1)) {
      throw new NetworkInputError(`initialDistress[${i}] = ${h} is outside [0, 1]`, `initialDistress[${i}]`);
    }
  }
  if (out.length !== n)
    throw new NetworkInputError(`out has length ${out.length}, expected ${n}`, "out.length");
}

/** DebtRank's node values v_i: the given weights (checked), else each node's positive capital. */
function nodeValues(capital: Float64Array, weights: Float64Array | undefined): Float64Array {
  const n = capital.length;
  const value = new Float64Array(n);
  if (weights !== undefined) {
    if (weights.length !== n) {
      throw new NetworkInputError(`weights has length ${weights.length}, expected ${n}`, "weights.length");
    }
    checkNonNegative(weights, "weights");
    value.set(weights);
  } else {
    for (let i = 0; i < n; i++) value[i] = Math.max(0, capital[i]);
  }
  return value;
}

/**
 * DebtRank's propagation (Battiston et al. 2012): from the distress h(1) in
 * `h`, each distressed node passes W_ij h_j on once, in the step after it
 * became distressed, then goes inactive; until no node is distressed. The
 * final h replaces `h`.
 */
function propagateDistress(impact: Float64Array, h: Float64Array): void {
  const n = h.length;
  const UNDISTRESSED = 0;
  const DISTRESSED = 1;
  const INACTIVE = 2;
  const state = new Uint8Array(n);
  const previous = new Float64Array(n);
  let anyDistressed = false;
  for (let i = 0; i < n; i++) {
    if (h[i] > 0) {
      state[i] = DISTRESSED;
      anyDistressed = true;
    }
  }
  while (anyDistressed) {
    previous.set(h);
    for (let i = 0; i < n; i++) {
      let hit = 0;
      for (let j = 0; j < n; j++) if (state[j] === DISTRESSED) hit += impact[i * n + j] * previous[j];
      if (hit > 0) h[i] = Math.min(1, previous[i] + hit);
    }
    anyDistressed = false;
    for (let i = 0; i < n; i++) {
      if (state[i] === DISTRESSED) state[i] = INACTIVE;
      else if (state[i] === UNDISTRESSED && h[i] > 0) {
        state[i] = DISTRESSED;
        anyDistressed = true;
      }
    }
  }
}

/** e_i + Σ_j Π_ji p_j: what node i has to pay out given everyone else's payments p. */
function available(
  liabilities: Float64Array,
  externalAssets: Float64Array,
  owed: Float64Array,
  p: Float64Array,
  n: number,
  i: number,
): number {
  let cash = externalAssets[i];
  for (let j = 0; j < n; j++) {
    const l = liabilities[j * n + i];
    if (l !== 0) cash += (l / owed[j]) * p[j];
  }
  return cash;
}

/**
 * Solves the m×m system stored as an augmented m×(m+1) row-major matrix by
 * Gaussian elimination with partial pivoting; the solution replaces the last
 * column. Returns false if a pivot is (numerically) zero.
 */
function solveInPlace(a: Float64Array, m: number): boolean {
  const w = m + 1;
  for (let k = 0; k < m; k++) {
    let pivotRow = k;
    let best = Math.abs(a[k * w + k]);
    for (let r = k + 1; r < m; r++) {
      const v = Math.abs(a[r * w + k]);
      if (v > best) {
        best = v;
        pivotRow = r;
      }
    }
    // Entries are O(1) (diagonal 1, off-diagonal in [−1, 0]), so an absolute threshold suffices.
    if (best < 1e-13) return false;
    if (pivotRow !== k) {
      for (let c = k; c < w; c++) {
        const t = a[k * w + c];
        a[k * w + c] = a[pivotRow * w + c];
        a[pivotRow * w + c] = t;
      }
    }
    const pivot = a[k * w + k];
    for (let r = k + 1; r < m; r++) {
      const factor = a[r * w + k] / pivot;
      if (factor === 0) continue;
      for (let c = k; c < w; c++) a[r * w + c] -= factor * a[k * w + c];
    }
  }
  for (let k = m - 1; k >= 0; k--) {
    let s = a[k * w + m];
    for (let c = k + 1; c < m; c++) s -= a[k * w + c] * a[c * w + m];
    a[k * w + m] = s / a[k * w + k];
  }
  return true;
}

function checkSquare(matrix: Float64Array, n: number, name: string): void {
  if (matrix.length !== n * n) {
    throw new NetworkInputError(`${name} has length ${matrix.length}, expected ${n}×${n}`, `${name}.length`);
  }
  checkNonNegative(matrix, name);
  for (let i = 0; i < n; i++) {
    if (matrix[i * n + i] !== 0) {
      throw new NetworkInputError(
        `${name}[${i}*n+${i}] is a self-obligation; it must be 0`,
        `${name}[${i * n + i}]`,
      );
    }
  }
}

function checkNonNegative(values: Float64Array, name: string): void {
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (!(v >= 0 && v < Number.POSITIVE_INFINITY)) {
      throw new NetworkInputError(`${name}[${k}] = ${v} must be finite and ≥ 0`, `${name}[${k}]`);
    }
  }
}
