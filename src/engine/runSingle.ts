// A single run, in-process: the one place where the model meets the result
// files (docs/development.md, "Engine principles": io and analysis never import the model). The sequence is
// the one io/ documents: prepare the folder, write a "running" manifest,
// stream series, events and firm snapshots tick by tick, then close the
// writers, write summary.json and the "completed" manifest with the hashes.
// On any error the writers are aborted (no half-written file is left under a
// final name) and the manifest says "failed" with the error.
import { rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { SpiralConfig } from "../config/index.ts";
import { writeFileAtomic } from "../io/atomicWrite.ts";
import { EventsWriter, type RunEvent } from "../io/eventsWriter.ts";
import { buildManifest, type Manifest, type ManifestInput, writeManifest } from "../io/manifest.ts";
import { ProgressReporter, type ProgressStream } from "../io/progress.ts";
import { prepareRunFolder } from "../io/runFolder.ts";
import { SeriesWriter } from "../io/seriesWriter.ts";
import { CHECKPOINT_FILE, type Checkpoint, type CheckpointOutputs, writeCheckpoint } from "./checkpoint.ts";
import { FirmSnapshotWriter, isSnapshotTick } from "./firmSnapshots.ts";
import type { Model, TickOutput } from "./model.ts";
import { modelKind } from "./models.ts";
import { type RunSummary, summarizeSeries } from "./summary.ts";

export const SUMMARY_FILE = "summary.json";

/** How long the run loop may hold the event loop before it yields, so that signals get handled. */
const YIELD_INTERVAL_MS = 50;

/** The run was stopped from outside (Ctrl-C, SIGTERM) through `RunOptions.signal`. */
export class RunInterrupted extends Error {
  constructor(
    /** The signal that stopped the run, e.g. "SIGINT", if known. */
    readonly signalName?: string,
  ) {
    super("interrupted");
    this.name = "RunInterrupted";
  }
}

export interface RunOptions {
  /** The run folder; created if missing (see io/runFolder.ts for what an existing one may hold). */
  outDir: string;
  /** Command line that reproduces the run, for the manifest (io/manifest.ts formatCommand). */
  command: string;
  /** No progress output. */
  quiet?: boolean;
  /** Where progress goes. Default process.stderr. */
  progressStream?: ProgressStream;
  /** Replace a completed run in `outDir`. */
  overwrite?: boolean;
  /**
   * Stops the run between two ticks when aborted: the run then fails with
   * RunInterrupted. The reason, if a string, is taken as the signal name.
   */
  signal?: AbortSignal;
  /** Write a checkpoint every this many ticks (0 or absent: never). */
  checkpointEvery?: number;
  /** Where checkpoints go. Default `<outDir>/checkpoint.spck`; removed when the run completes. */
  checkpointPath?: string;
  /** Continue from this checkpoint (opened with openCheckpoint for the same config). */
  resumeFrom?: Checkpoint;
  /**
   * Threads of the run (default 1): the passes over the households run in
   * slices on threads − 1 workers and this thread (engine/threads.ts); the
   * outputs are byte-identical for any number. The Lengnick model runs on one thread.
   */
  threads?: number;
  /** Called after each checkpoint is written. */
  onCheckpoint?: (path: string, ticksDone: number) => void;
}

export interface RunResult {
  outDir: string;
  summary: RunSummary;
  manifest: Manifest;
}

export interface InMemoryRun {
  /** Every numeric series column, one value per tick (index i is tick i + 1). */
  series: Record<string, Float64Array>;
  /** The `date` column. */
  dates: string[];
  /** Every event, as events.ndjson would hold it. */
  events: RunEvent[];
  summary: RunSummary;
  /** With `firmSizes`: employees of every non-AI firm at every firm-snapshot tick (firms.csv's column). */
  firmEmployees?: Float64Array;
}

/**
 * Runs `config` for `config.ticks` ticks and writes the run folder:
 * manifest.json, series.csv, series.parquet, events.ndjson, firms.csv,
 * summary.json. Yields to the event loop every ~50 ms so signal handlers
 * can abort it through `opts.signal`.
 * @example const { summary } = await runSingle(loadConfig("configs/baseline.json"), { outDir: "results/x", command: "spiral run configs/baseline.json" });
 * @throws InputError if the folder cannot be used (see prepareRunFolder) —
 *   then nothing is written; ModelFailure if the model breaks a guarantee;
 *   RunInterrupted if `opts.signal` aborts; any I/O error. After the folder
 *   is prepared, every error leaves a "failed" manifest behind.
 */
export async function runSingle(config: SpiralConfig, opts: RunOptions): Promise<RunResult> {
  const dir = opts.outDir;
  const checkpointPath = opts.checkpointPath ?? join(dir, CHECKPOINT_FILE);
  const checkpointEvery = opts.checkpointEvery ?? 0;
  // The checkpoint is read whole before the folder is prepared: resuming in
  // the folder of the interrupted run must not delete it first.
  let sim: Model | undefined;
  let resumed: CheckpointOutputs | undefined;
  let startTick = 0;
  const threads = opts.threads ?? 1;
  if (opts.resumeFrom) {
    sim = modelKind(config).create(config, threads);
    resumed = opts.resumeFrom.restore(sim.roots());
    startTick = opts.resumeFrom.ticksDone;
  }
  const resumePath = opts.resumeFrom ? resolve(opts.resumeFrom.path) : undefined;
  const keep = resumePath !== undefined && dirname(resumePath) === resolve(dir) ? [basename(resumePath)] : [];
  prepareRunFolder(dir, { overwrite: opts.overwrite ?? false, keep });
  const base: Omit<ManifestInput, "status" | "ticks"> = {
    folder: dir,
    command: opts.command,
    config,
    seed: config.seed,
    startedAt: new Date(),
  };
  writeManifest(dir, buildManifest({ ...base, status: "running", ticks: startTick }));

  const progress = new ProgressReporter({
    total: config.ticks,
    label: config.name,
    quiet: opts.quiet ?? false,
    stream: opts.progressStream,
  });
  let series: SeriesWriter | undefined;
  let events: EventsWriter | undefined;
  let firms: FirmSnapshotWriter | undefined;
  let done = startTick;
  try {
    const kind = modelKind(config);
    series = new SeriesWriter(dir, kind.columns(config));
    events = new EventsWriter(dir);
    firms = new FirmSnapshotWriter(dir, resumed?.firms);
    sim ??= kind.create(config, threads);
    await sim.startThreads(threads);
    const summarySpec = kind.summary(config);
    const recorder = new ColumnRecorder(summarySpec.recorded, config.ticks, summarySpec.columns);
    if (resumed) {
      resumed.seriesRows.forEach((row, i) => {
        series?.append(row);
        recorder.record(row, i);
      });
      events.appendRaw(resumed.events);
    }
    let lastYield = performance.now();
    for (let i = startTick; i < config.ticks; i++) {
      if (opts.signal?.aborted) throw interruption(opts.signal);
      const { row, date, events: tickEvents } = advance(sim);
      series.append(row);
      for (const event of tickEvents) events.append(event);
      recorder.record(row, i);
      const table = sim.firmTable?.();
      if (table && isSnapshotTick(table.tick, config.burnInTicks)) firms.append(table);
      done = i + 1;
      progress.update(done, date);
      if (checkpointEvery > 0 && done % checkpointEvery === 0 && done < config.ticks) {
        writeCheckpoint(checkpointPath, {
          config,
          roots: sim.roots(),
          ticksDone: done,
          outputs: { seriesRows: series.rows(), events: events.writtenBytes(), firms: firms.writtenBytes() },
        });
        opts.onCheckpoint?.(checkpointPath, done);
      }
      if (performance.now() - lastYield >= YIELD_INTERVAL_MS) {
        await yieldToEventLoop();
        lastYield = performance.now();
      }
    }
    series.close();
    events.close();
    firms.close();
    const summary = summarizeSeries(summarySpec.inputs(recorder.columns), summarySpec.info);
    writeFileAtomic(join(dir, SUMMARY_FILE), `${JSON.stringify(summary, null, 2)}\n`);
    // The AI chain's network at the end of the run, for the report's diagram.
    const network = sim.network?.();
    if (network !== undefined) {
      writeFileAtomic(join(dir, "network.json"), `${JSON.stringify(network, null, 2)}\n`);
    }
    // A finished run needs no checkpoint: its own is removed (and the one it
    // resumed from if that lies in its folder), not one kept elsewhere.
    if (checkpointEvery > 0) rmSync(checkpointPath, { force: true });
    if (keep.length > 0 && resumePath !== undefined) rmSync(resumePath, { force: true });
    const manifest = buildManifest({ ...base, status: "completed", finishedAt: new Date(), ticks: done });
    writeManifest(dir, manifest);
    progress.finish();
    sim.close();
    return { outDir: dir, summary, manifest };
  } catch (err) {
    series?.abort();
    events?.abort();
    firms?.abort();
    progress.finish();
    sim?.close();
    try {
      const error = err instanceof Error ? err.message : String(err);
      writeManifest(
        dir,
        buildManifest({ ...base, status: "failed", error, finishedAt: new Date(), ticks: done }),
      );
    } catch {
      // The folder may be gone or full; the error worth reporting is the original one.
    }
    throw err;
  }
}

/**
 * Runs `config` without touching the disk and returns every series column,
 * the events and the summary (and, with `firmSizes`, the firm sizes of the snapshots). Synchronous; for tests and quick experiments.
 * @throws ModelFailure if the model breaks a guarantee.
 */
export function runInMemory(config: SpiralConfig, options: { firmSizes?: boolean } = {}): InMemoryRun {
  const kind = modelKind(config);
  const columns = kind.columns(config);
  const numeric = columns.filter((c) => c.type !== "string").map((c) => c.name);
  const sim = kind.create(config, 1);
  const recorder = new ColumnRecorder(numeric, config.ticks, columns);
  const dates: string[] = [];
  const events: RunEvent[] = [];
  const sizes: number[] = [];
  for (let i = 0; i < config.ticks; i++) {
    const { row, date, events: tickEvents } = advance(sim);
    recorder.record(row, i);
    dates.push(date);
    events.push(...tickEvents);
    // The employees column of firms.csv, as the firm snapshots would write it.
    const table = options.firmSizes ? sim.firmTable?.() : undefined;
    if (table && isSnapshotTick(table.tick, config.burnInTicks)) {
      for (let j = 0; j < table.firms.n; j++) sizes.push(table.firms.employees[j]);
    }
  }
  const series = recorder.columns;
  const spec = kind.summary(config);
  const summary = summarizeSeries(spec.inputs(series), spec.info);
  return {
    series,
    dates,
    events,
    summary,
    firmEmployees: options.firmSizes ? Float64Array.from(sizes) : undefined,
  };
}

/** Steps the model one tick and measures it; the returned row is reused by the next call. */
function advance(model: Model): TickOutput {
  model.step();
  return model.measure();
}

/** Chosen numeric series columns kept as Float64Arrays of the run's length. */
class ColumnRecorder {
  readonly columns: Record<string, Float64Array> = {};
  readonly #indices: number[];
  readonly #arrays: Float64Array[];

  constructor(names: readonly string[], ticks: number, columns: readonly { name: string }[]) {
    this.#indices = names.map((name) => columnIndex(name, columns));
    this.#arrays = names.map((name) => {
      const array = new Float64Array(ticks);
      this.columns[name] = array;
      return array;
    });
  }

  record(row: readonly (number | string)[], i: number): void {
    for (let c = 0; c < this.#indices.length; c++) this.#arrays[c][i] = Number(row[this.#indices[c]]);
  }
}

function columnIndex(name: string, columns: readonly { name: string }[]): number {
  const index = columns.findIndex((c) => c.name === name);
  if (index < 0) throw new Error(`engine: the model's series columns have no "${name}" column`);
  return index;
}

function interruption(signal: AbortSignal): RunInterrupted {
  return new RunInterrupted(typeof signal.reason === "string" ? signal.reason : undefined);
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
