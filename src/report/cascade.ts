// The cascade timeline of a run report (issue 18 item 8): the first month of
// each stage of an AI-chain bust after the chain's start — a rating
// downgrade, a failed refinancing, a default, a redemption wave at the
// non-bank fund, a layoff wave — in the order they happened, with the firms
// involved. Stages that never happen are listed as "none in this run", so a
// run written before an event type existed still gets a table. Pure:
// events.ndjson and two series columns in, plain data (or HTML) out.
//
// The stages and where they come from:
//   downgrade     `chainDowngrade` events {firm, fromRating, toRating}.
//   refinancing   `refinancingFailed` events {firm, amountUsdBn}; also a
//                 `chainDebtDefault` whose reason is "refinancingFailed"
//                 (principal no lender would roll over), so runs written
//                 before the dedicated event show their failed refinancings.
//   default       `chainDebtDefault`, `chainPaymentDefault` or `chainDefault`
//                 (src/model/events.ts): the month a chain firm is in default.
//   redemption    `fundRedemptionWave` events {redemptionsUsdBn, navUsdBn}
//                 (the non-bank fund: no chain firm is involved).
//   layoff        from the unemployment series, by the Sahm rule: the first
//                 month whose three-month mean unemployment rate is at least
//                 0.5 points above its lowest three-month mean over the
//                 previous 12 months (Sahm 2019, "Direct stimulus payments
//                 to individuals", Hamilton Project; the rule has marked
//                 every US recession since 1970 within a few months of its
//                 start). Workers displaced by automation (the
//                 displacedByAutomation column, millions a month) over the
//                 three months are shown beside it when the run has them.
// The same (month, firm) reported by two event types counts once.
import type { RunEvent } from "../io/eventsWriter.ts";
import { escapeHtml } from "./html.ts";

export type CascadeStageKey = "downgrade" | "refinancing" | "default" | "redemption" | "layoff";

/** Rise of the three-month mean unemployment rate over its 12-month low that marks a layoff wave (Sahm 2019). */
export const SAHM_THRESHOLD = 0.005;
/** Months averaged, and the look-back for the low, of the Sahm rule. */
export const SAHM_AVERAGE_MONTHS = 3;
export const SAHM_LOOKBACK_MONTHS = 12;

/** The stages in their canonical order (the order of a textbook cascade, and of ties). */
export const CASCADE_STAGES: readonly { key: CascadeStageKey; label: string; rule: string }[] = [
  {
    key: "downgrade",
    label: "First downgrade",
    rule: "a chain firm's rating is cut (chainDowngrade)",
  },
  {
    key: "refinancing",
    label: "Failed refinancing",
    rule: "maturing chain debt that no lender rolls over (refinancingFailed, or chainDebtDefault for that reason)",
  },
  {
    key: "default",
    label: "Default",
    rule: "a chain firm misses a debt or contract payment (chainDebtDefault, chainPaymentDefault, chainDefault)",
  },
  {
    key: "redemption",
    label: "Fund redemption wave",
    rule: "investors pull money out of the non-bank fund (fundRedemptionWave)",
  },
  {
    key: "layoff",
    label: "Layoff wave",
    rule: "three-month mean unemployment ≥ 0.5 points above its low of the previous 12 months (the Sahm rule)",
  },
];

export interface CascadeStage {
  key: CascadeStageKey;
  label: string;
  rule: string;
  /** The stage's first month, or null: none in this run. */
  first: {
    tick: number;
    date: string;
    /** Firms involved that month, in event order (none for the fund and the layoff wave). */
    firms: string[];
    /** What happened that month, in words. */
    detail: string;
  } | null;
  /** How often it happened over the run: events (distinct month and firm) or, for layoffs, waves. */
  count: number;
  /** Every firm involved over the run, in order of first involvement. */
  firms: string[];
}

export interface CascadeTimeline {
  /** The chain's first tick: nothing earlier counts. */
  fromTick: number;
  /** Stages that happened, in order of their first month (ties in canonical order), then those that did not. */
  stages: CascadeStage[];
}

