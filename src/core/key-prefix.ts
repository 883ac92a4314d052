import { ts } from './ts.js';
import { literalPrefix, type StringValue } from './values.js';

// The `// SecureStore prefix: auth.remember.*` file header: the keys a file
// declares it owns. There is no central registry; each storage owner file
// states its prefix at the top, and the headers together are the registry.
//
// A declared prefix is a pattern where `*` stands for any run of characters
// (`auth.remember.*`); without `*` it is one exact key (`device.installId`).

/** Default header: the capture group holds the comma-separated list. */
export const DEFAULT_HEADER_PATTERN = String.raw`SecureStore prefix:\s*(.+)`;

export interface DeclaredPrefix {
  prefix: string;
  /** The comment that declares it. */
  start: number;
  end: number;
}

export interface PrefixHeader {
  prefixes: DeclaredPrefix[];
  /** The first header comment. */
  start: number;
  end: number;
}

/** Header patterns compiled so far: a rule asks for its pattern in every file. Without flags, a RegExp keeps no state between uses. */
const compiledHeaders = new Map<string, RegExp>();

/** Compiles a user's header pattern, with a message that names the option when it is not a regex. */
export function headerRegExp(pattern: string = DEFAULT_HEADER_PATTERN): RegExp {
  let compiled = compiledHeaders.get(pattern);
  if (!compiled) compiledHeaders.set(pattern, (compiled = compileHeader(pattern)));
  return compiled;
}

function compileHeader(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch (error) {
    throw new Error(`headerPattern ${JSON.stringify(pattern)} is not a valid regular expression: ${(error as Error).message}`, { cause: error });
  }
}

/** The text lines of a comment without its markers: `//`, `/*`, `*\/` and leading `*`. */
function commentLines(text: string): string[] {
  if (text.startsWith('//')) return [text.slice(2)];
  return text
    .replace(/^\/\*+/, '')
    .replace(/\*+\/$/, '')
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*\*(?!\/)/, ''));
}

/**
 * `auth.remember.*, settings.*` → both prefixes. Each comma-separated item
 * gives its first word (so a trailing note is ignored), without quotes.
 */
export function parsePrefixList(list: string): string[] {
  return list
    .split(',')
    .map((item) =>
      item
        .trim()
        .split(/\s+/)[0]!
        .replace(/^[`'"]+|[`'"]+$/g, ''),
    )
    .filter((prefix) => prefix.length > 0);
}

/** The header among the comments before the file's first statement (after a shebang), if any. */
export function findPrefixHeader(file: { readonly text: string }, pattern: RegExp = headerRegExp()): PrefixHeader | undefined {
  const text = file.text;
  const prefixes: DeclaredPrefix[] = [];
  let first: { start: number; end: number } | undefined;
  for (const range of ts.getLeadingCommentRanges(text, 0) ?? []) {
    for (const line of commentLines(text.slice(range.pos, range.end))) {
      const list = pattern.exec(line)?.[1];
      if (list === undefined) continue;
      first ??= { start: range.pos, end: range.end };
      for (const prefix of parsePrefixList(list)) prefixes.push({ prefix, start: range.pos, end: range.end });
    }
  }
  return first && { prefixes, ...first };
}

const STAR = null;
type Glob = (string | typeof STAR)[];

/** A declared prefix as characters and stars. */
function globOf(prefix: string): Glob {
  return [...prefix].map((c) => (c === '*' ? STAR : c));
}

/** A key as a glob: an exact key is its characters; a pattern key is its literal prefix and then anything. */
function keyGlob(key: StringValue): Glob {
  return key.kind === 'exact' ? [...key.value] : [...literalPrefix(key), STAR];
}

/** Whether some string matches both globs. */
function globsIntersect(a: Glob, b: Glob): boolean {
  const memo = new Map<number, boolean>();
  const step = (i: number, j: number): boolean => {
    const id = i * (b.length + 1) + j;
    const known = memo.get(id);
    if (known !== undefined) return known;
    let result: boolean;
    if (i === a.length && j === b.length) result = true;
    else if (i < a.length && a[i] === STAR) result = step(i + 1, j) || (j < b.length && step(i, j + 1));
    else if (j < b.length && b[j] === STAR) result = step(i, j + 1) || (i < a.length && step(i + 1, j));
    else result = i < a.length && j < b.length && a[i] === b[j] && step(i + 1, j + 1);
    memo.set(id, result);
    return result;
  };
  return step(0, 0);
}

/**
 * Whether a key may be under a declared prefix. An exact key must match it; a
 * pattern key (`auth.remember.${id}`) is judged by its literal prefix only, so
 * it is outside only when that literal part already rules the prefix out.
 */
export function keyMatchesPrefix(key: StringValue, prefix: string): boolean {
  return globsIntersect(keyGlob(key), globOf(prefix));
}

/** Whether two declared prefixes can claim the same key: `auth.*` and `auth.remember.*` can. */
export function prefixesOverlap(a: string, b: string): boolean {
  return globsIntersect(globOf(a), globOf(b));
}

/** The whole dotted segments a key certainly starts with: `auth.remember.${id}` → auth, remember. */
function leadingSegments(key: StringValue): string[] {
  const segments = literalPrefix(key).split('.').slice(0, -1);
  const empty = segments.indexOf('');
  return empty < 0 ? segments : segments.slice(0, empty);
}

/**
 * The prefix all keys share, as a header would declare it (`auth.*` for
 * `auth.accessToken` and `auth.refreshToken`); undefined when they share no
 * dotted segment, or there are no keys.
 */
export function sharedPrefix(keys: StringValue[]): string | undefined {
  if (keys.length === 0) return undefined;
  let common = leadingSegments(keys[0]!);
  for (const key of keys.slice(1)) {
    const segments = leadingSegments(key);
    let n = 0;
    while (n < common.length && n < segments.length && common[n] === segments[n]) n++;
    common = common.slice(0, n);
  }
  return common.length > 0 ? `${common.join('.')}.*` : undefined;
}

/** The comment line a header fix inserts. */
export function headerLine(prefixes: string[]): string {
  return `// SecureStore prefix: ${prefixes.join(', ')}`;
}

/** Whether a header written by `headerLine(prefixes)` is read back as exactly those prefixes under `pattern`. */
export function headerLineRoundTrips(prefixes: string[], pattern: RegExp): boolean {
  const list = pattern.exec(commentLines(headerLine(prefixes))[0]!)?.[1];
  return list !== undefined && parsePrefixList(list).join('\n') === prefixes.join('\n');
}
