// Agent rules, one phase at a time, on small hand-built states: build a
// small model, set the columns a rule reads, call that one phase function and
// assert its outcome. Wherever money moves, the ledger check runs before
// (to store the base) and after the action (docs/ODD.md §7.20, "Stock-flow
// consistency").
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultConfig, type SpiralConfig } from "../src/config/index.ts";
import { learnNeutralRate } from "../src/model/agents/centralBank.ts";
import { wageGapGrowth } from "../src/model/agents/firms.ts";
import { createModel, type ModelState, step } from "../src/model/index.ts";
import { checkLedger, FlowRow, Party, transfer, writeOffLoan } from "../src/model/ledger.ts";
import { AgentStream, agentUniform } from "../src/model/rng.ts";
import {
  clearConsumptionMarketOn,
  collectDistributionsOn,
  earnAndPlanOn,
  financeFirmsOn,
  matchWorkersOn,
  payWagesOn,
  planInvestmentOn,
  planProductionOn,
  resolveBankFailuresOn,
  separateAndListJobSeekersOn,
  setPolicyRateOn,
  updateMacroOn,
} from "./helpers/phases.ts";

/** 50 households, 4 consumption + 2 capital firms, 2 banks; `tweak` edits the config first. */
function small(tweak: (c: SpiralConfig) => void = () => {}): ModelState {
  const c = defaultConfig();
  c.households.count = 50;
  c.firms.consumption.count = 4;
  c.firms.capital.count = 2;
  c.banks.count = 2;
  c.ticks = 60;
  tweak(c);
  return createModel(c);
}

/** |a − b| within a relative tolerance of the larger magnitude. */
function expectRel(actual: number, expected: number, rel = 1e-9): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
    rel * Math.max(1, Math.abs(expected), Math.abs(actual)),
  );
}

/** Deposit rate the banks pay at a given policy rate (deposit beta and markdown, floored at zero). */
function depositRateAt(m: ModelState, policy: number): number {
  return Math.max(0, m.config.banks.depositRateBeta * policy - m.config.banks.depositRateMarkdownYearly);
}

/** Move money out of a firm's deposit account through the ledger (to the government), leaving `keep`. */
function drainFirm(m: ModelState, j: number, keep: number): void {
  transfer(m, FlowRow.dividends, Party.firm, j, Party.government, 0, m.firms.deposits[j] - keep);
}

// --- Central bank -------------------------------------------------------------

describe("setPolicyRate: Taylor rule", () => {
  function taylor(smoothing = 0, lowerBound = 0): ModelState {
    const m = small((c) => {
      c.centralBank.rule = "taylor";
      c.centralBank.smoothing = smoothing;
      c.centralBank.lowerBoundYearly = lowerBound;
      c.centralBank.neutralRateLearning = 0; // r* fixed here; learnNeutralRate has its own test
    });
    m.tick = 1;
    m.macro.unemploymentRate = m.config.centralBank.naturalUnemploymentRate;
    return m;
  }

  it("without smoothing sets r* + π + φπ(π − π*) + φu(u* − u)", () => {
    const m = taylor();
    const cb = m.config.centralBank;
    m.macro.inflationYoY = 0.04;
    setPolicyRateOn(m);
    expectRel(
      m.centralBank.policyRateYearly,
      cb.neutralRealRateYearly + 0.04 + cb.inflationWeight * (0.04 - 0.02),
    );
    // Taylor (1993): r* 1 % + π 4 % + 0.5 × (4 % − 2 %).
    expect(m.centralBank.policyRateYearly).toBeCloseTo(0.06, 12);
    expectRel(m.macro.depositRateYearly, depositRateAt(m, 0.06));
    expect(m.events).toEqual([]);
  });

  it("raises the rate more than one for one with inflation above target, and lowers it with unemployment", () => {
    const rateAt = (pi: number, u: number) => {
      const m = taylor();
      m.macro.inflationYoY = pi;
      m.macro.unemploymentRate = u;
      setPolicyRateOn(m);
      return m.centralBank.policyRateYearly;
    };
    const u0 = 0.045;
    const r2 = rateAt(0.02, u0);
    const r3 = rateAt(0.03, u0);
    const r5 = rateAt(0.05, u0);
    expect(r3).toBeGreaterThan(r2);
    expect(r5).toBeGreaterThan(r3);
    // Taylor principle: ∂i/∂π = 1 + φπ = 1.5 > 1 (Taylor 1993).
    expect((r5 - r2) / 0.03).toBeCloseTo(1 + 0.5, 9);
    const rHighU = rateAt(0.02, 0.06); // 1.5 points more unemployment, still above the lower bound
    expect(rHighU).toBeLessThan(r2);
    // φu = 1 per point of unemployment (Taylor's 0.5 per point of output gap, Okun's 2).
    expect((r2 - rHighU) / 0.015).toBeCloseTo(1, 9);
  });

  it("respects the lower bound (and the deposit rate does not go negative)", () => {
    for (const lb of [0, 0.0025]) {
      const m = taylor(0, lb);
      m.macro.inflationYoY = -0.1;
      m.macro.unemploymentRate = 0.2;
      setPolicyRateOn(m);
      expect(m.centralBank.policyRateYearly).toBe(lb);
      expect(m.macro.depositRateYearly).toBeGreaterThanOrEqual(0);
      expectRel(m.macro.depositRateYearly, depositRateAt(m, lb));
    }
    // The bound also applies to the smoothed rate.
    const m = taylor(0.9, 0.01);
    m.centralBank.policyRateYearly = 0.0105;
    m.macro.inflationYoY = -0.2;
    setPolicyRateOn(m);
    expect(m.centralBank.policyRateYearly).toBe(0.01);
  });

  it("smooths: i = ρ i₋₁ + (1 − ρ) target, converging geometrically to the target", () => {
    const m = taylor(0.9);
    m.centralBank.policyRateYearly = 0.03;
    m.macro.inflationYoY = 0.04; // target 0.06
    setPolicyRateOn(m);
    expect(m.centralBank.policyRateYearly).toBeCloseTo(0.9 * 0.03 + 0.1 * 0.06, 12);
    for (let t = 2; t <= 20; t++) {
      m.tick = t;
      setPolicyRateOn(m);
    }
    expect(m.centralBank.policyRateYearly).toBeCloseTo(0.06 - 0.03 * 0.9 ** 20, 12);
    expect(m.events).toEqual([]);
  });
});

