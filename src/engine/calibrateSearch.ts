// The search of `spiral calibrate`: a global stage of space-filling points in
// the unit cube of the parameters' bounds, then a Nelder–Mead simplex from
// the best of them whose candidate points are evaluated in batches. The
// search is a pure function of the objective values it is given: replayed
// over stored evaluations it asks for the same points in the same order,
// which is what makes --resume (and any worker count) end in the same
// estimate. Points are clamped to the cube, so the search never leaves the bounds.
//
// Why hand-written: no maintained npm package offers a batched (parallel)
// Nelder–Mead or CMA-ES with a pluggable asynchronous evaluator that is
// deterministic under replay (fmin's nelderMead, for one, calls a synchronous
// function one point at a time); the batched variant below is ~100 lines.
import seedrandom from "seedrandom";
import { latinHypercube, sobolSequence } from "../analysis/designs.ts";

export type SearchStage = "global" | "local";

/** Evaluates points of the unit cube; resolves to their objective values, in order. */
export type BatchEvaluator = (points: number[][], stage: SearchStage) => Promise<number[]>;

export interface SearchOptions {
  dims: number;
  /** Evaluations in all (global + local). */
  budget: number;
  globalPoints: number;
  globalDesign: "sobol" | "latin-hypercube";
  local: "nelder-mead" | "none";
  /** Stop when every vertex is within this distance (max norm, unit cube) of the best. */
  tolerance: number;
  /** Seed of a Latin hypercube. */
  seed: number;
  /** A warm start (method.startAtBase): one more point of the global stage, after the design's. */
  startPoint?: number[];
  /**
   * Called once after the global stage, before the local one: it may change
   * the objective (an optimal weighting matrix); the best global point is
   * then evaluated again (its runs are stored, so nothing runs) for its new value.
   */
  afterGlobal?: () => void | Promise<void>;
}

export interface SearchResult {
  /** The best point evaluated (unit cube) and its objective. */
  best: number[];
  bestValue: number;
  /** Evaluations asked for. */
  evaluations: number;
  /** Why the local stage stopped. */
  stopped: "tolerance" | "budget" | "no local stage";
}

/** Nelder–Mead coefficients (the standard ones: Nelder & Mead 1965; Gao & Han 2012 for low dimensions). */
const REFLECT = 1;
const EXPAND = 2;
const CONTRACT = 0.5;
const SHRINK = 0.5;
/** Side of the initial simplex around the best global point, in units of each range. */
const INITIAL_STEP = 0.1;

/**
 * Runs the search. Each batch is evaluated at once (its points' runs fill
 * the worker pool); the batches depend only on earlier objective values.
 *
 * Reference: Nelder & Mead (1965), "A simplex method for function
 * minimization", Computer Journal 7(4); the speculative batch (reflection,
 * expansion and both contractions evaluated together) follows Dennis &
 * Torczon (1991), "Direct search methods on parallel machines", SIAM J.
 * Optim. 1(4), in its simplest form.
 */
