// Initialisation in parallel (issue 20 item 3): the households' draws at the
// start run as a pass (model/initPasses.ts) on the pass runner that
// createInitialState builds first, so a model initialised on 1, 2 or 3
// threads has the same bytes in every column and aggregate; and the serial
// sums that follow read the draws in household order.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config/index.ts";
import { ThreadedRunner } from "../src/engine/threads.ts";
import { createModel, type ModelState } from "../src/model/index.ts";
import { SerialRunner } from "../src/model/kernels.ts";
import { BLOCK_SIZE } from "../src/model/passes.ts";
import { AgentStream, agentUniform } from "../src/model/rng.ts";

/** 7.4 blocks of households: threads claim uneven shares, the last block is partial. */
const HOUSEHOLDS = Math.round(7.4 * BLOCK_SIZE);

function config() {
  const c = defaultConfig();
  c.households.count = HOUSEHOLDS;
  c.firms.consumption.count = 60;
  c.firms.capital.count = 12;
  c.banks.count = 7;
  return c;
}

/** SHA-256 of every typed array of the population and banks, and of the aggregates. */
function digest(m: ModelState): string {
  const h = createHash("sha256");
  for (const group of [m.households, m.firms, m.banks]) {
    for (const [key, value] of Object.entries(group)) {
      if (ArrayBuffer.isView(value))
        h.update(key).update(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    }
  }
  const plain = (_k: string, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v);
  h.update(JSON.stringify([m.macro, m.centralBank, m.government, m.params], plain));
  h.update(new Uint8Array(m.ledger.lastNfw.buffer)).update(String(m.ledger.grossFinancialAssets));
  return h.digest("hex");
}

function threaded(threads: number): ModelState {
  return createModel(config(), { shared: true, runner: (host) => ThreadedRunner.startNow(host, threads) });
}

describe("initialisation on threads", () => {
  it("gives the same bytes on 1, 2 and 3 threads", () => {
    const serial = createModel(config());
    const expected = digest(serial);
    for (const threads of [2, 3]) {
      const m = threaded(threads);
      try {
        expect(m.runner.threads).toBe(threads);
        expect(digest(m)).toBe(expected);
      } finally {
        m.runner.close();
      }
    }
  }, 120_000);

  it("draws each household from its own counters (bank and exposure as the rng keys them)", () => {
    const m = createModel(config());
    const c = config();
    for (const i of [0, 1, BLOCK_SIZE - 1, BLOCK_SIZE, HOUSEHOLDS - 1]) {
      expect(m.households.bank[i]).toBe(
        Math.floor(agentUniform(c.seed, AgentStream.initialization, 1, i) * 7),
      );
      expect(m.households.supplier[i]).toBe(
        Math.floor(agentUniform(c.seed, AgentStream.initialization2, 1, i) * 60),
      );
    }
    // Deposits: positive, summing to the total the balance sheet needs, top decile holding the most.
    let total = 0;
    for (let i = 0; i < HOUSEHOLDS; i++) {
      expect(m.households.deposits[i]).toBeGreaterThan(0);
      total += m.households.deposits[i];
    }
    const sorted = Float64Array.from(m.households.deposits).sort();
    let top = 0;
    for (let i = Math.floor(HOUSEHOLDS * 0.9); i < HOUSEHOLDS; i++) top += sorted[i];
    expect(top / total).toBeGreaterThan(0.2);
  });

  it("fails on bad ratios before it builds a runner, and closes the runner when a later step fails", () => {
    const bad = config();
    bad.initial.firmDepositsMonthsOfWages = 1e6;
    let built = 0;
    expect(() =>
      createModel(bad, {
        runner: (host) => {
          built++;
          return new SerialRunner(host);
        },
      }),
    ).toThrow(/negative household deposits/);
    expect(built).toBe(0);

    let closed = 0;
    expect(() =>
      createModel(config(), {
        runner: (host) => {
          const inner = new SerialRunner(host);
          return {
            work: inner.work,
            scratch: inner.scratch,
            threads: 1,
            run: () => {
              throw new Error("pass failed");
            },
            reserveSeekers: () => {},
            close: () => closed++,
          };
        },
      }),
    ).toThrow("pass failed");
    expect(closed).toBe(1);
  });
});
