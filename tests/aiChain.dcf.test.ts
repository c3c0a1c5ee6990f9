// Valuation by discounted expected cash flows (issue 18 item 2; src/model/agents/aiChain/dcf.ts),
// on hand-built numbers.
import { describe, expect, it } from "vitest";
import {
  agedAnchor,
  calibrateGrowthExpectation,
  type DcfInputs,
  type DcfParams,
  discountedCashFlowValue,
  equityDiscountRate,
  equityRiskPremium,
  longRateYearly,
  storyAgeAfter,
  surpriseRevisedAnchor,
  updateGrowthExpectation,
} from "../src/model/agents/aiChain/dcf.ts";
import { seedRevenueHistory } from "../src/model/agents/aiChain/init.ts";
import {
  chainCreditPremiumYearly,
  chainRevenueGrowth,
  endUserGrowth,
  restingStory,
} from "../src/model/agents/aiChain/valuation.ts";

const P: DcfParams = {
  terminalGrowthYearly: 0.03,
  growthFadeYearly: 0.75,
  capexFadeYearly: 0.7,
  horizonYears: 20,
  taxRate: 0.21,
};
const firm = (over: Partial<DcfInputs> = {}): DcfInputs => ({
  earningsYearly: 100,
  interestYearly: 0,
  netInvestmentYearly: 0,
  cash: 0,
  growthYearly: 0.03,
  discountYearly: 0.08,
  ...over,
});

describe("discountedCashFlowValue", () => {
  it("is the Gordon value when growth is terminal and nothing is invested", () => {
    const v = discountedCashFlowValue(firm(), { ...P, taxRate: 0 });
    expect(v).toBeCloseTo((100 * 1.03) / 0.05, 6);
  });

  it("rises with expected growth, falls with the discount rate, capex and interest, and adds cash", () => {
    const base = discountedCashFlowValue(firm(), P);
    expect(discountedCashFlowValue(firm({ growthYearly: 0.3 }), P)).toBeGreaterThan(1.5 * base);
    expect(discountedCashFlowValue(firm({ discountYearly: 0.1 }), P)).toBeLessThan(0.75 * base);
    expect(discountedCashFlowValue(firm({ netInvestmentYearly: 50 }), P)).toBeLessThan(base);
    // Interest is paid every year of the horizon and, after it, grows with the firm (constant leverage).
    let annuity = 0;
    for (let k = 1; k <= 20; k++) annuity += 1.08 ** -k;
    const pvInterest = 0.79 * 20 * (annuity + 1.08 ** -20 / 0.05);
    expect(discountedCashFlowValue(firm({ interestYearly: 20 }), P)).toBeCloseTo(base - pvInterest, 6);
    expect(discountedCashFlowValue(firm({ cash: 7 }), P)).toBeCloseTo(base + 7, 9);
  });

  it("a faster fade of excess growth lowers the value of a growth firm (no frozen multiple)", () => {
    const slow = discountedCashFlowValue(firm({ growthYearly: 0.5 }), { ...P, growthFadeYearly: 0.9 });
    const fast = discountedCashFlowValue(firm({ growthYearly: 0.5 }), { ...P, growthFadeYearly: 0.5 });
    expect(fast).toBeLessThan(0.6 * slow);
  });

  it("keeps the discount rate at least a point above terminal growth", () => {
    expect(discountedCashFlowValue(firm({ discountYearly: 0 }), { ...P, taxRate: 0 })).toBeCloseTo(
      103 / 0.01,
      6,
    );
  });
});

describe("calibrateGrowthExpectation", () => {
  it("finds the expected growth that prices a firm at its market value", () => {
    const x = firm({ netInvestmentYearly: 30, interestYearly: 5, cash: 40 });
    for (const target of [1500, 4000, 12000]) {
      const g = calibrateGrowthExpectation(x, P, target);
      expect(discountedCashFlowValue({ ...x, growthYearly: g }, P)).toBeCloseTo(target, 3);
    }
  });

  it("returns a bound when the target cannot be reached, and rejects an empty range", () => {
    expect(calibrateGrowthExpectation(firm(), P, 1e12)).toBe(5);
    expect(calibrateGrowthExpectation(firm(), P, 1)).toBe(-0.5);
    expect(() => calibrateGrowthExpectation(firm(), P, 1, 1, 1)).toThrow(RangeError);
  });
});

