// National accounts (issue 16 item 1): GDP by production (the valueAdded
// columns) equals GDP by expenditure (consumption + investment + government
// + inventory change + net exports) on every tick of every shipped scenario,
// to 1e-9 relative; gdpNominal is that common value and gdpReal counts the
// AI chain. Runs at 2 000 households (the identity does not depend on size).
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { chainStartTick } from "../src/config/calendar.ts";
import { loadConfig } from "../src/config/index.ts";
import { runInMemory } from "../src/engine/index.ts";

const FILES = [
  "configs/baseline.json",
  ...readdirSync("configs/scenarios")
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => `configs/scenarios/${f}`),
];
const SMALL = ["households.count=2000", "firms.consumption.count=40", "firms.capital.count=8"];

type Series = Record<string, ArrayLike<number>>;

function sides(s: Series, t: number): { production: number; expenditure: number } {
  return {
    production: s.valueAddedNonAi[t] + s.valueAddedAiChain[t] + s.valueAddedUtility[t],
    expenditure:
      s.consumptionNominal[t] +
      s.investmentNominal[t] +
      s.governmentNominal[t] +
      s.inventoryChangeNominal[t] +
      s.netExportsNominal[t],
  };
}

describe("national accounts", () => {
  it.each(FILES)("GDP by production equals GDP by expenditure on every tick: %s", (file) => {
    const s = runInMemory(loadConfig(file, { sets: SMALL })).series as Series;
    const n = s.tick.length;
    expect(n).toBe(loadConfig(file).ticks);
    let worst = 0;
    for (let t = 0; t < n; t++) {
      const { production, expenditure } = sides(s, t);
      expect(expenditure).toBeGreaterThan(0);
      worst = Math.max(worst, Math.abs(production - expenditure) / Math.abs(expenditure));
      expect(Math.abs(s.gdpNominal[t] - expenditure)).toBeLessThanOrEqual(1e-12 * expenditure);
    }
    expect(worst).toBeLessThanOrEqual(1e-9);
  });

  it("counts the AI chain once it acts: value added, GPU investment, imported GPU content", () => {
    const run = (sets: string[] = []) => {
      const c = loadConfig("configs/scenarios/baseline-2025.json", { sets: [...SMALL, ...sets] });
      c.ticks = chainStartTick(c) + 11; // the chain's first year (later-dated deals would lie outside a run shortened by --set)
      return runInMemory(c).series as Series;
    };
    const s = run();
    // Series index of 2025-11, the chain's first month (tick 265, after the twenty-two-year burn-in).
    const start = chainStartTick(loadConfig("configs/scenarios/baseline-2025.json")) - 1;
    // Before it, the stationary warm-up (agents/aiChain/warmUp.ts): the hyperscalers' other businesses
    // ($590 bn a year at 2025 prices, ≈ 2 % of GDP) and the GPUs replaced, less the chip maker's inputs
    // and imported content.
    for (let t = 0; t < start; t++) {
      expect(s.valueAddedAiChain[t] / s.gdpNominal[t]).toBeGreaterThan(0.01);
      expect(s.valueAddedAiChain[t] / s.gdpNominal[t]).toBeLessThan(0.03);
      expect(s.netExportsNominal[t]).toBeLessThan(0);
    }
    // Without it (aiChain.stationaryWarmUp false) the chain stands still until it acts.
    const still = run(["aiChain.stationaryWarmUp=false"]);
    for (let t = 0; t < start; t++) {
      expect(still.valueAddedAiChain[t]).toBe(0);
      expect(still.netExportsNominal[t]).toBe(0);
    }
    for (let t = start; t < s.tick.length; t++) {
      // The chain's value added is a few per cent of GDP (revenue of ≈ $1 tn a year less its inputs).
      expect(s.valueAddedAiChain[t] / s.gdpNominal[t]).toBeGreaterThan(0.005);
      expect(s.valueAddedAiChain[t] / s.gdpNominal[t]).toBeLessThan(0.1);
      expect(s.netExportsNominal[t]).toBeLessThan(0);
    }
    // The imports are paid: the rest of the world's deposit grows by exactly each month's imports
    // (netExportsNominal is an annual rate in $bn, nfw_restOfWorld a stock in $bn), and nothing else.
    for (let t = 0; t < s.tick.length; t++) {
      const before = t === 0 ? 0 : s.nfw_restOfWorld[t - 1];
      expect(s.nfw_restOfWorld[t] - before).toBeCloseTo(-s.netExportsNominal[t] / 12, 6);
    }
    expect(s.nfw_restOfWorld[s.tick.length - 1]).toBeGreaterThan(0);
    // Without imported content, net exports vanish and nothing is paid abroad.
    const noImports = run(["aiChain.gpuImportShare=0"]);
    for (let t = start; t < s.tick.length; t++) {
      expect(noImports.netExportsNominal[t]).toBe(0);
      expect(noImports.nfw_restOfWorld[t]).toBe(0);
    }
  });
});