describe("learnNeutralRate", () => {
  it("moves r̂* by κ/12 × the gap terms, not down at the lower bound, within its bounds", () => {
    expectRel(learnNeutralRate(0.01, 0.012, 0.2, false), 0.01 + (0.2 * 0.012) / 12);
    expectRel(learnNeutralRate(0.01, -0.012, 0.2, false), 0.01 - (0.2 * 0.012) / 12);
    expect(learnNeutralRate(0.01, -0.012, 0.2, true)).toBe(0.01); // no wind-up at the bound
    expectRel(learnNeutralRate(0.01, 0.012, 0.2, true), 0.01 + (0.2 * 0.012) / 12);
    expect(learnNeutralRate(0.01, 0.5, 0, false)).toBe(0.01);
    expect(learnNeutralRate(0.059, 1, 12, false)).toBe(0.06);
    expect(learnNeutralRate(-0.029, -1, 12, false)).toBe(-0.03);
  });

  it("in the Taylor rule: persistent inflation above target raises r̂* and with it the rate", () => {
    const m = small((c) => {
      c.centralBank.rule = "taylor";
      c.centralBank.smoothing = 0;
    });
    const cb = m.config.centralBank;
    m.macro.unemploymentRate = cb.naturalUnemploymentRate;
    m.macro.inflationYoY = 0.03;
    const rates: number[] = [];
    for (let t = 1; t <= 24; t++) {
      m.tick = t;
      setPolicyRateOn(m);
      rates.push(m.centralBank.policyRateYearly);
    }
    const gaps = cb.inflationWeight * (0.03 - cb.inflationTargetYearly);
    expectRel(
      m.centralBank.neutralRateEstimateYearly,
      cb.neutralRealRateYearly + (24 * cb.neutralRateLearning * gaps) / 12,
    );
    for (let k = 1; k < rates.length; k++) expect(rates[k]).toBeGreaterThan(rates[k - 1]);
  });
});

describe("setPolicyRate: path rule", () => {
  function pathModel(path: { from: string; rateYearly: number }[]): ModelState {
    return small((c) => {
      c.centralBank.rule = "path";
      c.centralBank.initialRateYearly = 0.045;
      c.centralBank.path = path;
    });
  }

  it("holds the initial rate, steps at each configured month (tick 1 = startDate), and logs one event per step", () => {
    const m = pathModel([
      { from: "2025-05", rateYearly: 0.02 },
      { from: "2025-10", rateYearly: 0.01 },
    ]);
    const rates: number[] = [];
    for (let t = 1; t <= 12; t++) {
      m.tick = t;
      m.macro.inflationYoY = 0.1 * t; // ignored by the path rule
      setPolicyRateOn(m);
      rates.push(m.centralBank.policyRateYearly);
    }
    expect(rates).toEqual([0.045, 0.045, 0.045, 0.045, 0.02, 0.02, 0.02, 0.02, 0.02, 0.01, 0.01, 0.01]);
    expect(m.events).toEqual([
      { type: "policyRateStep", fromYearly: 0.045, toYearly: 0.02 },
      { type: "policyRateStep", fromYearly: 0.02, toYearly: 0.01 },
    ]);
    expectRel(m.macro.depositRateYearly, depositRateAt(m, 0.01));
  });

  // The schema accepts steps in any order: at tick 12 (2025-12) the step from
  // 2025-10 applies, not the one from 2025-05 listed after it.
  it("an unsorted path still applies the latest step that has started", () => {
    const m = pathModel([
      { from: "2025-10", rateYearly: 0.01 },
      { from: "2025-05", rateYearly: 0.02 },
    ]);
    m.tick = 12;
    setPolicyRateOn(m);
    expect(m.centralBank.policyRateYearly).toBe(0.01);
  });
});

// --- Firms' plans ---------------------------------------------------------------

