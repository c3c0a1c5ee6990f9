// Households (Caiani et al. 2016, households' behaviour): they receive
// wages or unemployment benefits, dividends and deposit interest, pay income
// tax at source, form adaptive income expectations, plan consumption out of
// expected income and wealth, and choose where to buy. One pass over the
// household columns; per-bank totals carry the payments to the banks'
// balance sheets (the ledger's double entries in aggregated form).
import type { SpiralConfig } from "../../config/configTypes.ts";
import {
  type Books,
  creditParty,
  debitParty,
  FlowRow,
  Party,
  recordFlow,
  Sector,
  settleHouseholdIncome,
} from "../ledger.ts";
import { expectedInflation } from "../macro.ts";
import { candidateSupplier, shareCdf } from "../markets/supplierReferral.ts";
import {
  hasBit,
  markRationed,
  Pass,
  type PassWork,
  type SliceView,
  SUM_SLOTS,
  sumBlocks,
  sumBlocksByBank,
  sumLanesByFirm,
} from "../passes.ts";
import type { PassRunner } from "../passRunner.ts";
import { AgentStream, keyedUniform, streamKey } from "../rng.ts";
import type {
  Automation,
  Banks,
  DerivedParams,
  Firms,
  Government,
  Households,
  MacroState,
  Scratch,
} from "../state.ts";
import { defineStruct } from "../struct.ts";
import { INCOME_BINS, incomeBin } from "./automation.ts";

/** The parameters of the income phase (earnAndPlan), from the config groups that hold them. */
export interface IncomeParams {
  households: SpiralConfig["households"];
  government: Pick<
    SpiralConfig["government"],
    "incomeTaxRate" | "benefitReplacementRate" | "benefitDurationMonths" | "transfersShareOfGdp"
  >;
  /** The policy rate's long-run level (centralBank.neutralRealRateYearly + inflationTargetYearly). */
  centralBank: Pick<SpiralConfig["centralBank"], "neutralRealRateYearly" | "inflationTargetYearly">;
  /** firms.inflationAnchor: the weight of the long-run anchor in expected inflation (macro.ts expectedInflation). */
  inflationAnchor: number;
  /** Initial monthly real output per household (params.initialOutputPerHousehold): the base of cash transfers. */
  initialOutputPerHousehold: number;
}

/** The income phase's parameters from the config and the derived constants. */
export function incomeParams(config: SpiralConfig, derived: DerivedParams): IncomeParams {
  return {
    households: config.households,
    government: config.government,
    centralBank: config.centralBank,
    inflationAnchor: config.firms.inflationAnchor,
    initialOutputPerHousehold: derived.initialOutputPerHousehold,
  };
}

/** What the income phase reads of this month besides the records passed to it. */
export interface IncomeMonth {
  /** The run's seed and the tick: the keys of the supplier-choice draws (rng.ts streamKey). */
  seed: number;
  tick: number;
  policyRateYearly: number;
  /** Last month's dividends per equity unit (agents/firms.ts collectDistributions). */
  payoutPerUnit: number;
  /** Shares of consumption spent on AI subscriptions (aiChain.householdAiShare) and electricity (utility.householdShare). */
  householdAiShare: number;
  householdElectricityShare: number;
}

/** The records the income phase adds its totals to besides the households and firms. */
export interface IncomeTotals {
  /** Benefits paid and income taxes collected. */
  government: Government;
  /** Each bank's profit, less the deposit interest it pays. */
  banks: Banks;
  /** The households' income histogram (metrics' quintiles). */
  incomeDistribution: Pick<Automation, "incomeCounts" | "incomeSums">;
}

/**
 * Intertemporal substitution: a real rate above the economy's neutral rate
 * (households.neutralRealRateYearly, which the central bank only estimates)
 * makes households postpone spending (and a low one brings it forward) — the
 * interest-rate channel of monetary policy on consumption. The factor on the
 * income propensity is 1 − households.consumptionRateSensitivity × the gap the
 * households respond to, kept within [0.5, 1.5] (docs/ODD.md §7.7): this
 * month's gap (realRateGap) when households.rateGapSmoothingMonths is 0 (the
 * default), else its moving average macro.realRateGapSmoothed
 * (smoothRateGap), updated by earnAndPlan, mixed with this month's gap by
 * households.rateGapImmediateShare (respondedRateGap). Pure: it reads the
 * average, it does not advance it.
 */
