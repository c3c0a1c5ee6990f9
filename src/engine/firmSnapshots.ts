// `firms.csv`: one row per non-AI firm, once a model year after the burn-in —
// the cross-section behind the firm-size distribution of `spiral facts`.
// Values are per simulated firm in model units (USD of the scaled economy,
// real units of goods), not multiplied up to US scale: the distribution's
// shape is what matters. Streamed like series.csv and committed at close().
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ModelFailure } from "../errors.ts";
import { AtomicFileStream } from "../io/atomicWrite.ts";
import type { ModelState } from "../model/index.ts";

export const FIRMS_FILE = "firms.csv";

/** Columns of firms.csv, in file order. */
export const FIRM_COLUMNS = [
  "tick",
  "firm",
  "sector",
  "employees",
  "outputReal",
  "salesNominal",
  "capitalReal",
  "loans",
  "deposits",
  "price",
] as const;

/** What a snapshot reads: the tick and the non-AI firms (the core model's state is one). */
export type FirmTable = Pick<ModelState, "tick" | "firms">;

/** Ticks between two snapshots: one model year. */
export const SNAPSHOT_INTERVAL_TICKS = 12;

/** True for the ticks that get a snapshot: every 12th tick after the burn-in. */
export function isSnapshotTick(tick: number, burnInTicks: number): boolean {
  return tick > burnInTicks && (tick - burnInTicks) % SNAPSHOT_INTERVAL_TICKS === 0;
}

export class FirmSnapshotWriter {
  readonly path: string;
  #stream: AtomicFileStream;

  /**
   * Opens the temp file for `<folder>/firms.csv` and writes the header, or
   * else `resumed`: the bytes an earlier writer of the same run wrote (from a checkpoint).
   */
  constructor(folder: string, resumed?: Uint8Array) {
    this.path = join(folder, FIRMS_FILE);
    this.#stream = new AtomicFileStream(this.path);
    this.#stream.write(resumed ?? `${FIRM_COLUMNS.join(",")}\n`);
  }

  /** The bytes written so far (for checkpoints). */
  writtenBytes(): Uint8Array {
    return readFileSync(this.#stream.tempPath);
  }

  /**
   * Appends one row per firm for the model's current tick.
   * @throws ModelFailure if a firm holds a non-finite value.
   */
  append(m: FirmTable): void {
    const f = m.firms;
    const lines: string[] = [];
    for (let j = 0; j < f.n; j++) {
      const sector = j < f.nConsumption ? "consumption" : "capital";
      const values = [
        f.employees[j],
        f.output[j],
        f.salesNominal[j],
        f.capital[j],
        f.loans[j],
        f.deposits[j],
        f.price[j],
      ];
      for (let c = 0; c < values.length; c++) {
        if (!Number.isFinite(values[c])) {
          throw new ModelFailure(
            `firm ${j} has ${FIRM_COLUMNS[c + 3]} = ${values[c]} at tick ${m.tick}; the model must never produce non-finite values`,
            m.tick,
            `firms.${FIRM_COLUMNS[c + 3]}[${j}]`,
          );
        }
      }
      // -0 becomes 0, as in series.csv.
      lines.push(`${m.tick},${j},${sector},${values.map((v) => String(v === 0 ? 0 : v)).join(",")}\n`);
    }
    this.#stream.write(lines.join(""));
  }

  /** Commits firms.csv under its final name (header only if no snapshot was taken). */
  close(): void {
    this.#stream.commit();
  }

  /** Removes the temp file. No-op after close(). */
  abort(): void {
    this.#stream.abort();
  }
}
