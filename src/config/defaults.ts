// The baseline parameter set: the schema's defaults and nothing else.
import type { SpiralConfig } from "./configTypes.ts";
import { validateConfigObject } from "./validate.ts";

/** A fresh config holding every parameter's default (the schema validated against `{}`). */
export function defaultConfig(): SpiralConfig {
  return validateConfigObject({}, "schema defaults");
}
