// Voluntary exit of non-AI firms (issue 17, config group firms.exit): a firm
// whose business has shrunk and loses money closes while its assets still
// cover its debt, instead of lingering until it defaults. Pure rule over one
// firm's numbers; markets/credit.ts financeTermsKernel flags the firms that
// choose it and financeVisit resolves them (resolveFirmExit).
//
// Why (docs/calibration.md §10.17): customers move between the core's firms
// at random and firm sizes spread decade after decade (Gibrat's law), with
// identical firms as with heterogeneous ones. With default the only way out,
// the firms left behind stay small with the debt of a larger firm until they
// fail, and bankruptcies rise from ≈ 0.8 % of firms a year in a run's first
// decades to 7–10 % once the size distribution has settled — about the
// rate at which US employer firms close (≈ 8 % a year, Census BDS), of
// which bankruptcies are a small part (≈ 0.6 %).

/**
 * Whether a firm exits voluntarily this month (Hopenhayn 1992: exit below a
 * threshold of the firm's idiosyncratic state): it is at least `minAge`
 * months old (firms.exit.minAgeMonths; a successor counts from its entry),
 * its expected sales are below `share` × its sector's average
 * (firms.exit.salesShare; 0 turns the rule off), it has lost money for
 * months (smoothed earnings below 0, as agents/distress.ts inDistress), and
 * it is solvent — its deposits plus the collateral value its bank counts
 * cover its loans — so closing repays its lender in full. A firm that is
 * already insolvent is left to the default rule. Pure.
 *
 * @example choosesExit(60, 24, 3, 20, 0.25, -1, 5, 40, 30) // true: 3 < 0.25 × 20, losing money, 5 + 40 ≥ 30
 * @example choosesExit(60, 24, 3, 20, 0.25, -1, 5, 10, 30) // false: insolvent (5 + 10 < 30), left to default
 */
export function choosesExit(
  age: number,
  minAge: number,
  expectedSales: number,
  sectorAverageSales: number,
  share: number,
  earnings: number,
  deposits: number,
  collateral: number,
  loans: number,
): boolean {
  return (
    share > 0 &&
    age >= minAge &&
    expectedSales < share * sectorAverageSales &&
    earnings < 0 &&
    deposits + collateral >= loans
  );
}
