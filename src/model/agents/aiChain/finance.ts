// How AI-chain firms are priced by lenders and how they fund themselves
// (issue 3 items 4 and 6). Default probabilities come from a structural
// (Merton/KMV) model on each firm's market value, equity volatility and
// debt; CDS spreads ≈ hazard × LGD plus a premium that rises with market
// stress; borrowing costs follow spreads. Firms keep a cash buffer: cash-rich
// firms borrow in bond markets or pay out their excess; clouds borrow from
// banks and private credit against capacity; labs raise equity at market
// price from the fund and from chain firms' announced stakes. Lenders ration
// above their PD limits — when spreads jump, refinancing fails.
import {
  creditParty,
  debitParty,
  FlowRow,
  fundLends,
  grantChainBankLoan,
  issueChainEquity,
  Party,
  recordFlow,
  repayChainBankLoan,
  repayFund,
  Sector,
  transfer,
} from "../../ledger.ts";
import { cdsSpreadBp, createMertonResult, mertonDefaultProbability } from "../../markets/creditRisk.ts";
import type { ModelState } from "../../state.ts";
import { Role, Source } from "../../state.ts";
import { payOutOfChain, tagInflow } from "./attribution.ts";
import { financeCircular } from "./circular.ts";
import { cancelIfDistressed, monthlyCommitments, monthlyContracted, monthlyGpuCommitments } from "./plans.ts";

const merton = createMertonResult();

/** PD, CDS spread and the rates each chain firm pays this month. */
export function priceChainCredit(m: ModelState): void {
  const c = m.aiChain;
  const fin = m.config.aiChain.finance;
  const policy = m.centralBank.policyRateYearly;
  for (let i = 0; i < c.n; i++) {
    if (c.defaulted[i] === 1) {
      c.pdYearly[i] = 1;
      continue;
    }
    const debt = c.bankLoans[i] + c.fundLoans[i] + 12 * monthlyCommitments(m, i) * 0.5;
    const equity = Math.max(1e-6, c.shares[i] * c.price[i]);
    // Realised volatility of a smoothly sliding price understates risk; the
    // asset volatility levered up to today's debt is the floor.
    const leveredVol = Math.min(5, (c.assetVolatility[i] * (equity + debt)) / equity);
    mertonDefaultProbability(
      {
        equityValue: equity,
        equityVolatility: Math.max(Math.sqrt(12 * c.market.varianceMonthly[i]), leveredVol),
        debt,
        riskFreeRate: 0,
        horizonYears: fin.pdHorizonYears,
      },
      merton,
    );
    c.pdYearly[i] = merton.pdYearly;
    c.cdsBp[i] = cdsSpreadBp({
      pdYearly: merton.pdYearly,
      lossGivenDefault: fin.lossGivenDefault,
      stress: c.marketStress,
      baseRiskPremiumBp: fin.riskPremiumBp,
      stressPremiumBp: fin.stressPremiumBp,
    });
    if (c.debtSpread[i] < 0) c.debtSpread[i] = lendingSpread(m, i);
    // Rates float with the policy rate; the credit spread is the one the
    // debt was written at (updated as debt is refinanced, repriceDebt).
    const spread = c.debtSpread[i];
    c.bankRateYearly[i] = policy + m.banks.spreadYearly[c.bank[i]] + spread;
    c.fundRateYearly[i] = policy + spread + 0.01;
  }
}

/**
 * Debt service and refinancing, stake tranches, new funding to keep the cash
 * buffer, and payouts of excess cash. Returns nothing; events report failed
 * refinancing and equity rounds.
 */
