// The opening balance sheets ledger.ts writes (model/init.ts): a firm's loan
// and deposit, and the banks' balance sheets opened from their customers, on
// hand-built records (no model is built).
import { describe, expect, it } from "vitest";
import { openBanks, setFirmBalances } from "../src/model/ledger.ts";

function f64(...xs: number[]): Float64Array {
  return Float64Array.from(xs);
}

describe("opening balance sheets", () => {
  it("setFirmBalances writes the firm's loan and deposit and nothing else", () => {
    const firms = { loans: f64(0, 0, 0), deposits: f64(0, 0, 0) };
    setFirmBalances(firms, 1, 300, 40);
    expect([...firms.loans]).toEqual([0, 300, 0]);
    expect([...firms.deposits]).toEqual([0, 40, 0]);
  });

  it("openBanks sums each bank's customers, splits bills by deposits and closes each sheet with reserves", () => {
    const banks = {
      n: 2,
      deposits: f64(0, 0),
      loans: f64(0, 0),
      bills: f64(0, 0),
      equity: f64(0, 0),
      reserves: f64(0, 0),
    };
    const households = { n: 3, bank: Uint16Array.from([0, 1, 1]), deposits: f64(100, 50, 30) };
    const firms = { n: 2, bank: Uint16Array.from([1, 0]), deposits: f64(20, 10), loans: f64(200, 400) };
    const aiChain = { n: 1, bank: Uint16Array.from([1]), deposits: f64(5), bankLoans: f64(60) };
    const fund = { bank: 0, deposits: 15 };
    openBanks(banks, households, firms, aiChain, fund, 0.1, 50);
    // Bank 0: households 100, firm 1's 10, the fund's 15; bank 1: 50 + 30, firm 0's 20, the chain's 5.
    expect([...banks.deposits]).toEqual([125, 105]);
    expect([...banks.loans]).toEqual([400, 260]);
    expect(banks.bills[0] + banks.bills[1]).toBeCloseTo(50, 12);
    expect(banks.bills[0] / banks.bills[1]).toBeCloseTo(125 / 105, 12);
    expect([...banks.equity]).toEqual([0.1 * 400, 0.1 * 260]);
    for (let k = 0; k < 2; k++) {
      // Assets (reserves, loans, bills) = liabilities (deposits) + equity.
      expect(banks.reserves[k] + banks.loans[k] + banks.bills[k]).toBeCloseTo(
        banks.deposits[k] + banks.equity[k],
        9,
      );
    }
  });
});
