// The phases src/model/schedule.ts's step() calls, read with the TypeScript
// compiler API: a phase is a call of a function that schedule.ts imports,
// made as a statement of step() or of a section of the month that step()
// calls (a function of schedule.ts, read in place), not as an argument of
// another call — so `clearPowerMarket(…, builtCapacity(m),
// …)` is one phase, clearPowerMarket. Used by tests/docs.test.ts (docs/ODD.md
// §3 names them in order) and tests/model.phaseInputs.test.ts.
import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import ts from "typescript";

/** One call of a phase in step(): its name, the module it is imported from (relative to the repository) and its arguments' text. */
export interface SchedulePhase {
  name: string;
  module: string;
  args: string[];
}

/** The phases step() calls, in the order they appear in its body. */
export function schedulePhases(root: string): SchedulePhase[] {
  const path = join(root, "src/model/schedule.ts");
  const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
  const imported = new Map<string, string>();
  let step: ts.FunctionDeclaration | undefined;
  const sections = new Map<string, ts.FunctionDeclaration>();
  for (const node of source.statements) {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
      const spec = (node.moduleSpecifier as ts.StringLiteral).text;
      const module = relative(root, join(dirname(path), spec))
        .split("\\")
        .join("/");
      const bindings = node.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings))
        for (const el of bindings.elements) if (!el.isTypeOnly) imported.set(el.name.text, module);
    }
    if (ts.isFunctionDeclaration(node) && node.name?.text === "step") step = node;
    else if (ts.isFunctionDeclaration(node) && node.name) sections.set(node.name.text, node);
  }
  if (!step?.body) throw new Error("src/model/schedule.ts has no step()");
  const phases: SchedulePhase[] = [];
  const visit = (node: ts.Node, inCall: boolean): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const name = node.expression.text;
      const module = imported.get(name);
      const section = sections.get(name);
      if (module && !inCall)
        phases.push({ name, module, args: node.arguments.map((a) => a.getText(source)) });
      else if (section?.body && !inCall) visit(section.body, false); // a section of the month: its phases, in place
      ts.forEachChild(node, (child) => visit(child, true));
      return;
    }
    ts.forEachChild(node, (child) => visit(child, inCall));
  };
  visit(step.body, false);
  return phases;
}
