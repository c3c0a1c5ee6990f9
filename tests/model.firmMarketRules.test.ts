// Rule-level tests of the non-AI firms' goods and credit rules on hand-built
// records (issue 20 item 1: a phase is a function of the records it uses,
// unit-tested without building a whole model): the consumption market's
// fill ratios, the government's purchases from the stocks left, successors'
// equity paid out of the distributions, and a firm's default with its
// successor's start. Each builds only the columns the rule reads or writes.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config/index.ts";
import type { EndUserPaymentBooks } from "../src/model/agents/aiChain/settlement.ts";
import { choosesExit } from "../src/model/agents/firmExit.ts";
import { collectFirmDividends, payEntryEquity } from "../src/model/agents/firms.ts";
import { type Books, FLOW_ROW_COUNT, FlowRow, SECTOR_COUNT, Sector } from "../src/model/ledger.ts";
import {
  type CreditParams,
  type FirmExit,
  liveAverage,
  resolveFirmDefault,
  resolveFirmExit,
  startSuccessor,
  takeSectorAverages,
} from "../src/model/markets/credit.ts";
import {
  capitalFillRatio,
  governmentPurchases,
  setFillRatios,
  spendChainWants,
} from "../src/model/markets/goods.ts";
import type { SerialScratch } from "../src/model/passRunner.ts";
import { type AiChain, ChainAccount, type Firms, type ModelEvent, SOURCE_COUNT } from "../src/model/state.ts";

const f64 = (...x: number[]) => Float64Array.from(x);

/** `n` firms (the first `nc` consumption firms) at bank 0 with the given float columns; every other column listed in `zeros` at 0. */
function firms(n: number, nc: number, columns: Record<string, Float64Array>, zeros: string[] = []): Firms {
  const out: Record<string, unknown> = { n, nConsumption: nc, bank: new Uint16Array(n), ...columns };
  for (const k of zeros) out[k] = new Float64Array(n);
  return out as unknown as Firms;
}

/** Books of one bank, the central bank and the government around the firms `f`: what a firm's payments, loans and write-offs touch. */
function books(f: Firms): Books & { flows: Float64Array } {
  const flows = new Float64Array(FLOW_ROW_COUNT * SECTOR_COUNT);
  return {
    firms: f,
    banks: {
      n: 1,
      deposits: f64(10_000),
      reserves: f64(10_000),
      loans: f64(10_000),
      equity: f64(1_000),
      profit: f64(0),
    },
    centralBank: { reserves: 10_000, govAccount: 5_000 },
    government: { account: 5_000 },
    aiChain: { n: 0 },
    ledger: { flows },
    runner: { work: { censusTick: 0 } },
    flows,
  } as unknown as Books & { flows: Float64Array };
}

/** The flow of `row` into sector `s` in `flows`. */
const flowInto = (flows: Float64Array, row: number, s: number) => flows[row * SECTOR_COUNT + s];

describe("setFillRatios: each consumption firm serves the demand that reached it up to its stock", () => {
  it("rations a firm whose stock at its price falls short, in proportion; the rest fill in full", () => {
    // Supplies 5 × 10 = 50, 10 × 2 = 20, 3 × 1 = 3 against demands 100, 50, 0; a capital firm (index 3) is left alone.
    const f = firms(4, 3, {
      demandNominal: f64(100, 50, 0, 999),
      inventory: f64(5, 10, 3, 0),
      price: f64(10, 2, 1, 1),
      fillRatio: f64(7, 7, 7, 7),
    });
    const unmet = setFillRatios(f);
    expect([...f.fillRatio]).toEqual([0.5, 0.4, 1, 7]);
    expect(unmet).toBeCloseTo(50 + 30, 12);
  });
});

