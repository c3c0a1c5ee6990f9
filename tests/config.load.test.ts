// loadConfig: files, extends chains, --set overrides, and the InputErrors a
// user sees for each kind of mistake (naming the file or --set, the dotted
// path, and the problem).
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultConfig, loadConfig, validateConfigObject } from "../src/config/index.ts";
import { InputError } from "../src/errors.ts";

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "spiral-config-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Writes a fixture file under the temp folder and returns its full path. */
function write(name: string, content: unknown): string {
  const path = join(dir, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return path;
}

/** Runs `fn`, which must throw an InputError, and returns it. */
function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).exitCode).toBe(2);
    return err as InputError;
  }
  throw new Error("expected an InputError, but nothing was thrown");
}

describe("loading a file", () => {
  it("overrides only what the file names and fills the rest from defaults", () => {
    const file = write("run.json", {
      $schema: "../configs/schema.json",
      name: "small",
      households: { count: 500 },
      firms: { consumption: { count: 20 } },
    });
    const config = loadConfig(file);
    const expected = defaultConfig();
    expected.name = "small";
    expected.households.count = 500;
    expected.firms.consumption.count = 20;
    expect(config).toEqual(expected);
    expect(config).not.toHaveProperty("$schema");
  });

  it("accepts a file that starts with a byte-order mark", () => {
    const file = write("bom.json", `\uFEFF${JSON.stringify({ seed: 9 })}`);
    expect(loadConfig(file).seed).toBe(9);
  });

  it("returns a fresh object on every call", () => {
    const file = write("run.json", { centralBank: { path: [{ from: "2025-03", rateYearly: 0.02 }] } });
    const a = loadConfig(file);
    a.centralBank.path[0].rateYearly = 0.3;
    a.households.count = 11;
    const b = loadConfig(file);
    expect(b.centralBank.path[0].rateYearly).toBe(0.02);
    expect(b.households.count).toBe(10000);
  });
});

describe("extends", () => {
  it("resolves a chain relative to each file's folder: objects merge, lists and values replace", () => {
    write("base.json", {
      name: "base",
      seed: 1,
      households: { count: 100, mpcIncomeMax: 0.9 },
      centralBank: {
        rule: "path",
        path: [
          { from: "2025-01", rateYearly: 0.05 },
          { from: "2025-12", rateYearly: 0.03 },
        ],
      },
    });
    write("scenarios/mid.json", {
      extends: "../base.json",
      seed: 2,
      households: { mpcIncomeMax: 0.8 },
      banks: { count: 3 },
    });
    const child = write("scenarios/deep/child.json", {
      $schema: "../../schema.json",
      extends: "../mid.json",
      name: "child",
      households: { count: 200 },
      centralBank: { path: [{ from: "2025-06", rateYearly: 0.01 }] },
    });

    const config = loadConfig(child);
    expect(config.name).toBe("child");
    expect(config.seed).toBe(2); // mid over base
    expect(config.households.count).toBe(200); // child over base
    expect(config.households.mpcIncomeMax).toBe(0.8); // mid over base, kept through child's households
    expect(config.households.mpcIncomeMin).toBe(defaultConfig().households.mpcIncomeMin); // default
    expect(config.banks.count).toBe(3);
    expect(config.centralBank.rule).toBe("path"); // base, merged under child's centralBank
    expect(config.centralBank.path).toEqual([{ from: "2025-06", rateYearly: 0.01 }]); // replaced, not merged
    expect(config).not.toHaveProperty("extends");
    expect(config).not.toHaveProperty("$schema");
  });

  it("a cycle is an error listing the chain", () => {
    const a = write("a.json", { extends: "b.json", seed: 1 });
    write("b.json", { extends: "sub/c.json" });
    write("sub/c.json", { extends: "../a.json" });
    const err = inputError(() => loadConfig(a));
    expect(err.message).toContain("extends cycle");
    expect(err.message).toContain(`${a} → ${join(dir, "b.json")} → ${join(dir, "sub/c.json")} → ${a}`);
  });

  it("a file extending itself is a cycle", () => {
    const a = write("self.json", { extends: "./self.json" });
    expect(inputError(() => loadConfig(a)).message).toMatch(/extends cycle: .*self\.json → .*self\.json/);
  });

  it("a missing parent names both files", () => {
    const child = write("child.json", { extends: "nope/base.json" });
    const err = inputError(() => loadConfig(child));
    expect(err.message).toContain(`config file not found: ${join(dir, "nope/base.json")}`);
    expect(err.message).toContain(child);
    expect(err.file).toBe(child);
  });

  it("extends must be a string", () => {
    const child = write("child.json", { extends: 5 });
    const err = inputError(() => loadConfig(child));
    expect(err.message).toContain(child);
    expect(err.message).toContain("extends: must be the path of another config file (got number 5)");
  });

  it("an invalid value inherited from a parent is blamed on the parent", () => {
    const base = write("base.json", { households: { count: 3 } });
    const child = write("child.json", { extends: "base.json", ticks: 0 });
    const err = inputError(() => loadConfig(child));
    const lines = err.message.split("\n");
    expect(lines).toContain(
      `${base}: households.count: must be ≥ 10 (got 3); allowed range 10 to 500000000 households`,
    );
    expect(lines).toContain(`${child}: ticks: must be ≥ 1 (got 0); allowed range 1 to 100000 months`);
  });

  it("a child that fixes a parent's bad value is valid", () => {
    write("base.json", { households: { count: 3 } });
    const child = write("child.json", { extends: "base.json", households: { count: 30 } });
    expect(loadConfig(child).households.count).toBe(30);
  });
});

