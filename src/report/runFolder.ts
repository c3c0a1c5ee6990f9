// Reads what a report needs from a finished run folder: the series, the
// manifest (config, seed, command), the summary, the events and the optional
// AI-chain network. Only series.csv is required; a report of a folder copied
// without its manifest still shows the charts.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { RunSummary } from "../engine/summary.ts";
import { InputError } from "../errors.ts";
import { EVENTS_FILE, type RunEvent } from "../io/eventsWriter.ts";
import { MANIFEST_FILE, type Manifest } from "../io/manifest.ts";
import { readSeriesCsv } from "../io/readSeries.ts";
import { SERIES_CSV } from "../io/seriesWriter.ts";
import { SWEEP_POINT_FILE, type SweepPointInfo } from "../io/sweepPoint.ts";
import { type Network, readNetwork } from "./network.ts";

/** engine/runSingle.ts SUMMARY_FILE; not imported from there, which would load the whole model. */
const SUMMARY_FILE = "summary.json";

export interface RunFolder {
  dir: string;
  /** Series column names in file order. */
  columns: string[];
  /** Every numeric column. */
  series: Record<string, Float64Array>;
  /** The `date` column, "YYYY-MM". */
  dates: string[];
  manifest: Manifest | null;
  summary: RunSummary | null;
  events: RunEvent[];
  network: Network | null;
  /** sweep-point.json: the sweep, point and replication of a sweep's run; null for a lone run. */
  sweepPoint?: SweepPointInfo | null;
}

/**
 * Loads a run folder for a report.
 * @throws InputError if `dir` is missing or not a folder, has no series.csv
 *   (an unfinished or failed run), or a file it holds is malformed.
 */
export function readRunFolder(dir: string): RunFolder {
  if (!existsSync(dir)) throw new InputError(`run folder not found: ${dir}`, dir);
  if (!statSync(dir).isDirectory()) throw new InputError(`not a run folder: ${dir} is a file`, dir);
  const seriesPath = join(dir, SERIES_CSV);
  if (!existsSync(seriesPath)) {
    throw new InputError(`no ${SERIES_CSV} in ${dir}: not a finished Spiral run folder`, seriesPath);
  }
  const table = readSeriesCsv(seriesPath);
  const series: Record<string, Float64Array> = {};
  for (const [name, column] of Object.entries(table.data)) {
    if (column instanceof Float64Array) series[name] = column;
  }
  const dates = table.data.date;
  if (!Array.isArray(dates)) throw new InputError(`${seriesPath}: no "date" column`, seriesPath);
  if (!series.tick) throw new InputError(`${seriesPath}: no "tick" column`, seriesPath);
  return {
    dir,
    columns: table.columns,
    series,
    dates,
    manifest: readJson<Manifest>(join(dir, MANIFEST_FILE)),
    summary: readJson<RunSummary>(join(dir, SUMMARY_FILE)),
    events: readEvents(join(dir, EVENTS_FILE)),
    network: readNetwork(dir),
    sweepPoint: readJson<SweepPointInfo>(join(dir, SWEEP_POINT_FILE)),
  };
}

function readJson<T>(path: string): T | null {
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as T;
  } catch (err) {
    throw new InputError(`${path}: not valid JSON (${(err as Error).message})`, path);
  }
}

function readEvents(path: string): RunEvent[] {
  if (!existsSync(path)) return [];
  const events: RunEvent[] = [];
  readFileSync(path, "utf8")
    .split("\n")
    .forEach((line, i) => {
      if (line === "") return;
      try {
        events.push(JSON.parse(line) as RunEvent);
      } catch {
        throw new InputError(`${path} line ${i + 1}: not valid JSON`, path);
      }
    });
  return events;
}
