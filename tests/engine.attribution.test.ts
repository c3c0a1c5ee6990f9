import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { newcombePairedInterval } from "../src/analysis/newcombePairedInterval.ts";
import { loadConfig, type SpiralConfig } from "../src/config/index.ts";
import {
  type ArmDefinition,
  ATTRIBUTION_BASE,
  armKey,
  attributionJson,
  attributionMarkdown,
  attributionTable,
  DECIDED_DEALS_OFF,
  distinctArms,
  MECHANISMS,
  type MechanismDefinition,
} from "../src/engine/attribution.ts";
import type { RunSummary } from "../src/engine/summary.ts";

/** A summary with only what the attribution reads: the bust measures. */
function summary(drawdown: number, peakCdsBp: number, peakUnemployment: number): RunSummary {
  // A chain default in every run with a drawdown of 0.45 or more (the on arm's busts and seeds 1–3 off).
  const anyChainDefault = drawdown >= 0.45 ? 1 : 0;
  return {
    bust: { valuationDrawdown: drawdown, peakCdsBp, peakUnemployment, anyChainDefault },
  } as unknown as RunSummary;
}

const OFF: ArmDefinition = { name: "off arm", sets: [] };
const ON: ArmDefinition = { name: "on arm", sets: ["government.fiscalAbsorption.chainCapexShare=0.2"] };
const MECH: MechanismDefinition = { key: "m", label: "A mechanism", on: ON, off: OFF, meaning: "on vs off" };
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

/**
 * 20 paired seeds: a bust (drawdown ≥ 0.4) in both arms on seeds 1–2, off
 * only on 3, on only on 4–10, neither on 11–20; peak CDS on = off + 100 ± 10
 * (alternating); peak unemployment equal in both arms.
 */
function pairedRuns(): Map<string, (RunSummary | undefined)[]> {
  const off = SEEDS.map((s) => summary(s <= 3 ? 0.5 : 0.2, 900 + 7 * s, 0.05 + s / 1000));
  const on = SEEDS.map((s) =>
    summary(
      s <= 2 || (s >= 4 && s <= 10) ? 0.45 : 0.39,
      1000 + 7 * s + (s % 2 === 0 ? 10 : -10),
      0.05 + s / 1000,
    ),
  );
  return new Map([
    [armKey(OFF), off],
    [armKey(ON), on],
  ]);
}

