// Attribution over seeds (issue 18 item 8): for each switchable mechanism of
// the AI-chain scenarios — circular deals, vendor backstops, fiscal
// absorption, the rate path, the grid constraint, automation — the effect of
// switching it on against off, run on the same seeds, on three outcomes: the
// probability of a chain bust (the chain's market value ≥ 40 % below its
// running peak, engine/bust.ts valuationDrawdown), the peak chain CDS index
// and peak unemployment. Each mechanism is a pair of arms, each arm a list of
// `--set` overrides of configs/scenarios/baseline-2025.json (MECHANISMS);
// arms with the same overrides are the same runs (baseline-2025 is the
// reference of most rows). The statistics are those of `spiral compare`
// (engine/comparison.ts compareMeasure): for the bust probability the paired
// difference with Newcombe's interval and McNemar's test, for the peaks the
// paired t interval. Pure: run summaries in, a table out; the runs are made
// by `npm run bench:scenarios` (tests/bench/scenarios.bench.ts).
import { compareMeasure, FEW_RUNS, MEASURES, SATURATION } from "./comparison.ts";
import { formatArmDifference, formatP, formatValue, type MeasureComparison } from "./comparisonFormat.ts";
import type { RunSummary } from "./summary.ts";
import { DEFAULT_BUST_THRESHOLD } from "./sweepSpec.ts";

/** The config every arm's overrides apply to. */
export const ATTRIBUTION_BASE = "configs/scenarios/baseline-2025.json";

/** Keys of comparison.ts MEASURES the table shows, in column order. */
export const ATTRIBUTION_MEASURES = [
  "bust",
  "peakCdsBp",
  "peakUnemployment",
  // The probability of any chain default, and the drawdown itself: a mean over seeds moves where the
  // 40 % threshold's yes/no, with 20 seeds, has intervals of about ±20 points.
  "anyChainDefault",
  "valuationDrawdown",
] as const;

/**
 * The `--set` override that switches off the equity-for-compute deals,
 * vendor financing and backstops chain firms decide by rule (issue 18 item 3,
 * aiChain.circular.decide; agents/aiChain/circular.ts): the "circular deals"
 * row removes both the configured stakes and the decided deals. (null would
 * mark the row as removing only the configured stakes.)
 */
export const DECIDED_DEALS_OFF: string | null = "aiChain.circular.decide=false";

/** One arm: baseline-2025 with these overrides (`path=JSON value`, as `--set`). */
export interface ArmDefinition {
  /** Short name for the table. */
  name: string;
  sets: readonly string[];
}

/** A mechanism: the arm with it on and the arm with it off. */
export interface MechanismDefinition {
  key: string;
  label: string;
  on: ArmDefinition;
  off: ArmDefinition;
  /** What on and off mean, and where the values come from. */
  meaning: string;
  /** A part of the mechanism that has no switch yet, shown beside the row. */
  pending?: string;
}

const BASELINE: ArmDefinition = { name: "baseline-2025", sets: [] };

/** fed-hold-high's decision: 4.5 % for the 24 months from the chain's start. */
const HOLD_HIGH: ArmDefinition = {
  name: "hold 4.5 % for 24 months (fed-hold-high)",
  sets: ['centralBank.overrides=[{"from":"2025-11","until":"2027-10","rateYearly":0.045}]'],
};

/** fed-cut's decision: 3 % for 6 months, then 2.5 % to 2027-10. */
const CUT: ArmDefinition = {
  name: "cut to 3 %, then 2.5 % (fed-cut)",
  sets: [
    'centralBank.overrides=[{"from":"2025-11","until":"2026-04","rateYearly":0.03},{"from":"2026-05","until":"2027-10","rateYearly":0.025}]',
  ],
};

/**
 * The mechanisms and their switches, relative to baseline-2025 (which has
 * the configured deals and backstop of docs/calibration.md §4, no fiscal
 * absorption, the Taylor rule, the default grid and automation off). The
 * overrides repeat the values of the named scenario files; a test checks
 * that baseline-2025 with them resolves to the same config as the file.
 */
