// What the run report shows, as data: sections of time charts, each chart a
// list of series columns. A chart appears when at least one of its series
// exists in the run's series.csv (for the AI chain, power and automation:
// exists and is not zero throughout), a section when at least one of its
// charts does — so the power section appears when the grid is simulated,
// and the automation section once the model writes its columns (the names
// here are the expected ones; rename them when the model settles on
// others). To show a new series, add it here; its unit comes from the
// model's tables (units.ts).
import { columnUnit, type DisplayUnit, displayUnit } from "./units.ts";

/** One line of a chart. */
export type SeriesDef =
  /** A single column; with `onlyIfNonZero`, shown only if it is not zero throughout. */
  | { column: string; label: string; onlyIfNonZero?: boolean }
  /** Every column matching `pattern`, one line each, labelled by the first capture group. */
  | { pattern: RegExp; label?: (name: string) => string };

export interface ChartDef {
  /** Stable id: the figure's file name in `spiral plot` and the element id in the report. */
  id: string;
  title: string;
  /** One sentence under the chart: what is plotted. */
  caption: string;
  series: readonly SeriesDef[];
  /** Draw as steps (counts per month) rather than straight segments. */
  step?: boolean;
  /**
   * Every series of the chart is shown only if it is not zero throughout:
   * the model writes the AI-chain columns in every run, as zeros when the
   * chain is switched off, and a flat zero line says nothing.
   */
  onlyIfNonZero?: boolean;
}

export interface SectionDef {
  id: string;
  title: string;
  charts: readonly ChartDef[];
}

