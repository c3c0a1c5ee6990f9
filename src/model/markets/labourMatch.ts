// The labour market's simultaneous matching protocol (config
// labour.matchingProtocol = "simultaneous"; docs/ODD.md §7.6).
//
// The sequential rule (labour.ts hire) visits the firms with vacancies in a
// random order; each contacts random job seekers one at a time, up to
// CONTACTS_PER_VACANCY per vacancy, and hires those whose reservation wage
// its wage meets and who pass the skill-mismatch draw; a hire leaves the
// pool before the next firm draws. Each firm's draws depend on every earlier
// firm's hires, so no reordering of it is both parallel and byte-identical.
//
// Here every firm makes its contacts at once, in rounds — the urn-ball
// process with firms as balls and seekers as urns (Butters 1977; Hall 1977;
// the coordination failure of simultaneous contacts, Petrongolo &
// Pissarides 2001 §3): in one round the number of seekers who get at least
// one offer is U (1 − e^(−O/U)) for O offers at random among U seekers, not
// min(O, U). Repeated rounds undo most of that friction:
//
//   1. Each firm with vacancies gets a place in a random order (the
//      "labour" stream's shuffle, as the sequential rule's visiting order).
//   2. Round r (a pass over blocks of firms, matchOfferKernel): each firm
//      with vacancies and contacts left draws seekers uniformly from those
//      not hired in an earlier round (the list `live`, in pool order), with
//      counter-based draws keyed by (seed, tick, firm, draw number) — as
//      the sequential rule draws only from those still in the pool. A
//      contact whose reservation wage the firm's wage meets, and who passes
//      the skill-mismatch draw (keyed the same way), gets an offer, up to
//      the firm's vacancies left: the offer writes the firm's code (round ×
//      firms in the order + place) into the seeker's claim with an atomic
//      minimum, so the seeker ends the round holding the offer of the firm
//      earliest in the order — the firm that would have reached her first
//      in the sequential visit — whichever thread ran first.
//   3. A pass over blocks of the round's list (matchCountKernel) counts each
//      firm's won offers (per thread: integers, added in any order) and
//      keeps each block's seekers still unhired; the coordinator closes the
//      gaps between the blocks' lists in block order (listUnhired).
//   4. The next round's offer pass first settles the last round: a firm's
//      won offers are hires; its lost offers give their contacts back (the
//      sequential rule would never have contacted a seeker hired before it).
//      Rounds go on while some offers were lost — otherwise no firm has
//      both vacancies and contacts left — at most MATCHING_ROUNDS; the
//      vacancies still open then are the month's unfilled vacancies.
//   5. A pass over the pool (matchApplyKernel) applies the hires and adds
//      the completed spells per block.
//
// The list a round draws from depends only on rounds already finished, so
// each firm's draws are the same whatever the other threads did meanwhile;
// the sums are integers, added in block order. The run's bytes are therefore
// the same for any thread count (tests/model.labourMatch.test.ts). It is a
// different matching process from the sequential one — the seeker a later
// firm loses to an earlier one is replaced by a draw made after every
// firm's round, not after the earlier firms' hires only — so its outputs
// differ, and the core was estimated under the sequential rule
// (docs/benchmarks.md "Labour matching across threads" compares them).

import type { DrawKeys } from "../month.ts";
import {
  BLOCK_SIZE,
  blockCountFor,
  MATCH_FIRM_SLOTS,
  Pass,
  type PassWork,
  type SliceView,
  SUM_SLOTS,
} from "../passes.ts";
import type { MatchBuffers, PassRunner } from "../passRunner.ts";
import { AgentStream, keyedUniform, shuffle, streamKey } from "../rng.ts";
import type { Automation, Firms } from "../state.ts";
import { defineStruct } from "../struct.ts";

/** Rounds of offers at most per month; fewer once no offer is lost to an earlier firm. */
export const MATCHING_ROUNDS = 6;

/** A seeker's claim when no firm has made her an offer (larger than every firm's code). */
export const EMPTY_CLAIM = 0x7fffffff;

