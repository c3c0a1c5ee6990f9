// Structural credit risk for listed borrowers (docs/ODD.md §7.11, "Credit and equity
// markets"; issue 3, item 6): a firm's equity is a call option on its assets
// struck at its debt (Merton 1974), so its market value and volatility reveal
// the value and volatility of the assets behind them, how many standard
// deviations those assets stand above the default point (the KMV distance to
// default; Crosbie & Bohn 2003) and so a default probability. A CDS spread is
// then the hazard rate times the loss given default plus a risk premium that
// rises with market stress. When share prices fall and their volatility
// rises, distances to default shrink and spreads widen — the financial
// accelerator's credit leg.
//
// Pure functions of scalars: no model state, no randomness, no allocation
// except where a result object is returned (pass `out` to reuse one).

/** Bounds on every default probability returned here (CDS quotes never reach 0 or 1). */
export const PD_MIN = 1e-6;
export const PD_MAX = 0.999;
/** Distances to default are reported within ±DD_CAP (N(−40) is 0 in double precision). */
export const DD_CAP = 40;

/**
 * Defaults for spreads and the stress index, per year unless stated.
 * Spread levels aim at late-2025 5-yr CDS: hyperscalers ≈ 35–45 bp,
 * legacy cloud ≈ 100–125 bp, neocloud ≈ 400–650 bp (docs/calibration.md §3).
 */
export const DEFAULT_CREDIT_RISK_PARAMS = {
  /** Loss given default: CDS market convention of 40 % recovery (35–40 %, docs/calibration.md §8). */
  lossGivenDefault: 0.6,
  /**
   * Spread paid over expected loss in calm markets, bp. Structural models
   * leave most investment-grade spread unexplained (the "credit spread
   * puzzle", Huang & Huang 2012): a hyperscaler's Merton PD is ≈ 0, yet its
   * CDS trades at 35–45 bp (docs/calibration.md §3). This premium carries that.
   */
  baseRiskPremiumBp: 30,
  /** Extra premium at full market stress (stress = 1), bp; HY spreads averaged ≈ 550 bp, 1996–2022 (docs/calibration.md §8). */
  stressPremiumBp: 150,
  /** Peak-to-trough drawdown of the market index that counts as full stress (S&P 500: −49 % in 2000–02, −57 % in 2007–09). */
  drawdownAtFullStress: 0.4,
  /** Widening of the average spread that counts as full stress, bp (CoreWeave +275 bp in six weeks, Oct–Nov 2025, docs/calibration.md §3). */
  spreadWideningAtFullStressBp: 300,
  /** Weight of the equity drawdown in the stress index; the spread change gets the rest. */
  drawdownWeight: 0.5,
} as const;

// ---------------------------------------------------------------------------
// Standard normal distribution
// ---------------------------------------------------------------------------

const SQRT_HALF = Math.SQRT1_2;
const ONE_OVER_SQRT_PI = 0.5641895835477563;

/**
 * Complementary error function erfc(x), by W. J. Cody's rational Chebyshev
 * approximations ("Rational Chebyshev approximations for the error
 * function", Math. Comp. 23, 1969, 631–637; the SPECFUN routine CALERF).
 * Relative error near machine precision on the whole real line, including
 * the far tail where 1 − erf(x) would cancel. The coefficients are Cody's,
 * written as the doubles they round to.
 */
