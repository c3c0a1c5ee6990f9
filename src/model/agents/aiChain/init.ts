// Initial state of the AI chain and of the non-bank investor fund, from the
// config's firms, contracts, stakes and backstops (docs/calibration.md §1–4, §6).
// Money converts from USD bn at US scale to model dollars by × 1e9 × scale;
// capacity from GW by × scale. Every firm starts at a share price of 1, so
// its shares outstanding equal its market value.
import { chainEventTick, chainStartTick, tickOfMonth } from "../../../config/calendar.ts";
import type { SpiralConfig } from "../../../config/configTypes.ts";
import { InputError } from "../../../errors.ts";
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
  const n = firms.length;
  const usd = (bn: number) => bn * 1e9 * scale;
  const names = firms.map((f) => f.name);
  const index = new Map(names.map((name, i) => [name, i]));
  if (index.size !== n)
    throw new InputError("aiChain.firms: two firms share a name", undefined, "aiChain.firms");
  const lookup = (name: string, where: string): number => {
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
  const contracts = ai.enabled ? ai.computeContracts : [];
  const stakes = ai.enabled ? ai.equityStakes : [];
  const backstops = ai.enabled ? ai.backstops : [];
  // Room for the contracts labs sign during the run (expired slots are reused).
  const nc = contracts.length + NEW_CONTRACT_SLOTS;
  const nb = backstops.length + (ai.enabled ? NEW_BACKSTOP_SLOTS : 0);
  const c: AiChain = {
    n,
    names,
    role: new Uint8Array(n),
    bank: new Uint16Array(n),
    deposits: f64(n),
    bankLoans: f64(n),
    fundLoans: f64(n),
    bankRateYearly: f64(n),
    fundRateYearly: new Float64Array(n).fill(-1), // the bond book's fixed coupon, set when first priced

    debtSpread: new Float64Array(n).fill(-1),
    shares: f64(n),
    price: f64(n).fill(1),
    stakes: f64(n * n),
    computeGw: f64(n),
    pipelineGw: f64(n * ai.buildMonths),
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
    chainStartTick: chainStartTick(config),
    stakeInvestor: new Int32Array(stakes.length),
    stakeInvestee: new Int32Array(stakes.length),
    stakeRemaining: f64(stakes.length),
    stakePerGw: f64(stakes.length),
    stakeMonthly: f64(stakes.length),
    stakeStart: new Int32Array(stakes.length),
    backstopGuarantor: new Int32Array(nb).fill(-1),
    backstopBeneficiary: new Int32Array(nb).fill(-1),
    backstopRemaining: f64(nb),
    backstopUntil: new Int32Array(nb).fill(-1),
    servicePrice: 1,
    adoption: 0,
    endUserAtStart: 0,
    endUserBase: f64(n),
    initialCapacityGw: 0,
    endUserSpending: 0,
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
  for (let i = 0; i < n; i++) {
    const fc = firms[i];
    c.role[i] = ROLE_NAMES.indexOf(fc.role);
    c.bank[i] = fc.bank % bankCount;
    c.deposits[i] = usd(fc.cashUsdBn);
    c.cashBySource[i * SOURCE_COUNT + Source.other] = c.deposits[i];
    c.bankLoans[i] = usd(fc.bankDebtUsdBn);
    c.fundLoans[i] = usd(fc.marketDebtUsdBn);
    c.shares[i] = usd(fc.marketCapUsdBn);
    c.computeGw[i] = fc.computeGw * scale;
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
  c.contractBuyer.fill(-1);
  c.contractSeller.fill(-1);
  contracts.forEach((k, j) => {
    c.contractBuyer[j] = lookup(k.buyer, `aiChain.computeContracts[${j}].buyer`);
    c.contractSeller[j] = lookup(k.seller, `aiChain.computeContracts[${j}].seller`);
    c.contractAnnounced[j] = usd(k.announcedUsdBn);
    c.contractMonthly[j] = (usd(k.announcedUsdBn) * k.realisedShare) / k.months;
    c.contractVolume[j] = c.contractMonthly[j];
    c.contractMonthsLeft[j] = k.months;
    c.contractStart[j] = chainEventTick(config, k.start);
    c.contractPenalty[j] = k.cancellationPenaltyShare;
  });
  capSecuredDebtAtBase(c, ai.finance.securedHaircut);
  stakes.forEach((s, j) => {
    const inv = lookup(s.investor, `aiChain.equityStakes[${j}].investor`);
    const tgt = lookup(s.investee, `aiChain.equityStakes[${j}].investee`);
    c.stakeInvestor[j] = inv;
    c.stakeInvestee[j] = tgt;
    c.stakes[inv * n + tgt] += s.initialShare * c.shares[tgt];
    c.stakeRemaining[j] = usd(s.announcedUsdBn) * s.realisedShare;
    c.stakePerGw[j] = usd(s.perGwUsdBn) / scale; // model dollars per model GW
    c.stakeMonthly[j] = c.stakeRemaining[j] / s.months;
    c.stakeStart[j] = chainEventTick(config, s.start);
  });
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
  for (let j = 0; j < n; j++) {
    let held = 0;
    for (let i = 0; i < n; i++) held += c.stakes[i * n + j];
    if (held > c.shares[j] * (1 + 1e-12)) {
      throw new InputError(
        `aiChain.equityStakes: stakes in ${names[j]} add up to more than 100 %`,
        undefined,
        "aiChain.equityStakes",
      );
    }
  }
  return c;
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
