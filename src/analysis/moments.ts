import { mean, quantile, sampleStandardDeviation } from "simple-statistics";
import { autocorrelation } from "./autocorrelation.ts";
import { crossCorrelation } from "./crossCorrelation.ts";
import { hpFilter } from "./hpFilter.ts";
import { olsSlope } from "./olsSlope.ts";
import type { StylizedFacts } from "./stylizedFacts.ts";
import { toQuarterly } from "./toQuarterly.ts";

/** Variables whose HP cycle is compared with GDP's in the moment vocabulary. */
export const MOMENT_VARIABLES = [
  "consumption",
  "investment",
  "employment",
  "unemployment",
  "inflation",
  "policyRate",
  "credit",
] as const;
export type MomentVariable = (typeof MOMENT_VARIABLES)[number];

/** A named moment: what it measures, in words (docs/calibration-tool.md lists them all). */
export interface MomentDefinition {
  name: string;
  definition: string;
}

const CYCLE_OF: Record<MomentVariable, string> = {
  consumption: "log consumptionReal",
  investment: "log investmentReal",
  employment: "log employment",
  unemployment: "unemploymentRate (level, decimal)",
  inflation: "inflationYoY (level, decimal)",
  policyRate: "policyRate (level, decimal per year)",
  credit: "log real credit, creditToFirms / priceIndex",
};

/** "lag-4" … "lag0" … "lag+4". */
export function lagName(k: number): string {
  return k > 0 ? `lag+${k}` : `lag${k}`;
}

/**
 * Every moment name with its definition, in a fixed order: the keys of
 * `spiral facts --json`'s `moments` and the targets `spiral calibrate` accepts.
 * All moments are quarterly (monthly series averaged over each quarter after
 * the burn-in); "cycle" is the deviation from a Hodrick–Prescott trend with
 * λ = 1600 (of the log for real quantities, of the level for rates).
 */
export const MOMENT_DEFINITIONS: readonly MomentDefinition[] = Object.freeze(buildDefinitions(4));

/** The moment names alone, in MOMENT_DEFINITIONS' order. */
export const MOMENT_NAMES: readonly string[] = Object.freeze(MOMENT_DEFINITIONS.map((d) => d.name));

function buildDefinitions(maxLag: number): MomentDefinition[] {
  const out: MomentDefinition[] = [
    { name: "sdGdpCycle", definition: "sd of the HP cycle of log gdpReal (0.016 = 1.6 %)" },
  ];
  for (const v of MOMENT_VARIABLES) {
    out.push({
      name: `relativeSd.${v}`,
      definition: `sd of the HP cycle of ${CYCLE_OF[v]} / sdGdpCycle${v === "unemployment" || v === "inflation" || v === "policyRate" ? " (a level over a log cycle: percentage points per 1 % of GDP)" : ""}`,
    });
  }
  for (const v of MOMENT_VARIABLES) {
    for (let k = -maxLag; k <= maxLag; k++) {
      out.push({
        name: `corrWithGdp.${v}.${lagName(k)}`,
        definition: `corr(x_{t${k >= 0 ? "+" : "−"}${Math.abs(k)}}, gdp_t) of the HP cycles, x = ${CYCLE_OF[v]}; positive lag: x lags GDP`,
      });
    }
  }
  out.push({
    name: "autocorrelation.gdp",
    definition: "first-order autocorrelation of the HP cycle of log gdpReal",
  });
  for (const v of MOMENT_VARIABLES) {
    out.push({
      name: `autocorrelation.${v}`,
      definition: `first-order autocorrelation of the HP cycle of ${CYCLE_OF[v]}`,
    });
  }
  out.push(
    {
      name: "okunCoefficient",
      definition:
        "least-squares slope of the unemployment-rate HP cycle (percentage points) on the log-GDP HP cycle (percent): Okun's law, gap version (US ≈ −0.4 to −0.5)",
    },
    {
      name: "okunCorrelation",
      definition: "corr(quarterly log GDP growth, quarterly change in the unemployment rate)",
    },
    {
      name: "phillipsCorrelation",
      definition:
        "corr(year-on-year wage inflation of quarterly wageIndex averages, unemployment rate), quarterly",
    },
    {
      name: "phillipsPriceCorrelation",
      definition: "corr(inflationYoY, unemployment rate), quarterly averages",
    },
    {
      name: "beveridgeCorrelation",
      definition: "corr(vacancy rate, unemployment rate), quarterly; vacancy rate = vacancies / labour force",
    },
    { name: "gdpGrowthSd", definition: "sd of quarterly log gdpReal growth (not filtered)" },
    {
      name: "gdpGrowthExcessKurtosis",
      definition: "sample excess kurtosis of quarterly log gdpReal growth (> 0: fatter tails than normal)",
    },
    {
      name: "firmSizeTailExponent",
      definition:
        "Hill exponent of the top 10 % of firm sizes (employees, yearly snapshots after the burn-in, pooled); Axtell (2001): ≈ 1",
    },
    {
      name: "bankruptcyRateYearly",
      definition: "firm defaults per firm per year: Σ firmDefaults / months × 12 / number of non-AI firms",
    },
    {
      name: "firmExitRateYearly",
      definition:
        "voluntary exits (firms.exit) per firm per year: Σ firmExits / months × 12 / number of non-AI firms; US employer firms ≈ 0.08 (Census BDS)",
    },
    {
      name: "unemploymentMean",
      definition: "mean of the monthly unemployment rate after the burn-in (decimal)",
    },
    {
      name: "unemploymentMin",
      definition:
        "lowest monthly unemployment rate after the burn-in (decimal); US 1948–2024: 2.5 % (May–June 1953, BLS; docs/calibration.md §10.6)",
    },
    {
      name: "unemploymentP5",
      definition:
        "5th percentile of the monthly unemployment rate after the burn-in (decimal; simple-statistics quantile, type 7 as R's and numpy's default): the floor the labour market's matching reaches in booms",
    },
    {
      name: "inflationMean",
      definition: "mean of the monthly inflationYoY after the burn-in (decimal per year)",
    },
    {
      name: "policyRateMean",
      definition:
        "mean of the monthly policyRate after the burn-in (decimal per year): the economy's average nominal rate, FOMC longer-run federal funds rate ≈ 3 % (docs/calibration.md §6)",
    },
    {
      name: "lowerBoundShare",
      definition:
        "share of months after the burn-in with the policy rate at its lower bound (within 0.01 basis point of centralBank.lowerBoundYearly)",
    },
  );
  return out;
}