describe("discount rate and expectations", () => {
  const D = {
    termPremiumYearly: 0.005,
    equityRiskPremiumYearly: 0.045,
    lossSensitivity: 0.05,
    volatilitySensitivity: 0.05,
  };

  it("the long rate moves with a share of the policy rate's gap to neutral", () => {
    expect(longRateYearly(0.05, 0.05, 0.4)).toBeCloseTo(0.05, 12);
    expect(longRateYearly(0, 0.05, 0.4)).toBeCloseTo(0.03, 12); // a cut to zero lowers it by 2 points, not 5
    expect(equityDiscountRate(0.04, D, 0.045)).toBeCloseTo(0.09, 12);
  });

  it("the equity risk premium rises with the drawdown and with volatility above the start's", () => {
    expect(equityRiskPremium(D, 0, 0.5, 0.5)).toBeCloseTo(0.045, 12);
    expect(equityRiskPremium(D, 0.4, 0.5, 0.5)).toBeCloseTo(0.065, 12);
    expect(equityRiskPremium(D, 0, 0.9, 0.5)).toBeCloseTo(0.065, 12);
    expect(equityRiskPremium(D, 0, 0.3, 0.5)).toBeCloseTo(0.045, 12); // calmer than at the start: no discount
  });

  it("the chain's own credit premium follows its CDS index above the high-yield average (chainCreditPremiumSensitivity)", () => {
    // Three firms in the index at 400, 1 300 and 1 600 bp (mean 1 100), a fourth outside it at 9 000 bp.
    const chain = {
      n: 4,
      cdsBp: new Float64Array([400, 1300, 1600, 9000]),
      indexMember: new Uint8Array([1, 1, 1, 0]),
    };
    const on = { chainCreditPremiumSensitivity: 0.25, referenceSpreadBp: 550 };
    expect(chainCreditPremiumYearly(chain, on)).toBeCloseTo((0.25 * 550) / 1e4, 12); // 1.375 points
    expect(chainCreditPremiumYearly(chain, { ...on, chainCreditPremiumSensitivity: 0 })).toBe(0); // the default: off
    expect(chainCreditPremiumYearly(chain, { ...on, referenceSpreadBp: 1200 })).toBe(0); // index below the average
    // Added to the premium, it lowers a firm's value like any rise in the discount rate.
    const calm = equityDiscountRate(0.05, D, equityRiskPremium(D, 0, 0.5, 0.5));
    const run = equityDiscountRate(
      0.05,
      D,
      equityRiskPremium(D, 0, 0.5, 0.5) + chainCreditPremiumYearly(chain, on),
    );
    expect(discountedCashFlowValue(firm({ discountYearly: run }), P)).toBeLessThan(
      discountedCashFlowValue(firm({ discountYearly: calm }), P),
    );
  });

  it("expected growth moves towards the fundamentalists' anchor or the observed trend by the traders' shares", () => {
    expect(updateGrowthExpectation(0.3, 0.3, -0.2, 1, 0.1)).toBeCloseTo(0.3, 12);
    expect(updateGrowthExpectation(0.3, 0.3, -0.2, 0, 0.1)).toBeCloseTo(0.25, 12);
    expect(updateGrowthExpectation(0.3, 0.3, -0.2, 0.5, 1)).toBeCloseTo(0.05, 12);
  });

  it("the anchor ages towards terminal growth at the fade", () => {
    expect(agedAnchor(0.5, 0, P)).toBeCloseTo(0.5, 12);
    expect(agedAnchor(0.5, 12, P)).toBeCloseTo(0.03 + 0.47 * 0.75, 12);
  });

  it("with storyAgesOnShortfall the story ages only in months that fall short of it (storyAgeAfter)", () => {
    // At age 12 the story of 0.5 stands at 0.03 + 0.47 × 0.75 = 0.3825.
    expect(storyAgeAfter(12, 0.5, 0.6, P)).toBe(12); // delivered: not older
    expect(storyAgeAfter(12, 0.5, 0.03 + 0.47 * 0.75, P)).toBe(12); // exactly delivered
    expect(storyAgeAfter(12, 0.5, 0.2, P)).toBe(13); // short: a month older
    expect(storyAgeAfter(12, 0.5, null, P)).toBe(13); // no positive earnings: nothing confirms it
    // Two years of growth at 60 % keep the story at its start; calendar time would have aged it to ≈ 0.29.
    let age = 0;
    for (let m = 0; m < 24; m++) age = storyAgeAfter(age, 0.5, 0.6, P);
    expect(agedAnchor(0.5, age, P)).toBe(0.5);
    expect(agedAnchor(0.5, 24, P)).toBeCloseTo(0.03 + 0.47 * 0.75 ** 2, 12);
    // A year that falls short ages it by a year; growth then meeting the aged story holds it there.
    for (let m = 0; m < 12; m++) age = storyAgeAfter(age, 0.5, 0.1, P);
    expect(age).toBe(12);
    for (let m = 0; m < 12; m++) age = storyAgeAfter(age, 0.5, 0.39, P);
    expect(age).toBe(12);
  });
});

