// Error classes shared by every part of Spiral. Each carries what a user needs
// to fix the problem (file, JSON path) and maps to the CLI's exit code:
//   0 success, 2 bad input, 3 model failure, 1 anything else.

/** A user's mistake: bad file, bad JSON, bad value, bad flag. Exit code 2. */
export class InputError extends Error {
  readonly exitCode = 2;
  constructor(
    message: string,
    /** The file the problem is in, if any. */
    readonly file?: string,
    /** JSON path of the bad field, e.g. "/households/count", if any. */
    readonly jsonPath?: string,
  ) {
    super(message);
    this.name = "InputError";
  }
}

/**
 * The model broke one of its own guarantees: a stock-flow-consistency
 * violation, a NaN or infinity in its state. Exit code 3.
 */
export class ModelFailure extends Error {
  readonly exitCode = 3;
  constructor(
    message: string,
    readonly tick: number,
    /** What failed: an instrument ("deposits@bank3"), a variable ("households.deposits[17]"). */
    readonly subject: string,
    /** Size of the residual (USD, model scale) where that applies. */
    readonly residual?: number,
  ) {
    super(message);
    this.name = "ModelFailure";
  }
}

/** Exit code for any error: InputError 2, ModelFailure 3, anything else 1. */
export function exitCodeOf(err: unknown): number {
  if (err instanceof InputError) return 2;
  if (err instanceof ModelFailure) return 3;
  return 1;
}
