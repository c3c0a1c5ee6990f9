// `npm run bench:scale -- --profile`: where a one-thread tick's time goes,
// phase by phase (issue 20 item 3). V8's sampling CPU profiler (node:inspector,
// in the benchmark's own process) runs over the timed ticks; each sample is
// charged to the phase of src/model/schedule.ts `step` it fell in (the
// frame called directly by `step`; the metrics tracker's `measure` counts
// as a phase of its own), and within the phase to the passes (anything
// under kernels.ts `runAll`, the part that runs on every thread) or to the
// serial rest (what stays on the main thread). V8 reports functions it
// inlined as frames of their own, so phases inlined into `step` still show.
// A sampling profile: phases under ≈ 1 % of the tick are noise.
import { Session } from "node:inspector/promises";

/** One phase's share of the profiled ticks, in ns per household-tick. */
export interface PhaseTime {
  phase: string;
  /** All of the phase's samples. */
  totalNs: number;
  /** The samples outside the household and firm passes (runAll): the serial share. */
  serialNs: number;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Starts V8's CPU profiler (100-µs sampling); the returned function stops it and returns the profile. */
export async function startProfile(): Promise<() => Promise<Profile>> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 100 });
  await session.post("Profiler.start");
  return async () => {
    const { profile } = (await session.post("Profiler.stop")) as { profile: Profile };
    session.disconnect();
    return profile;
  };
}

function fileOf(url: string): string {
  return url.slice(url.lastIndexOf("/") + 1);
}

/**
 * Per-phase time of `profile`, in ns per household-tick over `ticks` ticks of
 * `households` households, largest first. Samples outside `step` and
 * `measure` (the loop, the GC when V8 charges it to no frame) are "other".
 */
export function phaseTimes(profile: Profile, households: number, ticks: number): PhaseTime[] {
  const byId = new Map<number, ProfileNode>(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const isStep = (n: ProfileNode) =>
    n.callFrame.functionName === "step" && fileOf(n.callFrame.url) === "schedule.ts";
  const isMeasure = (n: ProfileNode) =>
    n.callFrame.functionName === "measure" && fileOf(n.callFrame.url) === "metrics.ts";
  // Each node's phase and whether it sits under runAll, found once per node.
  const phaseOf = new Map<number, [string, boolean]>();
  const classify = (id: number): [string, boolean] => {
    const known = phaseOf.get(id);
    if (known) return known;
    const n = byId.get(id) as ProfileNode;
    const up = parent.get(id);
    let result: [string, boolean];
    if (isMeasure(n)) result = ["metrics: MetricsTracker.measure", false];
    else if (isStep(n)) result = ["step (its own lines)", false];
    else if (up === undefined) result = ["other (outside step)", false];
    else {
      const p = byId.get(up) as ProfileNode;
      if (isStep(p))
        result = [`${n.callFrame.functionName || "(anonymous)"} (${fileOf(n.callFrame.url)})`, false];
      else {
        const [phase, inPass] = classify(up);
        result = [phase, inPass || n.callFrame.functionName === "runAll"];
      }
    }
    phaseOf.set(id, result);
    return result;
  };
  const totals = new Map<string, PhaseTime>();
  for (let s = 0; s < profile.samples.length; s++) {
    const us = profile.timeDeltas[s + 1] ?? 0; // a sample's time is the gap to the next one
    const [phase, inPass] = classify(profile.samples[s]);
    const t = totals.get(phase) ?? { phase, totalNs: 0, serialNs: 0 };
    const ns = (us * 1000) / (households * ticks);
    t.totalNs += ns;
    if (!inPass) t.serialNs += ns;
    totals.set(phase, t);
  }
  return [...totals.values()].sort((a, b) => b.totalNs - a.totalNs);
}

/** The `top` functions by self time outside the passes (the serial share), ns per household-tick, with their phase. */
export function serialHotspots(
  profile: Profile,
  households: number,
  ticks: number,
  top: number,
): PhaseTime[] {
  const byId = new Map<number, ProfileNode>(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, PhaseTime>();
  for (let s = 0; s < profile.samples.length; s++) {
    let inPass = false;
    for (let id: number | undefined = profile.samples[s]; id !== undefined; id = parent.get(id)) {
      if ((byId.get(id) as ProfileNode).callFrame.functionName === "runAll") inPass = true;
    }
    if (inPass) continue;
    const f = (byId.get(profile.samples[s]) as ProfileNode).callFrame;
    const name = `${f.functionName || "(anonymous)"} (${fileOf(f.url) || "native"})`;
    const t = self.get(name) ?? { phase: name, totalNs: 0, serialNs: 0 };
    const ns = ((profile.timeDeltas[s + 1] ?? 0) * 1000) / (households * ticks);
    t.totalNs += ns;
    t.serialNs += ns;
    self.set(name, t);
  }
  return [...self.values()].sort((a, b) => b.serialNs - a.serialNs).slice(0, top);
}

/** The hot-spot list `--profile` prints after the table. */
export function formatHotspots(spots: PhaseTime[]): string {
  return [
    "  serial hot spots, self time (ns per household-tick):",
    ...spots.map((p) => `    ${p.serialNs.toFixed(2).padStart(6)}  ${p.phase}`),
  ].join("\n");
}

/** The table `--profile` prints: phase, ns per household-tick in all, of it serial, share of the serial total. */
export function formatPhaseTimes(households: number, phases: PhaseTime[]): string {
  const serial = phases.reduce((s, p) => s + p.serialNs, 0);
  const total = phases.reduce((s, p) => s + p.totalNs, 0);
  const lines = [
    `profile, ${households.toLocaleString("en-US")} households, 1 thread: ${total.toFixed(1)} ns per household-tick sampled, ${serial.toFixed(1)} serial (${((100 * serial) / total).toFixed(0)} %)`,
    "  phase                                           all ns   serial ns   share of serial",
  ];
  for (const p of phases) {
    if (p.totalNs < 0.05) continue;
    lines.push(
      `  ${p.phase.padEnd(46)} ${p.totalNs.toFixed(1).padStart(7)} ${p.serialNs.toFixed(1).padStart(11)} ${((100 * p.serialNs) / serial).toFixed(1).padStart(12)} %`,
    );
  }
  return lines.join("\n");
}
