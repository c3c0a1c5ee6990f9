// Economy-wide aggregates that agents read next tick: price index and
// inflation, unemployment, smoothed nominal GDP.
import type { Firms, Government, MacroState, Utility } from "./state.ts";

/**
 * The consumer price index from the goods price level: electricity enters
 * with its share of households' spending at the start, at its relative price
 * (the retail index markets/power.ts sets; here, not there, so that macro.ts
 * does not import the power market, which imports firms.ts, which imports
 * macro.ts). `electricityShare` is power.householdElectricityShare; records
 * the goods price level in utility.goodsPriceIndex for next month's prices.
 */
export function consumerPriceIndex(
  u: Pick<Utility, "active" | "electricityCpi" | "goodsPriceIndex">,
  electricityShare: number,
  goodsPrice: number,
): number {
  // The retail index was set this month against last month's goods prices.
  const r = u.electricityCpi / Math.max(1e-12, u.goodsPriceIndex);
  u.goodsPriceIndex = goodsPrice;
  if (!u.active) return goodsPrice;
  const w = electricityShare;
  return goodsPrice * (1 + w * (r - 1));
}

/**
 * The inflation firms and households expect over the next year: a weight
 * firms.inflationAnchor on the long-run anchor (macro.inflationAnchorYearly,
 * learnInflationAnchor), the rest on last year's inflation (partly anchored
 * adaptive expectations).
 */
export function expectedInflation(weight: number, anchorLevel: number, inflationYoY: number): number {
  return weight * anchorLevel + (1 - weight) * inflationYoY;
}

/**
 * The long-run inflation anchor after one month of learning from experience:
 * π̄ + g (π − π̄), a constant-gain average of realised 12-month inflation with
 * gain g = firms.inflationAnchorGain a month (Malmendier & Nagel 2016,
 * "Learning from Inflation Experiences", QJE 131(1); constant-gain learning as
 * in Carvalho, Eusepi, Moench & Preston 2023, "Anchored Inflation
 * Expectations", AEJ: Macro 15(1)). With gain 0 the anchor stays at its
 * initial value (the target + initial.inflationAnchorGapYearly).
 */
export function learnInflationAnchor(anchorLevel: number, inflationYoY: number, gain: number): number {
  return anchorLevel + gain * (inflationYoY - anchorLevel);
}

/** The parameters updateMacro reads. */
export interface MacroParams {
  /** firms.inflationAnchorGain: the monthly gain of the inflation anchor's learning. */
  inflationAnchorGain: number;
  /** power.householdElectricityShare: electricity's weight in the consumer price index. */
  householdElectricityShare: number;
}

/**
 * The month's aggregates from the firms' sales, output and employment: the
 * consumer price index (with electricity, consumerPriceIndex), 12-month
 * inflation and the learned anchor, employment and the unemployment rate
 * among `households` households, and nominal GDP smoothed over a year.
 * Writes `macro` (and utility.goodsPriceIndex).
 */
export function updateMacro(
  macro: MacroState,
  firms: Firms,
  utility: Pick<Utility, "active" | "electricityCpi" | "goodsPriceIndex">,
  households: number,
  tick: number,
  p: MacroParams,
): void {
  const f = firms;
  let revenue = 0;
  let real = 0;
  let nominalOutput = 0;
  for (let j = 0; j < f.n; j++) {
    if (j < f.nConsumption) {
      revenue += f.salesNominal[j];
      real += f.salesReal[j];
    }
    nominalOutput += f.output[j] * f.price[j];
  }
  if (real > 0) macro.priceIndex = consumerPriceIndex(utility, p.householdElectricityShare, revenue / real);
  const t = tick;
  // Ring buffer of 13 months: slot t mod 13 now, slot (t − 12) mod 13 a year ago
  // (slots start at 1, the initial price level, so the first year compares with the start).
  macro.priceHistory[t % 13] = macro.priceIndex;
  const base = macro.priceHistory[(t + 1) % 13];
  // Before a year has passed, the change since the start stands in for the year-on-year rate.
  macro.inflationYoY = macro.priceIndex / base - 1;
  macro.inflationAnchorYearly = learnInflationAnchor(
    macro.inflationAnchorYearly,
    macro.inflationYoY,
    p.inflationAnchorGain,
  );
  let employed = 0;
  for (let j = 0; j < f.n; j++) employed += f.employees[j];
  macro.employment = employed;
  macro.unemploymentRate = 1 - employed / households;
  macro.gdpNominalSmoothed += (nominalOutput - macro.gdpNominalSmoothed) / 12;
}

/**
 * The month's tallies that phases add to, set to 0 before the first phase:
 * firm defaults and bank failures (macro), taxes, recapitalisation and fiscal
 * support (government).
 */
export function resetMonthlyTallies(macro: MacroState, government: Government): void {
  macro.firmDefaults = 0;
  macro.firmExits = 0;
  macro.bankFailures = 0;
  government.taxes = 0;
  government.recapitalisation = 0;
  government.fiscalSupport = 0;
}
