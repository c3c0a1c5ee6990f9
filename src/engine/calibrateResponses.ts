// Response moments of an estimation (calibration files' "responses";
// docs/calibration-tool.md, "Responses to a policy shock as targets"): a
// named moment that is the paired response of a series to a shift of the
// policy rate, measured on a twin of each run — the same config and seed with
// the Taylor rule's rate shifted by `shiftYearly` for `lengthMonths` from tick
// `atTick` (centralBank.overrides[].addYearly, as `npm run bench:irf` does) —
// so that an estimation can match the evidence on monetary transmission
// (e.g. the output response near two years, Christiano, Eichenbaum & Evans
// 2005, JPE 113(1); Ramey 2016, Handbook of Macroeconomics 2A) beside the
// business-cycle moments: impulse-response matching inside the simulated
// method of moments (CEE 2005 match VAR responses by minimum distance).
// With common random numbers the two runs share every draw until the shock,
// so the difference is the shock's effect plus the noise it sets off, and
// its mean over the estimation's seeds is the simulated moment.
import { type ResponseKind, responseAt } from "../analysis/impulseResponse.ts";
import { monthOfTick } from "../config/calendar.ts";
import type { SpiralConfig } from "../config/index.ts";

/** One response moment, as a calibration file defines it (configs/calibration.schema.json "responses"). */
export interface ResponseMoment {
  /** The moment's name, as the targets name it. */
  name: string;
  /** The series column whose response is measured (e.g. "gdpReal", "unemploymentRate"). */
  series: string;
  /** "log": 100 × the log difference (per cent); "level": the difference × scale (e.g. 100: points). */
  kind: ResponseKind;
  scale: number;
  /** The shift of the policy rate over the Taylor rule's, a year (0.01: one point). */
  shiftYearly: number;
  /** Months the shift lasts. */
  lengthMonths: number;
  /** The shock's first tick (after the burn-in). */
  atTick: number;
  /** Months after the shock's first month at which the response is read (0: the first shocked month). */
  horizonMonths: number;
  /** Months averaged, ending at the horizon (3: the quarter, as VAR studies report). */
  windowMonths: number;
}

/**
 * The last tick a twin run needs for `responses`: the latest horizon read.
 * Runs are deterministic month by month, so a twin that stops there has the
 * same months as a full run (tests/calibrate.responses.test.ts).
 */
export function twinTicks(responses: readonly ResponseMoment[]): number {
  let last = 0;
  for (const r of responses) last = Math.max(last, r.atTick + r.horizonMonths);
  return last;
}

/** The key of a response's shock: responses with the same key share one twin run. */
export function shockKey(r: ResponseMoment): string {
  return `${r.shiftYearly}|${r.lengthMonths}|${r.atTick}`;
}

/** A policy-rate shock: the shift over the Taylor rule's rate, its length and its first tick. */
export type RateShock = Pick<ResponseMoment, "shiftYearly" | "lengthMonths" | "atTick">;

/**
 * The twin of `config` for shock `r`: the same config and seed, the policy
 * rate shifted by r.shiftYearly from tick r.atTick for r.lengthMonths months
 * (appended to centralBank.overrides; the rule keeps reacting on top), run
 * for `ticks` months. Pure: `config` is not modified. Also `npm run
 * bench:irf`'s shocked arm.
 *
 * @example shockedConfig(c, { shiftYearly: 0.01, lengthMonths: 12, atTick: 241 }, 265)
 *   // c.centralBank.overrides + { from: monthOfTick(c.startDate, 241), until: … 252, addYearly: 0.01 }
 */
export function shockedConfig(config: SpiralConfig, r: RateShock, ticks: number): SpiralConfig {
  const c = structuredClone(config);
  c.ticks = ticks;
  const from = monthOfTick(c.startDate, r.atTick);
  const until = monthOfTick(c.startDate, r.atTick + r.lengthMonths - 1);
  c.centralBank.overrides = [...c.centralBank.overrides, { from, until, addYearly: r.shiftYearly }];
  return c;
}

/**
 * The response moment `r` from the base run's and the twin's series (series
 * index = tick − 1): responseAt over r's window ending r.horizonMonths after
 * the shock's first month. NaN where the window falls outside the runs or
 * the series is missing.
 */
export function responseMoment(
  base: Readonly<Record<string, ArrayLike<number>>>,
  shocked: Readonly<Record<string, ArrayLike<number>>>,
  r: ResponseMoment,
): number {
  const a = base[r.series];
  const b = shocked[r.series];
  if (a === undefined || b === undefined) return Number.NaN;
  return responseAt(a, b, r.atTick - 1, r.horizonMonths, r.windowMonths, r.kind, r.scale);
}
