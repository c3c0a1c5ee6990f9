// A generic walk over a run's state objects, for checkpoints: every typed
// array, every plain number, string, boolean and null, and every NamedStreams
// (its generators' states), found by following own properties from a few
// roots. New columns and fields that other parts of the model add are
// included without extra code; a field that cannot be saved (a function, a
// Map) makes the walk fail loudly instead of silently leaving it out. ES
// private fields (#x) are invisible to it: keep run state in ordinary fields.
import { NamedStreams } from "../model/rng.ts";

type TypedArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray;

/** One item of state, by its path from the roots (e.g. "model.households.deposits"). */
export type StateItem =
  | { path: string; kind: "array"; value: TypedArray }
  | { path: string; kind: "number"; value: number; set: (v: number) => void }
  | { path: string; kind: "json"; value: string | boolean | null; set: (v: unknown) => void }
  | { path: string; kind: "streams"; value: NamedStreams };

/**
 * Keys never walked: the config (saved whole and compared by hash) and the
 * pass runner (thread machinery and per-tick scratch, rebuilt on resume).
 */
const SKIPPED_KEYS = new Set(["config", "runner"]);

/**
 * Every item of state under `roots`, in a deterministic order (roots in the
 * given order, own keys in insertion order). Frozen objects (constants such
 * as column lists) are skipped: they cannot change during a run.
 * @throws Error naming the path of a value that is neither data nor a known kind.
 */
export function walkState(roots: Record<string, object>): StateItem[] {
  const items: StateItem[] = [];
  const seen = new Set<object>();
  for (const [name, root] of Object.entries(roots)) visit(root, name, items, seen);
  return items;
}

function visit(obj: object, path: string, items: StateItem[], seen: Set<object>): void {
  if (seen.has(obj)) return;
  seen.add(obj);
  for (const key of Object.keys(obj)) {
    if (SKIPPED_KEYS.has(key)) continue;
    const target = obj as Record<string, unknown>;
    const value = target[key];
    const p = `${path}.${key}`;
    if (ArrayBuffer.isView(value)) {
      if (value instanceof DataView || value instanceof BigInt64Array || value instanceof BigUint64Array)
        throw new Error(`checkpoint: cannot save ${p} (${value.constructor.name})`);
      items.push({ path: p, kind: "array", value: value as TypedArray });
    } else if (typeof value === "number") {
      items.push({ path: p, kind: "number", value, set: (v) => (target[key] = v) });
    } else if (typeof value === "string" || typeof value === "boolean" || value === null) {
      items.push({ path: p, kind: "json", value, set: (v) => (target[key] = v) });
    } else if (value === undefined || typeof value === "function") {
    } else if (value instanceof NamedStreams) {
      items.push({ path: p, kind: "streams", value });
    } else if (value instanceof Map || value instanceof Set || value instanceof ArrayBuffer) {
      throw new Error(
        `checkpoint: cannot save ${p} (${value.constructor.name}); use typed arrays or plain fields`,
      );
    } else if (typeof value === "object") {
      if (Object.isFrozen(value)) continue;
      visit(value, p, items, seen);
    } else {
      throw new Error(`checkpoint: cannot save ${p} (${typeof value})`);
    }
  }
}

/** Short description of an item's shape, compared between a checkpoint and the state it restores into. */
export function itemShape(item: StateItem): string {
  if (item.kind === "array") return `${item.value.constructor.name}[${item.value.length}]`;
  return item.kind;
}
