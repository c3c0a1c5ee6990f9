// Piscina worker of `spiral sweep`: one whole run per task (src/engine/sweepTask.ts).
// Thin on purpose (docs/development.md, "Engine principles"): the engine does the work; the coordinator
// (src/engine/sweep.ts) creates the pool once and feeds it plain data.
import { runSweepTask } from "../src/engine/sweepTask.ts";

export default runSweepTask;
