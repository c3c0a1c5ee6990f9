import { describe, expect, it } from "vitest";
import type { RunSummary } from "../src/engine/summary.ts";
import type { RunEvent } from "../src/io/eventsWriter.ts";
import { SERIES_COLUMNS } from "../src/model/metrics.ts";
import { cascadeSectionHtml, cascadeTimeline } from "../src/report/cascade.ts";
import type { RunFolder } from "../src/report/runFolder.ts";
import { buildRunReport } from "../src/report/runReport.ts";

/** Dates of ticks 1…n from 2015-11, as baseline-2025's (tick 121 = 2025-11). */
function dates(n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const m = 2015 * 12 + 10 + i;
    return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
  });
}
const DATES = dates(240);
const event = (tick: number, type: string, fields: Record<string, unknown>): RunEvent => ({
  tick,
  date: DATES[tick - 1],
  type,
  ...fields,
});

/** Unemployment flat at 4.4 % to tick 149, then up 0.2 points a month: the Sahm rule fires at tick 153. */
function risingUnemployment(): Float64Array {
  return Float64Array.from({ length: 240 }, (_, i) => (i < 149 ? 0.044 : 0.044 + 0.002 * (i - 148)));
}

/** A cascade with every stage, the new event types included, out of order in the list. */
const EVENTS: RunEvent[] = [
  event(100, "chainDowngrade", { firm: "early", fromRating: "A", toRating: "BBB" }), // before the chain: ignored
  event(140, "chainPaymentDefault", { firm: "modelLab", owedUsdBn: 10, paidUsdBn: 6 }),
  event(137, "fundRedemptionWave", { redemptionsUsdBn: 50, navUsdBn: 400 }),
  event(134, "refinancingFailed", { firm: "neocloud", amountUsdBn: 12.5 }),
  event(134, "chainDebtDefault", {
    firm: "neocloud",
    reason: "refinancingFailed",
    shortfallUsdBn: 12.5,
    pdYearly: 0.3,
  }),
  event(134, "chainDefault", {
    firm: "neocloud",
    debtUsdBn: 40,
    bankLossUsdBn: 5,
    fundLossUsdBn: 3,
    contractsRejectedUsdBn: 1,
  }),
  event(130, "chainDowngrade", { firm: "neocloud", fromRating: "BBB", toRating: "BB" }),
  event(130, "chainDowngrade", { firm: "legacyCloud", fromRating: "A", toRating: "BBB" }),
  event(150, "chainDowngrade", { firm: "neocloud", fromRating: "BB", toRating: "CCC" }),
];