export async function searchMinimum(evaluate: BatchEvaluator, opts: SearchOptions): Promise<SearchResult> {
  const { dims } = opts;
  let used = 0;
  let best: number[] = [];
  let bestValue = Number.POSITIVE_INFINITY;
  const run = async (points: number[][], stage: SearchStage): Promise<number[]> => {
    const clamped = points.map((p) => p.map(clamp01));
    used += clamped.length;
    const values = await evaluate(clamped, stage);
    values.forEach((v, i) => {
      if (v < bestValue) {
        bestValue = v;
        best = clamped[i];
      }
    });
    return values;
  };

  await run(globalDesign(opts), "global");
  if (opts.local === "none") return { best, bestValue, evaluations: used, stopped: "no local stage" };

  if (opts.afterGlobal !== undefined) {
    await opts.afterGlobal();
    const again = best.slice();
    bestValue = Number.POSITIVE_INFINITY;
    used -= 1; // the re-evaluation is not a new point of the budget
    await run([again], "local");
  }
  // Initial simplex: the best global point and one step along each axis (inwards at an upper bound).
  const x0 = best.slice();
  const f0 = bestValue;
  if (opts.budget - used < dims) return { best, bestValue, evaluations: used, stopped: "budget" };
  const starts = Array.from({ length: dims }, (_, i) => {
    const p = x0.slice();
    p[i] = p[i] + INITIAL_STEP <= 1 ? p[i] + INITIAL_STEP : p[i] - INITIAL_STEP;
    return p;
  });
  const startValues = await run(starts, "local");
  let simplex = [{ x: x0, f: f0 }, ...starts.map((x, i) => ({ x: x.map(clamp01), f: startValues[i] }))];

  for (;;) {
    // Stable order: by value, ties by position (so equal values never reorder between replays).
    simplex = simplex
      .map((v, i) => ({ ...v, i }))
      .sort((a, b) => a.f - b.f || a.i - b.i)
      .map(({ x, f }) => ({ x, f }));
    const bestVertex = simplex[0];
    const spread = Math.max(
      ...simplex.map((v) => Math.max(...v.x.map((c, d) => Math.abs(c - bestVertex.x[d])))),
    );
    if (spread <= opts.tolerance) return { best, bestValue, evaluations: used, stopped: "tolerance" };
    if (opts.budget - used < 4) return { best, bestValue, evaluations: used, stopped: "budget" };
    const worst = simplex[dims];
    const centroid = new Array<number>(dims).fill(0);
    for (let v = 0; v < dims; v++) for (let d = 0; d < dims; d++) centroid[d] += simplex[v].x[d] / dims;
    const along = (t: number): number[] => centroid.map((c, d) => clamp01(c + t * (c - worst.x[d])));
    const [r, e, oc, ic] = [along(REFLECT), along(EXPAND), along(CONTRACT), along(-CONTRACT)];
    const [fr, fe, foc, fic] = await run([r, e, oc, ic], "local");
    const secondWorst = simplex[dims - 1].f;
    let replacement: { x: number[]; f: number } | undefined;
    if (fr < bestVertex.f) replacement = fe < fr ? { x: e, f: fe } : { x: r, f: fr };
    else if (fr < secondWorst) replacement = { x: r, f: fr };
    else if (fr < worst.f) replacement = foc <= fr ? { x: oc, f: foc } : undefined;
    else replacement = fic < worst.f ? { x: ic, f: fic } : undefined;
    if (replacement !== undefined) {
      simplex[dims] = replacement;
      continue;
    }
    // Shrink towards the best vertex.
    if (opts.budget - used < dims) return { best, bestValue, evaluations: used, stopped: "budget" };
    const shrunk = simplex
      .slice(1)
      .map((v) => v.x.map((c, d) => clamp01(bestVertex.x[d] + SHRINK * (c - bestVertex.x[d]))));
    const shrunkValues = await run(shrunk, "local");
    simplex = [bestVertex, ...shrunk.map((x, i) => ({ x, f: shrunkValues[i] }))];
  }
}

function clamp01(u: number): number {
  return Math.max(0, Math.min(1, u));
}

/**
 * The global stage's points: `globalPoints` of the Sobol sequence (skipping
 * its first point, the origin) or of a Latin hypercube seeded by `seed`,
 * then the warm start `startPoint` when there is one. Shards split this list.
 */
export function globalDesign(
  opts: Pick<SearchOptions, "dims" | "globalPoints" | "globalDesign" | "seed" | "startPoint">,
): number[][] {
  const design =
    opts.globalDesign === "sobol"
      ? sobolSequence(opts.globalPoints, opts.dims, 1)
      : latinHypercube(opts.globalPoints, opts.dims, seedrandom(`spiral-calibrate-${opts.seed}`));
  if (opts.startPoint !== undefined) design.push(opts.startPoint.slice());
  return design;
}
