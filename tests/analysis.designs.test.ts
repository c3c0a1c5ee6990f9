import { describe, expect, it } from "vitest";
import {
  gridDesign,
  latinHypercube,
  SOBOL_MAX_DIMENSIONS,
  saltelliDesign,
  saltelliOutputs,
  scaleToRanges,
  sobolSequence,
} from "../src/analysis/designs.ts";
import { mulberry32 } from "./helpers/mulberry32.ts";

describe("gridDesign", () => {
  it("lists the cartesian product with the last parameter fastest", () => {
    expect(
      gridDesign([
        [1, 2],
        [10, 20, 30],
      ]),
    ).toEqual([
      [1, 10],
      [1, 20],
      [1, 30],
      [2, 10],
      [2, 20],
      [2, 30],
    ]);
    const three = gridDesign([[0, 1], [5], [7, 8]]);
    expect(three).toEqual([
      [0, 5, 7],
      [0, 5, 8],
      [1, 5, 7],
      [1, 5, 8],
    ]);
  });

  it("gives one empty point for no parameters and throws for a parameter without values", () => {
    expect(gridDesign([])).toEqual([[]]);
    expect(() => gridDesign([[1], []])).toThrow(RangeError);
  });
});

describe("latinHypercube", () => {
  it("puts exactly one point in each stratum of each dimension", () => {
    const n = 97;
    const dims = 5;
    const points = latinHypercube(n, dims, mulberry32(3));
    expect(points).toHaveLength(n);
    for (let d = 0; d < dims; d++) {
      const strata = points.map((p) => Math.floor(p[d] * n)).sort((a, b) => a - b);
      expect(strata).toEqual(Array.from({ length: n }, (_, k) => k));
      for (const p of points) {
        expect(p[d]).toBeGreaterThanOrEqual(0);
        expect(p[d]).toBeLessThan(1);
      }
    }
  });

  it("is a pure function of the generator's draws, and permutes dimensions independently", () => {
    expect(latinHypercube(20, 3, mulberry32(11))).toEqual(latinHypercube(20, 3, mulberry32(11)));
    expect(latinHypercube(20, 3, mulberry32(11))).not.toEqual(latinHypercube(20, 3, mulberry32(12)));
    const points = latinHypercube(20, 2, mulberry32(5));
    const first = points.map((p) => Math.floor(p[0] * 20));
    const second = points.map((p) => Math.floor(p[1] * 20));
    expect(first).not.toEqual(second);
  });

  it("stays inside the stratum when the generator returns its largest value", () => {
    const points = latinHypercube(3, 1, () => 1 - 2 ** -53);
    for (const [x] of points) expect(x).toBeLessThan(1);
    expect(points.map(([x]) => Math.floor(x * 3)).sort()).toEqual([0, 1, 2]);
  });

  it("throws for bad sizes or a generator outside [0, 1)", () => {
    expect(() => latinHypercube(0, 2, mulberry32(1))).toThrow(RangeError);
    expect(() => latinHypercube(5, 1.5, mulberry32(1))).toThrow(RangeError);
    expect(() => latinHypercube(5, 2, () => 1)).toThrow(RangeError);
  });
});

describe("sobolSequence", () => {
  it("starts with the known points (Joe–Kuo dimensions 1–3), skipping the origin", () => {
    const points = sobolSequence(7, 3);
    expect(points.map((p) => p[0])).toEqual([0.5, 0.75, 0.25, 0.375, 0.875, 0.625, 0.125]);
    expect(points.map((p) => p[1])).toEqual([0.5, 0.25, 0.75, 0.375, 0.875, 0.125, 0.625]);
    expect(points.map((p) => p[2])).toEqual([0.5, 0.25, 0.75, 0.625, 0.125, 0.875, 0.375]);
    expect(sobolSequence(1, 4, 0)).toEqual([[0, 0, 0, 0]]);
    expect(sobolSequence(5, 2, 0).slice(1)).toEqual(sobolSequence(4, 2));
  });

  it("matches scipy.stats.qmc.Sobol(d=51, scramble=False, bits=32) deep into the sequence", () => {
    // Coordinates × 2^32 of points 7, 100, 1023 and 65537 (origin = point 0) in dimensions 1, 2, 3, 10, 21, 51.
    const dims = [0, 1, 2, 9, 20, 50];
    const expected: Record<number, number[]> = {
      7: [536870912, 2684354560, 1610612736, 3758096384, 3758096384, 3758096384],
      100: [1778384896, 1107296256, 3321888768, 2986344448, 3254779904, 3791650816],
      1023: [4194304, 3233808384, 2629828608, 3653238784, 3720347648, 1111490560],
      65537: [2147581952, 4294934528, 4174741504, 2748284928, 1484816384, 3665002496],
    };
    for (const [index, values] of Object.entries(expected)) {
      const [point] = sobolSequence(1, SOBOL_MAX_DIMENSIONS, Number(index));
      expect(dims.map((d) => point[d] * 2 ** 32)).toEqual(values);
    }
  });

  it("stratifies: 2^m points from the origin fill every 1-D interval and every 2-D cell of dims 1–2 once", () => {
    const m = 6;
    const n = 2 ** m;
    const points = sobolSequence(n, 12, 0);
    for (let d = 0; d < 12; d++) {
      const cells = points.map((p) => Math.floor(p[d] * n)).sort((a, b) => a - b);
      expect(cells).toEqual(Array.from({ length: n }, (_, k) => k));
    }
    // Joe–Kuo dimensions 1 and 2 form a (0, m, 2)-net: one point in each 8 × 8 square.
    const squares = new Set(points.map((p) => Math.floor(p[0] * 8) * 8 + Math.floor(p[1] * 8)));
    expect(squares.size).toBe(n);
  });

  it("throws for bad sizes", () => {
    expect(() => sobolSequence(0, 2)).toThrow(RangeError);
    expect(() => sobolSequence(4, 0)).toThrow(RangeError);
    expect(() => sobolSequence(4, SOBOL_MAX_DIMENSIONS + 1)).toThrow(RangeError);
    expect(() => sobolSequence(4, 2, -1)).toThrow(RangeError);
  });
});

