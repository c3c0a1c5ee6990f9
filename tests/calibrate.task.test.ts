// The task a calibration point sends to its worker: the checked config, so
// that a parameter under aiChain.firmOverrides reaches the firm list.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/index.ts";
import { calibrateTaskFor } from "../src/engine/calibrateTask.ts";
import { setAtPath } from "../src/engine/sweepSpec.ts";
import { BASELINE } from "./helpers/spiral.ts";

describe("calibrateTaskFor", () => {
  it("runs the checked config: a firm override set as a parameter is applied to the firm, the point's config is untouched", () => {
    const base = loadConfig(BASELINE);
    const config = structuredClone(base) as unknown as Record<string, unknown>;
    setAtPath(config, "aiChain.firmOverrides.hyperA.equityVolatility", 0.37);
    const before = JSON.stringify(config);
    const task = calibrateTaskFor(config as never, ["unemploymentMean"], []);
    const hyperA = task.config.aiChain.firms.find((f) => f.name === "hyperA");
    expect(hyperA?.equityVolatility).toBe(0.37);
    expect(base.aiChain.firms.find((f) => f.name === "hyperA")?.equityVolatility).not.toBe(0.37);
    expect(JSON.stringify(config)).toBe(before);
    expect(task.targets).toEqual(["unemploymentMean"]);
  });

  it("refuses a point the schema rejects, naming it", () => {
    const config = structuredClone(loadConfig(BASELINE)) as unknown as Record<string, unknown>;
    setAtPath(config, "aiChain.firmOverrides.hyperA.equityVolatility", -1);
    expect(() => calibrateTaskFor(config as never, [], [])).toThrow(
      /calibration point: aiChain\.firmOverrides\.hyperA\.equityVolatility: must be ≥/,
    );
  });
});
