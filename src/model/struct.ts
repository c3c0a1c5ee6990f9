// Parameter structs and packed records declared once (issue 20 items 1–2):
// a pass's scalar inputs travel to the kernels in a Float64Array (shared
// with the worker threads, passes.ts PassWork.args), and a serial phase may
// pack a record per agent (markets/credit.ts financeFirms). Instead of
// numbering the slots by hand on both sides — where a new field can reuse a
// slot or overflow the buffer unnoticed — a struct is declared by its field
// names and types; offsets are derived from the declaration, the writer
// needs every field (a missing one is a compile error) and checks that the
// record fits its buffer, and the kernel reads through the same offsets.
// No imports, no state: constants and pure functions only.

/** A field's type: a float64, or an int32 (read through an Int32Array over the same memory). */
export type FieldType = "f64" | "i32";

/** The values of every field of a struct declared as `F`. */
export type StructValues<F extends Record<string, FieldType>> = { readonly [K in keyof F]: number };

/** A struct's layout, derived from its declaration. */
export interface Struct<F extends Record<string, FieldType>> {
  /**
   * Each field's index within one record: f64 fields index a Float64Array,
   * i32 fields an Int32Array over the same buffer (record r's field k is at
   * r × stride + at.k, or r × i32Stride + at.k).
   */
  readonly at: { readonly [K in keyof F]: number };
  /** The fields in declaration order, and their types. */
  readonly fields: readonly (keyof F & string)[];
  readonly types: F;
  /** Bytes per record, a multiple of 8 (f64 fields first, then i32 fields packed). */
  readonly bytes: number;
  /** Record size in float64 slots (bytes / 8) and in int32 slots (bytes / 4). */
  readonly stride: number;
  readonly i32Stride: number;
  /**
   * Writes every field of record `record` (default 0). `ints` is an Int32Array
   * over `floats`' buffer, needed only when the struct has i32 fields. Throws
   * when the record does not fit the buffer.
   */
  write(floats: Float64Array, values: StructValues<F>, record?: number, ints?: Int32Array): void;
  /** Reads every field of record `record` into a plain object (tests, debugging; not for hot loops). */
  read(floats: Float64Array, record?: number, ints?: Int32Array): StructValues<F>;
}

/**
 * Declares a struct: `defineStruct({ wage: "f64", bank: "i32" })`. Offsets
 * follow the declaration order, f64 fields before i32 fields (so every f64
 * is 8-byte aligned); the record is padded to a whole number of float64s.
 */
export function defineStruct<const F extends Record<string, FieldType>>(types: F): Struct<F> {
  const fields = Object.keys(types) as (keyof F & string)[];
  if (fields.length === 0) throw new Error("defineStruct: a struct needs at least one field");
  const at = {} as { [K in keyof F]: number };
  let floats = 0;
  for (const k of fields) {
    const t = types[k];
    if (t !== "f64" && t !== "i32") throw new Error(`defineStruct: field ${k} has unknown type ${String(t)}`);
    if (t === "f64") at[k] = floats++;
  }
  let ints = 2 * floats;
  for (const k of fields) if (types[k] === "i32") at[k] = ints++;
  const stride = Math.ceil(ints / 2);
  const struct: Struct<F> = {
    at: Object.freeze(at),
    fields: Object.freeze(fields),
    types,
    bytes: stride * 8,
    stride,
    i32Stride: 2 * stride,
    write(floatView, values, record = 0, intView) {
      check(floatView, record, intView);
      const fb = record * stride;
      const ib = record * 2 * stride;
      for (const k of fields) {
        const v = values[k];
        if (types[k] === "f64") floatView[fb + at[k]] = v;
        else (intView as Int32Array)[ib + at[k]] = v;
      }
    },
    read(floatView, record = 0, intView) {
      check(floatView, record, intView);
      const out = {} as { [K in keyof F]: number };
      for (const k of fields) {
        out[k] =
          types[k] === "f64"
            ? floatView[record * stride + at[k]]
            : (intView as Int32Array)[record * 2 * stride + at[k]];
      }
      return out;
    },
  };
  const hasInts = ints > 2 * floats;
  function check(floatView: Float64Array, record: number, intView: Int32Array | undefined): void {
    if (!Number.isInteger(record) || record < 0 || (record + 1) * stride > floatView.length) {
      throw new RangeError(
        `struct record ${record} of ${stride} float64s does not fit a buffer of ${floatView.length}`,
      );
    }
    if (
      hasInts &&
      (intView === undefined ||
        intView.buffer !== floatView.buffer ||
        intView.byteOffset !== floatView.byteOffset)
    ) {
      throw new Error("struct with i32 fields: pass an Int32Array over the same memory as the Float64Array");
    }
  }
  return struct;
}
