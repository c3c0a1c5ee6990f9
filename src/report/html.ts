// The pieces of a self-contained report page: escaping, inlined scripts and
// data, the Vega runtime read from node_modules, the style sheet. Nothing in
// the page refers to anything outside it, so it opens from file:// offline.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { packagePath } from "../packagePaths.ts";

/** Text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/**
 * A <script> element holding `code`. A "</script" or "<!--" inside would
 * end or confuse the element; in the library code they can only occur in
 * string or regex literals, where "<\/" and "<\!" mean the same thing.
 */
export function inlineScript(code: string): string {
  return `<script>${code.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--")}</script>`;
}

/** A JSON data block: every "<" escaped as \u003c, so no sequence in the data can end the element. */
export function inlineJson(id: string, value: unknown): string {
  return `<script type="application/json" id="${escapeHtml(id)}">${JSON.stringify(value).replaceAll("<", "\\u003c")}</script>`;
}

/** The minified Vega runtime (UMD build, defines `vega`) shipped in the vega package. */
export function vegaRuntime(): string {
  const entry = fileURLToPath(import.meta.resolve("vega"));
  return readFileSync(join(dirname(entry), "vega.min.js"), "utf8");
}

/** The page script (page/page.js): draws the charts and shows tooltips. */
export function pageScript(): string {
  return readFileSync(packagePath("src/report/page/page.js"), "utf8");
}

export const PAGE_CSS = `
:root { color-scheme: light; --ink: #1d2329; --muted: #5b6670; --line: #dde3e8; --phase: #9aa5b1; --crisis: #d62728; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--ink); background: #f6f8fa; }
main { max-width: 1280px; margin: 0 auto; padding: 24px 28px 48px; }
header { background: white; border: 1px solid var(--line); border-radius: 8px; padding: 20px 24px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h1 .seed { font-weight: normal; color: var(--muted); }
h2 { font-size: 19px; margin: 36px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
.scenario { margin: 0 0 8px; font-size: 16px; }
.meta { margin: 0 0 16px; color: var(--muted); font-size: 13px; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 10px; margin: 0 0 16px; }
.figure { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; background: #fbfcfd; }
.figure dt { font-size: 12px; color: var(--muted); }
.figure dd { margin: 2px 0 0; font-size: 20px; font-weight: 600; }
.figure dd small { display: block; font-size: 12px; font-weight: normal; color: var(--muted); }
.reproduce { margin: 0; }
.reproduce pre { margin: 4px 0 0; padding: 10px 12px; background: #1d2329; color: #f0f3f5; border-radius: 6px; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 13px; user-select: all; }
.legend { display: flex; flex-wrap: wrap; gap: 18px; margin: 14px 0 0; font-size: 13px; color: var(--muted); }
.swatch { display: inline-block; width: 22px; height: 12px; vertical-align: -1px; margin-right: 6px; border-radius: 2px; }
.swatch.phase { background: var(--phase); opacity: .55; }
.swatch.crisis { background: rgba(214, 39, 40, .15); border-top: 4px solid var(--crisis); }
nav { margin: 14px 0 0; font-size: 14px; }
nav a { margin-right: 14px; color: #1f5f8b; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(600px, 1fr)); gap: 16px; }
.charts.wide { grid-template-columns: 1fr; margin-top: 16px; }
figure.chart { margin: 0; background: white; border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px 8px; min-height: 120px; overflow-x: auto; }
figure.chart figcaption { font-size: 13px; color: var(--muted); margin-top: 4px; }
figure.chart .failed { color: var(--crisis); }
table.data { border-collapse: collapse; background: white; font-size: 14px; }
table.data th, table.data td { border: 1px solid var(--line); padding: 4px 10px; text-align: left; }
table.runs td { white-space: nowrap; }
table.data td.num { text-align: right; font-variant-numeric: tabular-nums; }
.note { color: var(--muted); font-size: 14px; }
.scroll { overflow-x: auto; max-width: 100%; }
table.data tr.failed td { background: #fde8e8; color: #8b1a1a; }
table.data tr.none td { color: var(--muted); }
.figure dd.bad { color: var(--crisis); }
select { font: inherit; max-width: 100%; }
.warnings { margin: 10px 0; }
.warning { margin: 4px 0; padding: 6px 10px; background: #fff4e5; border-left: 4px solid #e07b00; font-size: 14px; }
ul.arms { list-style: none; padding: 0; margin: 8px 0; font-size: 15px; }
ul.arms li { margin: 2px 0; }
.badge { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 8px; background: #eef1f4; color: var(--muted); margin-left: 4px; white-space: nowrap; }
.badge.bad { background: #fde8e8; color: #8b1a1a; }
table.outcomes td { white-space: nowrap; }
table.outcomes tr.saturated td { color: var(--muted); }
table.differs td { vertical-align: top; max-width: 520px; }
table.differs code.value { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 13px; }
footer { margin-top: 40px; color: var(--muted); font-size: 13px; }
#spiral-tooltip { position: fixed; z-index: 10; pointer-events: none; background: rgba(255, 255, 255, .97); border: 1px solid #aab4bd; border-radius: 4px; padding: 6px 9px; box-shadow: 0 2px 8px rgba(0, 0, 0, .15); font-size: 13px; }
#spiral-tooltip th { text-align: left; font-weight: normal; color: var(--muted); padding-right: 10px; }
#spiral-tooltip td { font-weight: 600; font-variant-numeric: tabular-nums; }
`;

/** A whole report page: the style sheet, the body, the data for the page script, Vega and the script. */
export function reportPage(title: string, body: string, payload: unknown): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<style>${PAGE_CSS}</style>
</head>
<body>
<main>
${body}
</main>
${inlineJson("spiral-report-data", payload)}
${inlineScript(vegaRuntime())}
${inlineScript(pageScript())}
</body>
</html>
`;
}

/** The pieces of text every report page shows about units and the page itself. */
export function footerHtml(kind: string, dir: string, dataNote: string): string {
  return `<footer>Written by <code>spiral report</code> from <code>${escapeHtml(dir)}</code> (${escapeHtml(kind)}). One self-contained file: it opens offline. Charts drawn with Vega; ${escapeHtml(dataNote)}</footer>`;
}

/** A file-name part from a label: "fed-cut", "hold-4.5-pct". */
export function slug(text: string): string {
  return (
    text
      .replaceAll("%", "pct")
      .replace(/[^A-Za-z0-9.]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "x"
  );
}
