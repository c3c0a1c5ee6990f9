import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCalibrationSpec } from "../src/engine/calibrateSpec.ts";

describe("shipped calibrations", () => {
  const files = readdirSync("configs/calibration").filter((f) => f.endsWith(".json"));

  it("load without a problem", () => {
    expect(files.length).toBeGreaterThan(0);
    for (const file of files)
      expect(() => loadCalibrationSpec(join("configs/calibration", file))).not.toThrow();
  });

  it("us-cycle: ≥ 4 core parameters, ≥ 8 seeds, the default population, every target citing its row (§10 cycle facts, §6 responses to a rate shock)", () => {
    const spec = loadCalibrationSpec("configs/calibration/us-cycle.json");
    expect(spec.parameters.length).toBeGreaterThanOrEqual(4);
    expect(spec.seeds).toBeGreaterThanOrEqual(8);
    expect(spec.baseConfig.households.count).toBeGreaterThanOrEqual(10_000);
    expect(spec.baseConfig.aiChain.enabled).toBe(false);
    const responses = new Set(spec.responses.map((r) => r.name));
    // The monetary transmission is estimated too (stop 36): two GDP responses to a rate shift, from §6's rows.
    expect(spec.parameters.map((p) => p.path)).toContain("households.rateGapImmediateShare");
    // And the aggregate matching function's efficiency (stop 38), which configs/baseline.json carries.
    expect(spec.parameters.map((p) => p.path)).toContain("labour.matchingEfficiency");
    expect(spec.baseConfig.labour.matchingEfficiency).toBeGreaterThan(0);
    expect(responses.size).toBeGreaterThanOrEqual(2);
    for (const t of spec.targets)
      expect(t.source, t.name).toMatch(
        responses.has(t.name) ? /docs\/calibration\.md §6\b/ : /docs\/calibration\.md §10\.\d/,
      );
    // Simulated runs about as long as the data sample (1954:I–1991:II, 150 quarters), as 1 + 1/S assumes.
    const quarters = (spec.baseConfig.ticks - spec.baseConfig.burnInTicks) / 3;
    expect(Math.abs(quarters - 150)).toBeLessThanOrEqual(15);
  });
});
