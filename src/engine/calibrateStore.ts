// The evaluation store of `spiral calibrate`: one NDJSON line per finished
// run, appended the moment the run ends (one write of one line), so that a
// kill -9 loses at most the runs in flight. A record is keyed by the SHA-256
// of everything that determines it — the run's whole config (parameters and
// seed included) and the target names — so a changed base, override or
// target list never reuses a stale record. A coordinator writes
// evaluations.ndjson, shard i of N evaluations-<i>-of-<N>.ndjson; every
// evaluations*.ndjson of the folder is read on resume, first record of a key wins.
import { createHash } from "node:crypto";
import {
  closeSync,
  existsSync,
  ftruncateSync,
  openSync,
  readdirSync,
  readFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import type { SpiralConfig } from "../config/index.ts";
import type { ResponseMoment } from "./calibrateResponses.ts";

export const EVALUATIONS_LOG = "evaluations.ndjson";

/** One run of one point. */
export interface RunRecord {
  key: string;
  /** The point's parameter values, by path (for people reading the file). */
  point: Record<string, number>;
  seedIndex: number;
  seed: number;
  /** The target moments in the targets' order (null: undefined for this run); null if the run failed. */
  moments: (number | null)[] | null;
  error: string | null;
}

/**
 * The key of a run: SHA-256 of its config and the target names, and of the
 * response moments' definitions when there are any (a changed shock or
 * horizon is a different run; without responses the key is what it was
 * before responses existed, so older logs resume).
 */
export function runKey(
  config: SpiralConfig,
  targets: readonly string[],
  responses: readonly ResponseMoment[] = [],
): string {
  const keyed = responses.length === 0 ? { config, targets } : { config, targets, responses };
  return createHash("sha256").update(JSON.stringify(keyed)).digest("hex");
}

/** The log file of a coordinator (no shard) or of shard i of N. */
export function logFileName(shard?: { index: number; count: number }): string {
  return shard === undefined ? EVALUATIONS_LOG : `evaluations-${shard.index}-of-${shard.count}.ndjson`;
}

/** True if `dir` holds any evaluation log. */
export function hasLogs(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).some(isLogName);
}

function isLogName(name: string): boolean {
  return /^evaluations(-\d+-of-\d+)?\.ndjson$/.test(name);
}

export class EvaluationStore {
  readonly #records = new Map<string, RunRecord>();
  readonly #fd: number;
  /** Records read from the folder when the store was opened. */
  readonly loaded: number;

  /**
   * Reads every log in `dir` and opens `own` for appending. A last line
   * without its newline (a write cut short by kill -9) is dropped, and cut
   * off `own` before anything is appended.
   */
  constructor(dir: string, own: string) {
    const ownPath = join(dir, own);
    const names = readdirSync(dir).filter(isLogName).sort();
    for (const name of names) {
      const text = readFileSync(join(dir, name), "utf8");
      const complete = text.lastIndexOf("\n") + 1;
      for (const line of text.slice(0, complete).split("\n")) {
        if (line.trim() === "") continue;
        let record: RunRecord;
        try {
          record = JSON.parse(line) as RunRecord;
        } catch {
          continue; // a line damaged by a crash of the machine: that run is redone
        }
        if (typeof record.key === "string" && !this.#records.has(record.key))
          this.#records.set(record.key, record);
      }
      if (name === own && complete < Buffer.byteLength(text)) {
        const fd = openSync(ownPath, "r+");
        try {
          ftruncateSync(fd, Buffer.byteLength(text.slice(0, complete)));
        } finally {
          closeSync(fd);
        }
      }
    }
    this.loaded = this.#records.size;
    this.#fd = openSync(ownPath, "a");
  }

  get(key: string): RunRecord | undefined {
    return this.#records.get(key);
  }

  /** Appends one record as one line (one write call). */
  append(record: RunRecord): void {
    if (!this.#records.has(record.key)) this.#records.set(record.key, record);
    writeSync(this.#fd, `${JSON.stringify(record)}\n`);
  }

  close(): void {
    closeSync(this.#fd);
  }
}
