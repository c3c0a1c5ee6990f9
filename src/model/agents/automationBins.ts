// The sizes of automation's histograms (agents/automation.ts), in a module of
// their own so that the pass runner (passes.ts), which lays out the lanes'
// histograms, does not import automation.ts, which imports the pass runner.
/** Exposure bins used to find each firm's most exposed employees (exposure in 255ths, 8 per bin). */
export const EXPOSURE_BINS = 32;
export const EXPOSURE_SHIFT = 3;
/** Income bins: 64 per octave of whole dollars (see incomeBin). */
export const INCOME_BINS = 2048;
