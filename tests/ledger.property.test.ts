// Property-based tests of the ledger (src/model/ledger.ts, docs/ODD.md §7.20
// "Stock-flow consistency"). Starting from a small fresh model, random
// sequences of legal ledger operations must keep `checkLedger` quiet and the
// sectors' net financial wealth summing to zero; an independent oracle (the
// flows we meant to make, summed per sector) must match the measured change
// in NFW. Conversely, corrupting a single stock without its counterpart (or
// planting a NaN) must make `checkLedger` throw a ModelFailure that names the
// instrument and the tick.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config/index.ts";
import { ModelFailure } from "../src/errors.ts";
import { createModel, type ModelState, step } from "../src/model/index.ts";
import {
  bankBuysBills,
  checkLedger,
  creditParty,
  debitParty,
  FLOW_ROW_COUNT,
  FlowRow,
  grantLoan,
  grantUtilityLoan,
  issueBillsToCentralBank,
  measureNetFinancialWealth,
  Party,
  type PartyKind,
  recordFlow,
  redeemBillsFromCentralBank,
  repayLoan,
  revalueEquity,
  SECTOR_COUNT,
  SECTOR_NAMES,
  Sector,
  type SectorId,
  transfer,
  writeOffLoan,
} from "../src/model/ledger.ts";
import { Pass } from "../src/model/passes.ts";

/** A small model: 50 households, 4 + 2 firms, 2 banks. */
function smallModel(seed = 1): ModelState {
  const c = defaultConfig();
  c.seed = seed;
  c.households.count = 50;
  c.firms.consumption.count = 4;
  c.firms.capital.count = 2;
  c.banks.count = 2;
  c.ticks = 60;
  return createModel(c);
}

/** Runs `fn`, which must throw a ModelFailure, and returns it. */
function modelFailure(fn: () => unknown): ModelFailure {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ModelFailure);
    expect((err as ModelFailure).exitCode).toBe(3);
    return err as ModelFailure;
  }
  throw new Error("expected checkLedger to throw a ModelFailure, but it passed");
}

// --- Operations -------------------------------------------------------------

/** The kinds of party a payment can move money between. */
const PARTY_KINDS: PartyKind[] = [
  Party.household,
  Party.firm,
  Party.bank,
  Party.centralBank,
  Party.government,
  Party.utility,
];

/** A party by kind and a raw index, reduced modulo the population when applied. */
const partyArb = fc.record({
  kind: fc.constantFrom<PartyKind>(...PARTY_KINDS),
  idx: fc.nat(1000),
});
/** Share of the available amount (deposits, loans, bills) an operation uses. */
const frac = fc.double({ min: 0, max: 1, noNaN: true });
/** Size of an amount not bounded by a stock (model dollars; household deposits are ~1e5–1e6). */
const size = fc.double({ min: 0, max: 2e6, noNaN: true });

type Op =
  | {
      op: "transfer";
      row: number;
      from: { kind: PartyKind; idx: number };
      to: { kind: PartyKind; idx: number };
      frac: number;
      size: number;
    }
  | { op: "grantLoan"; firm: number; size: number }
  | { op: "utilityLoan"; size: number; frac: number }
  | { op: "repayLoan"; firm: number; frac: number }
  | { op: "writeOffLoan"; firm: number; frac: number }
  | { op: "issueBills"; size: number }
  | { op: "redeemBills"; frac: number }
  | { op: "bankBuysBills"; bank: number; frac: number }
  | { op: "bankSellsBills"; bank: number; frac: number }
  | { op: "revalueEquity"; factor: number }
  | { op: "check" };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant("transfer" as const),
      row: fc.nat(FLOW_ROW_COUNT - 1),
      from: partyArb,
      to: partyArb,
      frac,
      size,
    }),
  },
  fc.record({ op: fc.constant("grantLoan" as const), firm: fc.nat(1000), size }),
  fc.record({ op: fc.constant("utilityLoan" as const), size, frac }),
  fc.record({ op: fc.constant("repayLoan" as const), firm: fc.nat(1000), frac }),
  fc.record({ op: fc.constant("writeOffLoan" as const), firm: fc.nat(1000), frac }),
  fc.record({ op: fc.constant("issueBills" as const), size }),
  fc.record({ op: fc.constant("redeemBills" as const), frac }),
  fc.record({ op: fc.constant("bankBuysBills" as const), bank: fc.nat(1000), frac }),
  fc.record({ op: fc.constant("bankSellsBills" as const), bank: fc.nat(1000), frac }),
  fc.record({
    op: fc.constant("revalueEquity" as const),
    factor: fc.double({ min: 0, max: 3, noNaN: true }),
  }),
  fc.constant({ op: "check" as const }),
);