/** Inputs of the matching passes: written into PassWork.args by matchSimultaneously. */
export const MatchArgs = defineStruct({
  /** streamKey of the contacts' and the mismatch draws for this tick. */
  contactKey: "f64",
  skillKey: "f64",
  /** Job seekers not hired in an earlier round (listed in PassWork.match.live). */
  untaken: "f64",
  /** The round whose offers the pass makes (the offer pass settles round − 1 first) or counts. */
  round: "f64",
  /** Firms in the random order (those with vacancies). */
  ranked: "f64",
  /** 1: the offer pass makes offers; 0: it only settles the last round and records the vacancies left. */
  offer: "f64",
  contactsPerVacancy: "f64",
  /** 1: the matching function's cap is on and round 0 reads each firm's allotment from PassWork.match.vacancies. */
  capped: "f64",
});
const MatchArg = MatchArgs.at;

/** Sums per block of firms (PassWork.match.firmSums): hires settled, offers made, vacancies left open. */
export const MatchFirmSum = { hires: 0, offers: 1, open: 2 } as const;

/** Per block of job seekers (PassWork.blockSums): the count pass's hires and seekers still unhired; the apply pass's spell months and counts by kind (0, 1). */
const CountSum = { hires: 0, untaken: 1 } as const;
const SpellSum = { months: 0, count: 2 } as const;

/**
 * Firms with vacancies hire from the job seekers in the runner's pool
 * `[0, seekers)` (listed by the separation pass in household order), all at
 * once in rounds (see the file's header): the passes run on `runner`, over
 * the households and firms it was built on; the firms' random order is drawn
 * from `rng` (the "labour" stream) into `order`, the contacts keyed by
 * `month`. Writes the firms' employees and unfilled flags and the
 * households' employer, wage and spell; the completed spells into `totals`.
 * Returns the vacancies left open.
 *
 * `cap` (labour.ts matchingCap; Infinity: none) is the aggregate matching
 * function's limit on the month's hires. It is allotted before the rounds in
 * the firms' random order, as the sequential rule reaches them: each firm in
 * turn may fill min(its vacancies, the cap left) and the rest stay open (and
 * flagged unfilled). Unlike the sequential rule, an allotment a firm's
 * contacts fail to fill is not passed on to the firms after it, so the cap
 * binds a little harder here. The allotment is a serial pass over the
 * firms on the coordinator, so it is the same for any thread count.
 */
export function matchSimultaneously(
  firms: Firms,
  seekers: number,
  contactsPerVacancy: number,
  month: DrawKeys,
  rng: () => number,
  runner: PassRunner,
  order: Int32Array,
  totals: Pick<Automation, "spellMonths" | "spellCount">,
  cap: number,
): number {
  const work = runner.work;
  const mb = work.match;
  if (mb.rank.length < firms.n) {
    throw new Error(
      "labour.matchingProtocol simultaneous: the pass runner was built without its buffers (createPassWork's simultaneousMatching)",
    );
  }
  runner.reserveSeekers(seekers);
  const ranked = rankFirmsWithVacancies(firms, order, rng, mb);
  const capped = cap !== Number.POSITIVE_INFINITY;
  if (capped) allotCap(firms, order, ranked, cap, mb.vacancies);
  mb.seekers[0] = seekers;
  runner.run(Pass.matchGather);
  const args = {
    contactKey: streamKey(month.seed, AgentStream.labourContact, month.tick),
    skillKey: streamKey(month.seed, AgentStream.labourSkill, month.tick),
    untaken: seekers,
    round: 0,
    ranked,
    offer: 1,
    contactsPerVacancy,
    capped: capped ? 1 : 0,
  };
  let round = 0;
  for (;;) {
    MatchArgs.write(work.args, { ...args, round });
    runner.run(Pass.matchOffer);
    const offers = sumFirmSlot(mb.firmSums, MatchFirmSum.offers);
    round++;
    if (offers === 0) break;
    // The count pass runs over the round's list of seekers not hired before.
    const listed = args.untaken;
    mb.seekers[0] = listed;
    runner.run(Pass.matchCount);
    const hires = sumSeekerBlocks(work, listed, CountSum.hires);
    args.untaken = listUnhired(work, listed);
    // No lost offer: no firm has both vacancies and contacts left.
    if (hires === offers || round === MATCHING_ROUNDS || args.untaken === 0) break;
  }
  // Settle the last round; record the vacancies left open.
  MatchArgs.write(work.args, { ...args, round, offer: 0 });
  runner.run(Pass.matchOffer);
  const open = sumFirmSlot(mb.firmSums, MatchFirmSum.open);
  MatchArgs.write(work.args, { ...args, round });
  mb.seekers[0] = seekers;
  runner.run(Pass.matchApply);
  sumSpells(work, seekers, totals);
  return open;
}

