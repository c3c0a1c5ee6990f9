import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ModelFailure } from "../src/errors.ts";
import { tempPathFor } from "../src/io/atomicWrite.ts";
import { csvField, type SeriesColumn, SeriesWriter } from "../src/io/seriesWriter.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "spiral-io-series-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const COLUMNS: SeriesColumn[] = [
  { name: "tick", type: "int" },
  { name: "date", type: "string" },
  { name: "gdp", type: "float" },
  { name: "defaults", type: "int" },
  { name: "regime", type: "string" },
];

/** Rows with awkward values: tiny, huge, negative, non-terminating binary fractions, CSV-special text. */
function makeRows(n: number): (number | string)[][] {
  const rows: (number | string)[][] = [];
  for (let t = 0; t < n; t++) {
    const year = 2030 + Math.floor(t / 12);
    const month = String((t % 12) + 1).padStart(2, "0");
    const gdp =
      t === 1 ? 5e-324 : t === 2 ? -1.7976931348623157e308 : t === 3 ? 0.1 + 0.2 : 1000 * 1.01 ** t + t / 7;
    const regime = t % 3 === 0 ? "normal" : t % 3 === 1 ? 'crisis, "bank run"' : "line\nbreak";
    rows.push([t, `${year}-${month}`, gdp, t % 5 === 0 ? -(2 ** 31) : 2 ** 31 - 1 - t, regime]);
  }
  return rows;
}

function writeSeries(rows: (number | string)[][]): void {
  const writer = new SeriesWriter(dir, COLUMNS);
  for (const row of rows) writer.append(row);
  writer.close();
}

describe("SeriesWriter CSV", () => {
  it("writes a header and one line per row with String(x) numbers", () => {
    writeSeries([
      [0, "2030-01", 1.5, 3, "normal"],
      [1, "2030-02", 1e21, -0, "a,b"],
    ]);
    expect(readFileSync(join(dir, "series.csv"), "utf8")).toBe(
      'tick,date,gdp,defaults,regime\n0,2030-01,1.5,3,normal\n1,2030-02,1e+21,0,"a,b"\n',
    );
    expect(readdirSync(dir).sort()).toEqual(["series.csv", "series.parquet"]);
  });

  it("streams each line to the temp file at once and shows no final file before close", () => {
    const writer = new SeriesWriter(dir, COLUMNS);
    writer.append([0, "2030-01", 2.25, 0, "normal"]);
    const temp = tempPathFor(join(dir, "series.csv"));
    expect(readFileSync(temp, "utf8")).toBe("tick,date,gdp,defaults,regime\n0,2030-01,2.25,0,normal\n");
    expect(existsSync(join(dir, "series.csv"))).toBe(false);
    expect(existsSync(join(dir, "series.parquet"))).toBe(false);
    writer.close();
    expect(existsSync(temp)).toBe(false);
  });

  it("quotes CSV fields only when needed", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
  });
});

