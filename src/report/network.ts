// network.json: the AI-chain network a run may write beside its series —
// firms as nodes, contracts and equity stakes as edges — and its layout for
// the report's diagram. The model does not write it yet (the AI chain is a
// later issue); this file defines the format so the model can, and the
// report draws it whenever it is there.
//
// Format (one snapshot, usually the last month of the run):
//   {
//     "format": "spiral-network/1",
//     "tick": 600, "date": "2074-12",                      (optional: when the snapshot was taken)
//     "nodes": [ { "id": "chipmaker", "label": "Chip maker", "kind": "chipMaker",
//                  "valueUsdBn": 3200, "defaulted": false } ],
//     "edges": [ { "source": "chipmaker", "target": "hyperscaler1", "kind": "contract",
//                  "valueUsdBn": 120 } ]
//   }
// Nodes: `id` unique; `label` (default the id); `kind` groups and colours
// nodes (any string, e.g. chipMaker, hyperscaler, neocloud, lab);
// `valueUsdBn` ≥ 0 sizes the node (market value, optional); `defaulted`
// marks a firm that has defaulted. Edges: `source` and `target` are node
// ids; `kind` is "contract" (source sells to target; value = the contract's
// remaining value) or "equity" (source holds shares of target; value = the
// stake's market value), other kinds are drawn like contracts; `valueUsdBn`
// ≥ 0 sizes the edge. Money in USD bn at real-US scale, like the series.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../errors.ts";

export const NETWORK_FILE = "network.json";
export const NETWORK_FORMAT = "spiral-network/1";

export interface NetworkNode {
  id: string;
  label?: string;
  kind?: string;
  valueUsdBn?: number;
  defaulted?: boolean;
}

export interface NetworkEdge {
  source: string;
  target: string;
  kind: string;
  valueUsdBn: number;
}

export interface Network {
  format: typeof NETWORK_FORMAT;
  tick?: number;
  date?: string;
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

/**
 * The run's network.json, or null if the run has none.
 * @throws InputError naming the file and the field if it is not valid JSON or not in the format above.
 */
export function readNetwork(dir: string): Network | null {
  const path = join(dir, NETWORK_FILE);
  if (!existsSync(path)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new InputError(`${path}: not valid JSON (${(err as Error).message})`, path);
  }
  return parseNetwork(parsed, path);
}

/**
 * Checks that `value` is a network in the format above and returns it.
 * @throws InputError naming `source` and the JSON path of the first problem.
 */
export function parseNetwork(value: unknown, source: string): Network {
  const fail = (jsonPath: string, problem: string): never => {
    throw new InputError(`${source}: ${jsonPath}: ${problem}`, source, jsonPath);
  };
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  const money = (v: unknown, path: string): void => {
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) fail(path, "must be a number ≥ 0 (USD bn)");
  };
  if (!isObject(value)) return fail("/", "must be an object");
  if (value.format !== NETWORK_FORMAT) fail("/format", `must be "${NETWORK_FORMAT}"`);
  if (value.tick !== undefined && !Number.isInteger(value.tick)) fail("/tick", "must be an integer");
  if (value.date !== undefined && typeof value.date !== "string") fail("/date", "must be a string");
  if (!Array.isArray(value.nodes)) return fail("/nodes", "must be an array");
  if (!Array.isArray(value.edges)) return fail("/edges", "must be an array");
  const ids = new Set<string>();
  for (const [i, node] of (value.nodes as unknown[]).entries()) {
    const at = `/nodes/${i}`;
    if (!isObject(node)) return fail(at, "must be an object");
    if (typeof node.id !== "string" || node.id === "") fail(`${at}/id`, "must be a non-empty string");
    if (ids.has(node.id as string)) fail(`${at}/id`, `duplicate id "${node.id}"`);
    ids.add(node.id as string);
    if (node.label !== undefined && typeof node.label !== "string") fail(`${at}/label`, "must be a string");
    if (node.kind !== undefined && typeof node.kind !== "string") fail(`${at}/kind`, "must be a string");
    if (node.valueUsdBn !== undefined) money(node.valueUsdBn, `${at}/valueUsdBn`);
    if (node.defaulted !== undefined && typeof node.defaulted !== "boolean") {
      fail(`${at}/defaulted`, "must be true or false");
    }
  }
  for (const [i, edge] of (value.edges as unknown[]).entries()) {
    const at = `/edges/${i}`;
    if (!isObject(edge)) return fail(at, "must be an object");
    for (const end of ["source", "target"] as const) {
      if (typeof edge[end] !== "string" || !ids.has(edge[end] as string)) {
        fail(`${at}/${end}`, `must be the id of a node (got ${JSON.stringify(edge[end])})`);
      }
    }
    if (typeof edge.kind !== "string" || edge.kind === "") fail(`${at}/kind`, "must be a non-empty string");
    money(edge.valueUsdBn, `${at}/valueUsdBn`);
  }
  return value as unknown as Network;
}

