// Eisenberg–Noe clearing and DebtRank on hand-computed networks
// (src/model/markets/clearing.ts), plus fixed-point and maximality checks on
// small random networks drawn from a tiny seeded generator.
import { describe, expect, it } from "vitest";
import {
  ClearingNotConvergedError,
  clearingPayments,
  debtRank,
  eisenbergNoeClearing,
  NetworkInputError,
} from "../src/model/markets/clearing.ts";
import { mulberry32 } from "./helpers/mulberry32.ts";

/** Dense n×n row-major matrix from a list of [from, to, amount] entries. */
function matrix(n: number, entries: [number, number, number][]): Float64Array {
  const m = new Float64Array(n * n);
  for (const [i, j, v] of entries) m[i * n + j] = v;
  return m;
}

function expectVector(actual: Float64Array, expected: number[], tol = 1e-9): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i] - expected[i])).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected[i])));
  }
}

/** Φ(p)_i = min(p̄_i, e_i + Σ_j Π_ji p_j), written independently of the module. */
function clearingMap(l: Float64Array, e: Float64Array, p: Float64Array): Float64Array {
  const n = e.length;
  const owed = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) owed[i] += l[i * n + j];
  const next = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let cash = e[i];
    for (let j = 0; j < n; j++) if (owed[j] > 0) cash += (l[j * n + i] / owed[j]) * p[j];
    next[i] = Math.min(owed[i], cash);
  }
  return next;
}

/** Picard iteration p ← Φ(p) down from p = p̄ until it stops moving: the greatest clearing vector. */
function iterateDown(l: Float64Array, e: Float64Array): Float64Array {
  const n = e.length;
  let p: Float64Array = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) p[i] += l[i * n + j];
  for (let k = 0; k < 200_000; k++) {
    const next = clearingMap(l, e, p);
    let change = 0;
    for (let i = 0; i < n; i++) change = Math.max(change, Math.abs(next[i] - p[i]));
    p = next;
    if (change <= 1e-15) break;
  }
  return p;
}

