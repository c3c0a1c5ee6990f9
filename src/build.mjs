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
// Each build compiles into its own folder, .dist-builds/<start ms>-<pid>/,
// and then points the symbolic link dist → .dist-builds/<id> at it with one
// rename (atomic on POSIX: a reader sees the old build or the new one, never
// none). Node resolves the link when it loads a module, so a process that
// started on a build keeps loading that build's files — its worker threads
// and later imports included — while an edit rebuilds: a long sweep never
// mixes two versions of the code. Builds that race each other each produce
// the same files; the last rename wins. Builds no longer pointed at are
// removed a day after they were replaced (PRUNE_AFTER_MS), so a run started
// on one keeps its files; an unfinished build folder (no build.json) an hour
// after it started (a killed build).
//
// Plain JavaScript so that the launcher can use it before anything is compiled.
//
//   node src/build.mjs            build now (npm run build)
//   node src/build.mjs --prepare  build if TypeScript is installed, else say
//                                 so and succeed (npm ci's "prepare": with
//                                 --omit=dev there is no compiler; `spiral`
//                                 then runs the sources under tsx)
import { spawnSync } from "node:child_process";
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The package root (where package.json is). */
export const ROOT = fileURLToPath(new URL("../", import.meta.url));
/** The build output, relative to the root: a symbolic link to the current build in BUILDS (git-ignored). */
export const DIST = "dist";
/** The folder of the builds, each in a folder of its own named `<start ms>-<pid>` (git-ignored). */
export const BUILDS = ".dist-builds";
/** How long a replaced build is kept for the processes started on it (a day). */
export const PRUNE_AFTER_MS = 24 * 3600 * 1000;
/** How long an unfinished build folder (no build.json: a build killed midway) is kept (an hour). */
const UNFINISHED_AFTER_MS = 3600 * 1000;
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
  const id = `${startedMs}-${process.pid}`;
  const out = join(root, BUILDS, id);
  let published = false;
  try {
    mkdirSync(join(root, BUILDS), { recursive: true });
    const result = spawnSync(
      process.execPath,
      [tsc, "-p", join(root, "tsconfig.build.json"), "--outDir", out],
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
      [join(out, "src/config/precompileSchema.js"), join(out, VALIDATOR)],
      { cwd: root, encoding: "utf8" },
    );
    if (validator.status !== 0) {
      return {
        ok: false,
        missingCompiler: false,
        reason: `config validator: ${validator.stderr.trim().split("\n")[0]}`,
      };
    }
    writeFileSync(join(out, STAMP), `${JSON.stringify({ startedMs, sources: inputs.sources })}\n`);
    publish(root, id);
    published = true;
    prune(root, Date.now());
    return { ok: true };
  } catch (err) {
    return { ok: false, missingCompiler: false, reason: err instanceof Error ? err.message : String(err) };
  } finally {
    if (!published) rmSync(out, { recursive: true, force: true });
  }
}

/**
 * Points dist at the finished build BUILDS/`id` under `root`: a new symbolic
 * link renamed over the old one, so dist is never missing. A dist/ that is a
 * real folder (the layout before versioned builds) is moved aside and removed
 * first, once.
 * @param {string} root
 * @param {string} id
 */
export function publish(root, id) {
  const dist = join(root, DIST);
  const link = join(root, `.tmp-dist-link-${id}`);
  rmSync(link, { force: true });
  if (process.platform === "win32") symlinkSync(join(root, BUILDS, id), link, "junction");
  else symlinkSync(join(BUILDS, id), link);
  let old;
  try {
    old = lstatSync(dist);
  } catch {
    old = undefined;
  }
  if (old?.isDirectory()) {
    const aside = join(root, `.tmp-dist-old-${id}`);
    try {
      renameSync(dist, aside);
    } catch (err) {
      // Another build moved it first.
      if (!(err instanceof Error && "code" in err && err.code === "ENOENT")) throw err;
    }
    rmSync(aside, { recursive: true, force: true });
  }
  renameSync(link, dist);
}

/**
 * The build that dist points at under `root` (its folder name in BUILDS), or
 * undefined when dist is missing or not a link.
 * @param {string} root
 * @returns {string | undefined}
 */
export function currentBuild(root) {
  try {
    return basename(readlinkSync(join(root, DIST)));
  } catch {
    return undefined;
  }
}

/**
 * Removes the builds under `root` that dist no longer points at: a finished
 * one once more than PRUNE_AFTER_MS passed, before `nowMs`, since it was
 * replaced (when the next build finished: the modification time of the
 * oldest build.json newer than its own), an unfinished one (no build.json)
 * once its folder is more than UNFINISHED_AFTER_MS old. Never throws: a
 * folder another process removed first, or one it cannot remove, is left.
 * @param {string} root
 * @param {number} nowMs
 */
export function prune(root, nowMs) {
  const current = currentBuild(root);
  let names;
  try {
    names = readdirSync(join(root, BUILDS));
  } catch {
    return;
  }
  /** @type {{ name: string, finishedMs: number }[]} */
  const finished = [];
  for (const name of names) {
    const dir = join(root, BUILDS, name);
    try {
      const stamp = statSync(join(dir, STAMP), { throwIfNoEntry: false });
      if (stamp) finished.push({ name, finishedMs: stamp.mtimeMs });
      else if (name !== current && nowMs - statSync(dir).mtimeMs > UNFINISHED_AFTER_MS)
        rmSync(dir, { recursive: true, force: true });
    } catch {
      // Removed meanwhile, or not ours to remove.
    }
  }
  for (const build of finished) {
    if (build.name === current) continue;
    let replacedMs = Number.POSITIVE_INFINITY;
    for (const other of finished) {
      if (other.finishedMs > build.finishedMs && other.finishedMs < replacedMs) replacedMs = other.finishedMs;
    }
    if (nowMs - replacedMs > PRUNE_AFTER_MS) {
      try {
        rmSync(join(root, BUILDS, build.name), { recursive: true, force: true });
      } catch {
        // Not ours to remove.
      }
    }
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
