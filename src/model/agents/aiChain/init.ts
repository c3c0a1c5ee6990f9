// Initial state of the AI chain and of the non-bank investor fund, from the
// config's firms, contracts, stakes and backstops (docs/calibration.md §1–4, §6).
// Money converts from USD bn at US scale to model dollars by × 1e9 × scale;
// capacity from GW by × scale. Every firm starts at a share price of 1, so
// its shares outstanding equal its market value.
import { chainEventTick, chainStartTick, tickOfMonth } from "../../../config/calendar.ts";
import type { SpiralConfig } from "../../../config/configTypes.ts";
import { InputError } from "../../../errors.ts";
import { openChainBalanceSheet, openChainStake } from "../../ledger.ts";
import { createEquityMarket, initEquityAsset } from "../../markets/equityMarket.ts";
import type { AiChain, Fund } from "../../state.ts";
import { ChainAccount, END_USER_SEGMENTS, ROLE_NAMES, Role, SOURCE_COUNT, Source } from "../../state.ts";
import { borrowingBase, DEBT_HORIZON_MONTHS, layMaturities } from "./credit.ts";

/** Contract slots beyond the configured ones, for contracts signed during a run. */
export const NEW_CONTRACT_SLOTS = 64;

/** Backstop slots beyond the configured ones, for backstops the deal rule writes during a run (circular.ts; expired slots are reused). */
export const NEW_BACKSTOP_SLOTS = 32;

const f64 = (n: number) => new Float64Array(n);

/** Build the chain (empty when aiChain.enabled is false). */
export function createAiChain(config: SpiralConfig, scale: number, bankCount: number): AiChain {
  const ai = config.aiChain;
  const firms = ai.enabled ? ai.firms : [];
  const usd = (bn: number) => bn * 1e9 * scale;
  const lookup = firmLookup(firms.map((f) => f.name));
  const contracts = ai.enabled ? ai.computeContracts : [];
  const stakes = ai.enabled ? ai.equityStakes : [];
  const backstops = ai.enabled ? ai.backstops : [];
  const c = allocateChain(
    config,
    firms.map((f) => f.name),
    contracts.length,
    stakes.length,
    backstops.length,
  );
  for (let i = 0; i < c.n; i++) openFirm(c, i, firms[i], ai, scale, bankCount);
  c.contractBuyer.fill(-1);
  c.contractSeller.fill(-1);
  for (let j = 0; j < contracts.length; j++) openContract(c, j, contracts[j], lookup, config, usd);
  capSecuredDebtAtBase(c, ai.finance.securedHaircut);
  for (let j = 0; j < stakes.length; j++) openStakeDeal(c, j, stakes[j], lookup, config, scale);
  backstops.forEach((b, j) => {
    c.backstopGuarantor[j] = lookup(b.guarantor, `aiChain.backstops[${j}].guarantor`);
    c.backstopBeneficiary[j] = lookup(b.beneficiary, `aiChain.backstops[${j}].beneficiary`);
    c.backstopRemaining[j] = usd(b.limitUsdBn);
    c.backstopUntil[j] = tickOfMonth(config.startDate, b.until);
  });
  calibrateEndUserDemand(
    c,
    firms.map((f) => usd(f.revenueUsdBnYearly) / 12),
  );
  // End users' past year, grown as the chain's revenue is assumed to have (expectations.initialGrowthYearly).
  seedRevenueHistory(
    c.endUserHistory,
    0,
    c.chainStartTick,
    c.endUserAtStart,
    ai.expectations.initialGrowthYearly,
  );
  checkStakesWithinShares(c);
  return c;
}

type ChainConfig = SpiralConfig["aiChain"];
type FirmConfig = ChainConfig["firms"][number];
type Lookup = (name: string, where: string) => number;

/** Index of a firm by name; an unknown name is an input error naming the config path (two firms may not share a name). */
export function firmLookup(names: readonly string[]): Lookup {
  const index = new Map(names.map((name, i) => [name, i]));
  if (index.size !== names.length)
    throw new InputError("aiChain.firms: two firms share a name", undefined, "aiChain.firms");
  return (name, where) => {
    const i = index.get(name);
    if (i === undefined) {
      throw new InputError(
        `${where}: no AI-chain firm is named "${name}" (firms: ${names.join(", ")})`,
        undefined,
        where,
      );
    }
    return i;
  };
}

