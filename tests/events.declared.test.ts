// Every event real runs write is declared in src/model/events.ts (and so
// documented in docs/outputs.md), with exactly its declared fields in the
// declared order and of the declared JSON types; and events.ndjson carries
// no rounding noise (before the NEGLIGIBLE_CONTRACT_USD floor, a lab in
// default signed and cancelled a contract of ≈ 5e-13 USD bn every quarter:
// 20 such lines in baseline-2025, seed 1, at 2000 households).
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/index.ts";
import { runInMemory } from "../src/engine/index.ts";
import type { RunEvent } from "../src/io/eventsWriter.ts";
import { NEGLIGIBLE_CONTRACT_USD } from "../src/model/agents/aiChain/plans.ts";
import { EVENT_TYPES, eventType } from "../src/model/events.ts";

/** A few real runs that between them write most kinds of event. */
const RUNS: [string, string[]][] = [
  ["configs/scenarios/baseline-2025.json", ["seed=1"]],
  // Seed 5 for a vendor loan decided by rule (vendorFinancing): of seeds 1–12 only seed 5 writes one since stop
  // 42 (the wider market's premia, aiChain.valuation.marketLossPremiumSensitivity), and only seed 12 since stop 41
  // (the stories re-rated by end users' spending); seeds 3, 7 and 12 did from stop 30, seed 2 before.
  ["configs/scenarios/baseline-2025.json", ["seed=5"]],
  ["configs/scenarios/circular-unwind.json", ["seed=1"]],
  // A vendor loan written down (vendorLoanWrittenDown): since the deal rule tops customers' cash up to two months
  // of orders (aiChain.circular.coverMonths, issue 16 item 3) rather than six, vendor loans are smaller and a
  // borrower defaulting on one is rarer — none in seeds 1–6 of baseline-2025, murphy, fed-cut and fed-hold-high;
  // circular-unwind's seed 2 wrote one until the fund's single-name limit (aiChain.finance.fundSingleNameShare,
  // branch bust6); then its seeds 1–7 wrote none and seeds 8–10 did (and fed-cut's seed 5); with capacity orders
  // that follow funding conditions (aiChain.orders, branch spill6) its seed 4 wrote one; since part of the chain's
  // debt floats (aiChain.finance.floatingShare, branch bust8) seed 3 writes one (and fed-cut's seed 1; none in
  // seeds 1–10 of baseline-2025 or murphy). With the re-estimated core (issue 17, cycle8 pass) seed 4 of 1–6
  // writes one again; with the fiscal rule's error correction and the fiscal9 re-estimate, seeds 2 and 6 of 1–10
  // (not seed 4). With the labs' equity window (aiChain.finance.labEquityWindowElasticity 1, branch bust10),
  // seeds 5–8 of 1–10 (not seed 2). With the Taylor rule on the quarter's mean unemployment
  // (centralBank.unemploymentAveragingMonths 3, branch taylor13), only seed 9 of 1–12. With the chain's start priced
  // at the rate before its first month and the non-AI sector on the chain's long rate (branch rate14) and
  // baseline-2025's households' neutral rate 0.57 %, seeds 5, 7, 10 and 11 of 1–12 (and murphy's seed 2).
  // With firm distress before exit (exit17 pass), only seed 11 of 1–12 (and no run of murphy, fed-cut,
  // fed-hold-high or baseline-2025 seeds 1–12). With the lagged monetary transmission (mp18 pass) seeds 2, 3
  // and 9 of 1–12 (not 11). With baseline-2025's twenty-year warm-up (warm29 pass), seeds 3, 5 and 11 of 1–12.
  // With the stop 29 re-estimate of the core in configs/baseline.json (adopt30 pass), only seed 4 of 1–12; with
  // the wage curve's slack limit on (firms.wagePhillipsSlackLimitYearly 0.01, stop 30) seeds 2 and 5 of 1–12; with
  // rationed demand spilling over and baseline-2025's re-fitted neutral rates (spill31 pass) seeds 4 and 5; with the
  // stop 31 re-estimate of the core (400 consumption firms) seeds 3 and 9; with the stop 33 re-estimate (the core
  // at 40 000 households, baseline-2025's neutral rate 0.65 %) seeds 6 and 8 (not 3, kept for what else it writes).
  ["configs/scenarios/circular-unwind.json", ["seed=3"]],
  ["configs/scenarios/circular-unwind.json", ["seed=6"]],
  // A vendor loan written down (vendorLoanWrittenDown): with the chain's first price step from the indexed price
  // level (stop 40) seeds 2, 10 and 11 of circular-unwind's 1–12 wrote one, and murphy's seed 7; with the chain's
  // value ramped in over the warm-up (aiChain.warmUpValueRampMonths, stop 40) circular-unwind's seed 7 and
  // baseline-2025's seed 11 of 1–12, no fed-cut or murphy run; with the stories re-rated by end users' spending
  // (stop 41) circular-unwind's seeds 5 and 11 of 1–12, no baseline-2025, fed-cut or murphy run; with stop 42's
  // market-wide premia only circular-unwind's seed 18 of 1–30 (none of seeds 1–12 of murphy, fed-cut,
  // fed-hold-high, grid-constrained, fiscal-absorb or baseline-2025, nor 13–30 of fed-cut or baseline-2025).
  ["configs/scenarios/circular-unwind.json", ["seed=18"]],
  ["configs/scenarios/fed-hold-high.json", ["seed=3"]],
  // A crisis that starts and ends (issue 18's demand and valuation rules moved the others' crises away).
  ["configs/scenarios/fed-hold-high.json", ["seed=1"]],
  // Every risk at once: labs short of cash cancelling compute contracts; with the circular deal rule
  // (issue 18 item 3) keeping customers funded, the runs above have no core crisis; murphy's seed 1 has one.
  ["configs/scenarios/murphy.json", ["seed=1"]],
  // A payment default in the clearing (chainPaymentDefault): vendor loans, secured lending and the deal
  // rule keep customers liquid, so it needs every risk at once — murphy's seed 2 (since the late-2025 start
  // of issue 16's third pass; before, only murphy seed 1 with the deal rule off wrote one). With the estimated
  // business cycle (issue 17, cycle8 pass, and floating chain debt) seeds 3, 5, 9 and 10 of 1–12 do; with the
  // fiscal rule's error correction and the fiscal9 re-estimate, seeds 5, 6 and 12 (not seed 3); with the
  // default10 pass (capital buyers' switching probability, fresh-start successors, re-estimated) seeds 2, 10
  // and 12 of 1–12 (not seed 5); with the labs' equity window as well (bust10 and default10 merged), seeds 3, 6,
  // 8, 10, 11 and 12 of 1–12 (not seed 2); with the quarterly Taylor gap (taylor13) seeds 1, 3, 4, 6, 10 and 12.
  // With firm distress before exit (firms.riskPremiumAtOrigination, firms.distress.*, exit17 pass) seeds 5, 6,
  // 10, 11 and 12 of 1–12 (not seed 3); with the lagged monetary transmission (mp18 pass) seeds 4, 6, 9, 10
  // and 12 (not seed 5). With baseline-2025's twenty-year warm-up (warm29 pass) none of seeds 1–12 do (nor
  // fed-cut, fed-hold-high or circular-unwind seeds 1–10); murphy's seeds 13, 26 and 28 of 1–30 do. With the
  // stop 29 re-estimate of the core in configs/baseline.json (adopt30 pass), murphy's seeds 12, 17, 21 and 30 of
  // 1–30 (not 13).
  ["configs/scenarios/murphy.json", ["seed=12"]],
  // The one run of 60 (five scenarios, seeds 1–12) with a chain payment default since stop 37's imports paid abroad.
  ["configs/scenarios/murphy.json", ["seed=6"]],
  // The rate path rule: a step in 2026-08 (tick 274 after the twenty-two-year warm-up) and an override inside the run.
  [
    "configs/scenarios/fed-hold-high.json",
    ["centralBank.rule=path", 'centralBank.path=[{"from": "2026-08", "rateYearly": 0.03}]', "ticks=280"],
  ],
];

