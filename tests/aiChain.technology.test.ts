// Technology in capacity (aiChain.capacityTechnologyGrowthYearly; src/model/agents/aiChain/demand.ts
// advanceServicesPerGw, settlement.ts enterAndDepreciate; docs/ODD.md §7.12) in a run: off, the services
// capacity can serve are its GW and the run is that of the rule's absence; on, capacity entering service
// carries the month's technology, so the clouds' service capacity outgrows their GW and the price of AI
// services falls below the same seed's price without it (a glut of what the GW can serve).
import { describe, expect, it } from "vitest";
import { createModel, step } from "../src/model/index.ts";
import { Role } from "../src/model/state.ts";
import { chainFromStart } from "./helpers/chainStart.ts";

const SIZE = { households: 400, consumptionFirms: 12, capitalFirms: 4 };
const MONTHS = 36;

function run(growth: number) {
  const c = chainFromStart("configs/scenarios/baseline-2025.json", MONTHS, SIZE, [
    "seed=3",
    `aiChain.capacityTechnologyGrowthYearly=${growth}`,
  ]);
  const m = createModel(c);
  for (let t = 0; t < MONTHS; t++) step(m);
  return m;
}

describe("technology in capacity over a run (aiChain.capacityTechnologyGrowthYearly)", () => {
  const off = run(0);
  const on = run(1);

  it("off: every firm's service capacity is its GW, and the frontier stays at 1", () => {
    const c = off.aiChain;
    expect(c.servicesPerGw).toBe(1);
    for (let i = 0; i < c.n; i++) expect(c.serviceGw[i]).toBe(c.computeGw[i]);
  });

  it("on: the frontier doubles a year, and each cloud serves more than its GW but less than its GW at the frontier", () => {
    const c = on.aiChain;
    expect(c.servicesPerGw).toBeCloseTo(2 ** (MONTHS / 12), 9);
    let clouds = 0;
    for (let i = 0; i < c.n; i++) {
      const r = c.role[i];
      if (c.defaulted[i] === 1 || c.computeGw[i] <= 0 || r === Role.chip || r === Role.modelLab) continue;
      clouds++;
      // Older vintages keep the start's technology; the newest serve the frontier's.
      expect(c.serviceGw[i]).toBeGreaterThan(1.05 * c.computeGw[i]);
      expect(c.serviceGw[i]).toBeLessThan(c.servicesPerGw * c.computeGw[i]);
    }
    expect(clouds).toBeGreaterThan(0);
  });

  it("on: the price of AI services ends below the same seed's price with the rule off", () => {
    expect(on.aiChain.servicePrice).toBeLessThan(0.9 * off.aiChain.servicePrice);
  });
});
