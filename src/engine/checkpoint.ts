// Checkpoints: a run's complete state in one file, written atomically, from
// which `spiral run --resume-from FILE` continues to byte-identical outputs.
//
// Layout: the 8-byte magic "SPCKPT01", the header length (uint32 LE, then 4
// zero bytes), the header as UTF-8 JSON, then binary blocks aligned to 8
// bytes: every typed array of the state (found by walkState, so columns
// other engineers add are included without code here), one Float64 block
// with every plain number (exact bits, so −0, NaN and ±Infinity survive), and
// the bytes of the outputs written so far that are not kept in memory
// (events.ndjson, firms.csv). The header holds the Spiral version, the
// resolved config and its hash, the state's layout, strings/booleans, the
// RNG streams' states and the series rows so far (one per tick: few).
// A checkpoint is refused (InputError, exit 2) when the Spiral version, the
// config or the state's layout differs, naming the file and what differs.
import { createHash } from "node:crypto";
import { closeSync, openSync, readSync } from "node:fs";
import type { SpiralConfig } from "../config/index.ts";
import { InputError } from "../errors.ts";
import { AtomicFileStream } from "../io/atomicWrite.ts";
import { SPIRAL_VERSION } from "../io/manifest.ts";
import { itemShape, type StateItem, walkState } from "./stateWalk.ts";

export const CHECKPOINT_FILE = "checkpoint.spck";
const MAGIC = "SPCKPT01";
const FORMAT = 1;

/** Outputs written before the checkpoint, restored into the resumed run's files. */
export interface CheckpointOutputs {
  /** Every series row so far, in order. */
  seriesRows: (number | string)[][];
  /** Bytes of events.ndjson so far. */
  events: Uint8Array;
  /** Bytes of firms.csv so far (its header included). */
  firms: Uint8Array;
}

interface Block {
  offset: number;
  byteLength: number;
}

interface Header {
  format: number;
  spiralVersion: string;
  configHash: string;
  config: SpiralConfig;
  /** Ticks completed when the checkpoint was taken. */
  ticksDone: number;
  arrays: { path: string; shape: string; block: Block }[];
  numbers: { paths: string[]; block: Block };
  json: Record<string, unknown>;
  streams: Record<string, Record<string, object>>;
  seriesRows: (number | string)[][];
  events: Block;
  firms: Block;
}

/** SHA-256 of the config as canonical JSON (keys sorted at every level). */
export function configHash(config: SpiralConfig): string {
  return createHash("sha256").update(canonicalJson(config)).digest("hex");
}

/**
 * Writes the state under `roots` and the outputs so far to `path`,
 * atomically (temp file, fsync, rename): a crash mid-write leaves the
 * previous checkpoint intact.
 */
export function writeCheckpoint(
  path: string,
  input: {
    config: SpiralConfig;
    roots: Record<string, object>;
    ticksDone: number;
    outputs: CheckpointOutputs;
  },
): void {
  const items = walkState(input.roots);
  let offset = 0;
  const place = (byteLength: number): Block => {
    const block = { offset, byteLength };
    offset += align8(byteLength);
    return block;
  };
  const header: Header = {
    format: FORMAT,
    spiralVersion: SPIRAL_VERSION,
    configHash: configHash(input.config),
    config: input.config,
    ticksDone: input.ticksDone,
    arrays: [],
    numbers: { paths: [], block: { offset: 0, byteLength: 0 } },
    json: {},
    streams: {},
    seriesRows: input.outputs.seriesRows,
    events: { offset: 0, byteLength: 0 },
    firms: { offset: 0, byteLength: 0 },
  };
  const arrays: Uint8Array[] = [];
  const numbers: number[] = [];
  for (const item of items) {
    if (item.kind === "array") {
      const bytes = new Uint8Array(item.value.buffer, item.value.byteOffset, item.value.byteLength);
      header.arrays.push({ path: item.path, shape: itemShape(item), block: place(bytes.byteLength) });
      arrays.push(bytes);
    } else if (item.kind === "number") {
      header.numbers.paths.push(item.path);
      numbers.push(item.value);
    } else if (item.kind === "json") {
      header.json[item.path] = item.value;
    } else {
      header.streams[item.path] = item.value.saveState();
    }
  }
  const numberBytes = new Uint8Array(Float64Array.from(numbers).buffer);
  header.numbers.block = place(numberBytes.byteLength);
  header.events = place(input.outputs.events.byteLength);
  header.firms = place(input.outputs.firms.byteLength);

  const headerBytes = Buffer.from(JSON.stringify(header), "utf8");
  const prefix = Buffer.alloc(16);
  prefix.write(MAGIC, 0, "latin1");
  prefix.writeUInt32LE(headerBytes.byteLength, 8);
  const stream = new AtomicFileStream(path);
  try {
    stream.write(prefix);
    stream.write(headerBytes);
    stream.write(new Uint8Array(align8(headerBytes.byteLength) - headerBytes.byteLength));
    for (const bytes of [...arrays, numberBytes, input.outputs.events, input.outputs.firms]) {
      stream.write(bytes);
      stream.write(new Uint8Array(align8(bytes.byteLength) - bytes.byteLength));
    }
    stream.commit();
  } catch (err) {
    stream.abort();
    throw err;
  }
}

