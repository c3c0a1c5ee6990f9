// Piscina worker of `spiral calibrate`: one run per task (src/engine/calibrateTask.ts).
import { runCalibrateTask } from "../src/engine/calibrateTask.ts";

export default runCalibrateTask;
