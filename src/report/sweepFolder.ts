// Reads what the sweep report needs from a sweep folder, in the format
// engine/sweepResults.ts and engine/sweepManifest.ts write:
//   manifest.json              kind "spiral-sweep", the sweep file, design, counts, status
//   runs.csv                   one row per run: runId, pointId, replication, seed,
//                              one column per parameter, one per metric, status, error
//   aggregates/aggregates.json per point: parameter values, crisis probability (Wilson), metric quantiles
//   aggregates/<pointId>.csv   per tick: <column>_mean, _q05, _q25, _q50, _q75, _q95
//   aggregates/sensitivity.json  Sobol indices or PRCC (designs other than a grid)
// The names are repeated here rather than imported: importing the engine's
// sweep modules would load the worker pool, Parquet and the config schema.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../errors.ts";
import { MANIFEST_FILE } from "../io/manifest.ts";
import { readSeriesCsv, type SeriesTable } from "../io/readSeries.ts";

export const SWEEP_KIND = "spiral-sweep";
const RUNS_CSV = "runs.csv";
const AGGREGATES_DIR = "aggregates";
const AGGREGATES_JSON = "aggregates.json";
const SENSITIVITY_JSON = "sensitivity.json";

export interface Interval95 {
  estimate: number | null;
  lower: number | null;
  upper: number | null;
}

export interface PointAggregate {
  pointId: string;
  values: Record<string, unknown>;
  /** Readable text of each value: a named level's or scenario's name (sweeps written before labels existed have none). */
  labels?: Record<string, string>;
  runs: number;
  completed: number;
  failed: number;
  seriesRuns: number;
  /** aggregates/<file> with the point's series bands, or null if its series were not kept. */
  bands: string | null;
  crisisProbability: { crises: number; runs: number } & Interval95;
  metrics: Record<
    string,
    {
      n: number;
      mean?: number | null;
      /** Standard deviation over the point's runs (sweeps written before it existed have none). */
      sd?: number | null;
      q05?: number | null;
      q50?: number | null;
      q95?: number | null;
    }
  >;
}

export interface Aggregates {
  sweep: string;
  design: string;
  replications: number;
  parameters: string[];
  metrics: string[];
  confidence: number;
  points: PointAggregate[];
}

export interface SweepManifest {
  kind: string;
  spiral?: string;
  node?: string;
  gitCommit?: string | null;
  command?: string;
  sweep?: { description?: unknown };
  design?: { type?: string; points?: number; replications?: number; runs?: number; keep?: string };
  workers?: number;
  status?: string;
  finishedAt?: string | null;
  wallSeconds?: number | null;
  counts?: { points: number; runs: number; completed: number; failed: number; pending: number };
}

export interface SweepFolder {
  dir: string;
  manifest: SweepManifest | null;
  aggregates: Aggregates;
  /** runs.csv as text cells (metric cells of failed runs are empty). */
  runs: { columns: string[]; rows: string[][] };
  sensitivity: unknown | null;
}

/** True if `dir` holds a sweep (its manifest says so, or it has runs.csv and aggregates/). */
export function isSweepFolder(dir: string): boolean {
  const manifest = join(dir, MANIFEST_FILE);
  if (existsSync(manifest)) {
    try {
      return JSON.parse(readFileSync(manifest, "utf8"))?.kind === SWEEP_KIND;
    } catch {
      return false;
    }
  }
  return existsSync(join(dir, RUNS_CSV)) && existsSync(join(dir, AGGREGATES_DIR, AGGREGATES_JSON));
}

/**
 * Loads a finished sweep folder.
 * @throws InputError if runs.csv or aggregates/aggregates.json is missing
 *   (an unfinished sweep: finish it with `spiral sweep … --resume`) or malformed.
 */
export function readSweepFolder(dir: string): SweepFolder {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new InputError(`sweep folder not found: ${dir}`, dir);
  const aggregatesPath = join(dir, AGGREGATES_DIR, AGGREGATES_JSON);
  const runsPath = join(dir, RUNS_CSV);
  for (const path of [runsPath, aggregatesPath]) {
    if (!existsSync(path)) {
      throw new InputError(`no ${path.slice(dir.length + 1)} in ${dir}: the sweep has not finished`, path);
    }
  }
  const aggregates = readJson<Aggregates>(aggregatesPath)!;
  if (!Array.isArray(aggregates.points) || !Array.isArray(aggregates.parameters)) {
    throw new InputError(`${aggregatesPath}: expected "points" and "parameters" arrays`, aggregatesPath);
  }
  return {
    dir,
    manifest: readJson<SweepManifest>(join(dir, MANIFEST_FILE)),
    aggregates,
    runs: readRunsTable(runsPath),
    sensitivity: readJson<unknown>(join(dir, AGGREGATES_DIR, SENSITIVITY_JSON)),
  };
}

/** A point's series bands (aggregates/<pointId>.csv), or null if the sweep kept none for it. */
export function readPointBands(dir: string, point: PointAggregate): SeriesTable | null {
  if (point.bands === null) return null;
  const path = join(dir, AGGREGATES_DIR, point.bands);
  return existsSync(path) ? readSeriesCsv(path) : null;
}

function readJson<T>(path: string): T | null {
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as T;
  } catch (err) {
    throw new InputError(`${path}: not valid JSON (${(err as Error).message})`, path);
  }
}

/** runs.csv with every cell as text: failed runs leave metric cells empty, which the series reader refuses. */
function readRunsTable(path: string): { columns: string[]; rows: string[][] } {
  const header = readFileSync(path, "utf8").split("\n", 1)[0]!;
  const names = header.split(",").map((n) => n.replace(/^"|"$/g, "").replaceAll('""', '"'));
  const table = readSeriesCsv(path, { stringColumns: names });
  const n = (table.data[table.columns[0]!] as string[]).length;
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) rows.push(table.columns.map((c) => (table.data[c] as string[])[i]!));
  return { columns: table.columns, rows };
}
