// The offset form of the central bank's overrides (centralBank.overrides[].addYearly):
// on a hand-built central bank record the rate in the window is the rule's
// rate plus the shift, the rule smooths from its own unshifted rate (so a
// constant shift moves the rate by exactly the shift, not shift / (1 − ρ)),
// the rule resumes from that unshifted rate after the window, the neutral-rate
// learning pauses in the window, and the shift comes on top of a level
// override; a config with both or neither of rateYearly and addYearly is
// refused with the path (checkCalendar, exit 2 through the CLI).
import { describe, expect, it } from "vitest";
import { checkCalendar } from "../src/config/calendar.ts";
import { defaultConfig, type SpiralConfig } from "../src/config/index.ts";
import { overrideShift, setPolicyRate } from "../src/model/agents/centralBank.ts";
import type { ModelEvent } from "../src/model/events.ts";
import type { CentralBank, MacroState } from "../src/model/state.ts";

type Params = SpiralConfig["centralBank"];
const DEPOSITS = { depositRateBeta: 0.5, depositRateMarkdownYearly: 0, depositRateAdjustmentMonths: 0 };
const START = "2030-01";

/** A central bank at 4 % with r̂* 1 %, unemployment history at 5 %. */
function bank(): CentralBank {
  return {
    policyRateYearly: 0.04,
    bills: 0,
    reserves: 0,
    govAccount: 0,
    equity: 0,
    profit: 0,
    neutralRateEstimateYearly: 0.01,
    unemploymentHistory: new Float64Array([0.05]),
  };
}

/** The rule's inputs: inflation 3 %, unemployment 5 %. */
function macro(): MacroState {
  return { inflationYoY: 0.03, unemploymentRate: 0.05, depositRateYearly: 0 } as MacroState;
}

/** The Taylor rule with φπ 0.5, φu 0.5, u* 5 %, π* 2 %, ρ 0.9, learning 0.6 a year; `overrides` as given. */
function params(overrides: Params["overrides"]): Params {
  const cb = defaultConfig().centralBank;
  return {
    ...cb,
    rule: "taylor",
    inflationWeight: 0.5,
    unemploymentWeight: 0.5,
    naturalUnemploymentRate: 0.05,
    inflationTargetYearly: 0.02,
    smoothing: 0.9,
    lowerBoundYearly: 0,
    neutralRateLearning: 0.6,
    overrides,
  };
}

/** Runs ticks 1…n; returns the rate after each and the events. */
function run(cb: Params, n: number, c = bank()): { rates: number[]; events: ModelEvent[]; c: CentralBank } {
  const rates: number[] = [];
  const events: ModelEvent[] = [];
  const m = macro();
  for (let tick = 1; tick <= n; tick++) {
    setPolicyRate(c, m, cb, DEPOSITS, { tick, startDate: START }, events);
    rates.push(c.policyRateYearly);
  }
  return { rates, events, c };
}

