// Public surface of the engine: run a config, in memory or into a run folder.
export {
  FIRM_COLUMNS,
  FIRMS_FILE,
  FirmSnapshotWriter,
  isSnapshotTick,
  SNAPSHOT_INTERVAL_TICKS,
} from "./firmSnapshots.ts";
export {
  type InMemoryRun,
  RunInterrupted,
  type RunOptions,
  type RunResult,
  runInMemory,
  runSingle,
  SUMMARY_FILE,
} from "./runSingle.ts";
export { type RunSummary, SUMMARY_COLUMNS, type SummaryInfo, summarizeSeries } from "./summary.ts";
