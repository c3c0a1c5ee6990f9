// Huge pages for the model's columns (src/hugePages.mjs): the environment the
// launcher gives its child, and that glibc then backs large ArrayBuffers with
// transparent huge pages where the kernel offers them on request.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { hugePageEnv } from "../src/hugePages.mjs";

describe("hugePageEnv", () => {
  it("adds glibc.malloc.hugetlb=1 to an empty environment", () => {
    expect(hugePageEnv({}).GLIBC_TUNABLES).toBe("glibc.malloc.hugetlb=1");
  });

  it("keeps the tunables already set and appends its own", () => {
    const env = hugePageEnv({ GLIBC_TUNABLES: "glibc.malloc.arena_max=2", PATH: "/bin" });
    expect(env.GLIBC_TUNABLES).toBe("glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1");
    expect(env.PATH).toBe("/bin");
  });

  it("leaves a hugetlb tunable the user set alone", () => {
    const env = hugePageEnv({ GLIBC_TUNABLES: "glibc.malloc.hugetlb=0" });
    expect(env.GLIBC_TUNABLES).toBe("glibc.malloc.hugetlb=0");
  });

  it("is off with SPIRAL_HUGE_PAGES=0", () => {
    expect(hugePageEnv({ SPIRAL_HUGE_PAGES: "0" }).GLIBC_TUNABLES).toBeUndefined();
  });

  it("does not modify the environment it is given", () => {
    const env: NodeJS.ProcessEnv = {};
    hugePageEnv(env);
    expect(env.GLIBC_TUNABLES).toBeUndefined();
  });
});

// The mechanism itself, where the kernel gives huge pages on request (THP
// "madvise"); glibc before 2.35 ignores the tunable.
const thpMode = existsSync("/sys/kernel/mm/transparent_hugepage/enabled")
  ? (/\[(\w+)\]/.exec(readFileSync("/sys/kernel/mm/transparent_hugepage/enabled", "utf8"))?.[1] ?? "")
  : "";
const glibc = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)
  ?.header?.glibcVersionRuntime;
const [major, minor] = (glibc ?? "0.0").split(".").map(Number);
const glibcOk = major > 2 || (major === 2 && minor >= 35);

describe.skipIf(thpMode !== "madvise" || !glibcOk)(
  "huge pages in a child process (THP madvise, glibc ≥ 2.35)",
  () => {
    // A 256 MiB column, touched, then the process's anonymous huge pages read from smaps_rollup.
    const script = `const a = new Float64Array(32 * 1024 * 1024); for (let i = 0; i < a.length; i += 512) a[i] = i;
const m = /AnonHugePages:\\s+(\\d+) kB/.exec(require("node:fs").readFileSync("/proc/self/smaps_rollup", "utf8"));
console.log(m ? m[1] : "-1");`;
    const hugeKiB = (env: NodeJS.ProcessEnv): number => {
      const r = spawnSync(process.execPath, ["-e", script], { env, encoding: "utf8" });
      expect(r.status).toBe(0);
      return Number(r.stdout.trim());
    };

    it("backs a large ArrayBuffer with huge pages with the tunable, not without", () => {
      expect(hugeKiB(hugePageEnv({ PATH: process.env.PATH }))).toBeGreaterThanOrEqual(128 * 1024);
      expect(hugeKiB(hugePageEnv({ PATH: process.env.PATH, SPIRAL_HUGE_PAGES: "0" }))).toBeLessThan(
        128 * 1024,
      );
    });
  },
);