/** The run report's time charts, in page order. */
export const RUN_SECTIONS: readonly SectionDef[] = [
  {
    id: "macro",
    title: "Output, jobs and prices",
    charts: [
      {
        id: "gdp",
        title: "Real GDP",
        caption: "Real output (value added) at an annual rate, 2025 prices.",
        series: [{ column: "gdpReal", label: "Real GDP" }],
      },
      {
        id: "unemployment",
        title: "Unemployment rate",
        caption: "Unemployed as a share of the labour force.",
        series: [{ column: "unemploymentRate", label: "Unemployment" }],
      },
      {
        id: "inflation",
        title: "Inflation",
        caption: "Consumer-price inflation over the previous 12 months.",
        series: [{ column: "inflationYoY", label: "Inflation" }],
      },
      {
        id: "policyRate",
        title: "Policy rate",
        caption: "The central bank's policy rate.",
        series: [{ column: "policyRate", label: "Policy rate" }],
      },
    ],
  },
  {
    id: "credit",
    title: "Credit",
    charts: [
      {
        id: "credit",
        title: "Bank credit to firms",
        caption: "Stock of bank loans to non-AI firms.",
        series: [{ column: "creditToFirms", label: "Loans to firms" }],
      },
      {
        id: "lendingRates",
        title: "Lending rates",
        caption: "Loan-weighted average rate on firm loans against the policy rate.",
        series: [
          { column: "avgLoanRate", label: "Average loan rate" },
          { column: "policyRate", label: "Policy rate" },
        ],
      },
      {
        id: "defaultProbability",
        title: "Default probability of borrowers",
        caption: "Loan-weighted default probability that banks assign to firms.",
        series: [{ column: "avgDefaultProbability", label: "Default probability" }],
      },
      {
        id: "bankCapital",
        title: "Bank capital ratio",
        caption: "Bank equity over loans, all banks.",
        series: [{ column: "bankCapitalRatio", label: "Capital ratio" }],
      },
    ],
  },
  {
    id: "aiCredit",
    title: "AI-chain credit",
    charts: [
      {
        id: "cdsSpreads",
        title: "CDS spreads per AI-chain firm",
        caption:
          "5-year credit-default-swap spread of each AI-chain firm, and the chain's debt-weighted index.",
        series: [{ column: "cdsIndexAiChainBp", label: "Chain index" }, { pattern: /^(.+)_cdsBp$/ }],
        onlyIfNonZero: true,
      },
      {
        id: "chainCredit",
        title: "Credit to the AI chain",
        caption: "Bank loans to the chain, and its bonds and private loans held by the non-bank fund.",
        series: [
          { column: "bankExposureToAiChain", label: "Banks" },
          { column: "privateCreditExposure", label: "Non-bank fund" },
        ],
        onlyIfNonZero: true,
      },
      {
        id: "debtRank",
        title: "DebtRank of chain losses",
        caption: "Equity lost through the chain's stakes and contracts beyond the initial shock, this month.",
        series: [{ column: "debtRankAiChain", label: "DebtRank" }],
        onlyIfNonZero: true,
      },
    ],
  },
  {
    id: "equity",
    title: "Equity market",
    charts: [
      {
        id: "marketCap",
        title: "Equity market capitalisation",
        caption: "Market value of all listed firms, the non-AI sector and the AI chain.",
        series: [
          { column: "marketCapTotal", label: "Total", onlyIfNonZero: true },
          { column: "equityMarketCap", label: "Non-AI firms" },
          { column: "marketCapAiChain", label: "AI chain", onlyIfNonZero: true },
        ],
      },
    ],
  },
  {
    id: "ai",
    title: "AI investment and revenue",
    charts: [
      {
        id: "aiCapexRevenue",
        title: "AI capex and end-user AI revenue",
        caption: "Capacity the AI chain orders against what end users pay it, annual rates.",
        series: [
          { column: "aiCapex", label: "AI capex" },
          { column: "aiEndUserRevenue", label: "End-user AI revenue" },
        ],
        onlyIfNonZero: true,
      },
      {
        id: "circularRevenue",
        title: "Circular and debt-funded revenue",
        caption:
          "Share of chain revenue traced back to equity injected by other chain firms, and to borrowed money.",
        series: [
          { column: "circularRevenueShare", label: "Circular" },
          { column: "debtFundedRevenueShare", label: "Debt-funded" },
        ],
        onlyIfNonZero: true,
      },
      {
        id: "aiAdoption",
        title: "AI adoption",
        caption: "Share of potential end-user AI demand adopted.",
        series: [{ column: "aiAdoption", label: "Adoption" }],
        onlyIfNonZero: true,
      },
    ],
  },
  {
    id: "power",
    title: "Power",
    charts: [
      {
        id: "gridCapacity",
        title: "Grid capacity vs base load",
        caption:
          "Deliverable grid capacity against the load of households and non-AI firms; data centres get what is left.",
        series: [
          { column: "gridCapacityGw", label: "Grid capacity" },
          { column: "baseLoadGw", label: "Base load" },
        ],
        onlyIfNonZero: true,
      },
      {
        id: "dataCentrePower",
        title: "Data centres: built vs powered",
        caption:
          "The chain's built data-centre capacity (its power demand) and the part that runs, on the grid or on site.",
        series: [
          { column: "dataCentreDemandGw", label: "Built (demand)" },
          { column: "dataCentrePoweredGw", label: "Powered" },
        ],
        onlyIfNonZero: true,
      },
      {
        id: "strandedCapex",
        title: "Stranded data-centre capex",
        caption: "Book value of built data-centre capacity without power, depreciating without revenue.",
        series: [{ column: "strandedCapex", label: "Stranded" }],
        onlyIfNonZero: true,
      },
      {
        id: "electricityPrice",
        title: "Electricity price",
        caption: "Wholesale electricity price, nominal; convex in the grid's utilisation.",
        series: [{ column: "electricityPrice", label: "Electricity price" }],
        onlyIfNonZero: true,
      },
      {
        id: "electricityCpi",
        title: "Retail electricity prices",
        caption:
          "Retail electricity price index, part of the consumer price index with households' electricity share.",
        series: [{ column: "electricityCpi", label: "Electricity CPI" }],
        onlyIfNonZero: true,
      },
      {
        id: "gridInvestment",
        title: "Grid investment",
        caption:
          "The utility's grid investment and the part the government pays (power.publicBuildoutShare).",
        series: [
          { column: "gridInvestment", label: "Grid investment" },
          { column: "gridPublicFunding", label: "Paid by the government" },
        ],
        onlyIfNonZero: true,
      },
    ],
  },
  {
    id: "automation",
    title: "Automation",
    charts: [
      {
        id: "automatedTasks",
        title: "Automated tasks",
        caption: "Share of non-AI firms' tasks done by AI services.",
        series: [{ column: "automatedTaskShare", label: "Automated tasks" }],
        onlyIfNonZero: true,
      },
      {
        id: "aiCapability",
        title: "AI capability",
        caption:
          "Capability index: deployed compute relative to the chain's start, to the power of the capability elasticity.",
        series: [{ column: "aiCapabilityIndex", label: "Capability" }],
        onlyIfNonZero: true,
      },
      {
        id: "automationDisplacement",
        title: "Unemployed after automation",
        caption: "Unemployed whose spell began with an automation layoff, at US scale.",
        series: [{ column: "displacedUnemployed", label: "Displaced and unemployed" }],
        onlyIfNonZero: true,
      },
      {
        id: "automationLayoffs",
        title: "Automation layoffs",
        caption: "Workers laid off because their tasks were automated, per month, at US scale.",
        series: [{ column: "displacedByAutomation", label: "Laid off" }],
        onlyIfNonZero: true,
      },
      {
        id: "unemploymentSpells",
        title: "Unemployment spells",
        caption:
          "Mean length of the spells ended by a hire in the last 12 months: workers displaced by automation and others.",
        series: [
          { column: "spellMonthsDisplaced", label: "Displaced by automation" },
          { column: "spellMonthsOther", label: "Others" },
        ],
        onlyIfNonZero: true,
      },
      {
        id: "laborShare",
        title: "Labour share",
        caption: "Wages as a share of non-AI firms' nominal output.",
        series: [{ column: "laborShare", label: "Labour share" }],
        onlyIfNonZero: true,
      },
      {
        id: "incomeQuintiles",
        title: "Income by quintile",
        caption:
          "Share of household disposable income received by each fifth of households, poorest to richest.",
        series: [
          { column: "incomeShareQ1", label: "Poorest fifth" },
          { column: "incomeShareQ2", label: "Second" },
          { column: "incomeShareQ3", label: "Middle" },
          { column: "incomeShareQ4", label: "Fourth" },
          { column: "incomeShareQ5", label: "Richest fifth" },
        ],
        onlyIfNonZero: true,
      },
    ],
  },
  {
    id: "government",
    title: "Government",
    charts: [
      {
        id: "govDeficit",
        title: "Government deficit",
        caption: "Spending, benefits, interest and recapitalisations less taxes, annual rate.",
        series: [{ column: "govDeficit", label: "Deficit" }],
      },
      {
        id: "govDebt",
        title: "Government debt",
        caption: "Government bills outstanding.",
        series: [{ column: "govDebt", label: "Debt" }],
      },
    ],
  },
  {
    id: "defaults",
    title: "Defaults",
    charts: [
      {
        id: "firmDefaults",
        title: "Firm defaults and exits",
        caption:
          "Bankruptcies and voluntary exits (firms.exit: solvent closures) of simulated firms each month.",
        series: [
          { column: "firmDefaults", label: "Firm defaults" },
          { column: "firmExits", label: "Voluntary exits" },
        ],
        step: true,
      },
      {
        id: "bankFailures",
        title: "Bank failures",
        caption: "Bank failures each month.",
        series: [{ column: "bankFailures", label: "Bank failures" }],
        step: true,
      },
      {
        id: "chainDefaults",
        title: "AI-chain defaults",
        caption: "AI-chain firms in default each month.",
        series: [{ column: "chainDefaults", label: "Chain defaults" }],
        step: true,
        onlyIfNonZero: true,
      },
    ],
  },
];

