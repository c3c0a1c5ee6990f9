// The sums behind the series row (metrics.ts), on hand-built records: loan-
// weighted rates and default probabilities, banks' CET1 net of declared
// dividends against risk-weighted assets, and the public deficit.
import { describe, expect, it } from "vitest";
import { bankCapital, chainCredit, firmCreditTotals, governmentDeficit } from "../src/model/metrics.ts";
import type { Government } from "../src/model/state.ts";

describe("metrics totals", () => {
  it("firmCreditTotals: output at firms' prices, loans, and the loan-weighted rate and PD", () => {
    const t = firmCreditTotals({
      n: 2,
      output: Float64Array.of(10, 30),
      price: Float64Array.of(1, 2),
      loans: Float64Array.of(100, 300),
      loanRateYearly: Float64Array.of(0.04, 0.08),
      pdYearly: Float64Array.of(0.01, 0.03),
    });
    expect(t.realOutput).toBe(40);
    expect(t.nominalOutput).toBe(70);
    expect(t.loans).toBe(400);
    expect(t.rateWeighted / t.loans).toBeCloseTo(0.07, 12); // (4 + 24) / 400
    expect(t.pdWeighted / t.loans).toBeCloseTo(0.025, 12); // (1 + 9) / 400
  });

  it("chainCredit: the chain's debt to banks and to the fund", () => {
    expect(chainCredit({ n: 2, bankLoans: Float64Array.of(5, 7), fundLoans: Float64Array.of(1, 2) })).toBe(
      15,
    );
  });

  it("bankCapital: equity net of dividends declared; reserves weigh only when positive", () => {
    const c = bankCapital(
      {
        n: 2,
        equity: Float64Array.of(12, 8),
        dividendDue: Float64Array.of(2, 0),
        loans: Float64Array.of(100, 50),
        bills: Float64Array.of(40, 0),
        reserves: Float64Array.of(10, -5),
      },
      { loans: 1, bills: 0.2, reserves: 0.5 },
    );
    expect(c.equity).toBe(18);
    expect(c.riskWeighted).toBeCloseTo(100 + 8 + 5 + 50, 12);
  });

  it("governmentDeficit: spending and the utility's public grant less taxes and the central bank's remittance", () => {
    const gov: Government = {
      account: 0,
      bills: 0,
      purchasesReal: 0,
      debtGapIntegral: 0,
      taxes: 30,
      benefits: 5,
      purchases: 20,
      interest: 4,
      remittance: 1,
      recapitalisation: 2,
      fiscalSupport: 3,
      retraining: 1,
    };
    expect(governmentDeficit(gov, 6)).toBe(10); // 20 + 5 + 1 + 4 + 2 + 3 + 6 − 30 − 1
  });
});
