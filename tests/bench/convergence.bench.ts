// `npm run bench:convergence`: does a scenario's outcome depend on the number
// of simulated households? (issue 16 item 5.) Runs baseline-2025,
// fed-hold-high and murphy × 10 seeds at 10 000 and at 100 000 households,
// paired by seed, on a worker pool of one thread per core, and prints for each
// scenario and quantity (tests/helpers/convergence.ts) the mean at each size,
// the paired mean difference (large − small), its standard error, |diff| / SE
// and PASS when |diff| < 2 SE (a difference of exactly 0 passes).
// A 100 000-household run takes ≈ 15–20 s; the default set ≈ 10 min on 2 cores.
// Options: --seeds 10 --small 10000 --large 100000 --scenarios a,b --workers N --months M --set path=value
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { Piscina } from "piscina";
import {
  CONVERGENCE_QUANTITIES,
  type ConvergenceResult,
  type ConvergenceTask,
  pairedDifference,
  withinStandardErrors,
} from "../helpers/convergence.ts";

const { values } = parseArgs({
  options: {
    seeds: { type: "string", default: "10" },
    small: { type: "string", default: "10000" },
    large: { type: "string", default: "100000" },
    scenarios: { type: "string", default: "baseline-2025,fed-hold-high,murphy" },
    workers: { type: "string" },
    months: { type: "string" },
    set: { type: "string", multiple: true },
  },
});
const seeds = Number(values.seeds);
const sizes = [Number(values.small), Number(values.large)];
const scenarios = values.scenarios.split(",");
const workers = values.workers ? Number(values.workers) : availableParallelism();
const months = values.months ? Number(values.months) : undefined;
// Extra assignments for every run, e.g. --set firms.consumption.count=200 (the fixed firm counts of before issue 16).
const sets = values.set ?? [];

const pool = new Piscina<ConvergenceTask, { result: ConvergenceResult; seconds: number }>({
  filename: fileURLToPath(new URL("./convergence.worker.ts", import.meta.url)),
  minThreads: workers,
  maxThreads: workers,
  execArgv: ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href],
});

console.log(
  `Spiral convergence benchmark — Node ${process.version}, ${workers} workers; ${seeds} seeds × ${sizes.join(" vs ")} households${months ? `, ${months} months from the chain's start` : ""}${sets.length ? `, ${sets.join(" ")}` : ""}`,
);
const start = performance.now();
// The large runs first, so the small ones fill the gaps at the end.
const tasks: ConvergenceTask[] = [];
for (const households of [...sizes].reverse())
  for (const scenario of scenarios)
    for (let seed = 1; seed <= seeds; seed++) tasks.push({ scenario, households, seed, months, sets });
const results = new Map<string, ConvergenceResult>();
const key = (t: ConvergenceTask) => `${t.scenario}/${t.households}/${t.seed}`;
const seconds = new Map<number, number[]>();
await Promise.all(
  tasks.map(async (t) => {
    const r = await pool.run(t);
    results.set(key(t), r.result);
    seconds.set(t.households, [...(seconds.get(t.households) ?? []), r.seconds]);
  }),
);
await pool.destroy();

const fmt = (x: number) =>
  Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toFixed(3);
console.log(
  `\n| scenario | quantity | mean at ${sizes[0]} | mean at ${sizes[1]} | paired diff | SE | diff ÷ SE | at 2 SE |`,
);
console.log("|---|---|---|---|---|---|---|---|");
let failures = 0;
for (const scenario of scenarios) {
  for (const q of CONVERGENCE_QUANTITIES) {
    const at = (households: number) =>
      Array.from(
        { length: seeds },
        (_, i) =>
          q.scale * (results.get(key({ scenario, households, seed: i + 1 })) as ConvergenceResult)[q.key],
      );
    const p = pairedDifference(at(sizes[0]), at(sizes[1]));
    const pass = withinStandardErrors(p, 2);
    if (!pass) failures++;
    const ratio = p.diff === 0 ? 0 : p.se > 0 ? Math.abs(p.diff) / p.se : Number.POSITIVE_INFINITY;
    console.log(
      `| ${scenario} | ${q.label} | ${fmt(p.meanSmall)} | ${fmt(p.meanLarge)} | ${fmt(p.diff)} | ${fmt(p.se)} | ${ratio.toFixed(2)} | ${pass ? "PASS" : "FAIL"} |`,
    );
  }
}
const meanSeconds = (n: number) => {
  const a = seconds.get(n) ?? [];
  return a.reduce((x, y) => x + y, 0) / Math.max(1, a.length);
};
console.log(
  `\n${failures} of ${scenarios.length * CONVERGENCE_QUANTITIES.length} differ by 2 SE or more. Mean run: ${sizes.map((n) => `${meanSeconds(n).toFixed(1)} s at ${n}`).join(", ")}; wall ${((performance.now() - start) / 1000).toFixed(0)} s.`,
);
