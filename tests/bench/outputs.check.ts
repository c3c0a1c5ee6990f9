// `npm run check:outputs [-- --ref <git-ref>] [--threads 1,4] [--households N] [--ticks N]`:
// the byte-identity check of issue 20 item 6. It runs a reference set —
// the core baseline (configs/baseline.json), baseline-2025, murphy and
// Lengnick (2013) — through the `spiral` command of this checkout on 1 and 4
// threads (Lengnick: one thread, it has no threaded runner) and prints the
// SHA-256 of every result file that must not change: series.csv,
// series.parquet, events.ndjson, firms.csv, summary.json, network.json.
// With `--ref`, it also checks the ref out into a temporary git worktree
// (sharing this checkout's node_modules), runs the same set with the ref's
// own `spiral`, prints both hashes side by side and exits 1 when any file
// differs — so a refactor that must not change outputs is checked with
// `npm run check:outputs -- --ref main`. With or without `--ref`, every
// thread count must give the same bytes as one thread (runs initialised on
// N threads included: the households' draws at the start run on them). The
// manifest is not hashed: it holds times and the commit. Lengths: 240 months
// for the core baseline and Lengnick; baseline-2025 and murphy run their own
// length (360 months: the twenty-year warm-up and the chain's ten years) so
// that the chain acts; `--ticks N` sets every case's.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../../src/build.mjs";

/** One run of the reference set: a config, its length and whether it has a threaded runner. */
interface Case {
  name: string;
  config: string;
  /** undefined: the config's own length. */
  ticks: number | undefined;
  threaded: boolean;
}

const HASHED = ["series.csv", "series.parquet", "events.ndjson", "firms.csv", "summary.json", "network.json"];

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
}

const REF = flag("--ref");
const THREADS = (flag("--threads") ?? "1,4").split(",").map(Number);
const HOUSEHOLDS = flag("--households");
const TICKS_FLAG = flag("--ticks");
const TICKS = Number(TICKS_FLAG ?? 240);
/** The chain scenarios' length: their own unless --ticks is given (240 would end before the chain's start, 2025-11). */
const CHAIN_TICKS = TICKS_FLAG === undefined ? undefined : TICKS;

const CASES: Case[] = [
  { name: "baseline", config: "configs/baseline.json", ticks: TICKS, threaded: true },
  {
    name: "baseline-2025",
    config: "configs/scenarios/baseline-2025.json",
    ticks: CHAIN_TICKS,
    threaded: true,
  },
  { name: "murphy", config: "configs/scenarios/murphy.json", ticks: CHAIN_TICKS, threaded: true },
  { name: "lengnick2013", config: "configs/models/lengnick2013.json", ticks: TICKS, threaded: false },
];

/** "name@threads" → file → sha256 (hex, first 16), for the checkout at `root`. */
function runSet(root: string, scratch: string): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const c of CASES) {
    for (const threads of c.threaded ? THREADS : [1]) {
      const key = `${c.name}@${threads}`;
      const dir = join(scratch, key);
      const args = [join(root, "src", "spiral.mjs"), "run", join(root, c.config), "--out", dir];
      args.push("--quiet", "--no-report", "--threads", String(threads));
      if (c.ticks !== undefined) args.push("--ticks", String(c.ticks));
      if (HOUSEHOLDS && c.threaded) args.push("--set", `households.count=${HOUSEHOLDS}`);
      const started = performance.now();
      const result = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8" });
      if (result.status !== 0) throw new Error(`${key} in ${root} failed:\n${result.stderr}`);
      const files = new Map<string, string>();
      for (const file of HASHED) {
        const path = join(dir, file);
        if (!existsSync(path)) continue;
        files.set(file, createHash("sha256").update(readFileSync(path)).digest("hex").slice(0, 16));
      }
      out.set(key, files);
      process.stderr.write(`  ${key}: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    }
  }
  return out;
}

/** Files of a threaded case whose hash on N threads differs from its hash on 1 thread (printed). */
function differAcrossThreads(set: Map<string, Map<string, string>>): number {
  let n = 0;
  for (const c of CASES) {
    const one = set.get(`${c.name}@1`);
    if (one === undefined) continue;
    for (const threads of c.threaded ? THREADS : []) {
      for (const [file, hash] of set.get(`${c.name}@${threads}`) ?? []) {
        if (one.get(file) === hash) continue;
        n++;
        console.log(`${`${c.name}@${threads}`.padEnd(18)} ${file.padEnd(15)} ${hash}  DIFFERS from 1 thread`);
      }
    }
  }
  return n;
}

const scratch = mkdtempSync(join(tmpdir(), "spiral-outputs-"));
let refRoot: string | undefined;
try {
  process.stderr.write(`this checkout (${ROOT}):\n`);
  const mine = runSet(ROOT, join(scratch, "this"));
  let theirs: Map<string, Map<string, string>> | undefined;
  if (REF) {
    refRoot = join(scratch, "ref");
    execFileSync("git", ["worktree", "add", "--detach", "--quiet", refRoot, REF], { cwd: ROOT });
    symlinkSync(join(ROOT, "node_modules"), join(refRoot, "node_modules"));
    process.stderr.write(`${REF} (${refRoot}):\n`);
    theirs = runSet(refRoot, join(scratch, "ref-out"));
  }
  let differ = 0;
  for (const [key, files] of mine) {
    for (const [file, hash] of files) {
      const other = theirs?.get(key)?.get(file);
      const mark = theirs === undefined ? "" : other === hash ? "  same" : `  DIFFERS (${REF}: ${other})`;
      if (theirs !== undefined && other !== hash) differ++;
      console.log(`${key.padEnd(18)} ${file.padEnd(15)} ${hash}${mark}`);
    }
    for (const file of theirs?.get(key)?.keys() ?? []) {
      if (!files.has(file)) {
        differ++;
        console.log(`${key.padEnd(18)} ${file.padEnd(15)} missing here  DIFFERS`);
      }
    }
  }
  // Any thread count against one thread, in this checkout (with or without --ref): a run's threads
  // also draw its households at the start (model/initPasses.ts), so this checks parallel initialisation too.
  const acrossThreads = differAcrossThreads(mine);
  differ += acrossThreads;
  console.log(
    acrossThreads === 0
      ? `every thread count (${THREADS.join(", ")}) gives the same bytes as 1 thread`
      : `${acrossThreads} file(s) differ between thread counts`,
  );
  if (theirs !== undefined) {
    console.log(
      differ === 0 ? `all outputs byte-identical to ${REF}` : `${differ} file(s) differ from ${REF}`,
    );
  }
  process.exitCode = differ === 0 ? 0 : 1;
} finally {
  if (refRoot !== undefined) {
    spawnSync("git", ["worktree", "remove", "--force", refRoot], { cwd: ROOT });
  }
  rmSync(scratch, { recursive: true, force: true });
}
