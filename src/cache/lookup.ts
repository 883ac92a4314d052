import { dirname, resolve } from 'node:path';
import { appRoots } from '../audit/app-roots.js';
import { configIgnoreMatcher, configLocator, type FoundConfig } from '../audit/config-file.js';
import { FolderListings } from '../core/folder-listings.js';
import { configIdentity, folderConfigs } from './folder-configs.js';
import { discoverAuditedFiles, type DiscoverOptions, type DiscoveredFiles } from '../audit/discover.js';
import { noFilesRead, readFiles, type ReadFiles } from '../audit/read.js';
import type { AuditResult } from '../core/result.js';
import { cacheFile, cacheKey, changedFiles, discoveryStates, fileStates, inputsUnchanged, readCache, writeQuietly } from './record.js';
import { currentStamp, SETTLE_MS } from './stamp.js';
import type { CacheRecord } from './types.js';

// Looking the run up in the cache: discover and read the files (or only stat
// them, see stamp.ts), hash them and compare with the stored record. Needs
// neither the rules nor the compiler, so the CLI asks before loading them.

/** The cached result with the file texts put back (they are not stored). */
export function withSources(record: CacheRecord, texts: Map<string, string>): AuditResult {
  const files = record.result.files.map((file) => {
    const source = texts.get(file.filePath);
    return source === undefined ? file : { ...file, source };
  });
  return { ...record.result, files, timings: {} };
}

/** The cached result as this run's whole answer: nothing parsed or analysed; `unread` files not even read. */
function answeredFromCache(record: CacheRecord, texts: Map<string, string>, discovered: DiscoveredFiles, unread?: number): AuditResult {
  const result = withSources(record, texts);
  // Test files are not part of the cache key: their count is this run's. So is which files were named.
  return {
    ...result,
    ...(discovered.context ? { context: { ...discovered.context, ...(discovered.named ? { named: discovered.named } : {}) } } : {}),
    counts: {
      ...result.counts,
      testFiles: discovered.testFiles ?? 0,
      read: texts.size,
      parsed: 0,
      cached: record.relevant.length,
      analysed: 0,
      ...(unread === undefined ? {} : { unread }),
    },
  };
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
function cachedResultByStamps(
  record: CacheRecord,
  discovered: DiscoveredFiles,
  folders: Record<string, string>,
  maxFileSize: number | undefined,
): AuditResult | undefined {
  const states = statesByStamp(record, discovered);
  if (!states || changedFiles(record, states, folders).size > 0 || !inputsUnchanged(record)) return undefined;
  const shown = record.result.files.filter((file) => file.findings.length > 0).map((file) => file.filePath);
  const { texts } = readFiles(shown, { maxFileSize });
  return answeredFromCache(record, texts, discovered, discovered.files.length - texts.size);
}

/** The cached result, when nothing it depends on changed. */
function cachedResult(
  record: CacheRecord,
  states: Record<string, string>,
  folders: Record<string, string>,
  read: ReadFiles,
  discovered: DiscoveredFiles,
): AuditResult | undefined {
  if (changedFiles(record, states, folders).size > 0 || !inputsUnchanged(record)) return undefined;
  return answeredFromCache(record, read.texts, discovered);
}

export interface CacheLookup {
  file: string;
  key: string;
  /** The folder the audit runs in (see CacheRecord.root). */
  root: string;
  discovered: DiscoveredFiles;
  read: ReadFiles;
  states: Record<string, string>;
  /** Each folder's configs, hashed (see CacheRecord.folders). */
  folders: Record<string, string>;
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
  /** Which files the audit finds: tests, ignores. */
  discover: DiscoverOptions;
}

/**
 * Discovers and reads the files, hashes them and compares with the cache.
 * Undefined when the config is not plainly usable without validation: the
 * full audit then reports the problem.
 */
export function lookupCache(options: CacheLookupOptions): CacheLookup | undefined {
  const configs = plainConfigs(options.cwd, options.configFile);
  const discovered = discoverAuditedFiles(options.paths, options.cwd, configs.isIgnored, { ...options.discover, listing: configs.folders });
  if (!configs.usable()) return undefined;
  const root = resolve(options.cwd);
  // Each file's configs (its own, its app root's) are its inputs, by folder: a change to one app's config leaves the others' entries usable.
  const folders = folderConfigs(discovered.files, root, configs.locate, appRoots(configs.folders));
  // The working directory's config is the whole run's: the rules it turns on are listed in every report.
  const key = cacheKey({ ...options.settings, workingDirectoryConfig: configIdentity(configs.locate(root), root) });
  const file = cacheFile(options.cwd, options.location);
  const stored = readCache(file, key, root);
  const record = stored?.record;
  const byStamps = record && !options.keepBytes ? cachedResultByStamps(record, discovered, folders, options.maxFileSize) : undefined;
  if (byStamps) {
    // A folder renamed in place keeps its files' stamps: store the record moved, so the next run need not move it again.
    if (stored!.moved) writeQuietly(file, record!);
    return { file, key, root, discovered, read: noFilesRead(), states: record!.files, folders, record, hit: byStamps };
  }
  const stampSettledBefore = Date.now() - SETTLE_MS;
  const read = readFiles(discovered.files, { maxFileSize: options.maxFileSize, keepBytes: options.keepBytes, stampSettledBefore });
  const states = fileStates(discovered, read);
  const hit = record ? cachedResult(record, states, folders, read, discovered) : undefined;
  // Unchanged, but some stamps are new (files that had just been written last
  // time): record them, so the next run need not read the files.
  if (hit && !sameStamps(record!.stamps, read.stamps)) writeQuietly(file, { ...record!, stamps: Object.fromEntries(read.stamps) });
  return { file, key, root, discovered, read, states, folders, record, hit };
}

/**
 * The configs as the cache needs them, without validating them: each file's
 * nearest config file and its `ignores`. Not `usable` when an `ignores` is
 * not a list of strings: the full audit then reports the problem.
 */
function plainConfigs(cwd: string, configFile: string | undefined) {
  const folders = new FolderListings();
  const locate = configLocator(cwd, configFile, folders);
  // The working directory's config first: one that does not parse is an error even where no file is found.
  locate(resolve(cwd));
  const matchers = new Map<FoundConfig | undefined, (file: string) => boolean>();
  let usable = true;
  const isIgnored = (file: string): boolean => {
    const found = locate(dirname(file));
    let matcher = matchers.get(found);
    if (!matcher) {
      const ignores = (found?.data as { ignores?: unknown } | undefined)?.ignores;
      const plain = ignores === undefined || (Array.isArray(ignores) && ignores.every((g) => typeof g === 'string'));
      if (!plain) usable = false;
      matcher = configIgnoreMatcher(found, plain ? ignores : undefined, cwd);
      matchers.set(found, matcher);
    }
    return matcher(file);
  };
  return { locate, isIgnored, usable: () => usable, folders };
}

function sameStamps(recorded: Record<string, string>, now: Map<string, string>): boolean {
  return Object.keys(recorded).length === now.size && [...now].every(([file, stamp]) => recorded[file] === stamp);
}
