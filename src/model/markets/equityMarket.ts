// Share prices of the listed firms (docs/ODD.md §7.11, "Credit and equity markets";
// issue 3, item 5): heterogeneous expectations in the manner of Brock &
// Hommes (1998, "Heterogeneous beliefs and routes to chaos in a simple asset
// pricing model", JEDC 22). Fundamentalists expect the price to revert to
// the fundamental value; trend followers extrapolate the last return; traders
// switch between the two by a discrete-choice (logit) rule on the recent
// realised profits of each strategy. A market maker moves the price with
// excess demand (Beja & Goldman 1980), as in the structural models of
// Franke & Westerhoff (2012, "Structural stochastic volatility in asset
// pricing dynamics", JEDC 36), whose timing of realised profits we follow.
// A short-selling fund leans on the firms the caller scores as fragile.
//
// When trend following has been paying, more traders follow the trend, which
// makes it pay more: prices overshoot the fundamental (a bubble) until the
// widening gap makes fundamentalism the better bet and the switch reverses —
// the crash. Nothing is scripted: both come from the switching rule.
// With the defaults and a constant fundamental, returns have ≈ 15 %/yr
// volatility, the log mispricing a standard deviation of ≈ 0.2 and the price
// is more than 35 % above the fundamental in ≈ 4 % of months (2,000
// simulated years). When μγ > 1 and β is high (see the tests) a single
// fundamental shock sets off boom–bust cycles of +100 % / −50 %.
//
// State is a struct of typed arrays, one slot per listed asset; the per-tick
// step reads and writes slot i only and allocates nothing.

/** Parameters of one asset's price formation, per monthly tick. */
export interface EquityMarketParams {
  /** φ: share of the log gap to the fundamental that fundamentalists expect to close per tick. */
  reversionSpeed: number;
  /**
   * Scale of the fundamentalists' S-shaped demand φ·s_f·tanh(gap/s_f): linear
   * for small mispricings, capped for large ones (position limits). The cap
   * bounds the losses fundamentalists can book while a bubble runs, so the
   * misalignment term always wins in the end. ≤ 0 means linear (no cap).
   */
  fundamentalSaturation: number;
  /** γ: weight trend followers put on the last log return. */
  trendWeight: number;
  /**
   * Scale s of the S-shaped trend demand γ·s·tanh(r/s) (Chiarella 1992,
   * "The dynamics of speculative behaviour", Ann. Oper. Res. 37): linear for
   * returns well below s, capped at γ·s. ≤ 0 means linear (no cap).
   */
  trendSaturation: number;
  /** β: intensity of choice of the logit switching rule (per unit of fitness difference). */
  intensityOfChoice: number;
  /** η: memory of the fitness measure, 0..1 (U_t = profit_t + η U_{t−1}, Brock & Hommes 1998). */
  fitnessMemory: number;
  /** α₀: predisposition towards fundamentalism, added to the switching index (Franke & Westerhoff 2012). */
  fundamentalistPredisposition: number;
  /**
   * α_p: the further the price from the fundamental, the more traders trust
   * reversion — α_p·(ln p − ln F)² is added to the fundamentalists' fitness
   * (the "misalignment" term of Franke & Westerhoff 2012, here inside β so
   * that it is weighed in the same units as profits). Because both demands
   * are capped, the fitness lead trend following can build up is bounded,
   * and this term ends every bubble at a finite mispricing.
   */
  misalignmentWeight: number;
  /** μ: market-maker price impact, log return per unit of excess demand. */
  priceImpact: number;
  /** σ: volatility of the exogenous news term, log return per tick (multiplies the caller's N(0,1) draw). */
  noiseVolatility: number;
  /**
   * ν: share of the tick's change in the log fundamental that passes straight
   * into the log price, before excess demand moves it — the deviation form of
   * Boswijk, Hommes & Manzan (2007, "Behavioral heterogeneity in stock
   * prices", JEDC 31), in which the price follows a moving fundamental and
   * the traders act on the gap. 0: news reaches the price only through the
   * fundamentalists' demand on the gap; 1: an efficient market's benchmark.
   */
  newsPassThrough: number;
  /** κ: the short-selling fund's selling per tick at a target score of 1, in demand units. */
  shortPressure: number;
  /** λ of the EWMA variance of log returns (RiskMetrics). */
  varianceDecay: number;
}

