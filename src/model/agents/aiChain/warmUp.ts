// The chain's 2025 flows at a stationary level during the core's warm-up
// (issue 18; docs/ODD.md §7.15, docs/scenarios.md "The start artefact").
//
// Before aiChain.start the chain's balance sheets stand still while the
// core warms up. Until stop 38 its flows stood still too, so everything the
// chain pays and earns switched on in its first month on an economy that
// had never carried it: platform fees of $590 bn a year (the hyperscalers'
// other businesses, aiChain.firms[].otherProfitUsdBnYearly, paid by non-AI
// firms), and the dividends and taxes paid out of them. Those flows ran
// before 2025 — the hyperscalers' ads, software and retail-cloud profits
// were paid out as dividends, buybacks and tax — so the warm-up economy
// now carries them at their 2025 real level:
//
// - the hyperscalers' other businesses earn `otherProfit` × the price index
//   as platform fees from non-AI firms (markets/goods.ts firmsBuyServices,
//   the same rule as after the start);
// - each firm replaces the capital that wears out
//   (capitalValue × (g / gpuLife + (1 − g) / buildingLife) × the price
//   index, g = gpuShareOfCost; settlement.ts enterAndDepreciate's rate),
//   at most its fees after tax: the GPU part from the first chip maker not
//   in default, which pays its cost of goods (the imported part abroad,
//   chipImportedShare, the rest to capital-goods firms), the building part
//   from capital-goods firms — so capital, capacity and book value stay at
//   their 2025 level;
// - profit (fees and GPU sales less the cost of goods and the capital
//   replaced) is taxed at government.profitTaxRate;
// - whatever the month added to a firm's cash is paid out as dividends to
//   its holders (the fund, which passes all of it on to households during
//   the warm-up, agents/fund.ts, and chain firms holding stakes);
// - the chain's shares are worth their 2025 values at the month's price
//   level (indexChainPrices; from the first month, model/init.ts), so the
//   chain is the same share of households' wealth all warm-up. Until stop
//   39 the shares stood at their 2025 dollar values from 2005-11 on, when
//   the price level is 0.49: households held $26.8 T of chain equity
//   through the fund in an economy half 2025's nominal size, so the
//   warm-up opened with a spending boom (unemployment ≈ 0–1 % and
//   inflation ≈ 8 % in its first two years, rates 13 %) whose swings had
//   not died out by 2025-11, and inflation then eroded that wealth for 20
//   years. Indexed, the opening boom is smaller but still there
//   (unemployment 1.4–2.6 % in the first three years on baseline-2025's
//   calendar, against 0–0.7 % in 2025 dollars and 3.7–4.3 % with the chain
//   off): households still start with the chain's ≈ $13 T, at the start's
//   price level, on top of the wealth the core's initial state is built
//   for (docs/scenarios.md, "On the stop 39 core").
//
// So each chain firm's cash, debt, capital and shares are the same every
// warm-up month, its value the same in real terms, and in 2025-11 only what
// differs from a stationary 2025 is new: end users' spending, the build-out's growth, operating costs,
// interest. End users' spending is left out of the warm-up (it is the
// part of 2025 that was growing: adoption, aiChain.demand). The chain's
// cash by source (attribution.ts) is not traced through the warm-up: it is
// restored after each warm-up month, so the round trip's attribution starts
// from the configured 2025 mix. Off (aiChain.stationaryWarmUp false) the chain
// stands still until its start, as before stop 39.

import type { SpiralConfig } from "../../../config/configTypes.ts";
import {
  type Books,
  FlowRow,
  Party,
  payChainDividends,
  recordFlow,
  Sector,
  transfer,
  transferWithinChain,
} from "../../ledger.ts";
import type { EquityMarketState } from "../../markets/equityMarket.ts";
import { firmsBuyServices, sizeChainWants, spendChainWants } from "../../markets/goods.ts";
import type { SerialScratch } from "../../passRunner.ts";
import type { AiChain, Firms, Fund, Government, MacroState } from "../../state.ts";
import { ChainAccount, Role } from "../../state.ts";
import { capitalWearRate, chipImportedShare, type EndUserPaymentBooks } from "./settlement.ts";

