import { describe, expect, it } from "vitest";
import { formatFactsTable } from "../src/analysis/formatFacts.ts";
import type { StylizedFacts } from "../src/analysis/stylizedFacts.ts";

function facts(overrides: Partial<StylizedFacts> = {}): StylizedFacts {
  const lags = [-2, -1, 0, 1, 2];
  return {
    options: { burnInTicks: 120, ticksPerQuarter: 3, lambda: 1600, maxLag: 2, tailFraction: 0.1 },
    quarters: 40,
    firstTick: 120,
    lastTick: 239,
    cycleSd: { gdp: 0.015, consumption: 0.009, investment: 0.045, employment: 0.01, unemployment: 0.004 },
    relativeSd: { consumption: 0.6, investment: 3, employment: 0.667, unemployment: 0.267 },
    crossCorrelationWithGdp: {
      lags,
      consumption: [0.2, 0.5, 0.9, 0.5, 0.2],
      investment: [0.1, 0.6, 0.95, 0.4, 0.1],
      employment: [0.3, 0.6, 0.8, 0.7, 0.4],
      unemployment: [-0.1, -0.3, -0.6, -0.8, Number.NaN],
    },
    peakLag: { consumption: 0, investment: 0, employment: 0, unemployment: 1 },
    autocorrelation: { gdp: 0.8, consumption: 0.7, investment: 0.75, employment: 0.85, unemployment: 0.9 },
    gdpGrowth: { mean: 0.005, sd: 0.01, excessKurtosis: 2.5, skewness: -0.7 },
    firmSizes: { count: 500, skewness: 3.1, tailExponent: 1.4, tailFraction: 0.1 },
    curves: { phillips: -0.4, phillipsPrice: -0.2, okun: -0.7, beveridge: 0.1 },
    recessions: [{ startQuarter: 10, endQuarter: 12, quarters: 3, depth: 0.031 }],
    recessionCount: 1,
    unemployment: { mean: 0.07, min: 0.04, max: 0.12 },
    checks: [
      { name: "investment more volatile than GDP", expected: "relative sd > 1", value: 3, ok: true },
      { name: "Beveridge curve", expected: "corr(vacancy rate, u) < 0", value: 0.1, ok: false },
    ],
    ...overrides,
  };
}

describe("formatFactsTable", () => {
  const text = formatFactsTable(facts());
  const lines = text.split("\n");

  it("states the window and the filter", () => {
    expect(lines[0]).toBe("Stylized facts: 40 quarters after 120 burn-in ticks, ticks 120–239; HP λ = 1600");
  });

  it("prints volatilities in percent, relative sds and autocorrelations", () => {
    expect(text).toMatch(/ {2}investment +4\.50% +3\.00 +0\.75/);
    expect(text).toMatch(/ {2}unemployment rate +0\.40 pp +0\.27 +0\.90/);
  });

  it("prints an aligned lead/lag table with signed lags and NaN as n/a", () => {
    const header = lines.findIndex((l) => l.includes("k=-2"));
    expect(lines[header]).toMatch(/k=-2 +k=-1 +k=0 +k=\+1 +k=\+2 +peak k$/);
    const rows = lines.slice(header, header + 5);
    expect(new Set(rows.map((r) => r.length)).size).toBe(1);
    expect(rows[4]).toMatch(/^ {2}unemployment rate +-0\.10 +-0\.30 +-0\.60 +-0\.80 +n\/a +1$/);
  });

  it("prints growth moments, firm sizes, curves, unemployment and recessions", () => {
    expect(text).toContain("excess kurtosis 2.50");
    expect(text).toContain("Hill tail exponent 1.40 (top 10%)");
    expect(text).toMatch(/Okun: GDP growth vs change in unemployment +-0\.70/);
    expect(text).toContain("mean 7.00%, min 4.00%, max 12.00%");
    expect(text).toContain("Recessions (≥ 2 quarters of falling real GDP): 1");
    // Quarters 10–12 after 120 burn-in ticks are ticks 150–158.
    expect(text).toMatch(/10–12 +3 +3\.10% +150–158/);
  });

  it("marks checks with ✓ and ✗ and counts them", () => {
    expect(text).toContain("Checks: 1 of 2 hold");
    expect(text).toMatch(/✓ {2}investment more volatile than GDP {2}relative sd > 1 +3\n/);
    expect(text).toMatch(/✗ {2}Beveridge curve +corr\(vacancy rate, u\) < 0 +0\.10\n/);
  });

  it("copes with no firm sizes, no tick column and no recessions", () => {
    const bare = formatFactsTable(
      facts({ firmSizes: null, firstTick: null, lastTick: null, recessions: [], recessionCount: 0 }),
    );
    expect(bare).toMatch(/firm sizes +not given/);
    expect(bare.split("\n")[0]).toBe("Stylized facts: 40 quarters after 120 burn-in ticks; HP λ = 1600");
    expect(bare).toContain("Recessions (≥ 2 quarters of falling real GDP): 0\n\nChecks");
  });
});