export function consumptionRateFactor(
  policyRateYearly: number,
  macro: Pick<MacroState, "inflationAnchorYearly" | "inflationYoY" | "realRateGapSmoothed">,
  p: Pick<IncomeParams, "households" | "centralBank" | "inflationAnchor">,
): number {
  const gap = realRateGap(policyRateYearly, macro, p);
  const smoothed = smoothRateGap(macro.realRateGapSmoothed, gap, p.households.rateGapSmoothingMonths);
  return rateFactorOfGap(
    respondedRateGap(gap, smoothed, p.households.rateGapImmediateShare),
    p.households.consumptionRateSensitivity,
  );
}

/**
 * The ex-ante real rate households borrow and save at less their neutral rate
 * (households.neutralRealRateYearly): the nominal rate of householdNominalRate
 * (households.longRateWeight 0 = the policy rate) less the inflation they expect
 * (anchored, macro.ts expectedInflation). Pure.
 */
export function realRateGap(
  policyRateYearly: number,
  macro: Pick<MacroState, "inflationAnchorYearly" | "inflationYoY">,
  p: Pick<IncomeParams, "households" | "centralBank" | "inflationAnchor">,
): number {
  const cfg = p.households;
  const cb = p.centralBank;
  const nominal = householdNominalRate(
    policyRateYearly,
    cb.neutralRealRateYearly + cb.inflationTargetYearly,
    cfg.longRateWeight,
  );
  const realRate =
    nominal - expectedInflation(p.inflationAnchor, macro.inflationAnchorYearly, macro.inflationYoY);
  return realRate - cfg.neutralRealRateYearly;
}

/**
 * The real-rate gap households' spending responds to after this month's
 * `gap`: at `months` 0 the gap itself (households.rateGapSmoothingMonths off),
 * else the exponential moving average previous + (gap − previous) / (1 + months),
 * whose weights a(1 − a)^k on the gap k months ago (a = 1 / (1 + months)) have
 * a mean lag of `months` — gradual adjustment of spending to a changed real
 * rate, the reduced form of habit persistence (Fuhrer 2000; Christiano,
 * Eichenbaum & Evans 2005: a hump-shaped response of consumption to a
 * monetary policy shock; docs/calibration.md §6.1). A gap held for good is
 * reached in full, so the factor's long-run level is the same as without
 * smoothing. Pure.
 *
 * @example smoothRateGap(0, 0.01, 0) // 0.01
 * @example smoothRateGap(0, 0.01, 9) // 0.001
 */
export function smoothRateGap(previous: number, gap: number, months: number): number {
  return months > 0 ? previous + (gap - previous) / (1 + months) : gap;
}

/**
 * The real-rate gap the rate factor acts on: θ × this month's `gap` + (1 − θ) × its moving average
 * `smoothed` (smoothRateGap), with θ = households.rateGapImmediateShare — a part of spending (credit-financed
 * durables, whose financing cost reprices at once) responds within the month, the rest (habit-bound
 * non-durables and services) with the moving average's mean lag (Fuhrer 2000: a share of rule-of-thumb /
 * habit-bound consumers; Christiano, Eichenbaum & Evans 2005: a hump-shaped response with part of the fall
 * within the first quarters; docs/calibration.md §6.1). At θ = 0 (the default) the moving average alone, as
 * before the option; a gap held for good is reached in full at every θ, so the factor's long-run level is
 * unchanged. With households.rateGapSmoothingMonths 0 both terms are this month's gap. Pure.
 *
 * @example respondedRateGap(0.01, 0.002, 0.5) // 0.006
 */
export function respondedRateGap(gap: number, smoothed: number, immediateShare: number): number {
  return immediateShare > 0 ? immediateShare * gap + (1 - immediateShare) * smoothed : smoothed;
}

/** The factor on the income propensity at a real-rate gap: 1 − sensitivity × gap, within [0.5, 1.5]. Pure. */
export function rateFactorOfGap(gap: number, sensitivity: number): number {
  return Math.min(1.5, Math.max(0.5, 1 - sensitivity * gap));
}

/**
 * The nominal rate households' spending responds to: (1 − w) × policy rate + w × its long-run level (the
 * central bank's neutral real rate + its target) — with w = households.longRateWeight, the long rate that
 * loans and bonds are priced on moves only part of the way with a policy rate expected to return (the
 * expectations hypothesis; the same long rate as the non-AI equity discount rate, markets/equity.ts). Pure.
 *
 * @example householdNominalRate(0.01, 0.05, 0.5) // 0.03
 */
