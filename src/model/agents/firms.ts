// Non-AI firms' own decisions (Caiani et al. 2016, firms' behaviour):
// adaptive sales expectations, output and labour demand with an inventory
// target, markup pricing adjusted by inventories, firm-side wage setting,
// capacity-growth investment, production, and profit accounting with
// dividends. Pure functions over the firm columns.
import type { SpiralConfig } from "../../config/configTypes.ts";
import {
  type Books,
  creditParty,
  debitParty,
  FlowRow,
  grantLoan,
  Party,
  recordFlow,
  repayLoan,
  Sector,
  transfer,
} from "../ledger.ts";
import { expectedInflation } from "../macro.ts";
import type { DrawKeys } from "../month.ts";
import { FIRM_FLOW_SLOTS, Pass, type SliceView } from "../passes.ts";
import type { PassRunner } from "../passRunner.ts";
import { AgentStream, agentUniform, keyedUniform, streamKey } from "../rng.ts";
import type { Banks, DerivedParams, Firms, Fund, Government, MacroState, ShockState } from "../state.ts";
import { defineStruct } from "../struct.ts";
import { distressDividend, distressLabourAdjustment, inDistress } from "./distress.ts";
import { payUtilityDividend } from "./utility.ts";

/**
 * The firms' parameters: the config group firms (configs/schema.json), the
 * few values of other groups their rules use, and the derived constants
 * (productivities, depreciation, the normal profit rate).
 */
export interface FirmParams {
  firms: Readonly<SpiralConfig["firms"]>;
  /** centralBank.naturalUnemploymentRate: u* of the wage Phillips curve (wageGapGrowth). */
  naturalUnemploymentRate: number;
  /** households.separationRateMonthly: exogenous separations in each worker's leave probability. */
  separationRateMonthly: number;
  /** banks.baseSpreadYearly: the spread of a well-capitalised bank in normal times (the investment rule's credit term). */
  baseSpreadYearly: number;
  /** government.profitTaxRate. */
  profitTaxRate: number;
  /** centralBank.neutralRealRateYearly: the real rate the investment rule's user-cost term is measured from (investmentRealRateGap). */
  policyNeutralRealRateYearly: number;
  derived: Readonly<
    Pick<
      DerivedParams,
      | "prodCapital"
      | "prodLabourConsumption"
      | "prodLabourCapital"
      | "depreciationMonthly"
      | "normalProfitRateYearly"
    >
  >;
}

/** The firms' parameters from the config and the derived constants. */
export function firmParams(config: SpiralConfig, derived: DerivedParams): FirmParams {
  return {
    firms: config.firms,
    naturalUnemploymentRate: config.centralBank.naturalUnemploymentRate,
    separationRateMonthly: config.households.separationRateMonthly,
    baseSpreadYearly: config.banks.baseSpreadYearly,
    profitTaxRate: config.government.profitTaxRate,
    policyNeutralRealRateYearly: config.centralBank.neutralRealRateYearly,
    derived,
  };
}

/**
 * Expectations, output plan, labour demand, wage and price.
 * - Expected sales: adaptive, e ← e + λ (demand − e) (Caiani eq. for sales expectations).
 * - Planned output = expected sales + desired inventory − inventory, capped by
 *   capacity (capital × its productivity) for consumption firms.
 * - Wage: a wage Phillips curve (firms.wagePhillipsSlope) — every posted
 *   wage grows by expected inflation plus φw (u* − u) a year, not less than
 *   firms.wageGrowthFloorYearly (downward nominal rigidity), the Phillips
 *   term bounded in deep slack by firms.wagePhillipsSlackLimitYearly — and, on top,
 *   a firm-level rise after unfilled vacancies (firm side of the Caiani wage
 *   rule). Expected inflation is partly anchored (firms.inflationAnchor) on a
 *   long-run anchor learned from experience (macro.ts learnInflationAnchor).
 * - Price = (1 + markup) × unit labour cost; the markup rises when
 *   inventories fall short of target and falls when they exceed it.
 * - Labour demand covers the tasks not automated (agents/automation.ts),
 *   for the labour plan (labourPlanStep): a normal level that follows
 *   the output plan at firms.labourAdjustmentWeight a month, plus a share
 *   firms.labourCycleShare of the plan's deviation from it — hiring and
 *   firing lag output (labour hoarding, adjustment costs), and a firm short
 *   of staff covers part of its plan with effort (firms.maxEffort, produce).
 * - Output per worker is the labour productivity times the aggregate
 *   productivity shock z (shocks.ts), in labour demand, prices and output.
 * - Leave probability of each worker: exogenous separations plus layoffs of
 *   a share of the excess workforce (labour hoarding); workers made
 *   redundant by automation this month are laid off in full (labour.ts).
 */
/** Relative distance from the inventory target within which markups stay put. */
const INVENTORY_BAND = 0.25;
/** Months a successor firm keeps its paid-in equity from the excess-cash payout: the month it enters and the month the equity arrives, before it hires (firms.successorFreshStart). */
const ENTRY_MONTHS = 2;

