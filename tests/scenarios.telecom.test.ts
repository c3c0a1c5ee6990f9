// History as a test (issue 18 item 7): `telecom-1997` replays the 1997–2003 telecom build-out with the
// chain's rules and the fed funds path of 1997–2003 (docs/scenarios.md "Replaying 1997–2003"). Ten seeds at
// the default size (10 000 households). Asserted: only what the replay reproduces, each with its measured
// statistic. Not asserted, because the replay misses it: the capex fall of 2000–03 (the chain's capex rises
// 2000 → 2003 in every seed, by 87–158 %), the unemployment path (highest in 2000-10 to 2001-01, at
// 12.5–17.2 %, and back to 1.0–7.0 % by mid-2003 as the rate falls to 1 %: history went 4.0 % → 6.3 %), the
// timing of the equity peak (the chain's value peaks in 1997–98, not in 2000) and, since this branch, the
// timing of the spread peak.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/index.ts";
import { runInMemory } from "../src/engine/index.ts";

const SEEDS = 10;
const FILE = "configs/scenarios/telecom-1997.json";

function run(seed: number) {
  return runInMemory(loadConfig(FILE, { sets: [`seed=${seed}`] }));
}

describe("telecom-1997: the 1997–2003 replay", () => {
  it("validates, starts the chain in 1997-01 and follows the fed funds path", () => {
    const config = loadConfig(FILE);
    expect(config.households.count).toBe(10_000);
    expect(config.aiChain.start).toBe("1997-01");
    expect(config.centralBank.overrides.find((o) => o.from === "2000-05")?.rateYearly).toBe(0.065);
    expect(config.centralBank.overrides.at(-1)).toMatchObject({ from: "2003-06", rateYearly: 0.01 });
  });

  it("reproduces a chain bust with a carrier default, a spread peak in the bust years and a deep equity drawdown (10 seeds)", () => {
    const drawdowns: number[] = [];
    const cdsPeaks: number[] = [];
    let cdsPeakInBustYears = 0;
    let carrierDefaultIn2000to02 = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const { series, dates, events } = run(seed);
      const start = dates.indexOf("1997-01");
      const end = dates.indexOf("2003-12");
      expect(start).toBe(120);
      expect(series.policyRate[dates.indexOf("2000-06")]).toBeCloseTo(0.065, 10);
      let peak = 0;
      let worst = 0;
      let cdsPeak = 0;
      let cdsPeakAt = start;
      for (let i = start; i <= end; i++) {
        peak = Math.max(peak, series.marketCapAiChain[i]);
        worst = Math.max(worst, 1 - series.marketCapAiChain[i] / peak);
        if (series.cdsIndexAiChainBp[i] > cdsPeak) {
          cdsPeak = series.cdsIndexAiChainBp[i];
          cdsPeakAt = i;
        }
      }
      drawdowns.push(worst);
      cdsPeaks.push(cdsPeak);
      if (dates[cdsPeakAt] >= "2000-10" && dates[cdsPeakAt] <= "2002-12") cdsPeakInBustYears++;
      const firstDefault = events.find((e) => e.type === "chainDefault");
      if (
        firstDefault?.firm === "neoCloud" &&
        firstDefault.date >= "2000-01" &&
        firstDefault.date <= "2002-12"
      )
        carrierDefaultIn2000to02++;
    }
    // Measured (seeds 1–10): chain market value falls 40.1–58 % (mean 51 %) from its peak by 2003-12 — a bust
    // (≥ 40 %) in every seed; telecom investors lost ~$1.4 T and the Nasdaq fell 78 % (docs/calibration.md §11).
    // (Before issue 18's boom work — the revenue history laid relative to the start, Bass p 0.03 / q 0.38,
    // vendor loans in the default point, a first month at the configured state — 49–65 %, mean 59 %.)
    expect(Math.min(...drawdowns)).toBeGreaterThan(0.4);
    // Peak chain CDS index over 1997–2003: 997–2 176 bp (mean 1 612, median 1 561), around the high-yield
    // index's record of ≈1 100 bp (Oct 2002; docs/calibration.md §11.2) and below twice it; it falls in the
    // bust years 2000-10 … 2002-12 in 4 of 10 seeds, in 2003 in 4, in 2000-08/09 in 2 (before: 1 423–1 633 bp,
    // in 2001–02 in 9 of 10). The timing is not a claim the replay makes any more.
    const sortedPeaks = [...cdsPeaks].sort((a, b) => a - b);
    expect((sortedPeaks[4] + sortedPeaks[5]) / 2).toBeGreaterThan(1_100);
    expect(Math.max(...cdsPeaks)).toBeLessThan(2_200);
    expect(cdsPeakInBustYears).toBeGreaterThanOrEqual(4);
    // The debt-funded carrier (Winstar-like neoCloud) is the first chain firm to default, in 2000–02, in 8 of
    // 10 seeds (2000-08 to 2001-04); in the other two no chain firm defaults by 2003-12 (Winstar filed on
    // 18 Apr 2001; before this branch: 2000-04 to 2000-09 in all 10).
    expect(carrierDefaultIn2000to02).toBeGreaterThanOrEqual(SEEDS - 2);
  }, 300_000);
});
