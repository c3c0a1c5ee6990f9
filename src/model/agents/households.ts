// Households (Caiani et al. 2016, households' behaviour): they receive
// wages or unemployment benefits, dividends and deposit interest, pay income
// tax at source, form adaptive income expectations, plan consumption out of
// expected income and wealth, and choose where to buy. One pass over the
// household columns; per-bank totals carry the payments to the banks'
// balance sheets (the ledger's double entries in aggregated form).
import { FlowRow, recordFlow, Sector } from "../ledger.ts";
import { AgentStream, keyedUniform, streamKey } from "../rng.ts";
import type { ModelState } from "../state.ts";
import { incomeBin } from "./automation.ts";

/**
 * Income, taxes, expectations and consumption plans.
 * - Consumption: c = α1(W) · expected income + α2 · wealth, with the income
 *   propensity α1 falling with wealth W from mpcIncomeMax to mpcIncomeMin
 *   (DESIGN §3: lower propensity for the rich); never more than deposits.
 * - Supplier choice (Caiani et al. 2016 / Delli Gatti et al. 2010): with
 *   some probability, or always after being rationed, compare the current
 *   supplier with one random consumption firm and switch if it is cheaper
 *   (or, when rationed, if it had goods).
 * Accumulates each firm's nominal demand. Returns nothing; totals go to the
 * ledger, the government and the banks.
 */
