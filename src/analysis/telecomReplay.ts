// The telecom-1997 replay beside history (issue 18 item 7): what one run of
// configs/scenarios/telecom-1997.json shows over 1997–2003 — the chain's
// equity boom and drawdown, capex, the spread peak, the first default, the
// labour market, vendor financing and each firm's fall — and the same
// numbers summarised over seeds next to history's (docs/calibration.md §11).
// tests/scenarios.telecom.test.ts asserts its claims on these measures;
// `npm run bench:telecom` prints the table (docs/scenarios.md "Replaying
// 1997–2003").

import { type Spread, spread } from "./spread.ts";

export { type Spread, spread };

/** One run as runInMemory returns it: series by column, their dates (YYYY-MM), its events. */
export interface ReplayRun {
  series: Readonly<Record<string, ArrayLike<number>>>;
  dates: readonly string[];
  events: readonly { type: string; date: string; firm?: unknown }[];
}

/** The chain firms of the replay and the firms or indices they stand for (docs/calibration.md §11.9). */
export const REPLAY_FIRMS: readonly { firm: string; analogue: string; history: string }[] = [
  {
    firm: "chipCo",
    analogue: "equipment maker (Lucent/Nortel/Cisco)",
    history: "−99 / −99 / −90 %, peak 1999–2000",
  },
  { firm: "hyperA", analogue: "incumbent carrier (AT&T-like)", history: "≈ −80 %, peak c. 2000" },
  { firm: "hyperB", analogue: "incumbent carrier (regional Bell)", history: "Verizon −56 %, peak Oct 1999" },
  {
    firm: "neoCloud",
    analogue: "downstream carrier (Winstar-like CLEC)",
    history: "CLECs −95.6 %, Winstar −99.9 %, peak 2000",
  },
  {
    firm: "legacyCloud",
    analogue: "long-haul carrier (Global Crossing/WorldCom)",
    history: "−99.2 / −99.9 %, peak Feb 2000 / Jun 1999",
  },
  { firm: "labA", analogue: "dot-com customer", history: "Internet index ≤ −59 % by end-2000" },
  { firm: "labB", analogue: "dot-com customer", history: "Internet index ≤ −59 % by end-2000" },
  {
    firm: "aiComplexRest",
    analogue: "rest of the complex (Nasdaq-like)",
    history: "Nasdaq −78 %, S&P IT −82 %, peak Mar 2000",
  },
];

/** What one replay run shows over 1997-01 … 2003-12. Dates are YYYY-MM; shares are fractions (0.45 = 45 %). */
export interface ReplayMeasures {
  /** Largest fall of the chain's market value from its running peak. */
  drawdown: number;
  /** The chain's peak market value over its January 1997 value. */
  valuePeakRatio: number;
  valuePeakDate: string;
  /** Yearly sums of the chain's capex (annual rates), 1997 … 2003. */
  capexByYear: number[];
  /** The capex peak's year among 1997–2001. */
  capexPeakYear: number;
  /** Lowest yearly capex from the peak year through 2003 over the peak year's, − 1. */
  capexFall: number;
  /** 2003's capex over 2000's, − 1. */
  capexFall2000to2003: number;
  cdsPeakBp: number;
  cdsPeakDate: string;
  /** The first chain default by 2003-12 (firm and month), or null. */
  firstDefault: { firm: string; date: string } | null;
  /** Whether the first default is the downstream carrier's or lab B's, in October 2000 – December 2002. */
  downstreamFirstInBustYears: boolean;
  /** Drawdown ≥ 40 %. */
  bust: boolean;
  /** In a bust: the carrier's CDS crosses 1 000 bp before the equipment maker's (if ever) and peaks at ≥ 10 times it. */
  downstreamFirstAndHigher: boolean;
  /** Yearly mean unemployment, 2000 … 2003. */
  unemploymentByYear: number[];
  unemploymentApr2000: number;
  unemploymentJun2003: number;
  inflation2003: number;
  /** Means over 1997-01 … 2000-12. */
  boomUnemployment: number;
  boomInflation: number;
  /** The equipment maker's vendor loans at their peak over its peak-year capex per month (0 if it never lends). */
  vendorToCapex: number;
  /** Month of that peak, or null if it never lends. */
  vendorPeakDate: string | null;
  chipDefaulted: boolean;
  /** Whether the long-haul carrier was the first to default. */
  longHaulFirst: boolean;
  /** Per firm of REPLAY_FIRMS present in the run: its share price's largest fall from its running peak, and the peak's month. */
  firms: { firm: string; fall: number; peakDate: string }[];
}

