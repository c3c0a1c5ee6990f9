// Initial state: a balance sheet consistent by construction (every asset has
// its counterpart) and flows near a stationary state, calibrated to the
// config's ratios to GDP. Behaviour lives in agents/ and markets/; this file
// only builds the starting point (docs/development.md, "Code style": initialisation apart from
// behaviour).

import type { SpiralConfig } from "../config/configTypes.ts";
import { InputError } from "../errors.ts";
import { createAiChain, createFund } from "./agents/aiChain/init.ts";
import { initValuation } from "./agents/aiChain/valuation.ts";
import { createAutomation, EXPOSURE_BINS, exposureFromUniform } from "./agents/automation.ts";
import { createUtility } from "./agents/utility.ts";
import { SerialRunner } from "./kernels.ts";
import { measureNetFinancialWealth, newFlowMatrix, SECTOR_COUNT } from "./ledger.ts";
import type { PassRunner } from "./passes.ts";
import { firmCounts } from "./population.ts";
import { AgentStream, agentUniform, NamedStreams } from "./rng.ts";
import { initialShocks } from "./shocks.ts";
import type { AiChain, Banks, Firms, Households, ModelState } from "./state.ts";
import { column, Role } from "./state.ts";

export interface InitOptions {
  /** Allocate the population columns on SharedArrayBuffer (for sharded runs). */
  shared?: boolean;
}