/**
 * The matching function's cap allotted in the firms' random order
 * `order[0, ranked)`: firm order[o] may fill min(its vacancies, the cap not
 * yet allotted), written into `allotment` (PassWork.match.vacancies, which
 * round 0 of the offer pass reads when the cap is on).
 * @example vacancies 3, 2, 4 in the order and a cap of 4: allotments 3, 1, 0
 */
export function allotCap(
  firms: Pick<Firms, "labourDemand" | "employees">,
  order: Int32Array,
  ranked: number,
  cap: number,
  allotment: Int32Array,
): void {
  let left = cap;
  for (let o = 0; o < ranked; o++) {
    const j = order[o];
    const a = Math.min(firms.labourDemand[j] - firms.employees[j], left);
    allotment[j] = a;
    left -= a;
  }
}

/**
 * The job seekers' pool `[0, seekers)` gathered for matching by a pass over
 * blocks of the pool (matchGatherKernel), which may run on several threads:
 * each seeker's reservation wage and skill mismatch in pool order, no
 * offer held (and, simultaneous protocol, every position live). Used by both protocols: the sequential
 * one (markets/labour.ts hire) moves the seekers within the pool as it hires
 * and writes the hiring firm into `claim`. Grows the buffers to the pool
 * first (PassRunner.reserveSeekers). Returns the buffers.
 */
export function gatherSeekerPool(seekers: number, runner: PassRunner): MatchBuffers {
  runner.reserveSeekers(seekers);
  const mb = runner.work.match;
  mb.seekers[0] = seekers;
  runner.run(Pass.matchGather);
  return mb;
}

/**
 * The sequential protocol's hires (`claim[k]`: the hiring firm, or
 * EMPTY_CLAIM) applied by a pass over blocks of the pool
 * (hireApplyKernel), and the completed spells into `totals` (whole months
 * and counts, summed per block and the blocks in order: exact, so the same
 * as a sum in household order).
 */
export function applySequentialHires(
  seekers: number,
  runner: PassRunner,
  totals: Pick<Automation, "spellMonths" | "spellCount">,
): void {
  const work = runner.work;
  work.match.seekers[0] = seekers;
  runner.run(Pass.hireApply);
  sumSpells(work, seekers, totals);
}

/** The completed spells by kind from the apply pass's per-block sums, in block order. */
function sumSpells(
  work: PassWork,
  seekers: number,
  totals: Pick<Automation, "spellMonths" | "spellCount">,
): void {
  for (let d = 0; d < 2; d++) {
    totals.spellMonths[d] = sumSeekerBlocks(work, seekers, SpellSum.months + d);
    totals.spellCount[d] = sumSeekerBlocks(work, seekers, SpellSum.count + d);
  }
}

/**
 * The firms with vacancies (labour demand above employees) into
 * `order[0, n)`, shuffled by `rng` (the "labour" stream): the firms'
 * random order of both protocols. Clears every firm's unfilled flag.
 * Returns n.
 */
export function listFirmsWithVacancies(firms: Firms, order: Int32Array, rng: () => number): number {
  const { labourDemand, employees, unfilled } = firms;
  let n = 0;
  for (let j = 0; j < firms.n; j++) {
    unfilled[j] = 0;
    if (labourDemand[j] > employees[j]) order[n++] = j;
  }
  shuffle(rng, order, n);
  return n;
}