export function planProduction(
  firms: Firms,
  macro: Pick<MacroState, "inflationAnchorYearly" | "inflationYoY" | "unemploymentRate">,
  shocks: Pick<ShockState, "productivityFactor">,
  keys: DrawKeys,
  params: FirmParams,
  runner: PassRunner,
): void {
  const c = params.firms;
  const d = params.derived;
  // Expected inflation: partly anchored on the learned long-run anchor (macro.ts).
  const piExpected = expectedInflation(c.inflationAnchor, macro.inflationAnchorYearly, macro.inflationYoY);
  PlanArgs.write(runner.work.args, {
    seed: keys.seed,
    tick: keys.tick,
    lambda: c.salesExpectationWeight,
    invTarget: c.inventoryTargetMonths,
    indexation: (c.wageIndexation * piExpected) / 12,
    gap: wageGapGrowth(
      c.wagePhillipsSlope,
      params.naturalUnemploymentRate,
      macro.unemploymentRate,
      c.wagePhillipsSlackLimitYearly,
    ),
    sep: params.separationRateMonthly,
    prodK: d.prodCapital,
    prodLc: d.prodLabourConsumption,
    prodLk: d.prodLabourCapital,
    wageAdjustMax: c.wageAdjustMax,
    markupAdjustMax: c.markupAdjustMax,
    markupReversion: c.markupReversion,
    normalC: c.consumption.initialMarkup,
    normalK: c.capital.initialMarkup,
    firingSpeed: c.firingSpeed,
    wageFloor: c.wageGrowthFloorYearly / 12,
    labourWeight: c.labourAdjustmentWeight,
    cycleShare: c.labourCycleShare,
    tfp: shocks.productivityFactor,
    retrench: c.distress.retrenchment ? 1 : 0,
    distressFiring: c.distress.firingSpeed,
    distressPd: c.distress.defaultProbability,
  });
  if (c.productivityDispersionMonthly > 0) updateFirmProductivity(firms, keys, c);
  if (c.appealDispersionMonthly > 0) updateFirmAppeal(firms, keys, c);
  // One pass over the firms (planKernel), which may run in slices on several threads.
  runner.run(Pass.plan);
}

/** The firms' random-growth rules' parameters (config group firms). */
export type FirmGrowthParams = Readonly<
  Pick<
    SpiralConfig["firms"],
    | "productivityDispersionMonthly"
    | "productivityReversionMonthly"
    | "appealDispersionMonthly"
    | "appealReversionMonthly"
    | "productivityBarrier"
  >
>;

/**
 * The wage Phillips curve's monthly growth term: φw (u* − u) / 12, with φw
 * firms.wagePhillipsSlope (per year per unit gap), u* the natural rate and u
 * last month's unemployment rate. Positive when the labour market is tight.
 * With `slackLimit` L > 0 (firms.wagePhillipsSlackLimitYearly) the yearly
 * term is not below −L: the curve is flat in deep slack, as downward nominal
 * wage rigidity bends the aggregate wage Phillips curve at high unemployment
 * (Daly & Hobijn 2014, JMCB 46(S2)); US core inflation stayed about 1 point
 * below expectations through 2009–15 with unemployment at 7–10 %
 * (docs/calibration.md §10.12). L = 0 (the default) is the linear curve.
 *
 * @example wageGapGrowth(0.5, 0.044, 0.104, 0.01) // −0.01 / 12 (the linear term: −0.03 / 12)
 */
export function wageGapGrowth(slope: number, natural: number, unemployment: number, slackLimit = 0): number {
  const term = slope * (natural - unemployment);
  return (slackLimit > 0 ? Math.max(-slackLimit, term) : term) / 12;
}

/**
 * Firm-level productivity by random growth (Gibrat's law; Luttmer 2007,
 * Gabaix 2009 "Power laws in economics and finance" §3): each month log a_j
 * takes an i.i.d. step of sd σ = firms.productivityDispersionMonthly
 * (uniform, scaled to unit variance); a is then divided by its sector's mean
 * (consumption firms, capital-goods firms) so each sector's mean stays 1, and
 * reflected at the lower barrier b = firms.productivityBarrier (a firm that
 * falls behind imitates up to it: entry and exit keep the bottom in place). The normalised
 * random walk with a reflecting barrier has a Pareto stationary distribution
 * of exponent ζ = 1 / (1 − b / mean) (Gabaix 2009, §3.1; Gabaix 1999). A firm's a
 * multiplies its output per worker and per unit of capital, so its price
 * (a markup on unit labour cost) is lower and it gains customers; a
 * successor of a bankrupt firm starts at the mean (markets/credit.ts).
 * Draws are counter-based on their own stream (AgentStream.firmProductivity).
 */
export function updateFirmProductivity(firms: Firms, keys: DrawKeys, params: FirmGrowthParams): void {
  const { productivityDispersionMonthly: sigma, productivityReversionMonthly: reversion } = params;
  const key = streamKey(keys.seed, AgentStream.firmProductivity, keys.tick);
  stepBySector(firms, firms.productivity, sigma, params.productivityBarrier, key, reversion);
}

/** stepFirmProductivity on consumption firms, then on capital-goods firms, with this tick's `key` of the rule's stream. */
export function stepBySector(
  f: Pick<Firms, "n" | "nConsumption">,
  column: Float64Array,
  sigma: number,
  barrier: number,
  key: number,
  reversion: number,
): void {
  stepFirmProductivity(column, 0, f.nConsumption, sigma, barrier, key, reversion);
  stepFirmProductivity(column, f.nConsumption, f.n, sigma, barrier, key, reversion);
}

/**
 * Firm-level appeal by random growth: the same rule as productivity
 * (stepFirmProductivity; sd firms.appealDispersionMonthly, barrier
 * firms.productivityBarrier, its own stream AgentStream.firmAppeal), but a
 * demand shifter — quality, reputation, product appeal — not a cost: a
 * household compares suppliers by price / appeal (agents/households.ts), so
 * an appealing firm gains customers at the same price and, needing as many
 * workers per unit as any other, grows in employees. Foster, Haltiwanger &
 * Syverson (2008, AER 98(1)) find that firm-specific demand, more than
 * physical productivity, accounts for the size and survival of plants.
 * With θ = firms.appealReversionMonthly > 0 log appeal is an AR(1) around
 * the sector's mean (persistent but stationary, as plant-level demand is in
 * their data) instead of a random walk that spreads firm sizes for ever.
 */
export function updateFirmAppeal(firms: Firms, keys: DrawKeys, params: FirmGrowthParams): void {
  const key = streamKey(keys.seed, AgentStream.firmAppeal, keys.tick);
  const {
    appealDispersionMonthly: sigma,
    appealReversionMonthly: reversion,
    productivityBarrier: barrier,
  } = params;
  stepBySector(firms, firms.appeal, sigma, barrier, key, reversion);
}

/** √3: a uniform draw on [−√3, √3) has unit variance. */
const SQRT3 = Math.sqrt(3);

