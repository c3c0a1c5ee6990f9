import { sampleCorrelation } from "simple-statistics";
import { describe, expect, it } from "vitest";
import { findRecessions } from "../src/analysis/recessions.ts";
import { computeStylizedFacts } from "../src/analysis/stylizedFacts.ts";
import { toQuarterly } from "../src/analysis/toQuarterly.ts";
import { InputError } from "../src/errors.ts";
import { mulberry32 } from "./helpers/mulberry32.ts";

/** Standard normal draws by Box–Muller. */
function normals(seed: number): () => number {
  const rand = mulberry32(seed);
  return () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

interface Economy {
  /** Seed of the business-cycle shocks. */
  seed?: number;
  quarters?: number;
  /** Unemployment responds to the cycle this many quarters later. */
  unemploymentLag?: number;
}

/**
 * A synthetic monthly economy around a seeded AR(2) quarterly cycle c
 * (c_q = 1.3 c_{q−1} − 0.4 c_{q−2} + 0.005 ε): log GDP = trend + c, log
 * investment = trend + 3c, log consumption = trend + 0.5c, log employment =
 * 0.7c, u = 0.08 − 0.5 c lagged; vacancy rate mirrors u (Beveridge), wage
 * growth falls with u (Phillips). Values are constant within a quarter, so
 * quarterly means recover them exactly.
 */
function syntheticEconomy({
  seed = 1,
  quarters = 200,
  unemploymentLag = 1,
}: Economy = {}): Record<string, Float64Array> {
  const normal = normals(seed);
  const warmUp = 50;
  const c = new Float64Array(warmUp + quarters);
  for (let q = 2; q < c.length; q++) c[q] = 1.3 * c[q - 1] - 0.4 * c[q - 2] + 0.005 * normal();
  const cycle = (q: number): number => c[warmUp + q];

  const months = quarters * 3;
  const columns = [
    "tick",
    "gdpReal",
    "consumptionReal",
    "investmentReal",
    "employment",
    "unemploymentRate",
    "vacancies",
    "wageIndex",
    "inflationYoY",
  ];
  const s: Record<string, Float64Array> = Object.fromEntries(
    columns.map((k) => [k, new Float64Array(months)]),
  );
  let wage = 1;
  for (let m = 0; m < months; m++) {
    const q = Math.floor(m / 3);
    const trend = 0.005 * q;
    const u = 0.08 - 0.5 * cycle(q - unemploymentLag);
    s.tick[m] = m;
    s.gdpReal[m] = 100 * Math.exp(trend + cycle(q));
    s.investmentReal[m] = 20 * Math.exp(trend + 3 * cycle(q));
    s.consumptionReal[m] = 60 * Math.exp(trend + 0.5 * cycle(q));
    s.employment[m] = 900 * Math.exp(0.7 * cycle(q));
    s.unemploymentRate[m] = u;
    const labourForce = s.employment[m] / (1 - u);
    s.vacancies[m] = labourForce * (0.03 + 0.5 * cycle(q - unemploymentLag));
    if (m % 3 === 0) wage *= 1 + 0.006 - 0.3 * (u - 0.08);
    s.wageIndex[m] = wage;
    s.inflationYoY[m] = 0.02 - 0.5 * (u - 0.08);
  }
  return s;
}

function paretoSample(alpha: number, n: number, seed: number): Float64Array {
  const rand = mulberry32(seed);
  return Float64Array.from({ length: n }, () => (1 - rand()) ** (-1 / alpha));
}

const check = (facts: ReturnType<typeof computeStylizedFacts>, name: string) => {
  const found = facts.checks.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no check named ${name}`);
  return found;
};

describe("computeStylizedFacts on a synthetic AR(2) economy", () => {
  const series = syntheticEconomy();
  const facts = computeStylizedFacts(series, paretoSample(1.5, 2000, 3), {});

  it("reports the relative volatilities built into the economy", () => {
    expect(facts.quarters).toBe(200);
    expect(facts.relativeSd.investment).toBeCloseTo(3, 9);
    expect(facts.relativeSd.consumption).toBeCloseTo(0.5, 9);
    expect(facts.relativeSd.employment).toBeCloseTo(0.7, 9);
    // u = −0.5 × the cycle a quarter earlier: the same sd up to end effects.
    expect(facts.relativeSd.unemployment).toBeGreaterThan(0.45);
    expect(facts.relativeSd.unemployment).toBeLessThan(0.55);
    expect(facts.cycleSd.investment / facts.cycleSd.gdp).toBeCloseTo(3, 9);
  });

  it("finds unemployment countercyclical and lagging GDP by one quarter", () => {
    const { lags, unemployment, investment } = facts.crossCorrelationWithGdp;
    expect(lags).toEqual([-4, -3, -2, -1, 0, 1, 2, 3, 4]);
    expect(unemployment[lags.indexOf(1)]).toBeLessThan(-0.99);
    expect(unemployment[lags.indexOf(0)]).toBeLessThan(0);
    expect(unemployment[lags.indexOf(0)]).toBeGreaterThan(unemployment[lags.indexOf(1)]);
    expect(facts.peakLag.unemployment).toBe(1);
    expect(investment[lags.indexOf(0)]).toBeCloseTo(1, 9);
    expect(facts.peakLag.investment).toBe(0);
    expect(facts.peakLag.employment).toBe(0);
  });

  it("reports persistent cycles", () => {
    expect(facts.autocorrelation.gdp).toBeGreaterThan(0.6);
    expect(facts.autocorrelation.investment).toBeCloseTo(facts.autocorrelation.gdp, 9);
  });

  it("measures GDP growth as quarterly log differences", () => {
    const gdp = toQuarterly(series.gdpReal);
    let sum = 0;
    for (let q = 1; q < gdp.length; q++) sum += Math.log(gdp[q] / gdp[q - 1]);
    expect(facts.gdpGrowth.mean).toBeCloseTo(sum / (gdp.length - 1), 12);
    expect(facts.gdpGrowth.sd).toBeGreaterThan(0);
  });

  it("finds the Phillips, Beveridge and price-Phillips curves negative", () => {
    expect(facts.curves.beveridge).toBeCloseTo(-1, 9);
    expect(facts.curves.phillipsPrice).toBeCloseTo(-1, 9);
    expect(facts.curves.phillips).toBeLessThan(-0.3);
  });

  it("defines the Phillips correlation on year-on-year wage inflation against current unemployment", () => {
    const wage = toQuarterly(series.wageIndex);
    const u = toQuarterly(series.unemploymentRate);
    const inflation: number[] = [];
    for (let q = 4; q < wage.length; q++) inflation.push(wage[q] / wage[q - 4] - 1);
    expect(facts.curves.phillips).toBeCloseTo(sampleCorrelation(inflation, Array.from(u.subarray(4))), 12);
  });

  it("lists the recessions of quarterly GDP", () => {
    const expected = findRecessions(toQuarterly(series.gdpReal));
    expect(expected.length).toBeGreaterThan(0);
    expect(facts.recessions).toEqual(expected);
    expect(facts.recessionCount).toBe(expected.length);
  });

  it("summarises unemployment and the firm sizes", () => {
    let min = 1;
    let max = 0;
    for (const u of series.unemploymentRate) {
      min = Math.min(min, u);
      max = Math.max(max, u);
    }
    expect(facts.unemployment.min).toBe(min);
    expect(facts.unemployment.max).toBe(max);
    expect(facts.unemployment.mean).toBeGreaterThan(0.07);
    expect(facts.unemployment.mean).toBeLessThan(0.09);
    expect(facts.firmSizes?.count).toBe(2000);
    expect(facts.firmSizes?.skewness).toBeGreaterThan(1);
    expect(facts.firmSizes?.tailExponent).toBeGreaterThan(1.5 * 0.8);
    expect(facts.firmSizes?.tailExponent).toBeLessThan(1.5 * 1.2);
  });

  it("passes the checks the economy was built to pass", () => {
    for (const name of [
      "investment more volatile than GDP",
      "consumption less volatile than GDP",
      "investment procyclical",
      "consumption procyclical",
      "employment procyclical",
      "unemployment countercyclical",
      "unemployment lags GDP",
      "right-skewed firm sizes",
      "Phillips curve",
      "Beveridge curve",
      "at least one recession",
    ]) {
      expect(check(facts, name).ok, name).toBe(true);
    }
    expect(check(facts, "investment more volatile than GDP").value).toBeCloseTo(3, 9);
    expect(check(facts, "unemployment lags GDP").value).toBe(1);
  });

  it("is plain data that survives a JSON round trip", () => {
    expect(JSON.parse(JSON.stringify(facts))).toEqual(facts);
    expect(facts.firstTick).toBe(0);
    expect(facts.lastTick).toBe(599);
    expect(facts.options).toEqual({
      burnInTicks: 0,
      ticksPerQuarter: 3,
      lambda: 1600,
      maxLag: 4,
      tailFraction: 0.1,
    });
  });
});

describe("computeStylizedFacts on other economies", () => {
  it("finds Okun's law and no lag when unemployment moves with GDP", () => {
    const facts = computeStylizedFacts(syntheticEconomy({ seed: 4, unemploymentLag: 0 }), undefined);
    expect(facts.curves.okun).toBeCloseTo(-1, 9);
    expect(facts.peakLag.unemployment).toBe(0);
    expect(check(facts, "Okun's law").ok).toBe(true);
    expect(check(facts, "unemployment lags GDP").ok).toBe(false);
  });

  it("leaves out the firm-size check when no sizes are given", () => {
    const facts = computeStylizedFacts(syntheticEconomy(), undefined);
    expect(facts.firmSizes).toBeNull();
    expect(facts.checks.map((c) => c.name)).not.toContain("right-skewed firm sizes");
  });

  it("flags fat-tailed GDP growth only when growth has fat tails", () => {
    const withGrowthShocks = (shock: () => number): Record<string, Float64Array> => {
      const s = syntheticEconomy({ quarters: 160 });
      let logGdp = Math.log(100);
      for (let q = 0; q < 160; q++) {
        logGdp += 0.005 + shock();
        for (let m = 3 * q; m < 3 * q + 3; m++) s.gdpReal[m] = Math.exp(logGdp);
      }
      return s;
    };
    const rand = mulberry32(8);
    // Uniform shocks: excess kurtosis −1.2. Rare large shocks: strongly positive.
    const thin = computeStylizedFacts(
      withGrowthShocks(() => 0.01 * (rand() - 0.5)),
      undefined,
    );
    const fat = computeStylizedFacts(
      withGrowthShocks(() => (rand() < 0.05 ? -0.05 : 0.002 * (rand() - 0.5))),
      undefined,
    );
    expect(thin.gdpGrowth.excessKurtosis).toBeLessThan(0);
    expect(check(thin, "fat-tailed GDP growth").ok).toBe(false);
    expect(fat.gdpGrowth.excessKurtosis).toBeGreaterThan(3);
    expect(fat.gdpGrowth.skewness).toBeLessThan(0);
    expect(check(fat, "fat-tailed GDP growth").ok).toBe(true);
  });
});

describe("computeStylizedFacts windows and errors", () => {
  it("drops burn-in months before anything else", () => {
    const clean = syntheticEconomy({ quarters: 60 });
    const burnIn = 30;
    const withJunk: Record<string, Float64Array> = {};
    for (const [name, column] of Object.entries(clean)) {
      const longer = new Float64Array(burnIn + column.length);
      longer.set(column, burnIn);
      // Junk that would wreck every statistic if it were kept.
      for (let m = 0; m < burnIn; m++) longer[m] = name === "unemploymentRate" ? 0.9 : 1e6 * (m + 1);
      withJunk[name] = longer;
    }
    const a = computeStylizedFacts(clean, undefined, {});
    const b = computeStylizedFacts(withJunk, undefined, { burnInTicks: burnIn });
    expect(b.quarters).toBe(60);
    expect(b.relativeSd).toEqual(a.relativeSd);
    expect(b.crossCorrelationWithGdp).toEqual(a.crossCorrelationWithGdp);
    expect(b.unemployment).toEqual(a.unemployment);
    expect(b.recessions).toEqual(a.recessions);
  });

  it("drops an incomplete last quarter", () => {
    const s = syntheticEconomy({ quarters: 13 });
    const trimmed = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.subarray(0, 38)]));
    expect(computeStylizedFacts(trimmed, undefined).quarters).toBe(12);
    expect(computeStylizedFacts(trimmed, undefined).lastTick).toBe(35);
  });

  it("throws an InputError when fewer than 12 quarters remain after burn-in", () => {
    const s = syntheticEconomy({ quarters: 15 });
    expect(() => computeStylizedFacts(s, undefined, { burnInTicks: 10 })).toThrow(InputError);
    expect(() => computeStylizedFacts(s, undefined, { burnInTicks: 10 })).toThrow(
      /at least 12 complete quarters/,
    );
    expect(computeStylizedFacts(s, undefined, { burnInTicks: 9 }).quarters).toBe(12);
  });

  it("throws an InputError for missing or ragged columns, bad values and bad options", () => {
    const s = syntheticEconomy({ quarters: 20 });
    const without = { ...s };
    delete without.vacancies;
    expect(() => computeStylizedFacts(without, undefined)).toThrow(/vacancies/);
    expect(() => computeStylizedFacts({ ...s, wageIndex: s.wageIndex.subarray(1) }, undefined)).toThrow(
      InputError,
    );

    const zeroInvestment = s.investmentReal.slice();
    zeroInvestment.fill(0, 6, 9);
    expect(() => computeStylizedFacts({ ...s, investmentReal: zeroInvestment }, undefined)).toThrow(
      /investmentReal must be positive/,
    );
    const nan = s.employment.slice();
    nan[40] = Number.NaN;
    expect(() => computeStylizedFacts({ ...s, employment: nan }, undefined)).toThrow(InputError);

    expect(() => computeStylizedFacts(s, undefined, { burnInTicks: -3 })).toThrow(InputError);
    expect(() => computeStylizedFacts(s, undefined, { maxLag: 18 })).toThrow(InputError);
    expect(() => computeStylizedFacts(s, [1, 2], {})).toThrow(/firm sizes/);
  });
});
