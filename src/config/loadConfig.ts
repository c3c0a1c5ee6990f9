// Loads a run configuration: the file, the chain of files it `extends`, the
// `--set` overrides from the command line, then the schema's defaults.
// Later layers win: parent, child, …, each --set in order. Objects merge key
// by key; lists and single values replace. Once all layers have merged,
// aiChain.firmOverrides (an object, so it merges like any other) replaces
// fields of single firms of the list the layers left (firmOverrides.ts).
// Every user mistake is an InputError naming the file (or `--set …`), the
// dotted path and the problem.
import { readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { InputError } from "../errors.ts";
import type { SpiralConfig } from "./configTypes.ts";
import {
  FIRM_OVERRIDES_PATH,
  firmFieldSchema,
  firmOverrideKeyProblem,
  firmOverridePointer,
  overridePathParts,
  parameterSchemaAt,
} from "./firmOverrides.ts";
import { checkInputSize, findTooDeep, MAX_NESTING_DEPTH } from "./inputLimits.ts";
import { parseJsonObject } from "./jsonSyntax.ts";
import { configSchema, fileOnlyKeys, isGroup, type SchemaNode, schemaAt } from "./schema.ts";
import { closestName, suggestParameterPath } from "./suggest.ts";
import {
  describeValue,
  dottedPath,
  escapePointerSegment,
  isPlainObject,
  type Origins,
  validateResolved,
} from "./validate.ts";

export { validateConfigObject } from "./validate.ts";

export interface LoadConfigOptions {
  /** Overrides `path.to.param=value`, applied in order after the files (the CLI's --set). */
  sets?: readonly string[];
}

/** One source of values: a config file or a --set, with the label errors name it by. */
interface Layer {
  readonly label: string;
  readonly data: Record<string, unknown>;
}

/** One step of a --set path: a key of an object, or an index into a list (`overrides[0]`). */
type PathStep = { readonly key: string } | { readonly index: number };

/**
 * A --set into an item of a list, e.g. `centralBank.overrides[0].rateYearly=0.02`:
 * it needs the list as the files (and earlier sets) left it, so it becomes a
 * layer only when the layers before it have been merged.
 */
interface ItemSet {
  readonly label: string;
  readonly steps: readonly PathStep[];
  readonly value: unknown;
}

/**
 * Reads `file`, resolves its `extends` chain (paths relative to each file's
 * folder), applies `opts.sets`, then aiChain.firmOverrides to the firm list,
 * validates, and returns a fresh config with every default filled in and
 * without `extends` or `$schema`.
 * @throws {InputError} for a missing, unreadable or malformed file, an
 *   `extends` cycle, a malformed or unknown --set, or any invalid value (all
 *   problems at once, one per line).
 */
export function loadConfig(file: string, opts: LoadConfigOptions = {}): SpiralConfig {
  const layers = [...readExtendsChain(file), ...parseSets(opts.sets ?? [])];
  const merged: Record<string, unknown> = {};
  const origins = new Map<string, string>();
  for (const layer of layers) {
    const data = "data" in layer ? layer.data : itemSetLayer(merged, layer);
    mergeLayer(merged, data, layer.label, origins, "");
  }
  for (const layer of layers) if (!("data" in layer)) checkOverriddenItemSet(merged, layer, origins);
  return validateResolved(merged, origins, file);
}

/**
 * Refuses a --set into one firm of aiChain.firms (`aiChain.firms[1].marketCapUsdBn=…`)
 * that aiChain.firmOverrides also sets for that firm: the overrides are applied
 * after every layer, so the --set would be silently lost. The error names the
 * override's file and the --set path that would take effect instead.
 * @throws {InputError} naming the --set, its path and the override.
 */
function checkOverriddenItemSet(merged: Record<string, unknown>, set: ItemSet, origins: Origins): void {
  const [ai, firms, index, field] = set.steps;
  if (!(ai && "key" in ai && ai.key === "aiChain" && firms && "key" in firms && firms.key === "firms"))
    return;
  if (!(index && "index" in index)) return;
  const chain = merged.aiChain;
  if (!isPlainObject(chain) || !isPlainObject(chain.firmOverrides) || !Array.isArray(chain.firms)) return;
  const firm: unknown = chain.firms[index.index];
  const name = isPlainObject(firm) && typeof firm.name === "string" ? firm.name : undefined;
  if (name === undefined || !Object.hasOwn(chain.firmOverrides, name)) return;
  const override = chain.firmOverrides[name];
  if (!isPlainObject(override)) return;
  const keys = field && "key" in field ? [field.key] : Object.keys(override);
  const clash = keys.find((key) => key !== "name" && Object.hasOwn(override, key));
  if (clash === undefined) return;
  const from =
    origins.get(firmOverridePointer(name, clash)) ??
    origins.get(firmOverridePointer(name)) ??
    "a config file";
  throw new InputError(
    `${set.label}: ${dottedSteps(set.steps)}: ${from} sets aiChain.firmOverrides.${name}.${clash}, which is applied after every --set and would replace this value; set --set aiChain.firmOverrides.${name}.${clash}=… instead`,
    set.label,
    pointerOf(set.steps),
  );
}

/** The layers of `file` and its ancestors, oldest ancestor first. */
function readExtendsChain(file: string): Layer[] {
  const layers: Layer[] = [];
  const seen: string[] = []; // real paths, child first
  const labels: string[] = [];
  let label = file;
  let extendedBy: string | undefined;
  for (;;) {
    const absolute = resolve(label);
    const data = readConfigFile(absolute, label, extendedBy);
    const real = realpathSync(absolute);
    const cycleStart = seen.indexOf(real);
    labels.push(label);
    if (cycleStart >= 0) {
      const chain = labels.slice(cycleStart).join(" → ");
      throw new InputError(`${labels[0]}: extends cycle: ${chain}`, labels[labels.length - 2], "/extends");
    }
    seen.push(real);

    const { extends: parent, $schema: _schema, ...values } = data;
    layers.unshift({ label, data: values });
    if (parent === undefined) return layers;
    if (typeof parent !== "string" || parent.trim() === "") {
      throw new InputError(
        `${label}: extends: must be the path of another config file (got ${describeValue(parent)})`,
        label,
        "/extends",
      );
    }
    extendedBy = label;
    label = isAbsolute(parent) ? parent : join(dirname(label), parent);
  }
}

/** Reads and parses one config file; `extendedBy` names the child whose `extends` led here. */
function readConfigFile(
  absolute: string,
  label: string,
  extendedBy: string | undefined,
): Record<string, unknown> {
  const via = extendedBy === undefined ? "" : ` (named by "extends" in ${extendedBy})`;
  const blame = extendedBy ?? label;
  let text: string;
  try {
    const stat = statSync(absolute);
    if (stat.isDirectory()) {
      throw new InputError(`config path is a folder, not a file: ${label}${via}`, blame);
    }
    checkInputSize(stat.size, label, "a config file"); // before reading it
    text = readFileSync(absolute, "utf8");
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      throw new InputError(
        `config file not found: ${label}${via}`,
        blame,
        extendedBy ? "/extends" : undefined,
      );
    }
    const reason = code === "EACCES" || code === "EPERM" ? "permission denied" : (err as Error).message;
    throw new InputError(`cannot read config file ${label}${via}: ${reason}`, label);
  }

  checkInputSize(Buffer.byteLength(text), label, "a config file"); // a pipe or device has no size to stat
  return parseJsonObject(text, label, "a config file");
}