export function erfc(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.46875) {
    const t = y * y;
    const num =
      (((0.18577770618460315 * t + 3.1611237438705655) * t + 113.86415415105016) * t + 377.485237685302) * t +
      3209.3775891384694;
    const den =
      (((t + 23.601290952344122) * t + 244.02463793444417) * t + 1282.6165260773723) * t + 2844.236833439171;
    return 1 - (x * num) / den;
  }
  if (y >= 26.7) return x > 0 ? 0 : 2;
  let r: number;
  if (y <= 4) {
    const num =
      (((((((2.1531153547440383e-8 * y + 0.5641884969886701) * y + 8.883149794388377) * y +
        66.11919063714163) *
        y +
        298.6351381974001) *
        y +
        881.952221241769) *
        y +
        1712.0476126340707) *
        y +
        2051.0783778260716) *
        y +
      1230.3393547979972;
    const den =
      (((((((y + 15.744926110709835) * y + 117.6939508913125) * y + 537.1811018620099) * y +
        1621.3895745666903) *
        y +
        3290.7992357334597) *
        y +
        4362.619090143247) *
        y +
        3439.3676741437216) *
        y +
      1230.3393548037495;
    r = num / den;
  } else {
    const t = 1 / (y * y);
    const num =
      ((((0.016315387137302097 * t + 0.30532663496123236) * t + 0.36034489994980445) * t +
        0.12578172611122926) *
        t +
        0.016083785148742275) *
        t +
      0.0006587491615298378;
    const den =
      ((((t + 2.568520192289822) * t + 1.8729528499234604) * t + 0.5279051029514285) * t +
        0.06051834131244132) *
        t +
      0.0023352049762686918;
    r = (ONE_OVER_SQRT_PI - (t * num) / den) / y;
  }
  // exp(−y²) split as exp(−a²)·exp(−(y−a)(y+a)) with a = y rounded down to
  // 1/16, so the rounding error of y² is not amplified (as in CALERF).
  const a = Math.trunc(y * 16) / 16;
  r *= Math.exp(-a * a) * Math.exp(-(y - a) * (y + a));
  return x < 0 ? 2 - r : r;
}

/** Standard normal cumulative distribution N(x) = erfc(−x/√2)/2; accurate in both tails. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x * SQRT_HALF);
}

/** Standard normal density. */
export function normalPdf(x: number): number {
  return 0.3989422804014327 * Math.exp(-0.5 * x * x);
}

// ---------------------------------------------------------------------------
// Merton model / distance to default
// ---------------------------------------------------------------------------

export interface MertonInput {
  /** Market value of equity, USD (any consistent unit). */
  equityValue: number;
  /** Volatility of equity returns, per year (e.g. 0.9 for 90 %/yr). */
  equityVolatility: number;
  /**
   * Face value of debt due at the horizon — the default point, USD. KMV's
   * convention is short-term debt plus half the long-term debt; the caller
   * chooses.
   */
  debt: number;
  /** Risk-free rate, per year, continuously compounded. */
  riskFreeRate: number;
  /** Horizon T, years; PD is the probability of default by T. Default 1. */
  horizonYears?: number;
  /**
   * Expected asset return μ per year for a real-world (KMV-style) PD. Leave
   * undefined for the risk-neutral PD (μ = riskFreeRate), the one that
   * prices CDS protection.
   */
  assetDriftYearly?: number;
}

export interface MertonResult {
  /** Implied market value of assets V, USD. */
  assetValue: number;
  /** Implied asset volatility σ_V, per year. */
  assetVolatility: number;
  /** (ln(V/D) + (μ − σ_V²/2)T) / (σ_V √T), within ±DD_CAP. */
  distanceToDefault: number;
  /** Probability of default by the horizon, N(−DD), clamped to [PD_MIN, PD_MAX] (0 when there is no debt). */
  pd: number;
  /** The same risk as a constant yearly rate: 1 − (1 − pd)^(1/T), clamped likewise. */
  pdYearly: number;
  /** False only if the solver hit its iteration limit (the best estimate is still returned). */
  converged: boolean;
}

/** A fresh result record, for callers that reuse one via `out`. */
export function createMertonResult(): MertonResult {
  return { assetValue: 0, assetVolatility: 0, distanceToDefault: 0, pd: 0, pdYearly: 0, converged: true };
}

