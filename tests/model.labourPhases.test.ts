// The labour market's and automation's phases with explicit inputs (issue 20
// item 1) run on records built by hand — a few households, one or two firms,
// a serial pass runner on them — without building a model: separations and
// automation layoffs, reservation wages and the mismatch's decay, hiring
// under both matching protocols, the automation plan and its AI bill.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config/index.ts";
import {
  aiCostRatio,
  automationSpending,
  createAutomation,
  EXPOSURE_BINS,
  planAutomation,
  profitableShare,
  selectLayoffs,
} from "../src/model/agents/automation.ts";
import { allocFirms, allocHouseholds } from "../src/model/init.ts";
import { SerialRunner } from "../src/model/kernels.ts";
import {
  type LabourParams,
  matchingCap,
  matchWorkers,
  openVacancies,
  type SeparationParams,
  separateAndListJobSeekers,
} from "../src/model/markets/labour.ts";
import { allotCap } from "../src/model/markets/labourMatch.ts";
import { AgentStream, keyedUniform, streamKey } from "../src/model/rng.ts";
import type { Firms } from "../src/model/state.ts";
import { mulberry32 } from "./helpers/mulberry32.ts";

const keys = { seed: 7, tick: 3 };

/** Households employed at `employer` (−1: unemployed), the records a runner works on, and the runner. */
function market(employer: number[], firms: number, protocol = "sequential") {
  const households = allocHouseholds(employer.length, false);
  households.employer.set(employer);
  const f = allocFirms(firms, firms, false);
  for (const e of employer) if (e >= 0) f.employees[e]++;
  const scratch = { unemployed: new Int32Array(employer.length), firmOrder: new Int32Array(firms) };
  const host = {
    households,
    firms: f,
    banks: { n: 1 },
    config: { automation: { enabled: true }, labour: { matchingProtocol: protocol } },
    scratch,
  };
  return { households, firms: f, scratch, runner: new SerialRunner(host), totals: createAutomation() };
}

/** Separation parameters: reservation wages decay 10 % a month; benefits 40 % of the last wage for 6 months; mismatch 60 %, −4 % a month, −14 % in retraining. */
function separation(retraining = false): SeparationParams {
  return {
    households: { reservationWageDecayMonthly: 0.1 },
    government: {
      benefitReplacementRate: 0.4,
      benefitDurationMonths: 6,
      retraining: { enabled: retraining, costPerTraineeUsdMonthly: 800, extraMismatchDecayMonthly: 0.1 },
    },
    automation: { mismatchDecayMonthly: 0.04, mismatchOnDisplacement: 0.6 },
  };
}

