// `spiral report A B [C …]`: finished runs side by side on one page — through
// the real command, as a user runs it — and the refusals of bad input (exit 2,
// the folder and the problem named, nothing written).
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SMALL, scratch, spiral } from "./helpers/spiral.ts";

/** The small economy with the AI chain: fed-cut from 2024-11, the chain from 2025-11, after a 12-month burn-in. */
const CHAIN = [
  "configs/scenarios/fed-cut.json",
  ...SMALL,
  "--set",
  "startDate=2024-11",
  "--quiet",
  "--no-report",
];

let root: string;
let a: string;
let b: string;
let c: string;

/** The page's inlined data: the column table, the burn-ins, the crises and the charts' compiled specs. */
interface Payload {
  columns: Record<string, (number | string | null)[]>;
  phases: { start: number; end: number; run: string }[];
  crises: { run: string }[];
  charts: { id: string; time: boolean; spec: unknown }[];
}

function payloadOf(html: string): Payload {
  const match = /<script type="application\/json" id="spiral-report-data">(.*?)<\/script>/s.exec(html);
  if (!match) throw new Error("no data block in the page");
  return JSON.parse(match[1]!) as Payload;
}

/** Rows of the "what differs" table: config path → cell texts. */
function differsRows(html: string): Map<string, string[]> {
  const section = /<section id="differs">(.*?)<\/section>/s.exec(html)![1]!;
  const rows = new Map<string, string[]>();
  for (const m of section.matchAll(/<tr data-path="([^"]+)">(.*?)<\/tr>/gs)) {
    const cells = [...m[2]!.matchAll(/<td>(.*?)<\/td>/gs)].map((x) => x[1]!.replace(/<[^>]+>/g, ""));
    // The first cell is the path itself.
    expect(cells[0]).toBe(m[1]);
    rows.set(m[1]!, cells.slice(1));
  }
  return rows;
}

const manifestBytes = (dir: string) => readFileSync(join(dir, "manifest.json"), "utf8");