describe("the story re-rated by the revenue surprise (storySurpriseSpeedMonthly)", () => {
  it("moves the story at its age a share of the way to observed growth and re-solves the anchor", () => {
    // At age 12 the story of 0.5 stands at 0.3825; growth of 0.8 at speed 0.1 lifts it to 0.3825 + 0.1 × 0.4175.
    const a = surpriseRevisedAnchor(0.5, 12, 0.8, 0.1, P);
    expect(agedAnchor(a, 12, P)).toBeCloseTo(0.3825 + 0.1 * (0.8 - 0.3825), 12);
    expect(a).toBeGreaterThan(0.5);
    // Growth short of the story lowers it; growth equal to it leaves it; at the start the anchor is the story.
    expect(agedAnchor(surpriseRevisedAnchor(0.5, 12, -0.2, 0.1, P), 12, P)).toBeCloseTo(
      0.3825 + 0.1 * (-0.2 - 0.3825),
      12,
    );
    expect(surpriseRevisedAnchor(0.5, 12, 0.3825, 0.1, P)).toBeCloseTo(0.5, 12);
    expect(surpriseRevisedAnchor(0.5, 0, -0.2, 0.1, P)).toBeCloseTo(0.43, 12);
    // Off (speed 0) or nothing observed: unchanged, bit for bit.
    expect(surpriseRevisedAnchor(0.5, 12, -0.2, 0, P)).toBe(0.5);
    expect(surpriseRevisedAnchor(0.5, 12, null, 0.1, P)).toBe(0.5);
  });

  it("a story kept up with fades only with calendar time; one whose revenue stops deflates faster", () => {
    // Two years of revenue growing at the story's own aged rate: the aged story is what calendar time gives.
    let a = 0.5;
    for (let m = 1; m <= 24; m++) a = surpriseRevisedAnchor(a, m, agedAnchor(a, m, P), 0.1, P);
    expect(a).toBeCloseTo(0.5, 12);
    // Two years at 60 % growth: the story at 24 months stays near 0.5 (calendar ageing alone: ≈ 0.29).
    a = 0.5;
    for (let m = 1; m <= 24; m++) a = surpriseRevisedAnchor(a, m, 0.6, 0.1, P);
    expect(agedAnchor(a, 24, P)).toBeGreaterThan(0.49);
    // Then a year of flat revenue (growth 0): the story falls to ≈ 0.11, against ≈ 0.23 by calendar time alone.
    for (let m = 25; m <= 36; m++) a = surpriseRevisedAnchor(a, m, 0, 0.1, P);
    expect(agedAnchor(a, 36, P)).toBeLessThan(0.15);
    expect(agedAnchor(0.5, 36, P)).toBeGreaterThan(0.2);
    expect(agedAnchor(a, 36, P)).toBeGreaterThan(0);
  });

  it("judges the stories on the whole chain's revenue, a year over a year (chainRevenueGrowth)", () => {
    // Two firms on the tick-mod-13 ring, tick 30 (30 mod 13 = 4): the last three months 150 and 50, a year ago 100 and 20.
    const revenueHistory = new Float64Array(2 * 13);
    for (let k = 1; k <= 3; k++) {
      revenueHistory[(30 - k) % 13] = 150;
      revenueHistory[13 + ((30 - k) % 13)] = 50;
    }
    revenueHistory[(30 - 12) % 13] = 100;
    revenueHistory[13 + ((30 - 12) % 13)] = 20;
    // (200 / 120)^1.2 − 1: the recent mean is centred two months back.
    expect(chainRevenueGrowth({ n: 2, revenueHistory }, 30)).toBeCloseTo((200 / 120) ** 1.2 - 1, 12);
    // A firm with no AI revenue still reads the chain's growth; no revenue a year ago: nothing observed.
    expect(chainRevenueGrowth({ n: 2, revenueHistory: new Float64Array(26) }, 30)).toBeNull();
  });

  it("or on end users' spending alone (endUserGrowth): the chain's own orders do not enter it", () => {
    // Tick 30 (30 mod 13 = 4): end users spent 120 a month in the last three months, 80 a year ago.
    const h = new Float64Array(13);
    for (let k = 1; k <= 3; k++) h[(30 - k) % 13] = 120;
    h[(30 - 12) % 13] = 80;
    expect(endUserGrowth(h, 30)).toBeCloseTo(1.5 ** 1.2 - 1, 12);
    // Spending that fell by a quarter reads as a fall, and the same ring a month later reads the next slots.
    for (let k = 1; k <= 3; k++) h[(30 - k) % 13] = 60;
    expect(endUserGrowth(h, 30)).toBeCloseTo(0.75 ** 1.2 - 1, 12);
    expect(endUserGrowth(h, 31)).toBeNull(); // slot (31 − 12) mod 13 = 6 was never written
    // Seeded as the revenue history is: a year of 50 % growth up to the start reads 50 % in the first month.
    const seeded = new Float64Array(13);
    seedRevenueHistory(seeded, 0, 121, 100, 0.5);
    expect(endUserGrowth(seeded, 122)).toBeGreaterThan(0.45);
    expect(endUserGrowth(seeded, 122)).toBeLessThan(0.55);
  });
});

