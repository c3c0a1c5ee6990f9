// Rule-level tests (issue 20 items 1 and 5) for the steps the AI chain's long
// phases were split into — settleChain, financeChain, priceChainCredit,
// resolveChainDefaults, valueChain, createAiChain — and for the ledger
// functions the chain's balance writes now go through. Each works on a
// hand-built sub-record of the chain (Pick<AiChain, …>) and the schema's
// default parameters; no model is built.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config/index.ts";
import { InputError } from "../src/errors.ts";
import {
  businessCashFlow,
  defaultPlanRevenue,
  repriceContracts,
} from "../src/model/agents/aiChain/defaults.ts";
import { bufferNeed, priceInitialDebt } from "../src/model/agents/aiChain/finance.ts";
import { checkStakesWithinShares, firmLookup } from "../src/model/agents/aiChain/init.ts";
import {
  addGpuOrders,
  ageContracts,
  contractObligations,
  grossComputeCost,
} from "../src/model/agents/aiChain/settlement.ts";
import { chargeBorrowFee, fillShortOrders } from "../src/model/agents/aiChain/shortSellers.ts";
import { chainEquityMarketParams } from "../src/model/agents/aiChain/valuation.ts";
import {
  accrueVendorLoan,
  chargeShortBook,
  closeShortBook,
  fundShortBook,
  openChainBalanceSheet,
  openChainStake,
  tradeShortBook,
} from "../src/model/ledger.ts";
import { DEFAULT_EQUITY_MARKET_PARAMS } from "../src/model/markets/equityMarket.ts";
import { Role } from "../src/model/state.ts";

const config = defaultConfig();

/** Three firms — a chip maker (0), a hyperscaler (1), a lab (2) — and `contracts` contract slots. */
function chain(contracts: number) {
  const n = 3;
  return {
    n,
    names: ["chip", "cloud", "lab"],
    role: Uint8Array.from([Role.chip, Role.hyperscaler, Role.modelLab]),
    defaulted: new Uint8Array(n),
    capex: new Float64Array(n),
    obligations: new Float64Array(n * n),
    computeCost: new Float64Array(n),
    contractBuyer: new Int32Array(contracts).fill(-1),
    contractSeller: new Int32Array(contracts).fill(-1),
    contractMonthly: new Float64Array(contracts),
    contractMonthsLeft: new Int32Array(contracts),
    contractStart: new Int32Array(contracts),
  };
}

describe("settlement steps (settleChain)", () => {
  /** Cloud buys 10 a month from the chip maker; the lab 5 from the cloud (from tick 12); the lab 7 from the chip maker, expired. */
  function withContracts() {
    const c = chain(3);
    c.contractBuyer.set([1, 2, 2]);
    c.contractSeller.set([0, 1, 0]);
    c.contractMonthly.set([10, 5, 7]);
    c.contractMonthsLeft.set([4, 4, 0]);
    c.contractStart.set([0, 12, 0]);
    return c;
  }

  it("contractObligations: contracts in force between live firms, buyer × seller; started, unexpired only", () => {
    const c = withContracts();
    c.obligations.fill(99);
    contractObligations(c, 10);
    expect(Array.from(c.obligations)).toEqual([0, 0, 0, 10, 0, 0, 0, 0, 0]);
    contractObligations(c, 12);
    expect(c.obligations[2 * 3 + 1]).toBe(5);
    c.defaulted[0] = 1; // a seller in default is not paid
    contractObligations(c, 12);
    expect(c.obligations[1 * 3 + 0]).toBe(0);
  });

  it("addGpuOrders: GPUs beyond the contracted ones go to the first live chip maker", () => {
    const c = withContracts();
    contractObligations(c, 12);
    c.capex.set([0, 100, 20]);
    addGpuOrders(c, 0.6);
    // cloud: 0.6 × 100 = 60 of GPUs, 10 under contract → 50 more; lab: 12, none contracted.
    expect(c.obligations[1 * 3 + 0]).toBe(60);
    expect(c.obligations[2 * 3 + 0]).toBe(12);
    const none = withContracts();
    contractObligations(none, 12);
    none.capex.set([0, 10, 0]);
    addGpuOrders(none, 0.6); // 6 wanted, 10 contracted: nothing added
    expect(none.obligations[1 * 3 + 0]).toBe(10);
  });

  it("grossComputeCost: what a firm owes other than GPUs", () => {
    const c = withContracts();
    contractObligations(c, 12);
    c.obligations[2 * 3 + 0] = 3; // the lab owes a chip maker 3 (GPUs)
    grossComputeCost(c);
    expect(Array.from(c.computeCost)).toEqual([0, 0, 5]);
  });

  it("ageContracts: a month passes on started contracts with months left", () => {
    const c = withContracts();
    ageContracts(c, 10);
    expect(Array.from(c.contractMonthsLeft)).toEqual([3, 4, 0]);
  });
});

