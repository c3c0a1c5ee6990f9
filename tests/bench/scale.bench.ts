// `npm run bench:scale`: one run sharded across threads (issue 7).
//   npm run bench:scale                       1 M and 10 M households, 12 ticks, 1 and 2 threads
//   npm run bench:scale -- 100000 1000000     other sizes
//   npm run bench:scale -- --threads 1,2,4 --ticks 24 1000000
// Each (size, threads) runs in its own child process so that heaps and peak
// RSS do not mix. Firms scale with households as in `npm run bench` (one
// consumption firm per 50 households, one capital firm per 250, 10 banks).
// Prints the synchronisation cost (Atomics barrier vs a piscina task per
// pass), then per size and thread count: nanoseconds per household per tick,
// the speed-up over one thread, peak RSS, bytes per household (heap and
// buffers of the model / households), the ratio to BeforeIT.jl's ≈ 5 µs per
// agent per quarterly step (one quarter = 3 monthly ticks here), and the
// largest population that fits in 24 GiB at the measured bytes per household.
// Targets: ≤ 100 ns per household-tick on one thread, speed-up ≥ 1.7 on 2
// threads at 10 M households, ≤ 100 bytes per household.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { ThreadedRunner } from "../../src/engine/threads.ts";
import { createModel, MetricsTracker, step } from "../../src/model/index.ts";
import { parallelCapacity, scaledConfig } from "./shared.ts";

const BEFOREIT_NS_PER_AGENT_QUARTER = 5000;
const GIB = 1024 ** 3;

interface Result {
  households: number;
  threads: number;
  ticks: number;
  nsPerHouseholdTick: number;
  /** The median tick's ns per household: less moved by other processes on a shared machine than the mean. */
  medianNsPerHouseholdTick: number;
  bytesPerHousehold: number;
  peakRssBytes: number;
  initSeconds: number;
  /** Share of the tick's time spent in the household passes (the parallel part), one thread only. */
  passShare: number | null;
}