describe("planProduction", () => {
  /** Unemployment at the natural rate and inflation at target: wages only indexed. */
  function calm(): ModelState {
    const m = small();
    m.tick = 3;
    m.macro.inflationYoY = m.config.centralBank.inflationTargetYearly;
    m.macro.unemploymentRate = m.config.centralBank.naturalUnemploymentRate;
    return m;
  }
  function indexationOf(m: ModelState): number {
    const c = m.config.firms;
    const pi = m.config.centralBank.inflationTargetYearly;
    return (c.wageIndexation * (c.inflationAnchor * pi + (1 - c.inflationAnchor) * pi)) / 12;
  }

  it("expected sales adapt toward demand with the configured weight", () => {
    const m = calm();
    const lambda = m.config.firms.salesExpectationWeight;
    m.firms.expectedSales[0] = 100_000;
    m.firms.demandReal[0] = 200_000;
    m.firms.expectedSales[1] = 150_000;
    m.firms.demandReal[1] = 50_000;
    planProductionOn(m);
    expectRel(m.firms.expectedSales[0], 100_000 + lambda * 100_000);
    expectRel(m.firms.expectedSales[1], 150_000 - lambda * 100_000);
  });

  it("planned output = expected × (1 + inventory target) − inventory, capped by capacity for consumption firms", () => {
    const m = calm();
    const f = m.firms;
    const inv = m.config.firms.inventoryTargetMonths;
    const lambda = m.config.firms.salesExpectationWeight;
    // Firm 0: ample capacity.
    f.expectedSales[0] = 100_000;
    f.demandReal[0] = 100_000;
    f.inventory[0] = 20_000;
    // Firm 1: capital for only 50 000 units a month.
    f.expectedSales[1] = 100_000;
    f.demandReal[1] = 100_000;
    f.inventory[1] = 0;
    f.capital[1] = 50_000 / m.params.prodCapital;
    // Firm 2: inventory above the plan → nothing to produce.
    f.expectedSales[2] = 100_000;
    f.demandReal[2] = 100_000;
    f.inventory[2] = 200_000;
    // Firm 4 (capital goods): no capital, no capacity cap.
    f.expectedSales[4] = 60_000;
    f.demandReal[4] = 80_000;
    f.inventory[4] = 10_000;
    planProductionOn(m);
    expectRel(f.plannedOutput[0], 100_000 * (1 + inv) - 20_000);
    expect(f.plannedOutput[0]).toBeLessThan(f.capital[0] * m.params.prodCapital);
    expectRel(f.plannedOutput[1], 50_000);
    expect(f.plannedOutput[2]).toBe(0);
    const e4 = 60_000 + lambda * 20_000;
    expectRel(f.plannedOutput[4], e4 * (1 + inv) - 10_000);
    // Labour demand covers the plan.
    const prodL = m.params.prodLabourConsumption;
    expect(f.labourDemand[0]).toBe(Math.ceil(f.plannedOutput[0] / prodL - 1e-9));
    expect(f.labourDemand[2]).toBe(0);
    expect(f.labourDemand[0] * prodL).toBeGreaterThanOrEqual(f.plannedOutput[0]);
    expect((f.labourDemand[0] - 1) * prodL).toBeLessThan(f.plannedOutput[0]);
  });

  it("price = (1 + markup) × wage / productivity; markup steady within the inventory band", () => {
    const m = calm();
    const f = m.firms;
    const normal = m.config.firms.consumption.initialMarkup;
    for (let j = 0; j < f.n; j++) f.inventory[j] = m.config.firms.inventoryTargetMonths * f.expectedSales[j];
    planProductionOn(m);
    for (let j = 0; j < f.n; j++) {
      const prodL = j < f.nConsumption ? m.params.prodLabourConsumption : m.params.prodLabourCapital;
      expectRel(f.markup[j], normal);
      expectRel(f.price[j], ((1 + f.markup[j]) * f.wage[j]) / prodL);
    }
  });

  it("markup rises when inventories are well below target and falls when well above", () => {
    const m = calm();
    const f = m.firms;
    const c = m.config.firms;
    const normal = c.consumption.initialMarkup;
    f.inventory[0] = 0; // far below target
    f.inventory[1] = 10 * c.inventoryTargetMonths * f.expectedSales[1]; // far above
    f.inventory[2] = c.inventoryTargetMonths * f.expectedSales[2]; // on target
    planProductionOn(m);
    expect(f.markup[0]).toBeGreaterThan(normal);
    expect(f.markup[0]).toBeLessThanOrEqual(normal * (1 + c.markupAdjustMax));
    expect(f.markup[1]).toBeLessThan(normal);
    expect(f.markup[1]).toBeGreaterThanOrEqual(normal * (1 - c.markupAdjustMax));
    expectRel(f.markup[2], normal);
    // Same wage everywhere (no vacancies, no slack) → prices rank like markups.
    expect(f.wage[0]).toBe(f.wage[1]);
    expect(f.price[0]).toBeGreaterThan(f.price[2]);
    expect(f.price[2]).toBeGreaterThan(f.price[1]);
    // Exact draw: m ← m(1 + u·max), then reversion toward normal.
    const u = agentUniform(m.seed, AgentStream.markup, m.tick, 0);
    const raised = normal * (1 + u * c.markupAdjustMax);
    expectRel(f.markup[0], raised + c.markupReversion * (normal - raised));
  });

  it("the wage rises after unfilled vacancies and is only indexed otherwise, at the natural rate", () => {
    const m = calm();
    const f = m.firms;
    const c = m.config.firms;
    const w0 = Array.from(f.wage);
    f.unfilled[3] = 1;
    planProductionOn(m);
    const idx = indexationOf(m);
    const u3 = agentUniform(m.seed, AgentStream.wage, m.tick, 3);
    expectRel(f.wage[3], w0[3] * (1 + u3 * c.wageAdjustMax + idx));
    expect(f.wage[3] / w0[3]).toBeGreaterThan(1 + idx);
    for (const j of [0, 1, 2, 4, 5]) expectRel(f.wage[j], w0[j] * (1 + idx));
  });

  it("wage Phillips curve: every wage grows by φw (u* − u) / 12 on top of indexation, not below the floor", () => {
    const idx = indexationOf(calm());
    const slope = calm().config.firms.wagePhillipsSlope;
    const natural = calm().config.centralBank.naturalUnemploymentRate;
    expect(slope).toBeGreaterThan(0);
    // Tight labour market: 2 points below the natural rate → faster wage growth everywhere.
    const tight = calm();
    tight.macro.unemploymentRate = natural - 0.02;
    const wt = Array.from(tight.firms.wage);
    planProductionOn(tight);
    const gapUp = wageGapGrowth(slope, natural, natural - 0.02);
    expectRel(gapUp, (slope * 0.02) / 12);
    for (let j = 0; j < tight.firms.n; j++) expectRel(tight.firms.wage[j], wt[j] * (1 + idx + gapUp));
    // Deep slack: the Phillips term would cut wages, but the floor (0 by default) holds them.
    const slack = calm();
    slack.macro.unemploymentRate = natural + 0.1;
    expect(idx + wageGapGrowth(slope, natural, natural + 0.1)).toBeLessThan(0);
    const ws = Array.from(slack.firms.wage);
    planProductionOn(slack);
    const floor = slack.config.firms.wageGrowthFloorYearly / 12;
    for (let j = 0; j < slack.firms.n; j++) expectRel(slack.firms.wage[j], ws[j] * (1 + floor));
    // Without the floor the cut goes through.
    const free = small((c) => {
      c.firms.wageGrowthFloorYearly = -1;
    });
    free.tick = 3;
    free.macro.inflationYoY = free.config.centralBank.inflationTargetYearly;
    free.macro.unemploymentRate = natural + 0.1;
    const wf = Array.from(free.firms.wage);
    planProductionOn(free);
    const gapDown = wageGapGrowth(slope, natural, natural + 0.1);
    for (let j = 0; j < free.firms.n; j++) expectRel(free.firms.wage[j], wf[j] * (1 + idx + gapDown));
    expect(free.firms.wage[0]).toBeLessThan(wf[0]);
  });

  it("wage Phillips curve with a slack limit: deep slack takes at most L a year off wage growth; near u* the linear term", () => {
    const limit = 0.01;
    const slope = calm().config.firms.wagePhillipsSlope;
    const natural = calm().config.centralBank.naturalUnemploymentRate;
    // The pure term: bounded below at −L / 12 in deep slack, untouched where the linear term is above −L.
    expectRel(wageGapGrowth(slope, natural, natural + 0.1, limit), -limit / 12);
    expect(wageGapGrowth(slope, natural, natural + 0.1, 0)).toBeLessThan(-limit / 12);
    expect(wageGapGrowth(slope, natural, natural + 0.01, limit)).toBe(
      wageGapGrowth(slope, natural, natural + 0.01),
    );
    expect(wageGapGrowth(slope, natural, natural - 0.02, limit)).toBe(
      wageGapGrowth(slope, natural, natural - 0.02),
    );
    // On a hand-built state, floor off so the limit alone bounds the cut: 10 points of slack
    // (linear term −5 % a year) move every wage by indexation − L / 12, not more.
    const bent = small((c) => {
      c.firms.wageGrowthFloorYearly = -1;
      c.firms.wagePhillipsSlackLimitYearly = limit;
    });
    bent.tick = 3;
    bent.macro.inflationYoY = bent.config.centralBank.inflationTargetYearly;
    bent.macro.unemploymentRate = natural + 0.1;
    const idx = indexationOf(bent);
    const wb = Array.from(bent.firms.wage);
    planProductionOn(bent);
    for (let j = 0; j < bent.firms.n; j++) expectRel(bent.firms.wage[j], wb[j] * (1 + idx - limit / 12));
    // The same state without the limit cuts by the linear term: wages end lower.
    const linear = small((c) => {
      c.firms.wageGrowthFloorYearly = -1;
    });
    linear.tick = 3;
    linear.macro.inflationYoY = linear.config.centralBank.inflationTargetYearly;
    linear.macro.unemploymentRate = natural + 0.1;
    planProductionOn(linear);
    expect(linear.firms.wage[0]).toBeLessThan(bent.firms.wage[0]);
  });

  it("lays off a share of the excess workforce; a successor (age 0) plans nothing and lets everyone go", () => {
    const m = calm();
    const f = m.firms;
    const c = m.config.firms;
    const sep = m.config.households.separationRateMonthly;
    f.expectedSales[0] = 100_000;
    f.demandReal[0] = 100_000;
    f.inventory[0] = 0.5 * 100_000;
    f.age[1] = 0;
    planProductionOn(m);
    const demand = f.labourDemand[0];
    const n = f.employees[0];
    expect(n).toBeGreaterThan(demand);
    expectRel(f.leaveProbability[0], sep + (1 - sep) * ((c.firingSpeed * (n - demand)) / n));
    expect(f.plannedOutput[1]).toBe(0);
    expect(f.labourDemand[1]).toBe(0);
    expect(f.leaveProbability[1]).toBe(1);
  });
});

