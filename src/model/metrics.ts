// What each tick reports: the series row (docs/ODD.md §4, "Observation"), the feedback-phase
// label and the crisis flag. Money is converted from model dollars to USD
// billions at real-US scale (÷ scale), flows to annual rates (× 12).
// Phase and crisis need a little history; it lives in preallocated arrays
// sized by the run length, never by the population.
import { monthIndex, monthOfIndex } from "../config/calendar.ts";
import type { SpiralConfig } from "../config/configTypes.ts";
import {
  backlog,
  guaranteesOf,
  stakesValueOf,
  vendorDebtOf,
  vendorLoansOf,
} from "./agents/aiChain/circular.ts";
import { cdsIndexBp } from "./agents/aiChain/credit.ts";
import { chainDebtRank } from "./agents/aiChain/defaults.ts";
import { liveCapacity } from "./agents/aiChain/demand.ts";
import { type RiskWeights, riskWeightedAssets } from "./agents/banks.ts";
import { incomeQuintileShares } from "./incomeQuintiles.ts";
import { SECTOR_COUNT, SECTOR_NAMES } from "./ledger.ts";
import {
  chainRealGdp,
  emptyAccounts,
  emptyChainedRealGdp,
  measureNationalAccounts,
} from "./nationalAccounts.ts";
import type { AiChain, Banks, Firms, Government, ModelEvent, ModelState, Utility } from "./state.ts";
import { SOURCE_COUNT, Source } from "./state.ts";

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
    description:
      "Real GDP at an annual rate: the value added of non-AI firms, the AI chain and the utility, each deflated by its output price (non-AI output's unit value, aiServicePrice, electricityCpi); chain-linked from the month the chain or the utility first acts (a Fisher quantity index month to month, as BEA's chain-type real GDP; before it, and without them, the fixed-base sum)",
  },
  {
    name: "gdpNominal",
    type: "float",
    unit: "USD bn per year",
    description:
      "Nominal GDP at an annual rate: consumption + investment + government + inventory change + net exports, equal to the sum of the valueAdded columns (src/model/nationalAccounts.ts)",
  },
  {
    name: "consumptionNominal",
    type: "float",
    unit: "USD bn per year",
    description: "Household consumption: goods, AI subscriptions and electricity, annual rate",
  },
  {
    name: "investmentNominal",
    type: "float",
    unit: "USD bn per year",
    description:
      "Investment: non-AI firms' capital goods, the chain's data-centre buildings and GPUs, the utility's grid equipment, annual rate",
  },
  {
    name: "governmentNominal",
    type: "float",
    unit: "USD bn per year",
    description: "Government purchases of goods, AI services and retraining services, annual rate",
  },
  {
    name: "inventoryChangeNominal",
    type: "float",
    unit: "USD bn per year",
    description: "Non-AI firms' output not sold this month, at this month's prices, annual rate",
  },
  {
    name: "netExportsNominal",
    type: "float",
    unit: "USD bn per year",
    description:
      "Net exports: minus the chip maker's imported content, paid to the rest of the world (aiChain.gpuImportShare), annual rate",
  },
  {
    name: "valueAddedNonAi",
    type: "float",
    unit: "USD bn per year",
    description:
      "Value added of non-AI firms: output at its price plus retraining services, less AI services, platform fees and electricity bought, annual rate",
  },
  {
    name: "valueAddedAiChain",
    type: "float",
    unit: "USD bn per year",
    description:
      "Value added of the AI chain: revenue and platform fees less compute bought from each other, goods, the chip maker's inputs, electricity and imported GPU content, annual rate",
  },
  {
    name: "valueAddedUtility",
    type: "float",
    unit: "USD bn per year",
    description:
      "Value added of the utility: electricity sold less fuel and operating purchases, annual rate",
  },
  {
    name: "inflationYoY",
    type: "float",
    unit: "decimal per year",
    description: "Consumer price inflation over 12 months",
  },
  {
    name: "priceIndex",
    type: "float",
    unit: "index, 2025 = 1",
    description: "Consumer price level (starts at initial.priceLevel)",
  },
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
  {
    name: "bankCapitalRatio",
    type: "float",
    unit: "decimal",
    description:
      "Bank equity net of declared dividends / risk-weighted assets (banks.riskWeights: loans 100 %, bills and reserves 0 %), all banks",
  },
  { name: "equityMarketCap", type: "float", unit: "USD bn", description: "Market value of non-AI firms" },
  {
    name: "firmDefaults",
    type: "int",
    unit: "firms per month",
    description: "Bankruptcies this month (simulated firms)",
  },
  {
    name: "firmExits",
    type: "int",
    unit: "firms per month",
    description: "Voluntary exits this month (simulated firms; firms.exit): solvent closures, not defaults",
  },
  { name: "bankFailures", type: "int", unit: "banks per month", description: "Bank failures this month" },
  {
    name: "govDeficit",
    type: "float",
    unit: "USD bn per year",
    description:
      "Government spending + benefits + retraining + interest + recapitalisations + AI-infrastructure support + grid grants − taxes − central-bank remittance, annual rate",
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
  {
    name: "aiCapex",
    type: "float",
    unit: "USD bn per year",
    description: "AI-chain capital expenditure (data centres and GPUs ordered), annual rate",
  },
  {
    name: "aiEndUserRevenue",
    type: "float",
    unit: "USD bn per year",
    description: "Chain revenue paid by end users (households, non-AI firms, government), annual rate",
  },
  {
    name: "circularRevenueShare",
    type: "float",
    unit: "decimal",
    description:
      "Share of chain revenue traced back to equity or vendor loans injected by other chain firms (by firm: <firm>_circularRevenueShare)",
  },
  {
    name: "debtFundedRevenueShare",
    type: "float",
    unit: "decimal",
    description: "Share of chain revenue traced back to borrowed money",
  },
  {
    name: "marketCapTotal",
    type: "float",
    unit: "USD bn",
    description: "Market value of the non-AI sector plus all AI-chain firms",
  },
  {
    name: "marketCapAiChain",
    type: "float",
    unit: "USD bn",
    description: "Market value of the AI-chain firms",
  },
  {
    name: "cdsIndexAiChainBp",
    type: "float",
    unit: "bp",
    description:
      "Average 5-year CDS spread of the chain's firms, equally weighted (as CDX indices are) over constituents fixed between the March and September rolls: a defaulted or liquidated firm at its last quote, a liquidated one leaving at the next roll",
  },
  {
    name: "privateCreditExposure",
    type: "float",
    unit: "USD bn",
    description: "Bonds and private loans of the chain held by the non-bank fund",
  },
  { name: "bankExposureToAiChain", type: "float", unit: "USD bn", description: "Bank loans to the chain" },
  // The private-credit fund's book and flows (issue 18 item 4, agents/fund.ts).
  {
    name: "fundCash",
    type: "float",
    unit: "USD bn",
    description: "The non-bank fund's cash: what it can lend and invest, and pay redemptions from",
  },
  {
    name: "fundNav",
    type: "float",
    unit: "USD bn",
    description: "The non-bank fund's net asset value: cash, chain debt and chain shares, marked to market",
  },
  {
    name: "fundNetFlow",
    type: "float",
    unit: "USD bn per month",
    description: "Households' net subscriptions to the non-bank fund this month (negative: redemptions)",
  },
  {
    name: "aiComputeGw",
    type: "float",
    unit: "GW",
    description: "Data-centre capacity in service and powered at the chain's clouds (what earns revenue)",
  },
  { name: "aiServicePrice", type: "float", unit: "index, start = 1", description: "Price of AI services" },
  {
    name: "aiAdoption",
    type: "float",
    unit: "decimal",
    description: "Share of potential end-user AI demand adopted",
  },
  {
    name: "chainDefaults",
    type: "int",
    unit: "firms per month",
    description: "AI-chain firms in default this month",
  },
  {
    name: "debtRankAiChain",
    type: "float",
    unit: "decimal",
    description: "DebtRank of this month's equity losses through the chain's stakes and contracts",
  },
  {
    name: "aiCapabilityIndex",
    type: "float",
    unit: "index, start = 1",
    description:
      "AI capability: (compute in service / compute at the chain's start)^automation.capabilityElasticity; 0 without automation",
  },
  {
    name: "automatedTaskShare",
    type: "float",
    unit: "decimal",
    description: "Share of non-AI firms' tasks done by AI services (weighted by the firms' output)",
  },
  {
    name: "displacedByAutomation",
    type: "float",
    unit: "millions per month",
    description: "Workers laid off because their tasks were automated this month, at US scale",
  },
  {
    name: "displacedUnemployed",
    type: "float",
    unit: "millions",
    description: "Unemployed whose spell began with an automation layoff, at US scale",
  },
  {
    name: "laborShare",
    type: "float",
    unit: "decimal",
    description: "Wages paid by non-AI firms / their nominal output",
  },
  {
    name: "spellMonthsDisplaced",
    type: "float",
    unit: "months",
    description:
      "Mean length of the unemployment spells ended by a hire in the last 12 months, workers displaced by automation (0 if none)",
  },
  {
    name: "spellMonthsOther",
    type: "float",
    unit: "months",
    description:
      "Mean length of the unemployment spells ended by a hire in the last 12 months, other workers (0 if none)",
  },
  ...[1, 2, 3, 4, 5].map((q) => ({
    name: `incomeShareQ${q}`,
    type: "float" as const,
    unit: "decimal",
    description: `Share of household disposable income received by the ${["poorest", "second", "middle", "fourth", "richest"][q - 1]} fifth of households (by income, from a histogram)`,
  })),
  {
    name: "gridCapacityGw",
    type: "float",
    unit: "GW",
    description:
      "Deliverable grid capacity in service (firm capacity net of the reliability reserve); 0 when the grid is inert",
  },
  {
    name: "baseLoadGw",
    type: "float",
    unit: "GW",
    description: "Peak-coincident load of households, non-AI firms and other data centres",
  },
  {
    name: "dataCentreDemandGw",
    type: "float",
    unit: "GW",
    description:
      "Power demand of the chain's built data centres (capacity in service at live clouds, powered or not)",
  },
  {
    name: "dataCentrePoweredGw",
    type: "float",
    unit: "GW",
    description: "Data-centre capacity that runs: grid allocation plus on-site generation",
  },
  {
    name: "strandedCapex",
    type: "float",
    unit: "USD bn",
    description: "Book value of built data-centre capacity without power (depreciating without revenue)",
  },
  {
    name: "electricityPrice",
    type: "float",
    unit: "USD/MWh",
    description: "Wholesale electricity price, nominal (convex in grid utilisation)",
  },
  {
    name: "electricityCpi",
    type: "float",
    unit: "index, start = 1",
    description:
      "Retail electricity price index (its weight in priceIndex is power.householdElectricityShare)",
  },
  {
    name: "gridInvestment",
    type: "float",
    unit: "USD bn per year",
    description: "Utility's grid investment paid, annual rate",
  },
  {
    name: "gridPublicFunding",
    type: "float",
    unit: "USD bn per year",
    description: "Part of grid investment paid by the government (power.publicBuildoutShare), annual rate",
  },
  ...SECTOR_NAMES.map((s) => ({
    name: `nfw_${s}`,
    type: "float" as const,
    unit: "USD bn",
    description: `Net financial wealth of ${s} (the nfw_ columns sum to zero)`,
  })),
];

