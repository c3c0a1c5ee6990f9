// Randomness that is reproducible and does not depend on how agents are split
// across threads (docs/development.md, "Engine principles").
//
// - `agentUniform(seed, stream, tick, agent)` is a counter-based generator: a
//   pure hash of its four integer inputs. A draw made for household 17 in
//   tick 40 is the same whichever thread or slice computes it, and costs a
//   few integer multiplications — no state, no allocation in hot loops.
// - `NamedStreams` expands the run seed into independent seedrandom (Alea)
//   streams for sequential decisions made by the coordinator (matching order,
//   supplier draws at entry). Their state can be saved for checkpoints.
import seedrandom from "seedrandom";

/** Stream ids for counter-based per-agent draws. One id per kind of decision. */
export const AgentStream = {
  separation: 1,
  supplierSwitch: 2,
  supplierPick: 3,
  markup: 4,
  wage: 5,
  capitalSupplier: 6,
  initialization: 7,
  initialization2: 8,
  exposure: 9,
  automationFirm: 10,
  automationLayoff: 11,
  firmProductivity: 12,
  firmAppeal: 13,
  /** markets/labourMatch.ts: the firms' contacts and skill-mismatch draws under the simultaneous protocol. */
  labourContact: 14,
  labourSkill: 15,
  /** firmHistory.ts: the firms' productivity and appeal rules run over the years before the start (initial.firmHistoryYears). */
  firmHistoryProductivity: 16,
  firmHistoryAppeal: 17,
  /** agents/households.ts: which customers of a firm that ran out of stock were turned away (households.stockoutSearchSensitivity). */
  stockoutTurnedAway: 18,
} as const;

/** murmur3's 32-bit finaliser: a bijective avalanche mix. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/**
 * Key of the counter (seed, stream, tick): computed once per phase, outside
 * the loop over agents, so each per-agent draw costs one more mixing round.
 */
export function streamKey(seed: number, stream: number, tick: number): number {
  let h = fmix32((seed ^ 0x9e3779b9) >>> 0);
  h = fmix32((h ^ Math.imul(stream + 1, 0x27d4eb2f)) >>> 0);
  return fmix32((h ^ Math.imul(tick + 1, 0x165667b1)) >>> 0);
}

/** Uniform draw in [0, 1) for `agent` under a key from streamKey. */
export function keyedUniform(key: number, agent: number): number {
  return (fmix32((key ^ Math.imul(agent + 1, 0x9e3779b1)) >>> 0) >>> 0) / 4294967296;
}

/**
 * Uniform draw in [0, 1) from the counter (seed, stream, tick, agent).
 * Each input is mixed in with a full avalanche round, so neighbouring agents,
 * ticks or streams give unrelated draws.
 */
export function agentUniform(seed: number, stream: number, tick: number, agent: number): number {
  return keyedUniform(streamKey(seed, stream, tick), agent);
}

/** Fisher–Yates shuffle of `a[0..n)` in place, driven by `rnd` (one draw per position from n − 1 down to 1). */
export function shuffle(rnd: () => number, a: Int32Array, n: number): void {
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

/** A seedrandom PRNG whose state can be read and restored (for checkpoints). */
export interface StatefulPrng {
  (): number;
  state(): object;
}

/** Independent named streams expanded from the run seed. */
export class NamedStreams {
  private readonly streams = new Map<string, StatefulPrng>();
  constructor(private readonly seed: number) {}

  /** The stream called `name`, created on first use from (seed, name). */
  get(name: string): StatefulPrng {
    let s = this.streams.get(name);
    if (!s) {
      s = seedrandom.alea(`spiral/${this.seed}/${name}`, { state: true }) as unknown as StatefulPrng;
      this.streams.set(name, s);
    }
    return s;
  }

  /** Integer in [0, n) from the named stream. */
  int(name: string, n: number): number {
    return Math.floor(this.get(name)() * n);
  }

  /** Fisher–Yates shuffle of `a[0..n)` in place, driven by the named stream. */
  shuffle(name: string, a: Int32Array, n: number): void {
    shuffle(this.get(name), a, n);
  }

  /** Saved states of every stream used so far, sorted by name (deterministic). */
  saveState(): Record<string, object> {
    const out: Record<string, object> = {};
    for (const name of [...this.streams.keys()].sort()) out[name] = this.streams.get(name)!.state();
    return out;
  }

  /**
   * Replaces every stream by the saved states from saveState (checkpoint
   * resume): each continues exactly where it stopped; streams not saved
   * start fresh on first use, as they would have.
   */
  restoreState(states: Record<string, object>): void {
    this.streams.clear();
    for (const name of Object.keys(states).sort()) {
      const s = seedrandom.alea("", { state: states[name] as never }) as unknown as StatefulPrng;
      this.streams.set(name, s);
    }
  }
}