/** Index of `month` in `dates`; throws if the run does not cover it. */
function at(dates: readonly string[], month: string): number {
  const i = dates.indexOf(month);
  if (i < 0) throw new RangeError(`the run has no month ${month} (it must cover 1997-01 … 2003-12)`);
  return i;
}

/** Largest fall from the running peak over [from, to], and the month index of the overall peak. */
export function peakAndDrawdown(
  x: ArrayLike<number>,
  from: number,
  to: number,
): { peakAt: number; drawdown: number } {
  let peak = Number.NEGATIVE_INFINITY;
  let peakAt = from;
  let worst = 0;
  for (let i = from; i <= to; i++) {
    if (x[i] > peak) {
      peak = x[i];
      peakAt = i;
    }
    if (peak > 0) worst = Math.max(worst, 1 - x[i] / peak);
  }
  return { peakAt, drawdown: worst };
}

/**
 * The measures of one replay run (ReplayMeasures). Pure.
 *
 * @example replayMeasures(runInMemory(loadConfig("configs/scenarios/telecom-1997.json"))).drawdown // ≈ 0.4–0.5
 */
export function replayMeasures(run: ReplayRun): ReplayMeasures {
  const { series: s, dates, events } = run;
  const start = at(dates, "1997-01");
  const end = at(dates, "2003-12");
  const value = peakAndDrawdown(s.marketCapAiChain, start, end);
  const cds = peakAndDrawdown(s.cdsIndexAiChainBp, start, end);
  const yearMean = (x: ArrayLike<number>, y: number) => {
    let sum = 0;
    for (let i = at(dates, `${y}-01`); i <= at(dates, `${y}-12`); i++) sum += x[i];
    return sum / 12;
  };
  const capexByYear = [1997, 1998, 1999, 2000, 2001, 2002, 2003].map((y) => 12 * yearMean(s.aiCapex, y));
  let peakYear = 0;
  for (let k = 1; k < 5; k++) if (capexByYear[k] > capexByYear[peakYear]) peakYear = k;
  const crossing = (x: ArrayLike<number>) => {
    for (let i = start; i <= end; i++) if (x[i] >= 1_000) return i;
    return Number.POSITIVE_INFINITY;
  };
  const peakOf = (x: ArrayLike<number>) => {
    let p = 0;
    for (let i = start; i <= end; i++) p = Math.max(p, x[i]);
    return p;
  };
  const bust = value.drawdown >= 0.4;
  const carrier = s.neoCloud_cdsBp;
  const equipment = s.chipCo_cdsBp;
  const downstreamFirstAndHigher =
    bust && crossing(carrier) < crossing(equipment) && peakOf(carrier) >= 10 * peakOf(equipment);
  const boomEnd = at(dates, "2000-12");
  let u = 0;
  let pi = 0;
  for (let i = start; i <= boomEnd; i++) {
    u += s.unemploymentRate[i];
    pi += s.inflationYoY[i];
  }
  const vendor = s.chipCo_vendorLoans;
  let vendorPeak = 0;
  let vendorPeakAt = -1;
  for (let i = start; i <= end; i++) {
    if (vendor[i] > vendorPeak) {
      vendorPeak = vendor[i];
      vendorPeakAt = i;
    }
  }
  const defaults = events.filter((e) => e.type === "chainDefault" && e.date <= "2003-12");
  const first = defaults[0];
  const firstDefault = first === undefined ? null : { firm: String(first.firm), date: first.date };
  const firms: ReplayMeasures["firms"] = [];
  for (const f of REPLAY_FIRMS) {
    const price = s[`${f.firm}_sharePrice`];
    if (price === undefined) continue;
    const p = peakAndDrawdown(price, start, end);
    firms.push({ firm: f.firm, fall: p.drawdown, peakDate: dates[p.peakAt] });
  }
  return {
    drawdown: value.drawdown,
    valuePeakRatio: s.marketCapAiChain[value.peakAt] / s.marketCapAiChain[start],
    valuePeakDate: dates[value.peakAt],
    capexByYear,
    capexPeakYear: 1997 + peakYear,
    capexFall: Math.min(...capexByYear.slice(peakYear)) / capexByYear[peakYear] - 1,
    capexFall2000to2003: capexByYear[6] / capexByYear[3] - 1,
    cdsPeakBp: s.cdsIndexAiChainBp[cds.peakAt],
    cdsPeakDate: dates[cds.peakAt],
    firstDefault,
    downstreamFirstInBustYears:
      firstDefault !== null &&
      (firstDefault.firm === "neoCloud" || firstDefault.firm === "labB") &&
      firstDefault.date >= "2000-10" &&
      firstDefault.date <= "2002-12",
    bust,
    downstreamFirstAndHigher,
    unemploymentByYear: [2000, 2001, 2002, 2003].map((y) => yearMean(s.unemploymentRate, y)),
    unemploymentApr2000: s.unemploymentRate[at(dates, "2000-04")],
    unemploymentJun2003: s.unemploymentRate[at(dates, "2003-06")],
    inflation2003: yearMean(s.inflationYoY, 2003),
    boomUnemployment: u / (boomEnd - start + 1),
    boomInflation: pi / (boomEnd - start + 1),
    vendorToCapex: vendorPeakAt < 0 ? 0 : vendorPeak / (capexByYear[peakYear] / 12),
    vendorPeakDate: vendorPeakAt < 0 ? null : dates[vendorPeakAt],
    chipDefaulted: defaults.some((e) => e.firm === "chipCo"),
    longHaulFirst: firstDefault?.firm === "legacyCloud",
    firms,
  };
}

