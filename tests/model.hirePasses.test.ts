// The sequential labour-matching protocol's passes (labour.matchingProtocol
// "sequential", the default; src/model/markets/labour.ts matchWorkers): the
// job seekers' pool is gathered (Pass.matchGather) and the hires applied
// (Pass.hireApply) in passes over blocks of the pool, between them the
// firms' hiring in random order on the calling thread. Both passes write
// only each seeker's own entries and per-block sums of whole months, so
// the households' and firms' columns and the spell totals must be the same
// bits with the blocks run in any order and on 1 or 3 threads.
import { describe, expect, it } from "vitest";
import type { SpiralConfig } from "../src/config/configTypes.ts";
import { defaultConfig } from "../src/config/index.ts";
import { ThreadedRunner } from "../src/engine/threads.ts";
import { createModel, type ModelState, step } from "../src/model/index.ts";
import { sliceView } from "../src/model/kernels.ts";
import { BLOCK_SIZE, Pass } from "../src/model/passes.ts";
import { runBlocksScrambled } from "./helpers/scrambledBlocks.ts";

/** 40 960 households (≈ 4 % job seekers: several blocks of the pool), 900 firms, 3 banks. */
function config(): SpiralConfig {
  const c = defaultConfig();
  c.seed = 5;
  c.households.count = 40 * BLOCK_SIZE;
  c.firms.consumption.count = 800;
  c.firms.capital.count = 100;
  c.banks.count = 3;
  expect(c.labour.matchingProtocol).toBe("sequential");
  return c;
}

/** Every typed-array column of the households and firms, as bytes, and the spell totals. */
function columns(m: ModelState): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const [g, cols] of [
    ["households", m.households],
    ["firms", m.firms],
  ] as const) {
    for (const [k, v] of Object.entries(cols)) {
      if (ArrayBuffer.isView(v)) out.set(`${g}.${k}`, Buffer.from(v.buffer, v.byteOffset, v.byteLength));
    }
  }
  for (const k of ["spellMonths", "spellCount"] as const) {
    const v = m.automation[k];
    out.set(`automation.${k}`, Buffer.from(v.buffer, v.byteOffset, v.byteLength));
  }
  return out;
}

function expectSameBits(a: ModelState, b: ModelState): void {
  const x = columns(a);
  const y = columns(b);
  for (const [key, bytes] of x) expect(Buffer.compare(bytes, y.get(key) as Buffer), key).toBe(0);
  expect(a.macro.vacancies).toBe(b.macro.vacancies);
}

describe("labour.matchingProtocol sequential: the pool's passes", () => {
  it("give the same bits with their blocks run in a scrambled order, over several blocks of seekers", () => {
    const forward = createModel(config());
    const scrambled = createModel(config());
    const view = sliceView(scrambled, scrambled.runner.work);
    const poolBlocks = new Map<number, number>();
    const run = scrambled.runner.run.bind(scrambled.runner);
    scrambled.runner.run = (p: number) => {
      if (p !== Pass.matchGather && p !== Pass.hireApply) return run(p);
      poolBlocks.set(p, Math.max(poolBlocks.get(p) ?? 0, runBlocksScrambled(view, p)));
    };
    for (let t = 0; t < 4; t++) {
      step(forward);
      step(scrambled);
    }
    // Both passes ran, over more than one block of the pool.
    expect(poolBlocks.get(Pass.matchGather)).toBeGreaterThan(1);
    expect(poolBlocks.get(Pass.hireApply)).toBeGreaterThan(1);
    // Hires happened and completed spells were counted.
    expect(forward.automation.spellCount[0]).toBeGreaterThan(0);
    expectSameBits(forward, scrambled);
  });

  it("give the same bits on 1 and 3 threads", () => {
    const serial = createModel(config());
    const threaded = createModel(config(), {
      shared: true,
      runner: (host) => ThreadedRunner.startNow(host, 3),
    });
    try {
      expect(threaded.runner.threads).toBe(3);
      for (let t = 0; t < 4; t++) {
        step(serial);
        step(threaded);
        expectSameBits(serial, threaded);
      }
    } finally {
      threaded.runner.close();
    }
  });
});
