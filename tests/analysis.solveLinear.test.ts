import { describe, expect, it } from "vitest";
import { invertMatrix } from "../src/analysis/solveLinear.ts";

describe("invertMatrix", () => {
  it("inverts a diagonal and a general matrix (A · A⁻¹ = I)", () => {
    expect(
      invertMatrix([
        [2, 0],
        [0, 4],
      ]),
    ).toEqual([
      [0.5, 0],
      [0, 0.25],
    ]);
    const a = [
      [0, 2, 1],
      [1, 1, 0],
      [3, 0, 5],
    ];
    const inv = invertMatrix(a) as number[][];
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += a[i][k] * inv[k][j];
        expect(s).toBeCloseTo(i === j ? 1 : 0, 12);
      }
  });

  it("returns undefined for a singular matrix", () => {
    expect(
      invertMatrix([
        [1, 2],
        [2, 4],
      ]),
    ).toBeUndefined();
    expect(
      invertMatrix([
        [0, 0],
        [0, 0],
      ]),
    ).toBeUndefined();
  });

  it("throws for a non-square, empty or non-finite matrix", () => {
    expect(() => invertMatrix([])).toThrow(RangeError);
    expect(() => invertMatrix([[1, 2]])).toThrow(RangeError);
    expect(() => invertMatrix([[Number.NaN]])).toThrow(RangeError);
  });
});
