// Round-trip attribution (issue 3 item 8): where each dollar of AI-chain
// revenue ultimately came from. Every chain firm's cash is a pool tagged by
// source — end users, equity injected by other chain firms, debt, or other
// (initial cash, non-AI business). A dollar leaving a firm carries the
// pool's current mix (proportional pooling, as in input–output tracing), so
// when a lab pays a cloud with money a chip maker invested, that revenue is
// "circular"; when it pays with borrowed money, "debt-funded".
import { type Books, creditParty, debitParty, Party, recordFlow, Sector } from "../../ledger.ts";
import type { AiChain } from "../../state.ts";
import { SOURCE_COUNT } from "../../state.ts";

/** Add `amount` of money from `source` to firm i's cash pool. */
export function tagInflow(c: AiChain, i: number, source: number, amount: number): void {
  c.cashBySource[i * SOURCE_COUNT + source] += amount;
}

/** Remove `amount` from firm i's pool in proportion to its mix; writes the removed amounts by source to `out`. */
export function tagOutflow(c: AiChain, i: number, amount: number, out: Float64Array): void {
  let total = 0;
  for (let s = 0; s < SOURCE_COUNT; s++) total += Math.max(0, c.cashBySource[i * SOURCE_COUNT + s]);
  for (let s = 0; s < SOURCE_COUNT; s++) {
    const share = total > 0 ? Math.max(0, c.cashBySource[i * SOURCE_COUNT + s]) / total : s === 3 ? 1 : 0;
    const x = amount * share;
    out[s] = x;
    c.cashBySource[i * SOURCE_COUNT + s] -= x;
  }
}

/**
 * A payment between two chain firms (contract instalment, GPU delivery,
 * backstop purchase): cash and its source mix move together, and the payee
 * books it as chain revenue by source.
 */
export function payWithinChain(m: Books, row: number, from: number, to: number, amount: number): void {
  if (amount <= 0) return;
  const c = m.aiChain;
  debitParty(m, Party.aiFirm, from, amount);
  creditParty(m, Party.aiFirm, to, amount);
  recordFlow(m.ledger.flows, row, Sector.aiChain, Sector.aiChain, amount);
  movePool(c, from, amount, to);
  c.revenue[to] += amount;
  c.chainRevenue[to] += amount;
}

/** A chain firm pays someone outside the chain: its pool shrinks in proportion. */
export function payOutOfChain(c: AiChain, i: number, amount: number): void {
  movePool(c, i, amount, -1);
}

/**
 * tagOutflow without a buffer (no module-level scratch): removes `amount`
 * from firm i's pool in proportion to its mix and, with `to` ≥ 0, adds each
 * source's part to firm to's pool and to its revenue by source. Each
 * source's slot is read before it is written, in source order, so the
 * amounts are tagOutflow's, bit for bit.
 */
function movePool(c: AiChain, i: number, amount: number, to: number): void {
  let total = 0;
  for (let s = 0; s < SOURCE_COUNT; s++) total += Math.max(0, c.cashBySource[i * SOURCE_COUNT + s]);
  for (let s = 0; s < SOURCE_COUNT; s++) {
    const share = total > 0 ? Math.max(0, c.cashBySource[i * SOURCE_COUNT + s]) / total : s === 3 ? 1 : 0;
    const x = amount * share;
    c.cashBySource[i * SOURCE_COUNT + s] -= x;
    if (to < 0) continue;
    c.cashBySource[to * SOURCE_COUNT + s] += x;
    c.revenueBySource[to * SOURCE_COUNT + s] += x;
  }
}
