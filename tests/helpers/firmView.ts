// A hand-built SliceView over firm columns for the firm pass kernels' rule
// tests (tests/model.firmKernels.test.ts, tests/credit.fixedRate.test.ts).
import { createPassWork, type SliceView } from "../../src/model/passes.ts";
import type { Firms } from "../../src/model/state.ts";

const FLOAT_COLUMNS = [
  "deposits",
  "loans",
  "loanRateYearly",
  "loanOfferRateYearly",
  "fixedCouponYearly",
  "riskPremiumYearly",
  "pdYearly",
  "capital",
  "inventory",
  "price",
  "wage",
  "productivity",
  "demandReal",
  "salesNominal",
  "plannedOutput",
  "output",
  "investmentOrder",
  "utilization",
  "earnings",
  "profitRate",
  "dividendDue",
  "fillRatio",
  "wageBill",
  "interestPaid",
  "automatedShare",
  "revenue",
  "servicesPaid",
  "electricityPaid",
] as const;
const INT_COLUMNS = ["employees", "labourDemand", "capitalSupplier", "age"] as const;

/** `n` firms, the first `nc` of them consumption firms, every column zero (bank 0), on `banks` banks. */
export function firmView(n: number, nc = n, banks = 2): SliceView {
  const firms: Record<string, unknown> = { n, nConsumption: nc, bank: new Uint16Array(n) };
  for (const k of FLOAT_COLUMNS) firms[k] = new Float64Array(n);
  for (const k of INT_COLUMNS) firms[k] = new Int32Array(n);
  const work = createPassWork(1, n, banks, 1, false, false);
  for (let j = 0; j < n; j++) work.financeSlot[j] = j; // records in firm order unless a test says otherwise
  return {
    households: { n: 0 } as unknown as SliceView["households"],
    firms: firms as unknown as Firms,
    unemployed: new Int32Array(0),
    work,
  };
}
