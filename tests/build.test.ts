// The freshness rule of the compiled build (src/build.mjs): dist/ is used
// only while no source, tsconfig or the config schema changed since the
// build started, and the set of .ts files is the one built.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildInputs, buildState } from "../src/build.mjs";

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A package tree with two sources, the tsconfigs and the schema, all modified at `ms`. */
function tree(ms: number): string {
  const root = mkdtempSync(join(tmpdir(), "spiral-build-"));
  roots.push(root);
  mkdirSync(join(root, "src", "model"), { recursive: true });
  mkdirSync(join(root, "workers"));
  mkdirSync(join(root, "configs"));
  for (const file of [
    "src/model/a.ts",
    "workers/w.ts",
    "tsconfig.json",
    "tsconfig.build.json",
    "configs/schema.json",
  ]) {
    writeFileSync(join(root, file), "{}");
    utimesSync(join(root, file), ms / 1000, ms / 1000);
  }
  writeFileSync(join(root, "src", "notes.md"), "not a source");
  return root;
}

function stamp(root: string, startedMs: number, sources: number): void {
  mkdirSync(join(root, "dist"), { recursive: true });
  writeFileSync(join(root, "dist", "build.json"), JSON.stringify({ startedMs, sources }));
}

describe("buildState", () => {
  const T = 1_700_000_000_000;

  it("counts the .ts files under src/ and workers/ and finds the newest input", () => {
    const root = tree(T);
    utimesSync(join(root, "configs/schema.json"), (T + 5000) / 1000, (T + 5000) / 1000);
    expect(buildInputs(root)).toEqual({ sources: 2, newestMs: T + 5000 });
  });

  it("is missing without a build, fresh after one started later than every input", () => {
    const root = tree(T);
    expect(buildState(root)).toBe("missing");
    stamp(root, T + 1000, 2);
    expect(buildState(root)).toBe("fresh");
  });

  it("is stale when a source, a tsconfig or the schema was modified at or after the build's start", () => {
    for (const file of ["src/model/a.ts", "workers/w.ts", "tsconfig.build.json", "configs/schema.json"]) {
      const root = tree(T);
      stamp(root, T + 1000, 2);
      utimesSync(join(root, file), (T + 1000) / 1000, (T + 1000) / 1000);
      expect(buildState(root), file).toBe("stale");
    }
  });

  it("is stale when a source was added or removed, even with an old modification time", () => {
    const root = tree(T);
    stamp(root, T + 1000, 2);
    writeFileSync(join(root, "src", "b.ts"), "");
    utimesSync(join(root, "src", "b.ts"), T / 1000, T / 1000);
    expect(buildState(root)).toBe("stale");
    rmSync(join(root, "src", "b.ts"));
    rmSync(join(root, "src", "model", "a.ts"));
    expect(buildState(root)).toBe("stale");
  });

  it("ignores files that are not TypeScript", () => {
    const root = tree(T);
    stamp(root, T + 1000, 2);
    utimesSync(join(root, "src", "notes.md"), (T + 9000) / 1000, (T + 9000) / 1000);
    expect(buildState(root)).toBe("fresh");
  });
});
