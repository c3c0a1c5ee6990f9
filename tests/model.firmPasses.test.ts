// The serial share moved into passes over blocks of firms (issue 20 item 3):
// the credit pricing, the financing terms and write-back, production, the
// firms' accounting and the ledger check's finiteness census. A pass's
// blocks must be independent — each writes only its own firms' columns,
// records and block sums — so that which thread runs which block, and in
// what order, cannot change a bit (engine.threads.test.ts and
// model.initThreads.test.ts check the output files on 1–4 threads; here the
// property itself, block by block, on a tick of a real run).
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config/index.ts";
import { createModel, type ModelState, step } from "../src/model/index.ts";
import { CENSUS_AFTER, KERNELS, sliceView } from "../src/model/kernels.ts";
import { checkLedger } from "../src/model/ledger.ts";
import { BLOCK_SIZE, blockCountFor, PASS_OVER_FIRMS, Pass } from "../src/model/passes.ts";

function model(): ModelState {
  const c = defaultConfig();
  c.seed = 7;
  c.households.count = 4 * BLOCK_SIZE;
  // More than two blocks of firms, the last one partial.
  c.firms.consumption.count = 2 * BLOCK_SIZE + 300;
  c.firms.capital.count = 200;
  c.banks.count = 3;
  return createModel(c);
}

/** Copies of every typed-array column of the firms and of the pass buffers a firm pass writes. */
function snapshot(m: ModelState): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const work = m.runner.work;
  const groups = [
    ["firms", m.firms],
    [
      "work",
      {
        finance: work.finance,
        firmFlows: work.firmFlows,
        blockFirmSums: work.blockFirmSums,
        blockFirmBank: work.blockFirmBank,
      },
    ],
  ] as const;
  for (const [g, cols] of groups) {
    for (const [k, v] of Object.entries(cols)) {
      if (ArrayBuffer.isView(v))
        out.set(`${g}.${k}`, new Uint8Array(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength)));
    }
  }
  return out;
}

function restore(m: ModelState, snap: Map<string, Uint8Array>): void {
  const work = m.runner.work;
  const target: Record<string, ArrayBufferView> = {
    "work.finance": work.finance,
    "work.firmFlows": work.firmFlows,
    "work.blockFirmSums": work.blockFirmSums,
    "work.blockFirmBank": work.blockFirmBank,
  };
  for (const [k, v] of Object.entries(m.firms)) if (ArrayBuffer.isView(v)) target[`firms.${k}`] = v;
  for (const [key, bytes] of snap)
    new Uint8Array(target[key].buffer, target[key].byteOffset, bytes.length).set(bytes);
}

const FIRM_PASSES = [
  Pass.plan,
  Pass.priceCredit,
  Pass.financeTerms,
  Pass.financeWriteBack,
  Pass.firmCensus,
  Pass.produce,
  Pass.account,
  Pass.invest,
  Pass.capitalSupplier,
  Pass.accountFlows,
];

describe("passes over blocks of firms", () => {
  it("the pass tables agree: one kernel per Pass id, the firms' passes marked", () => {
    const ids = Object.values(Pass).sort((a, b) => a - b);
    expect(ids).toEqual(ids.map((_, i) => i));
    expect(KERNELS).toHaveLength(ids.length);
    expect(CENSUS_AFTER).toHaveLength(ids.length);
    expect(PASS_OVER_FIRMS).toHaveLength(ids.length);
    // The simultaneous labour-matching protocol's offer pass is a firm pass too (tests/model.labourMatch.test.ts).
    expect(ids.filter((p) => PASS_OVER_FIRMS[p])).toEqual(
      [...FIRM_PASSES, Pass.matchOffer].sort((a, b) => a - b),
    );
  });

  it("each firm pass gives the same bits with its blocks run in reverse order", () => {
    const m = model();
    step(m);
    const view = sliceView(m, m.runner.work);
    const n = m.firms.n;
    const blocks = blockCountFor(n);
    expect(blocks).toBeGreaterThanOrEqual(3);
    const seen = new Set<number>();
    const runner = m.runner;
    const run = runner.run.bind(runner);
    runner.run = (p: number) => {
      if (!PASS_OVER_FIRMS[p]) return run(p);
      seen.add(p);
      const before = snapshot(m);
      run(p);
      const forward = snapshot(m);
      restore(m, before);
      for (let b = blocks - 1; b >= 0; b--) {
        KERNELS[p](view, 0, b, b * BLOCK_SIZE, Math.min(n, (b + 1) * BLOCK_SIZE));
      }
      const reverse = snapshot(m);
      for (const [key, bytes] of forward)
        expect(Buffer.compare(bytes, reverse.get(key) as Uint8Array), `pass ${p}: ${key}`).toBe(0);
    };
    try {
      step(m);
      step(m);
    } finally {
      runner.run = run;
    }
    expect([...seen].sort((a, b) => a - b)).toEqual(FIRM_PASSES);
  });

  it("the ledger check still names a NaN in a firm column (the census pass sees it)", () => {
    const m = model();
    step(m);
    expect(() => checkLedger(m)).not.toThrow();
    m.firms.inventory[2 * BLOCK_SIZE + 5] = Number.NaN;
    expect(() => checkLedger(m)).toThrow(/firms\.inventory\[2053\]/);
  });
});