describe("planInvestment", () => {
  it("orders more capital with higher utilisation (and with higher profitability)", () => {
    const m = small();
    const f = m.firms;
    const c = m.config.firms.consumption;
    const delta = m.params.depreciationMonthly;
    const rbar = m.params.normalProfitRateYearly;
    for (let j = 0; j < f.nConsumption; j++) {
      f.capital[j] = 4e6;
      f.profitRate[j] = rbar;
    }
    f.utilization[0] = 0.9;
    f.utilization[1] = c.targetUtilization;
    f.utilization[2] = 0.7;
    f.utilization[3] = c.targetUtilization;
    f.profitRate[3] = 1.5 * rbar;
    planInvestmentOn(m);
    const o = f.investmentOrder;
    expect(o[0]).toBeGreaterThan(o[1]);
    expect(o[1]).toBeGreaterThan(o[2]);
    expect(o[3]).toBeGreaterThan(o[1]);
    // At target utilisation and normal profitability, orders replace depreciation.
    expectRel(o[1], 4e6 * delta);
    const g0 = (c.investmentUtilizationSensitivity * (0.9 - c.targetUtilization)) / c.targetUtilization;
    expectRel(o[0], 4e6 * (delta + g0 / 12));
    // Capital-goods firms do not invest.
    expect(o[4]).toBe(0);
    expect(o[5]).toBe(0);
  });

  it("never orders negative investment, and a successor (age 0) orders none", () => {
    const m = small();
    const f = m.firms;
    f.utilization[0] = 0;
    f.profitRate[0] = -10;
    f.age[1] = 0;
    f.utilization[1] = 1;
    planInvestmentOn(m);
    expect(f.investmentOrder[0]).toBe(0);
    expect(f.investmentOrder[1]).toBe(0);
  });
});

// --- Credit -----------------------------------------------------------------------

describe("financeFirms", () => {
  it("a firm whose deposits fall short of its debt service and gets no credit defaults and is replaced", () => {
    const m = small();
    const f = m.firms;
    const lgd = m.config.banks.lossGivenDefault;
    drainFirm(m, 0, 0);
    m.banks.lendingCapacity.fill(0); // no bank will lend
    checkLedger(m);
    const bank = f.bank[0];
    const loans = f.loans[0];
    const workers = f.employees[0];
    const equityBefore = m.banks.equity[bank];
    m.tick = 1;

    financeFirmsOn(m);

    expect(f.age[0]).toBe(0);
    expect(m.macro.firmDefaults).toBe(1);
    // Nothing to seize: the bank writes off loss-given-default of the loan; the rest passes to the successor.
    expectRel(f.loans[0], loans * (1 - lgd));
    let interestAtBank = 0;
    for (let j = 0; j < f.n; j++) if (f.bank[j] === bank) interestAtBank += f.interestPaid[j];
    expect(f.interestPaid[0]).toBe(0);
    expectRel(m.banks.equity[bank], equityBefore - loans * lgd + interestAtBank);
    expect(m.events).toHaveLength(1);
    expect(m.events[0]).toMatchObject({
      type: "firmDefault",
      firm: 0,
      sector: "consumption",
      employees: workers,
    });
    expectRel(
      (m.events[0] as Record<string, unknown>).writeOffUsdBn as number,
      (loans * lgd) / m.params.scale / 1e9,
    );
    expectRel((m.events[0] as Record<string, unknown>).loansUsdBn as number, loans / m.params.scale / 1e9);
    // The successor sits out: no plan, everyone leaves, owners owe it equity.
    expect(f.labourDemand[0]).toBe(0);
    expect(f.leaveProbability[0]).toBe(1);
    expect(f.pendingEquity[0]).toBeGreaterThan(0);
    // Nobody else defaulted.
    for (let j = 1; j < f.n; j++) expect(f.age[j]).toBe(120);
    checkLedger(m);
  });

  it("a fresh-start successor: owners' equity repays the recovery, it plans from its order book; off, it keeps the loan", () => {
    for (const fresh of [true, false]) {
      const m = small((c) => {
        c.firms.successorFreshStart = fresh;
      });
      const f = m.firms;
      const lgd = m.config.banks.lossGivenDefault;
      drainFirm(m, 0, 0);
      m.banks.lendingCapacity.fill(0);
      const lastDemand = 1e-3 * f.expectedSales[0]; // its customers have nearly all left
      f.demandReal[0] = lastDemand;
      const loans = f.loans[0];
      m.tick = 1;
      financeFirmsOn(m);
      expect(f.age[0]).toBe(0);
      const left = loans * (1 - lgd);
      expectRel(f.loans[0], left);
      if (fresh) {
        // Planned sales: what still reached the failed firm, not half the sector's average.
        expect(f.expectedSales[0]).toBe(lastDemand);
        expect(f.pendingEquity[0]).toBeGreaterThan(left);
      } else {
        expect(f.expectedSales[0]).toBeGreaterThan(lastDemand);
        expect(f.pendingEquity[0]).toBeLessThan(left);
      }
      // The income phase as scheduled (wages, distributions, households): the other firms' dividends pay the equity in.
      for (let j = 1; j < f.n; j++) f.dividendDue[j] = f.deposits[j];
      const owed = f.pendingEquity[0];
      payWagesOn(m);
      const depositsBefore = f.deposits[0];
      const loansBefore = f.loans[0]; // the recovery, and any credit line its last wages drew
      expect(loansBefore).toBeGreaterThanOrEqual(left);
      earnAndPlanOn(m, collectDistributionsOn(m));
      // What the pool could pay this month (the rest stays owed); a fresh successor's equity repays its loan first.
      const paid = owed - f.pendingEquity[0];
      expect(paid).toBeGreaterThan(0);
      if (fresh) {
        expectRel(f.loans[0], Math.max(0, loansBefore - paid));
        expectRel(f.deposits[0], depositsBefore + paid - (loansBefore - f.loans[0]));
      } else {
        expectRel(f.loans[0], loansBefore);
        expectRel(f.deposits[0], depositsBefore + paid);
      }
      checkLedger(m);
    }
  });

  it("a defaulting firm's deposits are seized against the loan before the write-off", () => {
    const m = small();
    const f = m.firms;
    const lgd = m.config.banks.lossGivenDefault;
    const service = f.loans[2] * (f.loanRateYearly[2] / 12 + 1 / m.config.firms.loanMaturityMonths);
    drainFirm(m, 2, 0.5 * service);
    checkLedger(m);
    const loans = f.loans[2];
    const deposits = f.deposits[2];
    m.tick = 1;
    financeFirmsOn(m);
    expect(f.age[2]).toBe(0);
    expect(f.deposits[2]).toBe(0);
    expectRel(f.loans[2], (loans - deposits) * (1 - lgd));
    expectRel(
      (m.events[0] as Record<string, unknown>).writeOffUsdBn as number,
      ((loans - deposits) * lgd) / m.params.scale / 1e9,
    );
    checkLedger(m);
  });

  it("a firm above maxDefaultProbability gets no new loan; an eligible one does", () => {
    const m = small();
    const f = m.firms;
    const maxPd = m.config.banks.maxDefaultProbability;
    const maturity = m.config.firms.loanMaturityMonths;
    // Firms 1 and 2: enough cash for debt service, not for wages → both ask for credit.
    for (const j of [1, 2]) {
      const service = f.loans[j] * (f.loanRateYearly[j] / 12 + 1 / maturity);
      drainFirm(m, j, service + 1000);
    }
    f.pdYearly[1] = Math.min(1, maxPd * 2);
    f.pdYearly[2] = maxPd / 4;
    m.banks.lendingCapacity.fill(1e12);
    checkLedger(m);
    const l1 = f.loans[1];
    const l2 = f.loans[2];
    m.tick = 1;
    financeFirmsOn(m);
    expect(f.age[1]).toBe(120);
    expect(f.age[2]).toBe(120);
    // Firm 1 only repaid principal; firm 2 borrowed.
    expectRel(f.loans[1], l1 - l1 / maturity);
    expect(f.loans[2]).toBeGreaterThan(l2 - l2 / maturity + 1000);
    // Without credit firm 1 hires only what its cash can pay.
    expect(f.labourDemand[1] * f.wage[1]).toBeLessThanOrEqual(f.deposits[1]);
    expect(m.events).toEqual([]);
    checkLedger(m);
  });

  it("banks lend no more than their lending capacity", () => {
    const m = small();
    const f = m.firms;
    const maturity = m.config.firms.loanMaturityMonths;
    for (let j = 0; j < f.n; j++) {
      const service = f.loans[j] * (f.loanRateYearly[j] / 12 + 1 / maturity);
      drainFirm(m, j, service + 10);
    }
    m.banks.lendingCapacity[0] = 5000;
    m.banks.lendingCapacity[1] = 0;
    checkLedger(m);
    const before = Array.from(f.loans);
    m.tick = 1;
    financeFirmsOn(m);
    const granted = [0, 0];
    for (let j = 0; j < f.n; j++) granted[f.bank[j]] += f.loans[j] - (before[j] - before[j] / maturity);
    expect(granted[0]).toBeCloseTo(5000, 6);
    expect(granted[1]).toBeCloseTo(0, 6);
    expect(m.banks.lendingCapacity[0]).toBeCloseTo(0, 6);
    expect(m.macro.firmDefaults).toBe(0);
    checkLedger(m);
  });
});

