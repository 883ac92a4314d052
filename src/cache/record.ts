import { hash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { packageVersion } from '../core/package-info.js';
import { writeFileAtomic } from '../audit/atomic-write.js';
import type { DiscoveredFiles } from '../audit/discover.js';
import type { ReadFiles } from '../audit/read.js';
import { movedRecord } from './moved-record.js';
import type { CacheRecord } from './types.js';

// The --cache file. A run whose inputs all hash the same as last time is
// answered from it without loading the compiler; a run after an edit reuses
// the per-file findings of every file the edit cannot affect.
//
// Inputs: the tool's version, the working directory's config and the options
// that change findings (the key); the content hash of every audited file, and
// per folder a hash of the configs its files use (folder-configs.ts); and the
// hash of every other file the analysis read or looked for (tsconfig files;
// '' for one looked for and absent). Beside each hash, the file's stamp
// (stamp.ts): when every file's stamp is as recorded, the run is answered
// without reading the files at all. Paths are absolute, with the folder they
// were written under beside them: a record read in another checkout is moved
// there (moved-record.ts).

export const DEFAULT_CACHE_LOCATION = 'node_modules/.cache/securestore-audit';
const CACHE_FILE = 'cache.json';
export const CACHE_FORMAT = 5;

/** Where the cache lives: `--cache-location` is a folder, as in ESLint; the file inside it is ours. */
export function cacheFile(cwd: string, location: string | undefined): string {
  return join(resolve(cwd, location ?? DEFAULT_CACHE_LOCATION), CACHE_FILE);
}

export function hashText(text: string | Buffer): string {
  // The one-shot form: most files are small, and a Hash object per file costs more than hashing it.
  return hash('sha1', text, 'hex');
}

/** One hash for everything that changes every file's findings at once. */
export function cacheKey(parts: Record<string, unknown>): string {
  return hashText(JSON.stringify({ version: packageVersion, format: CACHE_FORMAT, ...parts }));
}

/** The states of what discovery itself could not take: unreadable folders, files named but not audited. */
export function discoveryStates(discovered: DiscoveredFiles): Record<string, string> {
  const states: Record<string, string> = {};
  for (const { path, reason } of discovered.unreadable) states[path] = `unreadable:${reason}`;
  for (const { path, reason } of discovered.skipped ?? []) states[path] = `skipped:${reason}`;
  return states;
}

/** Each discovered file's state: content hash, or the reason it was not read. */
export function fileStates(discovered: DiscoveredFiles, read: ReadFiles): Record<string, string> {
  const states = discoveryStates(discovered);
  for (const [file, reason] of read.unreadable) states[file] = `unreadable:${reason}`;
  for (const [file, reason] of read.skipped) states[file] = `skipped:${reason}`;
  for (const [file, text] of read.texts) states[file] = hashText(`${read.bom.has(file) ? 'bom:' : ''}${text}`);
  return states;
}

export function hashInput(path: string): string {
  // Most inputs are tsconfig.json files looked for and absent: asking costs less than the error a read would throw.
  if (!existsSync(path)) return '';
  try {
    return hashText(readFileSync(path));
  } catch {
    return '';
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The parts every use of a record reads without further checks: a cache damaged in any of them is not used. */
function wellFormed(record: unknown): record is CacheRecord {
  if (!isObject(record)) return false;
  const { root, files, folders, stamps, inputs, relevant, result, perFile } = record;
  return (
    typeof root === 'string' &&
    [files, folders, stamps, inputs, perFile].every(isObject) &&
    Array.isArray(relevant) &&
    isObject(result) &&
    Array.isArray(result.files) &&
    result.files.every((file) => isObject(file) && Array.isArray(file.findings)) &&
    Object.values(perFile as object).every(wellFormedEntry)
  );
}

function wellFormedEntry(entry: unknown): boolean {
  if (!isObject(entry) || !Array.isArray(entry.findings) || !Array.isArray(entry.deps)) return false;
  const { project, directives } = entry;
  if (directives !== undefined && !Array.isArray(directives)) return false;
  return project === undefined || (isObject(project) && [project.keyUsages, project.opaqueOperations, project.reachedWrapperCalls].every(Array.isArray));
}

/**
 * The cache as if written under `root` (`moved` when it was not), or
 * undefined when there is none or it is unusable (a corrupt cache is
 * ignored, then rewritten).
 */
export function readCache(path: string, key: string, root: string): { record: CacheRecord; moved: boolean } | undefined {
  try {
    const record: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (!wellFormed(record) || record.format !== CACHE_FORMAT || record.key !== key) return undefined;
    return record.root === root ? { record, moved: false } : { record: movedRecord(record, root), moved: true };
  } catch {
    return undefined;
  }
}

export function writeCache(path: string, record: CacheRecord): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, JSON.stringify(record));
}

/**
 * The files whose state differs between the cache and now, including files
 * added or removed, and the files of a folder whose configs changed (`folders`, see folder-configs.ts).
 */
export function changedFiles(record: CacheRecord, states: Record<string, string>, folders: Record<string, string>): Set<string> {
  const changed = new Set<string>();
  for (const [file, state] of Object.entries(states)) {
    const folder = folders[dirname(file)];
    if (record.files[file] !== state || (folder !== undefined && record.folders[dirname(file)] !== folder)) changed.add(file);
  }
  for (const file of Object.keys(record.files)) if (!(file in states)) changed.add(file);
  return changed;
}

export function inputsUnchanged(record: CacheRecord): boolean {
  return Object.entries(record.inputs).every(([path, hash]) => hashInput(path) === hash);
}

export function writeQuietly(file: string, record: CacheRecord): void {
  try {
    writeCache(file, record);
  } catch {
    // A cache that cannot be written only makes the next run slower.
  }
}