export interface MomentOptions {
  /** Number of non-AI firms, for bankruptcyRateYearly and firmExitRateYearly (NaN without it). */
  firmCount?: number;
  /** The run's centralBank.lowerBoundYearly, for lowerBoundShare (NaN without it). */
  lowerBoundYearly?: number;
}

/** A month's policy rate within this of the lower bound counts as at the bound (0.01 basis point a year). */
const AT_BOUND_TOLERANCE = 1e-6;

/**
 * The flat moment map of one run: every name of MOMENT_NAMES → a number
 * (NaN where a moment is undefined for the run: a constant series, a
 * missing column, no firm sizes or firm count). Core moments are taken from
 * `facts` (computed by computeStylizedFacts on the same series); inflation,
 * the policy rate and real credit are filtered here the same way (quarterly
 * means after the burn-in, HP λ from the facts' options).
 *
 * Reference: the business-cycle tables in docs/calibration.md §10
 * (Kydland & Prescott 1990; Cooley & Prescott 1995): relative sds,
 * correlations with output at leads and lags, autocorrelations.
 *
 * @example
 * const moments = computeMoments(series, facts, { firmCount: 240 });
 * moments["relativeSd.investment"]; // e.g. 3.1
 *
 * @throws {RangeError} only for inconsistent input (columns shorter than the facts' window).
 */
