// The labour market (Caiani et al. 2016, labour market; Riccetti, Russo &
// Gallegati 2015 for the decentralised matching). First each worker may
// leave her job — exogenous separations plus layoffs at firms that shrink —
// drawn from the counter-based generator so the result does not depend on
// how households are split across threads. Then firms with vacancies, in a
// random order, contact a few random unemployed each and hire those whose
// reservation wage the posted wage meets. Unfilled vacancies push that
// firm's wage up next month; unemployment spells lower reservation wages.
import { EXPOSURE_BINS, hitByLayoff, layoffKey } from "../agents/automation.ts";
import { AgentStream, keyedUniform, streamKey } from "../rng.ts";
import type { ModelState } from "../state.ts";

/** How many unemployed a firm contacts per vacancy before giving up this month. */
const CONTACTS_PER_VACANCY = 4;

/**
 * Separations and layoffs, reservation-wage revision, and the list of job
 * seekers. One pass over the households. Automation layoffs hit a firm's
 * most exposed employees (agents/automation.ts chose the exposure bins) and
 * leave them with a skill mismatch; the mismatch decays during the spell,
 * faster for those in the government's retraining programme. Returns the
 * number of unemployed.
 */
export function separateAndListJobSeekers(m: ModelState): number {
  const h = m.households;
  const f = m.firms;
  const key = streamKey(m.seed, AgentStream.separation, m.tick);
  const automationKey = layoffKey(m);
  const decay = 1 - m.config.households.reservationWageDecayMonthly;
  const gov = m.config.government;
  const replacement = gov.benefitReplacementRate;
  const benefitMonths = gov.benefitDurationMonths > 0 ? gov.benefitDurationMonths : 65536;
  const auto = m.config.automation;
  const mismatchOnLayoff = Math.round(255 * auto.mismatchOnDisplacement);
  const retraining = gov.retraining.enabled;
  const keepMismatch = 1 - auto.mismatchDecayMonthly;
  const keepMismatchTrainee = Math.max(
    0,
    keepMismatch - (retraining ? gov.retraining.extraMismatchDecayMonthly : 0),
  );
  const employer = h.employer;
  const leave = f.leaveProbability;
  const layoffBin = f.layoffBin;
  const layoffFraction = f.layoffFraction;
  const employees = f.employees;
  const exposure = h.exposure;
  const mismatch = h.mismatch;
  const displaced = h.displaced;
  const unemployed = m.scratch.unemployed;
  // Imported bindings are read once: in a hot loop each read can cost a call.
  const isLaidOff = hitByLayoff;
  const uniform = keyedUniform;
  let layoffsDue = false;
  for (let j = 0; j < f.n; j++) if (f.layoffBin[j] < EXPOSURE_BINS) layoffsDue = true;
  let count = 0;
  let layoffs = 0;
  let displacedUnemployed = 0;
  let trainees = 0;
  for (let i = 0; i < h.n; i++) {
    const e = employer[i];
    if (e >= 0) {
      if (layoffsDue && isLaidOff(exposure[i], layoffBin[e], layoffFraction[e], automationKey, i)) {
        employer[i] = -1;
        employees[e]--;
        h.unemployedMonths[i] = 0;
        h.reservationWage[i] = h.wage[i];
        mismatch[i] = mismatchOnLayoff;
        displaced[i] = 1;
        layoffs++;
        displacedUnemployed++;
        unemployed[count++] = i;
      } else if (uniform(key, i) < leave[e]) {
        employer[i] = -1;
        employees[e]--;
        h.unemployedMonths[i] = 0;
        h.reservationWage[i] = h.wage[i];
        displaced[i] = 0;
        unemployed[count++] = i;
      }
    } else {
      // Reservation wage falls during the spell, but never below the benefit while it is paid.
      const months = h.unemployedMonths[i];
      const floor = months < benefitMonths ? replacement * h.wage[i] : 0;
      h.reservationWage[i] = Math.max(h.reservationWage[i] * decay, floor);
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
  const a = m.automation;
  a.layoffs = layoffs;
  a.displacedUnemployed = displacedUnemployed;
  a.trainees = trainees;
  return count;
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
  const mismatch = h.mismatch;
  const displaced = h.displaced;
  // Completed spells by kind: index 1 displaced by automation, 0 the others.
  const spellMonths = m.automation.spellMonths;
  const spellCount = m.automation.spellCount;
  spellMonths.fill(0);
  spellCount.fill(0);
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
      // A worker displaced by automation lacks the skills firms look for, with probability = her mismatch.
      const mm = mismatch[i];
      if (mm > 0 && rnd() * 255 < mm) continue;
      const d = displaced[i];
      spellMonths[d] += h.unemployedMonths[i];
      spellCount[d]++;
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
