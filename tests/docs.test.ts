// The documentation stays true to the repository: every "docs/calibration.md §N"
// and "docs/ODD.md §N" citation names a section that exists, nothing points at files outside the
// repository, docs/ODD.md names every phase src/model/schedule.ts calls and every
// named constant of src/model, and the relative links of README.md and docs/
// resolve.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { schedulePhases } from "./helpers/schedulePhases.ts";

const root = join(import.meta.dirname, "..");

/** Folders never searched: tooling, dependencies and run outputs. */
const SKIP_DIRS = new Set([".git", "node_modules", "results", "coverage", ".scratch"]);

/** Every text file of the repository (relative paths), binary files left out. */
function repoTextFiles(dir = root, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name)) continue;
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) repoTextFiles(path, out);
    else if (st.isFile() && st.size < 4_000_000) {
      const bytes = readFileSync(path);
      if (!bytes.includes(0)) out.push(relative(root, path));
    }
  }
  return out;
}

const files = repoTextFiles();
// results/ holds run outputs (git-ignored) and one tracked README.
try {
  if (statSync(join(root, "results/README.md")).isFile()) files.push("results/README.md");
} catch {
  // no results/README.md
}
const read = (rel: string) => readFileSync(join(root, rel), "utf8");

/** Section numbers (§N, §N.M) that are headings of a Markdown file: "## 3. Title", "### 7.1 Title". */
function sectionNumbers(markdown: string): Set<string> {
  const out = new Set<string>();
  for (const m of markdown.matchAll(/^#{2,4}\s+(\d+(?:\.\d+)?)\.?\s/gm)) out.add(m[1]);
  return out;
}

describe("section citations and references outside the repository", () => {
  const calibration = sectionNumbers(read("docs/calibration.md"));

  it("docs/calibration.md has the sections §1 … §12", () => {
    for (let n = 1; n <= 12; n++) expect(calibration.has(String(n)), `§${n}`).toBe(true);
  });

  // "§3", "§1–4" (a range: both ends), "§1–4, §6" (a list), "§7.11–§7.15".
  const citation = (doc: string) =>
    new RegExp(`docs/${doc}\\s+((?:§\\d+(?:\\.\\d+)?(?:[–-]§?\\d+(?:\\.\\d+)?)?(?:,\\s*)?)+)`, "g");
  for (const doc of ["calibration.md", "ODD.md"]) {
    it(`every "docs/${doc} §N" cited anywhere is a heading of docs/${doc}`, () => {
      const sections = sectionNumbers(read(`docs/${doc}`));
      const cited: { file: string; section: string }[] = [];
      for (const file of files) {
        for (const m of read(file).matchAll(citation(doc))) {
          for (const part of m[1].matchAll(/§(\d+(?:\.\d+)?)(?:[–-]§?(\d+(?:\.\d+)?))?/g)) {
            cited.push({ file, section: part[1] });
            if (part[2]) cited.push({ file, section: part[2] });
          }
        }
      }
      expect(cited.length).toBeGreaterThan(doc === "ODD.md" ? 10 : 50);
      expect(cited.filter((c) => !sections.has(c.section))).toEqual([]);
    });
  }

  // Built from pieces so that this file does not match itself: the shared folder
  // beside the repository, and the developers' calibration, design and style
  // files that live there.
  const outside = new RegExp(
    [
      "\\.\\./" + "shared",
      "/work/" + "shared",
      "(?<!docs/)CALIB" + "RATION",
      "DES" + "IGN §",
      "DES" + "IGN\\.md",
      "\\bSTY" + "LE\\.md",
    ].join("|"),
  );
  it("no file points outside the repository (the shared folder beside it, the developers' files there)", () => {
    const offending = files.filter((f) => outside.test(read(f)));
    expect(offending).toEqual([]);
  });
});

/** GitHub's anchor of a Markdown heading: lower case, punctuation dropped, spaces → hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchorsOf(markdown: string): Set<string> {
  const out = new Set<string>();
  for (const m of markdown.matchAll(/^#{1,6}\s+(.+)$/gm)) out.add(slug(m[1]));
  return out;
}

describe("relative links in the Markdown files", () => {
  const docs = files.filter((f) => f.endsWith(".md"));

  it("every relative Markdown link names a file of the repository, and its #anchor a heading there", () => {
    const broken: string[] = [];
    for (const file of docs) {
      // Links outside fenced code blocks.
      const text = read(file).replace(/```[\s\S]*?```/g, "");
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/i.test(m[1])) continue;
        const [target, anchor] = m[1].split("#");
        const path = target === "" ? file : relative(root, join(root, dirname(file), target));
        let exists = true;
        try {
          statSync(join(root, path));
        } catch {
          exists = false;
        }
        if (!exists) broken.push(`${file}: ${m[1]} (no such file)`);
        else if (anchor !== undefined && path.endsWith(".md") && !anchorsOf(read(path)).has(anchor)) {
          broken.push(`${file}: ${m[1]} (no such heading)`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});

/** The text of one `## ` section of a Markdown file (up to the next `## ` heading). */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}`);
  if (start < 0) return "";
  const next = markdown.indexOf("\n## ", start + 4);
  return markdown.slice(start, next < 0 ? undefined : next);
}

describe("docs/ODD.md stays true to src/model", () => {
  const odd = read("docs/ODD.md");

  it("has every ODD+D section as a heading", () => {
    const headings = [
      "1. Purpose and patterns",
      "2. Entities, state variables and scales",
      "3. Process overview and scheduling",
      "4. Design concepts",
      "5. Initialisation",
      "6. Input data",
      "7. Submodels",
      "Constants in the code",
    ];
    for (const h of headings) expect(odd, h).toContain(`\n## ${h}\n`);
    const concepts = [
      "Theoretical and empirical background",
      "Individual decision-making",
      "Learning",
      "Individual sensing",
      "Individual prediction",
      "Interaction",
      "Collectives",
      "Heterogeneity",
      "Stochasticity",
      "Observation",
      "Emergence",
    ];
    const design = section(odd, "4. Design concepts");
    for (const c of concepts) expect(design, c).toContain(`\n### ${c}\n`);
  });

  it("§3 names every phase src/model/schedule.ts calls, in the order step() calls them", () => {
    // A phase is a call in step() of a function schedule.ts imports (not one made inside another's arguments).
    const phases = schedulePhases(root).map((p) => p.name);
    expect(phases.length).toBeGreaterThan(30);
    const process = section(odd, "3. Process overview and scheduling");
    let last = -1;
    const missing: string[] = [];
    const outOfOrder: string[] = [];
    for (const p of phases) {
      const at = process.indexOf(`\`${p}\``);
      if (at < 0) missing.push(p);
      else if (at < last) outOfOrder.push(p);
      else last = at;
    }
    expect(missing).toEqual([]);
    expect(outOfOrder).toEqual([]);
  });

  it("the constants table names every UPPER_CASE constant of src/model", () => {
    const table = section(odd, "Constants in the code");
    const missing: string[] = [];
    const modelFiles = files.filter((f) => f.startsWith("src/model/") && f.endsWith(".ts"));
    expect(modelFiles.length).toBeGreaterThan(30);
    for (const file of modelFiles) {
      for (const m of read(file).matchAll(/^\s*(?:export\s+)?const\s+([A-Z][A-Z0-9_]+)\b/gm)) {
        if (!table.includes(`\`${m[1]}\``)) missing.push(`${m[1]} (${file})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("every parameter path it cites exists in configs/schema.json", () => {
    type Node = { properties?: Record<string, Node>; items?: Node };
    const schema = JSON.parse(read("configs/schema.json")) as Node;
    const exists = (path: string): boolean => {
      let node: Node | undefined = schema;
      for (const part of path.split(".")) {
        const list = part.endsWith("[]");
        node = node?.properties?.[list ? part.slice(0, -2) : part];
        if (list) node = node?.items;
        if (node === undefined) return false;
      }
      return true;
    };
    const roots = Object.keys(schema.properties ?? {}).filter((k) => schema.properties?.[k].properties);
    const cited = new Set<string>();
    for (const m of odd.matchAll(/`([a-zA-Z0-9]+(?:\[\])?(?:\.[a-zA-Z0-9]+(?:\[\])?)+)`/g)) {
      const isFile = /\.(ts|mjs|json|csv|ndjson|parquet|md|html)$/.test(m[1]);
      if (!isFile && roots.includes(m[1].split(".")[0].replace("[]", ""))) cited.add(m[1]);
    }
    expect(cited.size).toBeGreaterThan(100);
    expect([...cited].filter((p) => !exists(p))).toEqual([]);
  });
});
