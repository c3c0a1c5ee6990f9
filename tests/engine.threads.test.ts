// A run sharded across worker threads (issue 7): the output files are
// byte-identical for --threads 1, 2, 3 and 4 — through the real launcher, as
// a user runs it — and a checkpoint taken on one thread count resumes on
// another to the same files.
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultConfig, loadConfig } from "../src/config/index.ts";
import { createModel, step } from "../src/model/index.ts";
import { runAll, runClaimed, sliceView } from "../src/model/kernels.ts";
import { BLOCK_SIZE, CensusSum, CensusSums, Pass } from "../src/model/passes.ts";
import { interruptAndResume } from "./helpers/resume.ts";
import { REPO, scratch, spiral } from "./helpers/spiral.ts";

const OUTPUTS = [
  "series.csv",
  "series.parquet",
  "events.ndjson",
  "firms.csv",
  "summary.json",
  "network.json",
];
/**
 * 5.3 blocks of households, so that threads claim uneven shares; the AI chain
 * acts from tick 6 and automation lays workers off (the exposure pass).
 */
const SETS = [
  `households.count=${Math.round(5.3 * BLOCK_SIZE)}`,
  "firms.consumption.count=40",
  "firms.capital.count=8",
  "startDate=2025-06",
  "aiChain.start=2025-11",
  "burnInTicks=6",
  "automation.enabled=true",
];
const SCENARIO = "configs/scenarios/baseline-2025.json";

let root: string;
beforeAll(() => {
  root = scratch("threads");
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("--threads", () => {
  it("a thread claiming blocks from the shared counter runs just the unclaimed ones, with the serial results", () => {
    const c = defaultConfig();
    c.households.count = Math.round(37.5 * BLOCK_SIZE);
    c.firms.consumption.count = 60;
    c.firms.capital.count = 12;
    const m = createModel(c);
    step(m);
    const work = m.runner.work;
    const view = sliceView(m, work);
    runAll(view, Pass.scanLedger);
    const serial = Float64Array.from(work.blockCensusSums);
    for (const [threads, claimedBefore] of [
      [1, 0],
      [2, 5],
      [4, 17],
      [3, 38],
    ]) {
      work.blockCensusSums.fill(Number.NaN);
      // As if other threads had already claimed (and run) the first `claimedBefore` blocks.
      const claims = new Int32Array([claimedBefore]);
      runClaimed(view, Pass.scanLedger, threads - 1, threads, claims, 0);
      expect(claims[0]).toBeGreaterThanOrEqual(work.blocks);
      // The census pass writes its two slots of each block's census sums.
      for (let b = 0; b < work.blocks; b++) {
        for (const slot of [CensusSum.deposits, CensusSum.sentinel]) {
          const got = work.blockCensusSums[b * CensusSums.stride + slot];
          if (b < claimedBefore) expect(got).toBeNaN();
          else expect(got).toBe(serial[b * CensusSums.stride + slot]);
        }
      }
    }
  });

  it("gives byte-identical output files for 1, 2, 3 and 4 threads", () => {
    const flags = [...SETS.flatMap((s) => ["--set", s]), "--ticks", "30", "--no-report", "--quiet"];
    for (const threads of [1, 2, 3, 4]) {
      const r = spiral([
        "run",
        SCENARIO,
        ...flags,
        "--threads",
        String(threads),
        "--out",
        join(root, `t${threads}`),
      ]);
      expect(r.status, r.stderr).toBe(0);
    }
    for (const file of OUTPUTS) {
      const one = readFileSync(join(root, "t1", file));
      for (const threads of [2, 3, 4]) {
        expect(readFileSync(join(root, `t${threads}`, file)).equals(one), `${file}, ${threads} threads`).toBe(
          true,
        );
      }
    }
    // The chain was active, so the comparison covers its phases too.
    expect(readFileSync(join(root, "t1", "network.json"), "utf8")).toContain("hyperscaler");
  });

  it("with the search after a stock-out on, gives the same files on 1 and 3 threads", () => {
    // households.stockoutSearchSensitivity: the income pass reads the firms' fill ratios and its own draw stream.
    const flags = [...SETS.flatMap((s) => ["--set", s]), "--set", "households.stockoutSearchSensitivity=1"];
    flags.push("--ticks", "30", "--no-report", "--quiet");
    for (const threads of [1, 3]) {
      const out = join(root, `stockout${threads}`);
      const r = spiral(["run", SCENARIO, ...flags, "--threads", String(threads), "--out", out]);
      expect(r.status, r.stderr).toBe(0);
    }
    for (const file of OUTPUTS) {
      const one = readFileSync(join(root, "stockout1", file));
      expect(readFileSync(join(root, "stockout3", file)).equals(one), file).toBe(true);
    }
  });

  it("with word-of-mouth supplier search on, gives the same files on 1 and 3 threads", () => {
    // households.supplierReferralShare: the candidates come from market shares written before the income pass.
    const flags = [...SETS.flatMap((s) => ["--set", s]), "--set", "households.supplierReferralShare=0.8"];
    flags.push("--ticks", "30", "--no-report", "--quiet");
    for (const threads of [1, 3]) {
      const out = join(root, `referral${threads}`);
      const r = spiral(["run", SCENARIO, ...flags, "--threads", String(threads), "--out", out]);
      expect(r.status, r.stderr).toBe(0);
    }
    for (const file of OUTPUTS) {
      const one = readFileSync(join(root, "referral1", file));
      expect(readFileSync(join(root, "referral3", file)).equals(one), file).toBe(true);
    }
    // The rule acted: the firms' sizes differ from the run without it (the test above), when that ran.
    const off = join(root, "t1", "firms.csv");
    if (existsSync(off)) {
      expect(readFileSync(join(root, "referral1", "firms.csv")).equals(readFileSync(off))).toBe(false);
    }
  });

  it("resumes a checkpoint taken on 3 threads on 2 threads, to the same files", async () => {
    const config = loadConfig(join(REPO, SCENARIO), { sets: [...SETS, "ticks=30"] });
    const cut = join(root, "cut");
    await interruptAndResume(config, cut);
    for (const file of OUTPUTS) {
      expect(readFileSync(join(cut, file)).equals(readFileSync(join(root, "t1", file))), file).toBe(true);
    }
  });
});
