// Reproducibility (docs/development.md, "Engine principles"): the same seed gives bit-identical state, a
// different seed a different path, and no code draws from Math.random (whose
// stream no seed controls).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { defaultConfig, type SpiralConfig } from "../src/config/index.ts";
import { createModel, type ModelState, step } from "../src/model/index.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

function smallConfig(seed: number, ticks: number): SpiralConfig {
  const c = defaultConfig();
  c.seed = seed;
  c.households.count = 50;
  c.firms.consumption.count = 4;
  c.firms.capital.count = 2;
  c.banks.count = 2;
  c.ticks = ticks;
  return c;
}

function run(seed: number, ticks = 60): ModelState {
  const m = createModel(smallConfig(seed, ticks));
  for (let t = 0; t < ticks; t++) step(m);
  return m;
}

/** The raw bytes of a typed column, for a bit-exact comparison (NaN-safe, −0 ≠ +0). */
function bytes(a: ArrayBufferView): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** Every typed column of households, firms and banks, by name. */
function columns(m: ModelState): Map<string, ArrayBufferView> {
  const out = new Map<string, ArrayBufferView>();
  for (const [name, cols] of [
    ["households", m.households],
    ["firms", m.firms],
    ["banks", m.banks],
  ] as const) {
    for (const [k, v] of Object.entries(cols)) if (ArrayBuffer.isView(v)) out.set(`${name}.${k}`, v);
  }
  return out;
}

describe("determinism", () => {
  it("the same seed, stepped 60 ticks twice, gives identical columns", () => {
    const a = run(7);
    const b = run(7);
    expect(a.tick).toBe(60);
    expect(bytes(a.households.deposits).equals(bytes(b.households.deposits))).toBe(true);
    expect(bytes(a.firms.output).equals(bytes(b.firms.output))).toBe(true);
    // And every other column, the scalars and the events.
    const ca = columns(a);
    const cb = columns(b);
    for (const [name, col] of ca) expect(bytes(col).equals(bytes(cb.get(name)!)), name).toBe(true);
    expect(b.centralBank).toEqual(a.centralBank);
    expect(b.government).toEqual(a.government);
    expect(b.macro).toEqual(a.macro);
    expect(b.streams.saveState()).toEqual(a.streams.saveState());
    // The run did something: output and deposits moved away from the initial state.
    const init = createModel(a.config);
    expect(bytes(a.firms.output).equals(bytes(init.firms.output))).toBe(false);
    expect(bytes(a.households.deposits).equals(bytes(init.households.deposits))).toBe(false);
  });

  it("a different seed gives a different initial state (counter-based draws depend on the seed)", () => {
    const a = createModel(smallConfig(7, 60));
    const b = createModel(smallConfig(8, 60));
    expect(bytes(a.households.deposits).equals(bytes(b.households.deposits))).toBe(false);
    expect(bytes(a.households.bank).equals(bytes(b.households.bank))).toBe(false);
  });

  it("a different seed gives a different path", () => {
    const a = run(7);
    const b = run(8);
    expect(bytes(a.households.deposits).equals(bytes(b.households.deposits))).toBe(false);
    expect(bytes(a.firms.output).equals(bytes(b.firms.output))).toBe(false);
  });

  it("state built on SharedArrayBuffer steps identically to ordinary buffers", () => {
    const c = smallConfig(11, 24);
    const plain = createModel(c);
    const shared = createModel(c, { shared: true });
    expect(shared.households.deposits.buffer).toBeInstanceOf(SharedArrayBuffer);
    for (let t = 0; t < 24; t++) {
      step(plain);
      step(shared);
    }
    const cp = columns(plain);
    for (const [name, col] of columns(shared))
      expect(bytes(col).equals(bytes(cp.get(name)!)), name).toBe(true);
  });
});

/** All .ts/.mts/.js/.mjs/.cjs files under `dir`, recursively (none if it does not exist). */
function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name === "node_modules") continue;
      out.push(...sourceFiles(path));
    } else if (/\.(ts|mts|cts|js|mjs|cjs)$/.test(name)) out.push(path);
  }
  return out;
}

describe("no unseeded randomness", () => {
  it("no file under src/ or workers/ contains Math.random", () => {
    const files = [...sourceFiles(join(ROOT, "src")), ...sourceFiles(join(ROOT, "workers"))];
    expect(files.length).toBeGreaterThan(10); // the scan really found the sources
    expect(files.some((f) => f.endsWith(join("model", "rng.ts")))).toBe(true);
    const offenders: string[] = [];
    for (const file of files) {
      const lines = readFileSync(file, "utf8").split("\n");
      lines.forEach((line, i) => {
        // Also catches spacing and optional-chaining variants: `Math . random`, `Math?.random`.
        if (/\bMath\s*\??\.\s*random\b/.test(line)) offenders.push(`${relative(ROOT, file)}:${i + 1}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});