function populationOf(m: ModelState, kind: PartyKind): number {
  switch (kind) {
    case Party.household:
      return m.households.n;
    case Party.firm:
      return m.firms.n;
    case Party.bank:
      return m.banks.n;
    default:
      return 1;
  }
}

/**
 * Applies one operation with amounts bounded so that no household or firm
 * deposit goes negative, and adds the net-worth changes it is meant to make
 * to `expected` (per sector) — an oracle independent of checkLedger.
 */
function apply(m: ModelState, o: Op, expected: Float64Array): void {
  const f = m.firms;
  switch (o.op) {
    case "transfer": {
      const from = o.from.idx % populationOf(m, o.from.kind);
      const to = o.to.idx % populationOf(m, o.to.kind);
      let amount: number;
      if (o.from.kind === Party.household) amount = o.frac * m.households.deposits[from];
      else if (o.from.kind === Party.firm) amount = o.frac * f.deposits[from];
      else amount = o.size;
      transfer(m, o.row, o.from.kind, from, o.to.kind, to, amount);
      expected[o.from.kind] -= amount;
      expected[o.to.kind] += amount;
      return;
    }
    case "grantLoan":
      grantLoan(m, o.firm % f.n, o.size);
      return;
    case "utilityLoan":
      // Borrow, then repay part of the debt out of the new deposit: neither changes net worth.
      grantUtilityLoan(m, o.size);
      grantUtilityLoan(m, -o.frac * Math.min(m.utility.loans, Math.max(0, m.utility.deposits)));
      return;
    case "repayLoan": {
      const j = o.firm % f.n;
      repayLoan(m, j, o.frac * Math.min(f.deposits[j], f.loans[j]));
      return;
    }
    case "writeOffLoan": {
      const j = o.firm % f.n;
      const amount = o.frac * f.loans[j];
      writeOffLoan(m, j, amount);
      expected[Sector.banks] -= amount;
      expected[Sector.firms] += amount;
      return;
    }
    case "issueBills":
      issueBillsToCentralBank(m, o.size);
      return;
    case "redeemBills":
      redeemBillsFromCentralBank(m, o.frac * m.centralBank.bills);
      return;
    case "bankBuysBills":
      bankBuysBills(m, o.bank % m.banks.n, o.frac * m.centralBank.bills);
      return;
    case "bankSellsBills": {
      const k = o.bank % m.banks.n;
      bankBuysBills(m, k, -o.frac * m.banks.bills[k]);
      return;
    }
    case "revalueEquity": {
      const before = m.macro.equityTotal;
      const after = o.factor * before;
      revalueEquity(m, after);
      expected[Sector.households] += after - before;
      expected[Sector.firms] -= after - before;
      return;
    }
    case "check":
      checkLedger(m);
      return;
  }
}

function nfwSnapshot(m: ModelState): Float64Array {
  const out = new Float64Array(SECTOR_COUNT);
  measureNetFinancialWealth(m, out);
  return out;
}

