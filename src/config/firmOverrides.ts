// Per-firm overrides (aiChain.firmOverrides): `{"hyperA": {"marketCapUsdBn": 2280}}`
// replaces fields of single firms of aiChain.firms by name. Lists replace as
// a whole when config layers merge, so a scenario that changed one firm by
// copying the whole list would keep stale copies of the others; an object of
// overrides merges across `extends` key by key and is applied to whatever
// list the layers left. validate.ts applies the overrides to every config
// before the schema sees it (so loadConfig and validateConfigObject alike)
// and reports a bad value at the override's path, not at the firm's index.

import { escapePointerSegment, isPlainObject } from "./jsonValues.ts";
import { type SchemaNode, schemaAt } from "./schema.ts";
import { closestName } from "./suggest.ts";

/** The dotted path of the overrides. */
export const FIRM_OVERRIDES_PATH = "aiChain.firmOverrides";

/**
 * JSON pointer of a firm's override, or of one of its fields:
 * `firmOverridePointer("hyperA", "marketCapUsdBn")` → "/aiChain/firmOverrides/hyperA/marketCapUsdBn".
 */
export function firmOverridePointer(firm: string, key?: string): string {
  const at = `/aiChain/firmOverrides/${escapePointerSegment(firm)}`;
  return key === undefined ? at : `${at}/${escapePointerSegment(key)}`;
}

/**
 * A dotted path below aiChain.firmOverrides split into the firm, its field
 * (if any) and whatever follows; undefined for a path not below the overrides.
 * @example overridePathParts("aiChain.firmOverrides.hyperA.cashUsdBn") // { firm: "hyperA", key: "cashUsdBn", rest: [] }
 */
export function overridePathParts(
  path: string,
): { firm: string; key: string | undefined; rest: string[] } | undefined {
  if (!path.startsWith(`${FIRM_OVERRIDES_PATH}.`)) return undefined;
  const [firm, key, ...rest] = path.slice(FIRM_OVERRIDES_PATH.length + 1).split(".");
  return { firm, key, rest };
}

/** A problem found before the schema runs: where (JSON pointer) and what, in words. */
export interface OverrideProblem {
  readonly pointer: string;
  readonly problem: string;
}

export interface AppliedOverrides {
  /** Unknown firm names, unknown keys and `name`, one per override entry at fault. */
  readonly problems: OverrideProblem[];
  /**
   * Pointer of each firm field an override replaced ("/aiChain/firms/1/marketCapUsdBn")
   * → the override's pointer ("/aiChain/firmOverrides/hyperA/marketCapUsdBn"), so that
   * a bad value is reported where it was written.
   */
  readonly applied: ReadonlyMap<string, string>;
}

/** The schema of one firm of aiChain.firms (the list's item). */
function firmItemSchema(): SchemaNode {
  const item = schemaAt("aiChain.firms")?.items;
  if (item === undefined) throw new Error("configs/schema.json has no aiChain.firms item schema");
  return item;
}

/** The keys an override may set: every key of a firm but `name`, in schema order. */
export function overridableFirmKeys(): string[] {
  return Object.keys(firmItemSchema().properties ?? {}).filter((key) => key !== "name");
}

/**
 * What is wrong with `key` as a key of a firm override, or undefined if it
 * is one: `name` (the override is keyed by it) or an unknown key (with a
 * did-you-mean, else the allowed keys).
 */
export function firmOverrideKeyProblem(key: string): string | undefined {
  if (key === "name") {
    return `a firm's name cannot be overridden: the override is keyed by it (to rename a firm, set its name in aiChain.firms)`;
  }
  const keys = overridableFirmKeys();
  if (keys.includes(key)) return undefined;
  const guess = closestName(key, keys);
  const hint = guess ? ` — did you mean ${JSON.stringify(guess)}?` : ` (allowed keys: ${keys.join(", ")})`;
  return `unknown key ${JSON.stringify(key)} in a firm override${hint}`;
}

/** The schema of firm field `key` (one firmOverrideKeyProblem accepts). */
export function firmFieldSchema(key: string): SchemaNode | undefined {
  const props = firmItemSchema().properties ?? {};
  return key !== "name" && Object.hasOwn(props, key) ? props[key] : undefined;
}

/**
 * Applies `data.aiChain.firmOverrides` to `data.aiChain.firms` in place (the
 * caller owns `data`): to the list as the layers left it, or to a copy of the
 * schema's default list if none set it. Applying again to the result changes
 * nothing, so a config already resolved (which keeps its overrides) may be
 * validated again. Anything not of the right shape (overrides that are not an
 * object, a firm list that is not a list) is left for the schema to report.
 */