describe("financing rules (financeChain, priceChainCredit)", () => {
  it("bufferNeed: below the buffer, the outgoings' shortfall plus a share of the gap, at most the gap; above it, the (negative) excess", () => {
    // gap 100; shortfall 30; + 0.1 × 100 = 40.
    expect(bufferNeed(200, 100, 80, 50, 0.1)).toBe(40);
    // shortfall 200 > gap 100: the gap.
    expect(bufferNeed(200, 100, 300, 100, 0.1)).toBe(100);
    // inflow beyond outgoings: only the share of the gap.
    expect(bufferNeed(200, 100, 50, 80, 0.25)).toBe(25);
    expect(bufferNeed(200, 260, 50, 80, 0.25)).toBe(-60);
  });

  it("priceInitialDebt: the secured part at the secured spread, the rest at the unsecured one; the coupon adds policy and term premium", () => {
    const c = {
      bankLoans: Float64Array.of(60),
      fundLoans: Float64Array.of(40),
      securedDebt: Float64Array.of(25),
      pdYearly: Float64Array.of(0.02),
      cdsBp: Float64Array.of(300),
      debtSpread: Float64Array.of(-1),
      fundRateYearly: Float64Array.of(-1),
      fundFloatingShare: Float64Array.of(0),
      fundFloatingMargin: Float64Array.of(0),
      rating: Uint8Array.of(3), // BB: below investment grade
    };
    const p = {
      securedLossGivenDefault: 0.2,
      riskPremiumBp: 100,
      bondTermPremiumBp: 50,
      floatingShare: { secured: 1, highYield: 0.6, investmentGrade: 0.1 },
    };
    priceInitialDebt(c, 0, 0.04, p);
    const secured = (100 + 1e4 * 0.02 * 0.2) / 1e4; // 1.4 %
    const unsecured = 300 / 1e4; // the CDS spread, above the risk premium
    expect(c.debtSpread[0]).toBeCloseTo(0.25 * secured + 0.75 * unsecured, 15);
    expect(c.fundRateYearly[0]).toBeCloseTo(0.04 + 0.005 + c.debtSpread[0], 15);
    // The floating part: the secured quarter all floats, the high-yield rest 60 %; its margin is the spread.
    expect(c.fundFloatingShare[0]).toBeCloseTo(0.25 + 0.75 * 0.6, 15);
    expect(c.fundFloatingMargin[0]).toBeCloseTo(c.debtSpread[0], 15);
    // Rated investment grade, the unsecured part floats at the investment-grade share.
    c.rating[0] = 2;
    priceInitialDebt(c, 0, 0.04, p);
    expect(c.fundFloatingShare[0]).toBeCloseTo(0.25 + 0.75 * 0.1, 15);
    // No debt: all at the unsecured spread.
    c.bankLoans[0] = 0;
    c.fundLoans[0] = 0;
    priceInitialDebt(c, 0, 0.04, p);
    expect(c.debtSpread[0]).toBeCloseTo(unsecured, 15);
  });
});

describe("default resolution rules (resolveChainDefaults)", () => {
  it("defaultPlanRevenue: the lower of the 13-month average and last month's revenue", () => {
    const history = new Float64Array(2 * 13);
    for (let k = 0; k < 13; k++) history[13 + k] = 10; // firm 1: 10 a month
    history[13 + (29 % 13)] = 4; // last month (tick 30 − 1) fell to 4
    expect(defaultPlanRevenue(history, 1, 30)).toBe(4);
    history[13 + (29 % 13)] = 36; // a last month above the average: the average
    expect(defaultPlanRevenue(history, 1, 30)).toBeCloseTo((12 * 10 + 36) / 13, 12);
  });

  it("businessCashFlow: revenue after opex, plus other profit at today's prices, less lab opex and power; a chip maker pays its cost of goods", () => {
    const c = {
      opexShare: Float64Array.of(0.2, 0.2),
      otherProfit: Float64Array.of(10, 10),
      labOpex: Float64Array.of(5, 5),
      electricityPaid: Float64Array.of(3, 3),
      role: Uint8Array.of(Role.hyperscaler, Role.chip),
      grossMargin: Float64Array.of(0.7, 0.7),
    };
    expect(businessCashFlow(c, 0, 100, 1.1)).toBeCloseTo(80 + 11 - 5 - 3, 12);
    expect(businessCashFlow(c, 1, 100, 1.1)).toBeCloseTo(80 + 11 - 5 - 3 - 30, 12);
  });

  it("repriceContracts: a firm's live contracts as buyer keep `keep` of their instalments; keep 0 rejects them; returns the value given up", () => {
    const c = chain(3);
    c.contractBuyer.set([2, 2, 1]);
    c.contractMonthly.set([10, 4, 8]);
    c.contractMonthsLeft.set([6, 0, 5]);
    expect(repriceContracts(c, 2, 0.25)).toBeCloseTo(0.75 * 10 * 6, 12);
    expect(Array.from(c.contractMonthly)).toEqual([2.5, 4, 8]);
    expect(repriceContracts(c, 1, 0)).toBe(40);
    expect(Array.from(c.contractMonthsLeft)).toEqual([6, 0, 0]);
  });
});

