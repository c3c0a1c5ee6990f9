// The labour market (Caiani et al. 2016, labour market; Riccetti, Russo &
// Gallegati 2015 for the decentralised matching). First each worker may
// leave her job — exogenous separations plus layoffs at firms that shrink —
// drawn from the counter-based generator so the result does not depend on
// how households are split across threads. Then firms with vacancies, in a
// random order, contact a few random unemployed each and hire those whose
// reservation wage the posted wage meets. Unfilled vacancies push that
// firm's wage up next month; unemployment spells lower reservation wages.
import type { SpiralConfig } from "../../config/configTypes.ts";
import { EXPOSURE_BINS, hitByLayoff, layoffKey } from "../agents/automation.ts";
import type { DrawKeys } from "../month.ts";
import {
  BLOCK_SIZE,
  hasBit,
  LEAVE_SCREEN,
  markLeaveProne,
  Pass,
  type SliceView,
  SUM_SLOTS,
  sumBlocks,
} from "../passes.ts";
import type { MatchBuffers, PassRunner } from "../passRunner.ts";
import { AgentStream, keyedUniform, streamKey } from "../rng.ts";
import type { Automation, Firms, Households, Scratch } from "../state.ts";
import { defineStruct } from "../struct.ts";
import {
  applySequentialHires,
  gatherSeekerPool,
  listFirmsWithVacancies,
  matchSimultaneously,
} from "./labourMatch.ts";

/** How many unemployed a firm contacts per vacancy before giving up this month. */
const CONTACTS_PER_VACANCY = 4;

/**
 * The separation phase's parameters: reservation-wage decay (config group
 * households), benefits and retraining (government), the skill mismatch of
 * displaced workers (automation).
 */
export interface SeparationParams {
  households: Pick<SpiralConfig["households"], "reservationWageDecayMonthly">;
  government: Pick<
    SpiralConfig["government"],
    "benefitReplacementRate" | "benefitDurationMonths" | "retraining"
  >;
  automation: Pick<SpiralConfig["automation"], "mismatchDecayMonthly" | "mismatchOnDisplacement">;
}

/** The separation phase's parameter groups from the config. */
export function separationParams(config: SpiralConfig): SeparationParams {
  return { households: config.households, government: config.government, automation: config.automation };
}

/** The labour market's parameters: the config group labour (configs/schema.json). */
export type LabourParams = Readonly<SpiralConfig["labour"]>;

/**
 * Quits and layoffs (each employed worker leaves with her firm's leave
 * probability), reservation wages of the unemployed, and the list of job
 * seekers (in household order). Automation layoffs hit a firm's most
 * exposed employees (agents/automation.ts chose the exposure bins) and leave
 * them with a skill mismatch; the mismatch decays during the spell, faster
 * for those in the government's retraining programme. One pass over the
 * households (separationKernel on `runner`, which may run in slices on
 * several threads), which writes the households' employment columns and the
 * firms' head counts and lists the seekers in `scratch.unemployed` (the list
 * the runner was built on). Adds the month's layoffs, displaced unemployed
 * and trainees to `totals`. Returns the number of unemployed.
 */
export function separateAndListJobSeekers(
  firms: Firms,
  month: DrawKeys,
  params: SeparationParams,
  runner: PassRunner,
  scratch: Pick<Scratch, "unemployed">,
  totals: Pick<Automation, "layoffs" | "displacedUnemployed" | "trainees">,
): number {
  const f = firms;
  const gov = params.government;
  const auto = params.automation;
  const keepMismatch = 1 - auto.mismatchDecayMonthly;
  const work = runner.work;
  let layoffsDue = false;
  for (let j = 0; j < f.n; j++) if (f.layoffBin[j] < EXPOSURE_BINS) layoffsDue = true;
  SeparationArgs.write(work.args, {
    key: streamKey(month.seed, AgentStream.separation, month.tick),
    decay: 1 - params.households.reservationWageDecayMonthly,
    replacement: gov.benefitReplacementRate,
    automationKey: layoffKey(month),
    layoffsDue: layoffsDue ? 1 : 0,
    benefitMonths: gov.benefitDurationMonths > 0 ? gov.benefitDurationMonths : 65536,
    mismatchOnLayoff: Math.round(255 * auto.mismatchOnDisplacement),
    retraining: gov.retraining.enabled ? 1 : 0,
    keepMismatch: keepMismatch,
    keepMismatchTrainee: Math.max(
      0,
      keepMismatch - (gov.retraining.enabled ? gov.retraining.extraMismatchDecayMonthly : 0),
    ),
  });
  markLeaveProne(work, f.leaveProbability, f.n);
  runner.run(Pass.separate);
  // Each block listed its seekers from its own first household on: close the gaps, in block order.
  const unemployed = scratch.unemployed;
  let count = 0;
  for (let b = 0; b < work.blocks; b++) {
    const from = b * BLOCK_SIZE;
    const k = work.blockCount[b];
    if (from !== count) unemployed.copyWithin(count, from, from + k);
    count += k;
  }
  const a = totals;
  a.layoffs = sumBlocks(work, SeparationSum.layoffs);
  a.displacedUnemployed = sumBlocks(work, SeparationSum.displacedUnemployed);
  a.trainees = sumBlocks(work, SeparationSum.trainees);
  return count;
}

