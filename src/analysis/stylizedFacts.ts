import {
  mean,
  sampleCorrelation,
  sampleKurtosis,
  sampleSkewness,
  sampleStandardDeviation,
} from "simple-statistics";
import { InputError } from "../errors.ts";
import { autocorrelation } from "./autocorrelation.ts";
import { crossCorrelation } from "./crossCorrelation.ts";
import { hpFilter } from "./hpFilter.ts";
import { findRecessions, type Recession } from "./recessions.ts";
import { type SizeDistributionShape, sizeDistributionShape } from "./tailExponent.ts";
import { toQuarterly } from "./toQuarterly.ts";

/** Monthly columns `computeStylizedFacts` reads; every one must be present, all of one length. */
export const STYLIZED_FACTS_COLUMNS = [
  "gdpReal",
  "consumptionReal",
  "investmentReal",
  "employment",
  "unemploymentRate",
  "vacancies",
  "wageIndex",
  "inflationYoY",
] as const;

export interface StylizedFactsOptions {
  /** Monthly ticks dropped at the start of the run. Default 0. */
  burnInTicks?: number;
  /** Monthly ticks per quarter. Default 3. */
  ticksPerQuarter?: number;
  /** HP smoothing parameter for quarterly data. Default 1600. */
  lambda?: number;
  /** Largest lead/lag of the cross-correlation table, in quarters. Default 4. */
  maxLag?: number;
  /** Share of the firm-size sample used by the Hill estimator. Default 0.1. */
  tailFraction?: number;
}

/** The cyclical series compared with GDP. */
export type CycleVariable = "consumption" | "investment" | "employment" | "unemployment";

/** One stylized fact tested against a run. */
export interface FactCheck {
  name: string;
  /** The condition, in words: "relative sd > 1". */
  expected: string;
  /** The number the condition was evaluated on. */
  value: number;
  ok: boolean;
}

/**
 * Everything `spiral facts` reports. Plain data: numbers, arrays, null. A
 * statistic that is undefined for the run (e.g. a correlation with a constant
 * series) is NaN, which JSON.stringify writes as null.
 */
export interface StylizedFacts {
  options: Required<StylizedFactsOptions>;
  /** Complete quarters analysed after burn-in. */
  quarters: number;
  /** `tick` of the first and last month analysed, or null if the series has no `tick` column. */
  firstTick: number | null;
  lastTick: number | null;
  /**
   * Standard deviation of each HP cycle: log deviations for GDP, consumption,
   * investment and employment (0.01 = 1 %), level deviations for the
   * unemployment rate (0.01 = 1 percentage point).
   */
  cycleSd: Record<"gdp" | CycleVariable, number>;
  /** cycleSd of each variable / cycleSd of GDP. */
  relativeSd: Record<CycleVariable, number>;
  /**
   * corr(x_{t+k}, gdp_t) of the HP cycles for k in `lags`; positive k: x lags
   * GDP by k quarters, negative k: x leads.
   */
  crossCorrelationWithGdp: { lags: number[] } & Record<CycleVariable, number[]>;
  /** Lag k with the largest |corr(x_{t+k}, gdp_t)|; > 0 means x lags GDP. */
  peakLag: Record<CycleVariable, number>;
  /** First-order autocorrelation of each HP cycle. */
  autocorrelation: Record<"gdp" | CycleVariable, number>;
  /** Quarterly real GDP growth, log differences. `excessKurtosis` > 0: fatter tails than normal. */
  gdpGrowth: { mean: number; sd: number; excessKurtosis: number; skewness: number };
  /** Shape of the firm-size sample, or null if none was given. */
  firmSizes: SizeDistributionShape | null;
  /**
   * Correlations behind the classic curves, on quarterly averages:
   * `phillips` corr(year-on-year wage inflation, unemployment rate);
   * `phillipsPrice` corr(year-on-year price inflation, unemployment rate);
   * `okun` corr(GDP growth, change in unemployment rate);
   * `beveridge` corr(vacancy rate, unemployment rate), vacancy rate =
   * vacancies / labour force, labour force = employment / (1 − u).
   */
  curves: { phillips: number; phillipsPrice: number; okun: number; beveridge: number };
  /** Runs of ≥ 2 quarters of falling real GDP; quarter indices count from the first quarter after burn-in. */
  recessions: Recession[];
  recessionCount: number;
  /** Monthly unemployment rate over the analysed window (decimal). */
  unemployment: { mean: number; min: number; max: number };
  checks: FactCheck[];
}

