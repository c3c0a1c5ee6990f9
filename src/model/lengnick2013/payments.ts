// Month-end payments (Lengnick 2013 §3.1): each firm pays its wage bill —
// pro rata when its money falls short —, keeps a buffer of chi × the wage
// bill, and pays the rest out as dividends. Households own the firms in
// proportion to their money, so the pooled dividends are split by
// household liquidity. All amounts are whole micro-units; the few
// micro-units that do not split evenly wait in `dividendPool` for next month.
import { MICRO_PER_UNIT } from "./params.ts";
import type { LengnickState } from "./state.ts";

// Imported bindings are read through getters under tsx; local aliases keep hot loops direct.
const MICRO = MICRO_PER_UNIT;

export function payWages(s: LengnickState): void {
  const { firms, households: hh } = s;
  let paid = 0;
  for (let f = 0; f < firms.n; f++) {
    const n = firms.workers[f];
    if (n === 0) continue;
    const full = Math.round(firms.wage[f] * MICRO);
    const each = Math.min(full, Math.floor(firms.liquidity[f] / n));
    for (let h = firms.firstWorker[f]; h >= 0; h = hh.nextWorker[h]) {
      hh.liquidity[h] += each;
      hh.lastWage[h] = each / MICRO;
    }
    firms.liquidity[f] -= each * n;
    paid += each * n;
  }
  s.flows.wages += paid;
}

export function payDividends(s: LengnickState): void {
  const { firms, households: hh, params: p } = s;
  let pool = s.dividendPool;
  for (let f = 0; f < firms.n; f++) {
    const buffer = Math.round(p.bufferShare * firms.wage[f] * firms.workers[f] * MICRO);
    const payout = firms.liquidity[f] - buffer;
    if (payout > 0) {
      firms.liquidity[f] -= payout;
      pool += payout;
    }
  }
  let wealth = 0;
  for (let h = 0; h < hh.n; h++) wealth += hh.liquidity[h];
  let paid = 0;
  if (wealth > 0) {
    const perMicro = pool / wealth;
    for (let h = 0; h < hh.n; h++) {
      const share = Math.min(Math.floor(hh.liquidity[h] * perMicro), pool - paid);
      hh.liquidity[h] += share;
      paid += share;
    }
  }
  s.dividendPool = pool - paid;
  s.flows.dividends += paid;
}