/**
 * One month of the productivity rule (updateFirmProductivity) on firms
 * [start, end): log a ← (1 − θ) log a + σ e, e a unit-variance draw, then
 * division by the range's mean and reflection at `barrier`. θ = `reversion`
 * (firms.productivityReversionMonthly): 0 is the random walk (computed as
 * a·exp(σe), the rule before, to the last bit); θ > 0 an AR(1) that pulls a
 * firm's log productivity back towards its sector's mean (log 1 = 0) with
 * monthly persistence 1 − θ, so the stationary sd of log a is about
 * σ / √(1 − (1 − θ)²) (before the barrier and the normalisation). Pure over
 * the column; draws from `key` (streamKey).
 */
export function stepFirmProductivity(
  a: Float64Array,
  start: number,
  end: number,
  sigma: number,
  barrier: number,
  key: number,
  reversion = 0,
): void {
  if (end <= start) return;
  const keep = 1 - reversion;
  let sum = 0;
  for (let j = start; j < end; j++) {
    const e = SQRT3 * (2 * keyedUniform(key, j) - 1);
    const x = reversion === 0 ? a[j] * Math.exp(sigma * e) : Math.exp(keep * Math.log(a[j]) + sigma * e);
    a[j] = x;
    sum += x;
  }
  const mean = sum / (end - start);
  for (let j = start; j < end; j++) a[j] = Math.max(barrier, a[j] / mean);
}

/** Inputs of the planning pass: written into PassWork.args by planProduction, read by planKernel (struct.ts). */
export const PlanArgs = defineStruct({
  seed: "f64",
  tick: "f64",
  lambda: "f64",
  invTarget: "f64",
  indexation: "f64",
  gap: "f64",
  sep: "f64",
  prodK: "f64",
  prodLc: "f64",
  prodLk: "f64",
  wageAdjustMax: "f64",
  markupAdjustMax: "f64",
  markupReversion: "f64",
  normalC: "f64",
  normalK: "f64",
  firingSpeed: "f64",
  wageFloor: "f64",
  labourWeight: "f64",
  tfp: "f64",
  cycleShare: "f64",
  /** firms.distress.retrenchment (1 on, 0 off) and firms.distress.firingSpeed (agents/distress.ts). */
  retrench: "f64",
  distressFiring: "f64",
  /** firms.distress.defaultProbability (agents/distress.ts inDistress). */
  distressPd: "f64",
});
const PlanArg = PlanArgs.at;

/**
 * The labour plan (labour hoarding, adjustment costs; Oi 1962, Fay &
 * Medoff 1985):
 * - the normal level s ← s + χ (target − s), χ =
 *   firms.labourAdjustmentWeight: the output a firm keeps its workforce for
 *   follows demand slowly, so hiring and firing lag it. planKernel passes
 *   the planned output as the target (sales plus the inventory rebuild):
 *   with expected sales there, the plan's lasting excess over sales was
 *   met by effort for good, and the estimated cycle raised late-2025
 *   unemployment by 0.7 points (0.4 with the plan; docs/calibration-tool.md,
 *   "Late-2025 start");
 * - the staffing target T = s + η (planned output − s), η =
 *   firms.labourCycleShare: only a share η of the plan's deviation from the
 *   normal level is hired or fired for at once; the rest is met with effort
 *   (staffCapacity) or, in a slump, the firm keeps workers it does not need.
 * With η = 1, T = planned output: the rule before labour hoarding (returned
 * exactly, so those runs are unchanged to the last bit).
 * Writes [s, T] into `out`.
 */
export function labourPlanStep(
  plan: number,
  target: number,
  planned: number,
  weight: number,
  cycleShare: number,
  out: Float64Array,
): void {
  const s = plan + weight * (target - plan);
  out[0] = s;
  out[1] = cycleShare === 1 ? planned : Math.max(0, s + cycleShare * (planned - s));
}

/**
 * What a firm's staff can make this month: employees × output per worker ×
 * (1 + maxEffort), the effort margin a firm short of staff draws on
 * (Burnside, Eichenbaum & Rebelo 1993), over the share of tasks people still
 * do (automated tasks are done by AI services).
 */
export function staffCapacity(
  employees: number,
  outputPerWorker: number,
  maxEffort: number,
  automatedShare: number,
): number {
  return (employees * outputPerWorker * (1 + maxEffort)) / (1 - automatedShare);
}

