import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSeriesCsv } from "../src/io/readSeries.ts";
import { BASELINE, type CliResult, LAUNCHER, REPO, SMALL, scratch, spiral } from "./helpers/spiral.ts";

const OUTPUTS = ["events.ndjson", "firms.csv", "series.csv", "series.parquet", "summary.json"];

let root: string;
let first: string;
let second: string;
let otherSeed: string;
let firstResult: CliResult;

beforeAll(() => {
  root = scratch("cli-run");
  first = join(root, "first");
  second = join(root, "second");
  otherSeed = join(root, "other-seed");
  firstResult = spiral(["run", "configs/baseline.json", ...SMALL, "--seed", "7", "--out", first, "--quiet"]);
  expect(firstResult.stderr).toBe("");
  expect(firstResult.status).toBe(0);
  expect(spiral(["run", "configs/baseline.json", ...SMALL, "--seed", "7", "--out", second]).status).toBe(0);
  expect(spiral(["run", "configs/baseline.json", ...SMALL, "--seed", "8", "--out", otherSeed]).status).toBe(
    0,
  );
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const read = (dir: string, file: string) => readFileSync(join(dir, file));
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

describe("spiral run", () => {
  it("writes the run folder with a completed manifest that hashes every output", () => {
    expect(readdirSync(first).sort()).toEqual(["manifest.json", "report.html", ...OUTPUTS].sort());
    const manifest = JSON.parse(read(first, "manifest.json").toString("utf8"));
    expect(manifest.status).toBe("completed");
    expect(manifest.error).toBeNull();
    expect(manifest.seed).toBe(7);
    expect(manifest.ticks).toBe(36);
    expect(manifest.config.seed).toBe(7);
    expect(manifest.config.households.count).toBe(300);
    expect(manifest.command).toMatch(/^spiral run configs\/baseline\.json --set households\.count=300 /);
    expect(Object.keys(manifest.outputs).sort()).toEqual([...OUTPUTS, "report.html"].sort());
    for (const file of [...OUTPUTS, "report.html"]) {
      const bytes = read(first, file);
      expect(manifest.outputs[file], file).toEqual({ sha256: sha256(bytes), bytes: bytes.length });
    }
  });

  it("prints where the results are and the headline numbers", () => {
    const lines = firstResult.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(`results: ${first}`);
    expect(lines[1]).toBe("months 13–36 (after the burn-in):");
    expect(firstResult.stdout).toMatch(/unemployment +-?\d+\.\d % mean/);
    expect(firstResult.stdout).toMatch(/real GDP +[+-]\d+\.\d % a year, \d+ recessions?/);
    expect(firstResult.stdout).toMatch(/crises +\d+ episodes?, \d+ months?/);
  });

  it("writes one series row per tick, dated from startDate", () => {
    const { columns, data } = readSeriesCsv(join(first, "series.csv"));
    expect(columns.slice(0, 2)).toEqual(["tick", "date"]);
    expect(Array.from(data.tick as Float64Array)).toEqual(Array.from({ length: 36 }, (_, i) => i + 1));
    const dates = data.date as string[];
    expect([dates[0], dates[11], dates[12], dates[35]]).toEqual(["2025-01", "2025-12", "2026-01", "2027-12"]);
  });

  it("keeps the net financial wealth of the sectors summing to zero in every row", () => {
    const { columns, data } = readSeriesCsv(join(first, "series.csv"));
    const nfw = columns.filter((c) => c.startsWith("nfw_"));
    expect(nfw.length).toBeGreaterThanOrEqual(4);
    const gross = data.grossFinancialAssets as Float64Array;
    for (let row = 0; row < gross.length; row++) {
      expect(gross[row]).toBeGreaterThan(0);
      let sum = 0;
      let largest = 0;
      for (const c of nfw) {
        const value = (data[c] as Float64Array)[row];
        sum += value;
        largest = Math.max(largest, Math.abs(value));
      }
      expect(largest, `row ${row}`).toBeGreaterThan(0);
      expect(Math.abs(sum), `row ${row}`).toBeLessThanOrEqual(1e-9 * gross[row]);
    }
  });

  it("writes events as NDJSON, tick, date and type first, in tick order", () => {
    const lines = read(first, "events.ndjson").toString("utf8").split("\n");
    expect(lines.pop()).toBe("");
    let lastTick = 0;
    for (const line of lines) {
      const event = JSON.parse(line);
      expect(Object.keys(event).slice(0, 3)).toEqual(["tick", "date", "type"]);
      expect(event.tick).toBeGreaterThanOrEqual(lastTick);
      expect(event.tick).toBeLessThanOrEqual(36);
      lastTick = event.tick;
    }
  });

  it("snapshots every firm once a year after the burn-in in firms.csv", () => {
    const { columns, data } = readSeriesCsv(join(first, "firms.csv"), { stringColumns: ["sector"] });
    expect(columns).toEqual([
      "tick",
      "firm",
      "sector",
      "employees",
      "outputReal",
      "salesNominal",
      "capitalReal",
      "loans",
      "deposits",
      "price",
    ]);
    const ticks = Array.from(data.tick as Float64Array);
    const firms = Array.from(data.firm as Float64Array);
    const ids = Array.from({ length: 13 }, (_, j) => j);
    expect(ticks).toEqual([...ids.map(() => 24), ...ids.map(() => 36)]);
    expect(firms).toEqual([...ids, ...ids]);
    const sectors = data.sector as string[];
    expect(sectors.slice(0, 13)).toEqual(ids.map((j) => (j < 10 ? "consumption" : "capital")));
    const employees = data.employees as Float64Array;
    expect(employees.every((e) => Number.isInteger(e) && e >= 0)).toBe(true);
    expect(employees.reduce((a, b) => a + b)).toBeGreaterThan(0);
  });

  it("summarises the months after the burn-in consistently with the series", () => {
    const summary = JSON.parse(read(first, "summary.json").toString("utf8"));
    const { data } = readSeriesCsv(join(first, "series.csv"));
    const afterBurnIn = (name: string) => Array.from(data[name] as Float64Array).slice(12);
    expect(summary).toMatchObject({
      name: "baseline",
      seed: 7,
      ticks: 36,
      burnInTicks: 12,
      monthsAnalysed: 24,
    });
    const unemployment = afterBurnIn("unemploymentRate");
    expect(summary.unemploymentRate.min).toBe(Math.min(...unemployment));
    expect(summary.unemploymentRate.max).toBe(Math.max(...unemployment));
    expect(summary.crisisMonths).toBe(afterBurnIn("crisis").filter((c) => c === 1).length);
    expect(summary.firmDefaults).toBe(afterBurnIn("firmDefaults").reduce((a, b) => a + b));
    expect(summary.firmExits).toBe(afterBurnIn("firmExits").reduce((a, b) => a + b));
    expect(summary.bankFailures).toBe(afterBurnIn("bankFailures").reduce((a, b) => a + b));
    const phases = afterBurnIn("phase");
    expect(summary.phaseShare.positive).toBeCloseTo(phases.filter((p) => p > 0).length / 24, 12);
    expect(summary.phaseShare.negative).toBeCloseTo(phases.filter((p) => p < 0).length / 24, 12);
    const debt = data.govDebt as Float64Array;
    const gdp = data.gdpNominal as Float64Array;
    expect(summary.govDebtToGdpFinal).toBeCloseTo(debt[35] / gdp[35], 12);
    expect(Number.isInteger(summary.recessions)).toBe(true);
    expect(typeof summary.gdpRealGrowthYearly).toBe("number");
  });

  it("gives byte-identical outputs for the same seed", () => {
    for (const file of OUTPUTS) {
      expect(read(second, file).equals(read(first, file)), file).toBe(true);
    }
  });

  it("gives a different series for a different seed", () => {
    expect(read(otherSeed, "series.csv").equals(read(first, "series.csv"))).toBe(false);
    const manifest = JSON.parse(read(otherSeed, "manifest.json").toString("utf8"));
    expect(manifest.seed).toBe(8);
  });

  it("refuses to overwrite a completed run unless --overwrite is given", () => {
    const before = read(first, "manifest.json");
    const refused = spiral(["run", "configs/baseline.json", ...SMALL, "--out", first]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("--overwrite");
    expect(read(first, "manifest.json").equals(before)).toBe(true);

    const replaced = spiral([
      "run",
      "configs/baseline.json",
      ...SMALL,
      "--seed",
      "8",
      "--out",
      first,
      "--overwrite",
    ]);
    expect(replaced.status).toBe(0);
    expect(read(first, "series.csv").equals(read(otherSeed, "series.csv"))).toBe(true);
  });
});

describe("spiral run without --out", () => {
  it("writes to results/<name>-seed<seed>-<timestamp> under the working folder", () => {
    const cwd = scratch("cli-default-out");
    try {
      const result = spiral(["run", BASELINE, ...SMALL, "--seed", "5", "--quiet"], cwd);
      expect(result.status).toBe(0);
      const made = readdirSync(join(cwd, "results"));
      expect(made).toHaveLength(1);
      expect(made[0]).toMatch(/^baseline-seed5-\d{8}-\d{6}$/);
      expect(result.stdout.split("\n")[0]).toBe(`results: ${join("results", made[0])}`);
      expect(statSync(join(cwd, "results", made[0], "summary.json")).isFile()).toBe(true);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});

describe("spiral run interrupted", () => {
  it("on SIGINT leaves a failed manifest, no half-written outputs, and exits 130", async () => {
    const dir = scratch("cli-sigint");
    const out = join(dir, "run");
    try {
      const args = ["run", "configs/baseline.json", ...SMALL.slice(0, -2), "--ticks", "100000", "--out", out];
      const child = spawn(process.execPath, [LAUNCHER, ...args], {
        cwd: REPO,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (chunk) => {
        stderr += chunk;
      });
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      const manifestPath = join(out, "manifest.json");
      const deadline = Date.now() + 60_000;
      while (!existsSync(manifestPath) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 200));
      child.kill("SIGINT");
      expect(await exited).toBe(130);

      const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
      expect(manifest.status).toBe("failed");
      expect(manifest.error).toBe("interrupted");
      expect(manifest.ticks).toBeGreaterThan(0);
      expect(manifest.ticks).toBeLessThan(100000);
      expect(manifest.outputs).toEqual({});
      expect(readdirSync(out)).toEqual(["manifest.json"]);
      expect(stderr).toContain(`spiral: interrupted (SIGINT); ${out} holds a failed manifest`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
