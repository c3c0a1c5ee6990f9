// `spiral calibrate SPEC [--out DIR] [--workers N] [--resume] [--shard i/N] [--quiet]`:
// the command around the coordinator (calibrate.ts) — flags, signals, what it
// prints, the exit code. Registered in src/cli.ts.
import { constants } from "node:os";
import { isAbsolute, relative, resolve } from "node:path";
import { InputError } from "../errors.ts";
import { formatDuration } from "../io/progress.ts";
import { localTimestamp } from "../io/runFolder.ts";
import { calibrate } from "./calibrate.ts";
import { writeCalibrationOutputs } from "./calibrateOutputs.ts";
import { loadCalibrationSpec } from "./calibrateSpec.ts";
import { detectShard } from "./shard.ts";

export interface CalibrateFlags {
  out?: string;
  workers?: number;
  resume?: boolean;
  shard?: string;
  quiet?: boolean;
}

/** Runs the command; resolves to the exit code (0, 3 when every evaluation failed, 128 + n on signal n). */
export async function calibrateCommand(file: string, flags: CalibrateFlags): Promise<number> {
  if (flags.resume && flags.out === undefined) {
    throw new InputError("--resume needs --out DIR: the folder of the estimation to finish", "--resume");
  }
  const shard = detectShard({ shard: flags.shard });
  if (shard !== undefined && flags.out === undefined) {
    throw new InputError(`a shard (${shard.source}) needs --out DIR: the folder all shards share`, "--out");
  }
  // Everything is checked before the folder is created: a bad file writes nothing.
  const spec = loadCalibrationSpec(file);
  const outDir = resolve(flags.out ?? defaultDir(spec.name, new Date()));
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      process.stderr.write(`spiral: ${signal} again, stopping at once; finish with --resume\n`);
      process.exit(128 + ((constants.signals as Record<string, number>)[signal] ?? 2));
    }
    process.stderr.write(`spiral: ${signal}: stopping; every finished run is kept (again to stop at once)\n`);
    controller.abort(signal);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    const outcome = await calibrate(spec, {
      outDir,
      workers: flags.workers,
      resume: flags.resume ?? false,
      quiet: flags.quiet ?? false,
      shard,
      signal: controller.signal,
    });
    const resumeHint = `spiral calibrate ${file} --out ${display(outDir)} --resume`;
    const timing = `${outcome.ranRuns} runs in ${formatDuration(outcome.wallSeconds)} with ${outcome.workers} worker${outcome.workers === 1 ? "" : "s"} (${outcome.runsPerSecond.toFixed(2)} runs/s), ${outcome.reusedRuns} reused from the log`;
    if (outcome.status === "interrupted") {
      const signal = typeof controller.signal.reason === "string" ? controller.signal.reason : "SIGINT";
      process.stderr.write(`spiral: interrupted (${signal}): ${timing}; finish with: ${resumeHint}\n`);
      return 128 + ((constants.signals as Record<string, number>)[signal] ?? 2);
    }
    if (outcome.status === "shard-done") {
      process.stdout.write(
        `results: ${display(outDir)}\nshard ${shard?.index}/${shard?.count} of the global stage: ${outcome.evaluations.length} points, ${timing}\nwhen every shard is done, finish with: ${resumeHint}\n`,
      );
      return 0;
    }
    if (outcome.status === "failed") {
      process.stderr.write(`spiral: ${outcome.error}\n`);
      return 3;
    }
    writeCalibrationOutputs(outDir, spec, outcome);
    const e = outcome.estimate!;
    const lines = [
      `results: ${display(outDir)}`,
      `evaluations: ${e.evaluations} (search stopped: ${e.stopped}); ${timing}`,
    ];
    for (const [path, p] of Object.entries(e.parameters)) {
      lines.push(
        `  ${path} = ${p.estimate.toPrecision(5)} (se ${p.se === null ? "n/a" : p.se.toPrecision(3)})`,
      );
    }
    lines.push(
      `objective ${e.objective.toPrecision(4)}${e.jStatistic === null ? "" : `, J = ${e.jStatistic.toPrecision(4)} (df ${e.degreesOfFreedom}, p = ${e.pValue?.toPrecision(3)})`}`,
    );
    for (const [name, m] of Object.entries(e.moments)) {
      lines.push(
        `  ${name}: target ${m.target.toPrecision(4)}, simulated ${m.simulated.toPrecision(4)}, t ${m.tRatio.toFixed(2)}`,
      );
    }
    for (const note of e.notes) lines.push(`note: ${note}`);
    lines.push(
      `calibrated config: ${display(resolve(outDir, "calibrated.json"))}`,
      `report: ${display(resolve(outDir, "report.html"))}`,
    );
    process.stdout.write(`${lines.join("\n")}\n`);
    return 0;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

function defaultDir(name: string, now: Date): string {
  return resolve("results", `calibrate-${name}-${localTimestamp(now)}`);
}

function display(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : resolve(path);
}