describe("eisenbergNoeClearing", () => {
  it("(a) pays every obligation in full when everyone has enough", () => {
    // A owes B 10, B owes C 5, C owes A 3; A holds 10 in cash.
    // A receives 10 + 3 ≥ 10, B receives 10 ≥ 5, C receives 5 ≥ 3.
    const l = matrix(3, [
      [0, 1, 10],
      [1, 2, 5],
      [2, 0, 3],
    ]);
    const p = new Float64Array(3);
    const r = eisenbergNoeClearing(l, Float64Array.of(10, 0, 0), p);
    expectVector(p, [10, 5, 3], 0);
    expect(Array.from(r.defaulted)).toEqual([0, 0, 0]);
    expect(r.iterations).toBe(1);
  });

  it("(b) A defaults and its shortfall pushes B into default; C stays solvent", () => {
    // A owes B 10 and C 10 (p̄_A = 20, Π_AB = Π_AC = ½); B owes C 8; C owes A 4.
    // Cash e = (4, 2, 1).
    // Round 1 (everyone pays in full): A has 4 + 4 = 8 < 20 → defaults.
    //   B has 2 + 10 = 12 ≥ 8, C has 1 + 10 + 8 = 19 ≥ 4.
    // Solve D = {A}: p_A = e_A + p_C = 4 + 4 = 8, so B and C each get 4 from A.
    // Round 2: B has 2 + ½·8 = 6 < 8 → defaults. C has 1 + 4 + 8 = 13 ≥ 4.
    // Solve D = {A, B}: p_A = 4 + 4 = 8 (C pays in full), p_B = 2 + ½·8 = 6.
    // Round 3: C has 1 + 4 + 6 = 11 ≥ 4: nobody new. p = (8, 6, 4).
    const l = matrix(3, [
      [0, 1, 10],
      [0, 2, 10],
      [1, 2, 8],
      [2, 0, 4],
    ]);
    const p = new Float64Array(3);
    const r = eisenbergNoeClearing(l, Float64Array.of(4, 2, 1), p);
    expectVector(p, [8, 6, 4]);
    expect(Array.from(r.defaulted)).toEqual([1, 1, 0]);
    expect(r.iterations).toBe(3);

    // Payments: A→B 4, A→C 4, B→C 6, C→A 4; rows sum to p.
    const pay = clearingPayments(l, p, new Float64Array(9));
    expectVector(pay, [0, 4, 4, 0, 0, 6, 4, 0, 0]);
  });

  it("(c) clears a three-node cycle with cash at one node only", () => {
    // A owes B 30, B owes C 20, C owes A 10; only A has cash, e_A = 5.
    // Round 1: A has 5 + 10 = 15 < 30 → defaults; B has 30 ≥ 20, C has 20 ≥ 10.
    // D = {A}: p_A = 5 + p_C = 15.
    // Round 2: B has 15 < 20 → defaults; C has 20 ≥ 10.
    // D = {A, B}: p_A = 5 + 10 = 15, p_B = p_A = 15.
    // Round 3: C has 15 ≥ 10: done. p = (15, 15, 10).
    const l = matrix(3, [
      [0, 1, 30],
      [1, 2, 20],
      [2, 0, 10],
    ]);
    const p = new Float64Array(3);
    const r = eisenbergNoeClearing(l, Float64Array.of(5, 0, 0), p);
    expectVector(p, [15, 15, 10]);
    expect(Array.from(r.defaulted)).toEqual([1, 1, 0]);
  });

  it("(c') solves a cycle whose members all default together, leaking to an outside creditor", () => {
    // A→B→C→A each owe 10 around the ring and 10 to a bank K (node 3), so
    // p̄ = 20 for A, B, C and every Π is ½. Only A has cash, e_A = 12.
    // Round 1: A has 12 + 10 = 22 ≥ 20; B has 10 < 20 and C has 10 < 20 → D = {B, C}.
    //   p_B = ½·20 = 10, p_C = ½·p_B = 5.
    // Round 2: A has 12 + ½·5 = 14.5 < 20 → D = {A, B, C}, a coupled system:
    //   p_A = 12 + ½ p_C, p_B = ½ p_A, p_C = ½ p_B  ⇒  p_A = 12 + p_A/8
    //   ⇒ p_A = 96/7, p_B = 48/7, p_C = 24/7.
    // The bank receives ½(96 + 48 + 24)/7 = 12: all outside cash ends there.
    const l = matrix(4, [
      [0, 1, 10],
      [0, 3, 10],
      [1, 2, 10],
      [1, 3, 10],
      [2, 0, 10],
      [2, 3, 10],
    ]);
    const p = new Float64Array(4);
    const r = eisenbergNoeClearing(l, Float64Array.of(12, 0, 0, 0), p);
    expectVector(p, [96 / 7, 48 / 7, 24 / 7, 0]);
    expect(Array.from(r.defaulted)).toEqual([1, 1, 1, 0]);
    expect(r.iterations).toBe(3);
    const pay = clearingPayments(l, p, new Float64Array(16));
    expect(pay[0 * 4 + 3] + pay[1 * 4 + 3] + pay[2 * 4 + 3]).toBeCloseTo(12, 12);
  });

  it("picks the greatest of many clearing vectors in a closed ring without cash", () => {
    // A owes B 10, B owes A 10, no cash: any (x, x) with 0 ≤ x ≤ 10 clears;
    // the greatest is full payment (the debts net out).
    const p = new Float64Array(2);
    const r = eisenbergNoeClearing(
      matrix(2, [
        [0, 1, 10],
        [1, 0, 10],
      ]),
      new Float64Array(2),
      p,
    );
    expectVector(p, [10, 10], 0);
    expect(Array.from(r.defaulted)).toEqual([0, 0]);
  });

  it("does not flag a node that exactly breaks even", () => {
    // A owes B 1, B owes A 2, no cash. B defaults and pays A exactly 1,
    // which is what A owes: A must not be counted as defaulting.
    const p = new Float64Array(2);
    const r = eisenbergNoeClearing(
      matrix(2, [
        [0, 1, 1],
        [1, 0, 2],
      ]),
      new Float64Array(2),
      p,
    );
    expectVector(p, [1, 1]);
    expect(Array.from(r.defaulted)).toEqual([0, 1]);
  });

  it("finds the greatest vector of a cashless closed ring with a member exactly at break-even", () => {
    // A owes B 3; B owes C 0.3; C owes A 0.1 and B 0.3 (Π_CA = ¼, Π_CB = ¾); no cash.
    // Every clearing vector pays out exactly what comes in: p_A = ¼p_C,
    // p_B = p_A + ¾p_C = p_C; the greatest scales this up until B hits p̄_B = 0.3:
    // p = (0.075, 0.3, 0.3), B just breaks even, A and C default.
    // With tolerance 0, rounding flags B too, the defaulters' system is
    // singular, and the monotone fallback must reach the same vector.
    const l = matrix(3, [
      [0, 1, 3],
      [1, 2, 0.3],
      [2, 0, 0.1],
      [2, 1, 0.3],
    ]);
    for (const tolerance of [1e-12, 0]) {
      const p = new Float64Array(3);
      const r = eisenbergNoeClearing(l, new Float64Array(3), p, { tolerance });
      expectVector(p, [0.075, 0.3, 0.3]);
      expect(r.defaulted[0]).toBe(1);
      expect(r.defaulted[2]).toBe(1);
    }
  });

  it("(d) is a fixed point and the greatest one on random small networks", () => {
    const rand = mulberry32(20250101);
    let withDefaults = 0;
    let worstRounds = Number.NEGATIVE_INFINITY; // iterations − (n + 1): must stay ≤ 0
    let worstFixedPoint = 0;
    let worstBelowReference = Number.NEGATIVE_INFINITY;
    let worstFromReference = 0;
    for (let trial = 0; trial < 300; trial++) {
      const n = 2 + Math.floor(rand() * 9); // 2..10 nodes
      const l = new Float64Array(n * n);
      const density = 0.2 + 0.6 * rand();
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          if (i !== j && rand() < density) l[i * n + j] = rand() < 0.2 ? 0 : 100 * rand();
        }
      }
      const e = new Float64Array(n);
      for (let i = 0; i < n; i++) e[i] = rand() < 0.4 ? 0 : 60 * rand();
      const p = new Float64Array(n);
      const r = eisenbergNoeClearing(l, e, p);
      worstRounds = Math.max(worstRounds, r.iterations - (n + 1));

      const phi = clearingMap(l, e, p);
      const reference = iterateDown(l, e);
      let scale = 1;
      for (let k = 0; k < n * n; k++) scale = Math.max(scale, l[k]);
      for (let i = 0; i < n; i++) {
        worstFixedPoint = Math.max(worstFixedPoint, Math.abs(phi[i] - p[i]) / scale);
        // Picard from p̄ stays above the greatest fixed point and converges to it.
        worstBelowReference = Math.max(worstBelowReference, (reference[i] - p[i]) / scale);
        worstFromReference = Math.max(worstFromReference, Math.abs(p[i] - reference[i]) / scale);
        withDefaults += r.defaulted[i];
      }
    }
    expect(worstRounds).toBeLessThanOrEqual(0);
    expect(worstFixedPoint).toBeLessThanOrEqual(1e-9);
    expect(worstBelowReference).toBeLessThanOrEqual(1e-9);
    expect(worstFromReference).toBeLessThanOrEqual(1e-7);
    expect(withDefaults).toBeGreaterThan(50); // the sample exercises defaults, not only full payment
  });

  it("is deterministic and leaves its inputs untouched", () => {
    const l = matrix(3, [
      [0, 1, 10],
      [0, 2, 10],
      [1, 2, 8],
      [2, 0, 4],
    ]);
    const e = Float64Array.of(4, 2, 1);
    const lCopy = l.slice();
    const eCopy = e.slice();
    const p1 = new Float64Array(3);
    const p2 = new Float64Array(3);
    eisenbergNoeClearing(l, e, p1);
    eisenbergNoeClearing(l, e, p2);
    expect(Array.from(p1)).toEqual(Array.from(p2));
    expect(Array.from(l)).toEqual(Array.from(lCopy));
    expect(Array.from(e)).toEqual(Array.from(eCopy));
  });

  it("handles an empty network and nodes that owe nothing", () => {
    const r0 = eisenbergNoeClearing(new Float64Array(0), new Float64Array(0), new Float64Array(0));
    expect(r0.defaulted.length).toBe(0);
    const p = new Float64Array(2);
    eisenbergNoeClearing(new Float64Array(4), Float64Array.of(3, 0), p);
    expectVector(p, [0, 0], 0);
  });

  it("rejects malformed networks with a NetworkInputError naming the field", () => {
    const out = new Float64Array(2);
    expect(() => eisenbergNoeClearing(new Float64Array(3), new Float64Array(2), out)).toThrow(
      NetworkInputError,
    );
    expect(() => eisenbergNoeClearing(Float64Array.of(0, -1, 0, 0), new Float64Array(2), out)).toThrow(
      /liabilities\[1\]/,
    );
    expect(() => eisenbergNoeClearing(Float64Array.of(1, 0, 0, 0), new Float64Array(2), out)).toThrow(
      /self-obligation/,
    );
    expect(() => eisenbergNoeClearing(new Float64Array(4), Float64Array.of(Number.NaN, 0), out)).toThrow(
      NetworkInputError,
    );
    expect(() => eisenbergNoeClearing(new Float64Array(4), new Float64Array(2), new Float64Array(3))).toThrow(
      /out has length/,
    );
  });

  it("throws ClearingNotConvergedError when capped below the rounds it needs", () => {
    const l = matrix(3, [
      [0, 1, 10],
      [0, 2, 10],
      [1, 2, 8],
      [2, 0, 4],
    ]);
    expect(() =>
      eisenbergNoeClearing(l, Float64Array.of(4, 2, 1), new Float64Array(3), { maxIterations: 2 }),
    ).toThrow(ClearingNotConvergedError);
  });
});