/** Inputs of the separation pass: written into PassWork.args by separateAndListJobSeekers, read by separationKernel (struct.ts). */
export const SeparationArgs = defineStruct({
  key: "f64",
  decay: "f64",
  replacement: "f64",
  automationKey: "f64",
  layoffsDue: "f64",
  benefitMonths: "f64",
  mismatchOnLayoff: "f64",
  retraining: "f64",
  keepMismatch: "f64",
  keepMismatchTrainee: "f64",
});
const SeparationArg = SeparationArgs.at;

/** Per-block counts of the separation pass. */
const SeparationSum = { layoffs: 0, displacedUnemployed: 1, trainees: 2 } as const;

/** The separation pass over households [start, end): seekers listed from index `start` on, their count per block. */
export function separationKernel(
  v: SliceView,
  _lane: number,
  block: number,
  start: number,
  end: number,
): void {
  const h = v.households;
  const f = v.firms;
  const args = v.work.args;
  const key = args[SeparationArg.key];
  const decay = args[SeparationArg.decay];
  const replacement = args[SeparationArg.replacement];
  const automationKey = args[SeparationArg.automationKey];
  const layoffsDue = args[SeparationArg.layoffsDue] === 1;
  const benefitMonths = args[SeparationArg.benefitMonths];
  const mismatchOnLayoff = args[SeparationArg.mismatchOnLayoff];
  const retraining = args[SeparationArg.retraining] === 1;
  const keepMismatch = args[SeparationArg.keepMismatch];
  const keepMismatchTrainee = args[SeparationArg.keepMismatchTrainee];
  const employer = h.employer;
  const leave = f.leaveProbability;
  const leaveProne = v.work.leaveProne;
  const quits = quitsJob;
  const layoffBin = f.layoffBin;
  const layoffFraction = f.layoffFraction;
  const employees = f.employees;
  const exposure = h.exposure;
  const mismatch = h.mismatch;
  const displaced = h.displaced;
  const reservation = h.reservationWage;
  const wage = h.wage;
  const unemployed = v.unemployed;
  // Imported bindings are read once: in a hot loop each read can cost a call.
  const isLaidOff = hitByLayoff;
  const uniform = keyedUniform;
  let count = start;
  let layoffs = 0;
  let displacedUnemployed = 0;
  let trainees = 0;
  for (let i = start; i < end; i++) {
    const e = employer[i];
    if (e >= 0) {
      if (layoffsDue && isLaidOff(exposure[i], layoffBin[e], layoffFraction[e], automationKey, i)) {
        leaveJob(employer, employees, h.unemployedMonths, reservation, wage, i, e);
        mismatch[i] = mismatchOnLayoff;
        displaced[i] = 1;
        layoffs++;
        displacedUnemployed++;
        unemployed[count++] = i;
      } else if (quits(uniform(key, i), e, leaveProne, leave)) {
        leaveJob(employer, employees, h.unemployedMonths, reservation, wage, i, e);
        displaced[i] = 0;
        unemployed[count++] = i;
      }
    } else {
      const months = h.unemployedMonths[i];
      reservation[i] = nextReservationWage(
        reservation[i],
        decay,
        months,
        benefitMonths,
        replacement,
        wage[i],
      );
      if (months < 65535) h.unemployedMonths[i] = months + 1;
      const mm = mismatch[i];
      if (mm > 0) {
        // Trainees: displaced workers with a mismatch left, while the programme runs.
        const inTraining = retraining && displaced[i] === 1;
        if (inTraining) trainees++;
        mismatch[i] = Math.floor(mm * (inTraining ? keepMismatchTrainee : keepMismatch));
      }
      if (displaced[i] === 1) displacedUnemployed++;
      unemployed[count++] = i;
    }
  }
  writeSeparationSums(v.work.blockSums, block * SUM_SLOTS, layoffs, displacedUnemployed, trainees);
  v.work.blockCount[block] = count - start;
}

