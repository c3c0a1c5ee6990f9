import { describe, expect, it } from "vitest";
import { runSeed } from "../src/analysis/seeds.ts";

describe("runSeed", () => {
  it("is stable: fixed values that must never change", () => {
    // Computed once, and independently in Python:
    // fmix32(fnv1a32(json.dumps([seed, id, rep], separators=(",", ":")).encode("utf-8"))).
    expect(runSeed(42, "p0007", 3)).toBe(3406596595);
    expect(runSeed(1, "point-0", 0)).toBe(2946257483);
    expect(runSeed(4294967295, "ü/β", 12)).toBe(4158467141);
  });

  it("gives 10 000 distinct 32-bit seeds over points × replications", () => {
    const seeds: number[] = [];
    for (let p = 0; p < 100; p++) {
      for (let r = 0; r < 100; r++) seeds.push(runSeed(2024, `p${String(p).padStart(4, "0")}`, r));
    }
    expect(seeds.every((seed) => Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff)).toBe(true);
    expect(new Set(seeds).size).toBe(10_000);
  });

  it("changes with each input and never with the size of the sweep", () => {
    const base = runSeed(5, "a", 1);
    expect(runSeed(6, "a", 1)).not.toBe(base);
    expect(runSeed(5, "b", 1)).not.toBe(base);
    expect(runSeed(5, "a", 2)).not.toBe(base);
    // Separators cannot be forged by the point id.
    expect(runSeed(5, "a,1", 1)).not.toBe(runSeed(5, "a", 11));
    // Nothing else enters the hash: computing more seeds first changes nothing.
    for (let r = 0; r < 50; r++) runSeed(5, `extra${r}`, r);
    expect(runSeed(5, "a", 1)).toBe(base);
  });

  it("spreads neighbouring replications over all bits", () => {
    // Each output bit should flip for about half of consecutive pairs.
    const flips = new Array<number>(32).fill(0);
    const pairs = 2000;
    for (let r = 0; r < pairs; r++) {
      const diff = runSeed(9, "x", r) ^ runSeed(9, "x", r + 1);
      for (let b = 0; b < 32; b++) flips[b] += (diff >>> b) & 1;
    }
    for (const f of flips) expect(Math.abs(f / pairs - 0.5)).toBeLessThan(0.05);
  });

  it("throws for a bad sweep seed or replication", () => {
    expect(() => runSeed(-1, "a", 0)).toThrow(RangeError);
    expect(() => runSeed(2 ** 32, "a", 0)).toThrow(RangeError);
    expect(() => runSeed(1.5, "a", 0)).toThrow(RangeError);
    expect(() => runSeed(1, "a", -1)).toThrow(RangeError);
    expect(() => runSeed(1, "a", 0.5)).toThrow(RangeError);
  });
});
