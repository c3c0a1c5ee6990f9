// The engine's one Model interface (issue 20 item 1; src/engine/model.ts):
// the core economy and Lengnick (2013) both create, step, measure and
// snapshot/restore through it, and the engine never asks a model its name —
// the only place that maps config.model to a model is engine/models.ts.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig, type SpiralConfig } from "../src/config/index.ts";
import { openCheckpoint, writeCheckpoint } from "../src/engine/checkpoint.ts";
import type { Model } from "../src/engine/model.ts";
import { modelKind } from "../src/engine/models.ts";

const dir = mkdtempSync(join(tmpdir(), "spiral-model-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CONFIGS: Record<string, () => SpiralConfig> = {
  core: () =>
    loadConfig("configs/scenarios/baseline-2025.json", {
      sets: [
        "households.count=600",
        "firms.consumption.count=12",
        "firms.capital.count=4",
        "startDate=2024-11",
        "burnInTicks=12",
        "ticks=30",
      ],
    }),
  lengnick2013: () => loadConfig("configs/models/lengnick2013.json", { sets: ["ticks=30"] }),
};

function stepped(model: Model, ticks: number): (number | string)[][] {
  const rows: (number | string)[][] = [];
  for (let t = 0; t < ticks; t++) {
    model.step();
    rows.push([...model.measure().row]);
  }
  return rows;
}

describe.each(Object.keys(CONFIGS))("the %s model through the Model interface", (name) => {
  it("creates, steps and measures rows of its declared columns, month by month", () => {
    const config = CONFIGS[name]();
    const kind = modelKind(config);
    const model = kind.create(config, 1);
    const columns = kind.columns(config);
    const dates: string[] = [];
    for (let t = 0; t < 3; t++) {
      model.step();
      const out = model.measure();
      expect(out.row.length).toBe(columns.length);
      dates.push(out.date);
    }
    expect(new Set(dates).size).toBe(3);
    model.close();
  });

  it("restores a snapshot into a fresh model that then runs on exactly as the original", () => {
    const config = CONFIGS[name]();
    const kind = modelKind(config);
    const original = kind.create(config, 1);
    stepped(original, 12);
    const path = join(dir, `${name}.spck`);
    const outputs = { seriesRows: [], events: new Uint8Array(), firms: new Uint8Array() };
    writeCheckpoint(path, { config, roots: original.roots(), ticksDone: 12, outputs });
    const restored = kind.create(config, 1);
    openCheckpoint(path, config).restore(restored.roots());
    const expected = stepped(original, 6);
    expect(stepped(restored, 6)).toEqual(expected);
    // A fresh model that was not restored does not (the snapshot carried the state).
    expect(stepped(kind.create(config, 1), 6)).not.toEqual(expected);
  });
});

describe("the engine never asks a model its name", () => {
  it("only engine/models.ts maps config.model to a model", () => {
    const engine = join(import.meta.dirname, "..", "src", "engine");
    const offenders = readdirSync(engine)
      .filter((f) => f.endsWith(".ts") && f !== "models.ts")
      .filter((f) => /\.model\s*[!=]==|["']lengnick2013["']/.test(readFileSync(join(engine, f), "utf8")));
    expect(offenders).toEqual([]);
  });
});
