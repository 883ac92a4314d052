import { fileNames, importSpecifiers, mentionsApi, mentionsLocalAuth, relevanceOracle, specifierName } from '../core/prefilter.js';
import type { ProjectHost } from './project-host.js';

/**
 * The audited files that import a storage API, or import (transitively) an
 * audited file that does: the callers of wrappers must be analysed too.
 * Only the audited files are read; an import that leads outside them is
 * unknown, and unknown is never a finding.
 *
 * Found backwards, in rounds: the files that name an API, then the files
 * that import one of those, and so on until a round adds none. An import
 * reaches a file only by one of the file's names (see specifierName and
 * fileNames), so only the imports that give the name of a relevant file are
 * resolved: in a 2,000-file app, some 150 of its 7,500. `otherNames` are the
 * names imports can also reach files by (see DiscoveredFiles.importNames);
 * unknown, or for a file whose config rewrites names, every import is resolved.
 */
export function relevantFiles(texts: Map<string, string>, host: ProjectHost, otherNames?: Iterable<string>): Set<string> {
  const relevant = new Set<string>();
  /** The files not relevant yet, with their imports and the name each asks for (undefined: resolve it whatever it asks). */
  const pending = new Map<string, { specifier: string; name: string | undefined }[]>();
  for (const [file, text] of texts) {
    if (mentionsApi(text, file)) {
      relevant.add(file);
      continue;
    }
    const byName = otherNames !== undefined && host.importsKeepNames(file);
    const imports = importSpecifiers(text).map((specifier) => ({ specifier, name: byName ? specifierName(specifier) : undefined }));
    if (imports.length > 0) pending.set(file, imports);
  }
  const names = new Set(otherNames);
  let added = [...relevant];
  while (added.length > 0) {
    for (const file of added) for (const name of fileNames(file)) names.add(name);
    added = [];
    for (const [file, imports] of pending) {
      const reachesRelevant = imports.some(({ specifier, name }) => {
        if (name !== undefined && !names.has(name)) return false;
        // A pending file is not relevant (yet), so an import of itself never counts.
        const target = host.resolveModulePath(file, specifier);
        return target !== undefined && relevant.has(target);
      });
      if (reachesRelevant) added.push(file);
    }
    for (const file of added) {
      relevant.add(file);
      pending.delete(file);
    }
  }
  return relevant;
}

/**
 * Whether an audited file imports expo-local-authentication, or (transitively)
 * an audited file that does. Such a file reaches a storage API, so it is one
 * of the `relevant` ones (see relevantFiles), and so is every file on the way
 * there: the search stays among them, and skips the rest of the app.
 */
export function localAuthReach(texts: Map<string, string>, host: ProjectHost, relevant: Set<string>): (file: string) => boolean {
  return relevanceOracle((file) => (relevant.has(file) ? texts.get(file) : undefined), host.importsOf, mentionsLocalAuth);
}

/** The audited files each file imports directly, from its import text (see ProjectHost.importsOf). */
function directImports(texts: Map<string, string>, host: ProjectHost): (file: string) => string[] {
  const direct = new Map<string, string[]>();
  return (file) => {
    let found = direct.get(file);
    if (!found) {
      const text = texts.get(file);
      found = text === undefined ? [] : host.importsOf(file, text).filter((target) => texts.has(target));
      direct.set(file, found);
    }
    return found;
  };
}

/** Every audited file reachable from `starts` through imports, `starts` included. */
function reachable(starts: Iterable<string>, importsOf: (file: string) => string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...starts];
  while (stack.length) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...importsOf(next));
  }
  return seen;
}

/**
 * For each given file, the audited files it imports, directly or through
 * others: what an edit must invalidate. Import text only, no parse.
 */
export function importClosures(files: Iterable<string>, texts: Map<string, string>, host: ProjectHost): Map<string, string[]> {
  const importsOf = directImports(texts, host);
  const closures = new Map<string, string[]>();
  for (const file of files) {
    const seen = reachable(importsOf(file), importsOf);
    seen.delete(file);
    closures.set(file, [...seen].sort());
  }
  return closures;
}
