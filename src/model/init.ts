// Initial state: a balance sheet consistent by construction (every asset has
// its counterpart) and flows near a stationary state, calibrated to the
// config's ratios to GDP. Behaviour lives in agents/ and markets/; this file
// only builds the starting point (docs/development.md, "Code style": initialisation apart from
// behaviour).

import { chainStartTick } from "../config/calendar.ts";
import type { SpiralConfig } from "../config/configTypes.ts";
import { InputError } from "../errors.ts";
import { createAiChain, createFund } from "./agents/aiChain/init.ts";
import { initValuation } from "./agents/aiChain/valuation.ts";
import { holdChainPrices, warmUpValueShare } from "./agents/aiChain/warmUp.ts";
import { createAutomation, EXPOSURE_BINS } from "./agents/automation.ts";
import { realRateGap } from "./agents/households.ts";
import { createUtility } from "./agents/utility.ts";
import { drawByWeight, runFirmHistory, sizeFirmsByHistory } from "./firmHistory.ts";
import { InitIncomeArgs, InitScaleArgs, InitUnitsArgs, writeInitDrawArgs } from "./initPasses.ts";
import { type RunnerHost, SerialRunner } from "./kernels.ts";
import {
  measureNetFinancialWealth,
  newFlowMatrix,
  openBanks,
  SECTOR_COUNT,
  setFirmBalances,
} from "./ledger.ts";
import { Pass, type PassRunner } from "./passes.ts";
import { firmCounts } from "./population.ts";
import { AgentStream, keyedUniform, NamedStreams, streamKey } from "./rng.ts";
import { kthSmallest } from "./select.ts";
import { initialShocks } from "./shocks.ts";
import type {
  AiChain,
  Banks,
  CentralBank,
  DerivedParams,
  Firms,
  Fund,
  Government,
  Households,
  LedgerState,
  MacroState,
  ModelState,
  Scratch,
  Utility,
} from "./state.ts";
import { column, Role } from "./state.ts";

export interface InitOptions {
  /** Allocate the population columns on SharedArrayBuffer (for sharded runs). */
  shared?: boolean;
  /**
   * Builds the pass runner on the population's columns before the
   * households are drawn (default: the serial runner). A threaded runner
   * (engine/threads.ts ThreadedRunner.startNow, columns on shared memory)
   * draws them on its threads; the state is bit-identical either way.
   */
  runner?: (host: RunnerHost) => PassRunner;
}

/** `n` households, every column zero (employer 0): the start fills them (populate); tests build records by hand on it. */
export function allocHouseholds(n: number, shared: boolean): Households {
  return {
    n,
    employer: column(Int32Array, n, shared),
    wage: column(Float32Array, n, shared),
    deposits: column(Float64Array, n, shared),
    equityUnits: column(Float32Array, n, shared),
    reservationWage: column(Float32Array, n, shared),
    expectedIncome: column(Float32Array, n, shared),
    unemployedMonths: column(Uint16Array, n, shared),
    bank: column(Uint16Array, n, shared),
    supplier: column(Int32Array, n, shared),
    plannedSpend: column(Float32Array, n, shared),
    exposure: column(Uint8Array, n, shared),
    mismatch: column(Uint8Array, n, shared),
    displaced: column(Uint8Array, n, shared),
  };
}

/** `n` firms (the first `nConsumption` consumption-goods firms), columns zero but productivity and appeal 1 and no layoff bin: the start fills them; tests build records by hand on it. */
export function allocFirms(n: number, nConsumption: number, shared: boolean): Firms {
  const f64 = () => column(Float64Array, n, shared);
  return {
    n,
    nConsumption,
    bank: column(Uint16Array, n, shared),
    deposits: f64(),
    loans: f64(),
    loanRateYearly: f64(),
    loanOfferRateYearly: f64(),
    fixedCouponYearly: f64(),
    riskPremiumYearly: f64(),
    pdYearly: f64(),
    capital: f64(),
    inventory: f64(),
    price: f64(),
    markup: f64(),
    wage: f64(),
    expectedSales: f64(),
    expectedSalesGrowth: f64(),
    labourPlan: f64(),
    productivity: f64().fill(1),
    appeal: f64().fill(1),
    demandReal: f64(),
    salesReal: f64(),
    salesNominal: f64(),
    plannedOutput: f64(),
    output: f64(),
    employees: column(Int32Array, n, shared),
    labourDemand: column(Int32Array, n, shared),
    unfilled: column(Uint8Array, n, shared),
    leaveProbability: f64(),
    investmentOrder: f64(),
    capitalSupplier: column(Int32Array, n, shared),
    utilization: f64(),
    earnings: f64(),
    profitRate: f64(),
    marketValue: f64(),
    dividendDue: f64(),
    demandNominal: f64(),
    fillRatio: f64(),
    revenue: f64(),
    wageBill: f64(),
    interestPaid: f64(),
    age: column(Int32Array, n, shared),
    pendingEquity: f64(),
    servicesPaid: f64(),
    electricityPaid: f64(),
    ordersReal: f64(),
    automatedShare: f64(),
    automationLayoffs: column(Int32Array, n, shared),
    layoffBin: column(Int32Array, n, shared).fill(EXPOSURE_BINS),
    layoffFraction: f64(),
  };
}