export interface CascadeInput {
  events: readonly RunEvent[];
  /** Series, element i = tick i + 1. */
  unemploymentRate?: ArrayLike<number>;
  displacedByAutomation?: ArrayLike<number>;
  /** Dates of the series, "YYYY-MM". */
  dates: readonly string[];
  /** First tick that counts: the chain's start. */
  fromTick: number;
}

/**
 * The cascade timeline of a run.
 * @example cascadeTimeline({ events, unemploymentRate, dates, fromTick: 121 }).stages[0].label
 */
export function cascadeTimeline(input: CascadeInput): CascadeTimeline {
  // In month order (events.ndjson is; a hand-made list may not be), the same month in file order.
  const events = input.events.filter((e) => e.tick >= input.fromTick).sort((a, b) => a.tick - b.tick);
  const of = (...types: string[]) => events.filter((e) => types.includes(e.type));
  const stages: CascadeStage[] = [
    fromEvents("downgrade", of("chainDowngrade"), (e) => {
      const from = text(e.fromRating);
      const to = text(e.toRating);
      return from || to ? `${text(e.firm)} ${from || "?"} → ${to || "?"}` : text(e.firm);
    }),
    fromEvents(
      "refinancing",
      of("refinancingFailed", "chainDebtDefault").filter(
        (e) => e.type === "refinancingFailed" || e.reason === "refinancingFailed",
      ),
      (e) =>
        e.type === "refinancingFailed"
          ? `${text(e.firm)} ${usd(e.amountUsdBn)} not rolled over`
          : `${text(e.firm)} ${usd(e.shortfallUsdBn)} not rolled over (in default)`,
    ),
    fromEvents("default", of("chainDebtDefault", "chainPaymentDefault", "chainDefault"), (e) => {
      if (e.type === "chainDebtDefault") {
        const why = e.reason === "missedInterest" ? "missed interest" : "unrefinanced principal";
        return `${text(e.firm)} misses a debt payment (${why}, ${usd(e.shortfallUsdBn)})`;
      }
      if (e.type === "chainPaymentDefault")
        return `${text(e.firm)} pays ${usd(e.paidUsdBn)} of ${usd(e.owedUsdBn)} owed to chain firms`;
      return `${text(e.firm)} reorganised (debt ${usd(e.debtUsdBn)})`;
    }),
    fromEvents(
      "redemption",
      of("fundRedemptionWave"),
      (e) => {
        const nav = Number(e.navUsdBn);
        const share = nav > 0 ? ` (${((100 * Number(e.redemptionsUsdBn)) / nav).toFixed(0)} % of it)` : "";
        return `the non-bank fund: redemptions ${usd(e.redemptionsUsdBn)} of ${usd(e.navUsdBn)} net assets${share}`;
      },
      false,
    ),
    layoffStage(input),
  ];
  const rank = (key: CascadeStageKey) => CASCADE_STAGES.findIndex((s) => s.key === key);
  stages.sort((a, b) => {
    if (a.first && b.first) return a.first.tick - b.first.tick || rank(a.key) - rank(b.key);
    if (a.first || b.first) return a.first ? -1 : 1;
    return rank(a.key) - rank(b.key);
  });
  return { fromTick: input.fromTick, stages };
}

function definition(key: CascadeStageKey) {
  return CASCADE_STAGES.find((s) => s.key === key)!;
}

