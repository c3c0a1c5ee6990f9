// Where a run's results go, and making sure that folder is safe to write: a
// finished run is never overwritten by accident, an unrelated folder is never
// filled with (or hashed into) run outputs, and the leftovers of a failed or
// interrupted run are cleared so the new manifest lists only the new files.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { InputError } from "../errors.ts";
import { isTempName } from "./atomicWrite.ts";
import { MANIFEST_FILE } from "./manifest.ts";

/**
 * The run folder as an absolute path: `outFlag` resolved against the current
 * working directory, or by default `results/<configName>-seed<seed>-<YYYYMMDD-HHMMSS>`
 * with the timestamp in local time. Characters of `configName` outside
 * `[A-Za-z0-9._-]` become "-".
 */
export function resolveOutDir(
  outFlag: string | undefined,
  configName: string,
  seed: number,
  now: Date,
): string {
  if (outFlag !== undefined && outFlag !== "") return resolve(outFlag);
  const name = configName.replace(/[^A-Za-z0-9._-]+/g, "-") || "run";
  return resolve("results", `${name}-seed${seed}-${localTimestamp(now)}`);
}

export interface PrepareRunFolderOptions {
  /** Replace a completed run in the same folder (the CLI's --overwrite). */
  overwrite?: boolean;
  /** Names of files in the folder never to delete (the checkpoint a run resumes from). */
  keep?: readonly string[];
}

/**
 * Creates `dir` (and parents) or makes an existing one ready for a new run.
 * An existing folder must be empty or hold a previous Spiral run (a
 * manifest.json). A completed run is refused unless `overwrite`; a failed or
 * interrupted one is reused. Before reuse, the previous manifest, the files it
 * lists and any uncommitted temp files are deleted; other files are left alone
 * (and will appear in the new manifest's outputs).
 * @throws InputError if `dir` is a file, is non-empty without a manifest.json,
 *   or holds a completed run and `overwrite` is not set.
 */
export function prepareRunFolder(dir: string, options: PrepareRunFolderOptions = {}): void {
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    return;
  }
  if (!statSync(dir).isDirectory()) {
    throw new InputError(`output path ${dir} exists and is not a folder`, dir);
  }
  const names = readdirSync(dir);
  if (names.length === 0) return;
  if (!names.includes(MANIFEST_FILE)) {
    throw new InputError(
      `output folder ${dir} is not empty and holds no Spiral run (no ${MANIFEST_FILE}); choose another --out`,
      dir,
    );
  }
  const manifestPath = join(dir, MANIFEST_FILE);
  const previous = readPreviousManifest(manifestPath);
  if (previous.status === "completed" && !options.overwrite) {
    throw new InputError(
      `output folder ${dir} already holds a completed run; pass --overwrite to replace it or choose another --out`,
      manifestPath,
    );
  }
  const keep = new Set(options.keep ?? []);
  for (const file of previous.outputs) {
    if (keep.has(file)) continue;
    const target = resolve(dir, file);
    const inside = relative(resolve(dir), target);
    if (inside !== "" && inside.split(sep)[0] !== ".." && !isAbsolute(inside))
      rmSync(target, { force: true });
  }
  for (const name of names) {
    if (isTempName(name)) rmSync(join(dir, name), { force: true });
  }
  rmSync(manifestPath, { force: true });
}

/** Status and listed outputs of a previous manifest; tolerant of a damaged file (status "unknown"). */
function readPreviousManifest(path: string): { status: string; outputs: string[] } {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
    if (typeof parsed !== "object" || parsed === null) return { status: "unknown", outputs: [] };
    const { status, outputs } = parsed as { status?: unknown; outputs?: unknown };
    return {
      status: typeof status === "string" ? status : "unknown",
      outputs: typeof outputs === "object" && outputs !== null ? Object.keys(outputs) : [],
    };
  } catch {
    return { status: "unknown", outputs: [] };
  }
}

/** YYYYMMDD-HHMMSS in local time: the stamp of default result folders. */
export function localTimestamp(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const date = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}`;
  return `${date}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
}
