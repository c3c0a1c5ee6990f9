// No function in src/model is longer than 80 lines (issue 20 item 1: "no
// function over ≈ 80 lines in src/model"), measured with the TypeScript
// compiler API (tests/helpers/functionSizes.ts): from a function's first token
// to its closing brace, doc comment excluded. No function is over the limit
// now; the allowlist below is empty. An entry would be a ceiling for a
// function that must wait, so the list can only shrink: the test fails when a
// listed function grows, when it is split to 80 lines or fewer (remove its
// entry), or when it is gone.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type FunctionSize, functionSizes } from "./helpers/functionSizes.ts";

const root = join(import.meta.dirname, "..");
const LIMIT = 80;

/** "file name" → lines: the long functions left (none now: keep the mechanism for a ceiling that must wait). */
const ALLOWED = new Map<string, number>([]);

const key = (f: FunctionSize) => `${f.file} ${f.name}`;

describe("function size in src/model", () => {
  const sizes = functionSizes(join(root, "src/model"), root);

  it("measures functions: the model has hundreds, the ledger check among them", () => {
    expect(sizes.length).toBeGreaterThan(300);
    const check = sizes.find((f) => key(f) === "src/model/ledger.ts checkLedger");
    expect(check?.lines).toBeGreaterThan(5);
  });

  it(`no function outside the allowlist is over ${LIMIT} lines`, () => {
    const long = sizes
      .filter((f) => f.lines > LIMIT && !ALLOWED.has(key(f)))
      .map((f) => `${key(f)}: ${f.lines}`);
    expect(long).toEqual([]);
  });

  it("no allowlisted function grew, and every entry is still over the limit (else remove it)", () => {
    const problems: string[] = [];
    for (const [name, allowed] of ALLOWED) {
      const found = sizes.filter((f) => key(f) === name);
      if (found.length === 0) problems.push(`${name}: not found — remove its entry`);
      for (const f of found) {
        if (f.lines > allowed)
          problems.push(`${name}: ${f.lines} lines, allowed ${allowed} — split it, do not raise the entry`);
        else if (f.lines <= LIMIT)
          problems.push(`${name}: ${f.lines} lines, now within ${LIMIT} — remove its entry`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("functionSizes", () => {
  it("counts a function's lines from its first token to its closing brace", async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "fnsize-"));
    try {
      const body = Array.from({ length: 79 }, (_, i) => `  const x${i} = ${i};`).join("\n");
      writeFileSync(
        join(dir, "a.ts"),
        `/** doc */\nexport function long(): void {\n${body}\n}\nconst short = () => 1;\nclass K {\n  method(): void {\n    return;\n  }\n}\n`,
      );
      const sizes = functionSizes(dir, dir);
      expect(sizes.map((f) => `${f.file} ${f.name} ${f.lines}`)).toEqual([
        "a.ts long 81",
        "a.ts method 3",
        "a.ts short 1",
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
