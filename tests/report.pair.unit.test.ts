// The pieces of the side-by-side page of several runs (src/report/pairReport.ts)
// on hand-built inputs: the config diff, how values and runs are named, where
// the page goes, the notes on alignment, and which lines each chart gets.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { RunSummary } from "../src/engine/summary.ts";
import type { Manifest } from "../src/io/manifest.ts";
import {
  alignmentNotes,
  buildPairReport,
  configDifferences,
  PAIR_REPORT_FILE,
  pairReportPath,
  readableValue,
  runLabels,
} from "../src/report/pairReport.ts";
import type { RunFolder } from "../src/report/runFolder.ts";

/** A run in memory: `months` months from `start`, GDP at `gdp`, the chain's market value at `chain` (0: no chain). */
function fakeRun(
  dir: string,
  opts: {
    name: string;
    seed: number;
    start?: string;
    months?: number;
    burnIn?: number;
    gdp?: number;
    chain?: number;
  },
): RunFolder {
  const months = opts.months ?? 24;
  const [y0, m0] = (opts.start ?? "2025-01").split("-").map(Number) as [number, number];
  const dates = Array.from({ length: months }, (_, i) => {
    const k = y0 * 12 + m0 - 1 + i;
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, "0")}`;
  });
  const fill = (v: number) => new Float64Array(months).fill(v);
  const series: Record<string, Float64Array> = {
    tick: Float64Array.from({ length: months }, (_, i) => i + 1),
    gdpReal: fill(opts.gdp ?? 100),
    unemploymentRate: fill(0.05),
    marketCapAiChain: fill(opts.chain ?? 0),
    crisis: Float64Array.from({ length: months }, (_, i) => (i >= months - 3 ? 1 : 0)),
  };
  const burnIn = opts.burnIn ?? 6;
  return {
    dir,
    columns: ["tick", "date", ...Object.keys(series).filter((c) => c !== "tick")],
    series,
    dates,
    manifest: {
      command: `spiral run x.json --seed ${opts.seed}`,
      config: {
        name: opts.name,
        seed: 1,
        burnInTicks: burnIn,
        aiChain: { enabled: (opts.chain ?? 0) > 0, start: "2025-06" },
      },
      seed: opts.seed,
      status: "completed",
      spiral: "0.1.0",
      gitCommit: null,
    } as unknown as Manifest,
    summary: {
      name: opts.name,
      seed: opts.seed,
      burnInTicks: burnIn,
      unemploymentRate: { mean: 0.05, min: 0.04, max: 0.061 },
      bust:
        (opts.chain ?? 0) > 0
          ? {
              valuationDrawdown: 0.4,
              peakCdsBp: 1366.4,
              defaultByRole: { neocloud: 1, legacyCloud: null, hyperscaler: 0, chip: 0, modelLab: 0 },
            }
          : null,
    } as unknown as RunSummary,
    events: [],
    network: null,
  };
}

describe("configDifferences", () => {
  it("lists the paths whose values differ, lists compared whole, missing keys as undefined", () => {
    const a = {
      name: "a",
      banks: { count: 2, spread: 0.02 },
      overrides: [{ from: "2025-11", rate: 0.03 }],
      x: {},
    };
    const b = {
      name: "a",
      banks: { count: 3, spread: 0.02 },
      overrides: [{ from: "2025-11", rate: 0.045 }],
      y: 1,
    };
    expect(configDifferences([a, b])).toEqual([
      { path: "banks.count", values: [2, 3] },
      { path: "overrides", values: [[{ from: "2025-11", rate: 0.03 }], [{ from: "2025-11", rate: 0.045 }]] },
      { path: "x", values: [{}, undefined] },
      { path: "y", values: [undefined, 1] },
    ]);
    expect(configDifferences([a, structuredClone(a)])).toEqual([]);
    // Three configs: a path differs when any one differs.
    expect(configDifferences([{ k: 1 }, { k: 1 }, { k: 2 }]).map((d) => d.path)).toEqual(["k"]);
  });
});

describe("readableValue", () => {
  it("shows strings as they are, lists of objects one element a line, everything in full", () => {
    expect(readableValue("fed-cut")).toBe("fed-cut");
    expect(readableValue(0.045)).toBe("0.045");
    expect(readableValue(undefined)).toBe("(not set)");
    expect(readableValue([1, 2])).toBe("[1, 2]");
    const overrides = [
      { from: "2025-11", until: "2026-04", rateYearly: 0.03 },
      { from: "2026-05", until: "2027-10", rateYearly: 0.025, note: "a [ b }, c: d" },
    ];
    const text = readableValue(overrides);
    expect(text).toBe(
      '[\n  {"from": "2025-11", "until": "2026-04", "rateYearly": 0.03},\n  {"from": "2026-05", "until": "2027-10", "rateYearly": 0.025, "note": "a [ b }, c: d"}\n]',
    );
    // Nothing cut: the text parses back to the value.
    expect(JSON.parse(text)).toEqual(overrides);
  });
});

describe("runLabels", () => {
  it("names runs by config and seed, by folder where those coincide, by path where folders do too", () => {
    expect(
      runLabels([fakeRun("r/a", { name: "fed-cut", seed: 1 }), fakeRun("r/b", { name: "fed-cut", seed: 2 })]),
    ).toEqual(["fed-cut · seed 1", "fed-cut · seed 2"]);
    expect(
      runLabels([fakeRun("r/a", { name: "fed-cut", seed: 1 }), fakeRun("r/b", { name: "fed-cut", seed: 1 })]),
    ).toEqual(["a", "b"]);
    expect(
      runLabels([fakeRun("x/run", { name: "n", seed: 1 }), fakeRun("y/run", { name: "n", seed: 1 })]),
    ).toEqual(["x/run", "y/run"]);
  });
});

describe("pairReportPath", () => {
  it("a .html file as given, a folder (existing or not) gets report-compare.html, default the current folder", () => {
    const dir = mkdtempSync(join(tmpdir(), "spiral-pair-path-"));
    try {
      expect(pairReportPath(undefined, dir)).toBe(join(dir, PAIR_REPORT_FILE));
      expect(pairReportPath("out/a.html", dir)).toBe(join(dir, "out", "a.html"));
      expect(pairReportPath("out", dir)).toBe(join(dir, "out", PAIR_REPORT_FILE));
      expect(pairReportPath(dir)).toBe(join(dir, PAIR_REPORT_FILE));
      expect(pairReportPath("/abs/x.HTML", dir)).toBe(resolve("/abs/x.HTML"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("alignmentNotes", () => {
  it("says nothing for runs over the same months, and names each run's months and burn-in otherwise", () => {
    const run = (
      label: string,
      start: string,
      months: number,
      burnIn: number,
      chainStart: string | null,
    ) => ({
      run: fakeRun(label, { name: label, seed: 1, start, months, burnIn }),
      label,
      burnIn,
      chainStart,
    });
    expect(
      alignmentNotes([run("A", "2025-01", 24, 6, "2025-06"), run("B", "2025-01", 24, 6, "2025-06")]),
    ).toEqual([]);
    const notes = alignmentNotes([run("A", "2025-01", 24, 6, "2025-06"), run("B", "2025-03", 20, 8, null)]);
    expect(notes).toEqual([
      "The runs cover different months: A 2025-01 to 2026-12 (24 months); B 2025-03 to 2026-10 (20 months). The charts are aligned by calendar month; a run's line ends where it does.",
      "The runs have different burn-ins: A 6 months (to 2025-06); B 8 months (to 2025-10). Their headline figures cover different months; each burn-in is shaded.",
      "The AI chain starts in different months: A 2025-06; B no chain. The bust measures count from each run's own start.",
    ]);
  });
});

describe("buildPairReport", () => {
  it("aligns the runs by calendar month and leaves a run's all-zero chain columns off the charts", () => {
    const withChain = fakeRun("r/chain", { name: "chain", seed: 1, gdp: 100, chain: 500 });
    const without = fakeRun("r/core", { name: "core", seed: 1, start: "2025-04", months: 18, gdp: 90 });
    const { html, chartIds } = buildPairReport([withChain, without]);
    expect(chartIds).toEqual(["gdp", "unemployment", "marketCap"]);
    const payload = JSON.parse(
      /<script type="application\/json" id="spiral-report-data">(.*?)<\/script>/s.exec(html)![1]!,
    ) as {
      columns: Record<string, (string | number | null)[]>;
      crises: { run: string; from: string; to: string }[];
      phases: { run: string; start: number; end: number }[];
    };
    const { run, date, year } = payload.columns as { run: string[]; date: string[]; year: number[] };
    expect(run.length).toBe(24 + 18);
    // Each row carries its own calendar month: the second run starts in April 2025.
    const first = run.indexOf("core · seed 1");
    expect(date[first]).toBe("2025-04");
    expect(year[first]).toBe(2025 + 3 / 12);
    // GDP (s0) for both; the chain's market value only for the run with the chain.
    const field = (name: string) => payload.columns[name]!;
    expect(
      field("s0")
        .slice(0, 24)
        .every((v) => v === 100),
    ).toBe(true);
    expect(
      field("s0")
        .slice(24)
        .every((v) => v === 90),
    ).toBe(true);
    const chainField = Object.keys(payload.columns).find(
      (k) => k !== "s0" && k !== "s1" && k.startsWith("s"),
    )!;
    expect(
      field(chainField)
        .slice(0, 24)
        .every((v) => v === 500),
    ).toBe(true);
    expect(
      field(chainField)
        .slice(24)
        .every((v) => v === null),
    ).toBe(true);
    expect(html).toContain("Not in core · seed 1.");
    // The measures per run, in % and bp; "–" for what a summary lacks or a run without the chain.
    const cells = (label: string) =>
      [
        ...new RegExp(`<td[^>]*>${label}</td>(.*?)</tr>`)
          .exec(html)![1]!
          .matchAll(/<td class="num">(.*?)<\/td>/g),
      ].map((m) => m[1]);
    expect(cells("Unemployment, mean")).toEqual(["5.0 %", "5.0 %"]);
    expect(cells("Unemployment, range")).toEqual(["4.0 % to 6.1 %", "4.0 % to 6.1 %"]);
    expect(cells("Recessions")).toEqual(["–", "–"]);
    expect(cells("Chain valuation drawdown from peak")).toEqual(["40.0 %", "–"]);
    expect(cells("Peak chain CDS index")).toEqual(["1366 bp", "–"]);
    expect(cells("Neocloud \\(downstream cloud\\) defaults")).toEqual(["yes", "–"]);
    expect(cells("Legacy cloud defaults")).toEqual(["no such firm", "–"]);
    // Crisis strips per run: the last three months of each; each run's burn-in (6 months) shaded.
    expect(payload.crises).toEqual([
      { run: "chain · seed 1", from: "2026-10", to: "2026-12", start: 2026.75, end: 2027 },
      { run: "core · seed 1", from: "2026-07", to: "2026-09", start: 2026.5, end: 2026.75 },
    ]);
    expect(payload.phases).toEqual([
      { run: "chain · seed 1", start: 2025, end: 2025.5 },
      { run: "core · seed 1", start: 2025.25, end: 2025.75 },
    ]);
  });
});
