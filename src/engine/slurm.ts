// `spiral slurm SWEEP --array N --out DIR`: a submission script for Slurm.
// Run with bash, it submits two jobs with sbatch (each job script is given on
// sbatch's standard input):
//   1. an array job of N tasks (0..N-1); task i runs shard i of N of the
//      sweep (found from SLURM_ARRAY_TASK_ID / SLURM_ARRAY_TASK_COUNT) with
//      --workers = --cpus-per-task, and --resume so that a requeued task
//      finishes its shard instead of starting over;
//   2. a merge job, --dependency=afterany on the array: it runs whatever
//      became of the shards and reports missing or failed runs.
// Every path in it is absolute (node, the spiral launcher, the sweep file,
// the folder), so the jobs need neither PATH nor a working directory.
import { isAbsolute, resolve } from "node:path";
import { InputError } from "../errors.ts";
import { packagePath } from "../packagePaths.ts";

/** The npm bin launcher, src/spiral.mjs. */
export const LAUNCHER_PATH = packagePath("src/spiral.mjs");

export interface SlurmOptions {
  /** Sweep file, resolved to an absolute path. */
  sweepFile: string;
  /** Shards: array tasks 0..array-1. */
  array: number;
  /** The shared sweep folder. */
  outDir: string;
  cpusPerTask?: number;
  /** Slurm --mem per task, e.g. "16G" (a number alone is MB, as in Slurm). */
  mem?: string;
  /** Slurm --time, e.g. "04:00:00". */
  time?: string;
  partition?: string;
  /** Pass --force to the shards' sweep (a sweep of more than MAX_SWEEP_RUNS runs). */
  force?: boolean;
  /** Job name; default spiral-<sweep name>. */
  jobName: string;
  /** Absolute path of node; default this process's. */
  nodePath?: string;
  /** Absolute path of src/spiral.mjs; default this checkout's. */
  launcher?: string;
  /** Working directory of the jobs; default the current one. */
  workDir?: string;
}

/** Quotes a word for bash (single quotes unless it is plainly safe). */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Slurm's --mem as megabytes: a number with an optional K, M, G or T suffix (default M). */
export function memoryMb(mem: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)B?\s*$/i.exec(mem);
  if (match === null)
    throw new InputError(`--mem must be a size like 4000, 16G or 512M, got "${mem}"`, "--mem");
  const factor = { K: 1 / 1024, M: 1, G: 1024, T: 1024 * 1024, "": 1 }[match[2].toUpperCase() as "K"];
  const mb = Number(match[1]) * factor;
  if (!(mb > 0)) throw new InputError(`--mem must be positive, got "${mem}"`, "--mem");
  return mb;
}

/** Heap limit per worker for a task of `memMb` with `workers` workers: 85 % of its share, at least 256 MB. */
export function workerMemoryFor(memMb: number, workers: number): number {
  return Math.max(256, Math.floor((memMb * 0.85) / workers));
}

/** The submission script (bash), as text. */
export function slurmScript(opts: SlurmOptions): string {
  if (!Number.isSafeInteger(opts.array) || opts.array < 1)
    throw new InputError(`--array must be a positive integer, got ${opts.array}`, "--array");
  for (const [flag, value] of [
    ["--time", opts.time],
    ["--partition", opts.partition],
  ] as const) {
    if (value !== undefined && !/^[A-Za-z0-9_.:,+-]+$/.test(value))
      throw new InputError(`${flag} has characters Slurm does not take: "${value}"`, flag);
  }
  const cpus = opts.cpusPerTask ?? 1;
  const node = opts.nodePath ?? process.execPath;
  const launcher = opts.launcher ?? LAUNCHER_PATH;
  const workDir = opts.workDir ?? process.cwd();
  const sweep = resolve(opts.sweepFile);
  const out = resolve(opts.outDir);
  for (const p of [node, launcher, workDir, sweep, out])
    if (!isAbsolute(p)) throw new Error(`not absolute: ${p}`);
  const logs = `${out}/slurm`;
  const name = opts.jobName.replace(/[^A-Za-z0-9_.-]/g, "_");
  const q = shellQuote;
  const spiral = `${q(node)} ${q(launcher)}`;
  const memoryFlag =
    opts.mem === undefined ? "" : ` --worker-memory-mb ${workerMemoryFor(memoryMb(opts.mem), cpus)}`;
  const common = [
    ...(opts.partition === undefined ? [] : [`#SBATCH --partition=${opts.partition}`]),
    ...(opts.time === undefined ? [] : [`#SBATCH --time=${opts.time}`]),
    `#SBATCH --chdir=${q(workDir)}`,
  ];
  const arrayJob = [
    "#!/bin/bash",
    `#SBATCH --job-name=${name}`,
    `#SBATCH --array=0-${opts.array - 1}`,
    "#SBATCH --nodes=1",
    "#SBATCH --ntasks=1",
    `#SBATCH --cpus-per-task=${cpus}`,
    ...(opts.mem === undefined ? [] : [`#SBATCH --mem=${opts.mem.trim()}`]),
    ...common,
    `#SBATCH --output=${q(`${logs}/${name}-%A_%a.out`)}`,
    "set -euo pipefail",
    "# Shard SLURM_ARRAY_TASK_ID of SLURM_ARRAY_TASK_COUNT (spiral reads both); --resume finishes a requeued shard.",
    `exec ${spiral} sweep ${q(sweep)} --out ${q(out)} --resume --workers ${cpus}${memoryFlag}${opts.force ? " --force" : ""} --quiet --no-report`,
  ];
  const mergeJob = [
    "#!/bin/bash",
    `#SBATCH --job-name=${name}-merge`,
    "#SBATCH --nodes=1",
    "#SBATCH --ntasks=1",
    "#SBATCH --cpus-per-task=1",
    ...(opts.mem === undefined ? [] : [`#SBATCH --mem=${opts.mem.trim()}`]),
    ...common,
    `#SBATCH --output=${q(`${logs}/${name}-merge-%j.out`)}`,
    "set -euo pipefail",
    "# Runs after every array task ended, however it ended; lists missing and failed runs.",
    `exec ${spiral} merge ${q(out)}`,
  ];
  return [
    "#!/bin/bash",
    `# Spiral sweep ${sweep} on Slurm: ${opts.array} shard${opts.array === 1 ? "" : "s"} × ${cpus} CPU${cpus === 1 ? "" : "s"}, then a merge job.`,
    `# Generated by: spiral slurm. Submit with: bash THIS_FILE   (prints the two job ids)`,
    `# Results: ${out}   Logs: ${logs}/`,
    "set -euo pipefail",
    `mkdir -p ${q(logs)}`,
    "array_job=$(sbatch --parsable <<'SPIRAL_ARRAY_JOB'",
    ...arrayJob,
    "SPIRAL_ARRAY_JOB",
    ")",
    "array_job=$(echo \"$array_job\" | cut -d';' -f1)",
    "merge_job=$(sbatch --parsable --dependency=afterany:\"$array_job\" <<'SPIRAL_MERGE_JOB'",
    ...mergeJob,
    "SPIRAL_MERGE_JOB",
    ")",
    "merge_job=$(echo \"$merge_job\" | cut -d';' -f1)",
    'echo "array job: $array_job"',
    'echo "merge job: $merge_job"',
    "",
  ].join("\n");
}
