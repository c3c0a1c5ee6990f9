// Fixtures for the report tests: a small real run, and a copy of it with the
// series the model does not write yet (AI chain, CDS spreads, power,
// automation) and a network.json added, so the sections that wait for them
// can be checked now.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readSeriesCsv } from "../../src/io/readSeries.ts";
import { NETWORK_FORMAT, type Network } from "../../src/report/index.ts";
import { SMALL } from "./spiral.ts";

/** A small economy for 48 months: seconds to run, with a burn-in short enough for summary figures. */
export const SMALL_RUN: readonly string[] = [...SMALL.slice(0, -1), "48"];

/** AI-chain firms of the synthetic series; each gets a `<firm>_cdsBp` column. */
export const SYNTHETIC_FIRMS = ["chipmaker", "hyperscaler", "neocloud", "lab"] as const;

/**
 * The series `withSyntheticSeries` writes: the AI-chain columns (the model
 * writes them as zeros while the chain is off), per-firm CDS spreads, and the
 * power columns the model does not write yet, and the automation columns (zeros while automation is off).
 */
export const SYNTHETIC_COLUMNS = [
  ...SYNTHETIC_FIRMS.map((f) => `${f}_cdsBp`),
  "cdsIndexAiChainBp",
  "bankExposureToAiChain",
  "privateCreditExposure",
  "debtRankAiChain",
  "marketCapTotal",
  "marketCapAiChain",
  "aiCapex",
  "aiEndUserRevenue",
  "circularRevenueShare",
  "debtFundedRevenueShare",
  "aiAdoption",
  "aiComputeGw",
  "chainDefaults",
  "gridCapacityGw",
  "baseLoadGw",
  "dataCentreDemandGw",
  "aiCapabilityIndex",
  "automatedTaskShare",
  "displacedByAutomation",
  "displacedUnemployed",
  "spellMonthsDisplaced",
  "spellMonthsOther",
  "dataCentrePoweredGw",
  "strandedCapex",
  "electricityPrice",
  "electricityCpi",
  "gridInvestment",
  "gridPublicFunding",
  "laborShare",
  "incomeShareQ1",
  "incomeShareQ2",
  "incomeShareQ3",
  "incomeShareQ4",
  "incomeShareQ5",
];

/** Months (1-based ticks) the synthetic copy marks as a negative-feedback phase. */
export const SYNTHETIC_NEGATIVE_PHASE = [30, 36] as const;

/**
 * Copies the run folder `from` to `to` and writes the synthetic columns (a
 * boom that turns to bust in the second half; existing columns of those
 * names are replaced), a negative-feedback phase and a network.json with a
 * defaulted firm.
 */
