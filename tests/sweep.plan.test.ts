// The sweep's plan, in process: stable point ids and seeds, designs, value
// mapping, the keep "sample" choice, error locations, and sweep progress lines.
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../src/analysis/index.ts";
import { keepsSeries, loadSweepSpec, plannedRuns, planSweep, runConfig } from "../src/engine/sweepIndex.ts";
import { canonicalJson, pointId } from "../src/engine/sweepPlan.ts";
import { sweepLocation } from "../src/engine/sweepSpec.ts";
import { SweepProgressReporter } from "../src/io/progress.ts";
import { BASELINE, scratch } from "./helpers/spiral.ts";

let root: string;
beforeAll(() => {
  root = scratch("sweep-plan");
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

let count = 0;
function plan(sweep: Record<string, unknown>) {
  const file = join(root, `sweep-${count++}.json`);
  writeFileSync(file, JSON.stringify({ base: BASELINE, replications: 2, seed: 5, ...sweep }));
  return planSweep(loadSweepSpec(file));
}

describe("sweep plan", () => {
  it("gives every point an id from its values, so adding values keeps existing ids and seeds", () => {
    const small = plan({
      parameters: {
        "government.fiscalRuleStrength": { values: [0.02, 0.1] },
        "banks.count": { values: [2] },
      },
      design: { type: "grid" },
    });
    const larger = plan({
      parameters: {
        "government.fiscalRuleStrength": { values: [0.01, 0.02, 0.1, 0.5] },
        "banks.count": { values: [2, 4] },
      },
      design: { type: "grid" },
    });
    const runsOf = (p: ReturnType<typeof plan>) =>
      Object.fromEntries([...plannedRuns(p)].map((r) => [r.runId, r.seed]));
    const before = runsOf(small);
    const after = runsOf(larger);
    expect(Object.keys(before)).toHaveLength(4);
    expect(Object.keys(after)).toHaveLength(16);
    for (const [runId, seed] of Object.entries(before)) expect(after[runId]).toBe(seed);
    for (const run of plannedRuns(small)) {
      expect(run.seed).toBe(runSeed(5, run.point.id, run.replication));
      expect(runConfig(small, run).seed).toBe(run.seed);
    }
  });

  it("hashes canonical values: key order does not matter, values do", () => {
    expect(canonicalJson({ b: [1, { d: 2, c: 3 }], a: "x" })).toBe('{"a":"x","b":[1,{"c":3,"d":2}]}');
    const parameters = [{ path: "a.b", kind: "values" as const, values: [] }];
    expect(pointId(parameters, [0.1])).toBe(pointId(parameters, [0.1]));
    expect(pointId(parameters, [0.1])).not.toBe(pointId(parameters, [0.2]));
    expect(pointId(parameters, [0.1])).toMatch(/^p[0-9a-f]{12}$/);
  });

  it("crosses the grid first parameter outermost, with range levels", () => {
    const p = plan({
      parameters: {
        "banks.count": { range: [1, 3], integer: true, levels: 3 },
        "government.fiscalRuleStrength": { range: [0, 0.2], levels: 2 },
      },
      design: { type: "grid" },
    });
    expect(p.points.map((pt) => pt.values)).toEqual([
      [1, 0],
      [1, 0.2],
      [2, 0],
      [2, 0.2],
      [3, 0],
      [3, 0.2],
    ]);
  });

  it("maps a latin hypercube through ranges, lists and distributions, merging identical points", () => {
    const p = plan({
      parameters: {
        "households.mpcWealthYearly": { distribution: { type: "normal", mean: 0.06, sd: 0.005 } },
        "banks.count": { range: [1, 2], integer: true },
        "centralBank.rule": { values: ["taylor", "path"] },
      },
      design: { type: "latin-hypercube", points: 400 },
      replications: 1,
    });
    expect(p.rows).toHaveLength(400);
    const draws = p.rows.map((row) => p.points[row.point].values[0] as number);
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    const sd = Math.sqrt(draws.reduce((a, b) => a + (b - mean) ** 2, 0) / (draws.length - 1));
    expect(mean).toBeCloseTo(0.06, 4);
    expect(sd).toBeCloseTo(0.005, 3);
    expect(new Set(p.points.map((pt) => pt.values[1]))).toEqual(new Set([1, 2]));
    expect(new Set(p.points.map((pt) => pt.values[2]))).toEqual(new Set(["taylor", "path"]));

    const tiny = plan({
      parameters: { "banks.count": { range: [1, 2], integer: true } },
      design: { type: "latin-hypercube", points: 6 },
    });
    expect(tiny.rows).toHaveLength(6);
    expect(tiny.points).toHaveLength(2);
    expect(tiny.runCount).toBe(4);
  });

  it("builds Saltelli's sobol design: points × (parameters + 2) rows", () => {
    const p = plan({
      parameters: {
        "households.mpcWealthYearly": { range: [0.03, 0.09] },
        "firms.markupAdjustMax": { range: [0.005, 0.04] },
        "banks.riskPremiumMultiplier": { range: [1, 2.5] },
      },
      design: { type: "sobol", points: 16 },
    });
    expect(p.rows).toHaveLength(16 * 5);
    expect(p.rows.every((row) => row.saltelli !== undefined)).toBe(true);
    expect(p.points.length).toBeLessThanOrEqual(80);
  });

  it('keeps the folders of exactly sampleRuns runs with keep "sample", the same ones every time', () => {
    const sweep = {
      parameters: { "government.fiscalRuleStrength": { values: [0.01, 0.02, 0.05, 0.1] } },
      design: { type: "grid" },
      replications: 5,
      keep: "sample",
      sampleRuns: 3,
    };
    const kept = (p: ReturnType<typeof plan>) =>
      [...plannedRuns(p)].filter((r) => keepsSeries(p, r.runId)).map((r) => r.runId);
    expect(kept(plan(sweep))).toHaveLength(3);
    expect(kept(plan(sweep))).toEqual(kept(plan(sweep)));
  });

  it("varies one firm's field through aiChain.firmOverrides, and names a misspelt firm when the spec is read", () => {
    const p = plan({
      parameters: { "aiChain.firmOverrides.hyperA.marketCapUsdBn": { values: [1000, 2000] } },
      design: { type: "grid" },
    });
    const caps = [...plannedRuns(p)].map((run) => runConfig(p, run).aiChain.firms[1].marketCapUsdBn);
    expect(new Set(caps)).toEqual(new Set([1000, 2000]));
    expect([...plannedRuns(p)].map((run) => runConfig(p, run).aiChain.firms[1].name)).toContain("hyperA");
    expect(() =>
      plan({ parameters: { "aiChain.firmOverrides.hyperZ.cashUsdBn": { values: [1, 2] } } }),
    ).toThrow(/no AI-chain firm is named "hyperZ" — did you mean "hyperA"\?/);
    expect(() =>
      plan({ parameters: { "aiChain.firmOverrides.hyperA.marketCap": { values: [1, 2] } } }),
    ).toThrow(/unknown parameter "aiChain\.firmOverrides\.hyperA\.marketCap"/);
    expect(() => plan({ parameters: { "aiChain.firmOverrides.hyperA": { values: [{}, {}] } } })).toThrow(
      /is a group of parameters/,
    );
  });

  it("names places in the sweep file with parameter paths quoted", () => {
    expect(sweepLocation("/parameters/households.count/values/1")).toBe(
      'parameters["households.count"].values[1]',
    );
    expect(sweepLocation("/design/points")).toBe("design.points");
    expect(sweepLocation("")).toBe("(top level)");
  });
});

describe("SweepProgressReporter", () => {
  it("draws a bar with done/total, failures, rate, elapsed and ETA on a terminal", () => {
    const chunks: string[] = [];
    const clock = { t: 0 };
    const progress = new SweepProgressReporter({
      total: 10,
      alreadyDone: 2,
      stream: { write: (s: string) => chunks.push(s), isTTY: true },
      now: () => clock.t,
    });
    clock.t = 4000;
    progress.update(4, 1);
    expect(chunks[0]).toBe(
      "\r\x1b[2K[████████████░░░░░░░░░░░░] 6/12 runs | 1 failed | 1.00 runs/s | elapsed 0:04 | ETA 0:06",
    );
    progress.finish();
    expect(chunks[1].endsWith("\n")).toBe(true);
  });

  it("writes a plain line every 5 seconds off a terminal, and nothing when quiet", () => {
    const chunks: string[] = [];
    const clock = { t: 0 };
    const progress = new SweepProgressReporter({
      total: 4,
      stream: { write: (s: string) => chunks.push(s), isTTY: false },
      now: () => clock.t,
    });
    clock.t = 1000;
    progress.update(1, 0);
    expect(chunks).toEqual([]);
    clock.t = 5000;
    progress.update(2, 0);
    expect(chunks).toEqual(["sweep 2/4 runs | 0 failed | 0.40 runs/s | elapsed 0:05 | ETA 0:05\n"]);
    const quiet: string[] = [];
    const silent = new SweepProgressReporter({
      total: 4,
      quiet: true,
      stream: { write: (s: string) => quiet.push(s) },
    });
    silent.update(4, 0);
    silent.finish();
    expect(quiet).toEqual([]);
  });
});