describe("cascadeTimeline", () => {
  it("orders the stages by their first month, with the firms involved that month", () => {
    const t = cascadeTimeline({
      events: EVENTS,
      unemploymentRate: risingUnemployment(),
      dates: DATES,
      fromTick: 121,
    });
    expect(t.stages.map((s) => [s.key, s.first?.tick])).toEqual([
      ["downgrade", 130],
      ["refinancing", 134],
      ["default", 134], // same month as the failed refinancing: canonical order
      ["redemption", 137],
      ["layoff", 153],
    ]);
    const [downgrade, refinancing, defaulted, redemption, layoff] = t.stages;
    expect(downgrade.first).toMatchObject({
      date: "2026-08",
      firms: ["neocloud", "legacyCloud"],
      detail: "neocloud BBB → BB; legacyCloud A → BBB",
    });
    expect(downgrade.count).toBe(3); // the one before the chain's start is left out
    expect(downgrade.firms).toEqual(["neocloud", "legacyCloud"]);
    // refinancingFailed and the chainDebtDefault it caused: one failed refinancing.
    expect(refinancing).toMatchObject({ count: 1, firms: ["neocloud"] });
    expect(refinancing.first?.detail).toContain("neocloud $12.5 bn not rolled over");
    // Three default events of neocloud in 2026-12 and modelLab's in 2027-06: two defaults.
    expect(defaulted).toMatchObject({ count: 2, firms: ["neocloud", "modelLab"] });
    expect(defaulted.first?.firms).toEqual(["neocloud"]);
    expect(defaulted.first?.detail).toContain("neocloud reorganised (debt $40.0 bn)");
    expect(redemption.first).toMatchObject({ firms: [], date: "2027-03" });
    expect(redemption.first?.detail).toContain("redemptions $50.0 bn of $400 bn net assets (13 % of it)");
    expect(layoff.first?.date).toBe(DATES[152]);
    expect(layoff.first?.detail).toMatch(/3-month mean 5\.0 %, 0\.6 points above its 12-month low of 4\.4 %/);
    expect(layoff.count).toBe(1);
  });

  it("says none for stages a run has no events for, and finds failed refinancing in older runs' default events", () => {
    const old = EVENTS.filter(
      (e) => !["chainDowngrade", "refinancingFailed", "fundRedemptionWave"].includes(e.type),
    );
    const flat = new Float64Array(240).fill(0.044);
    const t = cascadeTimeline({ events: old, unemploymentRate: flat, dates: DATES, fromTick: 121 });
    expect(t.stages.map((s) => [s.key, s.first?.tick ?? null])).toEqual([
      ["refinancing", 134],
      ["default", 134],
      ["downgrade", null],
      ["redemption", null],
      ["layoff", null],
    ]);
    expect(t.stages[0].first?.detail).toContain("(in default)");
    const html = cascadeSectionHtml(t);
    expect(html.match(/none in this run/g)).toHaveLength(3);
    // Numbered in order of happening; the absent ones last, unnumbered.
    expect(html.indexOf("Failed refinancing")).toBeLessThan(html.indexOf("First downgrade</td><td colspan"));
    expect(html).toContain('<td class="num">2</td><td>Default</td>');
  });

  it("counts a layoff wave under way before the chain's start only when a new one begins", () => {
    // Unemployment jumps at tick 115, before the chain (tick 121), then stays; a second rise from tick 200.
    const u = Float64Array.from({ length: 240 }, (_, i) => (i < 114 ? 0.04 : i < 199 ? 0.05 : 0.06));
    const t = cascadeTimeline({ events: [], unemploymentRate: u, dates: DATES, fromTick: 121 });
    const layoff = t.stages.find((s) => s.key === "layoff")!;
    // The first jump's wave is on at the chain's start (not counted); it ends a year later; the second fires
    // when the 3-month mean has risen ≥ 0.5 points: 2 of 3 months at 6 % (mean 5.67 %), tick 201.
    expect(layoff.first?.tick).toBe(201);
    expect(layoff.count).toBe(1);
  });

  it("adds the automation layoffs of the wave's three months when the run has them", () => {
    const displaced = new Float64Array(240).fill(0.1);
    const t = cascadeTimeline({
      events: [],
      unemploymentRate: risingUnemployment(),
      displacedByAutomation: displaced,
      dates: DATES,
      fromTick: 121,
    });
    expect(t.stages[0].first?.detail).toContain("0.30 m workers laid off by automation in the 3 months");
  });

  it("escapes firm names in the HTML", () => {
    const t = cascadeTimeline({
      events: [event(130, "chainDowngrade", { firm: "<b>x</b>", fromRating: "A", toRating: "B" })],
      dates: DATES,
      fromTick: 121,
    });
    const html = cascadeSectionHtml(t);
    expect(html).toContain("&lt;b&gt;x&lt;/b&gt;");
    expect(html).not.toContain("<b>x</b>");
  });
});

describe("run report", () => {
  /** A run folder in memory: 240 months, unemployment rising as above, the chain from tick 121 (or none). */
  function run(chain: boolean): RunFolder {
    const series: Record<string, Float64Array> = {};
    for (const c of SERIES_COLUMNS) if (c.type !== "string") series[c.name] = new Float64Array(240).fill(1);
    series.tick = Float64Array.from({ length: 240 }, (_, i) => i + 1);
    series.phase = new Float64Array(240);
    series.crisis = new Float64Array(240);
    series.unemploymentRate = risingUnemployment();
    series.marketCapAiChain = Float64Array.from({ length: 240 }, (_, i) => (chain && i >= 120 ? 1000 : 0));
    return {
      dir: "/nowhere/run",
      columns: SERIES_COLUMNS.map((c) => c.name),
      series,
      dates: DATES,
      manifest: null,
      summary: chain
        ? ({
            ticks: 240,
            burnInTicks: 120,
            monthsAnalysed: 0,
            bust: { chainStartTick: 121 },
          } as unknown as RunSummary)
        : null,
      events: chain ? EVENTS : [],
      network: null,
    };
  }

  it("shows the cascade timeline of a chain run, self-contained, and none for a run without the chain", () => {
    const { html } = buildRunReport(run(true));
    expect(html).toContain('<section id="cascade">');
    expect(html).toContain('<a href="#cascade">');
    expect(html).toContain("neocloud BBB → BB; legacyCloud A → BBB");
    expect(html.indexOf('id="cascade"')).toBeLessThan(html.indexOf('id="crises"'));
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=["']?(https?:)?\/\//i);
    const without = buildRunReport(run(false)).html;
    expect(without).not.toContain('id="cascade"');
  });
});
