// Defaults and contagion in the AI chain (issue 3 item 7; issue 18 item 5,
// "defaults that resolve"). A chain firm that could not pay what it owed this
// month is in default, and at month end it is resolved one of two ways.
// Reorganised (as in a Chapter 11): its lenders seize its cash (banks first,
// then the fund — seniority) and write off the debt its business cannot carry
// (its recovery 1 − LGD or a multiple of its revenue, whichever is less); it
// keeps its customers and its compute contracts repriced to what its
// operating cash flow can pay (its suppliers lose the rest of that backlog;
// a lab keeps the compute, so the customers it serves — settlement.ts
// contractedCompute), rejecting them outright only when it can pay nothing —
// all sized on what the business earns now (the lower of its year's average
// revenue and its run rate, credit.ts planRevenue), so the plan is feasible
// (§1129(a)(11)); it cancels
// the equity investments it had announced; its shares are repriced on the
// reorganised balance sheet, so its spread does too; its remaining debt gets
// new maturities (exit financing). Liquidated (Chapter 7) when its business
// cannot cover its operating costs (for a lab, counting the compute it runs
// on at its contracted prices: its cost of sales), or when it was reorganised before and its
// revenue has not recovered since: its data centres and GPUs are sold at a
// discount to the surviving cloud with the most capacity, which takes its
// customers and its contracts as seller too; lenders share the proceeds and
// lose the rest; the firm exits. Bank losses shrink bank capital and so
// lending to the whole economy; fund losses shrink households' wealth.
import type { SpiralConfig } from "../../../config/configTypes.ts";
import type { ModelEvent } from "../../events.ts";
import {
  type Books,
  FlowRow,
  grantChainBankLoan,
  Party,
  repayChainBankLoan,
  repayFund,
  transfer,
  writeOffChainDebt,
} from "../../ledger.ts";
import { debtRank } from "../../markets/clearing.ts";
import { cdsSpreadBp } from "../../markets/creditRisk.ts";
import type { AiChain } from "../../state.ts";
import { Role, Source } from "../../state.ts";
import { payOutOfChain, tagInflow } from "./attribution.ts";
import {
  DEBT_HORIZON_MONTHS,
  exitRateYearly,
  fundRateOf,
  guaranteedLgd,
  keptContractShare,
  layMaturities,
  mustLiquidate,
  planRevenue,
  reorganisedDebt,
} from "./credit.ts";
import { monthlyCommitments, monthlyContracted } from "./plans.ts";
import {
  type ChainAssetLives,
  type ChainValuationParams,
  resetAfterDefault,
  type ValuationMonth,
} from "./valuation.ts";

/** Years over which a reorganised firm's remaining debt falls due: nothing in its first year, then evenly to year 5 (exit financing). */
const EXIT_DEBT_YEARS = 5;
/**
 * Months of operating outgoings (kept contracts, operating costs) a
 * reorganised firm keeps in cash rather than hand to its lenders: the working
 * capital it leaves court with (exit financing; an assumption).
 */
const EXIT_CASH_MONTHS = 3;
/**
 * Operating cash flow a reorganised firm must have per dollar of the compute
 * contracts and interest it keeps (a fixed-charge coverage covenant of 1.5×,
 * typical of exit facilities; an assumption).
 */
const REORGANISED_COVERAGE = 1.5;

/** The month as default resolution sees it: tick, scale (model dollars per US dollar), policy rate, price index and the long rate firms are valued at (valuation.ts chainLongRate). */
export interface DefaultMonth extends ValuationMonth {
  scale: number;
  policyRateYearly: number;
}

/** Parameters of default resolution: the aiChain group (finance, build lag, asset lives), the government's guarantee of chain debt (government.fiscalAbsorption.chainDebtGuaranteeShare) and the valuation's parameters (valuation.ts chainValuationParams). */
export interface DefaultParams {
  ai: Readonly<Pick<SpiralConfig["aiChain"], "finance" | "buildMonths">> & ChainAssetLives;
  chainDebtGuaranteeShare: number;
  valuation: ChainValuationParams;
}

/** One month's resolution: the books it moves money through (the chain, banks, fund, government), the month, the parameters and the event log. */
interface Resolution {
  books: Books;
  month: DefaultMonth;
  p: DefaultParams;
  events: ModelEvent[];
}

