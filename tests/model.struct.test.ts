// struct.ts defineStruct: offsets derived from a declaration (issue 20 item 1),
// and the passes' parameter structs that use it fit the shared argument buffer.
import { describe, expect, it } from "vitest";
import { PlanArgs } from "../src/model/agents/firms.ts";
import { IncomeArgs } from "../src/model/agents/households.ts";
import { PurchaseArgs } from "../src/model/markets/goods.ts";
import { SeparationArgs } from "../src/model/markets/labour.ts";
import { ARG_SLOTS } from "../src/model/passes.ts";
import { defineStruct } from "../src/model/struct.ts";

describe("defineStruct", () => {
  it("numbers f64 fields in declaration order, then packs i32 fields after them", () => {
    const s = defineStruct({ a: "f64", flags: "i32", b: "f64", bank: "i32", c: "f64" });
    expect(s.at).toEqual({ a: 0, b: 1, c: 2, flags: 6, bank: 7 });
    expect(s.fields).toEqual(["a", "flags", "b", "bank", "c"]);
    expect(s.stride).toBe(4); // 3 float64s + 2 int32s = 32 bytes
    expect(s.i32Stride).toBe(8);
    expect(s.bytes).toBe(32);
    // An odd number of int32s pads the record to a whole float64.
    const odd = defineStruct({ x: "f64", i: "i32", j: "i32", k: "i32" });
    expect(odd.stride).toBe(3);
    expect(odd.at).toEqual({ x: 0, i: 2, j: 3, k: 4 });
  });

  it("writes and reads records through the derived offsets, several per buffer", () => {
    const s = defineStruct({ wage: "f64", bank: "i32", price: "f64" });
    const floats = new Float64Array(3 * s.stride);
    const ints = new Int32Array(floats.buffer);
    s.write(floats, { wage: 1.5, bank: -7, price: 2.25 }, 0, ints);
    s.write(floats, { wage: 3, bank: 42, price: 0.1 }, 2, ints);
    expect(s.read(floats, 0, ints)).toEqual({ wage: 1.5, bank: -7, price: 2.25 });
    expect(s.read(floats, 1, ints)).toEqual({ wage: 0, bank: 0, price: 0 });
    expect(s.read(floats, 2, ints)).toEqual({ wage: 3, bank: 42, price: 0.1 });
    // The kernel's view: record r's fields at r × stride + at.k (floats) and r × i32Stride + at.k (ints).
    expect(floats[2 * s.stride + s.at.price]).toBe(0.1);
    expect(ints[2 * s.i32Stride + s.at.bank]).toBe(42);
    // The int32 lies in memory of its own: the floats around it are untouched.
    expect(floats[2 * s.stride + s.at.wage]).toBe(3);
  });

  it("refuses a record that does not fit, a missing int view and an empty or mistyped declaration", () => {
    const s = defineStruct({ a: "f64", b: "f64", c: "f64" });
    expect(() => s.write(new Float64Array(2), { a: 1, b: 2, c: 3 })).toThrow(/does not fit a buffer of 2/);
    expect(() => s.write(new Float64Array(6), { a: 1, b: 2, c: 3 }, 2)).toThrow(/record 2/);
    expect(() => s.write(new Float64Array(6), { a: 1, b: 2, c: 3 }, -1)).toThrow(RangeError);
    const mixed = defineStruct({ a: "f64", n: "i32" });
    expect(() => mixed.write(new Float64Array(2), { a: 1, n: 2 })).toThrow(/Int32Array over the same memory/);
    expect(() => mixed.write(new Float64Array(2), { a: 1, n: 2 }, 0, new Int32Array(4))).toThrow(
      /same memory/,
    );
    expect(() => defineStruct({})).toThrow(/at least one field/);
    expect(() => defineStruct({ a: "f32" as "f64" })).toThrow(/unknown type f32/);
  });

  it("gives the passes' argument structs distinct slots that fit PassWork.args", () => {
    for (const s of [IncomeArgs, PlanArgs, SeparationArgs, PurchaseArgs]) {
      expect(s.stride).toBeLessThanOrEqual(ARG_SLOTS);
      const at = s.at as Readonly<Record<string, number>>;
      const slots = s.fields.map((k) => at[k]);
      expect(new Set(slots).size).toBe(slots.length);
      expect(Math.max(...slots)).toBe(slots.length - 1);
      // Written through the struct, each field reads back from its own slot.
      const args = new Float64Array(ARG_SLOTS);
      const values = Object.fromEntries(s.fields.map((k, i) => [k, i + 0.5]));
      s.write(args, values as never);
      for (const [i, k] of s.fields.entries()) expect(args[at[k]]).toBe(i + 0.5);
    }
    expect(IncomeArgs.fields).toHaveLength(20);
  });
});
