import { loadConfig } from "./src/config/index.ts";
import { runInMemory } from "./src/engine/index.ts";
const START = 120;
const policy = ["government.fiscalAbsorption.chainCapexShare=0.2", "government.fiscalAbsorption.chainDebtGuaranteeShare=0.5"];
const run = (sc: string, seed: number, extra: string[] = []) => runInMemory(loadConfig(`configs/scenarios/${sc}.json`, { sets: ["households.count=10000", `ticks=${START + 108}`, `seed=${seed}`, ...extra] })).series as Record<string, Float64Array>;
const sum = (a: ArrayLike<number>) => { let s = 0; for (let i = 0; i < a.length; i++) s += a[i]; return s; };
const fewer: number[] = []; const base: number[] = [];
for (let s = 1; s <= 20; s++) {
  const a = sum(run("circular-unwind", s).chainDefaults.slice(START));
  const b = sum(run("circular-unwind", s, policy).chainDefaults.slice(START));
  fewer.push(a - b); base.push(a);
}
const m = sum(fewer) / 20; const se = Math.sqrt(fewer.reduce((x, y) => x + (y - m) ** 2, 0) / 19 / 20);
console.log("base default months", sum(base), "seeds with defaults", base.filter((x) => x > 0).length, "fewer", fewer.join(","), "mean", m.toFixed(2), "se", se.toFixed(3), "t", (m / se).toFixed(1), "fewer in", fewer.filter((x) => x > 0).length, "equal", fewer.filter((x) => x === 0).length, "more", fewer.filter((x) => x < 0).length);
