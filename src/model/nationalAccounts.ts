// National accounts of one month (issue 16 item 1): GDP by production — the
// value added of non-AI firms, the AI chain's firms and the utility — and by
// expenditure — consumption + investment + government purchases + change in
// inventories + net exports. Every sale of a good or service is either an
// input of a producer (intermediate consumption, left out of GDP) or a final
// use, so the two sides are equal to rounding on every tick
// (tests/nationalAccounts.test.ts checks it on every shipped scenario).
//
// Definitions (model dollars per month; metrics.ts converts):
// - Output of a non-AI firm: what it produced, at this month's price
//   (output × price), plus the retraining services it sold to the government.
//   Its value added deducts its intermediate inputs: AI services, platform
//   fees and automation services bought from the chain (servicesPaid) and
//   electricity (electricityPaid).
// - Output of the AI chain: its revenue (end users, other chain firms) and
//   the platform fees of the hyperscalers' other businesses. Value added
//   deducts compute bought from other chain firms (contract instalments,
//   backstop purchases, cancellation penalties — within the chain these net
//   out), operating goods bought from consumption-goods firms, the chip
//   maker's domestic cost of goods bought from capital-goods firms,
//   electricity, and the imported part of its cost of goods paid to the rest
//   of the world (aiChain.gpuImportShare).
// - Output of the utility: its electricity sales; value added deducts its
//   fuel and operating purchases.
// - Banks sell no services (no fees; interest margins are not output — the
//   model does not measure FISIM); the government and the central bank
//   produce nothing.
// - Consumption: households' goods, AI subscriptions and electricity.
// - Investment: capital goods bought by non-AI firms, data-centre buildings
//   and equipment (capital-goods firms) and GPUs (chip makers) bought by the
//   chain — including GPU orders under contracts — and the utility's grid
//   equipment. The chip maker's manufacturing inputs are intermediate, not
//   investment.
// - Government purchases: goods, AI services and retraining services.
// - Change in inventories: non-AI firms' output not sold this month, at
//   this month's price. Inventory losses (firms.inventoryDepreciationMonthly)
//   are other changes in volume, outside production and expenditure alike.
// - Net exports: minus the chip maker's imported content (the model has no
//   exports), paid to the rest of the world (ledger.ts Party.restOfWorld,
//   whose deposit holds it: a leak from domestic demand).
import type { ModelState } from "./state.ts";
import { ChainAccount } from "./state.ts";

/** One month's national accounts, in model dollars per month (real values at base-period prices). */
export interface NationalAccounts {
  consumption: number;
  investment: number;
  government: number;
  inventoryChange: number;
  imports: number;
  netExports: number;
  /** Expenditure side: consumption + investment + government + inventoryChange + netExports. */
  gdpExpenditure: number;
  valueAddedFirms: number;
  valueAddedAiChain: number;
  valueAddedUtility: number;
  /** Production side: the three value added. */
  gdpProduction: number;
  /**
   * Real GDP: each producer's value added deflated by the price of its
   * output (single deflation) — non-AI firms by their output's unit value,
   * the chain by the price of AI services, the utility by the retail
   * electricity index.
   */
  gdpReal: number;
}

export function emptyAccounts(): NationalAccounts {
  return {
    consumption: 0,
    investment: 0,
    government: 0,
    inventoryChange: 0,
    imports: 0,
    netExports: 0,
    gdpExpenditure: 0,
    valueAddedFirms: 0,
    valueAddedAiChain: 0,
    valueAddedUtility: 0,
    gdpProduction: 0,
    gdpReal: 0,
  };
}

/** Fills `out` with the accounts of the month just completed (after `step`). */
export function measureNationalAccounts(m: ModelState, out: NationalAccounts): NationalAccounts {
  const f = m.firms;
  const c = m.aiChain;
  const u = m.utility;
  const acc = c.accounts;

  // Non-AI firms.
  let outputValue = 0;
  let outputReal = 0;
  let sales = 0;
  let inputs = 0;
  for (let j = 0; j < f.n; j++) {
    outputValue += f.output[j] * f.price[j];
    outputReal += f.output[j];
    sales += f.salesNominal[j];
    inputs += f.servicesPaid[j] + f.electricityPaid[j];
  }
  const retraining = m.government.retraining;
  const valueAddedFirms = outputValue + retraining - inputs;

  // The AI chain.
  let chainSales = acc[ChainAccount.platformFees];
  let chainPower = 0;
  for (let i = 0; i < c.n; i++) {
    chainSales += c.revenue[i];
    chainPower += c.electricityPaid[i];
  }
  const imports = acc[ChainAccount.imports];
  const valueAddedAiChain =
    chainSales -
    acc[ChainAccount.compute] -
    acc[ChainAccount.goodsOpex] -
    acc[ChainAccount.chipInputs] -
    chainPower -
    imports;

  // The utility (its revenue and purchases are zero while the grid is inert).
  const valueAddedUtility = u.revenue - u.opexPaid;

  // Expenditure.
  out.consumption = m.macro.consumptionNominal;
  out.investment = m.macro.investmentNominal + acc[ChainAccount.gpus];
  out.government = m.government.purchases + retraining;
  out.inventoryChange = outputValue - sales;
  out.imports = imports;
  out.netExports = 0 - imports; // not -imports: no "-0" in the series when nothing is imported
  out.gdpExpenditure =
    out.consumption + out.investment + out.government + out.inventoryChange + out.netExports;

  out.valueAddedFirms = valueAddedFirms;
  out.valueAddedAiChain = valueAddedAiChain;
  out.valueAddedUtility = valueAddedUtility;
  out.gdpProduction = valueAddedFirms + valueAddedAiChain + valueAddedUtility;

  const firmsDeflator = outputReal > 0 ? outputValue / outputReal : 1;
  out.gdpReal =
    valueAddedFirms / firmsDeflator +
    (c.n > 0 ? valueAddedAiChain / c.servicePrice : 0) +
    (u.active ? valueAddedUtility / Math.max(1e-12, u.electricityCpi) : 0);
  return out;
}
