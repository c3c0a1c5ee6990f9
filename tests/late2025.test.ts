// Late-2025 facts by the model's own rules (issue 16 item 3): baseline-2025 at
// the chain's start month (2025-11), mean of seeds 1–20 at the default
// population, with no central-bank override — the figures come out of the
// rules and the documented initial state (docs/ODD.md §5), nothing is forced.
// Current values (stop 39): a 22-year warm-up (2003-11 to 2025-10) with the chain's 2025 flows and
// real value standing still through it (aiChain.stationaryWarmUp), households' neutral rate 0.8 %, the
// anchor 0.65 points above target, the central bank's estimate 1 % (docs/calibration.md §6.1). The
// history below is kept as it was written.
// The ranges are the late-2025 US data's (docs/calibration.md §6, §12). CPI
// inflation near 2.8 % comes from expectations anchored 0.6 points above the
// 2 % target (initial.inflationAnchorGapYearly, after the 2021–23 surge) and a
// central bank whose neutral-rate estimate (0.5 %) is held fixed while the
// economy's is 0.58 % after the twenty-year warm-up (2005-11 to 2025-10; the
// middle of 0.52–0.65 %, where every band below holds, docs/calibration.md
// §10.6, warm29 pass; 0.95 % on the ten-year warm-up; 0.57 % before that, a start value re-calibrated with the Taylor rule on the
// quarter's mean unemployment, unemploymentAveragingMonths 3, and the chain's
// start priced at the rate before its first month; 0.51 % before that, 0.45 %
// with last month's unemployment, 0.6 % on the fiscal9 core,
// Holston–Laubach–Williams's 0.75 % before it; docs/ODD.md §5,
// docs/calibration-tool.md, "Late-2025 start, 20 seeds"). Twenty seeds, not
// five: the 5-seed means jump by up to 0.6 points of unemployment between
// neighbouring values of that rate (one seed's warm-up can end in a slump),
// so a 5-seed band passed or failed by chance; the 20-seed means move
// more smoothly (on the ten-year warm-up they held every band over 0.51–0.64 %
// then, 0.57 % the middle). One seed (11) is in a lower-bound slump in 2025-11
// (unemployment 10.6 %): the medians are 4.11 % and a 4.13 % rate at 0.58 %
// (docs/calibration.md §10.6).
// The warm-up before it is guarded too (below).
import { join } from "node:path";
import { standardDeviation } from "simple-statistics";
import { describe, expect, it } from "vitest";
import { chainStartTick } from "../src/config/calendar.ts";
import { loadConfig } from "../src/config/index.ts";
import { runInMemory } from "../src/engine/index.ts";
import { REPO } from "./helpers/spiral.ts";

const SCENARIO = join(REPO, "configs/scenarios/baseline-2025.json");
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

