import { displayPath } from './display-path.js';

// A message that points at another file names it by as little of its path as
// tells it apart from the other files of the audit: `session.ts:5`, or
// `routing/session.ts:5` when another audited file is also `session.ts`.
// Messages stay short; the full path is in structured output.

const segmentsOf = (fileName: string) => fileName.split(/[\\/]/).filter((s) => s !== '');

/** The last of segmentsOf(fileName), without splitting the whole path. */
function lastSegmentOf(fileName: string): string | undefined {
  let end = fileName.length;
  while (end > 0 && (fileName[end - 1] === '/' || fileName[end - 1] === '\\')) end--;
  const start = Math.max(fileName.lastIndexOf('/', end - 1), fileName.lastIndexOf('\\', end - 1)) + 1;
  return end > start ? fileName.slice(start, end) : undefined;
}

/**
 * The fewest trailing path segments of `fileName` that no other of `fileNames`
 * ends with; the file's display path when every suffix is shared.
 */
export function uniquePathSuffix(fileName: string, fileNames: Iterable<string>): string {
  const own = segmentsOf(fileName);
  const last = own[own.length - 1];
  // Only a file of the same name can share a suffix: the others' paths are not split (a message is made per finding, over every file of the app).
  const others: string[][] = [];
  const seen = new Set<string>();
  for (const name of fileNames) {
    if (name === fileName || seen.has(name) || lastSegmentOf(name) !== last) continue;
    seen.add(name);
    others.push(segmentsOf(name));
  }
  for (let count = 1; count <= own.length; count++) {
    const suffix = own.slice(-count);
    const shared = others.some((other) => other.length >= count && suffix.every((segment, i) => other[other.length - count + i] === segment));
    if (!shared) return suffix.join('/');
  }
  return displayPath(fileName);
}