export function householdNominalRate(
  policyRate: number,
  longRunRate: number,
  longRateWeight: number,
): number {
  return (1 - longRateWeight) * policyRate + longRateWeight * longRunRate;
}

/**
 * Income, taxes, expectations and consumption plans.
 * - Consumption: c = α1(W) · expected income + α2 · wealth, with the income
 *   propensity α1 falling with wealth W from mpcIncomeMax to mpcIncomeMin
 *   (docs/ODD.md §7.7: lower propensity for the rich); never more than deposits.
 * - Supplier choice (Caiani et al. 2016 / Delli Gatti et al. 2010): with
 *   some probability, or always after being rationed, compare the current
 *   supplier with one random consumption firm and switch if it is cheaper
 *   (or, when rationed, if it had goods); the candidate is drawn uniformly,
 *   or by last month's market shares in the share
 *   households.supplierReferralShare of comparisons (word of mouth,
 *   markets/supplierReferral.ts).
 * Accumulates each firm's nominal demand (firms.demandNominal), writes the
 * households' columns (through the pass), macro.averageIncome and
 * wagesPaid, and adds to `totals`; the banks' and the government's side of
 * the payments moves through `books` (ledger.ts settleHouseholdIncome). The
 * per-household work is a pass (incomeKernel) that the `runner` may run in
 * slices on several threads (passes.ts); `scratch` holds its per-bank sums.
 */
export function earnAndPlan(
  households: Households,
  firms: Firms,
  macro: MacroState,
  month: IncomeMonth,
  params: IncomeParams,
  totals: IncomeTotals,
  runner: PassRunner,
  scratch: Pick<Scratch, "bankDepositChange" | "bankReserveChange" | "bankInterest">,
  books: Books,
): void {
  const h = households;
  const f = firms;
  // Pensions and other cash transfers: equal per household, indexed to prices.
  const transfer =
    params.government.transfersShareOfGdp * params.initialOutputPerHousehold * macro.priceIndex;
  // The parts of consumption spent on AI subscriptions and on electricity (paid in the goods market).
  const goodsShare = 1 - month.householdAiShare - month.householdElectricityShare;
  const nc = f.nConsumption;
  const work = runner.work;
  // The rate factor on this month's gap and its moving average (which it reads advanced by this month's gap);
  // then the average is advanced in the state (households.rateGapSmoothingMonths; the gap itself at 0).
  const rateFactor = consumptionRateFactor(month.policyRateYearly, macro, params);
  macro.realRateGapSmoothed = smoothRateGap(
    macro.realRateGapSmoothed,
    realRateGap(month.policyRateYearly, macro, params),
    params.households.rateGapSmoothingMonths,
  );
  // Word-of-mouth search (households.supplierReferralShare): last month's market shares, before this month's demand.
  const referral =
    params.households.supplierReferralShare > 0 && shareCdf(f.demandNominal, nc, work.supplierShareCdf) > 0
      ? params.households.supplierReferralShare
      : 0;
  writeIncomeArgs(work.args, macro, month, params, transfer, nc, rateFactor, referral);
  const depChange = scratch.bankDepositChange;
  const bankInterest = householdDepositInterest(books, macro.depositRateYearly / 12, scratch.bankInterest);
  work.laneFirm.fill(0);
  markRationed(work, f.fillRatio, nc); // last month's fill ratios (the pass buffers are not in checkpoints)

  work.laneIncomeCounts.fill(0);
  work.laneIncomeSums.fill(0);
  runner.run(Pass.income);
  const dist = totals.incomeDistribution;
  mergeIncomeHistograms(work, dist.incomeCounts, dist.incomeSums);
  // Block results, combined in block order; firm demand from the lanes' exact sums.
  const wages = sumBlocks(work, IncomeSum.wages);
  const benefits = sumBlocks(work, IncomeSum.benefits);
  const taxes = sumBlocks(work, IncomeSum.taxes);
  const incomeSum = sumBlocks(work, IncomeSum.income);
  sumBlocksByBank(work, depChange);
  const demand = f.demandNominal;
  sumLanesByFirm(work, demand, nc);
  for (let j = 0; j < nc; j++) demand[j] *= goodsShare;

  // Banks: deposits credited; reserves move for everything not paid by the bank itself.
  const interest = settleHouseholdIncome(books, depChange, bankInterest, scratch.bankReserveChange);
  const bk = totals.banks;
  for (let k = 0; k < bk.n; k++) bk.profit[k] -= bankInterest[k];
  // The government pays benefits and collects income tax through its central-bank account.
  const gov = totals.government;
  creditParty(books, Party.government, 0, taxes - benefits);
  gov.benefits = benefits + transfer * h.n;
  gov.taxes += taxes;
  const flows = books.ledger.flows;
  recordFlow(flows, FlowRow.wages, Sector.firms, Sector.households, wages);
  recordFlow(flows, FlowRow.benefits, Sector.government, Sector.households, benefits);
  recordFlow(flows, FlowRow.incomeTaxes, Sector.households, Sector.government, taxes);
  recordFlow(flows, FlowRow.depositInterest, Sector.banks, Sector.households, interest);
  debitParty(books, Party.government, 0, transfer * h.n);
  recordFlow(flows, FlowRow.benefits, Sector.government, Sector.households, transfer * h.n);
  macro.averageIncome = incomeSum / h.n;
  macro.wagesPaid = wages;
}

