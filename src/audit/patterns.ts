import { isAbsolute, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';

// Command-line patterns, read as ESLint reads them: a quoted glob names the
// source files it matches, relative to the working directory; `--ignore-pattern`
// globs are relative to the working directory too, and a pattern that matches
// a folder leaves out everything in it. picomatch is the matcher the config's
// `ignores` already use (a direct dependency); `dot: true` as ESLint's own
// matching, so `**` reaches into folders whose name starts with a dot.

const toPosix = (path: string) => (sep === '/' ? path : path.split(sep).join('/'));

/** Whether a command-line argument is a glob rather than a path (a path that exists is read as a path before this is asked). */
export function isGlobPattern(argument: string): boolean {
  return picomatch.scan(argument).isGlob;
}

export interface GlobPattern {
  /** The folder to walk: the part of the pattern before its first glob segment. */
  base: string;
  /** Whether an absolute file path matches the pattern. */
  matches: (file: string) => boolean;
}

/** A glob argument: its folder, and the matcher of the files it names. */
export function globPattern(argument: string, cwd: string): GlobPattern {
  const { base } = picomatch.scan(argument);
  const absolute = isAbsolute(argument);
  // Matched against the path as the pattern is written: relative to the working directory, or absolute.
  const pattern = absolute ? toPosix(argument) : toPosix(argument).replace(/^(\.\/)+/, '');
  const match = picomatch(pattern, { dot: true });
  return {
    base: resolve(cwd, base || '.'),
    matches: (file) => match(absolute ? toPosix(file) : toPosix(relative(cwd, file))),
  };
}

/**
 * The `--ignore-pattern` globs, relative to `cwd`: a file is left out when a
 * pattern matches it or one of its folders; a later `!pattern` brings back
 * what an earlier one left out.
 */
export function ignorePatternMatcher(patterns: string[], cwd: string): (file: string) => boolean {
  if (patterns.length === 0) return () => false;
  const compiled = patterns.map((raw) => {
    const negated = raw.startsWith('!');
    const body = toPosix(negated ? raw.slice(1) : raw)
      .replace(/^(\.\/)+/, '')
      .replace(/\/+$/, '');
    return { negated, match: picomatch(body, { dot: true }) };
  });
  return (file) => {
    const rel = toPosix(relative(cwd, file));
    if (!rel || rel.startsWith('../')) return false;
    // The file itself and each folder above it, up to the working directory.
    const parts = rel.split('/');
    const candidates = parts.map((_, index) => parts.slice(0, index + 1).join('/'));
    let ignored = false;
    for (const { negated, match } of compiled) {
      if (negated ? ignored && match(rel) : !ignored && candidates.some((candidate) => match(candidate))) ignored = !negated;
    }
    return ignored;
  };
}
