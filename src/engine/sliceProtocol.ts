// What the coordinator of a sharded run (threads.ts) and its slice workers
// (workers/slicePasses.ts) share. Kept apart from threads.ts so that the
// workers, loaded as CommonJS, import nothing that needs import.meta.
import type { MessagePort } from "node:worker_threads";
import type { SliceView } from "../model/passes.ts";

/** Slots of the control array shared with the workers. */
export const Control = {
  /** Incremented by the coordinator to start a pass. */
  generation: 0,
  /** The pass to run; −1 (EXIT) tells the workers to exit, −2 (RECEIVE) to take new buffers from their port. */
  pass: 1,
  /** Workers that finished the current pass. */
  done: 2,
  /** Non-zero when a worker's kernel threw; its message is in the error bytes. */
  failed: 3,
  /** The next block of the current pass not yet claimed by a thread (model/kernels.ts runClaimed). */
  next: 4,
  /** Workers that have started and wait for the first pass (threads.ts ThreadedRunner.startNow). */
  ready: 5,
} as const;
/** Control.pass: the workers exit. */
export const EXIT = -1;
/**
 * Control.pass: each worker takes the message waiting on its port (new
 * per-seeker buffers, model/passRunner.ts PassRunner.reserveSeekers) into
 * its view's PassWork.match, then reports done as after a pass.
 */
export const RECEIVE = -2;

/** Slots of the control array. */
export const CONTROL_SLOTS = 6;
/** Size of the shared buffer a failing worker writes its error into. */
export const ERROR_BYTES = 1024;

/** What a worker receives at start (workerData). */
export interface SliceWorkerData {
  view: SliceView;
  lane: number;
  /** Threads of the run (this worker is thread `lane`; the coordinator is thread 0). */
  threads: number;
  control: Int32Array;
  errorBytes: Uint8Array;
  /** Where the coordinator posts buffers that replace the view's (RECEIVE). */
  port: MessagePort;
}