/** An opened checkpoint: its config and what it was taken after; restore() fills a fresh state. */
export interface Checkpoint {
  readonly path: string;
  readonly config: SpiralConfig;
  readonly ticksDone: number;
  readonly spiralVersion: string;
  /**
   * Copies the saved state into the state under `roots` (built fresh from
   * the same config) and returns the outputs so far.
   * @throws InputError if the state's layout differs from the checkpoint's.
   */
  restore(roots: Record<string, object>): CheckpointOutputs;
}

/**
 * Opens `path` and checks that it is a checkpoint of this Spiral version
 * and, when `config` is given, of that config.
 * @throws InputError naming the file and what differs (version, config fields) or what is wrong with it.
 */
export function openCheckpoint(path: string, config?: SpiralConfig): Checkpoint {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (err) {
    throw new InputError(`cannot read checkpoint ${path}: ${(err as Error).message}`, path);
  }
  try {
    const prefix = new Uint8Array(16);
    const got = readSync(fd, prefix, 0, 16, 0);
    if (got < 16 || Buffer.from(prefix.subarray(0, 8)).toString("latin1") !== MAGIC) {
      throw new InputError(`${path} is not a Spiral checkpoint (no ${MAGIC} signature)`, path);
    }
    const headerLength = Buffer.from(prefix).readUInt32LE(8);
    let header: Header;
    try {
      header = JSON.parse(Buffer.from(readExactly(fd, headerLength, 16, path)).toString("utf8"));
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw new InputError(`checkpoint ${path} is damaged: its header is not valid JSON`, path);
    }
    if (header.format !== FORMAT || header.spiralVersion !== SPIRAL_VERSION) {
      throw new InputError(
        `checkpoint ${path} was written by Spiral ${header.spiralVersion} (checkpoint format ${header.format}); this is Spiral ${SPIRAL_VERSION} (format ${FORMAT}): it cannot be resumed with this version`,
        path,
      );
    }
    if (config !== undefined && configHash(config) !== header.configHash) {
      const diffs = diffPaths(header.config, config);
      const shown = diffs.slice(0, 8).map((d) => `${d.path} (checkpoint ${d.was}, now ${d.now})`);
      const more = diffs.length > 8 ? ` and ${diffs.length - 8} more` : "";
      throw new InputError(
        `checkpoint ${path} was taken with a different config: ${shown.join(", ")}${more}; resume with the checkpoint's own config (omit CONFIG and --set)`,
        path,
      );
    }
    const dataStart = 16 + align8(headerLength);
    fd = fd as number;
    const openFd = fd;
    return {
      path,
      config: header.config,
      ticksDone: header.ticksDone,
      spiralVersion: header.spiralVersion,
      restore(roots) {
        return restoreInto(openFd, dataStart, header, roots, path);
      },
    };
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}

function restoreInto(
  fd: number,
  dataStart: number,
  header: Header,
  roots: Record<string, object>,
  path: string,
): CheckpointOutputs {
  try {
    const items = walkState(roots);
    checkLayout(items, header, path);
    const saved = new Map(header.arrays.map((a) => [a.path, a]));
    const numberIndex = new Map(header.numbers.paths.map((p, i) => [p, i]));
    const numbers = new Float64Array(header.numbers.paths.length);
    readInto(fd, new Uint8Array(numbers.buffer), dataStart + header.numbers.block.offset, path);
    for (const item of items) {
      if (item.kind === "array") {
        const block = (saved.get(item.path) as Header["arrays"][number]).block;
        const v = item.value;
        readInto(fd, new Uint8Array(v.buffer, v.byteOffset, v.byteLength), dataStart + block.offset, path);
      } else if (item.kind === "number" || item.kind === "json") {
        // A field may hold a number at one tick and a string at another (a series row): the saved kind wins.
        const index = numberIndex.get(item.path);
        (item.set as (v: unknown) => void)(index !== undefined ? numbers[index] : header.json[item.path]);
      } else {
        item.value.restoreState(header.streams[item.path] ?? {});
      }
    }
    const events = new Uint8Array(header.events.byteLength);
    readInto(fd, events, dataStart + header.events.offset, path);
    const firms = new Uint8Array(header.firms.byteLength);
    readInto(fd, firms, dataStart + header.firms.offset, path);
    return { seriesRows: header.seriesRows, events, firms };
  } finally {
    closeSync(fd);
  }
}

/** The fresh state must have exactly the checkpoint's items, with the same shapes. */
function checkLayout(items: StateItem[], header: Header, path: string): void {
  const saved = new Map<string, string>();
  for (const a of header.arrays) saved.set(a.path, a.shape);
  for (const p of header.numbers.paths) saved.set(p, "scalar");
  for (const p of Object.keys(header.json)) saved.set(p, "scalar");
  for (const p of Object.keys(header.streams)) saved.set(p, "streams");
  const problems: string[] = [];
  const present = new Set<string>();
  for (const item of items) {
    present.add(item.path);
    const shape = saved.get(item.path);
    if (shape === undefined) problems.push(`${item.path} is not in the checkpoint`);
    else if (shape !== scalarShape(item))
      problems.push(`${item.path} is ${shape} there, ${scalarShape(item)} here`);
  }
  for (const p of saved.keys())
    if (!present.has(p)) problems.push(`${p} is in the checkpoint but not in this model`);
  if (problems.length > 0) {
    const more = problems.length > 8 ? ` and ${problems.length - 8} more` : "";
    throw new InputError(
      `checkpoint ${path} does not match this model's state: ${problems.slice(0, 8).join("; ")}${more}`,
      path,
    );
  }
}

function scalarShape(item: StateItem): string {
  return item.kind === "number" || item.kind === "json" ? "scalar" : itemShape(item);
}

function readExactly(fd: number, length: number, position: number, path: string): Uint8Array {
  const out = new Uint8Array(length);
  readInto(fd, out, position, path);
  return out;
}

function readInto(fd: number, out: Uint8Array, position: number, path: string): void {
  let done = 0;
  while (done < out.byteLength) {
    const n = readSync(fd, out, done, out.byteLength - done, position + done);
    if (n === 0) throw new InputError(`checkpoint ${path} is truncated`, path);
    done += n;
  }
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    const obj = value as Record<string, unknown>;
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Paths (dotted) where two JSON values differ, with both sides as short text. */
function diffPaths(was: unknown, now: unknown, path = ""): { path: string; was: string; now: string }[] {
  const isObj = (v: unknown) => v !== null && typeof v === "object";
  if (isObj(was) && isObj(now) && Array.isArray(was) === Array.isArray(now)) {
    const a = was as Record<string, unknown>;
    const b = now as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => diffPaths(a[k], b[k], path === "" ? k : `${path}.${k}`));
  }
  if (canonicalJson(was) === canonicalJson(now)) return [];
  return [{ path: path || "(config)", was: shortJson(was), now: shortJson(now) }];
}

function shortJson(v: unknown): string {
  const text = v === undefined ? "absent" : JSON.stringify(v);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
