import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InputError } from "../src/errors.ts";
import { readSeriesCsv } from "../src/io/readSeries.ts";
import { SeriesWriter } from "../src/io/seriesWriter.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "spiral-io-read-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function expectInputError(fn: () => void, pattern: RegExp, file: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(InputError);
  expect((caught as InputError).message).toMatch(pattern);
  expect((caught as InputError).message).toContain(file);
  expect((caught as InputError).file).toBe(file);
}

describe("readSeriesCsv", () => {
  it("round-trips what SeriesWriter wrote, bit for bit", () => {
    const gdp = [0.1 + 0.2, 5e-324, -1.7976931348623157e308, 1e21, 123456789.12345679, 2 / 3, -0];
    const writer = new SeriesWriter(dir, [
      { name: "tick", type: "int" },
      { name: "date", type: "string" },
      { name: "gdp", type: "float" },
      { name: "note", type: "string" },
    ]);
    const notes = ["plain", 'a "quoted", comma', "two\nlines", "", "crlf\r\nhere", "é", "last"];
    gdp.forEach((x, t) => {
      writer.append([t, `2030-0${t + 1}`, x, notes[t]!]);
    });
    writer.close();

    const table = readSeriesCsv(join(dir, "series.csv"), { stringColumns: ["date", "note"] });
    expect(table.columns).toEqual(["tick", "date", "gdp", "note"]);
    expect(table.data.tick).toEqual(new Float64Array([0, 1, 2, 3, 4, 5, 6]));
    expect(table.data.date).toEqual([
      "2030-01",
      "2030-02",
      "2030-03",
      "2030-04",
      "2030-05",
      "2030-06",
      "2030-07",
    ]);
    expect(table.data.note).toEqual(notes);
    const read = table.data.gdp as Float64Array;
    expect(read).toBeInstanceOf(Float64Array);
    expect(Array.from(read)).toEqual(gdp.map((x) => (x === 0 ? 0 : x)));
  });

  it("reads the date column as text and everything else as numbers by default", () => {
    const path = join(dir, "series.csv");
    writeFileSync(path, "tick,date,gdp\r\n0,2030-01,1.5\r\n1,2030-02,-2e-7\r\n");
    const table = readSeriesCsv(path);
    expect(table.data).toEqual({
      tick: new Float64Array([0, 1]),
      date: ["2030-01", "2030-02"],
      gdp: new Float64Array([1.5, -2e-7]),
    });
  });

  it("reads a header-only file as zero rows", () => {
    const path = join(dir, "series.csv");
    writeFileSync(path, "tick,date\n");
    expect(readSeriesCsv(path)).toEqual({
      columns: ["tick", "date"],
      data: { tick: new Float64Array(0), date: [] },
    });
  });

  it("throws InputError naming the file when it is missing", () => {
    const path = join(dir, "nope.csv");
    expectInputError(() => readSeriesCsv(path), /not found/, path);
  });

  it("throws InputError naming file, line and column for malformed content", () => {
    const path = join(dir, "series.csv");
    const cases: [string, RegExp][] = [
      ["", /is empty/],
      ["tick,gdp\n0,1\n1\n", /line 3: 1 values, expected 2/],
      ["tick,gdp\n0,1\n1,2,3\n", /line 3: 3 values, expected 2/],
      ["tick,gdp\n0,abc\n", /line 2 column "gdp": "abc" is not a number/],
      ["tick,gdp\n0,NaN\n", /"NaN" is not a number/],
      ["tick,gdp\n0,Infinity\n", /"Infinity" is not a number/],
      ["tick,gdp\n0,\n", /"" is not a number/],
      ["tick,gdp\n0, 1\n", /" 1" is not a number/],
      ["tick,gdp\n0,0x10\n", /"0x10" is not a number/],
      ['tick,date\n0,"2030-01\n', /line 2: unterminated quoted field/],
      ['tick,date\n0,"2030"-01\n', /line 2: text after a closing quote/],
      ['tick,date\n0,20"30\n', /line 2: quote inside an unquoted field/],
      ["tick,tick\n0,1\n", /duplicate column "tick"/],
      ["tick,,gdp\n0,1,2\n", /empty column name/],
    ];
    for (const [text, pattern] of cases) {
      writeFileSync(path, text);
      expectInputError(() => readSeriesCsv(path), pattern, path);
    }
  });

  it("counts lines inside quoted fields when reporting errors", () => {
    const path = join(dir, "series.csv");
    writeFileSync(path, 'tick,date\n0,"multi\nline"\nx,2030-02\n');
    expectInputError(() => readSeriesCsv(path), /line 4 column "tick"/, path);
  });
});