describe("capital goods: fill ratios and the chain's purchases never leave a negative stock", () => {
  it("capitalFillRatio serves orders up to the stock, 1 with no orders, and never −∞ on a stock a hair below zero", () => {
    expect(capitalFillRatio(4, 1)).toBe(0.25);
    expect(capitalFillRatio(1, 4)).toBe(1);
    expect(capitalFillRatio(0, 0)).toBe(1);
    // A collapse once left 0 orders against −8.7e−13 of stock: the ratio was −∞ and the run stopped (exit 3).
    expect(capitalFillRatio(0, -8.7e-13)).toBe(1);
    expect(capitalFillRatio(2, -8.7e-13)).toBe(0);
  });

  it("spendChainWants: a chain that wants more than the capital firms' stocks buys them out to exactly 0, not below", () => {
    // Stocks whose value at their prices does not divide evenly: buying both out left the first at −1.1e−16.
    const f = firms(3, 1, {
      inventory: f64(0, 0.634, 0.264),
      price: f64(1, 1.69, 3.34),
      revenue: f64(0, 0, 0),
      salesNominal: f64(0, 0, 0),
      salesReal: f64(0, 0, 0),
      demandReal: f64(0, 0, 0),
      deposits: f64(0, 0, 0),
    });
    const chain = {
      n: 1,
      accounts: new Float64Array(ChainAccount.count),
      deposits: f64(100),
      bank: new Uint16Array(1),
      cashBySource: new Float64Array(SOURCE_COUNT),
    } as unknown as AiChain;
    const b = books(f) as Books & { aiChain: AiChain };
    b.aiChain = chain;
    const wants = {
      capital: f64(10),
      consumption: f64(0),
      chipInputs: f64(0),
      imports: f64(0),
      sourceMix: new Float64Array(SOURCE_COUNT),
      cashBefore: f64(0),
    } as unknown as SerialScratch["chainWants"];
    const macro = { investmentReal: 0, investmentNominal: 0 };
    spendChainWants(chain, f, macro, wants, b);
    expect([...f.inventory.subarray(1)].every((x) => x === 0)).toBe(true);
    expect(f.revenue[1] + f.revenue[2]).toBeCloseTo(0.634 * 1.69 + 0.264 * 3.34, 12);
    expect(chain.deposits[0]).toBeCloseTo(100 - (0.634 * 1.69 + 0.264 * 3.34), 12);
  });
});

describe("governmentPurchases: real purchases from the stocks left, in proportion to each firm's stock", () => {
  const columns = () => ({
    inventory: f64(30, 10, 50),
    price: f64(1, 2, 1),
    demandReal: f64(100, 100, 0),
    revenue: f64(5, 5, 0),
    salesNominal: f64(5, 5, 0),
    salesReal: f64(5, 5, 0),
    deposits: f64(0, 0, 0),
  });

  it("buys half of each consumption firm's stock when it wants half of the stocks, and pays through the books", () => {
    const f = firms(3, 2, columns());
    const b = books(f);
    const gov = { purchasesReal: 20, purchases: 0 };
    const macro = { governmentReal: 0 };
    governmentPurchases(
      f,
      gov,
      { n: 0, endUserBySegment: f64() },
      macro,
      b as unknown as EndUserPaymentBooks,
    );
    expect([...f.inventory]).toEqual([15, 5, 50]); // the capital firm's stock is not for sale to the government
    expect([...f.salesReal]).toEqual([20, 10, 0]);
    expect([...f.revenue]).toEqual([20, 15, 0]); // 15 × 1 and 5 × 2 added
    expect([...f.demandReal]).toEqual([115, 105, 0]); // the government's demand, even where it was not served
    expect([...f.deposits]).toEqual([15, 10, 0]);
    expect(gov.purchases).toBe(25);
    expect(macro.governmentReal).toBe(20);
    expect(b.government.account).toBe(5_000 - 25);
    expect(flowInto(b.flows, FlowRow.governmentPurchases, Sector.firms)).toBe(25);
    expect(flowInto(b.flows, FlowRow.governmentPurchases, Sector.government)).toBe(-25);
  });

  it("takes every stock when it wants more than there is, while its demand still counts in full", () => {
    const f = firms(3, 2, columns());
    const gov = { purchasesReal: 80, purchases: 0 };
    const macro = { governmentReal: 0 };
    const b = books(f) as unknown as EndUserPaymentBooks;
    governmentPurchases(f, gov, { n: 0, endUserBySegment: f64() }, macro, b);
    expect([...f.inventory.subarray(0, 2)]).toEqual([0, 0]);
    expect(macro.governmentReal).toBe(40);
    expect([...f.demandReal.subarray(0, 2)]).toEqual([100 + 60, 100 + 20]); // 80 × 30/40, 80 × 10/40
  });
});

