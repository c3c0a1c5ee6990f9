// Drawing a firm with probability proportional to its workforce (Lengnick
// 2013 §3.2: new trading partners are found "with probability proportional
// to firm size"): draw a random household and take its employer — the share
// of employed households at firm f is exactly l_f / L. Rejection sampling,
// so no cumulative table has to be rebuilt after every hire.
import { keyedUniform } from "../rng.ts";
import type { Firms, Households } from "./state.ts";
import { PICK_ATTEMPTS } from "./streams.ts";

// Imported bindings are read through getters under tsx; local aliases keep hot loops direct.
const uniform = keyedUniform;

/**
 * A firm not among household `h`'s suppliers, drawn by workforce size;
 * draws `uniform(key, h * PICK_ATTEMPTS * 2 + i)`. Falls back to a
 * uniform draw over firms when employed households are not found, and
 * returns −1 if every try hit a current supplier.
 */
export function pickFirmBySize(hh: Households, firms: Firms, key: number, h: number, links: number): number {
  const base = h * PICK_ATTEMPTS * 2;
  for (let i = 0; i < PICK_ATTEMPTS; i++) {
    const other = Math.floor(uniform(key, base + 2 * i) * hh.n);
    let f = hh.employer[other];
    if (f < 0) f = Math.floor(uniform(key, base + 2 * i + 1) * firms.n);
    if (!isSupplier(hh, h, f, links)) return f;
  }
  return -1;
}

export function isSupplier(hh: Households, h: number, f: number, links: number): boolean {
  const row = h * links;
  for (let k = 0; k < links; k++) if (hh.suppliers[row + k] === f) return true;
  return false;
}
