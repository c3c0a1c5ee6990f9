// A model failure in the middle of a run: the writers are aborted and the
// manifest records the failure. The model's step is wrapped to break at tick 5.
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { validateConfigObject } from "../src/config/index.ts";
import { runSingle } from "../src/engine/index.ts";
import { ModelFailure } from "../src/errors.ts";
import type { ModelState } from "../src/model/index.ts";
import { scratch } from "./helpers/spiral.ts";

const FAIL_AT_TICK = 5;

vi.mock("../src/model/index.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../src/model/index.ts")>();
  return {
    ...original,
    step: (m: ModelState) => {
      original.step(m);
      if (m.tick === FAIL_AT_TICK) {
        throw new ModelFailure("ledger does not balance (test)", m.tick, "deposits@bank0", 1e-3);
      }
    },
  };
});

let root: string;
beforeEach(() => {
  root = scratch("engine-failure");
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("runSingle when the model fails", () => {
  it("rethrows, leaves no output file and writes a failed manifest with the message", async () => {
    const config = validateConfigObject(
      { ticks: 24, burnInTicks: 0, households: { count: 300 }, firms: { consumption: { count: 10 } } },
      "test",
    );
    const dir = join(root, "run");
    await expect(runSingle(config, { outDir: dir, command: "test", quiet: true })).rejects.toThrow(
      ModelFailure,
    );
    expect(readdirSync(dir)).toEqual(["manifest.json"]);
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
    expect(manifest).toMatchObject({
      status: "failed",
      error: "ledger does not balance (test)",
      ticks: FAIL_AT_TICK - 1,
      outputs: {},
    });
    expect(manifest.finishedAt).not.toBeNull();
  });
});
