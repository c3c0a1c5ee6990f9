// Piscina worker of `npm run bench:convergence`: one run per task.
import { type ConvergenceTask, measureConvergence } from "../helpers/convergence.ts";

export default function run(task: ConvergenceTask) {
  const start = performance.now();
  const result = measureConvergence(task);
  return { result, seconds: (performance.now() - start) / 1000 };
}