export function withSyntheticSeries(from: string, to: string): void {
  cpSync(from, to, { recursive: true });
  const path = join(to, "series.csv");
  const { columns, data } = readSeriesCsv(path);
  const n = (data.tick as Float64Array).length;
  const bust = (i: number) => Math.max(0, (i - n / 2) / (n / 2));
  const boom = (i: number) => Math.min(1, i / (n / 2));
  const extra: Record<string, (i: number) => number> = {
    chipmaker_cdsBp: (i) => 80 + 300 * bust(i) ** 2,
    hyperscaler_cdsBp: (i) => 60 + 150 * bust(i),
    neocloud_cdsBp: (i) => 250 + 1200 * bust(i) ** 1.5,
    lab_cdsBp: (i) => 400 + 900 * bust(i),
    cdsIndexAiChainBp: (i) => 150 + 500 * bust(i),
    bankExposureToAiChain: (i) => 200 + 300 * boom(i),
    privateCreditExposure: (i) => 300 + 600 * boom(i) - 200 * bust(i),
    debtRankAiChain: (i) => 0.2 * bust(i),
    marketCapTotal: (i) => 75000 + 20000 * boom(i) - 25000 * bust(i),
    marketCapAiChain: (i) => 15000 + 20000 * boom(i) - 25000 * bust(i),
    aiCapex: (i) => 300 + 500 * boom(i) - 400 * bust(i),
    aiEndUserRevenue: (i) => 50 + 80 * boom(i),
    circularRevenueShare: (i) => 0.2 + 0.3 * boom(i) - 0.2 * bust(i),
    debtFundedRevenueShare: (i) => 0.1 + 0.2 * boom(i),
    aiAdoption: (i) => 0.1 + 0.5 * boom(i),
    aiComputeGw: (i) => 10 + 25 * boom(i),
    chainDefaults: (i) => (i === n - 5 ? 1 : 0),
    gridCapacityGw: (i) => 790 + 0.2 * i,
    baseLoadGw: (i) => 750 + 0.15 * i,
    dataCentreDemandGw: (i) => 20 + 30 * boom(i) - 10 * bust(i),
    aiCapabilityIndex: (i) => 1 + 2 * boom(i),
    automatedTaskShare: (i) => 0.001 * i,
    displacedByAutomation: (i) => 0.05 + 0.1 * boom(i),
    displacedUnemployed: (i) => 0.5 + 2 * boom(i) - bust(i),
    spellMonthsDisplaced: (i) => 4 + 2 * boom(i),
    spellMonthsOther: (i) => 3 + bust(i),
    dataCentrePoweredGw: (i) => 20 + 25 * boom(i) - 10 * bust(i),
    strandedCapex: (i) => 200 * boom(i) * (1 - bust(i)),
    electricityPrice: (i) => 70 + 40 * boom(i) - 20 * bust(i),
    electricityCpi: (i) => 1 + 0.3 * boom(i),
    gridInvestment: (i) => 100 + 50 * boom(i),
    gridPublicFunding: (i) => 20 * boom(i),
    laborShare: (i) => 0.6 - 0.001 * i,
    incomeShareQ1: (i) => 0.05 - 0.0001 * i,
    incomeShareQ2: () => 0.1,
    incomeShareQ3: () => 0.15,
    incomeShareQ4: () => 0.22,
    incomeShareQ5: (i) => 0.48 + 0.0001 * i,
  };
  const phase = data.phase as Float64Array;
  for (let t = SYNTHETIC_NEGATIVE_PHASE[0]; t <= SYNTHETIC_NEGATIVE_PHASE[1]; t++) phase[t - 1] = -1;
  const header = [...columns, ...SYNTHETIC_COLUMNS.filter((c) => !columns.includes(c))];
  const lines = [header.join(",")];
  for (let i = 0; i < n; i++) {
    const row = header.map((c) => {
      if (extra[c]) return String(Number(extra[c](i).toFixed(4)));
      const column = data[c]!;
      return Array.isArray(column) ? column[i] : String(column[i]);
    });
    lines.push(row.join(","));
  }
  writeFileSync(path, `${lines.join("\n")}\n`);
  writeFileSync(join(to, "network.json"), `${JSON.stringify(syntheticNetwork(), null, 2)}\n`);
}

/** A small AI chain: the chip maker sells to the clouds, which sell to the labs, and everyone holds a stake. */
export function syntheticNetwork(): Network {
  return {
    format: NETWORK_FORMAT,
    tick: 48,
    date: "2028-12",
    nodes: [
      { id: "chipmaker", label: "Chip maker", kind: "chipMaker", valueUsdBn: 4200 },
      { id: "hyperscaler", label: "Hyperscaler", kind: "hyperscaler", valueUsdBn: 3100 },
      { id: "neocloud", label: "Neocloud", kind: "neocloud", valueUsdBn: 60, defaulted: true },
      { id: "lab", label: "AI lab", kind: "lab", valueUsdBn: 500 },
    ],
    edges: [
      { source: "chipmaker", target: "hyperscaler", kind: "contract", valueUsdBn: 180 },
      { source: "chipmaker", target: "neocloud", kind: "contract", valueUsdBn: 40 },
      { source: "hyperscaler", target: "lab", kind: "contract", valueUsdBn: 120 },
      { source: "neocloud", target: "lab", kind: "contract", valueUsdBn: 30 },
      { source: "chipmaker", target: "neocloud", kind: "equity", valueUsdBn: 8 },
      { source: "chipmaker", target: "lab", kind: "equity", valueUsdBn: 100 },
      { source: "hyperscaler", target: "lab", kind: "equity", valueUsdBn: 60 },
    ],
  };
}