// --- Labour market ------------------------------------------------------------------

describe("separateAndListJobSeekers + matchWorkers", () => {
  function employeesMatchHouseholds(m: ModelState): void {
    const counts = new Int32Array(m.firms.n);
    for (let i = 0; i < m.households.n; i++)
      if (m.households.employer[i] >= 0) counts[m.households.employer[i]]++;
    expect(Array.from(m.firms.employees)).toEqual(Array.from(counts));
  }

  it("a firm with leaveProbability 1 loses all its workers; firms with 0 lose none", () => {
    const m = small();
    const h = m.households;
    const f = m.firms;
    m.tick = 2;
    f.leaveProbability.fill(0);
    f.leaveProbability[0] = 1;
    const before = Array.from(f.employees);
    const unemployedBefore = h.employer.filter((e) => e < 0).length;
    const oldWorkers = [...h.employer.keys()].filter((i) => h.employer[i] === 0);
    const seekers = separateAndListJobSeekersOn(m);
    expect(f.employees[0]).toBe(0);
    for (let j = 1; j < f.n; j++) expect(f.employees[j]).toBe(before[j]);
    expect(seekers).toBe(unemployedBefore + before[0]);
    for (const i of oldWorkers) {
      expect(h.employer[i]).toBe(-1);
      expect(h.unemployedMonths[i]).toBe(0);
      expect(h.reservationWage[i]).toBe(h.wage[i]);
    }
    employeesMatchHouseholds(m);
  });

  it("the reservation wage of the unemployed decays but not below the benefit", () => {
    const m = small();
    const h = m.households;
    m.tick = 2;
    m.firms.leaveProbability.fill(0);
    const un = [...h.employer.keys()].filter((i) => h.employer[i] < 0);
    expect(un.length).toBeGreaterThan(0);
    h.reservationWage[un[0]] = h.wage[un[0]];
    h.reservationWage[un[1]] = 0.41 * h.wage[un[1]];
    h.unemployedMonths[un[0]] = 3;
    separateAndListJobSeekersOn(m);
    const decay = 1 - m.config.households.reservationWageDecayMonthly;
    expect(h.reservationWage[un[0]]).toBeCloseTo(Math.fround(h.wage[un[0]] * decay), 0);
    expect(h.reservationWage[un[1]]).toBeCloseTo(
      Math.fround(m.config.government.benefitReplacementRate * h.wage[un[1]]),
      0,
    );
    expect(h.unemployedMonths[un[0]]).toBe(4);
  });

  it("vacancies are filled only by seekers whose reservation wage ≤ the posted wage", () => {
    const m = small();
    const h = m.households;
    const f = m.firms;
    m.tick = 2;
    f.leaveProbability.fill(0);
    f.leaveProbability[0] = 1;
    const seekers = separateAndListJobSeekersOn(m);
    for (let j = 0; j < f.n; j++) f.labourDemand[j] = f.employees[j];
    f.labourDemand[1] = f.employees[1] + 5;
    const wage = f.wage[1];
    const pool = Array.from(m.scratch.unemployed.subarray(0, seekers));
    pool.forEach((i, k) => {
      h.reservationWage[i] = k % 2 === 0 ? wage * 1.2 : wage * 0.9;
    });
    const reservation = new Map(pool.map((i) => [i, h.reservationWage[i]]));
    const e1 = f.employees[1];
    const open = matchWorkersOn(m, seekers);
    const hired = pool.filter((i) => h.employer[i] === 1);
    expect(hired.length).toBeGreaterThan(0);
    expect(hired.length).toBeLessThanOrEqual(5);
    for (const i of hired) {
      expect(reservation.get(i)!).toBeLessThanOrEqual(wage);
      expect(h.wage[i]).toBe(Math.fround(wage));
      expect(h.unemployedMonths[i]).toBe(0);
    }
    // Nobody else was hired by anyone.
    expect(pool.filter((i) => h.employer[i] >= 0 && h.employer[i] !== 1)).toEqual([]);
    expect(f.employees[1]).toBe(e1 + hired.length);
    expect(open).toBe(5 - hired.length);
    expect(f.unfilled[1]).toBe(hired.length < 5 ? 1 : 0);
    employeesMatchHouseholds(m);
  });

  it("when every seeker asks for more than the wage, nobody is hired and the vacancies stay open", () => {
    const m = small();
    const h = m.households;
    const f = m.firms;
    m.tick = 2;
    f.leaveProbability.fill(0);
    f.leaveProbability[2] = 1;
    const seekers = separateAndListJobSeekersOn(m);
    for (let j = 0; j < f.n; j++) f.labourDemand[j] = f.employees[j];
    f.labourDemand[0] = f.employees[0] + 3;
    for (let k = 0; k < seekers; k++) h.reservationWage[m.scratch.unemployed[k]] = 2 * f.wage[0];
    const before = Array.from(f.employees);
    expect(matchWorkersOn(m, seekers)).toBe(3);
    expect(Array.from(f.employees)).toEqual(before);
    expect(f.unfilled[0]).toBe(1);
    for (let j = 1; j < f.n; j++) expect(f.unfilled[j]).toBe(0);
  });

  it("for random leave probabilities, demands and reservation wages, headcounts always match the households", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 }),
        fc.array(fc.integer({ min: -3, max: 8 }), { minLength: 6, maxLength: 6 }),
        fc.array(fc.double({ min: 0.5, max: 1.5, noNaN: true }), { minLength: 50, maxLength: 50 }),
        fc.integer({ min: 1, max: 500 }),
        (leave, extra, resv, tick) => {
          const m = small();
          const h = m.households;
          const f = m.firms;
          m.tick = tick;
          f.leaveProbability.set(leave);
          const seekers = separateAndListJobSeekersOn(m);
          employeesMatchHouseholds(m);
          expect(seekers).toBe(h.employer.filter((e) => e < 0).length);
          for (let i = 0; i < h.n; i++) h.reservationWage[i] = resv[i] * 12_866;
          for (let j = 0; j < f.n; j++) f.labourDemand[j] = Math.max(0, f.employees[j] + extra[j]);
          const wasUnemployed = h.employer.map((e) => (e < 0 ? 1 : 0));
          const open = matchWorkersOn(m, seekers);
          employeesMatchHouseholds(m);
          let openCheck = 0;
          for (let j = 0; j < f.n; j++) {
            // No firm hires beyond its demand; unfilled flags the shortfall.
            const short = Math.max(0, f.labourDemand[j] - f.employees[j]);
            if (extra[j] > 0) expect(f.employees[j]).toBeLessThanOrEqual(f.labourDemand[j]);
            expect(f.unfilled[j]).toBe(short > 0 ? 1 : 0);
            openCheck += short;
          }
          expect(open).toBe(openCheck);
          for (let i = 0; i < h.n; i++) {
            if (wasUnemployed[i] === 1 && h.employer[i] >= 0)
              expect(h.reservationWage[i]).toBeLessThanOrEqual(f.wage[h.employer[i]]);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

// --- Households ------------------------------------------------------------------------

describe("earnAndPlan", () => {
  /** The income phase as the schedule runs it: wages paid, distributions collected, then households. */
  function incomePhase(m: ModelState): void {
    payWagesOn(m);
    const perUnit = collectDistributionsOn(m);
    earnAndPlanOn(m, perUnit);
  }

  it("taxes are incomeTaxRate of gross income, and net income lands in the deposits", () => {
    const m = small();
    const h = m.households;
    const f = m.firms;
    checkLedger(m);
    m.tick = 1;
    const tau = m.config.government.incomeTaxRate;
    const wage0 = Array.from(h.wage);
    const employer = Array.from(h.employer);
    const transfers =
      m.config.government.transfersShareOfGdp * m.params.initialOutputPerHousehold * m.macro.priceIndex;
    const depositRate = m.macro.depositRateYearly / 12;
    const taxes0 = m.government.taxes;
    // The income phase as scheduled; households' deposits do not move before earnAndPlan.
    payWagesOn(m);
    const perUnit = collectDistributionsOn(m);
    expect(perUnit).toBeGreaterThan(0);
    const dep0 = Array.from(h.deposits);
    earnAndPlanOn(m, perUnit);
    let grossSum = 0;
    for (let i = 0; i < h.n; i++) {
      const e = employer[i];
      const labour = e >= 0 ? f.wage[e] : m.config.government.benefitReplacementRate * wage0[i];
      const gross = labour + transfers + h.equityUnits[i] * perUnit + dep0[i] * depositRate;
      grossSum += gross;
      expectRel(h.deposits[i] - dep0[i], gross * (1 - tau), 1e-9);
    }
    expectRel(m.government.taxes - taxes0, tau * grossSum, 1e-9);
    checkLedger(m);
  });

  it("planned spending is positive and (up to float32 rounding) never exceeds deposits, even for the poor", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e-3, noNaN: true }), { minLength: 50, maxLength: 50 }),
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 50, maxLength: 50 }),
        (keep, expected) => {
          const m = small();
          const h = m.households;
          for (let i = 0; i < h.n; i++) {
            transfer(
              m,
              FlowRow.incomeTaxes,
              Party.household,
              i,
              Party.government,
              0,
              (1 - keep[i]) * h.deposits[i],
            );
            h.expectedIncome[i] = expected[i];
          }
          checkLedger(m);
          m.tick = 1;
          incomePhase(m);
          for (let i = 0; i < h.n; i++) {
            expect(h.plannedSpend[i]).toBeGreaterThanOrEqual(0);
            expect(h.plannedSpend[i]).toBeLessThanOrEqual(h.deposits[i] * (1 + 2 ** -23));
          }
          checkLedger(m);
        },
      ),
      { numRuns: 30 },
    );
  });

  // The plan is stored as float32; rounding must never take it above the
  // deposits, or a fully served household would end slightly negative.
  it("planned spending never exceeds deposits exactly, so deposits stay ≥ 0 after buying", () => {
    const m = small();
    const h = m.households;
    for (let i = 0; i < h.n; i++) {
      transfer(
        m,
        FlowRow.incomeTaxes,
        Party.household,
        i,
        Party.government,
        0,
        h.deposits[i] - 0.3 * (i + 1),
      );
      h.expectedIncome[i] = 1e6;
    }
    checkLedger(m);
    m.tick = 1;
    incomePhase(m);
    // Every plan capped at the household's deposits; the goods market serves all of it.
    const f = m.firms;
    for (let j = 0; j < f.nConsumption; j++) f.inventory[j] = (10 * f.demandNominal[j]) / f.price[j];
    clearConsumptionMarketOn(m);
    checkLedger(m); // still stock-flow consistent: the error is in the plan, not the bookkeeping
    const negative = [...h.deposits.keys()].filter((i) => h.deposits[i] < 0);
    expect(negative).toEqual([]);
  });

  it("richer households have a lower propensity to consume out of income", () => {
    const m = small();
    const h = m.households;
    const cfg = m.config.households;
    checkLedger(m);
    // Make household 0 very rich and household 1 poor (money moved through the ledger).
    transfer(m, FlowRow.dividends, Party.government, 0, Party.household, 0, 2e7);
    transfer(m, FlowRow.incomeTaxes, Party.household, 1, Party.government, 0, h.deposits[1] - 20_000);
    m.tick = 1;
    // Real rate at neutral (inflation at target), so the rate factor is 1 and the propensity observable.
    m.macro.inflationYoY = m.config.centralBank.inflationTargetYearly;
    m.centralBank.policyRateYearly =
      m.config.centralBank.neutralRealRateYearly + m.config.centralBank.inflationTargetYearly;
    incomePhase(m);
    checkLedger(m);
    const wealthRate = cfg.mpcWealthYearly / 12;
    const price = m.macro.equityPricePerUnit;
    const rows: { wealth: number; mpc: number }[] = [];
    for (let i = 0; i < h.n; i++) {
      const wealth = h.deposits[i] + h.equityUnits[i] * price;
      expect(h.plannedSpend[i]).toBeLessThan(h.deposits[i]); // not capped: the propensity is observable
      const mpc = (h.plannedSpend[i] - wealthRate * wealth) / h.expectedIncome[i];
      expect(mpc).toBeGreaterThanOrEqual(cfg.mpcIncomeMin - 1e-5);
      expect(mpc).toBeLessThanOrEqual(cfg.mpcIncomeMax + 1e-5);
      rows.push({ wealth, mpc });
    }
    rows.sort((a, b) => a.wealth - b.wealth);
    for (let k = 1; k < rows.length; k++) expect(rows[k].mpc).toBeLessThanOrEqual(rows[k - 1].mpc + 1e-5);
    const poorest = rows[0];
    const richest = rows[rows.length - 1];
    expect(richest.mpc).toBeLessThan(poorest.mpc - 0.1);
    expect(richest.mpc - cfg.mpcIncomeMin).toBeLessThan(0.02);
  });
});

