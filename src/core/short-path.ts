import { displayPath } from './display-path.js';

// A message that points at another file names it by as little of its path as
// tells it apart from the other files of the audit: `session.ts:5`, or
// `routing/session.ts:5` when another audited file is also `session.ts`.
// Messages stay short; the full path is in structured output.

const segmentsOf = (fileName: string) => fileName.split(/[\\/]/).filter((s) => s !== '');

/**
 * The fewest trailing path segments of `fileName` that no other of `fileNames`
 * ends with; the file's display path when every suffix is shared.
 */
export function uniquePathSuffix(fileName: string, fileNames: Iterable<string>): string {
  const own = segmentsOf(fileName);
  const others = [...new Set(fileNames)].filter((name) => name !== fileName).map(segmentsOf);
  for (let count = 1; count <= own.length; count++) {
    const suffix = own.slice(-count);
    const shared = others.some((other) => other.length >= count && suffix.every((segment, i) => other[other.length - count + i] === segment));
    if (!shared) return suffix.join('/');
  }
  return displayPath(fileName);
}
