import { existsSync } from 'node:fs';
import { readBaseline, type BaselineEntry } from '../audit/baseline.js';
import { repoRelative } from '../core/fingerprint.js';

// `--update-baseline` on named files of a larger app (a pre-commit run on the
// staged files): the run knows the findings of those files only, so it
// replaces their entries and keeps every other entry of the baseline as it was.

export function mergedEntries(path: string, fresh: BaselineEntry[], namedFiles: string[], cwd: string): BaselineEntry[] {
  const previous = existsSync(path) ? readBaseline(path) : [];
  const named = new Set(namedFiles.map((file) => repoRelative(cwd, file)));
  const entries = [...previous.filter((entry) => !named.has(entry.file)), ...fresh];
  // The order buildBaseline writes.
  return entries.sort((a, b) => a.file.localeCompare(b.file) || a.rule.localeCompare(b.rule) || a.fingerprint.localeCompare(b.fingerprint));
}
