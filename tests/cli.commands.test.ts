import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO, SMALL, scratch, spiral } from "./helpers/spiral.ts";

const VERSION = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")).version;

let root: string;
beforeAll(() => {
  root = scratch("cli-commands");
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("spiral validate", () => {
  it("prints ok with the name, ticks and households", () => {
    const result = spiral(["validate", "configs/baseline.json"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("ok: configs/baseline.json (baseline, 600 ticks, 40000 households)\n");
  });

  it("applies --set before validating", () => {
    const result = spiral([
      "validate",
      "configs/baseline.json",
      "--set",
      "ticks=24",
      "--set",
      "households.count=50",
    ]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("ok: configs/baseline.json (baseline, 24 ticks, 50 households)\n");
  });

  it("prints the errors and exits 2 for an invalid config", () => {
    const file = join(root, "invalid.json");
    writeFileSync(file, '{ "name": "bad name!", "banks": { "count": 0 } }');
    const result = spiral(["validate", file]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines.find((l) => l.includes("banks.count"))).toMatch(
      new RegExp(`^spiral: ${file}: banks\\.count: must be ≥ 1`),
    );
    expect(lines.find((l) => l.includes(": name:"))).toContain(`spiral: ${file}: name: must`);
  });

  it("names a bad --set", () => {
    const result = spiral(["validate", "configs/baseline.json", "--set", "ticks=-5"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^spiral: --set ticks=-5: ticks: must be ≥ 1/);
  });
});

describe("spiral facts", () => {
  let run: string;
  beforeAll(() => {
    run = join(root, "ten-years");
    const args = ["run", "configs/baseline.json", ...SMALL.slice(0, -2), "--ticks", "120"];
    const result = spiral([...args, "--set", "burnInTicks=24", "--out", run, "--quiet"]);
    expect(result.status, result.stderr).toBe(0);
  });

  it("prints the stylized-facts table, with the run's burn-in by default", () => {
    const result = spiral(["facts", run]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain("Stylized facts: 32 quarters after 24 burn-in ticks, ticks 25–120");
    expect(result.stdout).toContain("Business cycle (HP-filtered quarterly series)");
    expect(result.stdout).toMatch(/firm sizes +n 104 /);
    expect(result.stdout).toMatch(/Checks: \d+ of \d+ hold/);
  });

  it("--json prints the same facts as JSON", () => {
    const result = spiral(["facts", run, "--json"]);
    expect(result.status, result.stderr).toBe(0);
    const facts = JSON.parse(result.stdout);
    expect(facts.quarters).toBe(32);
    expect(facts.options.burnInTicks).toBe(24);
    expect([facts.firstTick, facts.lastTick]).toEqual([25, 120]);
    // 13 firms × 8 yearly snapshots (ticks 36, 48, …, 120), pooled.
    expect(facts.firmSizes.count).toBe(104);
    expect(facts.recessionCount).toBe(facts.recessions.length);
    expect(Array.isArray(facts.checks)).toBe(true);
    // The flat moment vocabulary of spiral calibrate, consistent with the facts above.
    expect(facts.moments.sdGdpCycle).toBe(facts.cycleSd.gdp);
    expect(facts.moments["corrWithGdp.unemployment.lag+1"]).toBe(
      facts.crossCorrelationWithGdp.unemployment[5],
    );
    expect(facts.moments.firmSizeTailExponent).toBe(facts.firmSizes.tailExponent);
    // The firm count (13) comes from the run's manifest.
    expect(facts.moments.bankruptcyRateYearly).toBeGreaterThanOrEqual(0);
  });

  it("--burn-in overrides the run's burn-in, for the series and the firm snapshots", () => {
    const facts = JSON.parse(spiral(["facts", run, "--json", "--burn-in", "48"]).stdout);
    expect(facts.quarters).toBe(24);
    expect(facts.firstTick).toBe(49);
    expect(facts.firmSizes.count).toBe(13 * 6);
  });

  it("exits 2 naming a missing folder, a folder without series.csv, and a bad --burn-in", () => {
    const missing = join(root, "no-such-run");
    const noFolder = spiral(["facts", missing]);
    expect(noFolder.status).toBe(2);
    expect(noFolder.stderr).toBe(`spiral: run folder not found: ${missing}\n`);

    const empty = spiral(["facts", root]);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain(`no series.csv in ${root}`);

    const badBurnIn = spiral(["facts", run, "--burn-in", "many"]);
    expect(badBurnIn.status).toBe(2);
    expect(badBurnIn.stderr).toBe('spiral: --burn-in: must be a non-negative integer (got "many")\n');

    const tooLong = spiral(["facts", run, "--burn-in", "100"]);
    expect(tooLong.status).toBe(2);
    expect(tooLong.stderr).toContain("at least 12 complete quarters");
  });
});

describe("spiral --version and --help", () => {
  it("prints the package version", () => {
    const result = spiral(["--version"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${VERSION}\n`);
  });

  it("works as `npx spiral` from the repository", () => {
    const result = spawnSync("npx", ["--no-install", "spiral", "--version"], {
      cwd: REPO,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(result.error).toBeUndefined();
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe(VERSION);
  });

  it("prints the help of a command", () => {
    const result = spiral(["run", "--help"]);
    expect(result.status).toBe(0);
    for (const flag of ["--seed", "--ticks", "--set", "--out", "--quiet", "--overwrite"]) {
      expect(result.stdout).toContain(flag);
    }
    expect(spiral(["help", "facts"]).stdout).toContain("--burn-in <n>");
  });
});