describe("selectLayoffs and separateAndListJobSeekers on eight hand-built households", () => {
  // One firm, eight employees: exposure bins (8/255 wide) 1, 6, 11, 16, 21, 26, 26, 31.
  const exposures = [10, 50, 90, 130, 170, 210, 214, 250];

  it("marks the bins that make up the firm's layoffs, from the most exposed down", () => {
    const x = market(Array(8).fill(0), 1);
    x.households.exposure.set(exposures);
    x.firms.automationLayoffs[0] = 2;
    selectLayoffs(x.firms, x.runner);
    // Bin 31 holds one employee; the second layoff falls on bin 26, which holds two: half of it.
    expect(x.firms.layoffBin[0]).toBe(26);
    expect(x.firms.layoffFraction[0]).toBe(0.5);
    // Three layoffs take bins 31 and 26 whole.
    x.firms.automationLayoffs[0] = 3;
    selectLayoffs(x.firms, x.runner);
    expect([x.firms.layoffBin[0], x.firms.layoffFraction[0]]).toEqual([26, 1]);
    // No layoffs: no bin (a firm outside the boundary keeps everyone).
    x.firms.automationLayoffs[0] = 0;
    selectLayoffs(x.firms, x.runner);
    expect([x.firms.layoffBin[0], x.firms.layoffFraction[0]]).toEqual([EXPOSURE_BINS, 0]);
  });

  it("lays off the most exposed, leaves them a mismatch, and lists them as job seekers in household order", () => {
    const x = market([...Array(8).fill(0), -1], 1);
    x.households.exposure.set(exposures);
    x.firms.automationLayoffs[0] = 3;
    selectLayoffs(x.firms, x.runner);
    const h = x.households;
    h.wage.fill(2000);
    const n = separateAndListJobSeekers(x.firms, keys, separation(), x.runner, x.scratch, x.totals);
    // Bins 31 and 26 (households 5, 6, 7) are laid off; household 8 was unemployed already.
    expect(Array.from(x.scratch.unemployed.subarray(0, n))).toEqual([5, 6, 7, 8]);
    for (const i of [5, 6, 7]) {
      expect(h.employer[i]).toBe(-1);
      expect(h.displaced[i]).toBe(1);
      expect(h.mismatch[i]).toBe(Math.round(255 * 0.6));
      expect(h.reservationWage[i]).toBe(2000); // her last wage
      expect(h.unemployedMonths[i]).toBe(0);
    }
    for (let i = 0; i < 5; i++) expect(h.employer[i]).toBe(0);
    expect(x.firms.employees[0]).toBe(5);
    expect([x.totals.layoffs, x.totals.displacedUnemployed, x.totals.trainees]).toEqual([3, 3, 0]);
  });

  it("draws the boundary bin's layoffs with the keyed layoff draw (automation.ts hitByLayoff)", () => {
    const x = market(Array(8).fill(0), 1);
    x.households.exposure.set(exposures);
    x.firms.automationLayoffs[0] = 2;
    selectLayoffs(x.firms, x.runner);
    separateAndListJobSeekers(x.firms, keys, separation(), x.runner, x.scratch, x.totals);
    const key = streamKey(keys.seed, AgentStream.automationLayoff, keys.tick);
    for (const i of [5, 6]) expect(x.households.employer[i] === -1).toBe(keyedUniform(key, i) < 0.5);
    expect(x.households.employer[7]).toBe(-1);
    expect(x.households.employer[4]).toBe(0);
  });

  it("every employee of a firm whose leave probability is 1 quits; none where it is 0", () => {
    const x = market([0, 0, 1, 1, 1], 2);
    x.firms.leaveProbability.set([0, 1]);
    const n = separateAndListJobSeekers(x.firms, keys, separation(), x.runner, x.scratch, x.totals);
    expect(Array.from(x.scratch.unemployed.subarray(0, n))).toEqual([2, 3, 4]);
    expect(Array.from(x.firms.employees)).toEqual([2, 0]);
    expect(Array.from(x.households.displaced)).toEqual([0, 0, 0, 0, 0]);
    expect(x.totals.layoffs).toBe(0);
  });
});

describe("separateAndListJobSeekers: the unemployed's reservation wage and mismatch", () => {
  it("decays the reservation wage to the benefit floor while the benefit is paid, then below it", () => {
    const x = market([-1, -1], 1);
    const h = x.households;
    h.wage.set([1000, 1000]);
    h.reservationWage.set([1000, 1000]);
    h.unemployedMonths.set([2, 6]);
    separateAndListJobSeekers(x.firms, keys, separation(), x.runner, x.scratch, x.totals);
    expect(h.reservationWage[0]).toBeCloseTo(900, 3); // 10 % decay, above the floor of 400
    expect(Array.from(h.unemployedMonths)).toEqual([3, 7]);
    h.reservationWage.set([420, 420]);
    separateAndListJobSeekers(x.firms, keys, separation(), x.runner, x.scratch, x.totals);
    expect(h.reservationWage[0]).toBeCloseTo(400, 3); // the benefit's floor
    expect(h.reservationWage[1]).toBeCloseTo(378, 3); // benefit exhausted: no floor
  });

  it("decays the mismatch by 4 % a month, by 14 % for displaced workers in retraining, who count as trainees", () => {
    for (const retraining of [false, true]) {
      const x = market([-1, -1], 1);
      x.households.mismatch.set([200, 200]);
      x.households.displaced.set([1, 0]);
      separateAndListJobSeekers(x.firms, keys, separation(retraining), x.runner, x.scratch, x.totals);
      expect(x.households.mismatch[0]).toBe(retraining ? Math.floor(200 * 0.86) : Math.floor(200 * 0.96));
      expect(x.households.mismatch[1]).toBe(Math.floor(200 * 0.96)); // not displaced: no programme
      expect([x.totals.trainees, x.totals.displacedUnemployed]).toEqual([retraining ? 1 : 0, 1]);
    }
  });
});