const MIN_QUARTERS = 12;

/**
 * The stylized facts of macro agent-based models, measured on one run's
 * monthly series: relative volatilities, co-movement and persistence of the
 * HP-filtered business cycle, fat-tailed GDP growth, right-skewed firm sizes,
 * the Phillips, Okun and Beveridge curves and endogenous recessions — with a
 * pass/fail `checks` list.
 *
 * Pipeline: drop `burnInTicks` months; average each column to quarters
 * (flows are annual rates or monthly amounts — either way the mean only
 * rescales the level, so log cycles and growth rates are the same as with
 * sums); HP-filter (λ = 1600) the logs of GDP, consumption, investment and
 * employment and the level of the unemployment rate.
 *
 * Reference: Caiani et al. (2016), "Agent based-stock flow consistent
 * macroeconomics: Towards a benchmark model", JEDC 69, §5
 * (https://doi.org/10.1016/j.jedc.2016.04.001); Assenza, Delli Gatti &
 * Grazzini (2015), "Emergent dynamics of a macroeconomic agent based model
 * with capital and credit", JEDC 50 (https://doi.org/10.1016/j.jedc.2014.07.001).
 *
 * @example
 * const facts = computeStylizedFacts(series, firmEmployees, { burnInTicks: 240 });
 * facts.relativeSd.investment; // e.g. 3: investment three times as volatile as GDP
 *
 * @throws {InputError} if a column is missing, the columns differ in length,
 *   an option is out of range, fewer than 12 complete quarters remain after
 *   burn-in, a value in the analysed window is non-finite, GDP, consumption,
 *   investment, employment or the wage index is not positive, the
 *   unemployment rate is outside [0, 1), or the firm-size sample is too small
 *   or has a non-finite value.
 */
