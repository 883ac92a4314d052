import { relative, resolve, sep } from 'node:path';
import type { CacheRecord } from './types.js';

// The cache names files by absolute path, as the analysis does. A project
// checked out in another folder (a CI runner's new workspace, a second
// clone, a renamed folder) would then miss every entry and pay a cold run.
// So the record keeps the folder its paths were written under, and a record
// read under another folder has that folder swapped for the new one, in
// every key and string that starts with it. Nothing else in a record starts
// with an absolute path: messages name keys and relative paths only.

/** A hash no file has: an input recorded with it never counts as unchanged. */
const UNKNOWN_HERE = 'unknown-in-this-folder';

function under(folder: string): string {
  return folder.endsWith(sep) ? folder : folder + sep;
}

function depth(folder: string): number {
  return folder.split(sep).filter(Boolean).length;
}

function mapStrings(value: unknown, move: (text: string) => string): unknown {
  if (typeof value === 'string') return move(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, move));
  if (typeof value === 'object' && value !== null) {
    const mapped: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) mapped[move(key)] = mapStrings(item, move);
    return mapped;
  }
  return value;
}

/**
 * Inputs outside the old folder: the tsconfig.json looked for in its parent
 * folders, a base config extended from one. The new checkout has its own,
 * at the same place relative to it, and they are the ones to hash. That is
 * only the same lookup when both folders are equally deep (the search for a
 * tsconfig.json climbs to the file system's root); otherwise they count as
 * changed, and nothing is reused.
 */
function movedInputs(inputs: Record<string, string>, from: string, to: string, move: (text: string) => string): Record<string, string> {
  const sameDepth = depth(from) === depth(to);
  const moved: Record<string, string> = {};
  for (const [path, hash] of Object.entries(inputs)) {
    if (path.startsWith(under(from))) moved[move(path)] = hash;
    else moved[resolve(to, relative(from, path))] = sameDepth ? hash : UNKNOWN_HERE;
  }
  return moved;
}

/** The record as if it had been written under `root`. */
export function movedRecord(record: CacheRecord, root: string): CacheRecord {
  const from = under(record.root);
  const to = under(root);
  const move = (text: string) => (text === record.root ? root : text.startsWith(from) ? to + text.slice(from.length) : text);
  const { inputs, ...rest } = record;
  const moved = mapStrings(rest, move) as Omit<CacheRecord, 'inputs'>;
  return { ...moved, inputs: movedInputs(inputs, record.root, root, move), root };
}