/** How many of the configured firms sell compute to labs (hyperscalers, neoclouds, legacy clouds). */
function cloudCount(config: SpiralConfig): number {
  if (!config.aiChain.enabled) return 0;
  return config.aiChain.firms.filter(
    (f) => f.role === "hyperscaler" || f.role === "neocloud" || f.role === "legacyCloud",
  ).length;
}

/** Every column of the chain, zeroed or at its neutral start (prices 1, no rate priced yet), with room for new contracts and backstops. */
function allocateChain(
  config: SpiralConfig,
  names: string[],
  contractCount: number,
  stakeCount: number,
  backstopCount: number,
): AiChain {
  const ai = config.aiChain;
  const n = names.length;
  // Room for the contracts labs sign during the run (expired slots are reused); split between
  // clouds (aiChain.expectations.contractSourcing "byCapacity"), a signing takes a slot per cloud.
  const sellers = ai.expectations.contractSourcing === "byCapacity" ? Math.max(1, cloudCount(config)) : 1;
  const nc = contractCount + NEW_CONTRACT_SLOTS * sellers;
  const nb = backstopCount + (ai.enabled ? NEW_BACKSTOP_SLOTS : 0);
  return {
    ...balanceColumns(n, names),
    ...operatingColumns(n, ai),
    ...creditAndDealColumns(n, nc, stakeCount, nb, chainStartTick(config)),
    ...marketColumns(n, nb),
  };
}

/** Identity, bank and balance sheet: deposits, debt, shares, prices, cross-holdings. */
function balanceColumns(
  n: number,
  names: string[],
): Pick<
  AiChain,
  | "n"
  | "names"
  | "role"
  | "bank"
  | "deposits"
  | "bankLoans"
  | "fundLoans"
  | "bankRateYearly"
  | "fundRateYearly"
  | "fundFloatingShare"
  | "fundFloatingMargin"
  | "debtSpread"
  | "shares"
  | "price"
  | "stakes"
> {
  return {
    n,
    names,
    role: new Uint8Array(n),
    bank: new Uint16Array(n),
    deposits: f64(n),
    bankLoans: f64(n),
    fundLoans: f64(n),
    bankRateYearly: f64(n),
    fundRateYearly: new Float64Array(n).fill(-1), // the bond book's fixed coupon, set when first priced
    fundFloatingShare: f64(n), // set with the fixed coupon when first priced
    fundFloatingMargin: f64(n),

    debtSpread: new Float64Array(n).fill(-1),
    shares: f64(n),
    price: f64(n).fill(1),
    stakes: f64(n * n),
  };
}

/** Capacity, the month's income statement, valuation and risk. */
function operatingColumns(
  n: number,
  ai: ChainConfig,
): Pick<
  AiChain,
  | "computeGw"
  | "serviceGw"
  | "pipelineGw"
  | "capexDue"
  | "capitalValue"
  | "otherProfit"
  | "labOpex"
  | "grossMargin"
  | "opexShare"
  | "revenue"
  | "endUserRevenue"
  | "chainRevenue"
  | "capex"
  | "interestPaid"
  | "computeCost"
  | "electricityPaid"
  | "profit"
  | "revenueHistory"
  | "expectedGrowth"
  | "fundamental"
  | "market"
  | "valuationScale"
  | "assetVolatility"
  | "pdYearly"
  | "cdsBp"
  | "indexMember"
