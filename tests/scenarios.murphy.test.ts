// The compound-risk scenario (issue 4 item 7): `murphy` — a fragile circular
// loop, a binding grid, fast automation, rates held high and no fiscal
// absorption — against `baseline-2025`, over twenty seeds paired by seed, with
// margins larger than the seed noise.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/index.ts";
import { runInMemory } from "../src/engine/index.ts";

// 20 seeds (10 before issue 16 item 3): with the late-2025 start the crisis-month gap is 3.6 ± 2.0 months
// over seeds 1–10, 4.8 ± 1.4 over seeds 1–20 (2 000 households); ten seeds no longer separate it from noise.
// With the circular deal rule (issue 18 item 3) it is 2.6 ± 1.9 (4.3 ± 1.4 with the rule off).
const SEEDS = 20;
const START = 120; // series index of the chain's first month (after the ten-year burn-in)

function run(scenario: string, seed: number, sets: string[] = []) {
  return runInMemory(
    loadConfig(`configs/scenarios/${scenario}.json`, {
      sets: [
        "households.count=2000",
        "firms.consumption.count=40",
        "firms.capital.count=8",
        `seed=${seed}`,
        ...sets,
      ],
    }),
  );
}

function meanAndSe(a: number[]): { mean: number; se: number } {
  const m = a.reduce((x, y) => x + y, 0) / a.length;
  const v = a.reduce((x, y) => x + (y - m) ** 2, 0) / (a.length - 1);
  return { mean: m, se: Math.sqrt(v / a.length) };
}

describe("murphy: every risk at once", () => {
  /** Per seed, murphy's crisis months and peak unemployment less baseline-2025's. */
  function gaps(sets: string[] = []): { crisis: number[]; peak: number[] } {
    const crisis: number[] = [];
    const peak: number[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const m = run("murphy", seed, sets).series;
      const b = run("baseline-2025", seed, sets).series;
      const months = (s: Record<string, Float64Array>) => s.crisis.slice(START).reduce((x, y) => x + y, 0);
      crisis.push(months(m) - months(b));
      peak.push(Math.max(...m.unemploymentRate.slice(START)) - Math.max(...b.unemploymentRate.slice(START)));
    }
    return { crisis, peak };
  }

  it("has a higher unemployment peak than baseline-2025, and more crisis months (20 seeds)", () => {
    const g = gaps();
    const peak = meanAndSe(g.peak);
    expect(peak.mean).toBeGreaterThan(3 * peak.se);
    // With circular deals by decision (aiChain.circular, issue 18 item 3) the chip maker and the
    // hyperscalers step in with vendor loans and equity when murphy's private credit retreats, and the
    // crisis-month gap narrows: 2.6 ± 1.9 months over seeds 1–20 (4.3 ± 1.4 with the rule off, below);
    // still more crisis months on average, no longer separated from the seed noise at 20 seeds.
    expect(meanAndSe(g.crisis).mean).toBeGreaterThan(0);
  }, 120_000);

  it("with the configured 2025 deals only (no deal rule): more crisis months than baseline-2025 beyond the noise", () => {
    const g = gaps(["aiChain.circular.decide=false"]);
    const crisis = meanAndSe(g.crisis);
    expect(crisis.mean).toBeGreaterThan(2 * crisis.se);
    expect(crisis.mean).toBeGreaterThan(3); // months over the decade
  }, 120_000);
});
