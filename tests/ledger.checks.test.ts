// The ledger check's two halves on hand-built records (ledger.ts): banks'
// books against their customers and the central bank's, and each sector's
// change in net financial wealth against its recorded flows. A consistent
// book passes; each kind of break throws ModelFailure naming the instrument.
import { describe, expect, it } from "vitest";
import { ModelFailure } from "../src/errors.ts";
import {
  checkBanksAgainstCustomers,
  checkSectorFlows,
  FlowRow,
  newFlowMatrix,
  recordFlow,
  SECTOR_COUNT,
  Sector,
} from "../src/model/ledger.ts";
import type { Banks, CentralBank, Government, LedgerState } from "../src/model/state.ts";

/** One bank: reserves 10 + loans 100 + bills 20 − deposits 110 = equity 20; the central bank holds 30 of 50 bills. */
function books(): { b: Banks; cb: CentralBank; g: Government } {
  const one = (x: number) => Float64Array.of(x);
  const b: Banks = {
    n: 1,
    reserves: one(10),
    loans: one(100),
    bills: one(20),
    deposits: one(110),
    equity: one(20),
    spreadYearly: one(0.02),
    profit: one(0),
    dividendDue: one(0),
    lendingCapacity: one(0),
  };
  const cb: CentralBank = {
    policyRateYearly: 0.04,
    bills: 30,
    reserves: 10,
    govAccount: 15,
    equity: 5,
    profit: 0,
    neutralRateEstimateYearly: 0.01,
    unemploymentHistory: new Float64Array(1),
  };
  const g: Government = {
    account: 15,
    bills: 50,
    purchasesReal: 0,
    debtGapIntegral: 0,
    taxes: 0,
    benefits: 0,
    purchases: 0,
    interest: 0,
    remittance: 0,
    recapitalisation: 0,
    fiscalSupport: 0,
    retraining: 0,
  };
  return { b, cb, g };
}

/** The failure's subject, or "" when the check passes. */
function subjectOf(run: () => void): string {
  try {
    run();
    return "";
  } catch (e) {
    if (e instanceof ModelFailure) return `${e.subject}@${e.tick}`;
    throw e;
  }
}

describe("checkBanksAgainstCustomers", () => {
  const check =
    (k: ReturnType<typeof books>, deposits = 110, loans = 100) =>
    () =>
      checkBanksAgainstCustomers(k.b, k.cb, k.g, Float64Array.of(deposits), Float64Array.of(loans), 7, 1e-9);

  it("passes consistent books", () => {
    expect(subjectOf(check(books()))).toBe("");
  });

  it("names the instrument that breaks, with the tick", () => {
    expect(subjectOf(check(books(), 111))).toBe("deposits@bank0@7");
    expect(subjectOf(check(books(), 110, 99))).toBe("loans@bank0@7");
    const k = books();
    k.b.equity[0] = 21; // equity booked from income flows no longer matches the balance sheet
    expect(subjectOf(check(k))).toBe("equity@bank0@7");
    const r = books();
    r.cb.reserves = 11;
    expect(subjectOf(check(r))).toBe("reserves@7");
    const a = books();
    a.g.account = 14;
    expect(subjectOf(check(a))).toBe("governmentAccount@7");
    const bills = books();
    bills.g.bills = 51;
    expect(subjectOf(check(bills))).toBe("bills@7");
    const e = books();
    e.cb.equity = 4;
    expect(subjectOf(check(e))).toBe("equity@centralBank@7");
  });
});

describe("checkSectorFlows", () => {
  /** Households paid 5 in wages by firms: their wealth rose 5, the firms' fell 5. */
  function wagePaid(): LedgerState {
    const flows = newFlowMatrix();
    recordFlow(flows, FlowRow.wages, Sector.firms, Sector.households, 5);
    const nfw = new Float64Array(SECTOR_COUNT);
    nfw[Sector.households] = 105;
    nfw[Sector.firms] = -105;
    const lastNfw = new Float64Array(SECTOR_COUNT);
    lastNfw[Sector.households] = 100;
    lastNfw[Sector.firms] = -100;
    return { flows, nfw, lastNfw, grossFinancialAssets: 210 };
  }

  it("passes when each sector's change in wealth is its recorded flows", () => {
    expect(subjectOf(() => checkSectorFlows(wagePaid(), 3, 1e-9))).toBe("");
  });

  it("fails on an unrecorded change, and on wealth that does not sum to zero", () => {
    const l = wagePaid();
    l.nfw[Sector.households] = 106;
    l.nfw[Sector.firms] = -106;
    expect(subjectOf(() => checkSectorFlows(l, 3, 1e-9))).toBe("nfw_households@3");
    const s = wagePaid();
    s.lastNfw[Sector.government] = 1;
    s.nfw[Sector.government] = 1;
    expect(subjectOf(() => checkSectorFlows(s, 3, 1e-9))).toBe("nfw (all sectors)@3");
  });
});