/**
 * Default probability from a structural model (Merton 1974, "On the pricing
 * of corporate debt", J. Finance 29; distance to default as in KMV, Crosbie &
 * Bohn 2003). Solves the two Merton equations
 *
 *   E = V N(d1) − D e^{−rT} N(d2),     σ_E E = N(d1) σ_V V,
 *   d1 = (ln(V/D) + (r + σ_V²/2)T) / (σ_V √T),  d2 = d1 − σ_V √T,
 *
 * for the asset value V and asset volatility σ_V, then returns
 * PD = N(−DD) with DD = (ln(V/D) + (μ − σ_V²/2)T)/(σ_V √T). With μ = r
 * (the default) DD = d2 and the PD is risk-neutral; pass `assetDriftYearly`
 * for a real-world PD.
 *
 * Solver: the equity volatility equation is solved for σ_V by Brent's
 * method on the bracket (0, σ_E] — the residual is negative as σ_V → 0 and
 * non-negative at σ_V = σ_E because equity is levered — and for each trial
 * σ_V the call-price equation is solved for V by Newton's method started at
 * the upper bound E + De^{−rT}; the call price is increasing and convex in
 * V, so those steps fall monotonically onto the root, and a bisection on
 * [E, E + De^{−rT}] takes over should they stall.
 *
 * Edge cases: equity ≤ 0 ⇒ pd = PD_MAX (the market prices the firm as
 * insolvent); debt ≤ 0 ⇒ pd = 0 (nothing to default on); equity volatility
 * ≤ 0 ⇒ assets are riskless and pd = PD_MIN. Throws RangeError on a
 * non-finite input or a non-positive horizon.
 */
export function mertonDefaultProbability(input: MertonInput, out?: MertonResult): MertonResult {
  const res = out ?? createMertonResult();
  const E = input.equityValue;
  const sigmaE = input.equityVolatility;
  const D = input.debt;
  const r = input.riskFreeRate;
  const T = input.horizonYears ?? 1;
  const mu = input.assetDriftYearly ?? r;
  if (!Number.isFinite(E)) throw new RangeError(`mertonDefaultProbability: equityValue is ${E}`);
  if (!Number.isFinite(sigmaE))
    throw new RangeError(`mertonDefaultProbability: equityVolatility is ${sigmaE}`);
  if (!Number.isFinite(D)) throw new RangeError(`mertonDefaultProbability: debt is ${D}`);
  if (!Number.isFinite(r)) throw new RangeError(`mertonDefaultProbability: riskFreeRate is ${r}`);
  if (!Number.isFinite(mu)) throw new RangeError(`mertonDefaultProbability: assetDriftYearly is ${mu}`);
  if (!(T > 0) || !Number.isFinite(T)) throw new RangeError(`mertonDefaultProbability: horizonYears is ${T}`);
  res.converged = true;
  if (D <= 0) {
    res.assetValue = Math.max(0, E);
    res.assetVolatility = Math.max(0, sigmaE);
    res.distanceToDefault = DD_CAP;
    res.pd = 0;
    res.pdYearly = 0;
    return res;
  }
  const K = D * Math.exp(-r * T); // present value of the debt
  if (E <= 0) {
    res.assetValue = K;
    res.assetVolatility = Math.max(0, sigmaE);
    res.distanceToDefault = -DD_CAP;
    res.pd = PD_MAX;
    res.pdYearly = PD_MAX;
    return res;
  }
  const sqrtT = Math.sqrt(T);
  let V: number;
  let sigmaV: number;
  if (sigmaE <= 0) {
    sigmaV = 0;
    V = E + K;
  } else {
    sigmaV = solveAssetVolatility(E, sigmaE, K, sqrtT, res);
    V = assetValueGivenVol(sigmaV, E, K, sqrtT);
  }
  res.assetValue = V;
  res.assetVolatility = sigmaV;
  let dd: number;
  if (sigmaV > 0) {
    dd = (Math.log(V / D) + (mu - 0.5 * sigmaV * sigmaV) * T) / (sigmaV * sqrtT);
  } else {
    dd = Math.log(V / D) + mu * T > 0 ? DD_CAP : -DD_CAP;
  }
  dd = Math.max(-DD_CAP, Math.min(DD_CAP, dd));
  res.distanceToDefault = dd;
  const pd = clampPd(normalCdf(-dd));
  res.pd = pd;
  res.pdYearly = annualisePd(pd, T);
  return res;
}

/**
 * The asset volatility σ_V that reproduces the equity volatility σ_E:
 * Brent's method (Brent 1973, ch. 4) on g(σ) = N(d1) σ V(σ) − σ_E E, where
 * V(σ) is the asset value that prices the equity at E. Sets
 * `res.converged` to false when 200 iterations did not bracket the root to
 * tolerance.
 */
