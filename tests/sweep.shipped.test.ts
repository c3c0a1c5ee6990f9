// The sweeps shipped in configs/sweeps load and plan, and a sweep can name
// the AI chain's summary figures as metrics: they are numbers for a run with
// the chain and missing (NaN in the runs table) for one without.
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { chainStartTick } from "../src/config/calendar.ts";
import { loadConfig } from "../src/config/index.ts";
import { runInMemory } from "../src/engine/index.ts";
import { plannedRuns, planSweep, runConfig } from "../src/engine/sweepPlan.ts";
import { metricValue } from "../src/engine/sweepResults.ts";
import { loadSweepSpec, SUMMARY_METRICS } from "../src/engine/sweepSpec.ts";

describe("shipped sweeps", () => {
  it("every file in configs/sweeps loads and plans, and its runs' configs are valid", () => {
    const files = readdirSync("configs/sweeps").filter((f) => f.endsWith(".json"));
    expect(files).toContain("ai-policy-grid.json");
    for (const file of files) {
      const plan = planSweep(loadSweepSpec(`configs/sweeps/${file}`));
      const first = plannedRuns(plan).next().value!;
      expect(runConfig(plan, first).ticks, file).toBeGreaterThan(0);
    }
  });

  it("offers the chain's summary figures as metrics, numbers with the chain and missing without", () => {
    for (const m of ["aiChain.peakCdsIndexBp", "aiChain.defaults", "aiChain.marketCapPeakUsdBn"])
      expect(SUMMARY_METRICS).toContain(m);
    const sets = ["households.count=500", "firms.consumption.count=10", "firms.capital.count=2"];
    // Shortened after loading to the chain's first year (its deals dated 2027 lie outside such a run).
    const short = (file: string, ticks?: number) => {
      const c = loadConfig(file, { sets });
      return { ...c, ticks: ticks ?? chainStartTick(c) + 11 };
    };
    const withChain = runInMemory(short("configs/scenarios/baseline-2025.json")).summary;
    expect(metricValue(withChain, "aiChain.peakCdsIndexBp")).toBeGreaterThan(0);
    expect(metricValue(withChain, "aiChain.marketCapPeakUsdBn")).toBeGreaterThan(1000);
    const core = runInMemory(short("configs/baseline.json", 132)).summary;
    expect(metricValue(core, "aiChain.peakCdsIndexBp")).toBeNaN();
  });
});
