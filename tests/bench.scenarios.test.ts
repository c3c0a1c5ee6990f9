// Smoke test of `npm run bench:scenarios` at a tiny size: the attribution
// table comes out as Markdown and JSON with every mechanism, on the pool's
// worker threads. Slow (spawns the bench, 18 whole runs): vitest.config.ts SLOW_TESTS.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { distinctArms, MECHANISMS } from "../src/engine/attribution.ts";

const out = mkdtempSync(join(tmpdir(), "spiral-attribution-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("npm run bench:scenarios", () => {
  it("writes the attribution table for every mechanism at a reduced size", () => {
    const r = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "tests/bench/scenarios.bench.ts",
        "--only",
        "attribution",
        "--seeds",
        "2",
        "--households",
        "500",
        "--months",
        "24",
        "--workers",
        "2",
        "--out",
        out,
      ],
      { encoding: "utf8" },
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const table = JSON.parse(readFileSync(join(out, "attribution.json"), "utf8"));
    expect(table.seeds).toEqual([1, 2]);
    expect(table.rows.map((row: { key: string }) => row.key)).toEqual(MECHANISMS.map((m) => m.key));
    for (const row of table.rows) {
      expect(row.off.completed).toBe(2);
      expect(row.on.completed).toBe(2);
      // Every run has the chain, so every measure has both pairs.
      for (const m of row.measures) expect(m.differences[0].n).toBe(2);
    }
    expect(table.warnings.join("\n")).toMatch(/2 seeds \(fewer than 10\)/);
    const md = readFileSync(join(out, "attribution.md"), "utf8");
    expect(md).toContain("| mechanism (on − off, 2 paired seeds) |");
    for (const m of MECHANISMS) expect(md).toContain(`| ${m.label}`);
    expect(r.stdout).toContain(`${2 * distinctArms(MECHANISMS).length} runs in`); // every distinct arm on 2 seeds
  });
});
