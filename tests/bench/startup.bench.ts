// `npm run bench:startup`: how long the `spiral` command and its worker
// threads take to start, compiled (dist/, what `spiral` runs after `npm ci`)
// and from the TypeScript sources under tsx (SPIRAL_FROM_SOURCE=1, what it
// ran before issue 20). Prints the median and range over repeated starts of:
//   node -e 0                      a bare Node start, the yardstick
//   spiral --version               the launcher (src/spiral.mjs): freshness check + CLI
//   sweep / calibrate worker ready a piscina pool of one thread, from its creation to
//                                  the first task's answer (the worker loaded its module
//                                  graph; the task itself is empty and fails at once)
// Targets (issue 20): `spiral --version` within 2× of `node -e 0`; a sweep worker
// ready in ≤ 100 ms. `--repeat K` sets the starts per measurement (default 9).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "../../src/build.mjs";
import { ensureBuilt } from "./shared.ts";

const repeatAt = process.argv.indexOf("--repeat");
const REPEAT = repeatAt > 0 ? Number(process.argv[repeatAt + 1]) : 9;
const LAUNCHER = join(ROOT, "src", "spiral.mjs");
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** Wall milliseconds of one process start running `args`, measured from here. */
function processMs(args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { encoding: "utf8", env });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`${args.join(" ")} failed: ${result.stderr}`);
  return ms;
}

/**
 * Milliseconds from creating a one-thread piscina pool on `file` (with
 * `execArgv`) to its first task's answer, measured inside a fresh plain
 * Node process (so the benchmark's own tsx loader is not inherited).
 */
function workerReadyMs(file: string, execArgv: string[]): number {
  const piscina = pathToFileURL(createRequire(import.meta.url).resolve("piscina")).href;
  const script = `
    const m = await import(${JSON.stringify(piscina)});
    const Piscina = m.Piscina ?? m.default.Piscina;
    const start = performance.now();
    const pool = new Piscina({ filename: ${JSON.stringify(file)}, minThreads: 1, maxThreads: 1, execArgv: ${JSON.stringify(execArgv)} });
    await pool.run(null).catch(() => {});
    console.log(performance.now() - start);
    await pool.destroy();`;
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`worker ${file} failed: ${result.stderr}`);
  return Number(result.stdout.trim());
}

function stats(samples: number[]): { median: number; min: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted[sorted.length - 1] };
}

ensureBuilt();
const fromSource = { ...process.env, SPIRAL_FROM_SOURCE: "1" };
const measures: [string, () => number][] = [
  ["node -e 0", () => processMs(["-e", "0"])],
  ["spiral --version (compiled)", () => processMs([LAUNCHER, "--version"])],
  ["spiral --version (tsx, SPIRAL_FROM_SOURCE=1)", () => processMs([LAUNCHER, "--version"], fromSource)],
  ["sweep worker ready (compiled)", () => workerReadyMs(join(ROOT, "dist/workers/sweepRun.js"), [])],
  ["sweep worker ready (tsx)", () => workerReadyMs(join(ROOT, "workers/sweepRun.ts"), ["--import", TSX])],
  ["calibrate worker ready (compiled)", () => workerReadyMs(join(ROOT, "dist/workers/calibrateRun.js"), [])],
  [
    "calibrate worker ready (tsx)",
    () => workerReadyMs(join(ROOT, "workers/calibrateRun.ts"), ["--import", TSX]),
  ],
];
console.log(`Spiral start-up benchmark — Node ${process.version}, ${REPEAT} starts each, interleaved`);
const samples = measures.map(() => [] as number[]);
for (let r = 0; r < REPEAT; r++)
  for (const [i, [, measure]] of measures.entries()) samples[i].push(measure());
const results = measures.map(([name], i) => ({ name, ...stats(samples[i]) }));
for (const { name, median, min, max } of results) {
  console.log(
    `${name.padEnd(46)} median ${median.toFixed(0).padStart(5)} ms  (${min.toFixed(0)}–${max.toFixed(0)})`,
  );
}
const node = results[0].median;
console.log(
  `spiral --version / node -e 0: ${(results[1].median / node).toFixed(2)} compiled, ${(results[2].median / node).toFixed(2)} under tsx (target ≤ 2)`,
);
console.log(`sweep worker ready: ${results[3].median.toFixed(0)} ms compiled (target ≤ 100 ms)`);
