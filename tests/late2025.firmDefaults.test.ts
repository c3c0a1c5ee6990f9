// Non-AI firm defaults in baseline-2025 with the firms' history switched on
// (initial.firmHistoryYears 55, initial.firmSizeDispersion 0.67;
// src/model/firmHistory.ts, docs/calibration.md §10.10). From identical
// firms the 10-year warm-up never builds the core's cross-section of small,
// indebted firms, and 240 firms default ≈ 0.2 times a year (≈ 0.09 % of
// them; seeds 1–20: 0.21, 0.0–0.6 by seed), against the US business
// bankruptcy rate of ≈ 0.6 % a year (§10.4) and the core's 0.85 % (§10.8).
// With the history, the ten years after the chain's start must have a
// bankruptcy rate between half the US rate and 1.5 × the core's: 0.3–1.3 %
// of the non-AI firms a year.
//
// Size: the default population (10 000 households, 240 firms) — firms scale
// with households, and with fewer firms the largest firms' shares (the
// extremes of 200 appeal draws) and with them the sorting of customers
// change, so a smaller population is not the same economy here. Eight seeds
// instead of 20: the seeds' sd is ≈ 1 default a year, so the 8-seed mean's
// sd is ≈ 0.15 % of firms, against a mean of ≈ 0.8–1.0 % (measured, 20 seeds:
// docs/calibration.md §10.10).
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/index.ts";
import { runInMemory } from "../src/engine/index.ts";
import { firmCounts } from "../src/model/population.ts";
import { REPO } from "./helpers/spiral.ts";

const SCENARIO = join(REPO, "configs/scenarios/baseline-2025.json");
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

/** Non-AI defaults a year over the months after the burn-in (2025-11 to 2035-10) as a share of the non-AI firms, mean of SEEDS. */
function defaultRate(sets: string[]): number {
  let rate = 0;
  for (const seed of SEEDS) {
    const config = loadConfig(SCENARIO, { sets: [`seed=${seed}`, ...sets] });
    expect(config.households.count).toBe(10_000);
    const { consumption, capital } = firmCounts(config);
    const s = runInMemory(config).series as Record<string, ArrayLike<number>>;
    let defaults = 0;
    for (let i = config.burnInTicks; i < config.ticks; i++) defaults += s.firmDefaults[i];
    const years = (config.ticks - config.burnInTicks) / 12;
    rate += defaults / years / (consumption + capital) / SEEDS.length;
  }
  return rate;
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

// Stop 31 (the core re-estimated with 400 consumption firms, spill31 pass): firm sizes spread out faster (the
// appeal walk and productivity reversion re-estimated, docs/calibration-tool.md), so warm-ups build the cross-section themselves —
// from identical firms 0.41 % a year on the ten-year warm-up (0.27–0.68 by seed), 0.59 % on the shipped twenty-year
// one (0.43–0.91) — and the history's added dispersion overshoots: H 55 with s 0.67 gives 1.50 % (1.16–2.00), s 0.5
// 1.01 %, s 0.4 0.79 % (seeds 1–8). The claim below uses s 0.4, the value that puts the rate at the band's centre;
// the history stays off in every shipped config (docs/calibration.md §10.10).
describe("baseline-2025 with the firms' history: non-AI defaults (default size, seeds 1–8)", () => {
  it("fail at 0.3–1.3 % of firms a year over the ten years after the chain's start, on the ten-year warm-up (measured 0.79 %)", () => {
    const rate = defaultRate([
      ...TEN_YEAR_WARM_UP,
      "initial.firmHistoryYears=55",
      "initial.firmSizeDispersion=0.4",
    ]);
    expect(rate).toBeGreaterThan(0.003);
    expect(rate).toBeLessThan(0.013);
  }, 600_000);

  // On the shipped 20-year warm-up from identical firms: 0.11 % before stop 31 (seeds 1–8; 0.17 %, 0–0.33 by seed,
  // over seeds 1–20), below the US rate — the gap the history was built for; since the stop 31 re-estimate the
  // warm-up builds the cross-section itself: 0.59 % (0.43–0.91 by seed), the US ≈ 0.6 %.
  it("fail at 0.3–1.3 % a year from identical firms on the shipped twenty-year warm-up (measured 0.59 %)", () => {
    const rate = defaultRate(["initial.firmHistoryYears=0", "initial.firmSizeDispersion=0"]);
    expect(rate).toBeGreaterThan(0.003);
    expect(rate).toBeLessThan(0.013);
  }, 600_000);
});
