// What each tick reports: the series row (DESIGN §4), the feedback-phase
// label and the crisis flag. Money is converted from model dollars to USD
// billions at real-US scale (÷ scale), flows to annual rates (× 12).
// Phase and crisis need a little history; it lives in preallocated arrays
// sized by the run length, never by the population.
import { SECTOR_COUNT, SECTOR_NAMES } from "./ledger.ts";
import type { ModelEvent, ModelState } from "./state.ts";

export interface SeriesColumn {
  name: string;
  type: "int" | "float" | "string";
  unit: string;
  description: string;
}

/** Every series column, in file order, with its unit (the README's table is generated from this). */
export const SERIES_COLUMNS: readonly SeriesColumn[] = [
  { name: "tick", type: "int", unit: "month", description: "Tick number, 1 = first simulated month" },
  { name: "date", type: "string", unit: "YYYY-MM", description: "Calendar month" },
  {
    name: "gdpReal",
    type: "float",
    unit: "USD bn (2025 prices) per year",
    description: "Real output (value added) at an annual rate",
  },
  {
    name: "gdpNominal",
    type: "float",
    unit: "USD bn per year",
    description: "Nominal output at an annual rate",
  },
  {
    name: "inflationYoY",
    type: "float",
    unit: "decimal per year",
    description: "Consumer price inflation over 12 months",
  },
  { name: "priceIndex", type: "float", unit: "index, start = 1", description: "Consumer price level" },
  { name: "unemploymentRate", type: "float", unit: "decimal", description: "Unemployed / labour force" },
  {
    name: "employment",
    type: "float",
    unit: "millions of workers",
    description: "Employed workers at US scale",
  },
  {
    name: "vacancies",
    type: "float",
    unit: "millions",
    description: "Vacancies left open after matching, at US scale",
  },
  {
    name: "wageIndex",
    type: "float",
    unit: "USD per worker-month",
    description: "Average monthly wage of the employed",
  },
  {
    name: "consumptionReal",
    type: "float",
    unit: "USD bn (2025 prices) per year",
    description: "Household consumption, real, annual rate",
  },
  {
    name: "investmentReal",
    type: "float",
    unit: "USD bn (2025 prices) per year",
    description: "Business investment, real, annual rate",
  },
  {
    name: "governmentReal",
    type: "float",
    unit: "USD bn (2025 prices) per year",
    description: "Government purchases, real, annual rate",
  },
  {
    name: "unmetDemand",
    type: "float",
    unit: "USD bn per year",
    description: "Household demand that found no goods",
  },
  { name: "policyRate", type: "float", unit: "decimal per year", description: "Central-bank policy rate" },
  {
    name: "avgLoanRate",
    type: "float",
    unit: "decimal per year",
    description: "Loan-weighted average rate on firm loans",
  },
  {
    name: "avgDefaultProbability",
    type: "float",
    unit: "decimal per year",
    description: "Loan-weighted default probability banks assign to firms",
  },
  { name: "creditToFirms", type: "float", unit: "USD bn", description: "Bank loans to non-AI firms (stock)" },
  { name: "bankCapitalRatio", type: "float", unit: "decimal", description: "Bank equity / loans, all banks" },
  { name: "equityMarketCap", type: "float", unit: "USD bn", description: "Market value of non-AI firms" },
  {
    name: "firmDefaults",
    type: "int",
    unit: "firms per month",
    description: "Bankruptcies this month (simulated firms)",
  },
  { name: "bankFailures", type: "int", unit: "banks per month", description: "Bank failures this month" },
  {
    name: "govDeficit",
    type: "float",
    unit: "USD bn per year",
    description:
      "Government spending + benefits + interest + recapitalisations − taxes − central-bank remittance, annual rate",
  },
  { name: "govDebt", type: "float", unit: "USD bn", description: "Government bills outstanding (stock)" },
  {
    name: "phase",
    type: "int",
    unit: "−1, 0, +1",
    description:
      "+1 positive-feedback phase (credit, equity value, investment all rising), −1 negative (all falling), 0 otherwise",
  },
  {
    name: "crisis",
    type: "int",
    unit: "0/1",
    description: "1 while any crisis threshold (metrics.crisis*) is crossed",
  },
  {
    name: "grossFinancialAssets",
    type: "float",
    unit: "USD bn",
    description: "Sum of all financial assets (positive positions)",
  },
  ...SECTOR_NAMES.map((s) => ({
    name: `nfw_${s}`,
    type: "float" as const,
    unit: "USD bn",
    description: `Net financial wealth of ${s} (the nfw_ columns sum to zero)`,
  })),
];

