// The labour market (Caiani et al. 2016, labour market; Riccetti, Russo &
// Gallegati 2015 for the decentralised matching). First each worker may
// leave her job — exogenous separations plus layoffs at firms that shrink —
// drawn from the counter-based generator so the result does not depend on
// how households are split across threads. Then firms with vacancies, in a
// random order, contact a few random unemployed each and hire those whose
// reservation wage the posted wage meets. Unfilled vacancies push that
// firm's wage up next month; unemployment spells lower reservation wages.
import { BLOCK_SIZE, Pass, type SliceView } from "../passes.ts";
import { AgentStream, keyedUniform, streamKey } from "../rng.ts";
import type { ModelState } from "../state.ts";

/** How many unemployed a firm contacts per vacancy before giving up this month. */
const CONTACTS_PER_VACANCY = 4;

/**
 * Separations and layoffs, reservation-wage revision, and the list of job
 * seekers (in household order). One pass over the households (separationKernel,
 * which may run in slices on several threads). Returns the number of unemployed.
 */
export function separateAndListJobSeekers(m: ModelState): number {
  const work = m.runner.work;
  work.args[SeparationArg.key] = streamKey(m.seed, AgentStream.separation, m.tick);
  work.args[SeparationArg.decay] = 1 - m.config.households.reservationWageDecayMonthly;
  work.args[SeparationArg.replacement] = m.config.government.benefitReplacementRate;
  m.runner.run(Pass.separate);
  // Each block listed its seekers from its own first household on: close the gaps, in block order.
  const unemployed = m.scratch.unemployed;
  let count = 0;
  for (let b = 0; b < work.blocks; b++) {
    const from = b * BLOCK_SIZE;
    const k = work.blockCount[b];
    if (from !== count) unemployed.copyWithin(count, from, from + k);
    count += k;
  }
  return count;
}

const SeparationArg = { key: 0, decay: 1, replacement: 2 } as const;

/** The separation pass over households [start, end): seekers listed from index `start` on, their count per block. */
export function separationKernel(
  v: SliceView,
  _lane: number,
  block: number,
  start: number,
  end: number,
): void {
  const h = v.households;
  const a = v.work.args;
  const key = a[SeparationArg.key];
  const decay = a[SeparationArg.decay];
  const replacement = a[SeparationArg.replacement];
  const employer = h.employer;
  const leave = v.firms.leaveProbability;
  const employees = v.firms.employees;
  const unemployed = v.unemployed;
  let count = start;
  for (let i = start; i < end; i++) {
    const e = employer[i];
    if (e >= 0) {
      if (keyedUniform(key, i) < leave[e]) {
        employer[i] = -1;
        // Atomic: households of two slices may leave the same firm at once.
        Atomics.sub(employees, e, 1);
        h.unemployedMonths[i] = 0;
        h.reservationWage[i] = h.wage[i];
        unemployed[count++] = i;
      }
    } else {
      // Reservation wage falls during the spell, but never below the benefit.
      const floor = replacement * h.wage[i];
      h.reservationWage[i] = Math.max(h.reservationWage[i] * decay, floor);
      if (h.unemployedMonths[i] < 65535) h.unemployedMonths[i]++;
      unemployed[count++] = i;
    }
  }
  v.work.blockCount[block] = count - start;
}

/** Firms with vacancies hire from the job seekers. Returns the vacancies left open. */
export function matchWorkers(m: ModelState, seekers: number): number {
  const h = m.households;
  const f = m.firms;
  const order = m.scratch.firmOrder;
  const pool = m.scratch.unemployed;
  let n = 0;
  for (let j = 0; j < f.n; j++) {
    f.unfilled[j] = 0;
    if (f.labourDemand[j] > f.employees[j]) order[n++] = j;
  }
  m.streams.shuffle("labour", order, n);
  const rnd = m.streams.get("labour");
  let open = 0;
  let remaining = seekers;
  for (let o = 0; o < n; o++) {
    const j = order[o];
    const wage = f.wage[j];
    let vacancies = f.labourDemand[j] - f.employees[j];
    let contacts = vacancies * CONTACTS_PER_VACANCY;
    while (vacancies > 0 && contacts > 0 && remaining > 0) {
      contacts--;
      const pick = Math.floor(rnd() * remaining);
      const i = pool[pick];
      if (h.reservationWage[i] > wage) continue;
      h.employer[i] = j;
      h.wage[i] = wage;
      h.unemployedMonths[i] = 0;
      f.employees[j]++;
      vacancies--;
      pool[pick] = pool[--remaining];
    }
    if (vacancies > 0) {
      f.unfilled[j] = 1;
      open += vacancies;
    }
  }
  return open;
}
