// `spiral plot`: the report's charts as standalone SVG files for papers —
// the same specs as the page, without the hover layers, with larger type,
// axis titles carrying the units and a subtitle explaining the shading.
// Rendered by Vega's headless view in Node: no browser, no canvas. Each SVG
// also goes to PNG (2× scale, for slides) through resvg, whose npm package
// ships a prebuilt binary — nothing is compiled; where it cannot load,
// `plot` warns once and writes the SVGs only.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { parse, View } from "vega";
import { writeFileAtomic } from "../io/atomicWrite.ts";
import { comparisonFigures, hasComparison } from "./compareReport.ts";
import { layoutNetwork } from "./network.ts";
import { buildReportData, rowsOf, runSections } from "./reportData.ts";
import { readRunFolder } from "./runFolder.ts";
import { NETWORK_CHART_ID } from "./runReport.ts";
import { networkSpec, PAPER_STYLE, timeChartSpec, toVega } from "./specs.ts";
import { isSweepFolder, readSweepFolder } from "./sweepFolder.ts";
import { sweepFigures } from "./sweepReport.ts";

/**
 * Writes `<outDir>/<chart id>.svg` for every chart of the run report that
 * the run has data for (and network.svg if it wrote network.json); for a
 * sweep folder, the sweep report's charts (see plotSweep).
 * Returns the paths written, in report order.
 * @throws InputError if `runDir` is not a finished run or sweep folder.
 */
export interface PlotOptions {
  /** Also write <name>.png beside each SVG. Default true. */
  png?: boolean;
  /** Where a warning goes (resvg cannot load). Default process.stderr. */
  warn?: (message: string) => void;
}

export async function plotRun(runDir: string, outDir: string, options: PlotOptions = {}): Promise<string[]> {
  const writer = await figureWriter(options);
  if (isSweepFolder(runDir)) return plotSweep(runDir, outDir, writer);
  const run = readRunFolder(runDir);
  const sections = runSections(run);
  const data = buildReportData(run, sections);
  const rows = rowsOf(data.columns);
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (const chart of sections.flatMap((s) => s.charts)) {
    const view = new View(parse(toVega(timeChartSpec(chart, data.years, PAPER_STYLE))), { renderer: "none" });
    view.data(
      "series",
      rows.map((r) => ({ ...r })),
    );
    view.data(
      "phases",
      data.phases.map((r) => ({ ...r })),
    );
    view.data(
      "crises",
      data.crises.map((r) => ({ ...r })),
    );
    written.push(...(await writer(view, join(outDir, chart.id))));
  }
  if (run.network) {
    const layout = layoutNetwork(run.network, 640, 440);
    const title = run.network.date ? `AI-chain network, ${run.network.date}` : "AI-chain network";
    const view = new View(parse(toVega(networkSpec(layout, title, PAPER_STYLE))), { renderer: "none" });
    written.push(...(await writer(view, join(outDir, NETWORK_CHART_ID))));
  }
  return written;
}

/**
 * A sweep's figures: crisis-probability.svg, fan-<column>-<point's values>.svg
 * for every point with kept series, sensitivity-<metric>.svg; for a
 * comparison, outcome-differences.svg, arms-<column>.svg and
 * difference-<column>-<B>-vs-<A>.svg.
 */
async function plotSweep(dir: string, outDir: string, writer: FigureWriter): Promise<string[]> {
  const sweep = readSweepFolder(dir);
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  // A comparison (common seeds, one dimension): the comparison report's figures.
  if (hasComparison(dir)) {
    for (const figure of comparisonFigures(sweep, PAPER_STYLE)) {
      const view = new View(parse(toVega(figure.spec)), { renderer: "none" });
      written.push(...(await writer(view, join(outDir, figure.name))));
    }
    return written;
  }
  for (const figure of sweepFigures(sweep, PAPER_STYLE)) {
    const view = new View(parse(toVega(figure.spec)), { renderer: "none" });
    if (figure.bands) view.data("bands", figure.bands);
    written.push(...(await writer(view, join(outDir, figure.name))));
  }
  return written;
}

/** Renders a view to `<base>.svg` (and `<base>.png`); returns the paths written. */
type FigureWriter = (view: View, base: string) => Promise<string[]>;

async function figureWriter(options: PlotOptions): Promise<FigureWriter> {
  let toPng: ((svg: string) => Uint8Array) | undefined;
  if (options.png ?? true) {
    try {
      const { Resvg } = await import("@resvg/resvg-js");
      toPng = (svg) =>
        new Resvg(svg, {
          fitTo: { mode: "zoom", value: 2 },
          background: "white",
          // The figures ask for Helvetica or Arial; Linux has their metric twin Liberation Sans.
          font: {
            loadSystemFonts: true,
            defaultFontFamily: "Liberation Sans",
            sansSerifFamily: "Liberation Sans",
          },
        })
          .render()
          .asPng();
    } catch (err) {
      const warn = options.warn ?? ((m: string) => process.stderr.write(`${m}\n`));
      warn(`spiral: warning: no PNG figures, resvg could not load (${(err as Error).message}); SVG only`);
    }
  }
  return async (view, base) => {
    await view.runAsync();
    const svg = `${await view.toSVG()}\n`;
    view.finalize();
    writeFileAtomic(`${base}.svg`, svg);
    if (!toPng) return [`${base}.svg`];
    writeFileAtomic(`${base}.png`, toPng(svg));
    return [`${base}.svg`, `${base}.png`];
  };
}
