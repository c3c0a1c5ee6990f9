// What the benchmarks share: the scaled baseline economy they time, the
// parallel CPU the machine offers at the moment of a measurement, and its
// random-load latency by array size.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { build, buildState, ROOT } from "../../src/build.mjs";
import type { SpiralConfig } from "../../src/config/index.ts";
import { defaultConfig } from "../../src/config/index.ts";
import { InputError } from "../../src/errors.ts";
import { writeFileAtomic } from "../../src/io/atomicWrite.ts";

/**
 * The default economy at `households` households, firms scaling with them
 * (one consumption firm per 50 households, one capital firm per 250) and 10
 * banks, for `ticks` months.
 */
export function scaledConfig(households: number, ticks: number): SpiralConfig {
  const config = defaultConfig();
  config.households.count = households;
  config.firms.consumption.count = Math.max(4, Math.round(households / 50));
  config.firms.capital.count = Math.max(2, Math.round(households / 250));
  config.banks.count = 10;
  config.ticks = ticks;
  return config;
}

/** Builds dist/ (src/build.mjs) when it is stale: the compiled JavaScript `spiral` runs after `npm ci`. */
export function ensureBuilt(): void {
  if (buildState() !== "fresh") {
    const result = build();
    if (!result.ok) throw new Error(`cannot build dist/: ${result.reason}`);
  }
}

/**
 * The compiled entry (dist/workers/<name>.js, no loader) of a pool worker,
 * building dist/ first when it is stale: what `spiral` starts after `npm ci`.
 * A pool started from TypeScript would load its workers through tsx, where
 * the model runs about twice as slowly (stop 34: one 600-month run at 40 000
 * households 5.6–6.1 s against 2.7–2.8 s compiled; docs/calibration-tool.md),
 * so benchmarks that time runs on a pool use this.
 */
export function compiledWorker(name: "sweepRun" | "calibrateRun"): { file: string; execArgv: string[] } {
  ensureBuilt();
  return { file: join(ROOT, "dist", "workers", `${name}.js`), execArgv: [] };
}

/**
 * How much parallel CPU the machine offers right now: the same busy loop in 1
 * and in `threads` worker threads at once; `threads` × t(1) / t(threads).
 * About `threads` on an idle machine, less when other processes hold cores —
 * the ceiling of any speed-up measured at that moment.
 */
export async function parallelCapacity(threads: number): Promise<number> {
  const loop =
    "let x = 0; for (let i = 0; i < 3e8; i++) x += i % 7; require('node:worker_threads').parentPort.postMessage(x);";
  const time = async (n: number): Promise<number> => {
    const start = performance.now();
    await Promise.all(
      Array.from(
        { length: n },
        () => new Promise((resolve) => new Worker(loop, { eval: true }).once("message", resolve)),
      ),
    );
    return performance.now() - start;
  };
  const one = await time(1);
  return (threads * one) / (await time(threads));
}

/**
 * Nanoseconds per dependent random load (pointer chasing, one load per
 * cache line) over arrays of each size in KiB, measured in a child process
 * started with `env` (so with or without huge pages, like the runs). The
 * households' reads of random firms' columns cost about this: it tells
 * how large the firm columns can grow before each read goes to memory,
 * which varies between machines and, on a shared one, with its neighbours.
 */
export function memoryLatency(sizesKiB: number[], env: NodeJS.ProcessEnv): number[] {
  const probe = `const out = [];
for (const kb of ${JSON.stringify(sizesKiB)}) {
  const n = (kb * 1024) / 64, a = new Int32Array(n * 16), perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  let s = 12345;
  for (let i = n - 1; i > 0; i--) { s = (Math.imul(s, 1103515245) + 12345) >>> 0; const j = s % (i + 1); const t = perm[i]; perm[i] = perm[j]; perm[j] = t; }
  for (let i = 0; i < n; i++) a[perm[i] * 16] = perm[(i + 1) % n] * 16;
  let p = 0;
  for (let i = 0; i < 2e5; i++) p = a[p];
  const steps = 3e6, t0 = performance.now();
  for (let i = 0; i < steps; i++) p = a[p];
  out.push(((performance.now() - t0) * 1e6) / steps + (p < 0 ? 1 : 0));
}
console.log(JSON.stringify(out));`;
  const r = spawnSync(process.execPath, ["-e", probe], { env, encoding: "utf8" });
  return r.status === 0 ? JSON.parse(r.stdout.trim()) : sizesKiB.map(() => Number.NaN);
}

/** The options of a bench that runs one config over seeds (bench:telecom, bench:prices). */
export interface SeedBenchArgs {
  config: string;
  count: number;
  seed0: number;
  /** --set values, then households.count when --households is given. */
  sets: string[];
  out: string;
}

/**
 * Parses `--config --seeds --seed0 --households --out --set…` (node:util
 * parseArgs) for the bench `name`; a count or first seed that is not a
 * non-negative integer prints the problem and exits 2.
 */
export function parseSeedBenchArgs(name: string, defaults: { config: string; seeds: number }): SeedBenchArgs {
  const { values } = parseArgs({
    options: {
      config: { type: "string", default: defaults.config },
      seeds: { type: "string", default: String(defaults.seeds) },
      seed0: { type: "string", default: "0" },
      households: { type: "string" },
      out: { type: "string", default: "results" },
      set: { type: "string", multiple: true, default: [] },
    },
  });
  const count = Number(values.seeds);
  const seed0 = Number(values.seed0);
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed0) || seed0 < 0) {
    console.error(
      `${name}: --seeds must be a positive integer and --seed0 a non-negative one (got ${values.seeds}, ${values.seed0})`,
    );
    process.exit(2);
  }
  const sets = [
    ...(values.set ?? []),
    ...(values.households === undefined ? [] : [`households.count=${values.households}`]),
  ];
  return { config: values.config, count, seed0, sets, out: values.out };
}

/** Runs `measure`; an input error (a bad config, path or --set) prints its message and exits 2. */
export function exitOnInputError<T>(measure: () => T): T {
  try {
    return measure();
  } catch (err) {
    if (err instanceof InputError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}

/** Writes a bench's table as <out>/<stem>.md and its data as <out>/<stem>.json (atomically, the folder made). */
export function writeBenchOutputs(out: string, stem: string, table: string, data: unknown): void {
  mkdirSync(out, { recursive: true });
  writeFileAtomic(join(out, `${stem}.md`), table);
  writeFileAtomic(join(out, `${stem}.json`), `${JSON.stringify(data, null, 1)}\n`);
}
