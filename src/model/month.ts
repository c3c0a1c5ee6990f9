// The month a phase acts in: the tick and the run's calendar (config/calendar.ts
// turns the configured calendar months — shocks.start, a policy path's
// steps — into ticks against startDate). Passed to the phases that date
// something, instead of the whole state.

/** The tick being simulated and the run's first calendar month (config startDate, "YYYY-MM"). */
export interface Month {
  readonly tick: number;
  readonly startDate: string;
}

/** The run's seed and the tick being simulated: the keys of a phase's counter-based draws (rng.ts streamKey). */
export interface DrawKeys {
  readonly seed: number;
  readonly tick: number;
}
