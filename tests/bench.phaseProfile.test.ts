// bench:scale --profile's attribution (tests/bench/phaseProfile.ts) on a
// hand-built CPU profile: each sample goes to the phase `step` called, and
// to the serial share unless it sits under the pass runner's runAll.
import { describe, expect, it } from "vitest";
import { phaseTimes, serialHotspots } from "./bench/phaseProfile.ts";

const frame = (functionName: string, file: string) => ({ functionName, url: `file:///src/model/${file}` });

// (root) → tick → step → financeFirms → { financeVisit, runAll → financeTermsKernel }
//                      → step's own samples
//        → measure (metrics.ts)
const profile = {
  nodes: [
    { id: 1, callFrame: frame("(root)", ""), children: [2, 8] },
    { id: 2, callFrame: frame("tick", "bench.ts"), children: [3] },
    { id: 3, callFrame: frame("step", "schedule.ts"), children: [4] },
    { id: 4, callFrame: frame("financeFirms", "markets/credit.ts"), children: [5, 6] },
    { id: 5, callFrame: frame("financeVisit", "markets/credit.ts") },
    { id: 6, callFrame: frame("runAll", "kernels.ts"), children: [7] },
    { id: 7, callFrame: frame("financeTermsKernel", "markets/credit.ts") },
    { id: 8, callFrame: frame("measure", "metrics.ts") },
  ],
  // One sample each, 1 000 µs apart (a sample's time is the gap to the next).
  samples: [5, 5, 7, 3, 8, 2, 5],
  timeDeltas: [0, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
};

describe("the --profile attribution", () => {
  it("charges samples to the phase step called, passes apart, per household-tick", () => {
    // 1 000 µs over 10 households × 10 ticks = 10 000 ns per household-tick per sample.
    const phases = phaseTimes(profile, 10, 10);
    const by = new Map(phases.map((p) => [p.phase, p]));
    expect(by.get("financeFirms (credit.ts)")).toEqual({
      phase: "financeFirms (credit.ts)",
      totalNs: 40_000,
      serialNs: 30_000,
    });
    expect(by.get("step (its own lines)")?.serialNs).toBe(10_000);
    expect(by.get("metrics: MetricsTracker.measure")?.serialNs).toBe(10_000);
    expect(by.get("other (outside step)")?.serialNs).toBe(10_000);
    expect(phases[0].phase).toBe("financeFirms (credit.ts)");
  });

  it("lists serial self time by function, leaving out the passes", () => {
    const spots = serialHotspots(profile, 10, 10, 2);
    expect(spots.map((s) => [s.phase, s.serialNs])).toEqual([
      ["financeVisit (credit.ts)", 30_000],
      ["step (schedule.ts)", 10_000],
    ]);
  });
});