function allocBanks(n: number): Banks {
  const f64 = () => new Float64Array(n);
  return {
    n,
    reserves: f64(),
    loans: f64(),
    bills: f64(),
    deposits: f64(),
    equity: f64(),
    spreadYearly: f64(),
    profit: f64(),
    dividendDue: f64(),
    lendingCapacity: f64(),
  };
}

/**
 * The start's flows per household-month and the production coefficients
 * behind them. Real quantities are in 2025 USD; nominal ones are at the price
 * level of startDate, p0 = initial.priceLevel (1 = 2025 prices; a warm-up from
 * 2015 starts at the 2015 level so that the warm-up's own inflation brings it
 * near 1 in 2025, docs/ODD.md §5). The chain's and the utility's USD inputs
 * are 2025 USD and stand still until the chain starts.
 */
interface StartFlows {
  p0: number;
  outputPerHousehold: number;
  /** Consumption-goods output per household-month; investment replaces depreciation, I = δ κ Yc. */
  consumptionSectorOutput: number;
  investmentOutput: number;
  govOutput: number;
  prodLc: number;
  prodLk: number;
  prodCapital: number;
  kappa: number;
  delta: number;
  workersPerHousehold: number;
  wageC: number;
  wageK: number;
  loanRate0: number;
}

/** The start's flows from the config; throws InputError when they cannot be staffed or bought. */
function startFlows(config: SpiralConfig): StartFlows {
  const cf = config.firms;
  const p0 = config.initial.priceLevel;
  const outputPerHousehold = config.scale.gdpUsdYearly / config.scale.usHouseholds / 12;
  const kappa = cf.consumption.capitalOutputRatioYears;
  const delta = cf.consumption.depreciationYearly;
  // Steady state: investment replaces depreciation, I = δ κ Yc, so Y = Yc (1 + δκ).
  const consumptionSectorOutput = outputPerHousehold / (1 + delta * kappa);
  const investmentOutput = outputPerHousehold - consumptionSectorOutput;
  const govOutput = config.government.spendingShareOfGdp * outputPerHousehold;
  if (govOutput > consumptionSectorOutput * 0.9) {
    throw new InputError(
      "government.spendingShareOfGdp: government purchases would exceed 90 % of consumption-goods output",
      undefined,
      "government.spendingShareOfGdp",
    );
  }
  const prodLc = cf.consumption.laborProductivity;
  const prodLk = cf.capital.laborProductivity;
  const workersPerHousehold = consumptionSectorOutput / prodLc + investmentOutput / prodLk;
  if (workersPerHousehold >= 1) {
    throw new InputError(
      `firms.*.laborProductivity: the initial output needs ${workersPerHousehold.toFixed(3)} workers per household (≥ 1); raise productivity`,
      undefined,
      "firms.consumption.laborProductivity",
    );
  }
  return {
    p0,
    outputPerHousehold,
    consumptionSectorOutput,
    investmentOutput,
    govOutput,
    prodLc,
    prodLk,
    prodCapital: 1 / (kappa * 12 * cf.consumption.targetUtilization),
    kappa,
    delta,
    workersPerHousehold,
    wageC: (p0 * prodLc) / (1 + cf.consumption.initialMarkup),
    wageK: (p0 * prodLk) / (1 + cf.capital.initialMarkup),
    loanRate0: config.centralBank.initialRateYearly + config.banks.baseSpreadYearly,
  };
}

/** Sums over the firms that the balance sheet and the income flows need. */
interface FirmTotals {
  firmLoans: number;
  firmDeposits: number;
  wageBillTotal: number;
}