/** A node placed on the diagram, in pixels. */
export interface PlacedNode {
  id: string;
  label: string;
  kind: string;
  valueUsdBn: number | null;
  defaulted: boolean;
  x: number;
  y: number;
  /** Symbol area in square pixels. */
  size: number;
  /** The label's anchor point and alignment: outside the circle, away from the centre. */
  labelX: number;
  labelY: number;
  align: "left" | "right" | "center";
}

/** An edge placed on the diagram, in pixels; an arrowhead sits at (ax, ay) pointing `angle` degrees. */
export interface PlacedEdge {
  source: string;
  target: string;
  kind: string;
  valueUsdBn: number;
  x: number;
  y: number;
  x2: number;
  y2: number;
  strokeWidth: number;
  ax: number;
  ay: number;
  angle: number;
}

export interface NetworkLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  /** Largest edge value, for the legend ("thickest line = …"). */
  maxEdgeUsdBn: number;
}

const MIN_NODE_AREA = 80;
const MAX_NODE_AREA = 900;
const MIN_EDGE_PX = 1;
const MAX_EDGE_PX = 10;
/** Sideways offset between an equity edge and a contract edge joining the same two firms. */
const PARALLEL_OFFSET_PX = 5;

/**
 * Places the nodes on a circle, grouped by kind (then by id, so the layout
 * is the same every time), node area ∝ value, edge width ∝ √value.
 */
export function layoutNetwork(network: Network, width: number, height: number): NetworkLayout {
  const nodes = [...network.nodes].sort((a, b) => compare(a.kind ?? "", b.kind ?? "") || compare(a.id, b.id));
  const cx = width / 2;
  const cy = height / 2;
  const radius = Math.max(10, Math.min(width * 0.32, height * 0.38));
  const maxNode = Math.max(0, ...nodes.map((n) => n.valueUsdBn ?? 0));
  const placed = new Map<string, PlacedNode>();
  nodes.forEach((node, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, nodes.length);
    const x = cx + radius * Math.cos(angle);
    const y = cy + radius * Math.sin(angle);
    const value = node.valueUsdBn ?? null;
    const size =
      value === null || maxNode === 0
        ? MIN_NODE_AREA
        : MIN_NODE_AREA + (MAX_NODE_AREA - MIN_NODE_AREA) * (value / maxNode);
    const dx = Math.cos(angle);
    const dy = Math.sin(angle);
    const align = Math.abs(dx) < 0.2 ? "center" : dx > 0 ? "left" : "right";
    const labelGap = Math.sqrt(size) / 2 + 8;
    placed.set(node.id, {
      id: node.id,
      label: node.label ?? node.id,
      kind: node.kind ?? "firm",
      valueUsdBn: value,
      defaulted: node.defaulted ?? false,
      x,
      y,
      size,
      labelX: x + dx * labelGap,
      labelY: y + dy * labelGap,
      align,
    });
  });
  const maxEdge = Math.max(0, ...network.edges.map((e) => e.valueUsdBn));
  const edges: PlacedEdge[] = network.edges.map((edge) => {
    const a = placed.get(edge.source)!;
    const b = placed.get(edge.target)!;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const length = Math.hypot(dx, dy) || 1;
    // Equity to one side, contracts to the other, so two firms that both trade and hold each other show both.
    const side = edge.kind === "equity" ? 1 : -1;
    const ox = (-dy / length) * PARALLEL_OFFSET_PX * side;
    const oy = (dx / length) * PARALLEL_OFFSET_PX * side;
    const x = a.x + ox;
    const y = a.y + oy;
    const x2 = b.x + ox;
    const y2 = b.y + oy;
    const strokeWidth =
      maxEdge === 0
        ? MIN_EDGE_PX
        : MIN_EDGE_PX + (MAX_EDGE_PX - MIN_EDGE_PX) * Math.sqrt(edge.valueUsdBn / maxEdge);
    // Arrowhead two thirds of the way, pointing from source to target (0° = up, clockwise).
    return {
      source: a.label,
      target: b.label,
      kind: edge.kind,
      valueUsdBn: edge.valueUsdBn,
      x,
      y,
      x2,
      y2,
      strokeWidth,
      ax: x + (x2 - x) * 0.66,
      ay: y + (y2 - y) * 0.66,
      angle: (Math.atan2(dx, -dy) * 180) / Math.PI,
    };
  });
  return { width, height, nodes: [...placed.values()], edges, maxEdgeUsdBn: maxEdge };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
