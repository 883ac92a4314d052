import { keyUsages, KEYCHAIN_OPTION_NAMES, unresolvedKeySites } from '../core/key-usage.js';
import { projectFile } from '../core/project-file.js';
import type { KeyEntry } from '../core/result.js';
import type { FileModel } from '../core/model.js';
import { discoverAuditedFiles } from './discover.js';
import { loadConfig } from './config.js';
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
}

export function collectKeys(options: KeysOptions = {}): KeyEntry[] {
  const cwd = options.cwd ?? process.cwd();
  const config = loadConfig(cwd, options.configFile);
  const { time } = timer();
  const files = discoverAuditedFiles(options.paths, cwd, config.isIgnored, discoverOptions(options)).files;
  const { texts } = readFiles(files);
  const project = parseProject(texts, time);
  const entries = new Map<string, KeyEntry>();
  for (const model of project.models) {
    for (const usage of keyUsages(model)) {
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
        file: repoRelative(cwd, model.fileName),
        line: usage.line,
        method: usage.method,
        ...(options ? { options: redactData(options) } : {}),
      });
    }
  }
  const sorted = [...entries.values()].sort((a, b) => a.key.localeCompare(b.key) || a.store.localeCompare(b.store));
  return [...sorted, ...unresolvedEntries(project.models, cwd)];
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