export function financeChain(m: ModelState): void {
  const c = m.aiChain;
  const ai = m.config.aiChain;
  const fin = ai.finance;
  const fund = m.fund;
  const appetite = fin.fundRiskAppetite * (1 - c.marketStress);
  let fundBudget = Math.max(0, fund.deposits) * appetite;
  for (let i = 0; i < c.n; i++) {
    c.interestPaid[i] = 0;
    if (c.defaulted[i] === 1) continue;
    const role = c.role[i];
    const lastRevenue = c.revenueHistory[i * 13 + ((m.tick - 1 + 13) % 13)];
    // Interest, then principal; principal is refinanced below if lenders allow.
    const bankInterest = (c.bankLoans[i] * c.bankRateYearly[i]) / 12;
    const fundInterest = (c.fundLoans[i] * c.fundRateYearly[i]) / 12;
    payInterest(m, i, bankInterest, fundInterest);
    const bankDue = c.bankLoans[i] / fin.loanMaturityMonths;
    const bankPrincipal = Math.min(bankDue, Math.max(0, c.deposits[i]));
    repayChainBankLoan(m, i, bankPrincipal);
    payOutOfChain(c, i, bankPrincipal);
    const fundDue = c.fundLoans[i] / fin.loanMaturityMonths;
    const fundPrincipal = Math.min(fundDue, Math.max(0, c.deposits[i]));
    repayFund(m, i, fundPrincipal);
    payOutOfChain(c, i, fundPrincipal);
    // Principal it cannot pay is rolled over only if some lender would still
    // lend at its default probability; otherwise the firm has failed to
    // refinance and is in default (resolved at month end, defaults.ts).
    const unpaid = bankDue - bankPrincipal + fundDue - fundPrincipal;
    // Debt that keeps its old spread: what is left after repayment, less the part rolled over.
    const keptDebt = Math.max(0, c.bankLoans[i] + c.fundLoans[i] - unpaid);
    if (unpaid > 0 && lenderPd(m, i) > maxLendablePd(fin)) markDefault(m, i, "refinancingFailed", unpaid);

    // Fiscal absorption: the government pays its share of this month's capex.
    const grant = m.config.government.fiscalAbsorption.chainCapexShare * c.capex[i];
    if (grant > 0) {
      transfer(m, FlowRow.fiscalSupport, Party.government, 0, Party.aiFirm, i, grant);
      tagInflow(c, i, Source.other, grant);
      m.government.fiscalSupport += grant;
    }

    // Outgoings over the next month and the buffer wanted.
    // GPU orders under contract pay for the GPU part of capex: counted once.
    const outgoings =
      monthlyCommitments(m, i) +
      c.capex[i] -
      Math.min(c.capex[i] * ai.gpuShareOfCost, monthlyGpuCommitments(m, i)) +
      c.labOpex[i] +
      c.opexShare[i] * lastRevenue +
      c.electricityPaid[i] + // last month's bill (the power market sets this month's later)
      bankInterest +
      fundInterest;
    const target = fin.cashBufferMonths * outgoings;
    // Partial adjustment: below its buffer, the firm raises what this month's
    // outgoings need beyond its expected inflow plus a share of the gap, so
    // that its cash moves toward the buffer by that share; a cash excess
    // (negative gap) is paid out as before.
    const gap = target - c.deposits[i];
    const inflow = lastRevenue + c.otherProfit[i] * m.macro.priceIndex;
    let need =
      gap > 0 ? Math.min(gap, Math.max(0, outgoings - inflow) + fin.cashAdjustmentMonthly * gap) : gap;
    const asked = need;

    if (role === Role.modelLab && need > 0) {
      // Equity round at market price: from the fund, within its appetite.
      const burn = Math.max(0, outgoings - lastRevenue);
      const want = Math.max(need, fin.labEquityRunwayMonths * burn);
      const raise = Math.min(want, fundBudget);
      if (raise > 0) {
        issueChainEquity(m, i, -1, raise);
        tagInflow(c, i, Source.other, raise);
        fundBudget -= raise;
        need -= raise;
      }
      if (raise < want * 0.5)
        m.events.push({
          type: "equityRoundShort",
          firm: c.names[i],
          wantedUsdBn: want / m.params.scale / 1e9,
          raisedUsdBn: raise / m.params.scale / 1e9,
        });
    }
    // Lenders' leverage limit: debt up to a multiple of annual operating
    // earnings, counting contracted revenue (clouds borrow against backlog).
    // Labs are funded by equity; they borrow only up to a credit line sized by their revenue.
    const debtNow = c.bankLoans[i] + c.fundLoans[i];
    const revenueBase = Math.max(lastRevenue, monthlyContracted(m, i, true, true));
    const earnings = 12 * (revenueBase * (1 - c.opexShare[i]) + c.otherProfit[i] * m.macro.priceIndex);
    let debtRoom = Math.max(0, fin.maxDebtToEarnings * earnings - debtNow);
    if (role === Role.modelLab)
      debtRoom = Math.min(debtRoom, Math.max(0, fin.labMaxDebtToRevenue * 12 * lastRevenue - debtNow));
    if (need > 0) {
      // Debt: clouds and the chip maker from the fund (bonds, private credit) and banks.
      const fundFirst = role !== Role.legacyCloud;
      for (const lender of fundFirst ? [0, 1] : [1, 0]) {
        if (need <= 0) break;
        if (lender === 0 && lenderPd(m, i) <= fin.fundMaxDefaultProbability) {
          const x = Math.min(need, fundBudget, debtRoom);
          if (x > 0) {
            debtRoom -= x;
            fundLends(m, i, x);
            tagInflow(c, i, Source.debt, x);
            fundBudget -= x;
            need -= x;
          }
        } else if (lender === 1 && lenderPd(m, i) <= fin.bankMaxDefaultProbability) {
          const bank = c.bank[i];
          const x = Math.min(need, m.banks.lendingCapacity[bank], debtRoom);
          if (x > 0) {
            debtRoom -= x;
            grantChainBankLoan(m, i, x);
            m.banks.lendingCapacity[bank] -= x;
            tagInflow(c, i, Source.debt, x);
            need -= x;
          }
        }
      }
      const gapAfter = target - c.deposits[i];
      if (need > 0.5 * asked && gapAfter > 0.5 * target && c.capex[i] > 0) {
        // Funding failed (lenders refused most of what it asked, and it is far below its buffer): cut this month's capacity order.
        const cut = Math.min(c.capex[i], gapAfter);
        const share = cut / c.capex[i];
        const slot = i * ai.buildMonths + ((m.tick + ai.buildMonths - 1) % ai.buildMonths);
        c.pipelineGw[slot] *= 1 - share;
        c.capex[i] -= cut;
        m.events.push({ type: "capexCut", firm: c.names[i], cutUsdBn: cut / m.params.scale / 1e9 });
      }
    } else if (role === Role.chip || role === Role.hyperscaler) {
      // Cash-rich firms return part of the excess (dividends and buybacks) to their shareholders.
      payDividends(m, i, -need * fin.payoutShare);
    }
    if (role === Role.modelLab) cancelIfDistressed(m, i, 2);
    repriceDebt(m, i, keptDebt);
  }
  financeCircular(m); // configured stake tranches and decided circular deals (circular.ts)
}