describe("saltelliDesign", () => {
  it("builds A, A_B^(i) and B row by row from a 2·dims Sobol sequence", () => {
    const n = 8;
    const dims = 3;
    const design = saltelliDesign(n, dims);
    const base = sobolSequence(n, 2 * dims);
    expect(design).toHaveLength(n * (dims + 2));
    expect(design.slice(0, 5).map((p) => (p.role === "AB" ? `AB${p.index}` : p.role))).toEqual([
      "A",
      "AB0",
      "AB1",
      "AB2",
      "B",
    ]);
    for (const p of design) {
      const a = base[p.row].slice(0, dims);
      const b = base[p.row].slice(dims);
      if (p.role === "A") expect(p.point).toEqual(a);
      else if (p.role === "B") expect(p.point).toEqual(b);
      else expect(p.point).toEqual(a.map((x, i) => (i === p.index ? b[i] : x)));
    }
  });

  it("regroups outputs given in any order", () => {
    const design = saltelliDesign(4, 2);
    const f = (x: number[]): number => x[0] + 10 * x[1];
    const order = design.map((_, k) => k).reverse();
    const shuffled = order.map((k) => design[k]);
    const { fA, fB, fAB } = saltelliOutputs(
      shuffled,
      shuffled.map((p) => f(p.point)),
    );
    const base = sobolSequence(4, 4);
    expect(Array.from(fA)).toEqual(base.map((r) => f(r.slice(0, 2))));
    expect(Array.from(fB)).toEqual(base.map((r) => f(r.slice(2))));
    expect(Array.from(fAB[1])).toEqual(base.map((r) => f([r[0], r[3]])));
  });

  it("throws for too many parameters or incomplete results", () => {
    expect(() => saltelliDesign(4, Math.floor(SOBOL_MAX_DIMENSIONS / 2) + 1)).toThrow(RangeError);
    const design = saltelliDesign(2, 2);
    expect(() => saltelliOutputs(design.slice(1), new Float64Array(design.length - 1))).toThrow(RangeError);
    expect(() => saltelliOutputs(design, new Float64Array(3))).toThrow(RangeError);
    const repeated = [...design.slice(0, -1), design[0]];
    expect(() => saltelliOutputs(repeated, new Float64Array(repeated.length))).toThrow(RangeError);
  });
});

describe("scaleToRanges", () => {
  it("maps linearly, and integer ranges in equal buckets", () => {
    const ranges = [
      { min: -1, max: 3 },
      { min: 1, max: 4, integer: true },
    ];
    expect(
      scaleToRanges(
        [
          [0, 0],
          [0.25, 0.2499],
          [0.5, 0.25],
          [1, 0.9999],
          [0.75, 1],
        ],
        ranges,
      ),
    ).toEqual([
      [-1, 1],
      [0, 1],
      [1, 2],
      [3, 4],
      [2, 4],
    ]);
  });

  it("throws for bad ranges or points", () => {
    expect(() => scaleToRanges([[0.5]], [{ min: 2, max: 1 }])).toThrow(RangeError);
    expect(() => scaleToRanges([[0.5]], [{ min: 0.5, max: 3, integer: true }])).toThrow(RangeError);
    expect(() => scaleToRanges([[0.5, 0.5]], [{ min: 0, max: 1 }])).toThrow(RangeError);
    expect(() => scaleToRanges([[1.5]], [{ min: 0, max: 1 }])).toThrow(RangeError);
  });
});