/** Writes one block's separation counts at `base` of PassWork.blockSums. */
function writeSeparationSums(
  sums: Float64Array,
  base: number,
  layoffs: number,
  displacedUnemployed: number,
  trainees: number,
): void {
  sums[base + SeparationSum.layoffs] = layoffs;
  sums[base + SeparationSum.displacedUnemployed] = displacedUnemployed;
  sums[base + SeparationSum.trainees] = trainees;
}

/**
 * Household `i` leaves its employer `e` (laid off or quitting): unemployed from now, its reservation wage
 * its last wage. The firm's head count falls atomically: households of two slices may leave the same firm
 * at once.
 */
function leaveJob(
  employer: Int32Array,
  employees: Int32Array,
  unemployedMonths: Uint16Array,
  reservationWage: Float32Array,
  wage: Float32Array,
  i: number,
  e: number,
): void {
  employer[i] = -1;
  Atomics.sub(employees, e, 1);
  unemployedMonths[i] = 0;
  reservationWage[i] = wage[i];
}

/**
 * The reservation wage after one more month of an unemployment spell that has lasted `months`: it decays by
 * `decay`, but never below the benefit (`replacement` × the last wage) while the benefit is paid
 * (`months` < `benefitMonths`). Pure.
 *
 * @example nextReservationWage(1000, 0.9, 2, 6, 0.5, 1000) // 900
 */
export function nextReservationWage(
  reservation: number,
  decay: number,
  months: number,
  benefitMonths: number,
  replacement: number,
  lastWage: number,
): number {
  const floor = months < benefitMonths ? replacement * lastWage : 0;
  return Math.max(reservation * decay, floor);
}

/**
 * Whether a worker of firm `e` with quit draw `u` leaves: u < leave[e]. A
 * draw of at least LEAVE_SCREEN needs the firm's leave probability only if
 * the firm is leave-prone (passes.ts markLeaveProne) — at millions of
 * households that read is a cache miss, and most draws are above the screen.
 */
function quitsJob(u: number, e: number, leaveProne: Int32Array, leave: Float64Array): boolean {
  if (u >= LEAVE_SCREEN && !hasBit(leaveProne, e)) return false;
  return u < leave[e];
}

/**
 * Firms with vacancies hire from the job seekers `scratch.unemployed[0,
 * seekers)` (listed by separateAndListJobSeekers). Writes the firms'
 * employees and unfilled flags and the hired households' employer, wage and
 * spell; the completed spells into `totals`. Returns the vacancies left
 * open. labour.matchingProtocol "sequential" (the default): the rule below,
 * on the calling thread, firms in a random order drawn from `rng` (the
 * "labour" stream); "simultaneous": the same contacts made by all firms at
 * once in rounds, across threads on `runner` (labourMatch.ts).
 */
export function matchWorkers(
  households: Households,
  firms: Firms,
  seekers: number,
  month: DrawKeys,
  params: LabourParams,
  rng: () => number,
  runner: PassRunner,
  scratch: Pick<Scratch, "unemployed" | "firmOrder">,
  totals: Pick<Automation, "spellMonths" | "spellCount">,
): number {
  // The runner's passes write the hired households' columns (`households`, which it was built on).
  if (seekers > households.n) {
    throw new Error(`labour matching: ${seekers} job seekers among ${households.n} households`);
  }
  // The matching function's cap on hires (the vacancies are summed only when it is on).
  let cap = Number.POSITIVE_INFINITY;
  if (params.matchingEfficiency > 0) {
    cap = matchingCap(seekers, openVacancies(firms), params.matchingEfficiency, params.matchingElasticity);
  }
  if (params.matchingProtocol === "simultaneous") {
    const perVacancy = CONTACTS_PER_VACANCY;
    return matchSimultaneously(
      firms,
      seekers,
      perVacancy,
      month,
      rng,
      runner,
      scratch.firmOrder,
      totals,
      cap,
    );
  }
  const n = listFirmsWithVacancies(firms, scratch.firmOrder, rng);
  // The seekers' matching data gathered in pool order, the hiring on this
  // thread (each firm's draws depend on every earlier firm's hires; it
  // reorders the pool list scratch.unemployed, which nothing reads after this
  // phase), the hires applied: the gathering and the applying are passes
  // over blocks of the pool (labourMatch.ts matchGatherKernel,
  // hireApplyKernel), each seeker's own entries only, so they may run on
  // several threads.
  const pool = gatherSeekerPool(seekers, runner);
  const open = hire(firms, scratch.firmOrder, n, seekers, pool, scratch.unemployed, rng, cap);
  applySequentialHires(seekers, runner, totals);
  return open;
}

