// No module-level mutable state in src/model (issue 20 item 2): everything a
// run changes lives in the model's state (checkpointed by engine/stateWalk.ts)
// or in its runner's scratch (passRunner.ts SerialScratch, rebuilt on
// resume), never in a module, where a checkpoint cannot see it and two
// models in one thread would share it. A lint-style scan of each module's
// top-level declarations: no `let`/`var`; no `const` holding a typed array,
// array, Map or Set built with `new`; and no `const` object or array
// literal that the module then writes to (assigns a member, pushes, fills).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { float32Below } from "../src/model/agents/households.ts";
import { moduleState } from "./helpers/moduleState.ts";

const MODEL = resolve(import.meta.dirname, "..", "src", "model");

function modules(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return modules(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

describe("module-level state in src/model", () => {
  it("there is none: every module's top level holds only constants and functions", () => {
    const files = modules(MODEL);
    expect(files.length).toBeGreaterThan(40);
    const found = files.flatMap((file) =>
      moduleState(readFileSync(file, "utf8")).map((what) => `${relative(MODEL, file)}: ${what}`),
    );
    expect(found).toEqual([]);
  });

  it("the scan finds each kind of module state and passes constants", () => {
    expect(moduleState("let count = 0;\nexport var x = 1;")).toEqual([
      "count: a top-level let/var",
      "x: a top-level let/var",
    ]);
    expect(moduleState("const mix = new Float64Array(4);")).toEqual([
      "mix: a top-level buffer or collection",
    ]);
    const scratch =
      "const finScratch = { terms: new Float64Array(0) };\nfunction f() { finScratch.terms = g(); }";
    expect(moduleState(scratch)).toEqual(["finScratch: a top-level object or array the module writes to"]);
    expect(moduleState("const seen = [];\nfunction f(x) { seen.push(x); }")).toHaveLength(1);
    expect(moduleState("const t = { a: [0] };\nfunction f() { t.a[0]++; }")).toHaveLength(1);
    // Written through a local alias, as aiChain/demand.ts's former demandInputs (filled each tick, invisible to checkpoints).
    const aliased =
      "const demandInputs: Inputs = { capability: 1, budgets: new Float64Array(3) };\nexport function update(m) {\n  const x = demandInputs;\n  x.capability = m.k;\n  x.budgets[0] = 2;\n  plan(x);\n}";
    expect(moduleState(aliased)).toEqual([
      "demandInputs: a top-level object or array the module writes to through an alias",
    ]);
    expect(
      moduleState("const t = { a: new Float64Array(2) };\nfunction f() { const b = t.a;\n b.fill(1); }"),
    ).toHaveLength(1);
    // A record from a factory, filled by the functions it is passed to (finance.ts's former Merton result).
    expect(moduleState("const merton = createMertonResult();\nfunction f() { solve(x, merton); }")).toEqual([
      "merton: a top-level record from a factory",
    ]);
    // Constants: tables read, never written; locals inside functions.
    const constants =
      'const Arg = { seed: 0, tick: 1 } as const;\nexport const NAMES = ["a", "b"];\nfunction f(a) { const buf = new Float64Array(2); a[Arg.seed] = NAMES.length; let i = 0; return buf[i]; }';
    expect(moduleState(constants)).toEqual([]);
  });
});

describe("float32Below (households.ts, without its former module-level Float32Array/Uint32Array)", () => {
  it("is the bit pattern's decrement for every mantissa of one octave and for powers of two", () => {
    const f32 = new Float32Array(1);
    const u32 = new Uint32Array(f32.buffer);
    const decrement = (r: number) => {
      f32[0] = r;
      u32[0]--;
      return f32[0];
    };
    let differ = 0;
    // Every float32 in [2^13, 2^14): the octave where quantizeSpend first needs it (the exponent only scales).
    for (let mantissa = 0; mantissa < 1 << 23; mantissa += 1) {
      u32[0] = ((127 + 13) << 23) | mantissa;
      const r = f32[0];
      if (float32Below(r) !== decrement(r)) differ++;
    }
    for (let e = -100; e < 120; e++) {
      const r = Math.fround(2 ** e);
      if (float32Below(r) !== decrement(r)) differ++;
    }
    expect(differ).toBe(0);
  });
});
