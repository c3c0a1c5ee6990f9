// The `spiral` command (started by src/spiral.mjs under tsx). Commands:
//   spiral run CONFIG       simulate and write a run folder
//   spiral validate FILE    check a config without running it
//   spiral facts DIR        stylized facts of a finished run
//   spiral report DIR       (re)write the report.html of a run or sweep folder
//   spiral report A B …     two or more run folders side by side on one page
//   spiral plot DIR         the report's charts as standalone SVG figures
//   spiral sweep FILE       many runs of a design on a worker pool, into one folder
//   spiral compare A B …    configs on the same seeds: paired differences of bust measures (src/compareCommand.ts)
//   spiral reproduce DIR    re-run a run from its manifest and compare the outputs
//   spiral merge DIR        combine a sweep's shards into its tables
//   spiral slurm FILE       print a Slurm submission script for a sharded sweep
//   spiral calibrate FILE   estimate parameters by the simulated method of moments
// Exit codes: 0 success, 2 bad input (file, JSON, value, flag, command),
// 3 model failure, 1 anything else, 128 + n when stopped by signal n.
// Every error is one `spiral: …` line per problem on stderr, without a stack
// trace (SPIRAL_DEBUG=1 adds the stack for unexpected errors).
// Each command imports what it needs when it runs, so that --help, --version
// and `facts` do not pay for compiling the schema or loading the model.
import { existsSync, readFileSync, statSync } from "node:fs";
import { constants } from "node:os";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { Command, CommanderError } from "commander";
import type { SpiralConfig } from "./config/index.ts";
import { MAX_SWEEP_RUNS } from "./config/inputLimits.ts";
import { FIRMS_FILE } from "./engine/firmSnapshots.ts";
import type { RunSummary } from "./engine/index.ts";
import { exitCodeOf, InputError } from "./errors.ts";
import { MANIFEST_FILE } from "./io/manifest.ts";
import { readSeriesCsv } from "./io/readSeries.ts";
import { localTimestamp } from "./io/runFolder.ts";
import { firmCounts } from "./model/population.ts";
import { packagePath } from "./packagePaths.ts";

const VERSION: string = JSON.parse(readFileSync(packagePath("package.json"), "utf8")).version;

/** A second signal this long after the first stops the process at once, without cleaning up. */
const FORCE_EXIT_AFTER_MS = 2000;

interface RunFlags {
  seed?: number;
  ticks?: number;
  set?: string[];
  out?: string;
  quiet?: boolean;
  overwrite?: boolean;
  /** False with --no-report. */
  report?: boolean;
  threads?: number;
  checkpointEvery?: number;
  resumeFrom?: string;
}

interface SweepFlags {
  workers?: number;
  workerMemoryMb?: number;
  out?: string;
  resume?: boolean;
  quiet?: boolean;
  /** False with --no-report. */
  report?: boolean;
  /** "i/N": run shard i of N only. */
  shard?: string;
  /** N, with the shard index from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX. */
  shards?: number;
  /** Run a sweep of more than MAX_SWEEP_RUNS runs. */
  force?: boolean;
}

interface MergeFlags {
  sweep?: string;
  report?: boolean;
}

interface SlurmFlags {
  array: number;
  out: string;
  cpusPerTask?: number;
  mem?: string;
  time?: string;
  partition?: string;
  force?: boolean;
}

interface FactsFlags {
  json?: boolean;
  burnIn?: number;
}

/** What a command's action needs besides its arguments and flags. */
interface CommandContext {
  /** The command line, for the manifest's command to reproduce. */
  argv: readonly string[];
  /** Sets the exit code main resolves to. */
  setExit(code: number): void;
}

/**
 * Parses and runs one command line; resolves to the exit code. Each
 * command's arguments, flags and action are defined by its own function
 * below (defineRun … definePlot), in the order of `spiral --help`.
 */
async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command("spiral")
    .description("Agent-based, stock-flow-consistent macro-financial simulator")
    .version(VERSION, "-V, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .exitOverride()
    .configureOutput({
      // Commander's own error lines are replaced by ours (see commanderExit).
      outputError: () => {},
    });

  const ctx: CommandContext = {
    argv,
    setExit: (code) => {
      exitCode = code;
    },
  };
  defineRun(program, ctx);
  defineValidate(program);
  defineFacts(program);
  defineSweep(program, ctx);
  defineCompare(program, ctx);
  defineMerge(program, ctx);
  defineSlurm(program);
  defineCalibrate(program, ctx);
  defineReproduce(program, ctx);
  defineReport(program);
  definePlot(program);

  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) return commanderExit(err, program, argv);
    printError(err);
    return exitCodeOf(err);
  }
}

