// Public API of the config module: load a run configuration (file + extends +
// --set), validate an object built elsewhere, the defaults, and the schema as
// the one documented parameter record.
export type { SpiralConfig } from "./configTypes.ts";
export { defaultConfig } from "./defaults.ts";
export { firmOverrideFirmProblem, parameterSchemaAt } from "./firmOverrides.ts";
export { type LoadConfigOptions, loadConfig } from "./loadConfig.ts";
export {
  configSchema,
  groupPaths,
  leafParameterPaths,
  type SchemaNode,
  schemaAt,
  schemaFile,
} from "./schema.ts";
export { suggestParameterPath } from "./suggest.ts";
export { validateConfigObject } from "./validate.ts";