// --- Goods market ------------------------------------------------------------------------

/** Household i buys from consumption firm i mod nc, planning 1 000 + 37 i; each firm's demand is its customers' plans. */
function orderRoundRobin(m: ModelState): void {
  const h = m.households;
  const f = m.firms;
  f.demandNominal.fill(0);
  for (let i = 0; i < h.n; i++) {
    h.supplier[i] = i % f.nConsumption;
    h.plannedSpend[i] = 1000 + 37 * i;
    f.demandNominal[i % f.nConsumption] += h.plannedSpend[i];
  }
}

describe("clearConsumptionMarket", () => {
  it("a firm with half the inventory of its demand serves exactly half of each customer's plan; revenue = what households paid", () => {
    const m = small();
    const h = m.households;
    const f = m.firms;
    checkLedger(m);
    const nc = f.nConsumption;
    orderRoundRobin(m);
    f.price[0] = 1.3;
    f.inventory[0] = (0.5 * f.demandNominal[0]) / f.price[0];
    for (let j = 1; j < nc; j++) f.inventory[j] = (10 * f.demandNominal[j]) / f.price[j];
    const dep0 = Array.from(h.deposits);
    const firmDep0 = Array.from(f.deposits);
    const inv0 = Array.from(f.inventory);
    m.tick = 1;

    clearConsumptionMarketOn(m);

    expectRel(f.fillRatio[0], 0.5, 1e-12);
    for (let j = 1; j < nc; j++) expect(f.fillRatio[j]).toBe(1);
    const paid = new Float64Array(nc);
    for (let i = 0; i < h.n; i++) {
      const p = dep0[i] - h.deposits[i];
      const share = h.supplier[i] === 0 ? 0.5 : 1;
      expectRel(p, share * h.plannedSpend[i], 1e-9);
      paid[h.supplier[i]] += p;
    }
    for (let j = 0; j < nc; j++) {
      expectRel(f.revenue[j], paid[j], 1e-9);
      expectRel(f.deposits[j] - firmDep0[j], paid[j], 1e-9);
      expectRel(f.salesReal[j], paid[j] / f.price[j], 1e-9);
      expectRel(f.inventory[j], inv0[j] - paid[j] / f.price[j], 1e-9);
    }
    expect(f.inventory[0]).toBeLessThan(1e-6);
    expectRel(m.macro.unmetDemand, 0.5 * f.demandNominal[0], 1e-9);
    expectRel(
      m.macro.consumptionNominal,
      paid.reduce((a, b) => a + b, 0),
      1e-12,
    );
    checkLedger(m);
  });
});

