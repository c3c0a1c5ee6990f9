// The monthly labour market (Lengnick 2013 §3.2), households in a random
// order: an unemployed household visits beta random firms and takes the
// first open vacancy paying at least its reservation wage; an employed
// household searches one random firm if its wage is below its reservation
// wage, otherwise with probability pi, and moves if that firm has a vacancy
// and pays more than its current wage. A firm has at most one vacancy.
import { keyedUniform, streamKey } from "../rng.ts";
import { shuffle } from "./shopping.ts";
import type { LengnickState } from "./state.ts";
import { LengnickStream } from "./streams.ts";
import { hire, separate } from "./workforce.ts";

// Imported bindings are read through getters under tsx; local aliases keep hot loops direct.
const uniform = keyedUniform;
const hireWorker = hire;
const separateWorker = separate;
const shuffleOrder = shuffle;

export function searchForJobs(s: LengnickState): void {
  const { households: hh, firms, params: p, seed, month, order } = s;
  shuffleOrder(order, streamKey(seed, LengnickStream.labourOrder, month));
  const key = streamKey(seed, LengnickStream.jobSearch, month);
  const visits = p.unemployedSearchFirms;
  const slots = visits + 1;
  for (let i = 0; i < hh.n; i++) {
    const h = order[i];
    const current = hh.employer[h];
    const base = h * slots;
    if (current < 0) {
      for (let k = 0; k < visits; k++) {
        const f = Math.floor(uniform(key, base + k) * firms.n);
        if (firms.vacancy[f] === 1 && firms.wage[f] >= hh.reservationWage[h]) {
          hireWorker(hh, firms, h, f);
          break;
        }
      }
      continue;
    }
    const underpaid = firms.wage[current] < hh.reservationWage[h];
    if (!underpaid && uniform(key, base + visits) >= p.onTheJobSearchProbability) continue;
    const f = Math.floor(uniform(key, base) * firms.n);
    if (f !== current && firms.vacancy[f] === 1 && firms.wage[f] > firms.wage[current]) {
      separateWorker(hh, firms, h);
      hireWorker(hh, firms, h, f);
    }
  }
}

/** Month end: the unemployed lower their reservation wage; the employed raise it to the wage just paid. */
export function updateReservationWages(s: LengnickState): void {
  const { households: hh, params: p } = s;
  for (let h = 0; h < hh.n; h++) {
    if (hh.employer[h] < 0) hh.reservationWage[h] *= p.reservationWageDecay;
    else if (hh.lastWage[h] > hh.reservationWage[h]) hh.reservationWage[h] = hh.lastWage[h];
  }
}
