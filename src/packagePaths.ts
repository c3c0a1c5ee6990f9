// Files of the package itself (configs/*.schema.json, package.json, the
// report's page script, the launcher), found the same way whether this code
// runs as TypeScript from src/ (vitest, tsx) or compiled from dist/src/ (the
// `spiral` command after `npm ci`; docs/development.md, "Compiled
// JavaScript"). The compiled tree sits deeper (.dist-builds/<build>/src/…,
// which the link dist points at, for src/…), so a path written relative to
// a module ("../../configs") would point into the build there; every such
// read goes through packagePath instead.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** True when this module is the compiled JavaScript under dist/ rather than the TypeScript source. */
export const COMPILED = import.meta.url.endsWith(".js");

/**
 * The package's root folder (where package.json is), as a file URL ending in
 * "/": the source's parent, or the nearest folder above the compiled module
 * that holds package.json (a build has none of its own).
 */
const ROOT_URL = COMPILED ? compiledRoot(new URL("../", import.meta.url)) : new URL("../", import.meta.url);

function compiledRoot(start: URL): URL {
  for (let url = start; ; url = new URL("../", url)) {
    if (existsSync(fileURLToPath(new URL("package.json", url)))) return url;
    if (url.pathname === "/" || url.pathname.endsWith(":/")) return start;
  }
}

/** Absolute path of `relative` (forward slashes, e.g. "configs/schema.json") inside the package. */
export function packagePath(relative: string): string {
  return fileURLToPath(new URL(relative, ROOT_URL));
}
