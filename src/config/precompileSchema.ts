// The config validator as standalone JavaScript (ajv's standalone code), for
// the compiled build: src/build.mjs runs this module (compiled) and writes its
// output next to dist/src/config/schema.js, which then loads it instead of
// compiling configs/schema.json at every start. Same ajv options as
// schema.ts (configAjv), so the validator accepts, rejects, fills defaults
// and reports errors exactly as the one compiled at run time
// (tests/compiled.test.ts compares them).
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import standalone from "ajv/dist/standalone/index.js";
import { configAjv, configSchema } from "./schema.ts";

/** CommonJS source of the config validator; it requires only ajv's small runtime helpers. */
export function configValidatorSource(): string {
  const ajv = configAjv({ code: { source: true } });
  // A CommonJS module whose module.exports (also its .default) is the function, in Node and under tsx.
  return standalone.default(ajv, ajv.compile(configSchema as Record<string, unknown>));
}

// `node precompileSchema.js OUT`: writes the validator to OUT (src/build.mjs).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(process.argv[2], configValidatorSource());
}
