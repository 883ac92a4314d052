import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { packageVersion } from '../core/package-info.js';
import { writeFileAtomic } from './fix.js';
import { discoverFiles, type DiscoveredFiles } from './discover.js';
import { readFiles, type ReadFiles } from './read.js';
import { ignoreMatcher, locateConfig } from './config-file.js';
import type { AuditFinding, AuditResult } from './result.js';

// The --cache file. A run whose inputs all hash the same as last time is
// answered from it without loading the compiler; a run after an edit reuses
// the per-file findings of every file the edit cannot affect.
//
// Inputs: the tool's version, the config file's text and the options that
// change findings (the key); the content hash of every audited file; and the
// hash of every other file the analysis read (tsconfig files).

export const DEFAULT_CACHE_LOCATION = 'node_modules/.cache/securestore-audit';
const CACHE_FILE = 'cache.json';
const FORMAT = 1;

export interface CachedFile {
  /** Per-file rule findings (before suppressions), reusable while the file and its imports are unchanged. */
  findings: AuditFinding[];
  /** The audited files this file imports, directly or not: their edits can change its findings. */
  deps: string[];
}

export interface CacheRecord {
  format: number;
  key: string;
  /** Every audited file: its content hash, or why it could not be read. */
  files: Record<string, string>;
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
  return createHash('sha1').update(text).digest('hex');
}

/** One hash for everything that changes every file's findings at once. */
export function cacheKey(parts: Record<string, unknown>): string {
  return hashText(JSON.stringify({ version: packageVersion, format: FORMAT, ...parts }));
}

/** Each discovered file's state: content hash, or the reason it was not read. */
export function fileStates(discovered: DiscoveredFiles, read: ReadFiles): Record<string, string> {
  const states: Record<string, string> = {};
  for (const { path, reason } of discovered.unreadable) states[path] = `unreadable:${reason}`;
  for (const { path, reason } of discovered.skipped ?? []) states[path] = `skipped:${reason}`;
  for (const [file, reason] of read.unreadable) states[file] = `unreadable:${reason}`;
  for (const [file, reason] of read.skipped) states[file] = `skipped:${reason}`;
  for (const [file, text] of read.texts) states[file] = hashText(`${read.bom.has(file) ? 'bom:' : ''}${text}`);
  return states;
}

export function hashInput(path: string): string {
  try {
    return hashText(readFileSync(path));
  } catch {
    return '';
  }
}

/** The cache, or undefined when there is none or it is unusable (a corrupt cache is ignored, then rewritten). */
export function readCache(path: string, key: string): CacheRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(path, 'utf8')) as CacheRecord;
    return record.format === FORMAT && record.key === key ? record : undefined;
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
function withSources(record: CacheRecord, read: ReadFiles): AuditResult {
  const files = record.result.files.map((file) => {
    const source = read.texts.get(file.filePath);
    return source === undefined ? file : { ...file, source };
  });
  return { ...record.result, files, timings: {} };
}

/** The cached result, when nothing it depends on changed. */
export function cachedResult(record: CacheRecord, states: Record<string, string>, read: ReadFiles): AuditResult | undefined {
  if (changedFiles(record, states).size > 0 || !inputsUnchanged(record)) return undefined;
  const result = withSources(record, read);
  return { ...result, counts: { ...result.counts, read: read.texts.size, parsed: 0, cached: record.relevant.length, analysed: 0 } };
}

export interface CacheLookup {
  file: string;
  key: string;
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
  const key = cacheKey({ ...options.settings, configFile: found ? { path: found.path, text: found.text } : null });
  const discovered = discoverFiles(options.paths.length ? options.paths : ['.'], options.cwd);
  discovered.files = discovered.files.filter((file) => !isIgnored(file));
  const read = readFiles(discovered.files, { maxFileSize: options.maxFileSize, keepBytes: options.keepBytes });
  const states = fileStates(discovered, read);
  const file = cacheFile(options.cwd, options.location);
  const record = readCache(file, key);
  const hit = record ? cachedResult(record, states, read) : undefined;
  return { file, key, discovered, read, states, record, hit };
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
  return [...changed].every((file) => plainEdit(record, states, file)) ? withSources(record, read) : undefined;
}