/** Sensible monthly defaults (one asset; callers may pass a per-asset copy, e.g. with a larger noiseVolatility for a neocloud). */
export const DEFAULT_EQUITY_MARKET_PARAMS: Readonly<EquityMarketParams> = Object.freeze({
  /** Fundamentalists expect 8 % of the log mispricing to go per month: half-life ≈ 8 months. */
  reversionSpeed: 0.08,
  /** Fundamentalist positions saturate at log mispricings of about ±1 (a factor of e). */
  fundamentalSaturation: 1,
  /**
   * Trend followers buy 0.7 units per unit of last month's log return. With
   * μγ < 1 even a market of trend followers only is not explosive; above 1
   * it is, until the saturation caps the drift at μγs a month — the regime
   * of violent boom–bust cycles.
   */
  trendWeight: 0.7,
  /** Trend demand saturates at monthly returns of about ±10 %. */
  trendSaturation: 0.1,
  /** Logit intensity; fitness is in demand × log-return units, of order 1e-3, so β is large (β·1e-3 ≈ 0.6). */
  intensityOfChoice: 600,
  /** Fitness forgets 15 % a month: switching responds to the last half year or so. */
  fitnessMemory: 0.85,
  /** No built-in bias: shares start at one half and move only with relative profits. */
  fundamentalistPredisposition: 0,
  /** A 50 % overvaluation (log gap 0.4) is worth 0.03·0.16 ≈ 0.005 of fitness to fundamentalism — several months of a strategy's profits. */
  misalignmentWeight: 0.03,
  /** One unit of excess demand moves the log price by one. */
  priceImpact: 1,
  /** Exogenous news: 4 % a month (≈ 14 %/yr); total volatility is higher once traders react. */
  noiseVolatility: 0.04,
  /** News about the fundamental reaches the price only through the fundamentalists' demand on the gap. */
  newsPassThrough: 0,
  /** At score 1 the fund sells 0.01 units a month: a steady discount of ≈ 17 % (≈ 11 % at score 0.5) with the other defaults. */
  shortPressure: 0.01,
  /** EWMA decay 0.94 per month (RiskMetrics used 0.97 for monthly data; 0.94 reacts faster). */
  varianceDecay: 0.94,
});

/** Per-asset state, one slot per listed asset (struct of typed arrays). */
export interface EquityMarketState {
  readonly n: number;
  /** Price per share this tick. */
  readonly price: Float64Array;
  /** Price per share last tick. */
  readonly previousPrice: Float64Array;
  /** Fundamental value per share used in the last step. */
  readonly fundamentalValue: Float64Array;
  /** n_f: share of traders who are fundamentalists (the rest follow trends). */
  readonly fundamentalistShare: Float64Array;
  /** U_f: discounted realised profits of the fundamentalist strategy. */
  readonly fitnessFundamentalist: Float64Array;
  /** U_c: discounted realised profits of the trend-following strategy. */
  readonly fitnessTrend: Float64Array;
  /** EWMA variance of monthly log returns. */
  readonly varianceMonthly: Float64Array;
  /** Selling by the short fund in the last step, demand units (κ × score). */
  readonly shortInterest: Float64Array;
  /** Positions per trader of each type one and two ticks ago (for realised profits). */
  readonly demandFundamentalistLag1: Float64Array;
  readonly demandFundamentalistLag2: Float64Array;
  readonly demandTrendLag1: Float64Array;
  readonly demandTrendLag2: Float64Array;
}

/** Allocates the state for n assets, all zero; set each slot with initEquityAsset before stepping. */
export function createEquityMarket(n: number): EquityMarketState {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`createEquityMarket: n is ${n}`);
  return {
    n,
    price: new Float64Array(n),
    previousPrice: new Float64Array(n),
    fundamentalValue: new Float64Array(n),
    fundamentalistShare: new Float64Array(n),
    fitnessFundamentalist: new Float64Array(n),
    fitnessTrend: new Float64Array(n),
    varianceMonthly: new Float64Array(n),
    shortInterest: new Float64Array(n),
    demandFundamentalistLag1: new Float64Array(n),
    demandFundamentalistLag2: new Float64Array(n),
    demandTrendLag1: new Float64Array(n),
    demandTrendLag2: new Float64Array(n),
  };
}

