// responseAt: the shocked run minus the base run over the quarter ending at a
// horizon, as a level difference or a log difference in per cent, on hand-made series.
import { describe, expect, it } from "vitest";
import { responseAt } from "../src/analysis/impulseResponse.ts";

describe("responseAt", () => {
  const base = [1, 1, 1, 1, 1, 1];
  const shocked = [1, 1, 1.1, 1.2, 1.3, 1];

  it("log: 100 × ln of the ratio of the window means", () => {
    // Shock at index 2; horizon 0 with window 2 → indices 1…2 (1 and 1.1).
    expect(responseAt(base, shocked, 2, 0, 2, "log")).toBeCloseTo(100 * Math.log(1.05), 12);
    expect(responseAt(base, shocked, 2, 2, 3, "log")).toBeCloseTo(100 * Math.log(1.2), 12);
  });

  it("level: the difference of the window means × scale", () => {
    expect(responseAt(base, shocked, 2, 2, 3, "level", 100)).toBeCloseTo(20, 12);
    expect(responseAt(base, shocked, 2, 0, 1, "level")).toBeCloseTo(0.1, 14);
  });

  it("NaN outside the series or for a non-positive log mean", () => {
    expect(responseAt(base, shocked, 2, 4, 3, "log")).toBeNaN();
    expect(responseAt(base, shocked, 0, 0, 3, "log")).toBeNaN();
    expect(responseAt([0, 0], [1, 1], 0, 1, 2, "log")).toBeNaN();
  });
});
