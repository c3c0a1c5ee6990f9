#!/usr/bin/env node
// The `spiral` command as installed by npm (package.json "bin"). It runs the
// compiled CLI, dist/src/cli.js (docs/development.md, "Compiled
// JavaScript"): `npm ci` builds dist/ ("prepare"), and before each start
// this launcher checks that dist/ is fresh (src/build.mjs: no source newer
// than the build) and rebuilds it when it is not (≈ 2–5 s), so an edited or
// pulled checkout never runs old code. Without a compiler (npm ci
// --omit=dev), when the build fails, or with SPIRAL_FROM_SOURCE=1, it runs
// the TypeScript sources (src/cli.ts) under tsx's loader instead: the same
// code, but each start and each worker thread transpiles it (≈ 0.3 s + 1 s a
// worker).
//
// Commands that simulate (run, sweep, compare, calibrate, reproduce) start a
// child Node with glibc's huge-page tunable (src/hugePages.mjs: at 10 M
// households a tick was 10–40 % faster in most paired runs; results are
// unchanged), which must be set before a process starts; the others (--help,
// --version, validate, facts, report, plot, merge, slurm) and runs whose
// environment already holds the tunable run in this process, saving a Node
// start.
import { spawn } from "node:child_process";
import { realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, buildState } from "./build.mjs";
import { hugePageEnv } from "./hugePages.mjs";

/** Commands whose runs allocate the model's columns: worth a child process with huge pages. */
const SIMULATING = new Set(["run", "sweep", "compare", "calibrate", "reproduce"]);

/** The CLI to run: the compiled one when dist/ is (or can be made) fresh, else the TypeScript source. */
function chooseCli() {
  const source = { file: fileURLToPath(new URL("./cli.ts", import.meta.url)), compiled: false };
  if (process.env.SPIRAL_FROM_SOURCE === "1") return source;
  // dist is a link to the current build (src/build.mjs); resolved once here,
  // so this run loads every file from the build it checked, whatever a
  // concurrent rebuild does to the link.
  const compiled = () => ({
    file: realpathSync(fileURLToPath(new URL("../dist/src/cli.js", import.meta.url))),
    compiled: true,
  });
  const state = buildState();
  if (state === "fresh") return compiled();
  const result = build();
  if (result.ok) return compiled();
  if (!result.missingCompiler || state === "stale") {
    process.stderr.write(
      `spiral: could not compile into dist/ (${result.reason}); running the TypeScript sources under tsx\n`,
    );
  }
  return source;
}

const cli = chooseCli();
const command = process.argv.slice(2).find((arg) => !arg.startsWith("-"));
const env = SIMULATING.has(command ?? "") ? hugePageEnv(process.env) : process.env;

if (cli.compiled && env.GLIBC_TUNABLES === process.env.GLIBC_TUNABLES) {
  await import(pathToFileURL(cli.file).href);
} else {
  const loader = cli.compiled
    ? []
    : ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href];
  const child = spawn(process.execPath, [...loader, cli.file, ...process.argv.slice(2)], {
    stdio: "inherit",
    env,
  });
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(sig, () => child.kill(sig));
  }
  child.on("exit", (code, signal) => {
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}
