// Entry of the slice workers when the engine runs from TypeScript (vitest,
// tsx; the compiled engine starts dist/workers/slicePasses.js instead:
// src/engine/workerEntry.ts). Node refuses a .ts file
// as a worker's entry, and on Node 20 the tsx loader given in the worker's
// execArgv hooks require() but not import() inside workers, so this plain
// CommonJS script requires the TypeScript worker (piscina does the same with
// its own entry for the sweep workers).
require("./slicePasses.ts");
