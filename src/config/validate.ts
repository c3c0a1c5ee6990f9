// Checks a config object against the schema, fills in the defaults, and turns
// ajv's errors into one line per problem in plain words:
//   configs/x.json: households.count: must be ≥ 10 (got 3); allowed range 10 to 500000000 households
// Each line names where the bad value came from — the file (or `--set …`)
// that last set it — so that a value inherited through `extends` is blamed on
// the file that holds it, not on the child.
import type { ErrorObject } from "ajv";
import { InputError } from "../errors.ts";
import { checkCalendar } from "./calendar.ts";
import type { SpiralConfig } from "./configTypes.ts";
import { applyFirmOverrides } from "./firmOverrides.ts";
import { escapePointerSegment, isPlainObject } from "./jsonValues.ts";
import { type SchemaNode, validateWithSchema } from "./schema.ts";
import { closestName } from "./suggest.ts";

export { escapePointerSegment, isPlainObject };

/** JSON pointer ("/households/count") → label of the file or `--set` that supplied the value there. */
export type Origins = ReadonlyMap<string, string>;

/**
 * Validates a config object that is already whole (no `extends` to resolve),
 * e.g. one built by the sweep engine. Applies its aiChain.firmOverrides to
 * its firm list (harmless on a config that was resolved before: the overrides
 * are kept and give the same values again). Returns a fresh copy with every
 * default filled in and `$schema` removed; `obj` itself is not changed.
 * @param sourceLabel what to name in error messages, e.g. the sweep file and run.
 * @throws {InputError} listing every problem, one per line.
 */
export function validateConfigObject(obj: unknown, sourceLabel: string): SpiralConfig {
  return validateResolved(structuredClone(obj), new Map(), sourceLabel);
}

/**
 * Applies the firm overrides to `data` and validates it (the caller owns
 * `data`: overrides and defaults are written into it), returning it as a
 * SpiralConfig. Errors are attributed by `origins`, falling back to
 * `fallbackLabel`; a bad value an override put into the firm list is reported
 * at the override (aiChain.firmOverrides.<firm>.<key>), with the layer that
 * set it there.
 */
export function validateResolved(data: unknown, origins: Origins, fallbackLabel: string): SpiralConfig {
  if (isPlainObject(data)) {
    delete data.$schema;
    if (Object.hasOwn(data, "extends")) {
      throw new InputError(
        `${fallbackLabel}: extends: only a config file may extend another; load it with loadConfig`,
        fallbackLabel,
        "/extends",
      );
    }
  }
  const overrides = applyFirmOverrides(data);
  const errors = validateWithSchema(data);
  if (errors.length === 0 && overrides.problems.length === 0) {
    // Past the schema: months outside the run, unknown chain firm names (calendar.ts).
    const config = data as SpiralConfig;
    const problems = checkCalendar(config);
    if (problems.length === 0) return config;
    const lines = problems.map(
      ({ pointer, problem }) =>
        `${originOf(pointer, origins) ?? fallbackLabel}: ${dottedPath(pointer)}: ${problem}`,
    );
    const pointer = problems[0].pointer;
    throw new InputError(lines.join("\n"), originOf(pointer, origins) ?? fallbackLabel, pointer);
  }

  const lines: string[] = [];
  let first: { label: string; pointer: string } | undefined;
  const report = (pointer: string, problem: string): void => {
    const label = originOf(pointer, origins) ?? fallbackLabel;
    const line = `${label}: ${dottedPath(pointer)}: ${problem}`;
    if (lines.includes(line)) return;
    lines.push(line);
    first ??= { label, pointer };
  };
  // Unknown firms and keys of the overrides: said once, in the overrides' own words.
  const overridden = new Set(overrides.problems.map((p) => p.pointer));
  for (const { pointer, problem } of overrides.problems) report(pointer, problem);
  // A value of the wrong type also fails its enum or range; the type is the one thing to say.
  const wrongType = new Set(errors.filter((e) => e.keyword === "type").map((e) => e.instancePath));
  for (const err of errors) {
    if (err.keyword !== "type" && wrongType.has(err.instancePath)) continue;
    const described = describeError(err);
    // A firm's value that came from an override is the override's: the schema checks the
    // override too, so the two lines become one.
    const pointer = overrides.applied.get(described.pointer) ?? described.pointer;
    if (overridden.has(pointer)) continue;
    report(pointer, described.problem);
  }
  throw new InputError(lines.join("\n"), first?.label, first?.pointer);
}

/** The label of the deepest recorded origin at or above `pointer`. */
function originOf(pointer: string, origins: Origins): string | undefined {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf("/"))) {
    const label = origins.get(p);
    if (label !== undefined) return label;
    if (p === "") return undefined;
  }
}