/**
 * Every chain share at `price`, the price model's price and previous price
 * with it (c.price mirrors c.market.price): no return, so the chain's first
 * price step (repriceChain) starts from this price. What indexChainPrices
 * and init (model/init.ts) set in the warm-up.
 */
export function holdChainPrices(
  c: Pick<AiChain, "price"> & { market: Pick<EquityMarketState, "price" | "previousPrice"> },
  price: number,
): void {
  c.price.fill(price);
  c.market.price.fill(price);
  c.market.previousPrice.fill(price);
}

/**
 * The chain's share prices in a warm-up month: its 2025 market values
 * (price 1 × shares, aiChain.firms[].marketCapUsdBn) at this month's price
 * level, so the chain is worth the same share of the economy all warm-up
 * (its real value stands still, as its flows do); the market totals follow
 * (the warm-up has no peak to fall from). The fund is marked at these
 * prices at the month's end (agents/fund.ts markFund), so households' wealth
 * in the chain moves with the price level like the rest of their wealth.
 * At the start, calibrateExpectations prices the firms at the last warm-up
 * month's level, ≈ 1 by the start's calibration (1.26 in telecom-1997,
 * whose 1997 sits after ten years of warm-up inflation from 1). Writes
 * `c.price` and the price model's price and previous price
 * (holdChainPrices; until stop 40 they stayed at 1, so the chain's first
 * price step started from 1 instead of the indexed price: −19 % at
 * telecom-1997's start, −3 % at baseline-2025's), `marketCapTotal`,
 * `marketPeak` and `stakesValue`; the fund's gain is recorded as a
 * revaluation in `flows` (as repriceChain records it).
 * @example indexChainPrices(c, fund, flows, 0.8) // every price 0.8; marketCapTotal = 0.8 × Σ shares
 */
export function indexChainPrices(
  c: Pick<AiChain, "n" | "price" | "shares" | "stakes" | "marketCapTotal" | "marketPeak" | "stakesValue"> & {
    market: Pick<EquityMarketState, "price" | "previousPrice">;
  },
  fund: Readonly<Pick<Fund, "sharesHeld">>,
  flows: Float64Array,
  priceIndex: number,
): void {
  let cap = 0;
  let fundGain = 0;
  let stakes = 0;
  for (let i = 0; i < c.n; i++) {
    fundGain += (priceIndex - c.price[i]) * fund.sharesHeld[i];
    cap += c.shares[i] * priceIndex;
    let held = 0;
    for (let h = 0; h < c.n; h++) held += c.stakes[h * c.n + i];
    stakes += held * priceIndex;
  }
  holdChainPrices(c, priceIndex);
  recordFlow(flows, FlowRow.equityRevaluation, Sector.aiChain, Sector.privateCredit, fundGain);
  c.marketCapTotal = cap;
  c.marketPeak = cap;
  c.stakesValue = stakes;
}

/** Parameters of the warm-up month: the aiChain group's GPU share of cost, asset lives, imported share and value ramp; government.profitTaxRate. */
export interface WarmUpParams {
  ai: Readonly<
    Pick<
      SpiralConfig["aiChain"],
      "gpuShareOfCost" | "gpuLifeMonths" | "buildingLifeMonths" | "gpuImportShare" | "warmUpValueRampMonths"
    >
  >;
  profitTaxRate: number;
}

/**
 * A firm's capital replaced in a warm-up month: what wears out, at this
 * month's prices, at most its platform fees after tax (a firm without fees
 * replaces nothing: in the warm-up nothing else funds it). Pure.
 * @example warmUpMaintenance(120, 10, 1, 0.005, 0.21) // 0.6: 120 × 0.005
 * @example warmUpMaintenance(120, 0, 1, 0.005, 0.21) // 0: no fees, nothing replaced
 */
export function warmUpMaintenance(
  capitalValue: number,
  fees: number,
  priceIndex: number,
  wearRate: number,
  profitTaxRate: number,
): number {
  return Math.max(0, Math.min(capitalValue * wearRate * priceIndex, fees * (1 - profitTaxRate)));
}

