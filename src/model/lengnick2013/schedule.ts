// One month of the Lengnick (2013) baseline economy — the engine's tick —
// told in the paper's order (§3): the firms plan, the households revise
// their links and look for work, then every day households shop and firms
// produce, and at the month's end firms pay wages and dividends and
// households revise their reservation wages. Money is checked every day.
import { planConsumption } from "./consumption.ts";
import { adjustWorkforce, produce, setPrices, setWages } from "./firmRules.ts";
import { searchForJobs, updateReservationWages } from "./labourMarket.ts";
import { checkMoney } from "./moneyCheck.ts";
import { payDividends, payWages } from "./payments.ts";
import { shopForTheDay } from "./shopping.ts";
import { emptyFlows, type LengnickState } from "./state.ts";
import { switchSuppliersOnPrice, switchSuppliersOnQuantity } from "./suppliers.ts";

/**
 * Advances the economy by one month.
 * @throws ModelFailure if money is not conserved on some day.
 */
export function stepMonth(s: LengnickState): void {
  s.flows = emptyFlows();

  // ── Beginning of the month: firms ─────────────────────────────────────
  setWages(s); // unfilled vacancy ⇒ raise; gamma months filled ⇒ cut
  adjustWorkforce(s); // inventory vs [phi_lower, phi_upper] × last month's sales
  setPrices(s); // towards the inventory target, within markup bounds, with prob. theta

  // ── Beginning of the month: households ────────────────────────────────
  switchSuppliersOnPrice(s); // type A: a cheaper firm replaces a supplier
  switchSuppliersOnQuantity(s); // type A: a firm that left demand unserved is dropped
  searchForJobs(s); // unemployed visit beta firms; employed search for better pay
  planConsumption(s); // c = min((m/P)^alpha, m/P), spread over the days

  // ── The days ──────────────────────────────────────────────────────────
  for (let d = 0; d < s.params.daysPerMonth; d++) {
    shopForTheDay(s);
    produce(s);
    s.day++;
    checkMoney(s);
  }

  // ── End of the month ──────────────────────────────────────────────────
  payWages(s); // pro rata if the firm's money falls short
  payDividends(s); // everything above the buffer chi × wage bill, by household wealth
  updateReservationWages(s);
  closeMonth(s);
  checkMoney(s);
  s.month++;
}

/** Vacancy record for the wage rule, and this month's sales become last month's demand. */
function closeMonth(s: LengnickState): void {
  const firms = s.firms;
  for (let f = 0; f < firms.n; f++) {
    firms.monthsFilled[f] = firms.vacancy[f] === 1 ? 0 : firms.monthsFilled[f] + 1;
    firms.lastSold[f] = firms.sold[f];
    firms.sold[f] = 0;
  }
}
