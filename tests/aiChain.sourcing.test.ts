// Which clouds a lab's new compute contract goes to (issue 18 item 3; src/model/agents/aiChain/plans.ts
// contractSellerWeights; schema aiChain.expectations.contractSourcing; docs/ODD.md §7.13). The pure rule on a
// hand-built chain of columns, then planChain on the three-firm chain with a second cloud added.
import { describe, expect, it } from "vitest";
import type { SpiralConfig } from "../src/config/index.ts";
import { revenuePerGwMonthly } from "../src/model/agents/aiChain/demand.ts";
import { contractSellerWeights, planChain } from "../src/model/agents/aiChain/plans.ts";
import { createModel, type ModelState } from "../src/model/index.ts";
import { chainPowerOutlook } from "../src/model/markets/power.ts";
import { Role } from "../src/model/state.ts";
import { threeChainFirms } from "./helpers/chainStart.ts";

const BUILD = 2;

/** chip maker, three clouds (hyperscaler 3 GW, neocloud 1 GW, legacy cloud 2 GW of service capacity), a lab. */
function columns() {
  const n = 5;
  return {
    n,
    role: new Uint8Array([Role.chip, Role.hyperscaler, Role.neocloud, Role.legacyCloud, Role.modelLab]),
    defaulted: new Uint8Array(n),
    pdYearly: new Float64Array([0.01, 0.01, 0.05, 0.02, 0.1]),
    serviceGw: new Float64Array([9, 3, 1, 2, 9]), // the chip maker's and the lab's are never counted
    pipelineGw: new Float64Array(n * BUILD),
    servicesPerGw: 1,
    contractSeller: new Int32Array([1, 3]),
    contractMonthsLeft: new Int32Array([10, 10]),
    contractMonthly: new Float64Array([6, 1]), // backlog per GW: hyperscaler 20, neocloud 0, legacy cloud 5
  };
}

function params(sourcing: "leastBacklog" | "byCapacity", maxPd = 1) {
  return {
    buildMonths: BUILD,
    expectations: { contractSourcing: sourcing, sellerMaxDefaultProbability: maxPd },
  } as unknown as Parameters<typeof contractSellerWeights>[1];
}

describe("contractSellerWeights: which clouds a new contract goes to", () => {
  it("leastBacklog: all of it to the cloud with the least backlog per unit of capacity", () => {
    const w = new Float64Array(5);
    expect(contractSellerWeights(columns(), params("leastBacklog"), w)).toBe(1);
    expect([...w]).toEqual([0, 0, 1, 0, 0]);
  });

  it("byCapacity: split between the clouds in proportion to their capacity, chips and labs left out", () => {
    const w = new Float64Array(5);
    expect(contractSellerWeights(columns(), params("byCapacity"), w)).toBe(3);
    expect(w[0]).toBe(0);
    expect(w[4]).toBe(0);
    expect(w[1]).toBeCloseTo(3 / 6, 12);
    expect(w[2]).toBeCloseTo(1 / 6, 12);
    expect(w[3]).toBeCloseTo(2 / 6, 12);
  });

  it("counts the pipeline at today's technology beside the capacity in service", () => {
    const c = columns();
    c.servicesPerGw = 2;
    c.pipelineGw[2 * BUILD] = 0.5; // the neocloud's order entering with twice the start's technology: +1
    c.pipelineGw[2 * BUILD + 1] = 0.5; // and another: +1
    const w = new Float64Array(5);
    contractSellerWeights(c, params("byCapacity"), w);
    expect(w[2]).toBeCloseTo(3 / 8, 12);
    expect(w[1]).toBeCloseTo(3 / 8, 12);
  });

  it("leaves out clouds in default and those above the PD limit, under either rule", () => {
    const c = columns();
    c.defaulted[1] = 1;
    const w = new Float64Array(5);
    expect(contractSellerWeights(c, params("byCapacity", 0.04), w)).toBe(1);
    expect([...w]).toEqual([0, 0, 0, 1, 0]); // the neocloud (PD 5 %) is refused, the hyperscaler is in default
    expect(contractSellerWeights(c, params("leastBacklog", 0.04), w)).toBe(1);
    expect([...w]).toEqual([0, 0, 0, 1, 0]);
  });

  it("returns 0 and all-zero weights when no cloud is acceptable", () => {
    const w = new Float64Array(5).fill(7);
    expect(contractSellerWeights(columns(), params("byCapacity", 0.001), w)).toBe(0);
    expect([...w]).toEqual([0, 0, 0, 0, 0]);
    expect(contractSellerWeights(columns(), params("leastBacklog", 0.001), w)).toBe(0);
  });
});

// --- planChain: chipCo (0), neoCloud (1), labA (2) from tests/helpers/chainStart.ts, plus hyperscaler A (3). ---

const LAB = 2;

function signings(sourcing: "leastBacklog" | "byCapacity"): { seller: string; usdBn: number }[] {
  const config: SpiralConfig = threeChainFirms();
  const defaults = structuredClone(config.aiChain.firms.find((f) => f.name === "neoCloud")!);
  config.aiChain.firms.push({
    ...defaults,
    name: "hyperA",
    role: "hyperscaler",
    computeGw: 3 * defaults.computeGw,
  });
  config.aiChain.expectations.contractSourcing = sourcing;
  const m: ModelState = createModel(config);
  m.tick = 12; // a quarter's month: the lab plans its contracts
  const c = m.aiChain;
  for (const i of [1, 3]) {
    c.expectedGrowth[i] = 0;
    const revenue = c.computeGw[i] * revenuePerGwMonthly(m.config.aiChain) * c.servicePrice * 0.85;
    for (let k = 0; k < 13; k++) c.revenueHistory[i * 13 + k] = revenue;
  }
  for (let k = 0; k < 13; k++) c.revenueHistory[LAB * 13 + k] = 1e9 * m.params.scale;
  c.expectedGrowth[LAB] = 0.5;
  c.computeIntensity[LAB] = 1;
  c.deposits[LAB] = 50e9 * m.params.scale;
  c.pdYearly.fill(0.01);
  c.marketStress = 0;
  c.marketCapTotal = 100;
  c.ordersEquityReference = 100;
  c.cdsBp.fill(100);
  c.indexMember.fill(1);
  planChain(c, chainPowerOutlook(m), { tick: m.tick, scale: m.params.scale }, m.config.aiChain, m.events);
  return m.events
    .filter((e) => e.type === "contractSigned")
    .map((e) => ({
      seller: (e as { seller: string }).seller,
      usdBn: (e as { totalUsdBn: number }).totalUsdBn,
    }));
}

describe("planChain: a lab's new compute by the sourcing rule", () => {
  it("leastBacklog signs one contract; byCapacity splits the same amount 1 : 3 between the two clouds", () => {
    const single = signings("leastBacklog");
    expect(single).toHaveLength(1);
    const split = signings("byCapacity");
    expect(split.map((s) => s.seller).sort()).toEqual(["hyperA", "neoCloud"]);
    const total = split.reduce((a, s) => a + s.usdBn, 0);
    expect(total).toBeCloseTo(single[0].usdBn, 6);
    const neo = split.find((s) => s.seller === "neoCloud")!.usdBn;
    expect(neo / total).toBeCloseTo(1 / 4, 2);
  });
});
