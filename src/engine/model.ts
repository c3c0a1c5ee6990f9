// The one interface between the engine and a model (issue 20 item 1): what a
// run needs of any model — create it, step it, measure a tick, snapshot and
// restore its whole state — and, per config, its series columns and how its
// summary is read. The core economy (engine/coreModel.ts) and Lengnick
// (2013) (engine/lengnickModel.ts) implement it; runSingle.ts drives a
// `Model` without knowing which one it has, and engine/models.ts picks the
// kind from `config.model` in one table.
import type { SpiralConfig } from "../config/index.ts";
import type { RunEvent } from "../io/eventsWriter.ts";
import type { SeriesColumn } from "../model/metrics.ts";
import type { FirmTable } from "./firmSnapshots.ts";
import type { SummaryColumn, SummaryInfo } from "./summary.ts";

/** One tick's outputs: the series row (reused by the next call), its date and its events. */
export interface TickOutput {
  row: readonly (number | string)[];
  date: string;
  events: RunEvent[];
}

/** A model instance, advanced one tick at a time. */
export interface Model {
  /** Advances the model one tick. */
  step(): void;
  /** Measures the tick just stepped and drains its events (each carrying tick and date). */
  measure(): TickOutput;
  /**
   * The objects that hold the whole run state: a checkpoint snapshots them
   * and restores into them (engine/stateWalk.ts walks them).
   */
  roots(): Record<string, object>;
  /** Runs on `threads` threads from now on, where the model has a threaded runner (else a no-op). */
  startThreads(threads: number): Promise<void>;
  /** Stops its worker threads, if any. */
  close(): void;
  /** The firm cross-section firms.csv snapshots, if the model has one. */
  firmTable?(): FirmTable;
  /** The network written to network.json at the end of the run, if the model has one. */
  network?(): object | undefined;
}

/** What the summary needs of a kind of model: the series columns to record and how they map to its inputs. */
export interface SummarySpec {
  /** Names of the series columns to record. */
  recorded: readonly string[];
  /** The columns `recorded` indexes into. */
  columns: readonly { name: string }[];
  /** The summary's input columns from the recorded ones (zeros where the model has none). */
  inputs(recorded: Record<string, Float64Array>): Record<SummaryColumn, Float64Array>;
  info: SummaryInfo;
}

/** A kind of model: what a config of it writes, and how to create one. */
export interface ModelKind {
  /** The series columns a run of `config` writes, in file order. */
  columns(config: SpiralConfig): readonly SeriesColumn[];
  summary(config: SpiralConfig): SummarySpec;
  /** Firms of the economy (for the bankruptcy rate of the stylized facts), if it has a fixed count. */
  firmCount(config: SpiralConfig): number | undefined;
  /** Whether a run of `config` writes the AI chain's summary metrics (sweeps then add them to their default metrics). */
  writesChainSummary(config: SpiralConfig): boolean;
  /** `threads` > 1 may lay the model out for threads (shared memory); startThreads then starts them. */
  create(config: SpiralConfig, threads: number): Model;
}
