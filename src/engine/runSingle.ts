// A single run, in-process: the one place where the model meets the result
// files (docs/development.md, "Engine principles": io and analysis never import the model). The sequence is
// the one io/ documents: prepare the folder, write a "running" manifest,
// stream series, events and firm snapshots tick by tick, then close the
// writers, write summary.json and the "completed" manifest with the hashes.
// On any error the writers are aborted (no half-written file is left under a
// final name) and the manifest says "failed" with the error.
import { rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { chainStartTick } from "../config/calendar.ts";
import type { SpiralConfig } from "../config/index.ts";
import { writeFileAtomic } from "../io/atomicWrite.ts";
import { EventsWriter, type RunEvent } from "../io/eventsWriter.ts";
import { buildManifest, type Manifest, type ManifestInput, writeManifest } from "../io/manifest.ts";
import { ProgressReporter, type ProgressStream } from "../io/progress.ts";
import { prepareRunFolder } from "../io/runFolder.ts";
import { SeriesWriter } from "../io/seriesWriter.ts";
import {
  chainNetwork,
  createModel,
  MetricsTracker,
  type ModelState,
  SERIES_COLUMNS,
  seriesColumnsFor,
  step,
} from "../model/index.ts";
import {
  createLengnickModel,
  LENGNICK_SERIES_COLUMNS,
  LENGNICK_SUMMARY_SOURCES,
  LengnickMetrics,
  type LengnickState,
  stepMonth,
} from "../model/lengnick2013/index.ts";
import { BUST_COLUMNS } from "./bust.ts";
import { CHECKPOINT_FILE, type Checkpoint, type CheckpointOutputs, writeCheckpoint } from "./checkpoint.ts";
import { FirmSnapshotWriter, isSnapshotTick } from "./firmSnapshots.ts";
import {
  CHAIN_SUMMARY_COLUMNS,
  type RunSummary,
  SUMMARY_COLUMNS,
  type SummaryColumn,
  type SummaryInfo,
  summarizeSeries,
} from "./summary.ts";
import { ThreadedRunner } from "./threads.ts";

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
  let sim: Simulation | undefined;
  let resumed: CheckpointOutputs | undefined;
  let startTick = 0;
  const threads = opts.threads ?? 1;
  if (opts.resumeFrom) {
    sim = new Simulation(config, threads);
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
    series = new SeriesWriter(dir, columnsOf(config));
    events = new EventsWriter(dir);
    firms = new FirmSnapshotWriter(dir, resumed?.firms);
    sim ??= new Simulation(config, threads);
    await sim.startThreads(threads);
    const recorder = summaryRecorder(config);
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
      const { row, date, events: tickEvents } = sim.advance();
      series.append(row);
      for (const event of tickEvents) events.append(event);
      recorder.record(row, i);
      if (sim.model && isSnapshotTick(sim.model.tick, config.burnInTicks)) firms.append(sim.model);
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
    const summary = summarizeSeries(summaryInputs(config, recorder.columns), summaryInfo(config));
    writeFileAtomic(join(dir, SUMMARY_FILE), `${JSON.stringify(summary, null, 2)}\n`);
    // The AI chain's network at the end of the run, for the report's diagram.
    if (sim.model && sim.model.aiChain.n > 0) {
      writeFileAtomic(join(dir, "network.json"), `${JSON.stringify(chainNetwork(sim.model), null, 2)}\n`);
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
  const columns = columnsOf(config);
  const numeric = columns.filter((c) => c.type !== "string").map((c) => c.name);
  const sim = new Simulation(config);
  const recorder = new ColumnRecorder(numeric, config.ticks, columns);
  const dates: string[] = [];
  const events: RunEvent[] = [];
  const sizes: number[] = [];
  for (let i = 0; i < config.ticks; i++) {
    const { row, date, events: tickEvents } = sim.advance();
    recorder.record(row, i);
    dates.push(date);
    events.push(...tickEvents);
    // The employees column of firms.csv, as the firm snapshots would write it.
    if (options.firmSizes && sim.model && isSnapshotTick(sim.model.tick, config.burnInTicks)) {
      for (let j = 0; j < sim.model.firms.n; j++) sizes.push(sim.model.firms.employees[j]);
    }
  }
  const series = recorder.columns;
  const summary = summarizeSeries(summaryInputs(config, series), summaryInfo(config));
  return {
    series,
    dates,
    events,
    summary,
    firmEmployees: options.firmSizes ? Float64Array.from(sizes) : undefined,
  };
}

/** The model and its metrics, advanced one tick at a time. */
class Simulation {
  /** The core model; undefined when `config.model` selects another model. */
  readonly model: ModelState | undefined;
  readonly #lengnick: { state: LengnickState; metrics: LengnickMetrics } | undefined;
  readonly #tracker: MetricsTracker | undefined;
  readonly #dateColumn: number;

  /** `threads` > 1 puts the populations on SharedArrayBuffer; startThreads then starts the workers. */
  constructor(config: SpiralConfig, threads = 1) {
    if (config.model === "lengnick2013") {
      this.#lengnick = {
        state: createLengnickModel(config),
        metrics: new LengnickMetrics(config.ticks, config.startDate),
      };
      this.#dateColumn = columnIndex("date", LENGNICK_SERIES_COLUMNS);
      return;
    }
    this.model = createModel(config, { shared: threads > 1 });
    this.#tracker = new MetricsTracker(config.ticks, config);
    this.#dateColumn = columnIndex("date");
  }

  /** Runs the passes over the households on `threads` threads from now on (core model only). */
  async startThreads(threads: number): Promise<void> {
    if (this.model && threads > 1) await ThreadedRunner.start(this.model, threads);
  }

  /** Stops the worker threads, if any. */
  close(): void {
    this.model?.runner.close();
  }

  /**
   * The objects that hold the whole run state, for checkpoints (engine/stateWalk.ts
   * walks them): the model and its metrics tracker.
   */
  roots(): Record<string, object> {
    if (this.#lengnick) return { model: this.#lengnick.state, metrics: this.#lengnick.metrics };
    return { model: this.model as ModelState, metrics: this.#tracker as MetricsTracker };
  }

  /**
   * Steps the model, measures the tick and drains `model.events` (plus the
   * crisis events the tracker adds) into RunEvents carrying tick and date.
   * The returned row is reused by the next call.
   */
  advance(): { row: readonly (number | string)[]; date: string; events: RunEvent[] } {
    if (this.#lengnick) {
      stepMonth(this.#lengnick.state);
      const row = this.#lengnick.metrics.measure(this.#lengnick.state);
      return { row, date: String(row[this.#dateColumn]), events: [] };
    }
    const m = this.model as ModelState;
    step(m);
    const row = (this.#tracker as MetricsTracker).measure(m, m.events);
    const date = String(row[this.#dateColumn]);
    const tick = m.tick;
    // tick, date and type first (the events.ndjson order), and never overridden by a detail.
    const events = m.events.map(
      (e): RunEvent => Object.assign({ tick, date, type: e.type }, e, { tick, date }),
    );
    m.events.length = 0;
    return { row, date, events };
  }
}

/** The series columns of the model `config` selects. */
function columnsOf(config: SpiralConfig): typeof LENGNICK_SERIES_COLUMNS {
  return config.model === "lengnick2013" ? LENGNICK_SERIES_COLUMNS : seriesColumnsFor(config);
}

/** What the summary needs besides the columns: name, seed, burn-in, and the chain for the bust measures. */
function summaryInfo(config: SpiralConfig): SummaryInfo {
  const info: SummaryInfo = { name: config.name, seed: config.seed, burnInTicks: config.burnInTicks };
  if (config.model !== "lengnick2013" && config.aiChain.enabled) {
    info.chain = {
      chainStartTick: chainStartTick(config),
      firms: config.aiChain.firms.map((f) => ({ name: f.name, role: f.role })),
      startDate: config.startDate,
    };
  }
  return info;
}

/** Records the columns the run summary is computed from (with the chain: its bust measures' too). */
function summaryRecorder(config: SpiralConfig): ColumnRecorder {
  if (config.model !== "lengnick2013") {
    if (!config.aiChain.enabled) return new ColumnRecorder(SUMMARY_COLUMNS, config.ticks);
    const names = [
      ...SUMMARY_COLUMNS,
      ...CHAIN_SUMMARY_COLUMNS,
      ...BUST_COLUMNS,
      ...config.aiChain.firms.map((f) => `${f.name}_defaulted`),
    ];
    return new ColumnRecorder([...new Set(names)], config.ticks, columnsOf(config));
  }
  const sources = Object.values(LENGNICK_SUMMARY_SOURCES).filter((c): c is string => c !== null);
  return new ColumnRecorder(sources, config.ticks, LENGNICK_SERIES_COLUMNS);
}

/** The summary's input columns: the recorded ones, renamed for a model other than the core (zeros where it has none). */
function summaryInputs(
  config: SpiralConfig,
  recorded: Record<string, Float64Array>,
): Record<SummaryColumn, Float64Array> {
  if (config.model !== "lengnick2013") {
    if (config.aiChain.enabled) return recorded as Record<SummaryColumn, Float64Array>;
    // Without the chain its columns are zeros: leave them out, so the summary says "no chain" (null).
    const core = {} as Record<SummaryColumn, Float64Array>;
    for (const name of SUMMARY_COLUMNS) core[name] = recorded[name];
    return core;
  }
  const out = {} as Record<SummaryColumn, Float64Array>;
  for (const name of SUMMARY_COLUMNS) {
    const source = LENGNICK_SUMMARY_SOURCES[name];
    out[name] = source ? recorded[source] : new Float64Array(config.ticks);
  }
  return out;
}

/** Chosen numeric series columns kept as Float64Arrays of the run's length. */
class ColumnRecorder {
  readonly columns: Record<string, Float64Array> = {};
  readonly #indices: number[];
  readonly #arrays: Float64Array[];

  constructor(
    names: readonly string[],
    ticks: number,
    columns: readonly { name: string }[] = SERIES_COLUMNS,
  ) {
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

function columnIndex(name: string, columns: readonly { name: string }[] = SERIES_COLUMNS): number {
  const index = columns.findIndex((c) => c.name === name);
  if (index < 0) throw new Error(`engine: the model's SERIES_COLUMNS has no "${name}" column`);
  return index;
}

function interruption(signal: AbortSignal): RunInterrupted {
  return new RunInterrupted(typeof signal.reason === "string" ? signal.reason : undefined);
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