describe("distributions: dividends at most the deposits, successors' equity out of the pool", () => {
  it("collectFirmDividends pays each declared dividend up to the firm's deposits and clears the declaration", () => {
    const f = firms(3, 3, { dividendDue: f64(10, 50, 0), deposits: f64(100, 20, 5) });
    const pool = collectFirmDividends(f, books(f));
    expect(pool).toBe(30);
    expect([...f.deposits]).toEqual([90, 0, 5]);
    expect([...f.dividendDue]).toEqual([0, 0, 0]);
  });

  it("payEntryEquity scales every successor's equity alike when the pool falls short; the rest stays owed", () => {
    const f = firms(3, 3, { pendingEquity: f64(60, 0, 20), deposits: f64(0, 0, 0), loans: f64(0, 0, 0) });
    const b = books(f);
    const paid = payEntryEquity(f, 40, false, b);
    expect(paid).toBe(40);
    expect([...f.deposits]).toEqual([30, 0, 10]);
    expect([...f.pendingEquity]).toEqual([30, 0, 10]);
    expect(flowInto(b.flows, FlowRow.entryEquity, Sector.firms)).toBe(40);
  });

  it("with a fresh start the equity first repays the loan the successor took over", () => {
    const f = firms(2, 2, { pendingEquity: f64(50, 0), deposits: f64(0, 0), loans: f64(30, 8) });
    const b = books(f);
    payEntryEquity(f, 100, true, b);
    expect([...f.loans]).toEqual([0, 8]); // the other firm's loan is not touched
    expect([...f.deposits]).toEqual([20, 0]);
    expect(b.banks.loans[0]).toBe(10_000 - 30);
  });
});

/** The credit market's parameters of the default config, with `freshStart` and round productivities. */
function creditParams(freshStart: boolean): CreditParams {
  const c = defaultConfig();
  return {
    banks: { ...c.banks, lossGivenDefault: 0.4 },
    firms: { ...c.firms, entrySizeShare: 0.5, cashBufferMonths: 1, successorFreshStart: freshStart },
    derived: { scale: 1e-3, prodLabourConsumption: 2, prodLabourCapital: 4, normalProfitRateYearly: 0.1 },
  };
}

const SUCCESSOR_COLUMNS = [
  "labourPlan",
  "productivity",
  "appeal",
  "expectedSalesGrowth",
  "earnings",
  "dividendDue",
  "profitRate",
  "utilization",
  "labourDemand",
  "plannedOutput",
  "investmentOrder",
  "leaveProbability",
  "unfilled",
  "pendingEquity",
  "employees",
];

/** Four consumption firms (firm 3 a successor of age 0) and two capital firms. */
function sector(): Firms {
  return firms(
    6,
    4,
    {
      age: f64(5, 5, 5, 0, 5, 5),
      markup: f64(0.1, 0.9, 0.3, 5, 0.2, 0.2),
      wage: f64(2, 9, 4, 50, 3, 3),
      expectedSales: f64(10, 90, 30, 500, 8, 8),
      demandReal: f64(1, 6, 1, 1, 1, 1),
      price: f64(1, 1, 1, 1, 1, 1),
      deposits: f64(0, 30, 0, 0, 0, 0),
      loans: f64(0, 100, 0, 0, 0, 0),
    },
    SUCCESSOR_COLUMNS,
  );
}

/** The sector above with its books, at tick 7 with fresh-start successors: what resolveFirmDefault and resolveFirmExit read and write. */
function exitState() {
  const f = sector();
  const b = books(f);
  const events: ModelEvent[] = [];
  const macro = { firmDefaults: 0, firmExits: 0 };
  const exit: FirmExit = {
    firms: f,
    banks: b.banks,
    macro,
    tick: 7,
    params: creditParams(true),
    scratch: { sectorAverages: new Float64Array(8).fill(-1) },
    events,
    books: b,
  };
  return { f, b, events, macro, exit };
}