describe("baseline-2025 in 2025-11, by the model's rules (default size, seeds 1–20)", () => {
  it("has no central-bank override", () => {
    expect(loadConfig(SCENARIO).centralBank.overrides).toEqual([]);
  });

  it("reaches the late-2025 figures: price level 1, unemployment, inflation, policy rate, GDP, bank capital, market values", () => {
    const cols = [
      "priceIndex",
      "unemploymentRate",
      "inflationYoY",
      "policyRate",
      "gdpNominal",
      "bankCapitalRatio",
      "marketCapTotal",
      "marketCapAiChain",
    ] as const;
    const sum: Record<string, number> = Object.fromEntries(cols.map((c) => [c, 0]));
    // Issue 18 item 2: each chain firm's market value in its first month, as a ratio to its configured (sourced) 2025 value.
    const firms = loadConfig(SCENARIO).aiChain.firms;
    const firmRatio = new Map<string, number[]>(firms.map((f) => [f.name, []]));
    const warmUpSd: number[] = [];
    for (const seed of SEEDS) {
      const config = loadConfig(SCENARIO, { sets: [`seed=${seed}`] });
      expect(config.households.count).toBe(10_000);
      config.ticks = chainStartTick(config); // up to 2025-11 (the config's later months stay valid for the chain's calendar)
      const s = runInMemory(config).series as Record<string, ArrayLike<number>>;
      const i = config.ticks - 1; // series index of 2025-11 (tick 265 after the twenty-two-year burn-in), the chain's first month
      for (const c of cols) sum[c] += s[c][i] / SEEDS.length;
      // At the price level the warm-up indexed the shares to (the month before; ≈ 1 by the start's calibration).
      const level = s.priceIndex[i - 1];
      for (const f of firms)
        firmRatio.get(f.name)?.push(s[`${f.name}_marketCap`][i] / (f.marketCapUsdBn * level));
      // The 94 series indices before 2025-11 are 2018-01 to 2025-10, the warm-up's last 94 months.
      warmUpSd.push(standardDeviation(Array.from(s.unemploymentRate).slice(i - 94, i)));
    }
    // No frozen multiple: the 2025 prices come out of the expectations state solved at the start (dcf.ts), so
    // the first month moves each firm only by news and trading — by less than 10 % in every seed, against its
    // configured value at the price level the warm-up indexed it to (aiChain.stationaryWarmUp; 0.99–1.03 by seed).
    // Measured at stop 40, over seeds 1–20, 160 firm-months: at most 9.4 % (the neocloud; chip maker 6.2 %). Until stop 40 the first price step
    // started from 1, not from that level (warmUp.ts indexChainPrices), and the ratio was taken to the 2025 value.
    for (const [name, ratios] of firmRatio) {
      for (const r of ratios) expect(Math.abs(r - 1), name).toBeLessThan(0.1);
    }
    // A calm warm-up: unemployment's sd over 2018–25 averages under 1.15 points over the seeds and no seed's
    // exceeds 1.5 (measured on the twenty-year warm-up: mean 0.38, 0.28–1.00 by seed; on the ten-year one 1.12,
    // 0.91–1.27, and 1.03, 0.79–1.37, before the lagged transmission; the explosive warm-ups this guards against
    // swung 1.35–3.35 points in every seed, docs/ODD.md §5).
    for (const sd of warmUpSd) expect(sd).toBeLessThan(0.015);
    expect(warmUpSd.reduce((a, b) => a + b, 0) / warmUpSd.length).toBeLessThan(0.0115);
    // The warm-up starts at initial.priceLevel and its own inflation brings prices to 2025's level.
    expect(sum.priceIndex).toBeGreaterThan(0.97);
    expect(sum.priceIndex).toBeLessThan(1.03);
    // Unemployment 4.3–4.6 % (BLS: 4.4 % Sep, 4.6 % Nov 2025, docs/calibration.md §6).
    expect(sum.unemploymentRate).toBeGreaterThan(0.043);
    expect(sum.unemploymentRate).toBeLessThan(0.046);
    // CPI inflation over 12 months 2.5–3.2 % (2.7–3.0 % in Sep–Nov 2025, docs/calibration.md §12.4).
    expect(sum.inflationYoY).toBeGreaterThan(0.025);
    expect(sum.inflationYoY).toBeLessThan(0.032);
    // The rule's rate 3.75–4.25 % (fed funds 3.75–4.00 % from 29 Oct 2025, §6).
    expect(sum.policyRate).toBeGreaterThan(0.0375);
    expect(sum.policyRate).toBeLessThan(0.0425);
    // Nominal GDP $29.5–31 T a year (§12.4: "over $30 trillion").
    expect(sum.gdpNominal).toBeGreaterThan(29_500);
    expect(sum.gdpNominal).toBeLessThan(31_000);
    // Bank equity / risk-weighted assets 12–15 % (large US banks' CET1 13.4 %, DFAST 2025, §8).
    expect(sum.bankCapitalRatio).toBeGreaterThan(0.12);
    expect(sum.bankCapitalRatio).toBeLessThan(0.15);
    // Total equity market cap $64–72 T ($67.8 T on 1 Oct 2025, §6); the AI complex $25–30 T (§6, §12.1).
    expect(sum.marketCapTotal).toBeGreaterThan(64_000);
    expect(sum.marketCapTotal).toBeLessThan(72_000);
    expect(sum.marketCapAiChain).toBeGreaterThan(25_000);
    expect(sum.marketCapAiChain).toBeLessThan(30_000);
  });
});