/** The income pass's scalar inputs (IncomeArgs), written into the runner's argument buffer. */
function writeIncomeArgs(
  args: Float64Array,
  macro: MacroState,
  month: IncomeMonth,
  params: IncomeParams,
  transfer: number,
  nc: number,
  rateFactor: number,
  referral: number,
): void {
  const cfg = params.households;
  const gov = params.government;
  IncomeArgs.write(args, {
    switchKey: streamKey(month.seed, AgentStream.supplierSwitch, month.tick),
    pickKey: streamKey(month.seed, AgentStream.supplierPick, month.tick),
    taxRate: gov.incomeTaxRate,
    replacement: gov.benefitReplacementRate,
    depositRate: macro.depositRateYearly / 12,
    lambda: cfg.incomeExpectationWeight,
    mpcMax: cfg.mpcIncomeMax,
    mpcMin: cfg.mpcIncomeMin,
    wealthRate: cfg.mpcWealthYearly / 12,
    rateFactor: rateFactor,
    wealthScale: 1 / Math.max(1e-9, cfg.wealthScaleMonths * macro.averageIncome),
    switchProb: cfg.supplierSwitchProbability,
    referral: referral,
    stockoutKey: streamKey(month.seed, AgentStream.stockoutTurnedAway, month.tick),
    stockoutSensitivity: cfg.stockoutSearchSensitivity,
    equityPrice: macro.equityPricePerUnit,
    transfer: transfer,
    payoutPerUnit: month.payoutPerUnit,
    nc: nc,
    benefitMonths: gov.benefitDurationMonths > 0 ? gov.benefitDurationMonths : 65536,
  });
}

/**
 * Interest each bank owes its household depositors this month, into `out` (per bank): its deposit
 * liabilities less the deposits of firms, the AI chain, the fund, the utility and the rest of the world (whose balances
 * earn no interest), times the monthly `depositRate` — per bank, so the income pass needs only one per-bank
 * accumulator. Returns `out`.
 */
function householdDepositInterest(m: Books, depositRate: number, out: Float64Array): Float64Array {
  const bk = m.banks;
  const f = m.firms;
  for (let k = 0; k < bk.n; k++) out[k] = bk.deposits[k];
  for (let j = 0; j < f.n; j++) out[f.bank[j]] -= f.deposits[j];
  const chain = m.aiChain;
  for (let j = 0; j < chain.n; j++) out[chain.bank[j]] -= chain.deposits[j];
  out[m.fund.bank] -= m.fund.deposits;
  out[m.utility.bank] -= m.utility.deposits;
  out[m.restOfWorld.bank] -= m.restOfWorld.deposits;
  for (let k = 0; k < bk.n; k++) out[k] *= depositRate;
  return out;
}

/**
 * The income distribution: adds the lanes' histograms (counts, and sums on a fixed-point grid — exact in any
 * order) into `counts` and `sums`, in lane order.
 */
function mergeIncomeHistograms(work: PassWork, counts: Float64Array, sums: Float64Array): void {
  counts.fill(0);
  sums.fill(0);
  for (let l = 0; l < work.lanes; l++) {
    const base = l * INCOME_BINS;
    for (let k = 0; k < INCOME_BINS; k++) {
      counts[k] += work.laneIncomeCounts[base + k];
      sums[k] += work.laneIncomeSums[base + k];
    }
  }
}