/** `spiral run`. */
function defineRun(program: Command, ctx: CommandContext): void {
  program
    .command("run")
    .description("simulate CONFIG and write a run folder (manifest, series, events, firms, summary)")
    .argument("[config]", "config file, e.g. configs/baseline.json (optional with --resume-from)")
    .option(
      "--seed <n>",
      "seed of the run (same as --set seed=N; wins over --set)",
      nonNegativeInteger("--seed"),
    )
    .option(
      "--ticks <n>",
      "months to simulate (same as --set ticks=N; wins over --set)",
      nonNegativeInteger("--ticks"),
    )
    .option(
      "--set <path=value>",
      "override a parameter, e.g. households.count=20000 or an item of a list: centralBank.overrides[0].rateYearly=0.02 (repeatable)",
      collect,
    )
    .option("--out <dir>", "run folder (default results/<name>-seed<seed>-<timestamp>)")
    .option("--quiet", "no progress output")
    .option("--overwrite", "replace a completed run in --out")
    .option("--no-report", "do not write report.html at the end")
    .option(
      "--threads <n>",
      "threads of this one run: households split into slices, byte-identical outputs for any n (default 1)",
      positiveInteger("--threads"),
    )
    .option(
      "--checkpoint-every <n>",
      "write the whole state to <out>/checkpoint.spck every n ticks (atomically; removed when the run completes)",
      positiveInteger("--checkpoint-every"),
    )
    .option(
      "--resume-from <file>",
      "continue from a checkpoint (same Spiral version and config; CONFIG optional); outputs are byte-identical to an uninterrupted run",
    )
    .action(async (file: string | undefined, flags: RunFlags) => {
      ctx.setExit(await runCommand(file, flags, ctx.argv));
    });
}

/** `spiral validate`. */
function defineValidate(program: Command): void {
  program
    .command("validate")
    .description("check a config file (and --set overrides) without running it")
    .argument("<file>", "config file")
    .option("--set <path=value>", "override a parameter (repeatable)", collect)
    .action(async (file: string, flags: { set?: string[] }) => {
      const { loadConfig } = await import("./config/index.ts");
      const config = loadConfig(file, { sets: flags.set });
      process.stdout.write(
        `ok: ${file} (${config.name}, ${config.ticks} ticks, ${config.households.count} households)\n`,
      );
    });
}

/** `spiral facts`. */
function defineFacts(program: Command): void {
  program
    .command("facts")
    .description("stylized facts of a finished run: business-cycle statistics, curves, firm sizes")
    .argument("<dir>", "run folder")
    .option("--json", "print the facts as JSON")
    .option(
      "--burn-in <n>",
      "months to skip (default: the run's burnInTicks)",
      nonNegativeInteger("--burn-in"),
    )
    .action(async (dir: string, flags: FactsFlags) => {
      await factsCommand(dir, flags);
    });
}

/** `spiral sweep`. */
function defineSweep(program: Command, ctx: CommandContext): void {
  program
    .command("sweep")
    .description(
      "run a sweep (parameters × design × replications) on a pool of worker threads, into one folder",
    )
    .argument("<sweep>", "sweep file, e.g. configs/sweeps/smoke.json")
    .option("--workers <n>", "worker threads (default: the number of cores)", positiveInteger("--workers"))
    .option(
      "--worker-memory-mb <n>",
      "heap limit of each worker, MB; a run that exceeds it fails (default 4096)",
      positiveInteger("--worker-memory-mb"),
    )
    .option("--out <dir>", "sweep folder (default results/sweep-<name>-<timestamp>)")
    .option("--resume", "finish the sweep in --out: runs already done are kept, the rest are run")
    .option("--no-report", "do not write report.html at the end")
    .option("--quiet", "no progress output")
    .option(
      "--shard <i/N>",
      "run only shard i of N (0-based) into --out; default from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX",
    )
    .option(
      "--shards <n>",
      "number of shards, with the index from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX",
      positiveInteger("--shards"),
    )
    .option("--force", `run a sweep of more than ${MAX_SWEEP_RUNS} runs (refused without it)`)
    .action(async (file: string, flags: SweepFlags) => {
      ctx.setExit(await sweepCommand(file, flags, ctx.argv));
    });
}

/** `spiral compare`. */
function defineCompare(program: Command, ctx: CommandContext): void {
  program
    .command("compare")
    .description(
      "run two or more configs on the same seeds and compare their bust measures: paired differences with 95 % intervals, and a report",
    )
    .argument(
      "<configs...>",
      "config files, e.g. configs/scenarios/fed-hold-high.json configs/scenarios/fed-cut.json",
    )
    .option("--seeds <n>", "seeds per arm, the same for every arm (default 20)", positiveInteger("--seeds"))
    .option("--seed <n>", "the seed the seed list derives from (default 1)", nonNegativeInteger("--seed"))
    .option("--workers <n>", "worker threads (default: the number of cores)", positiveInteger("--workers"))
    .option(
      "--worker-memory-mb <n>",
      "heap limit of each worker, MB (default 4096)",
      positiveInteger("--worker-memory-mb"),
    )
    .option(
      "--bust-threshold <x>",
      "chain valuation drawdown from peak that counts as a bust (default 0.4 = 40 %)",
      shareFlag("--bust-threshold"),
    )
    .option("--out <dir>", "output folder (default results/compare-<names>-<timestamp>)")
    .option("--resume", "finish the comparison in --out: runs already done are kept")
    .option("--no-report", "do not write report.html at the end")
    .option("--quiet", "no progress output")
    .action(async (files: string[], flags: import("./compareCommand.ts").CompareFlags) => {
      const { compareCommand } = await import("./compareCommand.ts");
      ctx.setExit(await compareCommand(files, flags, ctx.argv));
    });
}