describe("attributionTable", () => {
  it("pairs the arms seed by seed: Newcombe and McNemar for the bust probability, paired t for the peaks", () => {
    const runs = pairedRuns();
    const t = attributionTable([MECH], (arm) => runs.get(armKey(arm))!, { seeds: SEEDS });
    expect(t.rows).toHaveLength(1);
    const [bust, cds, u] = t.rows[0].measures;
    expect(t.rows[0].measures.map((m) => m.key)).toEqual([
      "bust",
      "peakCdsBp",
      "peakUnemployment",
      "anyChainDefault",
      "valuationDrawdown",
    ]);
    // Defaults: seeds 1–3 off (0.5), seeds 1–2 and 4–10 on (0.45): 3/20 → 9/20. Drawdown: mean on − off.
    const [, , , def, dd] = t.rows[0].measures;
    expect(def.arms.map((a) => a.count)).toEqual([3, 9]);
    expect(def.differences[0].estimate).toBeCloseTo(0.3, 10);
    const ddOff = (3 * 0.5 + 17 * 0.2) / 20;
    const ddOn = (9 * 0.45 + 11 * 0.39) / 20;
    expect(dd.differences[0].estimate).toBeCloseTo(ddOn - ddOff, 10);
    // Arms are [off, on]: 3 of 20 busts off, 9 of 20 on.
    expect(bust.arms[0]).toMatchObject({ n: 20, count: 3, estimate: 0.15 });
    expect(bust.arms[1]).toMatchObject({ n: 20, count: 9, estimate: 0.45 });
    const d = bust.differences[0];
    expect(d.table).toEqual({ a: 2, b: 1, c: 7, d: 10 });
    expect(d.estimate).toBeCloseTo(0.3, 12);
    // Exact McNemar: 2 · P(X ≤ 1), X ~ Bin(8, ½) = 2 · 9 / 256.
    expect(d.pValue).toBeCloseTo(18 / 256, 12);
    const ci = newcombePairedInterval({ a: 2, b: 1, c: 7, d: 10 });
    expect(d.lower).toBeCloseTo(ci.lower, 12);
    expect(d.upper).toBeCloseTo(ci.upper, 12);
    expect(d.lower).toBeGreaterThan(0);
    // CDS: differences 100 ± 10, sd 10·√(20/19); half-width t(0.975; 19) · sd / √20 = 2.093024 · 10 / √19.
    const c = cds.differences[0];
    expect(c.estimate).toBeCloseTo(100, 9);
    expect(c.upper - c.estimate).toBeCloseTo((2.093024 * 10) / Math.sqrt(19), 4);
    // Unemployment: identical in both arms, a zero-width interval at 0.
    expect(u.differences[0]).toMatchObject({ n: 20, estimate: 0, lower: 0, upper: 0 });
    expect(t.rows[0].values.bust.on.filter((x) => x === 1)).toHaveLength(9);
    expect(t.warnings).toEqual([]);
  });

  it("uses the bust threshold it is given", () => {
    const runs = pairedRuns();
    const t = attributionTable([MECH], (arm) => runs.get(armKey(arm))!, { seeds: SEEDS, bustThreshold: 0.3 });
    // At 30 % every "on" run busts (drawdowns 0.39 and 0.45); off still 3.
    expect(t.rows[0].measures[0].arms.map((a) => a.count)).toEqual([3, 20]);
    expect(t.bustThreshold).toBe(0.3);
  });

  it("leaves out the pairs of a failed run and says so; flags a saturated bust and few seeds", () => {
    const runs = pairedRuns();
    runs.get(armKey(ON))![4] = undefined;
    const t = attributionTable([MECH], (arm) => runs.get(armKey(arm))!, { seeds: SEEDS });
    expect(t.rows[0].on.completed).toBe(19);
    expect(t.rows[0].measures[1].differences[0].n).toBe(19);
    expect(t.rows[0].values.peakCdsBp.on[4]).toBeNull();
    expect(t.warnings.join("\n")).toMatch(/failed runs \(of 20 per arm\): on arm 1/);

    const always = SEEDS.slice(0, 4).map(() => summary(0.9, 1, 0.05));
    const s = attributionTable([MECH], () => always, { seeds: SEEDS.slice(0, 4) });
    expect(s.warnings.join("\n")).toMatch(/bust in ≥ 95 % of the seeds of both arms.*A mechanism/);
    expect(s.warnings.join("\n")).toMatch(/4 seeds \(fewer than 10\)/);
  });

  it("rejects an arm whose runs do not match the seeds", () => {
    expect(() => attributionTable([MECH], () => [summary(0, 0, 0)], { seeds: SEEDS })).toThrow(
      /arm "off arm" has 1 runs for 20 seeds/,
    );
  });

  it("writes Markdown with off → on, the difference and its interval, and JSON without NaN", () => {
    const runs = pairedRuns();
    const pending = { ...MECH, pending: "part of it has no switch yet" };
    const t = attributionTable([pending], (arm) => runs.get(armKey(arm))!, {
      seeds: SEEDS,
      setup: { households: 10000 },
    });
    const md = attributionMarkdown(t);
    const row = md.split("\n").find((l) => l.startsWith("| A mechanism †"))!;
    expect(row).toContain("15 % (3/20) → 45 % (9/20)");
    expect(row).toMatch(/\+30 pp \[\+\d+, \+\d+\] \| 0\.070 \|/);
    expect(row).toMatch(/\+100 bp \[\+95, \+105\]/);
    expect(md).toContain("† A mechanism: part of it has no switch yet.");
    expect(md).toContain("on arm: `government.fiscalAbsorption.chainCapexShare=0.2`");
    expect(md).toContain("Seeds 1…20; households 10000.");
    // A one-seed table has NaN bounds: JSON null, not invalid JSON.
    const one = attributionTable([MECH], (arm) => [runs.get(armKey(arm))![0]], { seeds: [1] });
    const parsed = JSON.parse(attributionJson(one));
    expect(parsed.rows[0].measures[1].differences[0].lower).toBeNull();
    expect(parsed.rows[0].off.name).toBe("off arm");
  });
});

