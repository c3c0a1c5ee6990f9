// Time to build and the customers' screen of distressed suppliers (issue 18 items 7 and 9; telecom29 pass;
// src/model/agents/aiChain/plans.ts payOrderInInstalments and sellerAcceptable, finance.ts cancelOrderBook;
// schema aiChain.orders.progressPayments, aiChain.expectations.sellerMaxDefaultProbability). Pure rules on
// numbers, then planChain on a hand-built three-firm chain (chip maker, neocloud, lab).
import { describe, expect, it } from "vitest";
import type { SpiralConfig } from "../src/config/index.ts";
import { revenuePerGwMonthly } from "../src/model/agents/aiChain/demand.ts";
import { cancelOrderBook } from "../src/model/agents/aiChain/finance.ts";
import { payOrderInInstalments, planChain, sellerAcceptable } from "../src/model/agents/aiChain/plans.ts";
import { createModel, type ModelState } from "../src/model/index.ts";
import { chainPowerOutlook } from "../src/model/markets/power.ts";
import { threeChainFirms } from "./helpers/chainStart.ts";

describe("payOrderInInstalments: an order is paid in equal parts over the build", () => {
  it("pays value ÷ buildMonths this month and leaves the rest due in the following months", () => {
    const due = new Float64Array(3);
    expect(payOrderInInstalments(due, 0, 3, 4, 30)).toBeCloseTo(10, 12);
    expect([...due]).toEqual([10, 0, 10]); // slot 4 mod 3 = 1 is this month, paid and cleared
  });

  it("pays a single order in full over buildMonths months, spending lagging the order by (buildMonths − 1)/2", () => {
    const b = 6;
    const due = new Float64Array(2 * b); // two firms: the second's slots stay untouched
    const paid: number[] = [payOrderInInstalments(due, b, b, 12, 60)];
    for (let t = 13; t < 12 + 2 * b; t++) paid.push(payOrderInInstalments(due, b, b, t, 0));
    expect(paid.reduce((a, x) => a + x, 0)).toBeCloseTo(60, 10);
    expect(paid.slice(0, b).every((x) => Math.abs(x - 10) < 1e-12)).toBe(true);
    expect(paid.slice(b).every((x) => x === 0)).toBe(true);
    const meanLag = paid.reduce((a, x, k) => a + k * x, 0) / 60;
    expect(meanLag).toBeCloseTo((b - 1) / 2, 10);
    expect(due.slice(0, b).every((x) => x === 0)).toBe(true);
  });

  it("pays a steady order stream in full each month once the build is under way, as paying at once does", () => {
    const b = 4;
    const due = new Float64Array(b);
    const paid: number[] = [];
    for (let t = 0; t < 3 * b; t++) paid.push(payOrderInInstalments(due, 0, b, t, 8));
    expect(paid[0]).toBeCloseTo(2, 12); // first month: a quarter of the first order
    expect(paid[b - 1]).toBeCloseTo(8, 12);
    for (let t = b - 1; t < 3 * b; t++) expect(paid[t]).toBeCloseTo(8, 12);
  });

  it("with a one-month build pays at once", () => {
    expect(payOrderInInstalments(new Float64Array(1), 0, 1, 7, 5)).toBe(5);
  });
});

describe("cancelOrderBook: a firm short of funding cancels a share of everything still being built", () => {
  it("scales the capacity in the pipeline and the instalments due by 1 − share, within [0, 1]", () => {
    const pipe = new Float64Array([4, 8, 1, 1]);
    const due = new Float64Array([2, 2, 5, 5]);
    cancelOrderBook(pipe, due, 0, 2, 0.25);
    expect([...pipe]).toEqual([3, 6, 1, 1]);
    expect([...due]).toEqual([1.5, 1.5, 5, 5]);
    cancelOrderBook(pipe, due, 2, 2, 2); // more than all: everything of the second firm
    expect([...pipe]).toEqual([3, 6, 0, 0]);
    cancelOrderBook(pipe, due, 0, 2, -1); // a negative share cancels nothing
    expect([...due]).toEqual([1.5, 1.5, 0, 0]);
  });
});

