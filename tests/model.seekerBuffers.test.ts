// The labour market's per-seeker buffers (PassWork.match claim,
// reservationWage, mismatch, live) hold the largest job-seekers' pool seen
// so far and a quarter more, not every household: PassRunner.reserveSeekers
// grows them before a pass over the pool, and the threaded runner hands the
// new buffers to its workers (engine/threads.ts, RECEIVE), which must then
// write into them and not into the old ones.
import { describe, expect, it } from "vitest";
import type { SpiralConfig } from "../src/config/configTypes.ts";
import { defaultConfig } from "../src/config/index.ts";
import { ThreadedRunner } from "../src/engine/threads.ts";
import { createModel, step } from "../src/model/index.ts";
import { KERNELS } from "../src/model/kernels.ts";
import { EMPTY_CLAIM } from "../src/model/markets/labourMatch.ts";
import { BLOCK_SIZE, type Kernel, Pass, seekerCapacityFor } from "../src/model/passes.ts";

/** 40 960 households (40 blocks), 900 firms, 3 banks. */
function config(): SpiralConfig {
  const c = defaultConfig();
  c.seed = 7;
  c.households.count = 40 * BLOCK_SIZE;
  c.firms.consumption.count = 800;
  c.firms.capital.count = 100;
  c.banks.count = 3;
  return c;
}

describe("the per-seeker buffers", () => {
  it("start empty, grow to the pool and a quarter more, are kept while large enough, refuse more seekers than households", () => {
    const m = createModel(config());
    const mb = m.runner.work.match;
    expect(mb.capacity).toBe(0);
    expect(mb.claim.length).toBe(0);
    step(m);
    const pool = mb.seekers[0];
    expect(pool).toBeGreaterThan(BLOCK_SIZE);
    // A few percent of the households, not all of them.
    expect(pool).toBeLessThan(m.households.n / 5);
    expect(mb.capacity).toBe(seekerCapacityFor(pool, m.households.n));
    for (const a of [mb.claim, mb.reservationWage, mb.mismatch]) expect(a.length).toBe(mb.capacity);
    // The round list is the simultaneous protocol's only.
    expect(mb.live.length).toBe(0);
    const claim = mb.claim;
    m.runner.reserveSeekers(mb.capacity);
    expect(mb.claim).toBe(claim);
    const more = mb.capacity + 1;
    m.runner.reserveSeekers(more);
    expect(mb.claim).not.toBe(claim);
    expect(mb.capacity).toBe(seekerCapacityFor(more, m.households.n));
    for (const a of [mb.claim, mb.reservationWage, mb.mismatch]) expect(a.length).toBe(mb.capacity);
    expect(mb.live.length).toBe(0);
    expect(() => m.runner.reserveSeekers(m.households.n + 1)).toThrow(/job seekers among/);
    // Capped at the households.
    expect(seekerCapacityFor(m.households.n, m.households.n)).toBe(m.households.n);
  });

  it("hold the round list too under the simultaneous protocol", () => {
    const c = config();
    c.labour.matchingProtocol = "simultaneous";
    const m = createModel(c);
    step(m);
    const mb = m.runner.work.match;
    expect(mb.simultaneous).toBe(true);
    expect(mb.capacity).toBe(seekerCapacityFor(mb.seekers[0], m.households.n));
    for (const a of [mb.claim, mb.reservationWage, mb.mismatch, mb.live]) expect(a.length).toBe(mb.capacity);
  });

  it("grown on 3 threads: the workers write into the new buffers, and the run keeps the serial run's bits", () => {
    const serial = createModel(config());
    const threaded = createModel(config(), {
      shared: true,
      runner: (host) => ThreadedRunner.startNow(host, 3),
    });
    try {
      step(serial);
      step(threaded);
      const mb = threaded.runner.work.match;
      const before = mb.capacity;
      // Every household in the pool: the buffers grow to the whole population.
      const n = threaded.households.n;
      threaded.runner.reserveSeekers(n);
      expect(mb.capacity).toBe(n);
      expect(mb.capacity).toBeGreaterThan(before);
      const pool = threaded.scratch.unemployed;
      const listed = Int32Array.from(pool);
      for (let k = 0; k < n; k++) pool[k] = n - 1 - k;
      mb.seekers[0] = n;
      // This thread's gather kernel slowed down (the workers load their own
      // copy of the kernels), so that the workers run most blocks.
      const kernels = KERNELS as Kernel[];
      const gather = kernels[Pass.matchGather];
      let here = 0;
      kernels[Pass.matchGather] = (v, lane, b, start, end) => {
        here++;
        const until = performance.now() + 5;
        while (performance.now() < until);
        gather(v, lane, b, start, end);
      };
      try {
        threaded.runner.run(Pass.matchGather);
      } finally {
        kernels[Pass.matchGather] = gather;
      }
      expect(here).toBeLessThan(n / BLOCK_SIZE);
      // Every block of the 40 was gathered into the new buffers, whichever thread ran it.
      const reservation = threaded.households.reservationWage;
      let wrong = 0;
      for (let k = 0; k < n; k++) {
        if (mb.claim[k] !== EMPTY_CLAIM || mb.reservationWage[k] !== reservation[n - 1 - k]) wrong++;
      }
      expect(wrong).toBe(0);
      pool.set(listed);
      // The next months on the grown buffers: the same bits as one thread.
      for (let t = 0; t < 3; t++) {
        step(serial);
        step(threaded);
      }
      for (const [key, col] of Object.entries(serial.households)) {
        if (!ArrayBuffer.isView(col)) continue;
        const other = (threaded.households as unknown as Record<string, ArrayBufferView>)[key];
        expect(
          Buffer.compare(
            Buffer.from(col.buffer, col.byteOffset, col.byteLength),
            Buffer.from(other.buffer, other.byteOffset, other.byteLength),
          ),
          key,
        ).toBe(0);
      }
      expect(threaded.macro.vacancies).toBe(serial.macro.vacancies);
    } finally {
      threaded.runner.close();
    }
  });
});