function solveAssetVolatility(
  E: number,
  sigmaE: number,
  K: number,
  sqrtT: number,
  res: MertonResult,
): number {
  let a = sigmaE * 1e-9;
  let b = sigmaE;
  let fa = volResidual(a, E, sigmaE, K, sqrtT);
  let fb = volResidual(b, E, sigmaE, K, sqrtT);
  if (fb <= 0) return b; // equity ≈ assets (negligible debt): σ_V = σ_E
  if (fa >= 0) return a;
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  let done = false;
  for (let iter = 0; iter < 200; iter++) {
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * Number.EPSILON * Math.abs(b) + 1e-15 * sigmaE;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol || fb === 0) {
      done = true;
      break;
    }
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      // Inverse quadratic interpolation, or the secant step when a = c.
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const rr = fb / fc;
        p = s * (2 * m * qq * (qq - rr) - (b - a) * (rr - 1));
        q = (qq - 1) * (rr - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = volResidual(b, E, sigmaE, K, sqrtT);
  }
  res.converged = done;
  return b;
}

/** Black–Scholes value of equity as a call on assets V with vol σ, strike PV K (K = De^{−rT}). */
function callValue(V: number, sigma: number, K: number, sqrtT: number): number {
  const sT = sigma * sqrtT;
  const d1 = Math.log(V / K) / sT + 0.5 * sT;
  return V * normalCdf(d1) - K * normalCdf(d1 - sT);
}

/**
 * The asset value V at which the call on V (vol σ, PV strike K) is worth E:
 * Newton from the upper bound E + K (convex increasing call ⇒ monotone
 * convergence), with bisection on [E, E + K] as a fallback.
 */
function assetValueGivenVol(sigma: number, E: number, K: number, sqrtT: number): number {
  const sT = sigma * sqrtT;
  let V = E + K;
  for (let iter = 0; iter < 100; iter++) {
    const d1 = Math.log(V / K) / sT + 0.5 * sT;
    const delta = normalCdf(d1);
    const f = V * delta - K * normalCdf(d1 - sT) - E;
    if (f <= 0 || delta <= 0) return V;
    const step = f / delta;
    const next = V - step;
    if (!(next > E) || step <= 1e-15 * V) return Math.max(E, next);
    V = next;
  }
  let lo = E;
  let hi = V;
  for (let iter = 0; iter < 200 && hi - lo > 1e-15 * hi; iter++) {
    const mid = 0.5 * (lo + hi);
    if (callValue(mid, sigma, K, sqrtT) > E) hi = mid;
    else lo = mid;
  }
  return 0.5 * (lo + hi);
}

/** Residual of the equity-volatility equation, N(d1) σ_V V − σ_E E, with V solved for this σ_V. */
function volResidual(sigma: number, E: number, sigmaE: number, K: number, sqrtT: number): number {
  const V = assetValueGivenVol(sigma, E, K, sqrtT);
  const sT = sigma * sqrtT;
  const d1 = Math.log(V / K) / sT + 0.5 * sT;
  return normalCdf(d1) * sigma * V - sigmaE * E;
}

function clampPd(pd: number): number {
  return Math.min(PD_MAX, Math.max(PD_MIN, pd));
}

/** A cumulative PD over `horizonYears` as the equivalent constant yearly PD, 1 − (1 − pd)^(1/T), clamped. */
export function annualisePd(pd: number, horizonYears: number): number {
  const p = Math.min(PD_MAX, Math.max(0, pd));
  return clampPd(-Math.expm1(Math.log1p(-p) / horizonYears));
}

// ---------------------------------------------------------------------------
// CDS spreads
// ---------------------------------------------------------------------------

export interface CdsSpreadInput {
  /** Default probability per year (e.g. MertonResult.pdYearly from a 5-yr horizon for a 5-yr CDS). */
  pdYearly: number;
  /** Fraction of exposure lost at default, 0..1. */
  lossGivenDefault: number;
  /** Market stress index, 0..1 (see marketStress); clamped. */
  stress: number;
  /** Premium over expected loss in calm markets, bp. */
  baseRiskPremiumBp: number;
  /** Additional premium at stress = 1, bp (linear in stress). */
  stressPremiumBp: number;
}