/**
 * The firms with vacancies in a random order (as the sequential rule's
 * visit, listFirmsWithVacancies): PassWork.match.rank per firm (-1: none),
 * rankFirm per place. Returns their count.
 */
function rankFirmsWithVacancies(
  firms: Firms,
  order: Int32Array,
  rng: () => number,
  mb: Pick<PassWork["match"], "rank" | "rankFirm">,
): number {
  const { rank, rankFirm } = mb;
  rank.fill(-1, 0, firms.n);
  const n = listFirmsWithVacancies(firms, order, rng);
  for (let o = 0; o < n; o++) {
    rank[order[o]] = o;
    rankFirm[o] = order[o];
  }
  return n;
}

/** Sum of slot `slot` of the matching passes' per-block-of-firms sums, in block order. */
function sumFirmSlot(sums: Float64Array, slot: number): number {
  let s = 0;
  for (let b = slot; b < sums.length; b += MATCH_FIRM_SLOTS) s += sums[b];
  return s;
}

/** Sum of slot `slot` of the per-block sums of a pass over the `seekers` job seekers, in block order. */
function sumSeekerBlocks(work: PassWork, seekers: number, slot: number): number {
  const blocks = seekers > 0 ? blockCountFor(seekers) : 0;
  let s = 0;
  for (let b = 0; b < blocks; b++) s += work.blockSums[b * SUM_SLOTS + slot];
  return s;
}

/**
 * The count pass over live[0, listed) kept each block's unhired seekers at
 * the start of the block's part of the list: closes the gaps, in block
 * order, so that live[0, n) lists them in pool order. Returns n.
 */
function listUnhired(work: PassWork, listed: number): number {
  const live = work.match.live;
  const blocks = listed > 0 ? blockCountFor(listed) : 0;
  let at = 0;
  for (let b = 0; b < blocks; b++) {
    const from = b * BLOCK_SIZE;
    const k = work.blockSums[b * SUM_SLOTS + CountSum.untaken];
    if (from !== at) live.copyWithin(at, from, from + k);
    at += k;
  }
  return at;
}

/** Job seekers [start, end) of the pool: their reservation wages and mismatch, no offer yet, all in the first round's list (simultaneous protocol). */
export function matchGatherKernel(
  v: SliceView,
  _lane: number,
  _block: number,
  start: number,
  end: number,
): void {
  const mb = v.work.match;
  const pool = v.unemployed;
  const reservation = v.households.reservationWage;
  const mismatch = v.households.mismatch;
  const claim = mb.claim;
  const seekerReservation = mb.reservationWage;
  const seekerMismatch = mb.mismatch;
  for (let k = start; k < end; k++) {
    const i = pool[k];
    seekerReservation[k] = reservation[i];
    seekerMismatch[k] = mismatch[i];
    claim[k] = EMPTY_CLAIM;
  }
  // The first round's list (the simultaneous protocol's only): every seeker.
  const live = mb.live;
  if (mb.simultaneous) for (let k = start; k < end; k++) live[k] = k;
}

/**
 * Firms [start, end) of block `block`: settle round `round` − 1 (won offers
 * become hires, lost offers give their contacts back), then — when the
 * pass makes offers — make round `round`'s offers; otherwise flag the
 * vacancies left open.
 */
