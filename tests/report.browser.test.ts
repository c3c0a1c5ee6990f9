// The reports as a person sees them: Debian's Chromium (installed by
// .ci/run) driven by playwright-core opens report.html from file:// and an
// SVG figure, with no network, and we check what is on screen.
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSeriesCsv } from "../src/io/readSeries.ts";
import { plotRun, writeReport, writeRunReport } from "../src/report/index.ts";
import { CHROMIUM, CHROMIUM_FLAGS, chromiumOrSkipNotice, SHOTS } from "./helpers/chromium.ts";
import {
  GRID_PARAMETERS,
  gridSweepFile,
  SMALL_RUN,
  SYNTHETIC_FIRMS,
  seriesValue,
  withSyntheticSeries,
  withSyntheticSweepExtras,
} from "./helpers/report.ts";
import { BASELINE, type CliResult, LAUNCHER, REPO, scratch } from "./helpers/spiral.ts";

const hasChromium = chromiumOrSkipNotice("the browser tests of the reports");

/** The part of the DOM's SVGPathElement used here (the project's TypeScript has no DOM types). */
interface SvgPath {
  getTotalLength(): number;
  getPointAtLength(length: number): { x: number; y: number };
  getScreenCTM(): { a: number; b: number; c: number; d: number; e: number; f: number };
}

/** `spiral …args` as a subprocess without blocking, so two can run at once. */
function spiralAsync(args: readonly string[]): Promise<CliResult> {
  return new Promise((done) => {
    execFile(process.execPath, [LAUNCHER, ...args], { cwd: REPO, timeout: 90_000 }, (err, stdout, stderr) => {
      const status = err ? (typeof err.code === "number" ? err.code : 1) : 0;
      done({ status, stdout, stderr });
    });
  });
}

interface Opened {
  page: Page;
  /** Console errors and warnings, uncaught exceptions. */
  problems: string[];
  /** Every URL the page requested. */
  requests: string[];
}