/** A stage from its events: the first month's firms and details; each (month, firm) once. */
function fromEvents(
  key: CascadeStageKey,
  events: readonly RunEvent[],
  describe: (e: RunEvent) => string,
  involvesFirms = true,
): CascadeStage {
  const seen = new Set<string>();
  const unique = events.filter((e) => {
    const id = `${e.tick}|${involvesFirms ? text(e.firm) : e.type}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  const { label, rule } = definition(key);
  const firms = involvesFirms ? [...new Set(unique.map((e) => text(e.firm)).filter((f) => f !== ""))] : [];
  if (unique.length === 0) return { key, label, rule, first: null, count: 0, firms };
  const tick = Math.min(...unique.map((e) => e.tick));
  const that = events.filter((e) => e.tick === tick);
  const firstUnique = unique.filter((e) => e.tick === tick);
  return {
    key,
    label,
    rule,
    first: {
      tick,
      date: that[0].date,
      firms: involvesFirms ? [...new Set(firstUnique.map((e) => text(e.firm)).filter((f) => f !== ""))] : [],
      detail: [...new Set(that.map(describe))].join("; "),
    },
    count: unique.length,
    firms,
  };
}

/** The layoff wave by the Sahm rule, from the chain's start on; its count is the number of waves (the rule switching on). */
function layoffStage(input: CascadeInput): CascadeStage {
  const { label, rule } = definition("layoff");
  const u = input.unemploymentRate;
  const none: CascadeStage = { key: "layoff", label, rule, first: null, count: 0, firms: [] };
  if (u === undefined) return none;
  const k = SAHM_AVERAGE_MONTHS;
  const mean3 = (t: number) => {
    let s = 0;
    for (let i = t - k + 1; i <= t; i++) s += u[i];
    return s / k;
  };
  const indicator = (t: number) => {
    let low = Number.POSITIVE_INFINITY;
    for (let j = Math.max(k - 1, t - SAHM_LOOKBACK_MONTHS); j < t; j++) low = Math.min(low, mean3(j));
    return { now: mean3(t), low, on: Number.isFinite(low) && mean3(t) - low >= SAHM_THRESHOLD - 1e-12 };
  };
  let first: CascadeStage["first"] = null;
  let waves = 0;
  const from = Math.max(input.fromTick - 1, k);
  // A wave under way before the chain's start is not part of the cascade: it counts only once it ends and a new one begins.
  let on = from - 1 >= k && indicator(from - 1).on;
  for (let t = from; t < u.length; t++) {
    const { now, low, on: triggered } = indicator(t);
    if (triggered && !on) {
      waves++;
      if (first === null) {
        let displaced = 0;
        const d = input.displacedByAutomation;
        if (d !== undefined) for (let i = t - k + 1; i <= t; i++) displaced += d[i];
        const automation =
          displaced > 0 ? `; ${displaced.toFixed(2)} m workers laid off by automation in the 3 months` : "";
        first = {
          tick: t + 1,
          date: input.dates[t] ?? "",
          firms: [],
          detail: `unemployment, 3-month mean ${pct(now)}, ${((now - low) * 100).toFixed(1)} points above its 12-month low of ${pct(low)}${automation}`,
        };
      }
    }
    on = triggered;
  }
  return { ...none, first, count: waves };
}

function text(x: unknown): string {
  return typeof x === "string" ? x : x === undefined || x === null ? "" : String(x);
}

function usd(x: unknown): string {
  const v = Number(x);
  if (!Number.isFinite(v)) return "$? bn";
  return `$${v >= 100 ? v.toFixed(0) : v.toFixed(1)} bn`;
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)} %`;
}

/** The timeline as the report's section: a table of the stages in order, "none in this run" for those that did not happen. */
export function cascadeSectionHtml(t: CascadeTimeline): string {
  let order = 0;
  const rows = t.stages.map((s) => {
    if (s.first === null) {
      return `<tr class="none"><td class="num"></td><td>${escapeHtml(s.label)}</td><td colspan="4">none in this run</td></tr>`;
    }
    order++;
    const later =
      s.key === "layoff"
        ? `${s.count} wave${s.count === 1 ? "" : "s"}`
        : `${s.count} event${s.count === 1 ? "" : "s"}${s.firms.length > 0 ? `: ${s.firms.join(", ")}` : ""}`;
    return `<tr><td class="num">${order}</td><td>${escapeHtml(s.label)}</td><td>${escapeHtml(s.first.date)}</td><td>${escapeHtml(s.first.firms.join(", ") || "–")}</td><td>${escapeHtml(s.first.detail)}</td><td>${escapeHtml(later)}</td></tr>`;
  });
  const rules = CASCADE_STAGES.map(
    (s) => `<li><b>${escapeHtml(s.label)}</b>: ${escapeHtml(s.rule)}</li>`,
  ).join("");
  return `<section id="cascade">
<h2>Cascade timeline</h2>
<p class="note">The first month of each stage of a bust after the chain's start, in the order they happened, with the firms involved that month.</p>
<table class="data"><thead><tr><th>#</th><th>stage</th><th>first month</th><th>firms involved</th><th>what happened that month</th><th>over the run</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table>
<ul class="note">${rules}</ul>
</section>`;
}