/** `spiral merge`. */
function defineMerge(program: Command, ctx: CommandContext): void {
  program
    .command("merge")
    .description("combine the shards of a sweep in DIR into its runs table, aggregates and report")
    .argument("<dir>", "the sweep folder the shards wrote")
    .option("--sweep <file>", "the sweep file (default: the one the shards' manifests name)")
    .option("--no-report", "do not write report.html at the end")
    .action(async (dir: string, flags: MergeFlags) => {
      ctx.setExit(await mergeCommand(dir, flags, ctx.argv));
    });
}

/** `spiral slurm`. */
function defineSlurm(program: Command): void {
  program
    .command("slurm")
    .description(
      "print a bash script that submits a sweep to Slurm: an array job of shards, then a merge job",
    )
    .argument("<sweep>", "sweep file")
    .requiredOption("--array <n>", "number of shards (array tasks 0..n-1)", positiveInteger("--array"))
    .requiredOption("--out <dir>", "the shared sweep folder (on a file system every node sees)")
    .option(
      "--cpus-per-task <k>",
      "CPUs of each array task, and its worker threads (default 1)",
      positiveInteger("--cpus-per-task"),
    )
    .option("--mem <m>", "memory of each task, as Slurm's --mem (e.g. 16G); sets --worker-memory-mb")
    .option("--time <t>", "time limit of each task, as Slurm's --time (e.g. 04:00:00)")
    .option("--partition <p>", "Slurm partition")
    .option(
      "--force",
      `a sweep of more than ${MAX_SWEEP_RUNS} runs (refused without it; the jobs get --force)`,
    )
    .action(async (file: string, flags: SlurmFlags) => {
      const [{ loadSweepSpec }, { checkSweepSize }, { slurmScript }] = await Promise.all([
        import("./engine/sweepSpec.ts"),
        import("./engine/sweepPlan.ts"),
        import("./engine/slurm.ts"),
      ]);
      const spec = loadSweepSpec(file);
      checkSweepSize(spec, flags.force ?? false);
      process.stdout.write(
        slurmScript({
          sweepFile: resolve(file),
          array: flags.array,
          outDir: resolve(flags.out),
          cpusPerTask: flags.cpusPerTask,
          mem: flags.mem,
          time: flags.time,
          partition: flags.partition,
          force: flags.force ?? false,
          jobName: `spiral-${spec.name}`,
        }),
      );
    });
}

/** `spiral calibrate`. */
function defineCalibrate(program: Command, ctx: CommandContext): void {
  program
    .command("calibrate")
    .description("estimate parameters by the simulated method of moments (docs/calibration-tool.md)")
    .argument("<spec>", "calibration file, e.g. configs/calibration/us-cycle.json")
    .option("--out <dir>", "output folder (default results/calibrate-<name>-<timestamp>)")
    .option("--workers <n>", "worker threads (default: the number of cores)", positiveInteger("--workers"))
    .option("--resume", "finish the estimation in --out: every recorded run is reused")
    .option("--shard <i/N>", "run only shard i of N (0-based) of the global stage into --out")
    .option("--quiet", "no progress output")
    .action(
      async (
        file: string,
        flags: { out?: string; workers?: number; resume?: boolean; shard?: string; quiet?: boolean },
      ) => {
        const { calibrateCommand } = await import("./engine/calibrateCommand.ts");
        ctx.setExit(await calibrateCommand(file, flags));
      },
    );
}

/** `spiral reproduce`. */
function defineReproduce(program: Command, ctx: CommandContext): void {
  program
    .command("reproduce")
    .description("re-run a run (a run folder, or runs/<runId> of a sweep) from its manifest and compare")
    .argument("<run-dir>", "run folder")
    .option("--quiet", "no progress output")
    .action(async (dir: string, flags: { quiet?: boolean }) => {
      ctx.setExit(await reproduceCommand(dir, flags));
    });
}

