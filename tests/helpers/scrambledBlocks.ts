// Runs pass `p` over its blocks in a scrambled order — odd blocks backwards,
// then even blocks backwards — with each block's census reduction after it,
// as the runner does; returns the number of blocks. Tests that swap it in for
// `model.runner.run` check that a pass's result does not depend on block order.
import { CENSUS_AFTER, KERNELS } from "../../src/model/kernels.ts";
import { BLOCK_SIZE, blockCountFor, passSize, type SliceView } from "../../src/model/passes.ts";

export function runBlocksScrambled(view: SliceView, p: number): number {
  const n = passSize(view, p);
  const blocks = blockCountFor(n);
  const down = [...Array(blocks).keys()].reverse();
  for (const b of [...down.filter((x) => x % 2 === 1), ...down.filter((x) => x % 2 === 0)]) {
    const start = b * BLOCK_SIZE;
    const end = Math.min(n, start + BLOCK_SIZE);
    KERNELS[p](view, 0, b, start, end);
    CENSUS_AFTER[p]?.(view, 0, b, start, end);
  }
  return blocks;
}
