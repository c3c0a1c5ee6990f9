// findJsonSyntaxError: silent on valid JSON, and for broken JSON points at the
// first offending character (Node 20's JSON.parse gives no position).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findJsonSyntaxError } from "../src/config/jsonSyntax.ts";

describe("findJsonSyntaxError", () => {
  it("finds nothing wrong with any JSON that JSON.stringify writes", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        expect(findJsonSyntaxError(text)).toBeUndefined();
      }),
    );
  });

  it("agrees with JSON.parse on whether a text is valid", () => {
    const alphabet = fc.constantFrom(..."{}[],:\"'\\ \n0123456789-+.eEtrufalsn".split(""));
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 24 }), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(findJsonSyntaxError(text) === undefined).toBe(valid);
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['{"a": }', 1, 7, 'expected a value, found "}"'],
    ['{"a": 1,}', 1, 9, "trailing comma before '}'"],
    ["[1, 2,]", 1, 7, "trailing comma before ']'"],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, "expected ',' or '}' after a value, found"],
    ["{a: 1}", 1, 2, "expected a key in double quotes"],
    ["{'a': 1}", 1, 2, "expected a key in double quotes"],
    ["{\"a\": 'x'}", 1, 7, "strings must use double quotes"],
    ['{"a": "x}', 1, 7, "unterminated string"],
    ['{"a": "x\ny"}', 1, 9, "line break inside a string"],
    ['{"a": "\\q"}', 1, 8, 'invalid escape "\\q"'],
    ['{"a": 01}', 1, 8, "expected ',' or '}' after a value"],
    ['{"a": 1} x', 1, 10, "after the end of the JSON value"],
    ['{"a": tru}', 1, 7, "expected a value"],
    ["", 1, 1, "found end of file"],
    ['{"a": [1, 2}', 1, 12, "expected ',' or ']' after a value"],
  ])("%j → line %i, column %i: %s", (text, line, column, problem) => {
    const found = findJsonSyntaxError(text);
    expect(found).toBeDefined();
    expect([found?.line, found?.column]).toEqual([line, column]);
    expect(found?.problem).toContain(problem);
  });
});
