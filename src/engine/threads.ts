// A single run sharded across worker threads (`spiral run --threads N`).
// The households and firms live on SharedArrayBuffer; the coordinator (this
// thread) runs the tick as usual and, for each pass over the households
// (model/passes.ts; and the passes over blocks of firms), wakes N − 1 long-lived workers through an Atomics
// barrier, runs blocks itself, and waits for the others. Threads claim
// whole blocks, a few at a time, from a shared counter (kernels.ts
// runClaimed), so a thread slowed by another process does not hold up the
// pass; every block's partial results are the same whoever computes them,
// so the run's outputs are bit-identical for any N.
//
// Why Atomics and not a piscina task per pass: measured on this project's
// 2-core machine (npm run bench:scale prints it), one barrier round trip costs
// ≈ 15–45 µs against ≈ 230 µs for one piscina task round (message passing and
// promise resolution); a tick has 5 passes, and at 10 k households a whole
// tick takes ≈ 2–3 ms.

import { MessageChannel, type MessagePort, Worker } from "node:worker_threads";
import { type RunnerHost, runClaimed, simultaneousMatching, sliceView } from "../model/kernels.ts";
import {
  createPassWork,
  grownSeekerBuffers,
  type PassRunner,
  type PassWork,
  type SliceView,
} from "../model/passes.ts";
import { createSerialScratch, type SerialScratch } from "../model/passRunner.ts";
import type { ModelState } from "../model/state.ts";
import { CONTROL_SLOTS, Control, ERROR_BYTES, EXIT, RECEIVE, type SliceWorkerData } from "./sliceProtocol.ts";
import { workerEntry } from "./workerEntry.ts";

/** The workers' entry: compiled, or from TypeScript a CommonJS script that requires workers/slicePasses.ts (workerEntry.ts). */
const WORKER = workerEntry("slicePasses");

/** Longest a pass may take on a worker before the run fails (a pass over 100 M households takes seconds). */
const PASS_TIMEOUT_MS = 10 * 60 * 1000;

/** Longest startNow waits for its workers to start (from TypeScript each transpiles its modules, ≈ 1 s). */
const START_TIMEOUT_MS = 3 * 60 * 1000;

export class ThreadedRunner implements PassRunner {
  readonly threads: number;
  readonly work: PassWork;
  readonly scratch: SerialScratch;
  readonly #view: SliceView;
  readonly #workers: Worker[];
  /** The coordinator's end of each worker's port (RECEIVE: new buffers). */
  readonly #ports: MessagePort[];
  readonly #control: Int32Array;
  readonly #errorBytes: Uint8Array;