export const MECHANISMS: readonly MechanismDefinition[] = [
  {
    key: "circularDeals",
    label: "Circular deals",
    on: BASELINE,
    off: {
      name: DECIDED_DEALS_OFF === null ? "no equity stakes" : "no equity stakes, no decided deals",
      sets: ["aiChain.equityStakes=[]", ...(DECIDED_DEALS_OFF === null ? [] : [DECIDED_DEALS_OFF])],
    },
    meaning:
      DECIDED_DEALS_OFF === null
        ? "on: the configured equity stakes between chain firms (docs/calibration.md §4, as in baseline-2025); off: none (aiChain.equityStakes empty, as in no-circularity, which also drops the backstop — that is the next row)"
        : "on: the configured equity stakes between chain firms (docs/calibration.md §4) and the vendor loans, equity-for-compute and backstops the chip maker and hyperscalers decide (aiChain.circular), as in baseline-2025; off: none of them (aiChain.equityStakes empty, aiChain.circular.decide false, as in no-circularity, which also drops the configured backstop — that is the next row)",
    pending:
      DECIDED_DEALS_OFF === null
        ? "deals decided by rule (issue 18 item 3) have no switch yet: the row removes only the configured stakes (engine/attribution.ts DECIDED_DEALS_OFF)"
        : undefined,
  },
  {
    key: "vendorBackstops",
    label: "Vendor backstops",
    on: BASELINE,
    off: { name: "no vendor backstop", sets: ["aiChain.backstops=[]"] },
    meaning:
      "on: the chip maker's backstop of the neocloud's unsold capacity ($6.3 bn to 2032-04, docs/calibration.md §4); off: none (aiChain.backstops empty)",
  },
  {
    key: "fiscalAbsorption",
    label: "Fiscal absorption",
    on: {
      name: "fiscal absorption (fiscal-absorb)",
      sets: [
        "government.fiscalAbsorption.chainCapexShare=0.2",
        "government.fiscalAbsorption.chainDebtGuaranteeShare=0.5",
      ],
    },
    off: BASELINE,
    meaning:
      "on: the government pays 20 % of chain capex and guarantees 50 % of chain debt, with bills (fiscal-absorb); off: none (baseline-2025)",
  },
  {
    key: "rateHoldVsRule",
    label: "Rate path: hold high vs the rule",
    on: HOLD_HIGH,
    off: BASELINE,
    meaning:
      "on: the central bank holds 4.5 % from 2025-11 to 2027-10, then the Taylor rule (fed-hold-high); off: the Taylor rule throughout (baseline-2025)",
  },
  {
    key: "rateCutVsRule",
    label: "Rate path: cut vs the rule",
    on: CUT,
    off: BASELINE,
    meaning:
      "on: 3 % from 2025-11, 2.5 % from 2026-05 to 2027-10, then the rule (fed-cut); off: the Taylor rule throughout",
  },
  {
    key: "rateHoldVsCut",
    label: "Rate path: hold high vs cut",
    on: HOLD_HIGH,
    off: CUT,
    meaning: "on: fed-hold-high's 4.5 %; off: fed-cut's 3 % then 2.5 % (both for 24 months, then the rule)",
  },
  {
    key: "gridDefault",
    label: "Grid constraint: default grid vs none",
    on: BASELINE,
    off: { name: "no grid (power.enabled false)", sets: ["power.enabled=false"] },
    meaning:
      "on: the default grid (load at 96 % of capacity, ≈ 5-year build lag; baseline-2025); off: no grid simulated — data centres are always powered and nobody pays electricity bills",
  },
  {
    key: "gridBinding",
    label: "Grid constraint: binding vs default",
    on: {
      name: "binding grid (grid-constrained)",
      sets: [
        "power.initialUtilization=0.99",
        "power.buildMonths=84",
        "power.investmentResponseYearly=0.1",
        "power.maxOrderGwYearly=30",
        "power.dataCentreForecastWeight=0.3",
      ],
    },
    off: BASELINE,
    meaning:
      "on: load at 99 % of capacity, a 7-year build lag, ≤ 30 GW a year, a slow utility (grid-constrained, docs/calibration.md §5); off: the default grid",
  },
  {
    key: "equityWindow",
    label: "Equity window",
    on: BASELINE,
    off: { name: "rounds ignore the market", sets: ["aiChain.finance.labEquityWindowElasticity=0"] },
    meaning:
      "on: the labs' equity rounds scale with the chain's market value over its running peak (aiChain.finance.labEquityWindowElasticity 1, as in baseline-2025: venture investment −79 % as the Nasdaq fell 78 % in 2000–02, docs/calibration.md §11.7); off: rounds of what the lab wants within the fund's budget whatever prices have done (elasticity 0)",
  },
  {
    key: "automation",
    label: "Automation",
    on: { name: "automation on (schema defaults)", sets: ["automation.enabled=true"] },
    off: BASELINE,
    meaning:
      "on: non-AI firms automate exposed tasks at the schema's default pace (capability elasticity 0.5, 2 % of the gap a month, reinstatement 5 % a year — between slow- and fast-automation; docs/calibration.md §7); off: no automation (baseline-2025)",
  },
];

