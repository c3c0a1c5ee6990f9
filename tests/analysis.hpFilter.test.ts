import { describe, expect, it } from "vitest";
import { hpFilter } from "../src/analysis/hpFilter.ts";
import { mulberry32 } from "./helpers/mulberry32.ts";

/** Trend from the dense system (I + λ K'K) τ = y, by Gaussian elimination with partial pivoting. */
function denseHpTrend(y: number[], lambda: number): number[] {
  const n = y.length;
  const a: number[][] = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)),
  );
  for (let r = 0; r < n - 2; r++) {
    const stencil = [1, -2, 1];
    for (let p = 0; p < 3; p++)
      for (let q = 0; q < 3; q++) a[r + p][r + q] += lambda * stencil[p] * stencil[q];
  }
  const b = [...y];
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) pivot = row;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    [b[col], b[pivot]] = [b[pivot], b[col]];
    for (let row = col + 1; row < n; row++) {
      const factor = a[row][col] / a[col][col];
      for (let k = col; k < n; k++) a[row][k] -= factor * a[col][k];
      b[row] -= factor * b[col];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row--) {
    let s = b[row];
    for (let k = row + 1; k < n; k++) s -= a[row][k] * x[k];
    x[row] = s / a[row][row];
  }
  return x;
}

describe("hpFilter", () => {
  it("leaves a linear trend untouched, with zero cycle", () => {
    const y = Array.from({ length: 60 }, (_, t) => 4.6 + 0.007 * t);
    const { trend, cycle } = hpFilter(y, 1600);
    for (let t = 0; t < y.length; t++) {
      expect(Math.abs(cycle[t])).toBeLessThan(1e-9);
      expect(trend[t]).toBeCloseTo(y[t], 9);
    }
  });

  it("returns trend + cycle = input", () => {
    const rand = mulberry32(7);
    const y = Array.from({ length: 50 }, () => rand() * 10 - 5);
    const { trend, cycle } = hpFilter(y, 1600);
    for (let t = 0; t < y.length; t++) expect(trend[t] + cycle[t]).toBeCloseTo(y[t], 12);
  });

  it("agrees with the dense-matrix solution to 1e-8 (n = 80, λ = 1600)", () => {
    const rand = mulberry32(2016);
    let level = 0;
    const y = Array.from({ length: 80 }, () => {
      level += rand() - 0.45;
      return level + (rand() - 0.5) * 3;
    });
    const dense = denseHpTrend(y, 1600);
    const { trend } = hpFilter(Float64Array.from(y), 1600);
    for (let t = 0; t < y.length; t++) expect(Math.abs(trend[t] - dense[t])).toBeLessThan(1e-8);
  });

  it("agrees with the dense solution at the smallest sizes and other λ", () => {
    const rand = mulberry32(3);
    for (const n of [3, 4, 5, 6, 11]) {
      for (const lambda of [0, 6.25, 129600]) {
        const y = Array.from({ length: n }, () => rand() * 2);
        const dense = denseHpTrend(y, lambda);
        const { trend } = hpFilter(y, lambda);
        for (let t = 0; t < n; t++) expect(Math.abs(trend[t] - dense[t])).toBeLessThan(1e-8);
      }
    }
  });

  it("gives a cycle orthogonal to constants and to time (the normal equations)", () => {
    const rand = mulberry32(11);
    const { cycle } = hpFilter(
      Array.from({ length: 40 }, () => rand()),
      1600,
    );
    let sum = 0;
    let weighted = 0;
    for (let t = 0; t < cycle.length; t++) {
      sum += cycle[t];
      weighted += t * cycle[t];
    }
    expect(Math.abs(sum)).toBeLessThan(1e-9);
    expect(Math.abs(weighted)).toBeLessThan(1e-7);
  });

  it("smooths: a larger λ leaves a larger cycle", () => {
    const rand = mulberry32(5);
    const y = Array.from({ length: 60 }, (_, t) => Math.sin(t / 3) + rand());
    const energy = (lambda: number): number => hpFilter(y, lambda).cycle.reduce((s, c) => s + c * c, 0);
    expect(energy(10)).toBeLessThan(energy(1600));
    expect(energy(0)).toBe(0);
  });

  it("throws for fewer than 3 values, non-finite input or a bad λ", () => {
    expect(() => hpFilter([1, 2], 1600)).toThrow(RangeError);
    expect(() => hpFilter([1, Number.NaN, 3, 4], 1600)).toThrow(/index 1/);
    expect(() => hpFilter([1, 2, Number.POSITIVE_INFINITY], 1600)).toThrow(RangeError);
    expect(() => hpFilter([1, 2, 3], -1)).toThrow(RangeError);
  });
});
