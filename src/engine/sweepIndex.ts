// Public surface of sweeps: read a sweep file, plan it, run it (coordinator
// side; the worker side is sweepTask.ts behind workers/sweepRun.ts).
export { DEFAULT_WORKER_MEMORY_MB, runSweep, type SweepOptions, type SweepOutcome } from "./sweep.ts";
export type { SweepCounts, SweepStatus } from "./sweepManifest.ts";
export {
  checkSweepSize,
  configHash,
  designRunCount,
  keepsSeries,
  type PlannedRun,
  plannedRuns,
  planSweep,
  runConfig,
  type SweepPlan,
} from "./sweepPlan.ts";
export {
  type FailedRun,
  RUNS_CSV,
  RUNS_PARQUET,
  type RunRecord,
  readRecord,
  TIMINGS_CSV,
} from "./sweepResults.ts";
export { DEFAULT_METRICS, loadSweepSpec, SUMMARY_METRICS, type SweepSpec } from "./sweepSpec.ts";