describe("the revenue history before the chain starts", () => {
  it("lays the past year's growth on the tick-mod-13 ring relative to the start, so a year's observed growth is that growth", () => {
    const h = new Float64Array(2 * 13);
    // Firm 1 starting at tick 121 (121 mod 13 = 4) at 100 a month, after a year of 50 % growth.
    seedRevenueHistory(h, 1, 121, 100, 0.5);
    const at = (tick: number) => h[13 + (tick % 13)];
    expect(at(121)).toBe(100);
    expect(at(120)).toBeCloseTo(100 / 1.5 ** (1 / 12), 12);
    expect(at(109)).toBeCloseTo(100 / 1.5, 12);
    // Twelve months apart, the ring shows the seeded growth: tick 121 against tick 109.
    expect(at(121) / at(109) - 1).toBeCloseTo(0.5, 12);
    // Firm 0's slots are untouched.
    expect(h.subarray(0, 13).every((x) => x === 0)).toBe(true);
  });
});

describe("the story at which the market's expectation rests (aiChain.valuation.storyAtStart restingMix)", () => {
  it("puts the market's target mix at the calibrated growth, so the first month's update leaves it there", () => {
    // hyperA in telecom-1997 at stop 40 (its 2025 value): 43 % calibrated growth, 4 % observed, half the traders fundamentalists.
    const story = restingStory(0.43, 0.04, 0.5);
    expect(story).toBeCloseTo(0.82, 12);
    for (const [g, observed, nF] of [
      [0.43, 0.04, 0.5],
      [0.51, 0.5, 0.5],
      [0.3, 0.6, 0.7], // observed above the calibrated growth: the story lies below it
      [0.2, -0.1, 0.25],
    ]) {
      const s = restingStory(g, observed, nF);
      expect(updateGrowthExpectation(g, s, observed, nF, 0.08)).toBeCloseTo(g, 12);
    }
    expect(restingStory(0.3, 0.6, 0.7)).toBeLessThan(0.3);
  });

  it("is the calibrated growth without an observation, floors the fundamentalist share at 0.05 and caps the story at 5", () => {
    expect(restingStory(0.43, null, 0.5)).toBe(0.43);
    expect(restingStory(0.43, 0.4, 0)).toBeCloseTo((0.43 - 0.95 * 0.4) / 0.05, 12); // 1.0
    expect(restingStory(0.9, -0.5, 0.1)).toBe(5);
  });
});