function allocHouseholds(n: number, shared: boolean): Households {
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

function allocFirms(n: number, nConsumption: number, shared: boolean): Firms {
  const f64 = () => column(Float64Array, n, shared);
  return {
    n,
    nConsumption,
    bank: column(Uint16Array, n, shared),
    deposits: f64(),
    loans: f64(),
    loanRateYearly: f64(),
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

/** Build the initial model state from a resolved config. */
export function createInitialState(config: SpiralConfig, opts: InitOptions = {}): ModelState {
  const shared = opts.shared ?? false;
  const seed = config.seed >>> 0;
  const N = config.households.count;
  const { consumption: Fc, capital: Fk } = firmCounts(config);
  const B = config.banks.count;
  const cf = config.firms;

  // --- Flows per household-month at the start. Real quantities are in 2025
  // USD; nominal ones are at the price level of startDate, p0 =
  // initial.priceLevel (1 = 2025 prices; a warm-up from 2015 starts at the
  // 2015 level so that the warm-up's own inflation brings it near 1 in 2025,
  // docs/ODD.md §5). The chain's and the utility's USD inputs are 2025 USD and
  // stand still until the chain starts. ---
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
  const prodCapital = 1 / (kappa * 12 * cf.consumption.targetUtilization);

  const households = allocHouseholds(N, shared);
  const firms = allocFirms(Fc + Fk, Fc, shared);
  const banks = allocBanks(B);
  const streams = new NamedStreams(seed);

  // --- Firms: equal shares of output with ±20 % dispersion, so sizes differ from the start. ---
  const weights = new Float64Array(Fc + Fk);
  let sumC = 0;
  let sumK = 0;
  for (let f = 0; f < Fc + Fk; f++) {
    weights[f] = 0.8 + 0.4 * agentUniform(seed, AgentStream.initialization, 0, f);
    if (f < Fc) sumC += weights[f];
    else sumK += weights[f];
  }
  const wageC = (p0 * prodLc) / (1 + cf.consumption.initialMarkup);
  const wageK = (p0 * prodLk) / (1 + cf.capital.initialMarkup);
  const loanRate0 = config.centralBank.initialRateYearly + config.banks.baseSpreadYearly;
  let firmLoans = 0;
  let firmDeposits = 0;
  let wageBillTotal = 0;
  for (let f = 0; f < Fc + Fk; f++) {
    const isC = f < Fc;
    const y = isC
      ? (consumptionSectorOutput * N * weights[f]) / sumC
      : (investmentOutput * N * weights[f]) / sumK;
    const prodL = isC ? prodLc : prodLk;
    const wage = isC ? wageC : wageK;
    firms.bank[f] = Math.floor(agentUniform(seed, AgentStream.initialization2, 0, f) * B);
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
    firms.loans[f] =
      p0 * (isC ? cf.initialLoansToCapital * firms.capital[f] : cf.initialLoansToCapital * 12 * y);
    firms.loanRateYearly[f] = loanRate0;
    const wageBill = (y / prodL) * wage;
    firms.deposits[f] = config.initial.firmDepositsMonthsOfWages * wageBill;
    firms.capitalSupplier[f] = isC
      ? Fc + Math.floor(agentUniform(seed, AgentStream.capitalSupplier, 0, f) * Fk)
      : -1;
    firms.age[f] = 120;
    firms.fillRatio[f] = 1;
    firmLoans += firms.loans[f];
    firmDeposits += firms.deposits[f];
    wageBillTotal += wageBill;
  }

  // --- Households: bank, supplier, and jobs filled firm by firm in index order. ---
  let f = 0;
  let filled = 0;
  let needed = Math.round(firms.output[0] / prodLc);
  for (let i = 0; i < N; i++) {
    households.bank[i] = Math.floor(agentUniform(seed, AgentStream.initialization, 1, i) * B);
    households.supplier[i] = Math.floor(agentUniform(seed, AgentStream.initialization2, 1, i) * Fc);
    households.employer[i] = -1;
    while (f < Fc + Fk && filled >= needed) {
      f++;
      filled = 0;
      if (f < Fc + Fk) needed = Math.round(firms.output[f] / (f < Fc ? prodLc : prodLk));
    }
    if (f < Fc + Fk) {
      households.employer[i] = f;
      households.wage[i] = firms.wage[f];
      firms.employees[f]++;
      filled++;
    } else {
      households.wage[i] = wageC;
    }
    households.reservationWage[i] = households.wage[i];
    // Exposure to automation, independent of the job (docs/calibration.md §7: ≈ 20 % of tasks exposed on average).
    households.exposure[i] = exposureFromUniform(
      agentUniform(seed, AgentStream.exposure, 0, i),
      config.automation.exposureMean,
    );
  }
  for (let k = 0; k < Fc + Fk; k++) firms.labourDemand[k] = firms.employees[k];

  // --- Balance sheet (model dollars = per-household USD × N). ---
  const annualGdp = p0 * outputPerHousehold * 12 * N;
  const bills = config.initial.governmentDebtToGdp * annualGdp;
  const cbBills = config.initial.centralBankBillShare * bills;
  const bankBillsTotal = bills - cbBills;
  const govSpendingMonthly = govOutput * N;
  const govAccount = config.initial.governmentAccountMonths * govSpendingMonthly * p0;
  const reservesTotal = cbBills - govAccount;
  // The AI chain and the non-bank fund bank with the same banks.
  const scale = N / config.scale.usHouseholds;
  const aiChain = createAiChain(config, scale, B);
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
  const bankEquityTotal = config.banks.targetCapitalRatio * (firmLoans + chainBankLoans);
  const householdDeposits =
    firmLoans +
    chainBankLoans +
    reservesTotal +
    bankBillsTotal -
    bankEquityTotal -
    firmDeposits -
    chainDeposits;
  if (householdDeposits <= 0 || reservesTotal < 0) {
    throw new InputError(
      "initial: these ratios give negative household deposits or reserves; lower initial.firmDepositsMonthsOfWages or raise initial.centralBankBillShare",
      undefined,
      "initial",
    );
  }

  // Household deposits: Pareto(α) shares, normalised to the total.
  const alpha = config.households.depositParetoAlpha;
  let sumW = 0;
  for (let i = 0; i < N; i++) {
    const u = agentUniform(seed, AgentStream.initialization, 2, i);
    const w = (1 - u) ** (-1 / alpha);
    households.deposits[i] = w;
    sumW += w;
  }
  for (let i = 0; i < N; i++) households.deposits[i] *= householdDeposits / sumW;

  // Equity units: proportional to deposits, with the top decile (by deposits)
  // scaled so that it holds equityTopDecileShare of all units.
  const sorted = Float64Array.from(households.deposits).sort();
  const threshold = sorted[Math.floor(N * 0.9)];
  let topDeposits = 0;
  let bottomDeposits = 0;
  for (let i = 0; i < N; i++) {
    if (households.deposits[i] >= threshold) topDeposits += households.deposits[i];
    else bottomDeposits += households.deposits[i];
  }
  const topShare = config.households.equityTopDecileShare;
  let totalUnits = 0;
  for (let i = 0; i < N; i++) {
    const d = households.deposits[i];
    const u =
      d >= threshold
        ? (topShare * d) / Math.max(topDeposits, 1e-300)
        : ((1 - topShare) * d) / Math.max(bottomDeposits, 1e-300);
    households.equityUnits[i] = u * N;
    totalUnits += households.equityUnits[i];
  }

  // Bank balance sheets follow from their customers; bills and equity are
  // split in proportion to loans, reserves close each balance sheet.
  for (let i = 0; i < N; i++) banks.deposits[households.bank[i]] += households.deposits[i];
  for (let k = 0; k < Fc + Fk; k++) {
    banks.deposits[firms.bank[k]] += firms.deposits[k];
    banks.loans[firms.bank[k]] += firms.loans[k];
  }
  for (let i = 0; i < aiChain.n; i++) {
    banks.deposits[aiChain.bank[i]] += aiChain.deposits[i];
    banks.loans[aiChain.bank[i]] += aiChain.bankLoans[i];
  }
  banks.deposits[fund.bank] += fund.deposits;
  let depositTotal = 0;
  for (let k = 0; k < B; k++) depositTotal += banks.deposits[k];
  for (let k = 0; k < B; k++) {
    banks.bills[k] = (bankBillsTotal * banks.deposits[k]) / depositTotal;
    banks.equity[k] = config.banks.targetCapitalRatio * banks.loans[k];
    banks.reserves[k] = banks.equity[k] + banks.deposits[k] - banks.loans[k] - banks.bills[k];
    banks.spreadYearly[k] = config.banks.baseSpreadYearly;
  }
  let reserveSum = 0;
  for (let k = 0; k < B; k++) reserveSum += banks.reserves[k];

  // --- Income flows near the start, for expectations and valuations. ---
  const policy = config.centralBank.initialRateYearly;
  const depositRate = Math.max(
    0,
    config.banks.depositRateBeta * policy - config.banks.depositRateMarkdownYearly,
  );
  const employed = N * workersPerHousehold;
  const avgWage = wageBillTotal / Math.max(1, employed);
  let profitTotal = 0;
  let profitRateSum = 0;
  for (let k = 0; k < Fc + Fk; k++) {
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
  for (let k = 0; k < Fc + Fk; k++) equityTotal += firms.marketValue[k];
  const incomeTax = config.government.incomeTaxRate;
  const dividendsPerHousehold = (profitTotal * cf.payoutRatio) / N;
  // Cash transfers (government.transfersShareOfGdp, paid every month at the price level,
  // agents/households.ts) are part of the income households expect from the start: left out,
  // expected income fell short of actual income by about a tenth, spending climbed for months and set off the
  // warm-up's first boom (unemployment at 0 for a year in baseline-2025).
  const transferPerHousehold = config.government.transfersShareOfGdp * outputPerHousehold * p0;
  for (let i = 0; i < N; i++) {
    const labour =
      households.employer[i] >= 0
        ? households.wage[i]
        : config.government.benefitReplacementRate * households.wage[i];
    const div = (households.equityUnits[i] / totalUnits) * dividendsPerHousehold * N;
    households.expectedIncome[i] =
      (labour + transferPerHousehold + div + (households.deposits[i] * depositRate) / 12) * (1 - incomeTax);
  }

  let outputTotal = 0;
  for (let k = 0; k < Fc + Fk; k++) outputTotal += firms.output[k];
  const state: ModelState = {
    config,
    seed,
    tick: 0,
    households,
    firms,
    banks,
    centralBank: {
      policyRateYearly: policy,
      bills: cbBills,
      reserves: reserveSum,
      govAccount,
      equity: cbBills - reserveSum - govAccount,
      profit: 0,
      neutralRateEstimateYearly: config.centralBank.neutralRealRateYearly,
    },
    government: {
      account: govAccount,
      bills,
      purchasesReal: govSpendingMonthly,
      taxes: 0,
      benefits: 0,
      purchases: 0,
      interest: 0,
      remittance: 0,
      recapitalisation: 0,
      fiscalSupport: 0,
      retraining: 0,
    },
    streams,
    params: {
      scale,
      prodLabourConsumption: prodLc,
      prodLabourCapital: prodLk,
      prodCapital,
      depreciationMonthly: delta / 12,
      normalProfitRateYearly: profitRateSum / Fc,
      initialOutputPerHousehold: outputPerHousehold,
    },
    macro: {
      priceIndex: p0,
      priceHistory: pastPrices(p0, config.initial.inflationYearly),
      inflationYoY: config.initial.inflationYearly,
      inflationAnchorYearly:
        config.centralBank.inflationTargetYearly + config.initial.inflationAnchorGapYearly,
      unemploymentRate: 1 - employed / N,
      averageIncome: avgWage,
      equityTotal,
      equityPricePerUnit: (equityTotal + fund.nav) / totalUnits,
      totalEquityUnits: totalUnits,
      capitalGoodsPrice: p0,
      dividendPool: 0,
      entryNeed: 0,
      firmDefaults: 0,
      bankFailures: 0,
      unmetDemand: 0,
      consumptionNominal: p0 * (consumptionSectorOutput - govOutput) * N,
      consumptionReal: 0,
      investmentNominal: 0,
      investmentReal: 0,
      governmentReal: 0,
      depositRateYearly: depositRate,
      gdpNominalSmoothed: p0 * outputPerHousehold * N,
      employment: employed,
      vacancies: 0,
      wagesPaid: wageBillTotal,
      chainDefaults: 0,
    },
    ledger: {
      flows: newFlowMatrix(),
      lastNfw: new Float64Array(SECTOR_COUNT),
      nfw: new Float64Array(SECTOR_COUNT),
      grossFinancialAssets: 0,
    },
    scratch: {
      unemployed: column(Int32Array, N, shared),
      firmOrder: new Int32Array(Fc + Fk),
      bankDepositChange: new Float64Array(B),
      bankReserveChange: new Float64Array(B),
      bankInterest: new Float64Array(B),
      bankSum: new Float64Array(B),
      bankSum2: new Float64Array(B),
      sectorAverages: new Float64Array(8).fill(-1),
    },
    events: [],
    aiChain,
    fund,
    automation: createAutomation(),
    utility: createUtility(
      config,
      scale,
      cloudCapacity(aiChain),
      outputTotal,
      B,
      config.power.enabled && config.aiChain.enabled && aiChain.n > 0,
    ),
    shocks: initialShocks(),
    runner: undefined as unknown as PassRunner,
  };
  state.runner = new SerialRunner(state);
  initValuation(state);
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

/** The chain's clouds' capacity in service at the start (the data centres' power demand). */
function cloudCapacity(c: AiChain): number {
  let gw = 0;
  for (let i = 0; i < c.n; i++)
    if (c.role[i] !== Role.chip && c.role[i] !== Role.modelLab) gw += c.computeGw[i];
  return gw;
}