/** Inputs of the income pass: written into PassWork.args by earnAndPlan, read by incomeKernel (struct.ts). */
export const IncomeArgs = defineStruct({
  switchKey: "f64",
  pickKey: "f64",
  taxRate: "f64",
  replacement: "f64",
  depositRate: "f64",
  lambda: "f64",
  mpcMax: "f64",
  mpcMin: "f64",
  wealthRate: "f64",
  rateFactor: "f64",
  wealthScale: "f64",
  switchProb: "f64",
  /** households.supplierReferralShare, or 0 in a month without market shares (markets/supplierReferral.ts). */
  referral: "f64",
  /** Draw key of the stock-out draws (AgentStream.stockoutTurnedAway) and households.stockoutSearchSensitivity (0: off). */
  stockoutKey: "f64",
  stockoutSensitivity: "f64",
  equityPrice: "f64",
  transfer: "f64",
  payoutPerUnit: "f64",
  nc: "f64",
  benefitMonths: "f64",
});
const IncomeArg = IncomeArgs.at;

/** Per-block sums of the income pass. */
const IncomeSum = { wages: 0, benefits: 1, taxes: 2, income: 3 } as const;

/**
 * The income pass over households [start, end): incomes, taxes, expectations,
 * consumption plans and supplier choice. Writes the block's sums, its
 * deposit changes by bank, and the planned spending by supplier into its lane.
 */
export function incomeKernel(v: SliceView, lane: number, block: number, start: number, end: number): void {
  const h = v.households;
  const work = v.work;
  const a = work.args;
  const search = supplierSearchOf(v);
  const taxRate = a[IncomeArg.taxRate];
  const replacement = a[IncomeArg.replacement];
  const depositRate = a[IncomeArg.depositRate];
  const lambda = a[IncomeArg.lambda];
  const mpcMax = a[IncomeArg.mpcMax];
  const mpcMin = a[IncomeArg.mpcMin];
  const wealthRate = a[IncomeArg.wealthRate];
  const rateFactor = a[IncomeArg.rateFactor];
  const wealthScale = a[IncomeArg.wealthScale];
  const equityPrice = a[IncomeArg.equityPrice];
  const transfer = a[IncomeArg.transfer];
  const payoutPerUnit = a[IncomeArg.payoutPerUnit];
  const benefitMonths = a[IncomeArg.benefitMonths];
  const firmWage = v.firms.wage;
  const demand = work.laneFirm;
  const demandBase = lane * work.nFirms;
  const depChange = work.blockBank;
  const bankBase = block * work.nBanks;
  for (let k = 0; k < work.nBanks; k++) depChange[bankBase + k] = 0;
  let wages = 0;
  let benefits = 0;
  let taxes = 0;
  let incomeSum = 0;
  // Columns in locals: the loop below is the hottest in the model.
  const employer = h.employer;
  const lastWage = h.wage;
  const units = h.equityUnits;
  const deposits = h.deposits;
  const bank = h.bank;
  const expectedIncome = h.expectedIncome;
  const supplier = h.supplier;
  const plannedSpend = h.plannedSpend;
  const unemployedMonths = h.unemployedMonths;
  const incomeCounts = work.laneIncomeCounts;
  const incomeSums = work.laneIncomeSums;
  const incomeBase = lane * INCOME_BINS;
  // Imported bindings are read once: in a hot loop each read can cost a call.
  const binOf = incomeBin;
  for (let i = start; i < end; i++) {
    const e = employer[i];
    const labour =
      e >= 0 ? firmWage[e] : benefitFor(unemployedMonths[i], benefitMonths, replacement, lastWage[i]);
    if (e >= 0) {
      lastWage[i] = labour;
      wages += labour;
    } else benefits += labour;
    const u = units[i];
    let dep = deposits[i];
    const gross = labour + transfer + u * payoutPerUnit + dep * depositRate;
    const tax = gross * taxRate;
    const net = gross - tax;
    dep += net;
    depChange[bankBase + bank[i]] += net;
    taxes += tax;
    incomeSum += net;
    countIncome(incomeCounts, incomeSums, incomeBase + binOf(net), net);
    const expected = expectedIncome[i] + lambda * (net - expectedIncome[i]);
    expectedIncome[i] = expected;
    const wealth = dep + u * equityPrice;
    const spend = consumptionPlan(expected, wealth, dep, mpcMin, mpcMax, wealthScale, rateFactor, wealthRate);
    deposits[i] = dep;
    const s = chooseSupplier(supplier[i], i, search);
    supplier[i] = s;
    const planned = quantizeSpend(spend);
    plannedSpend[i] = planned;
    demand[demandBase + s] += planned;
  }
  writeIncomeSums(work.blockSums, block * SUM_SLOTS, wages, benefits, taxes, incomeSum);
}