describe.each(["sequential", "simultaneous"])("matchWorkers (%s) on hand-built records", (protocol) => {
  const params = {
    matchingProtocol: protocol as LabourParams["matchingProtocol"],
    matchingEfficiency: 0,
    matchingElasticity: 0.5,
  };

  /** One firm with `vacancies` vacancies paying `wage`, and job seekers with these reservation wages and mismatches. */
  function hiring(reservation: number[], mismatch: number[], vacancies: number, wage: number) {
    const x = market(
      reservation.map(() => -1),
      1,
      protocol,
    );
    const h = x.households;
    h.reservationWage.set(reservation);
    h.mismatch.set(mismatch);
    h.unemployedMonths.set(reservation.map((_, i) => i + 1));
    h.displaced.set(mismatch.map((mm) => (mm > 0 ? 1 : 0)));
    x.firms.wage[0] = wage;
    x.firms.labourDemand[0] = vacancies;
    const n = reservation.length; // every household seeks a job (the list separateAndListJobSeekers makes)
    for (let i = 0; i < n; i++) x.scratch.unemployed[i] = i;
    const rng = mulberry32(11);
    const open = matchWorkers(h, x.firms, n, keys, params, rng, x.runner, x.scratch, x.totals);
    return { ...x, open };
  }

  it("hires a lone seeker whose reservation wage the wage meets, at the firm's wage, and ends her spell", () => {
    const x = hiring([900], [0], 1, 1000);
    expect(x.open).toBe(0);
    expect(x.households.employer[0]).toBe(0);
    expect(x.households.wage[0]).toBe(1000);
    expect(x.households.unemployedMonths[0]).toBe(0);
    expect(x.firms.employees[0]).toBe(1);
    expect(x.firms.unfilled[0]).toBe(0);
    expect(Array.from(x.totals.spellMonths)).toEqual([1, 0]);
    expect(Array.from(x.totals.spellCount)).toEqual([1, 0]);
  });

  it("hires no one who asks more than the wage, nor a fully mismatched worker; the vacancies stay open", () => {
    const x = hiring([1100, 900], [0, 255], 2, 1000);
    expect(x.open).toBe(2);
    expect(x.firms.unfilled[0]).toBe(1);
    expect(x.firms.employees[0]).toBe(0);
    expect(Array.from(x.households.employer)).toEqual([-1, -1]);
    expect(Array.from(x.totals.spellCount)).toEqual([0, 0]);
  });

  it("hires only acceptable seekers, never more than its vacancies, and counts each hire's spell by kind", () => {
    const reservation = [500, 1500, 700, 800, 2000, 600, 900, 950];
    const mismatch = [0, 0, 100, 0, 0, 0, 0, 0];
    const x = hiring(reservation, mismatch, 3, 1000);
    const hired = reservation.map((_, i) => i).filter((i) => x.households.employer[i] === 0);
    expect(hired.length).toBe(x.firms.employees[0]);
    expect(hired.length).toBeGreaterThanOrEqual(2); // six of eight would take the job, twelve contacts
    expect(hired.length).toBeLessThanOrEqual(3);
    expect(x.open).toBe(3 - hired.length);
    for (const i of hired) expect(reservation[i]).toBeLessThanOrEqual(1000);
    const months = [0, 0];
    const counts = [0, 0];
    for (const i of hired) {
      months[mismatch[i] > 0 ? 1 : 0] += i + 1;
      counts[mismatch[i] > 0 ? 1 : 0]++;
    }
    expect(Array.from(x.totals.spellMonths)).toEqual(months);
    expect(Array.from(x.totals.spellCount)).toEqual(counts);
  });
});

