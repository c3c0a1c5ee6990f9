import { describe, expect, it } from "vitest";
import { saltelliDesign, saltelliOutputs, scaleToRanges } from "../src/analysis/designs.ts";
import { sobolIndices } from "../src/analysis/sobolIndices.ts";
import { mulberry32 } from "./helpers/mulberry32.ts";

/** Runs f on every point of a Saltelli design scaled to `ranges`. */
function evaluate(n: number, ranges: { min: number; max: number }[], f: (x: number[]) => number) {
  const design = saltelliDesign(n, ranges.length);
  const scaled = scaleToRanges(
    design.map((p) => p.point),
    ranges,
  );
  return saltelliOutputs(design, scaled.map(f));
}

describe("sobolIndices", () => {
  it("recovers the Ishigami indices (a = 7, b = 0.1) from 4096 Sobol base points", () => {
    const ishigami = ([x1, x2, x3]: number[]): number =>
      Math.sin(x1) + 7 * Math.sin(x2) ** 2 + 0.1 * x3 ** 4 * Math.sin(x1);
    const range = { min: -Math.PI, max: Math.PI };
    const result = sobolIndices(evaluate(4096, [range, range, range], ishigami), { rng: mulberry32(1) });
    // Analytic values (Ishigami & Homma 1990): V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2 = 13.8446.
    const firstOrder = [0.3139, 0.4424, 0];
    const total = [0.5576, 0.4424, 0.2437];
    // Quasi-Monte Carlo error at N = 4096 is about 1e-3 here, so 0.01 is a
    // loose bound. The bootstrap treats rows as independent and so overstates
    // QMC error (widths ≈ ±0.03): the intervals must contain the truth.
    expect(result.variance).toBeCloseTo(13.8446, 1);
    result.firstOrder.forEach((s, i) => {
      expect(Math.abs(s.estimate - firstOrder[i])).toBeLessThan(0.01);
      expect(s.lower).toBeLessThan(firstOrder[i]);
      expect(s.upper).toBeGreaterThan(firstOrder[i]);
    });
    result.total.forEach((s, i) => {
      expect(Math.abs(s.estimate - total[i])).toBeLessThan(0.01);
      expect(s.lower).toBeLessThan(total[i]);
      expect(s.upper).toBeGreaterThan(total[i]);
    });
  });

  it("gives S = S_T for an additive model, unchanged by a shift of the output", () => {
    // Y = X1 + 2 X2 on [0, 1]²: Var = 1/12 + 4/12, so S = (0.2, 0.8) and no interactions.
    const unit = { min: 0, max: 1 };
    const outputs = evaluate(1024, [unit, unit], ([x1, x2]) => x1 + 2 * x2);
    const a = sobolIndices(outputs, { rng: mulberry32(2) });
    [0.2, 0.8].forEach((s, i) => {
      expect(a.firstOrder[i].estimate).toBeCloseTo(s, 2);
      expect(a.total[i].estimate).toBeCloseTo(s, 2);
    });
    const shift = (v: Float64Array): Float64Array => v.map((y) => y + 1e4);
    const shifted = { fA: shift(outputs.fA), fB: shift(outputs.fB), fAB: outputs.fAB.map(shift) };
    const b = sobolIndices(shifted, { rng: mulberry32(2) });
    for (let i = 0; i < 2; i++) {
      expect(b.firstOrder[i].estimate).toBeCloseTo(a.firstOrder[i].estimate, 8);
      expect(b.total[i].estimate).toBeCloseTo(a.total[i].estimate, 8);
    }
  });

  it("is reproducible for a seeded generator and skips the bootstrap with 0 resamples", () => {
    const unit = { min: 0, max: 1 };
    const outputs = evaluate(64, [unit, unit], ([x1, x2]) => x1 * x2 + x1);
    expect(sobolIndices(outputs, { rng: mulberry32(9), resamples: 50 })).toEqual(
      sobolIndices(outputs, { rng: mulberry32(9), resamples: 50 }),
    );
    const point = sobolIndices(outputs, { rng: mulberry32(9), resamples: 0 });
    expect(point.firstOrder[0].estimate).toBeGreaterThan(0);
    expect(point.firstOrder[0].lower).toBeNaN();
    expect(point.total[1].upper).toBeNaN();
  });

  it("returns NaN indices for a constant output", () => {
    const constant = Float64Array.of(3, 3, 3, 3);
    const result = sobolIndices({ fA: constant, fB: constant, fAB: [constant] }, { rng: mulberry32(1) });
    expect(result.variance).toBe(0);
    expect(result.firstOrder[0].estimate).toBeNaN();
    expect(result.total[0].estimate).toBeNaN();
  });

  it("throws for mismatched or non-finite outputs and bad options", () => {
    const rng = mulberry32(1);
    const v = Float64Array.of(1, 2, 3);
    expect(() => sobolIndices({ fA: v, fB: Float64Array.of(1, 2), fAB: [v] }, { rng })).toThrow(RangeError);
    expect(() => sobolIndices({ fA: v, fB: v, fAB: [Float64Array.of(1, Number.NaN, 3)] }, { rng })).toThrow(
      RangeError,
    );
    expect(() => sobolIndices({ fA: Float64Array.of(1), fB: Float64Array.of(1), fAB: [] }, { rng })).toThrow(
      RangeError,
    );
    expect(() => sobolIndices({ fA: v, fB: v, fAB: [v] }, { rng, resamples: -1 })).toThrow(RangeError);
    expect(() => sobolIndices({ fA: v, fB: v, fAB: [v] }, { rng, confidence: 1 })).toThrow(RangeError);
  });
});
