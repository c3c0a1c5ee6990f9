// Consumption planning (Lengnick 2013 §3.2, eq. for c_h): at the start of the
// month a household plans to buy min((m/P)^alpha, m/P) goods, m its money and
// P the mean price of its suppliers; it spreads them evenly over the days.
import { MICRO_PER_UNIT } from "./params.ts";
import type { LengnickState } from "./state.ts";

// Imported bindings are read through getters under tsx; local aliases keep hot loops direct.
const MICRO = MICRO_PER_UNIT;

export function planConsumption(s: LengnickState): void {
  const { households: hh, firms, params: p } = s;
  const links = p.supplierLinks;
  const exponent = p.consumptionExponent;
  const days = p.daysPerMonth;
  for (let h = 0; h < hh.n; h++) {
    const row = h * links;
    let priceSum = 0;
    for (let k = 0; k < links; k++) priceSum += firms.price[hh.suppliers[row + k]];
    const realMoney = hh.liquidity[h] / MICRO / (priceSum / links);
    const goods = realMoney > 0 ? Math.min(realMoney ** exponent, realMoney) : 0;
    hh.dailyDemand[h] = goods / days;
  }
}
