import { describe, expect, it } from "vitest";
import { formatDuration, ProgressReporter } from "../src/io/progress.ts";

const CLEAR = "\r\x1b[2K";

function fakeStream(isTTY?: boolean) {
  const chunks: string[] = [];
  return { chunks, isTTY, write: (s: string) => chunks.push(s) };
}

function fakeClock(startMs = 10_000) {
  const clock = { t: startMs, now: () => clock.t };
  return clock;
}

describe("ProgressReporter on a terminal", () => {
  it("rewrites one line in place, at most every 100 ms", () => {
    const stream = fakeStream(true);
    const clock = fakeClock();
    const progress = new ProgressReporter({ total: 600, label: "baseline", stream, now: clock.now });
    const drawnAt: number[] = [];
    for (let ms = 0; ms <= 1000; ms += 10) {
      clock.t = 10_000 + ms;
      const before = stream.chunks.length;
      progress.update(ms / 10, "2030-01");
      if (stream.chunks.length > before) drawnAt.push(ms);
    }
    expect(drawnAt).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    for (const chunk of stream.chunks) {
      expect(chunk.startsWith(CLEAR)).toBe(true);
      expect(chunk).not.toContain("\n");
    }
  });

  it("formats label, tick, detail, rate, elapsed and ETA", () => {
    const stream = fakeStream(true);
    const clock = fakeClock();
    const progress = new ProgressReporter({ total: 600, label: "baseline", stream, now: clock.now });
    clock.t += 2000;
    progress.update(300, "2035-04");
    expect(stream.chunks).toEqual([
      `${CLEAR}baseline tick 300/600 2035-04 | 150 ticks/s | elapsed 0:02 | ETA 0:02`,
    ]);
  });

  it("finish draws the final state, ends the line, and runs once", () => {
    const stream = fakeStream(true);
    const clock = fakeClock();
    const progress = new ProgressReporter({ total: 100, label: "run", stream, now: clock.now });
    progress.update(1, "2030-01");
    clock.t += 50;
    progress.update(100, "2038-04"); // throttled
    expect(stream.chunks).toHaveLength(1);
    clock.t += 950;
    progress.finish();
    progress.finish();
    progress.update(100, "2038-04");
    expect(stream.chunks).toHaveLength(2);
    expect(stream.chunks[1]).toBe(
      `${CLEAR}run tick 100/100 2038-04 | 100 ticks/s | elapsed 0:01 | ETA 0:00\n`,
    );
  });

  it("takes isTTY from the stream unless told otherwise", () => {
    const clock = fakeClock();
    const tty = fakeStream(true);
    new ProgressReporter({ total: 10, label: "a", stream: tty, now: clock.now }).update(1, "");
    expect(tty.chunks[0]!.startsWith(CLEAR)).toBe(true);
    const forcedPlain = fakeStream(true);
    const p = new ProgressReporter({
      total: 10,
      label: "a",
      stream: forcedPlain,
      isTTY: false,
      now: clock.now,
    });
    p.update(1, "");
    expect(forcedPlain.chunks).toEqual([]); // plain mode: first line only after 5 s
  });
});

describe("ProgressReporter off a terminal", () => {
  it("writes a plain line every 5 seconds and a last one at finish", () => {
    const stream = fakeStream(undefined);
    const clock = fakeClock();
    const progress = new ProgressReporter({ total: 1200, label: "sweep 1/4", stream, now: clock.now });
    for (let s = 0; s <= 12; s++) {
      clock.t = 10_000 + s * 1000;
      progress.update(s * 100, `${2030 + s}-01`);
    }
    clock.t = 10_000 + 12_500;
    progress.finish();
    expect(stream.chunks).toEqual([
      "sweep 1/4 tick 500/1200 2035-01 | 100 ticks/s | elapsed 0:05 | ETA 0:07\n",
      "sweep 1/4 tick 1000/1200 2040-01 | 100 ticks/s | elapsed 0:10 | ETA 0:02\n",
      "sweep 1/4 tick 1200/1200 2042-01 | 96 ticks/s | elapsed 0:12 | ETA 0:00\n",
    ]);
    for (const chunk of stream.chunks) expect(chunk).not.toContain("\r");
  });

  it("shows an unknown ETA before any tick is done", () => {
    const stream = fakeStream(false);
    const clock = fakeClock();
    const progress = new ProgressReporter({ total: 10, label: "slow", stream, now: clock.now });
    clock.t += 6000;
    progress.update(0, "2030-01");
    expect(stream.chunks).toEqual(["slow tick 0/10 2030-01 | 0 ticks/s | elapsed 0:06 | ETA -:--\n"]);
  });
});

describe("ProgressReporter quiet", () => {
  it("writes nothing at all, on or off a terminal", () => {
    for (const isTTY of [true, false]) {
      const stream = fakeStream(isTTY);
      const clock = fakeClock();
      const progress = new ProgressReporter({ total: 10, label: "q", quiet: true, stream, now: clock.now });
      for (let i = 0; i < 10; i++) {
        clock.t += 6000;
        progress.update(i, "2030-01");
      }
      progress.finish();
      expect(stream.chunks).toEqual([]);
    }
  });
});

describe("formatDuration", () => {
  it("uses m:ss below an hour and h:mm:ss above", () => {
    expect(formatDuration(0)).toBe("0:00");
    expect(formatDuration(59.9)).toBe("0:59");
    expect(formatDuration(61)).toBe("1:01");
    expect(formatDuration(3725)).toBe("1:02:05");
  });
});