/** Canonical key of an arm's overrides: arms with equal keys are the same runs. */
export function armKey(arm: ArmDefinition): string {
  return JSON.stringify([...arm.sets].sort());
}

/** The distinct arms of the mechanisms, in first-use order. */
export function distinctArms(mechanisms: readonly MechanismDefinition[]): ArmDefinition[] {
  const seen = new Map<string, ArmDefinition>();
  for (const m of mechanisms)
    for (const arm of [m.off, m.on]) if (!seen.has(armKey(arm))) seen.set(armKey(arm), arm);
  return [...seen.values()];
}

export interface AttributionArm {
  name: string;
  sets: readonly string[];
  /** Runs with a summary (of seeds.length). */
  completed: number;
}

export interface AttributionRow {
  key: string;
  label: string;
  meaning: string;
  pending?: string;
  off: AttributionArm;
  on: AttributionArm;
  /** ATTRIBUTION_MEASURES in order; arms [off, on]; differences[0] = on − off. */
  measures: MeasureComparison[];
  /** Per measure, the value of each seed's run (null: undefined or failed), in seed order. */
  values: Record<string, { off: (number | null)[]; on: (number | null)[] }>;
}

export interface Attribution {
  base: string;
  confidence: number;
  bustThreshold: number;
  seeds: readonly number[];
  /** How the runs were made (households, months, …), as the bench states it; shown under the table. */
  setup: Record<string, string | number>;
  rows: AttributionRow[];
  warnings: string[];
}

/**
 * The attribution table from the runs' summaries. `runs(arm)` gives the
 * arm's summary on each of `seeds` in order (undefined for a run that
 * failed); a row pairs the two arms seed by seed.
 * @example attributionTable(MECHANISMS, (arm) => summaries.get(armKey(arm))!, { seeds: [1, 2, 3] })
 * @throws Error if `runs` gives an arm a list of another length than `seeds`.
 */
export function attributionTable(
  mechanisms: readonly MechanismDefinition[],
  runs: (arm: ArmDefinition) => readonly (RunSummary | undefined)[],
  opts: { seeds: readonly number[]; bustThreshold?: number; setup?: Record<string, string | number> },
): Attribution {
  const threshold = opts.bustThreshold ?? DEFAULT_BUST_THRESHOLD;
  const definitions = ATTRIBUTION_MEASURES.map((key) => {
    const m = MEASURES.find((d) => d.key === key);
    if (m === undefined)
      throw new Error(`attributionTable: measure "${key}" is not in comparison.ts MEASURES`);
    return m;
  });
  const warnings: string[] = [];
  const rows = mechanisms.map((mech): AttributionRow => {
    const off = runs(mech.off);
    const on = runs(mech.on);
    for (const [arm, list] of [
      [mech.off, off],
      [mech.on, on],
    ] as const) {
      if (list.length !== opts.seeds.length) {
        throw new Error(
          `attributionTable: arm "${arm.name}" has ${list.length} runs for ${opts.seeds.length} seeds`,
        );
      }
    }
    const measures = definitions.map((m) => compareMeasure(m, [off, on], threshold));
    const values: AttributionRow["values"] = {};
    for (const m of definitions) {
      const of = (list: readonly (RunSummary | undefined)[]) =>
        list.map((s) => {
          const x = s === undefined ? Number.NaN : m.value(s, threshold);
          return Number.isFinite(x) ? x : null;
        });
      values[m.key] = { off: of(off), on: of(on) };
    }
    const arm = (a: MechanismDefinition["on"], list: readonly (RunSummary | undefined)[]) => ({
      name: a.name,
      sets: a.sets,
      completed: list.filter((s) => s !== undefined).length,
    });
    const row: AttributionRow = {
      key: mech.key,
      label: mech.label,
      meaning: mech.meaning,
      off: arm(mech.off, off),
      on: arm(mech.on, on),
      measures,
      values,
    };
    if (mech.pending !== undefined) row.pending = mech.pending;
    return row;
  });
  const failed = new Map<string, string>();
  for (const r of rows) {
    for (const a of [r.off, r.on]) {
      if (a.completed < opts.seeds.length) failed.set(a.name, `${a.name} ${opts.seeds.length - a.completed}`);
    }
  }
  if (failed.size > 0) {
    warnings.push(
      `failed runs (of ${opts.seeds.length} per arm): ${[...failed.values()].join(", ")} — their pairs are left out`,
    );
  }
  const saturated = rows.filter((r) => r.measures[0].saturated).map((r) => r.label);
  if (saturated.length > 0) {
    warnings.push(
      `a bust in ≥ ${Math.round(SATURATION * 100)} % of the seeds of both arms, so the probability cannot tell them apart: ${saturated.join("; ")}`,
    );
  }
  if (opts.seeds.length < FEW_RUNS) {
    warnings.push(`${opts.seeds.length} seeds (fewer than ${FEW_RUNS}): the intervals are rough`);
  }
  return {
    base: ATTRIBUTION_BASE,
    confidence: 0.95,
    bustThreshold: threshold,
    seeds: [...opts.seeds],
    setup: { ...(opts.setup ?? {}) },
    rows,
    warnings,
  };
}