/** The planning pass over firms [start, end): each firm's own columns only, draws counter-based. */
export function planKernel(v: SliceView, _lane: number, _block: number, start: number, end: number): void {
  const f = v.firms;
  const a = v.work.args;
  const seed = a[PlanArg.seed];
  const tick = a[PlanArg.tick];
  const lambda = a[PlanArg.lambda];
  const invTarget = a[PlanArg.invTarget];
  const indexation = a[PlanArg.indexation];
  const gap = a[PlanArg.gap];
  const wageFloor = a[PlanArg.wageFloor];
  // Economy-wide wage growth: indexation plus the Phillips term, not below the floor (downward nominal rigidity).
  const drift = Math.max(wageFloor, indexation + gap);
  const prodK = a[PlanArg.prodK];
  const wageAdjustMax = a[PlanArg.wageAdjustMax];
  const markupAdjustMax = a[PlanArg.markupAdjustMax];
  const markupReversion = a[PlanArg.markupReversion];
  const tfp = a[PlanArg.tfp];
  const plan = new Float64Array(2); // [normal level, staffing target] of labourPlanStep
  const adjust = new Float64Array(3); // [weight, cycle share, firing speed] of distressLabourAdjustment
  for (let j = start; j < end; j++) {
    const isC = j < f.nConsumption;
    // Output per worker this month: labour productivity × the aggregate productivity shock.
    const prodL = (isC ? a[PlanArg.prodLc] : a[PlanArg.prodLk]) * tfp * f.productivity[j];
    // Wage first: the price is a markup on this month's unit labour cost.
    const uw = agentUniform(seed, AgentStream.wage, tick, j);
    let w = f.wage[j];
    if (f.unfilled[j] === 1) w *= 1 + uw * wageAdjustMax + drift;
    else w *= 1 + drift;
    f.wage[j] = w;

    const previous = f.expectedSales[j];
    const expected = previous + lambda * (f.demandReal[j] - previous);
    f.expectedSales[j] = expected;
    f.expectedSalesGrowth[j] = previous > 0 ? expected / previous - 1 : 0;
    const um = agentUniform(seed, AgentStream.markup, tick, j);
    // A dead band around the target keeps markups from creeping on noise:
    // raise with inventories well short of target, cut with them well above.
    const targetStock = invTarget * expected;
    if (f.inventory[j] < (1 - INVENTORY_BAND) * targetStock) f.markup[j] *= 1 + um * markupAdjustMax;
    else if (f.inventory[j] > (1 + INVENTORY_BAND) * targetStock) f.markup[j] *= 1 - um * markupAdjustMax;
    // Competition pulls markups back towards the sector's normal markup, so
    // the labour share does not drift on the random walk of adjustments.
    const normal = isC ? a[PlanArg.normalC] : a[PlanArg.normalK];
    f.markup[j] += markupReversion * (normal - f.markup[j]);
    f.price[j] = ((1 + f.markup[j]) * w) / prodL;

    if (f.age[j] === 0) {
      // A successor of a bankrupt firm sits out its first month while its owners pay in its equity.
      f.plannedOutput[j] = 0;
      f.labourDemand[j] = 0;
      f.leaveProbability[j] = 1;
      f.automationLayoffs[j] = 0;
      continue;
    }
    let planned = Math.max(0, expected * (1 + invTarget) - f.inventory[j]);
    if (isC) planned = Math.min(planned, f.capital[j] * prodK * f.productivity[j]);
    f.plannedOutput[j] = planned;
    planStaff(v, j, planned, prodL, plan, adjust);
  }
}

/**
 * Firm j's staff for its output plan `planned` (planKernel, whose scratch
 * `plan` and `adjust` are): the labour plan (labourPlanStep), which lags
 * the output plan (labour hoarding) unless a firm in distress retrenches
 * (firms.distress.retrenchment; agents/distress.ts), the labour demand over
 * the tasks not automated, and each worker's leave probability. Firm j's
 * own columns only; the parameters from PassWork.args (PlanArgs).
 */
function planStaff(
  v: SliceView,
  j: number,
  planned: number,
  prodL: number,
  plan: Float64Array,
  adjust: Float64Array,
): void {
  const f = v.firms;
  const a = v.work.args;
  const sep = a[PlanArg.sep];
  const distressed = inDistress(f.earnings[j], f.pdYearly[j], a[PlanArg.distressPd]);
  const retrench = a[PlanArg.retrench] !== 0;
  const weight = a[PlanArg.labourWeight];
  const share = a[PlanArg.cycleShare];
  const firing = a[PlanArg.firingSpeed];
  distressLabourAdjustment(distressed, retrench, weight, share, firing, a[PlanArg.distressFiring], adjust);
  // Staff for the labour plan, which lags the output plan (labour hoarding),
  // unless a firm in distress retrenches (firms.distress.retrenchment).
  labourPlanStep(f.labourPlan[j], planned, planned, adjust[0], adjust[1], plan);
  f.labourPlan[j] = plan[0];
  // Automated tasks are done by AI services, not workers (agents/automation.ts).
  const demand = Math.ceil(((1 - f.automatedShare[j]) * plan[1]) / prodL - 1e-9);
  f.labourDemand[j] = demand;
  const employed = f.employees[j];
  // Workers whose tasks were just automated go at once (the most exposed,
  // labour.ts); the rest of any excess is shed gradually, at random.
  const layoffs = Math.min(f.automationLayoffs[j], Math.max(0, employed - demand));
  f.automationLayoffs[j] = layoffs;
  const n = employed - layoffs;
  const excess = n > demand ? (adjust[2] * (n - demand)) / n : 0;
  f.leaveProbability[j] = sep + (1 - sep) * excess;
}

/** The investment rule's sensitivities (configs/schema.json firms.consumption.investment*). */
export interface InvestmentRule {
  /** γ1: per unit relative profit-rate gap. */
  profit: number;
  /** γ2: per unit relative utilisation gap. */
  utilization: number;
  /** γa: per unit of annualised expected-sales growth (the accelerator). */
  accelerator: number;
  /** γc: per unit of excess loan spread (credit conditions). */
  credit: number;
  /** γr: per unit of real-rate gap (the user cost of capital; firms.consumption.investmentRateSensitivity). */
  rate: number;
  /** r̄: the normal profit rate per year. */
  normalProfitRate: number;
  /** ū: normal utilisation. */
  targetUtilization: number;
}

/**
 * Desired capacity growth per year (Caiani et al. 2016's investment rule,
 * with an accelerator, credit conditions and the investment shock):
 * g = γ1 (r − r̄)/|r̄| + γ2 (u − ū)/ū + γa · 12 ĝ − γc s − γr x + ξ, with r the
 * smoothed profit rate, u the smoothed utilisation, ĝ the monthly relative
 * change of expected sales (Clark 1917's accelerator), s the excess spread
 * of the firm's bank over banks.baseSpreadYearly — its capital shortfall
 * and the credit-spread shock (Gilchrist & Zakrajšek 2012) — x the real-rate
 * gap of the user cost of capital (investmentRealRateGap; Jorgenson 1963,
 * Hall & Jorgenson 1967; γr = firms.consumption.investmentRateSensitivity,
 * 0 by default) and ξ the aggregate investment
 * shock (shocks.ts; Justiniano, Primiceri & Tambalotti 2010). Bounded to
 * [−12 δ, 0.5]: a firm at most lets its capital depreciate, and grows it at
 * most 50 % a year.
 */