describe("SeriesWriter CSV and Parquet hold the same rows", () => {
  const rows = makeRows(1500); // > initial capacity (growth) and > 1000 rows (two Parquet row groups)

  it("hyparquet reads back exactly the rows written, with the documented types", async () => {
    writeSeries(rows);
    const buffer = new Uint8Array(readFileSync(join(dir, "series.parquet"))).buffer;
    const schema = parquetMetadata(buffer).schema.slice(1);
    expect(schema.map((e) => [e.name, e.type, e.converted_type, e.repetition_type])).toEqual([
      ["tick", "INT32", undefined, "REQUIRED"],
      ["date", "BYTE_ARRAY", "UTF8", "REQUIRED"],
      ["gdp", "DOUBLE", undefined, "REQUIRED"],
      ["defaults", "INT32", undefined, "REQUIRED"],
      ["regime", "BYTE_ARRAY", "UTF8", "REQUIRED"],
    ]);
    const objects = await parquetReadObjects({ file: buffer });
    const fromParquet = objects.map((o) => COLUMNS.map((c) => o[c.name]));
    expect(fromParquet).toEqual(rows);
  });

  it("DuckDB reads the Parquet file as INTEGER/VARCHAR/DOUBLE with the same values as the CSV", async () => {
    writeSeries(rows);
    const csvRows = parseSimpleCsvRows(readFileSync(join(dir, "series.csv"), "utf8"));
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    try {
      const path = join(dir, "series.parquet").replaceAll("'", "''");
      const reader = await connection.runAndReadAll(`SELECT * FROM read_parquet('${path}')`);
      expect(reader.columnNames()).toEqual(COLUMNS.map((c) => c.name));
      expect(reader.columnTypes().map((t) => t.toString())).toEqual([
        "INTEGER",
        "VARCHAR",
        "DOUBLE",
        "INTEGER",
        "VARCHAR",
      ]);
      const fromDuck = reader.getRows();
      expect(fromDuck).toEqual(rows);
      // The CSV text, parsed column by column, gives the very same values.
      const fromCsv = csvRows.map((fields) =>
        fields.map((f, i) => (COLUMNS[i]!.type === "string" ? f : Number(f))),
      );
      expect(fromCsv).toEqual(fromDuck);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it("stores -0 as 0 in both files", async () => {
    writeSeries([[0, "2030-01", -0, 0, "x"]]);
    const objects = await parquetReadObjects({
      file: new Uint8Array(readFileSync(join(dir, "series.parquet"))).buffer,
    });
    expect(Object.is(objects[0]!.gdp, 0)).toBe(true);
    expect(readFileSync(join(dir, "series.csv"), "utf8").split("\n")[1]).toBe("0,2030-01,0,0,x");
  });

  it("writes an empty series (header only, zero-row Parquet) when there are no rows", async () => {
    writeSeries([]);
    expect(readFileSync(join(dir, "series.csv"), "utf8")).toBe("tick,date,gdp,defaults,regime\n");
    const objects = await parquetReadObjects({
      file: new Uint8Array(readFileSync(join(dir, "series.parquet"))).buffer,
    });
    expect(objects).toEqual([]);
  });

  it("is deterministic: the same rows give byte-identical files", () => {
    const small = makeRows(300);
    writeSeries(small);
    const csv1 = readFileSync(join(dir, "series.csv"));
    const pq1 = readFileSync(join(dir, "series.parquet"));
    writeSeries(small);
    expect(readFileSync(join(dir, "series.csv")).equals(csv1)).toBe(true);
    expect(readFileSync(join(dir, "series.parquet")).equals(pq1)).toBe(true);
  });
});

describe("SeriesWriter rejects bad values", () => {
  it("rejects NaN with a ModelFailure naming the column, row and tick, and keeps going", () => {
    const writer = new SeriesWriter(dir, COLUMNS);
    writer.append([7, "2030-08", 1, 0, "ok"]);
    let caught: unknown;
    try {
      writer.append([8, "2030-09", Number.NaN, 0, "bad"]);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ModelFailure);
    const failure = caught as ModelFailure;
    expect(failure.message).toContain('column "gdp"');
    expect(failure.message).toContain("row 1");
    expect(failure.message).toContain("NaN");
    expect(failure.subject).toBe("gdp");
    expect(failure.tick).toBe(8);
    // The rejected row was not written; the writer still works.
    writer.append([8, "2030-09", 2, 0, "ok"]);
    writer.close();
    expect(readFileSync(join(dir, "series.csv"), "utf8")).toBe(
      "tick,date,gdp,defaults,regime\n7,2030-08,1,0,ok\n8,2030-09,2,0,ok\n",
    );
  });

  it("rejects ±Infinity as a ModelFailure in float and int columns", () => {
    const writer = new SeriesWriter(dir, COLUMNS);
    const cases: [(number | string)[], RegExp][] = [
      [[0, "2030-01", Number.POSITIVE_INFINITY, 0, "x"], /column "gdp" row 0 \(tick 0\) is Infinity/],
      [[0, "2030-01", 1, Number.NEGATIVE_INFINITY, "x"], /column "defaults" row 0 \(tick 0\) is -Infinity/],
    ];
    for (const [row, pattern] of cases) {
      let caught: unknown;
      try {
        writer.append(row);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(ModelFailure);
      expect((caught as Error).message).toMatch(pattern);
    }
    writer.abort();
  });

  it("rejects wrong row length, wrong types and ints outside INT32", () => {
    const writer = new SeriesWriter(dir, COLUMNS);
    expect(() => writer.append([0, "2030-01", 1, 0])).toThrow(/4 values, expected 5/);
    expect(() => writer.append([0, 202001, 1, 0, "x"])).toThrow(/column "date" row 0 must be a string/);
    expect(() => writer.append([0, "2030-01", "1", 0, "x"])).toThrow(/column "gdp" row 0 must be a number/);
    expect(() => writer.append([0, "2030-01", 1, 1.5, "x"])).toThrow(/column "defaults" row 0 is 1.5/);
    expect(() => writer.append([0, "2030-01", 1, 2 ** 31, "x"])).toThrow(/INT32/);
    expect(writer.rowCount).toBe(0);
    writer.abort();
  });

  it("rejects bad column specs", () => {
    expect(() => new SeriesWriter(dir, [])).toThrow(/at least one column/);
    expect(
      () =>
        new SeriesWriter(dir, [
          { name: "a", type: "int" },
          { name: "a", type: "float" },
        ]),
    ).toThrow(/duplicate column "a"/);
    expect(() => new SeriesWriter(dir, [{ name: "a", type: "bool" as "int" }])).toThrow(/unknown type/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("SeriesWriter abort", () => {
  it("leaves no files at all", () => {
    const writer = new SeriesWriter(dir, COLUMNS);
    for (const row of makeRows(50)) writer.append(row);
    writer.abort();
    expect(readdirSync(dir)).toEqual([]);
    expect(() => writer.append([0, "2030-01", 1, 0, "x"])).toThrow(/aborted/);
    expect(() => writer.close()).toThrow(/aborted/);
  });

  it("does nothing after close, and close cannot run twice", () => {
    writeSeries(makeRows(3));
    const writer = new SeriesWriter(dir, COLUMNS);
    writer.append([0, "2030-01", 1, 0, "x"]);
    writer.close();
    writer.abort();
    expect(readdirSync(dir).sort()).toEqual(["series.csv", "series.parquet"]);
    expect(() => writer.close()).toThrow(/closed/);
  });
});

/** Splits CSV text into rows of fields (RFC 4180), independently of src/io/readSeries.ts. */
function parseSimpleCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  return rows.slice(1); // drop the header
}
