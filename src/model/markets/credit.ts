// The credit market for non-AI firms (Caiani et al. 2016, credit market):
// banks judge each borrower's default probability from its balance sheet,
// price loans as policy rate + the bank's spread + a premium for expected
// loss, and ration credit — refusing risky borrowers and lending no more
// than their capital allows. Firms service their debt first; a firm that
// cannot is bankrupt and is replaced (see resolveFirmDefault).
import { FlowRow, grantLoan, Party, repayLoan, transfer, writeOffLoan } from "../ledger.ts";
import type { ModelState } from "../state.ts";

/**
 * Default probability per year from a logit in leverage and debt service
 * (a reduced-form stand-in for a structural distance-to-default model),
 * and the floating loan rate each firm pays this month.
 */
export function priceCredit(m: ModelState): void {
  const f = m.firms;
  const c = m.config.banks;
  const policy = m.centralBank.policyRateYearly;
  const pK = m.macro.capitalGoodsPrice;
  for (let j = 0; j < f.n; j++) {
    const collateral = collateralValue(m, j, pK);
    const leverage = f.loans[j] / Math.max(1e-9, collateral + f.deposits[j]);
    const debtService = f.loans[j] * (f.loanRateYearly[j] / 12 + 1 / m.config.firms.loanMaturityMonths);
    const serviceRatio = debtService / Math.max(1e-9, f.salesNominal[j]);
    const z =
      c.pdIntercept + c.pdLeverageSlope * leverage + c.pdDebtServiceSlope * Math.min(serviceRatio, 10);
    const pd = 1 / (1 + Math.exp(-z));
    f.pdYearly[j] = pd;
    f.loanRateYearly[j] =
      policy + m.banks.spreadYearly[f.bank[j]] + c.riskPremiumMultiplier * pd * c.lossGivenDefault;
  }
}

/** What a bank counts as a firm's collateral: its capital at replacement cost, or a year of sales for capital-goods firms. */
function collateralValue(m: ModelState, j: number, pK: number): number {
  const f = m.firms;
  return j < f.nConsumption ? f.capital[j] * pK : 12 * f.salesNominal[j] * 0.5;
}

/**
 * Debt service, then new loans for this month's outlays (wages, planned
 * investment, a liquidity buffer). Firms are visited in a random order
 * drawn from the "credit" stream so no firm is always first in line for a
 * bank's limited capacity. A firm that cannot pay its debt service even
 * after asking for credit defaults.
 */
export function financeFirms(m: ModelState): void {
  const f = m.firms;
  const cb = m.config.banks;
  const cf = m.config.firms;
  const order = m.scratch.firmOrder;
  for (let j = 0; j < f.n; j++) order[j] = j;
  m.streams.shuffle("credit", order, f.n);
  const pK = m.macro.capitalGoodsPrice;
  for (let o = 0; o < f.n; o++) {
    const j = order[o];
    f.interestPaid[j] = 0;
    if (f.age[j] === 0) continue;
    const interest = (f.loans[j] * f.loanRateYearly[j]) / 12;
    const principal = f.loans[j] / cf.loanMaturityMonths;
    const wageNeed = Math.max(f.employees[j], f.labourDemand[j]) * f.wage[j];
    const supplier = f.capitalSupplier[j];
    const investCost = j < f.nConsumption ? f.investmentOrder[j] * f.price[supplier] : 0;
    // Firms also borrow towards a target leverage on their capital (debt is
    // cheaper than equity after tax), closing a twelfth of the gap a month;
    // the proceeds leave as payouts — so credit tracks collateral values and
    // banks' willingness to lend (the financial accelerator).
    const target = cf.targetLeverage * collateralValue(m, j, pK);
    const leverageGap = target > f.loans[j] ? (target - f.loans[j]) / 12 : 0;
    const need =
      Math.max(0, interest + principal + wageNeed * (1 + cf.cashBufferMonths) + investCost - f.deposits[j]) +
      leverageGap;
    if (need > 0) {
      const bank = f.bank[j];
      const room = cb.maxLeverage * (collateralValue(m, j, pK) + f.deposits[j]) - f.loans[j];
      const eligible = f.pdYearly[j] <= cb.maxDefaultProbability;
      const grant = eligible ? Math.min(need, Math.max(0, room), m.banks.lendingCapacity[bank]) : 0;
      if (grant > 0) {
        grantLoan(m, j, grant);
        m.banks.lendingCapacity[bank] -= grant;
      }
    }
    if (f.deposits[j] < interest + principal) {
      resolveFirmDefault(m, j);
      continue;
    }
    transfer(m, FlowRow.loanInterest, Party.firm, j, Party.bank, f.bank[j], interest);
    m.banks.profit[f.bank[j]] += interest;
    f.interestPaid[j] = interest;
    repayLoan(m, j, principal);
    // What cash cannot cover is not bought or hired: investment first, then new hires.
    const cash = f.deposits[j];
    if (cash < wageNeed + investCost && j < f.nConsumption) {
      f.investmentOrder[j] = Math.max(0, (cash - wageNeed) / Math.max(1e-9, f.price[supplier]));
    }
    if (cash < wageNeed) {
      f.labourDemand[j] = Math.min(f.labourDemand[j], Math.floor(cash / Math.max(1e-9, f.wage[j])));
    }
  }
}

