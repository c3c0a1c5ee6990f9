// findTooDeep: the depth check that runs on a JSON text before anything
// recurses over it (config and sweep files, --set values).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findTooDeep } from "../src/config/inputLimits.ts";

/** Depth of a parsed JSON value: objects and lists count one level each. */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== "object") return 0;
  const children = Object.values(value as object);
  return 1 + (children.length === 0 ? 0 : Math.max(...children.map(depthOf)));
}

describe("findTooDeep", () => {
  it("finds the first object or list past the limit, with its JSON pointer", () => {
    expect(findTooDeep('{"a":{"b":[1,{"c":2}]}}', 3)).toEqual({ pointer: "/a/b/1", depth: 4 });
    expect(findTooDeep('{"a":{"b":[1,{"c":2}]}}', 4)).toBeUndefined();
    expect(findTooDeep("[[0],[1,[2]]]", 2)).toEqual({ pointer: "/1/1", depth: 3 });
    expect(findTooDeep('{"x/y~z":[[]]}', 2)).toEqual({ pointer: "/x~1y~0z/0", depth: 3 });
  });

  it("ignores brackets and quotes inside strings, escaped ones too", () => {
    expect(findTooDeep('{"k[{": "[[[{{{\\"[[[", "b": [ "]]]" ]}', 2)).toBeUndefined();
    expect(findTooDeep('{"k": "\\\\", "b": [[1]]}', 2)).toEqual({ pointer: "/b/0", depth: 3 });
  });

  it("counts the levels above a --set value", () => {
    expect(findTooDeep("[[1]]", 3, 2, "/households/x")).toEqual({ pointer: "/households/x/0", depth: 4 });
  });

  it("handles 100 000 levels without recursion", () => {
    const text = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    expect(findTooDeep(text, 64)?.depth).toBe(65);
    expect(findTooDeep(text, 100_000)).toBeUndefined();
  });

  it("agrees with the parsed value's depth on random JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 8 }), (value, limit) => {
        const text = JSON.stringify(value, null, value !== null && typeof value === "object" ? 1 : 0);
        const found = findTooDeep(text, limit);
        expect(found !== undefined).toBe(depthOf(value) > limit);
      }),
    );
  });
});
