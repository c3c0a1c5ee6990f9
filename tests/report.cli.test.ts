// `spiral run` ends with report.html (unless --no-report), `spiral report`
// and `spiral plot` — through the real command, as a user runs them.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readManifest, SMALL_RUN } from "./helpers/report.ts";
import { type CliResult, scratch, spiral } from "./helpers/spiral.ts";

let root: string;
let withReport: string;
let withoutReport: string;
let ran: CliResult;

const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

beforeAll(() => {
  root = scratch("report-cli");
  withReport = join(root, "with");
  withoutReport = join(root, "without");
  ran = spiral(["run", "configs/baseline.json", ...SMALL_RUN, "--out", withReport, "--quiet"]);
  expect(ran.status, ran.stderr).toBe(0);
  const plain = spiral(["run", "configs/baseline.json", ...SMALL_RUN, "--out", withoutReport, "--no-report"]);
  expect(plain.status, plain.stderr).toBe(0);
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("spiral run", () => {
  it("ends by writing report.html, listing it in the manifest and printing its path", () => {
    const report = join(withReport, "report.html");
    expect(ran.stdout.trimEnd().split("\n").at(-1)).toBe(`report: ${report}`);
    const manifest = readManifest(withReport);
    expect(manifest.status).toBe("completed");
    expect(manifest.outputs["report.html"]?.sha256).toBe(sha256(report));
    const html = readFileSync(report, "utf8");
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("seed 1");
  });

  it("writes no report with --no-report", () => {
    expect(readdirSync(withoutReport)).not.toContain("report.html");
    expect(readManifest(withoutReport).outputs["report.html"]).toBeUndefined();
  });

  it("still completes, with a warning, when the report cannot be written", () => {
    // A failed run's folder is reused; a folder named report.html in it makes the report's rename fail.
    const dir = join(root, "blocked");
    mkdirSync(join(dir, "report.html"), { recursive: true });
    writeFileSync(join(dir, "manifest.json"), JSON.stringify({ status: "failed", outputs: {} }));
    const result = spiral(["run", "configs/baseline.json", ...SMALL_RUN, "--out", dir, "--quiet"]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(
      /^spiral: warning: the run completed, but its report could not be written: /,
    );
    expect(result.stdout).not.toContain("report:");
    const manifest = readManifest(dir);
    expect(manifest.status).toBe("completed");
    expect(manifest.outputs["report.html"]).toBeUndefined();
  });
});

describe("spiral report", () => {
  it("adds report.html to a finished run without touching the other outputs' hashes", () => {
    const before = readManifest(withoutReport);
    const result = spiral(["report", withoutReport]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe(`report: ${join(withoutReport, "report.html")}\n`);
    const after = readManifest(withoutReport);
    const { "report.html": added, ...rest } = after.outputs;
    expect(rest).toEqual(before.outputs);
    expect(added?.sha256).toBe(sha256(join(withoutReport, "report.html")));
  });

  it("refuses a folder that is not a finished run with exit 2", () => {
    const missing = spiral(["report", join(root, "nope")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(`spiral: run folder not found: ${join(root, "nope")}\n`);
  });
});

describe("spiral plot", () => {
  it("writes one SVG and one PNG per chart, with titles and units, and no hover layers", () => {
    const figures = join(root, "figures");
    const result = spiral(["plot", withReport, "--out", figures]);
    expect(result.status, result.stderr).toBe(0);
    const written = result.stdout.trimEnd().split("\n");
    expect(written).toContain(join(figures, "gdp.svg"));
    expect(readdirSync(figures).sort()).toEqual(written.map((p) => p.slice(figures.length + 1)).sort());
    for (const name of ["gdp", "unemployment", "inflation", "policyRate", "lendingRates", "marketCap"]) {
      expect(written).toContain(join(figures, `${name}.svg`));
    }
    const gdp = readFileSync(join(figures, "gdp.svg"), "utf8");
    expect(gdp.startsWith("<svg")).toBe(true);
    expect(gdp).toContain("Real GDP");
    expect(gdp).toContain("USD bn (2025 prices) per year");
    expect(gdp).toContain("negative-feedback phases");
    expect(gdp).not.toContain("voronoi");
    expect(readFileSync(join(figures, "unemployment.svg"), "utf8")).toContain(">%<");
    // A PNG beside each SVG (resvg, prebuilt binary).
    expect(written).toContain(join(figures, "gdp.png"));
    const png = readFileSync(join(figures, "gdp.png"));
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(png.readUInt32BE(16)).toBeGreaterThan(1000); // width at 2× scale
  });
});
