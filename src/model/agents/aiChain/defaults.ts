// Defaults and contagion in the AI chain (issue 3 item 7). A chain firm that
// could not pay what it owed in the month's clearing is in default: its
// lenders seize its cash (banks first, then the fund — seniority), write off
// the loss given default on the rest (more if the business cannot carry what
// is left), and old shareholders are nearly wiped
// out; the firm is reorganised and keeps operating with less debt (as in a
// Chapter 11), but rejects its remaining purchase contracts — so its
// suppliers lose backlog and revenue next month — and cancels the equity
// investments it had announced. Bank losses shrink bank capital and so
// lending to the whole economy; fund losses shrink households' wealth.
import { FlowRow, Party, repayChainBankLoan, repayFund, transfer, writeOffChainDebt } from "../../ledger.ts";
import { debtRank } from "../../markets/clearing.ts";
import type { ModelState } from "../../state.ts";
import { payOutOfChain } from "./attribution.ts";
import { resetAfterDefault } from "./valuation.ts";

/** Resolve every chain firm marked in default this month. Returns how many. */
export function resolveChainDefaults(m: ModelState): number {
  const c = m.aiChain;
  const lgd = m.config.aiChain.finance.lossGivenDefault;
  let count = 0;
  for (let i = 0; i < c.n; i++) {
    if (c.defaulted[i] !== 1) continue;
    count++;
    c.defaultCount[i]++;
    c.lastDefaultTick[i] = m.tick;
    const debtBefore = c.bankLoans[i] + c.fundLoans[i];
    const cash = Math.max(0, c.deposits[i]);
    const toBank = Math.min(cash, c.bankLoans[i]);
    repayChainBankLoan(m, i, toBank);
    const toFund = Math.min(cash - toBank, c.fundLoans[i]);
    repayFund(m, i, toFund);
    payOutOfChain(c, i, toBank + toFund);
    // Creditors keep their recovery (1 − LGD) or what the business can carry
    // (a multiple of its annual revenue), whichever is less.
    let yearRevenue = 0;
    for (let k = 0; k < 13; k++) yearRevenue += c.revenueHistory[i * 13 + k];
    yearRevenue *= 12 / 13;
    const debt = c.bankLoans[i] + c.fundLoans[i];
    const kept = Math.min((1 - lgd) * debt, m.config.aiChain.finance.reorganisedDebtToRevenue * yearRevenue);
    const lossShare = debt > 0 ? 1 - kept / debt : 0;
    const bankLoss = c.bankLoans[i] * lossShare;
    const fundLoss = c.fundLoans[i] * lossShare;
    writeOffChainDebt(m, i, bankLoss, fundLoss);
    m.banks.profit[c.bank[i]] -= bankLoss;
    // A government guarantee (fiscal absorption) pays lenders its share of the loss.
    const guaranteed = m.config.government.fiscalAbsorption.chainDebtGuaranteeShare;
    if (guaranteed > 0) {
      const toBank = guaranteed * bankLoss;
      const toFundLenders = guaranteed * fundLoss;
      transfer(m, FlowRow.fiscalSupport, Party.government, 0, Party.bank, c.bank[i], toBank);
      m.banks.profit[c.bank[i]] += toBank;
      transfer(m, FlowRow.fiscalSupport, Party.government, 0, Party.fund, 0, toFundLenders);
      m.government.fiscalSupport += toBank + toFundLenders;
    }
    let rejected = 0;
    for (let k = 0; k < c.contractBuyer.length; k++) {
      if (c.contractBuyer[k] === i && c.contractMonthsLeft[k] > 0) {
        rejected += c.contractMonthly[k] * c.contractMonthsLeft[k];
        c.contractMonthsLeft[k] = 0;
      }
    }
    for (let k = 0; k < c.stakeInvestor.length; k++) if (c.stakeInvestor[k] === i) c.stakeRemaining[k] = 0;
    resetAfterDefault(m, i);
    m.events.push({
      type: "chainDefault",
      firm: c.names[i],
      debtUsdBn: debtBefore / m.params.scale / 1e9,
      bankLossUsdBn: bankLoss / m.params.scale / 1e9,
      fundLossUsdBn: fundLoss / m.params.scale / 1e9,
      contractsRejectedUsdBn: rejected / m.params.scale / 1e9,
    });
  }
  return count;
}

/**
 * DebtRank (Battiston et al. 2012) of this month's equity losses through the
 * chain's exposures: what each firm stands to lose on its stakes in and its
 * backlog with each other firm. Reported, not fed back.
 */
export function chainDebtRank(m: ModelState, monthlyReturns: Float64Array): number {
  const c = m.aiChain;
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
