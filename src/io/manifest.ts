// manifest.json: what is needed to trust and reproduce a run — the exact
// resolved config and seed, the software versions, the command, timings, the
// outcome, and a SHA-256 of every output file so a copy can be checked later.
// Written at the start ("running") and rewritten at the end ("completed" or
// "failed"), always atomically.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { packagePath } from "../packagePaths.ts";
import { isTempName, writeFileAtomic } from "./atomicWrite.ts";

export const MANIFEST_FILE = "manifest.json";

export type RunStatus = "running" | "completed" | "failed";

export interface OutputFileInfo {
  sha256: string;
  bytes: number;
}

/** The manifest's fields, in the order they are written. */
export interface Manifest {
  spiral: string;
  node: string;
  gitCommit: string | null;
  command: string;
  config: unknown;
  seed: number;
  status: RunStatus;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
  wallSeconds: number | null;
  ticks: number;
  outputs: Record<string, OutputFileInfo>;
}

export interface ManifestInput {
  /** The run folder; every file in it except manifest.json (and uncommitted temp files) is hashed. */
  folder: string;
  /** Command line that reproduces the run; see `formatCommand`. */
  command: string;
  /** The resolved config object, written as given. */
  config: unknown;
  seed: number;
  status: RunStatus;
  /** Error message of a failed run; null otherwise. */
  error?: string | null;
  startedAt: Date;
  /** Null (or omitted) while running; `wallSeconds` is then null too. */
  finishedAt?: Date | null;
  /** Ticks simulated so far. */
  ticks: number;
}

/** Root of the Spiral package (the folder holding package.json), from this file's location. */
const PACKAGE_ROOT = packagePath("");
export const SPIRAL_VERSION: string = JSON.parse(
  readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8"),
).version;

/**
 * Assembles the manifest: adds versions and the git commit, and hashes the
 * files currently in `input.folder`, so call it after the writers are closed.
 */
export function buildManifest(input: ManifestInput): Manifest {
  const finishedAt = input.finishedAt ?? null;
  return {
    spiral: SPIRAL_VERSION,
    node: process.version,
    gitCommit: gitCommit(),
    command: input.command,
    config: input.config,
    seed: input.seed,
    status: input.status,
    error: input.error ?? null,
    startedAt: input.startedAt.toISOString(),
    finishedAt: finishedAt === null ? null : finishedAt.toISOString(),
    wallSeconds: finishedAt === null ? null : (finishedAt.getTime() - input.startedAt.getTime()) / 1000,
    ticks: input.ticks,
    outputs: hashOutputs(input.folder),
  };
}

/** Writes `<folder>/manifest.json` atomically: 2-space indent, final newline. */
export function writeManifest(folder: string, manifest: Manifest): void {
  const ordered: Manifest = {
    spiral: manifest.spiral,
    node: manifest.node,
    gitCommit: manifest.gitCommit,
    command: manifest.command,
    config: manifest.config,
    seed: manifest.seed,
    status: manifest.status,
    error: manifest.error,
    startedAt: manifest.startedAt,
    finishedAt: manifest.finishedAt,
    wallSeconds: manifest.wallSeconds,
    ticks: manifest.ticks,
    outputs: Object.fromEntries(Object.entries(manifest.outputs).sort(([a], [b]) => compareCodeUnits(a, b))),
  };
  writeFileAtomic(join(folder, MANIFEST_FILE), `${JSON.stringify(ordered, null, 2)}\n`);
}

/**
 * SHA-256 and size of every regular file under `folder` (recursively), keyed by
 * its "/"-separated path relative to `folder`, sorted. Skips the top-level
 * manifest.json and uncommitted `*.tmp-<pid>` files.
 */
export function hashOutputs(folder: string): Record<string, OutputFileInfo> {
  const found: [string, OutputFileInfo][] = [];
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const relative = prefix + entry.name;
      if (entry.isDirectory()) {
        walk(join(dir, entry.name), `${relative}/`);
      } else if (entry.isFile() && relative !== MANIFEST_FILE && !isTempName(entry.name)) {
        const bytes = readFileSync(join(dir, entry.name));
        found.push([
          relative,
          { sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length },
        ]);
      }
    }
  };
  walk(folder, "");
  found.sort(([a], [b]) => compareCodeUnits(a, b));
  return Object.fromEntries(found);
}

/**
 * A shell-safe command line from argv words, e.g. `formatCommand(["spiral", "run", "my config.json"])`
 * → `spiral run 'my config.json'`. Words made only of safe characters are left bare.
 */
export function formatCommand(argv: readonly string[]): string {
  return argv
    .map((word) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`))
    .join(" ");
}

/**
 * HEAD of the git repository whose top level is the Spiral package root, or
 * null if git is missing, the package is not a checkout (e.g. installed from
 * npm inside someone else's repository), or anything else goes wrong.
 */
export function gitCommit(): string | null {
  try {
    const output = execFileSync("git", ["rev-parse", "--show-toplevel", "HEAD"], {
      cwd: PACKAGE_ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 5000,
    });
    const [topLevel, commit] = output.trim().split("\n");
    if (topLevel === undefined || commit === undefined || !/^[0-9a-f]{40,64}$/.test(commit)) return null;
    return realpathSync(topLevel) === realpathSync(PACKAGE_ROOT) ? commit : null;
  } catch {
    return null;
  }
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
