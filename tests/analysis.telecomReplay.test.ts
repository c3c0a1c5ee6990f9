// The replay's measures (src/analysis/telecomReplay.ts) on a hand-built run: a chain value that doubles by
// March 2000 and falls to a quarter of its peak, capex that peaks in 2000, a spread peak in October 2002, the
// downstream carrier defaulting first in April 2001.
import { describe, expect, it } from "vitest";
import {
  medianYear,
  peakAndDrawdown,
  type ReplayRun,
  replayMeasures,
  replayTable,
  spread,
} from "../src/analysis/telecomReplay.ts";

function months(from: number, to: number): string[] {
  const out: string[] = [];
  for (let y = from; y <= to; y++)
    for (let m = 1; m <= 12; m++) out.push(`${y}-${String(m).padStart(2, "0")}`);
  return out;
}

function handBuilt(): ReplayRun {
  const dates = months(1996, 2004); // the run covers more than 1997–2003: measures read only the window
  const n = dates.length;
  const col = (f: (d: string) => number) => Float64Array.from(dates, f);
  const value = (d: string) => (d < "2000-03" ? 1 + (d >= "1997-01" ? 0.5 : 0) : d === "2000-03" ? 2 : 0.5);
  return {
    dates,
    series: {
      marketCapAiChain: col((d) => (d < "1997-01" ? 9 : value(d))), // 1996's 9 lies outside the window
      cdsIndexAiChainBp: col((d) => (d === "2002-10" ? 1_100 : 300)),
      aiCapex: col((d) => (d.startsWith("2000") ? 2 : d >= "2001-01" ? 0.9 : 1)),
      unemploymentRate: col((d) => (d === "2000-04" ? 0.039 : d.startsWith("2003") ? 0.06 : 0.04)),
      inflationYoY: col(() => 0.02),
      neoCloud_cdsBp: col((d) => (d >= "2000-06" ? 2_000 : 500)),
      chipCo_cdsBp: col(() => 100),
      chipCo_vendorLoans: col((d) => (d === "1999-06" ? 1.5 : 0.5)),
      chipCo_sharePrice: col((d) => (d === "2000-07" ? 4 : 1)),
      neoCloud_sharePrice: col((d) => (d < "2000-01" ? 1 : 0.05)),
      policyRate: col(() => 0.05 + n * 0), // a column the measures do not read
    },
    events: [
      { type: "contractSigned", date: "1998-01" },
      { type: "chainDefault", date: "2001-04", firm: "neoCloud" },
      { type: "chainDefault", date: "2002-01", firm: "legacyCloud" },
      { type: "chainDefault", date: "2004-06", firm: "chipCo" }, // after the window
    ],
  };
}

describe("replayMeasures: one replay run over 1997–2003", () => {
  const m = replayMeasures(handBuilt());

  it("the chain's value: peak ÷ January 1997, its month, and the fall from it", () => {
    expect(m.valuePeakRatio).toBeCloseTo(2 / 1.5, 12);
    expect(m.valuePeakDate).toBe("2000-03");
    expect(m.drawdown).toBeCloseTo(0.75, 12);
    expect(m.bust).toBe(true);
  });

  it("capex by calendar year, its peak year and its falls", () => {
    expect(m.capexByYear).toEqual([12, 12, 12, 24, 10.8, 10.8, 10.8].map((x) => expect.closeTo(x, 9)));
    expect(m.capexPeakYear).toBe(2000);
    expect(m.capexFall).toBeCloseTo(-0.55, 12);
    expect(m.capexFall2000to2003).toBeCloseTo(-0.55, 12);
  });

  it("the spread peak, the first default and the downstream-first test", () => {
    expect(m.cdsPeakBp).toBe(1_100);
    expect(m.cdsPeakDate).toBe("2002-10");
    expect(m.firstDefault).toEqual({ firm: "neoCloud", date: "2001-04" });
    expect(m.downstreamFirstInBustYears).toBe(true);
    expect(m.downstreamFirstAndHigher).toBe(true); // crosses 1 000 bp in 2000-06, the equipment maker never; 20×
    expect(m.chipDefaulted).toBe(false); // its default falls after 2003-12
    expect(m.longHaulFirst).toBe(false);
  });

  it("the labour market, inflation and vendor financing", () => {
    expect(m.unemploymentByYear.map((x) => Number(x.toFixed(6)))).toEqual([0.039917, 0.04, 0.04, 0.06]);
    expect(m.unemploymentApr2000).toBe(0.039);
    expect(m.unemploymentJun2003).toBe(0.06);
    expect(m.inflation2003).toBeCloseTo(0.02, 12);
    expect(m.boomInflation).toBeCloseTo(0.02, 12);
    expect(m.vendorToCapex).toBeCloseTo(1.5 / 2, 12); // peak loans ÷ 2000's capex a month (24 ÷ 12)
    expect(m.vendorPeakDate).toBe("1999-06");
  });

  it("each firm's share-price fall and peak; firms without a price column are left out", () => {
    expect(m.firms).toEqual([
      { firm: "chipCo", fall: 0.75, peakDate: "2000-07" },
      { firm: "neoCloud", fall: 0.95, peakDate: "1997-01" },
    ]);
  });

  it("a first default upstream, or outside the bust years, is not downstream-first", () => {
    const run = handBuilt();
    const moved = { ...run, events: [{ type: "chainDefault", date: "2000-05", firm: "neoCloud" }] };
    expect(replayMeasures(moved).downstreamFirstInBustYears).toBe(false);
    const upstream = { ...run, events: [{ type: "chainDefault", date: "2001-05", firm: "legacyCloud" }] };
    expect(replayMeasures(upstream).longHaulFirst).toBe(true);
  });

  it("throws, naming the month, for a run that does not cover 1997–2003", () => {
    const run = handBuilt();
    const short = { ...run, dates: run.dates.slice(0, 60) };
    expect(() => replayMeasures(short)).toThrow(/2003-12/);
  });
});

describe("the helpers", () => {
  it("peakAndDrawdown: the largest fall from the running peak, not from the overall peak", () => {
    const x = [1, 4, 2, 5, 4];
    expect(peakAndDrawdown(x, 0, 4)).toEqual({ peakAt: 3, drawdown: 0.5 });
    expect(peakAndDrawdown(x, 3, 4)).toEqual({ peakAt: 3, drawdown: expect.closeTo(0.2, 12) });
  });

  it("spread and medianYear", () => {
    expect(spread([3, 1, 2, 10])).toEqual({ mean: 4, median: 2.5, min: 1, max: 10 });
    expect(Number.isNaN(spread([]).mean)).toBe(true);
    expect(medianYear(["2000-07", "2001-01", "1999-01"])).toBeCloseTo(2000.5, 12);
  });
});

describe("replayTable", () => {
  it("puts the replay's numbers beside history's, one row a measure, and a row a firm", () => {
    const m = replayMeasures(handBuilt());
    const table = replayTable([m, m]);
    expect(table).toContain("| drawdown, peak to trough by 2003-12 | 75 % [75 %, 75 %] | Nasdaq −78 %");
    expect(table).toContain("| capex, 2000 → 2003 | −55 % [−55 %, −55 %] |");
    expect(table).toContain("| CDS peak in 2000-10 … 2002-12 | 2 of 2 |");
    expect(table).toContain("| value peak in 1999–2001 (in 2000) | 2 (2) of 2 |");
    expect(table).toMatch(/\| chipCo: equipment maker .* \| −75 % \[−75 %, −75 %\] \| 2000\.5 \|/);
    expect(table).not.toContain("hyperA");
  });
});
