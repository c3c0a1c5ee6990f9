// Checkpoints (issue 7): a run interrupted after a checkpoint and resumed from
// it ends with output files byte-identical to an uninterrupted run — for the
// core economy, the AI chain and the Lengnick model — and a checkpoint from
// another config or Spiral version is refused with an error naming the file
// and what differs.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig, type SpiralConfig, validateConfigObject } from "../src/config/index.ts";
import { CHECKPOINT_FILE, openCheckpoint, writeCheckpoint } from "../src/engine/checkpoint.ts";
import { RunInterrupted, runSingle } from "../src/engine/index.ts";
import { InputError } from "../src/errors.ts";
import { REPO, scratch, spiral } from "./helpers/spiral.ts";

const OUTPUTS = ["series.csv", "series.parquet", "events.ndjson", "firms.csv", "summary.json"];

function small(ticks = 40, seed = 5): SpiralConfig {
  return validateConfigObject(
    {
      seed,
      ticks,
      burnInTicks: 12,
      households: { count: 600 },
      firms: { consumption: { count: 12 }, capital: { count: 3 } },
      banks: { count: 3 },
    },
    "test config",
  );
}

let root: string;
beforeEach(() => {
  root = scratch("checkpoint");
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Runs `config` whole, then again stopped right after the checkpoint at `stopAt` and resumed; compares the files. */
async function expectResumeIdentical(config: SpiralConfig, every: number, stopAt: number): Promise<void> {
  const whole = join(root, "whole");
  await runSingle(config, { outDir: whole, command: "test", quiet: true });

  const cut = join(root, "cut");
  const controller = new AbortController();
  await expect(
    runSingle(config, {
      outDir: cut,
      command: "test",
      quiet: true,
      checkpointEvery: every,
      signal: controller.signal,
      onCheckpoint: (_path, ticks) => {
        if (ticks === stopAt) controller.abort("SIGINT");
      },
    }),
  ).rejects.toBeInstanceOf(RunInterrupted);
  const checkpoint = join(cut, CHECKPOINT_FILE);
  expect(existsSync(checkpoint)).toBe(true);

  // Resumed in the interrupted run's own folder, with further checkpoints.
  const opened = openCheckpoint(checkpoint, config);
  expect(opened.ticksDone).toBe(stopAt);
  const result = await runSingle(config, {
    outDir: cut,
    command: "test",
    quiet: true,
    checkpointEvery: every,
    resumeFrom: opened,
  });
  expect(result.manifest.status).toBe("completed");
  expect(result.manifest.ticks).toBe(config.ticks);
  // network.json only where the AI chain is present.
  for (const file of [...OUTPUTS, "network.json"]) {
    if (!existsSync(join(whole, file))) continue;
    expect(readFileSync(join(cut, file)), file).toEqual(readFileSync(join(whole, file)));
  }
  // A completed run removes its own checkpoint.
  expect(existsSync(checkpoint)).toBe(false);
}

/** A checkpoint of a small run, kept as root/kept.spck (the run removes its own when it completes). */
async function keptCheckpoint(): Promise<string> {
  const path = join(root, "kept.spck");
  await runSingle(small(20), {
    outDir: join(root, "run"),
    command: "test",
    quiet: true,
    checkpointEvery: 5,
    onCheckpoint: (written) => writeFileSync(path, readFileSync(written)),
  });
  return path;
}

describe("checkpoints", () => {
  it("the core economy resumes to byte-identical outputs", async () => {
    await expectResumeIdentical(small(40), 9, 27);
  });

  it("a run with the AI chain acting resumes to byte-identical outputs", async () => {
    const config = loadConfig(join(REPO, "configs/scenarios/baseline-2025.json"), {
      sets: [
        "households.count=800",
        "firms.consumption.count=16",
        "firms.capital.count=4",
        "ticks=30",
        "burnInTicks=6",
        "startDate=2025-04",
        "aiChain.start=2025-11",
      ],
    });
    await expectResumeIdentical(config, 10, 20);
  });

  it("the Lengnick model resumes to byte-identical outputs", async () => {
    const config = loadConfig(join(REPO, "configs/models/lengnick2013.json"), {
      sets: ["ticks=30"],
    });
    await expectResumeIdentical(config, 6, 12);
  });

  it("refuses a checkpoint of another config, naming the file and the fields that differ", async () => {
    const path = await keptCheckpoint();
    const other = small(20, 6);
    expect(() => openCheckpoint(path, other)).toThrow(InputError);
    expect(() => openCheckpoint(path, other)).toThrow(
      /kept\.spck.*different config: seed \(checkpoint 5, now 6\)/,
    );
  });

  it("refuses a checkpoint of another Spiral version, and a file that is not a checkpoint", async () => {
    const path = await keptCheckpoint();
    const bytes = readFileSync(path);
    const text = bytes.toString("latin1");
    const version = /"spiralVersion":"([^"]+)"/.exec(text)?.[1] as string;
    const patched = text.replace(
      `"spiralVersion":"${version}"`,
      `"spiralVersion":"${"9".repeat(version.length)}"`,
    );
    const old = join(root, "old.spck");
    writeFileSync(old, Buffer.from(patched, "latin1"));
    expect(() => openCheckpoint(old)).toThrow(/old\.spck was written by Spiral 9+ .*this is Spiral/);
    writeFileSync(join(root, "junk.spck"), "hello");
    expect(() => openCheckpoint(join(root, "junk.spck"))).toThrow(/not a Spiral checkpoint/);
  });

  it("restores numbers bit for bit and refuses a state whose columns differ, naming them", () => {
    const config = small(10);
    const path = join(root, "unit.spck");
    const saved = { a: Float64Array.of(1.5, -0, Number.NaN), x: -0, y: Number.POSITIVE_INFINITY, s: "phase" };
    writeCheckpoint(path, {
      config,
      roots: { model: saved },
      ticksDone: 3,
      outputs: { seriesRows: [], events: new Uint8Array(0), firms: new Uint8Array(0) },
    });
    const fresh = { a: new Float64Array(3), x: 1, y: 0, s: "" };
    openCheckpoint(path, config).restore({ model: fresh });
    expect(Object.is(fresh.x, -0)).toBe(true);
    expect(fresh.y).toBe(Number.POSITIVE_INFINITY);
    expect(fresh.s).toBe("phase");
    expect(Object.is(fresh.a[1], -0) && Number.isNaN(fresh.a[2])).toBe(true);
    const grown = { a: new Float64Array(3), x: 0, y: 0, s: "", automationExposure: new Float32Array(3) };
    expect(() => openCheckpoint(path, config).restore({ model: grown })).toThrow(
      /unit\.spck does not match this model's state: model\.automationExposure is not in the checkpoint/,
    );
    const resized = { a: new Float64Array(4), x: 0, y: 0, s: "" };
    expect(() => openCheckpoint(path, config).restore({ model: resized })).toThrow(
      /model\.a is Float64Array\[3\] there, Float64Array\[4\] here/,
    );
  });

  it("the CLI resumes with --resume-from to the same files, and refuses another config with exit code 2", async () => {
    const sets = [
      "households.count=300",
      "firms.consumption.count=10",
      "firms.capital.count=3",
      "banks.count=2",
    ];
    const flags = sets.flatMap((s) => ["--set", s]);
    const whole = join(root, "whole");
    const first = spiral([
      "run",
      "configs/baseline.json",
      ...flags,
      "--ticks",
      "30",
      "--out",
      whole,
      "--no-report",
      "--quiet",
    ]);
    expect(first.status, first.stderr).toBe(0);
    // The interrupted run, in-process: stopped right after its checkpoint at tick 20.
    const config = loadConfig(join(REPO, "configs/baseline.json"), { sets: [...sets, "ticks=30"] });
    const cut = join(root, "cut");
    const controller = new AbortController();
    await expect(
      runSingle(config, {
        outDir: cut,
        command: "test",
        quiet: true,
        checkpointEvery: 10,
        signal: controller.signal,
        onCheckpoint: (_p, ticks) => ticks === 20 && controller.abort("SIGINT"),
      }),
    ).rejects.toBeInstanceOf(RunInterrupted);
    const checkpoint = join(cut, CHECKPOINT_FILE);

    const other = spiral([
      "run",
      "configs/baseline.json",
      ...flags,
      "--ticks",
      "31",
      "--resume-from",
      checkpoint,
    ]);
    expect(other.status).toBe(2);
    expect(other.stderr).toContain(checkpoint);
    expect(other.stderr).toMatch(/different config: ticks \(checkpoint 30, now 31\)/);

    // No CONFIG: the checkpoint's own; no --out: the interrupted run's folder.
    const resumed = spiral(["run", "--resume-from", checkpoint, "--no-report", "--quiet"]);
    expect(resumed.status, resumed.stderr).toBe(0);
    for (const file of OUTPUTS)
      expect(readFileSync(join(cut, file)), file).toEqual(readFileSync(join(whole, file)));
    // The run's own checkpoint is gone once it completes, and not listed among its outputs.
    expect(existsSync(checkpoint)).toBe(false);
    const manifest = JSON.parse(readFileSync(join(cut, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.outputs)).not.toContain(CHECKPOINT_FILE);
  });
});
