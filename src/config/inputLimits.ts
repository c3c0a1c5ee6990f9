// Limits on absurd input: what a config file, a sweep file or a --set value
// may be before Spiral reads it further. Each is far above anything a real
// config or sweep needs and far below what would exhaust the stack or the
// memory, so that a file written by a buggy script or a fuzzer exits 2 with a
// message naming the file, the place and the limit — never "Maximum call
// stack size exceeded" or an out-of-memory crash, and never after a folder
// was created. The lists inside a config or sweep file are limited by the
// schemas themselves (`maxItems` in configs/schema.json and
// configs/sweep.schema.json: rate paths 10 000 months, central-bank overrides
// and chain contracts and stakes 1 000, backstops 100, chain firms 64, a sweep
// parameter's values 10 000, metrics 200).
import { InputError } from "../errors.ts";

/**
 * Largest config or sweep file Spiral reads, in bytes (4 MiB). The largest
 * real input is a config with a monthly rate path of 10 000 entries, about
 * 0.4 MB; anything beyond this limit is not a config a person wrote.
 */
export const MAX_INPUT_FILE_BYTES = 4 * 1024 * 1024;

/**
 * Deepest nesting of objects and lists in a config or sweep file, or in a
 * --set value counted from the config's top level. Real configs nest 4
 * levels (aiChain.computeContracts[0].months), sweep files 5; the code that
 * merges `extends` and validates the schema recurses once per level, so the
 * depth is checked first, on the text, without recursion.
 */
export const MAX_NESTING_DEPTH = 64;

/**
 * Most runs a sweep (design points × replications) may have without
 * `--force`: a typo in `replications` or `levels` should not start a week of
 * computing or fill a disk. 10 000 runs of the default 20 000 households for
 * 30 years take about a day on 16 cores.
 */
export const MAX_SWEEP_RUNS = 10_000;

/**
 * Throws if a file of `bytes` bytes (`label`, holding `what`: "a config
 * file") is larger than MAX_INPUT_FILE_BYTES.
 */
export function checkInputSize(bytes: number, label: string, what: string): void {
  if (bytes <= MAX_INPUT_FILE_BYTES) return;
  throw new InputError(
    `${label}: the file is ${formatBytes(bytes)}, more than the limit of ${formatBytes(MAX_INPUT_FILE_BYTES)} for ${what}`,
    label,
    "",
  );
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${bytes} bytes`;
}

/** Where a JSON text nests deeper than a limit: the JSON pointer of the first object or list too deep. */
export interface TooDeep {
  readonly pointer: string;
  readonly depth: number;
}

/**
 * Scans a JSON text iteratively (no recursion, so any depth is safe) and
 * returns where it first nests deeper than `limit` objects and lists, with
 * the JSON pointer of that value, or undefined. `startDepth` counts the
 * levels above the text (a --set value at households.count starts at 2),
 * and `prefix` is their pointer. Strings are skipped, so brackets inside
 * them do not count. A text that is not valid JSON is scanned as far as its
 * brackets go; its syntax error is reported by the parser afterwards.
 */
export function findTooDeep(text: string, limit: number, startDepth = 0, prefix = ""): TooDeep | undefined {
  // One frame per open object or list: the key or index of the value being read in it.
  const kinds: ("{" | "[")[] = [];
  const keys: string[] = [];
  let expectKey = false; // in an object, after "{" or ","
  let pendingKey: string | undefined;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < n && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      if (expectKey) {
        const raw = text.slice(i, j + 1);
        try {
          pendingKey = JSON.parse(raw) as string;
        } catch {
          pendingKey = raw.slice(1, -1);
        }
        expectKey = false;
      }
      i = j + 1;
      continue;
    }
    if (c === "{" || c === "[") {
      kinds.push(c);
      keys.push(c === "[" ? "0" : "");
      expectKey = c === "{";
      if (startDepth + kinds.length > limit) {
        const segments = keys.slice(0, -1).map((k) => `/${k.replaceAll("~", "~0").replaceAll("/", "~1")}`);
        return { pointer: prefix + segments.join(""), depth: startDepth + kinds.length };
      }
    } else if (c === "}" || c === "]") {
      kinds.pop();
      keys.pop();
      expectKey = false;
    } else if (c === ",") {
      const top = kinds.length - 1;
      if (top >= 0 && kinds[top] === "[") keys[top] = String(Number(keys[top]) + 1);
      expectKey = top >= 0 && kinds[top] === "{";
    } else if (c === ":") {
      const top = kinds.length - 1;
      if (top >= 0 && pendingKey !== undefined) keys[top] = pendingKey;
      pendingKey = undefined;
    }
    i++;
  }
  return undefined;
}
