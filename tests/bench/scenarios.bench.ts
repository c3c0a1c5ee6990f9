// The tables of docs/scenarios.md, on paired seeds (1…N, the same for every
// config), run on the sweep's worker pool (workers/sweepRun.ts, one run per
// task, summaries back):
//
// 1. The scenario table: every scenario in configs/scenarios, printing per
//    scenario the mean and spread of peak unemployment and peak chain CDS
//    index after the chain starts, and the share of seeds with a crisis, a
//    chain default, a positive-feedback phase and negative feedback that
//    spreads to the wider economy (a month labelled negative-feedback while
//    unemployment is at least 1 point above its level at the chain's start).
// 2. The attribution table (engine/attribution.ts): for each switchable
//    mechanism, on − off on the same seeds, the change in the probability of
//    a chain bust, peak chain CDS and peak unemployment with 95 % intervals.
//    Written as Markdown and JSON to <out>/attribution.md and .json.
//
// Run: npm run bench:scenarios [-- --seeds 20 --households 10000 --months 108
//   --only scenarios|attribution --scenarios a,b --workers N --out results --set path=value …]
// (--set, repeatable, as spiral's: applied to every run on top of its config file, before an attribution arm's own
// settings; the tables name them.)
// Quick look: npm run bench:scenarios -- --only attribution --seeds 4 --households 2000
import { mkdirSync, readdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Piscina } from "piscina";
import { chainStartTick } from "../../src/config/calendar.ts";
import { loadConfig, type SpiralConfig } from "../../src/config/index.ts";
import {
  ATTRIBUTION_BASE,
  armKey,
  attributionJson,
  attributionMarkdown,
  attributionTable,
  distinctArms,
  MECHANISMS,
} from "../../src/engine/attribution.ts";
import type { RunSummary } from "../../src/engine/summary.ts";
import type { SweepTask, SweepTaskResult } from "../../src/engine/sweepTask.ts";
import { writeFileAtomic } from "../../src/io/atomicWrite.ts";
import { compiledWorker } from "./shared.ts";

const { values } = parseArgs({
  options: {
    seeds: { type: "string", default: "20" },
    households: { type: "string", default: "10000" },
    months: { type: "string", default: "108" },
    scenarios: { type: "string" },
    only: { type: "string" },
    workers: { type: "string", default: String(availableParallelism()) },
    out: { type: "string", default: "results" },
    set: { type: "string", multiple: true, default: [] },
  },
});
const seeds = Array.from({ length: Number(values.seeds) }, (_, i) => i + 1);
const months = Number(values.months);
const households = Number(values.households);
const workers = Math.max(1, Number(values.workers));
const only = values.only;
// Extra assignments for every run (--set, as in bench:convergence), named in the tables.
const extraSets = values.set ?? [];
if (only !== undefined && only !== "scenarios" && only !== "attribution") {
  console.error(`--only: "scenarios" or "attribution" (got "${only}")`);
  process.exit(2);
}

/**
 * A config of `file` with the bench's --set values and `sets` (the arm's, applied after them), at the bench's
 * size and seed, cut to `months` after the chain's start.
 */
function benchConfig(file: string, sets: readonly string[], seed: number): SpiralConfig {
  // Firm counts scale with households by default (firms.*.householdsPerFirm).
  const c = loadConfig(file, {
    sets: [...extraSets, ...sets, `households.count=${households}`, `seed=${seed}`],
  });
  const start = c.aiChain.enabled ? chainStartTick(c) - 1 : c.burnInTicks;
  c.ticks = Math.min(c.ticks, start + months);
  return c;
}

// The runs go to the compiled sweep worker (dist/, built when stale), as `spiral sweep`'s do after
// `npm ci`: from TypeScript the pool's workers would load the model through tsx, about twice as slowly.
const worker = compiledWorker("sweepRun");
const pool = new Piscina<SweepTask, SweepTaskResult>({
  filename: worker.file,
  minThreads: workers,
  maxThreads: workers,
  execArgv: worker.execArgv,
});
const started = performance.now();
let ran = 0;

/** Runs each config (in order) on the pool and returns their summaries in the same order. */
async function runAll(configs: readonly SpiralConfig[], label: string): Promise<RunSummary[]> {
  return Promise.all(
    configs.map(async (config, i) => {
      const r = await pool.run({ runId: `${label}-${i}`, config, runDir: null, command: "", attempt: 1 });
      ran++;
      return r.summary;
    }),
  );
}

