// `npm run bench:scale`: one run sharded across threads (issue 7).
//   npm run bench:scale                       1 M and 10 M households, 12 ticks, 1 and 2 threads
//   npm run bench:scale -- 100000 1000000     other sizes
//   npm run bench:scale -- --threads 1,2,4 --ticks 24 1000000
//   npm run bench:scale -- --repeat 5 --no-huge-pages 10000000
//   npm run bench:scale -- --matching simultaneous 1000000   labour.matchingProtocol (default: the config's, sequential)
// Runs repeat (default 3 times, 1 and 2 threads interleaved) because this
// kind of machine's speed moves 10–50 % with its neighbours' load; the table
// gives the best and the median run. Children start with glibc's huge-page
// tunable as `spiral` does (src/hugePages.mjs) unless --no-huge-pages.
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
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { ThreadedRunner } from "../../src/engine/threads.ts";
import { hugePageEnv } from "../../src/hugePages.mjs";
import { createModel, MetricsTracker, step } from "../../src/model/index.ts";
import {
  formatHotspots,
  formatPhaseTimes,
  phaseTimes,
  serialHotspots,
  startProfile,
} from "./phaseProfile.ts";
import { memoryLatency, parallelCapacity, scaledConfig } from "./shared.ts";

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
  /** createModel with the workers' start (wall clock): on threads, the households' draws run on them (model/initPasses.ts). */
  initSeconds: number;
  /** Share of the tick's time spent in the household passes (the parallel part), one thread only. */
  passShare: number | null;
  /** Anonymous memory on transparent huge pages at the end of the run (Linux; 0 where unknown). */
  hugePagesBytes: number;
  /** With --profile, one thread: the per-phase table (phaseProfile.ts). */
  profile?: string;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** This process's anonymous memory on transparent huge pages (Linux /proc; 0 elsewhere). */