/** `spiral report`. */
function defineReport(program: Command): void {
  program
    .command("report")
    .description(
      "write DIR/report.html: a self-contained page of charts of a finished run or sweep; with two or more run folders, one page showing them side by side",
    )
    .argument("<dir...>", "run folder or sweep folder; or two or more run folders")
    .option("--heatmap <x,y>", "sweep: the two parameters of the crisis heatmap (default its first two)")
    .option("--out <file-or-dir>", "two or more runs: where the page goes (default ./report-compare.html)")
    .action(async (dirs: string[], flags: { heatmap?: string; out?: string }) => {
      const { writeReport, writePairReport } = await import("./report/index.ts");
      if (dirs.length > 1) {
        if (flags.heatmap !== undefined)
          throw new InputError("--heatmap: only for one sweep folder", "--heatmap");
        process.stdout.write(`report: ${displayPath(writePairReport(dirs, flags.out))}\n`);
        return;
      }
      if (flags.out !== undefined) {
        throw new InputError(
          "--out: only with two or more run folders (one folder's report is DIR/report.html)",
          "--out",
        );
      }
      const heatmap = flags.heatmap === undefined ? undefined : heatmapFlag(flags.heatmap);
      process.stdout.write(`report: ${displayPath(writeReport(dirs[0]!, { heatmap }).path)}\n`);
    });
}

/** `spiral plot`. */
function definePlot(program: Command): void {
  program
    .command("plot")
    .description("write the report's charts of a finished run or sweep as standalone SVG (and PNG) figures")
    .argument("<dir>", "run folder or sweep folder")
    .option("--out <figdir>", "folder for the figures (default DIR/figures)")
    .option("--no-png", "SVG only, no PNG beside each SVG")
    .action(async (dir: string, flags: { out?: string; png?: boolean }) => {
      const { plotRun } = await import("./report/index.ts");
      const written = await plotRun(dir, flags.out ?? join(dir, "figures"), { png: flags.png !== false });
      for (const path of written) process.stdout.write(`${displayPath(path)}\n`);
    });
}

