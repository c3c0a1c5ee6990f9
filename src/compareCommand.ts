// `spiral compare A.json B.json [C.json …]`: the arms run on the same N seeds
// (common random numbers) as a scenario sweep — the same engine, folder,
// resume and worker pool as `spiral sweep` — then the paired comparison of
// their bust measures (engine/comparison.ts) is printed and written with the
// comparison report. Equivalent to `spiral sweep` on a file with
// "scenarios": [A, B, …], "seeds": "common" (docs/compare.md).
import { existsSync, readFileSync, statSync } from "node:fs";
import { constants } from "node:os";
import { isAbsolute, join, relative, resolve } from "node:path";
import { InputError } from "./errors.ts";
import { localTimestamp } from "./io/runFolder.ts";

export interface CompareFlags {
  seeds?: number;
  seed?: number;
  workers?: number;
  workerMemoryMb?: number;
  out?: string;
  resume?: boolean;
  quiet?: boolean;
  report?: boolean;
  bustThreshold?: number;
}

/** Seeds per arm when --seeds is not given. */
export const DEFAULT_COMPARE_SEEDS = 20;
/** The sweep seed the arms' seed list derives from when --seed is not given. */
export const DEFAULT_COMPARE_SEED = 1;

/** The sweep a comparison runs, as sweep-file JSON (scenario paths absolute, so the manifest reproduces it anywhere). */
export function compareSweep(files: readonly string[], flags: CompareFlags): Record<string, unknown> {
  const names = files.map((f) => {
    try {
      const parsed = JSON.parse(readFileSync(f, "utf8")) as { name?: unknown };
      if (typeof parsed.name === "string") return parsed.name;
    } catch {
      // The sweep check reports the file properly; here a name is all that is wanted.
    }
    return f.replace(/^.*\//, "").replace(/\.json$/i, "");
  });
  const name = `compare-${names.join("-vs-")}`.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 100);
  return {
    name,
    description: `spiral compare: ${names.join(" vs ")} on ${flags.seeds ?? DEFAULT_COMPARE_SEEDS} common seeds`,
    scenarios: files.map((f) => resolve(f)),
    replications: flags.seeds ?? DEFAULT_COMPARE_SEEDS,
    seed: flags.seed ?? DEFAULT_COMPARE_SEED,
    seeds: "common",
    bustThreshold: flags.bustThreshold ?? 0.4,
    keep: "series",
  };
}

/** Runs `spiral compare`; resolves to the exit code. */
export async function compareCommand(
  files: readonly string[],
  flags: CompareFlags,
  argv: readonly string[],
): Promise<number> {
  if (files.length < 2) {
    throw new InputError(
      `compare needs at least two config files (got ${files.length}): spiral compare A.json B.json`,
      "CONFIG",
    );
  }
  for (const f of files) {
    if (!existsSync(f)) throw new InputError(`config file not found: ${f}`, f);
    if (statSync(f).isDirectory()) throw new InputError(`config path is a folder, not a file: ${f}`, f);
  }
  if (flags.resume && flags.out === undefined) {
    throw new InputError("--resume needs --out DIR: the folder of the comparison to finish", "--resume");
  }
  const [{ sweepSpecFromContents }, { planSweep }, { runSweep }, { formatCommand }, { formatDuration }] =
    await Promise.all([
      import("./engine/sweepSpec.ts"),
      import("./engine/sweepPlan.ts"),
      import("./engine/sweep.ts"),
      import("./io/manifest.ts"),
      import("./io/progress.ts"),
    ]);
  const contents = compareSweep(files, flags);
  // Everything is checked before the folder is created: a bad config writes nothing.
  const plan = planSweep(sweepSpecFromContents("spiral compare", contents));
  const outDir = flags.out !== undefined ? resolve(flags.out) : defaultDir(plan.spec.name, new Date());
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) return;
    process.stderr.write(`spiral: ${signal}: finishing the runs in progress\n`);
    controller.abort(signal);
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
    });
    const c = outcome.counts;
    const again = `${formatCommand(["spiral", ...argv.filter((a) => a !== "--resume")])}${flags.out === undefined ? ` --out ${formatCommand([displayPath(outDir)])}` : ""} --resume`;
    if (outcome.status === "interrupted") {
      process.stderr.write(
        `spiral: interrupted: ${c.completed + c.failed} of ${c.runs} runs done; finish with: ${again}\n`,
      );
      const signal = typeof controller.signal.reason === "string" ? controller.signal.reason : "SIGINT";
      return 128 + ((constants.signals as Record<string, number>)[signal] ?? 2);
    }
    const comparisonPath = join(outDir, "aggregates", "comparison.json");
    const { comparisonTable } = await import("./engine/comparisonFormat.ts");
    const table = existsSync(comparisonPath)
      ? comparisonTable(JSON.parse(readFileSync(comparisonPath, "utf8")))
      : "";
    process.stdout.write(
      [
        table,
        `results: ${displayPath(outDir)} (aggregates/comparison.csv, runs.csv)`,
        `runs: ${c.completed} completed, ${c.failed} failed, of ${c.runs} (${plan.points.length} arms × ${plan.spec.replications} common seeds)`,
        `time: ${formatDuration(outcome.wallSeconds)} with ${outcome.workers} worker${outcome.workers === 1 ? "" : "s"}`,
        "",
      ].join("\n"),
    );
    if (flags.report !== false) {
      try {
        const { writeReport } = await import("./report/index.ts");
        process.stdout.write(`report: ${displayPath(writeReport(outDir).path)}\n`);
      } catch (err) {
        process.stderr.write(
          `spiral: warning: the comparison completed, but its report could not be written: ${err instanceof Error ? err.message : String(err)}\n`,
        );
      }
    }
    if (outcome.failedRuns.length === 0) return 0;
    for (const run of outcome.failedRuns.slice(0, 20))
      process.stderr.write(`spiral: run ${run.runId} failed (after a retry): ${run.error}\n`);
    process.stderr.write(
      `spiral: ${outcome.failedRuns.length} of ${c.runs} runs failed; retry them with: ${again}\n`,
    );
    return 3;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

/** results/<name>-<YYYYMMDD-HHMMSS> (local time) under the working directory. */
function defaultDir(name: string, now: Date): string {
  return resolve("results", `${name}-${localTimestamp(now)}`);
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : resolve(path);
}
