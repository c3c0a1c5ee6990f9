// GENERATED from configs/schema.json by `npm run gen:types` — do not edit by hand.
// Every object lists all its keys as required because ajv fills in the defaults.

/**
 * A Spiral run configuration. Every parameter has a description, a unit, a default and an allowed range; a config file only names what it changes. Money is in USD at real-US scale unless said otherwise (the model itself works per household, see scale); yearly rates are converted to the monthly tick.
 */
export interface SpiralConfig {
  /**
   * Optional pointer to this schema, for editors.
   */
  $schema?: string;
  /**
   * Path of another config file (relative to this one) whose values this file overrides. Chains are allowed; cycles are an error.
   */
  extends?: string;
  /**
   * Name of the configuration; used in result folder names and reports.
   */
  name: string;
  /**
   * Free text describing the scenario.
   */
  description: string;
  /**
   * Seed of the run: every random draw derives from it, so the same config and seed give byte-identical series files.
   */
  seed: number;
  /**
   * Run length. One tick is one month.
   */
  ticks: number;
  /**
   * Calendar month of tick 1, for the date column.
   */
  startDate: string;
  /**
   * Ticks at the start excluded from summary statistics, stylized facts and crisis detection (the economy settles from its initial balance sheet).
   */
  burnInTicks: number;
  /**
   * Scale of the simulated economy. N simulated households stand for the US household sector; every money amount in the model is per-household real USD, and outputs are multiplied by usHouseholds / N (docs/ODD.md §2, Scales).
   */
  scale: {
    /**
     * Number of US households that the simulated households stand for.
     */
    usHouseholds: number;
    /**
     * Nominal US GDP at the start, which fixes the initial output per household.
     */
    gdpUsdYearly: number;
  };
  /**
   * Households: workers, consumers and owners of firms (through their equity holdings) and of banks.
   */
  households: {
    /**
     * Number of simulated households (one worker each).
     */
    count: number;
    /**
     * Marginal propensity to consume out of expected disposable income for a household with no wealth (Caiani et al. 2016, consumption rule, α1).
     */
    mpcIncomeMax: number;
    /**
     * The same propensity for a very wealthy household: propensities fall with wealth (docs/ODD.md §7.7: lower propensity for the rich).
     */
    mpcIncomeMin: number;
    /**
     * Share of wealth (deposits + equity) consumed per year (Caiani et al. 2016, α2). 0.05 rather than 0.06: with the AI complex's market value in households' wealth (through the fund), 0.06 left households' spending plans above what firms supply and the 2015–25 warm-up swung between 0 % and 10 % unemployment; 0.05 halves that volatility and keeps configs/baseline.json's steady state (seeds 1–5, 600 months after the burn-in: mean unemployment 4.5–4.6 %, inflation 1.9–2.0 %, never at the lower bound).
     */
    mpcWealthYearly: number;
    /**
     * Relative fall of the income propensity to consume per unit of ex-ante real policy rate (policy rate − anchored expected inflation) above centralBank.neutralRealRateYearly (intertemporal substitution; the interest-rate channel of monetary policy on consumption). The factor is kept within [0.5, 1.5]. It must outweigh the interest-income channel — a higher rate pays households more interest on the public debt through banks' dividends and deposits (≈ 0.6–0.8 % of GDP per point at a debt of 100 % of GDP) — or a rate rise expands demand and the Taylor rule destabilises (at 0.5 the baseline sat at the lower bound or in a 14 % rate, 6 % inflation equilibrium). At 3 a 1-point rise in the real rate cuts consumption by ≈ 3 % (≈ 2 % of GDP) before the interest-income offset: a net fall of output of ≈ 1–1.5 % of GDP, the order of the peak output response to a 1-point policy shock in VAR studies (Christiano, Eichenbaum & Evans 2005, JPE 113(1); Ramey 2016, Handbook of Macroeconomics 2, ch. 2). Calibrated so that configs/baseline.json holds its steady state. Measured impulse response (npm run bench:irf: the rule's rate + 1 point for 12 months, 20 paired seeds, 10 000 households; docs/calibration.md §6.1): real GDP −2.5 % [−2.7, −2.0] at its peak 7 months in on configs/baseline.json, unemployment +1.6 points at 8 months, reversing to a boom by 18 months — 4–5× the −0.5 % of a VAR estimate and much faster than the narrative estimate's trough at 22 months (§6.1). Nearly all of it comes through this factor: at 0 the response vanishes (GDP +0.1–0.4 %, the interest-income channel), at 1.5 it is −0.9 % at 5 months; but below 3 the core loses its steady state (at 2, 1.5 and 1: mean unemployment 9.7, 12.1 and 17.0 %, the rate at its lower bound 31, 35 and 80 % of months; 4.5 % and 3 % at 3; configs/baseline.json, seeds 1–3 × 1 200 months), so 3 stays until the rule that sets demand's level is separated from its rate response (§6.1).
     */
    consumptionRateSensitivity: number;
    /**
     * Weight of the long-run level of the policy rate (centralBank.neutralRealRateYearly + inflation target) in the nominal rate that households' spending responds to (households.consumptionRateSensitivity): the rate is (1 − w) × policy rate + w × long-run level — the long rate that mortgages, car loans and bonds are priced on, which by the expectations hypothesis moves less than the policy rate when the policy rate is expected to return (the same form as the non-AI equity discount rate, markets/equity.ts equityLongRate, which uses the chain's sourced pass-through aiChain.valuation.policyPassThrough 0.4 — w = 0.6 in this form). 0 (the policy rate itself) by default, so every calibrated scenario keeps its behaviour; telecom-1997 uses 0.5: from 2000 to 2003 the 10-year Treasury yield fell 2.0 points (6.03 % → 4.01 %, annual means) while the fed funds rate fell 5.1 points (6.24 % → 1.13 %), a pass-through of ≈ 0.4 (FRED GS10, FEDFUNDS); with w = 0 the 2001–03 cuts to 1 % raise the income propensity ≈ 10–14 % in that replay and the economy overheats (docs/scenarios.md 'Replaying 1997–2003').
     */
    longRateWeight: number;
    /**
     * Mean lag, in months, with which households' spending adjusts to the real-rate gap (households.consumptionRateSensitivity): the factor on the income propensity reads an exponential moving average of the ex-ante real rate less households.neutralRealRateYearly, g ← g + (gap − g) / (1 + L) each month (macro.realRateGapSmoothed, in checkpoints; src/model/agents/households.ts smoothRateGap), instead of this month's gap. A gap held for good is reached in full, so the factor's long-run level — what holds the core at full employment against the interest-income channel — is unchanged, while a temporary rate shock moves spending less and later: the reduced form of habit persistence / gradual adjustment, which makes real spending respond to monetary policy with a gradual, hump-shaped path (Fuhrer 2000, AER 90(3): 367–390; Christiano, Eichenbaum & Evans 2005, JPE 113(1); docs/calibration.md §6.1). 0 (off: this month's gap, the calibrated behaviour) by default. Measured (npm run bench:irf, 20 paired seeds; docs/calibration.md §6.1): on configs/baseline.json the GDP trough of a 1-point, 12-month rate shift is −1.5 % at 12 months at L = 6 and −1.2 % at 28 months at L = 12 (−2.5 % at 7 off), and the core keeps a steady state to L = 12 (mean unemployment 5.1 %, the lower bound 17 % of months, against 4.5 % and 3 %); but the interest-income channel stays immediate, so a rate rise hardly restrains demand in its first months, the cycle is ≈ 20 % more volatile and baseline-2025's warm-up swings, leaving the late-2025 bands at every L tried (1–24) on its own (θ = 0). Off in the schema; configs/baseline.json (so every scenario) uses households.rateGapImmediateShare 0.6, households.rateGapSmoothingMonths 36 and banks.depositRateAdjustmentMonths 12 (mp18 pass, measured with firm distress on: the GDP trough −1.04 % at 10 months against −2.10 % at 5 off, unemployment +0.80 points, core GDP cycle sd 1.14 %; baseline-2025's households' neutral rate re-fitted to 0.95 %, telecom-1997's to 2.7 %).
     */
    rateGapSmoothingMonths: number;
    /**
     * Share θ of the real-rate gap that households' spending responds to within the month when households.rateGapSmoothingMonths L > 0: the factor on the income propensity (households.consumptionRateSensitivity) acts on θ × this month's gap + (1 − θ) × its moving average (macro.realRateGapSmoothed; src/model/agents/households.ts respondedRateGap). With θ = 0 the moving average alone (L's behaviour before this option, the default); with L = 0 both terms are this month's gap, so θ has no effect. A gap held for good is reached in full at every θ, so the factor's long-run level — what holds the core at full employment against the interest-income channel — is unchanged. The reduced form of a mix of spending that reprices at once (credit-financed durables) and spending bound by habit (Fuhrer 2000; Christiano, Eichenbaum & Evans 2005: a gradual, hump-shaped response): the immediate part keeps the rate channel's first-month strength above the interest-income channel (a rate rise pays households more interest at once), which the moving average alone lets fall to sensitivity/(1 + L) and so destabilises the Taylor loop. Measured (npm run bench:irf, 20 paired seeds; docs/calibration.md §6.1): on configs/baseline.json θ 0.3 with L 24–36 gives the evidence's shape — a GDP trough of −0.6 to −1.0 % at 22–27 months to a 1-point, 12-month rate shift (−2.5 % at 7 off), unemployment +0.4 to +0.7 points, mean unemployment 4.8–4.9 %, a calmer cycle — but baseline-2025's warm-up then swings out of the late-2025 bands whatever its households' neutral rate; only θ ≥ 0.6 keeps them (with L 24 and banks.depositRateAdjustmentMonths 12: −1.2 % at 8 months, r* 0.007–0.009), still ≈ 2.5× the panel-VAR −0.5 % and early. Off in the schema; configs/baseline.json (so every scenario) uses households.rateGapImmediateShare 0.183 since stop 38 (0.204 in stops 36–37) — estimated with the business cycle by configs/calibration/us-cycle.json, with real GDP's response to a 1-point, 12-month rate shift over months 4–6 (0 ± 0.25 %) and 22–24 (−0.5 ± 0.25 %) as targets (se 0.140; GDP trough −0.72 % at 25 months, unemployment +0.53 points; baseline-2025's start re-fitted: initial.priceLevel 0.5, the inflation anchor 0.7 points above target, households' neutral rate 1.15 %; telecom-1997's 3.3 %; docs/calibration.md §6.1) — with households.rateGapSmoothingMonths 36 and banks.depositRateAdjustmentMonths 12; 0.6 from the mp18 pass to stop 35 (mp18 pass, measured with firm distress on: the GDP trough −1.04 % at 10 months against −2.10 % at 5 off, unemployment +0.80 points, core GDP cycle sd 1.14 %; baseline-2025's households' neutral rate re-fitted to 0.95 %, telecom-1997's to 2.7 %).
     */
    rateGapImmediateShare: number;
    /**
     * The economy's neutral real rate in the consumption rule: the ex-ante real policy rate at which households neither postpone nor bring forward spending (households.consumptionRateSensitivity acts on the real rate above it). The central bank does not observe it: its rule uses its own estimate (centralBank.neutralRealRateYearly at the start, revised at centralBank.neutralRateLearning), so a central bank that under- or over-estimates r* runs a looser or tighter stance than it intends (Orphanides & Williams 2002; Laubach & Williams 2003). The default equals the central bank's first estimate.
     */
    neutralRealRateYearly: number;
    /**
     * Wealth, in months of average household income, at which the income propensity is halfway between max and min.
     */
    wealthScaleMonths: number;
    /**
     * Weight of the latest income in the adaptive expected-income rule (Caiani et al. 2016).
     */
    incomeExpectationWeight: number;
    /**
     * Fall of an unemployed household's reservation wage per month of unemployment (Caiani et al. 2016, reservation wage revision).
     */
    reservationWageDecayMonthly: number;
    /**
     * Exogenous job separations (quits, retirements) per employed worker per month, on top of firings.
     */
    separationRateMonthly: number;
    /**
     * Probability per month that a household compares its supplier with one other random consumption firm (switching to it if cheaper); a household that was rationed always compares.
     */
    supplierSwitchProbability: number;
    /**
     * Word-of-mouth supplier search (markets/supplierReferral.ts candidateSupplier; docs/ODD.md §7.7): the share of a household's supplier comparisons whose candidate it hears of from other buyers, drawn in proportion to the consumption firms' market shares (last month's nominal demand) instead of uniformly. Preferential attachment (Simon 1955; Axtell 2001): a firm's inflow of customers becomes proportional to its size as its outflow already is (Gibrat's law), while the uniform draws (1 − this share) keep small firms and entrants in reach — the generator of a Zipf firm-size tail. 0 (the default): every candidate is drawn uniformly (Delli Gatti et al. 2010, Caiani et al. 2016), as before. Measured on the core in docs/calibration.md §10.9.
     */
    supplierReferralShare: number;
    /**
     * How many customers of a consumption firm that ran out of stock last month search for another supplier because of it (agents/households.ts searchesAfterStockout; docs/ODD.md §7.7). The goods market rations a firm's customers proportionally, so each went short of the unfilled share 1 − f of its order (f the firm's fill ratio); with this sensitivity k > 0 each searches with probability min(1, k (1 − f)), and moves to the candidate if it is cheaper for its appeal or had goods, as before. k = 1: as many search as the empty shelf would have turned away under first come, first served. 0 (the default): the rule before — every customer of a firm that missed any of its orders, even 1 %, searches (the limit k → ∞). Under the rule before a growing firm that runs a little short loses most of its customers at once (a consumption firm has about 50), which caps the largest firms and keeps the firm-size tail thin (docs/calibration.md §10.9, §10.11). The rest of the search rule (households.supplierSwitchProbability, price / appeal) is unchanged.
     */
    stockoutSearchSensitivity: number;
    /**
     * Share σ of a rationed household's unfilled order that it buys the same month from other consumption firms (src/model/markets/goods.ts clearConsumptionMarket, sellSpillover; docs/ODD.md §7.7): the goods market rations a firm's customers proportionally, and the part σ (1 − f) of each order it could not fill (f its fill ratio) goes to the stocks the other firms have left after their own customers, in proportion to their value (like the government's purchases), scaled down alike if those stocks fall short; the sellers count it in their sales and real demand. 0 (the default): the rule before — an order the supplier cannot fill stays unspent, in the buyer's deposits. A simulated household stands for scale.usHouseholds / households.count (13 200) US households, so a very wealthy one (the Pareto tail of households.depositParetoAlpha) can order many times what one firm holds; with σ = 0 what it cannot buy stays in its deposits, and that household's deposits and unmet demand grow without bound (core seed 11: one household with 16.7 % of deposits, 32 % of equity and 8.4 % of consumption demand at the start, 80 % of deposits by month 960; docs/calibration.md §10.14). configs/baseline.json sets 0.3 (stop 31, docs/calibration.md §10.15): core seeds 1–20 × 1 200 months mean unemployment 5.77 % (4.37–29.3) → 4.49 % (4.38–4.61).
     */
    rationedDemandSpillover: number;
    /**
     * Share of all equity held by the top 10 % of households (wealth concentration of stock ownership).
     */
    equityTopDecileShare: number;
    /**
     * Pareto tail exponent of the initial distribution of household deposits (smaller = more concentrated).
     */
    depositParetoAlpha: number;
  };
  /**
   * Non-AI corporate sector: consumption-goods firms (labour and capital) and capital-goods firms (labour only), after Caiani et al. (2016).
   */
  firms: {
    /**
     * Consumption-goods firms: sell to households and the government; produce with labour and capital (Leontief).
     */
    consumption: {
      /**
       * Number of consumption-goods firms; 0 (the default) = households.count / firms.consumption.householdsPerFirm, rounded, at least 1: firms scale with households, so a firm's size and its share of the market, of its bank's loans and of the labour market do not change with the number of simulated households (src/model/population.ts).
       */
      count: number;
      /**
       * Simulated households per consumption-goods firm, used when firms.consumption.count is not set. configs/baseline.json sets 25 (stop 31): ≈ 20 employees a firm, near the US ≈ 21 per employer firm (Census SUSB, grade C), and over seeds 1–10 × 1 200 months a closer fit of the cycle moments — corr(C, Y) 0.79 → 0.86, corr(N, Y) 0.72 → 0.78, bankruptcies 0.98 → 0.70 % a year (docs/calibration.md §10.13); the core is estimated at 25 (docs/calibration-tool.md, 'Current estimate (stop 31 pass)').
       */
      householdsPerFirm: number;
      /**
       * Real output per worker per month, in initial-price USD.
       */
      laborProductivity: number;
      /**
       * Initial capital stock relative to the firm's annual output.
       */
      capitalOutputRatioYears: number;
      /**
       * Capacity utilisation that firms regard as normal (Caiani et al. 2016, ū).
       */
      targetUtilization: number;
      /**
       * Depreciation of the capital stock.
       */
      depreciationYearly: number;
      /**
       * Desired yearly capacity growth per unit relative gap between the firm's profit rate and the normal one (Caiani et al. 2016, γ1).
       */
      investmentProfitSensitivity: number;
      /**
       * Desired yearly capacity growth per unit relative gap between expected and normal utilisation (Caiani et al. 2016, γ2).
       */
      investmentUtilizationSensitivity: number;
      /**
       * The accelerator: desired yearly capacity growth per unit of annualised growth of the firm's expected sales (12 × its relative change at this month's plan). 1: capacity follows expected demand one for one; 0: no accelerator (the rule before issue 17). Estimated in configs/calibration/estimates/us-cycle.calibrated.json; configs/baseline.json carries the estimate (0.0376 since stop 36; 0.0376 again in stop 38's).
       */
      investmentAcceleratorSensitivity: number;
      /**
       * Credit conditions in investment: desired yearly capacity growth falls by this times the excess spread of the firm's bank (its spread over the policy rate less banks.baseSpreadYearly: the bank's capital shortfall and the credit-spread shock, shocks.creditSpread). 0: no credit term (the rule before issue 17).
       */
      investmentCreditSensitivity: number;
      /**
       * The user cost of capital in investment: desired yearly capacity growth (src/model/agents/firms.ts desiredCapacityGrowth) falls by this times the real-rate gap x = policy rate − the inflation firms expect (macro.ts expectedInflation, firms.inflationAnchor) − centralBank.neutralRealRateYearly (investmentRealRateGap: the stance of policy, 0 on average when the Taylor rule holds inflation at its target, so the term moves investment over the cycle without shifting the capital stock's steady state). A higher real rate raises the rental cost of capital (r + δ) p_K and lowers the capital stock firms want (Jorgenson 1963; Hall & Jorgenson 1967) — the interest-rate channel on business investment, which the rule otherwise lacks (its credit term reads banks' excess spreads, not the policy rate). 0 (off: the calibrated behaviour) by default. Measured (npm run bench:irf, 20 paired seeds; docs/calibration.md §6.1, irf29 pass): investment is very rate-elastic through it — at 0.5 on configs/baseline.json real investment falls 6.4 % at 6 months and GDP 1.7 % (−1.0 % off); it damps the Taylor loop at once, so with households.rateGapImmediateShare 0.4 and 0.3 here baseline-2025's warm-up stays calm and the late-2025 bands hold at households.neutralRealRateYearly 0.0115–0.0125 (core SUMT2 56.8 against 55.7), but the GDP response keeps its size (−1.07 % at 9 months: a rate channel strong enough to damp the warm-up gives ≈ −1 %), only its composition moves from consumption to investment. With investmentAdjustmentMonths 6 and households.rateGapImmediateShare 0.3 it gives the evidence's shape on the core (a trough of −0.66 % at 17 months, still −0.36 % at 24) but not the late-2025 bands. Off in the schema and in every shipped config.
       */
      investmentRateSensitivity: number;
      /**
       * Investment adjustment costs: a consumption firm past its first order places the investment rate (orders per unit of capital, monthly) i = i₋₁ + (i* − i₋₁)/(1 + L), L this value, i₋₁ its last month's order (after credit rationing) over this month's capital and i* the desired rate δ/12 + g/12 of the investment rule (src/model/agents/firms.ts adjustedInvestmentRate, investKernel): the rate closes 1/(1 + L) of its gap each month and a desired rate held for good is reached in full. The partial-adjustment form of convex costs of changing investment (Eisner & Strotz 1963; the investment adjustment costs with which Christiano, Eichenbaum & Evans 2005 get investment's hump-shaped, persistent response to a monetary policy shock; Kydland & Prescott 1982's time to build). 0 (off: the desired rate every month, the calibrated behaviour) by default. Measured (npm run bench:irf, 20 paired seeds; docs/calibration.md §6.1, irf29 pass): on configs/baseline.json at 12 the GDP trough of a 1-point, 12-month rate shift is −0.91 % at 11 months against −1.04 % at 10 off, and the response outlasts the shock (−0.26 % at 18 months, unemployment +0.36 points, against +0.09 % and +0.19); with households.rateGapImmediateShare 0.3 (and investmentRateSensitivity 0.2) it has the evidence's shape (−0.60 to −0.66 % at 17–26 months, output below base after the rate returns). But the lag makes the multiplier–accelerator loop oscillate: baseline-2025's warm-up swings out of the late-2025 bands at every L tried (2–12, alone or with investmentRateSensitivity 0.2–0.4: warm-up sd of unemployment 1.44–2.32 points against the guard's 1.15; on a 20-year warm-up L 6 with households.rateGapImmediateShare 0.3 and investmentRateSensitivity 0.2 stays calm, 0.56–0.67, L 12 less so, 1.06–1.10), and the core's cycle is calmer and less coherent with the estimated parameters (L 12: GDP cycle sd 0.78 %, corr(I, Y) 0.70, SUMT2 175 against 55.7) — a re-estimation with it on would have to restore them. Off in the schema and in every shipped config.
       */
      investmentAdjustmentMonths: number;
      /**
       * Initial markup over unit labour cost; its reciprocal sets the initial labour share (1/1.5 ≈ 0.67, near the US labour share of ≈0.6 of GDP).
       */
      initialMarkup: number;
    };
    /**
     * Capital-goods firms: produce machines with labour only and sell them to consumption firms.
     */
    capital: {
      /**
       * Number of capital-goods firms; 0 (the default) = households.count / firms.capital.householdsPerFirm, rounded, at least 1 (see firms.consumption.count).
       */
      count: number;
      /**
       * Simulated households per capital-goods firm, used when firms.capital.count is not set.
       */
      householdsPerFirm: number;
      /**
       * Real output per worker per month, in initial-price USD.
       */
      laborProductivity: number;
      /**
       * Initial markup over unit labour cost.
       */
      initialMarkup: number;
      /**
       * Intensity of choice ε of consumption firms among capital-goods suppliers: a firm that compares its supplier with a random other one (with probability households.supplierSwitchProbability a month) moves to it with probability 1 − exp(−ε (p_old − p_new) / p_new) when the candidate is cheaper, and for sure when its supplier rationed it last month (markets/goods.ts capitalSwitchProbability). A large ε is the rule before (move to any cheaper candidate): a capital-goods firm has about five buyers, so one a few per cent dearer lost them all within months and defaulted (docs/calibration.md §10.7). 0: buyers move only when rationed.
       */
      supplierSwitchIntensity: number;
    };
    /**
     * Weight of the latest sales in the adaptive sales expectation (Caiani et al. 2016).
     */
    salesExpectationWeight: number;
    /**
     * Desired inventories as months of expected sales (Caiani et al. 2016, ν).
     */
    inventoryTargetMonths: number;
    /**
     * Share of inventories lost per month.
     */
    inventoryDepreciationMonthly: number;
    /**
     * Largest monthly relative change of the markup; the draw is uniform in [0, max], up when inventories are below target and down when above (Caiani et al. 2016, price rule).
     */
    markupAdjustMax: number;
    /**
     * Share of the gap between a firm's markup and the sector's normal (initial) markup closed each month by competition.
     */
    markupReversion: number;
    /**
     * Largest monthly relative rise of a firm's posted wage after unfilled vacancies (Caiani et al. 2016, wage rule, firm side).
     */
    wageAdjustMax: number;
    /**
     * Wage Phillips curve: posted wages grow each month by expected inflation plus this slope times the unemployment gap (natural rate − actual), at a yearly rate, in every firm (Phillips 1958; Galí 2011, 'The Return of the Wage Phillips Curve', JEEA 9(3), derives and fits this form on US data; Galí & Gambetti 2019 find the slope flattened since the 1980s). 0.5 is a mid-range choice for the reduced-form slope, not estimated in this model. With expectations anchored on the target, inflation equals the target where unemployment equals centralBank.naturalUnemploymentRate, so the natural rate is the NAIRU. Replaces the earlier switch (cuts only above the natural rate), whose NAIRU was near zero unemployment.
     */
    wagePhillipsSlope: number;
    /**
     * Floor of the economy-wide part of posted-wage growth (indexation plus the Phillips term), at a yearly rate: downward nominal wage rigidity — in slumps wages stall rather than fall (Daly & Hobijn 2014, 'Downward Nominal Wage Rigidities Bend the Phillips Curve', JMCB 46(S2); US nominal wage cuts are rare). −1 turns the floor off.
     */
    wageGrowthFloorYearly: number;
    /**
     * Bound on the slack side of the wage Phillips curve, at a yearly rate: with L > 0 the Phillips term φw (u* − u) (firms.wagePhillipsSlope) is not below −L, so unemployment above u* + L / φw takes no more than L off economy-wide wage growth (src/model/agents/firms.ts wageGapGrowth). The curve is flat in deep slack: downward nominal wage rigidity at the level of the worker bends the aggregate wage Phillips curve at high unemployment (Daly & Hobijn 2014, 'Downward Nominal Wage Rigidities Bend the Phillips Curve', JMCB 46(S2); Galí & Gambetti 2019), and US inflation stayed positive through 2009–15 with unemployment at 7–10 % — core PCE inflation about 1–2 % a year, roughly 1 point below the 2–2.5 % expected (the 'missing disinflation', Coibion & Gorodnichenko 2015, AEJ: Macro 7(1)) — so the slack term took about 1 point a year off wage and price growth, not the 2.5–3.5 points a linear slope of 0.5 gives at 5–7 points of slack. Without the bound, firms.wageGrowthFloorYearly (0) is the only limit: the economy-wide wage drift hits 0 once u > u* + expected inflation / φw (≈ 8.6 % on configs/scenarios/baseline-2025.json), prices stall and expected inflation falls with them (docs/calibration.md §10.12). 0 (off: the linear curve) by default.
     */
    wagePhillipsSlackLimitYearly: number;
    /**
     * Share of expected inflation passed into posted wages each month.
     */
    wageIndexation: number;
    /**
     * Weight of the long-run inflation anchor (macro.inflationAnchorYearly, learned from experience: firms.inflationAnchorGain) against last year's inflation in the inflation firms and households expect: firms index wages to it, households deduct it from the policy rate to get the ex-ante real rate (src/model/macro.ts expectedInflation).
     */
    inflationAnchor: number;
    /**
     * Monthly gain with which the long-run inflation anchor learns from realised 12-month inflation: anchor += gain × (inflation − anchor) (src/model/macro.ts learnInflationAnchor; learning from experience, Malmendier & Nagel 2016, QJE 131(1); constant-gain anchor, Carvalho, Eusepi, Moench & Preston 2023, AEJ: Macro 15(1)). 0 keeps the anchor at its initial value (centralBank.inflationTargetYearly + initial.inflationAnchorGapYearly).
     */
    inflationAnchorGain: number;
    /**
     * Share of a firm's excess workforce laid off per month (labour hoarding below 1).
     */
    firingSpeed: number;
    /**
     * Labour hoarding and adjustment costs, the slow part: the normal level of output a firm keeps its workforce for moves towards its output plan (sales expected plus the inventory rebuild) by this share a month, so hiring and firing lag demand (src/model/agents/firms.ts labourPlanStep). Acts only with firms.labourCycleShare below 1. Estimated in configs/calibration/estimates/us-cycle.calibrated.json; configs/baseline.json carries the fiscal9 estimate (0.0712), fixed in the estimation since the default10 pass.
     */
    labourAdjustmentWeight: number;
    /**
     * Labour hoarding, the cyclical part: the share of the output plan's deviation from the normal level (firms.labourAdjustmentWeight) that a firm hires or fires for at once; the rest it meets with effort (firms.maxEffort) or, in a slump, by keeping workers it does not need, so employment is smoother than output and measured productivity is procyclical. 1: staff for this month's plan (the rule before issue 17; the normal level then does not matter). Estimated in configs/calibration/estimates/us-cycle.calibrated.json; configs/baseline.json carries the estimate (0.377 since stop 38, 0.334 in stops 36–37).
     */
    labourCycleShare: number;
    /**
     * Labour hoarding's other side: extra output a worker can give above normal productivity when the firm is short of staff (effort, overtime), as a share of normal productivity; output per worker is at most (1 + this) × productivity. 0: no effort margin (the rule before issue 17).
     */
    maxEffort: number;
    /**
     * Share of positive after-tax profits paid out as dividends (Caiani et al. 2016, ρ).
     */
    payoutRatio: number;
    /**
     * Share of cash above the firm's needs (a month of wages plus buffer and debt service) paid out as dividends each month, when that exceeds the profit share.
     */
    excessCashPayout: number;
    /**
     * Liquidity, in months of wage bill, that a firm wants to hold; it borrows to keep it.
     */
    cashBufferMonths: number;
    /**
     * Maturity of bank loans; principal is repaid in equal monthly parts.
     */
    loanMaturityMonths: number;
    /**
     * Share of each new loan to a non-AI firm that carries a fixed coupon: the loan rate of its month of origination (policy + the bank's spread + the risk premium then), kept until it is repaid; the rest floats at each month's rate. Each firm keeps the loan-weighted coupon of its fixed part (markets/credit.ts blendFixedCoupon); the firm pays (1 − share) × this month's rate + share × that coupon. 0 = every loan floats (the default). The firms' debt stands for bank loans and bonds together: about 98 % of US nonfinancial corporate bonds are fixed-rate and about 85 % of corporate loans float (Fed FEDS Note, Kumbhat, Palomino & Perez-Orive 2017), and bank loans were 28 % of nonfinancial corporations' bank-plus-market debt in 1997 and 16–17 % in 2004–05 (Federal Reserve, CIBC; FDIC 2006 Economic Outlook chart 39): ≈ 0.75 of the debt fixed in 1997, ≈ 0.71 in 2017 (derived; docs/calibration.md §11.6).
     */
    fixedRateShare: number;
    /**
     * Initial bank loans of a consumption firm relative to the value of its capital stock; capital firms borrow the same relative to annual sales.
     */
    initialLoansToCapital: number;
    /**
     * Loans, relative to collateral (capital at replacement cost; half a year of sales for capital-goods firms), that firms borrow towards when banks allow.
     */
    targetLeverage: number;
    /**
     * Equity risk premium over the long rate (src/model/markets/equity.ts equityLongRate: the policy rate's long-run level + aiChain.valuation.policyPassThrough × its gap to it) used to capitalise expected earnings into market value.
     */
    equityRiskPremiumYearly: number;
    /**
     * Weight of the latest profit in the smoothed earnings that investors capitalise.
     */
    earningsSmoothing: number;
    /**
     * Expected sales of a firm that replaces a bankrupt one, relative to the sector average.
     */
    entrySizeShare: number;
    /**
     * How a bankrupt firm's successor enters (markets/credit.ts resolveFirmDefault). true: a fresh start — (1) its owners buy the failed firm's assets at the lender's recovery value: their entry equity repays the loan left after the bank seizes the deposits and writes off banks.lossGivenDefault of the rest, so the successor starts without debt; (2) it starts from the failed firm's order book, the demand that still reached it last month, at most firms.entrySizeShare of the sector's average; (3) it keeps its paid-in equity for its first two months (no excess-cash payout, agents/firms.ts ENTRY_MONTHS). false: the rule before — it takes over the loan, plans firms.entrySizeShare of the sector's average sales whatever its customers, and pays the equity it has not yet spent on wages back out as excess cash the month it arrives. Under the rule before a capital-goods successor with no buyers (they left before its predecessor failed) hired for sales it did not have, paid its equity back out, borrowed for wages and defaulted again within about four months, a serial default that made about half of all defaults (docs/calibration.md §10.7)
     */
    successorFreshStart: boolean;
    /**
     * The risk premium a non-AI firm pays on its loans (banks.riskPremiumMultiplier × default probability × banks.lossGivenDefault) is the one its loans were made at, loan-weighted (the firms' column riskPremiumYearly, blended as new loans are made), not this month's: its floating rate is the policy rate + its bank's spread + that premium (markets/credit.ts lockedLoanRate). false: every loan is repriced each month at the borrower's current default probability (the rule before), so a firm whose risk rises pays the higher premium on all its debt at once — at a default probability of 0.6 about 43 points a year — which raises its debt service, its default probability and its premium again (docs/calibration.md §10.8).
     */
    riskPremiumAtOrigination: boolean;
    /**
     * Voluntary exit of non-AI firms (agents/firmExit.ts choosesExit, applied in markets/credit.ts financeVisit, resolveFirmExit): a firm that has lost money for months (smoothed earnings below 0), whose order book has shrunk below firms.exit.salesShare of its sector's average, and whose assets still cover its debt (deposits plus the collateral value its bank counts at least its loans) closes before it fails: its deposits repay its loan, a successor in its slot buys its capital for the loan that is left (the entry of firms.successorFreshStart) and its workers are laid off; no loss is written off and it is not a default (series firmExits, event firmExit). Why: firm sizes in the core spread as customers move between firms (Gibrat's law: the sd of log employees of consumption firms rises from 0.41 in a run's second decade to 1.2 by its fifteenth with identical firms as with heterogeneous ones, docs/calibration.md §10.17), and with default the only way out the small firms that are left behind linger with debt until they fail: bankruptcies rise from 0.8 % of firms a year in years 11–50 to 7–10 % in years 150–300. In US data most exits are closures, not bankruptcies: about 8 % of employer firms close a year (Census BDS), against about 0.6 % filing for bankruptcy (docs/calibration.md §10.4).
     */
    exit: {
      /**
       * A loss-making, solvent firm exits when its expected sales are below this share of its sector's average (live firms, age above 0). 0: no voluntary exit — default is the only exit (the rule before; outputs unchanged).
       */
      salesShare: number;
      /**
       * Months a firm (or a successor, counted from its entry) operates before it may exit voluntarily: a successor starts small by construction (firms.entrySizeShare) and is given time to win customers.
       */
      minAgeMonths: number;
    };
    /**
     * A non-AI firm in financial distress before it fails (src/model/agents/distress.ts): it cuts costs and payouts (retrenchment), and its bank defers the principal of a borrower whose business still earns its interest (an out-of-court workout), before it defaults and is replaced (markets/credit.ts resolveFirmDefault). Every rule off by default (the rules before; outputs unchanged). Why: the core's failing consumption firms are old firms that have been small for years, with a wage bill above their sales (labour hoarding) and debt of 1.5 × a year's sales, cut off from new credit while they can still pay their interest (docs/calibration.md §10.8).
     */
    distress: {
      /**
       * A firm in distress (smoothed earnings below 0, and its default probability at least firms.distress.defaultProbability) stops hoarding labour — its labour plan jumps to its output plan and it lays off firms.distress.firingSpeed of its excess staff a month — and declares no dividend (agents/distress.ts distressLabourAdjustment, distressDividend). false: the usual rules (the rule before).
       */
      retrenchment: boolean;
      /**
       * Which loss-making firms are in distress (agents/distress.ts inDistress): those whose bank's default probability (the firms' column pdYearly) is at least this. 0: every firm with negative smoothed earnings — on the core that made employment more volatile (every loss-making firm stops hoarding labour in a slump) and broke the late-2025 warm-up; 0.2 (banks.maxDefaultProbability's default): those its bank no longer lends to; 0.1: half-way, the value chosen from 0, 0.1 and 0.2 on the core's facts and the late-2025 start (docs/calibration.md §10.8). Not used while firms.distress.retrenchment is false.
       */
      defaultProbability: number;
      /**
       * With firms.distress.retrenchment: the share of its excess staff a firm in distress lays off a month (at least firms.firingSpeed).
       */
      firingSpeed: number;
      /**
       * Out-of-court debt workout (agents/distress.ts debtWorkout, applied in markets/credit.ts financeVisit): a firm whose cash after new credit covers this month's interest but not the principal, and whose business earned at least firms.distress.workoutInterestCoverage × that interest last month (revenue less wages, AI services and electricity: a positive going-concern value), pays the interest and has the principal deferred — its bank rolls the loan over — instead of defaulting. It is not a bankruptcy and books no loss. false: it defaults (the rule before).
       */
      workout: boolean;
      /**
       * The workout's going-concern test: last month's operating cash flow (revenue less wages, AI services and electricity) at least this multiple of the month's interest.
       */
      workoutInterestCoverage: number;
    };
    /**
     * Firm-level productivity by random growth (Gibrat's law): the sd of the monthly i.i.d. step of each non-AI firm's log productivity, which is then normalised to its sector's mean and reflected at firms.productivityBarrier (agents/firms.ts updateFirmProductivity). Productivity multiplies output per worker and per unit of capital, so a productive firm prices lower (a markup on unit labour cost), gains customers and, with demand turned away counted as utilisation while the rule is on, invests to follow them. 0: off, every firm at the sector's productivity (the rule before; outputs unchanged).
     */
    productivityDispersionMonthly: number;
    /**
     * Mean reversion of firm-level productivity (firms.productivityDispersionMonthly): each month log a ← (1 − θ) log a + σ e, so a firm's productivity is a persistent AR(1) around its sector's mean with monthly persistence 1 − θ instead of a random walk (agents/firms.ts stepFirmProductivity); the stationary sd of log productivity is about σ / √(1 − (1 − θ)²). Under the random walk a firm's cost gap to its rivals persists and widens, and a capital-goods firm that falls behind loses all its few buyers and defaults, as do its successors (docs/calibration.md §10.7). 0: the random walk (the rule before; outputs unchanged to the last bit). 0.075: monthly persistence 0.925, annual 0.39, Abraham & White's plant-level estimate. Not used while the dispersion is 0.
     */
    productivityReversionMonthly: number;
    /**
     * Firm-level appeal (a demand shifter: quality, reputation) by random growth, the same rule as firms.productivityDispersionMonthly on its own seed stream: the sd of the monthly i.i.d. step of each non-AI firm's log appeal, normalised to its sector's mean and reflected at firms.productivityBarrier (agents/firms.ts updateFirmAppeal). Households compare suppliers by price / appeal, so an appealing firm gains customers at the same price and grows in employees; while the rule is on, demand turned away counts as utilisation, so its capital follows. 0: off, households compare prices only (the rule before; outputs unchanged).
     */
    appealDispersionMonthly: number;
    /**
     * Mean reversion of firm-level appeal (firms.appealDispersionMonthly), the same AR(1) as firms.productivityReversionMonthly: each month log q ← (1 − θ) log q + σ e, then normalised to the sector's mean and reflected at firms.productivityBarrier (agents/firms.ts updateFirmAppeal, stepFirmProductivity), so the stationary sd of log appeal is about σ / √(1 − (1 − θ)²). Under the random walk (0) appeal spreads like σ √t without end: customers keep sorting towards the appealing firms, the sd of log appeal grows without bound (σ √t). It is not what spreads the core's firm sizes: with no appeal or productivity dispersion at all the sd of log employees still rises from 0.22 to 0.74 over 1 200 months (docs/calibration.md §10.17). 0: the random walk (the rule before; outputs unchanged to the last bit). Not used while the dispersion is 0.
     */
    appealReversionMonthly: number;
    /**
     * The reflecting lower barrier of firm-level productivity, and of firm-level appeal relative to the sector's mean (firms.productivityDispersionMonthly, firms.appealDispersionMonthly): a firm that falls below it catches up to it (imitation; the bottom of the distribution is held by entry and exit). The normalised walk's stationary distribution is Pareto with exponent 1 / (1 − barrier) (Gabaix 2009): 0.5 → 2. Not used while both dispersions are 0.
     */
    productivityBarrier: number;
  };
  /**
   * Commercial banks: hold deposits, lend to firms, hold government bills and reserves; ration credit when capital is thin (Caiani et al. 2016).
   */
  banks: {
    /**
     * Number of banks.
     */
    count: number;
    /**
     * Minimum capital ratio (equity / risk-weighted assets, banks.riskWeights); below it a bank makes no new loans and pays no dividends.
     */
    capitalRequirement: number;
    /**
     * Capital ratio (equity / risk-weighted assets) that banks aim for: below it loan spreads rise and dividends are scaled down; above it banks pay out all profit and part of the excess (banks.excessCapitalPayout).
     */
    targetCapitalRatio: number;
    /**
     * Loan spread over the policy rate for a riskless borrower at a well-capitalised bank.
     */
    baseSpreadYearly: number;
    /**
     * Extra spread per unit shortfall of the bank's capital ratio below target.
     */
    capitalSpreadSensitivity: number;
    /**
     * Expected loss on a loan given default, used in pricing; also 1 − recovery on defaulted loans.
     */
    lossGivenDefault: number;
    /**
     * Spread charged per unit of expected loss (PD × LGD); above 1 prices risk aversion.
     */
    riskPremiumMultiplier: number;
    /**
     * Logit intercept of a firm's yearly default probability as judged by banks.
     */
    pdIntercept: number;
    /**
     * Logit slope on leverage (loans / (capital value + deposits)).
     */
    pdLeverageSlope: number;
    /**
     * Logit slope on debt service relative to monthly revenue.
     */
    pdDebtServiceSlope: number;
    /**
     * Yearly default probability above which a bank refuses new loans (credit rationing).
     */
    maxDefaultProbability: number;
    /**
     * Largest leverage (loans / (capital value + deposits)) a bank lends up to.
     */
    maxLeverage: number;
    /**
     * Share of the policy rate passed on to deposit rates (deposit beta; US banks' cumulative betas were ≈0.3–0.5 in the 2022–24 cycle).
     */
    depositRateBeta: number;
    /**
     * Deposit rate = depositRateBeta × policy rate − this (floored at zero).
     */
    depositRateMarkdownYearly: number;
    /**
     * Mean lag, in months, with which the banks' deposit rate (macro.depositRateYearly, in checkpoints) follows its target depositRateBeta × policy rate − depositRateMarkdownYearly: each month it moves 1/(1 + L) of the way (src/model/agents/centralBank.ts stickyDepositRate), so households' deposit interest — the interest-income channel of a rate change — adjusts over quarters rather than at once. A target held for good is reached in full. 0 (off: the target every month, the calibrated behaviour) by default. Deposit rates are sticky: they adjust to policy-rate changes gradually and only partly (Driscoll & Judson 2013; Drechsler, Savov & Schnabl 2017; Neumark & Sharpe 1992, whose adjustment is faster for falls than for rises — not modelled here). Measured (npm run bench:irf; docs/calibration.md §6.1): at 12 the GDP trough of a 1-point, 12-month rate shift is −2.3 % at 8 months against −2.5 % at 7 off — the margin banks keep is paid out as dividends the next month, so households' interest income moves almost as before; with households.rateGapImmediateShare 0.6 and households.rateGapSmoothingMonths 24 it widens the late-2025 bands' passing interval of the households' neutral rate. Off in the schema; configs/baseline.json (so every scenario) uses households.rateGapImmediateShare 0.6, households.rateGapSmoothingMonths 36 and banks.depositRateAdjustmentMonths 12 (mp18 pass, measured with firm distress on: the GDP trough −1.04 % at 10 months against −2.10 % at 5 off, unemployment +0.80 points, core GDP cycle sd 1.14 %; baseline-2025's households' neutral rate re-fitted to 0.95 %, telecom-1997's to 2.7 %).
     */
    depositRateAdjustmentMonths: number;
    /**
     * Share of positive after-tax profits paid as dividends by a bank whose capital ratio sits just below the target; it scales down linearly to zero at the requirement (Basel III capital-conservation buffer: distributions are restricted inside the buffer). Above the target a bank pays out all its profit.
     */
    payoutRatio: number;
    /**
     * Share of a bank's capital above the target ratio paid out per month (dividends and buybacks) on top of its profit, so that capital converges to the target instead of piling up (banks lend or pay out rather than hoard).
     */
    excessCapitalPayout: number;
    /**
     * Risk weights of bank assets in the capital ratio: equity / (Σ weight × exposure) (Basel III standardised approach).
     */
    riskWeights: {
      /**
       * Risk weight of loans (all loans are to firms: non-AI firms, the AI chain, the utility).
       */
      loans: number;
      /**
       * Risk weight of government bills.
       */
      bills: number;
      /**
       * Risk weight of reserves at the central bank.
       */
      reserves: number;
    };
    /**
     * Share of a bank's liquid assets (reserves + bills) it holds in government bills.
     */
    liquidBillShare: number;
  };
  /**
   * Central bank: sets the policy rate by a Taylor rule or a configured path, pays interest on reserves, buys the bills banks do not.
   */
  centralBank: {
    /**
     * How the policy rate is set: 'taylor' (smoothed Taylor rule with a lower bound) or 'path' (the configured step path).
     */
    rule: "taylor" | "path";
    /**
     * Policy rate at the start.
     */
    initialRateYearly: number;
    /**
     * Neutral real rate in the Taylor rule at the start: the central bank's first estimate, which it then revises (centralBank.neutralRateLearning).
     */
    neutralRealRateYearly: number;
    /**
     * Speed at which the central bank revises its estimate r̂* of the neutral real rate: each month r̂* moves by this / 12 times the Taylor rule's gap terms φπ (π − π*) + φu (u* − u) — persistent inflation above target or unemployment below the natural rate mean the stance was looser than thought. Integral action: it removes the steady-state offset a wrong r* leaves (Orphanides & Williams 2002, 'Robust Monetary Policy Rules with Unknown Natural Rates', BPEA; Laubach & Williams 2003 estimate a time-varying r*). Paused while the rate is at its lower bound and the gaps call for a cut (no wind-up), and during overrides. 0 keeps r* fixed. 0.1 a year (was 0.2): an assumption — with 0.2 the estimate, built up while the warm-up ran above target, overshot and left a slump at its end (unemployment ≈ 5 % in 2025-11 in baseline-2025); 0.1 keeps baseline.json's steady state (docs/ODD.md §5).
     */
    neutralRateLearning: number;
    /**
     * Inflation target.
     */
    inflationTargetYearly: number;
    /**
     * Taylor-rule response φπ to the inflation gap, on top of the one-for-one response in the rule's r̂* + π term: Taylor (1993), 'Discretion versus policy rules in practice', Carnegie-Rochester Conference Series 39, sets i = r* + π + 0.5 (π − π*) + 0.5 × output gap, so φπ = 0.5 and the rate moves 1.5 points per point of inflation (the Taylor principle). Was 1.5 (a total response of 2.5), which made the warm-up cycle (docs/ODD.md §5).
     */
    inflationWeight: number;
    /**
     * Taylor-rule response φu to the unemployment gap (natural rate − actual): Taylor's (1993) 0.5 on the output gap times an Okun coefficient of 2 (output gap ≈ 2 × unemployment gap; 'textbooks say β = −0.5', docs/calibration.md §10.4), as in the unemployment-gap form of the rule (e.g. Yellen 2012, 'Perspectives on Monetary Policy'; FOMC Monetary Policy Report, policy-rules box).
     */
    unemploymentWeight: number;
    /**
     * Natural rate of unemployment u*: the Taylor rule's unemployment gap and the wage Phillips curve's (firms.wagePhillipsSlope). With expectations anchored, wages grow at the target inflation rate where unemployment is u*, so u* is the model's NAIRU.
     */
    naturalUnemploymentRate: number;
    /**
     * Months of unemployment the Taylor rule's unemployment gap averages: u in φu (u* − u) is the mean of the last k months' rates (the rule's history, centralBank.unemploymentHistory in the state, starts filled with the start's rate). 1 (last month's rate) by default, the rule as it was. Estimated Taylor rules are fitted on quarterly averages (Taylor 1993, Carnegie-Rochester 39; Clarida, Galí & Gertler 2000, QJE 115(1)), so 3 is the quarterly form; it also filters the monthly sampling noise of unemployment at small populations, which the lower bound turns into a higher mean policy rate (tests/model.convergence.test.ts).
     */
    unemploymentAveragingMonths: number;
    /**
     * Weight of last month's rate in the smoothed Taylor rule.
     */
    smoothing: number;
    /**
     * Effective lower bound of the policy rate.
     */
    lowerBoundYearly: number;
    /**
     * With rule 'path': the policy rate from each given month on (a step function; before the first step the initial rate holds). Months are calendar months of the run, like centralBank.overrides (startDate is tick 1): each `from` must lie within the run.
     *
     * @maxItems 10000
     */
    path: {
      /**
       * First month at which the rate applies (calendar month; must lie within the run).
       */
      from: string;
      /**
       * Policy rate from that month.
       */
      rateYearly: number;
    }[];
    /**
     * Rate above the policy rate on a bank's overdraft at the central bank (negative reserves).
     */
    advancePenaltyYearly: number;
    /**
     * Periods in which the central bank sets the rate by decision instead of by its rule (e.g. 'hold at 4.5 % for 24 months', rateYearly) or shifts the rule's rate (addYearly: e.g. +0.01 for 12 months, the monetary policy shock that npm run bench:irf measures); outside them the rule applies, starting from the last rate set (after a shift, from the rule's own unshifted rate). Each period has exactly one of rateYearly and addYearly; shifts of overlapping periods add up, on top of a level if one is in force. The neutral-rate learning (centralBank.neutralRateLearning) pauses in both. Logged as policy events. Months are calendar months of the run (startDate is tick 1): `from` must lie within the run, `until` not before `from` (it may run past the run's end).
     *
     * @maxItems 1000
     */
    overrides: {
      /**
       * First month of the override (calendar month; must lie within the run).
       */
      from: string;
      /**
       * Last month of the override (calendar month, not before `from`).
       */
      until: string;
      /**
       * Policy rate during the override (a level). Give this or addYearly, not both.
       */
      rateYearly?: number;
      /**
       * Shift added to the rule's rate during the override (an offset: the rule keeps reacting to inflation and unemployment, and smooths from its own unshifted rate, so the rate stands exactly this far from where the rule would put it; not floored at the lower bound). A monetary policy shock as a deviation from the rule (Christiano, Eichenbaum & Evans 1999, Handbook of Macroeconomics 1A ch. 2; Romer & Romer 2004, AER 94(4)). Give this or rateYearly, not both.
       */
      addYearly?: number;
    }[];
  };
  /**
   * Government: taxes, unemployment benefits, purchases of goods, bills; deposit insurance and bank recapitalisation.
   */
  government: {
    /**
     * Flat tax on household income (wages, benefits, transfers, interest, dividends), withheld at source; stands for all personal taxes and contributions (US general-government revenue ≈ 30 % of GDP).
     */
    incomeTaxRate: number;
    /**
     * Tax on positive firm and bank profits.
     */
    profitTaxRate: number;
    /**
     * Unemployment benefit as a share of the household's last wage.
     */
    benefitReplacementRate: number;
    /**
     * Other cash transfers (pensions, social security), paid equally to every household, as a share of initial GDP, indexed to the price level.
     */
    transfersShareOfGdp: number;
    /**
     * Real government purchases of goods relative to initial GDP, before the fiscal rule.
     */
    spendingShareOfGdp: number;
    /**
     * Debt-to-GDP ratio the fiscal rule steers towards.
     */
    debtTargetToGdp: number;
    /**
     * Fiscal rule: relative change of real purchases per unit gap of debt to potential output (initial real output at current prices) from target — cut above target, raised below (within −90 % … +50 %). At 0.3 the primary balance responds by ≈ 0.3 × 17 % ≈ 5 % of GDP per unit of debt ratio, Bohn's (1998, 'The Behavior of U.S. Public Debt and Deficits', QJE 113(3)) estimate of ≈ 0.054; a weaker rule let the debt, and the interest it pays, drift.
     */
    fiscalRuleStrength: number;
    /**
     * Fiscal rule's error-correction (integral) term: purchases are also cut by this gain times the accumulated gap of debt to potential output from target, Σ (d − d*)/12 in unit-years (conditional integration at the rule's bounds: Åström & Hägglund 2006, Advanced PID Control, §3.5). A proportional rule (fiscalRuleStrength) settles where (r − g) d = pb₀ + s G (d − d*), off target whenever the primary balance at target, pb₀, is not the debt-stabilising (r − g) d*; the integral term learns the rule's intercept — the constant of Bohn's (1998) regression of the primary surplus on debt — so that the debt's long-run mean is its target. 0 leaves the proportional rule alone. The gain is an assumption, not an estimate: 0.05 (configs/baseline.json) holds the core's debt at 0.84–1.18 × GDP by decade over 100 years, where the proportional rule alone let it fall to 0.42–0.50 (docs/calibration-tool.md, 'Fiscal drift').
     */
    fiscalRuleIntegralGain: number;
    /**
     * Balance the government keeps on its central-bank account, in months of its spending; bills are issued to keep it.
     */
    accountBufferMonths: number;
    /**
     * Whether a failed bank is recapitalised by the government so that depositors lose nothing.
     */
    depositInsurance: boolean;
    /**
     * Months of an unemployment spell during which the benefit is paid; 0 pays it for the whole spell (the US standard is 26 weeks ≈ 6 months).
     */
    benefitDurationMonths: number;
    /**
     * Government retraining programme for workers displaced by automation: while unemployed with a skill mismatch they are trained at the government's cost (paid to consumption-goods firms as providers of the training), and their mismatch decays faster.
     */
    retraining: {
      /**
       * Whether the programme runs.
       */
      enabled: boolean;
      /**
       * Cost of training one displaced worker for a month, in 2025 USD (indexed to the price level).
       */
      costPerTraineeUsdMonthly: number;
      /**
       * Share of the skill mismatch a trainee loses per month on top of automation.mismatchDecayMonthly.
       */
      extraMismatchDecayMonthly: number;
    };
    /**
     * Fiscal absorption of AI infrastructure cost (docs/ODD.md §7.14, policy levers): the government pays a share of the chain's capex and guarantees a share of its debt, financed with bills. Off by default; the fiscal-absorb scenario switches it on.
     */
    fiscalAbsorption: {
      /**
       * Share of each AI-chain firm's capex (GPUs and data-centre buildings) the government pays as a capital grant, like a public infrastructure programme or investment subsidy.
       */
      chainCapexShare: number;
      /**
       * Share of AI-chain debt the government guarantees: lenders price and ration only the unguaranteed part of the default risk, and on a default the government pays lenders this share of their loss.
       */
      chainDebtGuaranteeShare: number;
    };
  };
  /**
   * Initial balance sheet, as ratios to initial annual GDP; the remaining stocks follow from the accounting identities.
   */
  initial: {
    /**
     * Government bills outstanding.
     */
    governmentDebtToGdp: number;
    /**
     * Share of the bills held by the central bank (the rest by banks).
     */
    centralBankBillShare: number;
    /**
     * Firms' initial deposits, in months of their wage bill.
     */
    firmDepositsMonthsOfWages: number;
    /**
     * Government's initial central-bank balance, in months of its spending.
     */
    governmentAccountMonths: number;
    /**
     * Price level at startDate, in units of 2025 prices (real inputs such as scale.gdpUsdYearly and firms.*.laborProductivity are in 2025 USD, as are the AI chain's and the utility's USD inputs). Firms' prices, wages and every nominal stock of the core start at this level. A warm-up from an earlier startDate starts at the price level that its own inflation brings to ≈ 1 at the chain's start, so that the price level is 1 in 2025 (docs/ODD.md §5).
     */
    priceLevel: number;
    /**
     * Consumer-price inflation over the 12 months before startDate: the price history that the first year's measured inflation, the central bank's rule and expectations read (a stationary start has it at the target). Before this parameter the history was flat, so the first year read as zero inflation and the rule cut the rate at the start.
     */
    inflationYearly: number;
    /**
     * Long-run inflation anchor of firms' and households' expectations at startDate less the central bank's target (the anchor macro.inflationAnchorYearly starts at centralBank.inflationTargetYearly plus this, then learns at firms.inflationAnchorGain). A stationary start has it at 0 (the anchor at the target).
     */
    inflationAnchorGapYearly: number;
    /**
     * Years of the non-AI firms' own history before startDate (src/model/firmHistory.ts): the firms' productivity rule (firms.productivityDispersionMonthly, firms.productivityReversionMonthly) and appeal rule (firms.appealDispersionMonthly), with firms.productivityBarrier, run for 12 × this many months on their own seed streams before the first tick, so that the start has the cross-section of productivity and appeal that firms of that age have — customers then sort towards the appealing firms during the warm-up and the others stay small with their debt, the firms that fail in the core (docs/calibration.md §10.8, §10.10). Appeal's random walk spreads like σ √t: a start from identical firms (0) needs decades to build that cross-section, and configs/baseline.json has no consumption-firm default in its first five decades (seed 1). 0 keeps identical firms (the start before this rule); it does nothing when both rules' σ are 0.
     */
    firmHistoryYears: number;
    /**
     * The sd of log initial size (output, and with it workers, capital, inventory, loans and customers) across the consumption-goods firms, each firm placed by its standing after initial.firmHistoryYears (src/model/firmHistory.ts sizeFirmsByHistory): its z-score of log(appeal × productivity) among consumption firms (households compare price / appeal) times this value; households' suppliers are then drawn in proportion to the firms' sizes. Each capital-goods firm is sized by its buyers' replacement demand (the sizes of the consumption firms it supplies; at least a tenth of the mean). 0 (the start before this rule) keeps equal firms (±20 %) and uniform draws; it does nothing while all firms are alike (initial.firmHistoryYears 0).
     */
    firmSizeDispersion: number;
  };
  /**
   * How each tick is labelled: feedback phases and crises (docs/ODD.md §7.21).
   */
  metrics: {
    /**
     * Window over which credit, equity value and investment must all rise (or all fall) for a positive (negative) feedback phase.
     */
    phaseWindowTicks: number;
    /**
     * Smallest change over the window (relative) that counts as rising or falling.
     */
    phaseMinGrowth: number;
    /**
     * Crisis when real GDP (its crisisGdpMonths-month mean, 3 by default) is this far below its 12-month peak.
     */
    crisisGdpDrop: number;
    /**
     * Months in the moving mean of real GDP that the output-drop test (crisisGdpDrop) reads, for the current level and each level of the 12-month window whose peak it is compared with. 3 (a quarter) is the schema's default and the rule until stop 37; configs/baseline.json, and so every scenario, reads 6 since then: with 3, fed-hold-high's crisis share at 5 000 households was 10.9 % of months against 5.5 % at 20 000 (3.94 standard errors, seeds 1–16) and 9.3 against 4.2 % (3.44, seeds 17–32), once the chip maker's imported content was paid abroad; with 6, 6.6 against 4.3 % (1.91) and baseline-2025's 5.7 against 4.8 % (0.50), tests/model.convergence.test.ts. A longer mean filters the month-to-month noise of a finite population's output, which a threshold on the drawdown turns into a dependence on the number of households: on baseline-2025 with the stop 29 core (seeds 1–32, the chain's first 61 months) the crisis share is 15.5 % at 5 000 and 8.8 % at 20 000 households with 3 months (3.30 standard errors of the paired difference), 10.1 and 6.7 % with 6 (2.14); monthly real-GDP growth has sd 0.94 % at 5 000 and 0.46 % at 20 000 households (docs/calibration-tool.md, 'Adopting the stop 29 estimate (adopt30 pass)'). NBER dates a recession by a decline 'lasting more than a few months'.
     */
    crisisGdpMonths: number;
    /**
     * Crisis when firm defaults over the past 12 months exceed this share of firms.
     */
    crisisDefaultRateYearly: number;
    /**
     * Crisis when the average loan spread over the policy rate is this much above its level 12 months earlier.
     */
    crisisSpreadRise: number;
    /**
     * Crisis when equity market value is this far below its 12-month peak.
     */
    crisisEquityDrawdown: number;
    /**
     * Whether a bank failure marks a crisis month.
     */
    crisisOnBankFailure: boolean;
  };
  /**
   * The AI investment chain (docs/ODD.md §7.11–§7.15): a few firms configured by role, tied by purchase contracts, equity stakes and backstops, financed by cash, bank loans and non-bank investors; end-user demand from households, non-AI firms and the government.
   */
  aiChain: {
    /**
     * Whether the AI chain is simulated. Off (the default while the chain's calibration is in progress), the economy is the core non-AI model; the scenarios in configs/scenarios/ switch it on.
     */
    enabled: boolean;
    /**
     * Calendar month in which the chain starts acting (plans, trades, pays, is priced); the default is late 2025, the month its firms' balance sheets and deals describe (docs/calibration.md §1–4, §12). Before it, its balance sheets stand still while the core economy settles from its initial state — scenarios start the chain after the burn-in. Must lie within the run. Every other time in aiChain (contracts, stakes, backstops) is a calendar month too: an event dated before this month begins with the chain, so moving the start moves those events with it; later events keep their dates.
     */
    start: string;
    /**
     * The chain's firms. Defaults: generic names, each with its real analogue and the docs/calibration.md rows it uses.
     *
     * @maxItems 64
     */
    firms: {
      /**
       * Short name; used in series column names (<name>_revenue …).
       */
      name: string;
      /**
       * Role in the chain: chip (upstream, near-monopoly margin), hyperscaler (cash-rich, integrated), neocloud (debt-funded GPU capex), legacyCloud (large debt, large backlog), modelLab (revenue far below compute spend, equity-funded).
       */
      role: "chip" | "hyperscaler" | "neocloud" | "legacyCloud" | "modelLab";
      /**
       * The real firm this one is calibrated to (documentation only).
       */
      analogue: string;
      /**
       * Index of the bank where the firm holds deposits and borrows (taken modulo banks.count).
       */
      bank: number;
      /**
       * AI-chain revenue at the start, a monthly run rate at an annual rate (chip: GPU sales; clouds: compute; labs: end-user sales). The chain's first month reproduces it: a lab's or cloud's revenue not covered by its contracts then is what end users pay it (aiChain.demand); the chip maker's is the GPU part of the clouds' capex. Defaults: chipCo $260 bn = Nvidia's outlook for Q4 FY26 (Nov 2025 – Jan 2026, the chain's first months), $65.0 bn ± 2 % a quarter, × 4 (Q3 FY26 release of 19 Nov 2025, the source of docs/calibration.md §12.2's $57.0 bn; via nextbigfuture.com and tipranks.com); labA $20 bn (OpenAI >$20 bn ARR, §4, §12.3).
       */
      revenueUsdBnYearly: number;
      /**
       * Operating profit of the firm's non-AI business (hyperscalers' ads, software, retail cloud), paid by non-AI firms as service fees.
       */
      otherProfitUsdBnYearly: number;
      /**
       * Cash at the start.
       */
      cashUsdBn: number;
      /**
       * Bank loans at the start.
       */
      bankDebtUsdBn: number;
      /**
       * Bonds and private credit at the start (held by the non-bank investor fund).
       */
      marketDebtUsdBn: number;
      /**
       * Equity market value at the start.
       */
      marketCapUsdBn: number;
      /**
       * Data-centre compute capacity in service at the start (clouds).
       */
      computeGw: number;
      /**
       * Chip maker's gross margin on GPU sales (cost of goods paid to non-AI capital-goods firms).
       */
      grossMargin: number;
      /**
       * Operating costs (staff, energy, services) as a share of AI revenue, bought from non-AI firms.
       */
      opexShareOfRevenue: number;
      /**
       * Model labs: operating costs other than compute (staff, research).
       */
      labOpexUsdBnYearly: number;
      /**
       * Yearly volatility of the share price at the start; with the initial leverage it fixes the firm's asset volatility, which (levered to current debt) is the floor of the volatility the credit model uses. The neocloud's 0.7 puts its 5-yr CDS at ≈540 bp, inside the 368–643 bp of Oct–Nov 2025 (docs/calibration.md §3).
       */
      equityVolatility: number;
      /**
       * Share of the firm's initial debt (bank and market) that matures within the first 12 months, falling due in equal monthly parts (issue 18: refinancing walls). CoreWeave-like: $4.2bn of 2026 maturities on ≈$14bn (0.3); Oracle-like: $7.3bn of current notes on $92.6bn (0.08) (docs/calibration.md §2, §12.2). Other firms: 0.1, an assumption (a bond ladder of about ten years).
       */
      debtDueFirstYearShare: number;
      /**
       * The rest of the initial debt matures in equal monthly parts from month 13 to this many years (maturities beyond 20 years sit past the model's debt ring and never fall due in a run). Hyperscalers' IG bonds run 5–40 years (docs/calibration.md §2); CoreWeave's notes are due 2030–2032 (§2). Default 10: an assumption.
       */
      debtLongestMaturityYears: number;
      /**
       * Share of the initial debt that is secured on GPUs, data centres and customer contracts (delayed-draw term loans, OEM financing, project loans). CoreWeave-like: its DDTLs and OEM financing carry most of its ≈$14bn (0.8, from the 10-Q debt table's instruments, docs/calibration.md §2); Oracle-like: the $38bn Vantage data-centre loan of ≈$108bn (0.35, §2). Others 0.
       */
      securedDebtShare: number;
    }[];
    /**
     * Changes to single firms of aiChain.firms, keyed by the firm's name: each value holds firm fields (any key of a firm but name) whose values replace that firm's, e.g. {"hyperA": {"marketCapUsdBn": 2280}}. Applied once every layer has merged (the extends chain, then each --set) and before validation, to the firm list as the layers left it (the default list of aiChain.firms if none sets it), so an override wins over the list's own value even where a later file or --set gives the list (a --set into a field an override sets, e.g. aiChain.firms[1].marketCapUsdBn=… under an override of hyperA's marketCapUsdBn, is refused with an error naming the override). Why: lists replace as a whole under extends, so a config that changed one firm by copying the whole list would keep its copy of every other firm and silently miss later changes to the defaults or to its parent's list; an object merges key by key, so a child's override of a firm merges with its parent's. A name that is no firm of the list, an unknown key, or name itself is an error, and a bad value is reported at this path (aiChain.firmOverrides.<firm>.<key>), naming the file or --set that gave it. Set one value with --set aiChain.firmOverrides.hyperA.marketCapUsdBn=2280; sweeps and spiral calibrate vary one the same way (the parameter aiChain.firmOverrides.hyperA.marketCapUsdBn). Default: none.
     */
    firmOverrides: {
      /**
       * The fields of one firm to replace: any key of an item of aiChain.firms but name, each with that key's type and allowed range (a reference to the key's schema there, so the two cannot drift).
       */
      [k: string]:
        | {
            /**
             * Role in the chain: chip (upstream, near-monopoly margin), hyperscaler (cash-rich, integrated), neocloud (debt-funded GPU capex), legacyCloud (large debt, large backlog), modelLab (revenue far below compute spend, equity-funded).
             */
            role?: "chip" | "hyperscaler" | "neocloud" | "legacyCloud" | "modelLab";
            /**
             * The real firm this one is calibrated to (documentation only).
             */
            analogue?: string;
            /**
             * Index of the bank where the firm holds deposits and borrows (taken modulo banks.count).
             */
            bank?: number;
            /**
             * AI-chain revenue at the start, a monthly run rate at an annual rate (chip: GPU sales; clouds: compute; labs: end-user sales). The chain's first month reproduces it: a lab's or cloud's revenue not covered by its contracts then is what end users pay it (aiChain.demand); the chip maker's is the GPU part of the clouds' capex. Defaults: chipCo $260 bn = Nvidia's outlook for Q4 FY26 (Nov 2025 – Jan 2026, the chain's first months), $65.0 bn ± 2 % a quarter, × 4 (Q3 FY26 release of 19 Nov 2025, the source of docs/calibration.md §12.2's $57.0 bn; via nextbigfuture.com and tipranks.com); labA $20 bn (OpenAI >$20 bn ARR, §4, §12.3).
             */
            revenueUsdBnYearly?: number;
            /**
             * Operating profit of the firm's non-AI business (hyperscalers' ads, software, retail cloud), paid by non-AI firms as service fees.
             */
            otherProfitUsdBnYearly?: number;
            /**
             * Cash at the start.
             */
            cashUsdBn?: number;
            /**
             * Bank loans at the start.
             */
            bankDebtUsdBn?: number;
            /**
             * Bonds and private credit at the start (held by the non-bank investor fund).
             */
            marketDebtUsdBn?: number;
            /**
             * Equity market value at the start.
             */
            marketCapUsdBn?: number;
            /**
             * Data-centre compute capacity in service at the start (clouds).
             */
            computeGw?: number;
            /**
             * Chip maker's gross margin on GPU sales (cost of goods paid to non-AI capital-goods firms).
             */
            grossMargin?: number;
            /**
             * Operating costs (staff, energy, services) as a share of AI revenue, bought from non-AI firms.
             */
            opexShareOfRevenue?: number;
            /**
             * Model labs: operating costs other than compute (staff, research).
             */
            labOpexUsdBnYearly?: number;
            /**
             * Yearly volatility of the share price at the start; with the initial leverage it fixes the firm's asset volatility, which (levered to current debt) is the floor of the volatility the credit model uses. The neocloud's 0.7 puts its 5-yr CDS at ≈540 bp, inside the 368–643 bp of Oct–Nov 2025 (docs/calibration.md §3).
             */
            equityVolatility?: number;
            /**
             * Share of the firm's initial debt (bank and market) that matures within the first 12 months, falling due in equal monthly parts (issue 18: refinancing walls). CoreWeave-like: $4.2bn of 2026 maturities on ≈$14bn (0.3); Oracle-like: $7.3bn of current notes on $92.6bn (0.08) (docs/calibration.md §2, §12.2). Other firms: 0.1, an assumption (a bond ladder of about ten years).
             */
            debtDueFirstYearShare?: number;
            /**
             * The rest of the initial debt matures in equal monthly parts from month 13 to this many years (maturities beyond 20 years sit past the model's debt ring and never fall due in a run). Hyperscalers' IG bonds run 5–40 years (docs/calibration.md §2); CoreWeave's notes are due 2030–2032 (§2). Default 10: an assumption.
             */
            debtLongestMaturityYears?: number;
            /**
             * Share of the initial debt that is secured on GPUs, data centres and customer contracts (delayed-draw term loans, OEM financing, project loans). CoreWeave-like: its DDTLs and OEM financing carry most of its ≈$14bn (0.8, from the 10-Q debt table's instruments, docs/calibration.md §2); Oracle-like: the $38bn Vantage data-centre loan of ≈$108bn (0.35, §2). Others 0.
             */
            securedDebtShare?: number;
          }
        | undefined;
    };
    /**
     * Multi-period purchase commitments (lab → cloud compute, cloud → chip orders), announced vs realised, cancellable with a penalty. Defaults from docs/calibration.md §4, dated in calendar months: the deals in force by late 2025 (Azure +$250bn, AWS $38bn, CoreWeave ≈$22.4bn, Oracle → Nvidia ≈$40bn) from 2025-11, the chain's start in baseline-2025; OpenAI → Oracle ≈$300bn over ~5 years from 2027-01.
     *
     * @maxItems 1000
     */
    computeContracts: {
      /**
       * Name of the buying firm.
       */
      buyer: string;
      /**
       * Name of the selling firm.
       */
      seller: string;
      /**
       * Total value announced.
       */
      announcedUsdBn: number;
      /**
       * Share of the announced value that becomes binding (announced vs realised).
       */
      realisedShare: number;
      /**
       * Length of the contract; the binding value is paid in equal monthly instalments.
       */
      months: number;
      /**
       * Month of the first instalment (calendar month within the run; a month before aiChain.start means the first instalment falls in the chain's first month, and the contract then runs its full length).
       */
      start: string;
      /**
       * Penalty, as a share of the remaining binding value, that the buyer pays when it cancels.
       */
      cancellationPenaltyShare: number;
    }[];
    /**
     * Equity stakes and announced equity investments between chain firms, optionally conditional on compute deployed ('$10bn per GW'). Defaults from docs/calibration.md §4, dated in calendar months: Nvidia → OpenAI (LOI of Sep 2025, paid per GW deployed), Microsoft's ≈27 % of OpenAI and the Anthropic tranches from 2025-11; Nvidia's $2bn in CoreWeave in 2026-01.
     *
     * @maxItems 1000
     */
    equityStakes: {
      /**
       * Name of the investing firm.
       */
      investor: string;
      /**
       * Name of the firm invested in.
       */
      investee: string;
      /**
       * Share of the investee's equity held at the start.
       */
      initialShare: number;
      /**
       * Further equity investment announced.
       */
      announcedUsdBn: number;
      /**
       * Share of the announced investment that is realised.
       */
      realisedShare: number;
      /**
       * Conditional tranche: equity paid in per GW of new compute deployed by the chain's clouds (0 = paid in equal monthly tranches over `months`).
       */
      perGwUsdBn: number;
      /**
       * Months over which unconditional tranches are paid.
       */
      months: number;
      /**
       * First month in which tranches may be paid (calendar month within the run; before aiChain.start, from the chain's first month).
       */
      start: string;
    }[];
    /**
     * Vendor backstops: a guarantor buys a cloud's unsold capacity, from the chain's start to its `until` month. Default: the Nvidia–CoreWeave $6.3bn backstop through Apr 2032 (docs/calibration.md §4).
     *
     * @maxItems 100
     */
    backstops: {
      /**
       * Firm that guarantees to buy unsold capacity (vendor backstop).
       */
      guarantor: string;
      /**
       * Cloud whose unsold capacity is bought.
       */
      beneficiary: string;
      /**
       * Most the guarantor pays over the backstop's life.
       */
      limitUsdBn: number;
      /**
       * Last month of the backstop (calendar month; not before aiChain.start nor the run's first month; it may run past the run's end). The backstop runs from the chain's start.
       */
      until: string;
    }[];
    /**
     * All-in capital cost of one GW of AI data-centre capacity.
     */
    costPerGwUsdBn: number;
    /**
     * Share of that cost bought from the chip maker (the rest: buildings and equipment from non-AI capital-goods firms).
     */
    gpuShareOfCost: number;
    /**
     * Share of the chip maker's sales that is imported content (wafers from foreign foundries, high-bandwidth memory, packaging abroad), at most its cost of goods (1 − grossMargin): the chip maker pays it each month to the rest of the world (the ledger's restOfWorld sector, which holds it as a deposit at a domestic bank and spends nothing back), and buys only the rest of its cost of goods from domestic capital-goods firms. The national accounts count it as imports (netExportsNominal) and as an input of the chip maker, so that GDP holds domestic value added only. Until stop 37 the payment was measured but not made: the chip maker bought its whole cost of goods (28 % of sales) from domestic firms and the national accounts deducted this share again as imports, so ≈ 90 % of the imported content was domestic demand and jobs (src/model/agents/aiChain/settlement.ts chipImportedShare).
     */
    gpuImportShare: number;
    /**
     * Life of GPUs and their capacity; capacity and its book value depreciate linearly over it.
     */
    gpuLifeMonths: number;
    /**
     * Depreciation life of the data-centre buildings, power and cooling (the part of capex that is not GPUs). Book value depreciates at the blend of this and the GPU life, weighted by gpuShareOfCost.
     */
    buildingLifeMonths: number;
    /**
     * Revenue one GW of capacity earns per year at full use and the initial price of AI services.
     */
    revenuePerGwUsdBnYearly: number;
    /**
     * Utilisation of compute that clouds regard as normal, in price setting.
     */
    targetUtilization: number;
    /**
     * Monthly relative change of the price of AI services per unit gap between utilisation and target.
     */
    priceAdjustment: number;
    /**
     * Yearly growth of the services a GW of capacity entering service can serve (technology; agents/aiChain/demand.ts advanceServicesPerGw): a GW that enters service t years after the chain's start serves (1 + g)^t times what a GW served at the start, and keeps that technology until it retires (each firm's serviceGw, settlement.ts enterAndDepreciate; a GPU keeps its generation, a fibre route's new wavelength-division gear is capex). What capacity can serve (serviceGw × revenuePerGwUsdBnYearly) sets the utilisation in the price of AI services and in the clouds' orders, the end users' split between clouds, the labs' choice of seller, backstop purchases and the unused capacity a vendor backstops; the grid's load, capex and capability (the adoption pace and the value of a dollar of AI) stay in GW. 0: off (serviceGw = computeGw), as in every shipped scenario.
     */
    capacityTechnologyGrowthYearly: number;
    /**
     * Months from ordering GPUs to capacity in service.
     */
    buildMonths: number;
    /**
     * End-user demand for AI services (households' subscriptions, non-AI firms' use, government purchases), by segment (households, non-AI firms, government): a Bass diffusion whose pace rises with capability (deployed compute), with churn that rises when a segment's budget falls below its trend and when a dollar of AI is worth less than at the start — so adoption can reverse; spending per user falls with price and with the budget below trend (src/model/agents/aiChain/demand.ts, issue 18 item 1). It starts, in the chain's first month, at the spending the firms' configured revenues imply: each lab's and cloud's revenue (aiChain.firms[].revenueUsdBnYearly) less its contract instalments then — ≈$75 bn a year with the defaults (OpenAI >$20bn ARR, Anthropic, the clouds' AI services; docs/calibration.md §4, §12.2–12.3) — and that level keeps being paid to each firm in its first-month share (its customer base) while spending beyond it goes to labs (labShare, by compute contracted) and clouds (by capacity).
     */
    demand: {
      /**
       * Spending on AI services at full adoption and the initial price, as a share of nominal GDP.
       */
      potentialShareOfGdp: number;
      /**
       * Bass innovation coefficient p: 0.03, the mean over 213 diffusion-model applications in the meta-analysis of Sultan, Farley & Lehmann (1990, J. Marketing Research 27(1): 70–77). With the 2025 start at ≈ 7 % adoption, it and imitationYearly put end-user AI spending on ≈ 60–70 % growth in the first year, about the growth priced in the labs' 2025 valuations and below the labs' sourced 2025 run-rate growth (OpenAI ≈ $13 bn in 2025 to > $20 bn annualised by its end, Anthropic ≈ $0.9 bn to ≈ $9 bn; docs/calibration.md §4, §12.3).
       */
      innovationYearly: number;
      /**
       * Bass imitation coefficient q: 0.38, the mean of the meta-analysis of Sultan, Farley & Lehmann (1990) (see innovationYearly).
       */
      imitationYearly: number;
      /**
       * Elasticity of the adoption pace to deployed compute relative to the start (AI capability grows with compute).
       */
      capabilityElasticity: number;
      /**
       * Elasticity of spending to the price of AI services.
       */
      priceElasticity: number;
      /**
       * Share of end-user spending paid by households (subscriptions).
       */
      householdShare: number;
      /**
       * Share paid by the government.
       */
      governmentShare: number;
      /**
       * Share of end-user spending beyond its level in the chain's first month that goes to model labs (in proportion to the compute they have contracted; the rest to clouds directly, by capacity). The first month's level is paid to each firm in its share of that month, as long as the firm lives.
       */
      labShare: number;
      /**
       * Base yearly churn of AI users (each segment loses this share of its users a year before budget and value churn). Assumption: low against subscription churn, since adoption here is a population share, not a subscription; with it adoption saturates near (q − churn)/q of potential instead of 100 %.
       */
      churnYearly: number;
      /**
       * Extra yearly churn per unit of a segment's budget shortfall below its two-year trend (households' consumption, non-AI firms' profits, government purchases): budgets are cut in a downturn — at 3, a 10 % fall in firms' profits below trend adds 30 points of churn a year. Assumption (no sourced row yet); IT spending was among the first cut in 2001–02 (docs/calibration.md §11).
       */
      budgetChurn: number;
      /**
       * Extra yearly churn per unit of the value of a dollar of AI below its level at the start (capability^capabilityElasticity ÷ price; for non-AI firms with automation on, the automation module's cost ratio of AI to the wages it replaces): users leave services that cost more or do less than when they adopted them. Assumption: at 1, a 20 % worse deal adds 20 points of churn a year.
       */
      valueChurn: number;
      /**
       * Elasticity of spending per user to a segment's budget relative to its trend: at 1.5 a 10 % fall in firms' profits below trend cuts their AI spending per user ≈ 15 %. Assumption: discretionary IT and software budgets move more than one for one with profits.
       */
      budgetElasticity: number;
      /**
       * Share of non-AI firms' AI spending made by AI-native start-ups funded by venture capital, whose budget follows the AI chain's market value relative to its running peak rather than profits: when AI valuations fall, their funding — and their purchases of AI services — falls with them. Assumption (no sourced row yet); in 2000–01 the failure of VC-funded dot-coms cut the carriers' and equipment makers' revenue (docs/calibration.md §11).
       */
      startupShare: number;
    };
    /**
     * How chain firms form expectations of demand growth, which drive capacity plans and valuations (extrapolative, so booms feed on themselves).
     */
    expectations: {
      /**
       * Weight of the latest year-on-year growth of chain revenue in expected growth.
       */
      growthMemory: number;
      /**
       * Expected yearly growth of AI revenue at the start.
       */
      initialGrowthYearly: number;
      /**
       * Desired yearly capacity growth per unit of expected demand growth.
       */
      capacityGrowthResponse: number;
      /**
       * Desired yearly capacity growth per unit of contracted backlog (months of revenue) above a year's worth, divided by 12.
       */
      backlogResponse: number;
      /**
       * Cap on desired capacity growth.
       */
      maxCapacityGrowthYearly: number;
      /**
       * Length of the compute contracts labs sign as they expect demand to grow (every quarter, for the gap between the compute their expected revenue calls for and what they have contracted). 0 switches new contracts off.
       */
      newContractMonths: number;
      /**
       * Labs sign new compute contracts only with clouds whose yearly default probability is at most this (plans.ts sellerAcceptable): a customer signing for years of service weighs the supplier's survival, and shuns one that no lender would fund. 1 (the default) keeps every cloud eligible, the rule off (byte-identical). In telecom-1997 0.2, the private-credit fund's own limit (finance.fundMaxDefaultProbability): a carrier that cannot raise money is not signed with.
       */
      sellerMaxDefaultProbability: number;
      /**
       * Which clouds a lab's new compute contract goes to (plans.ts contractSellerWeights), among the acceptable ones (sellerMaxDefaultProbability). "leastBacklog" (the default): all of it to the one cloud with the least backlog per unit of capacity (in service and in the pipeline) — a single supplier per contract, so a small cloud whose backlog is short wins contract after contract. "byCapacity": split between them in proportion to that capacity — labs buy from several clouds at once, as the 2025 labs do (OpenAI from Microsoft, Oracle, CoreWeave and Google; Anthropic from Google and Amazon: docs/calibration.md §4) and the dot-coms bought transit from several carriers (multi-homing: 57–63 % of the Internet's autonomous systems took traffic from two or more upstream providers in 1999–2002, CAIDA; docs/calibration.md §11.10), each contract a slot of its own, with room for a contract per cloud per signing. Measured on telecom-1997 in docs/scenarios.md 'source44 pass'; leastBacklog in every shipped scenario.
       */
      contractSourcing: "leastBacklog" | "byCapacity";
      /**
       * Half-life of a lab's excess of compute spending over revenue: the ratio of the compute it wants to contract to its revenue starts at its initial contracts ÷ revenue and decays toward 1 (labs expect to grow into their compute).
       */
      computeIntensityHalfLifeMonths: number;
    };
    /**
     * How a cloud's capacity orders respond to its funding conditions and to how much of its capacity is used (src/model/agents/aiChain/plans.ts capacityOrderFactor, replacementShare; docs/calibration.md §11.4). Orders (replacement of worn-out capacity plus planned growth) are multiplied by a funding factor: exp(−spreadSemiElasticity × (the chain's CDS index − referenceSpreadBp)/100) for the cost and availability of credit in the sector's market (as the high-yield market was the telecom carriers'), times (the chain's market value ÷ its running peak, fading over equityMemoryMonths)^equityElasticity for the price of equity. The sector's spread, not the firm's own: with its own spread the downstream carriers of configs/scenarios/telecom-1997.json cut their orders as soon as their spreads rose in 1998–99, never borrowed into the bust, and no chain firm defaulted in 7 of 10 seeds (CDS index peak 504 bp [400, 606]) — while Winstar and its peers kept building into 2000 (docs/calibration.md §11.2); a firm's own funding limits already act in aiChain.finance (a capex cut when it cannot raise the money). Worn-out capacity is replaced only as far as it is used (utilisation ÷ aiChain.targetUtilization, at most 1): idle capacity is let run down. When financing stalls — spreads of ≈ 1 000 bp, equity ≈ 50 % off its peak — orders fall by more than half, as carriers' capex did in 2000–03 (−42 % 2000 → 2002, a further −22 % in 2003; docs/calibration.md §11.1). Nothing is scripted: the cut follows the firm's spread, the market and its utilisation.
     */
    orders: {
      /**
       * CDS index level up to which the cost of credit does not cut orders: the high-yield index's long-run average spread.
       */
      referenceSpreadBp: number;
      /**
       * Relative fall of capacity orders (in logs) per 100 bp of the chain's CDS index above referenceSpreadBp. At 0.1 a spread of 1 550 bp, 1 000 bp above the reference, cuts orders to exp(−1) ≈ 37 %.
       */
      spreadSemiElasticity: number;
      /**
       * Elasticity of capacity orders to the chain's market value relative to its (fading) peak (a Tobin's-q and equity-financing channel): at 1 a chain worth half its peak halves orders. 0 by default, 0.5 in configs/scenarios/telecom-1997.json (1 until stop 41): with 1 in baseline-2025 the chain's market value five years in differs between 5 000 and 20 000 households by 3.5 standard errors of the paired difference over seeds 1–8 (≈ 2 % higher at 5 000 in 7 of 8 seeds; tests/model.convergence.test.ts allows 3) — a population-size dependence this channel exposes and that is not yet found; with 0, 1.0 SE.
       */
      equityElasticity: number;
      /**
       * How long the chain's peak market value weighs on orders: the reference that equityElasticity compares today's value with is the running peak, closing 1/equityMemoryMonths of its gap to the current value each month. A crash cuts orders hard at first; as the market settles at its new level, the old peak fades and orders recover. With the peak itself (no fading), baseline-2025's orders stayed at a third of their pre-bust level for six years after a bust, and grid-constrained never outgrew the grid.
       */
      equityMemoryMonths: number;
      /**
       * Time to build: a capacity order is paid in equal instalments over aiChain.buildMonths, one a month from the month it is placed (plans.ts payOrderInInstalments), instead of all in the month it is placed — so capex (the chain's spending, the aiCapex column) lags the orders, as measured investment follows orders placed months before, and a firm that cannot fund this month's instalments cancels that share of its whole order book (the capacity still being built and the instalments still due), not only this month's order (finance.ts). A liquidated firm's buyer takes over the instalments with the capacity; a firm in default pays none. false (the default) pays each order at once, the rule before (byte-identical).
       */
      progressPayments: boolean;
    };
    /**
     * How chain firms fund themselves and how lenders price them.
     */
    finance: {
      /**
       * Months of outgoings a chain firm wants to hold in cash; it borrows or raises equity to keep it.
       */
      cashBufferMonths: number;
      /**
       * Share of the gap between the cash buffer wanted (cashBufferMonths) and the cash held that a chain firm closes in a month by borrowing or raising equity, beyond what the month's outgoings need: buffers are built over months, so a firm configured with less cash than its buffer does not borrow the whole gap in its first month. 1 closes it at once.
       */
      cashAdjustmentMonthly: number;
      /**
       * Months of burn a lab raises in each equity round.
       */
      labEquityRunwayMonths: number;
      /**
       * The equity window (src/model/agents/aiChain/finance.ts equityWindowShare): a lab's equity round raises what it wants times (the AI chain's market value ÷ its running peak)^labEquityWindowElasticity, at most 1 — investors' appetite for new equity follows past returns, so a falling market shrinks rounds while burn continues; the lab borrows what it can, then cuts orders and cancels contracts, and its suppliers' revenue falls. 0 switches the window off: rounds ignore the market (byte-identical to the rule before it).
       */
      labEquityWindowElasticity: number;
      /**
       * Banks refuse new chain loans above this yearly PD.
       */
      bankMaxDefaultProbability: number;
      /**
       * Non-bank lenders (private credit, bonds) refuse above this yearly PD — more risk-tolerant than banks.
       */
      fundMaxDefaultProbability: number;
      /**
       * Secured (GPU- and contract-backed) lenders advance or roll nothing, and a drawing on the credit line is not covered by the borrowing base, once the borrower's yearly PD is above this: a borrowing base caps what a lender must advance, it does not oblige it to fund a borrower whose default is more likely than not within the year — advances are conditional on no material adverse change and no default, and lenders cut credit sharply once a borrower is in distress (Roberts & Sufi 2009, J. Finance 64: net debt issuance falls after covenant violations). Below this limit secured lenders lend whatever the PD (the neocloud's 2025 start, ≈ 7–10 % a year, is financeable). 0.5 is an assumption: default within a year more likely than not; the structural model's cap is ≈ 0.75 (PD_MAX over five years).
       */
      securedMaxDefaultProbability: number;
      /**
       * Share of the fund's cash it is willing to commit to new chain equity and credit per month at zero market stress.
       */
      fundRiskAppetite: number;
      /**
       * Term of new bank loans to chain firms (term loans, bullet repayment at maturity); the loan's margin over the policy rate is fixed when it is made, its base floats.
       */
      loanMaturityMonths: number;
      /**
       * Spread over the expected loss (PD × LGD) that lenders charge at zero stress. 35 bp puts the cash-rich hyperscalers at their late-2025 5-yr CDS of ≈34–45 bp (docs/calibration.md §3).
       */
      riskPremiumBp: number;
      /**
       * Extra spread at full market stress.
       */
      stressPremiumBp: number;
      /**
       * Loss given default on chain debt.
       */
      lossGivenDefault: number;
      /**
       * Share of cash above the buffer that cash-rich chain firms return to shareholders per month.
       */
      payoutShare: number;
      /**
       * Share of the month's expected free cash flow (expected inflow less the month's outgoings, capex included, and a chip maker's cost of goods, after profit tax) that cash-rich chain firms (chip makers, hyperscalers) return to shareholders as buybacks and dividends, on top of payoutShare of their excess cash and never more than that excess. Nvidia returned $12.46 bn of buybacks and $0.24 bn of dividends out of $22.09 bn of free cash flow in Q3 FY26 (Aug–Oct 2025): 57 % ($37.0 bn in the first nine months of FY26). Without it the chip maker kept its whole monthly profit and its cash rose 16 % in the chain's first month. The hyperscalers' shares are not in docs/calibration.md; the same share is assumed.
       */
      freeCashFlowPayoutShare: number;
      /**
       * Cash the non-bank investor fund holds at the start (private-credit dry powder and uninvested growth capital).
       */
      fundCashUsdBn: number;
      /**
       * Horizon of the structural (Merton/KMV) default probability, annualised. Five years matches the 5-yr CDS tenor quoted in docs/calibration.md §3; with a one-year horizon a firm far from its default point shows almost no risk however levered it is.
       */
      pdHorizonYears: number;
      /**
       * Most debt a model lab can carry, as a multiple of its annual revenue: labs are funded by equity; their borrowing is limited to credit lines (e.g. a ≈$4bn revolver against ≈$13bn of 2025 revenue).
       */
      labMaxDebtToRevenue: number;
      /**
       * In a reorganisation (Chapter 11) creditors keep at most this multiple of the firm's annual revenue as debt (or their recovery 1 − LGD if lower); the rest is written off — so the reorganised firm has a capital structure its business can carry.
       */
      reorganisedDebtToRevenue: number;
      /**
       * Lenders' leverage limit: no new debt once a chain firm's debt exceeds this multiple of its annual operating earnings (revenue — or contracted revenue, if higher — less operating costs, plus other businesses' profit). Above it, capacity orders that need debt are cut.
       */
      maxDebtToEarnings: number;
      /**
       * Term of new bonds and private-credit loans (fixed coupon, bullet). The coupon is fixed when the debt is issued: the policy rate then, plus bondTermPremiumBp, plus the lending spread then.
       */
      bondMaturityMonths: number;
      /**
       * Term premium of a bond's fixed coupon over the policy rate at issue (the model has no yield curve).
       */
      bondTermPremiumBp: number;
      /**
       * Share of each kind of new non-bank chain debt that floats: its coupon is the policy rate of each month plus the margin fixed when it was made (no term premium), so it resets with the policy rate; the rest carries a fixed coupon (bondTermPremiumBp). Bank term loans always float (policy + the bank's spread + their margin). The fund's book keeps the debt-weighted floating share and margin of what it lent (aiChain/credit.ts fundBookRate); the initial debt is split by the same shares (its secured part, securedDebtShare, at `secured`, the rest by the first month's rating).
       */
      floatingShare: {
        /**
         * Share of secured (GPU- and contract-backed) loans from the fund that floats.
         */
        secured: number;
        /**
         * Share of unsecured non-bank debt lent to a firm rated below BBB that floats (private credit loans; the rest high-yield bonds).
         */
        highYield: number;
        /**
         * Share of unsecured non-bank debt lent to a firm rated BBB or better that floats.
         */
        investmentGrade: number;
      };
      /**
       * A chain firm's rating (from its CDS spread, graded by docs/calibration.md §3's rating buckets) moves one grade a month at most, and only when the spread is beyond the grade's bound by this share (agencies rate through the cycle).
       */
      ratingHysteresis: number;
      /**
       * Spread jump when a firm falls out of investment grade (BBB → BB): holders restricted to investment grade must sell, and the spread on its debt and new borrowing jumps by this much, then decays (fallenAngelHalfLifeMonths).
       */
      fallenAngelPremiumBp: number;
      /**
       * Half-life of the forced-selling premium.
       */
      fallenAngelHalfLifeMonths: number;
      /**
       * Share of the non-bank fund's money that may hold only investment-grade debt (insurers, pension mandates): it buys no new debt of a firm rated below BBB.
       */
      investmentGradeOnlyShare: number;
      /**
       * Haircut lenders apply to GPU, data-centre and contract collateral when GPU rental prices stand at their year-average level: secured lending (delayed-draw term loans, OEM financing) reaches (1 − haircut) of the collateral whatever the borrower's default probability.
       */
      securedHaircut: number;
      /**
       * Points the haircut rises per point GPU rental prices (the AI service price) stand below their average of about the last year.
       */
      haircutSensitivity: number;
      /**
       * Loss given default of secured chain loans, in their spread (secured debt is repaid first from the collateral).
       */
      securedLossGivenDefault: number;
      /**
       * Months over which a borrower must repay secured debt that exceeds its borrowing base (a margin call, e.g. after GPU rental prices fall); what it cannot pay or refinance is a default.
       */
      securedCureMonths: number;
      /**
       * Most a bank lends to one chain firm, as a share of its equity.
       */
      bankConcentrationLimit: number;
      /**
       * Most of the non-bank fund's month's money for new chain equity and credit (fundRiskAppetite × its cash) that one chain firm may draw; 1 = first come, first served in the firms' order.
       */
      fundSingleNameShare: number;
      /**
       * Discount on book value at which a liquidated chain firm's data centres and GPUs are sold to the surviving cloud with the most capacity (a fire sale to the only buyers who can use them).
       */
      liquidationDiscount: number;
      /**
       * Households' net subscriptions to the private-credit fund per month, as a share of its credit book (cash plus loans), per unit of the book's monthly return in excess of the deposit rate.
       */
      fundFlowSensitivity: number;
      /**
       * Multiplier on fundFlowSensitivity when the excess return is negative: outflows react more to losses than inflows to gains.
       */
      fundOutflowAsymmetry: number;
      /**
       * Most the fund redeems in a month, as a share of its credit book (a semi-liquid vehicle's gate).
       */
      fundRedemptionGateMonthly: number;
      /**
       * Most the fund takes in a month, as a share of its credit book; subscriptions are also limited to the month's distributions from firms, banks and the utility that households reinvest.
       */
      fundMaxInflowMonthly: number;
      /**
       * Weight of this month's return in the smoothed return that fund flows chase (an exponential average).
       */
      fundFlowSmoothing: number;
      /**
       * Net redemptions above this share of the fund's credit book in a month start a redemption wave (the fundRedemptionWave event).
       */
      redemptionWaveShare: number;
    };
    /**
     * Share prices of chain firms: fundamentalists (who value firms by aiChain.valuation) and trend followers who switch by recent performance (Brock–Hommes); the short book's orders (aiChain.shortSellers) move prices too.
     */
    equityMarket: {
      /**
       * Brock–Hommes intensity of choice β between strategies.
       */
      intensityOfChoice: number;
      /**
       * How strongly trend followers extrapolate the last monthly return.
       */
      trendStrength: number;
      /**
       * Monthly speed at which fundamentalists expect the price to revert to value.
       */
      reversionSpeed: number;
      /**
       * Standard deviation of monthly noise in prices.
       */
      noiseMonthly: number;
      /**
       * Share ν of each month's change in a firm's log fundamental value that passes straight into its log price, before the traders' demand moves it (markets/equityMarket.ts stepEquityMarket): the price then moves around the fundamental as in the deviation form of Boswijk, Hommes & Manzan (2007, 'Behavioral heterogeneity in stock prices', JEDC 31), where the traders' beliefs act on the price's gap to a fundamental that the price follows. 1 is an efficient market's benchmark: news about value is priced when it comes. Default 0 (off, every output unchanged): news reaches the price only through the fundamentalists' demand, φ n_f × the gap, so a fundamental that moves g a month leaves the price ≈ 13 g behind — about a year (docs/scenarios.md 'price45 pass'). Measured in telecom-1997 at history's size (seeds 1–20): at 0.2 the drawdown is 51 % (24 % at 0); at 1, with the market's loss and credit premia, the value peaks at ×2.8 in 1999–2001 in 17 seeds but falls 89 % and 2003's unemployment is 10.8 %, because the loss premium's loop (a fall raises the drawdown premium, which lowers the value) has a gain above 1 once prices pass the fundamental on. Not calibrated: it belongs with a redesign of the chain's valuation whose monthly changes are news rather than a trend.
       */
      newsPassThrough: number;
    };
    /**
     * Circular financing by decision (src/model/agents/aiChain/circular.ts, docs/ODD.md §7.14): each month the chip maker and the hyperscalers commit part of their cash above its buffer to customers short of cash for the orders they place with them — vendor loans to clouds against their backlog, equity-for-compute stakes in labs and clouds, and backstops (purchase commitments for a cloud's unused capacity that are called as guarantees when it defaults) — while their own share price holds up. The configured 2025 deals (equityStakes, backstops) are the initial state. Losses on these exposures fall on the upstream firm when a customer defaults.
     */
    circular: {
      /**
       * Whether the chip maker and the hyperscalers decide new vendor loans, equity-for-compute stakes and backstops. Off: only the configured deals (equityStakes, backstops) run — the no-circularity scenario turns it off. Exposures already held (configured stakes and backstops) are marked and called either way.
       */
      decide: boolean;
      /**
       * Share of an upstream firm's cash above its buffer (aiChain.finance.cashBufferMonths of its outgoings) that it commits to customers' deals in a month at full appetite; customers' needs are filled pro rata within it.
       */
      dealShareMonthly: number;
      /**
       * How the deal appetite follows the firm's own share price: appetite = clamp(1 + priceResponse × (price ÷ its average over priceMemoryMonths − 1), 0, 1) × (1 − the chain's market stress). At 5, deals stop when the share is 20 % below its average.
       */
      priceResponse: number;
      /**
       * Months of the exponential average of its share price that a firm compares today's price with (priceResponse).
       */
      priceMemoryMonths: number;
      /**
       * Which of a customer's cash the vendor counts against its orders (circular.ts customerNeed). false (the default): all its deposits. true: only its cash above the buffer it keeps for its own outgoings (aiChain.finance.cashBufferMonths of them, the same cashAboveBuffer a vendor applies to itself) — a carrier's precautionary cash, borrowed to meet its interest, wages and contract payments, is not money it can spend on equipment (Opler, Pinkowitz, Stulz & Williamson 1999: cash holdings are a buffer against shortfalls). With all deposits counted the replay's carriers, which keep several months of outgoings in cash funded by their bank and bond debt, were never 'short' of two months of equipment orders, and the equipment maker never lent — where Lucent, Nortel and Cisco had $7 bn, ≈ $3 bn and $2.4 bn of customer-financing commitments at the 2000 peak, to carriers (Winstar) that bond markets had financed (docs/calibration.md §11.1; docs/scenarios.md 'telecom30 pass'). On in telecom-1997.
       */
      customerCashAboveBuffer: boolean;
      /**
       * Months of a customer's orders from the vendor that the vendor makes sure the customer's cash covers: its need is coverMonths × its monthly orders from the vendor less its cash (orders: contract instalments owed to the vendor, a cloud's GPU orders for the chip maker, and for the chip maker a lab's compute contracts times aiChain.gpuShareOfCost).
       */
      coverMonths: number;
      /**
       * Share of the gap between a customer's target cover (coverMonths of its orders from the vendor) and its cash that the vendor finances in a month: partial adjustment toward the target exposure, so vendor loans and stakes build up over months instead of pre-funding the whole cover in the chain's first month. 1 fills the whole gap at once (the rule before issue 16's third pass: the neocloud's cash +45 % and the legacy cloud's +14 % in 2025-11).
       */
      adjustmentMonthly: number;
      /**
       * A vendor finances a customer only while the customer's yearly default probability is at most this — above the banks' limit (aiChain.finance.bankMaxDefaultProbability): vendors lend where banks do not.
       */
      maxCustomerPd: number;
      /**
       * A cloud's vendor debt (to all vendors) stays within this share of its contracted backlog (its remaining sales under contract); need beyond it is met with equity-for-compute.
       */
      loanToBacklog: number;
      /**
       * Vendor loans amortise in equal parts over this many months, with interest at the customer's non-bank rate; what a customer cannot pay is added to the loan.
       */
      loanMonths: number;
      /**
       * Largest share of a customer's equity a vendor buys by decision.
       */
      maxStakeShare: number;
      /**
       * Limit of a decided backstop, in months of the cloud's unused capacity (what its capacity earns at aiChain.targetUtilization less what it sold last month); written when a customer cloud's capacity is underused and the vendor's cash above its buffer, at its appetite, covers all its backstops' remaining limits.
       */
      backstopMonths: number;
      /**
       * Months a decided backstop runs.
       */
      backstopTermMonths: number;
    };
    /**
     * Whether the chain's 2025 flows run at a stationary level during the core's warm-up, before aiChain.start (agents/aiChain/warmUp.ts; docs/ODD.md §7.15): the hyperscalers' other businesses earn otherProfit × the price index as platform fees from non-AI firms, each firm replaces the capital that wears out (at most its fees after tax; GPUs from the chip maker, which pays its cost of goods, buildings from capital-goods firms), profit is taxed and what the month added to a firm's cash is paid out as dividends. Each chain firm's cash, debt, capital and shares stay at their 2025 level, so only what differs from a stationary 2025 begins at the start. False: the chain stands still until its start (before stop 39), and its fees, dividends and taxes switch on in its first month.
     */
    stationaryWarmUp: boolean;
    /**
     * With aiChain.stationaryWarmUp: the months over which the chain's shares come to carry their 2025 real value at the start of the warm-up (agents/aiChain/warmUp.ts warmUpValueShare): in warm-up month t they are worth min(1, t / R) × their 2025 values × the price level, so households, who own them through the fund, come to hold the chain's wealth gradually instead of at t = 0 on top of the wealth the core's initial state is built for. 0: no ramp (the whole value from the first month, as from stop 39). A burn-in device, not part of any result: it always ends by aiChain.start — a warm-up shorter than R months ramps over its own length (a config that shortens baseline-2025's warm-up keeps a consistent start). Without it baseline-2025's warm-up opens with a spending boom (unemployment 2.0, 1.4 and 2.6 % in its first three years, the policy rate up to 9.5 %; seeds 1–6) whose echo, an ≈ 8-year swing of ±0.5–0.8 points of unemployment that every seed shares, outlasts the warm-up and sets the phase of 2025-11; ramped over 240 months the swing is gone by the ramp's end (docs/scenarios.md 'On the stop 40 core').
     */
    warmUpValueRampMonths: number;
    /**
     * With the chain on: share of the non-AI corporate sector's capitalised earnings counted as its market value — the rest of the core's corporate value belongs to the chain firms, which are valued separately (total US market cap ≈ $68T, of which ≈ $25–30T in the AI chain, docs/calibration.md §6). At 0.95 the non-AI sector is worth ≈ $41T in baseline-2025 at 2025-11 and the total ≈ $67T (seeds 1–20, stop 39; at 0.9 the total is $59–62T, below the $64T the start's test asks). It was 0.8 until stop 39, when the non-AI firms' earnings still included the hyperscalers' other businesses through the warm-up; since their platform fees are paid in the warm-up (aiChain.stationaryWarmUp) those earnings are the chain's, and the share rose to 0.95.
     */
    nonAiSectorIndexShare: number;
    /**
     * Fundamental value of chain firms by discounted expected cash flows (issue 18 item 2; src/model/agents/aiChain/dcf.ts): expected earnings (AI revenue at the role's long-run margin plus other profit) grow at the market's expected growth, which fades to terminal growth; less interest, taxes and net investment (fading); discounted at the policy rate + a term premium + an equity risk premium that rises with the chain's drawdown and the firm's volatility. The expected growth per firm is solved in the chain's first month so that each firm's value is its configured 2025 market value, and then moves with a Brock–Hommes mix of that story (aged by growthFadeYearly) and the growth observed over the past year.
     */
    valuation: {
      /**
       * Nominal growth of earnings after the forecast horizon: about the long-run growth of nominal GDP (2 % inflation target + ≈ 1–2 % real growth, docs/calibration.md §6 FOMC projections).
       */
      terminalGrowthYearly: number;
      /**
       * Share of the excess of expected growth over terminal growth left after each year (Fama & French 2000: excess profitability and growth mean-revert at ≈ 30–40 % a year). 0.75 is a half-life of ≈ 2.4 years.
       */
      growthFadeYearly: number;
      /**
       * Share of today's net investment (capex beyond depreciation) the market expects a year later: the build-out is expected to end. Assumption: half-life ≈ 2 years, like the hyperscalers' guided capex plans (docs/calibration.md §1).
       */
      capexFadeYearly: number;
      /**
       * Years of explicit forecast before the terminal (Gordon) value (a standard two- or three-stage DCF: Damodaran, Investment Valuation, ch. 12).
       */
      horizonYears: number;
      /**
       * Term premium of long over short rates in the discount rate. Assumption: ≈ 0.5 points, near the ACM 10-year term premium of 2025 (not yet a docs/calibration.md row).
       */
      termPremiumYearly: number;
      /**
       * Base equity risk premium. Assumption: ≈ 4.5 points, near Damodaran's implied premium for the S&P 500 in 2025 (≈ 4.3 %; not yet a docs/calibration.md row).
       */
      equityRiskPremiumYearly: number;
      /**
       * Extra equity risk premium of the chain's own firms per unit of the chain's drawdown from its peak (0.05: a 40 % fall adds 2 points): losses raise the boom sector's required returns (Campbell & Cochrane 1999). Until stop 42 the non-AI sector's discount rate carried it too; that part is now marketLossPremiumSensitivity. No market measure of the boom sector's own implied premium was found; 0.05 is kept.
       */
      lossPremiumSensitivity: number;
      /**
       * Extra equity risk premium of the non-AI sector per unit of the AI chain's drawdown from its peak (markets/equity.ts marketLossPremium): a crash of the market's boom sector raises required returns on the rest of the market too. Calibrated with creditPremiumSensitivity so that the two together add the S&P 500's implied-premium rise of 2000–02 at that episode's state: +2.05 points (2.05 % end-1999 → 4.10 % end-2002, Damodaran) at a 78 % drawdown (the Nasdaq's) and the high-yield spread 550 bp above its average: 0.019 × 0.78 + 0.097 × 0.055 ≈ 0.020. Until stop 42 the non-AI sector used lossPremiumSensitivity (0.05) and creditPremiumSensitivity 0.25, each calibrated to the whole rise, so together they added ≈ 5.3 points at that state (docs/scenarios.md 'size42 pass', 'On the stop 42 core'); both are scaled by the same factor (2.05 ÷ 5.3) since the data do not split the rise between them.
       */
      marketLossPremiumSensitivity: number;
      /**
       * Extra equity risk premium of the non-AI sector per unit of the chain's CDS index above the high-yield average (aiChain.orders.referenceSpreadBp), both as rates: 0.097 adds 0.58 points at 600 bp above it (markets/equity.ts creditPremium). Credit spreads and equity premia price the same risk-bearing capacity (Gilchrist & Zakrajšek 2012); the chain's CDS index stands for the high-yield market. Calibrated with marketLossPremiumSensitivity so that the two together add the 2000–02 rise of the implied premium (+2.05 points) at that episode's drawdown and spread; 0.25 until stop 42, when it alone was calibrated to the whole rise (see marketLossPremiumSensitivity).
       */
      creditPremiumSensitivity: number;
      /**
       * Extra equity risk premium of every chain firm per unit of the chain's CDS index above the high-yield average (aiChain.orders.referenceSpreadBp), both as rates (valuation.ts chainCreditPremiumYearly): the premium creditPremiumSensitivity adds to the non-AI sector's discount rate, on the chain's own firms too. Without it a chain whose credit runs is discounted at a lower rate as the policy rate is cut, so the cuts that follow a bust lift its value (the 1997–2003 replay's 1 % policy rate of 2003). Default 0 (off): the chain's premium moves with its drawdown and volatility only, as before. telecom-1997 uses 0.25, creditPremiumSensitivity's value until stop 42 (0.097 since): capex 2000 → 2003 −48 % [−61, −27] instead of −19 % [−42, +30] and 2000–03 unemployment 4.4 / 5.7 / 6.1 / 6.2 % instead of 5.4 / 6.8 / 6.7 / 6.5 % (history ≈ −55 %, 4.0 / 4.7 / 5.8 / 6.0 %; 10 seeds, each with its fitted households' neutral rate, docs/scenarios.md 'telecom31 pass'); the calendar of the peak does not move. Off in baseline-2025: there 0.25 makes a bust (drawdown ≥ 40 %) certain, 20 of 20 seeds against 12 (+40 pp [+16, +61]; drawdown +19 pp [+15, +23], peak CDS +258 bp [+112, +405], 20 paired seeds).
       */
      chainCreditPremiumSensitivity: number;
      /**
       * Extra equity risk premium per unit of yearly equity volatility above the firm's volatility at the start (0.05: +20 points of volatility add 1 point).
       */
      volatilityPremiumSensitivity: number;
      /**
       * Share of the way each month that every chain firm's growth story (the fundamentalists' anchor at its current age, dcf.ts agedAnchor) moves towards the growth of the whole chain's revenue over the past year (valuation.ts chainRevenueGrowth: the sum of the chain firms' AI revenue, a year over a year, as observedEarningsGrowth), re-solving the anchor at the start so the story keeps ageing from there (dcf.ts surpriseRevisedAnchor): a story the build-out's sales keep up with does not fade faster than calendar time, one whose sales fall short deflates — an earnings-surprise update of growth expectations (Pástor & Veronesi 2003, J. Finance 58: investors learn growth from realised results; Skinner & Sloan 2002, Rev. Accounting Studies 7: growth stocks re-rate on surprises), judged on the sector's sales because the build-out was priced as one story and sector news moves every firm (intra-industry information transfer, Foster 1981; Ramnath 2002). 0 (the default): off, every output unchanged. Measured in telecom-1997 (docs/scenarios.md 'story32 pass'): alone it does not move the calendar (the chain's revenue grows ≈ 20 % in 1997, short of the 2025 stories of 35–48 % the starting values imply at 1997's rates); with the hyperscalers' and the rest of the complex's starting values at 0.6 of 2025's it puts the capex peak in 2000 in 9–10 of 10 seeds and the chain's value peak in 1999–2001 in 5–7, but the replay's credit claims then fail (CDS median above 1 400 bp, peaks in 2003). On in telecom-1997 since stop 41 at 0.065, judged on end users' spending (storySurpriseMeasure 'endUserSpending') with those starting values: the replay gets its boom — seeds 1–20, the chain's value peaks in 1999–2001 in 14 at ×1.71 of its 1997 value, capex in 2000 in 19; off, in 1997 in 19 at ×1.03 (docs/scenarios.md 'boom41 pass'). On in baseline-2025 and the scenarios built on it since stop 41, the same rule and speed, so the projections carry the rule the replay checks against history: baseline-2025 busts in 89 % of 80 seeds after a boom to ×1.85 of its start (68 % and ×1.17 with 0; docs/scenarios.md 'On the stop 41 core'); 84 % since stop 42's market-wide premia ('On the stop 42 core'). The speed is fitted to 1997–2003, not to the market's revisions of AI growth expectations since 2023.
       */
      storySurpriseSpeedMonthly: number;
      /**
       * The growth that storySurpriseSpeedMonthly re-rates the stories against, a year over a year (mean of the last three months against a year before, annualised). "chainRevenue" (the default): the sum of the chain firms' AI revenue (valuation.ts chainRevenueGrowth) — the build-out's sales, which include the chip maker's and the clouds' sales to each other, i.e. the chain's own orders, so the measure is partly self-confirming (docs/scenarios.md 'story32 pass': seeds whose orders hold up keep their stories and overheat). "endUserSpending": what end users outside the chain (households, non-AI firms, government) spend on AI services (valuation.ts endUserGrowth; aiChain.endUserHistory) — the demand the build-out is for, which the chain's own orders cannot raise; in 1997–2003 the market re-rated the build-out when traffic and end-user revenue fell short of the capacity being laid (fibre utilisation, docs/calibration.md §11). No effect while storySurpriseSpeedMonthly is 0. telecom-1997 and baseline-2025 use it since stop 41 (docs/scenarios.md 'boom41 pass'): on the chain's revenue at 0.1–0.2 (with the starting values at 0.6) the capex fall from 2000 to 2003 averages −67 % to −93 % over the settings measured (history ≈ −55 %) and the spread peak comes in 2003 in 8–10 seeds of 10.
       */
      storySurpriseMeasure: "chainRevenue" | "endUserSpending";
      /**
       * How the fundamentalists' growth story ages (valuation.ts, dcf.ts storyAgeAfter). false (the default): with calendar time from the chain's start — the excess of the anchor over terminal growth fades by growthFadeYearly a year whatever the firm delivers. true: only in months when the firm's observed earnings growth (the trend followers' measure, a year over a year) falls short of the story's growth at its current age; a month that delivers the story does not age it — the competitive-advantage period lengthens as the firm shows it (Damodaran, Investment Valuation, ch. 12: the length of high growth follows demonstrated advantage; Pástor & Veronesi 2003, J. Finance 58: investors learn a firm's growth from its realised profitability, so growth that keeps coming keeps the expected growth high). In 1997–2000 the market lengthened the telecom and Internet growth story as traffic and revenue grew (analysts' long-term growth forecasts rose, Chan, Karceski & Lakonishok 2003, J. Finance 58; the implied equity premium fell to its low in 1999, docs/calibration.md §11.3): with calendar ageing the replay's chain value falls from 1997. Off in every scenario: in telecom-1997 it puts the capex peak in 2000 in 3 of 10 seeds (0 off) and lowers 2000–03 unemployment 0.4–0.8 points, but the value still peaks in 1997–98 — the hyperscalers and the rest of the complex, whose earnings are mostly otherProfitUsdBnYearly, never deliver their starting stories — and the drawdown falls to 25 % and 28 % in two seeds (docs/scenarios.md 'telecom30 pass').
       */
      storyAgesOnShortfall: boolean;
      /**
       * The fundamentalists' growth story (the anchor) in the chain's first month, when each firm's expected growth g* is solved so that its discounted cash flows equal its configured market value (valuation.ts calibrateExpectations). "marketGrowth" (the default): the story is g* itself. The trend followers' forecast is the growth observed over the past year (the seeded revenue history, aiChain.expectations.initialGrowthYearly, and other profit fixed in real terms), so for firms whose earnings are mostly otherProfitUsdBnYearly the month's target mix of the two forecasts (updateGrowthExpectation) lies far below g*, and the market's expectation and the price fall from the first month whatever the firm then delivers: in telecom-1997 seed 1 the fundamentals fall 23–25 % in six months. "restingMix": the story is the one at which that mix equals g*, (g* − (1 − n_F) × observed)/n_F with n_F the firm's fundamentalist share (at most 5, the calibration's upper bound): the starting prices are a rest point of the expectations' first month, and the stories are correspondingly higher than g* (0.82 against 0.43 for hyperA in telecom-1997) — Brock & Hommes (1998) heterogeneous beliefs, with the market's expectation the traders' weighted mix. Measured, not adopted (docs/scenarios.md 'rest40 pass'): in telecom-1997 the chain's value then peaks in 1999–2000 in 6 of 10 seeds (1997 in 9 by default; history: March 2000), but the spread peak moves past 2002 (in 2000-10 … 2002-12 in 1–2 seeds, 6 by default) and the boom years overheat (2000's unemployment 2.2–3.5 % at households' r* 2.7–3.05 %, history 4.0 %).
       */
      storyAtStart: "marketGrowth" | "restingMix";
      /**
       * Share of the gap between the market's expected growth and the mix of the fundamentalists' and trend followers' forecasts closed each month (0.08: a half-life of ≈ 8 months, as fast as analysts revise growth forecasts after a year of surprises).
       */
      expectationSpeedMonthly: number;
      /**
       * Share of the policy rate's gap to the neutral nominal rate (the central bank's r* estimate + inflation target) that passes into the long rate at which chain firms' cash flows are discounted, and the non-AI sector's earnings (src/model/markets/equity.ts equityLongRate, with centralBank.neutralRealRateYearly): 10-year yields move ≈ 0.3–0.5 points per point of policy surprise (Gürkaynak, Sack & Swanson 2005; Hanson & Stein 2015); ≈ 0.4 in 2000–03 (docs/calibration.md §6, §11.3). Check: a 25 bp cut then raises the non-AI sector's value ≈ 1.6 % at the default 3 % premium, against ≈ 1 % for a 25 bp surprise cut (Bernanke & Kuttner 2005, docs/calibration.md §6). Below 1, a cut to the zero bound does not raise multiples one for one.
       */
      policyPassThrough: number;
    };
    /**
     * The short book (issue 18 item 6; src/model/agents/aiChain/shortSellers.ts): a book of the non-bank fund sector that borrows chain shares from the fund's long book, sells them, pays a borrow fee, keeps margin, books profit and loss and covers — gradually as targets improve, by force below the maintenance margin (a squeeze). Targets: high debt, thin or negative cash flow, heavy capex.
     */
    shortSellers: {
      /**
       * The book's target capital as a share of the fund's chain shares at market value (≈ $26 bn at the start with the defaults): at the 50 % initial margin it can carry ≈ $50 bn of shorts, about what its targets (maxShortShare of the high-debt, high-capex, cash-burning firms) add up to, so the book uses its margin and a rally in its targets can force it to cover. Assumption; US short interest is ≈ 1–3 % of float overall, concentrated in such names.
       */
      capitalShare: number;
      /**
       * Share of the gap between the book's equity and its target capital moved each month (refills after losses, withdrawals after gains).
       */
      capitalSpeedMonthly: number;
      /**
       * Largest short position in one firm, as a share of its shares outstanding (the most heavily shorted US stocks carry short interest of ≈ 20–30 % of float; CoreWeave ≈ 25–30 % in 2025 was reported but is not yet a docs/calibration.md row).
       */
      maxShortShare: number;
      /**
       * Target score (mean of leverage, cash burn and capex intensity, each 0..1) below which a firm is not shorted.
       */
      scoreThreshold: number;
      /**
       * Share of the gap to the target position closed each month when trading by choice.
       */
      adjustSpeedMonthly: number;
      /**
       * Own capital required per unit of position value to open or add (Regulation T: 150 % of the short sale's value as collateral, i.e. 50 % own funds).
       */
      initialMargin: number;
      /**
       * Own capital per unit of position value below which positions are covered by force (FINRA Rule 4210: 30 % for short positions).
       */
      maintenanceMargin: number;
      /**
       * Borrow fee of an easy-to-borrow share (general collateral ≈ 0.25–0.5 % a year; D'Avolio 2002, JFE 66).
       */
      borrowFeeYearly: number;
      /**
       * Borrow fee when the short interest in a firm reaches maxShortShare (specials: D'Avolio 2002 reports ≈ 9 % of stocks with fees above 1 % and a tail above 10 %).
       */
      hardToBorrowFeeYearly: number;
      /**
       * Price-formation demand units per unit of shares outstanding traded by the book (markets/equityMarket.ts, a unit of demand moves the log price by one): 2 means selling 1 % of a firm's shares in a month lowers its price ≈ 2 %, covering raises it.
       */
      priceImpact: number;
    };
  };
  /**
   * Automation by AI (issue 4): AI capability grows with the chain's deployed compute; every household has an exposure (share of its tasks AI can do); non-AI firms automate the exposed tasks whose AI cost is below their wage cost, buying the AI services from the chain, with an adoption lag; they lay off their most exposed workers; displaced workers carry a skill mismatch that slows re-employment and decays with time (faster under government retraining); reinstatement creates new tasks. Acts only while the AI chain runs (aiChain.enabled, from aiChain.start).
   */
  automation: {
    /**
     * Whether non-AI firms automate tasks with AI services (needs aiChain.enabled; acts from aiChain.start). Off by default so that the AI-chain scenarios stay as calibrated; configs/scenarios/fast-automation.json and slow-automation.json switch it on.
     */
    enabled: boolean;
    /**
     * Elasticity of the AI capability index to deployed compute: capability = (compute in service at live clouds / compute at the start)^elasticity. Capability lowers the AI cost of every task in proportion.
     */
    capabilityElasticity: number;
    /**
     * Mean exposure of households: the share of a household's tasks that AI can do. Exposures are drawn as U^b with b = 1/mean − 1 (mean 0.2 gives b = 4, so ≈ 68 % of households have some exposure above 1 %).
     */
    exposureMean: number;
    /**
     * Share of exposed tasks whose AI cost is below their wage cost when the chain starts (capability 1, AI service price 1, wages at their start level).
     */
    profitableShareAtStart: number;
    /**
     * Pareto exponent k of the AI cost of exposed tasks relative to their wage cost at the start, r ≥ r_min = (1 − profitableShareAtStart)^(1/k). The default 0.4 gives an average cost saving of ≈ 27 % on the tasks profitable at the start.
     */
    costDispersion: number;
    /**
     * Share of the gap between a firm's automated share of tasks and its profitable share closed each month (the adoption lag; 0.02 ≈ a 3-year half-life).
     */
    adoptionSpeedMonthly: number;
    /**
     * New tasks for labour (Acemoglu–Restrepo reinstatement): share of automated tasks offset each year by new labour-using tasks, lowering the automated share.
     */
    reinstatementYearly: number;
    /**
     * Skill mismatch of a worker laid off by automation: the probability that a firm contacting her does not hire her.
     */
    mismatchOnDisplacement: number;
    /**
     * Share of the skill mismatch lost per month of unemployment (retraining on the job search; government retraining adds to it).
     */
    mismatchDecayMonthly: number;
  };
  /**
   * The power grid (issue 4): one utility with deliverable capacity in GW, base load from households and non-AI firms, the AI chain's data centres as new load, new capacity only through the utility's investment with a build and interconnection lag, financed by bank loans and (publicBuildoutShare) the government; an electricity price convex in utilisation that households, non-AI firms and the chain pay. Inert when the AI chain is off.
   */
  power: {
    /**
     * Whether the grid is simulated when the AI chain is on. Without the AI chain (aiChain.enabled false) the grid is inert either way: no electricity bills, no utility, and the core economy runs as before.
     */
    enabled: boolean;
    /**
     * Load on the grid other than the AI chain's data centres at the start (households, businesses, other data centres), peak-coincident. 38 % of it is residential (households.count sets it), the rest moves with non-AI firms' real output.
     */
    baseLoadGw: number;
    /**
     * Share of the base load drawn by households; it does not move with firms' output.
     */
    residentialShare: number;
    /**
     * Trend growth of the base load from aiChain.start on (electrification, manufacturing, other data centres), on top of its response to firms' output.
     */
    baseLoadGrowthYearly: number;
    /**
     * Load (base plus the chain's data centres) relative to the grid's deliverable capacity (firm capacity net of the reliability reserve) at the start; sets the initial grid capacity.
     */
    initialUtilization: number;
    /**
     * Utilisation the utility plans its capacity for (projected load / deliverable capacity).
     */
    targetUtilization: number;
    /**
     * Months from the utility's decision to new capacity in service (build and interconnection lag).
     */
    buildMonths: number;
    /**
     * Service life of grid capacity: capacity retires and its book value depreciates at 1/lifeYears a year.
     */
    lifeYears: number;
    /**
     * Cost of one GW of deliverable grid capacity (generation plus transmission), in initial prices; paid to capital-goods firms when ordered.
     */
    costPerGwUsdBn: number;
    /**
     * Share of the gap between the capacity the projected load needs and capacity plus pipeline that the utility orders per year (on top of replacing retirements).
     */
    investmentResponseYearly: number;
    /**
     * Most deliverable capacity the utility can order in a year (interconnection-queue and equipment throughput); binds before the gap rule when load outruns the grid.
     */
    maxOrderGwYearly: number;
    /**
     * Weight the utility puts on data-centre load it does not see yet: the chain's capacity under construction and last year's growth of data-centre load, extrapolated over the build lag.
     */
    dataCentreForecastWeight: number;
    /**
     * Wholesale electricity price when the grid runs at power.targetUtilization, at the initial goods price level (indexed to it thereafter); the price curve moves it with utilisation.
     */
    priceAtStartUsdPerMwh: number;
    /**
     * a in the price curve p ∝ 1 + a·u^k of utilisation u (load including unpowered data-centre demand / deliverable capacity).
     */
    scarcityWeight: number;
    /**
     * k in the price curve p ∝ 1 + a·u^k (convexity).
     */
    scarcityExponent: number;
    /**
     * Highest utilisation the price curve is evaluated at (a scarcity price cap).
     */
    scarcityUtilizationCap: number;
    /**
     * Share of the retail electricity price that moves with the wholesale price (the rest, networks and retail, moves with the goods price level).
     */
    wholesaleShareOfRetail: number;
    /**
     * Share of households' consumption spent on electricity at the start; households' real use is fixed, so the share rises with the relative price of electricity, and it is the weight of electricity in the consumer price index.
     */
    householdElectricityShare: number;
    /**
     * Non-AI firms' electricity bill per unit of real output at the start, as a share of its value; moves with the retail electricity price index.
     */
    firmElectricityCostShare: number;
    /**
     * Average draw of a powered data centre relative to its capacity (what the chain pays for).
     */
    dataCentreLoadFactor: number;
    /**
     * Utility's fuel and operating costs as a share of its electricity revenue, bought from consumption-goods firms.
     */
    opexShareOfRevenue: number;
    /**
     * The utility repays its bank loans over this many years.
     */
    loanMaturityYears: number;
    /**
     * Months of revenue the utility keeps as deposits; cash beyond that is paid out as dividends to households (as firms pay dividends).
     */
    cashBufferMonths: number;
    /**
     * Fiscal lever: share of the grid investment the government pays (a capital grant financed with bills) — fiscal absorption of the grid build-out. The utility's own cost per GW falls to (1 − share), so it closes the capacity gap faster, by 1/(1 − share).
     */
    publicBuildoutShare: number;
    /**
     * Largest share of the chain's data-centre demand that on-site generation can power when the grid cannot.
     */
    onsiteMaxShare: number;
    /**
     * Price of on-site generation relative to the wholesale price.
     */
    onsitePriceMultiple: number;
    /**
     * Elasticity of the chain's capacity-growth plans to the powered share of its capacity (plans scale with poweredShare^this).
     */
    chainPowerResponse: number;
    /**
     * Elasticity of the chain's capacity-growth plans to the real wholesale electricity price relative to the start (plans scale with (price / start price)^−this when the price is above its start).
     */
    chainPriceElasticity: number;
  };
  /**
   * The labour market's matching protocol (docs/ODD.md §7.6). Separations, reservation wages and the firms' vacancies are the same under every protocol.
   */
  labour: {
    /**
     * How firms with vacancies meet the job seekers. "sequential" (the rule the core was estimated under): firms in a random order each contact up to 4 random seekers per vacancy, one at a time, hiring those whose reservation wage the posted wage meets and who pass the skill-mismatch draw; each hire leaves the pool before the next firm draws (Riccetti, Russo & Gallegati 2015); it runs on the main thread. "simultaneous": the same contacts made by all firms at once, in rounds (the urn-ball process with firms as balls and seekers as urns: Butters 1977; Hall 1977; Petrongolo & Pissarides 2001 §3): each firm draws its contacts among the seekers not yet hired with counter-based draws keyed by (seed, tick, firm, draw) and offers a job to those it accepts, up to its vacancies; a seeker with several offers joins the firm earliest in a random order of firms (the order the sequential rule visits them in); lost offers give their contacts back for the next round; at most 6 rounds, fewer once no offer is lost. It runs across threads with identical bytes for any thread count (markets/labourMatch.ts) but is not byte-identical to sequential, and the core was not estimated under it (docs/benchmarks.md "Labour matching across threads" compares the two).
     */
    matchingProtocol: "sequential" | "simultaneous";
    /**
     * μ of an aggregate matching function that caps the month's hires at μ U^α V^(1−α), U the job seekers and V the vacancies (labour.matchingElasticity α; src/model/markets/labour.ts matchingCap): with constant returns the job-finding rate μ (V/U)^(1−α) does not depend on the number of households, and as unemployment falls vacancies fill more slowly, so a tight market leaves them open (their firms raise wages) instead of hiring its last job seekers. 0: no cap — firms hire whomever their contacts reach, so unemployment can fall to ≈ 1 % in a boom (configs/baseline.json's long runs: 5 % of months below 2.0–2.3 %; US 1948–2024: never below 2.5 %). Under matchingProtocol "simultaneous" the cap is allotted before the rounds in the firms' random order, each firm in turn taking min(its vacancies, the cap left) (src/model/markets/labourMatch.ts allotCap). The default, 0, keeps the model without it; configs/baseline.json carries the estimate, 0.567 (se 0.047; stop 38, estimated with the cycle by configs/calibration/us-cycle.json, docs/calibration-tool.md 'Current estimate (stop 38)').
     */
    matchingEfficiency: number;
    /**
     * α, the elasticity of the matching function's hires to the job seekers (labour.matchingEfficiency; 1 − α to the vacancies). Acts only with matchingEfficiency > 0.
     */
    matchingElasticity: number;
  };
  /**
   * Aggregate shocks to the non-AI economy (src/model/shocks.ts): AR(1) processes, each drawn once a month on the main thread from its own seed stream, so a run is the same for any number of threads. All are off (sd 0) by default; configs/calibration/estimates/us-cycle.calibrated.json carries estimated values.
   */
  shocks: {
    /**
     * Calendar month from which the aggregate shocks are drawn; before it every process stays at 0 and draws nothing (src/model/shocks.ts drawShocks). The empty string (the default): from the run's first month (the core baseline and the estimation, whose moments skip the burn-in anyway). A scenario that starts from an observed state sets it to its first observed month (configs/scenarios/baseline-2025.json: 2025-11, the chain's start): its warm-up is a device to reach that state, not a history of the shocks that hit the economy before it, so random aggregate shocks there would only put the observed month at a random phase of the cycle (docs/calibration.md §10.6).
     */
    start: string;
    /**
     * Total factor productivity: log z follows the AR(1); every non-AI firm's output per worker is z × its labour productivity (planned labour, prices and production all use it).
     */
    productivity: {
      /**
       * ρ of x_t = ρ x_(t−1) + σ ε_t, per month.
       */
      persistence: number;
      /**
       * σ: sd of the monthly innovation (0: the process is off and draws nothing). Estimated in configs/calibration/estimates/us-cycle.calibrated.json; configs/baseline.json carries the estimate (0.00241 since stop 36, unchanged by stop 38's).
       */
      sdMonthly: number;
    };
    /**
     * Marginal efficiency of investment: a shift of every consumption firm's desired yearly capacity growth (agents/firms.ts desiredCapacityGrowth).
     */
    investment: {
      /**
       * ρ of x_t = ρ x_(t−1) + σ ε_t, per month.
       */
      persistence: number;
      /**
       * σ: sd of the monthly innovation (0: the process is off and draws nothing). Estimated in configs/calibration/estimates/us-cycle.calibrated.json; configs/baseline.json carries the estimate (0.00225 since stop 38, 0.00228 in stops 36–37).
       */
      sdMonthly: number;
    };
    /**
     * Credit supply: added to every bank's loan spread over the policy rate (agents/banks.ts setCreditTerms; the spread never goes below 0).
     */
    creditSpread: {
      /**
       * ρ of x_t = ρ x_(t−1) + σ ε_t, per month.
       */
      persistence: number;
      /**
       * σ: sd of the monthly innovation (0: the process is off and draws nothing). Estimated in configs/calibration/estimates/us-cycle.calibrated.json; configs/baseline.json carries it (0.001, fixed in the estimation's base, configs/calibration/estimates/us-cycle.base.json).
       */
      sdMonthly: number;
    };
  };
  /**
   * Which model the engine runs: Spiral's core macro-financial economy, or the Lengnick (2013) baseline economy (parameters in the lengnick2013 object; the core sections are then ignored).
   */
  model: "spiral" | "lengnick2013";
  /**
   * Parameters of the Lengnick (2013) baseline economy ("Agent-based macroeconomics: A baseline model", JEBO 86:102-120), used when model is lengnick2013. One tick is one month of daysPerMonth days.
   */
  lengnick2013: {
    /**
     * Number of households (each supplies one unit of labour a day).
     */
    households: number;
    /**
     * Number of firms.
     */
    firms: number;
    /**
     * Working days in a month: goods are bought and produced every day; wages, prices, links and jobs change once a month.
     */
    daysPerMonth: number;
    /**
     * Type A connections: firms each household buys from (n).
     */
    supplierLinks: number;
    /**
     * Months without a failed vacancy after which a firm lowers its wage (gamma).
     */
    wageRigidityMonths: number;
    /**
     * Upper bound of the monthly relative wage change, drawn from U(0, delta) (delta).
     */
    wageStepMax: number;
    /**
     * Inventory below this multiple of last month's demand makes a firm open a vacancy and consider a price rise (phi lower).
     */
    inventoryLowerBound: number;
    /**
     * Inventory above this multiple of last month's demand makes a firm give notice to a worker and consider a price cut (phi upper).
     */
    inventoryUpperBound: number;
    /**
     * A firm never cuts its price below this multiple of marginal cost (wage / (lambda * daysPerMonth)) (phi-bar lower).
     */
    priceLowerMarkup: number;
    /**
     * A firm never raises its price above this multiple of marginal cost (phi-bar upper).
     */
    priceUpperMarkup: number;
    /**
     * Probability that a firm whose inventory is out of bounds actually changes its price this month (theta).
     */
    priceChangeProbability: number;
    /**
     * Upper bound of the relative price change, drawn from U(0, upsilon) (upsilon).
     */
    priceStepMax: number;
    /**
     * Monthly probability that a household compares one of its suppliers with a new firm on price (psi_price).
     */
    priceSearchProbability: number;
    /**
     * Monthly probability that a household drops a supplier that could not satisfy its demand (psi_quant).
     */
    quantitySearchProbability: number;
    /**
     * A new firm replaces a supplier only if its price is lower by more than this share (xi).
     */
    priceSwitchThreshold: number;
    /**
     * Firms an unemployed household visits per month looking for a job (beta).
     */
    unemployedSearchFirms: number;
    /**
     * Monthly probability that an employed household paid at least its reservation wage visits one firm for a better-paid job (pi).
     */
    onTheJobSearchProbability: number;
    /**
     * Planned monthly consumption is min((m/P)^alpha, m/P) in goods, m liquidity, P mean supplier price (alpha).
     */
    consumptionExponent: number;
    /**
     * Goods produced per worker per day (lambda).
     */
    productivity: number;
    /**
     * Firms keep this share of their monthly wage bill as a liquidity buffer and pay out the rest as dividends (chi).
     */
    bufferShare: number;
    /**
     * Factor applied to an unemployed household's reservation wage each month.
     */
    reservationWageDecay: number;
    /**
     * A household stops visiting suppliers for the day once it has bought this share of its planned daily demand.
     */
    satisfiedShare: number;
    /**
     * Initial price of every firm (±1 % noise); the paper does not report initial values.
     */
    initialPrice: number;
    /**
     * Initial monthly wage of every firm (±1 % noise): 63 goods a month at a 10 % markup over marginal cost.
     */
    initialWage: number;
    /**
     * Initial money of every household; near the steady state where (m/P)^alpha equals output per household.
     */
    initialHouseholdLiquidity: number;
  };
}
