// Line counts of every function in a folder of TypeScript, measured with the
// TypeScript compiler API: a function's length is the number of source lines
// from its first token (after leading comments) to its closing brace, so a
// one-line arrow counts 1. Used by tests/model.functionSize.test.ts.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

/** One function: file relative to the searched root's parent, its name and its length in lines. */
export interface FunctionSize {
  file: string;
  name: string;
  lines: number;
}

function tsFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) tsFiles(path, out);
    else if (name.endsWith(".ts") && !name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

/** The name a function is known by: its own, its variable's, its property's or its class member's. */
function nameOf(node: ts.FunctionLikeDeclaration, source: ts.SourceFile): string {
  if (node.name) return node.name.getText(source);
  const parent = node.parent;
  if (
    ts.isVariableDeclaration(parent) ||
    ts.isPropertyAssignment(parent) ||
    ts.isPropertyDeclaration(parent)
  ) {
    return parent.name.getText(source);
  }
  if (ts.isConstructorDeclaration(node)) return "constructor";
  const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
  return `<anonymous@${line + 1}>`;
}

/** Every function-like node with a body in the `.ts` files under `dir`, longest first. */
export function functionSizes(dir: string, base: string): FunctionSize[] {
  const out: FunctionSize[] = [];
  for (const path of tsFiles(dir)) {
    const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
    const file = relative(base, path).split("\\").join("/");
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) && "body" in node && node.body) {
        const fn = node as ts.FunctionLikeDeclaration;
        const first = source.getLineAndCharacterOfPosition(fn.getStart(source)).line;
        const last = source.getLineAndCharacterOfPosition(fn.getEnd()).line;
        out.push({ file, name: nameOf(fn, source), lines: last - first + 1 });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out.sort(
    (a, b) => b.lines - a.lines || a.file.localeCompare(b.file) || a.name.localeCompare(b.name),
  );
}