> {
  return {
    computeGw: f64(n),
    serviceGw: f64(n),
    pipelineGw: f64(n * ai.buildMonths),
    capexDue: f64(n * ai.buildMonths),
    capitalValue: f64(n),
    otherProfit: f64(n),
    labOpex: f64(n),
    grossMargin: f64(n),
    opexShare: f64(n),
    revenue: f64(n),
    endUserRevenue: f64(n),
    chainRevenue: f64(n),
    capex: f64(n),
    interestPaid: f64(n),
    computeCost: f64(n),
    electricityPaid: f64(n),
    profit: f64(n),
    revenueHistory: f64(n * 13),
    expectedGrowth: f64(n).fill(ai.expectations.initialGrowthYearly),
    fundamental: f64(n),
    market: createEquityMarket(n),
    valuationScale: f64(n).fill(1),
    assetVolatility: f64(n),
    pdYearly: f64(n),
    cdsBp: f64(n),
    indexMember: new Uint8Array(n).fill(1),
    // Credit that can run (issue 18): maturity rings, secured debt, ratings; laid out below.
  };
}

/** Maturity rings, ratings, defaults, cash attribution, contracts, stake deals and backstops. */
function creditAndDealColumns(
  n: number,
  nc: number,
  ns: number,
  nb: number,
  startTick: number,
): Pick<
  AiChain,
  | "bankDue"
  | "fundDue"
  | "securedDebt"
  | "rating"
  | "forcedSpreadBp"
  | "gpuPriceReference"
  | "exited"
  | "revenueAtDefault"
  | "defaulted"
  | "defaultCount"
  | "lastDefaultTick"
  | "cashBySource"
  | "revenueBySource"
  | "contractBuyer"
  | "contractSeller"
  | "contractMonthly"
  | "contractVolume"
  | "contractMonthsLeft"
  | "contractStart"
  | "contractPenalty"
  | "contractAnnounced"
  | "computeIntensity"
  | "chainStartTick"
  | "policyRateBeforeStart"
  | "stakeInvestor"
  | "stakeInvestee"
  | "stakeRemaining"
  | "stakePerGw"
  | "stakeMonthly"
  | "stakeStart"
  | "backstopGuarantor"
  | "backstopBeneficiary"
  | "backstopRemaining"
  | "backstopUntil"
> {
  return {
    bankDue: f64(n * DEBT_HORIZON_MONTHS),
    fundDue: f64(n * DEBT_HORIZON_MONTHS),
    securedDebt: f64(n),
    rating: new Uint8Array(n),
    forcedSpreadBp: f64(n),
    gpuPriceReference: 1,
    exited: new Uint8Array(n),
    revenueAtDefault: f64(n),
    defaulted: new Uint8Array(n),
    defaultCount: new Uint16Array(n),
    lastDefaultTick: new Int32Array(n).fill(-1_000_000),
    cashBySource: f64(n * SOURCE_COUNT),
    revenueBySource: f64(n * SOURCE_COUNT),
    contractBuyer: new Int32Array(nc),
    contractSeller: new Int32Array(nc),
    contractMonthly: f64(nc),
    contractVolume: f64(nc),
    contractMonthsLeft: new Int32Array(nc),
    contractStart: new Int32Array(nc),
    contractPenalty: f64(nc),
    contractAnnounced: f64(nc),
    computeIntensity: new Float64Array(n).fill(-1),
    chainStartTick: startTick,
    policyRateBeforeStart: -1, // schedule.ts step records it as the chain's first month begins
    stakeInvestor: new Int32Array(ns),
    stakeInvestee: new Int32Array(ns),
    stakeRemaining: f64(ns),
    stakePerGw: f64(ns),
    stakeMonthly: f64(ns),
    stakeStart: new Int32Array(ns),
    backstopGuarantor: new Int32Array(nb).fill(-1),
    backstopBeneficiary: new Int32Array(nb).fill(-1),
    backstopRemaining: f64(nb),
    backstopUntil: new Int32Array(nb).fill(-1),
  };
}