export function desiredCapacityGrowth(
  rule: InvestmentRule,
  profitRate: number,
  utilization: number,
  expectedSalesGrowth: number,
  excessSpread: number,
  shock: number,
  depreciationMonthly: number,
  realRateGap = 0,
): number {
  const rbar = Math.max(1e-6, Math.abs(rule.normalProfitRate));
  const g =
    (rule.profit * (profitRate - rule.normalProfitRate)) / rbar +
    (rule.utilization * (utilization - rule.targetUtilization)) / rule.targetUtilization +
    rule.accelerator * 12 * expectedSalesGrowth -
    rule.credit * excessSpread -
    rule.rate * realRateGap +
    shock;
  return Math.min(0.5, Math.max(-12 * depreciationMonthly, g));
}

/**
 * The investment rate (orders per unit of capital, monthly) a firm places
 * after adjustment costs: at `months` 0 the desired rate itself (the rule
 * before the irf29 pass), else previous + (desired − previous) / (1 + months),
 * so the rate closes 1/(1 + months) of its gap to the desired rate each month
 * and a desired rate held for good is reached in full — the partial-adjustment
 * form of convex costs of changing investment (Eisner & Strotz 1963; the
 * investment adjustment costs of Christiano, Eichenbaum & Evans 2005, which
 * give investment a hump-shaped, persistent response to a monetary policy
 * shock; Kydland & Prescott 1982's time to build; docs/calibration.md §6.1,
 * irf29 pass). `previous` is last month's order over this month's capital.
 * Pure.
 *
 * @example adjustedInvestmentRate(0.01, 0.02, 0) // 0.02
 * @example adjustedInvestmentRate(0.01, 0.02, 9) // 0.011
 */
export function adjustedInvestmentRate(previous: number, desired: number, months: number): number {
  return months > 0 ? previous + (desired - previous) / (1 + months) : desired;
}

/**
 * The real-rate gap of the user cost of capital in the investment rule
 * (firms.consumption.investmentRateSensitivity): the policy rate less the
 * inflation firms expect (partly anchored, macro.ts expectedInflation, as in
 * their price rule) less the central bank's neutral real rate — the stance
 * of policy, 0 on average when the Taylor rule holds inflation at its
 * target, so the term moves investment over the cycle without shifting the
 * capital stock's steady state. The rental cost of capital is (r + δ) p_K
 * (Jorgenson 1963; Hall & Jorgenson 1967): a higher real rate raises it and
 * lowers the capital stock firms want. Pure.
 *
 * @example investmentRealRateGap(0.04, 0.02, 0.005) // 0.015
 */
export function investmentRealRateGap(
  policyRateYearly: number,
  expectedInflationYearly: number,
  neutralRealRateYearly: number,
): number {
  return policyRateYearly - expectedInflationYearly - neutralRealRateYearly;
}

/**
 * Investment orders of consumption firms: they replace depreciation plus the
 * desired capacity growth (desiredCapacityGrowth), never below 0, after
 * adjustment costs (adjustedInvestmentRate) when
 * firms.consumption.investmentAdjustmentMonths > 0.
 */
export function planInvestment(
  firms: Pick<Firms, "nConsumption">,
  banks: Pick<Banks, "spreadYearly">,
  shocks: Pick<ShockState, "investment">,
  params: FirmParams,
  runner: PassRunner,
  policyRateYearly: number,
  macro: Pick<MacroState, "inflationAnchorYearly" | "inflationYoY">,
): void {
  const c = params.firms.consumption;
  const work = runner.work;
  const rateGap =
    c.investmentRateSensitivity > 0
      ? investmentRealRateGap(
          policyRateYearly,
          expectedInflation(params.firms.inflationAnchor, macro.inflationAnchorYearly, macro.inflationYoY),
          params.policyNeutralRealRateYearly,
        )
      : 0;
  InvestArgs.write(work.args, {
    profit: c.investmentProfitSensitivity,
    utilization: c.investmentUtilizationSensitivity,
    accelerator: c.investmentAcceleratorSensitivity,
    credit: c.investmentCreditSensitivity,
    rate: c.investmentRateSensitivity,
    rateGap,
    normalProfitRate: params.derived.normalProfitRateYearly,
    targetUtilization: c.targetUtilization,
    delta: params.derived.depreciationMonthly,
    baseSpread: params.baseSpreadYearly,
    shock: shocks.investment,
    nc: firms.nConsumption,
    adjustmentMonths: c.investmentAdjustmentMonths,
  });
  work.bankArgs.set(banks.spreadYearly.subarray(0, work.nBanks));
  runner.run(Pass.invest);
}

/** Inputs of the investment pass: written into PassWork.args by planInvestment, read by investKernel (struct.ts). */
export const InvestArgs = defineStruct({
  profit: "f64",
  utilization: "f64",
  accelerator: "f64",
  credit: "f64",
  rate: "f64",
  rateGap: "f64",
  normalProfitRate: "f64",
  targetUtilization: "f64",
  delta: "f64",
  baseSpread: "f64",
  shock: "f64",
  nc: "f64",
  adjustmentMonths: "f64",
});
const InvestArg = InvestArgs.at;

/** planInvestment's rule over firms [start, end) (consumption firms only; each firm's own columns; the banks' spreads in PassWork.bankArgs). */
export function investKernel(v: SliceView, _lane: number, _block: number, start: number, end: number): void {
  const a = v.work.args;
  const rule: InvestmentRule = {
    profit: a[InvestArg.profit],
    utilization: a[InvestArg.utilization],
    accelerator: a[InvestArg.accelerator],
    credit: a[InvestArg.credit],
    rate: a[InvestArg.rate],
    normalProfitRate: a[InvestArg.normalProfitRate],
    targetUtilization: a[InvestArg.targetUtilization],
  };
  const delta = a[InvestArg.delta];
  // Credit conditions: the firm's bank's spread above the spread of a well-capitalised bank in normal times.
  const baseSpread = a[InvestArg.baseSpread];
  const shock = a[InvestArg.shock];
  const rateGap = a[InvestArg.rateGap];
  const adjustmentMonths = a[InvestArg.adjustmentMonths];
  const spread = v.work.bankArgs;
  const { age, investmentOrder, profitRate, utilization, capital, expectedSalesGrowth, bank } = v.firms;
  const to = Math.min(end, a[InvestArg.nc]);
  for (let j = start; j < to; j++) {
    if (age[j] === 0) {
      investmentOrder[j] = 0;
      continue;
    }
    const g = desiredCapacityGrowth(
      rule,
      profitRate[j],
      utilization[j],
      expectedSalesGrowth[j],
      spread[bank[j]] - baseSpread,
      shock,
      delta,
      rateGap,
    );
    const desired = delta + g / 12;
    // Adjustment costs (firms.consumption.investmentAdjustmentMonths): from last month's order, which this column
    // still holds; an entrant (age 1: its first order) places the desired rate.
    const rate =
      adjustmentMonths > 0 && age[j] > 1 && capital[j] > 0
        ? adjustedInvestmentRate(investmentOrder[j] / capital[j], desired, adjustmentMonths)
        : desired;
    investmentOrder[j] = Math.max(0, capital[j] * rate);
  }
}

