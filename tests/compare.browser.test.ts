// The comparison report as a person sees it: Debian's Chromium (installed by
// .ci/run) driven by playwright-core opens the report.html of a small
// `spiral compare` from file://, with no network, and we check what is on
// screen: every chart drawn, the chain's charts there, legible labels, no
// parameter values as truncated JSON, the arms' tooltip.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, CHROMIUM_FLAGS, chromiumOrSkipNotice, SHOTS } from "./helpers/chromium.ts";
import { REPO, scratch, spiral } from "./helpers/spiral.ts";

const hasChromium = chromiumOrSkipNotice("the browser test of the comparison report");

describe.skipIf(!hasChromium)("comparison report in Chromium", () => {
  let browser: Browser;
  let root: string;
  let out: string;

  beforeAll(async () => {
    root = scratch("compare-browser");
    out = join(root, "compare");
    const small = {
      households: { count: 300 },
      firms: { consumption: { count: 10 }, capital: { count: 3 } },
      banks: { count: 2 },
      // The scenarios warm up for 20 years from 2005-11; start the small
      // runs a year before the chain so 150 months cover it.
      startDate: "2024-11",
      ticks: 150,
    };
    const files = ["fed-hold-high", "fed-cut"].map((name) => {
      const file = join(root, `${name}.json`);
      writeFileSync(
        file,
        JSON.stringify({ extends: join(REPO, "configs", "scenarios", `${name}.json`), ...small }),
      );
      return file;
    });
    const r = spiral(["compare", ...files, "--seeds", "3", "--workers", "2", "--out", out, "--quiet"]);
    expect(r.status, r.stderr).toBe(0);
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  async function open(): Promise<{ page: Page; problems: string[]; requests: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
    page.on("request", (req) => requests.push(req.url()));
    await page.goto(pathToFileURL(join(out, "report.html")).href);
    await page.waitForSelector("body[data-charts]", { timeout: 30_000 });
    return { page, problems, requests };
  }

  it("draws every chart offline, the chain's among them, with both arms overlaid", async () => {
    const { page, problems, requests } = await open();
    expect(await page.getAttribute("body", "data-charts")).toBe("done");
    expect(problems).toEqual([]);
    expect(requests.filter((url) => !url.startsWith("file:") && !url.startsWith("data:"))).toEqual([]);
    const charts = await page.$$eval("figure.chart", (els) =>
      els.map((el) => el.getAttribute("data-chart")!),
    );
    for (const id of [
      "outcome-differences",
      "arms-cdsIndexAiChainBp",
      "arms-marketCapAiChain",
      "arms-unemploymentRate",
    ])
      expect(charts).toContain(id);
    expect(charts.some((id) => id.startsWith("difference-"))).toBe(true);
    for (const id of charts) {
      const marks = await page.$$eval(
        `#view-${id} svg .mark-line path, #view-${id} svg .mark-area path, #view-${id} svg .mark-symbol path, #view-${id} svg .mark-rule line`,
        (els) => els.filter((el) => (el.getAttribute("d") ?? "x").length > 0).length,
      );
      expect(marks, `marks of chart ${id}`).toBeGreaterThan(0);
    }
    // Two arms: two median lines on an overlay chart, in the arms' two colours.
    const strokes = await page.$$eval("#view-arms-unemploymentRate svg .mark-line path", (els) =>
      els.map((el) => el.getAttribute("stroke")),
    );
    expect(new Set(strokes).size).toBe(2);
    await page.screenshot({ path: join(SHOTS, "comparison-report.png"), fullPage: true });
    await page.close();
  }, 60_000);

  it("shows legible labels and tables: no truncated JSON, no label cut short, text at 10 px or more", async () => {
    const { page } = await open();
    const text = (await page.textContent("main")) ?? "";
    expect(text).not.toMatch(/\[\{"from":"\d{4}-\d\d|…"/);
    expect(text).toContain("fed-hold-high");
    expect(text).toContain("fed-cut");
    expect(text).toMatch(/Chain bust \(valuation drawdown ≥ 40 %\)/);
    expect(text).toMatch(/Unemployment rate\s*4\.3–4\.6 %/);
    // Vega marks a label it had to shorten with "…"; none may be.
    const cut = await page.$$eval("svg text", (els) =>
      els.map((el) => el.textContent ?? "").filter((t) => t.endsWith("…")),
    );
    expect(cut).toEqual([]);
    // Font sizes of every chart text and table cell (runs in the page: the project's TypeScript has no DOM types).
    const sizes = await page.$$eval("svg text, table.outcomes td", (els) =>
      els.map((el) =>
        Number.parseFloat(
          (globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } }).getComputedStyle(
            el,
          ).fontSize,
        ),
      ),
    );
    expect(sizes.length).toBeGreaterThan(100);
    expect(sizes.filter((size) => !(size >= 10))).toEqual([]);
    // Every chart fits its box: none is cut off or needs a scroll bar of its own.
    const clipped = await page.$$eval("figure.chart", (els) =>
      els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.getAttribute("data-chart")),
    );
    expect(clipped).toEqual([]);
    // The outcome table fits the page or scrolls inside its own box; the page itself does not scroll sideways.
    const overflow = await page.evaluate<number>(
      "document.documentElement.scrollWidth - document.documentElement.clientWidth",
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  }, 60_000);
});