describe("MECHANISMS", () => {
  it("covers the six mechanisms of issue 18, and arms with equal overrides are one set of runs", () => {
    const keys = MECHANISMS.map((m) => m.key);
    for (const k of [
      "circularDeals",
      "vendorBackstops",
      "fiscalAbsorption",
      "rateHoldVsRule",
      "gridBinding",
      "automation",
      "equityWindow",
    ])
      expect(keys).toContain(k);
    const arms = distinctArms(MECHANISMS);
    expect(new Set(arms.map(armKey)).size).toBe(arms.length);
    // baseline-2025 is one arm, shared by every row but hold-vs-cut: 9 rows, 9 arms of runs.
    const withBaseline = MECHANISMS.filter((m) => armKey(m.on) === "[]" || armKey(m.off) === "[]");
    expect(withBaseline.map((m) => m.key)).toEqual(keys.filter((k) => k !== "rateHoldVsCut"));
    expect(arms).toHaveLength(MECHANISMS.length);
    expect(arms.length).toBeLessThan(2 * MECHANISMS.length);
    expect(MECHANISMS.every((m) => armKey(m.on) !== armKey(m.off))).toBe(true);
  });

  it("switches through overrides the config schema accepts", () => {
    for (const arm of distinctArms(MECHANISMS)) {
      expect(() => loadConfig(ATTRIBUTION_BASE, { sets: [...arm.sets] }), arm.name).not.toThrow();
    }
  });

  it("repeats the values of the scenario files it names", () => {
    const strip = (c: SpiralConfig) => ({ ...c, name: "", description: "" });
    const same = (scenario: string, sets: readonly string[]) =>
      expect(strip(loadConfig(ATTRIBUTION_BASE, { sets: [...sets] })), scenario).toEqual(
        strip(loadConfig(`configs/scenarios/${scenario}.json`)),
      );
    const byKey = (key: string) => MECHANISMS.find((m) => m.key === key)!;
    same("fed-hold-high", byKey("rateHoldVsRule").on.sets);
    same("fed-cut", byKey("rateCutVsRule").on.sets);
    same("fiscal-absorb", byKey("fiscalAbsorption").on.sets);
    same("grid-constrained", byKey("gridBinding").on.sets);
    // no-circularity = both deal rows off (the configured stakes, the decided deals, the configured backstop).
    same("no-circularity", [...byKey("circularDeals").off.sets, ...byKey("vendorBackstops").off.sets]);
  });

  it("marks the circular-deals row while decided deals have no switch", () => {
    const row = MECHANISMS.find((m) => m.key === "circularDeals")!;
    if (DECIDED_DEALS_OFF === null) expect(row.pending).toMatch(/no switch yet/);
    else expect(row.off.sets).toContain(DECIDED_DEALS_OFF);
  });

  it("is shown in docs/scenarios.md: the 20- and 40-seed tables with a row for every mechanism, and the overrides table", () => {
    // Issue 18 item 8 ("the scenarios doc shows it"); the tables went missing once in a re-measurement (stop 32).
    const doc = readFileSync("docs/scenarios.md", "utf8").split("\n");
    for (const header of [
      /^\| mechanism \(on − off, 20 paired seeds\)/,
      /^\| mechanism \(on − off, 40 paired seeds\)/,
      /^\| mechanism +\| on \(overrides/,
    ]) {
      const start = doc.findIndex((l) => header.test(l));
      expect(start, header.source).toBeGreaterThan(-1);
      const rows = doc
        .slice(start + 2)
        .filter((_, i, a) => a.slice(0, i + 1).every((l) => l.startsWith("|")));
      expect(
        rows.map((r) => r.split("|")[1].trim()),
        header.source,
      ).toEqual(MECHANISMS.map((m) => m.label));
    }
  });
});
