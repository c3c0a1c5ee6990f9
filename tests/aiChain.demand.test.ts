// AI demand that responds (issue 18 item 1; src/model/agents/aiChain/demand.ts), on a hand-built chain.
import { describe, expect, it } from "vitest";
import {
  type AiDemandInputs,
  type AiDemandParams,
  churnYearly,
  planAiDemand,
  segmentShare,
  segmentSpending,
  stepAdoption,
} from "../src/model/agents/aiChain/demand.ts";
import type { AiChain } from "../src/model/state.ts";
import { END_USER_SEGMENTS, EndUserSegment } from "../src/model/state.ts";

const D: AiDemandParams = {
  potentialShareOfGdp: 0.04,
  innovationYearly: 0.01,
  imitationYearly: 0.25,
  capabilityElasticity: 0.3,
  priceElasticity: 1.2,
  householdShare: 0.3,
  governmentShare: 0.1,
  churnYearly: 0.05,
  budgetChurn: 3,
  valueChurn: 1,
  budgetElasticity: 1.5,
  startupShare: 0.4,
};

function chain(): AiChain {
  const s = () => new Float64Array(END_USER_SEGMENTS);
  return {
    endUserAtStart: 100,
    adoptionBySegment: s(),
    endUserBySegment: s(),
    budgetFast: s(),
    budgetSlow: s(),
    adoption: 0,
    endUserSpending: 0,
    householdAiShare: 0,
  } as unknown as AiChain; // only the demand columns are read or written
}

function inputs(over: Partial<AiDemandInputs> = {}): AiDemandInputs {
  return {
    capability: 1,
    servicePrice: 1,
    gdpNominalSmoothed: 25_000, // potential 1 000 a month
    consumptionNominal: 15_000,
    budgets: Float64Array.from([15_000, 3_000, 5_000]),
    valuePerDollar: Float64Array.from([1, 1, 1]),
    equityRatio: 1,
    first: false,
    ...over,
  };
}

describe("adoption and churn", () => {
  it("Bass inflow without churn; churn makes adoption fall", () => {
    expect(stepAdoption(0.1, 1, 0, D)).toBeCloseTo(0.1 + ((0.01 + 0.025) * 0.9) / 12, 12);
    expect(stepAdoption(0.5, 1, 1, D)).toBeLessThan(0.5);
  });

  it("churn rises when a budget falls below trend and when AI is a worse deal than at the start", () => {
    expect(churnYearly(1, 1, D)).toBeCloseTo(0.05, 12);
    expect(churnYearly(0.9, 1, D)).toBeCloseTo(0.35, 12);
    expect(churnYearly(1, 0.8, D)).toBeCloseTo(0.25, 12);
    expect(churnYearly(1.2, 1.5, D)).toBeCloseTo(0.05, 12); // good times add no negative churn
  });

  it("spending falls with the price and with the budget below trend", () => {
    expect(segmentSpending(0.5, 1000, 1, 1, D)).toBeCloseTo(500, 9);
    expect(segmentSpending(0.5, 1000, 2, 1, D)).toBeCloseTo(500 * 2 ** -0.2, 9);
    expect(segmentSpending(0.5, 1000, 1, 0.8, D)).toBeCloseTo(500 * 0.8 ** 1.5, 9);
  });
});

describe("planAiDemand", () => {
  it("starts where spending is the configured start, split by segment shares", () => {
    const c = chain();
    planAiDemand(c, inputs({ first: true }), D);
    // adoption 0.1 (100 of a 1 000 potential), which stays there in the first month: its spending is the start's.
    expect(c.adoptionBySegment[0]).toBeCloseTo(0.1, 12);
    expect(c.endUserSpending).toBeCloseTo(100, 9);
    expect(c.endUserSpending).toBeCloseTo(1000 * c.adoption, 9);
    // The next month, one month of Bass inflow.
    planAiDemand(c, inputs(), D);
    expect(c.adoptionBySegment[0]).toBeCloseTo(stepAdoption(0.1, 1, 0.05, D), 12);
    expect(c.endUserBySegment[EndUserSegment.households]).toBeCloseTo(0.3 * c.endUserSpending, 9);
    expect(segmentShare(EndUserSegment.firms, D)).toBeCloseTo(0.6, 12);
    expect(c.householdAiShare).toBeCloseTo(c.endUserBySegment[0] / 15_000, 12);
  });

  it("a downturn — firms' profits and AI valuations falling — makes end-user spending fall", () => {
    const c = chain();
    planAiDemand(c, inputs({ first: true }), D);
    for (let t = 0; t < 24; t++) planAiDemand(c, inputs(), D);
    const before = c.endUserSpending;
    const firmsBefore = c.endUserBySegment[EndUserSegment.firms];
    for (let t = 0; t < 12; t++)
      planAiDemand(c, inputs({ budgets: Float64Array.from([14_000, 2_000, 5_000]), equityRatio: 0.5 }), D);
    expect(c.endUserBySegment[EndUserSegment.firms]).toBeLessThan(0.7 * firmsBefore);
    expect(c.endUserSpending).toBeLessThan(before);
    expect(c.adoptionBySegment[EndUserSegment.firms]).toBeLessThan(
      c.adoptionBySegment[EndUserSegment.government],
    );
  });

  it("in good times with growing capability adoption keeps rising", () => {
    const c = chain();
    planAiDemand(c, inputs({ first: true }), D);
    const a0 = c.adoption;
    for (let t = 0; t < 36; t++) planAiDemand(c, inputs({ capability: 1 + t / 12 }), D);
    expect(c.adoption).toBeGreaterThan(a0 + 0.05);
  });
});