describe("valuation and initial-state steps (valueChain, createAiChain)", () => {
  it("chainEquityMarketParams: the config's behaviour on the price model's scales, no short pressure", () => {
    expect(config.aiChain.equityMarket.newsPassThrough).toBe(0); // off unless a config sets it
    const em = {
      ...config.aiChain.equityMarket,
      intensityOfChoice: 0.5,
      trendStrength: 2,
      newsPassThrough: 0.3,
    };
    const p = chainEquityMarketParams(em);
    expect(p.newsPassThrough).toBe(0.3);
    expect(p.intensityOfChoice).toBe(60);
    expect(p.trendWeight).toBeCloseTo(1.2, 15);
    expect(p.reversionSpeed).toBe(em.reversionSpeed);
    expect(p.noiseVolatility).toBe(em.noiseMonthly);
    expect(p.shortPressure).toBe(0);
    expect(p.fundamentalSaturation).toBe(DEFAULT_EQUITY_MARKET_PARAMS.fundamentalSaturation);
  });

  it("firmLookup: finds a firm by name; an unknown or repeated name is an input error naming the path", () => {
    const lookup = firmLookup(["a", "b"]);
    expect(lookup("b", "x")).toBe(1);
    expect(() => lookup("c", "aiChain.computeContracts[3].buyer")).toThrow(
      /computeContracts\[3\]\.buyer.*"c"/,
    );
    expect(() => firmLookup(["a", "a"])).toThrow(InputError);
  });

  it("checkStakesWithinShares: stakes in a firm may not exceed its shares", () => {
    const c = {
      n: 2,
      names: ["a", "b"],
      stakes: Float64Array.of(0, 60, 0, 0),
      shares: Float64Array.of(100, 50),
    };
    expect(() => checkStakesWithinShares(c)).toThrow(/stakes in b add up to more than 100 %/);
    c.stakes[1] = 50;
    expect(() => checkStakesWithinShares(c)).not.toThrow();
  });
});

describe("ledger functions for the chain's balances", () => {
  it("openChainBalanceSheet and openChainStake set a firm's opening stocks", () => {
    const c = {
      n: 2,
      deposits: new Float64Array(2),
      bankLoans: new Float64Array(2),
      fundLoans: new Float64Array(2),
      shares: new Float64Array(2),
      stakes: new Float64Array(4),
    };
    openChainBalanceSheet(c, 1, 5, 6, 7, 8);
    expect([c.deposits[1], c.bankLoans[1], c.fundLoans[1], c.shares[1]]).toEqual([5, 6, 7, 8]);
    openChainStake(c, 0, 1, 2);
    openChainStake(c, 0, 1, 1);
    expect(Array.from(c.stakes)).toEqual([0, 3, 0, 0]);
  });

  it("accrueVendorLoan moves only the lender × borrower claim", () => {
    const c = { n: 2, vendorLoans: Float64Array.of(0, 100, 0, 0) };
    accrueVendorLoan(c, 0, 1, 1.5 - 20); // interest 1.5 unpaid, 20 repaid
    expect(Array.from(c.vendorLoans)).toEqual([0, 81.5, 0, 0]);
  });

  it("the short book: capital, sales and covering at the price, fees; closed into the chain's record", () => {
    const book = { shares: new Float64Array(2), cash: 0 };
    fundShortBook(book, 50);
    tradeShortBook(book, 1, 10, 2); // sell 10 shares at 2
    tradeShortBook(book, 1, -4, 3); // cover 4 at 3
    chargeShortBook(book, 1);
    expect(Array.from(book.shares)).toEqual([0, 6]);
    expect(book.cash).toBe(50 + 20 - 12 - 1);
    const c = { shortCash: 0 };
    closeShortBook(c, book);
    expect(c.shortCash).toBe(57);
  });

  it("shortSellers' fills and fees go through them: covering never exceeds the position", () => {
    const book = { shares: Float64Array.of(5, 0), cash: 100 };
    fillShortOrders(book, Float64Array.of(-8, 2), Float64Array.of(2, 4));
    expect(Array.from(book.shares)).toEqual([0, 2]);
    expect(book.cash).toBe(100 - 10 + 8);
    const p = { ...config.aiChain.shortSellers, borrowFeeYearly: 0.12, hardToBorrowFeeYearly: 0.12 };
    const fee = chargeBorrowFee(book, Float64Array.of(2, 4), Float64Array.of(100, 100), p);
    expect(fee).toBeCloseTo((2 * 4 * 0.12) / 12, 15);
    expect(book.cash).toBeCloseTo(98 - fee, 12);
  });
});
