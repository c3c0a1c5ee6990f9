// Scenario sweeps on common random numbers and the paired comparison of
// their arms (issue 19): the sweep file's scenarios, seeds and named levels;
// identical paths until the configs differ; the comparison's numbers on
// synthetic records with known answers.
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../src/analysis/index.ts";
import { chainStartTick } from "../src/config/calendar.ts";
import { loadConfig } from "../src/config/index.ts";
import { compareArms, comparisonCsv, MEASURES } from "../src/engine/comparison.ts";
import { comparisonTable } from "../src/engine/comparisonFormat.ts";
import { runInMemory } from "../src/engine/index.ts";
import type { RunSummary } from "../src/engine/summary.ts";
import { loadSweepSpec, plannedRuns, planSweep, runConfig } from "../src/engine/sweepIndex.ts";
import { pointLabels, type SweepPlan } from "../src/engine/sweepPlan.ts";
import type { RunRecord } from "../src/engine/sweepResults.ts";
import { BASELINE, REPO, scratch } from "./helpers/spiral.ts";

const HOLD = join(REPO, "configs", "scenarios", "fed-hold-high.json");
const CUT = join(REPO, "configs", "scenarios", "fed-cut.json");
/** A small economy for runs that must be quick. */
const SMALL = {
  households: { count: 300 },
  firms: { consumption: { count: 10 }, capital: { count: 3 } },
  banks: { count: 2 },
};