export function computeStylizedFacts(
  series: Readonly<Record<string, ArrayLike<number>>>,
  firmSizes: ArrayLike<number> | undefined,
  options: StylizedFactsOptions = {},
): StylizedFacts {
  const opts = resolveOptions(options);
  const { burnInTicks, ticksPerQuarter, lambda, maxLag, tailFraction } = opts;

  const length = checkColumns(series);
  const quarters = Math.floor(Math.max(0, length - burnInTicks) / ticksPerQuarter);
  if (quarters < MIN_QUARTERS) {
    throw new InputError(
      `stylized facts need at least ${MIN_QUARTERS} complete quarters after burn-in; ` +
        `${length} months minus ${burnInTicks} burn-in leave ${quarters}`,
    );
  }
  if (maxLag > quarters - 3) {
    throw new InputError(`maxLag ${maxLag} is too large for ${quarters} quarters (at most ${quarters - 3})`);
  }
  const months = quarters * ticksPerQuarter;
  const window = (name: string): Float64Array => {
    const column = Float64Array.from(series[name]).subarray(burnInTicks, burnInTicks + months);
    const bad = column.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      throw new InputError(
        `column ${name} is not finite at tick index ${burnInTicks + bad}`,
        undefined,
        `/${name}`,
      );
    }
    return column;
  };
  const quarterly = (name: string): Float64Array => toQuarterly(window(name), ticksPerQuarter, "mean");

  const gdp = quarterly("gdpReal");
  const consumption = quarterly("consumptionReal");
  const investment = quarterly("investmentReal");
  const employment = quarterly("employment");
  const unemploymentMonthly = window("unemploymentRate");
  const unemployment = toQuarterly(unemploymentMonthly, ticksPerQuarter, "mean");
  const vacancies = quarterly("vacancies");
  const wage = quarterly("wageIndex");
  const inflation = quarterly("inflationYoY");

  const logOf = (values: Float64Array, name: string): Float64Array => {
    const bad = values.findIndex((v) => !(v > 0));
    if (bad >= 0) {
      throw new InputError(`column ${name} must be positive, quarter ${bad} averages ${values[bad]}`);
    }
    return values.map(Math.log);
  };
  const logGdp = logOf(gdp, "gdpReal");
  logOf(wage, "wageIndex");
  for (let q = 0; q < quarters; q++) {
    if (!(unemployment[q] >= 0 && unemployment[q] < 1)) {
      throw new InputError(`unemploymentRate must be in [0, 1), quarter ${q} averages ${unemployment[q]}`);
    }
  }

  const cycles: Record<"gdp" | CycleVariable, Float64Array> = {
    gdp: hpFilter(logGdp, lambda).cycle,
    consumption: hpFilter(logOf(consumption, "consumptionReal"), lambda).cycle,
    investment: hpFilter(logOf(investment, "investmentReal"), lambda).cycle,
    employment: hpFilter(logOf(employment, "employment"), lambda).cycle,
    unemployment: hpFilter(unemployment, lambda).cycle,
  };
  const variables: CycleVariable[] = ["consumption", "investment", "employment", "unemployment"];

  const sd = (x: ArrayLike<number>): number => sampleStandardDeviation(Array.from(x));
  const corr = (x: ArrayLike<number>, y: ArrayLike<number>): number =>
    sampleCorrelation(Array.from(x), Array.from(y));

  const cycleSd = { gdp: sd(cycles.gdp) } as StylizedFacts["cycleSd"];
  const relativeSd = {} as StylizedFacts["relativeSd"];
  const crossCorrelationWithGdp = { lags: [] as number[] } as StylizedFacts["crossCorrelationWithGdp"];
  const peakLag = {} as StylizedFacts["peakLag"];
  const autocorr = { gdp: autocorrelation(cycles.gdp, 1) } as StylizedFacts["autocorrelation"];
  for (const v of variables) {
    cycleSd[v] = sd(cycles[v]);
    relativeSd[v] = cycleSd[v] / cycleSd.gdp;
    const cc = crossCorrelation(cycles[v], cycles.gdp, maxLag);
    crossCorrelationWithGdp.lags = cc.lags;
    crossCorrelationWithGdp[v] = cc.correlations;
    peakLag[v] = lagOfLargestMagnitude(cc.lags, cc.correlations);
    autocorr[v] = autocorrelation(cycles[v], 1);
  }

  const growth = new Float64Array(quarters - 1);
  const unemploymentChange = new Float64Array(quarters - 1);
  for (let q = 1; q < quarters; q++) {
    growth[q - 1] = logGdp[q] - logGdp[q - 1];
    unemploymentChange[q - 1] = unemployment[q] - unemployment[q - 1];
  }
  const growthValues = Array.from(growth);

  // Year-on-year wage inflation from quarterly averages: four quarters back.
  const wageInflation = new Float64Array(quarters - 4);
  for (let q = 4; q < quarters; q++) wageInflation[q - 4] = wage[q] / wage[q - 4] - 1;
  const vacancyRate = vacancies.map((v, q) => (v * (1 - unemployment[q])) / employment[q]);

  const curves = {
    phillips: corr(wageInflation, unemployment.subarray(4)),
    phillipsPrice: corr(inflation, unemployment),
    okun: corr(growth, unemploymentChange),
    beveridge: corr(vacancyRate, unemployment),
  };

  let firmShape: SizeDistributionShape | null = null;
  if (firmSizes !== undefined) {
    try {
      firmShape = sizeDistributionShape(firmSizes, tailFraction);
    } catch (err) {
      throw new InputError(`firm sizes: ${(err as Error).message}`);
    }
  }

  const recessions = findRecessions(gdp, 2);
  const facts: Omit<StylizedFacts, "checks"> = {
    options: opts,
    quarters,
    firstTick: series.tick === undefined ? null : series.tick[burnInTicks],
    lastTick: series.tick === undefined ? null : series.tick[burnInTicks + months - 1],
    cycleSd,
    relativeSd,
    crossCorrelationWithGdp,
    peakLag,
    autocorrelation: autocorr,
    gdpGrowth: {
      mean: mean(growthValues),
      sd: sampleStandardDeviation(growthValues),
      excessKurtosis: sampleKurtosis(growthValues),
      skewness: sampleSkewness(growthValues),
    },
    firmSizes: firmShape,
    curves,
    recessions,
    recessionCount: recessions.length,
    unemployment: {
      mean: mean(Array.from(unemploymentMonthly)),
      min: unemploymentMonthly.reduce((a, b) => Math.min(a, b)),
      max: unemploymentMonthly.reduce((a, b) => Math.max(a, b)),
    },
  };
  return { ...facts, checks: checkFacts(facts, maxLag) };
}

