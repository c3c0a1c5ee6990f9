// Phases with explicit inputs (issue 20 item 1) run on records built by hand
// — a few banks, a central bank, a government, two firms — without building a
// model: what the shape of src/model/schedule.ts makes possible.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config/index.ts";
import { setCreditTerms } from "../src/model/agents/banks.ts";
import { setPolicyRate } from "../src/model/agents/centralBank.ts";
import { planPurchases } from "../src/model/agents/government.ts";
import type { ModelEvent } from "../src/model/events.ts";
import { updateMacro } from "../src/model/macro.ts";
import type { Banks, CentralBank, Firms, Government, MacroState } from "../src/model/state.ts";

/** `n` banks with the given loans and equity; reserves close each balance sheet (no deposits, no bills). */
function banks(loans: number[], equity: number[]): Banks {
  const n = loans.length;
  const col = () => new Float64Array(n);
  const b: Banks = {
    n,
    reserves: col(),
    loans: Float64Array.from(loans),
    bills: col(),
    deposits: col(),
    equity: Float64Array.from(equity),
    spreadYearly: col(),
    profit: col().fill(7),
    dividendDue: col(),
    lendingCapacity: col(),
  };
  for (let k = 0; k < n; k++) b.reserves[k] = b.equity[k] - b.loans[k];
  return b;
}

/** The macro record with the fields a phase reads set, the rest 0. */
function macro(fields: Partial<MacroState>): MacroState {
  const base = { priceHistory: new Float64Array(13).fill(1) } as Partial<MacroState>;
  return new Proxy({ ...base, ...fields } as MacroState, {
    get: (t, k) => (k in t ? t[k as keyof MacroState] : 0),
  });
}

describe("setCreditTerms on two hand-built banks", () => {
  const c = {
    ...defaultConfig().banks,
    baseSpreadYearly: 0.02,
    capitalSpreadSensitivity: 0.5,
    targetCapitalRatio: 0.12,
    capitalRequirement: 0.08,
    riskWeights: { loans: 1, bills: 0, reserves: 0 },
  };

  it("a bank at its target pays the base spread plus the shock; one 2 points below, 1 point more", () => {
    const b = banks([100, 100, 100], [12, 10, 6]);
    setCreditTerms(b, 0.01, c);
    expect(b.spreadYearly[0]).toBeCloseTo(0.03, 15);
    expect(b.spreadYearly[1]).toBeCloseTo(0.04, 15); // 0.02 + 0.5 × (0.12 − 0.10) + 0.01
    // Lending capacity: equity / requirement − risk-weighted assets; none below the requirement.
    expect(Array.from(b.lendingCapacity)).toEqual([50, 25, 0]);
    expect(Array.from(b.profit)).toEqual([0, 0, 0]); // the month's profit starts at 0
  });

  it("a negative shock never makes a spread negative", () => {
    const b = banks([100], [12]);
    setCreditTerms(b, -0.05, c);
    expect(b.spreadYearly[0]).toBe(0);
  });
});

describe("setPolicyRate on a hand-built central bank (path rule)", () => {
  it("holds the initial rate until the step's month, then steps, logs it and passes it on to depositors", () => {
    const cfg = defaultConfig();
    const p = { ...cfg.centralBank, rule: "path" as const, initialRateYearly: 0.045, overrides: [] };
    p.path = [{ from: "2026-01", rateYearly: 0.03 }];
    const deposits = {
      depositRateBeta: 0.5,
      depositRateMarkdownYearly: 0.005,
      depositRateAdjustmentMonths: 0,
    };
    const cb = { policyRateYearly: 0.045 } as CentralBank;
    const mac = macro({});
    const events: ModelEvent[] = [];
    setPolicyRate(cb, mac, p, deposits, { tick: 2, startDate: "2025-11" }, events);
    expect(cb.policyRateYearly).toBe(0.045);
    expect(events).toEqual([]);
    setPolicyRate(cb, mac, p, deposits, { tick: 3, startDate: "2025-11" }, events); // 2026-01 is tick 3
    expect(cb.policyRateYearly).toBe(0.03);
    expect(events).toEqual([{ type: "policyRateStep", fromYearly: 0.045, toYearly: 0.03 }]);
    expect(mac.depositRateYearly).toBeCloseTo(0.5 * 0.03 - 0.005, 15);
  });
});

describe("planPurchases on a hand-built government", () => {
  it("at the debt target buys its base share of potential output; above it, less", () => {
    const g = { ...defaultConfig().government, fiscalRuleIntegralGain: 0 };
    const y0 = 5000;
    const n = 100;
    const atTarget = { bills: g.debtTargetToGdp * 12 * y0 * n * 1.1, debtGapIntegral: 0 } as Government;
    planPurchases(atTarget, 1.1, y0, n, g);
    expect(atTarget.purchasesReal).toBeCloseTo(g.spendingShareOfGdp * y0 * n, 6);
    const above = { bills: atTarget.bills * 1.5, debtGapIntegral: 0 } as Government;
    planPurchases(above, 1.1, y0, n, g);
    expect(above.purchasesReal).toBeLessThan(atTarget.purchasesReal);
  });
});

describe("updateMacro on two hand-built firms", () => {
  it("prices, inflation against the start and unemployment from the firms' sales and employees", () => {
    const firms = {
      n: 2,
      nConsumption: 1,
      salesNominal: Float64Array.from([220, 0]),
      salesReal: Float64Array.from([200, 0]),
      output: Float64Array.from([200, 10]),
      price: Float64Array.from([1.1, 2]),
      employees: Int32Array.from([6, 2]),
    } as unknown as Firms;
    const utility = { active: false, electricityCpi: 0, goodsPriceIndex: 1 };
    const mac = macro({ priceIndex: 1, gdpNominalSmoothed: 120 });
    updateMacro(mac, firms, utility, 10, 1, { inflationAnchorGain: 0, householdElectricityShare: 0.02 });
    expect(mac.priceIndex).toBeCloseTo(1.1, 15); // revenue / real sales; no electricity without the grid
    expect(mac.inflationYoY).toBeCloseTo(0.1, 12); // against the start (slot of a year ago holds 1)
    expect(mac.employment).toBe(8);
    expect(mac.unemploymentRate).toBeCloseTo(0.2, 15);
    expect(mac.gdpNominalSmoothed).toBeCloseTo(130, 12); // 120 + (200 × 1.1 + 10 × 2 − 120) / 12
    expect(utility.goodsPriceIndex).toBeCloseTo(1.1, 15);
  });
});
