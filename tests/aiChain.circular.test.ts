// Circular financing by decision (issue 18 item 3; src/model/agents/aiChain/circular.ts):
// each rule on a hand-built chain of three firms — a chip maker, a neocloud and
// a lab that buys compute from the neocloud — and the booking functions on a
// small model, with the ledger check before and after.
import { describe, expect, it } from "vitest";
import type { SpiralConfig } from "../src/config/index.ts";
import {
  bookCircularDeals,
  cashAboveBuffer,
  customerNeed,
  customerSpendableCash,
  type Deal,
  type DealInputs,
  DealKind,
  dealAppetite,
  financeCircular,
  guaranteesOf,
  planCircularDeals,
  resolveUpstreamExposures,
  serviceVendorLoans,
  stakesValueOf,
  vendorDebtOf,
  vendorLoansOf,
} from "../src/model/agents/aiChain/circular.ts";
import { createAiChain } from "../src/model/agents/aiChain/init.ts";
import type { ChainMonth } from "../src/model/agents/aiChain/plans.ts";
import { createModel, type ModelState } from "../src/model/index.ts";
import { checkLedger } from "../src/model/ledger.ts";
import { type AiChain, Role } from "../src/model/state.ts";
import { threeChainFirms } from "./helpers/chainStart.ts";

const CHIP = 0;
const NEO = 1;
const LAB = 2;

/** Three chain firms from the defaults (chipCo, neoCloud, labA); labA buys $120 bn of compute from neoCloud over 60 months. */
function threeFirms(tweak: (c: SpiralConfig) => void = () => {}): SpiralConfig {
  const c = threeChainFirms();
  c.aiChain.computeContracts = [
    {
      buyer: "labA",
      seller: "neoCloud",
      announcedUsdBn: 120,
      realisedShare: 1,
      months: 60,
      start: "2025-11",
      cancellationPenaltyShare: 0.1,
    },
  ];
  tweak(c);
  return c;
}

/**
 * The hand-built state the rule reads (scale 1e-9: one model dollar is one USD bn):
 * chip maker with $100 bn of cash and no outgoings; the neocloud with $1 bn of
 * cash, $10 bn of capex this month (GPU orders 0.7 × 10 = 7 a month), 1 GW
 * selling $0.5 bn last month; the lab with $2 bn of cash paying the neocloud
 * $2 bn a month (GPU content 1.4 a month).
 */
function handBuilt(): { c: AiChain; inputs: DealInputs; p: SpiralConfig["aiChain"]["circular"] } {
  const config = threeFirms();
  const c = createAiChain(config, 1e-9, 2);
  c.revenueHistory.fill(0);
  c.capex.fill(0);
  c.interestPaid.fill(0);
  c.electricityPaid.fill(0);
  c.labOpex.fill(0);
  c.pdYearly.fill(0);
  c.deposits[CHIP] = 100;
  c.deposits[NEO] = 1;
  c.deposits[LAB] = 2;
  c.capex[NEO] = 10;
  c.computeGw[NEO] = 1;
  c.serviceGw[NEO] = 1; // all of it of the start's technology (aiChain.capacityTechnologyGrowthYearly)
  c.revenueHistory[NEO * 13 + 0] = 0.5; // last month of tick 1 is slot (1 − 1) mod 13
  const inputs: DealInputs = {
    tick: 1,
    cashBufferMonths: 6,
    gpuShareOfCost: 0.7,
    capacityValuePerGw: 2,
    targetUtilization: 0.85,
  };
  // The whole gap at once (adjustmentMonthly 1) and six months of cover (the default is 2) keep the arithmetic
  // below plain; the partial adjustment has its own case.
  return { c, inputs, p: { ...config.aiChain.circular, adjustmentMonthly: 1, coverMonths: 6 } };
}

describe("the deal rule's parts", () => {
  it("appetite is 1 at or above the price anchor and falls to 0 at 1/priceResponse below it", () => {
    expect(dealAppetite(1.2, 1, 5)).toBe(1);
    expect(dealAppetite(1, 1, 5)).toBe(1);
    expect(dealAppetite(0.9, 1, 5)).toBeCloseTo(0.5, 12);
    expect(dealAppetite(0.8, 1, 5)).toBeCloseTo(0, 12);
    expect(dealAppetite(0.5, 1, 5)).toBe(0);
    expect(dealAppetite(1, 0, 5)).toBe(0);
  });

  it("commits only cash above the buffer, and fills only the orders a customer's cash does not cover", () => {
    expect(cashAboveBuffer(100, 10, 6)).toBe(40);
    expect(cashAboveBuffer(50, 10, 6)).toBe(0);
    expect(customerNeed(7, 1, 6, 1)).toBe(41);
    expect(customerNeed(1, 10, 6, 1)).toBe(0);
    expect(customerNeed(1, -3, 6, 1)).toBe(6);
    // Partial adjustment: a quarter of the gap this month.
    expect(customerNeed(7, 1, 6, 0.25)).toBe(10.25);
    expect(customerNeed(1, 10, 6, 0.25)).toBe(0);
  });
});

