// `spiral calibrate` through the real command: outputs, a runnable
// calibrated config, byte-identical estimates after kill -9 and --resume and
// across worker counts and shards, failed evaluations recorded with a
// penalty, and every kind of bad input refused with exit 2 naming the place.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { calibrateSpecFile, LAUNCHER, REPO, scratch, spiral } from "./helpers/spiral.ts";

const SPEC = join(REPO, "tests", "fixtures", "calibration", "tiny.json");
const OUTPUTS = ["estimate.json", "calibrated.json", "evaluations.csv", "evaluations.parquet", "report.html"];

async function waitFor(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}

function lines(path: string): number {
  return existsSync(path)
    ? readFileSync(path, "utf8")
        .split("\n")
        .filter((l) => l !== "").length
    : 0;
}

describe("spiral calibrate", () => {
  const root = scratch("calibrate");
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const reference = join(root, "reference");

  it("estimates, and writes the estimate, a runnable calibrated config, the tables and the report", () => {
    const result = spiral(["calibrate", SPEC, "--out", reference, "--workers", "2", "--quiet"]);
    expect(result.status, result.stderr).toBe(0);
    for (const file of OUTPUTS) expect(existsSync(join(reference, file)), file).toBe(true);
    const estimate = JSON.parse(readFileSync(join(reference, "estimate.json"), "utf8"));
    expect(Object.keys(estimate.parameters)).toEqual([
      "centralBank.naturalUnemploymentRate",
      "centralBank.inflationTargetYearly",
    ]);
    for (const p of Object.values(estimate.parameters) as {
      estimate: number;
      se: number;
      min: number;
      max: number;
    }[]) {
      expect(p.estimate).toBeGreaterThanOrEqual(p.min);
      expect(p.estimate).toBeLessThanOrEqual(p.max);
      expect(p.se).toBeGreaterThan(0);
    }
    expect(estimate.degreesOfFreedom).toBe(1);
    expect(estimate.jStatistic).toBeCloseTo(estimate.objective / (1 + 1 / 3), 10);
    expect(estimate.pValue).toBeGreaterThanOrEqual(0);
    expect(Object.keys(estimate.moments)).toEqual(["unemploymentMean", "inflationMean", "sdGdpCycle"]);
    const m = estimate.moments.inflationMean;
    expect(m.tRatio).toBeCloseTo((m.simulated - m.target) / m.se, 12);
    expect(result.stdout).toContain("calibrated config:");
    // The global stage's 6 points, then the local stage, within the budget; then the Jacobian's ≤ 4.
    const csv = readFileSync(join(reference, "evaluations.csv"), "utf8").trim().split("\n");
    expect(csv[0].split(",").slice(0, 4)).toEqual([
      "evaluation",
      "stage",
      "centralBank.naturalUnemploymentRate",
      "centralBank.inflationTargetYearly",
    ]);
    expect(csv.filter((l) => l.includes(",global,")).length).toBe(6);
    expect(csv.filter((l) => l.includes(",global,") || l.includes(",local,")).length).toBeLessThanOrEqual(16);
    expect(readFileSync(join(reference, "report.html"), "utf8")).toContain("Fit");

    const calibrated = join(reference, "calibrated.json");
    const validated = spiral(["validate", calibrated]);
    expect(validated.status, validated.stderr).toBe(0);
    const config = JSON.parse(readFileSync(calibrated, "utf8"));
    expect(config.centralBank.naturalUnemploymentRate).toBe(
      estimate.parameters["centralBank.naturalUnemploymentRate"].estimate,
    );
    const run = spiral([
      "run",
      calibrated,
      "--ticks",
      "12",
      "--set",
      "households.count=300",
      "--out",
      join(root, "run"),
      "--quiet",
      "--no-report",
    ]);
    expect(run.status, run.stderr).toBe(0);
  });

  it("after kill -9 mid-run, --resume (with another worker count) ends in byte-identical outputs", async () => {
    const dir = join(root, "killed");
    const child = spawn(
      process.execPath,
      [LAUNCHER, "calibrate", SPEC, "--out", dir, "--workers", "2", "--quiet"],
      {
        cwd: REPO,
        stdio: "ignore",
      },
    );
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    await waitFor(() => lines(join(dir, "evaluations.ndjson")) >= 20);
    // The coordinator (the launcher's child process) holds the lock with its pid.
    const pid = Number.parseInt(readFileSync(join(dir, ".lock"), "utf8"), 10);
    process.kill(pid, "SIGKILL");
    await exited;
    expect(existsSync(join(dir, "estimate.json"))).toBe(false);
    const before = lines(join(dir, "evaluations.ndjson"));

    const refused = spiral(["calibrate", SPEC, "--out", dir, "--quiet"]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("--resume");

    const resumed = spiral(["calibrate", SPEC, "--out", dir, "--resume", "--workers", "1", "--quiet"]);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/[1-9]\d* reused from the log/);
    expect(lines(join(dir, "evaluations.ndjson"))).toBeGreaterThan(before);
    for (const file of [
      "estimate.json",
      "calibrated.json",
      "evaluations.csv",
      "evaluations.parquet",
      "report.html",
    ]) {
      expect(readFileSync(join(dir, file)).equals(readFileSync(join(reference, file))), file).toBe(true);
    }
    // A second resume runs nothing and writes the same bytes again.
    const again = spiral(["calibrate", SPEC, "--out", dir, "--resume", "--quiet"]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain(" 0 runs in ");
    expect(
      readFileSync(join(dir, "estimate.json")).equals(readFileSync(join(reference, "estimate.json"))),
    ).toBe(true);
  });

  it("shards of the global stage, then --resume, give the same estimate", () => {
    const dir = join(root, "sharded");
    for (const shard of ["0/2", "1/2"]) {
      const r = spiral(["calibrate", SPEC, "--out", dir, "--shard", shard, "--workers", "1", "--quiet"]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain(`shard ${shard} of the global stage: 3 points`);
    }
    expect(existsSync(join(dir, "estimate.json"))).toBe(false);
    const final = spiral(["calibrate", SPEC, "--out", dir, "--resume", "--quiet"]);
    expect(final.status, final.stderr).toBe(0);
    expect(
      readFileSync(join(dir, "estimate.json")).equals(readFileSync(join(reference, "estimate.json"))),
    ).toBe(true);
  });

  it("records an evaluation whose runs fail with a penalty and the error, and carries on", () => {
    const dir = join(root, "failing");
    const env = { ...process.env, SPIRAL_TEST_CALIBRATE_FAIL: "centralBank.naturalUnemploymentRate>0.06" };
    const result = spiralWithEnv(["calibrate", SPEC, "--out", dir, "--workers", "2", "--quiet"], env);
    expect(result.status, result.stderr).toBe(0);
    const csv = readFileSync(join(dir, "evaluations.csv"), "utf8");
    const failed = csv.split("\n").filter((l) => l.includes(",failed,"));
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]).toContain("test hook: centralBank.naturalUnemploymentRate");
    const estimate = JSON.parse(readFileSync(join(dir, "estimate.json"), "utf8"));
    expect(estimate.parameters["centralBank.naturalUnemploymentRate"].estimate).toBeLessThanOrEqual(0.06);
  });

  it("weighs by the inverse covariance of the seeds' moments with weighting optimal", () => {
    const dir = join(root, "optimal");
    mkdirSync(dir, { recursive: true });
    const spec = JSON.parse(readFileSync(SPEC, "utf8"));
    spec.base = join(REPO, "configs", "baseline.json");
    Object.assign(spec, { weighting: "optimal", seeds: 5, budget: 12 });
    const file = join(dir, "optimal.json");
    writeFileSync(file, JSON.stringify(spec));
    const result = spiral(["calibrate", file, "--out", join(dir, "out"), "--workers", "2", "--quiet"]);
    expect(result.status, result.stderr).toBe(0);
    const estimate = JSON.parse(readFileSync(join(dir, "out", "estimate.json"), "utf8"));
    expect(estimate.weighting).toBe("optimal");
    expect(estimate.notes).toEqual([]);
    expect(estimate.jStatistic).toBeCloseTo(estimate.objective / (1 + 1 / 5), 10);
    // Not the diagonal objective: Σ (t-ratio)² differs once the covariance weighs the moments.
    const diagonal = Object.values(estimate.moments as Record<string, { tRatio: number }>).reduce(
      (sum, m) => sum + m.tRatio ** 2,
      0,
    );
    expect(estimate.objective).not.toBeCloseTo(diagonal, 6);
  });

  describe("bad input: exit 2 naming the place, nothing written", () => {
    const spec = JSON.parse(readFileSync(SPEC, "utf8"));
    type Spec = {
      targets: Record<string, unknown>;
      parameters: Record<string, unknown>;
      budget: number;
      [key: string]: unknown;
    };
    const cases: [string, (s: Spec) => void, RegExp][] = [
      [
        "unknown moment",
        (s) => {
          s.targets.unemploymentMaen = { value: 0.05, se: 0.01 };
        },
        /targets\.unemploymentMaen: unknown moment "unemploymentMaen" — did you mean "unemploymentMean"\?/,
      ],
      [
        "unknown parameter",
        (s) => {
          s.parameters["centralBank.naturalUnemploymentRte"] = { min: 0.03, max: 0.07 };
        },
        /parameters\["centralBank\.naturalUnemploymentRte"\]: unknown parameter .* did you mean "centralBank\.naturalUnemploymentRate"\?/,
      ],
      [
        "a firm override naming no firm of the base",
        (s) => {
          s.parameters["aiChain.firmOverrides.hyperZ.equityVolatility"] = { min: 0.2, max: 0.4 };
        },
        /parameters\["aiChain\.firmOverrides\.hyperZ\.equityVolatility"\]: no AI-chain firm is named "hyperZ" — did you mean "hyperA"\?/,
      ],
      [
        "a parameter that is not a number",
        (s) => {
          s.parameters["centralBank.rule"] = { min: 0, max: 1 };
        },
        /parameters\["centralBank\.rule"\]: centralBank\.rule is not a number/,
      ],
      [
        "an integer parameter",
        (s) => {
          s.parameters["households.count"] = { min: 100, max: 200 };
        },
        /parameters\["households\.count"\]: households\.count is an integer parameter/,
      ],
      [
        "a bound outside the schema's range",
        (s) => {
          s.parameters["centralBank.naturalUnemploymentRate"] = { min: -0.1, max: 0.07 };
        },
        /parameters\["centralBank\.naturalUnemploymentRate"\]\.min.*naturalUnemploymentRate/,
      ],
      [
        "min ≥ max",
        (s) => {
          s.parameters["centralBank.inflationTargetYearly"] = { min: 0.04, max: 0.04 };
        },
        /parameters\["centralBank\.inflationTargetYearly"\]: min must be below max/,
      ],
      [
        "budget below the global stage",
        (s) => {
          s.budget = 4;
        },
        /tiny-bad\.json: budget: 4 evaluations are fewer than the global stage's 6 points/,
      ],
      [
        "a warm start from a base value outside its bounds",
        (s) => {
          s.method = { ...(s.method as object), startAtBase: true };
          s.parameters["centralBank.inflationTargetYearly"] = { min: 0.03, max: 0.05 };
        },
        /method\.startAtBase: the base's centralBank\.inflationTargetYearly \(0\.02\) lies outside its bounds \[0\.03, 0\.05\]/,
      ],
      [
        "an unknown key",
        (s) => {
          s.seedz = 3;
        },
        /unknown key "seedz" — did you mean "seed/,
      ],
    ];
    for (const [what, mutate, message] of cases) {
      it(what, () => {
        const copy = structuredClone(spec);
        copy.base = join(REPO, "configs", "baseline.json");
        mutate(copy);
        const { result, wroteOut } = calibrateSpecFile(join(root, "bad"), "tiny-bad.json", copy);
        expect(result.status, result.stderr).toBe(2);
        expect(result.stderr).toMatch(message);
        expect(wroteOut).toBe(false);
      });
    }
  });
});

function spiralWithEnv(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [LAUNCHER, ...args], {
    cwd: REPO,
    encoding: "utf8",
    env,
    timeout: 90_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