/**
 * Firms: equal shares of output with ±20 % dispersion, so sizes differ from the
 * start; loans, deposits and wages at the start's flows; each firm's bank and
 * each consumption firm's capital supplier drawn uniformly.
 */
function initFirms(
  firms: Firms,
  config: SpiralConfig,
  flows: StartFlows,
  seed: number,
  households: number,
  banks: number,
): FirmTotals {
  const cf = config.firms;
  const { p0, prodLc, prodLk, wageC, wageK, kappa } = flows;
  const Fc = firms.nConsumption;
  const Fk = firms.n - Fc;
  const N = households;
  const weights = new Float64Array(Fc + Fk);
  const weightKey = streamKey(seed, AgentStream.initialization, 0);
  const bankKey = streamKey(seed, AgentStream.initialization2, 0);
  const supplierKey = streamKey(seed, AgentStream.capitalSupplier, 0);
  let sumC = 0;
  let sumK = 0;
  for (let f = 0; f < Fc + Fk; f++) {
    weights[f] = 0.8 + 0.4 * keyedUniform(weightKey, f);
    if (f < Fc) sumC += weights[f];
    else sumK += weights[f];
  }
  // initial.firmSizeDispersion: sizes by the firm's standing after its history (firmHistory.ts sizeFirmsByHistory).
  if (config.initial.firmSizeDispersion > 0) {
    sizeFirmsByHistory(firms, config.initial.firmSizeDispersion, weights, (f) =>
      Math.floor(keyedUniform(supplierKey, f) * Fk),
    );
    sumC = 0;
    sumK = 0;
    for (let f = 0; f < Fc + Fk; f++) {
      if (f < Fc) sumC += weights[f];
      else sumK += weights[f];
    }
  }
  let firmLoans = 0;
  let firmDeposits = 0;
  let wageBillTotal = 0;
  for (let f = 0; f < Fc + Fk; f++) {
    const isC = f < Fc;
    const y = isC
      ? (flows.consumptionSectorOutput * N * weights[f]) / sumC
      : (flows.investmentOutput * N * weights[f]) / sumK;
    const prodL = isC ? prodLc : prodLk;
    const wage = isC ? wageC : wageK;
    firms.bank[f] = Math.floor(keyedUniform(bankKey, f) * banks);
    firms.price[f] = p0;
    firms.markup[f] = isC ? cf.consumption.initialMarkup : cf.capital.initialMarkup;
    firms.wage[f] = wage;
    firms.expectedSales[f] = y;
    firms.labourPlan[f] = y;
    firms.demandReal[f] = y;
    firms.salesReal[f] = y;
    firms.salesNominal[f] = p0 * y;
    firms.plannedOutput[f] = y;
    firms.output[f] = y;
    firms.inventory[f] = cf.inventoryTargetMonths * y;
    firms.capital[f] = isC ? kappa * 12 * y : 0;
    firms.utilization[f] = cf.consumption.targetUtilization;
    const loans =
      p0 * (isC ? cf.initialLoansToCapital * firms.capital[f] : cf.initialLoansToCapital * 12 * y);
    firms.loanRateYearly[f] = flows.loanRate0;
    firms.loanOfferRateYearly[f] = flows.loanRate0;
    firms.fixedCouponYearly[f] = flows.loanRate0; // the initial loans' fixed part was written at the initial rate
    const wageBill = (y / prodL) * wage;
    setFirmBalances(firms, f, loans, config.initial.firmDepositsMonthsOfWages * wageBill);
    firms.capitalSupplier[f] = isC ? Fc + Math.floor(keyedUniform(supplierKey, f) * Fk) : -1;
    firms.age[f] = 120;
    firms.fillRatio[f] = 1;
    firmLoans += firms.loans[f];
    firmDeposits += firms.deposits[f];
    wageBillTotal += wageBill;
  }
  return { firmLoans, firmDeposits, wageBillTotal };
}

/**
 * Households: bank, supplier, and jobs filled firm by firm in index order;
 * exposure to automation, independent of the job (docs/calibration.md §7:
 * ≈ 20 % of tasks exposed on average).
 */
