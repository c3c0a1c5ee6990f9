// Spiral's core economy (src/model) behind the engine's Model interface
// (engine/model.ts): the model state and its metrics tracker, the threaded
// runner of the passes over the households, firms.csv's cross-section and
// the AI chain's network.
import { chainStartTick } from "../config/calendar.ts";
import type { SpiralConfig } from "../config/index.ts";
import type { RunEvent } from "../io/eventsWriter.ts";
import {
  chainNetwork,
  createModel,
  MetricsTracker,
  type ModelState,
  SERIES_COLUMNS,
  seriesColumnsFor,
  step,
} from "../model/index.ts";
import { firmCounts } from "../model/population.ts";
import { BUST_COLUMNS } from "./bust.ts";
import type { FirmTable } from "./firmSnapshots.ts";
import type { Model, ModelKind, SummarySpec, TickOutput } from "./model.ts";
import {
  CHAIN_SUMMARY_COLUMNS,
  OPTIONAL_SUMMARY_COLUMNS,
  SUMMARY_COLUMNS,
  type SummaryColumn,
  type SummaryInfo,
} from "./summary.ts";
import { ThreadedRunner } from "./threads.ts";

/** The summary's columns every core run records (chain or not). */
const CORE_SUMMARY_COLUMNS = [...SUMMARY_COLUMNS, ...OPTIONAL_SUMMARY_COLUMNS] as const;

class CoreModel implements Model {
  readonly state: ModelState;
  readonly #tracker: MetricsTracker;
  readonly #dateColumn: number;

  constructor(config: SpiralConfig, threads: number) {
    // With threads, the workers start first and draw the households at the start too (model/initPasses.ts).
    this.state = createModel(config, {
      shared: threads > 1,
      runner: threads > 1 ? (host) => ThreadedRunner.startNow(host, threads) : undefined,
    });
    this.#tracker = new MetricsTracker(config.ticks, config);
    this.#dateColumn = SERIES_COLUMNS.findIndex((c) => c.name === "date");
  }

  step(): void {
    step(this.state);
  }

  measure(): TickOutput {
    const m = this.state;
    const row = this.#tracker.measure(m, m.events);
    const date = String(row[this.#dateColumn]);
    const tick = m.tick;
    // tick, date and type first (the events.ndjson order), and never overridden by a detail.
    const events = m.events.map(
      (e): RunEvent => Object.assign({ tick, date, type: e.type }, e, { tick, date }),
    );
    m.events.length = 0;
    return { row, date, events };
  }

  /** The model and its metrics tracker (the checkpoint's two roots). */
  roots(): Record<string, object> {
    return { model: this.state, metrics: this.#tracker };
  }

  async startThreads(threads: number): Promise<void> {
    const old = this.state.runner;
    if (threads <= 1 || old.threads === threads) return;
    await ThreadedRunner.start(this.state, threads);
    if (old.threads > 1) old.close();
  }

  close(): void {
    this.state.runner.close();
  }

  firmTable(): FirmTable {
    return this.state;
  }

  network(): object | undefined {
    return this.state.aiChain.n > 0 ? chainNetwork(this.state) : undefined;
  }
}

/** The summary's inputs: SUMMARY_COLUMNS, and with the chain its columns and bust measures' too. */
function coreSummary(config: SpiralConfig): SummarySpec {
  const info: SummaryInfo = { name: config.name, seed: config.seed, burnInTicks: config.burnInTicks };
  if (!config.aiChain.enabled) {
    return {
      recorded: CORE_SUMMARY_COLUMNS,
      columns: SERIES_COLUMNS,
      // Without the chain its columns are zeros: leave them out, so the summary says "no chain" (null).
      inputs: (recorded) => {
        const core = {} as Record<(typeof CORE_SUMMARY_COLUMNS)[number], Float64Array>;
        for (const name of CORE_SUMMARY_COLUMNS) core[name] = recorded[name];
        return core;
      },
      info,
    };
  }
  info.chain = {
    chainStartTick: chainStartTick(config),
    firms: config.aiChain.firms.map((f) => ({ name: f.name, role: f.role })),
    startDate: config.startDate,
  };
  const names = [
    ...CORE_SUMMARY_COLUMNS,
    ...CHAIN_SUMMARY_COLUMNS,
    ...BUST_COLUMNS,
    ...config.aiChain.firms.map((f) => `${f.name}_defaulted`),
  ];
  return {
    recorded: [...new Set(names)],
    columns: seriesColumnsFor(config),
    inputs: (recorded) => recorded as Record<SummaryColumn, Float64Array>,
    info,
  };
}

export const CORE_MODEL: ModelKind = {
  columns: seriesColumnsFor,
  summary: coreSummary,
  // Counts of 0 (the default) scale with households: firmCounts resolves them (else the bankruptcy rate was NaN).
  firmCount: (config) => {
    const { consumption, capital } = firmCounts(config);
    return consumption + capital;
  },
  writesChainSummary: (config) => config.aiChain.enabled,
  create: (config, threads) => new CoreModel(config, threads),
};
