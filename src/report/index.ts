// Public surface of the reports: a run folder in, report.html or SVG figures out.

export { buildCompareReport, hasComparison, writeCompareReport } from "./compareReport.ts";
export {
  NETWORK_FILE,
  NETWORK_FORMAT,
  type Network,
  type NetworkEdge,
  type NetworkNode,
  parseNetwork,
  readNetwork,
} from "./network.ts";
export {
  configDifferences,
  MAX_PAIR_RUNS,
  PAIR_REPORT_FILE,
  pairReportPath,
  runLabels,
  writePairReport,
} from "./pairReport.ts";
export { plotRun } from "./plot.ts";
export { readRunFolder } from "./runFolder.ts";
export { buildRunReport, NETWORK_CHART_ID, REPORT_FILE, writeRunReport } from "./runReport.ts";
export { RUN_SECTIONS, resolveSections } from "./sections.ts";
export { isSweepFolder, readSweepFolder } from "./sweepFolder.ts";
export { buildSweepReport, type SweepReportOptions, writeSweepReport } from "./sweepReport.ts";
export { columnUnit, displayUnit } from "./units.ts";
export { type WrittenReport, writeReport } from "./writeReport.ts";