/**
 * Resolve every chain firm marked in default this month. Returns how many
 * defaulted this month. Money moves through the ledger (`books`); writes
 * the chain's balance sheets, contracts and prices, banks' profit, the
 * fund's credit losses, the government's fiscal support; events.
 */
export function resolveChainDefaults(
  month: DefaultMonth,
  p: DefaultParams,
  events: ModelEvent[],
  books: Books,
): number {
  const r: Resolution = { books, month, p, events };
  const c = books.aiChain;
  let count = 0;
  for (let i = 0; i < c.n; i++) {
    if (c.exited[i] === 1) {
      // A liquidated firm was only marked in default so that every phase skips it (finance.ts priceChainCredit).
      c.defaulted[i] = 0;
      continue;
    }
    if (c.defaulted[i] !== 1) continue;
    count++;
    resolveDefault(r, i);
  }
  return count;
}

/** One firm's default: liquidated or reorganised, its lenders paid from its cash and written down, its contracts repriced or rejected, its debt and price restarted. */
function resolveDefault(r: Resolution, i: number): void {
  const c = r.books.aiChain;
  const fin = r.p.ai.finance;
  const reorganisedBefore = c.defaultCount[i] > 0;
  c.defaultCount[i]++;
  c.lastDefaultTick[i] = r.month.tick;
  const debtBefore = c.bankLoans[i] + c.fundLoans[i];
  const monthlyRevenue = defaultPlanRevenue(c.revenueHistory, i, r.month.tick);
  const operatingCashFlow = businessCashFlow(c, i, monthlyRevenue, r.month.priceIndex);
  // A lab's compute is its cost of sales: the instalments of the compute it runs on (at the prices contracted,
  // before any repricing in court) are operating costs when asking whether its business covers them.
  const computeCost = c.role[i] === Role.modelLab ? monthlyCommitments(c, r.month.tick, i) : 0;
  const liquidate = mustLiquidate(
    operatingCashFlow - computeCost,
    reorganisedBefore,
    monthlyRevenue,
    c.revenueAtDefault[i],
  );
  const sold = liquidate ? liquidateCapacity(r, i) : { sale: 0, buyer: -1, soldGw: 0 };
  // Contracts as buyer: a reorganised firm keeps what its operating cash flow can pay for; a liquidated one none.
  // Counted with the contracts signed for later: repriced now, they would otherwise fall due in full when they start.
  const commitments = monthlyContracted(c, r.month.tick, i, false, false);
  // It keeps what its operating cash flow covers REORGANISED_COVERAGE times over, after the service of the debt it
  // will keep (what its business can carry, reorganisedDebt): interest at the exit rate and the principal that
  // amortises over years 2 … EXIT_DEBT_YEARS (a debt-service coverage test, as exit lenders size debt).
  const rateAfter = exitRateOf(r, i);
  const serviceRate = rateAfter + 1 / (EXIT_DEBT_YEARS - 1);
  const carried = (debt: number) =>
    reorganisedDebt(
      debt,
      fin.lossGivenDefault,
      monthlyRevenue,
      fin.reorganisedDebtToRevenue,
      operatingCashFlow,
      serviceRate,
      REORGANISED_COVERAGE,
    );
  const serviceAfter = (carried(c.bankLoans[i] + c.fundLoans[i]) * serviceRate) / 12;
  const keep = liquidate
    ? 0
    : keptContractShare(operatingCashFlow / REORGANISED_COVERAGE - serviceAfter, commitments);
  // Lenders seize the cash (and any sale proceeds), banks first — less, for
  // a reorganised firm, the working cash it leaves court with.
  const working = liquidate
    ? 0
    : EXIT_CASH_MONTHS *
      (keep * commitments + c.opexShare[i] * monthlyRevenue + c.labOpex[i] + c.electricityPaid[i]);
  seizeCash(r, i, working);
  // Creditors keep their recovery (1 − LGD) or what the business can carry
  // (a multiple of its annual revenue, and what its cash flow can pay
  // interest on), whichever is less; in a liquidation, nothing more.
  const debt = c.bankLoans[i] + c.fundLoans[i];
  const kept = liquidate ? 0 : carried(debt);
  const loss = writeDownChainDebt(r, i, debt > 0 ? 1 - kept / debt : 0);
  const rejected = repriceContracts(c, i, keep);
  for (let k = 0; k < c.stakeInvestor.length; k++) if (c.stakeInvestor[k] === i) c.stakeRemaining[k] = 0;
  restartAfterDefault(r, i, liquidate, working, monthlyRevenue, rateAfter);
  reportDefault(r, i, debtBefore, loss, rejected, liquidate, sold);
}