/** Parses `--set` texts into layers; reports every malformed or unknown one at once. */
function parseSets(sets: readonly string[]): (Layer | ItemSet)[] {
  const layers: (Layer | ItemSet)[] = [];
  const problems: InputError[] = [];
  for (const text of sets) {
    try {
      layers.push(parseSet(text));
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      problems.push(err);
    }
  }
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) {
    throw new InputError(problems.map((p) => p.message).join("\n"), problems[0].file, problems[0].jsonPath);
  }
  return layers;
}

/**
 * `households.count=20000` → a layer `{ households: { count: 20000 } }`
 * labelled `--set households.count=20000` (so also
 * `aiChain.firmOverrides.hyperA.marketCapUsdBn=2280`, which merges into the
 * files' overrides); a path with a list index
 * (`centralBank.overrides[0].rateYearly=0.02`) → an ItemSet.
 */
function parseSet(text: string): Layer | ItemSet {
  const label = `--set ${text}`;
  const eq = text.indexOf("=");
  if (eq < 0) {
    throw new InputError(`${label}: expected path.to.param=value (no "=" found)`, label);
  }
  const path = text.slice(0, eq).trim();
  const raw = text.slice(eq + 1);
  if (path === "") throw new InputError(`${label}: missing the parameter path before "="`, label);
  const steps = parseSetPath(path, label, raw);
  const pointer = pointerOf(steps);

  if (fileOnlyKeys.includes(path)) {
    throw new InputError(
      `${label}: ${path} belongs in a config file and cannot be set with --set`,
      label,
      pointer,
    );
  }
  const node = schemaAtSteps(steps, label, path, raw);
  const value = parseSetValue(raw, node);
  if (typeof value === "object" && value !== null) {
    const deep = findTooDeep(raw, MAX_NESTING_DEPTH, steps.length, pointer);
    if (deep !== undefined) {
      throw new InputError(
        `${label}: ${dottedPath(deep.pointer)}: objects and lists nested more than ${MAX_NESTING_DEPTH} levels deep (counted from the config's top level); the limit is ${MAX_NESTING_DEPTH} levels`,
        label,
        deep.pointer,
      );
    }
  }
  if (steps.some((step) => "index" in step)) return { label, steps, value };
  let data = value;
  for (let i = steps.length - 1; i >= 0; i--) data = { [(steps[i] as { key: string }).key]: data };
  return { label, data: data as Record<string, unknown> };
}

