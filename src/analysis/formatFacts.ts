import type { CycleVariable, StylizedFacts } from "./stylizedFacts.ts";

/**
 * Renders stylized facts as a plain-text report for the terminal: the
 * volatility table, the lead/lag correlation table, GDP growth moments, firm
 * sizes, the Phillips/Okun/Beveridge correlations, recessions and the list of
 * checks marked ✓ or ✗. Undefined statistics (NaN) print as "n/a".
 *
 * Reference: the layout of Caiani et al. (2016) JEDC 69, tables 3–4,
 * https://doi.org/10.1016/j.jedc.2016.04.001
 *
 * @example
 * console.log(formatFactsTable(computeStylizedFacts(series, sizes, { burnInTicks: 240 })));
 *
 * @throws never.
 */
export function formatFactsTable(facts: StylizedFacts): string {
  const { options } = facts;
  const lines: string[] = [];
  const ticks = facts.firstTick === null ? "" : `, ticks ${facts.firstTick}–${facts.lastTick}`;
  lines.push(
    `Stylized facts: ${facts.quarters} quarters after ${options.burnInTicks} burn-in ticks${ticks}; ` +
      `HP λ = ${options.lambda}`,
  );

  lines.push("", "Business cycle (HP-filtered quarterly series)");
  const variables: CycleVariable[] = ["consumption", "investment", "employment", "unemployment"];
  const labels: Record<"gdp" | CycleVariable, string> = {
    gdp: "GDP",
    consumption: "consumption",
    investment: "investment",
    employment: "employment",
    unemployment: "unemployment rate",
  };
  const volatility: string[][] = [["", "sd", "sd / sd(GDP)", "autocorr(1)"]];
  volatility.push([labels.gdp, percent(facts.cycleSd.gdp, "%"), num(1), num(facts.autocorrelation.gdp)]);
  for (const v of variables) {
    volatility.push([
      labels[v],
      percent(facts.cycleSd[v], v === "unemployment" ? " pp" : "%"),
      num(facts.relativeSd[v]),
      num(facts.autocorrelation[v]),
    ]);
  }
  lines.push(...table(volatility));

  lines.push("", "Correlation with the GDP cycle, corr(x[t+k], GDP[t]); k > 0: x lags GDP by k quarters");
  const { lags } = facts.crossCorrelationWithGdp;
  const leadLag: string[][] = [["", ...lags.map((k) => (k > 0 ? `k=+${k}` : `k=${k}`)), "peak k"]];
  for (const v of variables) {
    leadLag.push([
      labels[v],
      ...facts.crossCorrelationWithGdp[v].map((c) => num(c)),
      String(facts.peakLag[v]),
    ]);
  }
  lines.push(...table(leadLag));

  const g = facts.gdpGrowth;
  lines.push("", "Distributions");
  const distributions: string[][] = [
    [
      "GDP growth (quarterly, log)",
      `mean ${percent(g.mean, "%")}`,
      `sd ${percent(g.sd, "%")}`,
      `excess kurtosis ${num(g.excessKurtosis)}`,
      `skewness ${num(g.skewness)}`,
    ],
  ];
  const f = facts.firmSizes;
  distributions.push(
    f === null
      ? ["firm sizes", "not given"]
      : [
          "firm sizes",
          `n ${f.count}`,
          `skewness ${num(f.skewness)}`,
          `Hill tail exponent ${num(f.tailExponent)} (top ${num(f.tailFraction * 100, 0)}%)`,
        ],
  );
  lines.push(...table(distributions, "l"));

  lines.push("", "Curves (correlations of quarterly values)");
  lines.push(
    ...table([
      ["Phillips: wage inflation (yoy) vs unemployment", num(facts.curves.phillips)],
      ["Phillips: price inflation (yoy) vs unemployment", num(facts.curves.phillipsPrice)],
      ["Okun: GDP growth vs change in unemployment", num(facts.curves.okun)],
      ["Beveridge: vacancy rate vs unemployment", num(facts.curves.beveridge)],
    ]),
  );

  const u = facts.unemployment;
  lines.push(
    "",
    `Unemployment rate (monthly): mean ${percent(u.mean, "%")}, min ${percent(u.min, "%")}, max ${percent(u.max, "%")}`,
  );

  lines.push("", `Recessions (≥ 2 quarters of falling real GDP): ${facts.recessionCount}`);
  if (facts.recessions.length > 0) {
    const rows: string[][] = [
      ["quarters", "length", "depth", ...(facts.firstTick === null ? [] : ["ticks"])],
    ];
    for (const r of facts.recessions) {
      const row = [`${r.startQuarter}–${r.endQuarter}`, String(r.quarters), percent(r.depth, "%")];
      if (facts.firstTick !== null) {
        // Assumes one row per tick, as the recorder writes them.
        const first = facts.firstTick + r.startQuarter * options.ticksPerQuarter;
        row.push(`${first}–${first + r.quarters * options.ticksPerQuarter - 1}`);
      }
      rows.push(row);
    }
    lines.push(...table(rows, "lrrr"));
  }

  const passed = facts.checks.filter((c) => c.ok).length;
  lines.push("", `Checks: ${passed} of ${facts.checks.length} hold`);
  lines.push(
    ...table(
      facts.checks.map((c) => [
        c.ok ? "✓" : "✗",
        c.name,
        c.expected,
        Number.isInteger(c.value) ? String(c.value) : num(c.value),
      ]),
      "lllr",
    ),
  );
  return `${lines.join("\n")}\n`;
}

function num(x: number, digits = 2): string {
  if (Number.isNaN(x)) return "n/a";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  return x.toFixed(digits);
}

function percent(x: number, unit: string): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(2)}${unit}` : num(x);
}

/**
 * Two-space indented rows with aligned columns. `align` has one letter per
 * column, "l" or "r"; its last letter applies to any further columns.
 */
function table(rows: string[][], align = "lr"): string[] {
  const columns = Math.max(...rows.map((r) => r.length));
  const widths: number[] = [];
  for (let c = 0; c < columns; c++) widths.push(Math.max(...rows.map((r) => (r[c] ?? "").length)));
  const right = (c: number): boolean => (align[c] ?? align[align.length - 1]) === "r";
  return rows.map(
    (row) =>
      `  ${row
        .map((cell, c) => (right(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
        .join("  ")
        .trimEnd()}`,
  );
}