const COL = Object.fromEntries(SERIES_COLUMNS.map((c, i) => [c.name, i])) as Record<string, number>;

/** Calendar month of a tick, "YYYY-MM". */
export function dateOfTick(startDate: string, tick: number): string {
  const [y, mo] = startDate.split("-").map(Number);
  const months = y * 12 + (mo - 1) + (tick - 1);
  return `${Math.floor(months / 12)}-${String((months % 12) + 1).padStart(2, "0")}`;
}

/** History needed for phases and crises: one slot per tick. */
export class MetricsTracker {
  private readonly gdp: Float64Array;
  private readonly credit: Float64Array;
  private readonly equity: Float64Array;
  private readonly investment: Float64Array;
  private readonly spread: Float64Array;
  private readonly defaults: Float64Array;
  private inCrisis = false;
  readonly row: (number | string)[] = new Array(SERIES_COLUMNS.length).fill(0);

  constructor(ticks: number) {
    const n = ticks + 1;
    this.gdp = new Float64Array(n);
    this.credit = new Float64Array(n);
    this.equity = new Float64Array(n);
    this.investment = new Float64Array(n);
    this.spread = new Float64Array(n);
    this.defaults = new Float64Array(n);
  }

  /** Fill `row` for the tick just completed and push crisis start/end events. */
  measure(m: ModelState, events: ModelEvent[]): (number | string)[] {
    const t = m.tick;
    const toBn = 1 / m.params.scale / 1e9;
    const toMillions = 1 / m.params.scale / 1e6;
    const f = m.firms;
    const b = m.banks;
    let realOutput = 0;
    let nominalOutput = 0;
    let loans = 0;
    let rateWeighted = 0;
    let pdWeighted = 0;
    for (let j = 0; j < f.n; j++) {
      realOutput += f.output[j];
      nominalOutput += f.output[j] * f.price[j];
      loans += f.loans[j];
      rateWeighted += f.loans[j] * f.loanRateYearly[j];
      pdWeighted += f.loans[j] * f.pdYearly[j];
    }
    let equity = 0;
    let bankLoans = 0;
    for (let k = 0; k < b.n; k++) {
      equity += b.equity[k];
      bankLoans += b.loans[k];
    }
    const gov = m.government;
    const deficit =
      gov.purchases + gov.benefits + gov.interest + gov.recapitalisation - gov.taxes - gov.remittance;
    const avgLoanRate = loans > 0 ? rateWeighted / loans : m.centralBank.policyRateYearly;
    const r = this.row;
    r[COL.tick] = t;
    r[COL.date] = dateOfTick(m.config.startDate, t);
    r[COL.gdpReal] = realOutput * 12 * toBn;
    r[COL.gdpNominal] = nominalOutput * 12 * toBn;
    r[COL.inflationYoY] = m.macro.inflationYoY;
    r[COL.priceIndex] = m.macro.priceIndex;
    r[COL.unemploymentRate] = m.macro.unemploymentRate;
    r[COL.employment] = m.macro.employment * toMillions;
    r[COL.vacancies] = m.macro.vacancies * toMillions;
    r[COL.wageIndex] = m.macro.employment > 0 ? m.macro.wagesPaid / m.macro.employment : 0;
    r[COL.consumptionReal] = m.macro.consumptionReal * 12 * toBn;
    r[COL.investmentReal] = m.macro.investmentReal * 12 * toBn;
    r[COL.governmentReal] = m.macro.governmentReal * 12 * toBn;
    r[COL.unmetDemand] = m.macro.unmetDemand * 12 * toBn;
    r[COL.policyRate] = m.centralBank.policyRateYearly;
    r[COL.avgLoanRate] = avgLoanRate;
    r[COL.avgDefaultProbability] = loans > 0 ? pdWeighted / loans : 0;
    r[COL.creditToFirms] = loans * toBn;
    r[COL.bankCapitalRatio] = bankLoans > 0 ? equity / bankLoans : 0;
    r[COL.equityMarketCap] = m.macro.equityTotal * toBn;
    r[COL.firmDefaults] = m.macro.firmDefaults;
    r[COL.bankFailures] = m.macro.bankFailures;
    r[COL.govDeficit] = deficit * 12 * toBn;
    r[COL.govDebt] = gov.bills * toBn;
    r[COL.grossFinancialAssets] = m.ledger.grossFinancialAssets * toBn;
    for (let s = 0; s < SECTOR_COUNT; s++) r[COL[`nfw_${SECTOR_NAMES[s]}`]] = m.ledger.nfw[s] * toBn;

    // History for phases and crises.
    this.gdp[t] = realOutput;
    this.credit[t] = loans;
    this.equity[t] = m.macro.equityTotal;
    this.investment[t] = m.macro.investmentReal;
    this.spread[t] = avgLoanRate - m.centralBank.policyRateYearly;
    this.defaults[t] = m.macro.firmDefaults;
    r[COL.phase] = this.phase(m, t);
    r[COL.crisis] = this.crisis(m, t, events) ? 1 : 0;
    return r;
  }

