// vitest global setup: compiles dist/ once before the tests when it is stale
// (src/build.mjs), so that the tests that start the real `spiral` command —
// which runs the compiled code and would otherwise rebuild it itself, once
// per test file running at that moment — all start from one fresh build.
import { build, buildState } from "../../src/build.mjs";

export default function setup(): void {
  if (buildState() === "fresh") return;
  const result = build();
  // Without TypeScript the launcher runs the sources under tsx: the CLI tests still run.
  if (!result.ok && !result.missingCompiler) throw new Error(`compiling into dist/ failed: ${result.reason}`);
}
