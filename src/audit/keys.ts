import { keyUsages, KEYCHAIN_OPTION_NAMES, unresolvedKeySites, type KeyOperation, type KeyUsage } from '../core/key-usage.js';
import { isDartFile } from '../core/extensions.js';
import { loadDartParser, loadedDart } from './dart-loader.js';
import { appRoots } from './app-roots.js';
import { AppLibraries, dartFilesOf, needsDartParser } from './dart-pass.js';
import { projectFile } from '../core/project-file.js';
import type { KeyEntry } from '../core/result.js';
import type { FileModel } from '../core/model.js';
import { discoverAuditedFiles } from './discover.js';
import { configSet } from './config-set.js';
import { parseProject, readFiles } from './project.js';
import { timer } from './timer.js';
import { discoverOptions } from './options.js';
import { repoRelative } from '../core/fingerprint.js';
import { redactData, redactValue } from '../core/redact.js';

// The key registry: every storage key the app uses, where it is written, read
// and deleted, and with which options. Plain data; formats live in
// src/reporters/keys.ts.

export type { KeyEntry, KeySite } from '../core/result.js';

export interface KeysOptions {
  cwd?: string;
  paths?: string[];
  configFile?: string;
  /** List the keys of test files too. Default: false. */
  includeTests?: boolean;
  /** Which files are read besides: `--no-ignore`, `--ignore-pattern`, `--no-error-on-unmatched-pattern` (see AuditOptions). */
  ignore?: boolean;
  ignorePatterns?: string[];
  errorOnUnmatchedPattern?: boolean;
  /**
   * Read the rest of the named paths' app roots too (see AuditOptions), and
   * list the keys the named files use, each with all its sites in the app:
   * where else it is written, read and deleted. Default: false.
   */
  appRoots?: boolean;
}

/**
 * The key registry, with the Dart parser loaded first when a Dart file is to
 * be read (see auditAsync): what the CLI's `keys` runs.
 */
export async function collectKeysAsync(options: KeysOptions = {}): Promise<KeyEntry[]> {
  const { texts, named } = readKeyFiles(options);
  if (needsDartParser(texts)) await loadDartParser();
  return keysOf(texts, options.cwd ?? process.cwd(), named);
}

/** The key registry; Dart files only once `loadDartParser()` has completed (else use collectKeysAsync). */
export function collectKeys(options: KeysOptions = {}): KeyEntry[] {
  const { texts, named } = readKeyFiles(options);
  return keysOf(texts, options.cwd ?? process.cwd(), named);
}

/** The texts to read, and the named files among them when the app roots added others. */
function readKeyFiles(options: KeysOptions): { texts: Map<string, string>; named?: string[] } {
  const cwd = options.cwd ?? process.cwd();
  // Each file's own config's ignores, as the audit's (see config-set.ts).
  const configs = configSet(cwd, { configFile: options.configFile });
  const { files, named } = discoverAuditedFiles(options.paths, cwd, configs.isIgnored, { ...discoverOptions(options), listing: configs.folders });
  return { texts: readFiles(files).texts, named };
}

/** The entries of the keys the named files use, whole; the unresolved calls of the named files only. */
function namedOnly(entries: KeyEntry[], named: string[], cwd: string): KeyEntry[] {
  const files = new Set(named.map((file) => repoRelative(cwd, file)));
  const kept: KeyEntry[] = [];
  for (const entry of entries) {
    if (!entry.sites.some((site) => files.has(site.file))) continue;
    kept.push(entry.unresolved ? { ...entry, sites: entry.sites.filter((site) => files.has(site.file)) } : entry);
  }
  return kept;
}