describe("file errors", () => {
  it("missing file", () => {
    const file = join(dir, "missing.json");
    const err = inputError(() => loadConfig(file));
    expect(err.message).toBe(`config file not found: ${file}`);
    expect(err.file).toBe(file);
  });

  it("a folder instead of a file", () => {
    const err = inputError(() => loadConfig(dir));
    expect(err.message).toContain(`not a file: ${dir}`);
  });

  it.skipIf(process.getuid?.() === 0)("unreadable file", () => {
    const file = write("locked.json", {});
    chmodSync(file, 0o000);
    expect(inputError(() => loadConfig(file)).message).toContain(
      `cannot read config file ${file}: permission denied`,
    );
  });

  it("malformed JSON names the file, line and column", () => {
    const file = write("bad.json", '{\n  "seed": 5,\n  "ticks": 10,\n}\n');
    const err = inputError(() => loadConfig(file));
    expect(err.message).toBe(`${file}: invalid JSON at line 4, column 1: trailing comma before '}'`);
  });

  it("malformed JSON deeper in: missing comma", () => {
    const file = write("bad.json", '{\n  "households": {\n    "count": 5\n    "mpcIncomeMax": 0.5\n  }\n}');
    const err = inputError(() => loadConfig(file));
    expect(err.message).toContain(`${file}: invalid JSON at line 4, column 5: expected ',' or '}'`);
  });

  it("an empty file is malformed JSON", () => {
    const file = write("empty.json", "");
    expect(inputError(() => loadConfig(file)).message).toContain(
      "line 1, column 1: expected a value, found end of file",
    );
  });

  it("a file that is not a JSON object", () => {
    const file = write("list.json", "[1, 2]");
    const err = inputError(() => loadConfig(file));
    expect(err.message).toBe(`${file}: a config file must hold a JSON object { … } (got a list of 2 items)`);
  });
});

