import { TRIGGER_MODULES } from '../core/apis.js';
import type { ProjectHost } from './project-host.js';

// Deciding which files can matter costs a substring search and a regex over
// import specifiers: no parse. Most files of an app never touch storage.

const SPECIFIER = /\b(?:from|import|require)\s*\(?\s*['"]([^'"\n]+)['"]/g;

function mentionsApi(text: string): boolean {
  return TRIGGER_MODULES.some((m) => text.includes(m)) || /\bAsyncStorage\b/.test(text);
}

export function importSpecifiers(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(SPECIFIER)) found.push(match[1]!);
  return found;
}

/**
 * Files that import a storage API, or import (transitively) a file that does:
 * the callers of wrappers must be analysed too.
 */
export function relevantFiles(texts: Map<string, string>, host: ProjectHost): Set<string> {
  const relevant = new Set<string>();
  const importers = new Map<string, string[]>();
  for (const [file, text] of texts) {
    if (mentionsApi(text)) relevant.add(file);
    for (const spec of importSpecifiers(text)) {
      // Bare package names resolve only through a `paths` alias; the host answers fast otherwise.
      const target = host.resolveModulePath(file, spec);
      if (!target) continue;
      const list = importers.get(target) ?? [];
      list.push(file);
      importers.set(target, list);
    }
  }
  // Propagate to importers of relevant files, to a fixpoint.
  const queue = [...relevant];
  while (queue.length > 0) {
    const file = queue.pop()!;
    for (const importer of importers.get(file) ?? []) {
      if (!relevant.has(importer)) {
        relevant.add(importer);
        queue.push(importer);
      }
    }
  }
  return relevant;
}
