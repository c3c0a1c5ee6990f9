// `spiral reproduce RUN_DIR`: re-runs a finished run from its manifest (the
// resolved config, seed included) into a temporary folder and compares the
// outputs the promise covers (docs/development.md, "Engine principles": same config and seed ⇒ byte-identical
// series.csv, series.parquet, events.ndjson). Works for a run folder of
// `spiral run` and for runs/<runId>/ inside a sweep: both are run folders.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateConfigObject } from "../config/index.ts";
import { InputError } from "../errors.ts";
import { EVENTS_FILE } from "../io/eventsWriter.ts";
import { MANIFEST_FILE } from "../io/manifest.ts";
import type { ProgressStream } from "../io/progress.ts";
import { SERIES_CSV, SERIES_PARQUET } from "../io/seriesWriter.ts";
import { runSingle } from "./runSingle.ts";

/** Where series.csv first differs: the tick (from the reproduced file) and the column. */
export interface SeriesDifference {
  /** 1-based line of series.csv (1 = the header). */
  line: number;
  /** The tick of that row, or null for the header or a missing row. */
  tick: number | null;
  column: string;
  recorded: string | null;
  reproduced: string | null;
}

export interface ReproduceResult {
  identical: boolean;
  /** Null when series.csv is identical. */
  series: SeriesDifference | null;
  /** The other compared files that differ (byte for byte). */
  otherFiles: string[];
  /** Notes worth printing: a different Node major or Spiral version than the run's. */
  notes: string[];
}

export interface ReproduceOptions {
  quiet?: boolean;
  progressStream?: ProgressStream;
  signal?: AbortSignal;
}

/**
 * Re-runs the run in `runDir` and compares its outputs.
 * @throws {InputError} if `runDir` is not a finished run folder (no
 *   manifest, no series.csv, an invalid config in the manifest).
 */
export async function reproduceRun(runDir: string, opts: ReproduceOptions = {}): Promise<ReproduceResult> {
  if (!existsSync(runDir)) throw new InputError(`run folder not found: ${runDir}`, runDir);
  if (!statSync(runDir).isDirectory()) throw new InputError(`not a run folder: ${runDir} is a file`, runDir);
  const manifestPath = join(runDir, MANIFEST_FILE);
  let manifest: { config?: unknown; seed?: unknown; node?: unknown; spiral?: unknown; kind?: unknown };
  try {
    manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  } catch {
    throw new InputError(`no readable ${MANIFEST_FILE} in ${runDir}: not a Spiral run folder`, manifestPath);
  }
  if (manifest.kind === "spiral-sweep") {
    throw new InputError(
      `${runDir} is a sweep folder; reproduce one of its runs, e.g. spiral reproduce ${join(runDir, "runs", "<runId>")}`,
      manifestPath,
    );
  }
  if (!existsSync(join(runDir, SERIES_CSV))) {
    throw new InputError(`no ${SERIES_CSV} in ${runDir}: the run did not finish, nothing to compare`, runDir);
  }
  const config = validateConfigObject(manifest.config, `${manifestPath}: config`);
  if (typeof manifest.seed === "number" && manifest.seed !== config.seed) {
    throw new InputError(
      `${manifestPath}: seed ${manifest.seed} differs from config.seed ${config.seed}`,
      manifestPath,
    );
  }
  const notes: string[] = [];
  if (typeof manifest.node === "string" && major(manifest.node) !== major(process.version)) {
    notes.push(`the run was made with Node ${manifest.node}, this is ${process.version}: results may differ`);
  }

  const temp = mkdtempSync(join(tmpdir(), "spiral-reproduce-"));
  try {
    const outDir = join(temp, "run");
    await runSingle(config, {
      outDir,
      command: `spiral reproduce ${runDir}`,
      quiet: opts.quiet ?? false,
      progressStream: opts.progressStream,
      signal: opts.signal,
    });
    const series = compareSeries(
      readFileSync(join(runDir, SERIES_CSV), "utf8"),
      readFileSync(join(outDir, SERIES_CSV), "utf8"),
    );
    const otherFiles = [SERIES_PARQUET, EVENTS_FILE].filter(
      (file) => !sameBytes(join(runDir, file), join(outDir, file)),
    );
    return { identical: series === null && otherFiles.length === 0, series, otherFiles, notes };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/** The first difference between two series.csv texts, or null if they are identical. */
export function compareSeries(recorded: string, reproduced: string): SeriesDifference | null {
  if (recorded === reproduced) return null;
  const a = recorded.split("\n");
  const b = reproduced.split("\n");
  const header = b[0].split(",");
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    const line = i + 1;
    if (a[i] === undefined || b[i] === undefined) {
      const tick = b[i] === undefined ? null : tickOf(b[i]);
      return { line, tick, column: "(whole row)", recorded: a[i] ?? null, reproduced: b[i] ?? null };
    }
    const fa = a[i].split(",");
    const fb = b[i].split(",");
    for (let c = 0; c < Math.max(fa.length, fb.length); c++) {
      if (fa[c] === fb[c]) continue;
      return {
        line,
        tick: i === 0 ? null : tickOf(b[i]),
        column: i === 0 ? "(header)" : (header[c] ?? `(extra field ${c + 1})`),
        recorded: fa[c] ?? null,
        reproduced: fb[c] ?? null,
      };
    }
  }
  return null;
}

function tickOf(row: string): number | null {
  const tick = Number(row.split(",")[0]);
  return Number.isFinite(tick) ? tick : null;
}

function sameBytes(a: string, b: string): boolean {
  if (!existsSync(a) || !existsSync(b)) return existsSync(a) === existsSync(b);
  return readFileSync(a).equals(readFileSync(b));
}

function major(version: string): string {
  return version.replace(/^v/, "").split(".")[0];
}