describe("planAutomation on two hand-built firms", () => {
  const params = {
    ...defaultConfig().automation,
    enabled: true,
    capabilityElasticity: 0.5,
    exposureMean: 0.2,
    profitableShareAtStart: 0.23,
    costDispersion: 0.4,
    adoptionSpeedMonthly: 0.1,
    reinstatementYearly: 0.12,
  };

  function firms(): Firms {
    const f = allocFirms(2, 2, false);
    f.wage.set([1000, 1000]);
    f.employees.set([100, 100]);
    return f;
  }

  it("sets capability from live compute and the reference wage from last month's average wage", () => {
    const a = createAutomation();
    const chain = { initialCapacityGw: 4, servicePrice: 1 };
    planAutomation(a, firms(), chain, 16, { employment: 200, wagesPaid: 180_000 }, keys, params);
    expect(a.capabilityIndex).toBeCloseTo(2, 14); // (16 / 4)^0.5
    expect(a.referenceWage).toBe(900);
  });

  it("closes a tenth of the gap to the profitable share, lays off the workers the new tasks replace", () => {
    const a = createAutomation();
    a.referenceWage = 1000;
    const f = firms();
    const chain = { initialCapacityGw: 4, servicePrice: 1 };
    planAutomation(a, f, chain, 4, { employment: 0, wagesPaid: 0 }, keys, params);
    // Capability 1, the start wage, AI at its start price: z = 1, the profitable share is the start's 23 %.
    const target = 0.2 * profitableShare(1, 0.23, 0.4);
    expect(target).toBeCloseTo(0.2 * 0.23, 12);
    const key = streamKey(keys.seed, AgentStream.automationFirm, keys.tick);
    for (let j = 0; j < 2; j++) {
      expect(f.automatedShare[j]).toBeCloseTo(0.1 * target, 15);
      expect(f.automationLayoffs[j]).toBe(Math.floor(100 * 0.1 * target + keyedUniform(key, j)));
    }
  });

  it("keeps every task by hand while AI costs more, and reinstatement erodes what was automated", () => {
    const a = createAutomation();
    a.referenceWage = 1000;
    const f = firms();
    f.automatedShare.set([0.1, 0]);
    const dear = { initialCapacityGw: 4, servicePrice: 10 };
    planAutomation(a, f, dear, 4, { employment: 0, wagesPaid: 0 }, keys, params);
    expect(f.automatedShare[0]).toBeCloseTo(0.1 - 0.1 * 0.1 - 0.01 * 0.1, 15); // adoption lag and reinstatement
    expect(f.automatedShare[1]).toBe(0);
    expect(Array.from(f.automationLayoffs)).toEqual([0, 0]); // no layoffs while the share falls
  });

  it("bills a firm's automated tasks at their wage cost times AI's relative cost (automationSpending)", () => {
    const a = createAutomation();
    a.referenceWage = 1000;
    const f = firms();
    f.automatedShare.set([0.05, 0]);
    f.output.set([500, 500]);
    const x = { automation: a, firms: f, aiChain: { servicePrice: 0.8 }, config: { automation: params } };
    // 500 units at 5 per worker: 100 tasks' worth of wages; z = 1 × 1000 / (1000 × 0.8).
    const ratio = aiCostRatio(1.25, 0.23, 0.4);
    expect(automationSpending(x, 0, 5)).toBeCloseTo(0.05 * 100 * 1000 * ratio, 9);
    expect(ratio).toBeLessThan(1);
    expect(automationSpending(x, 1, 5)).toBe(0);
  });
});