/**
 * Unemployment benefit of a household out of work for `months` months: `replacement` × its last wage while
 * the spell is shorter than `benefitMonths` (government.benefitReplacementRate, benefitDurationMonths), then
 * nothing. Pure.
 *
 * @example benefitFor(3, 6, 0.4, 1000) // 400
 */
export function benefitFor(
  months: number,
  benefitMonths: number,
  replacement: number,
  lastWage: number,
): number {
  return months < benefitMonths ? replacement * lastWage : 0;
}

/**
 * Planned consumption c = α1(W) · expected income + α2 · W out of net wealth W (deposits plus equity): the
 * income propensity α1 falls with wealth from mpcMax to mpcMin (1 / (1 + W · wealthScale)) and is scaled by
 * the interest-rate factor (consumptionRateFactor); α2 = wealthRate. Never more than `deposits`, never
 * negative (docs/ODD.md §7.7). Pure.
 */
export function consumptionPlan(
  expected: number,
  wealth: number,
  deposits: number,
  mpcMin: number,
  mpcMax: number,
  wealthScale: number,
  rateFactor: number,
  wealthRate: number,
): number {
  const mpc = mpcMin + (mpcMax - mpcMin) / (1 + wealth * wealthScale);
  let spend = mpc * rateFactor * expected + wealthRate * wealth;
  if (spend > deposits) spend = deposits;
  if (spend < 0) spend = 0;
  return spend;
}

/**
 * What the households' supplier choice reads (chooseSupplier): the income pass's draw keys and parameters, the
 * consumption firms' prices and appeal (agents/firms.ts updateFirmAppeal: compare price / appeal), the
 * rationed-firm bits (fill[j] < 1, passes.ts markRationed) and the market shares (markets/supplierReferral.ts).
 * Built once per block, not per household.
 */
export interface SupplierSearch {
  switchKey: number;
  pickKey: number;
  switchProb: number;
  nc: number;
  referral: number;
  stockoutKey: number;
  stockoutSensitivity: number;
  price: Float64Array;
  appeal: Float64Array;
  fill: Float64Array;
  rationed: Int32Array;
  shares: Float64Array;
}

/** The supplier-choice inputs of the income pass (IncomeArgs and the pass buffers). */
function supplierSearchOf(v: SliceView): SupplierSearch {
  const a = v.work.args;
  return {
    switchKey: a[IncomeArg.switchKey],
    pickKey: a[IncomeArg.pickKey],
    switchProb: a[IncomeArg.switchProb],
    nc: a[IncomeArg.nc],
    referral: a[IncomeArg.referral],
    stockoutKey: a[IncomeArg.stockoutKey],
    stockoutSensitivity: a[IncomeArg.stockoutSensitivity],
    price: v.firms.price,
    appeal: v.firms.appeal,
    fill: v.firms.fillRatio,
    rationed: v.work.rationed,
    shares: v.work.supplierShareCdf,
  };
}

/**
 * Supplier choice of household `i` buying from `s` (Caiani et al. 2016 / Delli Gatti et al. 2010): after
 * being rationed at `s`, or with probability `switchProb` (draw keyed by `switchKey` and `i`), it compares
 * `s` with one consumption firm of the `nc` (draw keyed by `pickKey`): a uniform one, or with probability
 * `referral` one drawn by market share `shares` (markets/supplierReferral.ts candidateSupplier) — and
 * returns that candidate when it is preferred (prefersCandidate), else `s`.
 */