async function runCommand(
  file: string | undefined,
  flags: RunFlags,
  argv: readonly string[],
): Promise<number> {
  const [
    { loadConfig },
    { RunInterrupted, runSingle },
    { formatCommand },
    { resolveOutDir },
    { openCheckpoint },
  ] = await Promise.all([
    import("./config/index.ts"),
    import("./engine/index.ts"),
    import("./io/manifest.ts"),
    import("./io/runFolder.ts"),
    import("./engine/checkpoint.ts"),
  ]);
  // --seed/--ticks go through the schema like any --set, so range errors read the same.
  const sets = [...(flags.set ?? [])];
  if (flags.seed !== undefined) sets.push(`seed=${flags.seed}`);
  if (flags.ticks !== undefined) sets.push(`ticks=${flags.ticks}`);
  if (file === undefined && flags.resumeFrom === undefined) {
    throw new InputError("missing required argument 'config' (or --resume-from CHECKPOINT)", "CONFIG");
  }
  if (file === undefined && sets.length > 0) {
    throw new InputError(
      "--set, --seed and --ticks need a CONFIG file; a resumed run uses the checkpoint's config",
      "--set",
    );
  }
  let config: SpiralConfig | undefined;
  if (file !== undefined) {
    try {
      config = loadConfig(file, { sets });
    } catch (err) {
      throw err instanceof InputError ? blameFlags(err, flags) : err;
    }
  }
  const checkpoint = flags.resumeFrom === undefined ? undefined : openCheckpoint(flags.resumeFrom, config);
  config ??= (checkpoint as NonNullable<typeof checkpoint>).config;
  // Resuming: by default into the interrupted run's folder when the checkpoint lies in one.
  const checkpointDir = checkpoint ? dirname(resolve(checkpoint.path)) : undefined;
  const outFlag =
    flags.out ??
    (checkpointDir !== undefined && existsSync(join(checkpointDir, MANIFEST_FILE))
      ? checkpointDir
      : undefined);
  const outDir = resolveOutDir(outFlag, config.name, config.seed, new Date());

  const controller = new AbortController();
  let firstSignalAt: number | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    // The launcher forwards the terminal's Ctrl-C, so one keypress can arrive twice.
    if (firstSignalAt === undefined) {
      firstSignalAt = Date.now();
      controller.abort(signal);
    } else if (Date.now() - firstSignalAt > FORCE_EXIT_AFTER_MS) {
      process.stderr.write(`spiral: ${signal} again, stopping at once\n`);
      process.exit(signalExitCode(signal));
    }
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    const result = await runSingle(config, {
      outDir,
      command: formatCommand(["spiral", ...argv]),
      quiet: flags.quiet ?? false,
      overwrite: flags.overwrite ?? false,
      signal: controller.signal,
      checkpointEvery: flags.checkpointEvery,
      resumeFrom: checkpoint,
      threads: flags.threads,
    });
    process.stdout.write(formatHeadline(result.outDir, result.summary));
    if (flags.report !== false) await reportAfterRun(result.outDir);
    return 0;
  } catch (err) {
    if (!(err instanceof RunInterrupted)) throw err;
    const signal = err.signalName ?? "SIGINT";
    const resumeHint =
      flags.checkpointEvery !== undefined && existsSync(join(outDir, "checkpoint.spck"))
        ? `; continue with: spiral run --resume-from ${displayPath(join(outDir, "checkpoint.spck"))}`
        : "";
    process.stderr.write(
      `spiral: interrupted (${signal}); ${displayPath(outDir)} holds a failed manifest${resumeHint}\n`,
    );
    return signalExitCode(signal);
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

async function sweepCommand(file: string, flags: SweepFlags, argv: readonly string[]): Promise<number> {
  const [{ checkSweepSize, loadSweepSpec, planSweep, runSweep }, { formatCommand }, { formatDuration }] =
    await Promise.all([
      import("./engine/sweepIndex.ts"),
      import("./io/manifest.ts"),
      import("./io/progress.ts"),
    ]);
  if (flags.resume && flags.out === undefined) {
    throw new InputError("--resume needs --out DIR: the folder of the sweep to finish", "--resume");
  }
  const { detectShard } = await import("./engine/shard.ts");
  const shard = detectShard(flags);
  if (shard !== undefined && flags.out === undefined) {
    throw new InputError(
      `a shard (${shard.source}) needs --out DIR: the folder all shards of the sweep share`,
      "--out",
    );
  }
  // Everything is checked before the folder is created: a bad sweep file writes nothing.
  const spec = loadSweepSpec(file);
  checkSweepSize(spec, flags.force ?? false);
  const plan = planSweep(spec);
  const outDir = flags.out !== undefined ? resolve(flags.out) : defaultSweepDir(plan.spec.name, new Date());

  const controller = new AbortController();
  let firstSignalAt: number | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (firstSignalAt === undefined) {
      firstSignalAt = Date.now();
      process.stderr.write(`spiral: ${signal}: finishing the runs in progress (again to stop at once)\n`);
      controller.abort(signal);
    } else if (Date.now() - firstSignalAt > FORCE_EXIT_AFTER_MS) {
      // Safe: every record, run folder and manifest is written atomically; --resume redoes the runs in flight.
      process.stderr.write(`spiral: ${signal} again, stopping at once; finish with --resume\n`);
      process.exit(signalExitCode(signal));
    }
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    const outcome = await runSweep(plan, {
      outDir,
      workers: flags.workers,
      workerMemoryMb: flags.workerMemoryMb,
      resume: flags.resume ?? false,
      quiet: flags.quiet ?? false,
      command: formatCommand(["spiral", ...argv]),
      signal: controller.signal,
      shard,
    });
    const c = outcome.counts;
    const reused = c.reused > 0 ? `, ${c.reused} done before this start` : "";
    const shardFlag = shard === undefined ? "" : ` --shard ${shard.index}/${shard.count}`;
    const resumeHint = `spiral sweep ${formatCommand([file])}${shardFlag} --out ${formatCommand([displayPath(outDir)])} --resume`;
    if (outcome.status === "interrupted") {
      const signal = typeof controller.signal.reason === "string" ? controller.signal.reason : "SIGINT";
      process.stderr.write(
        `spiral: interrupted (${signal}): ${c.completed + c.failed} of ${c.runs} runs done; finish with: ${resumeHint}\n`,
      );
      return signalExitCode(signal);
    }
    const shardLine =
      shard === undefined
        ? []
        : [
            `shard: ${shard.index}/${shard.count} (${shard.source}): ${c.runs} of ${plan.runCount} runs; combine the shards with: spiral merge ${formatCommand([displayPath(outDir)])}`,
          ];
    process.stdout.write(
      [
        `results: ${displayPath(outDir)}`,
        ...shardLine,
        `runs: ${c.completed} completed, ${c.failed} failed, of ${c.runs} (${plural(c.points, "point")} × ${plural(plan.spec.replications, "replication")}${reused})`,
        outcome.ranRuns === 0
          ? `time: ${formatDuration(outcome.wallSeconds)} (no runs left to do; tables rebuilt)`
          : `time: ${formatDuration(outcome.wallSeconds)} with ${outcome.workers} worker${outcome.workers === 1 ? "" : "s"}, ${outcome.runsPerSecond.toFixed(2)} runs/s`,
        "",
      ].join("\n"),
    );
    // A shard has no sweep tables to report on: `spiral merge` writes them and the report.
    if (flags.report !== false && shard === undefined) await reportAfterRun(outDir);
    if (outcome.failedRuns.length === 0) return 0;
    const shown = outcome.failedRuns.slice(0, 20);
    for (const run of shown)
      process.stderr.write(`spiral: run ${run.runId} failed (after a retry): ${run.error}\n`);
    if (outcome.failedRuns.length > shown.length) {
      process.stderr.write(`spiral: … and ${outcome.failedRuns.length - shown.length} more (see runs.csv)\n`);
    }
    process.stderr.write(
      `spiral: ${outcome.failedRuns.length} of ${c.runs} runs failed; retry them with: ${resumeHint}\n`,
    );
    return 3;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

async function mergeCommand(dir: string, flags: MergeFlags, argv: readonly string[]): Promise<number> {
  const [{ mergeShards }, { formatCommand }] = await Promise.all([
    import("./engine/merge.ts"),
    import("./io/manifest.ts"),
  ]);
  const outDir = resolve(dir);
  const outcome = await mergeShards(outDir, {
    sweepFile: flags.sweep,
    command: formatCommand(["spiral", ...argv]),
  });
  const c = outcome.counts;
  const shardText =
    outcome.shards.length === 0
      ? "no shard manifests"
      : outcome.shards.map((s) => `${s.shard.index}/${s.shard.count} ${s.status}`).join(", ");
  const sweepArg = formatCommand([displayPath(outcome.sweepPath)]);
  const folderArg = formatCommand([displayPath(outDir)]);
  if (outcome.status === "incomplete") {
    const missing = outcome.missingRuns;
    process.stdout.write(
      `results: ${displayPath(outDir)}\nshards: ${shardText}\nruns: ${c.runs - missing.length} recorded, ${missing.length} missing, of ${c.runs}; nothing written\n`,
    );
    for (const run of missing.slice(0, 20)) {
      const owner = run.shard === undefined ? "" : ` (shard ${run.shard.index}/${run.shard.count})`;
      process.stderr.write(`spiral: run ${run.runId} missing${owner}: ${run.reason}\n`);
    }
    if (missing.length > 20) process.stderr.write(`spiral: … and ${missing.length - 20} more missing runs\n`);
    const owners = [
      ...new Map(missing.filter((r) => r.shard !== undefined).map((r) => [r.shard?.index, r.shard])).values(),
    ];
    for (const shard of owners.slice(0, 20)) {
      if (shard === undefined) continue;
      process.stderr.write(
        `spiral: finish shard ${shard.index}/${shard.count} with: spiral sweep ${sweepArg} --shard ${shard.index}/${shard.count} --out ${folderArg} --resume\n`,
      );
    }
    if (owners.length === 0)
      process.stderr.write(
        `spiral: finish the sweep with: spiral sweep ${sweepArg} --out ${folderArg} --resume\n`,
      );
    process.stderr.write(
      `spiral: ${missing.length} of ${c.runs} runs missing; then run: spiral merge ${folderArg}\n`,
    );
    return 3;
  }
  process.stdout.write(
    [
      `results: ${displayPath(outDir)}`,
      `shards: ${shardText}`,
      `runs: ${c.completed} completed, ${c.failed} failed, of ${c.runs} (${plural(c.points, "point")} × ${plural(outcome.plan.spec.replications, "replication")})`,
      "",
    ].join("\n"),
  );
  if (flags.report !== false) await reportAfterRun(outDir);
  if (outcome.failedRuns.length === 0) return 0;
  for (const run of outcome.failedRuns.slice(0, 20))
    process.stderr.write(`spiral: run ${run.runId} failed (after a retry): ${run.error}\n`);
  if (outcome.failedRuns.length > 20)
    process.stderr.write(`spiral: … and ${outcome.failedRuns.length - 20} more (see runs.csv)\n`);
  process.stderr.write(
    `spiral: ${outcome.failedRuns.length} of ${c.runs} runs failed; retry them with --resume on their shard, then merge again\n`,
  );
  return 3;
}

/** results/sweep-<name>-<YYYYMMDD-HHMMSS> (local time) under the working directory. */
function defaultSweepDir(name: string, now: Date): string {
  return resolve("results", `sweep-${name}-${localTimestamp(now)}`);
}

async function reproduceCommand(dir: string, flags: { quiet?: boolean }): Promise<number> {
  const { reproduceRun } = await import("./engine/reproduce.ts");
  const result = await reproduceRun(dir, { quiet: flags.quiet ?? false });
  for (const note of result.notes) process.stderr.write(`spiral: note: ${note}\n`);
  if (result.identical) {
    process.stdout.write(
      `identical: ${dir} (series.csv, series.parquet and events.ndjson match a fresh run)\n`,
    );
    return 0;
  }
  const lines = [`differs: ${dir}`];
  const d = result.series;
  if (d !== null) {
    const where = d.tick !== null ? `tick ${d.tick}` : `line ${d.line}`;
    lines.push(
      `  series.csv first differs at ${where}, column ${d.column}: recorded ${d.recorded ?? "(nothing)"}, reproduced ${d.reproduced ?? "(nothing)"}`,
    );
  }
  for (const file of result.otherFiles) lines.push(`  ${file} differs`);
  process.stdout.write(`${lines.join("\n")}\n`);
  return 1;
}

/**
 * Writes the report.html of a finished run or sweep and prints its path. A
 * failure only warns: the run or sweep itself completed and its manifest says so.
 */
async function reportAfterRun(outDir: string): Promise<void> {
  try {
    const { writeReport } = await import("./report/index.ts");
    process.stdout.write(`report: ${displayPath(writeReport(outDir).path)}\n`);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const what = existsSync(join(outDir, "runs.csv")) ? "sweep" : "run";
    process.stderr.write(
      `spiral: warning: the ${what} completed, but its report could not be written: ${message}\n`,
    );
  }
}

/** `--heatmap x,y`: two parameter paths. */
function heatmapFlag(value: string): [string, string] {
  const parts = value.split(",").map((p) => p.trim());
  if (parts.length !== 2 || parts.some((p) => p === "")) {
    throw new InputError(
      `--heatmap: expected two parameters as x,y (got ${JSON.stringify(value)})`,
      "--heatmap",
    );
  }
  return [parts[0]!, parts[1]!];
}

async function factsCommand(dir: string, flags: FactsFlags): Promise<void> {
  const [{ computeMoments, computeStylizedFacts, formatFactsTable }, { SERIES_CSV }] = await Promise.all([
    import("./analysis/index.ts"),
    import("./io/seriesWriter.ts"),
  ]);
  if (!existsSync(dir)) throw new InputError(`run folder not found: ${dir}`, dir);
  if (!statSync(dir).isDirectory()) throw new InputError(`not a run folder: ${dir} is a file`, dir);
  const seriesPath = join(dir, SERIES_CSV);
  if (!existsSync(seriesPath)) {
    throw new InputError(`no ${SERIES_CSV} in ${dir}: not a finished Spiral run folder`, seriesPath);
  }
  const table = readSeriesCsv(seriesPath);
  const burnInTicks = flags.burnIn ?? burnInOfRun(dir);

  const series: Record<string, Float64Array> = {};
  for (const [name, column] of Object.entries(table.data)) {
    if (column instanceof Float64Array) series[name] = column;
  }
  const facts = computeStylizedFacts(series, firmSizes(dir, burnInTicks), { burnInTicks });
  if (!flags.json) {
    process.stdout.write(`${formatFactsTable(facts)}\n`);
    return;
  }
  // The flat moment vocabulary of `spiral calibrate` (docs/calibration-tool.md).
  const moments = computeMoments(series, facts, {
    firmCount: firmCountOfRun(dir),
    lowerBoundYearly: lowerBoundOfRun(dir),
  });
  process.stdout.write(`${JSON.stringify({ ...facts, moments }, null, 2)}\n`);
}

/** Non-AI firms of the run, from its manifest's config; undefined if it does not say. */
function firmCountOfRun(dir: string): number | undefined {
  try {
    const config = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), "utf8"))?.config;
    // Counts of 0 (the default) scale with households (model/population.ts firmCounts).
    const { consumption, capital } = firmCounts(config);
    const count = consumption + capital;
    return Number.isFinite(count) && count > 0 ? count : undefined;
  } catch {
    return undefined;
  }
}