describe("the initial balance sheet", () => {
  it("passes checkLedger, with every sector's NFW summing to zero", () => {
    for (const seed of [1, 2, 3, 99]) {
      const m = smallModel(seed);
      expect(() => checkLedger(m)).not.toThrow();
      const nfw = m.ledger.nfw;
      const sum = nfw.reduce((a, b) => a + b, 0);
      expect(Math.abs(sum)).toBeLessThan(1e-9 * m.ledger.grossFinancialAssets);
      // Households are net lenders, firms net borrowers; the checks stored the base and cleared the flows.
      expect(nfw[Sector.households]).toBeGreaterThan(0);
      expect(nfw[Sector.firms]).toBeLessThan(0);
      expect(Array.from(m.ledger.lastNfw)).toEqual(Array.from(nfw));
      expect(m.ledger.flows.every((x) => x === 0)).toBe(true);
    }
  });
});

describe("random sequences of legal ledger operations", () => {
  it("keep checkLedger passing, NFW summing to zero, and NFW changes equal to the flows made", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.array(opArb, { minLength: 1, maxLength: 40 }),
        (seed, ops) => {
          const m = smallModel(seed);
          checkLedger(m);
          const before = nfwSnapshot(m);
          const expected = new Float64Array(SECTOR_COUNT);
          for (const o of ops) apply(m, o, expected);
          for (let i = 0; i < m.households.n; i++) expect(m.households.deposits[i]).toBeGreaterThanOrEqual(0);
          for (let j = 0; j < m.firms.n; j++) expect(m.firms.deposits[j]).toBeGreaterThanOrEqual(0);

          checkLedger(m);

          const nfw = m.ledger.nfw;
          const tol = 1e-9 * Math.max(1, m.ledger.grossFinancialAssets);
          let sum = 0;
          for (let s = 0; s < SECTOR_COUNT; s++) {
            sum += nfw[s];
            // Independent oracle: the change in each sector's NFW is what the operations meant to move.
            expect(Math.abs(nfw[s] - before[s] - expected[s])).toBeLessThanOrEqual(tol);
          }
          expect(Math.abs(sum)).toBeLessThanOrEqual(tol);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("checkLedger stores the base and clears the flow matrix, so consecutive checks compose", () => {
    fc.assert(
      fc.property(fc.array(fc.array(opArb, { maxLength: 10 }), { minLength: 2, maxLength: 5 }), (batches) => {
        const m = smallModel();
        checkLedger(m);
        const scratch = new Float64Array(SECTOR_COUNT);
        for (const ops of batches) {
          m.tick++;
          for (const o of ops) apply(m, o, scratch);
          checkLedger(m);
          expect(m.ledger.flows.every((x) => x === 0)).toBe(true);
          expect(Array.from(m.ledger.lastNfw)).toEqual(Array.from(m.ledger.nfw));
        }
      }),
      { numRuns: 50 },
    );
  });

  it("whole model ticks stay stock-flow consistent for random seeds", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 1, max: 3 }), (seed, banks) => {
        const c = defaultConfig();
        c.seed = seed;
        c.households.count = 60;
        c.firms.consumption.count = 5;
        c.firms.capital.count = 2;
        c.banks.count = banks;
        c.ticks = 24;
        const m = createModel(c);
        checkLedger(m);
        for (let t = 0; t < 24; t++) step(m); // step calls checkLedger and throws on a violation
        const sum = m.ledger.nfw.reduce((a, b) => a + b, 0);
        expect(Math.abs(sum)).toBeLessThanOrEqual(1e-9 * m.ledger.grossFinancialAssets);
      }),
      { numRuns: 20 },
    );
  });
});

// --- Negative properties: a stock without its counterpart is caught -----------

/** A model after a few random legal operations, its base stored, at a random tick. */
const setupArb = fc.record({
  seed: fc.integer({ min: 1, max: 1000 }),
  ops: fc.array(opArb, { maxLength: 8 }),
  tick: fc.integer({ min: 1, max: 5000 }),
});

function prepared(s: { seed: number; ops: Op[]; tick: number }): ModelState {
  const m = smallModel(s.seed);
  checkLedger(m);
  const scratch = new Float64Array(SECTOR_COUNT);
  for (const o of s.ops) apply(m, o, scratch);
  checkLedger(m);
  m.tick = s.tick;
  return m;
}

