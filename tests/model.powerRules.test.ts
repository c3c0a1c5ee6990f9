// The power market's rules on a hand-built utility record (markets/power.ts):
// the base load follows firms' smoothed output and its trend, allocation puts
// the base load first and strands only the clouds' unpowered capital, and the
// wholesale and retail prices follow the scarcity curve. No model is built:
// the utility comes from createUtility on the default config, the firms and
// the chain are the few columns each rule reads.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config/index.ts";
import { createUtility, scarcity } from "../src/model/agents/utility.ts";
import { allocatePower, pricePower, updateBaseLoad } from "../src/model/markets/power.ts";
import { Role } from "../src/model/state.ts";

const config = defaultConfig();
const p = config.power;
/** A utility at real-US scale (1 model GW = 1 GW) with 10 GW of data centres and firms' output 1 000 at the start. */
const utility = () => createUtility(config, 1, 10, 1000, 3, true);

describe("updateBaseLoad", () => {
  it("holds the start's base load while output and the trend stand still", () => {
    const u = utility();
    updateBaseLoad(u, p, { n: 2, output: Float64Array.of(400, 600) }, 0);
    expect(u.outputSmoothed).toBe(1000);
    expect(u.baseLoadGw).toBeCloseTo(u.initialBaseLoadGw, 12);
  });

  it("moves the firms' share with output smoothed over a year, and grows at the trend", () => {
    const u = utility();
    updateBaseLoad(u, p, { n: 1, output: Float64Array.of(2000) }, 2);
    // Smoothed output moves 1/12 of the gap: 1000 + 1000/12.
    expect(u.outputSmoothed).toBeCloseTo(1000 + 1000 / 12, 9);
    const activity = 13 / 12;
    const expected =
      u.initialBaseLoadGw *
      (p.residentialShare + (1 - p.residentialShare) * activity) *
      (1 + p.baseLoadGrowthYearly) ** 2;
    expect(u.baseLoadGw).toBeCloseTo(expected, 9);
    // Households' part (38 %) does not move: the load rises by 62 % of 1/12, then the trend.
    expect(u.baseLoadGw / u.initialBaseLoadGw / 1.015 ** 2).toBeCloseTo(1 + 0.62 / 12, 9);
  });
});

describe("allocatePower", () => {
  /** Four chain firms: a chip maker, a cloud, a defaulted cloud and a lab, each with capital 100. */
  const chain = {
    n: 4,
    role: Uint8Array.of(Role.chip, Role.hyperscaler, Role.neocloud, Role.modelLab),
    defaulted: Uint8Array.of(0, 0, 1, 0),
    capitalValue: Float64Array.of(100, 100, 100, 100),
  };

  it("powers the base load first, data centres from what is left, on-site generation for part of the rest", () => {
    const u = utility();
    u.capacityGw = 100;
    u.baseLoadGw = 90;
    allocatePower(u, p, chain, 20);
    expect(u.dataCentreGridGw).toBe(10);
    expect(u.onsiteGw).toBeCloseTo(p.onsiteMaxShare * 20, 12); // 2 GW: the cap binds, not the 10 GW gap
    expect(u.poweredShare).toBeCloseTo(0.6, 12);
    // Only the live cloud's capital strands (not the chip maker's, the lab's or a defaulted cloud's).
    expect(u.strandedCapex).toBeCloseTo(100 * 0.4, 9);
    // Utilisation counts the unpowered demand: (90 + 20) / 100.
    expect(u.utilization).toBeCloseTo(1.1, 12);
  });

  it("gives data centres nothing from the grid when the base load exceeds capacity, and strands nothing without demand", () => {
    const u = utility();
    u.capacityGw = 80;
    u.baseLoadGw = 90;
    allocatePower(u, p, chain, 20);
    expect(u.dataCentreGridGw).toBe(0);
    expect(u.onsiteGw).toBeCloseTo(2, 12);
    expect(u.poweredShare).toBeCloseTo(0.1, 12);
    allocatePower(u, p, chain, 0);
    expect(u.poweredShare).toBe(1);
    expect(u.strandedCapex).toBe(0);
  });
});

describe("pricePower", () => {
  it("sets the wholesale price at its start level at the target utilisation and the retail index at the goods level at the start's", () => {
    const u = utility();
    u.goodsPriceIndex = 1.1;
    pricePower(u, p, u.scarcityAtTarget);
    expect(u.price).toBeCloseTo(p.priceAtStartUsdPerMwh * 1.1, 9);
    pricePower(u, p, u.scarcityAtStart);
    expect(u.electricityCpi).toBeCloseTo(1.1, 12);
    expect(u.householdShare).toBeCloseTo(p.householdElectricityShare, 12);
  });

  it("moves the retail index by the wholesale share of a price rise, and households' spending share with it", () => {
    const u = utility();
    u.goodsPriceIndex = 1;
    const curve = 2 * u.scarcityAtStart; // wholesale doubles relative to the start
    pricePower(u, p, curve);
    const retail = 1 - p.wholesaleShareOfRetail + 2 * p.wholesaleShareOfRetail; // 1.45
    expect(u.electricityCpi).toBeCloseTo(retail, 12);
    const w = p.householdElectricityShare;
    expect(u.householdShare).toBeCloseTo((w * retail) / (1 + w * (retail - 1)), 12);
    expect(u.householdShare).toBeGreaterThan(w);
  });

  it("is convex in utilisation: the price at the cap is a multiple of the price at the target", () => {
    const u = utility();
    u.goodsPriceIndex = 1;
    pricePower(u, p, scarcity(p, p.targetUtilization));
    const atTarget = u.price;
    pricePower(u, p, scarcity(p, p.scarcityUtilizationCap));
    expect(u.price / atTarget).toBeGreaterThan(2);
  });
});