export function matchOfferKernel(
  v: SliceView,
  _lane: number,
  block: number,
  start: number,
  end: number,
): void {
  const args = v.work.args;
  const round = args[MatchArg.round];
  const offer = args[MatchArg.offer] === 1;
  const f = v.firms;
  const mb = v.work.match;
  const { rank, vacancies, contacts, offers, wins } = mb;
  const employees = f.employees;
  const labourDemand = f.labourDemand;
  const perVacancy = args[MatchArg.contactsPerVacancy];
  const nFirms = v.work.nFirms;
  const canDraw = offer && args[MatchArg.untaken] > 0;
  let hires = 0;
  let made = 0;
  let open = 0;
  for (let j = start; j < end; j++) {
    if (rank[j] < 0) continue;
    let vac: number;
    let left: number;
    if (round === 0) {
      // The firm's allotment of the matching function's cap (allotCap) when it is on; its vacancies otherwise.
      vac = args[MatchArg.capped] === 1 ? vacancies[j] : labourDemand[j] - employees[j];
      left = vac * perVacancy;
      mb.drawn[j] = 0;
    } else {
      let won = 0;
      for (let at = j; at < wins.length; at += nFirms) {
        won += wins[at];
        wins[at] = 0;
      }
      vac = vacancies[j] - won;
      left = contacts[j] + offers[j] - won;
      employees[j] += won;
      hires += won;
    }
    let o = 0;
    if (canDraw && vac > 0 && left > 0) {
      o = makeOffers(v, j, vac, left);
      left = contacts[j];
    }
    offers[j] = o;
    made += o;
    vacancies[j] = vac;
    contacts[j] = left;
    if (!offer) {
      // Every vacancy not filled, the capped ones too: labour demand above the employees after the month's hires
      // (without the cap the same number as `vac`; integers, so exactly).
      const gap = labourDemand[j] - employees[j];
      if (gap > 0) {
        f.unfilled[j] = 1;
        open += gap;
      }
    }
  }
  const base = block * MATCH_FIRM_SLOTS;
  mb.firmSums[base + MatchFirmSum.hires] = hires;
  mb.firmSums[base + MatchFirmSum.offers] = made;
  mb.firmSums[base + MatchFirmSum.open] = open;
}

/**
 * Firm `j`'s offers of this round: up to `vac` offers from at most `left`
 * contacts. Writes its draws so far (PassWork.match.drawn) and, in
 * contacts, the contacts it has left; returns the offers made.
 */
function makeOffers(v: SliceView, j: number, vac: number, left: number): number {
  const args = v.work.args;
  const mb = v.work.match;
  const { claim, drawn, live } = mb;
  const seekerReservation = mb.reservationWage;
  const seekerMismatch = mb.mismatch;
  const untaken = args[MatchArg.untaken];
  const uniform = keyedUniform;
  // The firm's own keys: its draws are the same whichever thread makes them.
  const contactKey = subKey(args[MatchArg.contactKey], j);
  const skillKey = subKey(args[MatchArg.skillKey], j);
  const code = args[MatchArg.round] * args[MatchArg.ranked] + mb.rank[j];
  const wage = v.firms.wage[j];
  let d = drawn[j];
  let made = 0;
  while (made < vac && left > 0) {
    const k = live[Math.floor(uniform(contactKey, d) * untaken)];
    d++;
    left--;
    if (seekerReservation[k] > wage) continue;
    // A worker displaced by automation lacks the skills firms look for, with probability = her mismatch.
    const mm = seekerMismatch[k];
    if (mm > 0 && uniform(skillKey, d) * 255 < mm) continue;
    claimMin(claim, k, code);
    made++;
  }
  drawn[j] = d;
  mb.contacts[j] = left;
  return made;
}

/**
 * claim[k] = min(claim[k], code), atomically (JavaScript's Atomics has no
 * min: a compare-and-swap loop). The minimum does not depend on the order
 * of the writes, so neither does the result.
 */
function claimMin(claim: Int32Array, k: number, code: number): void {
  let seen = Atomics.load(claim, k);
  while (code < seen) {
    const was = Atomics.compareExchange(claim, k, seen, code);
    if (was === seen) return;
    seen = was;
  }
}

/** A per-agent key under `key` (a streamKey): the 32 bits keyedUniform draws for `agent`. */
export function subKey(key: number, agent: number): number {
  return (keyedUniform(key, agent) * 4294967296) | 0;
}

/**
 * The seekers live[start, end) of the round's list (block `block`) holding
 * an offer of round `round`: each firm's won offers and the block's hires;
 * the block's seekers still unhired kept in live from `start` on, in order
 * (listUnhired closes the gaps between blocks), and their count.
 */