/**
 * The warm-up month's purchases, once the platform fees are in: each live
 * firm's maintenance (warmUpMaintenance on `otherProfit` × `priceIndex`) —
 * its GPU part paid at once to the first chip maker not in default (chain
 * revenue; `accounts` gpus), its building part into `wants.capital` — then
 * each chip maker's cost of goods on this month's GPU sales: the imported
 * part into `wants.imports`, the rest into `wants.capital` and
 * `wants.chipInputs`. Writes `c.capex` (the capital replaced), `c.revenue`
 * (GPU sales) and `wants`; the caller spends `wants` (markets/goods.ts
 * spendChainWants).
 */
export function planWarmUpPurchases(
  c: AiChain,
  priceIndex: number,
  p: WarmUpParams,
  wants: {
    capital: Float64Array;
    consumption: Float64Array;
    chipInputs: Float64Array;
    imports: Float64Array;
  },
  books: Books,
): void {
  const wear = capitalWearRate(p.ai);
  let chip = -1;
  for (let j = 0; j < c.n; j++) {
    if (c.role[j] === Role.chip && c.defaulted[j] === 0) {
      chip = j;
      break;
    }
  }
  for (let i = 0; i < c.n; i++) {
    wants.capital[i] = 0;
    wants.consumption[i] = 0;
    wants.chipInputs[i] = 0;
    wants.imports[i] = 0;
    c.capex[i] = 0;
  }
  for (let i = 0; i < c.n; i++) {
    if (c.defaulted[i] === 1) continue;
    const fees = c.otherProfit[i] * priceIndex;
    const replace = warmUpMaintenance(c.capitalValue[i], fees, priceIndex, wear, p.profitTaxRate);
    if (replace <= 0) continue;
    c.capex[i] = replace;
    const gpus = chip >= 0 && chip !== i ? replace * p.ai.gpuShareOfCost : 0;
    if (gpus > 0) {
      transferWithinChain(books, i, chip, gpus);
      c.revenue[chip] += gpus;
      c.chainRevenue[chip] += gpus;
      c.accounts[ChainAccount.gpus] += gpus;
    }
    wants.capital[i] = replace - gpus;
  }
  for (let j = 0; j < c.n; j++) {
    if (c.role[j] !== Role.chip || c.revenue[j] <= 0) continue;
    const costShare = 1 - c.grossMargin[j];
    const importShare = chipImportedShare(costShare, p.ai.gpuImportShare);
    wants.imports[j] = importShare * c.revenue[j];
    wants.chipInputs[j] = (costShare - importShare) * c.revenue[j];
    wants.capital[j] += wants.chipInputs[j];
  }
}

/**
 * A firm's taxable profit in a warm-up month: platform fees and sales less
 * the chip maker's cost of goods and the capital replaced (its
 * depreciation). Pure.
 * @example warmUpProfit(10, 0, 0.7, false, 0.6) // 9.4
 * @example warmUpProfit(0, 5, 0.72, true, 0) // 3.6: 5 − 0.28 × 5
 */
export function warmUpProfit(
  fees: number,
  sales: number,
  grossMargin: number,
  isChip: boolean,
  replaced: number,
): number {
  return fees + sales - (isChip ? (1 - grossMargin) * sales : 0) - replaced;
}

/**
 * The warm-up month's taxes and payouts: each live firm pays
 * `profitTaxRate` of its warmUpProfit (when positive and its cash covers
 * it, as accountChain does), then every firm pays out as dividends
 * whatever its cash gained over the month (`cashBefore`, its deposit before
 * the fees), so its cash ends where it began. A dividend that reaches a
 * chain firm holding a stake is paid on in the next round (at most `n`
 * rounds; the shipped configs' stakes are in firms that earn nothing in the
 * warm-up). Writes `c.profit`, the government's taxes; money moves through
 * `books`.
 */
