// Loads a run configuration: the file, the chain of files it `extends`, the
// `--set` overrides from the command line, then the schema's defaults.
// Later layers win: parent, child, …, each --set in order. Objects merge key
// by key; lists and single values replace. Every user mistake is an
// InputError naming the file (or `--set …`), the dotted path and the problem.
import { readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { InputError } from "../errors.ts";
import type { SpiralConfig } from "./configTypes.ts";
import { parseJsonObject } from "./jsonSyntax.ts";
import { fileOnlyKeys, type SchemaNode, schemaAt } from "./schema.ts";
import { suggestParameterPath } from "./suggest.ts";
import { describeValue, escapePointerSegment, isPlainObject, validateResolved } from "./validate.ts";

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

/**
 * Reads `file`, resolves its `extends` chain (paths relative to each file's
 * folder), applies `opts.sets`, validates, and returns a fresh config with
 * every default filled in and without `extends` or `$schema`.
 * @throws {InputError} for a missing, unreadable or malformed file, an
 *   `extends` cycle, a malformed or unknown --set, or any invalid value (all
 *   problems at once, one per line).
 */
export function loadConfig(file: string, opts: LoadConfigOptions = {}): SpiralConfig {
  const layers = [...readExtendsChain(file), ...parseSets(opts.sets ?? [])];
  const merged: Record<string, unknown> = {};
  const origins = new Map<string, string>();
  for (const layer of layers) mergeLayer(merged, layer.data, layer.label, origins, "");
  return validateResolved(merged, origins, file);
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
    if (statSync(absolute).isDirectory()) {
      throw new InputError(`config path is a folder, not a file: ${label}${via}`, blame);
    }
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

  return parseJsonObject(text, label, "a config file");
}

/** Parses `--set` texts into layers; reports every malformed or unknown one at once. */
function parseSets(sets: readonly string[]): Layer[] {
  const layers: Layer[] = [];
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

/** `households.count=20000` → a layer `{ households: { count: 20000 } }` labelled `--set households.count=20000`. */
function parseSet(text: string): Layer {
  const label = `--set ${text}`;
  const eq = text.indexOf("=");
  if (eq < 0) {
    throw new InputError(`${label}: expected path.to.param=value (no "=" found)`, label);
  }
  const path = text.slice(0, eq).trim();
  const raw = text.slice(eq + 1);
  if (path === "") throw new InputError(`${label}: missing the parameter path before "="`, label);
  const segments = path.split(".");
  const pointer = segments.map((s) => `/${escapePointerSegment(s)}`).join("");

  if (fileOnlyKeys.includes(path)) {
    throw new InputError(
      `${label}: ${path} belongs in a config file and cannot be set with --set`,
      label,
      pointer,
    );
  }
  const node = schemaAt(path);
  if (node === undefined) {
    throw new InputError(`${label}: ${unknownPathProblem(segments)}`, label, pointer);
  }

  let value = parseSetValue(raw, node);
  for (let i = segments.length - 1; i >= 0; i--) value = { [segments[i]]: value };
  return { label, data: value as Record<string, unknown> };
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

function unknownPathProblem(segments: string[]): string {
  const path = segments.join(".");
  for (let i = 1; i < segments.length; i++) {
    const prefix = segments.slice(0, i).join(".");
    const node = schemaAt(prefix);
    if (node?.type === "array") {
      return `${prefix} is a list and is set as a whole, e.g. --set '${prefix}=[...]' (got "${path}")`;
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
