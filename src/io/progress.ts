// Progress of a long run on stderr. On a terminal one status line is rewritten
// in place, at most ~10 times a second so that printing never slows the
// simulation; in a log file (CI, nohup, a pipe) carriage returns would pile up,
// so a plain line is written every 5 seconds instead. The clock is injected so
// the throttling can be tested without sleeping.

/** Where progress goes: process.stderr, or any object with a `write` method. */
export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface ProgressOptions {
  /** Ticks in the whole run. */
  total: number;
  /** Printed at the start of the line, e.g. the config name or "run 3/20". */
  label: string;
  /** Print nothing at all. */
  quiet?: boolean;
  stream?: ProgressStream;
  /** Defaults to `stream.isTTY`. */
  isTTY?: boolean;
  /** Milliseconds from any fixed origin. Defaults to `performance.now()`. */
  now?: () => number;
}

/** Minimum time between redraws on a terminal, ms. */
const TTY_INTERVAL_MS = 100;
/** Time between plain lines off a terminal, ms. */
const PLAIN_INTERVAL_MS = 5000;
const CLEAR_LINE = "\r\x1b[2K";

/**
 * A status line on a stream, redrawn in place on a terminal at most every
 * 100 ms, or written as a plain line every 5 seconds elsewhere. Subclasses
 * say what the line reads; this class decides when it is written.
 */
abstract class ThrottledStatusLine {
  protected readonly quiet: boolean;
  protected readonly stream: ProgressStream;
  protected readonly isTTY: boolean;
  protected readonly now: () => number;
  protected readonly startMs: number;
  #lastWriteMs: number;
  #finished = false;

  constructor(options: { quiet?: boolean; stream?: ProgressStream; isTTY?: boolean; now?: () => number }) {
    this.quiet = options.quiet ?? false;
    this.stream = options.stream ?? process.stderr;
    this.isTTY = options.isTTY ?? this.stream.isTTY === true;
    this.now = options.now ?? (() => performance.now());
    this.startMs = this.now();
    // On a terminal the first update draws at once; off it the first line comes after 5 s.
    this.#lastWriteMs = this.isTTY ? Number.NEGATIVE_INFINITY : this.startMs;
  }

  /** The line as it reads at `nowMs`. */
  protected abstract render(nowMs: number): string;

  /** Writes the line if enough time has passed since the last one. */
  protected maybeWrite(): void {
    if (this.quiet || this.#finished) return;
    const nowMs = this.now();
    if (nowMs - this.#lastWriteMs < (this.isTTY ? TTY_INTERVAL_MS : PLAIN_INTERVAL_MS)) return;
    this.#lastWriteMs = nowMs;
    const line = this.render(nowMs);
    this.stream.write(this.isTTY ? CLEAR_LINE + line : `${line}\n`);
  }

  /** Prints the final state and ends the line. Later calls do nothing. */
  finish(): void {
    if (this.quiet || this.#finished) return;
    this.#finished = true;
    const line = this.render(this.now());
    this.stream.write(this.isTTY ? `${CLEAR_LINE}${line}\n` : `${line}\n`);
  }
}

export class ProgressReporter extends ThrottledStatusLine {
  readonly #total: number;
  readonly #label: string;
  #done = 0;
  #detail = "";

  constructor(options: ProgressOptions) {
    super(options);
    this.#total = options.total;
    this.#label = options.label;
  }

  /** Records progress (`done` ticks finished, `detail` e.g. the model date "2035-04") and maybe prints. */
  update(done: number, detail: string): void {
    this.#done = done;
    this.#detail = detail;
    this.maybeWrite();
  }

  protected render(nowMs: number): string {
    const elapsedSeconds = Math.max(0, (nowMs - this.startMs) / 1000);
    const rate = elapsedSeconds > 0 ? this.#done / elapsedSeconds : 0;
    const remaining = Math.max(0, this.#total - this.#done);
    const eta = remaining === 0 ? formatDuration(0) : rate > 0 ? formatDuration(remaining / rate) : "-:--";
    const head = [this.#label, `tick ${this.#done}/${this.#total}`, this.#detail].filter((s) => s !== "");
    return `${head.join(" ")} | ${Math.round(rate)} ticks/s | elapsed ${formatDuration(elapsedSeconds)} | ETA ${eta}`;
  }
}

/** Seconds as "m:ss", or "h:mm:ss" from one hour on. */
export function formatDuration(seconds: number): string {
  const whole = Math.floor(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

export interface SweepProgressOptions {
  /** Runs the sweep still had to do when it (re)started. */
  total: number;
  /** Runs already finished before this start (a resumed sweep), shown in done/total but not in the rate. */
  alreadyDone?: number;
  /** Runs in the whole sweep, for the done/total count. Default alreadyDone + total. */
  sweepRuns?: number;
  /** First word of the plain line off a terminal. Default "sweep". */
  label?: string;
  quiet?: boolean;
  stream?: ProgressStream;
  isTTY?: boolean;
  now?: () => number;
}

/** Width of the bar on a terminal, in characters. */
const BAR_WIDTH = 24;

/**
 * Progress of a sweep: runs done out of the total, failures, runs per second
 * (of this start), elapsed time and ETA. On a terminal a bar redrawn in
 * place at most every 100 ms; off a terminal a plain line every 5 seconds.
 */
export class SweepProgressReporter extends ThrottledStatusLine {
  readonly #total: number;
  readonly #alreadyDone: number;
  readonly #sweepRuns: number;
  readonly #label: string;
  #done = 0;
  #failed = 0;

  constructor(options: SweepProgressOptions) {
    super(options);
    this.#total = options.total;
    this.#alreadyDone = options.alreadyDone ?? 0;
    this.#sweepRuns = options.sweepRuns ?? this.#alreadyDone + options.total;
    this.#label = options.label ?? "sweep";
  }

  /** Records `done` runs finished in this start (completed or finally failed), `failed` of them failed. */
  update(done: number, failed: number): void {
    this.#done = done;
    this.#failed = failed;
    this.maybeWrite();
  }

  protected render(nowMs: number): string {
    const elapsedSeconds = Math.max(0, (nowMs - this.startMs) / 1000);
    const rate = elapsedSeconds > 0 ? this.#done / elapsedSeconds : 0;
    const remaining = Math.max(0, this.#total - this.#done);
    const eta = remaining === 0 ? formatDuration(0) : rate > 0 ? formatDuration(remaining / rate) : "-:--";
    const done = this.#alreadyDone + this.#done;
    const count = `${done}/${this.#sweepRuns} runs`;
    const parts = [
      this.isTTY ? `${bar(done / Math.max(1, this.#sweepRuns))} ${count}` : `${this.#label} ${count}`,
      `${this.#failed} failed`,
      `${rate < 10 ? rate.toFixed(2) : rate.toFixed(1)} runs/s`,
      `elapsed ${formatDuration(elapsedSeconds)}`,
      `ETA ${eta}`,
    ];
    return parts.join(" | ");
  }
}

function bar(fraction: number): string {
  const filled = Math.max(0, Math.min(BAR_WIDTH, Math.round(fraction * BAR_WIDTH)));
  return `[${"█".repeat(filled)}${"░".repeat(BAR_WIDTH - filled)}]`;
}
