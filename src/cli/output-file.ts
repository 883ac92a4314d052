import { mkdirSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { UsageError } from '../audit/errors.js';
import { printable } from '../core/printable.js';

// `-o` / `--output-file`: where the report goes. Checked before the audit
// runs, so a path that cannot be a file is a usage error and nothing is written.

/** The path's stats, or undefined when there is nothing there (or a file where a folder should be). */
function stat(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/** The absolute path of the report file, or a usage error when it cannot be a file. */
export function outputTarget(cwd: string, given: string | undefined): string | undefined {
  if (given === undefined) return undefined;
  const target = resolve(cwd, given);
  const shown = printable(given);
  if (stat(target)?.isDirectory()) throw new UsageError(`${shown}: is a directory; -o needs a file path`);
  // The nearest existing folder above must be a folder: `report.json/out.txt` is a path under a file.
  for (let dir = dirname(target); ; dir = dirname(dir)) {
    const stats = stat(dir);
    if (stats && !stats.isDirectory()) throw new UsageError(`${shown}: ${printable(relative(cwd, dir) || dir)} is a file, not a folder`);
    if (stats || dirname(dir) === dir) break;
  }
  return target;
}

/** Writes the report, creating its folder; a failure is the user's to fix (permissions, a full disk), said in one line. */
export function writeOutput(target: string, text: string, cwd: string): void {
  try {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  } catch (error) {
    throw new UsageError(`${printable(relative(cwd, target) || target)}: cannot write the report (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}
