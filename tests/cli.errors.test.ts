import { existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SMALL, scratch, spiral } from "./helpers/spiral.ts";

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
      "spiral: unknown command 'frobnicate' (commands: run, validate, facts, sweep, compare, merge, slurm, reproduce, report, plot)\n",
    );
  });

  it("no command shows the help on stderr", () => {
    const result = spiral([]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("Usage: spiral [options] [command]");
  });
});
