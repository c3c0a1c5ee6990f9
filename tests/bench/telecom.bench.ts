// The telecom-1997 replay beside history (issue 18 item 7; docs/scenarios.md
// "Replaying 1997–2003"): runs configs/scenarios/telecom-1997.json on seeds
// seed0 + 1 … seed0 + N, measures each run over 1997–2003
// (src/analysis/telecomReplay.ts replayMeasures, the measures
// tests/scenarios.telecom.test.ts asserts on) and prints the replay's mean
// and range over seeds beside history's values, with each firm's fall beside
// its analogue's. Writes <out>/telecom-replay.md and .json (every seed's
// measures).
//
// Run: npm run bench:telecom [-- --seeds 20 --seed0 0 --households 10000 --out results --set path=value …
//   --config configs/variants/telecom-1997-glut.json (a variant of the replay; the default is the replay itself)]
// (--set, repeatable, as spiral's: applied to every run on top of the config, e.g. to measure a variant —
// docs/scenarios.md "source44 pass": --set aiChain.capacityTechnologyGrowthYearly=1 …). About 1 s a seed here.
import { type ReplayMeasures, replayMeasures, replayTable } from "../../src/analysis/telecomReplay.ts";
import { loadConfig } from "../../src/config/index.ts";
import { runInMemory } from "../../src/engine/index.ts";
import { exitOnInputError, parseSeedBenchArgs, writeBenchOutputs } from "./shared.ts";

const {
  config: FILE,
  count,
  seed0,
  sets,
  out,
} = parseSeedBenchArgs("bench:telecom", {
  config: "configs/scenarios/telecom-1997.json",
  seeds: 20,
});

const measures: (ReplayMeasures & { seed: number })[] = [];
let households = 0;
const t0 = performance.now();
exitOnInputError(() => {
  for (let seed = seed0 + 1; seed <= seed0 + count; seed++) {
    const config = loadConfig(FILE, { sets: [...sets, `seed=${seed}`] });
    households = config.households.count;
    measures.push({ seed, ...replayMeasures(runInMemory(config)) });
  }
});
const seconds = (performance.now() - t0) / 1000;
const title = `${FILE}, seeds ${seed0 + 1}–${seed0 + count}, ${households} households${sets.length > 0 ? `, --set ${sets.join(" ")}` : ""}`;
const table = `${title}\n\n${replayTable(measures)}`;
console.log(table);
console.log(`${count} runs in ${seconds.toFixed(1)} s`);
writeBenchOutputs(out, "telecom-replay", table, { title, sets, measures });