describe("households.rationedDemandSpillover", () => {
  /** Firm 0 holds a tenth of its customers' orders; the others hold `stockMultiple` × theirs. */
  function rationedMarket(spillover: number, stockMultiple: number) {
    const m = small((c) => {
      c.households.rationedDemandSpillover = spillover;
    });
    const h = m.households;
    const f = m.firms;
    checkLedger(m);
    const nc = f.nConsumption;
    orderRoundRobin(m);
    f.inventory[0] = (0.1 * f.demandNominal[0]) / f.price[0];
    for (let j = 1; j < nc; j++) f.inventory[j] = (stockMultiple * f.demandNominal[j]) / f.price[j];
    const before = {
      dep: Array.from(h.deposits),
      inv: Array.from(f.inventory),
      firmDep: Array.from(f.deposits),
      left: [...f.inventory.keys()]
        .slice(0, nc)
        .map((j) => Math.max(0, f.inventory[j] * f.price[j] - f.demandNominal[j])),
      unfilled: 0.9 * f.demandNominal[0],
    };
    m.tick = 1;
    clearConsumptionMarketOn(m);
    checkLedger(m);
    return { m, before };
  }

  it("a rationed buyer takes the share σ of its unfilled order to the other firms' stocks, in proportion to their value", () => {
    const sigma = 0.3;
    const { m, before } = rationedMarket(sigma, 10);
    const h = m.households;
    const f = m.firms;
    const nc = f.nConsumption;
    // Firm 0's customers pay for 10 % at firm 0 plus σ of the 90 % they went short of; the others pay their plan.
    for (let i = 0; i < h.n; i++) {
      const share = h.supplier[i] === 0 ? 0.1 + sigma * 0.9 : 1;
      expectRel(before.dep[i] - h.deposits[i], share * h.plannedSpend[i], 1e-9);
    }
    const spilled = sigma * before.unfilled;
    const leftTotal = before.left.reduce((a, b) => a + b, 0);
    expectRel(f.revenue[0], 0.1 * f.demandNominal[0], 1e-9);
    for (let j = 1; j < nc; j++) {
      const own = f.demandNominal[j];
      expectRel(f.revenue[j], own + (spilled * before.left[j]) / leftTotal, 1e-9);
      expectRel(f.deposits[j] - before.firmDep[j], f.revenue[j], 1e-9);
      expectRel(f.inventory[j], before.inv[j] - f.revenue[j] / f.price[j], 1e-9);
    }
    // What the spillover bought is no longer unmet.
    expectRel(m.macro.unmetDemand, (1 - sigma) * before.unfilled, 1e-9);
  });

  it("scales the spilled orders down to the stocks left when they fall short, and σ = 0 leaves them unspent", () => {
    // The others hold 1.05 × their own orders: 5 % of those orders is left, less than σ × the unfilled orders.
    const { m, before } = rationedMarket(1, 1.05);
    const f = m.firms;
    const leftTotal = before.left.reduce((a, b) => a + b, 0);
    expect(leftTotal).toBeLessThan(before.unfilled);
    for (let j = 1; j < f.nConsumption; j++) expect(f.inventory[j]).toBeLessThan(1e-6 * before.inv[j]);
    expectRel(m.macro.unmetDemand, before.unfilled - leftTotal, 1e-9);

    const off = rationedMarket(0, 10);
    expectRel(off.m.macro.unmetDemand, off.before.unfilled, 1e-12);
    for (let j = 1; j < off.m.firms.nConsumption; j++)
      expectRel(off.m.firms.revenue[j], off.m.firms.demandNominal[j], 1e-12);
  });
});