/**
 * Starts asset i at rest: price = previous price = `price`, the given
 * fundamental, half the traders fundamentalists, no fitness, no positions,
 * and an initial monthly return variance (e.g. (σ_yearly)²/12).
 */
export function initEquityAsset(
  state: EquityMarketState,
  i: number,
  price: number,
  fundamentalValue: number,
  varianceMonthly: number,
): void {
  if (!(price > 0) || !Number.isFinite(price)) throw new RangeError(`initEquityAsset: price is ${price}`);
  state.price[i] = price;
  state.previousPrice[i] = price;
  state.fundamentalValue[i] = fundamentalValue;
  state.fundamentalistShare[i] = 0.5;
  state.fitnessFundamentalist[i] = 0;
  state.fitnessTrend[i] = 0;
  state.varianceMonthly[i] = Math.max(0, varianceMonthly);
  state.shortInterest[i] = 0;
  state.demandFundamentalistLag1[i] = 0;
  state.demandFundamentalistLag2[i] = 0;
  state.demandTrendLag1[i] = 0;
  state.demandTrendLag2[i] = 0;
}

/** Inputs of one step of one asset; the caller may keep one record and overwrite its fields each call. */
export interface EquityStepInput {
  /** Fundamental value per share this tick (e.g. capitalised expected earnings); floored at a tiny positive number. */
  fundamentalValue: number;
  /** A standard normal draw supplied by the caller (its own random stream). */
  noise: number;
  /**
   * The short fund's target score, 0..1 (clamped): how attractive a short
   * this firm is. The caller computes it from leverage, cash flow and capex
   * intensity; 0 (the default) means no shorting.
   */
  shortScore?: number;
  /**
   * Signed orders from outside the two trader types, in demand units (e.g.
   * a short book's sales, negative, and covering, positive;
   * agents/aiChain/shortSellers.ts). Default 0.
   */
  orderFlow?: number;
  params: EquityMarketParams;
}

/** Floor for fundamental values so the log gap stays finite for a worthless firm. */
const MIN_FUNDAMENTAL = 1e-12;
/** Logit arguments beyond ±700 would overflow exp. */
const MAX_LOGIT = 700;

/**
 * One tick of price formation for asset i; returns the new price.
 *
 * 1. Realised return r_t = ln(p_t/p_{t−1}). Positions placed two steps ago
 *    were filled at p_{t−1} (the market maker's price after seeing them) and
 *    earned r_t; that profit updates each strategy's fitness,
 *    U_h ← d_{h,t−2}·r_t + η U_h (Brock & Hommes 1998 with the timing of
 *    Franke & Westerhoff 2012, so no strategy earns from its own price impact).
 * 2. Switching: n_f = 1 / (1 + exp(−(β (U_f − U_c + α_p (ln F − ln p_t)²) + α₀))).
 * 3. Demands per trader (S-shaped, Chiarella 1992): fundamentalists
 *    d_f = φ·s_f·tanh(ln(F/p_t)/s_f); trend followers d_c = γ·s·tanh(r_t/s);
 *    the short fund sells κ·score.
 * 4. Market maker: ln p_{t+1} = ln p_t + μ·(n_f d_f + (1 − n_f) d_c − κ·score + orders) + σ·noise.
 * 5. The EWMA variance takes the new return (RiskMetrics; see
 *    creditRisk.equityVolatilityEstimate).
 *
 * With the short fund active at a constant score the price settles at a
 * discount of about κ·score/(n_f φ) in logs: the fundamentalists' buying of
 * the mispricing has to absorb the fund's selling every tick (n_f itself
 * rises with the mispricing, through α_p).
 */
