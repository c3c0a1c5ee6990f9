// The names in a sweep folder and the run record done/<runId>.json holds
// (engine/sweepResults.ts writes and reads them), in a module of their own so
// that comparison.ts, which sweepResults.ts imports, can name them without
// importing sweepResults.ts back.
import type { RunSummary } from "./summary.ts";

export const RUNS_CSV = "runs.csv";
export const RUNS_PARQUET = "runs.parquet";
export const TIMINGS_CSV = "timings.csv";
export const AGGREGATES_DIR = "aggregates";
export const AGGREGATES_JSON = "aggregates.json";
export const SENSITIVITY_JSON = "sensitivity.json";
export const DONE_DIR = "done";
export const RUNS_DIR = "runs";

/** What done/<runId>.json holds: the outcome of one run, written atomically when it ends. */
export interface RunRecord {
  runId: string;
  pointId: string;
  replication: number;
  seed: number;
  /** SHA-256 of the run's canonical config: a record counts on resume only if the plan's config matches. */
  configSha256: string;
  status: "completed" | "failed";
  error: string | null;
  attempts: number;
  durationSeconds: number;
  summary: RunSummary | null;
}
