// Files of the package itself (configs/*.schema.json, package.json, the
// report's page script, the launcher), found the same way whether this code
// runs as TypeScript from src/ (vitest, tsx) or compiled from dist/src/ (the
// `spiral` command after `npm ci`; docs/development.md, "Compiled
// JavaScript"). The compiled tree sits one folder deeper (dist/src/… for
// src/…), so a path written relative to a module ("../../configs") would
// point into dist/ there; every such read goes through packagePath instead.
import { fileURLToPath } from "node:url";

/** True when this module is the compiled JavaScript under dist/ rather than the TypeScript source. */
export const COMPILED = import.meta.url.endsWith(".js");

/** The package's root folder (where package.json is), as a file URL ending in "/". */
const ROOT_URL = new URL(COMPILED ? "../../" : "../", import.meta.url);

/** Absolute path of `relative` (forward slashes, e.g. "configs/schema.json") inside the package. */
export function packagePath(relative: string): string {
  return fileURLToPath(new URL(relative, ROOT_URL));
}