const COL = Object.fromEntries(SERIES_COLUMNS.map((c, i) => [c.name, i])) as Record<string, number>;

/** Per-firm chain columns, each named `<firm>_<suffix>`. */
export const CHAIN_FIRM_COLUMNS: readonly {
  suffix: string;
  unit: string;
  description: string;
  type: "float" | "int";
}[] = [
  { suffix: "revenue", unit: "USD bn per year", description: "revenue (AI), annual rate", type: "float" },
  { suffix: "capex", unit: "USD bn per year", description: "capacity ordered, annual rate", type: "float" },
  { suffix: "debt", unit: "USD bn", description: "bank loans, bonds and private credit", type: "float" },
  { suffix: "cash", unit: "USD bn", description: "deposits", type: "float" },
  { suffix: "sharePrice", unit: "index, start = 1", description: "share price", type: "float" },
  { suffix: "marketCap", unit: "USD bn", description: "market value of equity", type: "float" },
  { suffix: "cdsBp", unit: "bp", description: "5-year CDS spread", type: "float" },
  {
    suffix: "pd",
    unit: "decimal per year",
    description: "default probability (distance to default)",
    type: "float",
  },
  { suffix: "defaulted", unit: "0/1", description: "1 in a month of default", type: "int" },
  // Circular financing and upstream exposures (agents/aiChain/circular.ts).
  {
    suffix: "circularRevenueShare",
    unit: "decimal",
    description: "share of its revenue traced back to equity or vendor loans from other chain firms",
    type: "float",
  },
  {
    suffix: "vendorLoans",
    unit: "USD bn",
    description: "vendor loans it has made to customers (receivables; an asset)",
    type: "float",
  },
  {
    suffix: "vendorDebt",
    unit: "USD bn",
    description: "what it owes its vendors on vendor loans (a liability, beside debt)",
    type: "float",
  },
  {
    suffix: "stakesValue",
    unit: "USD bn",
    description: "market value of its stakes in other chain firms",
    type: "float",
  },
  {
    suffix: "guarantees",
    unit: "USD bn",
    description: "remaining limits of the backstops it has written",
    type: "float",
  },
  {
    suffix: "backlog",
    unit: "USD bn",
    description: "remaining value of its contracts as seller (supply commitments)",
    type: "float",
  },
  {
    suffix: "exposureLosses",
    unit: "USD bn",
    description:
      "credit losses on customers that defaulted so far in the run: vendor loans written down, guarantees paid",
    type: "float",
  },
];