function keysOf(texts: Map<string, string>, cwd: string, named?: string[]): KeyEntry[] {
  const { time } = timer();
  const libraries = new AppLibraries(texts);
  const dart = dartFilesOf(texts, true, libraries);
  const tsTexts = dart.all > 0 ? new Map([...texts].filter(([file]) => !isDartFile(file))) : texts;
  const project = parseProject(tsTexts, time);
  const dartFiles = dartKeyFiles(dart.relevant, texts, libraries);
  const entries = new Map<string, KeyEntry>();
  const usagesOf = [
    ...project.models.map((model) => ({ fileName: model.fileName, usages: keyUsages(model) })),
    ...dartFiles.map(({ fileName, usages }) => ({ fileName, usages })),
  ];
  for (const { fileName, usages } of usagesOf) {
    for (const usage of usages) {
      const id = `${usage.store}\u0000${usage.keyText}`;
      let entry = entries.get(id);
      if (!entry) {
        // A key built from a secret must not print it: the registry is meant to be shared.
        entry = { key: redactValue(usage.keyText), pattern: usage.key.kind === 'pattern', store: usage.store, sites: [] };
        entries.set(id, entry);
      }
      const options = usage.options
        ? Object.fromEntries(KEYCHAIN_OPTION_NAMES.filter((n) => usage.options![n] !== undefined).map((n) => [n, usage.options![n]!]))
        : usage.store === 'secure-store'
          ? { options: 'unknown' }
          : undefined;
      entry.sites.push({
        operation: usage.operation,
        file: repoRelative(cwd, fileName),
        line: usage.line,
        method: usage.method,
        ...(options ? { options: redactData(options) } : {}),
      });
    }
  }
  const sorted = [...entries.values()].sort((a, b) => a.key.localeCompare(b.key) || a.store.localeCompare(b.store));
  const unresolved = unresolvedEntries(project.models, cwd);
  for (const { fileName, unresolvedSites } of dartFiles) {
    for (const site of unresolvedSites) {
      let entry = unresolved.find((e) => e.store === site.store);
      if (!entry) unresolved.push((entry = { key: '*', pattern: true, store: site.store, sites: [], unresolved: true }));
      entry.sites.push({ operation: site.operation, file: repoRelative(cwd, fileName), line: site.line, method: site.method });
    }
  }
  const all = [...sorted, ...unresolved.sort((a, b) => a.store.localeCompare(b.store))];
  return named ? namedOnly(all, named, cwd) : all;
}

interface DartKeyFile {
  fileName: string;
  usages: KeyUsage[];
  unresolvedSites: { store: string; operation: KeyOperation; line: number; method: string }[];
}

/** The keys of the Dart files that can hold any (none when the parser is not loaded), through their project records. */
function dartKeyFiles(files: string[], texts: Map<string, string>, libraries: AppLibraries): DartKeyFile[] {
  if (!loadedDart()) return [];
  const rootOf = appRoots();
  const found = files.map((fileName) => {
    const analysis = libraries.analyse({ fileName, text: texts.get(fileName)! }, rootOf(fileName));
    const unresolvedSites = analysis.dart.operations
      .filter((op) => op.keyed && !op.key)
      .map((op) => ({ store: op.store, operation: op.operation, line: op.range.line, method: op.method }));
    // A delete that happens only if a caller passes null is not a site of its own (the write is listed).
    return { fileName, usages: analysis.projectFile.keyUsages.filter((usage) => !usage.onlyWhenReached), unresolvedSites };
  });
  libraries.release();
  return found;
}

/**
 * One entry per store for the calls whose key could not be resolved, so a
 * reviewer sees where the registry is incomplete. A wrapper's call whose key is
 * its parameter is listed only when no call of the wrapper is seen: otherwise
 * its keys are the callers', listed above (or here, if a caller's is unknown).
 */
function unresolvedEntries(models: FileModel[], cwd: string): KeyEntry[] {
  const reached = new Set(models.flatMap((model) => projectFile(model).reachedWrapperCalls));
  const byStore = new Map<string, KeyEntry>();
  for (const model of models) {
    for (const site of unresolvedKeySites(model)) {
      if (site.wrapperCall && reached.has(site.wrapperCall)) continue;
      let entry = byStore.get(site.store);
      if (!entry) {
        entry = { key: '*', pattern: true, store: site.store, sites: [], unresolved: true };
        byStore.set(site.store, entry);
      }
      entry.sites.push({ operation: site.operation, file: repoRelative(cwd, model.fileName), line: site.line, method: site.method });
    }
  }
  return [...byStore.values()].sort((a, b) => a.store.localeCompare(b.store));
}