export function computeMoments(
  series: Readonly<Record<string, ArrayLike<number>>>,
  facts: StylizedFacts,
  options: MomentOptions = {},
): Record<string, number> {
  const { burnInTicks, ticksPerQuarter, lambda, maxLag } = facts.options;
  const months = facts.quarters * ticksPerQuarter;
  const window = (name: string): Float64Array | undefined => {
    const column = series[name];
    if (column === undefined) return undefined;
    if (column.length < burnInTicks + months) {
      throw new RangeError(
        `column ${name} has ${column.length} values, the facts' window needs ${burnInTicks + months}`,
      );
    }
    const values = Float64Array.from(column).subarray(burnInTicks, burnInTicks + months);
    return values.every(Number.isFinite) ? values : undefined;
  };
  const quarterly = (values: Float64Array | undefined): Float64Array | undefined =>
    values === undefined ? undefined : toQuarterly(values, ticksPerQuarter, "mean");

  const gdpCycle = hpFilter(
    (toQuarterly(window("gdpReal") as Float64Array, ticksPerQuarter, "mean") as Float64Array).map(Math.log),
    lambda,
  ).cycle;
  const inflation = quarterly(window("inflationYoY"));
  const policyRate = quarterly(window("policyRate"));
  const credit = realLog(quarterly(window("creditToFirms")), quarterly(window("priceIndex")));
  const unemployment = quarterly(window("unemploymentRate")) as Float64Array;
  const extra: Record<"inflation" | "policyRate" | "credit", Float64Array | undefined> = {
    inflation: inflation && hpFilter(inflation, lambda).cycle,
    policyRate: policyRate && hpFilter(policyRate, lambda).cycle,
    credit: credit && hpFilter(credit, lambda).cycle,
  };

  const m: Record<string, number> = {};
  for (const name of MOMENT_NAMES) m[name] = Number.NaN;
  m.sdGdpCycle = facts.cycleSd.gdp;
  m["autocorrelation.gdp"] = facts.autocorrelation.gdp;
  for (const v of MOMENT_VARIABLES) {
    if (v === "inflation" || v === "policyRate" || v === "credit") {
      const cycle = extra[v];
      if (cycle === undefined) continue;
      m[`relativeSd.${v}`] = sd(cycle) / facts.cycleSd.gdp;
      m[`autocorrelation.${v}`] = autocorrelation(cycle, 1);
      const cc = crossCorrelation(cycle, gdpCycle, maxLag);
      cc.lags.forEach((k, i) => {
        if (Math.abs(k) <= 4) m[`corrWithGdp.${v}.${lagName(k)}`] = cc.correlations[i];
      });
    } else {
      m[`relativeSd.${v}`] = facts.relativeSd[v];
      m[`autocorrelation.${v}`] = facts.autocorrelation[v];
      facts.crossCorrelationWithGdp.lags.forEach((k, i) => {
        if (Math.abs(k) <= 4) m[`corrWithGdp.${v}.${lagName(k)}`] = facts.crossCorrelationWithGdp[v][i];
      });
    }
  }
  const unemploymentCycle = hpFilter(unemployment, lambda).cycle;
  m.okunCoefficient = olsSlope(
    gdpCycle.map((x) => x * 100),
    unemploymentCycle.map((u) => u * 100),
  );
  m.okunCorrelation = facts.curves.okun;
  m.phillipsCorrelation = facts.curves.phillips;
  m.phillipsPriceCorrelation = facts.curves.phillipsPrice;
  m.beveridgeCorrelation = facts.curves.beveridge;
  m.gdpGrowthSd = facts.gdpGrowth.sd;
  m.gdpGrowthExcessKurtosis = facts.gdpGrowth.excessKurtosis;
  m.firmSizeTailExponent = facts.firmSizes?.tailExponent ?? Number.NaN;
  const defaults = window("firmDefaults");
  const firmCount = options.firmCount;
  if (defaults !== undefined && firmCount !== undefined && firmCount > 0) {
    let total = 0;
    for (const d of defaults) total += d;
    m.bankruptcyRateYearly = ((total / months) * 12) / firmCount;
  }
  const exits = window("firmExits");
  if (exits !== undefined && firmCount !== undefined && firmCount > 0) {
    let total = 0;
    for (const d of exits) total += d;
    m.firmExitRateYearly = ((total / months) * 12) / firmCount;
  }
  m.unemploymentMean = facts.unemployment.mean;
  m.unemploymentMin = facts.unemployment.min;
  const unemploymentMonthly = window("unemploymentRate");
  if (unemploymentMonthly !== undefined) m.unemploymentP5 = quantile(Array.from(unemploymentMonthly), 0.05);
  const inflationMonthly = window("inflationYoY");
  if (inflationMonthly !== undefined) m.inflationMean = mean(Array.from(inflationMonthly));
  const rateMonthly = window("policyRate");
  if (rateMonthly !== undefined) {
    m.policyRateMean = mean(Array.from(rateMonthly));
    const bound = options.lowerBoundYearly;
    if (bound !== undefined && Number.isFinite(bound)) {
      let at = 0;
      for (const r of rateMonthly) if (r <= bound + AT_BOUND_TOLERANCE) at++;
      m.lowerBoundShare = at / rateMonthly.length;
    }
  }
  // Infinity (a Hill exponent of equal sizes) and NaN both mean "undefined for this run".
  for (const name of MOMENT_NAMES) if (!Number.isFinite(m[name])) m[name] = Number.NaN;
  return m;
}

function sd(x: Float64Array): number {
  return sampleStandardDeviation(Array.from(x));
}

/** log(nominal / price) per quarter, or undefined if a value is not positive. */
function realLog(
  nominal: Float64Array | undefined,
  price: Float64Array | undefined,
): Float64Array | undefined {
  if (nominal === undefined || price === undefined) return undefined;
  const out = new Float64Array(nominal.length);
  for (let q = 0; q < nominal.length; q++) {
    if (!(nominal[q] > 0 && price[q] > 0)) return undefined;
    out[q] = Math.log(nominal[q] / price[q]);
  }
  return out;
}
