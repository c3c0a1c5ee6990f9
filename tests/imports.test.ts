// No import cycles in src/ (issue 20 item 1): every static import and
// re-export between modules of src/ — type-only ones included — forms a
// graph without cycles, so module initialisation order never matters and
// each module can be read (and tested) without the ones that use it.
// Dynamic import() (the CLI's commands load on demand) is not an edge.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(import.meta.dirname, "..", "src");
const STATIC_IMPORT = /^\s*(?:import|export)\s[^;]*?\sfrom\s*["'](\.{1,2}\/[^"']+)["']/gm;

/** Every module of `dir` and what it imports statically from src/, by absolute path. */
function importGraph(dir: string): Map<string, string[]> {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|mts|mjs)$/.test(name) && !/\.d\.mts$/.test(name)) files.push(path);
    }
  };
  walk(dir);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    graph.set(
      file,
      [...text.matchAll(STATIC_IMPORT)].map((m) => resolve(dirname(file), m[1])),
    );
  }
  return graph;
}

/** The cycles of `graph` (strongly connected components of more than one module, or a self-import). */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)!.includes(v)) found.push(component);
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe("imports in src/", () => {
  it("form no cycle", () => {
    const graph = importGraph(SRC);
    expect(graph.size).toBeGreaterThan(100);
    expect(cycles(graph).map((c) => c.map((f) => relative(SRC, f)).sort())).toEqual([]);
  });

  it("the cycle finder finds a cycle, type-only imports included", () => {
    const graph = new Map([
      ["/a.ts", ["/b.ts"]],
      ["/b.ts", ["/c.ts"]],
      ["/c.ts", ["/a.ts"]],
      ["/d.ts", ["/a.ts"]],
    ]);
    expect(cycles(graph).map((c) => c.sort())).toEqual([["/a.ts", "/b.ts", "/c.ts"]]);
    const text =
      'import type { X } from "./state.ts";\nexport { y } from "../y.ts";\nconst z = await import("./z.ts");';
    expect([...text.matchAll(STATIC_IMPORT)].map((m) => m[1])).toEqual(["./state.ts", "../y.ts"]);
  });
});