describe.skipIf(!hasChromium)("reports in Chromium", () => {
  let browser: Browser;
  let root: string;
  let run: string;
  let synthetic: string;
  let figures: string;
  let sweep: string;
  let sweepExtras: string;

  beforeAll(async () => {
    root = scratch("report-browser");
    run = join(root, "run");
    synthetic = join(root, "synthetic");
    figures = join(root, "figures");
    sweep = join(root, "sweep");
    sweepExtras = join(root, "sweep-extras");
    // The run and the sweep at the same time: each alone leaves a core idle part of the time.
    const [ran, swept] = await Promise.all([
      spiralAsync(["run", "configs/baseline.json", ...SMALL_RUN, "--out", run, "--quiet"]),
      spiralAsync(["sweep", gridSweepFile(root, BASELINE), "--out", sweep, "--quiet", "--workers", "2"]),
    ]);
    expect(ran.status, ran.stderr).toBe(0);
    expect(swept.status, swept.stderr).toBe(0);
    withSyntheticSeries(run, synthetic);
    writeRunReport(synthetic);
    await plotRun(run, figures, { png: false });
    withSyntheticSweepExtras(sweep, sweepExtras);
    writeReport(sweepExtras);
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  });

  afterAll(async () => {
    await browser?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  async function open(file: string): Promise<Opened> {
    const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);
    return { page, problems, requests };
  }

  /** Opens a report, waits until every chart is drawn and checks what every report must satisfy. */
  async function openReport(dir: string): Promise<Opened & { charts: string[] }> {
    const opened = await open(join(dir, "report.html"));
    const { page, problems, requests } = opened;
    await page.waitForSelector("body[data-charts]", { timeout: 20_000 });
    expect(await page.getAttribute("body", "data-charts")).toBe("done");
    expect(problems).toEqual([]);
    expect(requests.filter((url) => !url.startsWith("file:") && !url.startsWith("data:"))).toEqual([]);
    const charts = await page.$$eval("figure.chart", (els) =>
      els.map((el) => el.getAttribute("data-chart")!),
    );
    for (const id of charts) {
      const marks = await page.$$eval(
        [".mark-line path", ".mark-area path", ".mark-symbol path", ".mark-rect path", ".mark-rule line"]
          .map((mark) => `#view-${id} svg ${mark}`)
          .join(", "),
        (els) => els.filter((el) => (el.getAttribute("d") ?? "x").length > 0).length,
      );
      expect(marks, `marks of chart ${id}`).toBeGreaterThan(0);
    }
    return { ...opened, charts };
  }

  /** Moves the pointer onto the line of `chart` at `fraction` of its length; returns the tooltip's rows. */
  async function hoverLine(page: Page, chart: string, fraction: number): Promise<Record<string, string>> {
    await page.locator(`#view-${chart}`).scrollIntoViewIfNeeded();
    const point = await page.$eval(
      `#view-${chart} svg .mark-line path`,
      (el, f) => {
        const path = el as unknown as SvgPath;
        const p = path.getPointAtLength(path.getTotalLength() * f);
        const m = path.getScreenCTM();
        return { x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f };
      },
      fraction,
    );
    await page.mouse.move(point.x - 3, point.y);
    await page.mouse.move(point.x, point.y);
    await page.waitForSelector("#spiral-tooltip:not([hidden])", { timeout: 5000 });
    return page.$$eval("#spiral-tooltip tr", (rows) =>
      Object.fromEntries(rows.map((r) => [r.cells[0]!.textContent!, r.cells[1]!.textContent!])),
    );
  }

  const number = (text: string) => Number(text.replaceAll(",", ""));

  /** The run report, opened by the first test and reused by the second. */
  let runPage: Page;

  it("draws the run report offline: every chart with marks, no error, no request", async () => {
    const { page, charts } = await openReport(run);
    runPage = page;
    expect(charts).toEqual(expect.arrayContaining(["gdp", "unemployment", "inflation", "policyRate"]));
    expect(charts).toEqual(expect.arrayContaining(["credit", "lendingRates", "marketCap", "govDeficit"]));
    expect(charts).toEqual(expect.arrayContaining(["govDebt", "firmDefaults"]));
    expect(charts).not.toContain("cdsSpreads");
    expect(charts).not.toContain("network");
    const header = await page.textContent("header");
    expect(header).toContain("baseline");
    expect(header).toContain("seed 1");
    expect(header).toContain(`npx spiral run configs/baseline.json --set households.count=300`);
    await page.screenshot({ path: join(SHOTS, "run-report.png"), fullPage: true });
  });

  it("shows the value of the line under the pointer in a tooltip", async () => {
    const page = runPage ?? (await openReport(run)).page;
    const gdp = await hoverLine(page, "gdp", 0.5);
    const month = gdp.month!;
    expect(month).toMatch(/^\d{4}-\d{2}$/);
    const shown = gdp["USD bn (2025 prices) per year"]!;
    // Rounded twice: the report embeds 7 significant digits (src/report/reportData.ts DIGITS) and the tooltip shows one
    // decimal (",.1f"), so at $28 363.245 bn the page says 28,363.3 (28 363.25 rounded half up): within 0.05 plus half
    // the 7th digit (0.005 here) of the file's value.
    const file = seriesValue(run, "gdpReal", month);
    const seventhDigit = 10 ** (Math.floor(Math.log10(Math.abs(file))) - 6);
    expect(Math.abs(number(shown) - file)).toBeLessThanOrEqual(0.05 + seventhDigit / 2 + 1e-9);

    const u = await hoverLine(page, "unemployment", 0.8);
    expect(Math.abs(number(u["%"]!) - 100 * seriesValue(run, "unemploymentRate", u.month!))).toBeLessThan(
      0.0051,
    );
    await page.screenshot({ path: join(SHOTS, "run-report-tooltip.png") });
    await page.close();
  });

  it("adds the AI-chain, CDS, power and automation sections and the network when their data exist", async () => {
    const { page, charts } = await openReport(synthetic);
    for (const id of [
      "cdsSpreads",
      "aiCapexRevenue",
      "circularRevenue",
      "gridCapacity",
      "electricityPrice",
    ]) {
      expect(charts).toContain(id);
    }
    expect(charts).toEqual(expect.arrayContaining(["automationDisplacement", "laborShare", "network"]));
    const nodes = await page.$$eval("#view-network svg .mark-text text", (els) =>
      els.map((e) => e.textContent),
    );
    expect(nodes).toEqual(
      expect.arrayContaining(["Chip maker", "Hyperscaler", "Neocloud (defaulted)", "AI lab"]),
    );
    const cds = await hoverLine(page, "cdsSpreads", 0.9);
    const cdsColumn = cds.series === "Chain index" ? "cdsIndexAiChainBp" : `${cds.series}_cdsBp`;
    expect(["Chain index", ...SYNTHETIC_FIRMS]).toContain(cds.series);
    expect(Math.abs(number(cds.bp!) - seriesValue(synthetic, cdsColumn, cds.month!))).toBeLessThan(0.51);
    // The synthetic negative-feedback phase is shaded.
    expect(await page.$$eval("#view-gdp svg .mark-rect path", (els) => els.length)).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, "synthetic-report.png"), fullPage: true });
    await page.close();
  });

  it("opens an SVG figure from `spiral plot` with its title and unit", async () => {
    const { page, problems, requests } = await open(join(figures, "gdp.svg"));
    expect(await page.evaluate("document.documentElement.tagName")).toBe("svg");
    const box = (await page.locator("svg").first().boundingBox())!;
    expect(box.width).toBeGreaterThan(300);
    expect(box.height).toBeGreaterThan(150);
    const text = String(await page.evaluate("document.documentElement.textContent"));
    expect(text).toContain("Real GDP");
    expect(text).toContain("USD bn (2025 prices) per year");
    expect(await page.$$eval(".mark-line path", (els) => els.length)).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    expect(requests.every((url) => url.startsWith("file:"))).toBe(true);
    await page.screenshot({ path: join(SHOTS, "figure-gdp.png") });
    await page.close();
  });

  it("draws the sweep report: crisis heatmap with Wilson intervals, fan charts per point, sensitivity, runs", async () => {
    const { page, charts } = await openReport(sweepExtras);
    expect(charts[0]).toBe("crisisProbability");
    expect(charts).toEqual(expect.arrayContaining(["fan-gdpReal", "fan-unemploymentRate", "sensitivity-0"]));
    // Heatmap: one cell per pair of values, hover shows the Wilson interval.
    expect(
      await page.$$eval("#view-crisisProbability svg .mark-rect.role-mark path", (els) => els.length),
    ).toBe(4);
    await page.locator("#view-crisisProbability").scrollIntoViewIfNeeded();
    const cell = (await page
      .locator("#view-crisisProbability svg .mark-rect.role-mark path")
      .first()
      .boundingBox())!;
    await page.mouse.move(cell.x + cell.width / 2, cell.y + cell.height / 2);
    await page.waitForSelector("#spiral-tooltip:not([hidden])", { timeout: 5000 });
    const tip = await page.textContent("#spiral-tooltip");
    expect(tip).toMatch(/Wilson 95 %\d+ % – \d+ %/);
    expect(tip).toContain(GRID_PARAMETERS[0]);

    // Fan chart: the median under the pointer is the point's q50 in aggregates/<point>.csv.
    const fan = await hoverLine(page, "fan-gdpReal", 0.5);
    // The selector's first option is the first point with kept series, in aggregates.json's order.
    const aggregates = JSON.parse(readFileSync(join(sweepExtras, "aggregates", "aggregates.json"), "utf8"));
    const pointId = (aggregates.points as { pointId: string; bands: string | null }[]).find(
      (p) => p.bands !== null,
    )!.pointId;
    const firstOption = await page.$eval(
      "#point-select",
      (el) => (el as unknown as { options: { text: string }[] }).options[0]!.text,
    );
    // Options name the point by its values, not by its hash.
    expect(firstOption).toMatch(new RegExp(`^${GRID_PARAMETERS[0].replaceAll(".", "\\.")} = `));
    const bands = readSeriesCsv(join(sweepExtras, "aggregates", `${pointId}.csv`)).data;
    const i = (bands.date as string[]).indexOf(fan.month!);
    const median = Number(fan["median (USD bn (2025 prices) per year)"]!.replaceAll(",", ""));
    // Two roundings: the page's data at 7 significant digits (≤ 0.005 on a 5-digit value,
    // sweepReport.ts) and the tooltip's one decimal (≤ 0.05).
    expect(Math.abs(median - (bands.gdpReal_q50 as Float64Array)[i]!)).toBeLessThan(0.0551);
    expect(fan["5–95 %"]).toMatch(/^[\d,.]+ – [\d,.]+$/);

    // Choosing another point redraws the fan charts.
    const before = await page.getAttribute("#view-fan-gdpReal svg .mark-line path", "d");
    await page.selectOption("#point-select", "1");
    await expect
      .poll(() => page.getAttribute("#view-fan-gdpReal svg .mark-line path", "d"), { timeout: 5000 })
      .not.toBe(before);

    // The failed run is highlighted; the metric without indices is named.
    expect(await page.$$eval("#runs tr.failed", (rows) => rows.map((r) => r.textContent))).toEqual([
      expect.stringContaining("synthetic failure"),
    ]);
    expect(await page.textContent("#sensitivity")).toContain("crisisEpisodes: synthetic: no variance");
    expect((await page.textContent("header"))!).toContain("npx spiral sweep");
    await page.screenshot({ path: join(SHOTS, "sweep-report.png"), fullPage: true });
    await page.close();
  });

  it("lists the sweep report in the sweep's manifest", () => {
    const manifest = JSON.parse(readFileSync(join(sweep, "manifest.json"), "utf8"));
    expect(manifest.kind).toBe("spiral-sweep");
    expect(Object.keys(manifest.outputs)).toContain("report.html");
  });
});
