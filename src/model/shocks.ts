// Aggregate shocks (docs/ODD.md §7, "Aggregate shocks"): three AR(1)
// processes that hit the whole non-AI economy at once, so the business cycle
// is not only the echo of idiosyncratic firm noise —
//
// - productivity (TFP): log z_t = ρ log z_{t−1} + σ ε_t; every non-AI
//   firm's output per worker is z × its labour productivity (agents/firms.ts).
//   Kydland & Prescott (1982), Cooley & Prescott (1995): the Solow residual
//   is an AR(1) with ρ ≈ 0.95 a quarter, innovations ≈ 0.7 % a quarter.
// - investment (marginal efficiency of investment): a shift of every
//   consumption firm's desired capacity growth, per year
//   (agents/firms.ts desiredCapacityGrowth). Justiniano, Primiceri &
//   Tambalotti (2010) find shocks of this kind behind most of the US
//   business cycle's investment and output variance.
// - credit spread (credit supply): added to every bank's loan spread
//   (agents/banks.ts setCreditTerms), so loan rates, debt service and,
//   through investment's credit term, investment move with it; Gilchrist &
//   Zakrajšek (2012): the excess bond premium, a credit-supply shock, leads
//   investment and output.
//
// Each process draws its innovation on the main thread, once per tick, from
// its own named seed stream (rng.ts NamedStreams: "shock.productivity",
// "shock.investment", "shock.creditSpread"), so a run is the same for any
// number of threads; a process whose sd is 0 draws nothing and stays at 0.
// With shocks.start set, nothing is drawn before that calendar month: a
// scenario that starts from an observed state (baseline-2025 in 2025-11)
// warms up without aggregate shocks, so the observed month is not put at a
// random phase of the cycle (configs/schema.json shocks.start).
import { tickOfMonth } from "../config/calendar.ts";
import type { SpiralConfig } from "../config/configTypes.ts";
import type { Month } from "./month.ts";
import type { NamedStreams } from "./rng.ts";
import type { ShockState } from "./state.ts";

/** One AR(1) process's parameters (configs/schema.json shocks.*). */
export interface Ar1Params {
  /** ρ: monthly persistence, in [0, 1). */
  persistence: number;
  /** σ: sd of the monthly innovation. */
  sdMonthly: number;
}

/** The shock state before the first tick: every process at 0. */
export function initialShocks(): ShockState {
  return { productivity: 0, productivityFactor: 1, investment: 0, creditSpread: 0 };
}

/** x_t = ρ x_{t−1} + σ ε_t. */
export function ar1Step(x: number, p: Ar1Params, epsilon: number): number {
  return p.persistence * x + p.sdMonthly * epsilon;
}

/**
 * A standard normal draw from a uniform generator on [0, 1) (Box–Muller,
 * cosine branch; two uniforms per draw, the first mapped to (0, 1] so the
 * logarithm is finite).
 */
export function standardNormal(uniform: () => number): number {
  const u1 = 1 - uniform();
  const u2 = uniform();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * Advances one process: a draw from its stream when σ > 0; with σ = 0 no
 * draw is made (the stream is never created) and the level decays to 0.
 */
function advance(streams: NamedStreams, stream: string, x: number, p: Ar1Params): number {
  if (p.sdMonthly <= 0) return p.persistence * x;
  return ar1Step(x, p, standardNormal(streams.get(stream)));
}

/** First tick at which the shocks are drawn: shocks.start's tick, or 1 when it is "" (the default). */
export function shocksStartTick(startDate: string, start: string): number {
  return start === "" ? 1 : tickOfMonth(startDate, start);
}

/**
 * The tick's aggregate shocks: each process of `shocks` one AR(1) step on its
 * own stream of `streams`, from shocks.start on (before it every process
 * stays at 0 and draws nothing). Writes only `shocks`.
 */
export function drawShocks(
  shocks: ShockState,
  p: SpiralConfig["shocks"],
  month: Month,
  streams: NamedStreams,
): void {
  if (month.tick < shocksStartTick(month.startDate, p.start)) return;
  const s = shocks;
  s.productivity = advance(streams, "shock.productivity", s.productivity, p.productivity);
  s.productivityFactor = Math.exp(s.productivity);
  s.investment = advance(streams, "shock.investment", s.investment, p.investment);
  s.creditSpread = advance(streams, "shock.creditSpread", s.creditSpread, p.creditSpread);
}
