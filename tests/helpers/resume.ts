// Interrupt a threaded run at a checkpoint and resume it on another thread
// count: the shared half of the checkpoint tests (tests/engine.threads.test.ts,
// tests/engine.shocks.test.ts), which then compare its files with an
// uninterrupted run's.
import { join } from "node:path";
import { expect } from "vitest";
import type { SpiralConfig } from "../../src/config/index.ts";
import { CHECKPOINT_FILE, openCheckpoint } from "../../src/engine/checkpoint.ts";
import { RunInterrupted, runSingle } from "../../src/engine/index.ts";

/**
 * Run `config` into `outDir` on 3 threads with a checkpoint every 10 ticks,
 * stop it (as Ctrl-C does) after the checkpoint at tick 20, then resume from
 * that checkpoint on 2 threads to the end.
 */
export async function interruptAndResume(config: SpiralConfig, outDir: string): Promise<void> {
  const controller = new AbortController();
  await expect(
    runSingle(config, {
      outDir,
      command: "test",
      quiet: true,
      threads: 3,
      checkpointEvery: 10,
      signal: controller.signal,
      onCheckpoint: (_p, ticks) => ticks === 20 && controller.abort("SIGINT"),
    }),
  ).rejects.toBeInstanceOf(RunInterrupted);
  await runSingle(config, {
    outDir,
    command: "test",
    quiet: true,
    threads: 2,
    resumeFrom: openCheckpoint(join(outDir, CHECKPOINT_FILE), config),
  });
}
