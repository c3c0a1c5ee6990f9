// What the AI build-out does to the core economy: configs/scenarios/baseline-2025.json
// against the same run with the chain's start moved to the run's last month,
// so the warm-up's stationary 2025 chain (aiChain.stationaryWarmUp,
// agents/aiChain/warmUp.ts) simply continues — its platform fees, payouts,
// taxes and the capital it replaces, at 2025's real level — with the same
// seeds (the same warm-up, the same aggregate shocks from 2025-11). Prints
// each arm's yearly unemployment, inflation and policy rate for the chain's
// first `--years` years and the peak and trough over them, with the paired
// difference (build-out − stationary chain) and its 95 % t interval
// (analysis/pairedMeanDifference.ts). The counterfactual drops the chip
// maker's backstop, which would end before a start in the run's last month
// and does nothing before the chain acts. docs/scenarios.md, "The start
// artefact is the core's cycle".
//
// Run: npm run bench:buildout [-- --seeds 20 --households 10000 --years 5 --set path=value]
import { parseArgs } from "node:util";
import { pairedMeanDifference } from "../../src/analysis/pairedMeanDifference.ts";
import { chainStartTick, monthOfTick } from "../../src/config/calendar.ts";
import { loadConfig } from "../../src/config/index.ts";
import { runInMemory } from "../../src/engine/runSingle.ts";

const { values } = parseArgs({
  options: {
    seeds: { type: "string", default: "20" },
    households: { type: "string", default: "" }, // "": the scenario's own 10 000
    years: { type: "string", default: "5" },
    set: { type: "string", multiple: true, default: [] },
  },
});
const FILE = "configs/scenarios/baseline-2025.json";
const seeds = Array.from({ length: Number(values.seeds) }, (_, i) => i + 1);
const years = Number(values.years);
const sets = [...(values.households ? [`households.count=${values.households}`] : []), ...values.set];

interface Row {
  label: string;
  buildOut: number[];
  stationary: number[];
}
const rows = new Map<string, Row>();
function add(label: string, buildOut: number, stationary: number): void {
  const row = rows.get(label) ?? { label, buildOut: [], stationary: [] };
  row.buildOut.push(buildOut);
  row.stationary.push(stationary);
  rows.set(label, row);
}

/** Mean of x over months [from, from + 12). */
function yearMean(x: Float64Array, from: number): number {
  let s = 0;
  for (let i = from; i < from + 12; i++) s += x[i];
  return s / 12;
}

const started = performance.now();
for (const seed of seeds) {
  const base = loadConfig(FILE, { sets: [...sets, `seed=${seed}`] });
  const last = monthOfTick(base.startDate, base.ticks);
  const still = loadConfig(FILE, {
    sets: [...sets, `seed=${seed}`, `aiChain.start=${last}`, "aiChain.backstops=[]"],
  });
  const start = chainStartTick(base) - 1; // series index of the chain's first month
  if (start + 12 * years > base.ticks) throw new RangeError(`--years ${years}: the run ends before`);
  const a = runInMemory(base).series;
  const b = runInMemory(still).series;
  add(
    "unemployment, the year before",
    yearMean(a.unemploymentRate, start - 12),
    yearMean(b.unemploymentRate, start - 12),
  );
  for (let y = 0; y < years; y++) {
    const from = start + 12 * y;
    add(
      `unemployment, year ${y + 1}`,
      yearMean(a.unemploymentRate, from),
      yearMean(b.unemploymentRate, from),
    );
    add(`inflation, year ${y + 1}`, yearMean(a.inflationYoY, from), yearMean(b.inflationYoY, from));
    add(`policy rate, year ${y + 1}`, yearMean(a.policyRate, from), yearMean(b.policyRate, from));
  }
  const window = (x: Float64Array, pick: (p: number, q: number) => number) => {
    let v = x[start];
    for (let i = start; i < start + 12 * years; i++) v = pick(v, x[i]);
    return v;
  };
  add("peak unemployment", window(a.unemploymentRate, Math.max), window(b.unemploymentRate, Math.max));
  add("lowest unemployment", window(a.unemploymentRate, Math.min), window(b.unemploymentRate, Math.min));
  add("highest policy rate", window(a.policyRate, Math.max), window(b.policyRate, Math.max));
}

const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
const pts = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(100 * x).toFixed(2)}`;
console.log(`${FILE}: the build-out against the stationary 2025 chain, seeds 1–${seeds.length} (paired)`);
console.log("| measure | build-out | stationary chain | difference, points [95 % CI] |");
console.log("| --- | --- | --- | --- |");
for (const row of rows.values()) {
  const mean = (x: number[]) => x.reduce((p, q) => p + q, 0) / x.length;
  const d = pairedMeanDifference(row.stationary, row.buildOut);
  console.log(
    `| ${row.label} | ${pct(mean(row.buildOut))} | ${pct(mean(row.stationary))} | ${pts(d.estimate)} [${pts(d.lower)}, ${pts(d.upper)}] |`,
  );
}
console.log(`${2 * seeds.length} runs in ${((performance.now() - started) / 1000).toFixed(0)} s`);
