import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeFileAtomic } from "../src/io/atomicWrite.ts";
import { EventsWriter } from "../src/io/eventsWriter.ts";
import { buildManifest, formatCommand, gitCommit, hashOutputs, writeManifest } from "../src/io/manifest.ts";
import { SeriesWriter } from "../src/io/seriesWriter.ts";

const PACKAGE_ROOT = fileURLToPath(new URL("../", import.meta.url));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "spiral-io-manifest-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function sha256File(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

function writeRunOutputs(): void {
  const series = new SeriesWriter(dir, [
    { name: "tick", type: "int" },
    { name: "date", type: "string" },
    { name: "gdp", type: "float" },
  ]);
  series.append([0, "2030-01", 100.25]);
  series.append([1, "2030-02", 101.5]);
  series.close();
  const events = new EventsWriter(dir);
  events.append({ tick: 1, date: "2030-02", type: "firm_default", firm: 3 });
  events.close();
  writeFileAtomic(join(dir, "summary.json"), '{"peakGdp":101.5}\n');
}

const config = { name: "baseline", households: { count: 1000 }, horizonMonths: 2 };

describe("manifest", () => {
  it("lists every other file with its SHA-256 and size, in a stable key order", () => {
    writeRunOutputs();
    const startedAt = new Date("2025-03-04T05:06:07.000Z");
    const finishedAt = new Date("2025-03-04T05:06:09.250Z");
    const manifest = buildManifest({
      folder: dir,
      command: "spiral run configs/baseline.json --seed 7",
      config,
      seed: 7,
      status: "completed",
      startedAt,
      finishedAt,
      ticks: 2,
    });
    writeManifest(dir, manifest);

    const text = readFileSync(join(dir, "manifest.json"), "utf8");
    const parsed = JSON.parse(text);
    expect(text).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
    expect(Object.keys(parsed)).toEqual([
      "spiral",
      "node",
      "gitCommit",
      "command",
      "config",
      "seed",
      "status",
      "error",
      "startedAt",
      "finishedAt",
      "wallSeconds",
      "ticks",
      "outputs",
    ]);
    const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8"));
    expect(parsed.spiral).toBe(pkg.version);
    expect(parsed.node).toBe(process.version);
    expect(parsed.command).toBe("spiral run configs/baseline.json --seed 7");
    expect(parsed.config).toEqual(config);
    expect(parsed.seed).toBe(7);
    expect(parsed.status).toBe("completed");
    expect(parsed.error).toBeNull();
    expect(parsed.startedAt).toBe("2025-03-04T05:06:07.000Z");
    expect(parsed.finishedAt).toBe("2025-03-04T05:06:09.250Z");
    expect(parsed.wallSeconds).toBe(2.25);
    expect(parsed.ticks).toBe(2);

    const files = readdirSync(dir)
      .filter((f) => f !== "manifest.json")
      .sort();
    expect(files).toEqual(["events.ndjson", "series.csv", "series.parquet", "summary.json"]);
    expect(Object.keys(parsed.outputs)).toEqual(files);
    for (const file of files) {
      const bytes = readFileSync(join(dir, file));
      expect(parsed.outputs[file]).toEqual({ sha256: sha256File(join(dir, file)), bytes: bytes.length });
    }
  });

  it("agrees with the sha256sum program where it exists", () => {
    writeRunOutputs();
    let sums: string;
    try {
      sums = execFileSync("sha256sum", ["series.csv", "series.parquet"], { cwd: dir, encoding: "utf8" });
    } catch {
      return; // no coreutils here; the node:crypto comparison above still covers the hashes
    }
    const outputs = hashOutputs(dir);
    for (const line of sums.trim().split("\n")) {
      const [hash, file] = line.split(/\s+\*?/);
      expect(outputs[file!]!.sha256).toBe(hash);
    }
  });

  it("skips temp files, hashes subfolders by relative path, and detects changed content", () => {
    writeFileSync(join(dir, "b.txt"), "b");
    writeFileSync(join(dir, "a.txt"), "a");
    writeFileSync(join(dir, `series.csv.tmp-${process.pid}`), "partial");
    mkdirSync(join(dir, "runs", "r1"), { recursive: true });
    writeFileSync(join(dir, "runs", "r1", "series.csv"), "x\n");
    writeFileSync(join(dir, "manifest.json"), "{}");
    const before = hashOutputs(dir);
    expect(Object.keys(before)).toEqual(["a.txt", "b.txt", "runs/r1/series.csv"]);
    expect(before["a.txt"]).toEqual({
      sha256: "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb",
      bytes: 1,
    });
    writeFileSync(join(dir, "a.txt"), "A");
    expect(hashOutputs(dir)["a.txt"]!.sha256).not.toBe(before["a.txt"]!.sha256);
  });

  it("records a running and a failed run", () => {
    const startedAt = new Date("2025-01-01T00:00:00.000Z");
    const running = buildManifest({
      folder: dir,
      command: "spiral run x.json",
      config,
      seed: 1,
      status: "running",
      startedAt,
      ticks: 0,
    });
    expect(running.finishedAt).toBeNull();
    expect(running.wallSeconds).toBeNull();
    expect(running.outputs).toEqual({});
    writeManifest(dir, running);
    const failed = buildManifest({
      folder: dir,
      command: "spiral run x.json",
      config,
      seed: 1,
      status: "failed",
      error: "stock-flow residual 3.2 at tick 17",
      startedAt,
      finishedAt: new Date("2025-01-01T00:01:00.000Z"),
      ticks: 17,
    });
    expect(failed.outputs).toEqual({}); // the previous manifest.json is not an output
    writeManifest(dir, failed);
    const parsed = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
    expect(parsed.status).toBe("failed");
    expect(parsed.error).toBe("stock-flow residual 3.2 at tick 17");
    expect(parsed.wallSeconds).toBe(60);
    expect(readdirSync(dir)).toEqual(["manifest.json"]);
  });

  it("reports the git commit of the package checkout, or null without git", () => {
    let expected: string | null;
    try {
      const top = execFileSync("git", ["rev-parse", "--show-toplevel"], {
        cwd: PACKAGE_ROOT,
        encoding: "utf8",
      }).trim();
      const head = execFileSync("git", ["rev-parse", "HEAD"], { cwd: PACKAGE_ROOT, encoding: "utf8" }).trim();
      expected = join(top, "/") === join(PACKAGE_ROOT, "/") ? head : null;
    } catch {
      expected = null;
    }
    expect(gitCommit()).toBe(expected);
  });
});

describe("formatCommand", () => {
  it("leaves safe words bare and single-quotes the rest", () => {
    expect(formatCommand(["spiral", "run", "configs/baseline.json", "--seed=7"])).toBe(
      "spiral run configs/baseline.json --seed=7",
    );
    expect(formatCommand(["spiral", "run", "my config.json", "--label", "it's"])).toBe(
      "spiral run 'my config.json' --label 'it'\\''s'",
    );
    expect(formatCommand(["x", ""])).toBe("x ''");
  });
});
