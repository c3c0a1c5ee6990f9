// The side-by-side page of two runs (`spiral report A B`) as a person sees it:
// Debian's Chromium (installed by .ci/run) driven by playwright-core opens it
// from file://, with no network; every chart draws, each with one line per
// run in the runs' two colours, the tooltip names the run, and the "what
// differs" table shows the --set applied to one run.
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, CHROMIUM_FLAGS, chromiumOrSkipNotice, SHOTS } from "./helpers/chromium.ts";
import { SMALL, scratch, spiral } from "./helpers/spiral.ts";

const hasChromium = chromiumOrSkipNotice("the browser test of the side-by-side report");

/** The part of the DOM's SVGPathElement used here (the project's TypeScript has no DOM types). */
interface SvgPath {
  getTotalLength(): number;
  getPointAtLength(length: number): { x: number; y: number };
  getScreenCTM(): { a: number; b: number; c: number; d: number; e: number; f: number };
}

describe.skipIf(!hasChromium)("side-by-side report in Chromium", () => {
  let browser: Browser;
  let root: string;
  let page: string;

  beforeAll(async () => {
    root = scratch("report-pair-browser");
    const chain = [
      "configs/scenarios/fed-cut.json",
      ...SMALL,
      "--set",
      "startDate=2024-11",
      "--quiet",
      "--no-report",
    ];
    const a = join(root, "cut");
    const b = join(root, "cut-riskier");
    for (const r of [
      spiral(["run", ...chain, "--out", a]),
      spiral(["run", ...chain, "--set", "banks.riskPremiumMultiplier=2", "--seed", "2", "--out", b]),
    ]) {
      expect(r.status, r.stderr).toBe(0);
    }
    page = join(root, "pair.html");
    const r = spiral(["report", a, b, "--out", page]);
    expect(r.status, r.stderr).toBe(0);
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it("draws every chart offline with both runs' lines, and names the run under the pointer", async () => {
    const tab = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    tab.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
    });
    tab.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
    tab.on("request", (r) => requests.push(r.url()));
    await tab.goto(pathToFileURL(page).href);
    await tab.waitForSelector("body[data-charts]", { timeout: 30_000 });
    expect(await tab.getAttribute("body", "data-charts")).toBe("done");
    expect(problems).toEqual([]);
    expect(requests.filter((url) => !url.startsWith("file:") && !url.startsWith("data:"))).toEqual([]);

    const labels = ["fed-cut · seed 1", "fed-cut · seed 2"];
    const header = (await tab.textContent("header")) ?? "";
    for (const label of labels) expect(header).toContain(label);

    const charts = await tab.$$eval("figure.chart", (els) => els.map((el) => el.getAttribute("data-chart")!));
    expect(charts).toEqual(
      expect.arrayContaining(["gdp", "unemployment", "policyRate", "cdsSpreads", "marketCap"]),
    );
    // Every chart: one line per run (times its series), in the two runs' colours.
    for (const id of charts) {
      const strokes = await tab.$$eval(`#view-${id} svg .mark-line path`, (els) =>
        els.filter((el) => (el.getAttribute("d") ?? "").length > 0).map((el) => el.getAttribute("stroke")),
      );
      expect(new Set(strokes).size, `run colours on chart ${id}`).toBe(2);
    }
    // Two series × two runs on the lending-rates chart.
    expect(await tab.$$eval("#view-lendingRates svg .mark-line path", (els) => els.length)).toBe(4);

    // The tooltip names the run and the month.
    await tab.locator("#view-gdp").scrollIntoViewIfNeeded();
    const point = await tab.$eval("#view-gdp svg .mark-line path", (el) => {
      const path = el as unknown as SvgPath;
      const p = path.getPointAtLength(path.getTotalLength() * 0.6);
      const m = path.getScreenCTM();
      return { x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f };
    });
    await tab.mouse.move(point.x - 3, point.y);
    await tab.mouse.move(point.x, point.y);
    await tab.waitForSelector("#spiral-tooltip:not([hidden])", { timeout: 5000 });
    const tip = await tab.$$eval("#spiral-tooltip tr", (rows) =>
      Object.fromEntries(rows.map((r) => [r.cells[0]!.textContent!, r.cells[1]!.textContent!])),
    );
    expect(tip.month).toMatch(/^\d{4}-\d{2}$/);
    expect(labels).toContain(tip.run);

    // What differs: the --set applied to one run, and the seeds.
    const differs = (await tab.textContent("#differs")) ?? "";
    expect(differs).toContain("banks.riskPremiumMultiplier");
    expect(
      await tab.$$eval("#differs tr[data-path]", (rows) => rows.map((r) => r.getAttribute("data-path"))),
    ).toEqual(["banks.riskPremiumMultiplier"]);
    expect(differs).toContain("the seeds differ");
    // No label cut short by Vega.
    const cut = await tab.$$eval("svg text", (els) =>
      els.map((el) => el.textContent ?? "").filter((t) => t.endsWith("…")),
    );
    expect(cut).toEqual([]);
    await tab.screenshot({ path: join(SHOTS, "pair-report.png"), fullPage: true });
    await tab.close();
  }, 60_000);
});
