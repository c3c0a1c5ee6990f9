// State of the Lengnick (2013) economy in columns: one typed array per
// field, households and firms apart. Money fields hold whole micro-units
// (params.ts); goods are continuous.
import type { LengnickParams } from "./params.ts";

export interface Households {
  n: number;
  /** Money held, micro-units (m_h). */
  liquidity: Float64Array;
  /** Lowest monthly wage the household accepts when unemployed, money units (w_h^R). */
  reservationWage: Float64Array;
  /** Employer firm, −1 when unemployed. */
  employer: Int32Array;
  /** Wage paid at the last month end, money units. */
  lastWage: Float64Array;
  /** Goods the household plans to buy each day this month (c_h / days). */
  dailyDemand: Float64Array;
  /** Type A connections: `supplierLinks` firm ids per household, row-major. */
  suppliers: Int32Array;
  /** Demand a supplier slot failed to serve this month (type B links), goods, aligned with `suppliers`. */
  shortfall: Float64Array;
  /** Workforce list of the employer: next / previous worker (−1 at the ends). */
  nextWorker: Int32Array;
  prevWorker: Int32Array;
}

export interface Firms {
  n: number;
  /** Money held, micro-units (m_f). */
  liquidity: Float64Array;
  /** Goods in stock (i_f). */
  inventory: Float64Array;
  /** Price per good, money units (p_f). */
  price: Float64Array;
  /** Monthly wage offered and paid, money units (w_f). */
  wage: Float64Array;
  /** Workers employed (l_f) and the head of their list. */
  workers: Int32Array;
  firstWorker: Int32Array;
  /** 1 while a vacancy is open. */
  vacancy: Uint8Array;
  /** Worker given notice, fired at the next month start; −1 if none. */
  notice: Int32Array;
  /** Months in a row that ended without an unfilled vacancy. */
  monthsFilled: Int32Array;
  /** Goods sold this month and last month (the demand the firm observed, d_f). */
  sold: Float64Array;
  lastSold: Float64Array;
}

export interface LengnickState {
  params: LengnickParams;
  seed: number;
  /** Months completed (the engine's tick). */
  month: number;
  /** Days completed since the start. */
  day: number;
  households: Households;
  firms: Firms;
  /** Dividends collected but not yet paid (whole micro-units too small to split); part of the money stock. */
  dividendPool: number;
  /** Money stock at the start, micro-units: the conservation check's target. */
  moneyTotal: number;
  /** This month's flows, for the metrics. */
  flows: MonthFlows;
  /** Scratch: a permutation of households for the daily shopping and monthly search order. */
  order: Int32Array;
  /**
   * Scratch: visiting order of supplier slots for one household (the first
   * `supplierLinks` entries, the identity between households), then the
   * Fisher–Yates draws that shopping undoes after each household.
   */
  slotOrder: Int32Array;
  /** Scratch: liquidity ranks for the Gini coefficient. */
  sortScratch: Float64Array;
}

export interface MonthFlows {
  /** Goods households planned to buy (sum of daily demands over the month). */
  planned: number;
  /** Goods households bought. */
  bought: number;
  /** Goods produced. */
  produced: number;
  /** Money paid for goods, micro-units. */
  spending: number;
  /** Wages and dividends paid, micro-units. */
  wages: number;
  dividends: number;
}

export function emptyFlows(): MonthFlows {
  return { planned: 0, bought: 0, produced: 0, spending: 0, wages: 0, dividends: 0 };
}

export function allocateHouseholds(n: number, links: number): Households {
  return {
    n,
    liquidity: new Float64Array(n),
    reservationWage: new Float64Array(n),
    employer: new Int32Array(n).fill(-1),
    lastWage: new Float64Array(n),
    dailyDemand: new Float64Array(n),
    suppliers: new Int32Array(n * links),
    shortfall: new Float64Array(n * links),
    nextWorker: new Int32Array(n).fill(-1),
    prevWorker: new Int32Array(n).fill(-1),
  };
}

export function allocateFirms(n: number): Firms {
  return {
    n,
    liquidity: new Float64Array(n),
    inventory: new Float64Array(n),
    price: new Float64Array(n),
    wage: new Float64Array(n),
    workers: new Int32Array(n),
    firstWorker: new Int32Array(n).fill(-1),
    vacancy: new Uint8Array(n),
    notice: new Int32Array(n).fill(-1),
    monthsFilled: new Int32Array(n),
    sold: new Float64Array(n),
    lastSold: new Float64Array(n),
  };
}
