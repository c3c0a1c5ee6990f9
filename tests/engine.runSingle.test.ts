import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultConfig, type SpiralConfig, validateConfigObject } from "../src/config/index.ts";
import { isSnapshotTick, RunInterrupted, runInMemory, runSingle } from "../src/engine/index.ts";
import { InputError } from "../src/errors.ts";
import { readSeriesCsv } from "../src/io/readSeries.ts";
import { scratch } from "./helpers/spiral.ts";

/** The tiny economy of the CLI tests, `ticks` months long. */
function small(ticks = 36, seed = 11): SpiralConfig {
  return validateConfigObject(
    {
      seed,
      ticks,
      burnInTicks: 12,
      households: { count: 300 },
      firms: { consumption: { count: 10 }, capital: { count: 3 } },
      banks: { count: 2 },
    },
    "test config",
  );
}

let root: string;
beforeEach(() => {
  root = scratch("engine");
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Collects what the progress reporter writes. */
function progressSink() {
  const chunks: string[] = [];
  return { chunks, stream: { write: (s: string) => chunks.push(s), isTTY: false } };
}

describe("runSingle", () => {
  it("writes the same series and events that runInMemory returns", async () => {
    const config = small();
    const dir = join(root, "run");
    const result = await runSingle(config, { outDir: dir, command: "test", quiet: true });
    const memory = runInMemory(config);

    const { columns, data } = readSeriesCsv(join(dir, "series.csv"));
    for (const name of columns) {
      if (name === "date") expect(data.date).toEqual(memory.dates);
      else expect(Array.from(data[name] as Float64Array), name).toEqual(Array.from(memory.series[name]));
    }
    const events = readFileSync(join(dir, "events.ndjson"), "utf8")
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => JSON.parse(l));
    expect(events).toEqual(memory.events);
    expect(result.summary).toEqual(memory.summary);
    expect(JSON.parse(readFileSync(join(dir, "summary.json"), "utf8"))).toEqual(result.summary);
    expect(result.manifest.status).toBe("completed");
    expect(result.manifest.ticks).toBe(36);
  });

  it("reports progress with the config name and the simulated date", async () => {
    const { chunks, stream } = progressSink();
    await runSingle(small(), { outDir: join(root, "run"), command: "test", progressStream: stream });
    const last = chunks.at(-1) ?? "";
    expect(last).toMatch(/^baseline tick 36\/36 2027-12 \|/);
  });

  it("stops between ticks when the signal aborts, leaving only a failed manifest", async () => {
    const dir = join(root, "run");
    const controller = new AbortController();
    controller.abort("SIGTERM");
    const error = await runSingle(small(), {
      outDir: dir,
      command: "test",
      quiet: true,
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunInterrupted);
    expect((error as RunInterrupted).signalName).toBe("SIGTERM");
    expect(readdirSync(dir)).toEqual(["manifest.json"]);
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
    expect(manifest).toMatchObject({ status: "failed", error: "interrupted", ticks: 0, outputs: {} });
  });

  it("refuses a folder holding something else and writes nothing into it", async () => {
    const dir = join(root, "busy");
    await runSingle(small(12), { outDir: dir, command: "test", quiet: true });
    writeFileSync(join(root, "notes.txt"), "mine");
    const other = root; // holds notes.txt and the run, but no manifest of its own
    await expect(runSingle(small(), { outDir: other, command: "test", quiet: true })).rejects.toThrow(
      InputError,
    );
    expect(existsSync(join(other, "manifest.json"))).toBe(false);
    expect(readdirSync(other).sort()).toEqual(["busy", "notes.txt"]);
  });
});

describe("runInMemory", () => {
  it("is deterministic and depends on the seed", () => {
    const a = runInMemory(small(24, 1));
    const b = runInMemory(small(24, 1));
    const c = runInMemory(small(24, 2));
    expect(a.series.gdpReal).toEqual(b.series.gdpReal);
    expect(a.events).toEqual(b.events);
    expect(a.series.gdpReal).not.toEqual(c.series.gdpReal);
  });

  it("returns every numeric column, one value per tick, and events in tick order", () => {
    const run = runInMemory(small(24));
    expect(Array.from(run.series.tick)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(run.dates[0]).toBe("2025-01");
    expect(run.series.date).toBeUndefined();
    for (const [name, column] of Object.entries(run.series)) {
      expect(column, name).toHaveLength(24);
      expect(column.every(Number.isFinite), name).toBe(true);
    }
    for (let i = 1; i < run.events.length; i++) {
      expect(run.events[i].tick).toBeGreaterThanOrEqual(run.events[i - 1].tick);
    }
    for (const e of run.events) expect(Object.keys(e).slice(0, 3)).toEqual(["tick", "date", "type"]);
  });

  it("runs the schema defaults (the baseline) without a model failure for a few months", () => {
    const config = { ...defaultConfig(), ticks: 3 };
    expect(runInMemory(config).series.gdpReal[2]).toBeGreaterThan(0);
  });
});

describe("isSnapshotTick", () => {
  it("takes every 12th tick after the burn-in", () => {
    const ticks = Array.from({ length: 60 }, (_, i) => i + 1).filter((t) => isSnapshotTick(t, 12));
    expect(ticks).toEqual([24, 36, 48, 60]);
    expect(isSnapshotTick(12, 0)).toBe(true);
    expect(isSnapshotTick(0, 0)).toBe(false);
  });
});
