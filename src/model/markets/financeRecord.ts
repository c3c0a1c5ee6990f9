// The firms' financing record (markets/credit.ts financeFirms), declared in
// a leaf module so that the pass buffers (passes.ts PassWork.finance) can be
// sized by it without importing the credit market. No state: a struct
// declaration and flag constants.
import { defineStruct } from "../struct.ts";

/**
 * Each firm's terms for financeFirms, computed in firm order before the
 * random visit (they depend on the firm's own columns only): one record per
 * firm (FinRecord.stride float64s, its integers packed after the floats and
 * read through an Int32Array over the same memory, so one cache line or two
 * hold the whole record), so the visit in random order reads and writes one
 * record per firm instead of a dozen columns; the firm's own columns are
 * written back afterwards. A firm's record sits at its place in the visit
 * (PassWork.financeSlot), so the serial visit walks the records in memory
 * order and the passes, on the threads, take the scattered accesses. The records live in the pass
 * buffers (passes.ts PassWork.finance, shared with the worker threads, which
 * compute the terms and write the balances back in passes over blocks of
 * firms); not model state. Offsets derived from the declaration (struct.ts).
 */
export const FinRecord = defineStruct({
  interest: "f64",
  /** Investment ordered (consumption firms). */
  investmentOrder: "f64",
  wageNeed: "f64",
  /** interest + principal + wage need × (1 + cash buffer), before investment and deposits. */
  base: "f64",
  leverageGap: "f64",
  room: "f64",
  /** Before the visit the firm's deposits and loans, after it the new balances. */
  deposits: "f64",
  loans: "f64",
  /** Written by the visit: the investment's cost and the capital supplier's price at the firm's turn. */
  investCost: "f64",
  supplierPrice: "f64",
  /** Last month's operating cash flow (agents/distress.ts operatingCashFlow): the workout's going-concern test. */
  operatingCash: "f64",
  /** FIN_SKIP | FIN_ELIGIBLE | FIN_PAID | FIN_DEFERRED | FIN_EXIT. */
  flags: "i32",
  bank: "i32",
  /** The capital supplier. */
  supplier: "i32",
});
/** New successor (age 0): not visited. */
export const FIN_SKIP = 1;
/** Default probability within the banks' limit. */
export const FIN_ELIGIBLE = 2;
/** Serviced its debt: the record holds its new balances. */
export const FIN_PAID = 4;
/** Paid its interest but had this month's principal deferred (firms.distress.workout; agents/distress.ts debtWorkout). */
export const FIN_DEFERRED = 8;
/** Chooses to close this month (firms.exit; agents/firmExit.ts choosesExit): resolved by markets/credit.ts resolveFirmExit at its turn in the visit. */
export const FIN_EXIT = 16;
