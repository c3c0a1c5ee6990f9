// Debian's Chromium for the browser tests of the reports (.ci/run installs it):
// where it is, how it is started, where screenshots go, and a skip notice
// printed (never silent) when it is missing.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { REPO } from "./spiral.ts";

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
/** Screenshots for people to look at (results/ is git-ignored). */
export const SHOTS = join(REPO, "results", "report-screenshots");

/** Whether Chromium is installed; if not, says which test is skipped and how to install it. */
export function chromiumOrSkipNotice(what: string): boolean {
  const has = existsSync(CHROMIUM);
  if (!has)
    console.warn(`SKIPPED: ${what} needs ${CHROMIUM} (apt-get install -y chromium; .ci/run installs it)`);
  return has;
}
