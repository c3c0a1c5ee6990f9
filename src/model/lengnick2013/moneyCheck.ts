// Money is neither created nor destroyed in the baseline economy: every day
// the households' and firms' money plus the undistributed dividends must
// equal the initial stock exactly (whole micro-units, so exact sums).
import { ModelFailure } from "../../errors.ts";
import { MICRO_PER_UNIT } from "./params.ts";
import type { LengnickState } from "./state.ts";

/**
 * @throws ModelFailure naming the day and the residual (money units) if the
 *   stock differs from the initial one, or if any holder's money is negative.
 */
export function checkMoney(s: LengnickState): void {
  const { households: hh, firms } = s;
  let total = s.dividendPool;
  let negative = -1;
  for (let h = 0; h < hh.n; h++) {
    const m = hh.liquidity[h];
    total += m;
    if (m < 0) negative = h;
  }
  if (negative >= 0) {
    throw new ModelFailure(
      `lengnick2013: household ${negative} holds negative money on day ${s.day}`,
      s.month + 1,
      `households.liquidity[${negative}]`,
      hh.liquidity[negative] / MICRO_PER_UNIT,
    );
  }
  for (let f = 0; f < firms.n; f++) {
    const m = firms.liquidity[f];
    total += m;
    if (m < 0) {
      throw new ModelFailure(
        `lengnick2013: firm ${f} holds negative money on day ${s.day}`,
        s.month + 1,
        `firms.liquidity[${f}]`,
        m / MICRO_PER_UNIT,
      );
    }
  }
  const residual = total - s.moneyTotal;
  if (residual !== 0 || !Number.isFinite(total)) {
    throw new ModelFailure(
      `lengnick2013: money not conserved on day ${s.day} (month ${s.month + 1}): residual ${residual / MICRO_PER_UNIT} money units`,
      s.month + 1,
      "money",
      residual / MICRO_PER_UNIT,
    );
  }
}
