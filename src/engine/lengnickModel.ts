// Lengnick (2013)'s baseline economy (src/model/lengnick2013) behind the
// engine's Model interface (engine/model.ts): one thread, no events, no
// firm snapshots; its summary reads its own columns under the core's names.
import type { SpiralConfig } from "../config/index.ts";
import {
  createLengnickModel,
  LENGNICK_SERIES_COLUMNS,
  LENGNICK_SUMMARY_SOURCES,
  LengnickMetrics,
  type LengnickState,
  stepMonth,
} from "../model/lengnick2013/index.ts";
import type { Model, ModelKind, SummarySpec, TickOutput } from "./model.ts";
import { SUMMARY_COLUMNS, type SummaryColumn } from "./summary.ts";

class LengnickModel implements Model {
  readonly #state: LengnickState;
  readonly #metrics: LengnickMetrics;
  readonly #dateColumn: number;

  constructor(config: SpiralConfig) {
    this.#state = createLengnickModel(config);
    this.#metrics = new LengnickMetrics(config.ticks, config.startDate);
    this.#dateColumn = LENGNICK_SERIES_COLUMNS.findIndex((c) => c.name === "date");
  }

  step(): void {
    stepMonth(this.#state);
  }

  measure(): TickOutput {
    const row = this.#metrics.measure(this.#state);
    return { row, date: String(row[this.#dateColumn]), events: [] };
  }

  roots(): Record<string, object> {
    return { model: this.#state, metrics: this.#metrics };
  }

  /** One thread: the model has no threaded runner. */
  async startThreads(): Promise<void> {}

  close(): void {}
}

/** The summary's inputs: Lengnick's columns renamed (LENGNICK_SUMMARY_SOURCES), zeros where it has none. */
function lengnickSummary(config: SpiralConfig): SummarySpec {
  return {
    recorded: Object.values(LENGNICK_SUMMARY_SOURCES).filter((c): c is string => c !== null),
    columns: LENGNICK_SERIES_COLUMNS,
    inputs: (recorded) => {
      const out = {} as Record<SummaryColumn, Float64Array>;
      for (const name of SUMMARY_COLUMNS) {
        const source = LENGNICK_SUMMARY_SOURCES[name];
        out[name] = source ? recorded[source] : new Float64Array(config.ticks);
      }
      return out;
    },
    info: { name: config.name, seed: config.seed, burnInTicks: config.burnInTicks },
  };
}

export const LENGNICK_MODEL: ModelKind = {
  columns: () => LENGNICK_SERIES_COLUMNS,
  summary: lengnickSummary,
  firmCount: () => undefined,
  writesChainSummary: () => false,
  create: (config) => new LengnickModel(config),
};
