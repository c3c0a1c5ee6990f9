// `spiral report DIR`: the report of whatever DIR holds, a run or a sweep.
import { InputError } from "../errors.ts";
import { hasComparison, writeCompareReport } from "./compareReport.ts";
import { writeRunReport } from "./runReport.ts";
import { isSweepFolder } from "./sweepFolder.ts";
import { type SweepReportOptions, writeSweepReport } from "./sweepReport.ts";

export interface WrittenReport {
  path: string;
  kind: "run" | "sweep" | "comparison";
}

/**
 * Writes `<dir>/report.html` for a run folder or a sweep folder and lists it in the folder's manifest.
 * @throws InputError if `dir` is neither a finished run nor a finished sweep, or
 *   `options.heatmap` is given for a run or names a parameter the sweep does not vary.
 */
export function writeReport(dir: string, options: SweepReportOptions = {}): WrittenReport {
  if (isSweepFolder(dir)) {
    // Points on common seeds (spiral compare, a scenario sweep): the comparison report.
    if (hasComparison(dir) && !options.heatmap) return { path: writeCompareReport(dir), kind: "comparison" };
    return { path: writeSweepReport(dir, options), kind: "sweep" };
  }
  if (options.heatmap) throw new InputError(`--heatmap: ${dir} is a run, not a sweep`, "--heatmap");
  return { path: writeRunReport(dir), kind: "run" };
}
