import { defineConfig } from "vitest/config";

/**
 * Test files too slow for the inner loop: they start the real `spiral`
 * command (a Node process each, some with worker threads), a browser or a
 * Slurm cluster, or run whole scenarios over many seeds. `npm run test:fast`
 * (type-check, lint, the "fast" project) leaves them out; `npm test` (what CI
 * runs) runs everything. Chosen by timing each file alone (`npx vitest run
 * FILE`, wall seconds on the 2-core development machine while other
 * processes kept its load at 5–10, so about twice what an idle machine
 * takes): cli.errors 143 (23 in a quieter moment), sweep.cli 98, cli.commands
 * 33, aiChain.scenarios 45 (at 10 000 households since issue 16), model.convergence 50,
 * report.cli 24, shard.cli 24, cli.run 16,
 * lengnick.replication 16, engine.threads 14, scenarios.murphy 9, scenarios.telecom 6,
 * engine.checkpoint 7, engine.shocks (worker threads and a checkpoint), report.browser 5 (skipped without Chromium),
 * slurm.cluster 25 plus the first apt install; calibrate.cli 54 and
 * calibrate.identification 40 (spiral calibrate on worker threads); compare.cli 14 and compare.browser 5 (spawned CLI, Chromium; idle machine); bench.scenarios (spawns npm run bench:scenarios at a tiny size on worker threads); events.declared, hugePages and
 * engine.failure run whole runs or spawn processes; compiled 40 (builds a copy of the package twice). Every other file took
 * 1.1–11 s alone, mostly vitest's start-up.
 */
export const SLOW_TESTS: readonly string[] = [
  "tests/slurm.cluster.test.ts",
  "tests/report.browser.test.ts",
  "tests/sweep.cli.test.ts",
  "tests/shard.cli.test.ts",
  "tests/cli.errors.test.ts",
  "tests/cli.commands.test.ts",
  "tests/cli.run.test.ts",
  "tests/report.cli.test.ts",
  "tests/report.pair.cli.test.ts",
  "tests/report.pair.browser.test.ts",
  "tests/engine.threads.test.ts",
  "tests/engine.checkpoint.test.ts",
  "tests/engine.shocks.test.ts",
  "tests/engine.failure.test.ts",
  "tests/hugePages.test.ts",
  "tests/aiChain.scenarios.test.ts",
  "tests/scenarios.murphy.test.ts",
  "tests/scenarios.telecom.test.ts",
  "tests/lengnick.replication.test.ts",
  "tests/events.declared.test.ts",
  "tests/model.convergence.test.ts",
  "tests/calibrate.cli.test.ts",
  "tests/calibrate.identification.test.ts",
  "tests/compare.cli.test.ts",
  "tests/compare.browser.test.ts",
  "tests/bench.scenarios.test.ts",
  "tests/compiled.test.ts",
];

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Compiles dist/ once if stale: the CLI tests run the compiled `spiral` (tests/helpers/buildOnce.ts).
    globalSetup: ["tests/helpers/buildOnce.ts"],
    projects: [
      { extends: true, test: { name: "fast", include: ["tests/**/*.test.ts"], exclude: [...SLOW_TESTS] } },
      { extends: true, test: { name: "slow", include: [...SLOW_TESTS] } },
    ],
  },
});