function initHouseholdJobs(
  households: Households,
  firms: Firms,
  flows: StartFlows,
  config: SpiralConfig,
  seed: number,
  runner: PassRunner,
): void {
  assignJobs(households, firms, flows);
  writeInitDrawArgs(
    runner.work.args,
    seed,
    config.banks.count,
    firms.nConsumption,
    config.automation.exposureMean,
    config.households.depositParetoAlpha,
  );
  runner.run(Pass.initDraws);
  if (config.initial.firmSizeDispersion > 0) drawSuppliersBySize(households, firms, seed);
}

/**
 * initial.firmSizeDispersion: each household's consumption-goods supplier
 * drawn in proportion to the firms' sizes (their initial output), from the
 * same uniform draw the draws pass used (rng.ts keyedUniform, keyed by the
 * household's index), so customers match the sizes the firms start at.
 */
function drawSuppliersBySize(households: Households, firms: Firms, seed: number): void {
  const Fc = firms.nConsumption;
  const cdf = new Float64Array(Fc);
  for (let f = 0, acc = 0; f < Fc; f++) cdf[f] = acc += firms.output[f];
  const key = streamKey(seed, AgentStream.initialization2, 1);
  for (let i = 0; i < households.n; i++) households.supplier[i] = drawByWeight(cdf, keyedUniform(key, i));
}

/**
 * Jobs filled firm by firm in index order: firm f employs the next
 * round(output / productivity) households (fewer if none are left); the
 * households left over are unemployed at the consumption firms' wage.
 * Reservation wages start at the wage.
 */
function assignJobs(households: Households, firms: Firms, flows: StartFlows): void {
  const N = households.n;
  const Fc = firms.nConsumption;
  let next = 0;
  for (let f = 0; f < firms.n && next < N; f++) {
    const needed = Math.round(firms.output[f] / (f < Fc ? flows.prodLc : flows.prodLk));
    const end = Math.min(N, next + Math.max(0, needed));
    households.employer.fill(f, next, end);
    households.wage.fill(firms.wage[f], next, end);
    firms.employees[f] = end - next;
    next = end;
  }
  households.employer.fill(-1, next, N);
  households.wage.fill(flows.wageC, next, N);
  households.reservationWage.set(households.wage);
  firms.labourDemand.set(firms.employees);
}

/** The public sector's stocks at the start (model dollars = per-household USD × N). */
interface PublicStocks {
  /** Bills outstanding, of which the central bank holds cbBills and banks the rest. */
  bills: number;
  cbBills: number;
  bankBillsTotal: number;
  govSpendingMonthly: number;
  govAccount: number;
  reservesTotal: number;
}

/** Government debt, the central bank's bills and the government's account from their ratios to GDP. */
function publicStocks(config: SpiralConfig, flows: StartFlows, households: number): PublicStocks {
  const N = households;
  const annualGdp = flows.p0 * flows.outputPerHousehold * 12 * N;
  const bills = config.initial.governmentDebtToGdp * annualGdp;
  const cbBills = config.initial.centralBankBillShare * bills;
  const govSpendingMonthly = flows.govOutput * N;
  const govAccount = config.initial.governmentAccountMonths * govSpendingMonthly * flows.p0;
  return {
    bills,
    cbBills,
    bankBillsTotal: bills - cbBills,
    govSpendingMonthly,
    govAccount,
    reservesTotal: cbBills - govAccount,
  };
}

/** The AI chain and the non-bank fund (agents/aiChain/init.ts), with the bank loans and deposits they bring. */
function initChain(
  config: SpiralConfig,
  scale: number,
  banks: number,
): { aiChain: AiChain; fund: Fund; chainBankLoans: number; chainDeposits: number } {
  const aiChain = createAiChain(config, scale, banks);
  // A stationary warm-up starts the chain's shares at their 2025 values at the start's price
  // level (agents/aiChain/warmUp.ts indexChainPrices), so the fund holds them at that level.
  const warmUpMonths = chainStartTick(config) - 1;
  if (config.aiChain.stationaryWarmUp && warmUpMonths > 0) {
    // At the first warm-up month's share of the value ramp (aiChain.warmUpValueRampMonths), so that month
    // revalues nothing.
    const share = warmUpValueShare(1, config.aiChain.warmUpValueRampMonths, warmUpMonths);
    holdChainPrices(aiChain, config.initial.priceLevel * share);
  }
  const fund = createFund(
    aiChain,
    config.aiChain.enabled ? config.aiChain.finance.fundCashUsdBn * 1e9 * scale : 0,
    0,
  );
  let chainBankLoans = 0;
  let chainDeposits = fund.deposits;
  for (let i = 0; i < aiChain.n; i++) {
    chainBankLoans += aiChain.bankLoans[i];
    chainDeposits += aiChain.deposits[i];
  }
  return { aiChain, fund, chainBankLoans, chainDeposits };
}

