// Response moments of an estimation (src/engine/calibrateResponses.ts): the
// twin run's config, the prefix determinism that lets a twin stop at its
// horizon, the moments a task returns, and `spiral calibrate` with a
// response among its targets through the real command.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/index.ts";
import {
  type ResponseMoment,
  responseMoment,
  shockedConfig,
  shockKey,
  twinTicks,
} from "../src/engine/calibrateResponses.ts";
import { runKey } from "../src/engine/calibrateStore.ts";
import { runCalibrateTask } from "../src/engine/calibrateTask.ts";
import { runInMemory } from "../src/engine/runSingle.ts";
import { calibrateSpecFile, REPO, scratch, spiral } from "./helpers/spiral.ts";

const GDP: ResponseMoment = {
  name: "gdpResponse9",
  series: "gdpReal",
  kind: "log",
  scale: 1,
  shiftYearly: 0.02,
  lengthMonths: 12,
  atTick: 49,
  horizonMonths: 9,
  windowMonths: 3,
};
/** The policy rate in the shock's first month, in points: the shift itself (the rule has not reacted yet). */
const RATE: ResponseMoment = {
  ...GDP,
  name: "rateImpact",
  series: "policyRate",
  kind: "level",
  scale: 100,
  horizonMonths: 0,
  windowMonths: 1,
};

function smallCore(seed: number) {
  return loadConfig(join(REPO, "configs", "baseline.json"), {
    sets: ["households.count=2000", "ticks=120", "burnInTicks=24", `seed=${seed}`],
  });
}

describe("the twin run of a response moment", () => {
  it("appends the shift to the central bank's overrides, from atTick for lengthMonths, and leaves the config alone", () => {
    const c = smallCore(1);
    const before = JSON.stringify(c);
    const twin = shockedConfig(c, GDP, 58);
    expect(JSON.stringify(c)).toBe(before);
    expect(twin.ticks).toBe(58);
    expect(twin.seed).toBe(c.seed);
    // baseline.json starts in 2025-01: tick 49 is 2029-01, and 12 months end in 2029-12.
    expect(c.startDate).toBe("2025-01");
    expect(twin.centralBank.overrides.at(-1)).toEqual({ from: "2029-01", until: "2029-12", addYearly: 0.02 });
    expect(twin.centralBank.overrides.length).toBe(c.centralBank.overrides.length + 1);
  });

  it("runs only to the latest horizon, one twin per distinct shock", () => {
    expect(twinTicks([GDP, RATE])).toBe(58);
    expect(shockKey(GDP)).toBe(shockKey(RATE));
    expect(shockKey({ ...GDP, atTick: 50 })).not.toBe(shockKey(GDP));
  });

  it("a twin stopped at its horizon has the full twin's months, and the base run's before the shock", () => {
    const c = smallCore(3);
    const base = runInMemory(c).series as Record<string, Float64Array>;
    const full = runInMemory(shockedConfig(c, GDP, 120)).series as Record<string, Float64Array>;
    const short = runInMemory(shockedConfig(c, GDP, 58)).series as Record<string, Float64Array>;
    expect(short.gdpReal.length).toBe(58);
    for (const column of Object.keys(short)) {
      expect(Array.from(short[column]), column).toEqual(Array.from(full[column].subarray(0, 58)));
      expect(Array.from(short[column].subarray(0, 48)), column).toEqual(
        Array.from(base[column].subarray(0, 48)),
      );
    }
    // The shift moves the rate at once, and output below the base within the year.
    expect(responseMoment(base, short, RATE)).toBeCloseTo(2, 10);
    expect(responseMoment(base, short, GDP)).toBeLessThan(0);
  });

  it("reads the window ending at the horizon (hand-built series), NaN outside the runs or for an unknown series", () => {
    const base = { x: Float64Array.of(1, 1, 1, 1, 1) };
    const shocked = { x: Float64Array.of(1, 1, 2, 3, 4) };
    const r: ResponseMoment = {
      ...RATE,
      series: "x",
      kind: "level",
      scale: 1,
      atTick: 3,
      horizonMonths: 1,
      windowMonths: 2,
    };
    expect(responseMoment(base, shocked, r)).toBe(1.5); // months 3–4: (2 + 3) / 2 − 1
    expect(responseMoment(base, shocked, { ...r, horizonMonths: 5 })).toBeNaN();
    expect(responseMoment(base, shocked, { ...r, series: "y" })).toBeNaN();
  });
});

describe("a calibration task with response moments", () => {
  it("returns the moments of spiral facts and the responses, in the targets' order", () => {
    const c = smallCore(3);
    const plain = runCalibrateTask({ config: c, targets: ["unemploymentMean"] });
    const res = runCalibrateTask({
      config: c,
      targets: ["unemploymentMean", GDP.name, RATE.name],
      responses: [GDP, RATE],
    });
    expect(res.moments[0]).toBe(plain.moments[0]);
    expect(res.moments[1]).toBeLessThan(0);
    expect(res.moments[2]).toBeCloseTo(2, 10);
  });

  it("keys a run with responses by their definitions, and one without as before", () => {
    const c = smallCore(1);
    expect(runKey(c, ["unemploymentMean"], [])).toBe(runKey(c, ["unemploymentMean"]));
    expect(runKey(c, ["unemploymentMean", GDP.name], [GDP])).not.toBe(
      runKey(c, ["unemploymentMean", GDP.name], [{ ...GDP, horizonMonths: 6 }]),
    );
  });
});

