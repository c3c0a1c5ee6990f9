// Types of src/build.mjs (a plain module: the launcher uses it before anything is compiled).
export const ROOT: string;
export const DIST: string;
export const STAMP: string;
export function buildInputs(root: string): { sources: number; newestMs: number };
export function buildState(root?: string): "fresh" | "stale" | "missing";
export function build(root?: string): { ok: true } | { ok: false; missingCompiler: boolean; reason: string };
export const BUILDS: string;
export const PRUNE_AFTER_MS: number;
export function publish(root: string, id: string): void;
export function currentBuild(root: string): string | undefined;
export function prune(root: string, nowMs: number): void;