export function applyFirmOverrides(data: unknown): AppliedOverrides {
  const problems: OverrideProblem[] = [];
  const applied = new Map<string, string>();
  const ai = isPlainObject(data) && Object.hasOwn(data, "aiChain") ? data.aiChain : undefined;
  if (!isPlainObject(ai) || !Object.hasOwn(ai, "firmOverrides")) return { problems, applied };
  const overrides = ai.firmOverrides;
  if (!isPlainObject(overrides) || Object.keys(overrides).length === 0) return { problems, applied };
  const given = Object.hasOwn(ai, "firms");
  const firms: unknown = given ? ai.firms : structuredClone(schemaAt("aiChain.firms")?.default ?? []);
  if (!Array.isArray(firms)) return { problems, applied };
  const names = firms.map((f) => (isPlainObject(f) && typeof f.name === "string" ? f.name : undefined));
  const known = names.filter((n): n is string => n !== undefined);

  for (const [firm, fields] of Object.entries(overrides)) {
    const at = firmOverridePointer(firm);
    if (!isPlainObject(fields)) continue; // the schema: must be an object
    const indexes = names.flatMap((n, i) => (n === firm ? [i] : []));
    if (indexes.length === 0) {
      const guess = closestName(firm, known);
      const hint = guess ? ` — did you mean ${JSON.stringify(guess)}?` : "";
      const list = known.length === 0 ? "the list has no named firms" : `aiChain.firms: ${known.join(", ")}`;
      problems.push({
        pointer: at,
        problem: `no AI-chain firm is named ${JSON.stringify(firm)}${hint} (${list})`,
      });
      continue;
    }
    for (const [key, value] of Object.entries(fields)) {
      const keyAt = firmOverridePointer(firm, key);
      const problem = firmOverrideKeyProblem(key);
      if (problem !== undefined) {
        problems.push({ pointer: keyAt, problem });
        continue;
      }
      for (const i of indexes) {
        const item = firms[i] as Record<string, unknown>;
        item[key] = structuredClone(value); // a known key: never "__proto__"
        applied.set(`/aiChain/firms/${i}/${escapePointerSegment(key)}`, keyAt);
      }
    }
  }
  if (!given && applied.size > 0) ai.firms = firms;
  return { problems, applied };
}

/**
 * The schema of a parameter path that sweeps and `spiral calibrate` may vary:
 * schemaAt's leaf or group, or below aiChain.firmOverrides a firm's override
 * (`aiChain.firmOverrides.hyperA`, the override's object schema: a group) or
 * one of its fields (`aiChain.firmOverrides.hyperA.marketCapUsdBn`, that
 * firm field's schema). Whether the firm exists is the caller's to check
 * against its base config (firmOverrideFirmProblem). Undefined if the path
 * names nothing.
 *
 * @example parameterSchemaAt("aiChain.firmOverrides.hyperA.marketCapUsdBn")?.type // "number"
 */
export function parameterSchemaAt(path: string): SchemaNode | undefined {
  const parts = overridePathParts(path);
  if (parts === undefined) return schemaAt(path);
  const { firm, key, rest } = parts;
  if (firm === "" || rest.length > 0) return undefined;
  if (key === undefined) {
    const override = schemaAt(FIRM_OVERRIDES_PATH)?.additionalProperties;
    return typeof override === "object" ? override : undefined;
  }
  return firmFieldSchema(key);
}

/**
 * Why a parameter path below aiChain.firmOverrides names no firm of `firms`
 * (the base config's list), or undefined when it does or the path is not
 * below the overrides. The sweep and calibration specs check their
 * parameters with it, so a misspelt firm fails when the spec is read, not
 * at its first run.
 */
export function firmOverrideFirmProblem(
  path: string,
  firms: readonly { readonly name: string }[],
): string | undefined {
  const firm = overridePathParts(path)?.firm;
  if (firm === undefined) return undefined;
  const names = firms.map((f) => f.name);
  if (names.includes(firm)) return undefined;
  const guess = closestName(firm, names);
  const hint = guess ? ` — did you mean ${JSON.stringify(guess)}?` : "";
  return `no AI-chain firm is named ${JSON.stringify(firm)}${hint} (the base config's aiChain.firms: ${names.join(", ")})`;
}
