import { performance } from 'node:perf_hooks';

// A per-file time budget the analysis checks as it walks, so one
// pathological file is stopped and reported instead of holding up the run.
// Outside `withDeadline` (the ESLint plugin, which has no budget) the check
// never fires.

let deadline = Number.POSITIVE_INFINITY;
let ticks = 0;

export class BudgetExceeded extends Error {
  constructor() {
    super('over the --max-file-time budget');
  }
}

export function withDeadline<T>(ms: number, work: () => T): T {
  const saved = deadline;
  deadline = performance.now() + ms;
  // Counted per piece of work, so where the clock is read does not depend on what ran before.
  ticks = 0;
  try {
    return work();
  } finally {
    deadline = saved;
  }
}

/** Called once per node visited or call examined; reads the clock every 256 calls. */
export function tick(): void {
  if ((++ticks & 255) === 0 && performance.now() > deadline) throw new BudgetExceeded();
}