describe("centralBank.overrides[].addYearly: a shift of the rule's rate", () => {
  it("the rate in the window is the rule's unshifted rate + the shift, exactly, every month", () => {
    // Window ticks 3…6 (2030-03 … 2030-06); learning off so the rule's path is the same in both runs.
    const rule = { ...params([]), neutralRateLearning: 0 };
    const shifted = { ...rule, overrides: [{ from: "2030-03", until: "2030-06", addYearly: 0.01 }] };
    const a = run(rule, 10).rates;
    const b = run(shifted, 10).rates;
    for (let t = 0; t < 2; t++) expect(b[t]).toBe(a[t]);
    for (let t = 2; t < 6; t++) expect(b[t] - a[t]).toBeCloseTo(0.01, 14);
    // After the window the rule goes on from its unshifted rate: the same path as without the shift.
    for (let t = 6; t < 10; t++) expect(b[t]).toBeCloseTo(a[t], 14);
    // By hand: target = r̂* + π + 0.5 (π − π*) + 0.5 (u* − u) = 0.01 + 0.03 + 0.005 = 0.045;
    // month 3's rule rate from month 2's: 0.9 × a[1] + 0.1 × 0.045, plus the shift.
    expect(b[2]).toBeCloseTo(0.9 * a[1] + 0.1 * 0.045 + 0.01, 14);
    expect(b[3]).toBeCloseTo(0.9 * (b[2] - 0.01) + 0.1 * 0.045 + 0.01, 14);
  });

  it("logs the window's start with the rate set and its end; pauses the neutral-rate learning inside it", () => {
    const cb = params([{ from: "2030-02", until: "2030-03", addYearly: -0.005 }]);
    const c = bank();
    const events: ModelEvent[] = [];
    const m = macro();
    setPolicyRate(c, m, cb, DEPOSITS, { tick: 1, startDate: START }, events);
    const learned = c.neutralRateEstimateYearly;
    // Gaps 0.005 at κ 0.6 a year: r̂* moves 0.6 × 0.005 / 12 in a month outside the window.
    expect(learned).toBeCloseTo(0.01 + (0.6 * 0.005) / 12, 15);
    setPolicyRate(c, m, cb, DEPOSITS, { tick: 2, startDate: START }, events);
    setPolicyRate(c, m, cb, DEPOSITS, { tick: 3, startDate: START }, events);
    expect(c.neutralRateEstimateYearly).toBe(learned);
    const rateInWindow = c.policyRateYearly;
    setPolicyRate(c, m, cb, DEPOSITS, { tick: 4, startDate: START }, events);
    expect(c.neutralRateEstimateYearly).toBeGreaterThan(learned);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ type: "policyOverrideStart", untilTick: 3 });
    expect(events[1]).toEqual({ type: "policyOverrideEnd", rule: "taylor" });
    expect(rateInWindow).toBeLessThan(0.04);
  });

  it("adds to a level override in force, and shifts overlapping windows add up", () => {
    const cb = params([
      { from: "2030-01", until: "2030-04", rateYearly: 0.03 },
      { from: "2030-02", until: "2030-03", addYearly: 0.01 },
      { from: "2030-03", until: "2030-03", addYearly: 0.002 },
    ]);
    const { rates } = run(cb, 4);
    expect(rates[0]).toBe(0.03);
    expect(rates[1]).toBeCloseTo(0.04, 15);
    expect(rates[2]).toBeCloseTo(0.042, 15);
    expect(rates[3]).toBe(0.03);
    expect(overrideShift(cb.overrides, START, 3)).toBeCloseTo(0.012, 15);
    expect(overrideShift(cb.overrides, START, 0)).toBe(0);
  });

  it("a level override alone behaves as before: the held rate, then the rule from it", () => {
    const cb = {
      ...params([{ from: "2030-01", until: "2030-02", rateYearly: 0.05 }]),
      neutralRateLearning: 0,
    };
    const { rates } = run(cb, 3);
    expect(rates.slice(0, 2)).toEqual([0.05, 0.05]);
    expect(rates[2]).toBeCloseTo(0.9 * 0.05 + 0.1 * 0.045, 15);
  });

  it("refuses an override with both or neither of rateYearly and addYearly, naming its path", () => {
    const c = defaultConfig();
    c.startDate = START;
    c.ticks = 24;
    c.centralBank.overrides = [
      { from: "2030-02", until: "2030-03", rateYearly: 0.02, addYearly: 0.01 },
      { from: "2030-02", until: "2030-03" },
      { from: "2030-02", until: "2030-03", addYearly: 0.01 },
    ];
    const problems = checkCalendar(c);
    expect(problems).toEqual([
      {
        pointer: "/centralBank/overrides/0",
        problem: "has both rateYearly (a level) and addYearly (a shift of the rule's rate); give one",
      },
      {
        pointer: "/centralBank/overrides/1",
        problem: "needs rateYearly (the rate held) or addYearly (a shift added to the rule's rate)",
      },
    ]);
  });
});
