// The sweep's manifest.json: what the sweep was (the sweep file's contents,
// the resolved base config), with what (Spiral and Node versions, git
// commit, workers), how it went (status, counts, failed runs) and hashes of
// the result tables. Written atomically at the start and after the end.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { writeFileAtomic } from "../io/atomicWrite.ts";
import { gitCommit, MANIFEST_FILE, type OutputFileInfo } from "../io/manifest.ts";
import { packagePath } from "../packagePaths.ts";
import type { SweepPlan } from "./sweepPlan.ts";
import type { FailedRun } from "./sweepResults.ts";

/** Marks a manifest.json as a sweep's (a run folder's manifest has none). */
export const SWEEP_KIND = "spiral-sweep";
/** Marks shards/<i>-of-<N>/manifest.json: one shard of a sweep (see shard.ts). */
export const SWEEP_SHARD_KIND = "spiral-sweep-shard";

export type SweepStatus = "running" | "completed" | "failed" | "interrupted";

export interface SweepCounts {
  /** Distinct design points. */
  points: number;
  runs: number;
  completed: number;
  failed: number;
  /** Runs without a result yet. */
  pending: number;
  /** Runs found finished when this start began (resume). */
  reused: number;
}

export interface SweepManifestInput {
  plan: SweepPlan;
  command: string;
  status: SweepStatus;
  startedAt: Date;
  finishedAt?: Date;
  workers: number;
  workerMemoryMb: number;
  counts: SweepCounts;
  failedRuns?: readonly FailedRun[];
  /** Result files to hash, relative to the folder. */
  outputs?: readonly string[];
  error?: string;
  /** Set for a shard's manifest (shards/<i>-of-<N>/manifest.json): which shard, of how many. */
  shard?: { index: number; count: number };
  /** Set by `spiral merge`: the shard manifests found (relative paths) and their statuses. */
  merged?: unknown;
}

const PACKAGE_JSON = packagePath("package.json");

/** Writes <dir>/manifest.json atomically. */
export function writeSweepManifest(dir: string, input: SweepManifestInput): void {
  const { plan } = input;
  const spec = plan.spec;
  const finishedAt = input.finishedAt ?? null;
  const outputs: Record<string, OutputFileInfo> = {};
  for (const file of [...(input.outputs ?? [])].sort()) {
    const bytes = readFileSync(join(dir, file));
    outputs[file] = { sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length };
  }
  const manifest = {
    kind: input.shard === undefined ? SWEEP_KIND : SWEEP_SHARD_KIND,
    spiral: JSON.parse(readFileSync(PACKAGE_JSON, "utf8")).version as string,
    node: process.version,
    gitCommit: gitCommit(),
    command: input.command,
    sweepFile: spec.file,
    sweep: spec.contents,
    baseConfig: spec.baseConfig,
    design: {
      type: spec.design.type,
      rows: plan.rows.length,
      points: plan.points.length,
      replications: spec.replications,
      seeds: spec.seeds,
      runs: plan.runCount,
      keep: spec.keep,
    },
    ...(input.shard === undefined ? {} : { shard: input.shard, sweepPath: resolve(spec.file) }),
    ...(input.merged === undefined ? {} : { merged: input.merged }),
    workers: input.workers,
    workerMemoryMb: input.workerMemoryMb,
    status: input.status,
    error: input.error ?? null,
    startedAt: input.startedAt.toISOString(),
    finishedAt: finishedAt === null ? null : finishedAt.toISOString(),
    wallSeconds: finishedAt === null ? null : (finishedAt.getTime() - input.startedAt.getTime()) / 1000,
    counts: input.counts,
    failedRuns: input.failedRuns ?? [],
    outputs,
  };
  writeFileAtomic(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Status of the sweep manifest in `dir`, or undefined if there is none (or it is not a sweep's). */
export function readSweepManifestStatus(dir: string): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), "utf8"));
    if (manifest?.kind !== SWEEP_KIND) return undefined;
    return typeof manifest.status === "string" ? manifest.status : "unknown";
  } catch {
    return undefined;
  }
}
