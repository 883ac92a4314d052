import { LOCAL_AUTH_MODULE, TRIGGER_MODULES, WEB_ONLY_FILE } from './apis.js';

// Deciding whether a file can matter costs a substring search and a regex
// over its import specifiers: no parse. Most files of an app never touch
// storage, and both front-ends skip them before any traversal.

const SPECIFIER = /\b(?:from|import|require)\s*\(?\s*['"]([^'"\n]+)['"]/g;

/** Any storage module's name, or AsyncStorage: one pass over the text instead of one search per name. */
const API_MENTION = new RegExp([...TRIGGER_MODULES.map((m) => m.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')), '\\bAsyncStorage\\b'].join('|'));

/** The file names a storage API module itself (or, in a web-only file, the browser's storage). */
export function mentionsApi(text: string, file: string): boolean {
  if (API_MENTION.test(text)) return true;
  return WEB_ONLY_FILE.test(file) && /\b(localStorage|sessionStorage)\b/.test(text);
}

/** The file names expo-local-authentication: only such files, and files reaching them, can ask for biometrics. */
export function mentionsLocalAuth(text: string): boolean {
  return text.includes(LOCAL_AUTH_MODULE);
}

export function importSpecifiers(text: string): string[] {
  const found: string[] = [];
  // exec on the one global regex, not matchAll, which copies the regex and makes an iterator per file.
  SPECIFIER.lastIndex = 0;
  for (let match = SPECIFIER.exec(text); match !== null; match = SPECIFIER.exec(text)) found.push(match[1]!);
  return found;
}

/** A source file's extension, as an import may write it (`./store.js` reaches `store.ts`). */
const SOURCE_EXTENSION = /\.[cm]?[jt]sx?$/i;

/**
 * The name an import specifier asks for: its last segment without a source
 * extension, lowercased; undefined for a specifier that names a folder itself
 * (`.`, `..`, `./lib/`). Resolution keeps that segment, so a specifier can
 * only reach a file known by this name (see fileNames), unless the config
 * rewrites names (see ProjectHost.importsKeepNames).
 */
export function specifierName(specifier: string): string | undefined {
  const last = specifier.charCodeAt(specifier.length - 1);
  if (last === 47 || last === 92) return undefined; // a trailing slash or backslash: the folder's index
  const segment = specifier.slice(Math.max(specifier.lastIndexOf('/'), specifier.lastIndexOf('\\')) + 1);
  if (segment === '' || segment === '.' || segment === '..') return undefined;
  return segment.replace(SOURCE_EXTENSION, '').toLowerCase();
}

/**
 * The names an import can reach a file by: its own name without the
 * extension, and the names of the folders it is in (`./lib` reaches
 * `lib/index.ts`, and a folder's package.json may point to any file in it).
 */
export function fileNames(path: string): string[] {
  const segments = path.split(/[\\/]/).filter(Boolean);
  const own = segments.pop();
  return own === undefined ? [] : [own.replace(/\.[^.]*$/, '').toLowerCase(), ...segments.map((s) => s.toLowerCase())];
}

/**
 * A file's imports that lead to one of the app's files (never itself), from
 * its import text; memoised per file, so the questions asked of the import
 * graph (relevance, reach of local authentication, what to keep) extract and
 * resolve each file's imports once between them.
 */
export function importResolver(resolve: (fromFile: string, specifier: string) => string | undefined): (file: string, text: string) => string[] {
  const imports = new Map<string, string[]>();
  return (file, text) => {
    let found = imports.get(file);
    if (!found) {
      found = [];
      for (const spec of importSpecifiers(text)) {
        const target = resolve(file, spec);
        if (target !== undefined && target !== file) found.push(target);
      }
      imports.set(file, found);
    }
    return found;
  };
}

/**
 * A memoised "can this file matter?": it mentions a storage API, or imports
 * (transitively) a local file that does, so it may call a wrapper.
 * `importsOf` answers only with the app's own files (see importResolver).
 * `mentionsWhat` narrows the question to one API (see mentionsLocalAuth).
 *
 * Each question is a search of the files the file reaches through imports.
 * A search that finds a file mentioning an API marks the files on the way
 * there as relevant; one that finds none has seen everything those files
 * reach, so all of them are not. Import cycles need no special case.
 */
export function relevanceOracle(
  textOf: (file: string) => string | undefined,
  importsOf: (file: string, text: string) => string[],
  mentionsWhat: (text: string, file: string) => boolean = mentionsApi,
): (file: string) => boolean {
  const verdicts = new Map<string, boolean>();
  /** Whether the file itself mentions an API; undefined when it is not one of the app's files. */
  const mentions = (file: string): boolean | undefined => {
    const text = textOf(file);
    return text === undefined ? undefined : mentionsWhat(text, file);
  };

  return (start: string): boolean => {
    const known = verdicts.get(start);
    if (known !== undefined) return known;
    // Depth-first, with the path kept so that a hit can mark it.
    const visited = new Set<string>([start]);
    const path: { file: string; next: string[]; index: number }[] = [];
    const enter = (file: string): boolean => {
      const verdict = verdicts.get(file) ?? (mentions(file) === true ? true : undefined);
      if (verdict === true) return true;
      if (verdict === false) return false;
      const text = textOf(file);
      path.push({ file, next: text === undefined ? [] : importsOf(file, text), index: 0 });
      return false;
    };
    let hit = enter(start);
    while (!hit && path.length) {
      const top = path[path.length - 1]!;
      if (top.index >= top.next.length) {
        path.pop();
        continue;
      }
      const next = top.next[top.index++]!;
      if (visited.has(next)) continue;
      visited.add(next);
      hit = enter(next);
    }
    if (hit) {
      verdicts.set(start, true);
      for (const step of path) verdicts.set(step.file, true);
    } else {
      for (const file of visited) verdicts.set(file, false);
    }
    return hit;
  };
}
