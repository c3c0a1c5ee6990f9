// The freshness rule of the compiled build (src/build.mjs): dist/ is used
// only while no source, tsconfig or the config schema changed since the
// build started, and the set of .ts files is the one built.
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildInputs, buildState, currentBuild, prune, publish } from "../src/build.mjs";

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

describe("versioned builds: dist is a link to the current build, swapped in one rename", () => {
  const DAY = 24 * 3600 * 1000;

  /** A finished build `id` in .dist-builds/, with a marker file, its build.json modified at `ms`. */
  function finishedBuild(root: string, id: string, ms: number): string {
    const dir = join(root, ".dist-builds", id);
    mkdirSync(join(dir, "src"), { recursive: true });
    writeFileSync(join(dir, "src", "cli.js"), `// build ${id}\n`);
    writeFileSync(join(dir, "build.json"), JSON.stringify({ startedMs: ms, sources: 2 }));
    utimesSync(join(dir, "build.json"), ms / 1000, ms / 1000);
    return dir;
  }

  it("points dist at the new build while a reader of the old one keeps its files", () => {
    const root = tree(1_700_000_000_000);
    const a = finishedBuild(root, "a", 1_700_000_001_000);
    publish(root, "a");
    expect(currentBuild(root)).toBe("a");
    expect(readFileSync(join(root, "dist", "src", "cli.js"), "utf8")).toBe("// build a\n");
    const resolvedByAReader = realpathSync(join(root, "dist", "src", "cli.js"));
    finishedBuild(root, "b", 1_700_000_002_000);
    publish(root, "b");
    expect(currentBuild(root)).toBe("b");
    expect(readFileSync(join(root, "dist", "src", "cli.js"), "utf8")).toBe("// build b\n");
    expect(readFileSync(resolvedByAReader, "utf8")).toBe("// build a\n");
    expect(resolvedByAReader.startsWith(realpathSync(a))).toBe(true);
    expect(lstatSync(join(root, "dist")).isSymbolicLink()).toBe(true);
    expect(readdirSync(root).filter((name) => name.startsWith(".tmp-"))).toEqual([]);
  });

  it("replaces a dist/ folder of the older layout", () => {
    const root = tree(1_700_000_000_000);
    stamp(root, 1_700_000_001_000, 2);
    finishedBuild(root, "a", 1_700_000_002_000);
    publish(root, "a");
    expect(lstatSync(join(root, "dist")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(root, "dist", "src", "cli.js"), "utf8")).toBe("// build a\n");
    expect(readdirSync(root).filter((name) => name.startsWith(".tmp-"))).toEqual([]);
  });

  it("removes a replaced build a day after it was replaced, never the current one, and killed builds after an hour", () => {
    const root = tree(1_700_000_000_000);
    const T = 1_700_000_000_000;
    finishedBuild(root, "old", T);
    finishedBuild(root, "mid", T + 3 * DAY);
    finishedBuild(root, "cur", T + 3 * DAY + 60_000);
    publish(root, "cur");
    const killed = join(root, ".dist-builds", "killed");
    mkdirSync(killed);
    utimesSync(killed, (T + 3 * DAY) / 1000, (T + 3 * DAY) / 1000);
    const builds = () => readdirSync(join(root, ".dist-builds")).sort();
    // "old" was replaced when "mid" finished, 3 days after it: kept for a day after that.
    prune(root, T + 3 * DAY + 30 * 60_000);
    expect(builds()).toEqual(["cur", "killed", "mid", "old"]);
    prune(root, T + 4 * DAY - 1000);
    expect(builds()).toEqual(["cur", "mid", "old"]);
    prune(root, T + 4 * DAY + 1000);
    expect(builds()).toEqual(["cur", "mid"]);
    prune(root, T + 4 * DAY + 60_000 + 1000);
    expect(builds()).toEqual(["cur"]);
    prune(root, T + 100 * DAY);
    expect(builds()).toEqual(["cur"]);
  });
});
