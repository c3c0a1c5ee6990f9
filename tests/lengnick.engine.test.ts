// The engine runs the Lengnick model when the config says `"model": "lengnick2013"`:
// same result folder as the core model, with the model's own series columns.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/index.ts";
import { runSingle } from "../src/engine/runSingle.ts";
import { gini, LENGNICK_SERIES_COLUMNS } from "../src/model/lengnick2013/index.ts";

const dir = mkdtempSync(join(tmpdir(), "lengnick-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("lengnick2013 on the engine", () => {
  it("writes manifest, series, events and summary from configs/models/lengnick2013.json", async () => {
    const config = loadConfig("configs/models/lengnick2013.json", { sets: ["ticks=36", "burnInTicks=12"] });
    expect(config.model).toBe("lengnick2013");
    const out = join(dir, "run");
    const result = await runSingle(config, { outDir: out, command: "test", quiet: true });
    const lines = readFileSync(join(out, "series.csv"), "utf8").trim().split("\n");
    expect(lines[0]).toBe(LENGNICK_SERIES_COLUMNS.map((c) => c.name).join(","));
    expect(lines).toHaveLength(37);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(manifest.status).toBe("completed");
    expect(result.summary.monthsAnalysed).toBe(24);
    expect(result.summary.unemploymentRate.mean).toBeLessThan(0.2);
    expect(readFileSync(join(out, "events.ndjson"), "utf8")).toBe("");
  });

  it("computes the Gini coefficient", () => {
    const scratch = new Float64Array(4);
    expect(gini(new Float64Array([1, 1, 1, 1]), scratch)).toBeCloseTo(0, 12);
    expect(gini(new Float64Array([0, 0, 0, 4]), scratch)).toBeCloseTo(0.75, 12);
  });
});
