// The scenario table: every scenario in configs/scenarios over N seeds
// (default 20), at a reduced population, printing per scenario the mean and
// spread of peak unemployment and peak chain CDS index after the chain
// starts, and the share of seeds with a crisis, a chain default, and a
// negative-feedback phase that spreads to the wider economy (a month labelled
// negative-feedback while unemployment is at least 1 point above its level at
// the chain's start). Run: npm run bench:scenarios [-- --seeds 20 --households 10000 --scenarios a,b]
import { readdirSync } from "node:fs";
import { parseArgs } from "node:util";
import { chainStartTick } from "../../src/config/calendar.ts";
import { loadConfig } from "../../src/config/index.ts";
import { runInMemory } from "../../src/engine/index.ts";

const { values } = parseArgs({
  options: {
    seeds: { type: "string", default: "20" },
    households: { type: "string", default: "10000" },
    months: { type: "string", default: "108" },
    scenarios: { type: "string" },
  },
});
const seeds = Number(values.seeds);
const months = Number(values.months);
const households = Number(values.households);
const names =
  values.scenarios?.split(",") ??
  readdirSync("configs/scenarios")
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.replace(/\.json$/, ""))
    .sort();

function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}
const mean = (a: ArrayLike<number>) => sum(a) / a.length;
const sd = (a: number[]) => {
  const m = mean(a);
  return Math.sqrt(a.reduce((x, y) => x + (y - m) ** 2, 0) / Math.max(1, a.length - 1));
};

console.log(
  "| scenario | peak unemployment, mean ± sd | peak chain CDS index (bp), mean ± sd | months in crisis, mean ± sd | seeds with a crisis | with a chain default | with a positive-feedback phase | with negative feedback reaching jobs |",
);
console.log("|---|---|---|---|---|---|---|---|");
for (const name of names) {
  const peakU: number[] = [];
  const peakCds: number[] = [];
  const crisisMonths: number[] = [];
  let boom = 0;
  let crisis = 0;
  let defaulted = 0;
  let spread = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const c = loadConfig(`configs/scenarios/${name}.json`, {
      sets: [
        `households.count=${households}`,
        // Firm counts scale with households by default (firms.*.householdsPerFirm).
        `seed=${seed}`,
      ],
    });
    const start = c.aiChain.enabled ? chainStartTick(c) - 1 : c.burnInTicks;
    c.ticks = Math.min(c.ticks, start + months);
    const s = runInMemory(c).series;
    const u = s.unemploymentRate.slice(start);
    peakU.push(Math.max(...u));
    peakCds.push(Math.max(...s.cdsIndexAiChainBp.slice(start)));
    if (s.crisis.slice(start).some((x) => x > 0)) crisis++;
    crisisMonths.push(mean(s.crisis.slice(start)));
    if (s.phase.slice(start).some((p) => p === 1)) boom++;
    if (s.chainDefaults.slice(start).some((x) => x > 0)) defaulted++;
    const phase = s.phase.slice(start);
    if (phase.some((p, t) => p === -1 && u[t] >= u[0] + 0.01)) spread++;
  }
  const pct = (k: number) => `${Math.round((100 * k) / seeds)} %`;
  console.log(
    `| ${name} | ${(100 * mean(peakU)).toFixed(1)} % ± ${(100 * sd(peakU)).toFixed(1)} | ${mean(peakCds).toFixed(0)} ± ${sd(peakCds).toFixed(0)} | ${(100 * mean(crisisMonths)).toFixed(0)} % ± ${(100 * sd(crisisMonths)).toFixed(0)} | ${pct(crisis)} | ${pct(defaulted)} | ${pct(boom)} | ${pct(spread)} |`,
  );
}
console.log(`\n${seeds} seeds, ${values.households} households, ${months} months from the chain's start.`);