/** A corruption large enough to exceed the relative tolerance (1e-9 of gross assets), of either sign. */
const bump = fc
  .tuple(fc.double({ min: 1, max: 1e5, noNaN: true }), fc.boolean())
  .map(([x, neg]) => (neg ? -x : x));

function expectNamed(m: ModelState, subject: string | RegExp): ModelFailure {
  const err = modelFailure(() => checkLedger(m));
  if (typeof subject === "string") {
    expect(err.subject).toBe(subject);
    expect(err.message).toContain(subject);
  } else {
    expect(err.subject).toMatch(subject);
  }
  expect(err.tick).toBe(m.tick);
  expect(err.message).toContain(`tick ${m.tick}`);
  return err;
}

describe("corrupting a single stock makes checkLedger throw a ModelFailure naming it", () => {
  it("a household deposit without its bank liability → deposits@bank<k>", () => {
    fc.assert(
      fc.property(setupArb, fc.nat(49), bump, (s, i, x) => {
        const m = prepared(s);
        m.households.deposits[i] += x;
        const err = expectNamed(m, `deposits@bank${m.households.bank[i]}`);
        expect(Math.abs((err.residual ?? 0) - x)).toBeLessThan(1e-6 * Math.abs(x) + 1e-3);
      }),
      { numRuns: 60 },
    );
  });

  it("a firm deposit without its bank liability → deposits@bank<k>", () => {
    fc.assert(
      fc.property(setupArb, fc.nat(5), bump, (s, j, x) => {
        const m = prepared(s);
        m.firms.deposits[j] += x;
        expectNamed(m, `deposits@bank${m.firms.bank[j]}`);
      }),
      { numRuns: 40 },
    );
  });

  it("a bank's loan asset without a borrower → loans@bank<k>", () => {
    fc.assert(
      fc.property(setupArb, fc.nat(1), bump, (s, k, x) => {
        const m = prepared(s);
        m.banks.loans[k] += x;
        expectNamed(m, `loans@bank${k}`);
      }),
      { numRuns: 40 },
    );
  });

  it("a firm's debt without the bank's asset → loans@bank<k>", () => {
    fc.assert(
      fc.property(setupArb, fc.nat(5), bump, (s, j, x) => {
        const m = prepared(s);
        m.firms.loans[j] += x;
        expectNamed(m, `loans@bank${m.firms.bank[j]}`);
      }),
      { numRuns: 40 },
    );
  });

  it("a bank's equity off its balance sheet → equity@bank<k>", () => {
    fc.assert(
      fc.property(setupArb, fc.nat(1), bump, (s, k, x) => {
        const m = prepared(s);
        m.banks.equity[k] += x;
        expectNamed(m, `equity@bank${k}`);
      }),
      { numRuns: 40 },
    );
  });

  it("a bank's reserves without the central bank's liability → equity@bank<k> (its balance sheet no longer closes)", () => {
    fc.assert(
      fc.property(setupArb, fc.nat(1), bump, (s, k, x) => {
        const m = prepared(s);
        m.banks.reserves[k] += x;
        expectNamed(m, `equity@bank${k}`);
      }),
      { numRuns: 30 },
    );
  });

  it("bills, reserves and the government's account each against their counterpart", () => {
    fc.assert(
      fc.property(
        setupArb,
        bump,
        fc.constantFrom("govBills", "cbBills", "cbReserves", "govAccount", "cbEquity"),
        (s, x, which) => {
          const m = prepared(s);
          switch (which) {
            case "govBills":
              m.government.bills += x;
              expectNamed(m, "bills");
              return;
            case "cbBills":
              m.centralBank.bills += x;
              expectNamed(m, "bills");
              return;
            case "cbReserves":
              m.centralBank.reserves += x;
              expectNamed(m, "reserves");
              return;
            case "govAccount":
              m.government.account += x;
              expectNamed(m, "governmentAccount");
              return;
            case "cbEquity":
              m.centralBank.equity += x;
              expectNamed(m, "equity@centralBank");
              return;
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("the literal examples: deposits[3] += 1000, banks.loans[0] += 5, government.bills += 7", () => {
    let m = prepared({ seed: 1, ops: [], tick: 17 });
    m.households.deposits[3] += 1000;
    expect(modelFailure(() => checkLedger(m)).message).toMatch(
      /^stock-flow consistency violated at tick 17: deposits@bank\d/,
    );
    m = prepared({ seed: 1, ops: [], tick: 18 });
    m.banks.loans[0] += 5;
    expect(modelFailure(() => checkLedger(m)).message).toContain("tick 18: loans@bank0");
    m = prepared({ seed: 1, ops: [], tick: 19 });
    m.government.bills += 7;
    const err = modelFailure(() => checkLedger(m));
    expect(err.message).toContain("tick 19: bills");
    expect(err.residual).toBeCloseTo(-7, 6);
  });

  it("a balanced payment recorded in no flow row → nfw_<payer sector>", () => {
    fc.assert(
      fc.property(
        setupArb,
        fc.constantFrom(...PARTY_KINDS),
        fc.constantFrom(...PARTY_KINDS),
        fc.double({ min: 1, max: 1e4, noNaN: true }),
        (s, from, to, x) => {
          fc.pre(from !== to);
          const m = prepared(s);
          // Both sides of the payment, but no recordFlow: balance sheets close, the flow check does not.
          debitParty(m, from, 0, x);
          creditParty(m, to, 0, x);
          // The first sector (in Sector order) whose NFW moved without a recorded flow is named.
          expectNamed(m, `nfw_${SECTOR_NAMES[Math.min(from, to)]}`);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("a flow recorded without any payment → nfw_<sector>", () => {
    fc.assert(
      fc.property(
        setupArb,
        fc.nat(FLOW_ROW_COUNT - 1),
        fc.double({ min: 1, max: 1e4, noNaN: true }),
        (s, row, x) => {
          const m = prepared(s);
          recordFlow(m.ledger.flows, row, Sector.government, Sector.households, x);
          expectNamed(m, "nfw_households");
        },
      ),
      { numRuns: 30 },
    );
  });

  it("equity repriced outside revalueEquity → nfw_households", () => {
    fc.assert(
      fc.property(setupArb, bump, (s, x) => {
        const m = prepared(s);
        m.macro.equityTotal += x;
        expectNamed(m, "nfw_households");
      }),
      { numRuns: 30 },
    );
  });

  it("a NaN or infinity in a household, firm or bank column names the variable and agent", () => {
    const hhCols = [
      "wage",
      "deposits",
      "equityUnits",
      "reservationWage",
      "expectedIncome",
      "plannedSpend",
    ] as const;
    const firmCols = ["deposits", "loans", "price", "wage", "inventory", "capital", "markup"] as const;
    const bankCols = ["reserves", "loans", "bills", "deposits", "equity"] as const;
    const bad = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
    fc.assert(
      fc.property(
        setupArb,
        fc.oneof(
          fc.record({
            who: fc.constant("households" as const),
            col: fc.constantFrom(...hhCols),
            i: fc.nat(49),
          }),
          fc.record({ who: fc.constant("firms" as const), col: fc.constantFrom(...firmCols), i: fc.nat(5) }),
          fc.record({ who: fc.constant("banks" as const), col: fc.constantFrom(...bankCols), i: fc.nat(1) }),
        ),
        bad,
        (s, where, v) => {
          const m = prepared(s);
          const cols = m[where.who] as unknown as Record<string, Float64Array | Float32Array>;
          cols[where.col][where.i] = v;
          const err = expectNamed(m, `${where.who}.${where.col}[${where.i}]`);
          expect(err.message).toMatch(/^non-finite value at tick \d+: /);
          expect(err.message).toContain(`= ${v}`);
        },
      ),
      { numRuns: 80 },
    );
  });

  it("a NaN in a central-bank, government or macro scalar names it", () => {
    fc.assert(
      fc.property(
        setupArb,
        fc.constantFrom(
          ["centralBank", "reserves"],
          ["centralBank", "policyRateYearly"],
          ["government", "account"],
          ["government", "taxes"],
          ["macro", "equityTotal"],
          ["macro", "priceIndex"],
        ),
        (s, [obj, key]) => {
          const m = prepared(s);
          (m[obj as "centralBank"] as unknown as Record<string, number>)[key] = Number.NaN;
          expectNamed(m, `${obj}.${key}`);
        },
      ),
      { numRuns: 30 },
    );
  });

  it("corruptions below the relative tolerance (1e-9 of gross assets) are accepted as rounding", () => {
    const m = prepared({ seed: 1, ops: [], tick: 3 });
    const tol = 1e-9 * m.ledger.grossFinancialAssets;
    m.banks.loans[0] += tol / 10;
    m.firms.loans[m.firms.bank.indexOf(0)] += tol / 10;
    expect(() => checkLedger(m)).not.toThrow();
  });

  // Known gap (see report): the flow matrix itself is not checked for NaN, and
  // `Math.abs(change - NaN) > tol` is false, so a NaN flow with no stock change
  // passes the check (and is then silently cleared). Expected: ModelFailure.
  it("a NaN recorded in the flow matrix alone is reported", () => {
    const m = prepared({ seed: 1, ops: [], tick: 4 });
    recordFlow(
      m.ledger.flows,
      FlowRow.wages,
      Sector.firms as SectorId,
      Sector.households as SectorId,
      Number.NaN,
    );
    modelFailure(() => checkLedger(m));
  });
});

describe("the household census the purchase pass takes for the end-of-tick check", () => {
  /** Runs one tick of `m`, calling `after` right after the purchase pass (the census). */
  function stepWithHook(m: ModelState, after: () => void): void {
    const runner = m.runner;
    const run = runner.run.bind(runner);
    runner.run = (pass: number) => {
      run(pass);
      if (pass === Pass.purchase) after();
    };
    try {
      step(m);
    } finally {
      runner.run = run;
    }
  }

  it("a consistent payment to a household after the census is seen (the check takes a new census)", () => {
    const m = smallModel(3);
    for (let t = 0; t < 3; t++) step(m);
    // Both legs recorded: consistent, but it moves household deposits after the purchase pass.
    // Were the stale census used, household deposits would not match their bank's liabilities.
    expect(() =>
      stepWithHook(m, () => transfer(m, FlowRow.benefits, Party.government, 0, Party.household, 7, 12_345)),
    ).not.toThrow();
  });

  it("a household deposit written behind the ledger's back after the census is caught next tick at the latest", () => {
    const m = smallModel(4);
    for (let t = 0; t < 3; t++) step(m);
    let caughtThisTick = false;
    try {
      stepWithHook(m, () => {
        m.households.deposits[5] += 1e6;
      });
    } catch (err) {
      expect((err as ModelFailure).subject).toMatch(/deposits@bank|nfw_households/);
      caughtThisTick = true;
    }
    if (caughtThisTick) return;
    // This tick's census predates the write; the next tick's counts it.
    const err = modelFailure(() => step(m));
    expect(err.subject).toMatch(/deposits@bank|nfw_households/);
  });

  it("a NaN written after the census is caught next tick at the latest", () => {
    const m = smallModel(5);
    for (let t = 0; t < 3; t++) step(m);
    let err: ModelFailure | undefined;
    try {
      stepWithHook(m, () => {
        m.households.equityUnits[9] = Number.NaN;
      });
    } catch (e) {
      err = e as ModelFailure;
    }
    // Named where it is found: the column itself, or where it has spread to by then (dividends, deposits).
    err ??= modelFailure(() => step(m));
    expect(err).toBeInstanceOf(ModelFailure);
    expect(err.message).toMatch(/^non-finite value at tick \d+: /);
  });
});