/**
 * Household deposits: Pareto(α) shares of `total`; equity units proportional
 * to deposits, with the top decile (by deposits) scaled so that it holds
 * equityTopDecileShare of all units. Returns the units outstanding.
 */
function initHouseholdWealth(
  households: Households,
  config: SpiralConfig["households"],
  total: number,
  runner: PassRunner,
): number {
  const N = households.n;
  const { deposits, equityUnits } = households;
  // The Pareto weights drawn by the draws pass, summed in index order.
  let sumW = 0;
  for (let i = 0; i < N; i++) sumW += deposits[i];
  InitScaleArgs.write(runner.work.args, { scale: total / sumW });
  runner.run(Pass.initScale);

  // The top decile's threshold: the deposit at index ⌊0.9 N⌋ in ascending order.
  const threshold = kthSmallest(deposits, Math.floor(N * 0.9));
  let topDeposits = 0;
  let bottomDeposits = 0;
  for (let i = 0; i < N; i++) {
    if (deposits[i] >= threshold) topDeposits += deposits[i];
    else bottomDeposits += deposits[i];
  }
  InitUnitsArgs.write(runner.work.args, {
    threshold,
    topShare: config.equityTopDecileShare,
    topDeposits: Math.max(topDeposits, 1e-300),
    bottomDeposits: Math.max(bottomDeposits, 1e-300),
    households: N,
  });
  runner.run(Pass.initUnits);
  let totalUnits = 0;
  for (let i = 0; i < N; i++) totalUnits += equityUnits[i];
  return totalUnits;
}

/**
 * Bank balance sheets follow from their customers; bills and equity are split
 * in proportion to loans, reserves close each balance sheet. Returns the
 * reserves in all.
 */
function initBanks(
  banks: Banks,
  households: Households,
  firms: Firms,
  aiChain: AiChain,
  fund: Fund,
  config: SpiralConfig["banks"],
  bankBillsTotal: number,
): number {
  const B = banks.n;
  openBanks(banks, households, firms, aiChain, fund, config.targetCapitalRatio, bankBillsTotal);
  for (let k = 0; k < B; k++) banks.spreadYearly[k] = config.baseSpreadYearly;
  let reserveSum = 0;
  for (let k = 0; k < B; k++) reserveSum += banks.reserves[k];
  return reserveSum;
}

/**
 * Firms' profits, dividends and market values at the start's flows (for
 * expectations and valuations). Returns profits in all, the consumption
 * firms' summed profit rates and the market value of all firms.
 */
function initFirmIncomes(
  firms: Firms,
  config: SpiralConfig,
  flows: StartFlows,
): { profitTotal: number; profitRateSum: number; equityTotal: number } {
  const cf = config.firms;
  const { p0, prodLc, prodLk, delta, loanRate0 } = flows;
  const Fc = firms.nConsumption;
  const policy = config.centralBank.initialRateYearly;
  let profitTotal = 0;
  let profitRateSum = 0;
  for (let k = 0; k < firms.n; k++) {
    const isC = k < Fc;
    const wageBill = (firms.output[k] / (isC ? prodLc : prodLk)) * firms.wage[k];
    const interest = (firms.loans[k] * loanRate0) / 12;
    const dep = isC ? (delta / 12) * firms.capital[k] * p0 : 0;
    const pretax = firms.salesNominal[k] - wageBill - interest - dep;
    const profit = pretax > 0 ? pretax * (1 - config.government.profitTaxRate) : pretax;
    firms.earnings[k] = profit;
    firms.dividendDue[k] = Math.max(0, profit) * cf.payoutRatio;
    const listed = config.aiChain.enabled ? config.aiChain.nonAiSectorIndexShare : 1;
    firms.marketValue[k] = listed * Math.max(0, (profit * 12) / (policy + cf.equityRiskPremiumYearly));
    if (isC) {
      const rate =
        ((firms.salesNominal[k] - wageBill - interest) * 12) / Math.max(1e-9, firms.capital[k] * p0);
      firms.profitRate[k] = rate;
      profitRateSum += rate;
    }
    profitTotal += profit;
  }
  let equityTotal = 0;
  for (let k = 0; k < firms.n; k++) equityTotal += firms.marketValue[k];
  return { profitTotal, profitRateSum, equityTotal };
}