describe("debtRank", () => {
  it("star: a shocked hub passes distress once to each exposed leaf", () => {
    // Hub 0 (capital 20); leaves 1..3 (capital 10) are exposed to the hub by
    // 5, 5 and 30: W = 0.5, 0.5 and min(1, 3) = 1. Hub shocked to 0.4.
    // t=2: leaves get 0.2, 0.2, 0.4; the hub holds no claims on them, so
    // nothing comes back. Weights by capital: hub 20/50, leaves 10/50 each.
    // R = 0.2·(0.2 + 0.2 + 0.4) = 0.16.
    const n = 4;
    const exposures = matrix(n, [
      [1, 0, 5],
      [2, 0, 5],
      [3, 0, 30],
    ]);
    const h = new Float64Array(n);
    const r = debtRank(exposures, Float64Array.of(20, 10, 10, 10), Float64Array.of(0.4, 0, 0, 0), h);
    expectVector(h, [0.4, 0.2, 0.2, 0.4]);
    expect(r).toBeCloseTo(0.16, 12);
  });

  it("star with feedback: the hub's later distress is not passed on again (original 2012 rule)", () => {
    // Hub 0 (capital 20) lends 8 to each leaf (W_0,leaf = 0.4); leaves
    // (capital 10) are exposed to the hub by 5 (W_leaf,0 = 0.5). Leaf 1 defaults (h = 1).
    // t=2: hub h = 0.4·1 = 0.4 (leaf 1 → inactive).
    // t=3: leaves 2, 3 get 0.5·0.4 = 0.2; leaf 1 min(1, 1 + 0.2) = 1 (hub → inactive).
    // t=4: leaves 2, 3 send 0.4·0.2 each back to the hub: 0.4 + 0.16 = 0.56; the hub,
    // inactive, does not pass this on. Weights: hub 0.4, leaves 0.2 each.
    // R = 0.4·0.56 + 0.2·(0 + 0.2 + 0.2) = 0.304.
    const n = 4;
    const exposures = matrix(n, [
      [0, 1, 8],
      [0, 2, 8],
      [0, 3, 8],
      [1, 0, 5],
      [2, 0, 5],
      [3, 0, 5],
    ]);
    const h = new Float64Array(n);
    const r = debtRank(exposures, Float64Array.of(20, 10, 10, 10), Float64Array.of(0, 1, 0, 0), h);
    expectVector(h, [0.56, 1, 0.2, 0.2]);
    expect(r).toBeCloseTo(0.304, 12);
  });

  it("chain: distress halves at each link; capped links pass it whole", () => {
    // 0 ← 1 ← 2 ← 3: node k+1 is exposed to node k by 5 against capital 10 (W = ½).
    // Node 0 defaults: h = (1, ½, ¼, ⅛); equal weights ¼: R = ¼(½ + ¼ + ⅛) = 0.21875.
    const n = 4;
    const half = matrix(n, [
      [1, 0, 5],
      [2, 1, 5],
      [3, 2, 5],
    ]);
    const capital = Float64Array.of(10, 10, 10, 10);
    const h = new Float64Array(n);
    expect(debtRank(half, capital, Float64Array.of(1, 0, 0, 0), h)).toBeCloseTo(0.21875, 12);
    expectVector(h, [1, 0.5, 0.25, 0.125]);
    // Exposures above capital: W = 1, the whole chain is wiped out, R = ¾.
    const full = matrix(n, [
      [1, 0, 50],
      [2, 1, 50],
      [3, 2, 50],
    ]);
    expect(debtRank(full, capital, Float64Array.of(1, 0, 0, 0), h)).toBeCloseTo(0.75, 12);
    expectVector(h, [1, 1, 1, 1]);
  });

  it("mutual exposure: feedback reaches the shocked node once", () => {
    // Two nodes exposed to each other with W = ½. Node 0 shocked to 0.2.
    // t=2: h_1 = 0.1. t=3: h_0 = 0.2 + ½·0.1 = 0.25, node 0 already inactive.
    // R = ½·0.05 + ½·0.1 = 0.075.
    const h = new Float64Array(2);
    const r = debtRank(
      matrix(2, [
        [0, 1, 5],
        [1, 0, 5],
      ]),
      Float64Array.of(10, 10),
      Float64Array.of(0.2, 0),
      h,
    );
    expectVector(h, [0.25, 0.1]);
    expect(r).toBeCloseTo(0.075, 12);
  });

  it("zero shock gives zero DebtRank", () => {
    const n = 4;
    const exposures = matrix(n, [
      [1, 0, 5],
      [2, 1, 5],
      [0, 3, 5],
    ]);
    const h = new Float64Array(n).fill(9);
    expect(debtRank(exposures, Float64Array.of(10, 10, 10, 10), new Float64Array(n), h)).toBe(0);
    expectVector(h, [0, 0, 0, 0], 0);
  });

  it("a shock to a node nobody is exposed to stays its own loss", () => {
    // Node 2 has no creditors in the network (column 2 is empty).
    const n = 3;
    const exposures = matrix(n, [
      [1, 0, 5],
      [2, 1, 5],
    ]);
    const h = new Float64Array(n);
    expect(debtRank(exposures, Float64Array.of(10, 10, 10), Float64Array.of(0, 0, 0.7), h)).toBe(0);
    expectVector(h, [0, 0, 0.7], 0);
  });

  it("uses given economic weights, normalised", () => {
    // Chain 0 ← 1 with W = ½; node 0 defaults; weights (1, 3) → v = (¼, ¾): R = ¾·½.
    const h = new Float64Array(2);
    const r = debtRank(matrix(2, [[1, 0, 5]]), Float64Array.of(10, 10), Float64Array.of(1, 0), h, {
      weights: Float64Array.of(1, 3),
    });
    expect(r).toBeCloseTo(0.375, 12);
  });

  it("a node with no capital takes its debtor's full relative loss, whatever the exposure", () => {
    // W = min(1, exposure / capital) = 1 when capital ≤ 0: node 1 mirrors node 0's distress.
    const h = new Float64Array(2);
    debtRank(matrix(2, [[1, 0, 1e-6]]), Float64Array.of(10, 0), Float64Array.of(0.3, 0), h);
    expectVector(h, [0.3, 0.3], 0);
  });

  it("is monotone in the size of the initial shock", () => {
    // Same shocked nodes, larger shock ⇒ every node's final distress and the
    // total loss are at least as large (random networks). R itself on a
    // network without feedback to the shocked node (the chain).
    const rand = mulberry32(7);
    let worstDecrease = Number.NEGATIVE_INFINITY;
    let worstAboveOne = Number.NEGATIVE_INFINITY;
    let lowestRank = Number.POSITIVE_INFINITY;
    for (let trial = 0; trial < 100; trial++) {
      const n = 2 + Math.floor(rand() * 8);
      const exposures = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) if (i !== j && rand() < 0.4) exposures[i * n + j] = 10 * rand();
      }
      const capital = new Float64Array(n);
      for (let i = 0; i < n; i++) capital[i] = 1 + 20 * rand();
      const pattern = new Float64Array(n);
      for (let i = 0; i < n; i++) pattern[i] = rand() < 0.3 ? 0.05 + 0.95 * rand() : 0;
      let previousH = new Float64Array(n);
      let previousTotal = 0;
      for (const scale of [0.1, 0.3, 0.6, 1]) {
        const shock = pattern.map((x) => x * scale);
        const h = new Float64Array(n);
        const r = debtRank(exposures, capital, shock, h);
        let capitalSum = 0;
        for (let i = 0; i < n; i++) capitalSum += capital[i];
        let total = 0;
        for (let i = 0; i < n; i++) {
          total += (capital[i] / capitalSum) * h[i];
          worstDecrease = Math.max(worstDecrease, previousH[i] - h[i]);
          worstAboveOne = Math.max(worstAboveOne, h[i] - 1);
        }
        worstDecrease = Math.max(worstDecrease, previousTotal - total);
        lowestRank = Math.min(lowestRank, r);
        previousH = h;
        previousTotal = total;
      }
    }
    expect(worstDecrease).toBeLessThanOrEqual(1e-15);
    expect(worstAboveOne).toBeLessThanOrEqual(0);
    expect(lowestRank).toBeGreaterThanOrEqual(-1e-15);
    const chain = matrix(4, [
      [1, 0, 5],
      [2, 1, 5],
      [3, 2, 5],
    ]);
    let previousR = -1;
    for (const shock of [0, 0.1, 0.25, 0.5, 1]) {
      const r = debtRank(
        chain,
        Float64Array.of(10, 10, 10, 10),
        Float64Array.of(shock, 0, 0, 0),
        new Float64Array(4),
      );
      expect(r).toBeGreaterThan(previousR);
      previousR = r;
    }
  });

  it("rejects distress outside [0, 1] and mismatched lengths", () => {
    const e = new Float64Array(4);
    const c = Float64Array.of(1, 1);
    expect(() => debtRank(e, c, Float64Array.of(1.5, 0), new Float64Array(2))).toThrow(
      /initialDistress\[0\]/,
    );
    expect(() => debtRank(e, c, Float64Array.of(0, 0), new Float64Array(3))).toThrow(NetworkInputError);
    expect(() => debtRank(new Float64Array(3), c, Float64Array.of(0, 0), new Float64Array(2))).toThrow(
      NetworkInputError,
    );
  });
});