describe("a firm's default: the loss booked, and a successor from its sector's averages", () => {
  it("takeSectorAverages leaves out the failed firm and successors of age 0; with no live firm, the failed firm's own", () => {
    const f = sector();
    const avg = new Float64Array(8);
    takeSectorAverages(f, 1, 0.5, avg);
    expect([avg[0], avg[1], avg[2]]).toEqual([(0.1 + 0.3) / 2, (2 + 4) / 2, (10 + 30) / 2]);
    f.age[5] = 0; // the capital sector's other firm is a successor: no live firm left
    takeSectorAverages(f, 4, 0.5, avg);
    expect([avg[4], avg[5], avg[6]]).toEqual([0.2, 3, 8 / 0.5]);
  });

  it("startSuccessor: a fresh start plans on its predecessor's remaining demand and owes the loan left as equity", () => {
    const f = sector();
    const avg = f64(0.2, 3, 20, 0, 0, 0, 0, 0);
    f.loans[1] = 42;
    startSuccessor(f, 1, avg, creditParams(true));
    expect(f.expectedSales[1]).toBe(6); // min(0.5 × 20, its last demand 6)
    expect(f.price[1]).toBeCloseTo((1.2 * 3) / 2, 12);
    expect(f.age[1]).toBe(0);
    expect(f.profitRate[1]).toBe(0.1);
    expect(f.pendingEquity[1]).toBeCloseTo((6 / 2) * 3 * 2 + 42, 12); // a month of wages and its buffer, and the loan
  });

  it("startSuccessor without a fresh start plans the sector's entry size and keeps the loan", () => {
    const f = sector();
    f.loans[1] = 42;
    startSuccessor(f, 1, f64(0.2, 3, 20, 0, 0, 0, 0, 0), creditParams(false));
    expect(f.expectedSales[1]).toBe(10);
    expect(f.pendingEquity[1]).toBeCloseTo((10 / 2) * 3 * 2, 12);
  });

  it("resolveFirmDefault: deposits seized, loss given default written off, the default counted and reported", () => {
    const { f, b, events, macro, exit } = exitState();
    resolveFirmDefault(exit, 1);
    // 30 of deposits repay 30 of the 100; 40 % of the 70 left is written off.
    expect(f.deposits[1]).toBe(0);
    expect(f.loans[1]).toBeCloseTo(42, 12);
    expect(b.banks.equity[0]).toBeCloseTo(1_000 - 28, 9);
    expect(b.banks.profit[0]).toBeCloseTo(-28, 9);
    expect(flowInto(b.flows, FlowRow.loanWriteOffs, Sector.firms)).toBeCloseTo(28, 9);
    expect(macro.firmDefaults).toBe(1);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "firmDefault", firm: 1, sector: "consumption" });
    expect((events[0] as { loansUsdBn: number }).loansUsdBn).toBeCloseTo(100 / 1e-3 / 1e9, 12);
    // The successor: the sector's averages of this month (taken now, tick 7), the remaining loan owed as equity.
    expect(exit.scratch.sectorAverages[3]).toBe(7);
    expect(f.markup[1]).toBeCloseTo(0.2, 12);
    expect(f.pendingEquity[1]).toBeGreaterThan(42);
  });
});

describe("a firm's voluntary exit (firms.exit): solvent closure, no loss, a successor", () => {
  it("choosesExit: small, old enough, loss-making and solvent — each condition needed; share 0 is off", () => {
    // age, min age, expected sales, sector average, share, earnings, deposits, collateral, loans
    expect(choosesExit(60, 24, 3, 20, 0.25, -1, 5, 40, 30)).toBe(true);
    expect(choosesExit(60, 24, 3, 20, 0, -1, 5, 40, 30)).toBe(false); // rule off
    expect(choosesExit(12, 24, 3, 20, 0.25, -1, 5, 40, 30)).toBe(false); // too young
    expect(choosesExit(60, 24, 6, 20, 0.25, -1, 5, 40, 30)).toBe(false); // not small: 6 ≥ 5
    expect(choosesExit(60, 24, 3, 20, 0.25, 0.5, 5, 40, 30)).toBe(false); // profitable
    expect(choosesExit(60, 24, 3, 20, 0.25, -1, 5, 10, 30)).toBe(false); // insolvent: left to default
    expect(choosesExit(60, 24, 3, 20, 0.25, -1, 0, 30, 30)).toBe(true); // assets exactly cover the debt
  });

  it("liveAverage leaves out successors of age 0 and is 0 with no live firm", () => {
    const f = sector();
    expect(liveAverage(f.expectedSales, f.age, 0, 4)).toBeCloseTo((10 + 90 + 30) / 3, 12);
    f.age.fill(0);
    expect(liveAverage(f.expectedSales, f.age, 0, 4)).toBe(0);
  });

  it("resolveFirmExit: deposits repay the loan, nothing written off, the rest owed by the successor's owners; counted as an exit", () => {
    const { f, b, events, macro, exit } = exitState();
    resolveFirmExit(exit, 1);
    // 30 of deposits repay 30 of the 100: 70 left, none written off.
    expect(f.deposits[1]).toBe(0);
    expect(f.loans[1]).toBeCloseTo(70, 12);
    expect(b.banks.equity[0]).toBe(1_000);
    expect(b.banks.profit[0]).toBe(0);
    expect(flowInto(b.flows, FlowRow.loanWriteOffs, Sector.firms)).toBe(0);
    expect(macro.firmDefaults).toBe(0);
    expect(macro.firmExits).toBe(1);
    expect(events).toEqual([
      {
        type: "firmExit",
        firm: 1,
        sector: "consumption",
        loansUsdBn: 100 / 1e-3 / 1e9,
        employees: f.employees[1],
      },
    ]);
    // The successor in its slot: sector averages, age 0, and its owners owe the 70 with its entry equity.
    expect(f.age[1]).toBe(0);
    expect(f.markup[1]).toBeCloseTo(0.2, 12);
    // Entry size min(0.5 × 20, its last demand 6) at output per worker 2 and the average wage 3: wages 9, twice with the buffer, and the loan.
    expect(f.pendingEquity[1]).toBeCloseTo((6 / 2) * 3 * 2 + 70, 12);
  });
});
