// sweep-point.json: written by a sweep's worker into each kept run folder
// (engine/sweepTask.ts) so that the run's report can say what the run is in
// its sweep — the varied parameters, not the base config's description — and
// how to re-run it alone.
/** sweep-point.json of a sweep's run folder: which sweep, point and replication the run is. */
export interface SweepPointInfo {
  sweep: string;
  pointId: string;
  replication: number;
  seed: number;
  seeds: "common" | "independent";
  /** The point's varied parameters (and scenario), as readable text. */
  labels: Record<string, string>;
  /** How to re-run this run alone, from the folder the sweep was started in. */
  reproduce: string;
}

export const SWEEP_POINT_FILE = "sweep-point.json";