/** The firms' vacancies: labour demand above employees, summed over the firms that have some. */
export function openVacancies(firms: Pick<Firms, "n" | "labourDemand" | "employees">): number {
  let v = 0;
  for (let j = 0; j < firms.n; j++) {
    const gap = firms.labourDemand[j] - firms.employees[j];
    if (gap > 0) v += gap;
  }
  return v;
}

/**
 * The hires an aggregate matching function allows in a month:
 * M = μ U^α V^(1−α), rounded down, with U the job seekers and V the
 * vacancies (Pissarides 2000, ch. 1; Petrongolo & Pissarides 2001, JEL 39:
 * α ≈ 0.5 for unemployment). Constant returns, so the job-finding rate
 * M / U = μ (V / U)^(1−α) does not depend on the number of households. As U
 * falls the rate at which vacancies fill, M / V = μ (U / V)^α, falls with
 * it: a tight market leaves vacancies open instead of hiring its last job
 * seekers. μ = 0 (labour.matchingEfficiency's default) turns it off:
 * Infinity, hires limited only by the firms' contacts.
 * @example matchingCap(400, 400, 0.45, 0.5) // 180
 * @example matchingCap(100, 900, 0.45, 0.5) // 135: 1.35 a seeker at most, so all 100 can be hired
 */
export function matchingCap(
  seekers: number,
  vacancies: number,
  efficiency: number,
  elasticity: number,
): number {
  if (efficiency <= 0) return Number.POSITIVE_INFINITY;
  if (seekers <= 0 || vacancies <= 0) return 0;
  return Math.floor(efficiency * seekers ** elasticity * vacancies ** (1 - elasticity));
}

/**
 * Firms order[0..n) in turn contact random seekers still in the pool (draws
 * from `rnd`), each a uniform pick among the first `remaining` slots of the
 * pool. A hire moves the last seeker still in the pool into the hired one's
 * slot and the hired one to the freed last slot, whose `pool.claim` receives
 * the hiring firm: the slots [0, remaining) always hold the seekers not yet
 * hired. At most `cap` hires in all (matchingCap; the firms late in the
 * random order then keep their vacancies open). The seekers' data is moved with them — their household in
 * `households` (scratch.unemployed, which gatherSeekerPool gathered from),
 * reservation wage and mismatch — so that a contact reads its seeker's slot
 * directly, one random access rather than a lookup through a list of
 * positions and then the seeker's data (the draws, the seekers they reach
 * and the hires are the same as with that list). Returns the vacancies left
 * open.
 */
function hire(
  f: Firms,
  order: Int32Array,
  n: number,
  seekers: number,
  pool: MatchBuffers,
  households: Int32Array,
  rnd: () => number,
  cap: number,
): number {
  const { labourDemand, employees, unfilled } = f;
  const firmWage = f.wage;
  const hiredBy = pool.claim;
  const seekerReservation = pool.reservationWage;
  const seekerMismatch = pool.mismatch;
  let open = 0;
  let remaining = seekers;
  let meetings = cap; // hires the matching function allows this month (Infinity: no cap)
  for (let o = 0; o < n; o++) {
    const j = order[o];
    const wage = firmWage[j];
    let vacancies = labourDemand[j] - employees[j];
    let contacts = vacancies * CONTACTS_PER_VACANCY;
    let hired = 0;
    while (vacancies > 0 && contacts > 0 && remaining > 0 && meetings > 0) {
      contacts--;
      const pick = Math.floor(rnd() * remaining);
      if (seekerReservation[pick] > wage) continue;
      // A worker displaced by automation lacks the skills firms look for, with probability = her mismatch.
      const mm = seekerMismatch[pick];
      if (mm > 0 && rnd() * 255 < mm) continue;
      hired++;
      vacancies--;
      meetings--;
      const last = --remaining;
      const household = households[pick];
      households[pick] = households[last];
      seekerReservation[pick] = seekerReservation[last];
      seekerMismatch[pick] = seekerMismatch[last];
      households[last] = household;
      hiredBy[last] = j;
    }
    employees[j] += hired;
    if (vacancies > 0) {
      unfilled[j] = 1;
      open += vacancies;
    }
  }
  return open;
}
