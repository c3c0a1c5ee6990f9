// The core economy's response to a monetary policy shock: paired seeds with
// and without a shift of the policy rate (centralBank.overrides[].addYearly,
// +1 point for 12 months by default: the rule's rate + 0.01 in that window,
// the rule reacting on top), on configs/baseline.json (shock after a 20-year
// warm-up) and configs/scenarios/baseline-2025.json (shock from the chain's
// start, 2025-11). Prints, per config, the paired mean response of the policy
// rate, unemployment, real GDP, inflation, real consumption and real
// investment at 6/12/18/24/36 months with 95 % t intervals, the peaks (largest
// |mean|) and troughs (most negative mean) of the mean paths and their months. Each value is the quarter (3 months) ending
// at the horizon; horizon 0 is the first shocked month. Targets and sources:
// docs/calibration.md §6.
//
// Run: npm run bench:irf [-- --seeds 20 --households 10000 (default: each config's own) --shift 0.01
//   --length 12 --configs configs/baseline.json,configs/scenarios/baseline-2025.json
//   --set households.consumptionRateSensitivity=1 --json out.json]
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { type ResponseKind, responseAt } from "../../src/analysis/impulseResponse.ts";
import { pairedMeanDifference } from "../../src/analysis/pairedMeanDifference.ts";
import { monthOfTick, tickOfMonth } from "../../src/config/calendar.ts";
import { loadConfig, type SpiralConfig } from "../../src/config/index.ts";
import { shockedConfig } from "../../src/engine/calibrateResponses.ts";
import { runInMemory } from "../../src/engine/runSingle.ts";

const { values } = parseArgs({
  options: {
    seeds: { type: "string", default: "20" },
    households: { type: "string", default: "" }, // "": each config's own population
    shift: { type: "string", default: "0.01" },
    length: { type: "string", default: "12" },
    configs: { type: "string", default: "configs/baseline.json,configs/scenarios/baseline-2025.json" },
    set: { type: "string", multiple: true, default: [] },
    json: { type: "string" },
  },
});
const seeds = Array.from({ length: Number(values.seeds) }, (_, i) => i + 1);
const shift = Number(values.shift);
const length = Number(values.length);
const HORIZONS = [0, 6, 12, 18, 24, 36];
const LAST = 48;
/** Months of warm-up before the shock on a config without the AI chain. */
const CORE_WARM_UP = 240;

interface Measure {
  label: string;
  column: string;
  kind: ResponseKind;
  scale: number;
  unit: string;
}
const MEASURES: Measure[] = [
  { label: "policy rate", column: "policyRate", kind: "level", scale: 100, unit: "pts" },
  { label: "unemployment", column: "unemploymentRate", kind: "level", scale: 100, unit: "pts" },
  { label: "real GDP", column: "gdpReal", kind: "log", scale: 1, unit: "%" },
  { label: "inflation (y/y)", column: "inflationYoY", kind: "level", scale: 100, unit: "pts" },
  { label: "real consumption", column: "consumptionReal", kind: "log", scale: 1, unit: "%" },
  { label: "real investment", column: "investmentReal", kind: "log", scale: 1, unit: "%" },
];

/** The shock's first tick: the chain's start with the chain, else after the warm-up. */
function shockTick(c: SpiralConfig): number {
  return c.aiChain.enabled ? tickOfMonth(c.startDate, c.aiChain.start) : CORE_WARM_UP + 1;
}

const fmt = (x: number, d = 2): string => (Number.isFinite(x) ? (x >= 0 ? " " : "") + x.toFixed(d) : "  n/a");
const out: Record<string, unknown> = {};

for (const file of String(values.configs).split(",")) {
  const base = loadConfig(file, { sets: values.set as string[] });
  if (values.households) base.households.count = Number(values.households);
  const t0 = shockTick(base);
  base.ticks = t0 + LAST;
  const shock = { shiftYearly: shift, lengthMonths: length, atTick: t0 };
  const from = monthOfTick(base.startDate, t0);
  const until = monthOfTick(base.startDate, t0 + length - 1);
  const series: Record<string, Float64Array[]>[] = [0, 1].map(() =>
    Object.fromEntries(MEASURES.map((m) => [m.column, [] as Float64Array[]])),
  );
  const start = performance.now();
  for (const seed of seeds) {
    for (let arm = 0; arm < 2; arm++) {
      const c = structuredClone(base);
      c.seed = seed;
      const r = runInMemory(arm === 1 ? shockedConfig(c, shock, c.ticks) : c);
      for (const m of MEASURES) series[arm][m.column].push(r.series[m.column]);
    }
  }
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `\n${file} (${base.name}): ${seeds.length} paired seeds × ${base.households.count} households, ` +
      `policy rate +${(100 * shift).toFixed(2)} pts over the rule from ${from} to ${until} ` +
      `(tick ${t0}); sets: ${(values.set as string[]).join(" ") || "none"}; ${seconds.toFixed(0)} s`,
  );
  console.log("quarter ending h months after the shock's first month: shocked − base, mean [95 % CI]");
  console.log(`${"".padEnd(22)}${HORIZONS.map((h) => `h=${h}`.padEnd(22)).join("")}`);
  const table: Record<string, unknown> = {};
  for (const m of MEASURES) {
    const cells: string[] = [];
    const rows: Record<string, unknown> = {};
    for (const h of HORIZONS) {
      const a = series[0][m.column].map((s) => responseAt(s, s, t0 - 1, h, 3, m.kind, m.scale));
      const d = series[0][m.column].map((s, i) =>
        responseAt(s, series[1][m.column][i], t0 - 1, h, 3, m.kind, m.scale),
      );
      const p = pairedMeanDifference(a, d);
      rows[h] = p;
      cells.push(`${fmt(p.estimate)} [${fmt(p.lower)},${fmt(p.upper)}]`.padEnd(22));
    }
    // Peak (largest |mean|) and trough (most negative mean) of the mean path (monthly horizons 0…LAST − 1,
    // quarter windows): where a later boom is the larger, the trough still shows the recession's depth and month.
    let peak = 0;
    let peakH = 0;
    let trough = 0;
    let troughH = 0;
    for (let h = 0; h < LAST; h++) {
      let sum = 0;
      for (let i = 0; i < seeds.length; i++)
        sum += responseAt(series[0][m.column][i], series[1][m.column][i], t0 - 1, h, 3, m.kind, m.scale);
      const mean = sum / seeds.length;
      if (Math.abs(mean) > Math.abs(peak)) {
        peak = mean;
        peakH = h;
      }
      if (mean < trough) {
        trough = mean;
        troughH = h;
      }
    }
    table[m.label] = { unit: m.unit, horizons: rows, peak, peakMonth: peakH, trough, troughMonth: troughH };
    console.log(
      `${`${m.label} (${m.unit})`.padEnd(22)}${cells.join("")}  peak ${fmt(peak)} at h=${peakH}, ` +
        `trough ${fmt(trough)} at h=${troughH}`,
    );
  }
  out[file] = { seeds: seeds.length, households: base.households.count, shift, length, from, until, table };
}
if (values.json) writeFileSync(values.json, `${JSON.stringify(out, null, 2)}\n`);
