// The aggregated settlements that moved into ledger.ts (issue 20 item 1:
// money moves only through ledger.ts): the banks' side of the household
// passes (settleHouseholdIncome, settleHouseholdPayments) and the bail-in
// (bailInDeposits), each checked on a small model's state against the stocks
// it must move and the ledger check.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config/index.ts";
import { createModel, type ModelState } from "../src/model/index.ts";
import {
  bailInDeposits,
  checkLedger,
  FlowRow,
  grantLoan,
  interestFromRecord,
  lendToRecord,
  Party,
  repaidByRecord,
  repayLoan,
  settleHouseholdIncome,
  settleHouseholdPayments,
  transfer,
} from "../src/model/ledger.ts";

function small(): ModelState {
  const c = defaultConfig();
  c.households.count = 60;
  c.firms.consumption.count = 4;
  c.firms.capital.count = 2;
  c.banks.count = 3;
  return createModel(c);
}

describe("ledger.ts aggregated settlements", () => {
  it("settleHouseholdIncome credits each bank's deposits, moves reserves less the interest it pays, and returns the interest", () => {
    const m = small();
    const b = m.banks;
    const before = { deposits: b.deposits.slice(), reserves: b.reserves.slice(), equity: b.equity.slice() };
    const cb = m.centralBank.reserves;
    const dep = Float64Array.from([100, -40, 7]);
    const interest = Float64Array.from([2, 1, 0.5]);
    const res = new Float64Array(3);
    expect(settleHouseholdIncome(m, dep, interest, res)).toBe(3.5);
    expect(Array.from(res)).toEqual([98, -41, 6.5]);
    for (let k = 0; k < 3; k++) {
      expect(b.deposits[k]).toBe(before.deposits[k] + dep[k]);
      expect(b.reserves[k]).toBe(before.reserves[k] + res[k]);
      expect(b.equity[k]).toBe(before.equity[k] - interest[k]);
    }
    expect(m.centralBank.reserves).toBe(cb + (98 - 41 + 6.5));
  });

  it("settleHouseholdPayments takes what households paid out of each bank's deposits and reserves", () => {
    const m = small();
    const b = m.banks;
    const deposits = b.deposits.slice();
    const reserves = b.reserves.slice();
    const cb = m.centralBank.reserves;
    settleHouseholdPayments(m, Float64Array.from([10, 0, 2.5]));
    expect(Array.from(b.deposits)).toEqual([deposits[0] - 10, deposits[1], deposits[2] - 2.5]);
    expect(Array.from(b.reserves)).toEqual([reserves[0] - 10, reserves[1], reserves[2] - 2.5]);
    expect(m.centralBank.reserves).toBeCloseTo(cb - 12.5, 6);
  });

  it("bailInDeposits writes every deposit at the bank down by one share, into its equity, and the ledger still balances", () => {
    const m = small();
    const k = 1;
    // The rest of the world holds a deposit at this bank (imports paid by a firm, through the ledger).
    m.restOfWorld.bank = k;
    transfer(m, FlowRow.imports, Party.firm, 0, Party.restOfWorld, 0, 50);
    checkLedger(m); // sets the base of the flow check
    const h = m.households;
    const atK: number[] = [];
    for (let i = 0; i < h.n; i++) if (h.bank[i] === k) atK.push(i);
    expect(atK.length).toBeGreaterThan(0);
    const old = atK.map((i) => h.deposits[i]);
    const other = h.bank.findIndex((x) => x !== k);
    const otherDeposit = h.deposits[other];
    const bankDeposits = m.banks.deposits[k];
    const equity = m.banks.equity[k];
    const amount = 0.1 * bankDeposits;
    bailInDeposits(m, k, amount);
    for (const [n, i] of atK.entries()) expect(h.deposits[i]).toBeCloseTo(old[n] * 0.9, 6);
    expect(m.restOfWorld.deposits).toBeCloseTo(45, 9);
    expect(h.deposits[other]).toBe(otherDeposit);
    expect(m.banks.deposits[k]).toBeCloseTo(bankDeposits - amount, 3);
    expect(m.banks.equity[k]).toBeCloseTo(equity + amount, 3);
    // Stocks and the flows recorded agree: the end-of-tick check passes.
    expect(() => checkLedger(m)).not.toThrow();
  });

  it("the record forms move the banks' and the central bank's side exactly as grantLoan, transfer and repayLoan do", () => {
    const a = small();
    const r = small();
    const j = 3;
    const k = a.firms.bank[j];
    grantLoan(a, j, 1000);
    transfer(a, FlowRow.loanInterest, Party.firm, j, Party.bank, k, 12.5);
    repayLoan(a, j, 40);
    // The firm's side held in a "record" (here its columns), the rest through the record forms.
    const f = r.firms;
    let d = f.deposits[j];
    let l = f.loans[j];
    l += 1000;
    d += 1000;
    lendToRecord(r.banks, k, 1000);
    d -= 12.5;
    r.centralBank.reserves = interestFromRecord(r.banks, r.ledger.flows, k, 12.5, r.centralBank.reserves);
    l -= 40;
    d -= 40;
    repaidByRecord(r.banks, k, 40);
    f.deposits[j] = d;
    f.loans[j] = l;
    for (const col of ["loans", "deposits", "reserves", "equity"] as const) {
      expect(Array.from(r.banks[col])).toEqual(Array.from(a.banks[col]));
    }
    expect(r.centralBank.reserves).toBe(a.centralBank.reserves);
    expect(Array.from(r.ledger.flows)).toEqual(Array.from(a.ledger.flows));
    expect(f.deposits[j]).toBe(a.firms.deposits[j]);
    expect(f.loans[j]).toBe(a.firms.loans[j]);
  });
});