// The historical replay runs on its own calendar (the chain from 1997-01, to 2004-12), so a table of the
// 108 months from the chain's start does not fit it; docs/scenarios.md "Replaying 1997–2003" measures it.
const OWN_CALENDAR = new Set(["telecom-1997"]);

// Every config is loaded (and so checked) before anything runs: a bad override fails at once.
const names =
  only === "attribution"
    ? []
    : (values.scenarios?.split(",") ??
      readdirSync("configs/scenarios")
        .filter((f) => f.endsWith(".json"))
        .map((f) => f.replace(/\.json$/, ""))
        .filter((name) => !OWN_CALENDAR.has(name))
        .sort());
const scenarioConfigs = names.map((name) =>
  seeds.map((seed) => benchConfig(`configs/scenarios/${name}.json`, [], seed)),
);
const arms = only === "scenarios" ? [] : distinctArms(MECHANISMS);
const armConfigs = arms.map((arm) => seeds.map((seed) => benchConfig(ATTRIBUTION_BASE, arm.sets, seed)));
mkdirSync(values.out, { recursive: true });

if (only !== "attribution") {
  const configs = scenarioConfigs;
  const results = await Promise.all(configs.map((list, i) => runAll(list, names[i])));
  const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
  const sd = (a: number[]) => {
    const m = mean(a);
    return Math.sqrt(a.reduce((x, y) => x + (y - m) ** 2, 0) / Math.max(1, a.length - 1));
  };
  const lines = [
    "| scenario | peak unemployment, mean ± sd | peak chain CDS index (bp), mean ± sd | months in crisis, mean ± sd | seeds with a crisis | with a chain default | with a positive-feedback phase | with negative feedback reaching jobs |",
    "|---|---|---|---|---|---|---|---|",
  ];
  names.forEach((name, k) => {
    const runs = results[k];
    // The summary's figures cover the months after the burn-in, which end where the chain starts.
    const peakU = runs.map((s) => s.bust?.peakUnemployment ?? (s.unemploymentRate.max as number));
    const peakCds = runs.map((s) => s.bust?.peakCdsBp ?? 0);
    const crisisShare = runs.map((s) => s.crisisMonths / Math.max(1, s.monthsAnalysed));
    const share = (f: (s: RunSummary) => boolean) =>
      `${Math.round((100 * runs.filter(f).length) / runs.length)} %`;
    lines.push(
      `| ${name} | ${(100 * mean(peakU)).toFixed(1)} % ± ${(100 * sd(peakU)).toFixed(1)} | ${mean(peakCds).toFixed(0)} ± ${sd(peakCds).toFixed(0)} | ${(100 * mean(crisisShare)).toFixed(0)} % ± ${(100 * sd(crisisShare)).toFixed(0)} | ${share((s) => s.crisisEpisodes > 0)} | ${share((s) => (s.bust?.anyChainDefault ?? 0) > 0)} | ${share((s) => (s.phaseShare.positive ?? 0) > 0)} | ${share((s) => (s.bust?.negativeFeedbackJobsMonths ?? 0) > 0)} |`,
    );
  });
  const extra = extraSets.length > 0 ? `, with --set ${extraSets.join(" ")}` : "";
  lines.push(
    "",
    `${seeds.length} seeds, ${households} households, ${months} months from the chain's start${extra}.`,
  );
  const text = `${lines.join("\n")}\n`;
  writeFileAtomic(join(values.out, "scenarios.md"), text);
  console.log(text);
}

if (only !== "scenarios") {
  const results = await Promise.all(armConfigs.map((list, i) => runAll(list, `arm${i}`)));
  const byArm = new Map(arms.map((arm, i) => [armKey(arm), results[i]]));
  const table = attributionTable(MECHANISMS, (arm) => byArm.get(armKey(arm)) ?? [], {
    seeds,
    setup: {
      households,
      "months from the chain's start": months,
      runs: arms.length * seeds.length,
      ...(extraSets.length > 0 ? { "--set": extraSets.join(" ") } : {}),
    },
  });
  writeFileAtomic(join(values.out, "attribution.md"), attributionMarkdown(table));
  writeFileAtomic(join(values.out, "attribution.json"), attributionJson(table));
  console.log(attributionMarkdown(table));
  console.log(`Written: ${join(values.out, "attribution.md")}, ${join(values.out, "attribution.json")}`);
}

await pool.destroy();
const seconds = (performance.now() - started) / 1000;
console.log(
  `${ran} runs in ${seconds.toFixed(0)} s on ${workers} worker thread${workers === 1 ? "" : "s"} (${(seconds / Math.max(1, ran)).toFixed(2)} s a run of wall time).`,
);
