// The aggregate shocks and the labour plan (issue 17 item 4) under threads
// and checkpoints: the estimated cycle config (every shock on) gives
// byte-identical files for 1 and 3 threads, and a checkpoint taken mid-run
// resumes on another thread count to the same files — the shocks draw on the
// main thread from their own streams, and their levels and stream states are
// saved with the rest of the state.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/index.ts";
import { runSingle } from "../src/engine/index.ts";
import { BLOCK_SIZE } from "../src/model/passes.ts";
import { interruptAndResume } from "./helpers/resume.ts";
import { REPO, scratch } from "./helpers/spiral.ts";

const CONFIG = join(REPO, "configs/calibration/estimates/us-cycle.calibrated.json");
const SETS = [
  `households.count=${Math.round(2.6 * BLOCK_SIZE)}`,
  "firms.consumption.count=24",
  "firms.capital.count=5",
  "burnInTicks=6",
  "ticks=30",
];
const OUTPUTS = ["series.csv", "events.ndjson", "firms.csv", "summary.json"];

let root: string;
beforeAll(() => {
  root = scratch("shocks");
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("aggregate shocks under threads and checkpoints", () => {
  it("give the same files on 1 and 3 threads, and after a resume on 2", async () => {
    const config = loadConfig(CONFIG, { sets: SETS });
    expect(config.shocks.investment.sdMonthly).toBeGreaterThan(0);
    expect(config.shocks.productivity.sdMonthly).toBeGreaterThan(0);
    expect(config.shocks.creditSpread.sdMonthly).toBeGreaterThan(0);
    expect(config.firms.labourCycleShare).toBeLessThan(1);
    for (const threads of [1, 3]) {
      await runSingle(config, { outDir: join(root, `t${threads}`), command: "test", quiet: true, threads });
    }
    const cut = join(root, "cut");
    await interruptAndResume(config, cut);
    for (const file of OUTPUTS) {
      const one = readFileSync(join(root, "t1", file));
      expect(readFileSync(join(root, "t3", file)).equals(one), `${file}, 3 threads`).toBe(true);
      expect(readFileSync(join(cut, file)).equals(one), `${file}, resumed`).toBe(true);
    }
    // The shocks moved the run: the same config with them off gives another series.
    const calm = loadConfig(CONFIG, {
      sets: [
        ...SETS,
        "shocks.investment.sdMonthly=0",
        "shocks.productivity.sdMonthly=0",
        "shocks.creditSpread.sdMonthly=0",
      ],
    });
    await runSingle(calm, { outDir: join(root, "calm"), command: "test", quiet: true, threads: 1 });
    expect(
      readFileSync(join(root, "calm", "series.csv")).equals(readFileSync(join(root, "t1", "series.csv"))),
    ).toBe(false);
  });
});