export function stepEquityMarket(state: EquityMarketState, i: number, input: EquityStepInput): number {
  const prm = input.params;
  const noise = input.noise;
  const F = input.fundamentalValue;
  if (!Number.isFinite(F)) throw new RangeError(`stepEquityMarket: fundamentalValue of asset ${i} is ${F}`);
  if (!Number.isFinite(noise)) throw new RangeError(`stepEquityMarket: noise for asset ${i} is ${noise}`);
  const rawScore = input.shortScore ?? 0;
  const score = Math.min(1, Math.max(0, rawScore));

  const p = state.price[i];
  const logP = Math.log(p);
  const r = logP - Math.log(state.previousPrice[i]);

  // 1. Fitness from realised profits of the positions filled at p_{t−1}.
  const eta = prm.fitnessMemory;
  const uF = state.demandFundamentalistLag2[i] * r + eta * state.fitnessFundamentalist[i];
  const uC = state.demandTrendLag2[i] * r + eta * state.fitnessTrend[i];
  state.fitnessFundamentalist[i] = uF;
  state.fitnessTrend[i] = uC;

  // 2. Discrete-choice switching, on the gap left once ν of the fundamental's move is priced (news; 0 with ν 0,
  // and logP + 0 is logP, so every expression is as before the term existed).
  const logF = Math.log(Math.max(F, MIN_FUNDAMENTAL));
  const previousF = state.fundamentalValue[i];
  const news =
    prm.newsPassThrough > 0 && previousF > 0 ? prm.newsPassThrough * (logF - Math.log(previousF)) : 0;
  const gap = logF - (logP + news);
  let z =
    prm.intensityOfChoice * (uF - uC + prm.misalignmentWeight * gap * gap) + prm.fundamentalistPredisposition;
  z = Math.min(MAX_LOGIT, Math.max(-MAX_LOGIT, z));
  const nF = 1 / (1 + Math.exp(-z));

  // 3. Demands.
  const sF = prm.fundamentalSaturation;
  const dF = sF > 0 ? prm.reversionSpeed * sF * Math.tanh(gap / sF) : prm.reversionSpeed * gap;
  const s = prm.trendSaturation;
  const dC = s > 0 ? prm.trendWeight * s * Math.tanh(r / s) : prm.trendWeight * r;
  const shortSelling = prm.shortPressure * score;

  // 4. Market maker, after the news.
  const excessDemand = nF * dF + (1 - nF) * dC - shortSelling + (input.orderFlow ?? 0);
  const logNext = logP + news + prm.priceImpact * excessDemand + prm.noiseVolatility * noise;
  const next = Math.exp(logNext);

  // 5. Bookkeeping.
  state.previousPrice[i] = p;
  state.price[i] = next;
  state.fundamentalValue[i] = F;
  state.fundamentalistShare[i] = nF;
  state.shortInterest[i] = shortSelling;
  const rNext = logNext - logP;
  const lambda = prm.varianceDecay;
  state.varianceMonthly[i] = lambda * state.varianceMonthly[i] + (1 - lambda) * rNext * rNext;
  state.demandFundamentalistLag2[i] = state.demandFundamentalistLag1[i];
  state.demandTrendLag2[i] = state.demandTrendLag1[i];
  state.demandFundamentalistLag1[i] = dF;
  state.demandTrendLag1[i] = dC;
  return next;
}

/**
 * Shares a firm must issue to raise `amountUsd` at the market price, less an
 * optional issuance discount (e.g. 0.05 for a 5 % discount to attract
 * buyers): amount / (price × (1 − discount)). Returns 0 when nothing can be
 * raised (no amount, no positive price, a discount of 100 % or more).
 * Issuing at market price leaves the price per share unchanged (cash in
 * equals the value of the new shares); the caller updates the share count
 * and the fundamental per share.
 */
export function issueShares(amountUsd: number, pricePerShare: number, issuanceDiscount = 0): number {
  const effective = pricePerShare * (1 - issuanceDiscount);
  if (!(amountUsd > 0) || !(effective > 0) || !Number.isFinite(amountUsd) || !Number.isFinite(effective)) {
    return 0;
  }
  return amountUsd / effective;
}