  private constructor(m: RunnerHost, threads: number, scratch: SerialScratch) {
    checkShared(m);
    this.threads = threads;
    this.scratch = scratch;
    this.work = createPassWork(
      m.households.n,
      m.firms.n,
      m.banks.n,
      threads,
      true,
      m.config.automation.enabled,
      simultaneousMatching(m),
    );
    this.#view = sliceView(m, this.work);
    this.#control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_SLOTS));
    this.#errorBytes = new Uint8Array(new SharedArrayBuffer(ERROR_BYTES));
    this.#workers = [];
    this.#ports = [];
    for (let t = 1; t < threads; t++) {
      const { port1, port2 } = new MessageChannel();
      port1.unref();
      const data: SliceWorkerData = {
        view: this.#view,
        lane: t,
        threads,
        control: this.#control,
        errorBytes: this.#errorBytes,
        port: port2,
      };
      this.#ports.push(port1);
      this.#workers.push(
        new Worker(WORKER.file, { workerData: data, execArgv: WORKER.execArgv, transferList: [port2] }),
      );
    }
  }

  /**
   * Starts `threads − 1` workers on the model (whose populations must be on
   * SharedArrayBuffer: createModel(config, { shared: true })) and installs
   * the runner as `m.runner`. Resolves once every worker is waiting.
   */
  static async start(m: ModelState, threads: number): Promise<ThreadedRunner> {
    // The serial phases' buffers carry over from the runner this one replaces.
    const runner = new ThreadedRunner(m, threads, m.runner.scratch);
    try {
      await Promise.all(
        runner.#workers.map(
          (w) =>
            new Promise<void>((resolve, reject) => {
              w.once("message", () => resolve());
              w.once("error", reject);
              w.once("exit", (code) => reject(new Error(`slice worker exited with code ${code} at start`)));
            }),
        ),
      );
    } catch (err) {
      runner.close();
      throw err;
    }
    for (const w of runner.#workers) {
      w.removeAllListeners("exit");
      w.removeAllListeners("error");
      // A worker error between passes surfaces as a failed pass; keep the process from crashing on the event.
      w.on("error", () => {});
    }
    m.runner = runner;
    return runner;
  }

  /**
   * Starts `threads − 1` workers on the columns of `host` (on
   * SharedArrayBuffer) and returns once every worker is waiting, blocking
   * this thread meanwhile: for createInitialState's `runner` option, which is
   * synchronous, so that the households' draws at the start run on the
   * threads too (model/initPasses.ts). The workers do not keep the process
   * alive (unref): a runner that an error leaves unclosed cannot hang it.
   */
  static startNow(host: RunnerHost, threads: number): ThreadedRunner {
    const runner = new ThreadedRunner(host, threads, createSerialScratch());
    for (const w of runner.#workers) {
      w.unref();
      // Errors surface as a failed pass or a start timeout; keep the process from crashing on the event.
      w.on("error", () => {});
    }
    const c = runner.#control;
    const others = runner.#workers.length;
    const deadline = performance.now() + START_TIMEOUT_MS;
    for (let r = Atomics.load(c, Control.ready); r < others; r = Atomics.load(c, Control.ready)) {
      if (performance.now() > deadline) {
        runner.close();
        throw new Error(`${others - r} slice worker(s) did not start within ${START_TIMEOUT_MS / 1000} s`);
      }
      Atomics.wait(c, Control.ready, r, 100);
    }
    return runner;
  }

  run(pass: number): void {
    this.#signal(pass);
    runClaimed(this.#view, pass, 0, this.threads, this.#control, Control.next);
    this.#await(pass);
  }

  /**
   * Grows the per-seeker buffers (PassRunner.reserveSeekers): the new ones,
   * on SharedArrayBuffer, go to each worker through its port, and the
   * workers install them in their views (RECEIVE) before this returns.
   */
  reserveSeekers(seekers: number): void {
    const grown = grownSeekerBuffers(this.work.match, seekers, this.#view.households.n, true);
    if (grown === null) return;
    Object.assign(this.work.match, grown);
    for (const port of this.#ports) port.postMessage(grown);
    this.#signal(RECEIVE);
    this.#await(RECEIVE);
  }

  /** Wakes the workers for `pass` (a Pass id, or RECEIVE). */
  #signal(pass: number): void {
    const c = this.#control;
    Atomics.store(c, Control.pass, pass);
    Atomics.store(c, Control.done, 0);
    Atomics.store(c, Control.next, 0);
    Atomics.add(c, Control.generation, 1);
    Atomics.notify(c, Control.generation);
  }

  /** Waits until every worker has finished `pass`; throws a worker's error. */
  #await(pass: number): void {
    const c = this.#control;
    const others = this.#workers.length;
    // A worker that died without reporting (out of memory) would leave this wait hanging: give up after a while.
    const started = performance.now();
    for (let d = Atomics.load(c, Control.done); d < others; d = Atomics.load(c, Control.done)) {
      if (
        Atomics.wait(c, Control.done, d, 1000) === "timed-out" &&
        performance.now() - started > PASS_TIMEOUT_MS
      ) {
        throw new Error(
          `a slice worker did not finish pass ${pass} within ${PASS_TIMEOUT_MS / 1000} s; it may have died (out of memory?)`,
        );
      }
    }
    if (Atomics.load(c, Control.failed) !== 0) {
      const text = Buffer.from(this.#errorBytes).toString("utf8").replace(/\0+$/, "");
      throw new Error(`a slice worker failed in pass ${pass}: ${text}`);
    }
  }

  close(): void {
    const c = this.#control;
    Atomics.store(c, Control.pass, EXIT);
    Atomics.add(c, Control.generation, 1);
    Atomics.notify(c, Control.generation);
    for (const w of this.#workers) void w.terminate();
    for (const port of this.#ports) port.close();
    this.#workers.length = 0;
    this.#ports.length = 0;
  }
}

/** Every population column must be on SharedArrayBuffer, or the workers would work on copies. */
function checkShared(m: RunnerHost): void {
  for (const [group, obj] of [
    ["households", m.households],
    ["firms", m.firms],
  ] as const) {
    for (const [key, value] of Object.entries(obj)) {
      if (ArrayBuffer.isView(value) && !(value.buffer instanceof SharedArrayBuffer)) {
        throw new Error(
          `--threads: ${group}.${key} is not on a SharedArrayBuffer; allocate it with column(Ctor, n, shared)`,
        );
      }
    }
  }
  if (!(m.scratch.unemployed.buffer instanceof SharedArrayBuffer)) {
    throw new Error("--threads: scratch.unemployed is not on a SharedArrayBuffer");
  }
}
