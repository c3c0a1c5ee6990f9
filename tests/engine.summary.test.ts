import { describe, expect, it } from "vitest";
import { SUMMARY_COLUMNS, type SummaryColumn, summarizeSeries } from "../src/engine/summary.ts";

/** Columns of `n` months, all constant except those given. */
function columns(
  n: number,
  given: Partial<Record<SummaryColumn, number[]>>,
): Record<SummaryColumn, number[]> {
  const base: Record<SummaryColumn, number[]> = {
    unemploymentRate: Array(n).fill(0.05),
    inflationYoY: Array(n).fill(0.02),
    gdpReal: Array(n).fill(100),
    gdpNominal: Array(n).fill(100),
    govDebt: Array(n).fill(100),
    crisis: Array(n).fill(0),
    phase: Array(n).fill(0),
    firmDefaults: Array(n).fill(0),
    bankFailures: Array(n).fill(0),
  };
  for (const [name, values] of Object.entries(given)) {
    expect(values).toHaveLength(n);
    base[name as SummaryColumn] = values;
  }
  return base;
}

const info = { name: "test", seed: 3, burnInTicks: 2 };

describe("summarizeSeries", () => {
  it("covers only the months after the burn-in", () => {
    const s = summarizeSeries(
      columns(6, {
        unemploymentRate: [0.9, 0.9, 0.04, 0.06, 0.05, 0.05],
        inflationYoY: [1, 1, 0.01, 0.03, 0.02, 0.02],
        firmDefaults: [50, 50, 1, 0, 2, 0],
        bankFailures: [5, 0, 0, 1, 0, 0],
      }),
      info,
    );
    expect(s).toMatchObject({ name: "test", seed: 3, ticks: 6, burnInTicks: 2, monthsAnalysed: 4 });
    expect(s.unemploymentRate.mean).toBeCloseTo(0.05, 15);
    expect(s.unemploymentRate.min).toBe(0.04);
    expect(s.unemploymentRate.max).toBe(0.06);
    expect(s.inflationMean).toBeCloseTo(0.02, 15);
    expect(s.firmDefaults).toBe(3);
    expect(s.bankFailures).toBe(1);
    // No firmExits column (Lengnick, runs before stop 32): null, not 0.
    expect(s.firmExits).toBeNull();
  });

  it("sums voluntary exits after the burn-in when the run has the column", () => {
    const s = summarizeSeries({ ...columns(6, {}), firmExits: [9, 9, 1, 0, 2, 1] }, info);
    expect(s.firmExits).toBe(4);
  });

  it("counts crisis months and separate episodes, an episode running at the burn-in counting once", () => {
    const crisis = [1, 1, 1, 0, 1, 1, 0, 0, 1];
    const s = summarizeSeries(columns(9, { crisis }), info);
    expect(s.crisisMonths).toBe(4);
    expect(s.crisisEpisodes).toBe(3);
  });

  it("reports the shares of the positive and negative feedback phases", () => {
    const phase = [1, 1, 1, 1, 0, -1, -1, 0];
    const s = summarizeSeries(columns(8, { phase }), info);
    expect(s.phaseShare.positive).toBeCloseTo(2 / 6, 15);
    expect(s.phaseShare.negative).toBeCloseTo(2 / 6, 15);
  });

  it("annualises real GDP growth between the first and last quarter and counts recessions", () => {
    // Quarters after a 3-month burn-in: 100, 110, 99, 98, 121 (means of constant months).
    const quarters = [100, 110, 99, 98, 121];
    const gdpReal = [1, 1, 1, ...quarters.flatMap((q) => [q, q, q])];
    const s = summarizeSeries(columns(18, { gdpReal }), { ...info, burnInTicks: 3 });
    expect(s.gdpRealGrowthYearly).toBeCloseTo(0.21, 12); // 121/100 over four quarters = one year
    expect(s.recessions).toBe(1); // 110 → 99 → 98
  });

  it("uses the last month for debt to GDP", () => {
    const s = summarizeSeries(columns(4, { govDebt: [1, 1, 1, 120], gdpNominal: [1, 1, 1, 100] }), info);
    expect(s.govDebtToGdpFinal).toBeCloseTo(1.2, 15);
  });

  it("gives nulls, not NaN, when no month follows the burn-in", () => {
    const s = summarizeSeries(columns(5, {}), { ...info, burnInTicks: 10 });
    expect(s.monthsAnalysed).toBe(0);
    expect(s.unemploymentRate).toEqual({ mean: null, min: null, max: null });
    expect(s.inflationMean).toBeNull();
    expect(s.gdpRealGrowthYearly).toBeNull();
    expect(s.phaseShare).toEqual({ positive: null, negative: null });
    expect(s.govDebtToGdpFinal).toBeNull();
    expect([s.crisisMonths, s.crisisEpisodes, s.firmDefaults, s.recessions]).toEqual([0, 0, 0, 0]);
    expect(JSON.stringify(s)).not.toContain("NaN");
  });

  it("gives null growth with fewer than two quarters", () => {
    expect(summarizeSeries(columns(6, {}), info).gdpRealGrowthYearly).toBeNull();
  });

  it("throws for a missing column or columns of different lengths", () => {
    const missing: Partial<Record<SummaryColumn, number[]>> = columns(4, {});
    delete missing.phase;
    expect(() => summarizeSeries(missing as Record<SummaryColumn, number[]>, info)).toThrow(
      /"phase" is missing/,
    );
    const short = { ...columns(4, {}), crisis: [0, 0] };
    expect(() => summarizeSeries(short, info)).toThrow(/"crisis" has 2 values, expected 4/);
    expect(SUMMARY_COLUMNS).toContain("gdpReal");
  });
});
