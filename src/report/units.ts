// Units of the series as the reader sees them. The unit of a column comes
// from the model's own tables (SERIES_COLUMNS and CHAIN_FIRM_COLUMNS in
// model/metrics.ts) — never copied here — and is only turned into a display form: decimals become
// percent, everything else keeps its unit. Columns the model does not list
// yet (the AI chain, power and automation are built in later issues) fall
// back to the naming convention of docs/development.md ("Code style"), a unit suffix in the name:
// `gridCapacityGw` → GW, `nvidia_cdsBp` → bp, `someShare` → %. (The
// automation columns — `automatedTaskShare`, `laborShare`, … — are model
// columns now, with their units in SERIES_COLUMNS.)
import { CHAIN_FIRM_COLUMNS, SERIES_COLUMNS } from "../model/metrics.ts";

/** How one column is shown: axis and tooltip label, factor from file value to shown value, d3 format. */
export interface DisplayUnit {
  /** Axis title and tooltip heading, e.g. "USD bn per year", "% a year". */
  label: string;
  /** Shown value = file value × factor (100 for decimals shown as percent). */
  factor: number;
  /** d3-format specifier for tooltips, e.g. ",.1f". */
  format: string;
}

const UNIT_OF_COLUMN: ReadonlyMap<string, string> = new Map(SERIES_COLUMNS.map((c) => [c.name, c.unit]));
/** Units of the per-firm AI-chain columns `<firm>_<suffix>`, by suffix. */
const UNIT_OF_FIRM_SUFFIX: ReadonlyMap<string, string> = new Map(
  CHAIN_FIRM_COLUMNS.map((c) => [c.suffix, c.unit]),
);

/** Unit suffixes of column names (docs/development.md, "Code style": units in names) for columns the model table lacks. */
const UNIT_SUFFIXES: readonly [RegExp, string][] = [
  [/UsdBn$/, "USD bn"],
  [/UsdPerMwh$/, "USD per MWh"],
  [/Gw$/, "GW"],
  [/Bp$/, "bp"],
  [/(Share|Rate|Ratio)$/, "decimal"],
];

/**
 * The unit of a series column as the model declares it (SERIES_COLUMNS, or
 * CHAIN_FIRM_COLUMNS for `<firm>_<suffix>`), else from the unit suffix of its
 * name; undefined when neither says.
 * @example columnUnit("gdpReal") // "USD bn (2025 prices) per year"
 * @example columnUnit("electricityPrice") // "USD/MWh" (declared); columnUnit("someLoadGw") // "GW" (suffix)
 */
export function columnUnit(column: string): string | undefined {
  const declared =
    UNIT_OF_COLUMN.get(column) ?? UNIT_OF_FIRM_SUFFIX.get(column.slice(column.lastIndexOf("_") + 1));
  if (declared !== undefined) return declared;
  for (const [suffix, unit] of UNIT_SUFFIXES) if (suffix.test(column)) return unit;
  return undefined;
}

/**
 * The display form of a unit: "decimal" → "%", "decimal per year" → "% a year"
 * (values × 100); money, counts and physical units unchanged.
 */
export function displayUnit(unit: string | undefined): DisplayUnit {
  if (unit === undefined || unit === "") return { label: "", factor: 1, format: ",.4~g" };
  const decimal = /^decimal(.*)$/.exec(unit);
  if (decimal) {
    const rest = decimal[1]!.trim();
    return {
      label: rest === "per year" ? "% a year" : `%${rest ? ` ${rest}` : ""}`,
      factor: 100,
      format: ",.2f",
    };
  }
  if (unit.startsWith("USD bn")) return { label: unit, factor: 1, format: ",.1f" };
  if (unit === "bp") return { label: "bp", factor: 1, format: ",.0f" };
  if (/ per month$/.test(unit) && /^(firms|banks)/.test(unit))
    return { label: unit, factor: 1, format: ",d" };
  return { label: unit, factor: 1, format: ",.3~f" };
}
