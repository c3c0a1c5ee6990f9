// The run's aggregate time series, one row per tick, written twice with the same
// content: `series.csv` for people and spreadsheets, `series.parquet` for
// DuckDB/pandas/polars. CSV lines are streamed to disk as rows arrive, so a long
// run never holds its rows as text; numbers are also kept in per-column typed
// arrays (rows are few) and written as Parquet at `close()`. Both files appear
// under their final names only at `close()`; `abort()` leaves neither behind.
import { unlinkSync } from "node:fs";
import { join } from "node:path";
import type { ColumnSource } from "hyparquet-writer";
import { parquetWriteBuffer } from "hyparquet-writer";
import { ModelFailure } from "../errors.ts";
import { AtomicFileStream } from "./atomicWrite.ts";

/**
 * One column of the series. Parquet types: `int` → INT32 (DuckDB INTEGER),
 * `float` → DOUBLE, `string` → BYTE_ARRAY/UTF8 (DuckDB VARCHAR). All REQUIRED.
 */
export interface SeriesColumn {
  name: string;
  type: "int" | "float" | "string";
}

export const SERIES_CSV = "series.csv";
export const SERIES_PARQUET = "series.parquet";

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const INITIAL_CAPACITY = 256;

type ColumnBuffer = Int32Array | Float64Array | string[];

export class SeriesWriter {
  readonly columns: readonly SeriesColumn[];
  readonly folder: string;
  #csv: AtomicFileStream;
  #parquet: AtomicFileStream | null = null;
  #buffers: ColumnBuffer[];
  #rows = 0;
  #capacity = INITIAL_CAPACITY;
  #tickColumn: number;
  #state: "open" | "closed" | "aborted" = "open";

