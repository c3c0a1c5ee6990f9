// Lengnick (2013) "Agent-based macroeconomics: A baseline model" (JEBO
// 86:102–120) as Spiral's second model. Same tiny surface as the core
// model: build from a config, step one month, measure the month.
export { createLengnickModel } from "./init.ts";
export { gini, LENGNICK_SERIES_COLUMNS, LENGNICK_SUMMARY_SOURCES, LengnickMetrics } from "./metrics.ts";
export { checkMoney } from "./moneyCheck.ts";
export { MICRO_PER_UNIT } from "./params.ts";
export { stepMonth } from "./schedule.ts";
export type { LengnickState } from "./state.ts";
