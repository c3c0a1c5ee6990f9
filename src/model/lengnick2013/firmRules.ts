// The firms' monthly rules (Lengnick 2013 §3.1), in the paper's order: the
// wage (raised after an unfilled vacancy, cut after gamma months without
// one), the workforce (hire below the inventory floor, give notice above the
// ceiling; notices take effect a month later), then the price (moved towards
// the inventory target within markup bounds over marginal cost, with
// probability theta). Bounds are multiples of last month's sales.
import { keyedUniform, streamKey } from "../rng.ts";
import type { LengnickState } from "./state.ts";
import { LengnickStream } from "./streams.ts";
import { separate, workerAt } from "./workforce.ts";

// Imported bindings are read through getters under tsx; local aliases keep hot loops direct.
const uniform = keyedUniform;

/** Wage: +U(0, delta) after a vacancy left unfilled last month; −U(0, delta) after gamma filled months. */
export function setWages(s: LengnickState): void {
  const { firms, params: p, seed, month } = s;
  const key = streamKey(seed, LengnickStream.wageStep, month);
  for (let f = 0; f < firms.n; f++) {
    const step = uniform(key, f) * p.wageStepMax;
    if (firms.vacancy[f] === 1) firms.wage[f] *= 1 + step;
    else if (firms.monthsFilled[f] >= p.wageRigidityMonths) firms.wage[f] *= 1 - step;
  }
}

/**
 * Workforce: the worker given notice last month leaves; inventory below the
 * floor opens a vacancy (and withdraws a pending notice instead, if any),
 * inventory above the ceiling closes the vacancy and gives notice to a
 * random worker.
 */
export function adjustWorkforce(s: LengnickState): void {
  const { firms, households: hh, params: p, seed, month } = s;
  const key = streamKey(seed, LengnickStream.notice, month);
  for (let f = 0; f < firms.n; f++) {
    const demand = firms.lastSold[f];
    const stock = firms.inventory[f];
    if (stock < p.inventoryLowerBound * demand) {
      if (firms.notice[f] >= 0) firms.notice[f] = -1;
      else firms.vacancy[f] = 1;
      continue;
    }
    if (firms.notice[f] >= 0) separate(hh, firms, firms.notice[f]);
    if (stock > p.inventoryUpperBound * demand) {
      firms.vacancy[f] = 0;
      if (firms.workers[f] > 0) {
        const k = Math.floor(uniform(key, f) * firms.workers[f]);
        firms.notice[f] = workerAt(hh, firms, f, k);
      }
    }
  }
}

/**
 * Price: below the inventory floor and under priceUpperMarkup × marginal
 * cost, raise by U(0, upsilon) with probability theta; above the ceiling
 * and over priceLowerMarkup × marginal cost, cut likewise. Marginal cost is
 * the wage over a worker's monthly output, w / (lambda × days).
 */
export function setPrices(s: LengnickState): void {
  const { firms, params: p, seed, month } = s;
  const decide = streamKey(seed, LengnickStream.priceDecision, month);
  const stepKey = streamKey(seed, LengnickStream.priceStep, month);
  const outputPerWorker = p.productivity * p.daysPerMonth;
  for (let f = 0; f < firms.n; f++) {
    const demand = firms.lastSold[f];
    const stock = firms.inventory[f];
    const marginalCost = firms.wage[f] / outputPerWorker;
    const price = firms.price[f];
    const tooFew = stock < p.inventoryLowerBound * demand && price < p.priceUpperMarkup * marginalCost;
    const tooMany = stock > p.inventoryUpperBound * demand && price > p.priceLowerMarkup * marginalCost;
    if (!tooFew && !tooMany) continue;
    if (uniform(decide, f) >= p.priceChangeProbability) continue;
    const step = uniform(stepKey, f) * p.priceStepMax;
    firms.price[f] = tooFew ? price * (1 + step) : price * (1 - step);
  }
}

/** Daily production: lambda goods per worker into the stock. */
export function produce(s: LengnickState): void {
  const { firms, params: p } = s;
  let produced = 0;
  for (let f = 0; f < firms.n; f++) {
    const output = p.productivity * firms.workers[f];
    firms.inventory[f] += output;
    produced += output;
  }
  s.flows.produced += produced;
}
