// A 50-year baseline run (issue 2, item 8): the ledger check passes every
// tick (step throws otherwise), no NaN, unemployment on average between 2 %
// and 15 % and not constant, and at least one endogenous recession.
import { describe, expect, it } from "vitest";
import { findRecessions, toQuarterly } from "../src/analysis/index.ts";
import { defaultConfig } from "../src/config/index.ts";
import { createModel, MetricsTracker, SERIES_COLUMNS, step } from "../src/model/index.ts";

describe("50-year baseline", () => {
  it("stays consistent, keeps unemployment in a plausible band and has recessions", () => {
    const config = defaultConfig();
    config.ticks = 600;
    config.households.count = 5000;
    config.firms.consumption.count = 100;
    config.firms.capital.count = 20;
    const model = createModel(config);
    const tracker = new MetricsTracker(config.ticks);
    const col = (name: string) => SERIES_COLUMNS.findIndex((c) => c.name === name);
    const U = col("unemploymentRate");
    const G = col("gdpReal");
    const unemployment: number[] = [];
    const gdp: number[] = [];
    const nfwCols = SERIES_COLUMNS.map((c, i) => (c.name.startsWith("nfw_") ? i : -1)).filter((i) => i >= 0);
    const gross = col("grossFinancialAssets");
    for (let t = 0; t < config.ticks; t++) {
      step(model); // throws ModelFailure on any stock-flow violation or NaN
      const row = tracker.measure(model, model.events);
      model.events.length = 0;
      const nfwSum = nfwCols.reduce((s, i) => s + (row[i] as number), 0);
      expect(Math.abs(nfwSum)).toBeLessThan(1e-9 * (row[gross] as number));
      if (t >= config.burnInTicks) {
        unemployment.push(row[U] as number);
        gdp.push(row[G] as number);
      }
    }
    const mean = unemployment.reduce((a, b) => a + b, 0) / unemployment.length;
    expect(mean).toBeGreaterThan(0.02);
    expect(mean).toBeLessThan(0.15);
    expect(Math.max(...unemployment) - Math.min(...unemployment)).toBeGreaterThan(0.01);
    const recessions = findRecessions(toQuarterly(gdp));
    expect(recessions.length).toBeGreaterThanOrEqual(1);
  });
});