/** Inputs of the production pass: written into PassWork.args by produce, read by produceKernel (struct.ts). */
export const ProduceArgs = defineStruct({
  prodK: "f64",
  tfp: "f64",
  effort: "f64",
  prodLc: "f64",
  prodLk: "f64",
  nc: "f64",
});
const ProduceArg = ProduceArgs.at;

/** Output with the workers hired: min(plan, staff capacity (staffCapacity), capital capacity). A pass over blocks of firms (produceKernel). */
export function produce(
  firms: Pick<Firms, "nConsumption">,
  shocks: Pick<ShockState, "productivityFactor">,
  params: FirmParams,
  runner: PassRunner,
): void {
  const d = params.derived;
  ProduceArgs.write(runner.work.args, {
    prodK: d.prodCapital,
    tfp: shocks.productivityFactor,
    effort: params.firms.maxEffort,
    prodLc: d.prodLabourConsumption,
    prodLk: d.prodLabourCapital,
    nc: firms.nConsumption,
  });
  runner.run(Pass.produce);
}

/** produce's rule over firms [start, end): each firm's own columns only. */
export function produceKernel(v: SliceView, _lane: number, _block: number, start: number, end: number): void {
  const a = v.work.args;
  const f = v.firms;
  const prodK = a[ProduceArg.prodK];
  const tfp = a[ProduceArg.tfp];
  const effort = a[ProduceArg.effort];
  const prodLc = a[ProduceArg.prodLc];
  const prodLk = a[ProduceArg.prodLk];
  const nc = a[ProduceArg.nc];
  const { productivity, plannedOutput, employees, automatedShare, capital, output, inventory } = f;
  for (let j = start; j < end; j++) {
    const isC = j < nc;
    const prodL = (isC ? prodLc : prodLk) * tfp * productivity[j];
    // Each worker's output goes further when part of the tasks is automated, and with effort when staff is short.
    let y = Math.min(plannedOutput[j], staffCapacity(employees[j], prodL, effort, automatedShare[j]));
    if (isC) y = Math.min(y, capital[j] * prodK * productivity[j]);
    output[j] = y;
    inventory[j] += y;
  }
}

/**
 * Draw on the firm's committed credit line when its deposits fall short of
 * a payment due: the bank's loan creates the missing deposit, so deposits
 * never go negative. Returns the amount drawn.
 */
export function ensureLiquidity(books: Books, j: number, amount: number): number {
  const short = amount - books.firms.deposits[j];
  if (short <= 0) return 0;
  grantLoan(books, j, short);
  return short;
}

/**
 * Wages for this month: each firm's wage bill (firms.wageBill) debited from
 * it through `books` (drawing on its credit line if needed); the households
 * are credited in the income pass (agents/households.ts earnAndPlan).
 * Returns the total.
 */
export function payWages(firms: Firms, books: Books): number {
  const f = firms;
  let total = 0;
  for (let j = 0; j < f.n; j++) {
    const bill = f.employees[j] * f.wage[j];
    f.wageBill[j] = bill;
    if (bill === 0) continue;
    ensureLiquidity(books, j, bill);
    debitParty(books, Party.firm, j, bill);
    total += bill;
  }
  return total;
}

/** Inputs of the accounting pass: written into PassWork.args by accountFirms, read by accountKernel (struct.ts). */
export const AccountArgs = defineStruct({
  delta: "f64",
  prodK: "f64",
  capitalPrice: "f64",
  omega: "f64",
  cashBufferMonths: "f64",
  loanMaturityMonths: "f64",
  payoutRatio: "f64",
  excessCashPayout: "f64",
  inventoryDepreciation: "f64",
  demandUse: "f64",
  freshStart: "f64",
  /** firms.distress.retrenchment (1 on, 0 off): no dividend while in distress (agents/distress.ts), and firms.distress.defaultProbability. */
  retrench: "f64",
  distressPd: "f64",
  nc: "f64",
  /** government.profitTaxRate. */
  taxRate: "f64",
  /** The monthly deposit rate (macro.depositRateYearly / 12). */
  depositRate: "f64",
});
const AccountArg = AccountArgs.at;

/** What each firm's accounting hands on, FIRM_FLOW_SLOTS values per firm in PassWork.firmFlows (accountFlowsKernel writes them). */
const Flow = { cashFlow: 0, afterTax: 1, depositInterest: 2, tax: 3 } as const;

/**
 * After the goods markets: depreciation, inventory losses, profit, profit
 * tax, the dividend to be paid next month, smoothed earnings (what
 * investors capitalise), smoothed utilisation and profit rate (what drives
 * investment). Three steps: each firm's deposit interest, cash flow,
 * profit tax and profit after tax from its own columns (accountFlowsKernel,
 * a pass over blocks of firms, into PassWork.firmFlows); the money moves
 * (deposit interest, profit tax) in firm order on this thread (accountMoney:
 * the banks' and the government's sums depend on the order); the rest, each
 * firm's own columns after its money moved, in a second pass (accountKernel).
 */