/** Median of a list of YYYY-MM months, as a fractional year (2000-07 → 2000.5). */
export function medianYear(months: readonly string[]): number {
  return spread(months.map((d) => Number(d.slice(0, 4)) + (Number(d.slice(5, 7)) - 1) / 12)).median;
}

/** A share as a percentage, with a typographic minus sign (−55 %). */
const pct = (x: number) => `${(100 * x).toFixed(0).replace("-", "−")} %`;
const pct1 = (x: number) => `${(100 * x).toFixed(1).replace("-", "−")} %`;
const range = (s: Spread, f: (x: number) => string) => `${f(s.mean)} [${f(s.min)}, ${f(s.max)}]`;
const count = (ms: readonly ReplayMeasures[], p: (m: ReplayMeasures) => boolean) =>
  `${ms.filter(p).length} of ${ms.length}`;
const bp = (x: number) => `${Math.round(x).toLocaleString("en-US").replace(/,/g, " ")} bp`;

/**
 * The replay beside history, as Markdown: one row per measure (the replay's
 * mean [smallest, largest] over the runs, or a count of runs; history's
 * value and its docs/calibration.md row), then each firm's fall (median
 * [smallest, largest]) and the median month of its peak beside its analogue's.
 */
export function replayTable(ms: readonly ReplayMeasures[]): string {
  const n = ms.length;
  const f = (get: (m: ReplayMeasures) => number) => spread(ms.map(get));
  const u = [0, 1, 2, 3].map((k) => f((m) => m.unemploymentByYear[k]).mean);
  const rows: [string, string, string, string][] = [
    [
      "chain value, peak ÷ January 1997",
      range(
        f((m) => m.valuePeakRatio),
        (x) => `×${x.toFixed(2)}`,
      ),
      "Nasdaq ×3.9 (10 Mar 2000)",
      "§11.3",
    ],
    [
      "value peak in 1999–2001 (in 2000)",
      `${ms.filter((m) => m.valuePeakDate >= "1999-01" && m.valuePeakDate <= "2001-12").length} (${ms.filter((m) => m.valuePeakDate.startsWith("2000")).length}) of ${n}`,
      "March 2000",
      "§11.3",
    ],
    [
      "drawdown, peak to trough by 2003-12",
      range(
        f((m) => m.drawdown),
        pct,
      ),
      "Nasdaq −78 %, S&P 500 telecom −74 %",
      "§11.3, §11.9",
    ],
    ["busts (drawdown ≥ 40 %)", count(ms, (m) => m.bust), "—", "—"],
    ["capex peak in 2000", count(ms, (m) => m.capexPeakYear === 2000), "2000", "§11.1"],
    [
      "capex, peak year to trough",
      range(
        f((m) => m.capexFall),
        pct,
      ),
      "≈ −55 % (2000 → 2003)",
      "§11.1",
    ],
    [
      "capex, 2000 → 2003",
      range(
        f((m) => m.capexFall2000to2003),
        pct,
      ),
      "≈ −48 to −55 %",
      "§11.1",
    ],
    [
      "CDS index peak, median [range]",
      `${bp(f((m) => m.cdsPeakBp).median)} [${bp(f((m) => m.cdsPeakBp).min)}, ${bp(f((m) => m.cdsPeakBp).max)}]`,
      "high-yield record ≈ 1 100 bp",
      "§11.2",
    ],
    [
      "CDS peak in 2000-10 … 2002-12",
      count(ms, (m) => m.cdsPeakDate >= "2000-10" && m.cdsPeakDate <= "2002-12"),
      "October 2002",
      "§11.2",
    ],
    [
      "first default downstream, in 2000-10 … 2002-12",
      count(ms, (m) => m.downstreamFirstInBustYears),
      "Winstar, April 2001",
      "§11.2",
    ],
    [
      "downstream spreads first and higher, of busts",
      `${ms.filter((m) => m.downstreamFirstAndHigher).length} of ${ms.filter((m) => m.bust).length}`,
      "CLECs first (2000–01), equipment makers later",
      "§11.2",
    ],
    ["unemployment 2000 / 2001 / 2002 / 2003", u.map(pct1).join(" / "), "4.0 / 4.7 / 5.8 / 6.0 %", "§11.3"],
    ["unemployment, April 2000, median", pct1(f((m) => m.unemploymentApr2000).median), "3.9 %", "§11.3"],
    [
      "unemployment, June 2003, median",
      pct1(f((m) => m.unemploymentJun2003).median),
      "6.4 % (first reported; the peak)",
      "§11.3",
    ],
    [
      "unemployment / inflation, mean 1997–2000",
      `${pct1(f((m) => m.boomUnemployment).mean)} / ${pct1(f((m) => m.boomInflation).mean)}`,
      "4.4 / 2.4 %",
      "§11.3",
    ],
    [
      "inflation 2003",
      range(
        f((m) => m.inflation2003),
        pct1,
      ),
      "2.3 %",
      "§11.3",
    ],
    [
      "vendor loans at peak ÷ peak-year capex a month",
      range(
        f((m) => m.vendorToCapex),
        (x) => x.toFixed(2),
      ),
      "≈ 0.10 (Lucent, Cisco, 2000)",
      "§11.1",
    ],
  ];
  const lines = [
    `| measure (${n} seeds) | replay: mean [min, max] or seeds | history | docs/calibration.md |`,
    "| --- | --- | --- | --- |",
    ...rows.map((r) => `| ${r.join(" | ")} |`),
    "",
    "| firm (analogue) | share price's fall, median [min, max] | peak, median | history |",
    "| --- | --- | --- | --- |",
  ];
  for (const firm of REPLAY_FIRMS) {
    const rowsOf = ms.map((m) => m.firms.find((x) => x.firm === firm.firm)).filter((x) => x !== undefined);
    if (rowsOf.length === 0) continue;
    const s = spread(rowsOf.map((x) => x.fall));
    const year = medianYear(rowsOf.map((x) => x.peakDate));
    lines.push(
      `| ${firm.firm}: ${firm.analogue} | −${pct(s.median)} [−${pct(s.min)}, −${pct(s.max)}] | ${year.toFixed(1)} | ${firm.history} |`,
    );
  }
  return `${lines.join("\n")}\n`;
}