export function matchCountKernel(
  v: SliceView,
  lane: number,
  block: number,
  start: number,
  end: number,
): void {
  const args = v.work.args;
  const mb = v.work.match;
  const ranked = args[MatchArg.ranked];
  const from = args[MatchArg.round] * ranked;
  const { claim, rankFirm, live } = mb;
  const wins = mb.wins;
  const laneBase = lane * v.work.nFirms;
  let hires = 0;
  let unhired = start;
  for (let at = start; at < end; at++) {
    const k = live[at];
    const c = claim[k];
    if (c === EMPTY_CLAIM) live[unhired++] = k;
    else {
      wins[laneBase + rankFirm[c - from]]++;
      hires++;
    }
  }
  const base = block * SUM_SLOTS;
  v.work.blockSums[base + CountSum.hires] = hires;
  v.work.blockSums[base + CountSum.untaken] = unhired - start;
}

/**
 * The hires among job seekers [start, end) of block `block`: employer, wage,
 * a new spell; the completed spells by kind (1: displaced by automation, 0:
 * the others), whole months, summed per block.
 */
export function matchApplyKernel(
  v: SliceView,
  _lane: number,
  block: number,
  start: number,
  end: number,
): void {
  const ranked = v.work.args[MatchArg.ranked];
  const h = v.households;
  const { claim, rankFirm } = v.work.match;
  const pool = v.unemployed;
  const firmWage = v.firms.wage;
  const { employer, wage, unemployedMonths, displaced } = h;
  let months0 = 0;
  let months1 = 0;
  let count0 = 0;
  let count1 = 0;
  for (let k = start; k < end; k++) {
    const c = claim[k];
    if (c === EMPTY_CLAIM) continue;
    const j = rankFirm[c % ranked];
    const i = pool[k];
    if (displaced[i] === 1) {
      months1 += unemployedMonths[i];
      count1++;
    } else {
      months0 += unemployedMonths[i];
      count0++;
    }
    employer[i] = j;
    wage[i] = firmWage[j];
    unemployedMonths[i] = 0;
  }
  writeSpellSums(v.work.blockSums, block, months0, months1, count0, count1);
}

/**
 * The sequential protocol's hires among job seekers [start, end) of block
 * `block` (claim[k]: the firm that hired seeker k, EMPTY_CLAIM if none):
 * employer, wage, a new spell; the completed spells by kind, summed per
 * block (markets/labour.ts matchWorkers).
 */
export function hireApplyKernel(
  v: SliceView,
  _lane: number,
  block: number,
  start: number,
  end: number,
): void {
  const claim = v.work.match.claim;
  const pool = v.unemployed;
  const firmWage = v.firms.wage;
  const { employer, wage, unemployedMonths, displaced } = v.households;
  let months0 = 0;
  let months1 = 0;
  let count0 = 0;
  let count1 = 0;
  for (let k = start; k < end; k++) {
    const j = claim[k];
    if (j === EMPTY_CLAIM) continue;
    const i = pool[k];
    if (displaced[i] === 1) {
      months1 += unemployedMonths[i];
      count1++;
    } else {
      months0 += unemployedMonths[i];
      count0++;
    }
    employer[i] = j;
    wage[i] = firmWage[j];
    unemployedMonths[i] = 0;
  }
  writeSpellSums(v.work.blockSums, block, months0, months1, count0, count1);
}

/**
 * Block `block`'s completed unemployment spells, by kind (0: not displaced,
 * 1: displaced by automation), into its SUM_SLOTS of the pass's block sums;
 * the serial side adds them in block order. Shared by both protocols' hire
 * application kernels.
 */
function writeSpellSums(
  sums: Float64Array,
  block: number,
  months0: number,
  months1: number,
  count0: number,
  count1: number,
): void {
  const base = block * SUM_SLOTS;
  sums[base + SpellSum.months] = months0;
  sums[base + SpellSum.months + 1] = months1;
  sums[base + SpellSum.count] = count0;
  sums[base + SpellSum.count + 1] = count1;
}