/** Non-AI firms' output (real and at their prices), loans, and loan-weighted rates and default probabilities. */
export interface FirmCreditTotals {
  realOutput: number;
  nominalOutput: number;
  loans: number;
  rateWeighted: number;
  pdWeighted: number;
}

/** Sums over the non-AI firms, in index order. */
export function firmCreditTotals(
  f: Pick<Firms, "n" | "output" | "price" | "loans" | "loanRateYearly" | "pdYearly">,
): FirmCreditTotals {
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
  return { realOutput, nominalOutput, loans, rateWeighted, pdWeighted };
}

/** The AI chain's debt to banks and to the fund. */
export function chainCredit(c: Pick<AiChain, "n" | "bankLoans" | "fundLoans">): number {
  let credit = 0;
  for (let i = 0; i < c.n; i++) credit += c.bankLoans[i] + c.fundLoans[i];
  return credit;
}

/** Banks' CET1 net of foreseeable dividends (Basel III ¶53) and their risk-weighted assets. */
export function bankCapital(
  b: Pick<Banks, "n" | "equity" | "dividendDue" | "loans" | "bills" | "reserves">,
  weights: RiskWeights,
): { equity: number; riskWeighted: number } {
  let equity = 0;
  let riskWeighted = 0;
  for (let k = 0; k < b.n; k++) {
    equity += b.equity[k] - b.dividendDue[k];
    riskWeighted += riskWeightedAssets(weights, b.loans[k], b.bills[k], b.reserves[k]);
  }
  return { equity, riskWeighted };
}

