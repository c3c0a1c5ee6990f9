// How many firms a config simulates (src/model/population.ts): firms scale
// with households unless a count is given (issue 16 item 5).
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config/index.ts";
import { CORE_MODEL } from "../src/engine/coreModel.ts";
import { createModel } from "../src/model/index.ts";
import { firmCounts } from "../src/model/population.ts";

describe("firmCounts", () => {
  it("scales with households by default: 200 and 40 at 10 000, ten times that at 100 000", () => {
    const c = defaultConfig();
    expect(firmCounts(c)).toEqual({ consumption: 200, capital: 40 });
    c.households.count = 100_000;
    expect(firmCounts(c)).toEqual({ consumption: 2000, capital: 400 });
  });

  it("rounds to the nearest whole firm and keeps at least one of each", () => {
    const c = defaultConfig();
    c.households.count = 2_624; // 52.48 and 10.496
    expect(firmCounts(c)).toEqual({ consumption: 52, capital: 10 });
    c.households.count = 10;
    expect(firmCounts(c)).toEqual({ consumption: 1, capital: 1 });
  });

  it("is the firm count of the bankruptcy rate (spiral calibrate, spiral facts): 240 at the default counts of 0", () => {
    const c = defaultConfig();
    // Counts of 0 scale with households; summing the raw counts gave 0 and a NaN bankruptcyRateYearly.
    expect(CORE_MODEL.firmCount(c)).toBe(240);
    c.firms.consumption.count = 7;
    expect(CORE_MODEL.firmCount(c)).toBe(47);
  });

  it("a positive count wins; householdsPerFirm sets the ratio", () => {
    const c = defaultConfig();
    c.firms.consumption.count = 7;
    c.firms.capital.householdsPerFirm = 1000;
    expect(firmCounts(c)).toEqual({ consumption: 7, capital: 10 });
  });

  it("the model is built with those counts", () => {
    const c = defaultConfig();
    c.households.count = 3_000;
    const m = createModel(c);
    expect(m.firms.nConsumption).toBe(60);
    expect(m.firms.n).toBe(72);
  });
});
