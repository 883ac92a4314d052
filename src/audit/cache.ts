import { hash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { packageVersion } from '../core/package-info.js';
import { writeFileAtomic } from './fix.js';
import { discoverFiles, type DiscoveredFiles } from './discover.js';
import { noFilesRead, readFiles, type ReadFiles } from './read.js';
import { ignoreMatcher, locateConfig } from './config-file.js';
import type { AuditFinding, AuditResult } from './result.js';
import { movedRecord } from './cache-root.js';
import { currentStamp, SETTLE_MS } from './stamp.js';
import type { StoredProjectFile } from './stored-project-file.js';
import type { Directive } from '../core/suppressions.js';

// The --cache file. A run whose inputs all hash the same as last time is
// answered from it without loading the compiler; a run after an edit reuses
// the per-file findings of every file the edit cannot affect.
//
// Inputs: the tool's version, the config file's text and the options that
// change findings (the key); the content hash of every audited file; and the
// hash of every other file the analysis read or looked for (tsconfig files;
// '' for one looked for and absent). Beside each hash, the file's stamp
// (stamp.ts): when every file's stamp is as recorded, the run is answered
// without reading the files at all. Paths are absolute, with the folder they
// were written under beside them: a record read in another checkout is moved
// there (cache-root.ts).

export const DEFAULT_CACHE_LOCATION = 'node_modules/.cache/securestore-audit';
const CACHE_FILE = 'cache.json';
export const CACHE_FORMAT = 4;

export interface CachedFile {
  /** Per-file rule findings (before suppressions), reusable while the file and its imports are unchanged. */
  findings: AuditFinding[];
  /** The audited files this file imports, directly or not: their edits can change its findings. */
  deps: string[];
  /** What the project-wide rules take from the file (when they ran): with it, the file is not parsed again. */
  project?: StoredProjectFile;
  /** Its disable directives, when it has any. */
  directives?: Directive[];
}

export interface CacheRecord {
  format: number;
  key: string;
  /** The folder the audit ran in when this was written: its paths start with it. */
  root: string;
  /** Every audited file: its content hash, or why it could not be read. */
  files: Record<string, string>;
  /** The stamps of the files that had been left alone when they were read (see stamp.ts). */
  stamps: Record<string, string>;
  /** Other files the analysis read, with their hash ('' when absent). */
  inputs: Record<string, string>;
  /** The files that could matter (see relevance.ts). */
  relevant: string[];
  /** The result, without file texts (they are re-read). */
  result: Omit<AuditResult, 'timings'>;
  perFile: Record<string, CachedFile>;
}

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
function discoveryStates(discovered: DiscoveredFiles): Record<string, string> {
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
  const { root, files, stamps, inputs, relevant, result, perFile } = record;
  return (
    typeof root === 'string' &&
    [files, stamps, inputs, perFile].every(isObject) &&
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

/** The files whose state differs between the cache and now, including files added or removed. */
export function changedFiles(record: CacheRecord, states: Record<string, string>): Set<string> {
  const changed = new Set<string>();
  for (const [file, state] of Object.entries(states)) if (record.files[file] !== state) changed.add(file);
  for (const file of Object.keys(record.files)) if (!(file in states)) changed.add(file);
  return changed;
}

export function inputsUnchanged(record: CacheRecord): boolean {
  return Object.entries(record.inputs).every(([path, hash]) => hashInput(path) === hash);
}

/** The cached result with the file texts put back (they are not stored). */
function withSources(record: CacheRecord, texts: Map<string, string>): AuditResult {
  const files = record.result.files.map((file) => {
    const source = texts.get(file.filePath);
    return source === undefined ? file : { ...file, source };
  });
  return { ...record.result, files, timings: {} };
}

/** The cached result as this run's whole answer: nothing parsed or analysed; `unread` files not even read. */
function answeredFromCache(record: CacheRecord, texts: Map<string, string>, unread?: number): AuditResult {
  const result = withSources(record, texts);
  return { ...result, counts: { ...result.counts, read: texts.size, parsed: 0, cached: record.relevant.length, analysed: 0, ...(unread === undefined ? {} : { unread }) } };
}

/**
 * The states of the discovered files when every one of them has the stamp
 * recorded with its hash: taken from the cache, nothing read. Undefined as
 * soon as one file has no stamp or another one.
 */
function statesByStamp(record: CacheRecord, discovered: DiscoveredFiles): Record<string, string> | undefined {
  const states = discoveryStates(discovered);
  for (const file of discovered.files) {
    const stamp = record.stamps[file];
    if (stamp === undefined || currentStamp(file) !== stamp) return undefined;
    states[file] = record.files[file]!;
  }
  return states;
}

/**
 * The cached result for an app whose files all kept their stamps, reading
 * only the files whose text a report shows (code frames, fixes): those with
 * findings. Undefined when anything changed.
 */
function cachedResultByStamps(record: CacheRecord, discovered: DiscoveredFiles, maxFileSize: number | undefined): AuditResult | undefined {
  const states = statesByStamp(record, discovered);
  if (!states || changedFiles(record, states).size > 0 || !inputsUnchanged(record)) return undefined;
  const shown = record.result.files.filter((file) => file.findings.length > 0).map((file) => file.filePath);
  const { texts } = readFiles(shown, { maxFileSize });
  return answeredFromCache(record, texts, discovered.files.length - texts.size);
}

/** The cached result, when nothing it depends on changed. */
export function cachedResult(record: CacheRecord, states: Record<string, string>, read: ReadFiles): AuditResult | undefined {
  if (changedFiles(record, states).size > 0 || !inputsUnchanged(record)) return undefined;
  return answeredFromCache(record, read.texts);
}

export interface CacheLookup {
  file: string;
  key: string;
  /** The folder the audit runs in (see CacheRecord.root). */
  root: string;
  discovered: DiscoveredFiles;
  read: ReadFiles;
  states: Record<string, string>;
  /** The previous run's record for the same key, if any. */
  record?: CacheRecord;
  /** The whole result, when nothing changed. */
  hit?: AuditResult;
}

export interface CacheLookupOptions {
  cwd: string;
  paths: string[];
  configFile?: string;
  location?: string;
  /** The options that change findings: rules, preset, limits. */
  settings: Record<string, unknown>;
  maxFileSize?: number;
  keepBytes?: boolean;
}

/**
 * Discovers and reads the files, hashes them and compares with the cache.
 * Undefined when the config is not plainly usable without validation: the
 * full audit then reports the problem.
 */
export function lookupCache(options: CacheLookupOptions): CacheLookup | undefined {
  const found = locateConfig(options.cwd, options.configFile);
  const ignores = (found?.data as { ignores?: unknown } | undefined)?.ignores;
  if (ignores !== undefined && !(Array.isArray(ignores) && ignores.every((g) => typeof g === 'string'))) return undefined;
  const isIgnored = ignoreMatcher(ignores as string[] | undefined, found ? dirname(found.path) : options.cwd);
  const root = resolve(options.cwd);
  // Where the config file is matters (its ignores are relative to it), but only relative to the audit's folder.
  const key = cacheKey({ ...options.settings, configFile: found ? { path: relative(root, found.path), text: found.text } : null });
  const discovered = discoverFiles(options.paths.length ? options.paths : ['.'], options.cwd);
  discovered.files = discovered.files.filter((file) => !isIgnored(file));
  const file = cacheFile(options.cwd, options.location);
  const stored = readCache(file, key, root);
  const record = stored?.record;
  const byStamps = record && !options.keepBytes ? cachedResultByStamps(record, discovered, options.maxFileSize) : undefined;
  if (byStamps) {
    // A folder renamed in place keeps its files' stamps: store the record moved, so the next run need not move it again.
    if (stored!.moved) writeQuietly(file, record!);
    return { file, key, root, discovered, read: noFilesRead(), states: record!.files, record, hit: byStamps };
  }
  const stampSettledBefore = Date.now() - SETTLE_MS;
  const read = readFiles(discovered.files, { maxFileSize: options.maxFileSize, keepBytes: options.keepBytes, stampSettledBefore });
  const states = fileStates(discovered, read);
  const hit = record ? cachedResult(record, states, read) : undefined;
  // Unchanged, but some stamps are new (files that had just been written last
  // time): record them, so the next run need not read the files.
  if (hit && !sameStamps(record!.stamps, read.stamps)) writeQuietly(file, { ...record!, stamps: Object.fromEntries(read.stamps) });
  return { file, key, root, discovered, read, states, record, hit };
}

function sameStamps(recorded: Record<string, string>, now: Map<string, string>): boolean {
  return Object.keys(recorded).length === now.size && [...now].every(([file, stamp]) => recorded[file] === stamp);
}

function writeQuietly(file: string, record: CacheRecord): void {
  try {
    writeCache(file, record);
  } catch {
    // A cache that cannot be written only makes the next run slower.
  }
}

/** A plain text file now and before (or absent): not an unreadable or skipped one, which has a result of its own. */
function plainEdit(record: CacheRecord, states: Record<string, string>, file: string): boolean {
  const plain = (state: string | undefined) => state === undefined || !state.includes(':');
  return plain(record.files[file]) && plain(states[file]);
}

/**
 * The previous result after edits that cannot change it (the caller checked
 * that no relevant file is affected, and that the other inputs are unchanged).
 */
export function cachedResultAfterEdits(record: CacheRecord, changed: Set<string>, states: Record<string, string>, read: ReadFiles): AuditResult | undefined {
  return [...changed].every((file) => plainEdit(record, states, file)) ? withSources(record, read.texts) : undefined;
}