/** "12 % → 40 %": a measure's value off → on. */
function offToOn(m: MeasureComparison): string {
  const unit = m.kind === "binary" ? "probability" : m.unit;
  const digits = m.kind === "binary" ? 0 : 1;
  const [off, on] = m.arms;
  const value = (a: (typeof m.arms)[number]) =>
    a.n === 0
      ? "–"
      : `${formatValue(unit, a.estimate, digits)}${m.kind === "binary" ? ` (${a.count}/${a.n})` : ""}`;
  return `${value(off)} → ${value(on)}`;
}

/**
 * The table as Markdown: the effects (one row per mechanism: each measure off
 * → on and the paired difference on − off with its 95 % interval, McNemar's
 * p for the bust probability), then the definitions of on and off, then the
 * setup and warnings.
 */
export function attributionMarkdown(a: Attribution): string {
  const n = a.seeds.length;
  const threshold = Math.round(a.bustThreshold * 100);
  const lines = [
    `| mechanism (on − off, ${n} paired seeds) | P(bust): off → on | Δ P(bust) [95 % CI] | p (McNemar) | peak chain CDS: off → on | Δ peak CDS [95 % CI] | peak unemployment: off → on | Δ peak unemployment [95 % CI] | P(chain default): off → on | Δ P(chain default) [95 % CI] | chain drawdown: off → on | Δ drawdown [95 % CI] |`,
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const r of a.rows) {
    const [bust, cds, u, def, dd] = r.measures;
    const mark = r.pending === undefined ? "" : " †";
    const cells = (m: MeasureComparison) => `${offToOn(m)} | ${formatArmDifference(m, m.differences[0])}`;
    lines.push(
      `| ${r.label}${mark} | ${cells(bust)} | ${formatP(bust.differences[0].pValue)} | ${cells(cds)} | ${cells(u)} | ${cells(def)} | ${cells(dd)} |`,
    );
  }
  lines.push(
    "",
    `Bust: the chain's market value falls ≥ ${threshold} % below its running peak after the chain's start (bust.valuationDrawdown). Peaks: highest monthly chain CDS index (bp) and unemployment rate after the chain's start. Chain default: any chain firm has a month of default after the chain's start. Drawdown: the largest fall of the chain's market value from its running peak, mean over the seeds. Δ = on − off on the same seed, mean over the seeds: Newcombe's paired interval and McNemar's test for the probabilities (percentage points), paired t for the peaks and the drawdown.`,
    "",
    `| mechanism | on (overrides of ${a.base}) | off | meaning |`,
    "| --- | --- | --- | --- |",
  );
  const sets = (arm: AttributionArm) =>
    arm.sets.length === 0
      ? `${arm.name}: no override`
      : `${arm.name}: ${arm.sets.map((s) => `\`${s}\``).join(", ")}`;
  for (const r of a.rows) lines.push(`| ${r.label} | ${sets(r.on)} | ${sets(r.off)} | ${r.meaning} |`);
  const pending = a.rows.filter((r) => r.pending !== undefined);
  if (pending.length > 0) lines.push("");
  for (const r of pending) lines.push(`† ${r.label}: ${r.pending}.`);
  const setup = Object.entries(a.setup).map(([k, v]) => `${k} ${v}`);
  lines.push("", `Seeds ${seedList(a.seeds)}${setup.length > 0 ? `; ${setup.join("; ")}` : ""}.`);
  for (const w of a.warnings) lines.push("", `Warning: ${w}.`);
  return `${lines.join("\n")}\n`;
}

/** "1…20" for consecutive seeds, else the list. */
function seedList(seeds: readonly number[]): string {
  const consecutive = seeds.every((s, i) => i === 0 || s === seeds[i - 1] + 1);
  return consecutive && seeds.length > 2 ? `${seeds[0]}…${seeds[seeds.length - 1]}` : seeds.join(", ");
}

/** The table as JSON text (NaN bounds as null). */
export function attributionJson(a: Attribution): string {
  return `${JSON.stringify(a, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2)}\n`;
}