describe("planCircularDeals on a hand-built chain", () => {
  it("fills customers' needs pro rata within the budget: a loan to the cloud, equity in the lab, a backstop", () => {
    const { c, inputs, p } = handBuilt();
    const deals = planCircularDeals(c, inputs, p);
    // Budget 0.1 × 100 × 1 = 10; needs: neo 6 × 7 − 1 = 41, lab 6 × 1.4 − 2 = 6.4.
    const fill = 10 / 47.4;
    expect(deals.map((d) => [d.kind, d.vendor, d.customer])).toEqual([
      [DealKind.vendorLoan, CHIP, NEO],
      [DealKind.equity, CHIP, LAB],
      [DealKind.backstop, CHIP, NEO],
    ]);
    expect(deals[0].amount).toBeCloseTo(41 * fill, 12);
    expect(deals[1].amount).toBeCloseTo(6.4 * fill, 12);
    // Unused capacity 0.85 × 1 GW × 2 − 0.5 = 1.2 a month; 12 months of it.
    expect(deals[2].amount).toBeCloseTo(14.4, 12);
    // Pure: nothing written.
    expect(c.deposits[CHIP]).toBe(100);
    expect(vendorLoansOf(c, CHIP)).toBe(0);
  });

  it("moves toward the target exposure by adjustmentMonthly of the gap: the needs shrink, the budget no longer binds", () => {
    const { c, inputs, p } = handBuilt();
    // Needs 0.1 × 41 = 4.1 and 0.1 × 6.4 = 0.64: within the budget of 10, each filled in full.
    const deals = planCircularDeals(c, inputs, { ...p, adjustmentMonthly: 0.1 });
    expect(deals[0].amount).toBeCloseTo(4.1, 12);
    expect(deals[1].amount).toBeCloseTo(0.64, 12);
  });

  it("lends to a cloud only within loanToBacklog of its backlog; the rest is equity", () => {
    const { c, inputs, p } = handBuilt();
    // Backlog $120 bn → room 0.25 × 120 = 30; it already owes 29.
    c.vendorLoans[CHIP * c.n + NEO] = 29;
    const deals = planCircularDeals(c, inputs, p).filter((d) => d.customer === NEO);
    const fill = 10 / 47.4;
    expect(deals[0].kind).toBe(DealKind.vendorLoan);
    expect(deals[0].amount).toBeCloseTo(1, 12);
    expect(deals[1].kind).toBe(DealKind.equity);
    expect(deals[1].amount).toBeCloseTo(41 * fill - 1, 12);
  });

  it("stops when the vendor's share price falls 20 % below its average, and skips customers above maxCustomerPd", () => {
    const a = handBuilt();
    a.c.price[CHIP] = 0.79;
    expect(planCircularDeals(a.c, a.inputs, a.p)).toEqual([]);
    a.c.price[CHIP] = 0.9; // half the appetite: half the budget
    expect(planCircularDeals(a.c, a.inputs, a.p)[0].amount).toBeCloseTo((41 * 5) / 47.4, 12);
    const b = handBuilt();
    b.c.pdYearly[NEO] = 0.5;
    const deals = planCircularDeals(b.c, b.inputs, b.p);
    // Only the lab: its need 6.4 is within the budget of 10, so it is filled in full.
    expect(deals).toEqual([{ kind: DealKind.equity, vendor: CHIP, customer: LAB, amount: 6.4 }]);
  });

  it("retreats with the chain's market stress: at stress 0.5 the budget is halved", () => {
    const { c, inputs, p } = handBuilt();
    c.marketStress = 0.5;
    const deals = planCircularDeals(c, inputs, p);
    expect(deals[0].amount).toBeCloseTo((41 * 5) / 47.4, 12);
    c.marketStress = 1;
    expect(planCircularDeals(c, inputs, p)).toEqual([]);
  });

  it("keeps the buffer the finance rule keeps: outgoings raise it and shrink the budget", () => {
    const { c, inputs, p } = handBuilt();
    c.labOpex[CHIP] = 10; // six months of 10 a month held back: 40 of the 100 left above the buffer
    const deals = planCircularDeals(c, inputs, p);
    expect(deals[0].amount).toBeCloseTo((41 * 4) / 47.4, 12);
  });

  it("with customerCashAboveBuffer counts only the customer's cash above the buffer it keeps for its own outgoings", () => {
    const { c, inputs, p } = handBuilt();
    c.opexShare[NEO] = 0; // the neocloud's outgoings are its capex, 10 a month: a buffer of 6 × 10 = 60
    c.deposits[NEO] = 65; // covers six months of its GPU orders (6 × 7 = 42) out of its deposits
    expect(customerSpendableCash(c, 1, NEO, inputs, false)).toBe(65);
    expect(customerSpendableCash(c, 1, NEO, inputs, true)).toBe(5);
    // The lab pays 2 a month: a buffer of 12 above its cash of 2, nothing spendable.
    expect(customerSpendableCash(c, 1, LAB, inputs, true)).toBe(0);
    // Off (the default): the neocloud's deposits cover its orders — no loan; the lab's need 6 × 1.4 − 2 = 6.4.
    const off = planCircularDeals(c, inputs, p);
    expect(off.some((d) => d.kind === DealKind.vendorLoan)).toBe(false);
    expect(off.find((d) => d.customer === LAB)?.amount).toBeCloseTo(6.4, 12);
    // On: needs 42 − 5 = 37 and 8.4 − 0 = 8.4, filled pro rata within the budget of 10.
    const on = planCircularDeals(c, inputs, { ...p, customerCashAboveBuffer: true });
    const fill = 10 / 45.4;
    expect(on[0]).toMatchObject({ kind: DealKind.vendorLoan, vendor: CHIP, customer: NEO });
    expect(on[0].amount).toBeCloseTo(37 * fill, 12);
    expect(on[1]).toMatchObject({ kind: DealKind.equity, customer: LAB });
    expect(on[1].amount).toBeCloseTo(8.4 * fill, 12);
  });

  it("finances only downstream firms: a hyperscaler customer gets nothing", () => {
    const { c, inputs, p } = handBuilt();
    c.role[NEO] = Role.hyperscaler;
    expect(planCircularDeals(c, inputs, p).map((d) => d.customer)).toEqual([LAB]);
  });

  it("writes no backstop where one is running or the vendor's spare cash cannot cover it", () => {
    const a = handBuilt();
    a.c.deposits[CHIP] = 10; // cover 10 < limit 14.4
    expect(planCircularDeals(a.c, a.inputs, a.p).some((d) => d.kind === DealKind.backstop)).toBe(false);
    const b = handBuilt();
    b.c.backstopGuarantor[0] = CHIP;
    b.c.backstopBeneficiary[0] = NEO;
    b.c.backstopRemaining[0] = 1;
    b.c.backstopUntil[0] = 10;
    expect(planCircularDeals(b.c, b.inputs, b.p).some((d) => d.kind === DealKind.backstop)).toBe(false);
    expect(guaranteesOf(b.c, 1, CHIP)).toBe(1);
    expect(guaranteesOf(b.c, 11, CHIP)).toBe(0);
  });
});

