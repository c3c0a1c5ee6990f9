import { describe, expect, it } from "vitest";
import { quantileBands } from "../src/analysis/quantileBands.ts";

describe("quantileBands", () => {
  it("matches hand-computed type-7 quantiles and means", () => {
    // Five replications, three ticks; tick 2 has a NaN in run 3.
    const runs = [
      Float64Array.of(3, 50, 1),
      Float64Array.of(1, 10, 2),
      Float64Array.of(4, 40, 3),
      Float64Array.of(1, 20, Number.NaN),
      Float64Array.of(5, 30, 5),
    ];
    const bands = quantileBands(runs);
    // Tick 0 sorted: 1 1 3 4 5; index (n − 1)p = 4p: 0.2, 1, 2, 3, 3.8.
    expect(bands.mean[0]).toBeCloseTo(2.8, 14);
    expect(bands.q05[0]).toBeCloseTo(1, 14);
    expect(bands.q25[0]).toBeCloseTo(1, 14);
    expect(bands.q50[0]).toBeCloseTo(3, 14);
    expect(bands.q75[0]).toBeCloseTo(4, 14);
    expect(bands.q95[0]).toBeCloseTo(4.8, 14); // 4 + 0.8 · (5 − 4)
    // Tick 1 sorted: 10 20 30 40 50.
    expect(bands.mean[1]).toBeCloseTo(30, 14);
    expect(bands.q05[1]).toBeCloseTo(12, 14); // 10 + 0.2 · 10
    expect(bands.q25[1]).toBeCloseTo(20, 14);
    expect(bands.q50[1]).toBeCloseTo(30, 14);
    expect(bands.q75[1]).toBeCloseTo(40, 14);
    expect(bands.q95[1]).toBeCloseTo(48, 14);
    // A NaN anywhere at a tick makes the whole tick NaN.
    for (const band of Object.values(bands)) expect(band[2]).toBeNaN();
  });

  it("interpolates between two runs", () => {
    const bands = quantileBands([[0], [10]]);
    expect(Array.from(bands.q05)).toEqual([0.5]);
    expect(Array.from(bands.q25)).toEqual([2.5]);
    expect(Array.from(bands.q50)).toEqual([5]);
    expect(Array.from(bands.q75)).toEqual([7.5]);
    expect(Array.from(bands.q95)).toEqual([9.5]);
    expect(Array.from(bands.mean)).toEqual([5]);
  });

  it("returns the run itself for a single replication, and leaves the runs untouched", () => {
    const run = Float64Array.of(3, -1, 2);
    const bands = quantileBands([run]);
    for (const band of Object.values(bands)) expect(Array.from(band)).toEqual([3, -1, 2]);
    expect(Array.from(run)).toEqual([3, -1, 2]);
  });

  it("keeps the bands ordered on random data", () => {
    let state = 12345;
    const next = (): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 4294967296;
    };
    const runs = Array.from({ length: 37 }, () => Float64Array.from({ length: 50 }, next));
    const b = quantileBands(runs);
    for (let t = 0; t < 50; t++) {
      expect(b.q05[t]).toBeLessThanOrEqual(b.q25[t]);
      expect(b.q25[t]).toBeLessThanOrEqual(b.q50[t]);
      expect(b.q50[t]).toBeLessThanOrEqual(b.q75[t]);
      expect(b.q75[t]).toBeLessThanOrEqual(b.q95[t]);
    }
  });

  it("handles zero ticks and throws for no runs or ragged runs", () => {
    expect(quantileBands([new Float64Array(0)]).q50).toHaveLength(0);
    expect(() => quantileBands([])).toThrow(RangeError);
    expect(() => quantileBands([Float64Array.of(1, 2), Float64Array.of(1)])).toThrow(RangeError);
  });
});
