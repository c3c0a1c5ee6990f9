// The month's phases name their inputs (issue 20 item 1): a phase of the
// modules below is a function of the records and the parameter group it
// uses — no parameter is the whole ModelState, and step() does not hand it
// the state (`m`). The ledger check takes LedgerCheck, the named group of
// every balance sheet it checks. Read from the source with the TypeScript
// compiler API, so the shape cannot regress without this test failing.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { schedulePhases } from "./helpers/schedulePhases.ts";

const root = join(import.meta.dirname, "..");

/** Modules whose phases take explicit inputs. */
const EXPLICIT = [
  "src/model/agents/aiChain/circular.ts",
  "src/model/agents/aiChain/defaults.ts",
  "src/model/agents/aiChain/demand.ts",
  "src/model/agents/aiChain/finance.ts",
  "src/model/agents/aiChain/plans.ts",
  "src/model/agents/aiChain/settlement.ts",
  "src/model/agents/aiChain/valuation.ts",
  "src/model/agents/automation.ts",
  "src/model/agents/banks.ts",
  "src/model/agents/centralBank.ts",
  "src/model/agents/firms.ts",
  "src/model/agents/fund.ts",
  "src/model/agents/government.ts",
  "src/model/agents/households.ts",
  "src/model/agents/utility.ts",
  "src/model/ledger.ts",
  "src/model/macro.ts",
  "src/model/markets/credit.ts",
  "src/model/markets/equity.ts",
  "src/model/markets/goods.ts",
  "src/model/markets/labour.ts",
  "src/model/markets/power.ts",
  "src/model/shocks.ts",
];

/**
 * Modules step() reaches only through a phase of a listed module (no phase
 * of their own): every exported function of theirs takes typed records,
 * none the ModelState (markets/labourMatch.ts: the simultaneous matching
 * protocol that labour.ts matchWorkers runs).
 */
const REACHED = ["src/model/markets/labourMatch.ts"];

/** Phases that take a named group of many records (documented in their module) that a ModelState satisfies. */
const GROUPED = new Map([["checkLedger", "LedgerCheck"]]);

/** The function declarations of `file`, by name. */
function functions(file: string): Map<string, ts.FunctionDeclaration> {
  const path = join(root, file);
  const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
  const out = new Map<string, ts.FunctionDeclaration>();
  for (const node of source.statements)
    if (ts.isFunctionDeclaration(node) && node.name) out.set(node.name.text, node);
  return out;
}

/** The parameters of function `name` in `file`: name and type annotation (empty when none). */
function parameters(file: string, name: string): { name: string; type: string }[] {
  const node = functions(file).get(name);
  if (!node) throw new Error(`${file} exports no function ${name}`);
  return node.parameters.map((p) => ({ name: p.name.getText(), type: p.type?.getText() ?? "" }));
}

/** The exported functions of `file`. */
function exported(file: string): string[] {
  return [...functions(file)]
    .filter(([, node]) => node.modifiers?.some((k) => k.kind === ts.SyntaxKind.ExportKeyword))
    .map(([name]) => name);
}

/** "name(param: type)" for each parameter of `name` in `file` that is untyped or typed ModelState. */
function stateParameters(file: string, name: string): string[] {
  return parameters(file, name)
    .filter((q) => q.type === "" || /\bModelState\b/.test(q.type))
    .map((q) => `${name}(${q.name}: ${q.type || "untyped"})`);
}

describe("phases with explicit inputs (src/model/schedule.ts)", () => {
  const phases = schedulePhases(root);
  const explicit = phases.filter((p) => EXPLICIT.includes(p.module));

  it("finds the phases of every listed module in step()", () => {
    for (const file of EXPLICIT)
      expect(
        explicit.map((p) => p.module),
        file,
      ).toContain(file);
    expect(explicit.length).toBeGreaterThanOrEqual(35);
  });

  it("no phase of those modules declares a ModelState parameter, and each parameter is typed", () => {
    const bad: string[] = [];
    for (const p of explicit) {
      bad.push(...stateParameters(p.module, p.name));
      for (const q of parameters(p.module, p.name))
        if (GROUPED.has(p.name) && q.type !== GROUPED.get(p.name))
          bad.push(`${p.name}(${q.name}: ${q.type})`);
    }
    expect(bad).toEqual([]);
  });

  it("no exported function of a module reached through those phases takes the ModelState", () => {
    const bad: string[] = [];
    for (const file of REACHED) {
      const names = exported(file);
      expect(names.length, file).toBeGreaterThan(0);
      for (const name of names) bad.push(...stateParameters(file, name));
    }
    expect(bad).toEqual([]);
  });

  it("step() hands those phases records, not the state (`m`), but for the grouped ledger check", () => {
    const handedState = explicit
      .filter((p) => !GROUPED.has(p.name) && p.args.some((a) => a === "m"))
      .map((p) => p.name);
    expect(handedState).toEqual([]);
  });

  it("those modules do not name the ModelState type at all (their helpers take records too)", () => {
    const naming = [...EXPLICIT, ...REACHED].filter((file) =>
      /import[^;]*\bModelState\b[^;]*from/.test(readFileSync(join(root, file), "utf8")),
    );
    expect(naming).toEqual([]);
  });
});
