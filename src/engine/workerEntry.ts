// Where each pool's worker entry file is and how Node must start it. The
// compiled engine (dist/src/engine/*.js, what `spiral` runs after `npm ci`)
// starts the compiled workers (dist/workers/*.js) as plain Node — no loader,
// ready in tens of milliseconds. The TypeScript engine (vitest, tsx, or
// `spiral` with SPIRAL_FROM_SOURCE=1) starts the .ts workers with tsx's main
// entry as loader, which registers itself inside worker threads too and
// transpiles each worker's modules when it starts (≈ 1 s a worker). Either way
// the worker runs the same code as the thread that started it.
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { COMPILED } from "../packagePaths.ts";

/** The worker entries under workers/. */
export type WorkerName = "sweepRun" | "calibrateRun" | "slicePasses";

export interface WorkerEntry {
  /** Absolute path of the entry file. */
  file: string;
  /** The worker's execArgv: tsx's loader from TypeScript, nothing when compiled. */
  execArgv: string[];
}

/**
 * The entry of the worker `name`. From TypeScript, slicePasses starts from
 * workers/slicePasses.cjs: Node refuses a .ts file as a raw Worker's entry
 * (piscina wraps the others in its own entry).
 */
export function workerEntry(name: WorkerName): WorkerEntry {
  if (COMPILED)
    return { file: fileURLToPath(new URL(`../../workers/${name}.js`, import.meta.url)), execArgv: [] };
  const file = name === "slicePasses" ? `${name}.cjs` : `${name}.ts`;
  return {
    file: fileURLToPath(new URL(`../../workers/${file}`, import.meta.url)),
    execArgv: ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href],
  };
}