/** A small model with the three-firm chain; the ledger check has stored its base. */
function model(tweak: (c: SpiralConfig) => void = () => {}): ModelState {
  const m = createModel(threeFirms(tweak));
  checkLedger(m);
  m.tick = 1;
  return m;
}

/** The month as the chain's phases take it. */
function month(m: ModelState): ChainMonth {
  return { tick: m.tick, scale: m.params.scale };
}

/** Book `deals` on the model `m` (its events, its books). */
function book(m: ModelState, deals: readonly Deal[]): void {
  bookCircularDeals(deals, month(m), m.config.aiChain, m.events, m);
}

describe("booking deals and losses through the ledger", () => {
  it("a vendor loan, an equity deal and a backstop move cash and exposures, and the ledger balances", () => {
    const m = model();
    const c = m.aiChain;
    const cash0 = [...c.deposits];
    const x = 0.05 * cash0[CHIP];
    const shares0 = c.shares[LAB];
    book(m, [
      { kind: DealKind.vendorLoan, vendor: CHIP, customer: NEO, amount: x },
      { kind: DealKind.equity, vendor: CHIP, customer: LAB, amount: x },
      { kind: DealKind.backstop, vendor: CHIP, customer: NEO, amount: 3 * x },
    ]);
    expect(c.deposits[CHIP]).toBeCloseTo(cash0[CHIP] - 2 * x, 6);
    expect(c.deposits[NEO]).toBeCloseTo(cash0[NEO] + x, 6);
    expect(vendorLoansOf(c, CHIP)).toBe(x);
    expect(vendorDebtOf(c, NEO)).toBe(x);
    expect(c.shares[LAB] - shares0).toBeCloseTo(x / c.price[LAB], 6);
    expect(stakesValueOf(c, CHIP)).toBeCloseTo(x, 6);
    expect(guaranteesOf(c, m.tick, CHIP)).toBe(3 * x);
    expect(m.events.map((e) => e.type)).toEqual(["vendorFinancing", "equityForCompute", "backstopWritten"]);
    m.tick = 0; // the check compares with the base stored at tick 0
    expect(() => checkLedger(m)).not.toThrow();
  });

  it("a vendor loan is serviced at the borrower's fund rate over loanMonths", () => {
    const m = model();
    const c = m.aiChain;
    const loan = 0.1 * c.deposits[CHIP];
    book(m, [{ kind: DealKind.vendorLoan, vendor: CHIP, customer: NEO, amount: loan }]);
    c.fundRateYearly[NEO] = 0.12;
    const neo0 = c.deposits[NEO];
    const chip0 = c.deposits[CHIP];
    c.interestPaid[NEO] = 0;
    serviceVendorLoans(m.centralBank.policyRateYearly, m.config.aiChain.circular, m);
    // Interest 0.12 / 12 = 1 % of the loan; principal 1/60 of it.
    const rel = (a: number, b: number) => expect(a / b).toBeCloseTo(1, 9);
    rel(neo0 - c.deposits[NEO], loan * (0.01 + 1 / 60));
    rel(c.deposits[CHIP] - chip0, loan * (0.01 + 1 / 60));
    rel(c.vendorLoans[CHIP * c.n + NEO], loan * (1 - 1 / 60));
    rel(c.interestPaid[NEO], 0.01 * loan);
    m.tick = 0;
    expect(() => checkLedger(m)).not.toThrow();
    // A borrower without cash pays nothing: the interest is added to the loan.
    c.deposits[NEO] = 0;
    const owed = c.vendorLoans[CHIP * c.n + NEO];
    serviceVendorLoans(m.centralBank.policyRateYearly, m.config.aiChain.circular, m);
    rel(c.vendorLoans[CHIP * c.n + NEO], owed * 1.01);
  });

  it("when a customer defaults, its vendor writes down the loss given default and its backstop is called for its lenders", () => {
    const m = model();
    const c = m.aiChain;
    const loan = 0.1 * c.deposits[CHIP];
    book(m, [
      { kind: DealKind.vendorLoan, vendor: CHIP, customer: NEO, amount: loan },
      { kind: DealKind.backstop, vendor: CHIP, customer: NEO, amount: 0.05 * loan },
    ]);
    const debt0 = c.bankLoans[NEO] + c.fundLoans[NEO];
    const chipCash = c.deposits[CHIP];
    c.defaulted[NEO] = 1;
    const lost = resolveUpstreamExposures(month(m), m.config.aiChain.finance.lossGivenDefault, m.events, m);
    const lgd = m.config.aiChain.finance.lossGivenDefault;
    const guarantee = Math.min(0.05 * loan, lgd * debt0);
    expect(c.vendorLoans[CHIP * c.n + NEO]).toBeCloseTo((1 - lgd) * loan, 6);
    expect(c.exposureLosses[CHIP]).toBeCloseTo(lgd * loan + guarantee, 6);
    expect(lost).toBeCloseTo(lgd * loan + guarantee, 6);
    expect(c.deposits[CHIP]).toBeCloseTo(chipCash - guarantee, 6);
    expect(c.bankLoans[NEO] + c.fundLoans[NEO]).toBeCloseTo(debt0 - guarantee, 6);
    expect(guaranteesOf(c, m.tick, CHIP)).toBe(0);
    expect(m.events.map((e) => e.type).slice(-2)).toEqual(["guaranteeCalled", "vendorLoanWrittenDown"]);
    m.tick = 0;
    expect(() => checkLedger(m)).not.toThrow();
  });

  it("aiChain.circular.decide = false leaves only the configured deals", () => {
    const deals = (decide: boolean): number => {
      const m = model((c) => {
        c.aiChain.circular.decide = decide;
      });
      const c = m.aiChain;
      c.capex[NEO] = 20 * c.deposits[NEO]; // a cloud short of cash for its GPU orders
      financeCircular(month(m), m.centralBank.policyRateYearly, m.config.aiChain, m.events, m);
      return m.events.length;
    };
    expect(deals(true)).toBeGreaterThan(0);
    expect(deals(false)).toBe(0);
  });
});
