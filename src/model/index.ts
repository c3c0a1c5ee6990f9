// The model's public surface (a tiny API users remember: docs/development.md, "Code style"): build
// from a config, step, read metrics. Pure and deterministic: no I/O, no
// worker code; the engine drives it.
export { chainNetwork } from "./agents/aiChain/network.ts";
export { createInitialState as createModel } from "./init.ts";
export {
  CHAIN_FIRM_COLUMNS,
  dateOfTick,
  MetricsTracker,
  SERIES_COLUMNS,
  seriesColumnsFor,
} from "./metrics.ts";
export { step } from "./schedule.ts";
export type { ModelEvent, ModelState } from "./state.ts";