/** The run's centralBank.lowerBoundYearly from its manifest's config; undefined if it does not say. */
function lowerBoundOfRun(dir: string): number | undefined {
  try {
    const bound = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), "utf8"))?.config?.centralBank
      ?.lowerBoundYearly;
    return typeof bound === "number" && Number.isFinite(bound) ? bound : undefined;
  } catch {
    return undefined;
  }
}

/** The run's burnInTicks from its manifest; 0 (with a note) if the manifest does not say. */
function burnInOfRun(dir: string): number {
  const path = join(dir, MANIFEST_FILE);
  let burnIn: unknown;
  try {
    burnIn = JSON.parse(readFileSync(path, "utf8"))?.config?.burnInTicks;
  } catch {
    burnIn = undefined;
  }
  if (typeof burnIn === "number" && Number.isInteger(burnIn) && burnIn >= 0) return burnIn;
  process.stderr.write(`spiral: note: no burnInTicks in ${path}; using --burn-in 0\n`);
  return 0;
}

/** Employees of every firm in every snapshot after the burn-in, pooled; undefined without firms.csv. */
function firmSizes(dir: string, burnInTicks: number): Float64Array | undefined {
  const path = join(dir, FIRMS_FILE);
  if (!existsSync(path)) return undefined;
  const { data } = readSeriesCsv(path, { stringColumns: ["sector"] });
  const tick = data.tick;
  const employees = data.employees;
  if (!(tick instanceof Float64Array) || !(employees instanceof Float64Array)) {
    throw new InputError(`${path}: expected the columns "tick" and "employees"`, path);
  }
  const sizes = employees.filter((_, i) => tick[i] > burnInTicks);
  return sizes.length > 0 ? sizes : undefined;
}