describe("sellerAcceptable: customers do not sign with a supplier no lender would fund", () => {
  it("accepts a cloud at or below the limit, refuses one above, and is off at 1", () => {
    expect(sellerAcceptable(0.2, 0.2)).toBe(true);
    expect(sellerAcceptable(0.55, 0.2)).toBe(false);
    expect(sellerAcceptable(0.55, 1)).toBe(true);
    expect(sellerAcceptable(1, 1)).toBe(true);
    expect(sellerAcceptable(Number.NaN, 0.2)).toBe(true);
  });
});

// --- planChain on a hand-built chain: chipCo (0), neoCloud (1), labA (2), as tests/aiChain.orders.test.ts. ---

const NEO = 1;
const LAB = 2;

function chainAt(edit: (c: SpiralConfig) => void): ModelState {
  const config = threeChainFirms();
  edit(config);
  const m = createModel(config);
  m.tick = 12; // a quarter's month: the lab plans its contracts
  const c = m.aiChain;
  // Flat revenue at the target utilisation: the neocloud orders only the replacement of what wears out.
  c.expectedGrowth[NEO] = 0;
  const revenue = c.computeGw[NEO] * revenuePerGwMonthly(m.config.aiChain) * c.servicePrice * 0.85;
  for (let k = 0; k < 13; k++) c.revenueHistory[NEO * 13 + k] = revenue;
  c.marketCapTotal = 100;
  c.ordersEquityReference = 100;
  c.cdsBp.fill(100);
  c.indexMember.fill(1);
  return m;
}

function plan(m: ModelState): void {
  planChain(
    m.aiChain,
    chainPowerOutlook(m),
    { tick: m.tick, scale: m.params.scale },
    m.config.aiChain,
    m.events,
  );
}

describe("planChain with time to build (aiChain.orders.progressPayments)", () => {
  it("orders the same capacity but pays a buildMonths-th of it this month, the rest in the next months", () => {
    const off = chainAt(() => {});
    plan(off);
    const on = chainAt((c) => {
      c.aiChain.orders.progressPayments = true;
    });
    plan(on);
    const b = on.config.aiChain.buildMonths;
    const pipe = (m: ModelState) => m.aiChain.pipelineGw.slice(NEO * b, NEO * b + b);
    expect([...pipe(on)]).toEqual([...pipe(off)]);
    expect(off.aiChain.capex[NEO]).toBeGreaterThan(0);
    expect(on.aiChain.capex[NEO]).toBeCloseTo(off.aiChain.capex[NEO] / b, 6);
    const stillDue = on.aiChain.capexDue.slice(NEO * b, NEO * b + b).reduce((a, x) => a + x, 0);
    expect(stillDue).toBeCloseTo(((b - 1) / b) * off.aiChain.capex[NEO], 6);
    expect(off.aiChain.capexDue.every((x) => x === 0)).toBe(true); // off: the ring is never written
  });
});

describe("planChain: a lab with growing revenue signs compute only with a cloud lenders would fund", () => {
  function labSigns(neoPd: number, limit: number): number {
    const m = chainAt((c) => {
      c.aiChain.expectations.sellerMaxDefaultProbability = limit;
    });
    const c = m.aiChain;
    for (let k = 0; k < 13; k++) c.revenueHistory[LAB * 13 + k] = 1e9 * m.params.scale;
    c.expectedGrowth[LAB] = 0.5; // it expects its revenue to grow by half
    c.computeIntensity[LAB] = 1;
    c.deposits[LAB] = 50e9 * m.params.scale;
    c.pdYearly.fill(0.01);
    c.pdYearly[NEO] = neoPd;
    c.marketStress = 0;
    plan(m);
    return m.events.filter((e) => e.type === "contractSigned").length;
  }

  it("signs with the neocloud at a PD of 10 % a year, not at 55 % once the limit is 20 %", () => {
    expect(labSigns(0.1, 0.2)).toBe(1);
    expect(labSigns(0.55, 0.2)).toBe(0);
  });

  it("signs at 55 % with the rule off (limit 1), the behaviour before", () => {
    expect(labSigns(0.55, 1)).toBe(1);
  });
});
