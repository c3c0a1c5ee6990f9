import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_INPUT_FILE_BYTES, MAX_NESTING_DEPTH, MAX_SWEEP_RUNS } from "../src/config/inputLimits.ts";
import { REPO, SMALL, scratch, spiral } from "./helpers/spiral.ts";

let root: string;
beforeAll(() => {
  root = scratch("cli-errors");
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** A config file in the scratch folder holding `text`. */
function configFile(name: string, text: string): string {
  const path = join(root, name);
  writeFileSync(path, text);
  return path;
}

/**
 * Runs `spiral run` with a fresh --out folder and checks the shape every bad
 * input must have: exit 2, one `spiral:` line per problem, no stack trace,
 * nothing on stdout, and no run folder left behind.
 */
function expectBadRun(args: string[]): string {
  const out = join(root, `out-${Math.random().toString(36).slice(2)}`);
  const result = spiral([...args, "--out", out]);
  expect(result.status, result.stderr).toBe(2);
  expect(result.stdout).toBe("");
  const lines = result.stderr.trimEnd().split("\n");
  for (const line of lines) expect(line).toMatch(/^spiral: /);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  return result.stderr;
}

describe("spiral run with bad input exits 2 and names the problem", () => {
  it("missing config file", () => {
    const missing = join(root, "no-such-config.json");
    expect(expectBadRun(["run", missing, ...SMALL])).toBe(`spiral: config file not found: ${missing}\n`);
  });

  it("malformed JSON, with line and column", () => {
    const file = configFile("malformed.json", '{\n  "name": "x",\n  "ticks": 12,,\n}\n');
    const stderr = expectBadRun(["run", file, ...SMALL]);
    expect(stderr).toContain(`${file}: invalid JSON at line 3`);
  });

  it("wrong type", () => {
    const file = configFile("wrong-type.json", '{ "households": { "count": "many" } }');
    const stderr = expectBadRun(["run", file]);
    expect(stderr).toBe(`spiral: ${file}: households.count: must be an integer (got string "many")\n`);
  });

  it("out-of-range value", () => {
    const file = configFile("out-of-range.json", '{ "households": { "count": 3 } }');
    const stderr = expectBadRun(["run", file]);
    expect(stderr).toContain(`${file}: households.count: must be ≥ 10 (got 3)`);
  });

  it("unknown key, with a suggestion", () => {
    const file = configFile("unknown-key.json", '{ "housholds": { "count": 300 } }');
    const stderr = expectBadRun(["run", file]);
    expect(stderr).toContain(`${file}: housholds: unknown key "housholds"`);
    expect(stderr).toContain('did you mean "households"');
  });

  it("bad --set path", () => {
    const stderr = expectBadRun(["run", "configs/baseline.json", "--set", "households.cout=300"]);
    expect(stderr).toContain("--set households.cout=300: households.cout: unknown parameter");
    expect(stderr).toContain('did you mean "households.count"');
  });

  it("bad --set value", () => {
    const stderr = expectBadRun(["run", "configs/baseline.json", "--set", "households.count=lots"]);
    expect(stderr).toContain("--set households.count=lots: households.count: must be an integer");
  });

  it("--set without '='", () => {
    const stderr = expectBadRun(["run", "configs/baseline.json", "--set", "households.count"]);
    expect(stderr).toContain('--set households.count: expected path.to.param=value (no "=" found)');
  });

  it("bad --seed value", () => {
    for (const bad of ["abc", "-3", "1.5", ""]) {
      const stderr = expectBadRun(["run", "configs/baseline.json", "--seed", bad]);
      expect(stderr).toBe(`spiral: --seed: must be a non-negative integer (got ${JSON.stringify(bad)})\n`);
    }
  });

  it("--seed out of the schema's range names --seed", () => {
    const stderr = expectBadRun(["run", "configs/baseline.json", "--seed", "4294967296"]);
    expect(stderr).toMatch(/^spiral: --seed 4294967296: seed: must be ≤ 4294967295/);
  });

  it("bad --ticks value", () => {
    expect(expectBadRun(["run", "configs/baseline.json", "--ticks", "ten"])).toContain("--ticks: must be");
    expect(expectBadRun(["run", "configs/baseline.json", "--ticks", "0"])).toMatch(
      /^spiral: --ticks 0: ticks: must be ≥ 1/,
    );
  });

  it("unknown flag", () => {
    const stderr = expectBadRun(["run", "configs/baseline.json", "--frobnicate"]);
    expect(stderr).toBe("spiral: unknown option '--frobnicate' (see spiral run --help)\n");
  });

  it("misspelt flag, with a suggestion", () => {
    const stderr = expectBadRun(["run", "configs/baseline.json", "--overwrit"]);
    expect(stderr).toContain("unknown option '--overwrit'");
    expect(stderr).toContain("did you mean --overwrite?");
  });

  it("missing and extra arguments", () => {
    expect(expectBadRun(["run"])).toContain("missing required argument 'config'");
    expect(expectBadRun(["run", "configs/baseline.json", "configs/schema.json"])).toContain(
      "too many arguments for 'run'",
    );
  });

  it("every problem of a config at once, one line each", () => {
    const file = configFile("two-problems.json", '{ "households": { "count": 3 }, "ticks": "long" }');
    const lines = expectBadRun(["run", file]).trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines.some((l) => l.includes("households.count"))).toBe(true);
    expect(lines.some((l) => l.includes("ticks"))).toBe(true);
  });
});

describe("spiral with a bad command", () => {
  it("unknown command, with a suggestion", () => {
    const result = spiral(["rn", "configs/baseline.json"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("spiral: unknown command 'rn' — did you mean run?\n");
  });

  it("unknown command without a close match lists the commands", () => {
    const result = spiral(["frobnicate"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      "spiral: unknown command 'frobnicate' (commands: run, validate, facts, sweep, compare, merge, slurm, calibrate, reproduce, report, plot)\n",
    );
  });

  it("no command shows the help on stderr", () => {
    const result = spiral([]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("Usage: spiral [options] [command]");
  });
});

/** `{"a":{"a":…1…}}`, `levels` objects deep. */
function nested(levels: number): string {
  return `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;
}

/** The dotted path of the first object too deep in nested(): a.a.a… (MAX_NESTING_DEPTH keys). */
const DEEP_PATH = Array(MAX_NESTING_DEPTH).fill("a").join(".");

/** A sweep file in the scratch folder over configs/baseline.json, with `extra` keys. */
function sweepFile(name: string, extra: Record<string, unknown>): string {
  return configFile(
    name,
    JSON.stringify({
      base: join(REPO, "configs", "baseline.json"),
      parameters: { "government.fiscalRuleStrength": { values: [0.02, 0.1] } },
      design: { type: "grid" },
      replications: 2,
      seed: 1,
      ...extra,
    }),
  );
}

/** `spiral sweep` of a bad sweep file: exit 2, `spiral:` lines only, and no sweep folder. */
function expectBadSweep(args: string[]): string {
  const out = join(root, `sweep-${Math.random().toString(36).slice(2)}`);
  const result = spiral(["sweep", ...args, "--out", out, "--quiet"]);
  expect(result.status, result.stderr).toBe(2);
  expect(result.stdout).toBe("");
  for (const line of result.stderr.trimEnd().split("\n")) expect(line).toMatch(/^spiral: /);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(existsSync(out)).toBe(false);
  return result.stderr;
}

describe("absurd input exits 2 naming the file, the place and the limit, and writes nothing", () => {
  it("a config nested 20 000 levels deep (not a stack overflow)", () => {
    const file = configFile("deep.json", nested(20_000));
    const stderr = expectBadRun(["run", file]);
    expect(stderr).toBe(
      `spiral: ${file}: ${DEEP_PATH}: objects and lists nested more than ${MAX_NESTING_DEPTH} levels deep; the limit is ${MAX_NESTING_DEPTH} levels (a config file nests a few)\n`,
    );
  });

  it("a config just within the depth limit gets the schema's message instead", () => {
    const file = configFile("deep-ok.json", nested(MAX_NESTING_DEPTH));
    const stderr = expectBadRun(["run", file]);
    expect(stderr).toContain(`${file}: a: unknown key "a"`);
  });

  it("a deep list inside a valid key, and a deep config reached by extends, name their place", () => {
    const parent = configFile(
      "deep-parent.json",
      `{"aiChain":{"computeContracts":[{"x":${"[".repeat(100)}${"]".repeat(100)}}]}}`,
    );
    const child = configFile("deep-child.json", JSON.stringify({ extends: parent }));
    const stderr = expectBadRun(["run", child]);
    expect(stderr).toMatch(
      new RegExp(
        `^spiral: ${parent}: aiChain\\.computeContracts\\[0\\]\\.x(\\[0\\]){60}: objects and lists nested more than ${MAX_NESTING_DEPTH} levels deep`,
      ),
    );
  });

  it("a --set value nested too deep", () => {
    const stderr = expectBadRun(["run", "configs/baseline.json", "--set", `households=${nested(200)}`]);
    expect(stderr).toContain(`--set households=`);
    expect(stderr).toContain(
      `nested more than ${MAX_NESTING_DEPTH} levels deep (counted from the config's top level)`,
    );
  });

  it("a config file larger than the size limit", () => {
    const padding = "x".repeat(MAX_INPUT_FILE_BYTES);
    const file = configFile("huge.json", JSON.stringify({ description: padding }));
    const stderr = expectBadRun(["run", file]);
    expect(stderr).toBe(
      `spiral: ${file}: the file is 4.0 MiB, more than the limit of 4.0 MiB for a config file\n`,
    );
  });

  it("a rate-path step dated outside the run, or not as YYYY-MM", () => {
    // The default run is 2025-01 to 2074-12 (startDate, ticks).
    const file = configFile(
      "path-outside.json",
      JSON.stringify({
        centralBank: {
          rule: "path",
          path: [
            { from: "2030-01", rateYearly: 0.03 },
            { from: "2024-12", rateYearly: 0.02 },
            { from: "2075-01", rateYearly: 0.01 },
          ],
        },
      }),
    );
    const stderr = expectBadRun(["run", file]);
    expect(stderr).toBe(
      `spiral: ${file}: centralBank.path[1].from: 2024-12 is outside the run; the run's months are 2025-01 to 2074-12 (startDate, ticks)\n` +
        `spiral: ${file}: centralBank.path[2].from: 2075-01 is outside the run; the run's months are 2025-01 to 2074-12 (startDate, ticks)\n`,
    );
    const tick = configFile(
      "path-tick.json",
      JSON.stringify({ centralBank: { path: [{ from: 121, rateYearly: 0.03 }] } }),
    );
    expect(expectBadRun(["run", tick])).toContain(`${tick}: centralBank.path[0].from: must be a string`);
  });

  it("lists longer than the schema's limits: rate path, overrides, contracts, stakes, backstops", () => {
    const many = (n: number, item: unknown) => Array.from({ length: n }, () => item);
    const cases: [string, unknown, string][] = [
      [
        "centralBank",
        { path: many(10_001, { from: "2025-01", rateYearly: 0.02 }) },
        "centralBank.path: must have at most 10000 items (got a list of 10001 items)",
      ],
      [
        "centralBank",
        { overrides: many(1001, { from: "2016-01", until: "2016-02", rateYearly: 0.02 }) },
        "centralBank.overrides: must have at most 1000 items (got a list of 1001 items)",
      ],
      [
        "aiChain",
        { computeContracts: many(1001, {}) },
        "aiChain.computeContracts: must have at most 1000 items (got a list of 1001 items)",
      ],
      [
        "aiChain",
        { equityStakes: many(1001, {}) },
        "aiChain.equityStakes: must have at most 1000 items (got a list of 1001 items)",
      ],
      [
        "aiChain",
        { backstops: many(101, {}) },
        "aiChain.backstops: must have at most 100 items (got a list of 101 items)",
      ],
    ];
    for (const [key, value, message] of cases) {
      const file = configFile(
        `long-${Object.keys(value as object)[0]}.json`,
        JSON.stringify({ [key]: value }),
      );
      expect(expectBadRun(["run", file]), message).toContain(`spiral: ${file}: ${message}`);
    }
  });

  it("a sweep file nested too deep, or too large", () => {
    const deep = configFile("deep-sweep.json", `{"overrides":${nested(100)}}`);
    expect(expectBadSweep([deep])).toMatch(
      new RegExp(
        `^spiral: ${deep}: overrides(\\.a){63}: objects and lists nested more than ${MAX_NESTING_DEPTH} levels deep`,
      ),
    );
    const huge = sweepFile("huge-sweep.json", { description: "x".repeat(MAX_INPUT_FILE_BYTES) });
    expect(expectBadSweep([huge])).toContain(
      `spiral: ${huge}: the file is 4.0 MiB, more than the limit of 4.0 MiB for a sweep file`,
    );
  });

  it("a sweep parameter with more values than the schema allows", () => {
    const values = Array.from({ length: 10_001 }, (_, i) => i / 1e5);
    const file = sweepFile("many-values.json", {
      parameters: { "government.fiscalRuleStrength": { values } },
      replications: 1,
    });
    expect(expectBadSweep([file])).toBe(
      `spiral: ${file}: parameters["government.fiscalRuleStrength"].values: must have at most 10000 item(s) (got a list of 10001 items)\n`,
    );
  });

  it(`a sweep of more than ${MAX_SWEEP_RUNS} runs needs --force`, () => {
    const file = sweepFile("too-many-runs.json", {
      parameters: { "government.fiscalRuleStrength": { range: [0, 0.5], levels: 200 } },
      replications: 60,
    });
    const message = `spiral: ${file}: design, replications: the sweep has 12000 runs (a grid of 200 points × 60 replications), more than the limit of ${MAX_SWEEP_RUNS} runs; check design.points, the parameters' values or levels and replications, or add --force to run it anyway\n`;
    expect(expectBadSweep([file])).toBe(message);
    const sobol = sweepFile("too-many-sobol.json", {
      parameters: {
        "government.fiscalRuleStrength": { range: [0, 0.5] },
        "banks.lossGivenDefault": { range: [0.2, 0.6] },
      },
      design: { type: "sobol", points: 1024 },
      replications: 3,
    });
    expect(expectBadSweep([sobol])).toContain(
      "the sweep has 12288 runs (a sobol design of 1024 × (2 parameters + 2) points × 3 replications)",
    );

    // `spiral slurm` refuses it too, and with --force passes --force on to the shards' sweep.
    const slurmOut = join(root, "slurm-too-many");
    const refused = spiral(["slurm", file, "--array", "4", "--out", slurmOut]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(message);
    const forced = spiral(["slurm", file, "--array", "4", "--out", slurmOut, "--force"]);
    expect(forced.stderr).toBe("");
    expect(forced.status).toBe(0);
    expect(forced.stdout).toMatch(
      / sweep \S+too-many-runs\.json --out \S+ --resume --workers 1 --force --quiet --no-report/,
    );
    expect(existsSync(slurmOut)).toBe(false);
  });
});

describe("--set into an item of a list", () => {
  it("sets one field of one item and leaves the rest of the list as the file has it", () => {
    const out = join(root, "set-index");
    const result = spiral([
      "run",
      "configs/scenarios/fed-hold-high.json",
      ...SMALL.slice(0, -1),
      "290", // the override's months (2025-11 to 2027-10, ticks 265–288 after the 22-year warm-up) must lie inside the run
      "--set",
      "centralBank.overrides[0].rateYearly=0.02",
      "--out",
      out,
      "--quiet",
      "--no-report",
    ]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const config = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")).config;
    expect(config.centralBank.overrides).toEqual([{ from: "2025-11", until: "2027-10", rateYearly: 0.02 }]);
  });

  it("a malformed index, an index past the end, or an index into a non-list exits 2 with the syntax that works", () => {
    const fed = "configs/scenarios/fed-hold-high.json";
    expect(expectBadRun(["run", fed, "--set", "centralBank.overrides[x].rateYearly=0.02"])).toBe(
      `spiral: --set centralBank.overrides[x].rateYearly=0.02: malformed list index in "centralBank.overrides[x].rateYearly": an index is a whole number from 0 in brackets right after the list's name, e.g. --set centralBank.overrides[0].rateYearly=0.02\n`,
    );
    expect(expectBadRun(["run", fed, "--set", "centralBank.overrides[3].rateYearly=0.02"])).toBe(
      "spiral: --set centralBank.overrides[3].rateYearly=0.02: centralBank.overrides[3]: no such item: centralBank.overrides has 1 item here (indexes 0 to 0); set an existing item, e.g. --set centralBank.overrides[0].rateYearly=…, or the whole list in a config file or with --set 'centralBank.overrides=[…]'\n",
    );
    expect(expectBadRun(["run", fed, "--set", "households[0].count=500"])).toBe(
      "spiral: --set households[0].count=500: households is not a list but a group of parameters: only lists take an index [n], e.g. --set households.count=…\n",
    );
    expect(expectBadRun(["run", fed, "--set", "centralBank.overrides.0.rateYearly=0.02"])).toContain(
      "centralBank.overrides is a list: index an item in brackets, e.g. --set centralBank.overrides[0].rateYearly=0.02",
    );
  });
});
