// Money moves only through src/model/ledger.ts (issue 20 item 1; docs/ODD.md
// §7.20): no file of src/model other than ledger.ts writes a balance-sheet
// column — deposits, cash, reserves, loans, bills, equity, shares or
// cross-holdings of households, firms, banks, the central bank, the
// government, the fund or chain firms — by assignment; it calls a ledger
// function, which keeps both sides of the entry together. The scan reads the
// source with the TypeScript compiler API, so a write is found however it is
// spelled (`c.deposits[i] += x`, `m.fund.loans = y`, `book.cash -= fee`),
// through a local alias of the column too (`const d = c.deposits; d[i] += x`,
// `const { deposits } = h; deposits[i] = y`); reads and writes to scratch or
// income-statement columns are not flagged. The few documented exceptions
// are listed below with their reason. Two state columns that look like money
// are memos, not balances, and are not scanned: a chain firm's `securedDebt`
// tags the part of its bank and fund loans (already on the books, moved by
// ledger functions) that its borrowing base secures — it is clamped to at
// most those loans wherever it is written (aiChain/finance.ts, defaults.ts,
// init.ts); a successor firm's `pendingEquity` records what its new owners
// owe it — the money moves when it is paid, by creditParty in
// agents/firms.ts, and the memo is then written down.
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

/** The expression under parentheses, `as` and `!`. */
function bare(e: ts.Expression): ts.Expression {
  let x = e;
  while (ts.isParenthesizedExpression(x) || ts.isAsExpression(x) || ts.isNonNullExpression(x))
    x = x.expression;
  return x;
}

/**
 * Names bound to a balance column in `scope`'s own declarations (not those of
 * nested functions): `const d = c.deposits` and `const { deposits: d } = c`.
 */
function aliasesIn(scope: ts.Node): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (node !== scope && ts.isFunctionLike(node)) return;
    if (ts.isVariableDeclaration(node) && node.initializer) {
      const init = bare(node.initializer);
      if (
        ts.isIdentifier(node.name) &&
        ts.isPropertyAccessExpression(init) &&
        BALANCE_COLUMNS.has(init.name.text)
      )
        names.add(node.name.text);
      if (ts.isObjectBindingPattern(node.name)) {
        for (const el of node.name.elements) {
          const key = el.propertyName ?? el.name;
          if (ts.isIdentifier(key) && BALANCE_COLUMNS.has(key.text) && ts.isIdentifier(el.name))
            names.add(el.name.text);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  return names;
}

/** "file:line target" for every write to a balance column in `source`, direct or through a local alias. */
function balanceWrites(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node, aliases: ReadonlySet<string>): void => {
    let inScope = aliases;
    if (ts.isFunctionLike(node)) {
      const own = aliasesIn(node);
      if (own.size > 0) inScope = new Set([...aliases, ...own]);
    }
    let target: ts.Expression | undefined;
    if (ts.isBinaryExpression(node) && ASSIGNMENTS.has(node.operatorToken.kind)) target = node.left;
    if (
      (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
      (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)
    )
      target = node.operand;
    if (target) {
      const t = bare(target);
      const viaAlias =
        ts.isElementAccessExpression(t) && ts.isIdentifier(t.expression) && inScope.has(t.expression.text);
      if (balanceColumn(t) || viaAlias) {
        const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        found.push(`${file}:${line} ${target.getText(sf)}`);
      }
    }
    ts.forEachChild(node, (child) => visit(child, inScope));
  };
  visit(sf, aliasesIn(sf));
  return found;
}

/** Every .ts file under `dir`, as paths relative to the repository root. */
function sourcesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => `${dir}/${f.split("\\").join("/")}`)
    .sort();
}

/**
 * Writes that are not money: "file target" of a struct or history that copies
 * a balance for a computation.
 */
const NOT_MONEY = new Map([
  // The DCF inputs' `cash` is filled from the firm's deposit (dcf.ts DcfInputs).
  ["src/model/agents/aiChain/valuation.ts out.cash", "a copy for the valuation"],
  // The tracker's history of equity value (non-AI firms + chain market cap) for the phase label, §7.21.
  ["src/model/metrics.ts this.equity", "the phase label's history"],
  ["src/model/metrics.ts this.equity[t]", "the phase label's history"],
]);

/**
 * Documented exceptions, "file target" → why. The households' pass kernels
 * run on lanes over a slice of households and cannot call ledger functions
 * that take the whole state: they write the household side of a payment in
 * the lane and total the bank side per bank in the lane's block row, and
 * ledger.ts settles the banks' side from those totals after the pass
 * (settleHouseholdIncome, settleHouseholdPayments) — the pass protocol of
 * docs/ODD.md §7.20; the ledger check catches a mismatch every tick.
 */
const PASS_PROTOCOL = new Map([
  // The income pass: wages, transfers, taxes and interest into the household's deposit (settleHouseholdIncome).
  ["src/model/agents/households.ts deposits[i]", "income pass kernel (settleHouseholdIncome)"],
  // The purchase pass: spending out of the deposit (settleHouseholdPayments).
  ["src/model/markets/goods.ts deposits[i]", "purchase pass kernel (settleHouseholdPayments)"],
  // The opening draw of household deposits (Pareto weights, then scaled to the total); openBanks opens the banks' side from them.
  ["src/model/initPasses.ts deposits[i]", "opening draw pass kernel (openBanks)"],
]);

/** Files other branches are editing now: a bypass there is listed here until they merge. */
const PENDING = new Map<string, string>();

const ALLOWED = new Set([...NOT_MONEY.keys(), ...PASS_PROTOCOL.keys(), ...PENDING.keys()]);

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

  it("finds writes through a local alias of a column, scoped to the function that binds it", () => {
    const src = [
      "function f(c) {",
      "  const d = c.deposits;",
      "  const { loans, wage } = c;",
      "  d[i] += x;",
      "  loans[j] = y;",
      "  wage[j] = z;",
      "  let cash = c.cash;",
      "  cash -= 1;",
      "}",
      "function g(c) {",
      "  const d = c.scratch;",
      "  d[i] = 0;",
      "}",
      "function h(c) {",
      "  const { deposits: dep } = c.households;",
      "  const inner = () => { dep[k] -= w; };",
      "}",
    ].join("\n");
    expect(balanceWrites("a.ts", src)).toEqual(["a.ts:4 d[i]", "a.ts:5 loans[j]", "a.ts:16 dep[k]"]);
  });

  it("no file of src/model but ledger.ts writes a balance column (use a ledger.ts function)", () => {
    const files = sourcesUnder("src/model").filter((f) => f !== "src/model/ledger.ts");
    expect(files).toContain("src/model/init.ts");
    expect(files).toContain("src/model/agents/aiChain/valuation.ts");
    const writes = files
      .flatMap((f) => balanceWrites(f, readFileSync(join(root, f), "utf8")))
      .filter((w) => !ALLOWED.has(w.replace(/:\d+ /, " ")));
    expect(writes).toEqual([]);
  });

  it("every allowlisted write still exists (a stale entry is removed)", () => {
    const seen = new Set(
      sourcesUnder("src/model").flatMap((f) =>
        balanceWrites(f, readFileSync(join(root, f), "utf8")).map((w) => w.replace(/:\d+ /, " ")),
      ),
    );
    expect([...ALLOWED].filter((k) => !seen.has(k))).toEqual([]);
  });
});