  /** Opens the temp file for `<folder>/series.csv` and writes the header line. */
  constructor(folder: string, columns: readonly SeriesColumn[]) {
    validateColumns(columns);
    this.folder = folder;
    this.columns = columns.map((c) => ({ name: c.name, type: c.type }));
    this.#buffers = this.columns.map((c) =>
      c.type === "int"
        ? new Int32Array(INITIAL_CAPACITY)
        : c.type === "float"
          ? new Float64Array(INITIAL_CAPACITY)
          : [],
    );
    this.#tickColumn = this.columns.findIndex((c) => c.name === "tick" && c.type === "int");
    this.#csv = new AtomicFileStream(join(folder, SERIES_CSV));
    try {
      this.#csv.write(`${this.columns.map((c) => csvField(c.name)).join(",")}\n`);
    } catch (err) {
      this.#csv.abort();
      throw err;
    }
  }

  /** Rows appended so far. */
  get rowCount(): number {
    return this.#rows;
  }

  /**
   * Appends one row, values in column order, and writes its CSV line at once.
   * The row is checked whole before anything is written, so a rejected row
   * leaves the writer as it was.
   * @throws ModelFailure for NaN or ±Infinity (naming column, row and tick).
   * @throws Error for a wrong row length, a value of the wrong type, or an
   *   `int` value that is not an integer in the INT32 range (programming errors).
   */
  append(row: readonly (number | string)[]): void {
    if (this.#state !== "open") throw new Error(`SeriesWriter: cannot append, writer is ${this.#state}`);
    const columns = this.columns;
    if (row.length !== columns.length) {
      throw new Error(`SeriesWriter: row ${this.#rows} has ${row.length} values, expected ${columns.length}`);
    }
    for (let i = 0; i < columns.length; i++) this.#check(row, i);

    const fields = new Array<string>(columns.length);
    if (this.#rows === this.#capacity) this.#grow();
    for (let i = 0; i < columns.length; i++) {
      const buffer = this.#buffers[i]!;
      const value = row[i]!;
      if (typeof value === "string") {
        (buffer as string[]).push(value);
        fields[i] = csvField(value);
      } else {
        // -0 becomes 0 so that CSV ("0") and Parquet hold the same value.
        const number = value === 0 ? 0 : value;
        (buffer as Int32Array | Float64Array)[this.#rows] = number;
        fields[i] = String(number);
      }
    }
    this.#csv.write(`${fields.join(",")}\n`);
    this.#rows++;
  }

  /** The rows appended so far, rebuilt from the kept columns (for checkpoints; rows are few). */
  rows(): (number | string)[][] {
    const out: (number | string)[][] = [];
    for (let r = 0; r < this.#rows; r++) out.push(this.#buffers.map((buffer) => buffer[r]!));
    return out;
  }

  /** Writes `series.parquet` and commits both files under their final names. */
  close(): void {
    if (this.#state !== "open") throw new Error(`SeriesWriter: cannot close, writer is ${this.#state}`);
    try {
      const bytes = new Uint8Array(parquetWriteBuffer({ columnData: this.#columnData() }));
      this.#parquet = new AtomicFileStream(join(this.folder, SERIES_PARQUET));
      this.#parquet.write(bytes);
      this.#csv.commit();
      this.#parquet.commit();
      this.#state = "closed";
    } catch (err) {
      this.abort();
      throw err;
    }
  }

  /** Removes the temp files, leaving no `series.*` file from this writer. No-op after `close()`. */
  abort(): void {
    if (this.#state === "aborted") return;
    const committedCsv = this.#csv.state === "committed";
    this.#csv.abort();
    this.#parquet?.abort();
    // close() failed between the two renames: take back the CSV so the pair stays consistent.
    if (this.#state === "open" && committedCsv && this.#parquet?.state !== "committed") {
      try {
        unlinkIfPresent(this.#csv.path);
      } catch {
        // Best effort; the original error is the one to report.
      }
    }
    if (this.#state === "open") this.#state = "aborted";
  }

  #check(row: readonly (number | string)[], i: number): void {
    const column = this.columns[i]!;
    const value = row[i];
    const where = `column "${column.name}" row ${this.#rows}`;
    if (column.type === "string") {
      if (typeof value !== "string") {
        throw new Error(`SeriesWriter: ${where} must be a string, got ${typeof value}`);
      }
      return;
    }
    if (typeof value !== "number") {
      throw new Error(`SeriesWriter: ${where} must be a number, got ${typeof value}`);
    }
    if (!Number.isFinite(value)) {
      const tickValue = this.#tickColumn >= 0 ? row[this.#tickColumn] : undefined;
      const tick = typeof tickValue === "number" && Number.isFinite(tickValue) ? tickValue : this.#rows;
      throw new ModelFailure(
        `series ${where} (tick ${tick}) is ${value}; the model must never produce non-finite values`,
        tick,
        column.name,
      );
    }
    if (column.type === "int" && (!Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX)) {
      throw new Error(`SeriesWriter: ${where} is ${value}, not an integer in the INT32 range`);
    }
  }

  #grow(): void {
    this.#capacity *= 2;
    this.#buffers = this.#buffers.map((buffer) => {
      if (Array.isArray(buffer)) return buffer;
      const bigger =
        buffer instanceof Int32Array ? new Int32Array(this.#capacity) : new Float64Array(this.#capacity);
      bigger.set(buffer);
      return bigger;
    });
  }

  #columnData(): ColumnSource[] {
    return this.columns.map((column, i) => {
      const buffer = this.#buffers[i]!;
      const data = Array.isArray(buffer) ? buffer : buffer.subarray(0, this.#rows);
      const type = column.type === "int" ? "INT32" : column.type === "float" ? "DOUBLE" : "STRING";
      return { name: column.name, data, type, nullable: false };
    });
  }
}

/** RFC 4180 quoting: only fields containing a comma, quote or line break are quoted. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function validateColumns(columns: readonly SeriesColumn[]): void {
  if (columns.length === 0) throw new Error("SeriesWriter: at least one column is required");
  const seen = new Set<string>();
  for (const column of columns) {
    if (typeof column.name !== "string" || column.name === "") {
      throw new Error("SeriesWriter: column names must be non-empty strings");
    }
    if (seen.has(column.name)) throw new Error(`SeriesWriter: duplicate column "${column.name}"`);
    seen.add(column.name);
    if (column.type !== "int" && column.type !== "float" && column.type !== "string") {
      throw new Error(`SeriesWriter: column "${column.name}" has unknown type "${String(column.type)}"`);
    }
  }
}

function unlinkIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
}
