// docs/outputs.md is generated from the code (npm run gen:docs): this test
// fails when the file in the repository is stale, so the documented series
// columns and event types are the ones the code writes.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OUTPUTS_DOC, outputsMarkdown } from "../src/io/outputsDoc.ts";
import { EVENT_TYPES } from "../src/model/events.ts";
import { SERIES_COLUMNS } from "../src/model/metrics.ts";
import { REPO } from "./helpers/spiral.ts";

describe("docs/outputs.md", () => {
  const committed = readFileSync(join(REPO, OUTPUTS_DOC), "utf8");

  it("is what `npm run gen:docs` generates from the code (run it after changing columns or events)", () => {
    expect(committed === outputsMarkdown(), `${OUTPUTS_DOC} is stale: run npm run gen:docs`).toBe(true);
  });

  it("documents every series column and every event type with its fields", () => {
    for (const c of SERIES_COLUMNS) expect(committed).toContain(`| \`${c.name}\` |`);
    for (const e of EVENT_TYPES) {
      expect(committed).toContain(`### \`${e.type}\``);
      for (const f of e.fields) expect(committed).toContain(`| \`${f.name}\` |`);
    }
  });
});
