// Equity valuation of the non-AI corporate sector. Each firm is worth its
// smoothed after-tax earnings capitalised at the long rate plus an equity
// risk premium (a Gordon model without growth): valuations rise when rates
// fall or profits grow, and collapse for loss-making firms — the asset-price
// leg of the financial accelerator, feeding household wealth and so
// consumption. Households own the sector through equity units.
// (The AI chain's listed firms get heterogeneous-trader price formation in
// their own issue.)
import type { SpiralConfig } from "../../config/configTypes.ts";
import { cdsIndexBp } from "../agents/aiChain/credit.ts";
import { longRateYearly } from "../agents/aiChain/dcf.ts";
import { type Books, revalueEquity } from "../ledger.ts";
import type { AiChain, Firms, MacroState } from "../state.ts";

/** The parameters valueEquity reads, from the config groups that hold them. */
export interface EquityParams {
  /** The policy rate's long-run level: centralBank.neutralRealRateYearly and inflationTargetYearly. */
  centralBank: Pick<SpiralConfig["centralBank"], "neutralRealRateYearly" | "inflationTargetYearly">;
  /** firms.equityRiskPremiumYearly. */
  equityRiskPremiumYearly: number;
  /** aiChain.valuation's market-wide loss and credit premium sensitivities (the non-AI sector's). */
  valuation: Pick<
    SpiralConfig["aiChain"]["valuation"],
    "marketLossPremiumSensitivity" | "creditPremiumSensitivity"
  >;
  /** aiChain.orders.referenceSpreadBp: the high-yield average the chain's CDS index is compared with. */
  referenceSpreadBp: number;
  /** aiChain.nonAiSectorIndexShare: the non-AI part of the corporate sector's value when the chain is on. */
  nonAiSectorIndexShare: number;
  /** aiChain.valuation.policyPassThrough: the share of the policy rate's gap to its long-run level in the long rate (equityLongRate). */
  policyPassThrough: number;
}

/** valueEquity's parameters from the config. */
export function equityParams(config: SpiralConfig): EquityParams {
  return {
    centralBank: config.centralBank,
    equityRiskPremiumYearly: config.firms.equityRiskPremiumYearly,
    valuation: config.aiChain.valuation,
    referenceSpreadBp: config.aiChain.orders.referenceSpreadBp,
    nonAiSectorIndexShare: config.aiChain.nonAiSectorIndexShare,
    policyPassThrough: config.aiChain.valuation.policyPassThrough,
  };
}

/**
 * The long rate investors discount the non-AI sector's earnings at: the
 * policy rate's long-run level (the neutral real rate + the inflation
 * target) plus a share `policyPassThrough` of the policy rate's gap to it —
 * the same long rate as the AI chain's (aiChain.valuation.policyPassThrough
 * 0.4, dcf.ts longRateYearly): 10-year yields move ≈ 0.3–0.5 points per
 * point of policy surprise (Gürkaynak, Sack & Swanson 2005; Hanson & Stein
 * 2015), and fell 2.0 points while the fed funds rate fell 5.1 in 2000–03
 * (docs/calibration.md §11.3). It was half the gap, unsourced. Check: at
 * the default 3 % premium and a 3.2 % long rate, a 25 bp cut raises the
 * sector's value ≈ 1.6 % (Bernanke & Kuttner 2005: ≈ 1 % for a 25 bp
 * surprise cut, docs/calibration.md §6). Pure.
 *
 * @example equityLongRate(0.045, { neutralRealRateYearly: 0.005, inflationTargetYearly: 0.02 }, 0.4) // 0.033
 */
export function equityLongRate(
  policyRateYearly: number,
  centralBank: EquityParams["centralBank"],
  policyPassThrough: number,
): number {
  const longRun = centralBank.neutralRealRateYearly + centralBank.inflationTargetYearly;
  return longRateYearly(policyRateYearly, longRun, policyPassThrough);
}

/**
 * Each non-AI firm's market value (its smoothed earnings capitalised at the
 * discount rate; 0 for a successor in its first tick), their total booked as
 * a revaluation of households' equity (ledger.ts revalueEquity, through
 * `books`) and the price of an equity unit (macro.equityPricePerUnit).
 * Writes firms.marketValue and macro.
 */
