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
   * Real GDP at the base period's prices (fixed base): each producer's value
   * added deflated by the price of its output (single deflation) — non-AI
   * firms by their output's unit value, the chain by the price of AI
   * services, the utility by the retail electricity index. The series'
   * gdpReal is this while non-AI firms are the only producers, and its
   * chain-linked Fisher volume from the month a second producer acts
   * (chainRealGdp).
   */
  gdpReal: number;
  /** Value added of non-AI firms, the AI chain and the utility (SECTORS order). */
  readonly sectorValueAdded: Float64Array;
  /** Their output prices (1 in the base period; 1 for a producer that does not act). */
  readonly sectorPrice: Float64Array;
  /** Whether a producer other than the non-AI firms acts (the chain exists or the utility is active). */
  multiSector: boolean;
}

/** Producers in sectorValueAdded and sectorPrice: non-AI firms, the AI chain, the utility. */
export const SECTORS = 3;

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
    sectorValueAdded: new Float64Array(SECTORS),
    sectorPrice: new Float64Array(SECTORS).fill(1),
    multiSector: false,
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
  out.sectorValueAdded[0] = valueAddedFirms;
  out.sectorValueAdded[1] = c.n > 0 ? valueAddedAiChain : 0;
  out.sectorValueAdded[2] = u.active ? valueAddedUtility : 0;
  out.sectorPrice[0] = firmsDeflator;
  out.sectorPrice[1] = c.n > 0 ? c.servicePrice : 1;
  out.sectorPrice[2] = u.active ? Math.max(1e-12, u.electricityCpi) : 1;
  out.multiSector = c.n > 0 || u.active;
  return out;
}

/**
 * Growth of real GDP from last month to this one as a Fisher quantity index
 * of the producers' value added: the geometric mean of the Laspeyres volume
 * growth (this month's quantities at last month's prices) and the Paasche
 * (both months at this month's prices), where a producer's quantity is its
 * value added over its price —
 *
 *   L = Σ VA_t · p_{t−1}/p_t ÷ Σ VA_{t−1},   P = Σ VA_t ÷ Σ VA_{t−1} · p_t/p_{t−1},   F = √(L·P).
 *
 * BEA's chain-type quantity index for real GDP since 1996 (Landefeld &
 * Parker 1997, Survey of Current Business 77(5); Whelan 2002, Review of
 * Income and Wealth 48(2)): with fixed base-period prices, an output whose
 * relative price falls fast (computers then, AI services under
 * aiChain.capacityTechnologyGrowthYearly now) takes an ever larger weight,
 * and real growth is overstated — at a price falling 58 % a year the chain's
 * real value added grew ≈ 10 % of GDP a year (docs/scenarios.md 'glut43
 * pass'). Value added can be negative (a chain whose compute purchases exceed
 * its sales): where L or P is not positive, whichever is, else 1.
 * Pure.
 *
 * @example fisherGrowth([100, 10], [1, 1], [102, 10], [1, 0.5]) // ≈ 1.088: the firms' quantity +2 %, the chain's doubled (L 1.109, P 1.067)
 */
export function fisherGrowth(
  lastValueAdded: ArrayLike<number>,
  lastPrice: ArrayLike<number>,
  valueAdded: ArrayLike<number>,
  price: ArrayLike<number>,
): number {
  let lastTotal = 0;
  let total = 0;
  let atLastPrices = 0;
  let lastAtThesePrices = 0;
  for (let k = 0; k < valueAdded.length; k++) {
    lastTotal += lastValueAdded[k];
    total += valueAdded[k];
    atLastPrices += (valueAdded[k] * lastPrice[k]) / price[k];
    lastAtThesePrices += (lastValueAdded[k] * price[k]) / lastPrice[k];
  }
  const laspeyres = atLastPrices / lastTotal;
  const paasche = total / lastAtThesePrices;
  const positive = (x: number) => x > 0 && Number.isFinite(x);
  if (positive(laspeyres) && positive(paasche)) return Math.sqrt(laspeyres * paasche);
  if (positive(laspeyres)) return laspeyres;
  if (positive(paasche)) return paasche;
  return 1;
}

/** The chain-linked real GDP's state: its level and last month's value added and prices (metrics.ts keeps one). */
export interface ChainedRealGdp {
  /** Real GDP, model dollars per month at base-period prices; 0 until chaining starts. */
  level: number;
  started: boolean;
  readonly lastValueAdded: Float64Array;
  readonly lastPrice: Float64Array;
}

export function emptyChainedRealGdp(): ChainedRealGdp {
  return {
    level: 0,
    started: false,
    lastValueAdded: new Float64Array(SECTORS),
    lastPrice: new Float64Array(SECTORS).fill(1),
  };
}

/**
 * Real GDP of this month (model dollars per month): the fixed-base sum
 * (`a.gdpReal`) while non-AI firms are the only producers — one producer's
 * chained volume is its own — and, from the first month another producer
 * acts, that month's fixed-base level carried forward by the Fisher growth
 * of each month (fisherGrowth). Updates `state`.
 */
export function chainRealGdp(state: ChainedRealGdp, a: Readonly<NationalAccounts>): number {
  if (!state.started) {
    if (!a.multiSector) return a.gdpReal;
    state.started = true;
    state.level = a.gdpReal;
  } else {
    state.level *= fisherGrowth(state.lastValueAdded, state.lastPrice, a.sectorValueAdded, a.sectorPrice);
  }
  state.lastValueAdded.set(a.sectorValueAdded);
  state.lastPrice.set(a.sectorPrice);
  return state.level;
}