/** End-user demand, obligations, market stress, short book and circular financing (set when the chain starts). */
function marketColumns(
  n: number,
  nb: number,
): Pick<
  AiChain,
  | "servicePrice"
  | "servicesPerGw"
  | "adoption"
  | "endUserAtStart"
  | "endUserBase"
  | "initialCapacityGw"
  | "endUserSpending"
  | "endUserHistory"
  | "householdAiShare"
  | "obligations"
  | "scratchN"
  | "scratchN2"
  | "marketStress"
  | "ordersEquityReference"
  | "marketPeak"
  | "marketCapTotal"
  | "stakesValue"
  | "accounts"
  | "adoptionBySegment"
  | "endUserBySegment"
  | "budgetFast"
  | "budgetSlow"
  | "growthExpectation"
  | "growthAnchor"
  | "growthStoryAgeMonths"
  | "equityRiskPremium"
  | "volatilityAtStart"
  | "shortShares"
  | "shortCash"
  | "shortOrders"
  | "shortFeesPaid"
  | "vendorLoans"
  | "dealPriceAnchor"
  | "exposureLosses"
  | "backstopDecided"
> {
  return {
    servicePrice: 1,
    servicesPerGw: 1,
    adoption: 0,
    endUserAtStart: 0,
    endUserBase: f64(n),
    initialCapacityGw: 0,
    endUserSpending: 0,
    endUserHistory: f64(13),
    householdAiShare: 0,
    obligations: f64(n * n),
    scratchN: f64(n),
    scratchN2: f64(n),
    ...marketTotalsAtRest(),
    accounts: f64(ChainAccount.count),
    // Issue 18 items 1, 2, 6 (demand.ts, valuation.ts, shortSellers.ts): set when the chain starts.
    adoptionBySegment: f64(END_USER_SEGMENTS),
    endUserBySegment: f64(END_USER_SEGMENTS),
    budgetFast: f64(END_USER_SEGMENTS),
    budgetSlow: f64(END_USER_SEGMENTS),
    growthExpectation: f64(n),
    growthAnchor: f64(n),
    growthStoryAgeMonths: f64(n),
    equityRiskPremium: f64(n),
    volatilityAtStart: f64(n),
    shortShares: f64(n),
    shortCash: 0,
    shortOrders: f64(n),
    shortFeesPaid: 0,
    // Circular financing by decision (circular.ts): no vendor loans at the start; prices start at 1.
    vendorLoans: f64(n * n),
    dealPriceAnchor: f64(n).fill(1),
    exposureLosses: f64(n),
    backstopDecided: new Uint8Array(nb),
  };
}

/** Firm i from its config row: role, bank, opening balance sheet (through the ledger), capacity, costs, revenue history, risk and maturity walls. */
function openFirm(
  c: AiChain,
  i: number,
  fc: FirmConfig,
  ai: ChainConfig,
  scale: number,
  bankCount: number,
): void {
  const usd = (bn: number) => bn * 1e9 * scale;
  c.role[i] = ROLE_NAMES.indexOf(fc.role);
  c.bank[i] = fc.bank % bankCount;
  openChainBalanceSheet(
    c,
    i,
    usd(fc.cashUsdBn),
    usd(fc.bankDebtUsdBn),
    usd(fc.marketDebtUsdBn),
    usd(fc.marketCapUsdBn),
  );
  c.cashBySource[i * SOURCE_COUNT + Source.other] = c.deposits[i];
  c.computeGw[i] = fc.computeGw * scale;
  c.serviceGw[i] = c.computeGw[i];
  // Half-depreciated on average. (Model GW already carry the scale: × USD per GW, not × usd(), which would scale twice.)
  c.capitalValue[i] = c.computeGw[i] * ai.costPerGwUsdBn * 1e9 * 0.5;
  c.otherProfit[i] = usd(fc.otherProfitUsdBnYearly) / 12;
  c.labOpex[i] = usd(fc.labOpexUsdBnYearly) / 12;
  c.grossMargin[i] = fc.grossMargin;
  c.opexShare[i] = fc.opexShareOfRevenue;
  initEquityAsset(c.market, i, 1, 1, (fc.equityVolatility * fc.equityVolatility) / 12);
  const debt0 = fc.bankDebtUsdBn + fc.marketDebtUsdBn;
  c.assetVolatility[i] = (fc.equityVolatility * fc.marketCapUsdBn) / (fc.marketCapUsdBn + debt0);
  const monthlyRevenue = usd(fc.revenueUsdBnYearly) / 12;
  seedRevenueHistory(
    c.revenueHistory,
    i,
    c.chainStartTick,
    monthlyRevenue,
    ai.expectations.initialGrowthYearly,
  );
  c.revenue[i] = monthlyRevenue;
  c.fundamental[i] = c.shares[i];
  c.initialCapacityGw += c.computeGw[i];
  // Maturity walls of the initial debt (issue 18; configs/schema.json aiChain.firms[].debtDueFirstYearShare).
  const firstYear = fc.debtDueFirstYearShare;
  const longest = fc.debtLongestMaturityYears;
  const ring = i * DEBT_HORIZON_MONTHS;
  layMaturities(c.bankDue, ring, c.chainStartTick - 1, c.bankLoans[i], firstYear, longest);
  layMaturities(c.fundDue, ring, c.chainStartTick - 1, c.fundLoans[i], firstYear, longest);
  c.securedDebt[i] = fc.securedDebtShare * (c.bankLoans[i] + c.fundLoans[i]);
}