export function accountFirms(
  firms: Firms,
  macro: Pick<MacroState, "capitalGoodsPrice" | "depositRateYearly">,
  totals: FirmAccountTotals,
  params: FirmParams,
  runner: PassRunner,
  books: Books,
): void {
  const c = params.firms;
  const work = runner.work;
  AccountArgs.write(work.args, {
    delta: params.derived.depreciationMonthly,
    prodK: params.derived.prodCapital,
    capitalPrice: macro.capitalGoodsPrice,
    omega: c.earningsSmoothing,
    cashBufferMonths: c.cashBufferMonths,
    loanMaturityMonths: c.loanMaturityMonths,
    payoutRatio: c.payoutRatio,
    excessCashPayout: c.excessCashPayout,
    inventoryDepreciation: c.inventoryDepreciationMonthly,
    // With firm-level productivity on, demand turned away counts as utilisation, so capacity follows demand.
    demandUse: c.productivityDispersionMonthly > 0 || c.appealDispersionMonthly > 0 ? 1 : 0,
    freshStart: c.successorFreshStart ? 1 : 0,
    retrench: c.distress.retrenchment ? 1 : 0,
    distressPd: c.distress.defaultProbability,
    nc: firms.nConsumption,
    taxRate: params.profitTaxRate,
    depositRate: macro.depositRateYearly / 12,
  });
  runner.run(Pass.accountFlows);
  accountMoney(firms, totals, work.firmFlows, books);
  runner.run(Pass.account);
}

/** The records the firms' accounting adds its totals to: the banks' profits (deposit interest paid) and the government's taxes. */
export interface FirmAccountTotals {
  banks: Pick<Banks, "profit">;
  government: Pick<Government, "taxes">;
}

/**
 * Each firm's deposit interest and profit tax over firms [start, end), from
 * its own columns before its money moves (no other firm's payment in
 * accountMoney touches them), into PassWork.firmFlows with its cash flow and
 * profit after tax (Flow): a pass over blocks of firms.
 */
export function accountFlowsKernel(
  v: SliceView,
  _lane: number,
  _block: number,
  start: number,
  end: number,
): void {
  const a = v.work.args;
  const flows = v.work.firmFlows;
  const taxRate = a[AccountArg.taxRate];
  const delta = a[AccountArg.delta];
  const pK = a[AccountArg.capitalPrice];
  const depositRate = a[AccountArg.depositRate];
  const nc = a[AccountArg.nc];
  const { deposits, capital, revenue, wageBill, interestPaid, servicesPaid, electricityPaid } = v.firms;
  for (let j = start; j < end; j++) {
    // Interest on the firm's deposits, paid by its bank.
    const depInterest = deposits[j] * depositRate;
    const depreciation = j < nc ? delta * capital[j] * pK : 0;
    const cashFlow =
      revenue[j] - wageBill[j] - interestPaid[j] - servicesPaid[j] - electricityPaid[j] + depInterest;
    const pretax = cashFlow - depreciation;
    const tax = pretax > 0 ? pretax * taxRate : 0;
    const at = FIRM_FLOW_SLOTS * j;
    flows[at + Flow.cashFlow] = cashFlow;
    flows[at + Flow.afterTax] = pretax - tax;
    flows[at + Flow.depositInterest] = depInterest;
    flows[at + Flow.tax] = tax;
  }
}

/**
 * The money of each firm's accounts, in firm order (the banks' and the
 * government's sums depend on the order): its bank pays the deposit
 * interest, the firm pays the profit tax, both computed by
 * accountFlowsKernel.
 */
function accountMoney(f: Firms, totals: FirmAccountTotals, flows: Float64Array, books: Books): void {
  const bankProfit = totals.banks.profit;
  const bank = f.bank;
  for (let j = 0; j < f.n; j++) {
    const at = FIRM_FLOW_SLOTS * j;
    const depInterest = flows[at + Flow.depositInterest];
    transfer(books, FlowRow.depositInterest, Party.bank, bank[j], Party.firm, j, depInterest);
    bankProfit[bank[j]] -= depInterest;
    const tax = flows[at + Flow.tax];
    if (tax > 0) {
      ensureLiquidity(books, j, tax);
      transfer(books, FlowRow.profitTaxes, Party.firm, j, Party.government, 0, tax);
      totals.government.taxes += tax;
    }
  }
}

/** accountFirms' rule over firms [start, end): each firm's own columns, after its money moved (accountMoney). */
export function accountKernel(v: SliceView, _lane: number, _block: number, start: number, end: number): void {
  const a = v.work.args;
  const flows = v.work.firmFlows;
  const delta = a[AccountArg.delta];
  const prodK = a[AccountArg.prodK];
  const pK = a[AccountArg.capitalPrice];
  const omega = a[AccountArg.omega];
  const cashBufferMonths = a[AccountArg.cashBufferMonths];
  const maturity = a[AccountArg.loanMaturityMonths];
  const payoutRatio = a[AccountArg.payoutRatio];
  const excessCashPayout = a[AccountArg.excessCashPayout];
  const inventoryDepreciation = a[AccountArg.inventoryDepreciation];
  const demandUse = a[AccountArg.demandUse] !== 0;
  const entryMonths = a[AccountArg.freshStart] !== 0 ? ENTRY_MONTHS : 0;
  const retrench = a[AccountArg.retrench] !== 0;
  const distressPd = a[AccountArg.distressPd];
  const nc = a[AccountArg.nc];
  const f = v.firms;
  const { earnings, wageBill, interestPaid, loans, deposits, dividendDue, inventory } = f;
  const { capital, productivity, output, demandReal, utilization, profitRate, age, pdYearly } = f;
  for (let j = start; j < end; j++) {
    const cashFlow = flows[FIRM_FLOW_SLOTS * j + Flow.cashFlow];
    const profit = flows[FIRM_FLOW_SLOTS * j + Flow.afterTax];
    earnings[j] += omega * (profit - earnings[j]);
    // Dividends: a share of profit, plus any cash beyond what next month's
    // wages, debt service and a buffer need — firms do not hoard money, so
    // investment beyond retained earnings is financed by credit (Caiani et al.
    // 2016 pay out a share of profits; the excess-cash rule keeps the sector
    // from draining demand by accumulating deposits).
    const keep = wageBill[j] * (1 + cashBufferMonths) + interestPaid[j] + loans[j] / maturity;
    // A successor keeps the equity its owners paid in (age 0: the month it enters; 1: the month the equity arrives, before it hires).
    const excess = age[j] < entryMonths ? 0 : Math.max(0, deposits[j] - keep);
    const declared = Math.max(profit > 0 ? profit * payoutRatio : 0, excess * excessCashPayout);
    // A firm in distress declares none (firms.distress.retrenchment), judged on its earnings with this month's profit.
    dividendDue[j] = distressDividend(declared, inDistress(earnings[j], pdYearly[j], distressPd), retrench);
    inventory[j] *= 1 - inventoryDepreciation;
    if (j < nc) {
      const capacity = capital[j] * prodK * productivity[j];
      const used = demandUse ? Math.max(output[j], demandReal[j]) : output[j];
      const u = capacity > 0 ? used / capacity : 0;
      utilization[j] += 0.25 * (u - utilization[j]);
      const rate = (12 * cashFlow) / Math.max(1e-9, capital[j] * pK);
      profitRate[j] += 0.25 * (rate - profitRate[j]);
      capital[j] *= 1 - delta;
    }
    age[j]++;
  }
}

