// Transparent huge pages for the model's columns. A household pass streams
// through tens of columns of millions of entries and every household reads
// and writes a random firm's entries; with 4 KiB pages those accesses miss
// the TLB, and on a virtual machine each miss is a two-level page walk
// (measured on the project's 2-core VM: a random load over 128 MiB costs
// ≈ 460 ns with 4 KiB pages, ≈ 175 ns with huge pages). Node allocates ArrayBuffer and
// SharedArrayBuffer memory with malloc, and Linux kernels whose THP mode is
// "madvise" (the Debian and Ubuntu default) only give huge pages to memory
// that asks for them: glibc's tunable glibc.malloc.hugetlb=1 (glibc ≥ 2.35)
// makes malloc ask. It must be set before the process starts, so the
// launcher (src/spiral.mjs) and the benchmarks start Node with it. Elsewhere
// (musl, macOS, older glibc, THP "always" or "never") it is ignored. It
// changes where memory lies, never a result: outputs are byte-identical.
// SPIRAL_HUGE_PAGES=0 turns it off (e.g. to measure the difference).

const TUNABLE = "glibc.malloc.hugetlb";

/**
 * A copy of `env` whose GLIBC_TUNABLES asks glibc for transparent huge pages
 * (glibc.malloc.hugetlb=1), keeping the tunables already set. Unchanged when
 * SPIRAL_HUGE_PAGES is "0" or the hugetlb tunable is set already (the
 * user's choice wins).
 * @param {NodeJS.ProcessEnv} env
 * @returns {NodeJS.ProcessEnv}
 */
export function hugePageEnv(env) {
  if (env.SPIRAL_HUGE_PAGES === "0") return { ...env };
  const tunables = env.GLIBC_TUNABLES ?? "";
  if (tunables.split(":").some((t) => t.startsWith(`${TUNABLE}=`))) return { ...env };
  return { ...env, GLIBC_TUNABLES: tunables === "" ? `${TUNABLE}=1` : `${tunables}:${TUNABLE}=1` };
}
