// Piscina worker of `spiral sweep`: one whole run per task (src/engine/sweepTask.ts).
// Thin on purpose (DESIGN §1): the engine does the work; the coordinator
// (src/engine/sweep.ts) creates the pool once and feeds it plain data.
import { runSweepTask } from "../src/engine/sweepTask.ts";

export default runSweepTask;
