// "Did you mean …?" for misspelt keys and parameter paths. Names are compared
// case-insensitively by Levenshtein distance; a guess is offered only when it
// is close enough to be a plausible typo, so a wrong guess stays rare.
import { distance } from "fastest-levenshtein";
import { groupPaths, keysAt, leafParameterPaths, schemaAt } from "./schema.ts";

/** Largest edit distance still taken for a typo of `word`. */
function tolerance(word: string): number {
  return Math.max(1, Math.floor(word.length / 3));
}

/**
 * The candidate closest to `word`, if it is close enough to be a typo, or the
 * only candidate that `word` is a prefix of (at least 3 characters).
 */
export function closestName(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best !== undefined && bestDistance <= tolerance(word)) return best;
  if (lower.length >= 3) {
    const extending = candidates.filter((c) => c.toLowerCase().startsWith(lower));
    if (extending.length === 1) return extending[0];
  }
  return undefined;
}

/**
 * The known parameter (or group) path a mistyped dotted path most likely
 * means: first each segment corrected against the keys at its level, then the
 * whole path against all paths, then the last segment against the names of all
 * leaves (`count` alone is ambiguous; `mpcWealthYearly` alone is not).
 */
export function suggestParameterPath(path: string): string | undefined {
  const segments = path.split(".");
  const corrected: string[] = [];
  for (const segment of segments) {
    const keys = keysAt(corrected.join("."));
    const key = keys.includes(segment) ? segment : closestName(segment, keys);
    if (key === undefined) break;
    corrected.push(key);
  }
  if (corrected.length === segments.length && schemaAt(corrected.join(".")) !== undefined) {
    return corrected.join(".");
  }

  const all = [...leafParameterPaths, ...groupPaths];
  const whole = closestName(path, all);
  if (whole !== undefined) return whole;

  const last = segments[segments.length - 1];
  const byName = leafParameterPaths.filter((leaf) => {
    const name = leaf.slice(leaf.lastIndexOf(".") + 1);
    return name.toLowerCase() === last.toLowerCase() || distance(name.toLowerCase(), last.toLowerCase()) <= 1;
  });
  return byName.length === 1 ? byName[0] : undefined;
}