/**
 * CDS spread by the credit-triangle approximation (Hull, Options, Futures
 * and Other Derivatives, "credit default swaps"; O'Kane & Turnbull 2003):
 *
 *   spread ≈ h × LGD × 1e4 + baseRiskPremiumBp + stressPremiumBp × stress,
 *   h = −ln(1 − pdYearly)   (constant hazard rate with that yearly PD).
 *
 * The premium carries what default risk alone does not (the credit spread
 * puzzle: jump risk, liquidity, the price of systematic risk) and rises
 * linearly with market stress — the channel by which a sell-off widens
 * every spread at once. pdYearly is clamped to [0, PD_MAX].
 */
export function cdsSpreadBp(input: CdsSpreadInput): number {
  const pd = Math.min(PD_MAX, Math.max(0, input.pdYearly));
  const stress = Math.min(1, Math.max(0, input.stress));
  const hazard = -Math.log1p(-pd);
  return hazard * input.lossGivenDefault * 1e4 + input.baseRiskPremiumBp + input.stressPremiumBp * stress;
}

// ---------------------------------------------------------------------------
// Equity volatility and market stress
// ---------------------------------------------------------------------------

/**
 * Exponentially weighted moving average of squared returns (RiskMetrics,
 * J.P. Morgan/Reuters 1996, §5.2): σ²_t = λ σ²_{t−1} + (1 − λ) r_t², the
 * variance per period of the return r (here log returns per monthly tick).
 * λ = 0.94 follows the brief; RiskMetrics itself used 0.94 for daily and
 * 0.97 for monthly data — a lower λ reacts faster. Convert with
 * annualisedVolatility.
 */
export function equityVolatilityEstimate(prevVariance: number, logReturn: number, lambda = 0.94): number {
  return lambda * prevVariance + (1 - lambda) * logReturn * logReturn;
}

/** Volatility per year from a variance per period: √(variance × periodsPerYear) (i.i.d. returns). */
export function annualisedVolatility(variancePerPeriod: number, periodsPerYear = 12): number {
  return Math.sqrt(Math.max(0, variancePerPeriod) * periodsPerYear);
}

export interface MarketStressInput {
  /** Current level of the market index (any positive unit). */
  indexLevel: number;
  /** Running maximum of the index over the look-back the caller keeps (≥ indexLevel). */
  indexPeak: number;
  /** Change of the average CDS spread over the caller's window (e.g. the last three months), bp; tightening counts as 0. */
  spreadChangeBp: number;
  /** Drawdown counted as full stress; default DEFAULT_CREDIT_RISK_PARAMS.drawdownAtFullStress. */
  drawdownAtFullStress?: number;
  /** Spread widening counted as full stress, bp; default DEFAULT_CREDIT_RISK_PARAMS.spreadWideningAtFullStressBp. */
  spreadWideningAtFullStressBp?: number;
  /** Weight of the drawdown component, 0..1; default 0.5. */
  drawdownWeight?: number;
}

/**
 * Market stress index in [0, 1], a two-component cut of the ECB's
 * Composite Indicator of Systemic Stress (Holló, Kremer & Lo Duca 2012,
 * ECB WP 1426), which measures equity stress by CMAX — the drawdown from the
 * running maximum — and credit stress by spread levels and changes:
 *
 *   stress = w · min(1, drawdown / drawdownAtFull)
 *          + (1 − w) · min(1, max(0, Δspread) / wideningAtFull),
 *   drawdown = max(0, 1 − index / peak).
 *
 * Linear and capped, no correlation weighting. Spreads depend on stress, so
 * the caller passes last tick's spread change to keep the tick acyclic.
 */
export function marketStress(input: MarketStressInput): number {
  const ddFull = input.drawdownAtFullStress ?? DEFAULT_CREDIT_RISK_PARAMS.drawdownAtFullStress;
  const spFull =
    input.spreadWideningAtFullStressBp ?? DEFAULT_CREDIT_RISK_PARAMS.spreadWideningAtFullStressBp;
  const w = Math.min(1, Math.max(0, input.drawdownWeight ?? DEFAULT_CREDIT_RISK_PARAMS.drawdownWeight));
  const drawdown = input.indexPeak > 0 ? Math.max(0, 1 - input.indexLevel / input.indexPeak) : 0;
  const equityPart = Math.min(1, drawdown / ddFull);
  const creditPart = Math.min(1, Math.max(0, input.spreadChangeBp) / spFull);
  const s = w * equityPart + (1 - w) * creditPart;
  return Number.isFinite(s) ? s : 0;
}
