// The month's phases with explicit inputs (src/model/schedule.ts), wired to
// a whole model state as step() wires them: for tests that run one phase on
// a small model built by createModel. A rule's own test on a hand-built
// record calls the phase directly.
import { resolveChainDefaults } from "../../src/model/agents/aiChain/defaults.ts";
import { liveCapacity } from "../../src/model/agents/aiChain/demand.ts";
import { chainLongRate, chainValuationParams } from "../../src/model/agents/aiChain/valuation.ts";
import { planAutomation, selectLayoffs } from "../../src/model/agents/automation.ts";
import { resolveBankFailures, settleBanks } from "../../src/model/agents/banks.ts";
import { setPolicyRate } from "../../src/model/agents/centralBank.ts";
import { markFund } from "../../src/model/agents/fund.ts";
import { planPurchases } from "../../src/model/agents/government.ts";
import { earnAndPlan, incomeParams } from "../../src/model/agents/households.ts";
import { updateMacro } from "../../src/model/macro.ts";
import { equityParams, valueEquity } from "../../src/model/markets/equity.ts";
import { matchWorkers, separateAndListJobSeekers, separationParams } from "../../src/model/markets/labour.ts";
import type { ModelState } from "../../src/model/state.ts";

/** setPolicyRate on the state's central bank and aggregates, at its tick. */
export function setPolicyRateOn(m: ModelState): void {
  const month = { tick: m.tick, startDate: m.config.startDate };
  setPolicyRate(m.centralBank, m.macro, m.config.centralBank, m.config.banks, month, m.events);
}

/** earnAndPlan with last month's dividends `payoutPerUnit`, as step() calls it. */
export function earnAndPlanOn(m: ModelState, payoutPerUnit: number): void {
  const month = {
    seed: m.seed,
    tick: m.tick,
    policyRateYearly: m.centralBank.policyRateYearly,
    payoutPerUnit,
    householdAiShare: m.aiChain.householdAiShare,
    householdElectricityShare: m.utility.householdShare,
  };
  const totals = { government: m.government, banks: m.banks, incomeDistribution: m.automation };
  earnAndPlan(
    m.households,
    m.firms,
    m.macro,
    month,
    incomeParams(m.config, m.params),
    totals,
    m.runner,
    m.scratch,
    m,
  );
}

/** settleBanks as step() calls it. */
export function settleBanksOn(m: ModelState): void {
  settleBanks(m.banks, m.centralBank, m.government, m.config.banks, m.config.government.profitTaxRate, m);
}

/** resolveBankFailures as step() calls it. */
export function resolveBankFailuresOn(m: ModelState): void {
  const c = m.config;
  resolveBankFailures(
    m.banks,
    m.macro,
    m.government,
    c.banks,
    c.government.depositInsurance,
    m.params.scale,
    m.events,
    m,
  );
}

/** planPurchases as step() calls it. */
export function planPurchasesOn(m: ModelState): void {
  planPurchases(
    m.government,
    m.macro.priceIndex,
    m.params.initialOutputPerHousehold,
    m.households.n,
    m.config.government,
  );
}

/** updateMacro as step() calls it. */
export function updateMacroOn(m: ModelState): void {
  updateMacro(m.macro, m.firms, m.utility, m.households.n, m.tick, {
    inflationAnchorGain: m.config.firms.inflationAnchorGain,
    householdElectricityShare: m.config.power.householdElectricityShare,
  });
}

/** markFund as step() calls it. */
export function markFundOn(m: ModelState): void {
  const x = { tick: m.tick, depositRateYearly: m.macro.depositRateYearly, scale: m.params.scale };
  markFund(m.fund, m.aiChain, x, m.config.aiChain.finance, m.ledger.flows, m.events);
}

/** valueEquity as step() calls it. */
export function valueEquityOn(m: ModelState): void {
  valueEquity(m.firms, m.macro, m.aiChain, m.centralBank.policyRateYearly, equityParams(m.config), m);
}

/** resolveChainDefaults on the state's chain and books, at its tick, as step() wires it. */
export function resolveChainDefaultsOn(m: ModelState): number {
  const config = m.config;
  const valuation = chainValuationParams(config.aiChain, config.government.profitTaxRate);
  const longRateYearly = chainLongRate(
    m.centralBank,
    config.centralBank.inflationTargetYearly,
    valuation.policyPassThrough,
  );
  const month = {
    tick: m.tick,
    scale: m.params.scale,
    policyRateYearly: m.centralBank.policyRateYearly,
    priceIndex: m.macro.priceIndex,
    longRateYearly,
  };
  const guaranteeShare = config.government.fiscalAbsorption.chainDebtGuaranteeShare;
  const p = { ai: config.aiChain, chainDebtGuaranteeShare: guaranteeShare, valuation };
  return resolveChainDefaults(month, p, m.events, m);
}

/** planAutomation as step() calls it. */
export function planAutomationOn(m: ModelState): void {
  const keys = { seed: m.seed, tick: m.tick };
  const cfg = m.config.automation;
  planAutomation(m.automation, m.firms, m.aiChain, liveCapacity(m), m.macro, keys, cfg);
}

/** selectLayoffs as step() calls it. */
export function selectLayoffsOn(m: ModelState): void {
  selectLayoffs(m.firms, m.runner);
}

/** separateAndListJobSeekers as step() calls it; returns the number of job seekers. */
export function separateAndListJobSeekersOn(m: ModelState): number {
  const keys = { seed: m.seed, tick: m.tick };
  return separateAndListJobSeekers(
    m.firms,
    keys,
    separationParams(m.config),
    m.runner,
    m.scratch,
    m.automation,
  );
}

/** matchWorkers on the first `seekers` of the state's job-seeker list, as step() calls it; returns the vacancies left open. */
export function matchWorkersOn(m: ModelState, seekers: number): number {
  const keys = { seed: m.seed, tick: m.tick };
  const rng = m.streams.get("labour");
  const { households, firms, runner, scratch, automation } = m;
  return matchWorkers(households, firms, seekers, keys, m.config.labour, rng, runner, scratch, automation);
}