/**
 * Revenue a defaulted firm's plan is sized on: the lower of the last year's
 * monthly average (13 months of history) and the last month's (the run
 * rate, credit.ts planRevenue).
 */
export function defaultPlanRevenue(revenueHistory: Float64Array, i: number, tick: number): number {
  let yearRevenue = 0;
  for (let k = 0; k < 13; k++) yearRevenue += revenueHistory[i * 13 + k];
  return planRevenue(yearRevenue / 13, revenueHistory[i * 13 + ((tick - 1 + 13) % 13)]);
}

/** The business's operating cash flow a month before debt service and compute contracts, on `monthlyRevenue` (a chip maker pays its cost of goods). */
export function businessCashFlow(
  c: Pick<AiChain, "opexShare" | "otherProfit" | "labOpex" | "electricityPaid" | "role" | "grossMargin">,
  i: number,
  monthlyRevenue: number,
  priceIndex: number,
): number {
  return (
    monthlyRevenue * (1 - c.opexShare[i]) +
    c.otherProfit[i] * priceIndex -
    c.labOpex[i] -
    c.electricityPaid[i] -
    (c.role[i] === Role.chip ? (1 - c.grossMargin[i]) * monthlyRevenue : 0)
  );
}

/** A liquidated firm's capacity (built and in the pipeline) sold at the liquidation discount to its acquirer. */
function liquidateCapacity(r: Resolution, i: number): { sale: number; buyer: number; soldGw: number } {
  const c = r.books.aiChain;
  const buyer = acquirer(r.books.aiChain, r.month.tick, i);
  let soldGw = c.computeGw[i];
  for (let k = 0; k < r.p.ai.buildMonths; k++) soldGw += c.pipelineGw[i * r.p.ai.buildMonths + k];
  const sale = sellCapacity(r, i, buyer, 1 - r.p.ai.finance.liquidationDiscount);
  return { sale, buyer, soldGw };
}

/** The rate a reorganised firm will pay once out of court (credit.ts exitRateYearly): the unsecured spread at the fund's PD limit. */
function exitRateOf(r: Resolution, i: number): number {
  const c = r.books.aiChain;
  const fin = r.p.ai.finance;
  const limitSpreadBp = cdsSpreadBp({
    pdYearly: fin.fundMaxDefaultProbability,
    lossGivenDefault: guaranteedLgd(fin.lossGivenDefault, r.p.chainDebtGuaranteeShare),
    stress: c.marketStress,
    baseRiskPremiumBp: fin.riskPremiumBp,
    stressPremiumBp: fin.stressPremiumBp,
  });
  return exitRateYearly(
    Math.max(c.bankRateYearly[i], fundRateOf(c, i, r.month.policyRateYearly), 0),
    r.month.policyRateYearly,
    r.books.banks.spreadYearly[c.bank[i]],
    limitSpreadBp,
  );
}

/** Lenders take the firm's cash beyond `working`, banks first (an overdraft is a bank claim like any other). */
function seizeCash(r: Resolution, i: number, working: number): void {
  const c = r.books.aiChain;
  if (c.deposits[i] < 0) grantChainBankLoan(r.books, i, -c.deposits[i]);
  const cash = Math.max(0, c.deposits[i] - working);
  const toBank = Math.min(cash, c.bankLoans[i]);
  repayChainBankLoan(r.books, i, toBank);
  const toFund = Math.min(cash - toBank, c.fundLoans[i]);
  repayFund(r.books, i, toFund);
  payOutOfChain(c, i, toBank + toFund);
}

/** Both lenders lose `lossShare` of what they are owed; a government guarantee (fiscal absorption) pays them its share of the loss. */
function writeDownChainDebt(r: Resolution, i: number, lossShare: number): { bank: number; fund: number } {
  const c = r.books.aiChain;
  const bankLoss = c.bankLoans[i] * lossShare;
  const fundLoss = c.fundLoans[i] * lossShare;
  writeOffChainDebt(r.books, i, bankLoss, fundLoss);
  r.books.banks.profit[c.bank[i]] -= bankLoss;
  r.books.fund.creditLosses += fundLoss;
  const guaranteed = r.p.chainDebtGuaranteeShare;
  if (guaranteed > 0) {
    const toBankLenders = guaranteed * bankLoss;
    const toFundLenders = guaranteed * fundLoss;
    transfer(r.books, FlowRow.fiscalSupport, Party.government, 0, Party.bank, c.bank[i], toBankLenders);
    r.books.banks.profit[c.bank[i]] += toBankLenders;
    transfer(r.books, FlowRow.fiscalSupport, Party.government, 0, Party.fund, 0, toFundLenders);
    r.books.fund.creditLosses -= toFundLenders;
    r.books.government.fiscalSupport += toBankLenders + toFundLenders;
  }
  return { bank: bankLoss, fund: fundLoss };
}

