import { readFileSync } from 'node:fs';
import { TRIGGER_MODULES, WEB_ONLY_FILE } from '../core/apis.js';
import type { ProjectHost } from './project-host.js';

// Deciding which files can matter costs a substring search and a regex over
// import specifiers: no parse. Most files of an app never touch storage.

const SPECIFIER = /\b(?:from|import|require)\s*\(?\s*['"]([^'"\n]+)['"]/g;

function mentionsApi(text: string, file: string): boolean {
  if (TRIGGER_MODULES.some((m) => text.includes(m)) || /\bAsyncStorage\b/.test(text)) return true;
  return WEB_ONLY_FILE.test(file) && /\b(localStorage|sessionStorage)\b/.test(text);
}

export function importSpecifiers(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(SPECIFIER)) found.push(match[1]!);
  return found;
}

/**
 * The audited files that import a storage API, or import (transitively) a
 * file that does, inside or outside the audited paths: the callers of
 * wrappers must be analysed too. Files outside the audited paths are read,
 * not parsed, and only when an audited file imports them.
 */
export function relevantFiles(texts: Map<string, string>, host: ProjectHost): Set<string> {
  const verdicts = new Map<string, boolean>();
  const textOf = (file: string): string | undefined => {
    const known = texts.get(file);
    if (known !== undefined) return known;
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
  const isRelevant = (file: string): boolean => {
    const known = verdicts.get(file);
    if (known !== undefined) return known;
    verdicts.set(file, false); // an import cycle adds nothing
    const text = textOf(file);
    if (text === undefined) return false;
    let relevant = mentionsApi(text, file);
    for (const spec of relevant ? [] : importSpecifiers(text)) {
      // Bare package names resolve only through a `paths` alias; the host answers fast otherwise.
      const target = host.resolveModulePath(file, spec);
      if (target && isRelevant(target)) {
        relevant = true;
        break;
      }
    }
    verdicts.set(file, relevant);
    return relevant;
  };
  return new Set([...texts.keys()].filter(isRelevant));
}
