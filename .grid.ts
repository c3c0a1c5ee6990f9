import { join } from "node:path";
import { standardDeviation } from "simple-statistics";
import { loadConfig } from "./src/config/index.ts";
import { runInMemory } from "./src/engine/index.ts";
const SCEN = join(process.cwd(), "configs/scenarios/baseline-2025.json");
const vals = process.argv.slice(2).map(Number);
const seeds = Array.from({ length: 20 }, (_, i) => i + 1);
for (const r of vals) {
  const per: Record<string, number[]> = { u: [], pi: [], rate: [], gdp: [], p: [] };
  let sdMax5 = 0, sdMax20 = 0, firmMax = 0;
  for (const seed of seeds) {
    const c = loadConfig(SCEN, { sets: [`seed=${seed}`, `households.neutralRealRateYearly=${r}`] });
    c.ticks = 121;
    const s = runInMemory(c).series as Record<string, ArrayLike<number>>;
    const i = 120;
    per.u.push(s.unemploymentRate[i]); per.pi.push(s.inflationYoY[i]); per.rate.push(s.policyRate[i]); per.gdp.push(s.gdpNominal[i]); per.p.push(s.priceIndex[i]);
    const sd = standardDeviation(Array.from(s.unemploymentRate).slice(26, 120));
    sdMax20 = Math.max(sdMax20, sd); if (seed <= 5) sdMax5 = Math.max(sdMax5, sd);
    for (const f of c.aiChain.firms) firmMax = Math.max(firmMax, Math.abs(s[`${f.name}_marketCap`][i] / f.marketCapUsdBn - 1));
  }
  const m = (a: number[], n: number) => a.slice(0, n).reduce((x, y) => x + y, 0) / n;
  const row = [5, 10, 20].map((n) => `n${n}: U ${(100 * m(per.u, n)).toFixed(2)} pi ${(100 * m(per.pi, n)).toFixed(2)} r ${(100 * m(per.rate, n)).toFixed(2)} gdp ${(m(per.gdp, n) / 1e3).toFixed(2)} p ${m(per.p, n).toFixed(3)}`);
  console.log(`r*=${r} | ${row.join(" | ")} | sd5 ${(100 * sdMax5).toFixed(2)} sd20 ${(100 * sdMax20).toFixed(2)} firm ${firmMax.toFixed(3)}`);
}
