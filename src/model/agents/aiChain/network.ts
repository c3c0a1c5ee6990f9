// A snapshot of the AI-chain network for the report's diagram (format
// "spiral-network/1", defined in src/report/network.ts): firms as nodes
// sized by market value, remaining contracts (seller → buyer) and equity
// stakes (holder → firm), vendor loans (lender → customer) and backstops
// (guarantor → cloud, their remaining limits) as edges sized by value, firms
// that defaulted during the run marked. Plain data; the engine writes it.
import type { ModelState } from "../../state.ts";
import { ROLE_NAMES } from "../../state.ts";

export interface ChainNetworkSnapshot {
  format: "spiral-network/1";
  tick: number;
  nodes: { id: string; label: string; kind: string; valueUsdBn: number; defaulted: boolean }[];
  edges: {
    source: string;
    target: string;
    kind: "contract" | "equity" | "vendorLoan" | "backstop";
    valueUsdBn: number;
  }[];
}

export function chainNetwork(m: ModelState): ChainNetworkSnapshot {
  const c = m.aiChain;
  const bn = (x: number) => x / m.params.scale / 1e9;
  const nodes = c.names.map((name, i) => ({
    id: name,
    label: name,
    kind: ROLE_NAMES[c.role[i]],
    valueUsdBn: bn(c.shares[i] * c.price[i]),
    defaulted: c.defaultCount[i] > 0,
  }));
  const edges: ChainNetworkSnapshot["edges"] = [];
  const contracts = new Map<string, number>();
  for (let k = 0; k < c.contractBuyer.length; k++) {
    if (c.contractMonthsLeft[k] <= 0) continue;
    const key = `${c.contractSeller[k]}>${c.contractBuyer[k]}`;
    contracts.set(key, (contracts.get(key) ?? 0) + c.contractMonthly[k] * c.contractMonthsLeft[k]);
  }
  for (const [key, value] of [...contracts.entries()].sort()) {
    const [s, b] = key.split(">").map(Number);
    edges.push({ source: c.names[s], target: c.names[b], kind: "contract", valueUsdBn: bn(value) });
  }
  for (let h = 0; h < c.n; h++) {
    for (let j = 0; j < c.n; j++) {
      const v = c.stakes[h * c.n + j] * c.price[j];
      if (v > 0) edges.push({ source: c.names[h], target: c.names[j], kind: "equity", valueUsdBn: bn(v) });
    }
  }
  for (let u = 0; u < c.n; u++) {
    for (let j = 0; j < c.n; j++) {
      const v = c.vendorLoans[u * c.n + j];
      if (v > 0)
        edges.push({ source: c.names[u], target: c.names[j], kind: "vendorLoan", valueUsdBn: bn(v) });
    }
  }
  const backstops = new Map<string, number>();
  for (let k = 0; k < c.backstopGuarantor.length; k++) {
    if (c.backstopRemaining[k] <= 0 || m.tick > c.backstopUntil[k] || c.backstopGuarantor[k] < 0) continue;
    const key = `${c.backstopGuarantor[k]}>${c.backstopBeneficiary[k]}`;
    backstops.set(key, (backstops.get(key) ?? 0) + c.backstopRemaining[k]);
  }
  for (const [key, value] of [...backstops.entries()].sort()) {
    const [g, b] = key.split(">").map(Number);
    edges.push({ source: c.names[g], target: c.names[b], kind: "backstop", valueUsdBn: bn(value) });
  }
  return { format: "spiral-network/1", tick: m.tick, nodes, edges };
}