// --- Bank failures -------------------------------------------------------------------------

describe("resolveBankFailures", () => {
  /** Bank 0 loses 30 % of its loans to write-offs: equity turns negative. */
  function failedBank(depositInsurance: boolean): ModelState {
    const m = small((c) => {
      c.government.depositInsurance = depositInsurance;
    });
    checkLedger(m);
    for (let j = 0; j < m.firms.n; j++) if (m.firms.bank[j] === 0) writeOffLoan(m, j, 0.3 * m.firms.loans[j]);
    m.tick = 7;
    checkLedger(m);
    expect(m.banks.equity[0]).toBeLessThan(0);
    expect(m.banks.equity[1]).toBeGreaterThan(0);
    return m;
  }

  it("with deposit insurance, the government recapitalises the bank to the target ratio and logs it", () => {
    const m = failedBank(true);
    const b = m.banks;
    const target = m.config.banks.targetCapitalRatio;
    const needed = target * b.loans[0] - b.equity[0];
    const account = m.government.account;
    const hhDeposits = Array.from(m.households.deposits);
    const bank1 = [b.reserves[1], b.equity[1], b.deposits[1]];
    resolveBankFailuresOn(m);
    expectRel(b.equity[0], target * b.loans[0]);
    expectRel(m.government.account, account - needed);
    expectRel(m.government.recapitalisation, needed);
    expect(m.macro.bankFailures).toBe(1);
    expect(m.events).toHaveLength(1);
    expect(m.events[0]).toMatchObject({ type: "bankFailure", bank: 0, resolution: "recapitalised" });
    expectRel((m.events[0] as Record<string, unknown>).costUsdBn as number, needed / m.params.scale / 1e9);
    expect(Array.from(m.households.deposits)).toEqual(hhDeposits);
    expect([b.reserves[1], b.equity[1], b.deposits[1]]).toEqual(bank1);
    checkLedger(m);
  });

  it("without deposit insurance, the bank's depositors are bailed in pro rata; other banks' are untouched", () => {
    const m = failedBank(false);
    const b = m.banks;
    const h = m.households;
    const f = m.firms;
    const target = m.config.banks.targetCapitalRatio;
    const needed = target * b.loans[0] - b.equity[0];
    const share = Math.min(needed, b.deposits[0]) / b.deposits[0];
    const account = m.government.account;
    const hh0 = Array.from(h.deposits);
    const firm0 = Array.from(f.deposits);
    resolveBankFailuresOn(m);
    for (let i = 0; i < h.n; i++) {
      if (h.bank[i] === 0) expectRel(h.deposits[i], hh0[i] * (1 - share), 1e-12);
      else expect(h.deposits[i]).toBe(hh0[i]);
    }
    for (let j = 0; j < f.n; j++) {
      if (f.bank[j] === 0) expectRel(f.deposits[j], firm0[j] * (1 - share), 1e-12);
      else expect(f.deposits[j]).toBe(firm0[j]);
    }
    expectRel(b.equity[0], target * b.loans[0]);
    expect(m.government.account).toBe(account);
    expect(m.events).toHaveLength(1);
    expect(m.events[0]).toMatchObject({ type: "bankFailure", bank: 0, resolution: "bail-in" });
    expect(m.macro.bankFailures).toBe(1);
    checkLedger(m);
  });

  it("leaves solvent banks alone", () => {
    const m = small();
    checkLedger(m);
    const equity = Array.from(m.banks.equity);
    resolveBankFailuresOn(m);
    expect(Array.from(m.banks.equity)).toEqual(equity);
    expect(m.events).toEqual([]);
    expect(m.macro.bankFailures).toBe(0);
  });
});

// --- Aggregates ------------------------------------------------------------------------------

describe("updateMacro", () => {
  it("inflation is year on year from the consumption price index; unemployment from headcounts", () => {
    const m = small();
    const f = m.firms;
    m.tick = 20;
    m.macro.priceHistory[8 % 13] = 1.25; // a ring buffer indexed by tick mod 13: tick 8 is a year before 20
    for (let j = 0; j < f.n; j++) {
      f.salesReal[j] = 100;
      f.salesNominal[j] = j < f.nConsumption ? 150 : 999; // capital goods do not enter the CPI
    }
    updateMacroOn(m);
    expect(m.macro.priceIndex).toBeCloseTo(1.5, 12);
    expect(m.macro.priceHistory[20 % 13]).toBeCloseTo(1.5, 12);
    expect(m.macro.inflationYoY).toBeCloseTo(1.5 / 1.25 - 1, 12);
    const employed = f.employees.reduce((a, b) => a + b, 0);
    expect(m.macro.unemploymentRate).toBeCloseTo(1 - employed / m.households.n, 12);
  });

  // Stepping a model past config.ticks (an extended or resumed run) keeps working.
  it("a model stepped past config.ticks keeps a finite inflation rate", () => {
    const m = small((c) => {
      c.ticks = 12;
    });
    for (let t = 0; t < 30; t++) step(m);
    expect(Number.isFinite(m.macro.inflationYoY)).toBe(true);
  });
});
