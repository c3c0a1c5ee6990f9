// Monthly revision of the goods-market network (Lengnick 2013 §3.2, type A
// connections): a household drops an expensive supplier for a cheaper one
// (price switching) or a supplier that left its demand unserved (quantity
// switching). Both replacements are drawn by firm size (firmPick.ts).
import { keyedUniform, streamKey } from "../rng.ts";
import { pickFirmBySize } from "./firmPick.ts";
import type { LengnickState } from "./state.ts";
import { LengnickStream } from "./streams.ts";

// Imported bindings are read through getters under tsx; local aliases keep hot loops direct.
const uniform = keyedUniform;
const pickBySize = pickFirmBySize;

/**
 * With probability psi_price, compare one random supplier with a new firm;
 * switch if the new price is lower by more than xi.
 */
export function switchSuppliersOnPrice(s: LengnickState): void {
  const { households: hh, firms, params: p, seed, month } = s;
  const links = p.supplierLinks;
  const decide = streamKey(seed, LengnickStream.priceSearch, month);
  const pick = streamKey(seed, LengnickStream.newSupplier, 2 * month);
  for (let h = 0; h < hh.n; h++) {
    if (uniform(decide, 2 * h) >= p.priceSearchProbability) continue;
    const slot = h * links + Math.floor(uniform(decide, 2 * h + 1) * links);
    const candidate = pickBySize(hh, firms, pick, h, links);
    if (candidate < 0) continue;
    if (firms.price[candidate] < (1 - p.priceSwitchThreshold) * firms.price[hh.suppliers[slot]]) {
      hh.suppliers[slot] = candidate;
      hh.shortfall[slot] = 0;
    }
  }
}

/**
 * With probability psi_quant, a household with at least one supplier that
 * left demand unserved last month drops one of them — drawn with probability
 * proportional to the unserved amount — for a new firm. Clears the record.
 */
export function switchSuppliersOnQuantity(s: LengnickState): void {
  const { households: hh, firms, params: p, seed, month } = s;
  const links = p.supplierLinks;
  const decide = streamKey(seed, LengnickStream.quantitySearch, month);
  const pick = streamKey(seed, LengnickStream.newSupplier, 2 * month + 1);
  const shortfall = hh.shortfall;
  for (let h = 0; h < hh.n; h++) {
    const row = h * links;
    let total = 0;
    for (let k = 0; k < links; k++) total += shortfall[row + k];
    if (total > 0 && uniform(decide, 2 * h) < p.quantitySearchProbability) {
      let target = uniform(decide, 2 * h + 1) * total;
      let slot = row;
      for (let k = 0; k < links; k++) {
        const x = shortfall[row + k];
        if (x > 0) slot = row + k;
        target -= x;
        if (x > 0 && target < 0) break;
      }
      const candidate = pickBySize(hh, firms, pick, h, links);
      if (candidate >= 0) hh.suppliers[slot] = candidate;
    }
    for (let k = 0; k < links; k++) shortfall[row + k] = 0;
  }
}
