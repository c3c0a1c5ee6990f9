// Equity valuation of the non-AI corporate sector. Each firm is worth its
// smoothed after-tax earnings capitalised at the policy rate plus an equity
// risk premium (a Gordon model without growth): valuations rise when rates
// fall or profits grow, and collapse for loss-making firms — the asset-price
// leg of the financial accelerator, feeding household wealth and so
// consumption. Households own the sector through equity units.
// (The AI chain's listed firms get heterogeneous-trader price formation in
// their own issue.)
import { revalueEquity } from "../ledger.ts";
import type { ModelState } from "../state.ts";

export function valueEquity(m: ModelState): void {
  const f = m.firms;
  // Investors discount at a long rate — halfway between the policy rate and
  // its long-run level (neutral real rate + target) — plus the risk premium.
  const cb = m.config.centralBank;
  const longRate =
    0.5 * m.centralBank.policyRateYearly + 0.5 * (cb.neutralRealRateYearly + cb.inflationTargetYearly);
  const discount = Math.max(0.02, longRate + m.config.firms.equityRiskPremiumYearly);
  // With the AI chain on, part of the corporate sector's value is the chain's own (listed separately).
  const listed = m.aiChain.n > 0 ? m.config.aiChain.nonAiSectorIndexShare : 1;
  let total = 0;
  for (let j = 0; j < f.n; j++) {
    const v = f.age[j] === 0 ? 0 : listed * Math.max(0, (12 * f.earnings[j]) / discount);
    f.marketValue[j] = v;
    total += v;
  }
  revalueEquity(m, total);
  m.macro.equityPricePerUnit = total / m.macro.totalEquityUnits;
}
