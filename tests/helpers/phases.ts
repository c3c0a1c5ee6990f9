// The month's phases with explicit inputs (src/model/schedule.ts), wired to
// a whole model state exactly as step() wires them — schedule.ts exports the
// wiring (`<phase>On`) and step() calls it, so a wiring change there reaches
// the tests: for tests that run one phase on a small model built by
// createModel. A rule's own test on a hand-built record calls the phase
// directly.
export {
  accountFirmsOn,
  chainBuysGoodsOn,
  clearCapitalMarketOn,
  clearConsumptionMarketOn,
  collectDistributionsOn,
  earnAndPlanOn,
  financeFirmsOn,
  firmsBuyAutomationOn,
  firmsBuyServicesOn,
  governmentPurchasesOn,
  markFundOn,
  matchWorkersOn,
  payWagesOn,
  planAutomationOn,
  planInvestmentOn,
  planProductionOn,
  planPurchasesOn,
  priceCreditOn,
  produceOn,
  resolveBankFailuresOn,
  resolveChainDefaultsOn,
  selectLayoffsOn,
  separateAndListJobSeekersOn,
  setPolicyRateOn,
  settleBanksOn,
  updateMacroOn,
  valueEquityOn,
} from "../../src/model/schedule.ts";
