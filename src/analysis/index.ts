// Public surface of the analysis package: the statistics behind `spiral facts`.
export { autocorrelation } from "./autocorrelation.ts";
export { type CrossCorrelation, crossCorrelation } from "./crossCorrelation.ts";
export { formatFactsTable } from "./formatFacts.ts";
export { type HpDecomposition, hpFilter } from "./hpFilter.ts";
export { findRecessions, type Recession } from "./recessions.ts";
export {
  type CycleVariable,
  computeStylizedFacts,
  type FactCheck,
  STYLIZED_FACTS_COLUMNS,
  type StylizedFacts,
  type StylizedFactsOptions,
} from "./stylizedFacts.ts";
export { hillTailExponent, type SizeDistributionShape, sizeDistributionShape } from "./tailExponent.ts";
export { type QuarterlyAggregation, toQuarterly } from "./toQuarterly.ts";
