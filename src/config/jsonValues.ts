// Small helpers on parsed JSON values, shared by the config modules (and,
// through validate.ts, by the sweep and calibration specs): what counts as
// an object of keys, and how a key is written in a JSON pointer.

/** True for an object of keys (not null, not a list). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A JSON pointer segment for `key`. */
export function escapePointerSegment(key: string): string {
  return key.replaceAll("~", "~0").replaceAll("/", "~1");
}
