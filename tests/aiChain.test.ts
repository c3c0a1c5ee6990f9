// The AI chain (issue 3, in progress): stock-flow consistency with the chain
// and the non-bank fund on, round-trip attribution, and default resolution.
import { describe, expect, it } from "vitest";
import type { SpiralConfig } from "../src/config/index.ts";
import { runInMemory } from "../src/engine/index.ts";
import { chainFromStart } from "./helpers/chainStart.ts";

const SMALL = { households: 2000, consumptionFirms: 40, capitalFirms: 8 };

/** baseline-2025's chain acting from the first month in a small economy (tests/helpers/chainStart.ts). */
function small(file: string, ticks: number, edit?: (c: SpiralConfig) => void): SpiralConfig {
  return chainFromStart(file, ticks, SMALL, [], edit);
}

describe("AI chain", () => {
  it("keeps every sector's net financial wealth summing to zero, with the chain and the fund", () => {
    const run = runInMemory(small("configs/scenarios/baseline-2025.json", 120));
    const s = run.series;
    expect(s.nfw_aiChain).toBeDefined();
    expect(s.nfw_privateCredit).toBeDefined();
    const sectors = Object.keys(s).filter((k) => k.startsWith("nfw_"));
    expect(sectors.length).toBe(9); // with the rest of the world (the chip maker's imports)
    for (let t = 0; t < 120; t++) {
      let sum = 0;
      for (const k of sectors) sum += s[k][t];
      expect(Math.abs(sum)).toBeLessThan(1e-9 * s.grossFinancialAssets[t]);
    }
    // The chain is really there: per-firm columns, capex, and money traced to other chain firms' equity.
    expect(s.chipCo_marketCap[0]).toBeGreaterThan(1000);
    expect(Math.max(...s.aiCapex)).toBeGreaterThan(0);
    expect(Math.max(...s.circularRevenueShare)).toBeGreaterThan(0);
    for (const v of s.circularRevenueShare) expect(v).toBeLessThanOrEqual(1);
  });

  it("has no circular revenue without stakes between chain firms", () => {
    const run = runInMemory(small("configs/scenarios/no-circularity.json", 60));
    for (const v of run.series.circularRevenueShare) expect(v).toBe(0);
    expect(Math.max(...run.series.debtFundedRevenueShare)).toBeGreaterThanOrEqual(0);
  });

  it("resolves a chain default: lenders write off, contracts break, the books still balance", () => {
    const run = runInMemory(
      small("configs/scenarios/baseline-2025.json", 36, (c) => {
        const neo = c.aiChain.firms.find((f) => f.name === "neoCloud")!;
        neo.cashUsdBn = 0;
        neo.marketDebtUsdBn = 400; // interest it cannot pay from a few billion of revenue
        c.aiChain.finance.fundMaxDefaultProbability = 0;
        c.aiChain.finance.bankMaxDefaultProbability = 0;
        // neoCloud owes the chip maker a large GPU order it cannot pay.
        c.aiChain.computeContracts.push({
          buyer: "neoCloud",
          seller: "chipCo",
          announcedUsdBn: 120,
          realisedShare: 1,
          months: 12,
          start: "2025-11",
          cancellationPenaltyShare: 0,
        });
      }),
    );
    const defaults = run.events.filter((e) => e.type === "chainDefault" && e.firm === "neoCloud");
    expect(defaults.length).toBeGreaterThan(0);
    expect(Number(defaults[0].fundLossUsdBn) + Number(defaults[0].bankLossUsdBn)).toBeGreaterThan(0);
    expect(Math.max(...run.series.neoCloud_defaulted)).toBe(1);
    expect(Math.max(...run.series.chainDefaults)).toBeGreaterThanOrEqual(1);
  });

  it("starts near late-2025 CDS levels: hyperscalers ≈ 35–45 bp, legacy cloud ≈ 73–125 bp, neocloud ≈ 368–643 bp", () => {
    const s = runInMemory(small("configs/scenarios/baseline-2025.json", 1)).series;
    for (const h of ["hyperA", "hyperB"]) {
      expect(s[`${h}_cdsBp`][0]).toBeGreaterThanOrEqual(30);
      expect(s[`${h}_cdsBp`][0]).toBeLessThanOrEqual(50);
    }
    expect(s.legacyCloud_cdsBp[0]).toBeGreaterThanOrEqual(60);
    expect(s.legacyCloud_cdsBp[0]).toBeLessThanOrEqual(140);
    expect(s.neoCloud_cdsBp[0]).toBeGreaterThanOrEqual(350);
    expect(s.neoCloud_cdsBp[0]).toBeLessThanOrEqual(700);
  });

  // A neocloud whose interest is far beyond its revenue: it defaults by missing interest (month 13), a real cause.
  // (Before the secured debt started at its borrowing base, init.ts capSecuredDebtAtBase, this firm defaulted in
  // month 1 on a margin call on the secured part of its 300 bn — refinancing failed, not missed interest.)
  const distressed = () =>
    runInMemory(
      small("configs/scenarios/baseline-2025.json", 30, (c) => {
        const neo = c.aiChain.firms.find((f) => f.name === "neoCloud")!;
        neo.cashUsdBn = 0;
        neo.marketDebtUsdBn = 300; // interest far beyond its revenue
      }),
    );

  it("resolves distress once: a firm that cannot pay interest is reorganised or liquidated, and never defaults again without recovering revenue", () => {
    const run = distressed();
    const missed = run.events.filter((e) => e.type === "chainDebtDefault" && e.firm === "neoCloud");
    expect(missed.length).toBeGreaterThanOrEqual(1);
    expect(missed[0].type === "chainDebtDefault" && missed[0].reason).toBe("missedInterest");
    const resolved = run.events.filter((e) => e.type === "chainDefault" && e.firm === "neoCloud");
    const liquidated = run.events.filter((e) => e.type === "chainLiquidation" && e.firm === "neoCloud");
    expect(resolved.length).toBeGreaterThanOrEqual(1);
    // A second default of a reorganised firm whose revenue has not recovered ends in liquidation, and an exited firm
    // defaults no more: at most two defaults, the second one a liquidation.
    expect(resolved.length).toBeLessThanOrEqual(2);
    if (resolved.length === 2) expect(liquidated.length).toBe(1);
    const s = run.series;
    const first = s.neoCloud_defaulted.indexOf(1);
    if (liquidated.length === 0) {
      // Reorganised: the debt it leaves court with is what its business can carry, at most
      // finance.reorganisedDebtToRevenue (2) years of revenue — not its recovery on 350 bn — and it keeps selling.
      const before = Number(resolved[0].debtUsdBn);
      expect(s.neoCloud_debt[first]).toBeLessThan(0.1 * before);
      const revenueBefore = Math.max(...s.neoCloud_revenue.slice(0, first));
      expect(s.neoCloud_debt[first]).toBeLessThanOrEqual(2 * revenueBefore);
      for (const r of s.neoCloud_revenue.slice(first + 1)) expect(r).toBeGreaterThan(0);
    }
  });

  // A reorganised firm's shares restart from its plan value (valuation.ts resetAfterDefault): its discounted
  // cash flows as a going concern with no growth either way and the interest on the debt it keeps at its exit
  // rate. Measured (this config): ≈ 1 570 bp in the default month, 60 bp the month after, 237 bp three months
  // after, then climbing again (≈ 4 800 bp by month 29) as it borrows to keep building at 1½–2× its revenue.
  // Before (a known defect, it.fails on main to a2d4240): the reset valued it with the month's interest on the
  // debt just written off and the collapse's negative growth expectation kept — ≈ 0.9 bn of equity, spreads of
  // 1 870–5 050 bp from the month after the default on.
  it("a reorganised firm's spread falls back from the default month as its balance sheet is lighter", () => {
    const run = distressed();
    const s = run.series;
    const first = s.neoCloud_defaulted.indexOf(1);
    // (That it defaults, and is reorganised rather than liquidated, the test above checks.)
    const after = s.neoCloud_cdsBp.slice(first + 3);
    expect(Math.min(...after)).toBeLessThan(Math.max(...s.neoCloud_cdsBp.slice(0, first + 1)));
  });

  it("shares the fund's month between the labs: first come in list order starves the second lab, the single-name limit does not", () => {
    // The months in which labB asked for an equity round and got nothing. With fundSingleNameShare 1 (first come,
    // first served in the firms' order) labA's rounds of a year's burn take the month's money: measured 3 such
    // months in these 84 of seed 3 (and in the default economy labB then defaulted in every seed of
    // baseline-2025); with the limit, 0. Seed 1 had 9 until branch bust8 let part of the chain's debt float
    // (aiChain.finance.floatingShare), which leaves more of the fund's month for the labs: now 0 in seed 1, 1 in
    // seed 2, 3 in seed 3. Measured with the equity window off (aiChain.finance.labEquityWindowElasticity 0): with
    // it on, as in baseline-2025 since branch bust10, labA's rounds shrink with the market and leave labB its share
    // even first come, first served (0 such months in seed 3). With baseline-2025's households' neutral rate at
    // 0.57 % and the quarterly Taylor gap, seeds 1–10 starved labB in 0, 2, 0, 4, 5, 8, 1, 6, 4, 2 months first come,
    // first served; since stop 42's market-wide premia (aiChain.valuation.marketLossPremiumSensitivity) in 2, 0, 1,
    // 2, 1, 0, 9, 9, 4, 4 months, and in none with the limit; seed 7 (9 months) is the example now (seed 6 until
    // then).
    const starved = (share: number) =>
      runInMemory(
        small("configs/scenarios/baseline-2025.json", 84, (c) => {
          c.seed = 7;
          c.aiChain.finance.fundSingleNameShare = share;
          c.aiChain.finance.labEquityWindowElasticity = 0;
        }),
      ).events.filter(
        (e) => e.type === "equityRoundShort" && e.firm === "labB" && Number(e.raisedUsdBn) === 0,
      ).length;
    expect(starved(1)).toBeGreaterThan(0);
    expect(starved(0.25)).toBe(0);
  });

  it("labs sign new compute contracts as they expect growth, and not when switched off", () => {
    const signed = (months: number) =>
      runInMemory(
        small("configs/scenarios/baseline-2025.json", 36, (c) => {
          c.aiChain.expectations.newContractMonths = months;
        }),
      ).events.filter((e) => e.type === "contractSigned");
    const on = signed(48);
    expect(on.length).toBeGreaterThan(0);
    for (const e of on) expect(["labA", "labB"]).toContain(e.buyer);
    expect(signed(0).length).toBe(0);
  });
});
