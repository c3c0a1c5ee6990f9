// Bust measures of one run (src/engine/bust.ts) on hand-built series whose
// answers are worked out by hand.
import { describe, expect, it } from "vitest";
import { BUST_COLUMNS, bustMeasures, maxDrawdown, outputLoss } from "../src/engine/bust.ts";

/** Columns of `ticks` months, zeros unless given. */
function columns(ticks: number, given: Record<string, number[]>): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  for (const name of BUST_COLUMNS) out[name] = new Float64Array(ticks).fill(name === "gdpReal" ? 100 : 0);
  for (const [name, values] of Object.entries(given)) out[name] = Float64Array.from(values);
  return out;
}

const firms = [
  { name: "chipCo", role: "chip" },
  { name: "neoCloud", role: "neocloud" },
  { name: "labA", role: "modelLab" },
  { name: "labB", role: "modelLab" },
];

describe("bustMeasures", () => {
  it("reads default by role, the first default and default months from the chain's start only", () => {
    // 8 months, chain starts at tick 3 (index 2). neoCloud defaults at tick 2 (before: ignored) and tick 6; labB at tick 8.
    const c = columns(8, {
      chainDefaults: [0, 1, 0, 0, 0, 1, 0, 1],
      chipCo_defaulted: [0, 0, 0, 0, 0, 0, 0, 0],
      neoCloud_defaulted: [0, 1, 0, 0, 0, 1, 0, 0],
      labA_defaulted: [0, 0, 0, 0, 0, 0, 0, 0],
      labB_defaulted: [0, 0, 0, 0, 0, 0, 0, 1],
    });
    const b = bustMeasures(c, { chainStartTick: 3, firms, startDate: "2025-09" });
    expect(b.defaultByRole).toEqual({
      neocloud: 1,
      legacyCloud: null,
      hyperscaler: null,
      chip: 0,
      modelLab: 1,
    });
    expect(b.anyChainDefault).toBe(1);
    expect(b.chainDefaultMonths).toBe(2);
    expect(b.monthsToFirstDefault).toBe(4); // tick 6 is the chain's 4th month (ticks 3, 4, 5, 6)
    expect(b.monthsAfterStart).toBe(6);
    expect(b.atChainStart.date).toBe("2025-11");
  });

  it("measures the valuation drawdown from the running peak, not from the start", () => {
    const c = columns(6, { marketCapAiChain: [0, 10, 20, 10, 30, 12] });
    // From tick 2: peaks 10, 20 (fall to 10 = −50 %), 30 (fall to 12 = −60 %).
    expect(bustMeasures(c, { chainStartTick: 2, firms: [] }).valuationDrawdown).toBeCloseTo(0.6, 12);
    expect(maxDrawdown([1, 2, 1, 3, 1.5], 0, 5)).toBe(0.5);
    expect(maxDrawdown([0, 0], 0, 2)).toBeNull();
  });

  it("counts months of negative feedback with unemployment ≥ 1 point above its chain-start level", () => {
    const c = columns(6, {
      unemploymentRate: [0.05, 0.04, 0.05, 0.06, 0.049, 0.07],
      phase: [-1, -1, -1, -1, -1, 0],
    });
    // Start at tick 2 (u = 0.04): ticks 3 (0.05) and 4 (0.06) qualify; tick 5 is 0.009 above; tick 6 is not phase −1.
    const b = bustMeasures(c, { chainStartTick: 2, firms: [] });
    expect(b.negativeFeedbackJobsMonths).toBe(2);
    expect(b.peakUnemployment).toBe(0.07);
  });

  it("gives output loss 0 on the trend and the summed monthly gaps / 12 below it", () => {
    // GDP grows 1 % a month for 30 months, then stays 10 % below that trend for 6 months, then returns to it.
    const g: number[] = [];
    for (let i = 0; i < 40; i++) g.push(100 * 1.01 ** i * (i >= 30 && i < 36 ? 0.9 : 1));
    expect(outputLoss(g, 30)).toBeCloseTo((6 * 0.1) / 12, 10);
    const above = g.map((_, i) => 100 * 1.01 ** i * (i >= 30 ? 1.05 : 1));
    expect(outputLoss(above, 30)).toBeCloseTo(0, 12);
    expect(outputLoss(g, 20)).toBeNull(); // fewer than 24 months before the start
  });

  it("reports the economy in the chain's first month and says which columns are missing", () => {
    const c = columns(3, { policyRate: [0.04, 0.045, 0.045], marketCapTotal: [1, 2, 3] });
    const b = bustMeasures(c, { chainStartTick: 2, firms: [] });
    expect(b.atChainStart.policyRate).toBe(0.045);
    expect(b.atChainStart.equityMarketCapUsdBn).toBe(2);
    const { phase: _, ...missing } = c;
    expect(() => bustMeasures(missing, { chainStartTick: 2, firms: [] })).toThrow(/"phase" is missing/);
    expect(() => bustMeasures(c, { chainStartTick: 2, firms })).toThrow(/"chipCo_defaulted" is missing/);
  });
});