/**
 * Households' expected disposable income at the start: labour income or
 * benefits, transfers, dividends and deposit interest, after income tax.
 * Cash transfers (government.transfersShareOfGdp, paid every month at the
 * price level, agents/households.ts) are part of the income households expect
 * from the start: left out, expected income fell short of actual income by
 * about a tenth, spending climbed for months and set off the warm-up's first
 * boom (unemployment at 0 for a year in baseline-2025).
 */
function initExpectedIncome(
  runner: PassRunner,
  government: SpiralConfig["government"],
  flows: StartFlows,
  depositRate: number,
  dividendsPerHousehold: number,
  totalUnits: number,
  households: number,
): void {
  InitIncomeArgs.write(runner.work.args, {
    benefitReplacementRate: government.benefitReplacementRate,
    transferPerHousehold: government.transfersShareOfGdp * flows.outputPerHousehold * flows.p0,
    totalUnits,
    dividendsPerHousehold,
    households,
    depositRate,
    incomeTax: government.incomeTaxRate,
  });
  runner.run(Pass.initIncome);
}

/**
 * Household deposits close the balance sheet: what banks lend and hold in
 * reserves and bills, less their equity (targetCapitalRatio of their loans)
 * and the deposits of firms, the chain and the fund. Throws InputError when
 * the ratios leave households or reserves negative.
 */
function householdDepositTotal(
  targetCapitalRatio: number,
  firmLoans: number,
  firmDeposits: number,
  chainBankLoans: number,
  chainDeposits: number,
  stocks: PublicStocks,
): number {
  const bankEquityTotal = targetCapitalRatio * (firmLoans + chainBankLoans);
  const householdDeposits =
    firmLoans +
    chainBankLoans +
    stocks.reservesTotal +
    stocks.bankBillsTotal -
    bankEquityTotal -
    firmDeposits -
    chainDeposits;
  if (householdDeposits <= 0 || stocks.reservesTotal < 0) {
    throw new InputError(
      "initial: these ratios give negative household deposits or reserves; lower initial.firmDepositsMonthsOfWages or raise initial.centralBankBillShare",
      undefined,
      "initial",
    );
  }
  return householdDeposits;
}

/** The central bank at the start: its bills against banks' reserves and the government's account. */
function initialCentralBank(
  config: SpiralConfig["centralBank"],
  stocks: PublicStocks,
  reserves: number,
  unemploymentRate: number,
): CentralBank {
  const { cbBills, govAccount } = stocks;
  // The months before the start had the start's unemployment (a stationary start).
  const unemploymentHistory = new Float64Array(config.unemploymentAveragingMonths).fill(unemploymentRate);
  return {
    policyRateYearly: config.initialRateYearly,
    bills: cbBills,
    reserves,
    govAccount,
    equity: cbBills - reserves - govAccount,
    profit: 0,
    neutralRateEstimateYearly: config.neutralRealRateYearly,
    unemploymentHistory,
  };
}

/** Coefficients fixed at the start that later phases read. */
function derivedParams(flows: StartFlows, scale: number, normalProfitRateYearly: number): DerivedParams {
  return {
    scale,
    prodLabourConsumption: flows.prodLc,
    prodLabourCapital: flows.prodLk,
    prodCapital: flows.prodCapital,
    depreciationMonthly: flows.delta / 12,
    normalProfitRateYearly,
    initialOutputPerHousehold: flows.outputPerHousehold,
  };
}

/** An empty ledger: this tick's flow matrix and the sectors' net financial wealth. */
function newLedgerState(): LedgerState {
  return {
    flows: newFlowMatrix(),
    lastNfw: new Float64Array(SECTOR_COUNT),
    nfw: new Float64Array(SECTOR_COUNT),
    grossFinancialAssets: 0,
  };
}