/** Configured compute contract j: buyer, seller, the realised monthly instalment, term, start and cancellation penalty. */
function openContract(
  c: AiChain,
  j: number,
  k: ChainConfig["computeContracts"][number],
  lookup: Lookup,
  config: SpiralConfig,
  usd: (bn: number) => number,
): void {
  c.contractBuyer[j] = lookup(k.buyer, `aiChain.computeContracts[${j}].buyer`);
  c.contractSeller[j] = lookup(k.seller, `aiChain.computeContracts[${j}].seller`);
  c.contractAnnounced[j] = usd(k.announcedUsdBn);
  c.contractMonthly[j] = (usd(k.announcedUsdBn) * k.realisedShare) / k.months;
  c.contractVolume[j] = c.contractMonthly[j];
  c.contractMonthsLeft[j] = k.months;
  c.contractStart[j] = chainEventTick(config, k.start);
  c.contractPenalty[j] = k.cancellationPenaltyShare;
}

/** Configured equity-stake deal j: the stake held at the start (through the ledger) and the tranches still to come. */
function openStakeDeal(
  c: AiChain,
  j: number,
  s: ChainConfig["equityStakes"][number],
  lookup: Lookup,
  config: SpiralConfig,
  scale: number,
): void {
  const usd = (bn: number) => bn * 1e9 * scale;
  const inv = lookup(s.investor, `aiChain.equityStakes[${j}].investor`);
  const tgt = lookup(s.investee, `aiChain.equityStakes[${j}].investee`);
  c.stakeInvestor[j] = inv;
  c.stakeInvestee[j] = tgt;
  openChainStake(c, inv, tgt, s.initialShare * c.shares[tgt]);
  c.stakeRemaining[j] = usd(s.announcedUsdBn) * s.realisedShare;
  c.stakePerGw[j] = usd(s.perGwUsdBn) / scale; // model dollars per model GW
  c.stakeMonthly[j] = c.stakeRemaining[j] / s.months;
  c.stakeStart[j] = chainEventTick(config, s.start);
}

/** The configured stakes in a firm may not add up to more than its shares outstanding (an input error naming the path). */
export function checkStakesWithinShares(c: Pick<AiChain, "n" | "names" | "stakes" | "shares">): void {
  const n = c.n;
  for (let j = 0; j < n; j++) {
    let held = 0;
    for (let i = 0; i < n; i++) held += c.stakes[i * n + j];
    if (held > c.shares[j] * (1 + 1e-12)) {
      throw new InputError(
        `aiChain.equityStakes: stakes in ${c.names[j]} add up to more than 100 %`,
        undefined,
        "aiChain.equityStakes",
      );
    }
  }
}

/**
 * The chain's first month reproduces its configured revenues (issue 16): a
 * lab's or cloud's revenue is its contract instalments plus what end users
 * pay it, so the part of its configured revenue that the contracts in force
 * at the chain's start do not cover is its end-user revenue then (its
 * customer base). Their sum is the end users' spending at the start
 * (demand.ts sets the adoption state from it).
 */
