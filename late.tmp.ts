import { join } from "node:path";
import { standardDeviation } from "simple-statistics";
import { loadConfig } from "./src/config/index.ts";
import { runInMemory } from "./src/engine/index.ts";
const SCENARIO = join(process.cwd(), "configs/scenarios/baseline-2025.json");
const n = Number(process.argv[2] ?? 20);
const extra = process.argv.slice(3);
const cols = ["priceIndex","unemploymentRate","inflationYoY","policyRate","gdpNominal","bankCapitalRatio","marketCapTotal","marketCapAiChain"];
const v: Record<string, number[]> = Object.fromEntries(cols.map((c) => [c, []]));
const sds: number[] = []; let maxRatio = 0;
for (let seed = 1; seed <= n; seed++) {
  const config = loadConfig(SCENARIO, { sets: [`seed=${seed}`, ...extra] });
  config.ticks = 121;
  const s = runInMemory(config).series as Record<string, ArrayLike<number>>;
  for (const c of cols) v[c].push(s[c][120]);
  sds.push(standardDeviation(Array.from(s.unemploymentRate).slice(26, 120)));
  for (const f of config.aiChain.firms) maxRatio = Math.max(maxRatio, Math.abs(s[`${f.name}_marketCap`][120] / f.marketCapUsdBn - 1));
}
for (const k of [5, 10, 20].filter((k) => k <= n)) {
  const parts = cols.map((c) => { const a = v[c].slice(0, k); const m = a.reduce((x, y) => x + y, 0) / k; return `${c} ${m.toPrecision(5)} (${Math.min(...a).toPrecision(4)}–${Math.max(...a).toPrecision(4)})`; });
  console.log(`seeds 1-${k}: ` + parts.join("; ") + `; warm-up sd max ${Math.max(...sds.slice(0, k)).toFixed(4)} (seed ${sds.indexOf(Math.max(...sds.slice(0, k))) + 1})`);
}
console.log("max first-month ratio gap", maxRatio.toFixed(4));