let root: string;
beforeAll(() => {
  root = scratch("compare");
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

let count = 0;
function sweepFile(sweep: Record<string, unknown>): string {
  const file = join(root, `sweep-${count++}.json`);
  writeFileSync(file, JSON.stringify({ replications: 3, seed: 5, ...sweep }));
  return file;
}
const plan = (sweep: Record<string, unknown>): SweepPlan => planSweep(loadSweepSpec(sweepFile(sweep)));

describe("scenario sweeps", () => {
  it("vary whole configs, named by their config's name or by the sweep, on common seeds by default", () => {
    const listed = plan({ scenarios: [HOLD, CUT] });
    expect(listed.spec.seeds).toBe("common");
    expect(listed.points.map((p) => pointLabels(listed.spec, p).scenario)).toEqual([
      "fed-hold-high",
      "fed-cut",
    ]);
    const named = plan({ scenarios: { "hold 4.5 %": HOLD, "cut 2.5 %": CUT } });
    expect(named.points.map((p) => pointLabels(named.spec, p).scenario)).toEqual(["hold 4.5 %", "cut 2.5 %"]);
    // Every arm runs replication r on the same seed, which depends on nothing but the sweep seed and r.
    const seeds = new Map<number, Set<number>>();
    for (const run of plannedRuns(named)) {
      expect(run.seed).toBe(runSeed(5, "common", run.replication));
      if (!seeds.has(run.replication)) seeds.set(run.replication, new Set());
      seeds.get(run.replication)?.add(run.seed);
    }
    expect([...seeds.values()].map((s) => s.size)).toEqual([1, 1, 1]);
    // The run's config is the scenario's own.
    const [hold, cut] = [...plannedRuns(named)]
      .filter((r) => r.replication === 0)
      .map((r) => runConfig(named, r));
    expect(hold.centralBank.overrides[0].rateYearly).toBe(0.045);
    expect(cut.centralBank.overrides[1].rateYearly).toBe(0.025);
  });

  it("keeps today's per-point seeds for a base sweep, and can be replications alone", () => {
    const alone = plan({ base: BASELINE, replications: 4 });
    expect(alone.points).toHaveLength(1);
    expect(alone.spec.seeds).toBe("independent");
    const runs = [...plannedRuns(alone)];
    expect(runs.map((r) => r.seed)).toEqual([0, 1, 2, 3].map((r) => runSeed(5, runs[0].point.id, r)));
    const common = plan({
      base: BASELINE,
      seeds: "common",
      parameters: { "banks.count": { values: [2, 3] } },
    });
    const byRep = [...plannedRuns(common)].filter((r) => r.replication === 1).map((r) => r.seed);
    expect(new Set(byRep).size).toBe(1);
  });

  it("names object-valued levels, and shows the names instead of JSON", () => {
    const p = plan({
      base: BASELINE,
      parameters: {
        "centralBank.overrides": {
          levels: {
            "hold 4.5 %": [{ from: "2026-08", until: "2033-04", rateYearly: 0.045 }],
            "cut 2.5 %": [{ from: "2026-08", until: "2033-04", rateYearly: 0.025 }],
          },
        },
      },
    });
    expect(p.points.map((pt) => pointLabels(p.spec, pt)["centralBank.overrides"])).toEqual([
      "hold 4.5 %",
      "cut 2.5 %",
    ]);
    const run = [...plannedRuns(p)][0];
    expect(runConfig(p, run).centralBank.overrides).toEqual([
      { from: "2026-08", until: "2033-04", rateYearly: 0.045 },
    ]);
  });

  it("reports mistakes with the place in the sweep file", () => {
    const error = (sweep: Record<string, unknown>): string => {
      try {
        loadSweepSpec(sweepFile(sweep));
      } catch (err) {
        return (err as Error).message;
      }
      return "no error";
    };
    expect(error({ base: BASELINE, scenarios: [HOLD] })).toMatch(
      /scenarios: give base or scenarios, not both/,
    );
    expect(error({})).toMatch(/base: missing: give base \(one config\) or scenarios/);
    expect(error({ scenarios: [HOLD, join(root, "nope.json")] })).toMatch(
      /scenarios\[1\]: config file not found/,
    );
    expect(error({ scenarios: [HOLD, HOLD] })).toMatch(/two scenarios are named "fed-hold-high"/);
    expect(
      error({
        scenarios: [HOLD, CUT],
        parameters: { "banks.count": { range: [2, 4], integer: true } },
        design: { type: "latin-hypercube", points: 4 },
      }),
    ).toMatch(/design.type: scenarios are a grid dimension/);
    expect(error({ base: BASELINE, parameters: { "banks.count": { levels: "two" } } })).toMatch(
      /levels: must be an integer ≥ 2 \(with range\) or an object of named values/,
    );
    expect(
      error({ base: BASELINE, parameters: { "banks.count": { levels: { two: 2 }, values: [3] } } }),
    ).toMatch(
      /give only one of values, levels \(named values\), range or distribution \(got levels and values\)/,
    );
    expect(error({ base: BASELINE, seeds: "paired" })).toMatch(
      /seeds: must be one of "common", "independent"/,
    );
  });
});

describe("common random numbers", () => {
  it("give byte-identical series until the first tick where the arms' configs differ", () => {
    // Two arms that differ only from tick 20 on: the rate held at 4.5 % or cut to 2.5 %.
    const p = plan({
      base: BASELINE,
      overrides: { ...SMALL, ticks: 26, burnInTicks: 12 },
      parameters: {
        "centralBank.overrides": {
          levels: {
            hold: [{ from: "2026-08", until: "2033-04", rateYearly: 0.045 }],
            cut: [{ from: "2026-08", until: "2033-04", rateYearly: 0.025 }],
          },
        },
      },
      seeds: "common",
      replications: 1,
    });
    const [a, b] = [...plannedRuns(p)].map((r) => runInMemory(runConfig(p, r)).series);
    const names = Object.keys(a);
    let firstDifference = Number.POSITIVE_INFINITY;
    for (const name of names) {
      for (let i = 0; i < a[name].length; i++) {
        if (!Object.is(a[name][i], b[name][i])) {
          firstDifference = Math.min(firstDifference, i + 1);
          break;
        }
      }
    }
    expect(firstDifference).toBe(20);
    expect(a.policyRate[19]).toBe(0.045);
    expect(b.policyRate[19]).toBe(0.025);
  });

  it("hold for the shipped scenarios: fed-hold-high and fed-cut share every month before the chain starts", () => {
    const start = chainStartTick(loadConfig(HOLD)) - 1; // series index of 2025-11 (tick 265)
    const p = plan({ scenarios: [HOLD, CUT], overrides: { ...SMALL, ticks: start + 15 }, replications: 1 });
    const [a, b] = [...plannedRuns(p)].map((r) => runInMemory(runConfig(p, r)).series);
    for (const name of Object.keys(a)) {
      expect(Array.from(a[name].subarray(0, start)), name).toEqual(Array.from(b[name].subarray(0, start)));
    }
    expect(a.policyRate[start]).not.toBe(b.policyRate[start]);
  });
});

/** A completed record whose summary has the given bust measures and crisis figures. */
function record(
  runId: string,
  replication: number,
  bust: Record<string, unknown>,
  crisisEpisodes = 1,
): RunRecord {
  const summary = {
    crisisEpisodes,
    crisisMonths: crisisEpisodes * 3,
    bust: {
      defaultByRole: { neocloud: 0, legacyCloud: 0, hyperscaler: 0, chip: 0, modelLab: 0 },
      anyChainDefault: 0,
      negativeFeedbackJobsMonths: 0,
      valuationDrawdown: 0.1,
      peakCdsBp: 500,
      peakUnemployment: 0.05,
      outputLoss: 0,
      gdpDrawdown: 0.02,
      monthsToFirstDefault: null,
      ...bust,
    },
  } as unknown as RunSummary;
  return {
    runId,
    pointId: runId.split("-")[0],
    replication,
    seed: replication,
    configSha256: "",
    status: "completed",
    error: null,
    attempts: 1,
    durationSeconds: 1,
    summary,
  };
}

describe("compareArms", () => {
  const twoArms = (replications: number): SweepPlan => plan({ scenarios: [HOLD, CUT], replications });

  it("gives McNemar, Newcombe and the share of seeds where B is worse on a hand-made paired table", () => {
    // 20 seeds: neocloud defaults in A only on 8, in B only on 1, in both on 4, in neither on 7.
    const p = twoArms(20);
    const kinds = [..."aaaabbbbbbbbcddddddd"];
    const arms = [0, 1].map((arm) =>
      kinds.map((k, r) => {
        const inA = k === "a" || k === "b";
        const inB = k === "a" || k === "c";
        return record(`p${arm}-r${r}`, r, {
          defaultByRole: { neocloud: (arm === 0 ? inA : inB) ? 1 : 0 },
          valuationDrawdown: arm === 0 ? 0.3 + r / 100 : 0.5 + r / 100,
          peakCdsBp: arm === 0 ? 1000 + 10 * r : 800 + 10 * r + (r % 2 === 0 ? 20 : -20),
        });
      }),
    );
    const c = compareArms(p, arms);
    const neo = c.measures.find((m) => m.key === "default.neocloud")!;
    expect(neo.arms[0]).toMatchObject({ n: 20, count: 12, estimate: 0.6 });
    expect(neo.arms[1]).toMatchObject({ n: 20, count: 5, estimate: 0.25 });
    const d = neo.differences[0];
    expect(d.table).toEqual({ a: 4, b: 8, c: 1, d: 7 });
    expect(d.estimate).toBeCloseTo(-0.35, 12);
    expect(d.pValue).toBeCloseTo((2 * (1 + 9)) / 512, 12); // 2 · P(X ≤ 1), X ~ Bin(9, ½)
    expect(d.lower).toBeLessThan(-0.35);
    expect(d.upper).toBeLessThan(0);
    expect(d.shareWorse).toBe(0.05);
    expect(d.shareBetter).toBe(0.4);
    // Drawdown: B − A = 0.2 in every pair: a zero-width interval; a bust (≥ 40 %) in 10 of A, all 20 of B.
    const dd = c.measures.find((m) => m.key === "valuationDrawdown")!.differences[0];
    expect(dd.estimate).toBeCloseTo(0.2, 12);
    expect(dd.upper - dd.lower).toBeCloseTo(0, 12);
    expect(dd.shareWorse).toBe(1);
    const bust = c.measures.find((m) => m.key === "bust")!;
    expect(bust.label).toBe("Chain bust (valuation drawdown ≥ 40 %)");
    expect(bust.arms.map((a) => a.count)).toEqual([10, 20]);
    // CDS: B − A = −200 ± 20: mean −200, sd of the differences 20.52 (n = 20).
    const cds = c.measures.find((m) => m.key === "peakCdsBp")!.differences[0];
    expect(cds.estimate).toBeCloseTo(-200, 10);
    const sd = Math.sqrt((20 * 400) / 19);
    expect(cds.upper - cds.estimate).toBeCloseTo((2.0930241 * sd) / Math.sqrt(20), 5);
    expect(cds.shareWorse).toBe(0);
    // The crisis fires in every run of both arms: saturated, and warned about.
    expect(c.measures.find((m) => m.key === "crisis")!.saturated).toBe(true);
    expect(neo.saturated).toBe(false);
    expect(c.warnings.join("\n")).toMatch(/saturated .*Crisis \(core thresholds\)/);
    expect(c.warnings.join("\n")).not.toMatch(/fewer than 10/);
    // The printed table and the CSV carry the same numbers.
    const table = comparisonTable(c);
    expect(table).toContain(
      "| Neocloud (downstream cloud) defaults | 60 % [39, 78] (12/20) | 25 % [11, 47] (5/20) | −35 pp [",
    );
    expect(table).toContain("| 0.039 | 5 % of 20 |");
    const csv = comparisonCsv(c).split("\n");
    expect(csv[0]).toContain("differenceBminusA");
    expect(csv).toHaveLength(MEASURES.length + 2);
  });

  it("warns when intervals rest on fewer than 10 runs, and leaves failed runs' pairs out", () => {
    const p = twoArms(4);
    const arms = [0, 1].map((arm) =>
      [0, 1, 2, 3].map((r) => record(`p${arm}-r${r}`, r, { peakCdsBp: 100 * r + arm })),
    );
    arms[1][3] = { ...arms[1][3], status: "failed", summary: null };
    const c = compareArms(p, arms);
    const cds = c.measures.find((m) => m.key === "peakCdsBp")!;
    expect(cds.fewRuns).toBe(true);
    expect(cds.differences[0].n).toBe(3);
    expect(c.warnings.join("\n")).toMatch(/intervals rest on 3 runs per arm \(fewer than 10\)/);
    expect(c.warnings.join("\n")).toMatch(/failed runs: fed-cut 1 of 4/);
  });
});