export function calibrateEndUserDemand(c: AiChain, configuredMonthly: readonly number[]): void {
  let total = 0;
  for (let i = 0; i < c.n; i++) {
    c.endUserBase[i] = 0;
    if (c.role[i] === Role.chip) continue;
    let contracted = 0;
    for (let k = 0; k < c.contractSeller.length; k++)
      if (c.contractSeller[k] === i && c.contractMonthsLeft[k] > 0 && c.contractStart[k] <= c.chainStartTick)
        contracted += c.contractMonthly[k];
    c.endUserBase[i] = Math.max(0, configuredMonthly[i] - contracted);
    total += c.endUserBase[i];
  }
  c.endUserAtStart = total;
}

/** The fund holds every chain share not held by another chain firm, and the chain's non-bank debt. */
export function createFund(chain: AiChain, cashModelUsd: number, bank: number): Fund {
  const n = chain.n;
  const sharesHeld = f64(n);
  let loans = 0;
  let equity = 0;
  for (let j = 0; j < n; j++) {
    let held = 0;
    for (let i = 0; i < n; i++) held += chain.stakes[i * n + j];
    sharesHeld[j] = chain.shares[j] - held;
    equity += sharesHeld[j] * chain.price[j];
    loans += chain.fundLoans[j];
  }
  return {
    bank,
    deposits: cashModelUsd,
    loans,
    sharesHeld,
    nav: cashModelUsd + loans + equity,
    distributionDue: 0,
    income: 0,
    creditIncome: 0,
    creditLosses: 0,
    excessReturnSmoothed: 0,
    netFlowDue: 0,
    netFlow: 0,
    redemptionWave: 0,
  };
}

/**
 * The 13-month revenue history of firm i before the chain starts: revenue
 * grew at `growthYearly` over the past year up to today's run rate, so the
 * month j months before the start earned monthlyRevenue / (1 + g)^(j/12).
 * The history is a ring indexed by tick mod 13 (accountChain writes month
 * t's revenue into slot t mod 13), so the slots are laid relative to the
 * start tick: the growth observed over the past year in the chain's first
 * months is the configured past growth, not an artefact of where the ring
 * happens to start.
 *
 * @example seedRevenueHistory(h, 0, 121, 100, 0.5) // h[(121 − 12) mod 13] = 100 / 1.5
 */
export function seedRevenueHistory(
  history: Float64Array,
  i: number,
  startTick: number,
  monthlyRevenue: number,
  growthYearly: number,
): void {
  for (let j = 0; j < 13; j++) {
    const slot = (((startTick - j) % 13) + 13) % 13;
    history[i * 13 + slot] = monthlyRevenue / (1 + growthYearly) ** (j / 12);
  }
}

/**
 * The secured part of a firm's initial debt is at most the borrowing base its
 * secured lenders count at the start (finance.ts): `haircut` off the book
 * value of its data centres and a year of its contracts in force as seller.
 * Secured debt configured above it (the legacy cloud's: the $38 bn Vantage
 * loan against data centres being built for contracts that start later,
 * docs/calibration.md §2) is counted as unsecured; otherwise the model's
 * lenders would call the excess in the chain's first month — $3.85 bn, 38 %
 * of the legacy cloud's cash — a margin call no lender made in late 2025.
 */
export function capSecuredDebtAtBase(c: AiChain, haircut: number): void {
  for (let i = 0; i < c.n; i++) {
    let contracted = 0;
    for (let k = 0; k < c.contractSeller.length; k++)
      if (c.contractSeller[k] === i && c.contractMonthsLeft[k] > 0 && c.contractStart[k] <= c.chainStartTick)
        contracted += c.contractMonthly[k];
    c.securedDebt[i] = Math.min(
      c.securedDebt[i],
      borrowingBase(c.capitalValue[i], 1, 12 * contracted, haircut),
    );
  }
}

/** The chain's market-wide scalars before it starts: stress, peak, the orders' reference, totals (all 0). */
function marketTotalsAtRest() {
  return { marketStress: 0, marketPeak: 0, ordersEquityReference: 0, marketCapTotal: 0, stakesValue: 0 };
}
