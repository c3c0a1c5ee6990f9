// Goods markets. Consumption goods: each firm serves the demand that reached
// it up to its inventory, rationing all its customers in the same
// proportion (Caiani et al. 2016 ration customers in random order; a
// proportional share gives the same totals and needs no queue). The
// government then buys its real purchases from the inventories left.
// Capital goods: consumption firms' investment orders go to their capital
// supplier, which delivers up to its inventory.

import { ensureLiquidity } from "../agents/firms.ts";
import { creditParty, FlowRow, Party, recordFlow, Sector, transfer } from "../ledger.ts";
import { AgentStream, agentUniform } from "../rng.ts";
import type { ModelState } from "../state.ts";

/** Households buy: one pass settles every planned purchase at its firm's fill ratio. */
export function clearConsumptionMarket(m: ModelState): void {
  const h = m.households;
  const f = m.firms;
  const nc = f.nConsumption;
  let unmet = 0;
  for (let j = 0; j < nc; j++) {
    const d = f.demandNominal[j];
    const supply = f.inventory[j] * f.price[j];
    const fill = d > supply ? supply / d : 1;
    f.fillRatio[j] = fill;
    unmet += d * (1 - fill);
  }
  const depChange = m.scratch.bankDepositChange;
  depChange.fill(0);
  const fill = f.fillRatio;
  let spent = 0;
  for (let i = 0; i < h.n; i++) {
    const x = h.plannedSpend[i] * fill[h.supplier[i]];
    if (x === 0) continue;
    h.deposits[i] -= x;
    depChange[h.bank[i]] += x;
    spent += x;
  }
  const b = m.banks;
  for (let k = 0; k < b.n; k++) {
    b.deposits[k] -= depChange[k];
    b.reserves[k] -= depChange[k];
    m.centralBank.reserves -= depChange[k];
  }
  let realTotal = 0;
  for (let j = 0; j < nc; j++) {
    const revenue = f.demandNominal[j] * f.fillRatio[j];
    const q = revenue / f.price[j];
    f.inventory[j] = Math.max(0, f.inventory[j] - q);
    f.revenue[j] = revenue;
    f.salesNominal[j] = revenue;
    f.salesReal[j] = q;
    f.demandReal[j] = f.demandNominal[j] / f.price[j];
    realTotal += q;
    if (revenue > 0) creditParty(m, Party.firm, j, revenue);
  }
  recordFlow(m.ledger.flows, FlowRow.consumption, Sector.households, Sector.firms, spent);
  m.macro.consumptionNominal = spent;
  m.macro.consumptionReal = realTotal;
  m.macro.unmetDemand = unmet;
}

/** The government buys its real purchases from each firm in proportion to the inventory it has left. */
export function governmentPurchases(m: ModelState): void {
  const f = m.firms;
  const nc = f.nConsumption;
  let stock = 0;
  for (let j = 0; j < nc; j++) stock += f.inventory[j];
  const want = m.government.purchasesReal;
  const take = stock > 0 ? Math.min(1, want / stock) : 0;
  let nominal = 0;
  let real = 0;
  for (let j = 0; j < nc; j++) {
    const q = f.inventory[j] * take;
    f.demandReal[j] += stock > 0 ? (want * f.inventory[j]) / stock : 0;
    if (q <= 0) continue;
    const pay = q * f.price[j];
    f.inventory[j] -= q;
    f.revenue[j] += pay;
    f.salesNominal[j] += pay;
    f.salesReal[j] += q;
    transfer(m, FlowRow.governmentPurchases, Party.government, 0, Party.firm, j, pay);
    nominal += pay;
    real += q;
  }
  m.government.purchases = nominal;
  m.macro.governmentReal = real;
}

/**
 * Investment goods: orders are pooled per capital firm, served up to its
 * inventory in proportion, paid on delivery (drawing on the buyer's credit
 * line if needed) and added to the buyer's capital. Buyers sometimes
 * compare their supplier with another random capital firm.
 */
export function clearCapitalMarket(m: ModelState): void {
  const f = m.firms;
  const nc = f.nConsumption;
  const nk = f.n - nc;
  const switchProb = m.config.households.supplierSwitchProbability;
  for (let k = nc; k < f.n; k++) f.ordersReal[k] = 0;
  for (let j = 0; j < nc; j++) {
    let s = f.capitalSupplier[j];
    if (agentUniform(m.seed, AgentStream.capitalSupplier, m.tick, j) < switchProb) {
      const cand = nc + Math.floor(agentUniform(m.seed, AgentStream.supplierPick, m.tick, h32(j)) * nk);
      if (f.price[cand] < f.price[s] || f.fillRatio[s] < 1) {
        s = cand;
        f.capitalSupplier[j] = s;
      }
    }
    f.ordersReal[s] += f.investmentOrder[j];
  }
  for (let k = nc; k < f.n; k++) {
    const orders = f.ordersReal[k];
    f.fillRatio[k] = orders > f.inventory[k] ? f.inventory[k] / orders : 1;
    f.demandReal[k] = orders;
    f.revenue[k] = 0;
    f.salesReal[k] = 0;
  }
  let nominal = 0;
  let real = 0;
  for (let j = 0; j < nc; j++) {
    const s = f.capitalSupplier[j];
    const q = f.investmentOrder[j] * f.fillRatio[s];
    if (q <= 0) continue;
    const pay = q * f.price[s];
    ensureLiquidity(m, j, pay);
    transfer(m, FlowRow.investmentGoods, Party.firm, j, Party.firm, s, pay);
    f.capital[j] += q;
    f.inventory[s] = Math.max(0, f.inventory[s] - q);
    f.revenue[s] += pay;
    f.salesReal[s] += q;
    nominal += pay;
    real += q;
  }
  for (let k = nc; k < f.n; k++) f.salesNominal[k] = f.revenue[k];
  m.macro.investmentNominal = nominal;
  m.macro.investmentReal = real;
  m.macro.capitalGoodsPrice = real > 0 ? nominal / real : m.macro.capitalGoodsPrice;
}

/** A distinct agent id for a second draw of the same firm in the same tick. */
function h32(j: number): number {
  return j + 0x40000000;
}
