import { TRIGGER_MODULES, WEB_ONLY_FILE } from './apis.js';

// Deciding whether a file can matter costs a substring search and a regex
// over its import specifiers: no parse. Most files of an app never touch
// storage, and both front-ends skip them before any traversal.

const SPECIFIER = /\b(?:from|import|require)\s*\(?\s*['"]([^'"\n]+)['"]/g;

/** The file names a storage API module itself (or, in a web-only file, the browser's storage). */
export function mentionsApi(text: string, file: string): boolean {
  if (TRIGGER_MODULES.some((m) => text.includes(m)) || /\bAsyncStorage\b/.test(text)) return true;
  return WEB_ONLY_FILE.test(file) && /\b(localStorage|sessionStorage)\b/.test(text);
}

export function importSpecifiers(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(SPECIFIER)) found.push(match[1]!);
  return found;
}

/**
 * A memoised "can this file matter?": it mentions a storage API, or imports
 * (transitively) a local file that does, so it may call a wrapper.
 * `resolve` answers only for the app's own files.
 */
export function relevanceOracle(
  textOf: (file: string) => string | undefined,
  resolve: (fromFile: string, specifier: string) => string | undefined,
): (file: string) => boolean {
  const verdicts = new Map<string, boolean>();
  const isRelevant = (file: string): boolean => {
    const known = verdicts.get(file);
    if (known !== undefined) return known;
    verdicts.set(file, false); // an import cycle adds nothing
    const text = textOf(file);
    if (text === undefined) return false;
    let relevant = mentionsApi(text, file);
    for (const spec of relevant ? [] : importSpecifiers(text)) {
      const target = resolve(file, spec);
      if (target && isRelevant(target)) {
        relevant = true;
        break;
      }
    }
    verdicts.set(file, relevant);
    return relevant;
  };
  return isRelevant;
}
