// History as a test (issue 18 item 7): `telecom-1997` replays the 1997–2003 telecom build-out with the
// chain's rules, the fed funds path of 1997–2003 and the late 1990s' neutral real rate (docs/scenarios.md
// "Replaying 1997–2003"). Twenty seeds at the default size (10 000 households); claims about counts of seeds are
// shares of them (ten seeds until stop 41: the replay's claims sat at their limits on seeds 1–10 and several failed
// on seeds 11–20 with the configuration they were fitted on; the replay's mechanisms are in docs/scenarios.md's
// passes telecom29–telecom31, story32, story34 and boom41).
// Since stop 41 (branch boom41, docs/scenarios.md "boom41 pass") the replay has its boom: the incumbent carriers and
// the rest of the complex start at 0.6 of 2025's market values (the era's multiples), the growth stories are
// re-rated by end users' spending (aiChain.valuation.storySurpriseMeasure "endUserSpending", speed 0.065 a
// month), capacity orders follow the chain's value with elasticity 0.5 (history's capex fall against its equity
// fall), and households' neutral rate is re-fitted (2.45 %). Measured on seeds 1–20, against stop 40's
// configuration on the same seeds (in brackets): the chain's value peaks in 1999–2001 in 14 seeds (none; 1997 in
// 19), at ×1.71 of its 1997 value on average (×1.03); capex peaks in 2000 in 19 (6); the drawdown is 45 % (63 %;
// Nasdaq −78 %).
import { describe, expect, it } from "vitest";
import { type ReplayMeasures, replayMeasures } from "../src/analysis/telecomReplay.ts";
import { loadConfig } from "../src/config/index.ts";
import { runInMemory } from "../src/engine/index.ts";

const SEEDS = 20;
const FILE = "configs/scenarios/telecom-1997.json";

function run(seed: number) {
  return runInMemory(loadConfig(FILE, { sets: [`seed=${seed}`] }));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
}

