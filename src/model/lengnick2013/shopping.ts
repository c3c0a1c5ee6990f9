// The daily goods market (Lengnick 2013 §3.2): households, in a random order,
// visit their suppliers in a random order and buy their daily demand from
// the stock on hand. A supplier that runs short is noted (type B links)
// with the amount it failed to serve; the visit ends once the household has
// bought `satisfiedShare` of its demand, runs out of money, or has seen
// every supplier. Every payment is a whole number of micro-units.
import { keyedUniform, streamKey } from "../rng.ts";
import { MICRO_PER_UNIT } from "./params.ts";
import type { LengnickState } from "./state.ts";
import { LengnickStream } from "./streams.ts";

// Imported bindings are read through getters under tsx; local aliases keep hot loops direct.
const uniform = keyedUniform;
const MICRO = MICRO_PER_UNIT;

export function shopForTheDay(s: LengnickState): void {
  const { households: hh, firms, params: p, seed, day, order, slotOrder } = s;
  const links = p.supplierLinks;
  const stopShare = 1 - p.satisfiedShare;
  const liquidity = hh.liquidity;
  const suppliers = hh.suppliers;
  const shortfall = hh.shortfall;
  const inventory = firms.inventory;
  const price = firms.price;
  const firmLiquidity = firms.liquidity;
  const sold = firms.sold;
  shuffle(order, streamKey(seed, LengnickStream.shopOrder, day));
  const visitKey = streamKey(seed, LengnickStream.supplierVisit, day);
  let planned = 0;
  let bought = 0;
  let spending = 0;
  for (let i = 0; i < hh.n; i++) {
    const h = order[i];
    const demand = hh.dailyDemand[h];
    if (demand <= 0) continue;
    planned += demand;
    const row = h * links;
    let wanted = demand;
    let visited = 0;
    for (let k = 0; k < links; k++) {
      // Lazy Fisher–Yates: draw the next slot only when it is needed (the
      // last one left needs no draw). The swaps are recorded and undone
      // below, so slotOrder is the identity again for the next household
      // (a household visits ≈ 1.06 suppliers a day on average: cheaper than
      // resetting all `links` entries).
      const j = k === links - 1 ? k : k + Math.floor(uniform(visitKey, h * links + k) * (links - k));
      slotOrder[links + k] = j;
      visited = k + 1;
      const slot = slotOrder[j];
      slotOrder[j] = slotOrder[k];
      slotOrder[k] = slot;
      const f = suppliers[row + slot];
      const unitPrice = price[f] * MICRO;
      const affordable = liquidity[h] / unitPrice;
      const stock = inventory[f];
      if (stock < wanted && stock < affordable) shortfall[row + slot] += wanted - stock;
      const quantity = Math.min(wanted, stock, affordable);
      if (quantity > 0) {
        const pay = Math.min(liquidity[h], Math.round(quantity * unitPrice));
        liquidity[h] -= pay;
        firmLiquidity[f] += pay;
        inventory[f] = stock - quantity;
        sold[f] += quantity;
        spending += pay;
        bought += quantity;
        wanted -= quantity;
      }
      if (wanted <= stopShare * demand || liquidity[h] <= 0) break;
    }
    for (let k = visited - 1; k >= 0; k--) {
      const j = slotOrder[links + k];
      const slot = slotOrder[j];
      slotOrder[j] = slotOrder[k];
      slotOrder[k] = slot;
    }
  }
  const flows = s.flows;
  flows.planned += planned;
  flows.bought += bought;
  flows.spending += spending;
}

/** Fisher–Yates shuffle of `a` in place from counter-based draws under `key`. */
export function shuffle(a: Int32Array, key: number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(uniform(key, i) * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
