// Money moves only through src/model/ledger.ts (issue 20 item 1; docs/ODD.md
// §7.20): no file of the AI chain (src/model/agents/aiChain/) writes a
// balance-sheet column — deposits, cash, reserves, loans, bills, equity,
// shares or cross-holdings of households, banks, the government, the fund or
// chain firms — by assignment; it calls a ledger function, which keeps both
// sides of the entry together. The scan reads the source with the
// TypeScript compiler API, so a write is found however it is spelled
// (`c.deposits[i] += x`, `m.fund.loans = y`, `book.cash -= fee`); reads and
// writes to scratch or income-statement columns are not flagged.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
/** Columns that hold money or claims on it (state.ts Households, Banks, Government, Fund, AiChain; the short book). */
const BALANCE_COLUMNS = new Set([
  "deposits",
  "cash",
  "reserves",
  "loans",
  "bankLoans",
  "fundLoans",
  "vendorLoans",
  "bills",
  "equity",
  "account",
  "govAccount",
  "nav",
  "shares",
  "sharesHeld",
  "stakes",
  "shortCash",
  "shortShares",
]);
const ASSIGNMENTS = new Set([
  ts.SyntaxKind.EqualsToken,
  ts.SyntaxKind.PlusEqualsToken,
  ts.SyntaxKind.MinusEqualsToken,
  ts.SyntaxKind.AsteriskEqualsToken,
  ts.SyntaxKind.SlashEqualsToken,
]);

/** The balance column an assignment target names (`x.deposits[i]`, `x.cash`), or undefined. */
function balanceColumn(target: ts.Expression): string | undefined {
  let e = target;
  if (ts.isElementAccessExpression(e)) e = e.expression;
  if (ts.isPropertyAccessExpression(e) && BALANCE_COLUMNS.has(e.name.text)) return e.name.text;
  return undefined;
}

/** "file:line target" for every direct write to a balance column in `source`. */
export function balanceWrites(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    let target: ts.Expression | undefined;
    if (ts.isBinaryExpression(node) && ASSIGNMENTS.has(node.operatorToken.kind)) target = node.left;
    if (
      (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
      (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)
    )
      target = node.operand;
    if (target && balanceColumn(target)) {
      const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      found.push(`${file}:${line} ${target.getText(sf)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/**
 * Writes that are not money: "file target" of a struct that copies a balance
 * for a computation (valuation.ts fills the DCF inputs' `cash` from the
 * firm's deposit; dcf.ts DcfInputs).
 */
const NOT_MONEY = new Set(["src/model/agents/aiChain/valuation.ts out.cash"]);

describe("balance writes bypassing the ledger", () => {
  it("finds writes however spelled, and not reads or other columns", () => {
    const src = [
      "c.deposits[i] += x;",
      "m.fund.loans = y;",
      "book.cash -= fee;",
      "c.stakes[k]++;",
      "const d = c.deposits[i];",
      "c.profit[i] += x;",
      "out.total = c.cash;",
    ].join("\n");
    expect(balanceWrites("a.ts", src)).toEqual([
      "a.ts:1 c.deposits[i]",
      "a.ts:2 m.fund.loans",
      "a.ts:3 book.cash",
      "a.ts:4 c.stakes[k]",
    ]);
  });

  it("no file of the AI chain writes a balance column directly (use a ledger.ts function)", () => {
    const dir = join(root, "src/model/agents/aiChain");
    const writes = readdirSync(dir)
      .filter((f) => f.endsWith(".ts"))
      .flatMap((f) => balanceWrites(`src/model/agents/aiChain/${f}`, readFileSync(join(dir, f), "utf8")))
      .filter((w) => !NOT_MONEY.has(w.replace(/:\d+ /, " ")));
    expect(writes).toEqual([]);
  });
});
