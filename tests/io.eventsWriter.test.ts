import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tempPathFor } from "../src/io/atomicWrite.ts";
import { EventsWriter } from "../src/io/eventsWriter.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "spiral-io-events-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("EventsWriter", () => {
  it("writes one JSON object per line, tick/date/type first, then details", () => {
    const writer = new EventsWriter(dir);
    writer.append({ type: "firm_default", lossUsd: 1.5e9, date: "2031-07", tick: 18, firm: 42 });
    writer.append({
      tick: 19,
      date: "2031-08",
      type: "policy_rate_change",
      rateYearly: 0.0425,
      banks: [1, 2],
    });
    expect(writer.count).toBe(2);
    // Streamed to the temp file already, not yet under the final name.
    expect(readFileSync(tempPathFor(writer.path), "utf8").split("\n")).toHaveLength(3);
    expect(readdirSync(dir)).toEqual([`events.ndjson.tmp-${process.pid}`]);
    writer.close();
    const text = readFileSync(join(dir, "events.ndjson"), "utf8");
    expect(text).toBe(
      '{"tick":18,"date":"2031-07","type":"firm_default","lossUsd":1500000000,"firm":42}\n' +
        '{"tick":19,"date":"2031-08","type":"policy_rate_change","rateYearly":0.0425,"banks":[1,2]}\n',
    );
    expect(
      text
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l).tick),
    ).toEqual([18, 19]);
    expect(readdirSync(dir)).toEqual(["events.ndjson"]);
  });

  it("writes an empty file when nothing happened", () => {
    const writer = new EventsWriter(dir);
    writer.close();
    expect(readFileSync(join(dir, "events.ndjson"), "utf8")).toBe("");
  });

  it("rejects values JSON would silently corrupt, and bad tick/date/type", () => {
    const writer = new EventsWriter(dir);
    expect(() => writer.append({ tick: 3, date: "2031-01", type: "crisis", depth: Number.NaN })).toThrow(
      /"crisis" at tick 3 has field "depth" = NaN/,
    );
    expect(() => writer.append({ tick: 3, date: "2031-01", type: "crisis", x: { y: [Infinity] } })).toThrow(
      /Infinity/,
    );
    expect(() => writer.append({ tick: 3, date: "2031-01", type: "crisis", n: 1n })).toThrow(/field "n"/);
    expect(() => writer.append({ tick: -1, date: "2031-01", type: "crisis" })).toThrow(/tick/);
    expect(() => writer.append({ tick: 1.5, date: "2031-01", type: "crisis" })).toThrow(/tick/);
    expect(() => writer.append({ tick: 3, date: "2031-13", type: "crisis" })).toThrow(/YYYY-MM/);
    expect(() => writer.append({ tick: 3, date: "2031-1", type: "crisis" })).toThrow(/YYYY-MM/);
    expect(() => writer.append({ tick: 3, date: "2031-01", type: "" })).toThrow(/type/);
    expect(writer.count).toBe(0);
    writer.close();
    expect(readFileSync(join(dir, "events.ndjson"), "utf8")).toBe("");
  });

  it("abort leaves no file", () => {
    const writer = new EventsWriter(dir);
    writer.append({ tick: 0, date: "2030-01", type: "start" });
    writer.abort();
    expect(readdirSync(dir)).toEqual([]);
  });
});