beforeAll(() => {
  root = scratch("report-pair");
  a = join(root, "hold");
  b = join(root, "riskier");
  c = join(root, "short");
  const runs = [
    spiral(["run", ...CHAIN, "--out", a]),
    spiral(["run", ...CHAIN, "--set", "banks.riskPremiumMultiplier=2", "--out", b]),
    // Another seed, a longer burn-in and a shorter run: the page notes both.
    spiral(["run", ...CHAIN, "--seed", "2", "--set", "burnInTicks=14", "--ticks", "30", "--out", c]),
  ];
  for (const r of runs) expect(r.status, r.stderr).toBe(0);
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("spiral report A B", () => {
  it("writes one page with both runs on every chart, their measures and what differs", () => {
    const before = [manifestBytes(a), manifestBytes(b)];
    const out = join(root, "pair.html");
    const result = spiral(["report", a, b, "--out", out]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe(`report: ${out}\n`);
    const html = readFileSync(out, "utf8");
    expect(html.startsWith("<!doctype html>")).toBe(true);

    // Same config name and seed: the runs are named by their folders.
    const labels = ["hold", "riskier"];
    expect(html).toContain("<title>Spiral runs: hold vs riskier</title>");

    // What differs: exactly the --set applied to one run, with both values; the seed row.
    const differs = differsRows(html);
    expect([...differs.keys()]).toEqual(["banks.riskPremiumMultiplier"]);
    const defaults = JSON.parse(readFileSync(join(a, "manifest.json"), "utf8")).config.banks
      .riskPremiumMultiplier as number;
    expect(differs.get("banks.riskPremiumMultiplier")).toEqual([String(defaults), "2"]);
    expect(html).toMatch(
      /<td><i>seed<\/i><\/td><td><code class="value">1<\/code><\/td><td><code class="value">1<\/code><\/td>/,
    );
    expect(html).toContain("the runs share their seed");

    // The charts: every run's months in the data table, both runs' lines on each chart.
    const payload = payloadOf(html);
    const runColumn = payload.columns.run!;
    expect(new Set(runColumn)).toEqual(new Set(labels));
    expect(runColumn.filter((r) => r === "hold").length).toBe(
      runColumn.filter((r) => r === "riskier").length,
    );
    const ids = payload.charts.map((ch) => ch.id);
    for (const id of ["gdp", "unemployment", "policyRate", "cdsSpreads", "marketCap", "aiCapexRevenue"]) {
      expect(ids).toContain(id);
    }
    for (const chart of payload.charts) {
      const spec = JSON.stringify(chart.spec);
      // The run colour scale names both runs.
      expect(spec, chart.id).toContain(JSON.stringify(labels));
    }
    // Both runs have values in the GDP chart's field (the first series field, s0).
    for (const label of labels) {
      const values = payload.columns.s0!.filter((_, i) => runColumn[i] === label);
      expect(values.every((v) => typeof v === "number")).toBe(true);
    }
    // Each run's burn-in (12 months, to 2025-10) is shaded from the first month charted.
    expect(payload.phases).toEqual(
      labels.map((run) => ({ start: 2024 + 10 / 12, end: 2025 + 10 / 12, run })),
    );
    // The chain starts in 2025-11 in both: one rule, "chain starts".
    expect(html).toContain('"label":"chain starts"');

    // Headline and bust measures per run, in percent and bp.
    const measures = /<section id="measures">(.*?)<\/section>/s.exec(html)![1]!;
    expect(measures).toMatch(
      /Unemployment, mean<\/td><td class="num">\d+\.\d %<\/td><td class="num">\d+\.\d %<\/td>/,
    );
    expect(measures).toMatch(
      /Peak chain CDS index<\/td><td class="num">\d+ bp<\/td><td class="num">\d+ bp<\/td>/,
    );
    expect(measures).toMatch(/Chain valuation drawdown from peak<\/td><td class="num">\d+\.\d %/);

    // Same months and burn-ins: no note about them. The run folders are only read.
    expect(html).not.toContain("cover different months");
    expect(html).not.toContain("different burn-ins");
    expect([manifestBytes(a), manifestBytes(b)]).toEqual(before);
    expect(existsSync(join(a, "report.html"))).toBe(false);
  });

  it("notes different lengths, burn-ins and seeds, and names runs by config and seed when they differ", () => {
    const out = join(root, "three");
    const result = spiral(["report", a, b, c, "--out", out]);
    expect(result.status, result.stderr).toBe(0);
    const path = join(out, "report-compare.html");
    expect(result.stdout).toBe(`report: ${path}\n`);
    const html = readFileSync(path, "utf8");
    // a and b share "fed-cut · seed 1": all three are named by folder.
    expect(html).toContain("<title>Spiral runs: hold vs riskier vs short</title>");
    expect(html).toContain(
      "The runs cover different months: hold 2024-11 to 2027-10 (36 months); riskier 2024-11 to 2027-10 (36 months); short 2024-11 to 2027-04 (30 months).",
    );
    expect(html).toContain(
      "The runs have different burn-ins: hold 12 months (to 2025-10); riskier 12 months (to 2025-10); short 14 months (to 2025-12).",
    );
    expect(html).toContain("the seeds differ");
    const differs = differsRows(html);
    expect(differs.get("burnInTicks")).toEqual(["12", "12", "14"]);
    expect(differs.get("ticks")).toEqual(["36", "36", "30"]);

    // Two distinct runs: named by config name and seed.
    const two = join(root, "two.html");
    expect(spiral(["report", a, c, "--out", two]).status).toBe(0);
    expect(readFileSync(two, "utf8")).toContain(
      "<title>Spiral runs: fed-cut · seed 1 vs fed-cut · seed 2</title>",
    );
  });

  it("writes ./report-compare.html without --out", () => {
    const cwd = join(root, "here");
    mkdirSync(cwd);
    const result = spiral(["report", a, b], cwd);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe("report: report-compare.html\n");
    expect(existsSync(join(cwd, "report-compare.html"))).toBe(true);
  });

  it("keeps `spiral report DIR` for one folder as it was, and refuses --out with it", () => {
    const single = spiral(["report", a]);
    expect(single.status, single.stderr).toBe(0);
    expect(single.stdout).toBe(`report: ${join(a, "report.html")}\n`);
    rmSync(join(a, "report.html"));
    const withOut = spiral(["report", b, "--out", join(root, "x.html")]);
    expect(withOut.status).toBe(2);
    expect(withOut.stderr).toMatch(/^spiral: --out: only with two or more run folders/);
    expect(existsSync(join(root, "x.html"))).toBe(false);
  });
});

describe("spiral report A B refuses bad input with exit 2 and writes nothing", () => {
  /** Runs `spiral report …folders --out <fresh file>` and checks that it failed cleanly; returns stderr. */
  function refused(folders: string[], extra: string[] = []): string {
    const out = join(root, `refused-${Math.random().toString(36).slice(2)}.html`);
    const result = spiral(["report", ...folders, "--out", out, ...extra]);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stdout).toBe("");
    expect(existsSync(out)).toBe(false);
    return result.stderr;
  }

  it("a missing folder", () => {
    const missing = join(root, "nope");
    expect(refused([a, missing])).toBe(`spiral: run folder not found: ${missing}\n`);
  });

  it("a sweep folder mixed in", () => {
    const sweep = join(root, "a-sweep");
    mkdirSync(join(sweep, "aggregates"), { recursive: true });
    writeFileSync(
      join(sweep, "manifest.json"),
      JSON.stringify({ kind: "spiral-sweep", status: "completed" }),
    );
    expect(refused([a, sweep])).toMatch(new RegExp(`^spiral: ${sweep} is a sweep folder, not a run: `));
  });

  it("a run that has not finished, or lacks its summary", () => {
    const running = join(root, "running");
    cpSync(b, running, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(running, "manifest.json"), "utf8"));
    writeFileSync(join(running, "manifest.json"), JSON.stringify({ ...manifest, status: "running" }));
    expect(refused([a, running])).toBe(
      `spiral: ${running}: the run's manifest.json says status "running", not "completed": not a finished run\n`,
    );
    const partial = join(root, "partial");
    cpSync(b, partial, { recursive: true });
    rmSync(join(partial, "summary.json"));
    expect(refused([partial, a])).toBe(
      `spiral: no summary.json in ${partial}: not a finished Spiral run folder\n`,
    );
  });

  it("a file, the same folder twice, --heatmap", () => {
    const file = join(a, "summary.json");
    expect(refused([a, file])).toBe(`spiral: not a run folder: ${file} is a file\n`);
    expect(refused([a, b, a])).toBe(`spiral: ${a}: the same run folder is given twice\n`);
    expect(refused([a, b], ["--heatmap", "x,y"])).toBe("spiral: --heatmap: only for one sweep folder\n");
    // --out naming an existing file that is not a page: refused, the file untouched.
    const notes = join(root, "notes.txt");
    writeFileSync(notes, "mine\n");
    const r = spiral(["report", a, b, "--out", notes]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`spiral: --out: ${notes} is a file; name a folder or a .html file\n`);
    expect(readFileSync(notes, "utf8")).toBe("mine\n");
  });
});