/** A well-formed part of a --set path: a key, then any number of list indexes `[n]`. */
const PATH_PART = /^([^[\]]+)((?:\[(?:0|[1-9][0-9]*)\])*)$/;

/** `centralBank.overrides[0].rateYearly` → [{key: centralBank}, {key: overrides}, {index: 0}, {key: rateYearly}]. */
function parseSetPath(path: string, label: string, raw: string): PathStep[] {
  const steps: PathStep[] = [];
  for (const part of path.split(".")) {
    const match = PATH_PART.exec(part);
    if (match === null) {
      if (!part.includes("[") && !part.includes("]")) {
        steps.push({ key: part }); // an empty or odd key: reported as an unknown parameter
        continue;
      }
      const example = path
        .split(".")
        .map((p) => (PATH_PART.test(p) || !/[[\]]/.test(p) ? p : `${p.replace(/[0-9]*[[\]].*$/, "")}[0]`))
        .join(".");
      throw new InputError(
        `${label}: malformed list index in "${path}": an index is a whole number from 0 in brackets right after the list's name, e.g. --set ${example}=${raw}`,
        label,
      );
    }
    steps.push({ key: match[1] });
    for (const index of match[2].matchAll(/\[([0-9]+)\]/g)) steps.push({ index: Number(index[1]) });
  }
  return steps;
}

/** The JSON pointer of a path: /centralBank/overrides/0/rateYearly. */
function pointerOf(steps: readonly PathStep[]): string {
  return steps.map((s) => `/${"key" in s ? escapePointerSegment(s.key) : s.index}`).join("");
}

/** The dotted form of the first `count` steps: centralBank.overrides[0]. */
function dottedSteps(steps: readonly PathStep[], count = steps.length): string {
  let out = "";
  for (const step of steps.slice(0, count)) {
    if ("index" in step) out += `[${step.index}]`;
    else out += out === "" ? step.key : `.${step.key}`;
  }
  return out;
}

/**
 * The schema of the parameter a --set path names, walking object properties
 * by key and list items by index.
 * @throws {InputError} for an unknown key (with a suggestion), an index into
 *   something that is not a list, or a list addressed with a dotted number.
 */
