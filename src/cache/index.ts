import { discoverOptions, type AuditOptions } from '../audit/options.js';
import { fileCache } from './file-cache.js';
import { lookupCache } from './lookup.js';
import { cacheSettings } from './settings.js';
import type { AuditCache } from './types.js';

// The --cache, as the audit sees it: `openCache` gives the run's cache, or
// `noCache` when there is none, and the audit asks both the same questions.
// record.ts is the stored file, lookup.ts the comparison with it,
// file-cache.ts what a run reuses and keeps.

export type { AuditCache, FilePart, ReusedFile } from './types.js';
export { DEFAULT_CACHE_LOCATION } from './record.js';

type Time = <T>(phase: string, work: () => T) => T;
const untimed: Time = (_phase, work) => work();

/** No cache: answers nothing, reuses nothing, keeps nothing. */
export const noCache: AuditCache = {
  startPass: () => undefined,
  entryFor: () => undefined,
  record: () => {},
  forget: () => {},
  counts: () => ({}),
  save: () => {},
};

/**
 * The run's cache: looks the run up (discovering and reading the files), so
 * its `answer` is there when nothing changed. `noCache` without --cache, with
 * --fix (which changes the files), with --stdin (a text that is no file on
 * disk), or when the config file is not plainly usable (the audit then
 * reports the problem).
 */
export function openCache(options: AuditOptions, time: Time = untimed): AuditCache {
  if (options.cache !== true || options.fix || options.stdin) return noCache;
  const lookup = time('cache', () =>
    lookupCache({
      cwd: options.cwd ?? process.cwd(),
      paths: options.paths ?? [],
      configFile: options.configFile,
      location: options.cacheLocation,
      settings: cacheSettings(options),
      maxFileSize: options.maxFileSize,
      discover: discoverOptions(options),
    }),
  );
  if (!lookup) return noCache;
  return lookup.hit ? { ...noCache, answer: lookup.hit } : fileCache(lookup, time);
}