/** The aggregates at the start that the first tick reads. */
function initialMacro(
  config: SpiralConfig,
  flows: StartFlows,
  households: number,
  income: { employed: number; avgWage: number; wageBillTotal: number; depositRate: number },
  equity: { equityTotal: number; fundNav: number; totalUnits: number },
): MacroState {
  const { p0 } = flows;
  const N = households;
  return {
    priceIndex: p0,
    priceHistory: pastPrices(p0, config.initial.inflationYearly),
    inflationYoY: config.initial.inflationYearly,
    inflationAnchorYearly: config.centralBank.inflationTargetYearly + config.initial.inflationAnchorGapYearly,
    unemploymentRate: 1 - income.employed / N,
    averageIncome: income.avgWage,
    equityTotal: equity.equityTotal,
    equityPricePerUnit: (equity.equityTotal + equity.fundNav) / equity.totalUnits,
    totalEquityUnits: equity.totalUnits,
    capitalGoodsPrice: p0,
    dividendPool: 0,
    entryNeed: 0,
    firmDefaults: 0,
    firmExits: 0,
    bankFailures: 0,
    unmetDemand: 0,
    consumptionNominal: p0 * (flows.consumptionSectorOutput - flows.govOutput) * N,
    consumptionReal: 0,
    investmentNominal: 0,
    investmentReal: 0,
    governmentReal: 0,
    depositRateYearly: income.depositRate,
    gdpNominalSmoothed: p0 * flows.outputPerHousehold * N,
    employment: income.employed,
    vacancies: 0,
    wagesPaid: income.wageBillTotal,
    chainDefaults: 0,
    realRateGapSmoothed: 0,
  };
}

/** The government at the start: its account, its bills and its real purchases; this tick's flows at 0. */
function initialGovernment(stocks: PublicStocks): Government {
  return {
    account: stocks.govAccount,
    bills: stocks.bills,
    purchasesReal: stocks.govSpendingMonthly,
    debtGapIntegral: 0,
    taxes: 0,
    benefits: 0,
    purchases: 0,
    interest: 0,
    remittance: 0,
    recapitalisation: 0,
    fiscalSupport: 0,
    retraining: 0,
  };
}

/** Preallocated scratch buffers: none grows after the start. */
function allocScratch(households: number, firms: number, banks: number, shared: boolean): Scratch {
  return {
    unemployed: column(Int32Array, households, shared),
    firmOrder: new Int32Array(firms),
    bankDepositChange: new Float64Array(banks),
    bankReserveChange: new Float64Array(banks),
    bankInterest: new Float64Array(banks),
    bankSum: new Float64Array(banks),
    bankSum2: new Float64Array(banks),
    sectorAverages: new Float64Array(8).fill(-1),
  };
}

/**
 * Build the initial model state from a resolved config, sector by sector:
 * firms, the public sector's stocks, the AI chain and the fund (whatever can
 * fail on bad ratios fails here, before any thread starts), then the pass
 * runner (opts.runner, else the serial one) on the population's columns,
 * and the households, banks, incomes and expectations (populate).
 */
export function createInitialState(config: SpiralConfig, opts: InitOptions = {}): ModelState {
  const shared = opts.shared ?? false;
  const seed = config.seed >>> 0;
  const N = config.households.count;
  const { consumption: Fc, capital: Fk } = firmCounts(config);
  const B = config.banks.count;
  const flows = startFlows(config);
  const firms = allocFirms(Fc + Fk, Fc, shared);
  // The firms' productivity and appeal after initial.firmHistoryYears of their own rules (firmHistory.ts; 0: identical firms).
  runFirmHistory(firms, config.firms, seed, Math.round(12 * config.initial.firmHistoryYears));
  const firmTotals = initFirms(firms, config, flows, seed, N, B);

  // --- Balance sheet (model dollars = per-household USD × N). The AI chain and the non-bank fund bank with the same banks. ---
  const stocks = publicStocks(config, flows, N);
  const scale = N / config.scale.usHouseholds;
  const chain = initChain(config, scale, B);
  const householdDeposits = householdDepositTotal(
    config.banks.targetCapitalRatio,
    firmTotals.firmLoans,
    firmTotals.firmDeposits,
    chain.chainBankLoans,
    chain.chainDeposits,
    stocks,
  );

  const households = allocHouseholds(N, shared);
  const banks = allocBanks(B);
  const scratch = allocScratch(N, Fc + Fk, B, shared);
  const host = { households, firms, banks, config, scratch };
  const runner = opts.runner ? opts.runner(host) : new SerialRunner(host);
  try {
    return populate({
      config,
      flows,
      seed,
      scale,
      firmTotals,
      stocks,
      chain,
      householdDeposits,
      host,
      runner,
    });
  } catch (err) {
    runner.close();
    throw err;
  }
}

