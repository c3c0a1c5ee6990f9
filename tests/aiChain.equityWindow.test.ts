// The equity window (issue 18; aiChain.finance.labEquityWindowElasticity,
// src/model/agents/aiChain/finance.ts equityWindowShare): what investors put
// into a lab's equity round follows the market's appetite — the AI chain's
// market value over its running peak, to a sourced elasticity — so a falling
// market shrinks rounds while the lab's burn goes on.
import { describe, expect, it } from "vitest";
import type { SpiralConfig } from "../src/config/index.ts";
import { defaultConfig } from "../src/config/index.ts";
import { runInMemory } from "../src/engine/index.ts";
import { equityWindowShare } from "../src/model/agents/aiChain/finance.ts";
import { chainFromStart } from "./helpers/chainStart.ts";

describe("equityWindowShare", () => {
  it("is (value ÷ running peak)^elasticity: half the peak halves a round at elasticity 1, quarters it at 2", () => {
    expect(equityWindowShare(50, 100, 1)).toBeCloseTo(0.5, 12);
    expect(equityWindowShare(50, 100, 2)).toBeCloseTo(0.25, 12);
    // History's window: venture investment −79 % (Q2 2000 → Q4 2002) as the Nasdaq fell 78 % from its peak
    // (docs/calibration.md §11.7): at elasticity 1 a 78 % fall leaves 22 % of the rounds.
    expect(equityWindowShare(22, 100, 1)).toBeCloseTo(0.22, 12);
  });

  it("is open (1) at or above the peak, and falls as the market falls", () => {
    expect(equityWindowShare(100, 100, 1)).toBe(1);
    expect(equityWindowShare(130, 100, 3)).toBe(1);
    let last = 1;
    for (const v of [95, 80, 60, 40, 20, 5]) {
      const s = equityWindowShare(v, 100, 1.5);
      expect(s).toBeLessThan(last);
      last = s;
    }
    expect(equityWindowShare(0, 100, 1)).toBe(0);
  });

  it("elasticity 0 switches the window off exactly; a peak not yet set or a value not finite leaves it open", () => {
    for (const v of [0, 10, 50, 100, 200]) expect(equityWindowShare(v, 100, 0)).toBe(1);
    expect(equityWindowShare(50, 0, 1)).toBe(1);
    expect(equityWindowShare(Number.NaN, 100, 1)).toBe(1);
    expect(equityWindowShare(50, Number.NaN, 1)).toBe(1);
  });

  it("is off in the schema's defaults (rounds that ignore the market, byte-identical to the rule before it)", () => {
    expect(defaultConfig().aiChain.finance.labEquityWindowElasticity).toBe(0);
  });
});

describe("the equity window in a run", () => {
  const SMALL = { households: 2000, consumptionFirms: 40, capitalFirms: 8 };
  const run = (elasticity: number) =>
    runInMemory(
      chainFromStart("configs/scenarios/baseline-2025.json", 60, SMALL, [], (c: SpiralConfig) => {
        c.seed = 2;
        c.aiChain.finance.labEquityWindowElasticity = elasticity;
      }),
    );

  it("a closed window means smaller rounds: the labs issue fewer new shares and more rounds fall short", () => {
    const off = run(0);
    const on = run(4);
    // Shares outstanding = market value ÷ share price; a round issues new ones at market price.
    const issued = (s: Record<string, ArrayLike<number>>, lab: string) => {
      const shares = (t: number) => s[`${lab}_marketCap`][t] / s[`${lab}_sharePrice`][t];
      return shares(59) / shares(0) - 1;
    };
    const short = (r: typeof off) => r.events.filter((e) => e.type === "equityRoundShort").length;
    // The chain's value stays below its running peak for part of the run, so the window is partly shut.
    let belowPeak = 0;
    let peak = 0;
    for (const v of Array.from(on.series.marketCapAiChain)) {
      peak = Math.max(peak * 0.995, v);
      if (v < 0.95 * peak) belowPeak++;
    }
    expect(belowPeak).toBeGreaterThan(0);
    expect(issued(on.series, "labA") + issued(on.series, "labB")).toBeLessThan(
      issued(off.series, "labA") + issued(off.series, "labB"),
    );
    expect(short(on)).toBeGreaterThan(short(off));
  });
});
