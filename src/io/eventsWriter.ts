// The run's discrete events (defaults, crises, policy switches) as
// `events.ndjson`: one JSON object per line, streamed to disk as they happen
// (nothing accumulates in memory) and committed under the final name at `close()`. Every line starts with the same three keys so that `jq`, DuckDB's
// read_json and a plain `grep` all work: {"tick":n,"date":"YYYY-MM","type":"...",...details}.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AtomicFileStream } from "./atomicWrite.ts";

export const EVENTS_FILE = "events.ndjson";

/** One event. Details are any JSON-serialisable fields besides the three fixed ones. */
export interface RunEvent {
  tick: number;
  /** Model calendar month, "YYYY-MM". */
  date: string;
  /** Kind of event: one of src/model/events.ts EVENT_TYPES for a model run, e.g. "firmDefault". */
  type: string;
  [detail: string]: unknown;
}

export class EventsWriter {
  readonly path: string;
  #stream: AtomicFileStream;
  #count = 0;

  /** Opens the temp file for `<folder>/events.ndjson`. */
  constructor(folder: string) {
    this.path = join(folder, EVENTS_FILE);
    this.#stream = new AtomicFileStream(this.path);
  }

  /** Events written so far. */
  get count(): number {
    return this.#count;
  }

  /**
   * Writes one event line. Keys come out as tick, date, type, then the details
   * in their insertion order.
   * @throws Error if tick is not a non-negative integer, date is not "YYYY-MM",
   *   type is empty, or a detail holds NaN, ±Infinity, a bigint, a function or a
   *   symbol (JSON would silently write null or drop them). `undefined` fields are
   *   omitted, as JSON does.
   */
  append(event: RunEvent): void {
    const { tick, date, type, ...details } = event;
    if (!Number.isInteger(tick) || tick < 0) {
      throw new Error(`EventsWriter: tick must be a non-negative integer, got ${String(tick)}`);
    }
    if (typeof date !== "string" || !/^\d{4}-(0[1-9]|1[0-2])$/.test(date)) {
      throw new Error(`EventsWriter: date must be "YYYY-MM", got ${JSON.stringify(date)} (tick ${tick})`);
    }
    if (typeof type !== "string" || type === "") {
      throw new Error(`EventsWriter: type must be a non-empty string (tick ${tick})`);
    }
    const line = JSON.stringify({ tick, date, type, ...details }, (key, value) => {
      checkJsonValue(key, value, type, tick);
      return value;
    });
    this.#stream.write(`${line}\n`);
    this.#count++;
  }

  /** The bytes written so far (for checkpoints). */
  writtenBytes(): Uint8Array {
    return readFileSync(this.#stream.tempPath);
  }

  /** Appends bytes written by an earlier writer of the same run (resume from a checkpoint). */
  appendRaw(bytes: Uint8Array): void {
    this.#stream.write(bytes);
  }

  /** Commits `events.ndjson` under its final name (an empty file if there were no events). */
  close(): void {
    this.#stream.commit();
  }

  /** Removes the temp file. No-op after `close()`. */
  abort(): void {
    this.#stream.abort();
  }
}

function checkJsonValue(key: string, value: unknown, type: string, tick: number): void {
  const bad =
    (typeof value === "number" && !Number.isFinite(value)) ||
    typeof value === "bigint" ||
    typeof value === "function" ||
    typeof value === "symbol";
  if (bad) {
    throw new Error(
      `EventsWriter: event "${type}" at tick ${tick} has field "${key}" = ${String(value)}, which JSON cannot hold`,
    );
  }
}
