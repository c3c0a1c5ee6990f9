// Reads a run's series.csv back into columns, for reports, sweeps and tests.
// The reader is strict — every row the same width, every number a plain
// decimal — because a file that does not look exactly like what SeriesWriter
// writes was edited or truncated, and silently reading it would hide that.
import { readFileSync } from "node:fs";
import { InputError } from "../errors.ts";

export interface SeriesTable {
  columns: string[];
  /** String columns (by default only `date`) as string[], all others as Float64Array. */
  data: Record<string, Float64Array | string[]>;
}

export interface ReadSeriesOptions {
  /** Columns kept as text. Default ["date"]. */
  stringColumns?: readonly string[];
}

/** A number as String(x) writes it, e.g. "-12", "0.5", "1.25e-7", "1e+21". No NaN/Infinity. */
const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Reads series.csv (comma-separated, RFC 4180 quoting, "\n" or "\r\n" line ends).
 * @example readSeriesCsv("results/baseline-seed1-20250101-120000/series.csv").data.gdp
 * @throws InputError naming the file (and line and column, where it applies) if
 *   the file is missing or unreadable, empty, has duplicate or empty column
 *   names, a row of the wrong width, an unterminated quote, or a value that is
 *   not a finite number in a numeric column.
 */
export function readSeriesCsv(path: string, options: ReadSeriesOptions = {}): SeriesTable {
  const stringColumns = new Set(options.stringColumns ?? ["date"]);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "not found" : `cannot be read (${code ?? String(err)})`;
    throw new InputError(`series file ${path} ${why}`, path);
  }
  const records = parseCsv(text, path);
  const header = records[0];
  if (header === undefined) throw new InputError(`series file ${path} is empty`, path);
  const columns = header.fields;
  const seen = new Set<string>();
  for (const name of columns) {
    if (name === "") throw new InputError(`series file ${path}: empty column name in header`, path);
    if (seen.has(name)) throw new InputError(`series file ${path}: duplicate column "${name}"`, path);
    seen.add(name);
  }

  const rowCount = records.length - 1;
  const data: Record<string, Float64Array | string[]> = {};
  for (const name of columns) {
    data[name] = stringColumns.has(name) ? new Array<string>(rowCount) : new Float64Array(rowCount);
  }
  for (let r = 0; r < rowCount; r++) {
    const { fields, line } = records[r + 1]!;
    if (fields.length !== columns.length) {
      throw new InputError(
        `series file ${path} line ${line}: ${fields.length} values, expected ${columns.length}`,
        path,
      );
    }
    for (let c = 0; c < columns.length; c++) {
      const name = columns[c]!;
      const column = data[name]!;
      const field = fields[c]!;
      if (Array.isArray(column)) {
        column[r] = field;
      } else {
        if (!NUMBER.test(field)) {
          throw new InputError(
            `series file ${path} line ${line} column "${name}": ${JSON.stringify(field)} is not a number`,
            path,
          );
        }
        column[r] = Number(field);
      }
    }
  }
  return { columns, data };
}

interface CsvRecord {
  fields: string[];
  /** 1-based line on which the record starts. */
  line: number;
}

/** RFC 4180 records; a final line end does not start an empty record. */
function parseCsv(text: string, path: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const n = text.length;
  const endRecord = () => {
    fields.push(field);
    records.push({ fields, line: recordLine });
    fields = [];
    field = "";
  };
  while (i < n) {
    const ch = text[i]!;
    if (ch === '"' && field === "") {
      const quoteLine = line;
      i++;
      for (;;) {
        if (i >= n)
          throw new InputError(`series file ${path} line ${quoteLine}: unterminated quoted field`, path);
        const q = text[i]!;
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === "\n") line++;
        field += q;
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== "," && next !== "\n" && next !== "\r") {
        throw new InputError(`series file ${path} line ${line}: text after a closing quote`, path);
      }
      continue;
    }
    if (ch === ",") {
      fields.push(field);
      field = "";
      i++;
    } else if (ch === "\n" || (ch === "\r" && text[i + 1] === "\n")) {
      endRecord();
      i += ch === "\r" ? 2 : 1;
      line++;
      recordLine = line;
    } else if (ch === '"') {
      throw new InputError(`series file ${path} line ${line}: quote inside an unquoted field`, path);
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== "" || fields.length > 0) endRecord();
  return records;
}
