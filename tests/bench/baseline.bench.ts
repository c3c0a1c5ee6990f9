// `npm run bench`: speed and memory of the baseline economy on one thread at
// 10 k, 100 k and 1 M households (firms scale with households: one
// consumption firm per 50 households, one capital firm per 250, 10 banks).
// Each size runs in its own child process so heaps do not mix. Prints ticks
// per second, nanoseconds per household per tick, and bytes per household
// (heap + ArrayBuffers of the model / households). Targets (issue 2):
// ≤ 100 ns and ≤ 100 bytes per household-tick at 1 M households.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { hugePageEnv } from "../../src/hugePages.mjs";
import { createModel, MetricsTracker, step } from "../../src/model/index.ts";
import { scaledConfig } from "./shared.ts";

const SIZES = [10_000, 100_000, 1_000_000];

function measure(households: number, ticks: number): void {
  const config = scaledConfig(households, ticks + 3);
  globalThis.gc?.();
  const before = process.memoryUsage();
  const model = createModel(config);
  const tracker = new MetricsTracker(config.ticks);
  // Warm-up: let the JIT optimise the phase functions.
  for (let t = 0; t < 3; t++) {
    step(model);
    tracker.measure(model, model.events);
    model.events.length = 0;
  }
  globalThis.gc?.();
  const after = process.memoryUsage();
  const start = process.hrtime.bigint();
  for (let t = 0; t < ticks; t++) {
    step(model);
    tracker.measure(model, model.events);
    model.events.length = 0;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const bytes = after.heapUsed - before.heapUsed + (after.arrayBuffers - before.arrayBuffers);
  const result = {
    households,
    firms: model.firms.n,
    ticks,
    seconds,
    ticksPerSecond: ticks / seconds,
    nsPerHouseholdTick: (seconds * 1e9) / (ticks * households),
    bytesPerHousehold: bytes / households,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

const self = fileURLToPath(import.meta.url);
if (process.argv[2] === "--one") {
  measure(Number(process.argv[3]), Number(process.argv[4]));
} else {
  console.log("Spiral baseline benchmark — one thread, Node", process.version);
  console.log("households   firms  ticks  ticks/s   ns/household-tick  bytes/household");
  for (const n of SIZES) {
    const ticks = n >= 1_000_000 ? 24 : n >= 100_000 ? 60 : 120;
    const child = spawnSync(
      process.execPath,
      ["--expose-gc", "--import", "tsx", self, "--one", String(n), String(ticks)],
      { encoding: "utf8", maxBuffer: 1 << 20, env: hugePageEnv(process.env) }, // as `spiral` runs (src/hugePages.mjs)
    );
    if (child.status !== 0) {
      console.error(child.stderr);
      process.exit(1);
    }
    const r = JSON.parse(child.stdout.trim().split("\n").pop() ?? "{}");
    console.log(
      `${String(r.households).padStart(10)} ${String(r.firms).padStart(7)} ${String(r.ticks).padStart(6)} ${r.ticksPerSecond.toFixed(1).padStart(8)} ${r.nsPerHouseholdTick.toFixed(1).padStart(19)} ${r.bytesPerHousehold.toFixed(1).padStart(16)}`,
    );
  }
}