function payInterest(m: ModelState, i: number, bankInterest: number, fundInterest: number): void {
  const c = m.aiChain;
  const bank = c.bank[i];
  debitParty(m, Party.aiFirm, i, bankInterest);
  creditParty(m, Party.bank, bank, bankInterest);
  m.banks.profit[bank] += bankInterest;
  recordFlow(m.ledger.flows, FlowRow.loanInterest, Sector.aiChain, Sector.banks, bankInterest);
  debitParty(m, Party.aiFirm, i, fundInterest);
  creditParty(m, Party.fund, 0, fundInterest);
  m.fund.income += fundInterest;
  recordFlow(m.ledger.flows, FlowRow.loanInterest, Sector.aiChain, Sector.privateCredit, fundInterest);
  payOutOfChain(c, i, bankInterest + fundInterest);
  c.interestPaid[i] = bankInterest + fundInterest;
  if (c.deposits[i] < 0) {
    // Interest beyond cash is drawn on the bank's credit line; if no lender
    // would lend at the firm's default probability the drawing is arrears and
    // the firm is in default (the bank's claim is written down at month end).
    const short = -c.deposits[i];
    grantChainBankLoan(m, i, short);
    tagInflow(c, i, Source.debt, short);
    if (lenderPd(m, i) > maxLendablePd(m.config.aiChain.finance)) markDefault(m, i, "missedInterest", short);
  }
}