/** "/households/count" → "households.count"; "/centralBank/path/0/rateYearly" → "centralBank.path[0].rateYearly". */
export function dottedPath(pointer: string): string {
  if (pointer === "") return "(top level)";
  let out = "";
  for (const segment of pointerSegments(pointer)) {
    if (/^(0|[1-9][0-9]*)$/.test(segment)) out += `[${segment}]`;
    else out += out === "" ? segment : `.${segment}`;
  }
  return out;
}

/** Segments of a JSON pointer, unescaped. */
export function pointerSegments(pointer: string): string[] {
  return pointer
    .split("/")
    .slice(1)
    .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
}

const typeWords: Record<string, string> = {
  number: "a number",
  integer: "an integer",
  string: "a string",
  boolean: "a boolean (true or false)",
  object: "an object",
  array: "a list (JSON array)",
  null: "null",
};

/** `string "abc"`, `number 2.5`, `boolean true`, `null`, `a list of 3 items`, `an object`. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? "" : "s"}`;
  if (typeof value === "string") return `string ${quote(value)}`;
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

/** Where an ajv error points (JSON pointer of the offending key or value) and what is wrong, in words. */
function describeError(err: ErrorObject): { pointer: string; problem: string } {
  const schema = (err.parentSchema ?? {}) as SchemaNode;
  const pointer = err.instancePath;
  const params = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const allowed = Object.keys(schema.properties ?? {});
      const guess = closestName(key, allowed);
      const hint = guess ? ` — did you mean ${quote(guess)}?` : ` (allowed keys: ${allowed.join(", ")})`;
      return {
        pointer: `${pointer}/${escapePointerSegment(key)}`,
        problem: `unknown key ${quote(key)}${hint}`,
      };
    }
    case "required": {
      const key = String(params.missingProperty);
      return { pointer: `${pointer}/${escapePointerSegment(key)}`, problem: "missing (required)" };
    }
    case "type": {
      const expected = String(params.type)
        .split(",")
        .map((t) => typeWords[t] ?? t)
        .join(" or ");
      return {
        pointer,
        problem: `must be ${expected} (got ${describeValue(err.data)})${quoteHint(err.data, String(params.type))}`,
      };
    }
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum": {
      const sign = { minimum: "≥", maximum: "≤", exclusiveMinimum: ">", exclusiveMaximum: "<" }[err.keyword];
      return {
        pointer,
        problem: `must be ${sign} ${params.limit} (got ${String(err.data)})${rangeHint(schema)}`,
      };
    }
    case "enum": {
      const allowed = (schema.enum ?? []).map((v) => JSON.stringify(v));
      const names = (schema.enum ?? []).filter((v): v is string => typeof v === "string");
      const guess = typeof err.data === "string" ? closestName(err.data, names) : undefined;
      const hint = guess ? ` — did you mean ${quote(guess)}?` : "";
      return {
        pointer,
        problem: `must be one of ${allowed.join(", ")} (got ${describeValue(err.data)})${hint}`,
      };
    }
    case "pattern": {
      const got = describeValue(err.data);
      if (schema.unit && schema.unit !== "text") {
        return {
          pointer,
          problem: `must have the form ${schema.unit} (pattern /${params.pattern}/; got ${got})`,
        };
      }
      return { pointer, problem: `must match the pattern /${params.pattern}/ (got ${got})` };
    }
    case "minLength":
      return {
        pointer,
        problem: `must be at least ${params.limit} character(s) long (got ${describeValue(err.data)})`,
      };
    case "maxLength":
      return {
        pointer,
        problem: `must be at most ${params.limit} characters long (got ${String(err.data).length} characters)`,
      };
    case "minItems":
    case "maxItems": {
      const bound = err.keyword === "minItems" ? "at least" : "at most";
      return {
        pointer,
        problem: `must have ${bound} ${params.limit} items (got ${describeValue(err.data)})`,
      };
    }
    default:
      return { pointer, problem: err.message ?? `fails the schema's "${err.keyword}" rule` };
  }
}

/** "; allowed range 10 to 500000000 households" from the schema, for out-of-range values. */
function rangeHint(schema: SchemaNode): string {
  const low = schema.minimum ?? schema.exclusiveMinimum;
  const high = schema.maximum ?? schema.exclusiveMaximum;
  if (low === undefined && high === undefined) return "";
  const unit = schema.unit ? ` ${schema.unit}` : "";
  return `; allowed range ${low ?? "−∞"} to ${high ?? "∞"}${unit}`;
}

/** A hint when a number or boolean was written as a string ("10" instead of 10). */
function quoteHint(value: unknown, expected: string): string {
  if (typeof value !== "string") return "";
  const numeric =
    (expected === "number" || expected === "integer") &&
    value.trim() !== "" &&
    Number.isFinite(Number(value));
  const boolean = expected === "boolean" && (value === "true" || value === "false");
  return numeric || boolean ? "; write it without quotes" : "";
}