/** What `spiral run` prints at the end: where the results are and the headline numbers. */
function formatHeadline(outDir: string, s: RunSummary): string {
  const lines = [`results: ${displayPath(outDir)}`];
  if (s.monthsAnalysed === 0) {
    lines.push(
      `no months after the burn-in (burnInTicks ${s.burnInTicks} ≥ ticks ${s.ticks}), so no summary figures`,
    );
    return `${lines.join("\n")}\n`;
  }
  const u = s.unemploymentRate;
  const growth =
    s.gdpRealGrowthYearly === null
      ? "n/a"
      : `${s.gdpRealGrowthYearly >= 0 ? "+" : ""}${pct(s.gdpRealGrowthYearly)}`;
  lines.push(
    `months ${s.burnInTicks + 1}–${s.ticks} (after the burn-in):`,
    `  unemployment  ${pct(u.mean)} mean, ${pct(u.min)} to ${pct(u.max)}`,
    `  inflation     ${pct(s.inflationMean)} a year, mean`,
    `  real GDP      ${growth} a year, ${plural(s.recessions, "recession")}`,
    `  crises        ${plural(s.crisisEpisodes, "episode")}, ${plural(s.crisisMonths, "month")}`,
  );
  const c = s.aiChain;
  if (c)
    lines.push(
      `  AI chain      market cap $${(c.marketCapStartUsdBn / 1000).toFixed(1)} T → peak $${(c.marketCapPeakUsdBn / 1000).toFixed(1)} T → $${(c.marketCapEndUsdBn / 1000).toFixed(1)} T, capex peak $${c.capexPeakUsdBnYearly.toFixed(0)} bn a year`,
      `                peak CDS index ${c.peakCdsIndexBp.toFixed(0)} bp, ${plural(c.defaults, "chain default")}`,
    );
  return `${lines.join("\n")}\n`;
}

