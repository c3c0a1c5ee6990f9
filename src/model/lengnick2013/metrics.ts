// What each month of the Lengnick economy reports: one series row per month
// (columns below, in file order), plus the mapping onto the engine's summary
// columns. Twelve-month changes need history; it lives in arrays sized by
// the run length, never by the population.
import { dateOfTick, type SeriesColumn } from "../metrics.ts";
import { MICRO_PER_UNIT } from "./params.ts";
import type { LengnickState } from "./state.ts";

export const LENGNICK_SERIES_COLUMNS: readonly SeriesColumn[] = [
  { name: "tick", type: "int", unit: "month", description: "Month number, 1 = first simulated month" },
  { name: "date", type: "string", unit: "YYYY-MM", description: "Calendar month" },
  { name: "employment", type: "int", unit: "households", description: "Employed households at month end" },
  { name: "unemploymentRate", type: "float", unit: "decimal", description: "Unemployed / households" },
  { name: "meanPrice", type: "float", unit: "money units per good", description: "Mean price over firms" },
  {
    name: "meanWage",
    type: "float",
    unit: "money units per worker-month",
    description: "Mean wage rate of the employed (firm wages weighted by workers)",
  },
  {
    name: "inflation",
    type: "float",
    unit: "decimal per year",
    description: "Change of meanPrice over 12 months (0 in the first 12 months)",
  },
  {
    name: "wageInflation",
    type: "float",
    unit: "decimal per year",
    description: "Change of meanWage over 12 months (0 in the first 12 months)",
  },
  { name: "vacancies", type: "int", unit: "firms", description: "Vacancies still open at month end" },
  {
    name: "unsatisfiedDemand",
    type: "float",
    unit: "share",
    description: "1 − goods bought / goods households planned to buy this month",
  },
  { name: "output", type: "float", unit: "goods per month", description: "Goods produced" },
  { name: "sales", type: "float", unit: "goods per month", description: "Goods bought by households" },
  {
    name: "salesNominal",
    type: "float",
    unit: "money units per month",
    description: "Households' spending on goods",
  },
  { name: "dividends", type: "float", unit: "money units per month", description: "Dividends paid" },
  {
    name: "totalLiquidity",
    type: "float",
    unit: "money units",
    description: "Money of households and firms plus undistributed dividends (constant)",
  },
  {
    name: "giniLiquidity",
    type: "float",
    unit: "0–1",
    description: "Gini coefficient of households' money",
  },
];

const COL = Object.fromEntries(LENGNICK_SERIES_COLUMNS.map((c, i) => [c.name, i])) as Record<string, number>;

/**
 * Which Lengnick column feeds each column the engine's run summary reads
 * (engine/summary.ts SUMMARY_COLUMNS); null ⇒ zeros (no government, banks,
 * defaults or crisis labels in this model).
 */
export const LENGNICK_SUMMARY_SOURCES: Readonly<Record<string, string | null>> = {
  unemploymentRate: "unemploymentRate",
  inflationYoY: "inflation",
  gdpReal: "output",
  gdpNominal: "salesNominal",
  govDebt: null,
  crisis: null,
  phase: null,
  firmDefaults: null,
  firmExits: null,
  bankFailures: null,
};

/** Fills the series row of the month just completed. */
export class LengnickMetrics {
  readonly row: (number | string)[] = new Array(LENGNICK_SERIES_COLUMNS.length).fill(0);
  /** Mean price and wage by tick: ordinary fields so that checkpoints (engine/stateWalk.ts) see them. */
  private readonly priceByTick: Float64Array;
  private readonly wageByTick: Float64Array;

  constructor(
    ticks: number,
    private readonly startDate: string,
  ) {
    this.priceByTick = new Float64Array(ticks + 1);
    this.wageByTick = new Float64Array(ticks + 1);
  }

  measure(s: LengnickState): (number | string)[] {
    const { households: hh, firms } = s;
    const t = s.month;
    let priceSum = 0;
    let wageBill = 0;
    let employed = 0;
    let vacancies = 0;
    for (let f = 0; f < firms.n; f++) {
      priceSum += firms.price[f];
      wageBill += firms.wage[f] * firms.workers[f];
      employed += firms.workers[f];
      vacancies += firms.vacancy[f];
    }
    const meanPrice = priceSum / firms.n;
    const meanWage = employed > 0 ? wageBill / employed : 0;
    const slot = Math.min(t, this.priceByTick.length - 1);
    this.priceByTick[slot] = meanPrice;
    this.wageByTick[slot] = meanWage;
    const flows = s.flows;
    const r = this.row;
    r[COL.tick] = t;
    r[COL.date] = dateOfTick(this.startDate, t);
    r[COL.employment] = employed;
    r[COL.unemploymentRate] = 1 - employed / hh.n;
    r[COL.meanPrice] = meanPrice;
    r[COL.meanWage] = meanWage;
    r[COL.inflation] = t > 12 ? meanPrice / this.priceByTick[slot - 12] - 1 : 0;
    r[COL.wageInflation] =
      t > 12 && this.wageByTick[slot - 12] > 0 ? meanWage / this.wageByTick[slot - 12] - 1 : 0;
    r[COL.vacancies] = vacancies;
    r[COL.unsatisfiedDemand] = flows.planned > 0 ? 1 - flows.bought / flows.planned : 0;
    r[COL.output] = flows.produced;
    r[COL.sales] = flows.bought;
    r[COL.salesNominal] = flows.spending / MICRO_PER_UNIT;
    r[COL.dividends] = flows.dividends / MICRO_PER_UNIT;
    r[COL.totalLiquidity] = s.moneyTotal / MICRO_PER_UNIT;
    r[COL.giniLiquidity] = gini(hh.liquidity, s.sortScratch);
    return r;
  }
}

/**
 * Gini coefficient of non-negative `values` (0 = equal, → 1 = one holder has
 * all); `scratch` (same length) is overwritten. https://en.wikipedia.org/wiki/Gini_coefficient
 */
export function gini(values: Float64Array, scratch: Float64Array): number {
  const n = values.length;
  scratch.set(values);
  scratch.sort();
  let total = 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    total += scratch[i];
    weighted += (i + 1) * scratch[i];
  }
  if (total <= 0) return 0;
  return (2 * weighted) / (n * total) - (n + 1) / n;
}
