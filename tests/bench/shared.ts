// What the benchmarks share: the scaled baseline economy they time, and the
// parallel CPU the machine offers at the moment of a measurement.
import { Worker } from "node:worker_threads";
import type { SpiralConfig } from "../../src/config/index.ts";
import { defaultConfig } from "../../src/config/index.ts";

/**
 * The default economy at `households` households, firms scaling with them
 * (one consumption firm per 50 households, one capital firm per 250) and 10
 * banks, for `ticks` months.
 */
export function scaledConfig(households: number, ticks: number): SpiralConfig {
  const config = defaultConfig();
  config.households.count = households;
  config.firms.consumption.count = Math.max(4, Math.round(households / 50));
  config.firms.capital.count = Math.max(2, Math.round(households / 250));
  config.banks.count = 10;
  config.ticks = ticks;
  return config;
}

/**
 * How much parallel CPU the machine offers right now: the same busy loop in 1
 * and in `threads` worker threads at once; `threads` × t(1) / t(threads).
 * About `threads` on an idle machine, less when other processes hold cores —
 * the ceiling of any speed-up measured at that moment.
 */
export async function parallelCapacity(threads: number): Promise<number> {
  const loop =
    "let x = 0; for (let i = 0; i < 3e8; i++) x += i % 7; require('node:worker_threads').parentPort.postMessage(x);";
  const time = async (n: number): Promise<number> => {
    const start = performance.now();
    await Promise.all(
      Array.from(
        { length: n },
        () => new Promise((resolve) => new Worker(loop, { eval: true }).once("message", resolve)),
      ),
    );
    return performance.now() - start;
  };
  const one = await time(1);
  return (threads * one) / (await time(threads));
}
