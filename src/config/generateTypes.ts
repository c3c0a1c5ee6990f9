// Writes src/config/configTypes.ts from configs/schema.json, so the config's
// TypeScript types and its JSON Schema never drift: the schema is the one
// source of truth (docs/development.md, "Code style": "Parameters as one documented record").
// Run with `npm run gen:types`; a test fails when the file is stale.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { compile } from "json-schema-to-typescript";
import { packagePath } from "../packagePaths.ts";

export const schemaPath = packagePath("configs/schema.json");
export const typesPath = fileURLToPath(new URL("./configTypes.ts", import.meta.url));

/** The text of configTypes.ts for the current schema. */
export async function generateConfigTypes(): Promise<string> {
  const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
  return compile(schema, "SpiralConfig", {
    bannerComment:
      "// GENERATED from configs/schema.json by `npm run gen:types` — do not edit by hand.\n// Every object lists all its keys as required because ajv fills in the defaults.",
    additionalProperties: false,
    strictIndexSignatures: true,
    unknownAny: true,
    format: true,
    style: { singleQuote: false, semi: true, printWidth: 110 },
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(typesPath, await generateConfigTypes());
  console.log(`wrote ${typesPath}`);
}
