// A one-line progress bar on stderr for long runs on a terminal. Silent when
// stderr is not a TTY, with --quiet, or for small projects.

import type { OutputStream } from './io.js';

const MIN_FILES = 300;
const WIDTH = 24;

export interface Progress {
  update(phase: string, done: number, total: number): void;
  finish(): void;
}

export function createProgress(stream: OutputStream, enabled: boolean): Progress {
  // A terminal that reports no width (some CI log viewers) gets 80 columns.
  const width = () => Math.max(40, stream.columns || 80) - 1;
  let shown = false;
  let last = 0;
  return {
    update(phase, done, total) {
      if (!enabled || !stream.isTTY) return;
      if (phase === 'parse' && total < MIN_FILES && !shown) return;
      const now = Date.now();
      if (now - last < 50 && done !== total - 1) return;
      last = now;
      shown = true;
      const ratio = total === 0 ? 1 : (done + 1) / total;
      const filled = Math.round(ratio * WIDTH);
      const label = phase === 'parse' ? `files ${done + 1}/${total}` : `${phase} (${done + 1}/${total})`;
      stream.write(`\r${`[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${label}`.padEnd(width()).slice(0, width())}`);
    },
    finish() {
      if (shown) stream.write(`\r${' '.repeat(width())}\r`);
    },
  };
}