/** The CSV value of `column` in the month `date`, from a run folder's series.csv. */
export function seriesValue(dir: string, column: string, date: string): number {
  const { data } = readSeriesCsv(join(dir, "series.csv"));
  const i = (data.date as string[]).indexOf(date);
  if (i < 0) throw new Error(`no month ${date} in ${dir}`);
  return (data[column] as Float64Array)[i]!;
}

/** The manifest of a run folder. */
export function readManifest(dir: string): { status: string; outputs: Record<string, { sha256: string }> } {
  return JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
}

/** A 2 × 2 grid sweep of the small economy (24 months, 2 replications): 8 runs, seconds on 2 workers. */
export function gridSweepFile(dir: string, base: string): string {
  const path = join(dir, "grid-sweep.json");
  const sweep = {
    name: "report-test",
    description: "Two parameters × two values × two replications of a tiny economy, for the report tests.",
    base,
    overrides: {
      ticks: 24,
      burnInTicks: 6,
      households: { count: 300 },
      firms: { consumption: { count: 10 }, capital: { count: 3 } },
      banks: { count: 2 },
    },
    parameters: {
      "government.fiscalRuleStrength": { values: [0.02, 0.1] },
      "banks.riskPremiumMultiplier": { values: [1.0, 2.0] },
    },
    design: { type: "grid" },
    replications: 2,
    seed: 1,
    keep: "series",
  };
  writeFileSync(path, `${JSON.stringify(sweep, null, 2)}\n`);
  return path;
}

/** The parameters of `gridSweepFile`. */
export const GRID_PARAMETERS = ["government.fiscalRuleStrength", "banks.riskPremiumMultiplier"] as const;

/**
 * Copies the sweep folder `from` to `to`, marks its last run as failed in
 * runs.csv and adds Sobol indices (a grid has none) so the failure
 * highlighting and the sensitivity charts can be checked.
 */
export function withSyntheticSweepExtras(from: string, to: string): void {
  cpSync(from, to, { recursive: true });
  const runsPath = join(to, "runs.csv");
  const lines = readFileSync(runsPath, "utf8").trimEnd().split("\n");
  const header = lines[0]!.split(",");
  const last = lines[lines.length - 1]!.split(",");
  const fixed = new Set(["runId", "pointId", "replication", "seed", ...GRID_PARAMETERS]);
  const failed = header.map((name, i) =>
    name === "status" ? "failed" : name === "error" ? "synthetic failure" : fixed.has(name) ? last[i]! : "",
  );
  lines[lines.length - 1] = failed.join(",");
  writeFileSync(runsPath, `${lines.join("\n")}\n`);
  const ci = (estimate: number) => ({ estimate, lower: Math.max(0, estimate - 0.1), upper: estimate + 0.1 });
  const sensitivity = {
    method: "sobol",
    metrics: {
      "unemploymentRate.mean": {
        variance: 1e-5,
        parameters: {
          [GRID_PARAMETERS[0]]: { firstOrder: ci(0.5), total: ci(0.6) },
          [GRID_PARAMETERS[1]]: { firstOrder: ci(0.2), total: ci(0.35) },
        },
      },
      crisisEpisodes: { error: "synthetic: no variance" },
    },
  };
  writeFileSync(join(to, "aggregates", "sensitivity.json"), `${JSON.stringify(sensitivity, null, 2)}\n`);
}
