#!/usr/bin/env node
// The compiled JavaScript that `spiral` runs (docs/development.md, "Compiled
// JavaScript"). `tsc -p tsconfig.build.json` turns src/ and workers/ into
// dist/src/ and dist/workers/ (imports rewritten from .ts to .js, types
// erased, no type check: `npm run typecheck` does that), and the config
// validator is generated from configs/schema.json as standalone JavaScript
// (src/config/precompileSchema.ts), so no start compiles the schema. dist/ is
// git-ignored and built by `npm ci` ("prepare") and `npm run build`; the
// launcher (src/spiral.mjs) checks before every start that it is fresh and
// rebuilds it when it is not, so edited sources never run as old code.
//
// Fresh means: dist/build.json exists, no input (a .ts file under src/ or
// workers/, tsconfig.json, tsconfig.build.json, configs/schema.json) was modified at or after the
// moment the build started, and the number of .ts files is the one built.
// A build writes into a temporary folder and renames it into place, so a
// process that starts meanwhile never sees a half-written dist/; builds that
// race each other each produce the same files.
//
// Plain JavaScript so that the launcher can use it before anything is compiled.
//
//   node src/build.mjs            build now (npm run build)
//   node src/build.mjs --prepare  build if TypeScript is installed, else say
//                                 so and succeed (npm ci's "prepare": with
//                                 --omit=dev there is no compiler; `spiral`
//                                 then runs the sources under tsx)
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The package root (where package.json is). */
export const ROOT = fileURLToPath(new URL("../", import.meta.url));
/** The build output folder, relative to the root (git-ignored). */
export const DIST = "dist";
/** Written last by a build: when it started and how many sources it compiled. */
export const STAMP = "build.json";
/** Folders whose .ts files are compiled, and files whose change changes the output. */
const SOURCE_DIRS = ["src", "workers"];
const CONFIG_FILES = ["tsconfig.json", "tsconfig.build.json", "configs/schema.json"];
/** The precompiled config validator, relative to the build folder (src/config/schema.ts PRECOMPILED_VALIDATOR). */
const VALIDATOR = "src/config/configSchema.validator.cjs";

/**
 * The inputs of a build under `root`: how many .ts files, and the latest
 * modification time (ms) of any of them, the tsconfig files and the config schema.
 * @param {string} root
 * @returns {{ sources: number, newestMs: number }}
 */
export function buildInputs(root) {
  let sources = 0;
  let newestMs = 0;
  for (const dir of SOURCE_DIRS) {
    for (const name of readdirSync(join(root, dir), { recursive: true })) {
      if (!name.endsWith(".ts")) continue;
      sources++;
      const ms = statSync(join(root, dir, name)).mtimeMs;
      if (ms > newestMs) newestMs = ms;
    }
  }
  for (const file of CONFIG_FILES) {
    const ms = statSync(join(root, file)).mtimeMs;
    if (ms > newestMs) newestMs = ms;
  }
  return { sources, newestMs };
}

/**
 * Whether dist/ under `root` holds a build of the current sources: "fresh",
 * "stale" (built, but a source changed since) or "missing".
 * @param {string} [root]
 * @returns {"fresh" | "stale" | "missing"}
 */
export function buildState(root = ROOT) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(root, DIST, STAMP), "utf8"));
  } catch {
    return "missing";
  }
  const inputs = buildInputs(root);
  return inputs.newestMs < stamp.startedMs && inputs.sources === stamp.sources ? "fresh" : "stale";
}

/**
 * Compiles src/ and workers/ of `root` into dist/. Returns { ok: true } or
 * { ok: false, reason } (TypeScript not installed, a compile error, a
 * read-only folder); never throws.
 * @param {string} [root]
 * @returns {{ ok: true } | { ok: false, missingCompiler: boolean, reason: string }}
 */
export function build(root = ROOT) {
  let tsc;
  try {
    tsc = createRequire(join(root, "package.json")).resolve("typescript/bin/tsc");
  } catch {
    return { ok: false, missingCompiler: true, reason: "TypeScript is not installed (npm ci --omit=dev)" };
  }
  const startedMs = Date.now();
  const inputs = buildInputs(root);
  const tmp = join(root, `.tmp-dist-${process.pid}-${startedMs}`);
  try {
    const result = spawnSync(
      process.execPath,
      [tsc, "-p", join(root, "tsconfig.build.json"), "--outDir", tmp],
      {
        cwd: root,
        encoding: "utf8",
      },
    );
    if (result.status !== 0) {
      const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim().split("\n").slice(0, 5).join("\n");
      return { ok: false, missingCompiler: false, reason: output || String(result.error ?? result.signal) };
    }
    const validator = spawnSync(
      process.execPath,
      [join(tmp, "src/config/precompileSchema.js"), join(tmp, VALIDATOR)],
      { cwd: root, encoding: "utf8" },
    );
    if (validator.status !== 0) {
      return {
        ok: false,
        missingCompiler: false,
        reason: `config validator: ${validator.stderr.trim().split("\n")[0]}`,
      };
    }
    writeFileSync(join(tmp, STAMP), `${JSON.stringify({ startedMs, sources: inputs.sources })}\n`);
    swapInto(tmp, join(root, DIST));
    return { ok: true };
  } catch (err) {
    return { ok: false, missingCompiler: false, reason: err instanceof Error ? err.message : String(err) };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Renames the finished build `tmp` to `dist`, moving an old dist/ aside
 * first (a folder cannot be renamed over a non-empty one) and removing it.
 * @param {string} tmp
 * @param {string} dist
 */
function swapInto(tmp, dist) {
  const old = `${tmp}-old`;
  if (existsSync(dist)) {
    try {
      renameSync(dist, old);
    } catch (err) {
      // Another build moved it first; ours still goes in below.
      if (!(err instanceof Error && "code" in err && err.code === "ENOENT")) throw err;
    }
  }
  try {
    renameSync(tmp, dist);
  } catch (err) {
    // A concurrent build put its dist/ in between: it compiled the same sources.
    const code = err instanceof Error && "code" in err ? err.code : "";
    if (code !== "ENOTEMPTY" && code !== "EEXIST") throw err;
  } finally {
    rmSync(old, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const prepare = process.argv.includes("--prepare");
  const start = performance.now();
  const result = build();
  if (result.ok) {
    console.log(
      `spiral: compiled src/ and workers/ into dist/ in ${((performance.now() - start) / 1000).toFixed(1)} s`,
    );
  } else if (prepare && result.missingCompiler) {
    console.log(
      `spiral: not compiled: ${result.reason}; \`spiral\` will run the TypeScript sources under tsx`,
    );
  } else {
    console.error(`spiral: compiling into dist/ failed: ${result.reason}`);
    process.exit(1);
  }
}
