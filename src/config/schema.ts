// The parameter record: configs/schema.json, read and compiled once when this
// module loads. Everything else in config/ asks this module what a parameter
// is (its sub-schema), which parameters exist (leaf paths) and whether a
// config object is valid (the compiled ajv validator).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ErrorObject, type Options, type ValidateFunction } from "ajv";
import { COMPILED, packagePath } from "../packagePaths.ts";

/** The subset of JSON Schema draft-07 (plus `unit` and `source`) that configs/schema.json uses. */
export interface SchemaNode {
  readonly type?: string;
  readonly title?: string;
  readonly description?: string;
  /** Custom keyword: the parameter's unit ("share per month", "USD per year", "flag"…). */
  readonly unit?: string;
  /** Custom keyword: where the default value comes from. */
  readonly source?: string;
  readonly default?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly enum?: readonly unknown[];
  readonly maxItems?: number;
  readonly minItems?: number;
  readonly items?: SchemaNode;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | SchemaNode;
}

/** Absolute path of configs/schema.json. */
export const schemaFile = packagePath("configs/schema.json");

/** The config schema, frozen: it is shared by every caller and must not change at run time. */
export const configSchema: SchemaNode = deepFreeze(JSON.parse(readFileSync(schemaFile, "utf8")));

/** Top-level keys that belong to the file, not to the model: never parameters. */
export const fileOnlyKeys: readonly string[] = Object.freeze(["$schema", "extends"]);

/**
 * The ajv instance that compiles configs/schema.json; `extra` options are
 * for the build's standalone code (precompileSchema.ts), which must
 * otherwise use these very options.
 */
export function configAjv(extra: Options = {}): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    // Fills missing keys in place from `default`; callers hand ajv a private copy.
    useDefaults: true,
    strict: true,
    // Keeps the offending value and its schema on each error, for plain-words messages.
    verbose: true,
    ...extra,
  });
  ajv.addKeyword({ keyword: "unit", schemaType: "string" });
  ajv.addKeyword({ keyword: "source", schemaType: "string" });
  return ajv;
}

/** The validator's file name next to the compiled schema.js in dist/src/config/ (written by src/build.mjs). */
export const PRECOMPILED_VALIDATOR = "configSchema.validator.cjs";

/**
 * Compiled only (dist/): the validator the build generated from
 * configs/schema.json as ajv standalone code (precompileSchema.ts), which
 * saves compiling the schema at every start (≈ 0.2–0.6 s, most of a small
 * run's start-up). The launcher rebuilds dist/ whenever the schema changes
 * (src/build.mjs), so it is never older than the schema. Undefined from
 * TypeScript, or while the build itself has not written it yet.
 */
function precompiledValidator(): ValidateFunction | undefined {
  if (!COMPILED) return undefined;
  try {
    return createRequire(import.meta.url)(`./${PRECOMPILED_VALIDATOR}`) as ValidateFunction;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND") return undefined;
    throw err;
  }
}

const compiled: ValidateFunction =
  precompiledValidator() ?? configAjv().compile(configSchema as Record<string, unknown>);

/**
 * Validates `data` against the schema, filling defaults into `data` in place
 * (so pass a copy you own). Returns ajv's errors, empty when valid.
 */
export function validateWithSchema(data: unknown): ErrorObject[] {
  return compiled(data) ? [] : [...(compiled.errors ?? [])];
}

/**
 * The sub-schema at a dotted parameter path, e.g. `households.count` or
 * `firms.consumption` (a group). Undefined if the path names nothing.
 * Walks object properties only; lists are parameters as a whole.
 */
export function schemaAt(path: string): SchemaNode | undefined {
  let node: SchemaNode | undefined = configSchema;
  for (const segment of path.split(".")) {
    const props: Readonly<Record<string, SchemaNode>> | undefined = node?.properties;
    if (!props || !Object.hasOwn(props, segment)) return undefined;
    node = props[segment];
  }
  return node;
}

/** Keys of the schema object at a dotted path ("" for the top level); empty if it is not an object. */
export function keysAt(path: string): string[] {
  const node = path === "" ? configSchema : schemaAt(path);
  return node?.properties ? Object.keys(node.properties) : [];
}

/** A parameter is a leaf: anything that is not an object with properties (lists included). */
export function isGroup(node: SchemaNode): boolean {
  return node.type === "object" && node.properties !== undefined;
}

function collectLeafPaths(node: SchemaNode, prefix: string, out: string[]): string[] {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    if (prefix === "" && fileOnlyKeys.includes(key)) continue;
    const path = prefix === "" ? key : `${prefix}.${key}`;
    if (isGroup(child)) collectLeafPaths(child, path, out);
    else out.push(path);
  }
  return out;
}

/** Dotted paths of every parameter (leaf) in schema order, e.g. `households.count`; excludes `$schema` and `extends`. */
export const leafParameterPaths: readonly string[] = Object.freeze(collectLeafPaths(configSchema, "", []));

/** Dotted paths of every parameter group (object), e.g. `firms.consumption`. */
export const groupPaths: readonly string[] = Object.freeze(
  leafParameterPaths
    .flatMap((leaf) => {
      const parts = leaf.split(".");
      return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join("."));
    })
    .filter((path, i, all) => all.indexOf(path) === i),
);

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