function resolveOptions(options: StylizedFactsOptions): Required<StylizedFactsOptions> {
  const resolved = {
    burnInTicks: options.burnInTicks ?? 0,
    ticksPerQuarter: options.ticksPerQuarter ?? 3,
    lambda: options.lambda ?? 1600,
    maxLag: options.maxLag ?? 4,
    tailFraction: options.tailFraction ?? 0.1,
  };
  const integer = (name: keyof typeof resolved, min: number): void => {
    const value = resolved[name];
    if (!Number.isInteger(value) || value < min) {
      throw new InputError(`option ${name} must be an integer ≥ ${min}, got ${value}`);
    }
  };
  integer("burnInTicks", 0);
  integer("ticksPerQuarter", 1);
  integer("maxLag", 0);
  if (!Number.isFinite(resolved.lambda) || resolved.lambda < 0) {
    throw new InputError(`option lambda must be a finite number ≥ 0, got ${resolved.lambda}`);
  }
  if (!(resolved.tailFraction > 0 && resolved.tailFraction < 1)) {
    throw new InputError(`option tailFraction must be in (0, 1), got ${resolved.tailFraction}`);
  }
  return resolved;
}

/** Verifies every required column is there and all have one length; returns that length. */
function checkColumns(series: Readonly<Record<string, ArrayLike<number>>>): number {
  const missing = STYLIZED_FACTS_COLUMNS.filter((name) => series[name] === undefined);
  if (missing.length > 0) throw new InputError(`series lack column(s): ${missing.join(", ")}`);
  const length = series.gdpReal.length;
  for (const name of [...STYLIZED_FACTS_COLUMNS, "tick"]) {
    const column = series[name];
    if (column !== undefined && column.length !== length) {
      throw new InputError(
        `column ${name} has ${column.length} values, gdpReal has ${length}`,
        undefined,
        `/${name}`,
      );
    }
  }
  return length;
}

function lagOfLargestMagnitude(lags: number[], correlations: number[]): number {
  let best = Number.NaN;
  let bestMagnitude = -1;
  for (let i = 0; i < lags.length; i++) {
    const magnitude = Math.abs(correlations[i]);
    if (magnitude > bestMagnitude) {
      bestMagnitude = magnitude;
      best = lags[i];
    }
  }
  return best;
}

function checkFacts(facts: Omit<StylizedFacts, "checks">, maxLag: number): FactCheck[] {
  const atLagZero = (v: CycleVariable): number => facts.crossCorrelationWithGdp[v][maxLag];
  const check = (name: string, expected: string, value: number, ok: boolean): FactCheck => ({
    name,
    expected,
    value,
    ok,
  });
  const checks = [
    check(
      "investment more volatile than GDP",
      "relative sd > 1",
      facts.relativeSd.investment,
      facts.relativeSd.investment > 1,
    ),
    check(
      "consumption less volatile than GDP",
      "relative sd < 1",
      facts.relativeSd.consumption,
      facts.relativeSd.consumption < 1,
    ),
    check(
      "consumption procyclical",
      "corr with GDP at lag 0 > 0",
      atLagZero("consumption"),
      atLagZero("consumption") > 0,
    ),
    check(
      "investment procyclical",
      "corr with GDP at lag 0 > 0",
      atLagZero("investment"),
      atLagZero("investment") > 0,
    ),
    check(
      "employment procyclical",
      "corr with GDP at lag 0 > 0",
      atLagZero("employment"),
      atLagZero("employment") > 0,
    ),
    check(
      "unemployment countercyclical",
      "corr with GDP at lag 0 < 0",
      atLagZero("unemployment"),
      atLagZero("unemployment") < 0,
    ),
    check(
      "unemployment lags GDP",
      "peak |corr| at lag > 0",
      facts.peakLag.unemployment,
      facts.peakLag.unemployment > 0,
    ),
    check(
      "fat-tailed GDP growth",
      "excess kurtosis > 0",
      facts.gdpGrowth.excessKurtosis,
      facts.gdpGrowth.excessKurtosis > 0,
    ),
  ];
  if (facts.firmSizes !== null) {
    checks.push(
      check(
        "right-skewed firm sizes",
        "skewness > 0",
        facts.firmSizes.skewness,
        facts.firmSizes.skewness > 0,
      ),
    );
  }
  checks.push(
    check("Phillips curve", "corr(wage inflation, u) < 0", facts.curves.phillips, facts.curves.phillips < 0),
    check("Okun's law", "corr(GDP growth, Δu) < 0", facts.curves.okun, facts.curves.okun < 0),
    check("Beveridge curve", "corr(vacancy rate, u) < 0", facts.curves.beveridge, facts.curves.beveridge < 0),
    check("at least one recession", "recessions ≥ 1", facts.recessionCount, facts.recessionCount >= 1),
  );
  return checks;
}
