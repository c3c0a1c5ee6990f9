// The run's calendar (issue 16 item 2): tick 1 is the config's startDate,
// each tick one month. The AI chain's events (contracts, stakes, backstops)
// and the central bank's overrides and path steps are dated in calendar
// months "YYYY-MM";
// the model turns them into ticks here. The chain starts in aiChain.start
// (default 2025-11); an event dated before it begins with the
// chain, so moving the chain's start moves those events with it, while
// events dated later keep their calendar month.
//
// checkCalendar lists what is wrong with a schema-valid config's months and
// firm names, as {pointer, problem} pairs that validate.ts turns into the
// usual one-line errors (exit 2, nothing written).
import type { SpiralConfig } from "./configTypes.ts";

/** Months since year 0 of a "YYYY-MM" month (the schema's pattern guarantees the form). */
export function monthIndex(month: string): number {
  const [y, m] = month.split("-").map(Number);
  return y * 12 + (m - 1);
}

/** "YYYY-MM" of a month index. */
export function monthOfIndex(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** Tick of calendar month `month` in a run whose tick 1 is `startDate` (may be ≤ 0 or past the end). */
export function tickOfMonth(startDate: string, month: string): number {
  return monthIndex(month) - monthIndex(startDate) + 1;
}

/** Calendar month of a tick, "YYYY-MM". */
export function monthOfTick(startDate: string, tick: number): string {
  return monthOfIndex(monthIndex(startDate) + tick - 1);
}

/** The tick the AI chain starts acting at. */
export function chainStartTick(config: SpiralConfig): number {
  return tickOfMonth(config.startDate, config.aiChain.start);
}

/**
 * The tick of a chain event dated `month`: never before the chain's start
 * (the chain does not act before it).
 */
export function chainEventTick(config: SpiralConfig, month: string): number {
  return Math.max(chainStartTick(config), tickOfMonth(config.startDate, month));
}

export interface CalendarProblem {
  /** JSON pointer of the offending value. */
  pointer: string;
  problem: string;
}

/**
 * Months outside the run, ends before their starts, and firm names that name
 * no chain firm. The chain's entries are checked only when aiChain.enabled.
 */
export function checkCalendar(config: SpiralConfig): CalendarProblem[] {
  const out: CalendarProblem[] = [];
  const first = config.startDate;
  const last = monthOfTick(first, config.ticks);
  const runText = `the run's months are ${first} to ${last} (startDate, ticks)`;
  const within = (pointer: string, month: string): boolean => {
    const t = tickOfMonth(first, month);
    if (t >= 1 && t <= config.ticks) return true;
    out.push({ pointer, problem: `${month} is outside the run; ${runText}` });
    return false;
  };
  const notBefore = (pointer: string, month: string, floor: string, what: string): void => {
    if (monthIndex(month) < monthIndex(floor))
      out.push({ pointer, problem: `${month} is before ${what} ${floor}` });
  };

  config.centralBank.path.forEach((step, k) => {
    within(`/centralBank/path/${k}/from`, step.from);
  });
  config.centralBank.overrides.forEach((o, k) => {
    const at = `/centralBank/overrides/${k}`;
    const level = o.rateYearly !== undefined;
    const offset = o.addYearly !== undefined;
    if (level === offset)
      out.push({
        pointer: at,
        problem: level
          ? "has both rateYearly (a level) and addYearly (a shift of the rule's rate); give one"
          : "needs rateYearly (the rate held) or addYearly (a shift added to the rule's rate)",
      });
    within(`${at}/from`, o.from);
    notBefore(`${at}/until`, o.until, o.from, "its `from` month");
  });

  const ai = config.aiChain;
  if (!ai.enabled) return out;
  const chainStart = ai.start;
  if (!within("/aiChain/start", ai.start)) return out;
  const names = ai.firms.map((f) => f.name);
  const known = new Set(names);
  const firm = (pointer: string, name: string): void => {
    if (!known.has(name))
      out.push({
        pointer,
        problem: `no AI-chain firm is named "${name}" (aiChain.firms: ${names.join(", ")})`,
      });
  };
  ai.computeContracts.forEach((k, j) => {
    const at = `/aiChain/computeContracts/${j}`;
    firm(`${at}/buyer`, k.buyer);
    firm(`${at}/seller`, k.seller);
    within(`${at}/start`, k.start);
  });
  ai.equityStakes.forEach((s, j) => {
    const at = `/aiChain/equityStakes/${j}`;
    firm(`${at}/investor`, s.investor);
    firm(`${at}/investee`, s.investee);
    within(`${at}/start`, s.start);
  });
  ai.backstops.forEach((b, j) => {
    const at = `/aiChain/backstops/${j}`;
    firm(`${at}/guarantor`, b.guarantor);
    firm(`${at}/beneficiary`, b.beneficiary);
    // The backstop runs from the chain's start; one that ends before it would never run.
    notBefore(`${at}/until`, b.until, chainStart, "the chain's start (aiChain.start)");
  });
  return out;
}
