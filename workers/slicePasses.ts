// Worker of a sharded run (`spiral run --threads N`, src/engine/threads.ts;
// compiled, started as dist/workers/slicePasses.js; from TypeScript, through
// slicePasses.cjs — src/engine/workerEntry.ts):
// waits on the shared control array, runs blocks of each pass (over the
// households or the firms) as long as unclaimed ones are left, reports done. Thin on purpose (docs/development.md, "Engine principles").
import { parentPort, receiveMessageOnPort, workerData } from "node:worker_threads";
import { Control, EXIT, RECEIVE, type SliceWorkerData } from "../src/engine/sliceProtocol.ts";
import { runClaimed } from "../src/model/kernels.ts";

const { view, lane, threads, control, errorBytes, port } = workerData as SliceWorkerData;
let generation = Atomics.load(control, Control.generation);
Atomics.add(control, Control.ready, 1);
Atomics.notify(control, Control.ready);
parentPort?.postMessage("ready");
for (;;) {
  Atomics.wait(control, Control.generation, generation);
  generation = Atomics.load(control, Control.generation);
  const pass = Atomics.load(control, Control.pass);
  if (pass === EXIT) break;
  try {
    if (pass === RECEIVE) {
      // New per-seeker buffers (the coordinator posted them before waking us).
      // postMessage queues the message before the coordinator wakes us, but
      // give a loaded machine a moment before calling it lost (one failure
      // seen under load 8 on 2 cores, not reproduced).
      let received = receiveMessageOnPort(port);
      for (let tries = 0; received === undefined && tries < 2000; tries++) {
        Atomics.wait(control, Control.ready, Atomics.load(control, Control.ready), 1);
        received = receiveMessageOnPort(port);
      }
      if (received === undefined) throw new Error("slice worker: no buffers on the port after 2 s");
      Object.assign(view.work.match, received.message);
    } else runClaimed(view, pass, lane, threads, control, Control.next);
  } catch (err) {
    const text = Buffer.from(err instanceof Error ? (err.stack ?? err.message) : String(err), "utf8");
    errorBytes.set(text.subarray(0, errorBytes.length));
    Atomics.store(control, Control.failed, 1);
  }
  Atomics.add(control, Control.done, 1);
  Atomics.notify(control, Control.done);
}