describe("spiral calibrate with a response target", () => {
  const root = scratch("calibrate-responses");
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const tiny = JSON.parse(readFileSync(join(REPO, "tests", "fixtures", "calibration", "tiny.json"), "utf8"));
  tiny.base = join(REPO, "configs", "baseline.json");
  tiny.responses = {
    rateImpact: {
      series: "policyRate",
      kind: "level",
      scale: 100,
      shock: { shiftYearly: 0.01, lengthMonths: 12, atTick: 61 },
      horizonMonths: 0,
      windowMonths: 1,
    },
    gdpResponse12: {
      series: "gdpReal",
      shock: { shiftYearly: 0.01, lengthMonths: 12, atTick: 61 },
      horizonMonths: 12,
    },
  };

  it("estimates with the responses as moments: estimate.json lists them with their simulated values", () => {
    const spec = structuredClone(tiny);
    spec.targets = {
      ...spec.targets,
      rateImpact: { value: 1, se: 0.1 },
      gdpResponse12: { value: -0.5, se: 0.3 },
    };
    spec.budget = 8;
    spec.method = { globalPoints: 6, local: "none" };
    mkdirSync(root, { recursive: true });
    const file = join(root, "tiny-responses.json");
    writeFileSync(file, JSON.stringify(spec, null, 2));
    const out = join(root, "out");
    const result = spiral(["calibrate", file, "--out", out, "--workers", "2", "--quiet"]);
    expect(result.status, result.stderr).toBe(0);
    const estimate = JSON.parse(readFileSync(join(out, "estimate.json"), "utf8"));
    expect(Object.keys(estimate.moments)).toEqual([
      "unemploymentMean",
      "inflationMean",
      "sdGdpCycle",
      "rateImpact",
      "gdpResponse12",
    ]);
    // The rate moves by the shift in the shock's first month, whatever the parameters.
    expect(estimate.moments.rateImpact.simulated).toBeCloseTo(1, 10);
    expect(Number.isFinite(estimate.moments.gdpResponse12.simulated)).toBe(true);
    expect(estimate.moments.gdpResponse12.simulated).not.toBe(0);
  });

  type RawResponse = {
    series: string;
    shock: { atTick: number };
    horizonMonths: number;
    windowMonths?: number;
  };
  type Spec = {
    base: string;
    overrides?: unknown;
    responses: Record<string, RawResponse>;
    targets: Record<string, unknown>;
  };
  const bad: [string, (s: Spec) => void, RegExp][] = [
    [
      "a response named like a moment",
      (s) => {
        s.responses.unemploymentMean = s.responses.gdpResponse12;
      },
      /responses.*unemploymentMean.*is a moment of spiral facts/,
    ],
    [
      "an unknown series",
      (s) => {
        s.responses.gdpResponse12.series = "gdpReel";
      },
      /responses.*gdpResponse12.*series.*unknown series "gdpReel" — did you mean "gdpReal"\?/,
    ],
    [
      "a shock inside the burn-in",
      (s) => {
        s.responses.gdpResponse12.shock.atTick = 12;
      },
      /responses.*gdpResponse12.*atTick.*before the burn-in ends \(burnInTicks 12\)/,
    ],
    [
      "a horizon past the run",
      (s) => {
        s.responses.gdpResponse12.horizonMonths = 60;
      },
      /responses.*gdpResponse12.*horizonMonths.*tick 121, after the run's last \(ticks 120\)/,
    ],
    [
      "a window that starts before the run",
      (s) => {
        s.responses.gdpResponse12.windowMonths = 100;
      },
      /responses.*gdpResponse12.*windowMonths.*a window of 100 months ending 12 after tick 61 starts before the run's first month/,
    ],
    [
      "a base model without a policy rate",
      (s) => {
        s.base = join(REPO, "configs", "models", "lengnick2013.json");
        delete s.overrides;
      },
      /responses: responses shift the policy rate .* model "lengnick2013" has no policy rate/,
    ],
    [
      "a target naming a response that is not defined",
      (s) => {
        s.targets.gdpResponse21 = { value: -0.5, se: 0.3 };
      },
      /targets\.gdpResponse21: unknown moment "gdpResponse21" — did you mean "gdpResponse12"\?/,
    ],
  ];
  for (const [what, mutate, message] of bad) {
    it(`refuses ${what} with exit 2 naming the place, writing nothing`, () => {
      const spec = structuredClone(tiny);
      mutate(spec);
      const { result, wroteOut } = calibrateSpecFile(join(root, "bad"), "bad.json", spec);
      expect(result.status, result.stderr).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(wroteOut).toBe(false);
    });
  }
});
