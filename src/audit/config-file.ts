import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { UsageError } from './errors.js';
import { JsonSyntaxError, parseJsonc } from './jsonc.js';
import type { FolderListings } from '../core/folder-listings.js';

// Finding and reading the config file, apart from validating it: the cache
// checks whether the config changed without loading the rules or a validator.

export const CONFIG_FILE_NAME = 'securestore-audit.config.json';
/**
 * The names a folder's config file may have, in the order they are looked
 * for: when both are there, `.json` is the one read (as `deno.json` comes
 * before `deno.jsonc`). Both accept comments and trailing commas.
 */
export const CONFIG_FILE_NAMES = [CONFIG_FILE_NAME, 'securestore-audit.config.jsonc'];
export const PACKAGE_JSON_KEY = 'securestore-audit';

export interface FoundConfig {
  path: string;
  /** The file's text, as read. */
  text: string;
  /** The config itself: the file's JSON, or the package.json key's value. */
  data: unknown;
  /** For messages: the path, and the key for package.json. */
  source: string;
}

/**
 * Reads a JSON file; `jsonc` allows comments and trailing commas. Errors
 * name the file as `shown` prints it, a syntax error with its line and
 * column, as compilers do: `file:line:col: message`.
 */
function readJson(path: string, shown: (path: string) => string, jsonc: boolean): { text: string; data: unknown } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${shown(path)}: cannot read config (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    return { text, data: parseJsonc(text, jsonc) };
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    throw new UsageError(`${shown(path)}:${error.line}:${error.column}: invalid JSON: ${error.message}`);
  }
}

/** The `--config` file, or the config file / package.json key nearest to `cwd`. */
export function locateConfig(cwd: string, explicit?: string): FoundConfig | undefined {
  return configLocator(cwd, explicit)(resolve(cwd));
}

/**
 * Finds the config of any folder: the `--config` file, or the nearest config
 * file / package.json key from that folder upwards, as ESLint finds the
 * flat config of each file it lints. Each folder is asked about once, and
 * each file read once, however many files a run looks up.
 */
export function configLocator(cwd: string, explicit?: string, listing?: FolderListings): (dir: string) => FoundConfig | undefined {
  // Paths in messages are relative to the working directory, as in the config's own errors.
  const shown = (path: string) => relative(cwd, path) || path;
  if (explicit) {
    const path = resolve(cwd, explicit);
    const found: FoundConfig = { path, ...readJson(path, shown, true), source: path };
    return () => found;
  }
  const byDir = new Map<string, FoundConfig | undefined>();
  const nearest = (dir: string): FoundConfig | undefined => {
    if (byDir.has(dir)) return byDir.get(dir);
    const parent = dirname(dir);
    const found = configInFolder(dir, shown, listing) ?? (parent === dir ? undefined : nearest(parent));
    byDir.set(dir, found);
    return found;
  };
  return nearest;
}

/** The config file, or package.json key, of one folder; asked of the folder's listing when the run holds it (`listing`, see FolderListings.heldFilesIn). */
function configInFolder(dir: string, shown: (path: string) => string, listing: FolderListings | undefined): FoundConfig | undefined {
  const held = listing?.heldFilesIn(dir);
  const exists = (name: string) => held?.(name) ?? existsSync(join(dir, name));
  for (const name of CONFIG_FILE_NAMES) {
    if (!exists(name)) continue;
    const file = join(dir, name);
    return { path: file, ...readJson(file, shown, true), source: file };
  }
  const pkgPath = join(dir, 'package.json');
  if (exists('package.json')) {
    // package.json is npm's: plain JSON, as npm reads it.
    const { text, data } = readJson(pkgPath, shown, false);
    const pkg = data as Record<string, unknown>;
    if (pkg && typeof pkg === 'object' && PACKAGE_JSON_KEY in pkg)
      return { path: pkgPath, text, data: pkg[PACKAGE_JSON_KEY], source: `${pkgPath} ("${PACKAGE_JSON_KEY}")` };
  }
  return undefined;
}

/** The matcher of a config's `ignores`: its globs are relative to the folder of the file that holds them. */
export function configIgnoreMatcher(found: FoundConfig | undefined, ignores: string[] | undefined, cwd: string): (file: string) => boolean {
  return ignoreMatcher(ignores, found ? dirname(found.path) : cwd);
}

/** The config's `ignores` globs, relative to `base`. */
export function ignoreMatcher(ignores: string[] | undefined, base: string): (file: string) => boolean {
  const matchers = (ignores ?? []).map((glob) => picomatch(glob, { dot: true }));
  return (file) => {
    if (matchers.length === 0) return false;
    const rel = relative(base, file).split(sep).join('/');
    return matchers.some((m) => m(rel));
  };
}