/**
 * Firm i's contracts as buyer are repriced to `keep` of their instalments
 * (the compute, contractVolume, stays), or rejected when keep is 0. Returns
 * the value rejected: (1 − keep) × instalment × months left, summed.
 */
export function repriceContracts(
  c: Pick<AiChain, "contractBuyer" | "contractMonthly" | "contractMonthsLeft">,
  i: number,
  keep: number,
): number {
  let rejected = 0;
  for (let k = 0; k < c.contractBuyer.length; k++) {
    if (c.contractBuyer[k] !== i || c.contractMonthsLeft[k] <= 0) continue;
    rejected += (1 - keep) * c.contractMonthly[k] * c.contractMonthsLeft[k];
    if (keep > 0) c.contractMonthly[k] *= keep;
    else c.contractMonthsLeft[k] = 0;
  }
  return rejected;
}

/** Exit financing, new maturities for the debt kept, terms and rating to be set afresh, and the share price restarted (valuation.ts resetAfterDefault). */
function restartAfterDefault(
  r: Resolution,
  i: number,
  liquidate: boolean,
  working: number,
  monthlyRevenue: number,
  rateAfter: number,
): void {
  const c = r.books.aiChain;
  // Exit financing: its bank lends a reorganised firm the working cash it lacks (senior, as DIP loans are).
  if (!liquidate && c.deposits[i] < working) grantChainBankLoan(r.books, i, working - c.deposits[i]);
  // New maturities for the debt it keeps; its terms and rating are set afresh when it is next priced.
  const H = DEBT_HORIZON_MONTHS;
  c.bankDue.fill(0, i * H, (i + 1) * H);
  c.fundDue.fill(0, i * H, (i + 1) * H);
  layMaturities(c.bankDue, i * H, r.month.tick, c.bankLoans[i], 0, EXIT_DEBT_YEARS);
  layMaturities(c.fundDue, i * H, r.month.tick, c.fundLoans[i], 0, EXIT_DEBT_YEARS);
  c.securedDebt[i] = Math.min(c.securedDebt[i], c.bankLoans[i] + c.fundLoans[i]);
  c.fundRateYearly[i] = -1;
  c.forcedSpreadBp[i] = 0;
  c.revenueAtDefault[i] = monthlyRevenue;
  if (liquidate) c.exited[i] = 1;
  resetAfterDefault(r.books, i, liquidate, rateAfter, {
    valuation: r.p.valuation,
    month: r.month,
    ai: r.p.ai,
  });
}

/** The chainDefault event, and chainLiquidation for a liquidated firm (amounts in USD bn at US scale). */
function reportDefault(
  r: Resolution,
  i: number,
  debtBefore: number,
  loss: { bank: number; fund: number },
  rejected: number,
  liquidate: boolean,
  sold: { sale: number; buyer: number; soldGw: number },
): void {
  const c = r.books.aiChain;
  r.events.push({
    type: "chainDefault",
    firm: c.names[i],
    debtUsdBn: debtBefore / r.month.scale / 1e9,
    bankLossUsdBn: loss.bank / r.month.scale / 1e9,
    fundLossUsdBn: loss.fund / r.month.scale / 1e9,
    contractsRejectedUsdBn: rejected / r.month.scale / 1e9,
  });
  if (liquidate)
    r.events.push({
      type: "chainLiquidation",
      firm: c.names[i],
      buyer: sold.buyer >= 0 ? c.names[sold.buyer] : "",
      capacityGw: sold.soldGw / r.month.scale,
      saleUsdBn: sold.sale / r.month.scale / 1e9,
    });
}

/**
 * Who takes a liquidated firm's business: for a cloud, the live cloud with
 * the most capacity in service (the buyer that can run data centres); for a
 * lab, the live lab with the most revenue; −1 if none.
 */
