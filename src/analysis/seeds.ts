/** UTF-8 encoder; it holds no state between calls. */
const utf8 = new TextEncoder();

/**
 * Seed of one run in a sweep: a 32-bit hash of (sweep seed, point id,
 * replication), usable as a config `seed` (0 … 2^32 − 1). It depends on
 * nothing else — not on how many points or replications the sweep has, nor
 * on the order they run in — so adding points or replications never changes
 * the seed, and therefore the results, of existing runs (docs/sweeps.md, "Seeds, point ids, determinism").
 *
 * The three values are written as the canonical string
 * JSON.stringify([sweepSeed, pointId, replication]) (quoting keeps
 * "a" + "1:2" apart from "a:1" + "2"), hashed by 32-bit FNV-1a over its UTF-8
 * bytes, then passed through murmur3's fmix32 finaliser so that seeds of
 * neighbouring replications differ in about half their bits. As with any
 * 32-bit value, two of m runs share a seed with probability ≈ m²/2³³
 * (about 1 % for 10 000 runs); the point and replication still differ.
 *
 * Reference: Fowler–Noll–Vo hash, http://www.isthe.com/chongo/tech/comp/fnv/
 * and https://en.wikipedia.org/wiki/Fowler%E2%80%93Noll%E2%80%93Vo_hash_function;
 * fmix32 from MurmurHash3, https://github.com/aappleby/smhasher/blob/master/src/MurmurHash3.cpp
 *
 * @example
 * runSeed(42, "p0007", 3); // the same number on every machine, forever
 *
 * @throws {RangeError} if `sweepSeed` is not an integer in [0, 2^32 − 1] or
 *   `replication` is not a non-negative safe integer.
 */
export function runSeed(sweepSeed: number, pointId: string, replication: number): number {
  if (!Number.isInteger(sweepSeed) || sweepSeed < 0 || sweepSeed > 0xffffffff) {
    throw new RangeError(`sweepSeed must be an integer in [0, 4294967295], got ${sweepSeed}`);
  }
  if (!Number.isSafeInteger(replication) || replication < 0) {
    throw new RangeError(`replication must be a non-negative integer, got ${replication}`);
  }
  const bytes = utf8.encode(JSON.stringify([sweepSeed, pointId, replication]));
  let h = 0x811c9dc5; // FNV-1a 32-bit offset basis
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193); // FNV prime
  }
  // murmur3 fmix32
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
