import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AtomicFileStream, isTempName, tempPathFor, writeFileAtomic } from "../src/io/atomicWrite.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "spiral-io-atomic-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("writeFileAtomic", () => {
  it("writes the file and leaves no temp file", () => {
    const target = join(dir, "summary.json");
    writeFileAtomic(target, '{"ok":true}\n');
    expect(readFileSync(target, "utf8")).toBe('{"ok":true}\n');
    expect(readdirSync(dir)).toEqual(["summary.json"]);
  });

  it("writes bytes unchanged and replaces an existing file", () => {
    const target = join(dir, "data.bin");
    writeFileSync(target, "old");
    const bytes = new Uint8Array([0, 255, 10, 13, 128]);
    writeFileAtomic(target, bytes);
    expect(new Uint8Array(readFileSync(target))).toEqual(bytes);
    expect(readdirSync(dir)).toEqual(["data.bin"]);
  });

  it("on failure keeps the old target and removes the temp file", () => {
    // A non-empty folder under the target name makes the final rename fail.
    const target = join(dir, "blocked");
    mkdirSync(target);
    writeFileSync(join(target, "inside.txt"), "keep");
    expect(() => writeFileAtomic(target, "new")).toThrow();
    expect(readdirSync(dir)).toEqual(["blocked"]);
    expect(readFileSync(join(target, "inside.txt"), "utf8")).toBe("keep");
  });

  it("throws when the folder does not exist and creates nothing", () => {
    expect(() => writeFileAtomic(join(dir, "missing", "x.txt"), "x")).toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("AtomicFileStream", () => {
  it("never shows a partial target: old content until commit, new content after", () => {
    const target = join(dir, "series.csv");
    writeFileSync(target, "old\n");
    const stream = new AtomicFileStream(target);
    expect(stream.tempPath).toBe(tempPathFor(target));
    stream.write("a,b\n");
    stream.write(new TextEncoder().encode("1,2\n"));
    // Streamed data is on disk in the temp file, the target is untouched.
    expect(readFileSync(stream.tempPath, "utf8")).toBe("a,b\n1,2\n");
    expect(readFileSync(target, "utf8")).toBe("old\n");
    stream.commit();
    expect(readFileSync(target, "utf8")).toBe("a,b\n1,2\n");
    expect(readdirSync(dir)).toEqual(["series.csv"]);
    expect(stream.state).toBe("committed");
  });

  it("abort deletes the temp file and leaves the old target", () => {
    const target = join(dir, "events.ndjson");
    writeFileSync(target, "old\n");
    const stream = new AtomicFileStream(target);
    stream.write("partial");
    stream.abort();
    expect(readdirSync(dir)).toEqual(["events.ndjson"]);
    expect(readFileSync(target, "utf8")).toBe("old\n");
    expect(() => stream.write("more")).toThrow(/aborted/);
    expect(() => stream.commit()).toThrow(/aborted/);
  });

  it("abort after commit does nothing, so it is safe in finally blocks", () => {
    const target = join(dir, "x.txt");
    const stream = new AtomicFileStream(target);
    stream.write("done");
    stream.commit();
    stream.abort();
    expect(existsSync(target)).toBe(true);
    expect(readFileSync(target, "utf8")).toBe("done");
    expect(() => stream.write("again")).toThrow(/committed/);
  });

  it("handles a large multi-chunk write", () => {
    const target = join(dir, "big.txt");
    const stream = new AtomicFileStream(target);
    const line = `${"x".repeat(999)}\n`;
    for (let i = 0; i < 5000; i++) stream.write(line);
    stream.commit();
    expect(readFileSync(target, "utf8").length).toBe(5_000_000);
  });
});

describe("isTempName", () => {
  it("recognises temp names and nothing else", () => {
    expect(isTempName("series.csv.tmp-1234")).toBe(true);
    expect(isTempName(tempPathFor("a.json"))).toBe(true);
    expect(isTempName("series.csv")).toBe(false);
    expect(isTempName("notes.tmp-old")).toBe(false);
  });
});
