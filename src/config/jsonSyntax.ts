// Where a JSON text is broken. Node 20's JSON.parse says only "Unexpected
// token" with no position, so when it fails this small scanner walks the text
// by the JSON grammar (RFC 8259) and reports the line and column of the first
// error in words a config author can act on.
import { InputError } from "../errors.ts";
import { findTooDeep, MAX_NESTING_DEPTH } from "./inputLimits.ts";
import { describeValue, dottedPath, isPlainObject } from "./validate.ts";

/** The first syntax error in a JSON text; line and column count from 1. */
export interface JsonSyntaxError {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly problem: string;
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {
    super(problem);
  }
}

const numberPattern = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const escapes = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);

/** Finds the first syntax error in `text`, or undefined if it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let pos = 0;

  const shown = (at: number): string => (at >= text.length ? "end of file" : JSON.stringify(text[at]));
  const fail = (problem: string, at = pos): never => {
    throw new Stop(at, problem);
  };
  const skipSpace = (): void => {
    while (pos < text.length && " \t\n\r".includes(text[pos])) pos++;
  };

  const parseString = (): void => {
    const start = pos;
    pos++; // opening quote
    for (;;) {
      if (pos >= text.length) fail("unterminated string (missing closing '\"')", start);
      const c = text[pos];
      if (c === '"') {
        pos++;
        return;
      }
      if (c === "\\") {
        const e = text[pos + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) fail("invalid \\u escape in string");
          pos += 6;
        } else if (e !== undefined && escapes.has(e)) {
          pos += 2;
        } else {
          fail(`invalid escape "\\${e ?? ""}" in string`);
        }
      } else if (c < " ") {
        fail(
          c === "\n"
            ? "line break inside a string (missing closing '\"'?)"
            : "control character inside a string",
        );
      } else {
        pos++;
      }
    }
  };

  const parseValue = (): void => {
    skipSpace();
    const c = text[pos];
    if (c === "{") {
      parseObject();
      return;
    }
    if (c === "[") {
      parseArray();
      return;
    }
    if (c === '"') {
      parseString();
      return;
    }
    for (const literal of ["true", "false", "null"]) {
      if (text.startsWith(literal, pos)) {
        pos += literal.length;
        return;
      }
    }
    if (c === "-" || (c >= "0" && c <= "9")) {
      numberPattern.lastIndex = pos;
      const match = numberPattern.exec(text);
      if (match === null) fail("invalid number");
      pos += match![0].length;
      return;
    }
    if (c === "'") fail("strings must use double quotes");
    fail(`expected a value, found ${shown(pos)}`);
  };

  const parseObject = (): void => {
    pos++; // {
    skipSpace();
    if (text[pos] === "}") {
      pos++;
      return;
    }
    for (;;) {
      skipSpace();
      if (text[pos] !== '"') {
        if (text[pos] === "}") fail("trailing comma before '}'");
        fail(`expected a key in double quotes, found ${shown(pos)}`);
      }
      parseString();
      skipSpace();
      if (text[pos] !== ":") fail(`expected ':' after the key, found ${shown(pos)}`);
      pos++;
      parseValue();
      skipSpace();
      if (text[pos] === ",") {
        pos++;
        continue;
      }
      if (text[pos] === "}") {
        pos++;
        return;
      }
      fail(`expected ',' or '}' after a value, found ${shown(pos)}`);
    }
  };

  const parseArray = (): void => {
    pos++; // [
    skipSpace();
    if (text[pos] === "]") {
      pos++;
      return;
    }
    for (;;) {
      skipSpace();
      if (text[pos] === "]") fail("trailing comma before ']'");
      parseValue();
      skipSpace();
      if (text[pos] === ",") {
        pos++;
        continue;
      }
      if (text[pos] === "]") {
        pos++;
        return;
      }
      fail(`expected ',' or ']' after a value, found ${shown(pos)}`);
    }
  };

  try {
    parseValue();
    skipSpace();
    if (pos < text.length) fail(`unexpected ${shown(pos)} after the end of the JSON value`);
    return undefined;
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
    const before = text.slice(0, err.offset);
    const line = before.split("\n").length;
    const column = err.offset - (before.lastIndexOf("\n") + 1) + 1;
    return { offset: err.offset, line, column, problem: err.problem };
  }
}

/**
 * Parse the text of a JSON file that must hold an object (a config or a
 * sweep file): strips a byte-order mark, refuses nesting deeper than
 * MAX_NESTING_DEPTH (checked on the text, before anything recurses over
 * it), and on a syntax error names the file with line and column.
 * @param locate how to write a JSON pointer of this kind of file in a message (default dotted: a.b[0].c).
 * @throws InputError naming `label` — too deep, invalid JSON, or not an object (`what` says which kind of file).
 */
export function parseJsonObject(
  text: string,
  label: string,
  what: string,
  locate: (pointer: string) => string = dottedPath,
): Record<string, unknown> {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // byte-order mark some editors write
  const deep = findTooDeep(text, MAX_NESTING_DEPTH);
  if (deep !== undefined) {
    throw new InputError(
      `${label}: ${locate(deep.pointer)}: objects and lists nested more than ${MAX_NESTING_DEPTH} levels deep; the limit is ${MAX_NESTING_DEPTH} levels (${what} nests a few)`,
      label,
      deep.pointer,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const where = findJsonSyntaxError(text);
    const detail = where
      ? `line ${where.line}, column ${where.column}: ${where.problem}`
      : (err as Error).message;
    throw new InputError(`${label}: invalid JSON at ${detail}`, label);
  }
  if (!isPlainObject(data)) {
    throw new InputError(
      `${label}: ${what} must hold a JSON object { … } (got ${describeValue(data)})`,
      label,
      "",
    );
  }
  return data;
}