function hugePagesBytes(): number {
  try {
    const m = /AnonHugePages:\s+(\d+) kB/.exec(readFileSync("/proc/self/smaps_rollup", "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

async function measure(
  households: number,
  threads: number,
  ticks: number,
  profile: boolean,
  matching: string,
): Promise<void> {
  const config = scaledConfig(households, ticks + 2);
  if (matching !== "") config.labour.matchingProtocol = matching as typeof config.labour.matchingProtocol;
  globalThis.gc?.();
  const before = process.memoryUsage();
  const t0 = performance.now();
  // As `spiral run --threads` does (engine/coreModel.ts): the workers start first and draw the households too.
  const model = createModel(config, {
    shared: threads > 1,
    runner: threads > 1 ? (host) => ThreadedRunner.startNow(host, threads) : undefined,
  });
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
  const stopProfile = profile && threads === 1 ? await startProfile() : null;
  const start = process.hrtime.bigint();
  for (let t = 0; t < ticks; t++) {
    const t0 = process.hrtime.bigint();
    tick();
    tickNs.push(Number(process.hrtime.bigint() - t0));
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpuProfile = stopProfile ? await stopProfile() : null;
  const phases = cpuProfile
    ? `${formatPhaseTimes(households, phaseTimes(cpuProfile, households, ticks))}\n${formatHotspots(serialHotspots(cpuProfile, households, ticks, 25))}`
    : undefined;
  model.runner.close();
  const result: Result = {
    households,
    threads,
    ticks,
    nsPerHouseholdTick: (seconds * 1e9) / (ticks * households),
    medianNsPerHouseholdTick: median(tickNs) / households,
    bytesPerHousehold:
      (after.heapUsed - before.heapUsed + (after.arrayBuffers - before.arrayBuffers)) / households,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    initSeconds,
    passShare: threads === 1 ? passMs / (seconds * 1000) : null,
    hugePagesBytes: hugePagesBytes(),
    profile: phases,
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

function parseArgs(argv: string[]): {
  sizes: number[];
  threads: number[];
  ticks: number;
  repeat: number;
  hugePages: boolean;
  profile: boolean;
  matching: string;
} {
  let threads = [1, 2];
  let matching = "";
  let ticks = 12;
  let repeat = 3;
  let hugePages = true;
  let profile = false;
  const sizes: number[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--threads") threads = argv[++i].split(",").map(Number);
    else if (argv[i] === "--ticks") ticks = Number(argv[++i]);
    else if (argv[i] === "--repeat") repeat = Number(argv[++i]);
    else if (argv[i] === "--no-huge-pages") hugePages = false;
    else if (argv[i] === "--profile") profile = true;
    else if (argv[i] === "--matching") matching = argv[++i];
    else sizes.push(Number(argv[i]));
  }
  for (const [name, v] of [
    ["--ticks", ticks],
    ["--repeat", repeat],
    ...threads.map((t) => ["--threads", t] as const),
    ...sizes.map((n) => ["size", n] as const),
  ] as const) {
    if (!Number.isInteger(v) || v < 1) {
      console.error(`bench:scale: ${name} must be a positive integer, got ${v}`);
      process.exit(2);
    }
  }
  if (matching !== "" && matching !== "sequential" && matching !== "simultaneous") {
    console.error(`bench:scale: --matching must be sequential or simultaneous, got ${matching}`);
    process.exit(2);
  }
  return {
    sizes: sizes.length > 0 ? sizes : [1_000_000, 10_000_000],
    threads,
    ticks,
    repeat,
    hugePages,
    profile,
    matching,
  };
}

const self = fileURLToPath(import.meta.url);
if (process.argv[2] === "--one") {
  await measure(
    Number(process.argv[3]),
    Number(process.argv[4]),
    Number(process.argv[5]),
    process.argv[6] === "--profile",
    process.argv[7] ?? "",
  );
} else {
  const { sizes, threads, ticks, repeat, hugePages, profile, matching } = parseArgs(process.argv.slice(2));
  const env = hugePageEnv(hugePages ? process.env : { ...process.env, SPIRAL_HUGE_PAGES: "0" });
  console.log(
    `Spiral scale benchmark — Node ${process.version}, ${ticks} ticks per run, ${repeat} run(s) per size and thread count (interleaved), huge pages ${hugePages ? "requested" : "off"} (src/hugePages.mjs), labour matching ${matching === "" ? "the config's (sequential)" : matching}`,
  );
  const sync = await syncCost(1);
  console.log(
    `synchronisation per pass, 1 worker: Atomics barrier ${sync.atomicsUs.toFixed(1)} µs, piscina task ${sync.piscinaUs.toFixed(1)} µs (5 passes per tick)`,
  );
  console.log(
    `parallel CPU the machine offered before the runs: ${(await parallelCapacity(2)).toFixed(2)} of 2 cores`,
  );
  const latencySizes = [256, 1024, 4096, 16384, 131072];
  const latency = memoryLatency(latencySizes, env);
  console.log(
    `random-load latency (runs' memory setting): ${latencySizes.map((kb, k) => `${kb >= 1024 ? `${kb / 1024} MiB` : `${kb} KiB`} ${latency[k].toFixed(0)} ns`).join(", ")} — a firm column is 1.9 MB at 10 M households`,
  );
  // Each run's ns per household-tick is its mean over `ticks` ticks. Across runs, the best
  // is the least disturbed by other processes (the machine's own speed); the median is typical.
  console.log(
    "households  threads  ns/hh-tick (best, median of runs)  speed-up (best, median)  peak RSS GiB  bytes/hh  init s (best)  huge pages GiB  vs BeforeIT (5 µs/agent-quarter)  passes share → Amdahl bound, 2 threads",
  );
  const oneThreadRss: [number, number][] = [];
  // With --profile: each one-thread run's per-phase table, printed after the summary (profiled runs are slower).
  const profiles: string[] = [];
  for (const n of sizes) {
    const runs = new Map<number, Result[]>(threads.map((t) => [t, []]));
    for (let r = 0; r < repeat; r++) {
      for (const t of threads) {
        const child = spawnSync(
          process.execPath,
          [
            "--expose-gc",
            "--import",
            "tsx",
            self,
            "--one",
            String(n),
            String(t),
            String(ticks),
            profile ? "--profile" : "--no-profile",
            matching,
          ],
          { encoding: "utf8", maxBuffer: 1 << 20, env },
        );
        if (child.status !== 0) {
          console.log(
            `${String(n).padStart(10)} ${String(t).padStart(8)}  failed: ${child.stderr.trim().split("\n").pop()}`,
          );
          continue;
        }
        runs.get(t)?.push(JSON.parse(child.stdout.trim().split("\n").pop() ?? "{}"));
      }
    }
    const one = runs.get(1) ?? [];
    const oneBest = one.length > 0 ? Math.min(...one.map((r) => r.nsPerHouseholdTick)) : Number.NaN;
    const oneMedian = one.length > 0 ? median(one.map((r) => r.nsPerHouseholdTick)) : Number.NaN;
    for (const t of threads) {
      const rs = runs.get(t) ?? [];
      if (rs.length === 0) continue;
      const ns = rs.map((r) => r.nsPerHouseholdTick);
      const best = Math.min(...ns);
      const mid = median(ns);
      const r = rs[ns.indexOf(best)];
      const peak = Math.max(...rs.map((x) => x.peakRssBytes));
      const ratio = BEFOREIT_NS_PER_AGENT_QUARTER / (3 * best);
      const initBest = Math.min(...rs.map((x) => x.initSeconds));
      if (t === 1) oneThreadRss.push([n, peak]);
      for (const x of rs) if (x.profile) profiles.push(x.profile);
      const shares = rs.map((x) => x.passShare).filter((x): x is number => x !== null);
      const share = shares.length > 0 ? median(shares) : null;
      const amdahl =
        share === null ? "" : `  ${(100 * share).toFixed(0)} % → ${(1 / (1 - share / 2)).toFixed(2)}`;
      const speedUps =
        t === 1 || Number.isNaN(oneBest)
          ? "                      –"
          : `${(oneBest / best).toFixed(2).padStart(15)}, ${(oneMedian / mid).toFixed(2).padStart(6)}`;
      console.log(
        `${String(n).padStart(10)} ${String(t).padStart(8)} ${best.toFixed(1).padStart(15)}, ${mid.toFixed(1).padStart(17)} ${speedUps} ${(peak / GIB).toFixed(2).padStart(13)} ${r.bytesPerHousehold.toFixed(1).padStart(9)} ${initBest.toFixed(2).padStart(14)} ${(r.hugePagesBytes / GIB).toFixed(2).padStart(15)}  ${ratio.toFixed(1)}× faster per agent-quarter${amdahl}`,
      );
    }
  }
  for (const p of profiles) console.log(p);
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
