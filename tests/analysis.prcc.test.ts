import { describe, expect, it } from "vitest";
import { latinHypercube } from "../src/analysis/designs.ts";
import { prcc } from "../src/analysis/prcc.ts";
import { mulberry32 } from "./helpers/mulberry32.ts";

/** Ranks 1 … n with ties averaged, for the reference computation. */
function ranks(values: number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const r = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && values[order[end]] === values[order[start]]) end++;
    for (let p = start; p < end; p++) r[order[p]] = (start + 1 + end) / 2;
    start = end;
  }
  return r;
}

/** Inverse of a small symmetric positive-definite matrix by Gauss–Jordan elimination. */
function invert(m: number[][]): number[][] {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    const pivot = a[c][c];
    for (let j = 0; j < 2 * n; j++) a[c][j] /= pivot;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const factor = a[r][c];
      for (let j = 0; j < 2 * n; j++) a[r][j] -= factor * a[c][j];
    }
  }
  return a.map((row) => row.slice(n));
}

/**
 * PRCC by the other textbook route: partial correlations read off the
 * inverse P of the rank correlation matrix of (x_1 … x_k, y),
 * PRCC_j = −P_jy / √(P_jj P_yy).
 */
function prccFromPrecision(points: number[][], y: number[]): number[] {
  const k = points[0].length;
  const columns = [...Array.from({ length: k }, (_, j) => ranks(points.map((p) => p[j]))), ranks(y)];
  const n = y.length;
  const centred = columns.map((c) => {
    const mean = c.reduce((s, v) => s + v, 0) / n;
    return c.map((v) => v - mean);
  });
  const corr = centred.map((a) =>
    centred.map((b) => {
      let ab = 0;
      let aa = 0;
      let bb = 0;
      for (let i = 0; i < n; i++) {
        ab += a[i] * b[i];
        aa += a[i] * a[i];
        bb += b[i] * b[i];
      }
      return ab / Math.sqrt(aa * bb);
    }),
  );
  const p = invert(corr);
  return Array.from({ length: k }, (_, j) => -p[j][k] / Math.sqrt(p[j][j] * p[k][k]));
}

describe("prcc", () => {
  const rand = mulberry32(42);
  const points = latinHypercube(500, 3, rand);
  const noise = points.map(() => rand() - 0.5);

  it("ranks a strong input near 1, a weak one above 0 and an unrelated one near 0", () => {
    const y = points.map(([x1, x2], i) => x1 + 0.1 * x2 + 0.02 * noise[i]);
    const [p1, p2, p3] = prcc(points, y);
    expect(p1).toBeGreaterThan(0.95);
    expect(p2).toBeGreaterThan(0.3);
    expect(p2).toBeLessThan(p1);
    expect(Math.abs(p3)).toBeLessThan(0.1);
  });

  it("gives exactly 1 for a monotone nonlinear response, and −1 for a decreasing one", () => {
    const [up, other, unrelated] = prcc(
      points,
      points.map(([x1]) => Math.exp(5 * x1)),
    );
    expect(up).toBeCloseTo(1, 12);
    // x1 alone determines y, so with x1 held fixed nothing is left to correlate.
    expect(other).toBeNaN();
    expect(unrelated).toBeNaN();
    expect(
      prcc(
        points,
        points.map(([, x2]) => 1 / (0.1 + x2)),
      )[1],
    ).toBeCloseTo(-1, 12);
  });

  it("agrees with partial correlations from the inverse rank-correlation matrix", () => {
    const y = points.map(([x1, x2, x3], i) => Math.sin(3 * x1) + x2 * x3 + 0.3 * noise[i]);
    const expected = prccFromPrecision(points, y);
    for (const [j, value] of prcc(points, y).entries()) expect(value).toBeCloseTo(expected[j], 10);
  });

  it("handles ties with mid-ranks and agrees with the reference", () => {
    const tied = points.map(([x1, x2, x3]) => [Math.round(x1 * 5), x2, Math.round(x3 * 3)]);
    const y = points.map(([x1, x2], i) => Math.round(10 * (x1 + x2 + 0.2 * noise[i])));
    const expected = prccFromPrecision(tied, y);
    for (const [j, value] of prcc(tied, y).entries()) expect(value).toBeCloseTo(expected[j], 10);
  });

  it("returns NaN for a constant input or output", () => {
    const withConstant = points.map(([x1, x2]) => [x1, 7, x2]);
    const result = prcc(
      withConstant,
      points.map(([x1]) => x1),
    );
    expect(result[1]).toBeNaN();
    expect(result[0]).toBeCloseTo(1, 12);
    expect(prcc(points, new Array(points.length).fill(2)).every(Number.isNaN)).toBe(true);
  });

  it("throws for too few runs, ragged rows or non-finite values", () => {
    expect(() =>
      prcc(
        [
          [1, 2],
          [2, 1],
          [3, 3],
        ],
        [1, 2, 3],
      ),
    ).toThrow(RangeError);
    expect(() => prcc([[1], [2], [3, 4]], [1, 2, 3])).toThrow(RangeError);
    expect(() => prcc([[1], [2], [3]], [1, 2])).toThrow(RangeError);
    expect(() => prcc([[1], [Number.NaN], [3]], [1, 2, 3])).toThrow(RangeError);
    expect(() => prcc([[1], [2], [3]], [1, Number.POSITIVE_INFINITY, 3])).toThrow(RangeError);
  });
});