/**
 * Bankruptcy and replacement (Caiani et al. 2016, firm exit and entry): the
 * bank takes the firm's deposits against the loan and writes off the loss
 * given default; the rest of the loan and the physical assets pass to a
 * successor in the same slot, which starts smaller with sector-average
 * prices and wages and equity paid in by the households. Its workers are
 * laid off; its old shareholders lose their value.
 */
export function resolveFirmDefault(m: ModelState, j: number): void {
  const f = m.firms;
  const lgd = m.config.banks.lossGivenDefault;
  const loansBefore = f.loans[j];
  const seized = Math.min(f.deposits[j], f.loans[j]);
  if (seized > 0) repayLoan(m, j, seized);
  const loss = f.loans[j] * lgd;
  writeOffLoan(m, j, loss);
  m.banks.profit[f.bank[j]] -= loss;
  m.macro.firmDefaults++;
  m.events.push({
    type: "firmDefault",
    firm: j,
    sector: j < f.nConsumption ? "consumption" : "capital",
    // At US scale: one simulated firm stands for many real ones.
    loansUsdBn: loansBefore / m.params.scale / 1e9,
    writeOffUsdBn: loss / m.params.scale / 1e9,
    employees: f.employees[j],
  });

  // Successor: sector averages for prices, wages and expectations, taken
  // once per month at the first default (an O(firms) scan, not one per default).
  const sector = j < f.nConsumption ? 0 : 1;
  const avg = m.scratch.sectorAverages;
  if (avg[sector * 4 + 3] !== m.tick) {
    const lo = sector === 0 ? 0 : f.nConsumption;
    const hi = sector === 0 ? f.nConsumption : f.n;
    let markup = 0;
    let wage = 0;
    let sales = 0;
    let live = 0;
    for (let k = lo; k < hi; k++) {
      if (k === j || f.age[k] === 0) continue;
      markup += f.markup[k];
      wage += f.wage[k];
      sales += f.expectedSales[k];
      live++;
    }
    const d = Math.max(1, live);
    avg[sector * 4] = live > 0 ? markup / d : f.markup[j];
    avg[sector * 4 + 1] = live > 0 ? wage / d : f.wage[j];
    avg[sector * 4 + 2] = live > 0 ? sales / d : f.expectedSales[j] / m.config.firms.entrySizeShare;
    avg[sector * 4 + 3] = m.tick;
  }
  f.markup[j] = avg[sector * 4];
  f.wage[j] = avg[sector * 4 + 1];
  f.expectedSales[j] = m.config.firms.entrySizeShare * avg[sector * 4 + 2];
  const prodL = j < f.nConsumption ? m.params.prodLabourConsumption : m.params.prodLabourCapital;
  f.price[j] = ((1 + f.markup[j]) * f.wage[j]) / prodL;
  f.demandReal[j] = f.expectedSales[j];
  f.age[j] = 0;
  f.earnings[j] = 0;
  f.dividendDue[j] = 0;
  f.profitRate[j] = m.params.normalProfitRateYearly;
  f.utilization[j] = m.config.firms.consumption.targetUtilization;
  f.labourDemand[j] = 0;
  f.plannedOutput[j] = 0;
  f.investmentOrder[j] = 0;
  f.leaveProbability[j] = 1;
  f.unfilled[j] = 0;
  const wageBill = (f.expectedSales[j] / prodL) * f.wage[j];
  f.pendingEquity[j] = wageBill * (1 + m.config.firms.cashBufferMonths);
}