/**
 * Debt refinanced this month (the principal repaid and rolled over) and new
 * borrowing carry today's spread; the rest of the debt keeps its old one. So
 * a spike in spreads raises a firm's interest bill as its debt rolls over —
 * fast for a firm that borrows a lot, slowly for one that does not.
 */
function repriceDebt(m: ModelState, i: number, keptDebt: number): void {
  const c = m.aiChain;
  const debt = c.bankLoans[i] + c.fundLoans[i];
  const market = lendingSpread(m, i);
  if (debt <= 0) {
    c.debtSpread[i] = market;
    return;
  }
  const kept = Math.min(debt, keptDebt);
  c.debtSpread[i] = (kept * c.debtSpread[i] + (debt - kept) * market) / debt;
}

/**
 * The default probability lenders act on: the part of the risk the
 * government's debt guarantee (fiscal absorption) leaves with them.
 */
function lenderPd(m: ModelState, i: number): number {
  return m.aiChain.pdYearly[i] * (1 - m.config.government.fiscalAbsorption.chainDebtGuaranteeShare);
}

/** Spread charged on new debt: the CDS spread's expected-loss part shrinks with the guaranteed share. */
function lendingSpread(m: ModelState, i: number): number {
  const base = m.config.aiChain.finance.riskPremiumBp;
  const g = m.config.government.fiscalAbsorption.chainDebtGuaranteeShare;
  return (base + Math.max(0, m.aiChain.cdsBp[i] - base) * (1 - g)) / 1e4;
}

/** The highest default probability at which any lender still lends (the non-bank fund is the more tolerant). */
function maxLendablePd(fin: {
  bankMaxDefaultProbability: number;
  fundMaxDefaultProbability: number;
}): number {
  return Math.max(fin.bankMaxDefaultProbability, fin.fundMaxDefaultProbability);
}

/**
 * Months a reorganised firm operates under court protection with
 * debtor-in-possession financing: its lenders roll its debt over whatever its
 * measured default probability (which stays high while its share price and
 * volatility recover), so one distress episode is one default, not a default
 * every month.
 */
const REORGANISATION_MONTHS = 24;

function markDefault(m: ModelState, i: number, reason: string, shortfall: number): void {
  const c = m.aiChain;
  if (c.defaulted[i] === 1 || m.tick - c.lastDefaultTick[i] < REORGANISATION_MONTHS) return;
  c.defaulted[i] = 1;
  m.events.push({
    type: "chainDebtDefault",
    firm: c.names[i],
    reason,
    shortfallUsdBn: shortfall / m.params.scale / 1e9,
    pdYearly: c.pdYearly[i],
  });
}

/** Dividends to every holder in proportion to shares: the fund and other chain firms. */
function payDividends(m: ModelState, i: number, amount: number): void {
  const c = m.aiChain;
  if (amount <= 0 || c.shares[i] <= 0) return;
  const perShare = amount / c.shares[i];
  payOutOfChain(c, i, amount);
  const toFund = m.fund.sharesHeld[i] * perShare;
  debitParty(m, Party.aiFirm, i, amount);
  for (let h = 0; h < c.n; h++) {
    const x = c.stakes[h * c.n + i] * perShare;
    if (x <= 0) continue;
    creditParty(m, Party.aiFirm, h, x);
    tagInflow(c, h, Source.other, x);
  }
  creditParty(m, Party.fund, 0, toFund);
  m.fund.income += toFund;
  recordFlow(m.ledger.flows, FlowRow.dividends, Sector.aiChain, Sector.privateCredit, toFund);
}