/** What createInitialState has built when the households' turn comes. */
interface StartParts {
  config: SpiralConfig;
  flows: StartFlows;
  seed: number;
  scale: number;
  firmTotals: FirmTotals;
  stocks: PublicStocks;
  chain: ReturnType<typeof initChain>;
  householdDeposits: number;
  host: { households: Households; firms: Firms; banks: Banks; scratch: Scratch };
  runner: PassRunner;
}

/** The households (their draws on the runner), banks, incomes and expectations, and the assembled state. */
function populate(p: StartParts): ModelState {
  const { config, flows, seed, scale, stocks, runner } = p;
  const { households, firms, banks } = p.host;
  const { aiChain, fund } = p.chain;
  const { wageBillTotal } = p.firmTotals;
  const N = households.n;
  initHouseholdJobs(households, firms, flows, config, seed, runner);
  const totalUnits = initHouseholdWealth(households, config.households, p.householdDeposits, runner);
  const reserveSum = initBanks(banks, households, firms, aiChain, fund, config.banks, stocks.bankBillsTotal);

  // --- Income flows near the start, for expectations and valuations. ---
  const policy = config.centralBank.initialRateYearly;
  const depositRate = Math.max(
    0,
    config.banks.depositRateBeta * policy - config.banks.depositRateMarkdownYearly,
  );
  const employed = N * flows.workersPerHousehold;
  const avgWage = wageBillTotal / Math.max(1, employed);
  const { profitTotal, profitRateSum, equityTotal } = initFirmIncomes(firms, config, flows);
  const dividendsPerHousehold = (profitTotal * config.firms.payoutRatio) / N;
  initExpectedIncome(runner, config.government, flows, depositRate, dividendsPerHousehold, totalUnits, N);

  const state: ModelState = {
    config,
    seed,
    tick: 0,
    households,
    firms,
    banks,
    centralBank: initialCentralBank(config.centralBank, stocks, reserveSum, 1 - employed / N),
    government: initialGovernment(stocks),
    streams: new NamedStreams(seed),
    params: derivedParams(flows, scale, profitRateSum / firms.nConsumption),
    macro: initialMacro(
      config,
      flows,
      N,
      { employed, avgWage, wageBillTotal, depositRate },
      { equityTotal, fundNav: fund.nav, totalUnits },
    ),
    ledger: newLedgerState(),
    scratch: p.host.scratch,
    events: [],
    aiChain,
    fund,
    automation: createAutomation(),
    utility: initUtility(config, scale, aiChain, firms, banks.n),
    restOfWorld: { bank: 0, deposits: 0 },
    shocks: initialShocks(),
    runner,
  };
  initValuation(state.aiChain);
  // Households have faced the initial rate: the smoothed real-rate gap starts at its gap.
  state.macro.realRateGapSmoothed = realRateGap(state.centralBank.policyRateYearly, state.macro, {
    households: config.households,
    centralBank: config.centralBank,
    inflationAnchor: config.firms.inflationAnchor,
  });
  state.ledger.grossFinancialAssets = measureNetFinancialWealth(state, state.ledger.lastNfw);
  return state;
}

/**
 * The 13-month price ring buffer at the start (macro.ts: slot t mod 13 holds
 * tick t's price): slot 0 the start's level p0, slot s (1–12) the level at
 * tick s − 13, so that prices rose at `inflationYearly` over the year before
 * the start.
 */
export function pastPrices(p0: number, inflationYearly: number): Float64Array {
  const h = new Float64Array(13).fill(p0);
  for (let s = 1; s <= 12; s++) h[s] = p0 * (1 + inflationYearly) ** ((s - 13) / 12);
  return h;
}

/**
 * The utility (agents/utility.ts) sized to the start's loads: the chain's
 * clouds' data centres and the non-AI firms' real output; inert unless the
 * grid and the chain are both on.
 */
function initUtility(
  config: SpiralConfig,
  scale: number,
  aiChain: AiChain,
  firms: Firms,
  banks: number,
): Utility {
  let outputTotal = 0;
  for (let k = 0; k < firms.n; k++) outputTotal += firms.output[k];
  const active = config.power.enabled && config.aiChain.enabled && aiChain.n > 0;
  return createUtility(config, scale, cloudCapacity(aiChain), outputTotal, banks, active);
}

/** The chain's clouds' capacity in service at the start (the data centres' power demand). */
function cloudCapacity(c: AiChain): number {
  let gw = 0;
  for (let i = 0; i < c.n; i++)
    if (c.role[i] !== Role.chip && c.role[i] !== Role.modelLab) gw += c.computeGw[i];
  return gw;
}