function events(): RunEvent[] {
  const all: RunEvent[] = [];
  for (const [file, sets] of RUNS) {
    all.push(...runInMemory(loadConfig(file, { sets: ["households.count=2000", ...sets] })).events);
  }
  return all;
}

describe("the events real runs write", () => {
  const written = events();

  it("are all declared, with exactly the declared fields in order and of the declared types", () => {
    for (const event of written) {
      const declared = eventType(event.type);
      expect(declared, `undeclared event type ${event.type}`).toBeDefined();
      const keys = Object.keys(event);
      expect(keys, event.type).toEqual([
        "tick",
        "date",
        "type",
        ...(declared?.fields.map((f) => f.name) ?? []),
      ]);
      for (const field of declared?.fields ?? []) {
        const value = event[field.name];
        if (field.type === "string") expect(typeof value, `${event.type}.${field.name}`).toBe("string");
        else expect(Number.isFinite(value), `${event.type}.${field.name}`).toBe(true);
        if (field.type === "int") expect(Number.isInteger(value), `${event.type}.${field.name}`).toBe(true);
      }
    }
  });

  it("cover most declared types (the check above is not vacuous)", () => {
    const seen = new Set(written.map((e) => e.type));
    for (const type of [
      "firmDefault",
      // Voluntary exit (firms.exit, on in configs/baseline.json since stop 32).
      "firmExit",
      "crisisStart",
      "crisisEnd",
      "policyOverrideStart",
      "policyOverrideEnd",
      "policyRateStep",
      "contractSigned",
      "contractCancelled",
      "equityRoundShort",
      "capexCut",
      "chainDebtDefault",
      "chainPaymentDefault",
      "chainDefault",
      // Credit that can run (issue 18); chainLiquidation is checked on a hand-set state (tests/aiChain.credit.test.ts).
      "chainDowngrade",
      "refinancingFailed",
      "fundRedemptionWave",
      // Circular financing by decision (issue 18 item 3).
      "vendorFinancing",
      "equityForCompute",
      "backstopWritten",
      "guaranteeCalled",
      "vendorLoanWrittenDown",
    ]) {
      expect(seen, type).toContain(type);
    }
    // shortCovering (issue 18 item 6) is declared but not required here: forced covering needs a rally in the
    // short book's targets, which these runs need not have (none in baseline-2025 or murphy, seeds 1–5).
    expect(EVENT_TYPES.length).toBe(25);
  });

  it("carry no contract of rounding-residue size", () => {
    const tiny = written.filter(
      (e) =>
        (e.type === "contractSigned" && (e.totalUsdBn as number) * 1e9 < NEGLIGIBLE_CONTRACT_USD) ||
        (e.type === "contractCancelled" && (e.remainingUsdBn as number) * 1e9 < NEGLIGIBLE_CONTRACT_USD),
    );
    expect(tiny).toEqual([]);
    // Real contracts are billions.
    const signed = written.filter((e) => e.type === "contractSigned").map((e) => e.totalUsdBn as number);
    expect(Math.min(...signed)).toBeGreaterThan(1e-3);
  });
});
