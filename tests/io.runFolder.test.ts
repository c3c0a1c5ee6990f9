import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InputError, ModelFailure } from "../src/errors.ts";
import { EventsWriter } from "../src/io/eventsWriter.ts";
import { buildManifest, writeManifest } from "../src/io/manifest.ts";
import { prepareRunFolder, resolveOutDir } from "../src/io/runFolder.ts";
import { SeriesWriter } from "../src/io/seriesWriter.ts";

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "spiral-io-folder-"));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

/** A finished run (status as given) in `dir`, made with the real writers. */
function makeRun(dir: string, status: "completed" | "failed"): void {
  prepareRunFolder(dir, { overwrite: true });
  const series = new SeriesWriter(dir, [
    { name: "tick", type: "int" },
    { name: "gdp", type: "float" },
  ]);
  series.append([0, 1]);
  series.close();
  const startedAt = new Date("2025-01-01T00:00:00Z");
  writeManifest(
    dir,
    buildManifest({ folder: dir, command: "spiral run x", config: {}, seed: 1, status, startedAt, ticks: 1 }),
  );
}

function expectInputError(fn: () => void, pattern: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(InputError);
  expect((caught as Error).message).toMatch(pattern);
}

describe("resolveOutDir", () => {
  it("defaults to results/<config>-seed<seed>-<local YYYYMMDD-HHMMSS> under the working directory", () => {
    const now = new Date(2035, 3, 5, 9, 7, 3); // local time
    expect(resolveOutDir(undefined, "baseline", 42, now)).toBe(
      resolve(process.cwd(), "results", "baseline-seed42-20350405-090703"),
    );
  });

  it("makes the config name safe for a folder name", () => {
    const now = new Date(2025, 11, 31, 23, 59, 59);
    expect(resolveOutDir(undefined, "my config/v2", 1, now)).toBe(
      resolve("results", "my-config-v2-seed1-20251231-235959"),
    );
    expect(resolveOutDir(undefined, "", 1, now)).toBe(resolve("results", "run-seed1-20251231-235959"));
  });

  it("uses --out when given, resolved against the working directory", () => {
    expect(resolveOutDir("out/run1", "baseline", 1, new Date())).toBe(resolve(process.cwd(), "out/run1"));
    expect(resolveOutDir("/abs/path", "baseline", 1, new Date())).toBe(resolve("/abs/path"));
  });
});

describe("prepareRunFolder", () => {
  it("creates missing folders, parents included, and accepts an empty one", () => {
    const dir = join(root, "a", "b", "c");
    prepareRunFolder(dir);
    expect(readdirSync(dir)).toEqual([]);
    prepareRunFolder(dir);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("refuses a completed run unless overwrite, then clears its outputs and keeps other files", () => {
    const dir = join(root, "run");
    makeRun(dir, "completed");
    expectInputError(() => prepareRunFolder(dir), /completed run; pass --overwrite/);
    expect(readdirSync(dir).sort()).toEqual(["manifest.json", "series.csv", "series.parquet"]);

    writeFileSync(join(dir, "notes.txt"), "mine");
    prepareRunFolder(dir, { overwrite: true });
    expect(readdirSync(dir)).toEqual(["notes.txt"]);
  });

  it("reuses a failed run's folder without overwrite, removing stale temp files", () => {
    const dir = join(root, "run");
    makeRun(dir, "failed");
    writeFileSync(join(dir, "series.csv.tmp-99999"), "partial");
    prepareRunFolder(dir);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("never deletes files outside the folder listed in a tampered manifest", () => {
    const dir = join(root, "run");
    mkdirSync(dir);
    writeFileSync(join(root, "precious.txt"), "keep");
    writeFileSync(
      join(dir, "manifest.json"),
      JSON.stringify({
        status: "failed",
        outputs: { "../precious.txt": {}, [join(root, "precious.txt")]: {} },
      }),
    );
    prepareRunFolder(dir);
    expect(readFileSync(join(root, "precious.txt"), "utf8")).toBe("keep");
  });

  it("refuses a non-empty folder that is not a Spiral run, and a file", () => {
    writeFileSync(join(root, "thesis.tex"), "...");
    expectInputError(() => prepareRunFolder(root), /not empty and holds no Spiral run/);
    expectInputError(() => prepareRunFolder(root, { overwrite: true }), /not empty/);
    expect(existsSync(join(root, "thesis.tex"))).toBe(true);
    expectInputError(() => prepareRunFolder(join(root, "thesis.tex")), /not a folder/);
  });

  it("leaves a failed run as a manifest with the error and no series files", () => {
    const dir = join(root, "run");
    prepareRunFolder(dir);
    const startedAt = new Date("2025-01-01T00:00:00Z");
    const base = { folder: dir, command: "spiral run x", config: { a: 1 }, seed: 3, startedAt };
    writeManifest(dir, buildManifest({ ...base, status: "running", ticks: 0 }));
    const series = new SeriesWriter(dir, [
      { name: "tick", type: "int" },
      { name: "gdp", type: "float" },
    ]);
    const events = new EventsWriter(dir);
    let ticks = 0;
    try {
      for (let t = 0; t < 10; t++) {
        events.append({ tick: t, date: "2030-01", type: "step" });
        series.append([t, t === 5 ? Number.NaN : t * 1.5]);
        ticks = t + 1;
      }
      series.close();
      events.close();
    } catch (err) {
      series.abort();
      events.abort();
      expect(err).toBeInstanceOf(ModelFailure);
      const finishedAt = new Date("2025-01-01T00:00:01Z");
      writeManifest(
        dir,
        buildManifest({ ...base, status: "failed", error: (err as Error).message, finishedAt, ticks }),
      );
    }
    expect(readdirSync(dir)).toEqual(["manifest.json"]);
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
    expect(manifest.status).toBe("failed");
    expect(manifest.error).toMatch(/column "gdp" row 5 \(tick 5\) is NaN/);
    expect(manifest.ticks).toBe(5);
    expect(manifest.outputs).toEqual({});
  });
});