export function earnAndPlan(m: ModelState, payoutPerUnit: number): void {
  const h = m.households;
  const f = m.firms;
  const cfg = m.config.households;
  const switchKey = streamKey(m.seed, AgentStream.supplierSwitch, m.tick);
  const pickKey = streamKey(m.seed, AgentStream.supplierPick, m.tick);
  const taxRate = m.config.government.incomeTaxRate;
  const replacement = m.config.government.benefitReplacementRate;
  const depositRate = m.macro.depositRateYearly / 12;
  const lambda = cfg.incomeExpectationWeight;
  const mpcMax = cfg.mpcIncomeMax;
  const mpcMin = cfg.mpcIncomeMin;
  const wealthRate = cfg.mpcWealthYearly / 12;
  // Intertemporal substitution: a real policy rate above the neutral rate
  // makes households postpone spending (and a low one brings it forward) —
  // the interest-rate channel of monetary policy on consumption.
  const cb = m.config.centralBank;
  const realRate = m.centralBank.policyRateYearly - m.macro.inflationYoY;
  const rateFactor = Math.min(
    1.5,
    Math.max(0.5, 1 - cfg.consumptionRateSensitivity * (realRate - cb.neutralRealRateYearly)),
  );
  const wealthScale = 1 / Math.max(1e-9, cfg.wealthScaleMonths * m.macro.averageIncome);
  const switchProb = cfg.supplierSwitchProbability;
  const equityPrice = m.macro.equityPricePerUnit;
  // Pensions and other cash transfers: equal per household, indexed to prices.
  const transfer =
    m.config.government.transfersShareOfGdp * m.params.initialOutputPerHousehold * m.macro.priceIndex;
  // The parts of consumption spent on AI subscriptions and on electricity (paid in the goods market).
  const goodsShare = 1 - m.aiChain.householdAiShare - m.utility.householdShare;
  const nc = f.nConsumption;
  const firmWage = f.wage;
  const price = f.price;
  const fill = f.fillRatio;
  const demand = f.demandNominal;
  const depChange = m.scratch.bankDepositChange;
  const resChange = m.scratch.bankReserveChange;
  const bankInterest = m.scratch.bankInterest;
  depChange.fill(0);
  // Interest each bank owes its household depositors, from its deposit
  // liabilities less its firms' deposits — per bank, so the loop below needs
  // only one per-bank accumulator.
  const bk = m.banks;
  for (let k = 0; k < bk.n; k++) bankInterest[k] = bk.deposits[k];
  for (let j = 0; j < f.n; j++) bankInterest[f.bank[j]] -= f.deposits[j];
  const chain = m.aiChain;
  for (let j = 0; j < chain.n; j++) bankInterest[chain.bank[j]] -= chain.deposits[j];
  bankInterest[m.fund.bank] -= m.fund.deposits;
  bankInterest[m.utility.bank] -= m.utility.deposits; // the utility's operating balances earn no interest
  for (let k = 0; k < bk.n; k++) bankInterest[k] *= depositRate;
  for (let j = 0; j < nc; j++) demand[j] = 0;

  let wages = 0;
  let benefits = 0;
  let interest = 0;
  let taxes = 0;
  let incomeSum = 0;
  // Columns in locals: the loop below is the hottest in the model.
  const employer = h.employer;
  const lastWage = h.wage;
  const units = h.equityUnits;
  const deposits = h.deposits;
  const bank = h.bank;
  const expectedIncome = h.expectedIncome;
  const supplier = h.supplier;
  const plannedSpend = h.plannedSpend;
  const unemployedMonths = h.unemployedMonths;
  const benefitMonths =
    m.config.government.benefitDurationMonths > 0 ? m.config.government.benefitDurationMonths : 65536;
  const { incomeCounts, incomeSums } = m.automation;
  // Imported bindings are read once: in a hot loop each read can cost a call.
  const binOf = incomeBin;
  const uniform = keyedUniform;
  incomeCounts.fill(0);
  incomeSums.fill(0);
  const n = h.n;
  for (let i = 0; i < n; i++) {
    const e = employer[i];
    let labour: number;
    if (e >= 0) {
      labour = firmWage[e];
      lastWage[i] = labour;
      wages += labour;
    } else {
      labour = unemployedMonths[i] < benefitMonths ? replacement * lastWage[i] : 0;
      benefits += labour;
    }
    const u = units[i];
    const div = u * payoutPerUnit;
    let dep = deposits[i];
    const int = dep * depositRate;
    const gross = labour + transfer + div + int;
    const tax = gross * taxRate;
    const net = gross - tax;
    dep += net;
    const b = bank[i];
    depChange[b] += net;
    taxes += tax;
    incomeSum += net;
    // Income distribution without sorting: a log-spaced histogram (metrics.ts reads quintiles off it).
    const ib = binOf(net);
    incomeCounts[ib]++;
    incomeSums[ib] += net;

    const expected = expectedIncome[i] + lambda * (net - expectedIncome[i]);
    expectedIncome[i] = expected;
    const wealth = dep + u * equityPrice;
    const mpc = mpcMin + (mpcMax - mpcMin) / (1 + wealth * wealthScale);
    let spend = mpc * rateFactor * expected + wealthRate * wealth;
    if (spend > dep) spend = dep;
    if (spend < 0) spend = 0;
    deposits[i] = dep;

    let s = supplier[i];
    const rationed = fill[s] < 1;
    if (rationed || uniform(switchKey, i) < switchProb) {
      const cand = Math.floor(uniform(pickKey, i) * nc);
      if (price[cand] < price[s] || (rationed && fill[cand] >= 1)) {
        s = cand;
        supplier[i] = s;
      }
    }
    // Stored as float32: round down when rounding would exceed the deposits.
    let planned = Math.fround(spend);
    if (planned > dep) planned = Math.fround(dep * (1 - 1.2e-7));
    plannedSpend[i] = planned;
    demand[s] += planned * goodsShare;
  }

  // Banks: deposits credited; reserves move for everything not paid by the bank itself.
  let reserveIn = 0;
  interest = 0;
  for (let k = 0; k < bk.n; k++) {
    resChange[k] = depChange[k] - bankInterest[k];
    interest += bankInterest[k];
    bk.deposits[k] += depChange[k];
    bk.reserves[k] += resChange[k];
    bk.equity[k] -= bankInterest[k];
    bk.profit[k] -= bankInterest[k];
    reserveIn += resChange[k];
  }
  m.centralBank.reserves += reserveIn;
  // The government pays benefits and collects income tax through its central-bank account.
  const gov = m.government;
  gov.account += taxes - benefits;
  m.centralBank.govAccount += taxes - benefits;
  gov.benefits = benefits + transfer * h.n;
  gov.taxes += taxes;
  const flows = m.ledger.flows;
  recordFlow(flows, FlowRow.wages, Sector.firms, Sector.households, wages);
  recordFlow(flows, FlowRow.benefits, Sector.government, Sector.households, benefits);
  recordFlow(flows, FlowRow.incomeTaxes, Sector.households, Sector.government, taxes);
  recordFlow(flows, FlowRow.depositInterest, Sector.banks, Sector.households, interest);
  m.government.account -= transfer * h.n;
  m.centralBank.govAccount -= transfer * h.n;
  recordFlow(flows, FlowRow.benefits, Sector.government, Sector.households, transfer * h.n);
  m.macro.averageIncome = incomeSum / h.n;
  m.macro.wagesPaid = wages;
}