function pct(x: number | null): string {
  return x === null ? "n/a" : `${(x * 100).toFixed(1)} %`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** A folder relative to the working directory when it is inside it, else absolute. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : resolve(path);
}

/** An option parser for integers ≥ 0; the error names the flag. */
function nonNegativeInteger(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n)) {
      throw new InputError(`${flag}: must be a non-negative integer (got ${JSON.stringify(value)})`, flag);
    }
    return n;
  };
}

/** An option parser for a share in (0, 1]; the error names the flag. */
function shareFlag(flag: string): (value: string) => number {
  return (value) => {
    const x = Number(value);
    if (value.trim() === "" || !Number.isFinite(x) || x <= 0 || x > 1) {
      throw new InputError(
        `${flag}: must be a share in (0, 1], e.g. 0.4 (got ${JSON.stringify(value)})`,
        flag,
      );
    }
    return x;
  };
}

/** An option parser for integers ≥ 1; the error names the flag. */
function positiveInteger(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
      throw new InputError(`${flag}: must be a positive integer (got ${JSON.stringify(value)})`, flag);
    }
    return n;
  };
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Names --seed/--ticks, not the `--set seed=…` they were turned into, in a config error. */
function blameFlags(err: InputError, flags: RunFlags): InputError {
  let message = err.message;
  for (const [flag, value] of [
    ["--seed", flags.seed],
    ["--ticks", flags.ticks],
  ] as const) {
    if (value === undefined) continue;
    const key = flag.slice(2);
    message = message.replaceAll(`--set ${key}=${value}:`, `${flag} ${value}:`);
  }
  return message === err.message ? err : new InputError(message, err.file, err.jsonPath);
}

/** Exit code for commander's own outcomes; prints its usage errors as one `spiral:` line. */
function commanderExit(err: CommanderError, program: Command, argv: readonly string[]): number {
  if (err.code === "commander.helpDisplayed" || err.code === "commander.version") return 0;
  // `spiral help run` exits 0; a bare `spiral` shows the help on stderr as a usage error.
  if (err.code === "commander.help") return err.exitCode === 0 ? 0 : 2;
  let message = err.message.replace(/^error: /, "");
  const suggestion = /\n\(Did you mean (.*)\?\)$/.exec(message);
  if (suggestion) {
    message = `${message.slice(0, suggestion.index)} — did you mean ${suggestion[1]}?`;
  } else if (err.code === "commander.unknownCommand") {
    message += ` (commands: ${program.commands.map((c) => c.name()).join(", ")})`;
  } else if (err.code === "commander.unknownOption") {
    const command = program.commands.find((c) => c.name() === argv.find((word) => !word.startsWith("-")));
    message += ` (see spiral ${command ? `${command.name()} ` : ""}--help)`;
  }
  process.stderr.write(`spiral: ${message.replaceAll("\n", " ")}\n`);
  return 2;
}

function printError(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  for (const line of message.split("\n")) process.stderr.write(`spiral: ${line}\n`);
  if (exitCodeOf(err) !== 1) return;
  if (process.env.SPIRAL_DEBUG === "1" && err instanceof Error && err.stack) {
    process.stderr.write(`${err.stack}\n`);
  } else {
    process.stderr.write("spiral: (unexpected error; SPIRAL_DEBUG=1 shows the stack trace)\n");
  }
}

function signalExitCode(signal: string): number {
  const number = (constants.signals as Record<string, number>)[signal];
  return 128 + (number ?? 2);
}

process.exitCode = await main(process.argv.slice(2));
