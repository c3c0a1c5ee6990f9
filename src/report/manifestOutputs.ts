// Lists a report among the outputs of the folder's manifest.json (a run's
// or a sweep's), so the manifest still hashes every file the folder holds.
// Only the report's entry is added or replaced: the other hashes are the
// ones taken when the run or sweep ended, and must stay so.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../io/atomicWrite.ts";
import { MANIFEST_FILE } from "../io/manifest.ts";

/**
 * Adds `file` (relative to `dir`, holding `content`) to `<dir>/manifest.json`'s
 * `outputs` with its SHA-256 and size; keeps every other field and its order.
 * Does nothing if the folder has no manifest or the manifest has no outputs.
 */
export function recordOutput(dir: string, file: string, content: string): void {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) return;
  const manifest = JSON.parse(readFileSync(path, "utf8")) as { outputs?: Record<string, unknown> };
  if (typeof manifest.outputs !== "object" || manifest.outputs === null) return;
  const bytes = Buffer.from(content, "utf8");
  const outputs = {
    ...manifest.outputs,
    [file]: { sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length },
  };
  manifest.outputs = Object.fromEntries(
    Object.entries(outputs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  writeFileAtomic(path, `${JSON.stringify(manifest, null, 2)}\n`);
}