function chooseSupplier(s: number, i: number, q: SupplierSearch): number {
  let rationed = hasBit(q.rationed, s);
  if (rationed && q.stockoutSensitivity > 0) {
    rationed = searchesAfterStockout(keyedUniform(q.stockoutKey, i), q.fill[s], q.stockoutSensitivity);
  }
  if (rationed || keyedUniform(q.switchKey, i) < q.switchProb) {
    const cand = candidateSupplier(keyedUniform(q.pickKey, i), q.referral, q.shares, q.nc);
    if (prefersCandidate(q.price, q.appeal, q.rationed, s, cand, rationed)) return cand;
  }
  return s;
}

/**
 * Whether a customer of a consumption firm that ran out of stock last month searches for another supplier
 * because of it (households.stockoutSearchSensitivity k > 0): the goods market rations a firm's customers
 * proportionally (markets/goods.ts setFillRatios), so each went short of the unfilled share 1 − `fill` of its
 * order, and searches with probability min(1, k (1 − fill)) for the uniform draw `u`. k = 1: as many search
 * as an empty shelf would have turned away under first come, first served — the customers who met the
 * stock-out (Gruen, Corsten & Bharadwaj 2002; Corsten & Gruen 2003) — not every customer of a firm that
 * missed 1 % of its orders (the rule before, k → ∞). Pure.
 *
 * @example searchesAfterStockout(0.3, 0.8, 1) // false: 0.3 ≥ 1 × 0.2
 * @example searchesAfterStockout(0.3, 0.8, 2) // true: 0.3 < 2 × 0.2
 */
export function searchesAfterStockout(u: number, fill: number, sensitivity: number): boolean {
  return u < sensitivity * (1 - fill);
}

/**
 * Whether a household buying from `s` switches to the candidate `cand`: when the candidate is cheaper for its
 * appeal (price / appeal lower) or, when the household was rationed at `s`, when the candidate was not. Pure.
 */
export function prefersCandidate(
  price: Float64Array,
  appeal: Float64Array,
  rationedBit: Int32Array,
  s: number,
  cand: number,
  rationed: boolean,
): boolean {
  return price[cand] * appeal[s] < price[s] * appeal[cand] || (rationed && !hasBit(rationedBit, cand));
}

/**
 * Counts a net income in the lane's log-spaced histogram bin `ib` (metrics.ts reads quintiles off it without
 * sorting); the sums are on a 2^-10 USD grid so that lanes add them exactly, in any order.
 */
function countIncome(counts: Float64Array, sums: Float64Array, ib: number, net: number): void {
  counts[ib]++;
  sums[ib] += Math.floor(net * 1024) * 0.0009765625; // the 2^-10 grid, exact
}

/** Writes one block's income sums at `base` of PassWork.blockSums. */
function writeIncomeSums(
  sums: Float64Array,
  base: number,
  wages: number,
  benefits: number,
  taxes: number,
  income: number,
): void {
  sums[base + IncomeSum.wages] = wages;
  sums[base + IncomeSum.benefits] = benefits;
  sums[base + IncomeSum.taxes] = taxes;
  sums[base + IncomeSum.income] = income;
}

// Fixed-point grid of planned spending and of the income histogram's sums: 2^-10 USD, written as
// literals (× 1024, then × 2^-10 — exact, and cheaper than a division) because module-level
// constants cost a load and a check in the hot loop.

/**
 * Planned spending rounded down to the grid of 2^-10 USD and stored as
 * float32 without rounding up (so it never exceeds the deposits it was
 * capped at). Every such value is a multiple of 2^-10, so float64 sums of
 * them are exact below 2^43 USD (8.8 trillion) — the same in any order, which
 * makes each firm's demand independent of how households are split across
 * threads.
 */
export function quantizeSpend(spend: number): number {
  const q = Math.floor(spend * 1024) * 0.0009765625; // × 2^-10: exact, unlike a division (slower)
  const r = Math.fround(q);
  // Below 2^13 the grid value is exact in float32; above, fround may round up (rare): step down.
  return r > q ? float32Below(r) : r;
}

/**
 * The largest float32 below the positive normal float32 `r` = m·2^e
 * (1 ≤ m < 2): r × (1 − 2^-24) = r − m·2^(e−24) is exact in float64; for
 * m = 1 it is that float32 itself (the step below a power of two is
 * 2^(e−24)), for m > 1 it lies nearer to r − 2^(e−23) than to r, so fround
 * lands on it — the bit pattern's decrement, without a module-level
 * Float32Array/Uint32Array pair to compute it in.
 */
export function float32Below(r: number): number {
  return Math.fround(r * 0.9999999403953552); // 1 − 2^-24 (exactly);
}
