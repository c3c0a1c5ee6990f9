// Non-AI firm turnover in baseline-2025 over the ten years after the chain's
// start (2025-11 to 2035-10): bankruptcies (firmDefaults) and, since stop 32,
// voluntary closures (firmExits; firms.exit, on in configs/baseline.json:
// docs/calibration.md §10.17). Before stop 32 default was the only exit and
// the claim was a bankruptcy rate near the US one (0.3–1.3 % a year; 0.59 %
// measured at stop 31 on the shipped warm-up). With voluntary exit the small,
// loss-making firms that used to linger until they failed close while their
// assets still cover their debt; at stop 32 bankruptcies fell to ≈ 0.15 % a
// year, a quarter of the US ≈ 0.6 % (docs/calibration.md §10.4). On the core
// re-estimated at 40 000 households (stop 33; likeliest reason, not
// isolated: firm productivity's mean reversion 0.0073 a month instead of
// 0.02, a wider spread of firms) they are ≈ 0.45 % again, near the US rate, while closures still dominate exits, as
// in US data (≈ 8 % of employer firms close a year, Census BDS).
//
// Size: the default population (10 000 households, 440 firms) — firms scale
// with households, and with fewer firms the largest firms' shares and with
// them the sorting of customers change, so a smaller population is not the
// same economy here. Eight seeds: the seeds' sd is ≈ 0.1 % for bankruptcies
// and ≈ 0.9 % for exits on the shipped warm-up (measured, seeds 1–8).
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/index.ts";
import { runInMemory } from "../src/engine/index.ts";
import { firmCounts } from "../src/model/population.ts";
import { REPO } from "./helpers/spiral.ts";

const SCENARIO = join(REPO, "configs/scenarios/baseline-2025.json");
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

/** Non-AI defaults and voluntary exits a year over the months after the burn-in, as shares of the non-AI firms, means of SEEDS. */
function turnover(sets: string[]): { defaults: number; exits: number } {
  let defaults = 0;
  let exits = 0;
  for (const seed of SEEDS) {
    const config = loadConfig(SCENARIO, { sets: [`seed=${seed}`, ...sets] });
    expect(config.households.count).toBe(10_000);
    const { consumption, capital } = firmCounts(config);
    const s = runInMemory(config).series as Record<string, ArrayLike<number>>;
    // One firm-year of the run, averaged over the seeds.
    const weight = 1 / (((config.ticks - config.burnInTicks) / 12) * (consumption + capital) * SEEDS.length);
    for (let i = config.burnInTicks; i < config.ticks; i++) {
      defaults += s.firmDefaults[i] * weight;
      exits += s.firmExits[i] * weight;
    }
  }
  return { defaults, exits };
}

/**
 * baseline-2025's ten-year warm-up (2015-11 to 2025-10) with its start values of then (initial.priceLevel 0.71,
 * households' r* 0.95 %): the warm-up on which the history's settings (H 55, s 0.67) were fitted. s comes from the
 * firm-size dispersion that a 10-year warm-up does not build (√(0.83² − 0.48²), configs/schema.json); the 20-year
 * warm-up (warm29 pass) builds more of it, so the same settings overshoot there — measured on it, seeds 1–8
 * (1–20): H 55, s 0.67 1.60 % (1.53 %, 0.33–3.88 by seed); H 45 (the same total age), s 0.67 1.43 % (1.43 %);
 * H 35, s 0.67 1.21 %; H 45, s 0.5 0.52 %; H 55, s 0.5 0.42 %; H 45, s 0.4 0.25 %. Re-fitting s for the longer
 * warm-up (the dispersion it builds, measured as for 0.48) is left to the history's own pass; until then the claim
 * is checked on the warm-up it was fitted to.
 */
const TEN_YEAR_WARM_UP = [
  "startDate=2015-11",
  "burnInTicks=120",
  "ticks=240",
  "initial.priceLevel=0.71",
  "households.neutralRealRateYearly=0.0095",
];

// Stop 33 (the core re-estimated at 40 000 households; this scenario at 10 000, its households' r* 0.65 %; seeds
// 1–8): on the shipped twenty-year warm-up from identical firms 0.44 % of firms default a year (0.30–0.68 by seed)
// and 1.73 % close (0.70–3.43); with the history on the ten-year warm-up (H 55, s 0.67) 0.49 % default (0.34–0.77)
// and 6.16 % close (5.84–6.73), near the US closure rate (≈ 8 %): the history's small firms close instead of
// failing. Stop 32: 0.15 % and 1.50 %; 0.14 % and 6.25 %.
describe("baseline-2025: non-AI firm turnover after the chain's start (default size, seeds 1–8)", () => {
  it("closures outnumber bankruptcies, which are near the US rate, on the shipped warm-up (measured 1.73 % and 0.44 % a year)", () => {
    const { defaults, exits } = turnover(["initial.firmHistoryYears=0", "initial.firmSizeDispersion=0"]);
    expect(exits).toBeGreaterThan(0.005);
    expect(exits).toBeLessThan(0.03);
    // US business bankruptcies ≈ 0.6 % of firms a year (docs/calibration.md §10.4): within half to 1.5 times it.
    expect(defaults).toBeGreaterThan(0.003);
    expect(defaults).toBeLessThan(0.009);
    expect(exits).toBeGreaterThan(2.5 * defaults);
  }, 600_000);

  it("with the firms' history the small firms close rather than fail: 3–10 % close a year, ten times as many as default (measured 6.16 % and 0.49 %)", () => {
    const { defaults, exits } = turnover([
      ...TEN_YEAR_WARM_UP,
      "initial.firmHistoryYears=55",
      "initial.firmSizeDispersion=0.67",
    ]);
    expect(exits).toBeGreaterThan(0.03);
    expect(exits).toBeLessThan(0.1);
    expect(defaults).toBeGreaterThan(0.003);
    expect(defaults).toBeLessThan(0.009);
    expect(exits).toBeGreaterThan(10 * defaults);
  }, 600_000);
});