describe("telecom-1997: the 1997–2003 replay", () => {
  it("validates, starts the chain in 1997-01, follows the fed funds path and the late 1990s' neutral rate", () => {
    const config = loadConfig(FILE);
    expect(config.households.count).toBe(10_000);
    expect(config.aiChain.start).toBe("1997-01");
    expect(config.centralBank.overrides.find((o) => o.from === "2000-05")?.rateYearly).toBe(0.065);
    expect(config.centralBank.overrides.at(-1)).toMatchObject({ from: "2003-06", rateYearly: 0.01 });
    expect(config.centralBank.neutralRealRateYearly).toBe(0.03);
    // Households' neutral rate, the one setting fitted to the replay (its earlier values and windows: the config's
    // description and docs/scenarios.md). Stop 41 (boom41 pass), seeds 1–20: every claim below holds at 2.35 % and
    // 2.45 %; 2.2–2.4 %: 11 busts of 20 (12 asked) and, at 2.2–2.25 %, 2003's unemployment 8.8–9.0 %; 2.5–2.6 %:
    // April 2000's median 2.7–2.9 %. 2.45 % puts 2000–03 unemployment nearest history (3.6/3.9/5.5/7.4 %, history
    // 4.0/4.7/5.8/6.0 %; 3.9/4.3/6.2/8.4 % at 2.3 %). 3.05 % in stop 40, without the boom.
    expect(config.households.neutralRealRateYearly).toBe(0.0245);
    expect(config.households.rationedDemandSpillover).toBe(0.3); // configs/baseline.json's, since the spill31 pass
    expect(config.aiChain.valuation.chainCreditPremiumSensitivity).toBe(0.25);
    expect(config.households.longRateWeight).toBe(0.5);
    expect(config.firms.fixedRateShare).toBe(0.75);
    expect(config.aiChain.expectations.sellerMaxDefaultProbability).toBe(0.2);
    expect(config.aiChain.circular.customerCashAboveBuffer).toBe(true);
    expect(config.aiChain.valuation.storyAgesOnShortfall).toBe(false);
    // The boom41 pass: stories re-rated by end users' spending; orders on the chain's value with elasticity 0.5;
    // the incumbent carriers and the rest of the complex at 0.6 of 2025's values, the others at 2025's.
    expect(config.aiChain.valuation.storySurpriseMeasure).toBe("endUserSpending");
    expect(config.aiChain.valuation.storySurpriseSpeedMonthly).toBe(0.065);
    expect(config.aiChain.orders.equityElasticity).toBe(0.5);
    const cap = Object.fromEntries(config.aiChain.firms.map((f) => [f.name, f.marketCapUsdBn]));
    expect(cap).toEqual({
      chipCo: 4500,
      hyperA: 2280,
      hyperB: 3534,
      neoCloud: 50,
      legacyCloud: 650,
      labA: 500,
      labB: 180,
      aiComplexRest: 6448.2,
    });
  });

  it("reproduces the boom's calendar, the boom years' labour market, a spread peak in the bust years, a downstream-first default, a deep equity drawdown and the depth of the capex fall (20 seeds)", () => {
    // Each seed's measures (src/analysis/telecomReplay.ts replayMeasures; `npm run bench:telecom` prints them
    // beside history's).
    const ms: ReplayMeasures[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const r = run(seed);
      expect(r.dates.indexOf("1997-01")).toBe(120);
      expect(r.series.policyRate[r.dates.indexOf("2000-06")]).toBeCloseTo(0.065, 10);
      const m = replayMeasures(r);
      ms.push(m);
      // The spread peak comes after the boom, never before the rate hikes of 2000.
      expect(m.cdsPeakDate >= "2000-10").toBe(true);
      // The first default, where there is one by 2003-12, is downstream: never upstream first.
      if (m.firstDefault !== null) expect(["neoCloud", "labB", "labA"]).toContain(m.firstDefault.firm);
      // The equipment maker stays standing (Lucent and Nortel lost heavily but did not default,
      // docs/calibration.md §11.1); the long-haul carrier may default (Global Crossing Jan 2002,
      // WorldCom Jul 2002, §11.2), but never before a downstream firm.
      expect(m.chipDefaulted).toBe(false);
      expect(m.longHaulFirst).toBe(false);
    }
    // Downstream spreads rise before and more than upstream ones in busts (issue 18 item 9): in a seed whose
    // chain value falls 40 % or more, the Winstar-like carrier's CDS crosses 1 000 bp (distress) before the
    // equipment maker's does, if ever, and peaks at ten times the equipment maker's peak or more.
    const busts = ms.filter((m) => m.bust).length;
    const downstreamFirstAndHigher = ms.filter((m) => m.downstreamFirstAndHigher).length;
    const drawdowns = ms.map((m) => m.drawdown);
    const valueBooms = ms.map((m) => m.valuePeakRatio);
    const valuePeakIn1999to2001 = ms.filter(
      (m) => m.valuePeakDate >= "1999-01" && m.valuePeakDate <= "2001-12",
    ).length;
    const cdsPeaks = ms.map((m) => m.cdsPeakBp);
    const cdsPeakInBustYears = ms.filter(
      (m) => m.cdsPeakDate >= "2000-10" && m.cdsPeakDate <= "2002-12",
    ).length;
    const unemploymentApr2000 = ms.map((m) => m.unemploymentApr2000);
    const unemploymentJun2003 = ms.map((m) => m.unemploymentJun2003);
    const unemployment2002 = ms.map((m) => m.unemploymentByYear[2]);
    const unemployment2003 = ms.map((m) => m.unemploymentByYear[3]);
    const inflation2003 = ms.map((m) => m.inflation2003);
    // The boom years 1997–2000: mean unemployment and inflation, near history when within 1 point of history's
    // means, 4.4 % and 2.4 % (BLS annual averages 4.9 → 4.0 % and CPI-U 2.3, 1.6, 2.2, 3.4 %, docs/calibration.md
    // §11.3; until stop 38 the band was 2–4.5 % and 2–4 %).
    const boomYearsNearHistory = ms.filter(
      (m) => Math.abs(m.boomUnemployment - 0.044) <= 0.01 && Math.abs(m.boomInflation - 0.024) <= 0.01,
    ).length;
    // Carrier capex: the chain's yearly capex, from the boom's peak year (1997–2001) to its lowest after it,
    // through 2003 (history: $92 bn in 2000 → ≈ $41 bn in 2003, ≈ −55 %; docs/calibration.md §11.1).
    const capexPeakIn2000 = ms.filter((m) => m.capexPeakYear === 2000).length;
    const capexFalls = ms.map((m) => m.capexFall);
    const capexFalls2000to2003 = ms.map((m) => m.capexFall2000to2003);
    // Vendor financing by decision (issue 18 item 3): the equipment maker's loans to its customers outstanding,
    // their peak over 1997–2003 against the chain's capex in its peak year (a yearly rate: the sum of the
    // monthly annual rates ÷ 12).
    const lending = ms.filter((m) => m.vendorPeakDate !== null);
    const vendorLendingSeeds = lending.length;
    const vendorPeakIn1998to2001 = lending.filter(
      (m) => m.vendorPeakDate !== null && m.vendorPeakDate >= "1998-01" && m.vendorPeakDate <= "2001-12",
    ).length;
    const vendorToCapex = lending.map((m) => m.vendorToCapex);
    const downstreamFirstIn2000to02 = ms.filter((m) => m.downstreamFirstInBustYears).length;
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    // The boom's calendar (stop 41): the Nasdaq peaked on 10 Mar 2000 at ≈ 3.9 times its January 1997 level and
    // carrier capex in 2000 (docs/calibration.md §11.1, §11.3). Seeds 1–20: the chain's value peaks in 1999–2001 in
    // 14 (2000 in 9; 2002–03 in 6, where the stories outlast the rate hikes), at ×1.71 of its 1997 value on average
    // [1.26, 2.01]; capex peaks in 2000 in 19. Stop 40's configuration: the value peaked in 1997 in 19 seeds at
    // ×1.03, capex in 1999 in 13 and 2000 in 6.
    expect(valuePeakIn1999to2001).toBeGreaterThanOrEqual(0.6 * SEEDS);
    expect(mean(valueBooms)).toBeGreaterThan(1.3);
    expect(capexPeakIn2000).toBeGreaterThanOrEqual(0.7 * SEEDS);
    // Unemployment in Apr 2000 (history 3.9 %, its low; 4.0 % in Jun 2000, docs/calibration.md §11.3): median
    // 3.2 % (stop 40: 4.5 %); the boom runs a little hot in its last year.
    const uMedian = median(unemploymentApr2000);
    expect(uMedian).toBeGreaterThan(0.03);
    expect(uMedian).toBeLessThan(0.06);
    // After the bust (history: annual means 5.8 % in 2002 and 6.0 % in 2003, 6.4 % in Jun 2003; CPI-U 2.3 % in
    // 2003; docs/calibration.md §11.3): means over seeds 5.5 % [3.4, 13.1] and 7.4 % [4.9, 13.7] (stop 40: 7.2 % and
    // 7.5 %), Jun 2003 median 7.0 % (6.5 %), 2003 inflation 1.3 % [0.6, 2.5] (1.3 % [0.6, 3.1]). Some seeds fall
    // into a depression the replay's fixed rate path cannot answer (seeds 1 and 3: 12.5 % and 10.3 % in 2003; stop
    // 40: 13.9 % in seed 1).
    expect(mean(unemployment2002)).toBeGreaterThan(0.045);
    expect(mean(unemployment2002)).toBeLessThan(0.085);
    expect(mean(unemployment2003)).toBeGreaterThan(0.045);
    expect(mean(unemployment2003)).toBeLessThan(0.085);
    expect(median(unemploymentJun2003)).toBeGreaterThan(0.04);
    expect(Math.max(...inflation2003)).toBeLessThan(0.035);
    // 1997–2000 means near history (above) in 18 of 20 seeds (stop 40: 16 of 20; the claim was 7 of 10).
    expect(boomYearsNearHistory).toBeGreaterThanOrEqual(0.7 * SEEDS);
    // Peak chain CDS index over 1997–2003: median 1 247 bp, 917–1 439 (stop 40: 1 364 bp, 1 082–1 467), about the
    // high-yield index's record of ≈ 1 100 bp (Oct 2002; docs/calibration.md §11.2); in the bust years 2000-10 …
    // 2002-12 in 7 of 20 seeds, in 2003 in the others (stop 40: 12 of 20): the bust comes late in most seeds.
    const cdsMedian = median(cdsPeaks);
    expect(cdsMedian).toBeGreaterThan(900);
    expect(cdsMedian).toBeLessThan(1_400);
    expect(Math.max(...cdsPeaks)).toBeLessThan(2_000);
    expect(cdsPeakInBustYears).toBeGreaterThanOrEqual(0.3 * SEEDS);
    // Defaults: far fewer than history's wave (docs/calibration.md §11.2, a known gap). The first default by
    // 2003-12 is the Winstar-like carrier's (Chapter 11 on 18 Apr 2001) or a dot-com customer's, in the bust years,
    // in 12 of 20 seeds (stop 40: 16), since the telecom29 pass (customers sign only with carriers a lender would fund).
    expect(downstreamFirstIn2000to02).toBeGreaterThanOrEqual(0.6 * SEEDS);
    // Downstream first and higher in every bust (13 of 20 seeds bust, stop 40: 19): the carrier's CDS crosses
    // 1 000 bp before the equipment maker's, if ever, and peaks at ten times it or more.
    expect(busts).toBeGreaterThanOrEqual(0.6 * SEEDS);
    expect(downstreamFirstAndHigher).toBe(busts);
    // Vendor financing (branch telecom30, aiChain.circular.customerCashAboveBuffer): the equipment maker lends to
    // its carriers in every seed, its loans outstanding peak in 1998–2001 in 16 of 20 (stop 40: 20), at 0.08–0.12 of
    // the chain's peak-year capex (mean 0.10) — Lucent's $7 bn and Cisco's $2.4 bn of commitments at the 2000 peak
    // were ≈ 0.10 of North American wireline capex of $92 bn (docs/calibration.md §11.1).
    expect(vendorLendingSeeds).toBeGreaterThanOrEqual(0.8 * SEEDS);
    expect(vendorPeakIn1998to2001).toBeGreaterThanOrEqual(0.6 * SEEDS);
    const meanVendorToCapex = vendorToCapex.reduce((a, b) => a + b, 0) / vendorToCapex.length;
    expect(meanVendorToCapex).toBeGreaterThan(0.05);
    expect(meanVendorToCapex).toBeLessThan(0.2);
    // Chain market value, peak to trough by 2003-12: 45 % on average, 13–75 % (stop 40: 63 %, 39–75 %); the Nasdaq
    // fell 78 % and telecom investors lost ~$1.4 T (docs/calibration.md §11.3). The trough is ≈ 0.9 of the 1997
    // value on average, about the Nasdaq's (1 114 on 9 Oct 2002 against ≈ 1 280 in January 1997): the replay's
    // boom is smaller than history's, so is the fall from its peak. More than 30 % in 16 of 20 seeds; until stop 41
    // every seed was asked more than 30 % — with the boom, seeds whose stories outlast the rate hikes peak in
    // 2002–03 and have not fallen far by 2003-12 (4 of 20; a bust that was likely, not certain).
    expect(drawdowns.filter((d) => d > 0.3).length).toBeGreaterThanOrEqual(0.75 * SEEDS);
    expect(mean(drawdowns)).toBeGreaterThan(0.42);
    // Capex, the boom's peak year to the trough: −60 % on average, −19 … −84 % (stop 40: −68 %), history ≈ −55 %
    // (2000 → 2003: −28 % in 2001, −20 % in 2002, −22 % in 2003). A fall of 40 % or more in 16 of 20 (stop 40: 19).
    const meanFall = mean(capexFalls);
    expect(meanFall).toBeLessThan(-0.4);
    expect(meanFall).toBeGreaterThan(-0.7);
    expect(capexFalls.filter((x) => x <= -0.4).length).toBeGreaterThanOrEqual(0.7 * SEEDS);
    // The calendar years 2000 → 2003, history ≈ −55 % (docs/calibration.md §11.1): −57 % (stop 40: −53 %; branch
    // telecom31 without the chain's credit premium −19 %).
    expect(mean(capexFalls2000to2003)).toBeLessThan(-0.35);
  }, 600_000);
});