function schemaAtSteps(steps: readonly PathStep[], label: string, path: string, raw: string): SchemaNode {
  const pointer = pointerOf(steps);
  if (!steps.some((s) => "index" in s)) {
    const parts = overridePathParts(path);
    if (parts !== undefined) return firmOverrideSchema(parts, path, label, pointer, raw);
    const node = schemaAt(path);
    if (node === undefined) {
      throw new InputError(`${label}: ${unknownPathProblem(path.split("."), raw)}`, label, pointer);
    }
    return node;
  }
  let node: SchemaNode = configSchema;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    const here = dottedSteps(steps, i);
    if ("index" in step) {
      if (node.type !== "array" || node.items === undefined) {
        const what = isGroup(node) ? "a group of parameters" : `a single value (${node.type ?? "any"})`;
        const keys = Object.keys(node.properties ?? {});
        const hint = isGroup(node) && keys.length > 0 ? `, e.g. --set ${here}.${keys[0]}=…` : "";
        throw new InputError(
          `${label}: ${here} is not a list but ${what}: only lists take an index [n]${hint}`,
          label,
          pointer,
        );
      }
      node = node.items;
      continue;
    }
    const props = node.properties;
    if (props === undefined || !Object.hasOwn(props, step.key)) {
      if (i > 0 && "index" in steps[i - 1]) {
        const keys = Object.keys(props ?? {});
        const guess = closestName(step.key, keys);
        const hint = guess ? ` — did you mean "${guess}"?` : ` (its keys: ${keys.join(", ")})`;
        throw new InputError(
          `${label}: ${dottedSteps(steps, i + 1)}: unknown key "${step.key}" in an item of ${dottedSteps(steps, i - 1)}${hint}`,
          label,
          pointer,
        );
      }
      const keys = steps.slice(0, i + 1).map((s) => ("key" in s ? s.key : String(s.index)));
      throw new InputError(`${label}: ${unknownPathProblem(keys, raw)}`, label, pointer);
    }
    node = props[step.key];
  }
  return node;
}

/**
 * The schema of a --set path below aiChain.firmOverrides: a firm's name (its
 * override, an object of firm fields), then one field of the firm (that
 * field's schema, so `…hyperA.analogue=Some text` takes the text). Whether
 * the firm exists is known only once the layers have merged: validation says.
 * @throws {InputError} for `name`, an unknown field (with a suggestion) or a
 *   path deeper than a field.
 */
function firmOverrideSchema(
  { firm, key, rest }: { firm: string; key: string | undefined; rest: string[] },
  path: string,
  label: string,
  pointer: string,
  raw: string,
): SchemaNode {
  if (key === undefined) return parameterSchemaAt(path) ?? {};
  const field = firmFieldSchema(key);
  if (field === undefined) {
    const at = `${FIRM_OVERRIDES_PATH}.${firm}.${key}`;
    throw new InputError(
      `${label}: ${at}: ${firmOverrideKeyProblem(key)}`,
      label,
      firmOverridePointer(firm, key),
    );
  }
  if (rest.length > 0) {
    throw new InputError(
      `${label}: ${path}: unknown parameter: ${FIRM_OVERRIDES_PATH}.${firm}.${key} is a single value (${field.type ?? "any"}); set it with --set ${FIRM_OVERRIDES_PATH}.${firm}.${key}=${raw}`,
      label,
      pointer,
    );
  }
  return field;
}

/**
 * The layer of an ItemSet: the whole list it indexes into, as the layers
 * merged so far (or the schema's default) hold it, with the one item's value
 * replaced. A list is replaced as a whole when layers merge, so the other
 * items stay as they were.
 * @throws {InputError} if the index is past the end of the list.
 */
