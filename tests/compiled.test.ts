// The compiled `spiral` (docs/development.md, "Compiled JavaScript"), run the
// way a user runs it, from a copy of the package in a scratch folder:
// the launcher builds dist/ when it is missing, rebuilds it when a source
// changed (the edit takes effect: no old code runs), runs the compiled CLI
// and worker threads without tsx (the copy's node_modules leaves tsx out),
// with outputs byte-identical to the TypeScript sources under tsx; and
// without TypeScript (npm ci --omit=dev) it runs the sources under tsx.
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Piscina } from "piscina";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildState } from "../src/build.mjs";
import { BASELINE, LAUNCHER, REPO, SMALL, scratch } from "./helpers/spiral.ts";

const PACKAGE_FILES = ["src", "workers", "configs", "package.json", "tsconfig.json", "tsconfig.build.json"];

/** A copy of the package whose node_modules links every installed package except `without`. */
function packageCopy(root: string, without: readonly string[]): string {
  const dir = join(root, `copy-without-${without.join("-")}`);
  for (const file of PACKAGE_FILES) cpSync(join(REPO, file), join(dir, file), { recursive: true });
  mkdirSync(join(dir, "node_modules"));
  for (const name of readdirSync(join(REPO, "node_modules"))) {
    if (!without.includes(name))
      symlinkSync(join(REPO, "node_modules", name), join(dir, "node_modules", name));
  }
  return dir;
}

function run(launcher: string, args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const childEnv = { ...process.env, ...env };
  delete childEnv.SPIRAL_DEBUG;
  const result = spawnSync(process.execPath, [launcher, ...args], {
    encoding: "utf8",
    env: childEnv,
    timeout: 240_000,
  });
  if (result.error) throw result.error;
  return result;
}

const OUTPUTS = ["series.csv", "events.ndjson", "summary.json"];

describe("the compiled spiral command", () => {
  let root: string;
  let pkg: string;
  let launcher: string;
  beforeAll(() => {
    root = scratch("compiled");
    pkg = packageCopy(root, ["tsx"]);
    launcher = join(pkg, "src", "spiral.mjs");
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("builds dist/ on first use, and rebuilds it when a source changed so the edit runs", () => {
    expect(buildState(pkg)).toBe("missing");
    const first = run(launcher, ["--version"]);
    expect(first.stderr).toBe("");
    expect(first.stdout.trim()).toBe(JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")).version);
    expect(buildState(pkg)).toBe("fresh");
    expect(existsSync(join(pkg, "dist", "src", "config", "configSchema.validator.cjs"))).toBe(true);

    const cli = join(pkg, "src", "cli.ts");
    const source = readFileSync(cli, "utf8");
    expect(source).toContain(".version(VERSION,");
    writeFileSync(cli, source.replace(".version(VERSION,", '.version(VERSION + "-edited",'));
    expect(buildState(pkg)).toBe("stale");
    const edited = run(launcher, ["--version"]);
    expect(edited.stdout.trim()).toMatch(/-edited$/);
    expect(buildState(pkg)).toBe("fresh");
  }, 300_000);

  it("runs a threaded run on compiled workers without tsx, byte-identical to the sources under tsx", () => {
    const compiledOut = join(root, "run-compiled");
    const sourceOut = join(root, "run-source");
    const compiled = run(launcher, [
      "run",
      BASELINE,
      ...SMALL,
      "--threads",
      "2",
      "--quiet",
      "--no-report",
      "--out",
      compiledOut,
    ]);
    expect(compiled.stderr).toBe("");
    expect(compiled.status).toBe(0);
    const source = run(
      LAUNCHER,
      ["run", BASELINE, ...SMALL, "--threads", "2", "--quiet", "--no-report", "--out", sourceOut],
      {
        SPIRAL_FROM_SOURCE: "1",
      },
    );
    expect(source.status).toBe(0);
    for (const file of OUTPUTS) {
      expect(readFileSync(join(compiledOut, file)), file).toEqual(readFileSync(join(sourceOut, file)));
    }
  }, 300_000);

  it("runs a sweep on compiled piscina workers without tsx", () => {
    const out = join(root, "sweep");
    const result = run(launcher, [
      "sweep",
      join(pkg, "configs/sweeps/smoke.json"),
      "--workers",
      "2",
      "--quiet",
      "--no-report",
      "--out",
      out,
    ]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("4 completed, 0 failed");
  }, 300_000);

  it("loads each compiled pool worker: a malformed task fails inside the task, not at loading", async () => {
    for (const name of ["sweepRun", "calibrateRun"]) {
      const pool = new Piscina({
        filename: pathToFileURL(join(pkg, "dist", "workers", `${name}.js`)).href,
        maxThreads: 1,
        execArgv: [],
      });
      const error = await pool.run(null).then(
        () => undefined,
        (err: Error) => err,
      );
      await pool.destroy();
      expect(error, name).toBeInstanceOf(Error);
      expect(String(error), name).not.toMatch(/Cannot find|ERR_MODULE_NOT_FOUND|Unknown file extension/);
    }
  }, 120_000);

  it("without TypeScript (npm ci --omit=dev) runs the sources under tsx and builds nothing", () => {
    const noCompiler = packageCopy(root, ["typescript"]);
    const result = run(join(noCompiler, "src", "spiral.mjs"), ["validate", BASELINE]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("ok:");
    expect(existsSync(join(noCompiler, "dist"))).toBe(false);
  }, 300_000);
});