describe("the matching function (labour.matchingEfficiency)", () => {
  it("allows μ U^α V^(1−α) hires a month, rounded down, and none to no one; μ = 0 is no cap", () => {
    expect(matchingCap(400, 400, 0.45, 0.5)).toBe(180);
    expect(matchingCap(100, 900, 0.45, 0.5)).toBe(135);
    expect(matchingCap(100, 400, 0.5, 0.7)).toBe(Math.floor(0.5 * 100 ** 0.7 * 400 ** 0.3));
    expect(matchingCap(0, 400, 0.45, 0.5)).toBe(0);
    expect(matchingCap(400, 0, 0.45, 0.5)).toBe(0);
    expect(matchingCap(400, 400, 0, 0.5)).toBe(Number.POSITIVE_INFINITY);
    // Constant returns: the job-finding rate does not depend on the number of households.
    expect(matchingCap(4000, 4000, 0.45, 0.5) / 4000).toBeCloseTo(matchingCap(400, 400, 0.45, 0.5) / 400, 2);
  });

  it.each(["sequential", "simultaneous"])(
    "caps the month's hires (%s): of ten acceptable seekers and ten vacancies, μ 0.45 hires four and leaves six open",
    (protocol) => {
      const run = (efficiency: number) => {
        const x = market(
          Array.from({ length: 10 }, () => -1),
          1,
          protocol,
        );
        const h = x.households;
        h.reservationWage.fill(900);
        h.mismatch.fill(0);
        x.firms.wage[0] = 1000;
        x.firms.labourDemand[0] = 10;
        for (let i = 0; i < 10; i++) x.scratch.unemployed[i] = i;
        const params = {
          matchingProtocol: protocol as LabourParams["matchingProtocol"],
          matchingEfficiency: efficiency,
          matchingElasticity: 0.5,
        };
        const open = matchWorkers(
          h,
          x.firms,
          10,
          keys,
          params,
          mulberry32(11),
          x.runner,
          x.scratch,
          x.totals,
        );
        return { open, employees: x.firms.employees[0], unfilled: x.firms.unfilled[0] };
      };
      // floor(0.45 × 10^0.5 × 10^0.5) = 4.
      expect(run(0.45)).toEqual({ open: 6, employees: 4, unfilled: 1 });
      // Without the cap the firm's 40 contacts reach all ten (or nearly: contacts are drawn with replacement).
      const free = run(0);
      expect(free.employees).toBeGreaterThan(4);
      expect(free.employees + free.open).toBe(10);
    },
  );

  it("allots the cap in the firms' random order under the simultaneous protocol (allotCap)", () => {
    // Firms 0, 1, 2 with 3, 2 and 4 vacancies, visited in the order 2, 0, 1; a cap of 5.
    const firms = { labourDemand: Int32Array.from([5, 2, 4]), employees: Int32Array.from([2, 0, 0]) };
    const allotment = new Int32Array(3);
    allotCap(firms, Int32Array.from([2, 0, 1]), 3, 5, allotment);
    expect(Array.from(allotment)).toEqual([1, 0, 4]);
    // A cap above the vacancies allots each firm all of its own.
    allotCap(firms, Int32Array.from([2, 0, 1]), 3, 100, allotment);
    expect(Array.from(allotment)).toEqual([3, 2, 4]);
  });

  it("sums the vacancies the cap is computed on over the firms that have some (openVacancies)", () => {
    const firms = { n: 3, labourDemand: Int32Array.from([5, 1, 4]), employees: Int32Array.from([2, 3, 0]) };
    expect(openVacancies(firms)).toBe(7); // 3 + 4; firm 1's surplus of workers does not offset them
  });
});
