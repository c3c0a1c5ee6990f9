import { gammaln } from "simple-statistics";

/** The outcome of McNemar's test on the discordant pairs of a paired 2 × 2 table. */
export interface McNemarResult {
  /** b + c: the pairs where the two arms disagree. */
  discordant: number;
  /** Two-sided p-value of "both arms have the same probability"; 1 without discordant pairs. */
  pValue: number;
  /** "exact" (binomial) below EXACT_LIMIT discordant pairs, else "chi-squared" (with continuity correction). */
  method: "exact" | "chi-squared";
}

/** Up to this many discordant pairs the exact binomial test is used (it is cheap; the χ² approximation is poor below ~25). */
export const MCNEMAR_EXACT_LIMIT = 25;

/**
 * McNemar's test for paired binary outcomes, e.g. "the chain's neocloud
 * defaulted" in arm A and arm B run on the same seeds. Only the discordant
 * pairs carry information: b = yes in A only, c = yes in B only. Under the
 * null (equal probabilities) b ~ Binomial(b + c, ½).
 *
 * - b + c ≤ MCNEMAR_EXACT_LIMIT: exact two-sided p = min(1, 2 · P(X ≤ min(b, c))),
 *   X ~ Binomial(b + c, ½) (the "exact conditional" McNemar test);
 * - larger: χ² = (|b − c| − 1)² / (b + c) on 1 degree of freedom (Edwards'
 *   continuity correction), p = 2(1 − Φ(√χ²)).
 *
 * Reference: McNemar (1947), Psychometrika 12(2); Edwards (1948),
 * Psychometrika 13(3); Fagerland, Lydersen & Laake (2013), "The McNemar test
 * for binary matched-pairs data: mid-p and asymptotic are better than exact
 * conditional", BMC Med. Res. Methodol. 13:91 (whose Cavo et al. table,
 * b = 6, c = 16, gives exact p = 0.0525).
 *
 * @example
 * mcnemarTest(6, 16); // { discordant: 22, pValue: 0.05248…, method: "exact" }
 *
 * @throws {RangeError} if b or c is not a non-negative integer.
 */
export function mcnemarTest(b: number, c: number): McNemarResult {
  for (const [name, v] of [
    ["b", b],
    ["c", c],
  ] as const) {
    if (!Number.isInteger(v) || v < 0)
      throw new RangeError(`${name} must be a non-negative integer, got ${v}`);
  }
  const n = b + c;
  if (n === 0) return { discordant: 0, pValue: 1, method: "exact" };
  if (n <= MCNEMAR_EXACT_LIMIT) {
    const k = Math.min(b, c);
    let tail = 0;
    for (let i = 0; i <= k; i++) {
      tail += Math.exp(gammaln(n + 1) - gammaln(i + 1) - gammaln(n - i + 1) - n * Math.LN2);
    }
    return { discordant: n, pValue: Math.min(1, 2 * tail), method: "exact" };
  }
  const chi2 = (Math.abs(b - c) - 1) ** 2 / n;
  return { discordant: n, pValue: Math.min(1, 2 * (1 - normalCdf(Math.sqrt(chi2)))), method: "chi-squared" };
}

/** Standard normal distribution function, by the complementary error function (Abramowitz & Stegun 7.1.26 is too coarse; W. J. Cody's rational erfc would do; this is Numerical Recipes' erfc, |error| < 1.2e-7). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}