export function acquirer(c: AiChain, tick: number, i: number): number {
  const isCloud = (r: number) => r === Role.hyperscaler || r === Role.neocloud || r === Role.legacyCloud;
  const lab = c.role[i] === Role.modelLab;
  if (!lab && !isCloud(c.role[i])) return -1;
  let best = -1;
  let bestSize = 0;
  for (let j = 0; j < c.n; j++) {
    if (j === i || c.defaulted[j] === 1 || c.exited[j] === 1) continue;
    if (lab ? c.role[j] !== Role.modelLab : !isCloud(c.role[j])) continue;
    const size = lab ? c.revenueHistory[j * 13 + ((tick - 1 + 13) % 13)] : c.computeGw[j];
    if (size > bestSize || best < 0) {
      best = j;
      bestSize = size;
    }
  }
  return best;
}

/**
 * Sell a liquidated firm's business to `buyer`: its capacity in service and
 * under construction at `priceShare` of book value (paid from the buyer's
 * cash, as far as it goes), its customers (its end-user base) and its
 * contracts as seller. Without a buyer the capacity is scrapped and the
 * customers are lost to the chain. Returns the price paid.
 */
function sellCapacity(r: Resolution, i: number, buyer: number, priceShare: number): number {
  const c = r.books.aiChain;
  const b = r.p.ai.buildMonths;
  let price = 0;
  if (buyer >= 0) {
    price = Math.min(priceShare * Math.max(0, c.capitalValue[i]), Math.max(0, c.deposits[buyer]));
    if (price > 0) {
      transfer(r.books, FlowRow.chainPurchases, Party.aiFirm, buyer, Party.aiFirm, i, price);
      payOutOfChain(c, buyer, price);
      tagInflow(c, i, Source.other, price);
    }
    c.computeGw[buyer] += c.computeGw[i];
    c.serviceGw[buyer] += c.serviceGw[i];
    for (let k = 0; k < b; k++) c.pipelineGw[buyer * b + k] += c.pipelineGw[i * b + k];
    // With time to build (aiChain.orders.progressPayments) the buyer takes over the instalments still due.
    for (let k = 0; k < b; k++) c.capexDue[buyer * b + k] += c.capexDue[i * b + k];
    c.capitalValue[buyer] += price;
    c.endUserBase[buyer] += c.endUserBase[i];
    for (let k = 0; k < c.contractSeller.length; k++) {
      if (c.contractSeller[k] !== i || c.contractMonthsLeft[k] <= 0) continue;
      // The buyer now serves the contract; one it had itself signed as customer simply lapses.
      if (c.contractBuyer[k] === buyer) c.contractMonthsLeft[k] = 0;
      else c.contractSeller[k] = buyer;
    }
  } else {
    for (let k = 0; k < c.contractSeller.length; k++)
      if (c.contractSeller[k] === i) c.contractMonthsLeft[k] = 0;
  }
  c.computeGw[i] = 0;
  c.serviceGw[i] = 0;
  c.pipelineGw.fill(0, i * b, (i + 1) * b);
  c.capexDue.fill(0, i * b, (i + 1) * b);
  c.capitalValue[i] = 0;
  c.capex[i] = 0;
  c.endUserBase[i] = 0;
  return price;
}

/**
 * DebtRank (Battiston et al. 2012) of this month's equity losses through the
 * chain's exposures: what each firm stands to lose on its stakes in and its
 * backlog with each other firm. Reported, not fed back.
 */
export function chainDebtRank(c: AiChain, monthlyReturns: Float64Array): number {
  const n = c.n;
  if (n === 0) return 0;
  const exposures = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) exposures[i * n + j] = c.stakes[i * n + j] * c.price[j];
  for (let k = 0; k < c.contractBuyer.length; k++) {
    if (c.contractMonthsLeft[k] <= 0) continue;
    const seller = c.contractSeller[k];
    const buyer = c.contractBuyer[k];
    exposures[seller * n + buyer] += c.contractMonthly[k] * Math.min(12, c.contractMonthsLeft[k]);
  }
  const capital = new Float64Array(n);
  const shock = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    capital[i] = Math.max(1e-9, c.shares[i] * c.price[i]);
    shock[i] = Math.min(1, Math.max(0, -monthlyReturns[i]));
  }
  return debtRank(exposures, capital, shock, new Float64Array(n));
}
