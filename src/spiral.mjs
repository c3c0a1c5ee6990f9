#!/usr/bin/env node
// The `spiral` command as installed by npm (package.json "bin"). Spiral is
// written in TypeScript and runs without a build step: this launcher starts
// Node with tsx's loader and the real CLI (src/cli.ts). The loader is tsx's
// main entry, passed with --import: on Node 20 it registers itself in worker
// threads too (the narrower "tsx/esm" entry hooks only the main thread), so
// piscina workers that inherit execArgv can load .ts worker files. The
// child also gets glibc's huge-page tunable (src/hugePages.mjs: at 10 M
// households a tick was 10–40 % faster in most paired runs; results are
// unchanged).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { hugePageEnv } from "./hugePages.mjs";

const require = createRequire(import.meta.url);
const tsxLoader = pathToFileURL(require.resolve("tsx")).href;
const cli = fileURLToPath(new URL("./cli.ts", import.meta.url));

const child = spawn(process.execPath, ["--import", tsxLoader, cli, ...process.argv.slice(2)], {
  stdio: "inherit",
  env: hugePageEnv(process.env),
});
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, () => child.kill(sig));
}
child.on("exit", (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
