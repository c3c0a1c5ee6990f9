// The crisis flag's output-drop test (metrics.ts outputDropped) on hand-built
// real-output histories: a one-month dip that a quarter's mean sees as a 3 %
// drop and a six-month mean filters out (metrics.crisisGdpMonths, the noise
// of a finite population's monthly output), and a sustained fall that both
// flag.
import { describe, expect, it } from "vitest";
import { meanOver, outputDropped } from "../src/model/metrics.ts";

/** Index = tick (index 0 unused, as in the metrics' histories); 100 every month unless `at` says otherwise. */
function history(ticks: number, at: (t: number) => number | undefined = () => undefined): Float64Array {
  const a = new Float64Array(ticks + 1);
  for (let t = 1; t <= ticks; t++) a[t] = at(t) ?? 100;
  return a;
}

describe("the crisis flag's output drop", () => {
  it("meanOver averages the months ending at t, from tick 1 at the earliest", () => {
    const a = history(10, (t) => t);
    expect(meanOver(a, 10, 3)).toBe(9); // (8 + 9 + 10) / 3
    expect(meanOver(a, 10, 1)).toBe(10);
    expect(meanOver(a, 2, 6)).toBe(1.5); // ticks 1–2 only
  });

  it("a one-month dip of 10 % crosses a 3 % drop on 3-month means but not on 6-month means", () => {
    const dip = history(30, (t) => (t === 20 ? 90 : undefined));
    // 3-month mean at tick 20: (100 + 100 + 90) / 3 = 96.7, 3.3 % below the peak; 6-month: 98.3, 1.7 % below.
    expect(outputDropped(dip, 20, 3, 0.03)).toBe(true);
    expect(outputDropped(dip, 20, 6, 0.03)).toBe(false);
    // Before the dip and once it has left the 3-month window, no drop.
    expect(outputDropped(dip, 19, 3, 0.03)).toBe(false);
    expect(outputDropped(dip, 23, 3, 0.03)).toBe(false);
  });

  it("a sustained 5 % fall crosses on either mean once the mean has absorbed it", () => {
    const fall = history(30, (t) => (t >= 15 ? 95 : undefined));
    for (const months of [3, 6]) {
      expect(outputDropped(fall, 14, months, 0.03), `${months} months, before`).toBe(false);
      expect(outputDropped(fall, 14 + months, months, 0.03), `${months} months, after`).toBe(true);
    }
    // The 6-month mean needs longer to cross: at tick 17 it is (3 × 100 + 3 × 95) / 6 = 97.5, 2.5 % down.
    expect(outputDropped(fall, 17, 6, 0.03)).toBe(false);
    expect(outputDropped(fall, 17, 3, 0.03)).toBe(true);
  });
});