describe("validation errors", () => {
  it("wrong type", () => {
    const file = write("c.json", { households: { mpcIncomeMax: "abc" } });
    const err = inputError(() => loadConfig(file));
    expect(err.message).toBe(`${file}: households.mpcIncomeMax: must be a number (got string "abc")`);
    expect(err.file).toBe(file);
    expect(err.jsonPath).toBe("/households/mpcIncomeMax");
  });

  it("a number written as a string gets a hint; a fraction where an integer is required", () => {
    const file = write("c.json", { seed: "5", households: { count: 10.5 } });
    const lines = inputError(() => loadConfig(file)).message.split("\n");
    expect(lines).toContain(`${file}: seed: must be an integer (got string "5"); write it without quotes`);
    expect(lines).toContain(`${file}: households.count: must be an integer (got number 10.5)`);
  });

  it("a group given as a single value", () => {
    const file = write("c.json", { households: 5 });
    expect(inputError(() => loadConfig(file)).message).toBe(
      `${file}: households: must be an object (got number 5)`,
    );
  });

  it("out of range, below and above", () => {
    const file = write("c.json", { households: { count: 3 }, centralBank: { smoothing: 1.5 } });
    const lines = inputError(() => loadConfig(file)).message.split("\n");
    expect(lines).toEqual([
      `${file}: households.count: must be ≥ 10 (got 3); allowed range 10 to 500000000 households`,
      `${file}: centralBank.smoothing: must be ≤ 1 (got 1.5); allowed range 0 to 1 share`,
    ]);
  });

  it("unknown key at the top level, with a suggestion among the top-level keys", () => {
    const file = write("c.json", { houshold: { count: 20 } });
    const err = inputError(() => loadConfig(file));
    expect(err.message).toBe(`${file}: houshold: unknown key "houshold" — did you mean "households"?`);
    expect(err.jsonPath).toBe("/houshold");
  });

  it("unknown nested keys, with suggestions among the keys at that level", () => {
    const file = write("c.json", {
      households: { cout: 20 },
      firms: { consumption: { laborProductivty: 1 } },
      banks: { count: 2, zzzzzz: 1 },
    });
    const lines = inputError(() => loadConfig(file)).message.split("\n");
    expect(lines).toContain(`${file}: households.cout: unknown key "cout" — did you mean "count"?`);
    expect(lines).toContain(
      `${file}: firms.consumption.laborProductivty: unknown key "laborProductivty" — did you mean "laborProductivity"?`,
    );
    const noGuess = lines.find((l) => l.includes('"zzzzzz"'));
    expect(noGuess).toMatch(
      /^.*banks\.zzzzzz: unknown key "zzzzzz" \(allowed keys: count, capitalRequirement, /,
    );
  });

  it("an unknown key inside a list item", () => {
    const file = write("c.json", { centralBank: { path: [{ from: "2025-02", rate: 0.01 }] } });
    expect(inputError(() => loadConfig(file)).message).toContain(
      `${file}: centralBank.path[0].rate: unknown key "rate" — did you mean "rateYearly"?`,
    );
  });

  it("bad enum value lists the allowed values", () => {
    const file = write("c.json", { centralBank: { rule: "tailor" } });
    expect(inputError(() => loadConfig(file)).message).toBe(
      `${file}: centralBank.rule: must be one of "taylor", "path" (got string "tailor") — did you mean "taylor"?`,
    );
  });

  it("bad pattern names the expected form", () => {
    const file = write("c.json", { startDate: "2025-13" });
    expect(inputError(() => loadConfig(file)).message).toContain(
      `${file}: startDate: must have the form YYYY-MM (pattern`,
    );
  });

  it("reports every problem, one per line", () => {
    const file = write("c.json", {
      ticks: -1,
      households: { count: "many", cout: 2 },
      centralBank: { rule: 1 },
    });
    const err = inputError(() => loadConfig(file));
    const lines = err.message.split("\n");
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line.startsWith(`${file}: `)).toBe(true);
    expect(err.message).toContain("ticks: must be ≥ 1 (got -1)");
    expect(err.message).toContain('households.count: must be an integer (got string "many")');
    expect(err.message).toContain('households.cout: unknown key "cout"');
    expect(err.message).toContain("centralBank.rule: must be a string (got number 1)");
  });

  it("a key named __proto__ is an unknown key, not a prototype", () => {
    const file = write("c.json", '{"__proto__": {"polluted": 1}, "households": {"__proto__": {"count": 3}}}');
    const lines = inputError(() => loadConfig(file)).message.split("\n");
    expect(lines).toContain(`${file}: __proto__: unknown key "__proto__" (allowed keys: ${topKeys()})`);
    expect(lines.some((l) => l.startsWith(`${file}: households.__proto__: unknown key`))).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

function topKeys(): string {
  return ["$schema", "extends", ...Object.keys(defaultConfig())].join(", ");
}

describe("--set", () => {
  it("sets a nested number and a boolean, after the files", () => {
    write("base.json", { firms: { consumption: { count: 50 } } });
    const file = write("c.json", { extends: "base.json", government: { depositInsurance: true } });
    const config = loadConfig(file, {
      sets: ["firms.consumption.count=75", "government.depositInsurance=false", "scale.usHouseholds=1.5e6"],
    });
    expect(config.firms.consumption.count).toBe(75);
    expect(config.firms.capital.count).toBe(0); // the default: scale with households
    expect(config.government.depositInsurance).toBe(false);
    expect(config.scale.usHouseholds).toBe(1.5e6);
  });

  it("later sets win; a group set merges; a list set replaces", () => {
    const file = write("c.json", { households: { count: 20, mpcIncomeMax: 0.9 } });
    const config = loadConfig(file, {
      sets: [
        "households.count=30",
        'households={"count": 40}',
        'centralBank.path=[{"from": "2025-03", "rateYearly": 0.02}]',
      ],
    });
    expect(config.households.count).toBe(40);
    expect(config.households.mpcIncomeMax).toBe(0.9);
    expect(config.centralBank.path).toEqual([{ from: "2025-03", rateYearly: 0.02 }]);
  });

  it("a value that is not JSON is a string; a string parameter takes the text as written", () => {
    const file = write("c.json", {});
    const config = loadConfig(file, {
      sets: ["startDate=2030-06", "name=2025", "centralBank.rule=path", "description=a = b"],
    });
    expect(config.startDate).toBe("2030-06");
    expect(config.name).toBe("2025");
    expect(config.centralBank.rule).toBe("path");
    expect(config.description).toBe("a = b");
  });

  it("an unknown path gets a suggestion and names the --set", () => {
    const file = write("c.json", {});
    for (const [set, guess] of [
      ["housholds.count=5", "households.count"],
      ["households.cout=5", "households.count"],
      ["Households.Count=5", "households.count"],
      ["firms.consumer.count=5", "firms.consumption.count"],
      ["mpcWealthYearly=0.1", "households.mpcWealthYearly"],
    ]) {
      const err = inputError(() => loadConfig(file, { sets: [set] }));
      const path = set.slice(0, set.indexOf("="));
      expect(err.message).toBe(`--set ${set}: ${path}: unknown parameter — did you mean "${guess}"?`);
      expect(err.file).toBe(`--set ${set}`);
    }
  });

  it("an unknown path with no close match says where the parameters are listed", () => {
    const err = inputError(() => loadConfig(write("c.json", {}), { sets: ["qqqqqqq=1"] }));
    expect(err.message).toBe(
      "--set qqqqqqq=1: qqqqqqq: unknown parameter (the parameters are listed in configs/schema.json)",
    );
  });

  it("a dotted path into a list shows the bracket syntax and the whole-list one", () => {
    const err = inputError(() =>
      loadConfig(write("c.json", {}), { sets: ["centralBank.path.0.rateYearly=0.1"] }),
    );
    expect(err.message).toBe(
      `--set centralBank.path.0.rateYearly=0.1: centralBank.path is a list: index an item in brackets, e.g. --set centralBank.path[0].rateYearly=0.1, or set the list as a whole, e.g. --set 'centralBank.path=[...]' (got "centralBank.path.0.rateYearly")`,
    );
  });

  describe("into an item of a list", () => {
    const overrides = [
      { from: "2025-03", until: "2025-08", rateYearly: 0.045 },
      { from: "2026-06", until: "2027-03", rateYearly: 0.01 },
    ];

    it("sets a field of one item, or a whole item, keeping the other items; later sets see earlier ones", () => {
      const base = write("base.json", { centralBank: { overrides } });
      const file = write("c.json", { extends: "base.json" });
      expect(base).toContain("base.json");
      const config = loadConfig(file, {
        sets: [
          "centralBank.overrides[1].rateYearly=0.02",
          'centralBank.overrides[0]={"from": "2025-05", "until": "2025-06", "rateYearly": 0}',
          "centralBank.overrides[1].from=2026-09",
        ],
      });
      expect(config.centralBank.overrides).toEqual([
        { from: "2025-05", until: "2025-06", rateYearly: 0 },
        { from: "2026-09", until: "2027-03", rateYearly: 0.02 },
      ]);
    });

    it("indexes the schema's default list (the chain's firms) when no file sets it", () => {
      const config = loadConfig(write("c.json", {}), { sets: ["aiChain.firms[1].name=cloudCo"] });
      expect(config.aiChain.firms[1].name).toBe("cloudCo");
      expect(config.aiChain.firms.length).toBe(defaultConfig().aiChain.firms.length);
    });

    it("a bad value in the item is blamed on the --set with its place", () => {
      const file = write("c.json", { centralBank: { overrides } });
      const err = inputError(() => loadConfig(file, { sets: ["centralBank.overrides[0].from=2016-13"] }));
      expect(err.message).toContain(
        "--set centralBank.overrides[0].from=2016-13: centralBank.overrides[0].from: must have the form YYYY-MM",
      );
      expect(err.file).toBe("--set centralBank.overrides[0].from=2016-13");
    });

    it("past the end of the list, or into an empty one", () => {
      const file = write("c.json", { centralBank: { overrides } });
      const past = inputError(() => loadConfig(file, { sets: ["centralBank.overrides[2].rateYearly=0"] }));
      expect(past.message).toBe(
        "--set centralBank.overrides[2].rateYearly=0: centralBank.overrides[2]: no such item: centralBank.overrides has 2 items here (indexes 0 to 1); set an existing item, e.g. --set centralBank.overrides[0].rateYearly=…, or the whole list in a config file or with --set 'centralBank.overrides=[…]'",
      );
      expect(past.jsonPath).toBe("/centralBank/overrides/2");
      const empty = inputError(() =>
        loadConfig(write("e.json", {}), { sets: ["centralBank.path[0].rateYearly=0"] }),
      );
      expect(empty.message).toBe(
        "--set centralBank.path[0].rateYearly=0: centralBank.path[0]: no such item: centralBank.path is empty here; set the whole list in a config file or with --set 'centralBank.path=[…]'",
      );
    });

    it("malformed indexes show the form that works", () => {
      for (const bad of [
        "overrides[x]",
        "overrides[-1]",
        "overrides[]",
        "overrides[01]",
        "overrides[0",
        "overrides0]",
      ]) {
        const set = `centralBank.${bad}.rateYearly=0.02`;
        const err = inputError(() => loadConfig(write("c.json", {}), { sets: [set] }));
        expect(err.message).toBe(
          `--set ${set}: malformed list index in "centralBank.${bad}.rateYearly": an index is a whole number from 0 in brackets right after the list's name, e.g. --set centralBank.overrides[0].rateYearly=0.02`,
        );
      }
    });

    it("an index into a group or a single value, and an unknown key in an item", () => {
      const notList = write("n.json", { centralBank: { overrides: 5 } });
      expect(
        inputError(() => loadConfig(notList, { sets: ["centralBank.overrides[0].rateYearly=1"] })).message,
      ).toBe(
        "--set centralBank.overrides[0].rateYearly=1: centralBank.overrides is not a list here (got number 5)",
      );
      const file = write("c.json", {});
      expect(inputError(() => loadConfig(file, { sets: ["households[0].count=5"] })).message).toBe(
        "--set households[0].count=5: households is not a list but a group of parameters: only lists take an index [n], e.g. --set households.count=…",
      );
      expect(inputError(() => loadConfig(file, { sets: ["households.count[0]=5"] })).message).toBe(
        "--set households.count[0]=5: households.count is not a list but a single value (integer): only lists take an index [n]",
      );
      expect(
        inputError(() => loadConfig(file, { sets: ["centralBank.overrides[0].rateYearl=1"] })).message,
      ).toBe(
        '--set centralBank.overrides[0].rateYearl=1: centralBank.overrides[0].rateYearl: unknown key "rateYearl" in an item of centralBank.overrides — did you mean "rateYearly"?',
      );
    });
  });

  it("extends cannot be set", () => {
    const err = inputError(() => loadConfig(write("c.json", {}), { sets: ["extends=base.json"] }));
    expect(err.message).toContain("cannot be set with --set");
  });

  it("a value of the wrong type names the --set, the path and the problem", () => {
    const file = write("c.json", {});
    const err = inputError(() => loadConfig(file, { sets: ["households.count=abc"] }));
    expect(err.message).toBe(
      '--set households.count=abc: households.count: must be an integer (got string "abc")',
    );
    expect(err.file).toBe("--set households.count=abc");
    expect(err.jsonPath).toBe("/households/count");
  });

  it("an out-of-range value is blamed on the --set, not the file", () => {
    const file = write("c.json", { households: { count: 50 } });
    const err = inputError(() => loadConfig(file, { sets: ["households.count=2"] }));
    expect(err.message).toBe(
      "--set households.count=2: households.count: must be ≥ 10 (got 2); allowed range 10 to 500000000 households",
    );
  });

  it("a set without '=' is an error", () => {
    const err = inputError(() => loadConfig(write("c.json", {}), { sets: ["foo"] }));
    expect(err.message).toBe('--set foo: expected path.to.param=value (no "=" found)');
    expect(err.file).toBe("--set foo");
  });

  it("an empty path is an error", () => {
    expect(inputError(() => loadConfig(write("c.json", {}), { sets: ["=5"] })).message).toContain(
      "missing the parameter path",
    );
  });

  it("every bad set is reported at once", () => {
    const err = inputError(() =>
      loadConfig(write("c.json", {}), { sets: ["foo", "seed=3", "housholds.count=5"] }),
    );
    const lines = err.message.split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain("--set foo:");
    expect(lines[1]).toContain("--set housholds.count=5:");
  });

  it("does not change the caller's list of sets", () => {
    const sets = ["seed=4"];
    loadConfig(write("c.json", {}), { sets });
    expect(sets).toEqual(["seed=4"]);
  });
});

describe("validateConfigObject", () => {
  it("fills defaults into a fresh object and leaves the caller's object alone", () => {
    const input = {
      $schema: "x",
      households: { count: 20 },
      centralBank: { path: [{ from: "2025-02", rateYearly: 0 }] },
    };
    const before = structuredClone(input);
    const config = validateConfigObject(input, "sweep run 3");
    expect(input).toEqual(before);
    expect(config.households.count).toBe(20);
    expect(config.households.mpcIncomeMax).toBe(0.95);
    expect(config).not.toHaveProperty("$schema");
    config.centralBank.path[0].rateYearly = 0.5;
    expect(input.centralBank.path[0].rateYearly).toBe(0);
  });

  it("names the given source label in errors", () => {
    const err = inputError(() => validateConfigObject({ households: { count: 1 } }, "sweeps/s.json run 7"));
    expect(err.message).toBe(
      "sweeps/s.json run 7: households.count: must be ≥ 10 (got 1); allowed range 10 to 500000000 households",
    );
    expect(err.file).toBe("sweeps/s.json run 7");
  });

  it("refuses an unresolved extends", () => {
    expect(inputError(() => validateConfigObject({ extends: "base.json" }, "obj")).message).toContain(
      "only a config file may extend another",
    );
  });

  it("rejects a non-object", () => {
    expect(inputError(() => validateConfigObject([], "obj")).message).toBe(
      "obj: (top level): must be an object (got a list of 0 items)",
    );
  });
});

describe("aiChain.firmOverrides", () => {
  const names = defaultConfig().aiChain.firms.map((f) => f.name);
  const listed = `aiChain.firms: ${names.join(", ")}`;
  /** The default firm list with `changes` (firm name → fields) made. */
  const defaultsWith = (changes: Record<string, Record<string, unknown>>) =>
    defaultConfig().aiChain.firms.map((f) => ({ ...f, ...(changes[f.name] ?? {}) }));

  it("replaces the named fields of the named firm; every other firm and field keeps its default", () => {
    const file = write("c.json", {
      aiChain: { firmOverrides: { hyperA: { marketCapUsdBn: 2280, analogue: "an incumbent carrier" } } },
    });
    const config = loadConfig(file);
    expect(config.aiChain.firms).toEqual(
      defaultsWith({ hyperA: { marketCapUsdBn: 2280, analogue: "an incumbent carrier" } }),
    );
    expect(config.aiChain.firms[1].marketCapUsdBn).toBe(2280);
    expect(config.aiChain.firms[1].marketCapUsdBn).not.toBe(defaultConfig().aiChain.firms[1].marketCapUsdBn);
    // The resolved config keeps the overrides; a config without any has none.
    expect(config.aiChain.firmOverrides).toEqual({
      hyperA: { marketCapUsdBn: 2280, analogue: "an incumbent carrier" },
    });
    expect(defaultConfig().aiChain.firmOverrides).toEqual({});
  });

  it("merges across extends: a child's override of a firm merges key by key with its parent's", () => {
    write("base.json", {
      aiChain: {
        firmOverrides: { hyperA: { marketCapUsdBn: 100, analogue: "parent" }, labA: { cashUsdBn: 5 } },
      },
    });
    const child = write("child.json", {
      extends: "base.json",
      aiChain: { firmOverrides: { hyperA: { analogue: "child" }, chipCo: { grossMargin: 0.5 } } },
    });
    expect(loadConfig(child).aiChain.firms).toEqual(
      defaultsWith({
        hyperA: { marketCapUsdBn: 100, analogue: "child" },
        labA: { cashUsdBn: 5 },
        chipCo: { grossMargin: 0.5 },
      }),
    );
  });

  it("applies to the list as the layers left it: a list a child replaced, and wins over the list's own value", () => {
    const [chipCo, hyperA] = defaultConfig().aiChain.firms;
    write("base.json", { aiChain: { firmOverrides: { hyperA: { marketCapUsdBn: 100 } } } });
    const child = write("child.json", {
      extends: "base.json",
      aiChain: { firms: [{ ...hyperA, marketCapUsdBn: 7 }, chipCo] },
    });
    expect(loadConfig(child).aiChain.firms).toEqual([{ ...hyperA, marketCapUsdBn: 100 }, chipCo]);
    // The same when the list comes from --set (an item of the default list).
    const set = loadConfig(write("c.json", {}), {
      sets: ["aiChain.firms[1].marketCapUsdBn=7", "aiChain.firmOverrides.hyperA.cashUsdBn=1"],
    });
    expect(set.aiChain.firms[1]).toEqual({ ...hyperA, marketCapUsdBn: 7, cashUsdBn: 1 });
  });

  it("refuses a --set into a firm's field that an override also sets (the override would silently win)", () => {
    const hyperA = defaultConfig().aiChain.firms[1];
    const file = write("c.json", { aiChain: { firmOverrides: { hyperA: { marketCapUsdBn: 2280 } } } });
    const set = "aiChain.firms[1].marketCapUsdBn=7";
    const err = inputError(() => loadConfig(file, { sets: [set] }));
    expect(err.message).toBe(
      `--set ${set}: aiChain.firms[1].marketCapUsdBn: ${file} sets aiChain.firmOverrides.hyperA.marketCapUsdBn, which is applied after every --set and would replace this value; set --set aiChain.firmOverrides.hyperA.marketCapUsdBn=… instead`,
    );
    expect(err.jsonPath).toBe("/aiChain/firms/1/marketCapUsdBn");
    // The whole item is refused too; a field the override leaves alone is taken.
    const whole = `aiChain.firms[1]=${JSON.stringify({ ...hyperA, cashUsdBn: 3 })}`;
    expect(inputError(() => loadConfig(file, { sets: [whole] })).message).toContain(
      "sets aiChain.firmOverrides.hyperA.marketCapUsdBn",
    );
    const other = loadConfig(file, { sets: ["aiChain.firms[1].cashUsdBn=7"] }).aiChain.firms[1];
    expect(other).toEqual({ ...hyperA, marketCapUsdBn: 2280, cashUsdBn: 7 });
  });

  it("an override naming a firm the replaced list no longer has is blamed on the file that wrote it", () => {
    const [chipCo, hyperA] = defaultConfig().aiChain.firms;
    const base = write("base.json", { aiChain: { firmOverrides: { hyperB: { cashUsdBn: 1 } } } });
    const child = write("child.json", { extends: "base.json", aiChain: { firms: [chipCo, hyperA] } });
    const err = inputError(() => loadConfig(child));
    expect(err.message).toBe(
      `${base}: aiChain.firmOverrides.hyperB: no AI-chain firm is named "hyperB" — did you mean "hyperA"? (aiChain.firms: chipCo, hyperA)`,
    );
    expect(err.file).toBe(base);
    expect(err.jsonPath).toBe("/aiChain/firmOverrides/hyperB");
  });

  it("--set into an override: a number field takes a number, a string field the text; it merges with the files' override", () => {
    const file = write("c.json", { aiChain: { firmOverrides: { hyperA: { cashUsdBn: 12 } } } });
    const config = loadConfig(file, {
      sets: [
        "aiChain.firmOverrides.hyperA.marketCapUsdBn=2280",
        "aiChain.firmOverrides.hyperA.analogue=2025",
        "aiChain.firmOverrides.labB.role=neocloud",
      ],
    });
    expect(config.aiChain.firms).toEqual(
      defaultsWith({
        hyperA: { cashUsdBn: 12, marketCapUsdBn: 2280, analogue: "2025" },
        labB: { role: "neocloud" },
      }),
    );
    expect(config.aiChain.firmOverrides.hyperA).toEqual({
      cashUsdBn: 12,
      marketCapUsdBn: 2280,
      analogue: "2025",
    });
    // A whole override as JSON merges too.
    const whole = loadConfig(file, { sets: ['aiChain.firmOverrides.hyperA={"computeGw": 9}'] });
    expect(whole.aiChain.firms[1]).toMatchObject({ cashUsdBn: 12, computeGw: 9 });
  });

  it("an unknown firm name: the path of its override, the firms, and a did-you-mean when one is close", () => {
    const file = write("c.json", { aiChain: { firmOverrides: { hyperC: { cashUsdBn: 1 }, zzzzzz: {} } } });
    const err = inputError(() => loadConfig(file));
    expect(err.message.split("\n")).toEqual([
      `${file}: aiChain.firmOverrides.hyperC: no AI-chain firm is named "hyperC" — did you mean "hyperA"? (${listed})`,
      `${file}: aiChain.firmOverrides.zzzzzz: no AI-chain firm is named "zzzzzz" (${listed})`,
    ]);
    expect(err.file).toBe(file);
    expect(err.jsonPath).toBe("/aiChain/firmOverrides/hyperC");
    const set = "aiChain.firmOverrides.hyperZ.cashUsdBn=1";
    expect(inputError(() => loadConfig(write("e.json", {}), { sets: [set] })).message).toBe(
      `--set ${set}: aiChain.firmOverrides.hyperZ: no AI-chain firm is named "hyperZ" — did you mean "hyperA"? (${listed})`,
    );
  });

  it("an unknown field or name: the path of the field and a did-you-mean, in a file or a --set", () => {
    const file = write("c.json", {
      aiChain: { firmOverrides: { hyperA: { marketCap: 3, name: "carrierA", zzzzzz: 1, cashUsdBn: 2 } } },
    });
    const err = inputError(() => loadConfig(file));
    const allowed = Object.keys(defaultConfig().aiChain.firms[0]).filter((k) => k !== "name");
    expect(err.message.split("\n")).toEqual([
      `${file}: aiChain.firmOverrides.hyperA.marketCap: unknown key "marketCap" in a firm override — did you mean "marketCapUsdBn"?`,
      `${file}: aiChain.firmOverrides.hyperA.name: a firm's name cannot be overridden: the override is keyed by it (to rename a firm, set its name in aiChain.firms)`,
      `${file}: aiChain.firmOverrides.hyperA.zzzzzz: unknown key "zzzzzz" in a firm override (allowed keys: ${allowed.join(", ")})`,
    ]);
    expect(err.jsonPath).toBe("/aiChain/firmOverrides/hyperA/marketCap");

    const typo = "aiChain.firmOverrides.hyperA.equityVolatilty=0.5";
    const bySet = inputError(() => loadConfig(write("e.json", {}), { sets: [typo] }));
    expect(bySet.message).toBe(
      `--set ${typo}: aiChain.firmOverrides.hyperA.equityVolatilty: unknown key "equityVolatilty" in a firm override — did you mean "equityVolatility"?`,
    );
    expect(bySet.file).toBe(`--set ${typo}`);
    expect(bySet.jsonPath).toBe("/aiChain/firmOverrides/hyperA/equityVolatilty");
    expect(
      inputError(() => loadConfig(write("e.json", {}), { sets: ["aiChain.firmOverrides.hyperA.name=x"] }))
        .message,
    ).toBe(
      "--set aiChain.firmOverrides.hyperA.name=x: aiChain.firmOverrides.hyperA.name: a firm's name cannot be overridden: the override is keyed by it (to rename a firm, set its name in aiChain.firms)",
    );
  });

  it("a bad value is reported at the override, blamed on the layer that set it, never at the firm's index", () => {
    const base = write("base.json", {
      aiChain: { firmOverrides: { hyperA: { marketCapUsdBn: -1 }, labA: { role: "chipp" } } },
    });
    const child = write("child.json", {
      extends: "base.json",
      aiChain: { firmOverrides: { labA: { bank: "one" }, neoCloud: { equityVolatility: 9 } } },
    });
    const err = inputError(() => loadConfig(child));
    expect(err.message.split("\n").sort()).toEqual(
      [
        `${base}: aiChain.firmOverrides.hyperA.marketCapUsdBn: must be ≥ 0.001 (got -1); allowed range 0.001 to 1000000 USD bn`,
        `${base}: aiChain.firmOverrides.labA.role: must be one of "chip", "hyperscaler", "neocloud", "legacyCloud", "modelLab" (got string "chipp") — did you mean "chip"?`,
        `${child}: aiChain.firmOverrides.labA.bank: must be an integer (got string "one")`,
        `${child}: aiChain.firmOverrides.neoCloud.equityVolatility: must be ≤ 5 (got 9); allowed range 0.01 to 5 share per √year`,
      ].sort(),
    );
    expect(err.message).not.toContain("aiChain.firms");

    const set = "aiChain.firmOverrides.hyperB.marketCapUsdBn=0";
    const bySet = inputError(() => loadConfig(write("c.json", {}), { sets: [set] }));
    expect(bySet.message).toBe(
      `--set ${set}: aiChain.firmOverrides.hyperB.marketCapUsdBn: must be ≥ 0.001 (got 0); allowed range 0.001 to 1000000 USD bn`,
    );
    expect(bySet.file).toBe(`--set ${set}`);
    expect(bySet.jsonPath).toBe("/aiChain/firmOverrides/hyperB/marketCapUsdBn");
  });

  it("validateConfigObject applies the overrides and names its label in their errors", () => {
    const config = validateConfigObject(
      { aiChain: { firmOverrides: { labB: { cashUsdBn: 7 } } } },
      "sweeps/s.json run 3",
    );
    expect(config.aiChain.firms).toEqual(defaultsWith({ labB: { cashUsdBn: 7 } }));
    // As the sweep engine does: an override added to a config resolved before.
    const resolved = structuredClone(config);
    resolved.aiChain.firmOverrides.hyperB = { marketCapUsdBn: 10 };
    expect(validateConfigObject(resolved, "run").aiChain.firms).toEqual(
      defaultsWith({ labB: { cashUsdBn: 7 }, hyperB: { marketCapUsdBn: 10 } }),
    );
    const err = inputError(() =>
      validateConfigObject(
        { aiChain: { firmOverrides: { labB: { cashUsdBn: -7 } } } },
        "sweeps/s.json run 3",
      ),
    );
    expect(err.message).toBe(
      "sweeps/s.json run 3: aiChain.firmOverrides.labB.cashUsdBn: must be ≥ 0 (got -7); allowed range 0 to 100000 USD bn",
    );
  });

  it("is idempotent: a resolved config, validated or loaded again, gives the same firms", () => {
    const file = write("c.json", {
      aiChain: { firmOverrides: { hyperA: { marketCapUsdBn: 2280 }, labA: { revenueUsdBnYearly: 30 } } },
    });
    const config = loadConfig(file);
    expect(validateConfigObject(config, "again")).toEqual(config);
    const again = loadConfig(write("resolved.json", config));
    expect(again).toEqual(config);
    expect(again.aiChain.firms).toEqual(
      defaultsWith({ hyperA: { marketCapUsdBn: 2280 }, labA: { revenueUsdBnYearly: 30 } }),
    );
  });
});

describe("the shipped telecom-1997 (aiChain.firmOverrides)", () => {
  it("changes only the analogues and three market values of the default firms, and reloads to the same firms", () => {
    const telecom = join(import.meta.dirname, "..", "configs/scenarios/telecom-1997.json");
    const config = loadConfig(telecom);
    const defaults = defaultConfig().aiChain.firms;
    expect(config.aiChain.firms.map((f) => f.name)).toEqual(defaults.map((f) => f.name));
    config.aiChain.firms.forEach((firm, i) => {
      const changed = Object.keys(firm).filter(
        (k) => firm[k as keyof typeof firm] !== defaults[i][k as keyof typeof firm],
      );
      const expected = ["hyperA", "hyperB", "aiComplexRest"].includes(firm.name)
        ? ["analogue", "marketCapUsdBn"]
        : ["analogue"];
      expect(changed, firm.name).toEqual(expected);
      expect(firm.analogue, firm.name).toMatch(/^telecom-1997: /);
    });
    expect(config.aiChain.firms[1].marketCapUsdBn).toBe(2280); // 0.6 of 2025's $3 800 bn
    expect(loadConfig(write("resolved.json", config)).aiChain.firms).toEqual(config.aiChain.firms);
  });
});

describe("the matching function with either labour-matching protocol", () => {
  // Refused with the simultaneous protocol in stop 37 (exit 2); built for both since stop 38 (labourMatch.ts allotCap).
  it("loads with labour.matchingProtocol simultaneous and sequential alike", () => {
    const file = write("matching.json", {
      labour: { matchingProtocol: "simultaneous", matchingEfficiency: 0.45 },
    });
    for (const protocol of ["simultaneous", "sequential"]) {
      const c = loadConfig(file, { sets: [`labour.matchingProtocol=${protocol}`] });
      expect(c.labour.matchingProtocol).toBe(protocol);
      expect(c.labour.matchingEfficiency).toBe(0.45);
      expect(c.labour.matchingElasticity).toBe(0.5);
    }
  });
});