function itemSetLayer(merged: Record<string, unknown>, set: ItemSet): Record<string, unknown> {
  const { label, steps } = set;
  const first = steps.findIndex((s) => "index" in s);
  const listPath = steps.slice(0, first).map((s) => (s as { key: string }).key);
  let current: unknown = merged;
  for (const key of listPath)
    current = isPlainObject(current) && Object.hasOwn(current, key) ? current[key] : undefined;
  current ??= schemaAt(listPath.join("."))?.default ?? [];
  let container: unknown = structuredClone(current);
  const root = container;
  for (let i = first; i < steps.length; i++) {
    const step = steps[i];
    const last = i === steps.length - 1;
    if ("index" in step) {
      if (!Array.isArray(container)) {
        throw new InputError(
          `${label}: ${dottedSteps(steps, i)} is not a list here (got ${describeValue(container)})`,
          label,
          pointerOf(steps.slice(0, i)),
        );
      }
      const list: unknown[] = container;
      if (step.index >= list.length) {
        const name = dottedSteps(steps, i);
        const items =
          list.length === 0
            ? `${name} is empty here`
            : `${name} has ${list.length} item${list.length === 1 ? "" : "s"} here (indexes 0 to ${list.length - 1})`;
        const example =
          list.length === 0
            ? ""
            : ` an existing item, e.g. --set ${dottedSteps(steps, i)}[0]${dottedSteps(steps.slice(i + 1)).replace(/^(?=[^[])/, ".")}=…, or`;
        throw new InputError(
          `${label}: ${dottedSteps(steps, i + 1)}: no such item: ${items}; set${example} the whole list in a config file or with --set '${name}=[…]'`,
          label,
          pointerOf(steps.slice(0, i + 1)),
        );
      }
      if (last) list[step.index] = structuredClone(set.value);
      else container = list[step.index];
      continue;
    }
    if (!isPlainObject(container)) {
      throw new InputError(
        `${label}: ${dottedSteps(steps, i)} is not an object here (got ${describeValue(container)})`,
        label,
        pointerOf(steps.slice(0, i)),
      );
    }
    const target = container;
    const next = last ? structuredClone(set.value) : Object.hasOwn(target, step.key) ? target[step.key] : {};
    Object.defineProperty(target, step.key, {
      value: next,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    container = next;
  }
  let data: unknown = root;
  for (let i = listPath.length - 1; i >= 0; i--) data = { [listPath[i]]: data };
  return data as Record<string, unknown>;
}

/** JSON if the text parses as JSON, else the text itself; a string parameter always takes the text. */
function parseSetValue(raw: string, node: SchemaNode): unknown {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return raw;
  }
  // `--set name=2025` means the name "2025", not the number.
  if (node.type === "string" && typeof value !== "string") return raw;
  return value;
}

function unknownPathProblem(segments: string[], raw: string): string {
  const path = segments.join(".");
  for (let i = 1; i < segments.length; i++) {
    const prefix = segments.slice(0, i).join(".");
    const node = schemaAt(prefix);
    if (node?.type === "array") {
      const rest = segments.slice(i);
      const index = /^(0|[1-9][0-9]*)$/.test(rest[0]) ? rest.shift() : "0";
      const item = `${prefix}[${index}]${rest.map((k) => `.${k}`).join("")}`;
      return `${prefix} is a list: index an item in brackets, e.g. --set ${item}=${raw}, or set the list as a whole, e.g. --set '${prefix}=[...]' (got "${path}")`;
    }
  }
  const guess = suggestParameterPath(path);
  const hint = guess ? ` — did you mean "${guess}"?` : " (the parameters are listed in configs/schema.json)";
  return `${path}: unknown parameter${hint}`;
}

/**
 * Merges `source` into `target` (objects key by key; anything else replaces),
 * copying values so `source` is never shared, and records in `origins` which
 * layer supplied each key.
 */
function mergeLayer(
  target: Record<string, unknown>,
  source: Record<string, unknown>,
  label: string,
  origins: Map<string, string>,
  pointer: string,
): void {
  for (const key of Object.keys(source)) {
    const here = `${pointer}/${escapePointerSegment(key)}`;
    const value = source[key];
    const current = Object.hasOwn(target, key) ? target[key] : undefined;
    origins.set(here, label);
    if (isPlainObject(value) && isPlainObject(current)) {
      mergeLayer(current, value, label, origins, here);
      continue;
    }
    for (const p of [...origins.keys()]) if (p.startsWith(`${here}/`)) origins.delete(p);
    const copy = isPlainObject(value) ? {} : structuredClone(value);
    // defineProperty, not assignment: a key named "__proto__" must stay a plain (unknown) key.
    Object.defineProperty(target, key, { value: copy, enumerable: true, writable: true, configurable: true });
    if (isPlainObject(value)) mergeLayer(copy as Record<string, unknown>, value, label, origins, here);
  }
}
