// `spiral compare` as a user runs it: two small scenario configs on the same
// seeds, the printed table, the files and the report; the same bytes for any
// worker count and after a resume; the same comparison from a sharded
// scenario sweep after `spiral merge`; bad input refused before anything is written.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chainStartTick } from "../src/config/calendar.ts";
import { loadConfig } from "../src/config/index.ts";
import { REPO, scratch, spiral } from "./helpers/spiral.ts";

let root: string;
let hold: string;
let cut: string;
/** The chain's first tick, 2025-11 (265 after baseline-2025's twenty-two-year warm-up). */
const CHAIN_START = chainStartTick(loadConfig(join(REPO, "configs/scenarios/baseline-2025.json")));
/** A small economy that reaches 15 months past the chain's start (a contract starts in 2027-01). */
const SMALL = {
  households: { count: 300 },
  firms: { consumption: { count: 10 }, capital: { count: 3 } },
  banks: { count: 2 },
  ticks: CHAIN_START + 14,
};

beforeAll(() => {
  root = scratch("compare-cli");
  hold = join(root, "hold.json");
  cut = join(root, "cut.json");
  for (const [file, scenario] of [
    [hold, "fed-hold-high"],
    [cut, "fed-cut"],
  ]) {
    writeFileSync(
      file,
      JSON.stringify({
        extends: join(REPO, "configs", "scenarios", `${scenario}.json`),
        name: scenario,
        ...SMALL,
      }),
    );
  }
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("spiral compare", () => {
  it("runs both arms on the same seeds and prints, writes and reports the paired comparison", () => {
    const out = join(root, "two-workers");
    const r = spiral(["compare", hold, cut, "--seeds", "3", "--workers", "2", "--out", out, "--quiet"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      "| measure (3 paired seeds) | A: fed-hold-high | B: fed-cut | B − A [95 % CI] |",
    );
    expect(r.stdout).toMatch(/\| Chain bust \(valuation drawdown ≥ 40 %\) \(< 10 runs\) \| \d+ % \[/);
    expect(r.stdout).toContain("warning: intervals rest on 3 runs per arm (fewer than 10)");
    expect(r.stdout).toContain("runs: 6 completed, 0 failed, of 6 (2 arms × 3 common seeds)");
    // Replication r has the same seed in both arms.
    const runs = readFileSync(join(out, "runs.csv"), "utf8").trim().split("\n").slice(1);
    const seeds = runs.map((line) => line.split(","));
    const header = readFileSync(join(out, "runs.csv"), "utf8").split("\n")[0].split(",");
    const [rep, seed, scenario] = ["replication", "seed", "scenario"].map((c) => header.indexOf(c));
    for (const row of seeds) {
      const twin = seeds.find((other) => other[rep] === row[rep] && other[scenario] !== row[scenario]);
      expect(twin?.[seed]).toBe(row[seed]);
    }
    const comparison = JSON.parse(readFileSync(join(out, "aggregates", "comparison.json"), "utf8"));
    expect(comparison.arms.map((a: { label: string }) => a.label)).toEqual(["fed-hold-high", "fed-cut"]);
    expect(comparison.arms[1].atChainStart.policyRate.median).toBe(0.03);
    expect(comparison.arms[0].atChainStart.policyRate.median).toBe(0.045);
    const csv = readFileSync(join(out, "aggregates", "comparison.csv"), "utf8");
    expect(csv.split("\n")[0]).toContain("differenceBminusA,differenceLower,differenceUpper,pValue");
    const pointB = comparison.arms[1].pointId;
    const diff = readFileSync(join(out, "aggregates", `difference-${pointB}.csv`), "utf8").split("\n");
    // Common random numbers: the arms' policy rates are equal until the chain's start, then differ.
    const cols = diff[0].split(",");
    const rate = cols.indexOf("policyRate_mean");
    expect(Number(diff[CHAIN_START - 1].split(",")[rate])).toBe(0);
    expect(Number(diff[CHAIN_START].split(",")[rate])).toBeCloseTo(0.03 - 0.045, 12);
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(r.stdout).toContain("report: ");
    // (The page is large: check for each piece rather than printing the page on failure.)
    for (const text of [
      "<h2>Outcomes</h2>",
      "At the chain's start, beside real 2025",
      "4.3–4.6 %",
      "Paired differences over time",
      'data-chart="arms-cdsIndexAiChainBp"',
      'data-chart="arms-marketCapAiChain"',
      'data-chart="difference-policyRate-1"',
    ])
      expect(html.includes(text), text).toBe(true);
    // An override as JSON ([{"from":"2025-11", …) would be a parameter value shown raw.
    expect(/\[\{(&quot;|")from(&quot;|"):(&quot;|")\d{4}-\d\d/.test(html), "parameter values as JSON").toBe(
      false,
    );

    // `spiral plot` names the comparison's figures by what they show.
    const plotted = spiral(["plot", out, "--out", join(root, "figures"), "--no-png"]);
    expect(plotted.status, plotted.stderr).toBe(0);
    const names = plotted.stdout
      .trim()
      .split("\n")
      .map((p) => p.slice(p.lastIndexOf("/") + 1));
    for (const name of [
      "outcome-differences.svg",
      "arms-cdsIndexAiChainBp.svg",
      "difference-policyRate-fed-cut-vs-fed-hold-high.svg",
    ])
      expect(names).toContain(name);
    expect(names.filter((n) => /p[0-9a-f]{12}/.test(n))).toEqual([]);

    // A run of the comparison says what it is, and its reproduce hint works from where the user stands.
    const runId = `${pointB}-r1`;
    const info = JSON.parse(readFileSync(join(out, "runs", runId, "sweep-point.json"), "utf8"));
    expect(info.labels).toEqual({ scenario: "fed-cut" });
    expect(info.reproduce).toBe(`spiral reproduce ${join(out, "runs", runId)}`);
    expect(spiral(["report", join(out, "runs", runId)]).status).toBe(0);
    const runHtml = readFileSync(join(out, "runs", runId, "report.html"), "utf8");
    expect(
      runHtml.includes("Run 1 of sweep compare-fed-hold-high-vs-fed-cut at scenario fed-cut (common seeds)"),
    ).toBe(true);
    expect(runHtml.includes(`npx ${info.reproduce}`)).toBe(true);
    const again = spiral(info.reproduce.split(" ").slice(1).concat("--quiet"));
    expect(again.stdout, again.stderr).toMatch(/^identical: /);

    // One worker, and a resume that finds nothing to do: the same bytes.
    const one = join(root, "one-worker");
    expect(
      spiral(["compare", hold, cut, "--seeds", "3", "--workers", "1", "--out", one, "--quiet", "--no-report"])
        .status,
    ).toBe(0);
    for (const file of [
      "runs.csv",
      "aggregates/comparison.json",
      "aggregates/comparison.csv",
      `aggregates/difference-${pointB}.csv`,
    ]) {
      expect(readFileSync(join(one, file), "utf8"), file).toBe(readFileSync(join(out, file), "utf8"));
    }
    const resumed = spiral([
      "compare",
      hold,
      cut,
      "--seeds",
      "3",
      "--out",
      one,
      "--quiet",
      "--no-report",
      "--resume",
    ]);
    expect(resumed.status).toBe(0);
    expect(readFileSync(join(one, "aggregates", "comparison.json"), "utf8")).toBe(
      readFileSync(join(out, "aggregates", "comparison.json"), "utf8"),
    );
  }, 180_000);

  it("gives the same comparison from a scenario sweep run in two shards and merged", () => {
    const dir = join(root, "sharded");
    const file = join(root, "scenarios.json");
    writeFileSync(file, JSON.stringify({ scenarios: [hold, cut], replications: 3, seed: 1, keep: "series" }));
    for (const shard of ["0/2", "1/2"]) {
      const r = spiral(["sweep", file, "--shard", shard, "--out", dir, "--quiet", "--workers", "1"]);
      expect(r.status, r.stderr).toBe(0);
    }
    const merged = spiral(["merge", dir]);
    expect(merged.status, merged.stderr).toBe(0);
    expect(merged.stdout).toContain("report: ");
    const viaCompare = JSON.parse(
      readFileSync(join(root, "two-workers", "aggregates", "comparison.json"), "utf8"),
    );
    const viaSweep = JSON.parse(readFileSync(join(dir, "aggregates", "comparison.json"), "utf8"));
    expect({ ...viaSweep, sweep: "" }).toEqual({ ...viaCompare, sweep: "" });
    expect(readFileSync(join(dir, "report.html"), "utf8")).toContain("· comparison");
  }, 180_000);

  it("refuses bad input with a clear line and exit 2, writing nothing", () => {
    const out = join(root, "never");
    const cases: [string[], RegExp][] = [
      [[hold], /compare needs at least two config files \(got 1\)/],
      [[hold, join(root, "missing.json")], /config file not found: .*missing\.json/],
      [[hold, cut, "--bust-threshold", "0"], /--bust-threshold: must be a share in \(0, 1\]/],
      [[hold, cut, "--seeds", "0"], /--seeds: must be a positive integer/],
      [[hold, hold], /two scenarios are named "hold"/],
    ];
    for (const [args, message] of cases) {
      const r = spiral(["compare", ...args, "--out", out]);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
    mkdirSync(out);
    writeFileSync(join(out, "x.txt"), "x");
    const busy = spiral(["compare", hold, cut, "--seeds", "2", "--out", out]);
    expect(busy.status).toBe(2);
    expect(busy.stderr).toMatch(/not empty and holds no Spiral sweep/);
  }, 60_000);
});