export function payWarmUpTaxesAndDividends(
  c: AiChain,
  government: Pick<Government, "taxes">,
  priceIndex: number,
  cashBefore: Float64Array,
  profitTaxRate: number,
  books: Books,
): void {
  for (let i = 0; i < c.n; i++) {
    if (c.defaulted[i] === 1) continue;
    const fees = c.otherProfit[i] * priceIndex;
    const pretax = warmUpProfit(fees, c.revenue[i], c.grossMargin[i], c.role[i] === Role.chip, c.capex[i]);
    const tax = pretax > 0 && c.deposits[i] > pretax * profitTaxRate ? pretax * profitTaxRate : 0;
    if (tax > 0) {
      transfer(books, FlowRow.profitTaxes, Party.aiFirm, i, Party.government, 0, tax);
      government.taxes += tax;
    }
    c.profit[i] = pretax - tax;
  }
  for (let round = 0; round < c.n; round++) {
    let paid = false;
    for (let i = 0; i < c.n; i++) {
      const gain = c.deposits[i] - cashBefore[i];
      if (gain <= 1e-12 * Math.abs(cashBefore[i])) continue; // rounding of an earlier round's payout
      payChainDividends(books, i, gain);
      paid = true;
    }
    if (!paid) return;
  }
}

/**
 * The share of its 2025 real value the chain's shares carry in warm-up month
 * `tick` (aiChain.warmUpValueRampMonths, capped at the warm-up's
 * `warmUpMonths` so the ramp always ends by the chain's start: R =
 * min(rampMonths, warmUpMonths)): min(1, max(tick, 1) / R) — from 1/R at the
 * start (init.ts uses month 1's share, so the first warm-up month moves
 * nothing) to the whole value from month R on; 1 when R is 0 (no ramp). A
 * burn-in device: households come to hold the chain's wealth over R months
 * instead of at t = 0, on top of the wealth the core's initial state is
 * built for, so the economy absorbs it without the opening boom whose echo
 * (an ≈ 8-year swing of ±0.5–0.8 points of unemployment every seed shares)
 * outlasted a 22-year warm-up (docs/scenarios.md "On the stop 40 core").
 * Pure.
 *
 * @example warmUpValueShare(60, 240, 264) // 0.25
 */
export function warmUpValueShare(tick: number, rampMonths: number, warmUpMonths: number): number {
  const ramp = Math.min(rampMonths, warmUpMonths);
  if (!(ramp > 0)) return 1;
  return Math.min(1, Math.max(tick, 1) / ramp);
}

/**
 * One warm-up month of the chain (schedule.ts "Accounting", where the
 * acting chain's firmsBuyServices runs): the platform fees from non-AI firms
 * (firmsBuyServices; no end-user spending before the start), the capital
 * that wears out replaced (planWarmUpPurchases, spent from firms' stocks and
 * abroad by spendChainWants), taxes and payouts
 * (payWarmUpTaxesAndDividends), then the shares at this month's price level
 * × the value ramp's share (indexChainPrices, warmUpValueShare). The
 * chain's cash by source is restored afterwards (the warm-up is not traced). `wants` is the serial scratch the chain's
 * purchases use (its sourceMix and cashBefore hold the month's starting
 * point).
 */
export function chainWarmUp(
  tick: number,
  firms: Firms,
  macro: MacroState,
  government: Pick<Government, "taxes">,
  p: WarmUpParams,
  wants: SerialScratch["chainWants"],
  books: EndUserPaymentBooks,
): void {
  const c = books.aiChain;
  sizeChainWants(wants, c.n);
  wants.sourceMix.set(c.cashBySource);
  wants.cashBefore.set(c.deposits);
  firmsBuyServices(firms, c, macro, books);
  planWarmUpPurchases(c, macro.priceIndex, p, wants, books);
  spendChainWants(c, firms, macro, wants, books);
  payWarmUpTaxesAndDividends(c, government, macro.priceIndex, wants.cashBefore, p.profitTaxRate, books);
  c.cashBySource.set(wants.sourceMix);
  indexChainPrices(
    c,
    books.fund,
    books.ledger.flows,
    macro.priceIndex * warmUpValueShare(tick, p.ai.warmUpValueRampMonths, c.chainStartTick - 1),
  );
}
