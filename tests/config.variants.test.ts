// configs/variants/: measured variants of a shipped scenario, not adopted (docs/scenarios.md). The telecom replay's
// glut variant (source44 pass, glut06b) must stay what its description says: telecom-1997 with every chain amount at
// 0.6 and the glut's settings, so that `npm run bench:telecom -- --config configs/variants/telecom-1997-glut.json`
// measures that configuration after any change to the replay.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/index.ts";

const AMOUNTS = [
  "revenueUsdBnYearly",
  "otherProfitUsdBnYearly",
  "cashUsdBn",
  "bankDebtUsdBn",
  "marketDebtUsdBn",
  "marketCapUsdBn",
  "computeGw",
  "labOpexUsdBnYearly",
] as const;

describe("configs/variants/telecom-1997-glut.json", () => {
  const base = loadConfig("configs/scenarios/telecom-1997.json");
  const variant = loadConfig("configs/variants/telecom-1997-glut.json");

  it("validates and keeps the replay's calendar, rate path and economy", () => {
    expect(variant.aiChain.start).toBe(base.aiChain.start);
    expect(variant.centralBank.overrides).toEqual(base.centralBank.overrides);
    expect(variant.households).toEqual(base.households);
    expect(variant.ticks).toBe(base.ticks);
  });

  it("scales every chain firm's amounts, contracts, stakes and backstops by 0.6", () => {
    expect(variant.aiChain.firms.map((f) => f.name)).toEqual(base.aiChain.firms.map((f) => f.name));
    base.aiChain.firms.forEach((f, i) => {
      const g = variant.aiChain.firms[i];
      for (const k of AMOUNTS) expect(g[k]).toBeCloseTo(0.6 * f[k], 6);
      expect(g.role).toBe(f.role);
    });
    base.aiChain.computeContracts.forEach((x, i) => {
      expect(variant.aiChain.computeContracts[i]).toEqual({
        ...x,
        announcedUsdBn: expect.closeTo(0.6 * x.announcedUsdBn, 6),
      });
    });
    base.aiChain.equityStakes.forEach((x, i) => {
      expect(variant.aiChain.equityStakes[i]).toEqual({
        ...x,
        announcedUsdBn: expect.closeTo(0.6 * x.announcedUsdBn, 6),
      });
    });
    base.aiChain.backstops.forEach((x, i) => {
      expect(variant.aiChain.backstops[i]).toEqual({
        ...x,
        limitUsdBn: expect.closeTo(0.6 * x.limitUsdBn, 6),
      });
    });
  });

  it("sets the glut: technology, demand, price adjustment, sourcing", () => {
    expect(variant.aiChain.capacityTechnologyGrowthYearly).toBe(1);
    expect(variant.aiChain.demand.priceElasticity).toBe(0.35);
    expect(variant.aiChain.demand.potentialShareOfGdp).toBe(0.02);
    expect(variant.aiChain.priceAdjustment).toBe(0.2);
    expect(variant.aiChain.expectations.contractSourcing).toBe("byCapacity");
    expect(base.aiChain.capacityTechnologyGrowthYearly).toBe(0);
    expect(base.aiChain.expectations.contractSourcing).toBe("leastBacklog");
  });
});
