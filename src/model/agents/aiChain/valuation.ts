// Share prices of chain firms (issue 3 item 5) and the knock-on effects of
// their changes. Fundamentalists value a firm by its normalised earnings
// growing at the firm's expected growth for five years, then at 2 %,
// discounted at the policy rate plus a premium — scaled so that the initial
// price is fair. Trend followers extrapolate; traders switch by recent
// performance (markets/equityMarket.ts), so prices overshoot value in booms
// and undershoot in busts. A short-selling fund presses firms with high
// leverage, thin cash flow and heavy capex. Price changes revalue the stakes
// chain firms hold in each other and the fund that households own.
import { FlowRow, recordFlow, Sector } from "../../ledger.ts";
import { marketStress } from "../../markets/creditRisk.ts";
import {
  DEFAULT_EQUITY_MARKET_PARAMS,
  type EquityMarketParams,
  initEquityAsset,
  stepEquityMarket,
} from "../../markets/equityMarket.ts";
import type { ModelState } from "../../state.ts";
import { Role } from "../../state.ts";

/** Long-run margins used to normalise earnings by role (labs and clouds are valued on what they should earn). */
const NORMAL_MARGIN = [0.5, 0.3, 0.25, 0.2, 0.3];
const TERMINAL_GROWTH = 0.02;

function normalisedValue(m: ModelState, i: number, priceIndex = m.macro.priceIndex): number {
  const c = m.aiChain;
  const t = m.tick;
  let recent = 0;
  for (let k = 1; k <= 3; k++) recent += c.revenueHistory[i * 13 + ((t - k + 13 * 4) % 13)];
  recent /= 3;
  const r = Math.max(
    TERMINAL_GROWTH + 0.02,
    m.centralBank.policyRateYearly + m.config.aiChain.equityMarket.fundamentalDiscountYearly,
  );
  // AI earnings grow at the firm's expected growth for five years; the other
  // businesses (a hyperscaler's software and advertising) grow at the
  // terminal rate — so a cooling of AI growth expectations does not erase
  // the value of a search engine.
  const aiEarnings = 12 * recent * NORMAL_MARGIN[c.role[i]];
  const otherEarnings = 12 * c.otherProfit[i] * priceIndex;
  const g = Math.max(-0.5, Math.min(0.6, c.expectedGrowth[i]));
  let value = 0;
  let factor = 1;
  for (let k = 1; k <= 5; k++) {
    factor *= (1 + g) / (1 + r);
    value += aiEarnings * factor;
  }
  value += (aiEarnings * factor * (1 + TERMINAL_GROWTH)) / (r - TERMINAL_GROWTH);
  value += (otherEarnings * (1 + TERMINAL_GROWTH)) / (r - TERMINAL_GROWTH);
  return Math.max(0, value);
}

/**
 * Calibrate fundamentals so that every firm starts fairly priced. Call once
 * after init. The chain's other profits are 2025 USD, so they are valued at
 * the 2025 price level (1), whatever the core's price level at startDate
 * (initial.priceLevel).
 */
export function initValuation(m: ModelState): void {
  const c = m.aiChain;
  for (let i = 0; i < c.n; i++) {
    const v = normalisedValue(m, i, 1);
    c.valuationScale[i] = v > 0 ? (c.shares[i] * c.price[i]) / v : 1;
  }
  let cap = 0;
  for (let i = 0; i < c.n; i++) cap += c.shares[i] * c.price[i];
  c.marketCapTotal = cap;
  c.marketPeak = cap;
}

const params: EquityMarketParams = { ...DEFAULT_EQUITY_MARKET_PARAMS };

/** Short-seller target score in [0, 1]: leverage, negative cash flow, capex intensity. */
function shortScore(m: ModelState, i: number): number {
  const c = m.aiChain;
  const cap = Math.max(1e-9, c.shares[i] * c.price[i]);
  const leverage = Math.min(1, (c.bankLoans[i] + c.fundLoans[i]) / cap);
  const burn = c.revenue[i] > 0 ? Math.min(1, Math.max(0, -c.profit[i]) / c.revenue[i]) : 1;
  const capex = c.revenue[i] > 0 ? Math.min(1, c.capex[i] / (12 * c.revenue[i])) : 0;
  return Math.min(1, (leverage + burn + capex) / 3);
}

