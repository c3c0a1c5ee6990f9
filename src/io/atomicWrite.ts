// Atomic file writes: a result file is either absent or complete under its final
// name, never half-written, even if the process is killed mid-write. Data goes
// to `<path>.tmp-<pid>` in the same folder (so the rename cannot cross file
// systems), is fsynced, and is renamed into place. Synchronous on purpose: the
// simulation loop is synchronous and the files are small.
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { dirname } from "node:path";

/** The temporary name a file is written under before it is renamed to `path`. */
export function tempPathFor(path: string): string {
  return `${path}.tmp-${process.pid}`;
}

/** True for names written by this module that were never committed (e.g. after a crash). */
export function isTempName(name: string): boolean {
  return /\.tmp-\d+$/.test(name);
}

/**
 * Writes `data` to `path` atomically: temp file, fsync, rename.
 * On any error the temp file is removed and the previous `path` (if any) is untouched.
 * Throws the underlying fs error (e.g. ENOENT if the folder does not exist).
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const stream = new AtomicFileStream(path);
  try {
    stream.write(data);
    stream.commit();
  } catch (err) {
    stream.abort();
    throw err;
  }
}

/**
 * A file written piece by piece that appears under its final name only at
 * `commit()`. `abort()` deletes the temp file; it is safe to call at any time,
 * also after `commit()` (then it does nothing), so callers can abort in `finally`.
 */
export class AtomicFileStream {
  readonly path: string;
  readonly tempPath: string;
  #fd: number | null;
  #state: "open" | "committed" | "aborted" = "open";

  constructor(path: string) {
    this.path = path;
    this.tempPath = tempPathFor(path);
    this.#fd = openSync(this.tempPath, "w");
  }

  get state(): "open" | "committed" | "aborted" {
    return this.#state;
  }

  /** Appends `chunk` (strings as UTF-8) to the temp file, synchronously. */
  write(chunk: string | Uint8Array): void {
    const fd = this.#openFd("write");
    if (typeof chunk === "string") {
      writeAll(fd, Buffer.from(chunk, "utf8"));
    } else {
      writeAll(fd, chunk);
    }
  }

  /** Flushes to disk and renames the temp file to `path`, replacing any previous file. */
  commit(): void {
    const fd = this.#openFd("commit");
    fsyncSync(fd);
    closeSync(fd);
    this.#fd = null;
    renameSync(this.tempPath, this.path);
    this.#state = "committed";
    fsyncFolder(dirname(this.path));
  }

  /** Closes and deletes the temp file. No-op after `commit()` or a previous `abort()`. */
  abort(): void {
    if (this.#state !== "open") return;
    this.#state = "aborted";
    if (this.#fd !== null) {
      try {
        closeSync(this.#fd);
      } catch {
        // Already closed or invalid: nothing left to release.
      }
      this.#fd = null;
    }
    try {
      unlinkSync(this.tempPath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
  }

  #openFd(action: string): number {
    if (this.#state !== "open" || this.#fd === null) {
      throw new Error(`cannot ${action} ${this.path}: stream already ${this.#state}`);
    }
    return this.#fd;
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) {
    offset += writeSync(fd, bytes, offset, bytes.length - offset);
  }
}

/** Makes the rename itself durable. Best effort: not every platform can fsync a folder. */
function fsyncFolder(folder: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(folder, "r");
    fsyncSync(fd);
  } catch {
    // Windows and some file systems refuse; the rename is still atomic.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
