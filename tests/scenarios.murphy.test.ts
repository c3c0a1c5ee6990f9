// The compound-risk scenario (issue 4 item 7): `murphy` — a fragile circular
// loop, a binding grid, fast automation, rates held high and no fiscal
// absorption — against `baseline-2025`, over forty seeds paired by seed (twenty until stop 36), with
// margins larger than the seed noise.
import { describe, expect, it } from "vitest";
import { chainStartTick } from "../src/config/calendar.ts";
import { loadConfig } from "../src/config/index.ts";
import { runInMemory } from "../src/engine/index.ts";

// 20 seeds (10 before issue 16 item 3): with the late-2025 start the crisis-month gap is 3.6 ± 2.0 months
// over seeds 1–10, 4.8 ± 1.4 over seeds 1–20 (2 000 households); ten seeds no longer separate it from noise.
// With the circular deal rule (issue 18 item 3) and issue 18's credit rules: 9.4 ± 1.3 (7.8 ± 1.3 with
// aiChain.circular.decide off). Before the credit rules the deal rule narrowed it (2.6 ± 1.9 against 4.3 ± 1.4).
// 40 since stop 36: on the core with the slower monetary transmission (households.rateGapImmediateShare 0.204) the
// unemployment peak's gap is smaller, +0.65 ± 0.30 points over seeds 1–20 (t 2.2) and +0.74 ± 0.21 over 1–40.
const SEEDS = 40;
// Series index of the chain's first month, 2025-11 (tick 265, after the twenty-two-year burn-in).
const START = chainStartTick(loadConfig("configs/scenarios/baseline-2025.json")) - 1;

// At the default size (10 000 households, 400 + 80 firms) since stop 32: with voluntary exit on (firms.exit) the
// 2 000-household shortcut with 40 consumption firms, where one closure lays off 2.5 % of the workforce, made the
// unemployment peaks noise — peak gap +0.85 ± 0.59 points there, +2.07 ± 0.30 at the default size (seeds 1–20;
// drawdown gap +0.226 ± 0.027 and +0.207 ± 0.027).
function run(scenario: string, seed: number) {
  return runInMemory(loadConfig(`configs/scenarios/${scenario}.json`, { sets: [`seed=${seed}`] }));
}

function meanAndSe(a: number[]): { mean: number; se: number } {
  const m = a.reduce((x, y) => x + y, 0) / a.length;
  const v = a.reduce((x, y) => x + (y - m) ** 2, 0) / (a.length - 1);
  return { mean: m, se: Math.sqrt(v / a.length) };
}

describe("murphy: every risk at once", () => {
  it("has a deeper chain drawdown and a higher unemployment peak than baseline-2025 (40 seeds)", () => {
    const drawdownGap: number[] = [];
    const peakGap: number[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const m = run("murphy", seed).series;
      const b = run("baseline-2025", seed).series;
      const drawdown = (s: Record<string, Float64Array>) => {
        let peak = 0;
        let worst = 0;
        for (const v of s.marketCapAiChain.slice(START)) {
          peak = Math.max(peak, v);
          worst = Math.max(worst, 1 - v / peak);
        }
        return worst;
      };
      drawdownGap.push(drawdown(m) - drawdown(b));
      peakGap.push(
        Math.max(...m.unemploymentRate.slice(START)) - Math.max(...b.unemploymentRate.slice(START)),
      );
    }
    // Issue 18 (demand that responds, valuation by discounted cash flows): the crisis-month gap is no longer
    // asserted. It was 4.8 ± 1.4 months; it is now 1.8 ± 0.7 (2 000 households; 2.0 ± 1.0 at 10 000),
    // because baseline-2025's chain now busts on its own (a ≥ 40 % drawdown in 11 of these 20 seeds).
    // Murphy's chain falls further: drawdown +0.22 ± 0.03 (measured, paired; a bust in all 20 seeds); on the stop 36
    // core +0.135 ± 0.018 over seeds 1–40, and the unemployment peak +0.74 ± 0.21 points (+2.07 ± 0.30 before: a
    // rate held at 4.5 % for three years weighs less on spending when households answer 0.204 of the real-rate gap at
    // once and the rest through its 36-month average).
    const drawdown = meanAndSe(drawdownGap);
    expect(drawdown.mean).toBeGreaterThan(3 * drawdown.se);
    expect(drawdown.mean).toBeGreaterThan(0.08);
    const peak = meanAndSe(peakGap);
    expect(peak.mean).toBeGreaterThan(3 * peak.se);
    expect(peak.mean).toBeGreaterThan(0.005);
  }, 300_000);
});
