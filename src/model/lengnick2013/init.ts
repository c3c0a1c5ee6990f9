// The economy at day 0. The paper gives no initial values; Spiral's choice
// (schema: initialPrice, initialWage, initialHouseholdLiquidity) starts near
// the steady state: everyone employed, workers spread evenly over firms,
// prices and wages within ±1 % of the given levels, half a month's output in
// stock, firms holding their liquidity buffer, households n random suppliers.
import type { SpiralConfig } from "../../config/configTypes.ts";
import { InputError } from "../../errors.ts";
import { keyedUniform, streamKey } from "../rng.ts";
import { type LengnickParams, toMicro } from "./params.ts";
import { allocateFirms, allocateHouseholds, emptyFlows, type LengnickState } from "./state.ts";
import { LengnickStream } from "./streams.ts";
import { hire } from "./workforce.ts";

/**
 * Builds the Lengnick (2013) economy from `config.lengnick2013` and `config.seed`.
 * @throws InputError if supplierLinks is not below the number of firms.
 */
export function createLengnickModel(config: SpiralConfig): LengnickState {
  const p: LengnickParams = Object.freeze({ ...config.lengnick2013 });
  if (p.supplierLinks >= p.firms) {
    throw new InputError(
      `lengnick2013.supplierLinks (${p.supplierLinks}) must be below lengnick2013.firms (${p.firms})`,
      undefined,
      "/lengnick2013/supplierLinks",
    );
  }
  const seed = config.seed;
  const hh = allocateHouseholds(p.households, p.supplierLinks);
  const firms = allocateFirms(p.firms);
  const key = streamKey(seed, LengnickStream.init, 0);
  const outputPerWorker = p.productivity * p.daysPerMonth;

  for (let f = 0; f < firms.n; f++) {
    firms.price[f] = p.initialPrice * (1 + 0.02 * (keyedUniform(key, 2 * f) - 0.5));
    firms.wage[f] = p.initialWage * (1 + 0.02 * (keyedUniform(key, 2 * f + 1) - 0.5));
  }
  const householdMoney = toMicro(p.initialHouseholdLiquidity);
  for (let h = 0; h < hh.n; h++) {
    const f = h % firms.n;
    hire(hh, firms, h, f);
    hh.liquidity[h] = householdMoney;
    hh.reservationWage[h] = firms.wage[f];
    hh.lastWage[h] = firms.wage[f];
  }
  for (let f = 0; f < firms.n; f++) {
    const monthlyOutput = outputPerWorker * firms.workers[f];
    firms.lastSold[f] = monthlyOutput;
    firms.inventory[f] = 0.5 * monthlyOutput;
    firms.liquidity[f] = toMicro(p.bufferShare * firms.wage[f] * firms.workers[f]);
  }
  const supplierKey = streamKey(seed, LengnickStream.init, 1);
  const links = p.supplierLinks;
  for (let h = 0; h < hh.n; h++) {
    let draw = 0;
    for (let k = 0; k < links; k++) {
      let f: number;
      let duplicate: boolean;
      do {
        f = Math.floor(keyedUniform(supplierKey, h * 1024 + draw++) * firms.n);
        duplicate = false;
        for (let j = 0; j < k; j++) if (hh.suppliers[h * links + j] === f) duplicate = true;
      } while (duplicate);
      hh.suppliers[h * links + k] = f;
    }
  }

  let money = 0;
  for (let h = 0; h < hh.n; h++) money += hh.liquidity[h];
  for (let f = 0; f < firms.n; f++) money += firms.liquidity[f];
  const order = new Int32Array(hh.n);
  for (let h = 0; h < hh.n; h++) order[h] = h;
  return {
    params: p,
    seed,
    month: 0,
    day: 0,
    households: hh,
    firms,
    dividendPool: 0,
    moneyTotal: money,
    flows: emptyFlows(),
    order,
    slotOrder: identityThenDraws(links),
    sortScratch: new Float64Array(hh.n),
  };
}

/** Shopping's scratch (shopping.ts): the slots 0 … links − 1 in order, then room for one household's draws. */
function identityThenDraws(links: number): Int32Array {
  const scratch = new Int32Array(2 * links);
  for (let k = 0; k < links; k++) scratch[k] = k;
  return scratch;
}