/** The public deficit this month: spending (with the utility's public grant) less taxes and the central bank's remittance. */
export function governmentDeficit(gov: Government, utilityGrant: number): number {
  return (
    gov.purchases +
    gov.benefits +
    gov.retraining +
    gov.interest +
    gov.recapitalisation +
    gov.fiscalSupport +
    utilityGrant -
    gov.taxes -
    gov.remittance
  );
}

/** The series columns of a run: the core ones, then per-firm chain columns when the chain is on. */
export function seriesColumnsFor(config: SpiralConfig): SeriesColumn[] {
  const cols = [...SERIES_COLUMNS];
  if (config.aiChain.enabled) {
    for (const f of config.aiChain.firms) {
      for (const c of CHAIN_FIRM_COLUMNS) {
        cols.push({
          name: `${f.name}_${c.suffix}`,
          type: c.type,
          unit: c.unit,
          description: `${f.name}: ${c.description}`,
        });
      }
    }
  }
  return cols;
}

/** Calendar month of a tick, "YYYY-MM". */
export function dateOfTick(startDate: string, tick: number): string {
  return monthOfIndex(monthIndex(startDate) + tick - 1);
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
  readonly row: (number | string)[];
  readonly columns: readonly SeriesColumn[];
  private readonly lastPrice: Float64Array;
  private readonly returns: Float64Array;
  /** Unemployment spells ended by a hire, per tick: [2t] others, [2t + 1] displaced by automation. */
  private readonly spellMonths: Float64Array;
  private readonly spellCount: Float64Array;
  private readonly quintiles = new Float64Array(5);
  private readonly accounts = emptyAccounts();
  /** Chain-linked real GDP (nationalAccounts.ts chainRealGdp): its level and last month's value added and prices. */
  private readonly chainedReal = emptyChainedRealGdp();

  constructor(ticks: number, config?: SpiralConfig) {
    this.columns = config ? seriesColumnsFor(config) : SERIES_COLUMNS;
    this.row = new Array(this.columns.length).fill(0);
    const firms = config?.aiChain.enabled ? config.aiChain.firms.length : 0;
    this.lastPrice = new Float64Array(firms).fill(1);
    this.returns = new Float64Array(firms);
    const n = ticks + 1;
    this.gdp = new Float64Array(n);
    this.credit = new Float64Array(n);
    this.equity = new Float64Array(n);
    this.investment = new Float64Array(n);
    this.spread = new Float64Array(n);
    this.defaults = new Float64Array(n);
    this.spellMonths = new Float64Array(2 * n);
    this.spellCount = new Float64Array(2 * n);
  }

  /** Fill `row` for the tick just completed and push crisis start/end events. */
  measure(m: ModelState, events: ModelEvent[]): (number | string)[] {
    const t = m.tick;
    const toBn = 1 / m.params.scale / 1e9;
    const toMillions = 1 / m.params.scale / 1e6;
    const credit = firmCreditTotals(m.firms);
    const capital = bankCapital(m.banks, m.config.banks.riskWeights);
    const gov = m.government;
    const loans = credit.loans;
    const avgLoanRate = loans > 0 ? credit.rateWeighted / loans : m.centralBank.policyRateYearly;
    const r = this.row;
    r[COL.tick] = t;
    r[COL.date] = dateOfTick(m.config.startDate, t);
    this.measureAccounts(m, toBn);
    this.measureMacro(m, toBn, toMillions);
    r[COL.policyRate] = m.centralBank.policyRateYearly;
    r[COL.avgLoanRate] = avgLoanRate;
    r[COL.avgDefaultProbability] = loans > 0 ? credit.pdWeighted / loans : 0;
    r[COL.creditToFirms] = loans * toBn;
    r[COL.bankCapitalRatio] = capital.riskWeighted > 0 ? capital.equity / capital.riskWeighted : 0;
    r[COL.equityMarketCap] = m.macro.equityTotal * toBn;
    r[COL.firmDefaults] = m.macro.firmDefaults;
    r[COL.firmExits] = m.macro.firmExits;
    r[COL.bankFailures] = m.macro.bankFailures;
    r[COL.govDeficit] = governmentDeficit(gov, m.utility.publicGrant) * 12 * toBn;
    r[COL.govDebt] = gov.bills * toBn;
    r[COL.grossFinancialAssets] = m.ledger.grossFinancialAssets * toBn;
    for (let s = 0; s < SECTOR_COUNT; s++) r[COL[`nfw_${SECTOR_NAMES[s]}`]] = m.ledger.nfw[s] * toBn;
    this.measureGrid(m.utility, m.params.scale, toBn);
    this.measureChain(m, toBn);
    this.measureAutomation(m, t, credit.nominalOutput, toMillions);

    // History for phases and crises. Credit in the phase label covers the chain's debt too.
    this.gdp[t] = credit.realOutput;
    this.credit[t] = loans + chainCredit(m.aiChain);
    this.equity[t] = m.macro.equityTotal + m.aiChain.marketCapTotal;
    this.investment[t] =
      m.macro.investmentReal + m.aiChain.capex.reduce((a, b) => a + b, 0) / m.macro.priceIndex;
    this.spread[t] = avgLoanRate - m.centralBank.policyRateYearly;
    this.defaults[t] = m.macro.firmDefaults;
    r[COL.phase] = this.phase(m, t);
    r[COL.crisis] = this.crisis(m, t, events) ? 1 : 0;
    return r;
  }

  /** The national accounts (nationalAccounts.ts) at annual rates, USD bn. */
  private measureAccounts(m: ModelState, toBn: number): void {
    const r = this.row;
    const na = measureNationalAccounts(m, this.accounts);
    const yearBn = 12 * toBn;
    r[COL.gdpReal] = chainRealGdp(this.chainedReal, na) * yearBn;
    r[COL.gdpNominal] = na.gdpExpenditure * yearBn;
    r[COL.consumptionNominal] = na.consumption * yearBn;
    r[COL.investmentNominal] = na.investment * yearBn;
    r[COL.governmentNominal] = na.government * yearBn;
    r[COL.inventoryChangeNominal] = na.inventoryChange * yearBn;
    r[COL.netExportsNominal] = na.netExports * yearBn;
    r[COL.valueAddedNonAi] = na.valueAddedFirms * yearBn;
    r[COL.valueAddedAiChain] = na.valueAddedAiChain * yearBn;
    r[COL.valueAddedUtility] = na.valueAddedUtility * yearBn;
  }

  /** Prices, the labour market and real demand from the macro record. */
  private measureMacro(m: ModelState, toBn: number, toMillions: number): void {
    const r = this.row;
    const macro = m.macro;
    r[COL.inflationYoY] = macro.inflationYoY;
    r[COL.priceIndex] = macro.priceIndex;
    r[COL.unemploymentRate] = macro.unemploymentRate;
    r[COL.employment] = macro.employment * toMillions;
    r[COL.vacancies] = macro.vacancies * toMillions;
    r[COL.wageIndex] = macro.employment > 0 ? macro.wagesPaid / macro.employment : 0;
    r[COL.consumptionReal] = macro.consumptionReal * 12 * toBn;
    r[COL.investmentReal] = macro.investmentReal * 12 * toBn;
    r[COL.governmentReal] = macro.governmentReal * 12 * toBn;
    r[COL.unmetDemand] = macro.unmetDemand * 12 * toBn;
  }

  /** The grid: capacity and loads in GW at real-US scale, stranded capex, prices, investment. */
  private measureGrid(u: Utility, scale: number, toBn: number): void {
    const r = this.row;
    const toGw = 1 / scale;
    r[COL.gridCapacityGw] = u.capacityGw * toGw;
    r[COL.baseLoadGw] = u.baseLoadGw * toGw;
    r[COL.dataCentreDemandGw] = u.dataCentreDemandGw * toGw;
    r[COL.dataCentrePoweredGw] = (u.dataCentreGridGw + u.onsiteGw) * toGw;
    r[COL.strandedCapex] = u.strandedCapex * toBn;
    r[COL.electricityPrice] = u.price;
    r[COL.electricityCpi] = u.electricityCpi;
    r[COL.gridInvestment] = u.capexPaid * 12 * toBn;
    r[COL.gridPublicFunding] = u.publicGrant * 12 * toBn;
  }

  /** Automation, the labour share, unemployment spells by kind and income quintiles. */
  private measureAutomation(m: ModelState, t: number, nominalOutput: number, toMillions: number): void {
    const r = this.row;
    const f = m.firms;
    const a = m.automation;
    let tasks = 0;
    let automated = 0;
    for (let j = 0; j < f.n; j++) {
      const prodL =
        (j < f.nConsumption ? m.params.prodLabourConsumption : m.params.prodLabourCapital) *
        f.productivity[j];
      const x = f.output[j] / prodL;
      tasks += x;
      automated += x * f.automatedShare[j];
    }
    r[COL.aiCapabilityIndex] = m.config.automation.enabled && m.aiChain.n > 0 ? a.capabilityIndex : 0;
    r[COL.automatedTaskShare] = tasks > 0 ? automated / tasks : 0;
    r[COL.displacedByAutomation] = a.layoffs * toMillions;
    r[COL.displacedUnemployed] = a.displacedUnemployed * toMillions;
    r[COL.laborShare] = nominalOutput > 0 ? m.macro.wagesPaid / nominalOutput : 0;
    this.spellMonths[2 * t] = a.spellMonths[0];
    this.spellMonths[2 * t + 1] = a.spellMonths[1];
    this.spellCount[2 * t] = a.spellCount[0];
    this.spellCount[2 * t + 1] = a.spellCount[1];
    for (let kind = 0; kind < 2; kind++) {
      let months = 0;
      let count = 0;
      for (let k = Math.max(1, t - 11); k <= t; k++) {
        months += this.spellMonths[2 * k + kind];
        count += this.spellCount[2 * k + kind];
      }
      r[kind === 1 ? COL.spellMonthsDisplaced : COL.spellMonthsOther] = count > 0 ? months / count : 0;
    }
    incomeQuintileShares(a.incomeCounts, a.incomeSums, this.quintiles);
    for (let q = 0; q < 5; q++) r[COL[`incomeShareQ${q + 1}`]] = this.quintiles[q];
  }

  /** Chain totals, attribution shares and the per-firm columns. */
  private measureChain(m: ModelState, toBn: number): void {
    const r = this.row;
    const c = m.aiChain;
    let capex = 0;
    let endUser = 0;
    let revenue = 0;
    let circular = 0;
    let debtFunded = 0;
    let cap = 0;
    let bankDebt = 0;
    let fundDebt = 0;
    for (let i = 0; i < c.n; i++) {
      capex += c.capex[i];
      endUser += c.endUserRevenue[i];
      revenue += c.revenue[i];
      circular += c.revenueBySource[i * SOURCE_COUNT + Source.chainEquity];
      debtFunded += c.revenueBySource[i * SOURCE_COUNT + Source.debt];
      cap += c.shares[i] * c.price[i];
      bankDebt += c.bankLoans[i];
      fundDebt += c.fundLoans[i];
      if (i < this.lastPrice.length) {
        this.returns[i] = this.lastPrice[i] > 0 ? c.price[i] / this.lastPrice[i] - 1 : 0;
        this.lastPrice[i] = c.price[i];
      }
    }
    r[COL.aiCapex] = capex * 12 * toBn;
    r[COL.aiEndUserRevenue] = endUser * 12 * toBn;
    r[COL.circularRevenueShare] = revenue > 0 ? circular / revenue : 0;
    r[COL.debtFundedRevenueShare] = revenue > 0 ? debtFunded / revenue : 0;
    r[COL.marketCapAiChain] = cap * toBn;
    r[COL.marketCapTotal] = (cap + m.macro.equityTotal) * toBn;
    // Constituents fixed between rolls, equally weighted; defaulted and liquidated names at their last quote.
    r[COL.cdsIndexAiChainBp] = cdsIndexBp(c.cdsBp, c.indexMember, c.n);
    r[COL.privateCreditExposure] = fundDebt * toBn;
    r[COL.bankExposureToAiChain] = bankDebt * toBn;
    r[COL.fundCash] = m.fund.deposits * toBn;
    r[COL.fundNav] = m.fund.nav * toBn;
    r[COL.fundNetFlow] = m.fund.netFlow * toBn;
    r[COL.aiComputeGw] = liveCapacity(m) / m.params.scale;
    r[COL.aiServicePrice] = c.n > 0 ? c.servicePrice : 0;
    r[COL.aiAdoption] = c.n > 0 ? c.adoption : 0;
    r[COL.chainDefaults] = m.macro.chainDefaults;
    const tracked = this.lastPrice.length === c.n;
    r[COL.debtRankAiChain] = c.n > 0 && tracked ? chainDebtRank(m.aiChain, this.returns) : 0;
    if (!tracked || this.columns.length === SERIES_COLUMNS.length) return;
    let k = SERIES_COLUMNS.length;
    for (let i = 0; i < c.n; i++) {
      r[k++] = c.revenue[i] * 12 * toBn;
      r[k++] = c.capex[i] * 12 * toBn;
      r[k++] = (c.bankLoans[i] + c.fundLoans[i]) * toBn;
      r[k++] = c.deposits[i] * toBn;
      r[k++] = c.price[i];
      r[k++] = c.shares[i] * c.price[i] * toBn;
      r[k++] = c.cdsBp[i];
      r[k++] = c.pdYearly[i];
      r[k++] = c.defaulted[i];
      r[k++] = c.revenue[i] > 0 ? c.revenueBySource[i * SOURCE_COUNT + Source.chainEquity] / c.revenue[i] : 0;
      r[k++] = vendorLoansOf(c, i) * toBn;
      r[k++] = vendorDebtOf(c, i) * toBn;
      r[k++] = stakesValueOf(c, i) * toBn;
      r[k++] = guaranteesOf(c, m.tick, i) * toBn;
      r[k++] = backlog(c, i) * toBn;
      r[k++] = c.exposureLosses[i] * toBn;
    }
  }

  /** Mean of a history array over the 3 ticks ending at t (smooths monthly noise). */
  private mean3(a: Float64Array, t: number): number {
    return meanOver(a, t, 3);
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
      let eqPeak = 0;
      for (let k = t - 12; k <= t; k++) eqPeak = Math.max(eqPeak, this.equity[k]);
      if (outputDropped(this.gdp, t, c.crisisGdpMonths, c.crisisGdpDrop)) reasons.push("outputDrop");
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

/** Mean of a history array (index = tick) over the `months` ticks ending at t, from tick 1 at the earliest. */
export function meanOver(a: Float64Array, t: number, months: number): number {
  const lo = Math.max(1, t - months + 1);
  let s = 0;
  for (let k = lo; k <= t; k++) s += a[k];
  return s / (t - lo + 1);
}

/**
 * The crisis flag's output-drop test at tick t (t ≥ 13): real output's mean over `months` ticks is more than
 * `drop` below the peak of that mean over the 12 ticks before and t itself. The moving mean
 * (metrics.crisisGdpMonths, 3 by default) filters the month-to-month noise of a finite population's output,
 * which a drawdown threshold turns into a dependence on its size (configs/schema.json).
 */
export function outputDropped(gdp: Float64Array, t: number, months: number, drop: number): boolean {
  let peak = 0;
  for (let k = t - 12; k <= t; k++) peak = Math.max(peak, meanOver(gdp, k, months));
  return meanOver(gdp, t, months) < (1 - drop) * peak;
}
