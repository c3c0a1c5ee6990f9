import { describe, expect, it } from "vitest";
import { globalDesign, type SearchOptions, searchMinimum } from "../src/engine/calibrateSearch.ts";

const OPTIONS: SearchOptions = {
  dims: 2,
  budget: 200,
  globalPoints: 8,
  globalDesign: "sobol",
  local: "nelder-mead",
  tolerance: 1e-4,
  seed: 1,
};

/** A quadratic bowl with its minimum at (0.3, 0.7), rotated so the axes interact. */
function bowl(p: number[]): number {
  const a = p[0] - 0.3;
  const b = p[1] - 0.7;
  return a * a + b * b + 0.5 * a * b;
}

describe("searchMinimum", () => {
  it("finds the minimum of a bowl in the unit square, within the budget, asking in batches", async () => {
    const batches: { size: number; stage: string }[] = [];
    const result = await searchMinimum(async (points, stage) => {
      batches.push({ size: points.length, stage });
      return points.map(bowl);
    }, OPTIONS);
    expect(result.best[0]).toBeCloseTo(0.3, 3);
    expect(result.best[1]).toBeCloseTo(0.7, 3);
    expect(result.stopped).toBe("tolerance");
    expect(result.evaluations).toBeLessThanOrEqual(OPTIONS.budget);
    expect(batches[0]).toEqual({ size: 8, stage: "global" });
    // After the initial simplex, every iteration asks for reflection, expansion and both contractions at once.
    expect(batches.slice(2).every((b) => b.size === 4 || b.size === 2)).toBe(true);
  });

  it("asks for the same points in the same order when replayed (what --resume relies on)", async () => {
    const asked = async (): Promise<number[][]> => {
      const all: number[][] = [];
      await searchMinimum(async (points) => {
        all.push(...points);
        return points.map(bowl);
      }, OPTIONS);
      return all;
    };
    expect(await asked()).toEqual(await asked());
  });

  it("stays inside the bounds and stops at the budget", async () => {
    const all: number[][] = [];
    // The minimum lies outside the square: the search presses against the corner (1, 0).
    const result = await searchMinimum(
      async (points) => {
        all.push(...points);
        return points.map((p) => (p[0] - 2) ** 2 + (p[1] + 1) ** 2);
      },
      { ...OPTIONS, budget: 30, tolerance: 1e-9 },
    );
    expect(all.every((p) => p.every((u) => u >= 0 && u <= 1))).toBe(true);
    expect(result.evaluations).toBeLessThanOrEqual(30);
    expect(result.best[0]).toBeCloseTo(1, 2);
    expect(result.best[1]).toBeCloseTo(0, 2);
  });

  it("treats a penalised (failed) point as worse than any other", async () => {
    const result = await searchMinimum(
      async (points) => points.map((p) => (p[0] > 0.5 ? 1e300 : bowl(p))),
      OPTIONS,
    );
    expect(result.best[0]).toBeLessThanOrEqual(0.5);
    expect(result.bestValue).toBeLessThan(0.01);
  });

  it("with no local stage evaluates the global design only (a Latin hypercube here)", async () => {
    const result = await searchMinimum(async (points) => points.map(bowl), {
      ...OPTIONS,
      globalDesign: "latin-hypercube",
      local: "none",
    });
    expect(result.evaluations).toBe(8);
    expect(result.stopped).toBe("no local stage");
  });

  it("with a warm start evaluates the start after the global design and builds the simplex around it when it is best", async () => {
    const start = [0.31, 0.69]; // near the bowl's minimum, nearer than any of the 8 Sobol points
    const batches: number[][][] = [];
    const result = await searchMinimum(
      async (points) => {
        batches.push(points);
        return points.map(bowl);
      },
      { ...OPTIONS, startPoint: start },
    );
    expect(batches[0]).toHaveLength(9);
    expect(batches[0].slice(0, 8)).toEqual(globalDesign(OPTIONS));
    expect(batches[0][8]).toEqual(start);
    // The initial simplex: one step of 0.1 from the start along each axis.
    const expected = [
      [0.41, 0.69],
      [0.31, 0.79],
    ];
    expect(batches[1]).toHaveLength(2);
    for (const [i, p] of batches[1].entries())
      for (const [d, u] of p.entries()) expect(u).toBeCloseTo(expected[i][d], 12);
    expect(result.bestValue).toBeLessThanOrEqual(bowl(start));
    expect(result.evaluations).toBeLessThanOrEqual(OPTIONS.budget);
  });

  it("with a warm start that is worse than a global point starts the simplex from that point instead", async () => {
    const batches: number[][][] = [];
    await searchMinimum(
      async (points) => {
        batches.push(points);
        return points.map(bowl);
      },
      { ...OPTIONS, startPoint: [1, 0] },
    );
    const design = globalDesign(OPTIONS);
    const bestGlobal = design.reduce((a, b) => (bowl(b) < bowl(a) ? b : a));
    expect(batches[1][0][1]).toBeCloseTo(bestGlobal[1], 12);
  });
});