/** A line of a chart, bound to the run's columns. */
export interface ResolvedSeries {
  /** Field name in the report's data table, e.g. "s3" (column names are not safe field names). */
  field: string;
  label: string;
  /** The series column. */
  column: string;
  unit: DisplayUnit;
}

export interface ResolvedChart {
  id: string;
  title: string;
  caption: string;
  step: boolean;
  /** Axis title: the display unit, or the distinct units joined by " | " if the series disagree. */
  unitLabel: string;
  series: readonly ResolvedSeries[];
}

export interface ResolvedSection {
  id: string;
  title: string;
  charts: readonly ResolvedChart[];
}

/**
 * The sections and charts whose series exist among `columns`, with each
 * series bound to a data-table field. The same column shares one field.
 * @example resolveSections(RUN_SECTIONS, ["tick", "date", "gdpReal"]) // one section, one chart
 */
export function resolveSections(
  sections: readonly SectionDef[],
  columns: readonly string[],
  /** Columns that are zero throughout; undefined: none. */
  allZero: ReadonlySet<string> = new Set(),
): ResolvedSection[] {
  const present = new Set(columns);
  const fields = new Map<string, string>();
  const fieldFor = (column: string): string => {
    let field = fields.get(column);
    if (field === undefined) {
      field = `s${fields.size}`;
      fields.set(column, field);
    }
    return field;
  };
  const resolved: ResolvedSection[] = [];
  for (const section of sections) {
    const charts: ResolvedChart[] = [];
    for (const chart of section.charts) {
      const series: ResolvedSeries[] = [];
      const add = (label: string, column: string) => {
        series.push({ field: fieldFor(column), label, column, unit: displayUnit(columnUnit(column)) });
      };
      for (const def of chart.series) {
        const shown = (name: string) =>
          present.has(name) &&
          !((chart.onlyIfNonZero || ("column" in def && def.onlyIfNonZero)) && allZero.has(name));
        if ("column" in def) {
          if (shown(def.column)) add(def.label, def.column);
        } else {
          for (const name of columns) {
            const match = def.pattern.exec(name);
            if (match && shown(name)) add(def.label ? def.label(name) : (match[1] ?? name), name);
          }
        }
      }
      if (series.length === 0) continue;
      const units = [...new Set(series.map((s) => s.unit.label))].filter((u) => u !== "");
      charts.push({
        id: chart.id,
        title: chart.title,
        caption: chart.caption,
        step: chart.step ?? false,
        unitLabel: units.join(" | "),
        series,
      });
    }
    if (charts.length > 0) resolved.push({ id: section.id, title: section.title, charts });
  }
  return resolved;
}
