// Public surface of the analysis package: the statistics behind `spiral facts`.
export { autocorrelation } from "./autocorrelation.ts";
export { chiSquaredPValue } from "./chiSquaredPValue.ts";
export { type CrossCorrelation, crossCorrelation } from "./crossCorrelation.ts";
export { formatFactsTable } from "./formatFacts.ts";
export { type HpDecomposition, hpFilter } from "./hpFilter.ts";
export {
  computeMoments,
  lagName,
  MOMENT_DEFINITIONS,
  MOMENT_NAMES,
  MOMENT_VARIABLES,
  type MomentDefinition,
  type MomentOptions,
  type MomentVariable,
} from "./moments.ts";
export { olsSlope } from "./olsSlope.ts";
export { findRecessions, type Recession } from "./recessions.ts";
export { invertMatrix } from "./solveLinear.ts";
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

// Sweep statistics (issue "Experiments on all cores"): designs, bands, intervals, sensitivity, seeds.

export {
  gridDesign,
  latinHypercube,
  type ParameterRange,
  type SaltelliOutputs,
  type SaltelliPoint,
  SOBOL_MAX_DIMENSIONS,
  saltelliDesign,
  saltelliOutputs,
  scaleToRanges,
  sobolSequence,
} from "./designs.ts";
// Paired comparisons of scenarios (issue 19): common random numbers, paired intervals, McNemar.
export { MCNEMAR_EXACT_LIMIT, type McNemarResult, mcnemarTest } from "./mcnemarTest.ts";
export { newcombePairedInterval } from "./newcombePairedInterval.ts";
export { type PairedDifference, pairedMeanDifference } from "./pairedMeanDifference.ts";
export { prcc } from "./prcc.ts";
export { type QuantileBands, quantileBands } from "./quantileBands.ts";
export {
  type FirmReturnMoments,
  logReturns,
  MARKET_RETURN_FACTS,
  type ReturnMoments,
  returnMoments,
  returnMomentsTable,
} from "./returnMoments.ts";
export { runSeed } from "./seeds.ts";
export { type SobolIndices, type SobolIndicesOptions, sobolIndices } from "./sobolIndices.ts";
export { studentTQuantile } from "./studentTQuantile.ts";
export { type ConfidenceInterval, wilsonInterval } from "./wilsonInterval.ts";