/**
 * Dividends declared last month by firms and banks, less the equity that
 * owners pay into successor firms, make the per-unit payout to households.
 * Firms, banks, the utility and the fund are debited here through `books`;
 * households are credited per unit in the income pass. Writes
 * macro.dividendPool and the fund's net flow. Returns the net payout per
 * equity unit (over macro.totalEquityUnits).
 */
export function collectDistributions(
  firms: Firms,
  banks: Pick<Banks, "n" | "dividendDue">,
  fund: Fund,
  macro: Pick<MacroState, "dividendPool" | "totalEquityUnits">,
  params: Pick<FirmParams["firms"], "successorFreshStart">,
  books: Books,
): number {
  const flows = books.ledger.flows;
  let pool = collectFirmDividends(firms, books);
  const bankPool = collectBankDividends(banks, books);
  recordFlow(flows, FlowRow.dividends, Sector.firms, Sector.households, pool);
  recordFlow(flows, FlowRow.dividends, Sector.banks, Sector.households, bankPool);
  pool += bankPool;
  pool += payUtilityDividend(books); // households own the utility by the same units
  // The non-bank fund's distribution (households own it by the same units).
  const fundPay = Math.min(fund.distributionDue, Math.max(0, fund.deposits));
  fund.distributionDue = 0;
  if (fundPay > 0) {
    debitParty(books, Party.fund, 0, fundPay);
    recordFlow(flows, FlowRow.dividends, Sector.privateCredit, Sector.households, fundPay);
    pool += fundPay;
  }
  const paid = payEntryEquity(firms, pool, params.successorFreshStart, books);
  // Households' subscriptions to the private-credit fund (agents/fund.ts markFund), paid out of
  // the distributions they receive: reinvested distributions (issue 18 item 4).
  const subscribed = Math.min(Math.max(0, fund.netFlowDue), pool - paid);
  if (subscribed > 0) {
    creditParty(books, Party.fund, 0, subscribed);
    recordFlow(flows, FlowRow.dividends, Sector.privateCredit, Sector.households, -subscribed);
  }
  fund.netFlow = subscribed - Math.min(Math.max(0, -fund.netFlowDue), fundPay);
  fund.netFlowDue = 0;
  macro.dividendPool = pool - paid - subscribed;
  return (pool - paid - subscribed) / macro.totalEquityUnits;
}

/** Each firm's declared dividend, at most its deposits, debited (firms.dividendDue back to 0). Returns the sum, in firm order. */
export function collectFirmDividends(f: Firms, books: Books): number {
  let pool = 0;
  for (let j = 0; j < f.n; j++) {
    const d = Math.min(f.dividendDue[j], f.deposits[j]);
    f.dividendDue[j] = 0;
    if (d <= 0) continue;
    debitParty(books, Party.firm, j, d);
    pool += d;
  }
  return pool;
}

/** Each bank's declared dividend debited (banks.dividendDue back to 0). Returns the sum, in bank order. */
function collectBankDividends(b: Pick<Banks, "n" | "dividendDue">, books: Books): number {
  let bankPool = 0;
  for (let k = 0; k < b.n; k++) {
    const d = b.dividendDue[k];
    b.dividendDue[k] = 0;
    if (d <= 0) continue;
    debitParty(books, Party.bank, k, d);
    bankPool += d;
  }
  return bankPool;
}

/**
 * Owners fund successor firms out of the distributions `pool` (Caiani et
 * al. 2016: bankrupt firms are replaced, recapitalised by households): each
 * successor's firms.pendingEquity, scaled down alike when the pool falls
 * short (what it cannot cover stays owed for the next month). With
 * `freshStart` (firms.successorFreshStart) the equity first repays the loan
 * the successor took over (the recovery; markets/credit.ts
 * resolveFirmDefault). Returns the equity paid in.
 */
export function payEntryEquity(f: Firms, pool: number, freshStart: boolean, books: Books): number {
  let need = 0;
  for (let j = 0; j < f.n; j++) need += f.pendingEquity[j];
  const paid = Math.min(need, pool);
  if (need > 0) {
    const share = paid / need;
    for (let j = 0; j < f.n; j++) {
      const x = f.pendingEquity[j] * share;
      if (x > 0) {
        creditParty(books, Party.firm, j, x);
        if (freshStart && f.loans[j] > 0) repayLoan(books, j, Math.min(f.loans[j], x));
      }
      f.pendingEquity[j] -= x;
    }
    recordFlow(books.ledger.flows, FlowRow.entryEquity, Sector.households, Sector.firms, paid);
  }
  return paid;
}
