// A shard's own tables, in shards/<i>-of-<N>/: runs.csv, runs.parquet and
// timings.csv with the shard's runs only, in the runs table's order. They are
// for looking at one shard; `spiral merge` builds the sweep's tables from the
// done/ records, never from these.
import { join } from "node:path";
import { AtomicFileStream } from "../io/atomicWrite.ts";
import { shardRuns } from "./shard.ts";
import type { SweepPlan } from "./sweepPlan.ts";
import {
  type FailedRun,
  RUNS_CSV,
  RUNS_PARQUET,
  RunsTable,
  readRecord,
  type SweepTables,
  TIMINGS_CSV,
} from "./sweepResults.ts";

/** Writes <shardDir>/runs.csv, runs.parquet, timings.csv from the shard's records in <dir>/done. */
export function writeShardTables(
  dir: string,
  shardDir: string,
  plan: SweepPlan,
  mask: Uint8Array,
): SweepTables {
  const table = new RunsTable(shardDir, plan);
  const timings = new AtomicFileStream(join(shardDir, TIMINGS_CSV));
  const failed: FailedRun[] = [];
  let completed = 0;
  try {
    timings.write("runId,status,attempts,durationSeconds\n");
    for (const run of shardRuns(plan, mask)) {
      const record = readRecord(dir, run.runId);
      if (record === undefined) throw new Error(`sweep: no result record for run ${run.runId}`);
      table.append(run, record);
      timings.write(
        `${record.runId},${record.status},${record.attempts},${record.durationSeconds.toFixed(3)}\n`,
      );
      if (record.status === "completed") completed++;
      else failed.push({ runId: record.runId, error: record.error ?? "failed" });
    }
    table.close();
    timings.commit();
  } catch (err) {
    table.abort();
    timings.abort();
    throw err;
  }
  return { completed, failed, files: [RUNS_CSV, RUNS_PARQUET, TIMINGS_CSV] };
}
