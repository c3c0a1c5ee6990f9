// The chain's share prices against the stylized facts of asset returns
// (docs/scenarios.md "price45 pass"): runs a config (default
// configs/scenarios/baseline-2025.json) on seeds seed0 + 1 … seed0 + N and
// measures each chain firm's monthly log returns from the chain's first month
// to the run's end, leaving out months in default
// (src/analysis/returnMoments.ts: volatility, excess kurtosis, the
// autocorrelations of returns and of absolute returns, the Lo–MacKinlay
// variance ratio at 12 months). Prints each firm's mean [smallest, largest]
// over seeds beside what markets show; writes <out>/chain-returns.md and
// .json (every run's moments).
//
// Run: npm run bench:prices [-- --config configs/scenarios/telecom-1997.json --seeds 10 --seed0 0
//   --households 10000 --out results --set path=value …]. About 1 s a seed here.
import {
  type FirmReturnMoments,
  logReturns,
  type ReturnMoments,
  returnMoments,
  returnMomentsTable,
} from "../../src/analysis/returnMoments.ts";
import { loadConfig } from "../../src/config/index.ts";
import { runInMemory } from "../../src/engine/index.ts";
import { exitOnInputError, parseSeedBenchArgs, writeBenchOutputs } from "./shared.ts";

const Q = 12;
const {
  config: FILE,
  count,
  seed0,
  sets,
  out,
} = parseSeedBenchArgs("bench:prices", {
  config: "configs/scenarios/baseline-2025.json",
  seeds: 10,
});

const byFirm = new Map<string, { label: string; runs: ReturnMoments[] }>();
let households = 0;
let months = "";
const t0 = performance.now();
exitOnInputError(() => {
  for (let seed = seed0 + 1; seed <= seed0 + count; seed++) {
    const config = loadConfig(FILE, { sets: [...sets, `seed=${seed}`] });
    if (!config.aiChain.enabled) {
      console.error(
        `bench:prices: ${FILE} has no AI chain (aiChain.enabled is false): no share prices to measure`,
      );
      process.exit(2);
    }
    households = config.households.count;
    const run = runInMemory(config);
    // From the chain's first month (its prices stand still through a warm-up before it).
    const from = run.dates.indexOf(config.aiChain.start);
    if (from < 0) continue;
    months = `${run.dates[from]} … ${run.dates[run.dates.length - 1]}`;
    for (const firm of config.aiChain.firms) {
      const price = run.series[`${firm.name}_sharePrice`];
      const defaulted = run.series[`${firm.name}_defaulted`];
      if (price === undefined) continue;
      const r = logReturns(price, from, price.length - 1, (i) => defaulted !== undefined && defaulted[i] > 0);
      if (r.length < 2 * Q) continue;
      const entry = byFirm.get(firm.name) ?? { label: firm.analogue ?? firm.role, runs: [] };
      entry.runs.push(returnMoments(r, Q));
      byFirm.set(firm.name, entry);
    }
  }
});
const seconds = (performance.now() - t0) / 1000;
const firms: FirmReturnMoments[] = [...byFirm].map(([firm, e]) => ({
  firm,
  // The analogue without a scenario's prefix ("telecom-1997: …") and its sources.
  label: e.label
    .replace(/^[a-z0-9-]+: /, "")
    .split(/[;(:]/)[0]
    .trim(),
  runs: e.runs,
}));
const title = `${FILE}, seeds ${seed0 + 1}–${seed0 + count}, ${households} households, monthly returns ${months}${sets.length > 0 ? `, --set ${sets.join(" ")}` : ""}`;
const table = `${title}\n\n${returnMomentsTable(firms, Q)}`;
console.log(table);
console.log(`${count} runs in ${seconds.toFixed(1)} s`);
writeBenchOutputs(out, "chain-returns", table, { title, sets, firms });
