// Who works where: each firm's workers form a doubly linked list through the
// household columns, so hiring, quitting and firing are O(1) and picking a
// random worker walks one firm's list only.
import type { Firms, Households } from "./state.ts";

/** Household `h` (unemployed) starts working at firm `f`; the firm's vacancy is filled. */
export function hire(hh: Households, firms: Firms, h: number, f: number): void {
  const head = firms.firstWorker[f];
  hh.employer[h] = f;
  hh.prevWorker[h] = -1;
  hh.nextWorker[h] = head;
  if (head >= 0) hh.prevWorker[head] = h;
  firms.firstWorker[f] = h;
  firms.workers[f]++;
  firms.vacancy[f] = 0;
}

/** Household `h` leaves its employer (quit or fired); a notice given to it lapses. */
export function separate(hh: Households, firms: Firms, h: number): void {
  const f = hh.employer[h];
  if (f < 0) return;
  const prev = hh.prevWorker[h];
  const next = hh.nextWorker[h];
  if (prev >= 0) hh.nextWorker[prev] = next;
  else firms.firstWorker[f] = next;
  if (next >= 0) hh.prevWorker[next] = prev;
  hh.prevWorker[h] = -1;
  hh.nextWorker[h] = -1;
  hh.employer[h] = -1;
  firms.workers[f]--;
  if (firms.notice[f] === h) firms.notice[f] = -1;
}

/** The `k`-th worker (0-based) in firm `f`'s list. */
export function workerAt(hh: Households, firms: Firms, f: number, k: number): number {
  let h = firms.firstWorker[f];
  for (let i = 0; i < k && h >= 0; i++) h = hh.nextWorker[h];
  return h;
}