export function valueEquity(
  firms: Firms,
  macro: MacroState,
  chain: Pick<AiChain, "n" | "marketCapTotal" | "marketPeak" | "cdsBp" | "indexMember">,
  policyRateYearly: number,
  p: EquityParams,
  books: Books,
): void {
  const f = firms;
  // Investors discount at the long rate (equityLongRate) plus the risk premium.
  const longRate = equityLongRate(policyRateYearly, p.centralBank, p.policyPassThrough);
  const c = chain;
  const v = p.valuation;
  const discount = Math.max(
    0.02,
    longRate +
      p.equityRiskPremiumYearly +
      (c.n > 0
        ? marketLossPremium(v.marketLossPremiumSensitivity, c.marketCapTotal, c.marketPeak) +
          creditPremium(
            v.creditPremiumSensitivity,
            cdsIndexBp(c.cdsBp, c.indexMember, c.n),
            p.referenceSpreadBp,
          )
        : 0),
  );
  // With the AI chain on, part of the corporate sector's value is the chain's own (listed separately).
  const listed = c.n > 0 ? p.nonAiSectorIndexShare : 1;
  let total = 0;
  for (let j = 0; j < f.n; j++) {
    const v = f.age[j] === 0 ? 0 : listed * Math.max(0, (12 * f.earnings[j]) / discount);
    f.marketValue[j] = v;
    total += v;
  }
  revalueEquity(books, total);
  macro.equityPricePerUnit = total / macro.totalEquityUnits;
}

/**
 * The market-wide part of the equity risk premium that the AI chain's fall
 * from its peak adds to the non-AI sector's discount rate
 * (aiChain.valuation.marketLossPremiumSensitivity × its drawdown). The
 * implied premium is a market-wide measure — the S&P 500's rose ≈ 2 points
 * in 2000–02 as the Nasdaq fell 78 % and the S&P 500 halved (docs/calibration.md
 * §11.3, §11.5) — so a crash of the market's boom sector raises required
 * returns on the rest too, and households' equity wealth, and so their
 * spending, falls with it (households.mpcWealthYearly). With the credit
 * premium (creditPremium) the two add that rise at that episode's drawdown
 * and spread. 0 without the chain (no peak). Pure.
 *
 * @example marketLossPremium(0.019, 22, 100) // 0.0148: the Nasdaq's 78 % fall adds ≈ 1.5 points
 */
export function marketLossPremium(
  lossSensitivity: number,
  chainMarketCap: number,
  chainPeak: number,
): number {
  if (!(chainPeak > 0)) return 0;
  return lossSensitivity * Math.min(1, Math.max(0, 1 - chainMarketCap / chainPeak));
}

/**
 * The part of the equity risk premium that moves with the credit market:
 * `sensitivity` × the chain's CDS index above the high-yield average
 * (aiChain.orders.referenceSpreadBp, 550 bp), as a rate. Credit spreads and
 * the equity premium price the same risk-bearing capacity: the excess bond
 * premium forecasts stock returns as well as investment (Gilchrist &
 * Zakrajšek 2012), and the implied equity premium rose ≈ 2 points in
 * 2000–02 as the high-yield spread rose ≈ 550 bp above its average to its
 * October 2002 record (docs/calibration.md §11.2, §11.5). The chain's CDS
 * index is the model's high-yield market, so a chain whose credit runs
 * raises the non-AI sector's discount rate — and, with the rate cuts that
 * follow a bust, lets the wider market fall instead of rising on the lower
 * long rate. 0 at or below the reference. Pure.
 *
 * @example creditPremium(0.25, 1150, 550) // 0.015: 600 bp above the average adds 1.5 points
 */
export function creditPremium(sensitivity: number, spreadBp: number, referenceSpreadBp: number): number {
  const excess = Math.max(0, (Number.isFinite(spreadBp) ? spreadBp : 0) - referenceSpreadBp);
  return (sensitivity * excess) / 1e4;
}
