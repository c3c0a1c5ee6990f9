// Stream ids of the model's counter-based draws (rng.ts agentUniform /
// streamKey / keyedUniform). Each kind of decision has its own stream, and
// the counter passed as "tick" is the day (daily draws) or the month
// (monthly draws), so a draw never depends on the order of other draws.
export const LengnickStream = {
  init: 101,
  shopOrder: 102,
  supplierVisit: 103,
  wageStep: 104,
  priceStep: 105,
  priceDecision: 106,
  notice: 107,
  priceSearch: 108,
  quantitySearch: 109,
  newSupplier: 110,
  jobSearch: 111,
  labourOrder: 112,
} as const;

/** Draw slots per household per month for the employee-weighted firm pick (rejection sampling). */
export const PICK_ATTEMPTS = 16;
