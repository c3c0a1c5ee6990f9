// The ledger's census as a reduction the pass runner runs after each block
// (kernels.ts CENSUS_AFTER, ledger.ts censusAfter*), not code inside the
// behaviour kernels (issue 20 item 1): it must equal the census scanKernel
// takes on the same state, and its sentinels must see a NaN a pass wrote.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config/index.ts";
import { ModelFailure } from "../src/errors.ts";
import { createModel, type ModelState, step } from "../src/model/index.ts";
import { CENSUS_AFTER, KERNELS, runAll, sliceView } from "../src/model/kernels.ts";
import { BLOCK_SIZE, CensusSum, CensusSums, Pass } from "../src/model/passes.ts";

function model(seed: number): ModelState {
  const c = defaultConfig();
  c.seed = seed;
  c.households.count = Math.round(3.5 * BLOCK_SIZE);
  c.firms.consumption.count = 20;
  c.firms.capital.count = 4;
  c.banks.count = 3;
  return createModel(c);
}

/** Steps `m`, calling `after` right after pass `pass` has run. */
function stepWithHook(m: ModelState, pass: number, after: () => void): void {
  const runner = m.runner;
  const run = runner.run.bind(runner);
  runner.run = (p: number) => {
    run(p);
    if (p === pass) after();
  };
  try {
    step(m);
  } finally {
    runner.run = run;
  }
}

describe("the ledger's census, taken by the runner after each block", () => {
  it("no behaviour kernel is its own census: the reductions are separate functions, for the household passes that write", () => {
    expect(CENSUS_AFTER).toHaveLength(KERNELS.length);
    for (const p of [Pass.separate, Pass.income, Pass.purchase]) expect(CENSUS_AFTER[p]).not.toBeNull();
    for (const p of [Pass.scanLedger, Pass.plan, Pass.exposure]) expect(CENSUS_AFTER[p]).toBeNull();
    for (const [p, census] of CENSUS_AFTER.entries()) expect(census).not.toBe(KERNELS[p]);
  });

  it("after the purchase pass it holds the deposits by bank and in total that scanKernel finds, bit for bit", () => {
    const m = model(7);
    for (let t = 0; t < 3; t++) step(m);
    let byBank = new Float64Array(0);
    let sums = new Float64Array(0);
    stepWithHook(m, Pass.purchase, () => {
      byBank = Float64Array.from(m.runner.work.blockCensus);
      sums = Float64Array.from(m.runner.work.blockCensusSums);
    });
    const work = m.runner.work;
    expect(work.blocks).toBe(4);
    // The same state (the purchase pass is the last to write household columns this tick), scanned afresh.
    runAll(sliceView(m, work), Pass.scanLedger);
    expect(Array.from(work.blockCensus)).toEqual(Array.from(byBank));
    let total = 0;
    for (let b = 0; b < work.blocks; b++) {
      const at = b * CensusSums.stride + CensusSum.deposits;
      expect(work.blockCensusSums[at]).toBe(sums[at]);
      total += sums[at];
    }
    let deposits = 0;
    for (let i = 0; i < m.households.n; i++) deposits += m.households.deposits[i];
    // The census's block sums against a plain loop: the same numbers added in another order, equal to rounding
    // (≈ 1e9 here, so a relative bound: an absolute 5e-7 is a few ulps and failed on one state by 1.5e-6).
    expect(Math.abs(total - deposits)).toBeLessThanOrEqual(1e-12 * Math.abs(deposits));
    expect(total).toBeGreaterThan(0);
  });

  it("a NaN reservation wage the separation pass wrote, or a NaN expected income after the income pass, fails the tick's check", () => {
    for (const [pass, plant] of [
      [
        Pass.separate,
        (m: ModelState) => {
          // A job seeker's reservation wage, as if the pass had written a NaN: the census after it reads it.
          const seeker = m.scratch.unemployed[0];
          m.households.reservationWage[seeker] = Number.NaN;
        },
      ],
      [
        Pass.income,
        (m: ModelState) => {
          m.households.expectedIncome[5] = Number.NaN;
        },
      ],
    ] as const) {
      const m = model(3);
      for (let t = 0; t < 2; t++) step(m);
      // Planted inside the pass's run, before the runner's census of its blocks: wrap the census itself.
      const census = CENSUS_AFTER as (typeof CENSUS_AFTER)[number][];
      const original = census[pass];
      if (original === null) throw new Error("no census");
      let planted = false;
      census[pass] = (v, lane, block, start, end) => {
        if (!planted) {
          plant(m);
          planted = true;
        }
        original(v, lane, block, start, end);
      };
      try {
        let err: unknown;
        try {
          step(m);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(ModelFailure);
        expect((err as ModelFailure).message).toMatch(/^non-finite value at tick \d+: households\./);
      } finally {
        census[pass] = original;
      }
    }
  });
});
