import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { baselineBase, readBaseline, type BaselineEntry } from '../audit/baseline.js';
import { UsageError } from '../audit/errors.js';
import { repoRelative } from '../core/fingerprint.js';

// `--update-baseline` on named files of a larger app (a pre-commit run on the
// staged files): the run knows the findings of those files only, so it
// replaces their entries and keeps every other entry of the baseline as it was.

export function mergedEntries(path: string, fresh: BaselineEntry[], namedFiles: string[], cwd: string): BaselineEntry[] {
  const base = baselineBase(path);
  const read = existsSync(path) ? readBaseline(path, cwd) : { entries: [], base };
  // A version 1 baseline read from another folder than its own: its kept entries' fingerprints name files from there, and cannot be moved.
  if (read.base !== base)
    throw new UsageError(
      `${relative(cwd, path) || path}: an old baseline (paths from the working directory) cannot be updated for some files from here: update it for the whole app from its folder`,
    );
  const previous = read.entries;
  const named = new Set(namedFiles.map((file) => repoRelative(base, file)));
  const entries = [...previous.filter((entry) => !named.has(entry.file)), ...fresh];
  // The order buildBaseline writes.
  return entries.sort((a, b) => a.file.localeCompare(b.file) || a.rule.localeCompare(b.rule) || a.fingerprint.localeCompare(b.fingerprint));
}