  /** Mean of a history array over the 3 ticks ending at t (smooths monthly noise). */
  private mean3(a: Float64Array, t: number): number {
    const lo = Math.max(1, t - 2);
    let s = 0;
    for (let k = lo; k <= t; k++) s += a[k];
    return s / (t - lo + 1);
  }

  private phase(m: ModelState, t: number): number {
    const w = m.config.metrics.phaseWindowTicks;
    const g = m.config.metrics.phaseMinGrowth;
    if (t - w < 1) return 0;
    const change = (a: Float64Array) => {
      const before = this.mean3(a, t - w);
      return before > 0 ? this.mean3(a, t) / before - 1 : 0;
    };
    const c = change(this.credit);
    const e = change(this.equity);
    const i = change(this.investment);
    if (c > g && e > g && i > g) return 1;
    if (c < -g && e < -g && i < -g) return -1;
    return 0;
  }

  private crisis(m: ModelState, t: number, events: ModelEvent[]): boolean {
    const c = m.config.metrics;
    const reasons: string[] = [];
    if (t > m.config.burnInTicks && t > 12) {
      let gdpPeak = 0;
      let eqPeak = 0;
      for (let k = t - 12; k <= t; k++) {
        gdpPeak = Math.max(gdpPeak, this.mean3(this.gdp, k));
        eqPeak = Math.max(eqPeak, this.equity[k]);
      }
      if (this.mean3(this.gdp, t) < (1 - c.crisisGdpDrop) * gdpPeak) reasons.push("outputDrop");
      if (this.equity[t] < (1 - c.crisisEquityDrawdown) * eqPeak) reasons.push("equityDrawdown");
      let defaults = 0;
      for (let k = t - 11; k <= t; k++) defaults += this.defaults[k];
      if (defaults > c.crisisDefaultRateYearly * m.firms.n) reasons.push("defaultWave");
      if (this.spread[t] - this.spread[t - 12] > c.crisisSpreadRise) reasons.push("spreadSpike");
      if (c.crisisOnBankFailure && m.macro.bankFailures > 0) reasons.push("bankFailure");
    }
    const now = reasons.length > 0;
    if (now && !this.inCrisis) events.push({ type: "crisisStart", reasons: reasons.join(",") });
    if (!now && this.inCrisis) events.push({ type: "crisisEnd" });
    this.inCrisis = now;
    return now;
  }
}