/** Standard normal draw from the named "equity" stream (Box–Muller). */
function normal(m: ModelState): number {
  const rnd = m.streams.get("equity");
  const u = Math.max(1e-12, rnd());
  const v = rnd();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** New prices, revaluation flows, market stress. */
export function valueChain(m: ModelState): void {
  const c = m.aiChain;
  if (c.n === 0) return;
  const em = m.config.aiChain.equityMarket;
  params.intensityOfChoice = em.intensityOfChoice * 120;
  params.trendWeight = em.trendStrength * 0.6;
  params.reversionSpeed = em.reversionSpeed;
  params.noiseVolatility = em.noiseMonthly;
  params.shortPressure = em.shortPressure * 0.5;
  let cdsBefore = 0;
  for (let i = 0; i < c.n; i++) cdsBefore += c.cdsBp[i];
  let fundGain = 0;
  let cap = 0;
  let stakes = 0;
  for (let i = 0; i < c.n; i++) {
    const old = c.price[i];
    const netCash = c.deposits[i] - c.bankLoans[i] - c.fundLoans[i];
    const total = Math.max(
      0.05 * c.valuationScale[i] * normalisedValue(m, i),
      c.valuationScale[i] * normalisedValue(m, i) + 0.5 * netCash,
    );
    const fundamental = total / Math.max(1e-9, c.shares[i]);
    const z = normal(m);
    const p = stepEquityMarket(c.market, i, {
      fundamentalValue: fundamental,
      noise: z,
      shortScore: shortScore(m, i),
      params,
    });
    c.fundamental[i] = fundamental;
    c.price[i] = p;
    fundGain += (p - old) * m.fund.sharesHeld[i];
    cap += p * c.shares[i];
    let held = 0;
    for (let h = 0; h < c.n; h++) held += c.stakes[h * c.n + i];
    stakes += held * p;
  }
  recordFlow(m.ledger.flows, FlowRow.equityRevaluation, Sector.aiChain, Sector.privateCredit, fundGain);
  c.marketCapTotal = cap;
  c.stakesValue = stakes;
  c.marketPeak = Math.max(c.marketPeak * 0.995, cap);
  let cdsAfter = 0;
  for (let i = 0; i < c.n; i++) cdsAfter += c.cdsBp[i];
  c.marketStress = marketStress({
    indexLevel: cap,
    indexPeak: c.marketPeak,
    spreadChangeBp: (cdsAfter - cdsBefore) / c.n,
  });
}

/**
 * After a default (issue 18 item 5). Reorganised: trading restarts from the
 * value of the reorganised firm — its fundamental on its remaining business
 * plus half its net cash, as in valueChain, on the balance sheet the
 * resolution left (lower debt) — or from its last price if that is lower;
 * the fundamental's calibration is kept, so the price (and with it the
 * distance to default and the spread) can recover with the business.
 * Liquidated: the shares are worth what is left after the lenders, nearly
 * nothing, and the firm's value no longer tracks any business.
 */
export function resetAfterDefault(m: ModelState, i: number, liquidated: boolean): void {
  const c = m.aiChain;
  const old = c.price[i];
  let p: number;
  if (liquidated) {
    c.valuationScale[i] = 0;
    const left = Math.max(0, c.deposits[i] - c.bankLoans[i] - c.fundLoans[i]);
    p = Math.max(1e-9, left / Math.max(1e-9, c.shares[i]));
  } else {
    const netCash = c.deposits[i] - c.bankLoans[i] - c.fundLoans[i];
    const value = c.valuationScale[i] * normalisedValue(m, i);
    const total = Math.max(0.05 * value, value + 0.5 * netCash);
    p = Math.max(1e-9, Math.min(old, total / Math.max(1e-9, c.shares[i])));
  }
  // Volatility restarts from the firm's calibrated asset volatility (the
  // jump is the resolution, not a measure of future risk).
  const sigma = c.assetVolatility[i] * 2;
  initEquityAsset(c.market, i, p, p, (sigma * sigma) / 12);
  c.price[i] = p;
  c.fundamental[i] = p;
  recordFlow(
    m.ledger.flows,
    FlowRow.equityRevaluation,
    Sector.aiChain,
    Sector.privateCredit,
    (p - old) * m.fund.sharesHeld[i],
  );
  if (c.role[i] === Role.modelLab) c.expectedGrowth[i] = Math.min(c.expectedGrowth[i], 0);
}
