// Runs the real `spiral` command as a subprocess through the npm bin launcher
// (src/spiral.mjs), the way a user does, and makes scratch folders for it.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (where package.json is). */
export const REPO = fileURLToPath(new URL("../..", import.meta.url));
export const LAUNCHER = join(REPO, "src", "spiral.mjs");
export const BASELINE = join(REPO, "configs", "baseline.json");

/** A tiny economy: each run of 36 ticks takes a fraction of a second after start-up. */
export const SMALL: readonly string[] = [
  "--set",
  "households.count=300",
  "--set",
  "firms.consumption.count=10",
  "--set",
  "firms.capital.count=3",
  "--set",
  "banks.count=2",
  "--set",
  "burnInTicks=12",
  "--ticks",
  "36",
];

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `node src/spiral.mjs ...args` in `cwd` (default the repository root), without SPIRAL_DEBUG. */
export function spiral(args: readonly string[], cwd = REPO): CliResult {
  const env = { ...process.env };
  delete env.SPIRAL_DEBUG;
  const result = spawnSync(process.execPath, [LAUNCHER, ...args], {
    cwd,
    encoding: "utf8",
    env,
    timeout: 90_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh folder under the OS temp folder. */
export function scratch(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `spiral-${prefix}-`));
}

/**
 * Writes `spec` as `dir`/`name` and runs `spiral calibrate` on it into `dir`/out (quiet): the result, and whether
 * the output folder exists afterwards (a refused file must leave none).
 */
export function calibrateSpecFile(
  dir: string,
  name: string,
  spec: unknown,
): { result: CliResult; wroteOut: boolean } {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(spec, null, 2));
  const out = join(dir, "out");
  const result = spiral(["calibrate", file, "--out", out, "--quiet"]);
  return { result, wroteOut: existsSync(out) };
}