async function measure(households: number, threads: number, ticks: number): Promise<void> {
  const config = scaledConfig(households, ticks + 2);
  globalThis.gc?.();
  const before = process.memoryUsage();
  const t0 = performance.now();
  const model = createModel(config, { shared: threads > 1 });
  if (threads > 1) await ThreadedRunner.start(model, threads);
  const initSeconds = (performance.now() - t0) / 1000;
  const tracker = new MetricsTracker(config.ticks);
  const tick = () => {
    step(model);
    tracker.measure(model, model.events);
    model.events.length = 0;
  };
  // Time inside the passes, to tell the parallel part from the serial rest
  // (process CPU time would count the GC's and the loader's threads too).
  let passMs = 0;
  if (threads === 1) {
    const runner = model.runner;
    const run = runner.run.bind(runner);
    runner.run = (pass: number) => {
      const c = performance.now();
      run(pass);
      passMs += performance.now() - c;
    };
  }
  // Warm-up: let the JIT optimise the phase functions.
  for (let t = 0; t < 2; t++) tick();
  globalThis.gc?.();
  const after = process.memoryUsage();
  passMs = 0;
  const tickNs: number[] = [];
  const start = process.hrtime.bigint();
  for (let t = 0; t < ticks; t++) {
    const t0 = process.hrtime.bigint();
    tick();
    tickNs.push(Number(process.hrtime.bigint() - t0));
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  tickNs.sort((a, b) => a - b);
  const medianNs =
    ticks % 2 === 1 ? tickNs[(ticks - 1) / 2] : (tickNs[ticks / 2 - 1] + tickNs[ticks / 2]) / 2;
  model.runner.close();
  const result: Result = {
    households,
    threads,
    ticks,
    nsPerHouseholdTick: (seconds * 1e9) / (ticks * households),
    medianNsPerHouseholdTick: medianNs / households,
    bytesPerHousehold:
      (after.heapUsed - before.heapUsed + (after.arrayBuffers - before.arrayBuffers)) / households,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    initSeconds,
    passShare: threads === 1 ? passMs / (seconds * 1000) : null,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

/** Round trip of one pass with no work: an Atomics barrier vs a piscina task per worker (µs). */
async function syncCost(workers: number): Promise<{ atomicsUs: number; piscinaUs: number }> {
  const control = new Int32Array(new SharedArrayBuffer(12));
  const source = `const { workerData } = require("node:worker_threads");
const c = workerData; let gen = 0;
for (;;) { Atomics.wait(c, 0, gen); gen = Atomics.load(c, 0); if (Atomics.load(c, 1) < 0) break;
  Atomics.add(c, 2, 1); Atomics.notify(c, 2); }`;
  const pool = Array.from({ length: workers }, () => new Worker(source, { eval: true, workerData: control }));
  await new Promise((r) => setTimeout(r, 300));
  const barrier = () => {
    Atomics.store(control, 2, 0);
    Atomics.add(control, 0, 1);
    Atomics.notify(control, 0);
    for (let d = Atomics.load(control, 2); d < workers; d = Atomics.load(control, 2))
      Atomics.wait(control, 2, d);
  };
  for (let i = 0; i < 1000; i++) barrier();
  const rounds = 10_000;
  let s = performance.now();
  for (let i = 0; i < rounds; i++) barrier();
  const atomicsUs = ((performance.now() - s) * 1000) / rounds;
  Atomics.store(control, 1, -1);
  Atomics.add(control, 0, 1);
  Atomics.notify(control, 0);
  await Promise.all(pool.map((w) => w.terminate()));

  const { Piscina } = createRequire(import.meta.url)("piscina");
  const echo = join(mkdtempSync(join(tmpdir(), "spiral-bench-")), "echo.mjs");
  writeFileSync(echo, "export default (x) => x;\n");
  const piscina = new Piscina({
    filename: echo,
    minThreads: workers,
    maxThreads: workers,
  });
  const round = () => Promise.all(Array.from({ length: workers }, () => piscina.run(0)));
  for (let i = 0; i < 200; i++) await round();
  const taskRounds = 2000;
  s = performance.now();
  for (let i = 0; i < taskRounds; i++) await round();
  const piscinaUs = ((performance.now() - s) * 1000) / taskRounds;
  await piscina.destroy();
  return { atomicsUs, piscinaUs };
}

function parseArgs(argv: string[]): { sizes: number[]; threads: number[]; ticks: number } {
  let threads = [1, 2];
  let ticks = 12;
  const sizes: number[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--threads") threads = argv[++i].split(",").map(Number);
    else if (argv[i] === "--ticks") ticks = Number(argv[++i]);
    else sizes.push(Number(argv[i]));
  }
  return { sizes: sizes.length > 0 ? sizes : [1_000_000, 10_000_000], threads, ticks };
}

const self = fileURLToPath(import.meta.url);
if (process.argv[2] === "--one") {
  await measure(Number(process.argv[3]), Number(process.argv[4]), Number(process.argv[5]));
} else {
  const { sizes, threads, ticks } = parseArgs(process.argv.slice(2));
  console.log(`Spiral scale benchmark — Node ${process.version}, ${ticks} ticks per run`);
  const sync = await syncCost(1);
  console.log(
    `synchronisation per pass, 1 worker: Atomics barrier ${sync.atomicsUs.toFixed(1)} µs, piscina task ${sync.piscinaUs.toFixed(1)} µs (5 passes per tick)`,
  );
  console.log(
    `parallel CPU the machine offered before the runs: ${(await parallelCapacity(2)).toFixed(2)} of 2 cores`,
  );
  console.log(
    "households  threads  ns/hh-tick (mean, median tick)  speed-up (mean, median)  peak RSS GiB  bytes/hh  init s  vs BeforeIT (5 µs/agent-quarter)  passes share → Amdahl bound, 2 threads",
  );
  const oneThreadRss: [number, number][] = [];
  for (const n of sizes) {
    let oneThread = 0;
    let oneThreadMedian = 0;
    for (const t of threads) {
      const child = spawnSync(
        process.execPath,
        ["--expose-gc", "--import", "tsx", self, "--one", String(n), String(t), String(ticks)],
        { encoding: "utf8", maxBuffer: 1 << 20 },
      );
      if (child.status !== 0) {
        console.log(
          `${String(n).padStart(10)} ${String(t).padStart(8)}  failed: ${child.stderr.trim().split("\n").pop()}`,
        );
        continue;
      }
      const r: Result = JSON.parse(child.stdout.trim().split("\n").pop() ?? "{}");
      if (t === 1) {
        oneThread = r.nsPerHouseholdTick;
        oneThreadMedian = r.medianNsPerHouseholdTick;
      }
      const speedUp = oneThread > 0 ? oneThread / r.nsPerHouseholdTick : Number.NaN;
      const medianSpeedUp = oneThreadMedian > 0 ? oneThreadMedian / r.medianNsPerHouseholdTick : Number.NaN;
      const ratio = BEFOREIT_NS_PER_AGENT_QUARTER / (3 * r.nsPerHouseholdTick);
      if (t === 1) oneThreadRss.push([n, r.peakRssBytes]);
      const amdahl =
        r.passShare === null
          ? ""
          : `  ${(100 * r.passShare).toFixed(0)} % → ${(1 / (1 - r.passShare / 2)).toFixed(2)}`;
      console.log(
        `${String(n).padStart(10)} ${String(t).padStart(8)} ${r.nsPerHouseholdTick.toFixed(1).padStart(15)}, ${r.medianNsPerHouseholdTick.toFixed(1).padStart(14)} ${Number.isNaN(speedUp) || t === 1 ? "                      –" : `${speedUp.toFixed(2).padStart(15)}, ${medianSpeedUp.toFixed(2).padStart(6)}`} ${(r.peakRssBytes / GIB).toFixed(2).padStart(13)} ${r.bytesPerHousehold.toFixed(1).padStart(9)} ${r.initSeconds.toFixed(1).padStart(7)}  ${ratio.toFixed(1)}× faster per agent-quarter${amdahl}`,
      );
    }
  }
  console.log(
    `parallel CPU the machine offered after the runs: ${(await parallelCapacity(2)).toFixed(2)} of 2 cores`,
  );
  // Peak RSS on one thread: marginal bytes per household between the two largest sizes, plus the fixed rest.
  if (oneThreadRss.length > 0) {
    const [nb, rb] = oneThreadRss[oneThreadRss.length - 1];
    const [na, ra] = oneThreadRss.length > 1 ? oneThreadRss[oneThreadRss.length - 2] : [0, 0];
    const perHousehold = (rb - ra) / (nb - na);
    const fixed = Math.max(0, rb - perHousehold * nb);
    const fits = Math.floor((24 * GIB - fixed) / perHousehold);
    console.log(
      `peak RSS: ${perHousehold.toFixed(1)} bytes per household + ${(fixed / 2 ** 20).toFixed(0)} MiB fixed (from ${oneThreadRss.map(([n]) => n.toLocaleString("en-US")).join(" and ")} households, 1 thread)`,
    );
    console.log(`largest population in 24 GiB: ≈ ${(fits / 1e6).toFixed(0)} million households`);
  }
}
