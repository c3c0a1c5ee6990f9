// The paper's parameters (configs/schema.json, object `lengnick2013`, which
// cites Lengnick 2013 Table 1 for each) as one immutable record, plus the
// money unit the model counts in.
import type { SpiralConfig } from "../../config/configTypes.ts";

export type LengnickParams = Readonly<SpiralConfig["lengnick2013"]>;

/**
 * Money is held as whole micro-units (1e-6 of a money unit) in Float64Arrays:
 * every transfer moves an integer amount, every stock stays an integer below
 * 2^53, so sums are exact and the money check can demand a zero residual.
 */
export const MICRO_PER_UNIT = 1_000_000;

/** Micro-units for `amount` money units, rounded to the nearest whole micro-unit. */
export function toMicro(amount: number): number {
  return Math.round(amount * MICRO_PER_UNIT);
}
