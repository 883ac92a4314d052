import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { isDartFile, isGeneratedDartFile, SOURCE_EXTENSIONS } from '../core/extensions.js';
import { byCodeUnit } from '../core/order.js';
import { printable } from '../core/printable.js';
import { DART_TEST_FOLDERS, isDartTestFileName, isTestFileName, TEST_FOLDERS } from '../core/test-files.js';
import { appRoots } from './app-roots.js';
import { UsageError } from './errors.js';
import type { FolderListings } from '../core/folder-listings.js';
import { globPattern, ignorePatternMatcher, isGlobPattern } from './patterns.js';

/**
 * Folders no app wants audited, never walked at any depth below the audited
 * paths, wherever the command runs from: dependencies (also vendored ones and
 * Yarn's own release in `.yarn`), build output, native build trees, caches
 * (Next's, Turborepo's, Tamagui's generated styles; Dart's `.dart_tool` and a
 * project-local `.pub-cache`). `ios/Pods` is the one that needs its parent's
 * name; `android/build` and Flutter's `build` are a `build`.
 */
const DEFAULT_IGNORED_FOLDERS = new Set([
  'node_modules',
  'dist',
  'build',
  '.expo',
  'web-build',
  'coverage',
  '.git',
  '.yarn',
  '.tamagui',
  '.next',
  '.turbo',
  'vendor',
  '.dart_tool',
  '.pub-cache',
]);

/** Minified and bundled output: generated from sources audited elsewhere, or third-party code. */
const GENERATED_FILE_NAME = /\.(min|bundle)\.js$/;

/** What `--no-ignore` still leaves out, as ESLint does: dependencies and git's own folder. */
const ALWAYS_IGNORED_FOLDERS = new Set(['node_modules', '.git']);

function ignoredByDefault(parent: string, name: string, useIgnores = true): boolean {
  if (!useIgnores) return ALWAYS_IGNORED_FOLDERS.has(name);
  return DEFAULT_IGNORED_FOLDERS.has(name) || (name === 'Pods' && basename(parent) === 'ios');
}

/** Whether a folder named on the command line is a test folder (of `folders`) or inside one, below the working directory. */
function insideTestFolder(cwd: string, dir: string, folders: ReadonlySet<string> = TEST_FOLDERS): boolean {
  const rel = relative(cwd, dir);
  return !!rel && !rel.startsWith('..') && rel.split(sep).some((name) => folders.has(name));
}

/**
 * Whether a folder named on the command line is one of those, or inside one,
 * counting only the folders below the working directory (`app/node_modules/x`
 * is; `../dist/app` is not, whatever lies above the working directory).
 */
function insideIgnoredByDefault(cwd: string, dir: string, useIgnores: boolean): boolean {
  const rel = relative(cwd, dir);
  if (!rel || rel.startsWith('..')) return false;
  let parent = cwd;
  for (const name of rel.split(sep)) {
    if (ignoredByDefault(parent, name, useIgnores)) return true;
    parent = join(parent, name);
  }
  return false;
}

export interface DiscoveredFiles {
  files: string[];
  /** Paths that could not be read, with the reason; the audit goes on without them. */
  unreadable: { path: string; reason: string }[];
  /** Files named on the command line that are not audited (declaration files), with the reason. */
  skipped?: { path: string; reason: string }[];
  /**
   * Names an import can reach an audited file by, besides the file's own and
   * its folders' (see relevantFiles): the names of the folders that hold a
   * package.json, whose `main` may point anywhere. Lowercased.
   */
  importNames?: string[];
  /** Test files left out (see src/core/test-files.ts); 0 with `includeTests`. */
  testFiles?: number;
  /**
   * With `appRoots`, when reading the named paths' app roots added files:
   * the files the named paths reach, the only ones whose findings are
   * reported. Absent when every file found was named.
   */
  named?: string[];
  /** With `appRoots`: the app roots read beyond the named paths, and the named paths with no app root above them. */
  context?: { roots: string[]; unrooted: string[] };
}

export interface DiscoverOptions {
  /** Audit test files, mocks and end-to-end tests too. Default: false. */
  includeTests?: boolean;
  /**
   * Honour the ignores: `.gitignore` files, the config's `ignores`, the
   * default folders and generated files, `ignorePatterns`. Default: true.
   * `false` is `--no-ignore`: as ESLint's, it still leaves out `node_modules` and `.git`.
   */
  ignore?: boolean;
  /** `--ignore-pattern` globs, relative to the working directory (see patterns.ts). */
  ignorePatterns?: string[];
  /** A path or glob that reaches no source file is a usage error. Default: true. */
  errorOnUnmatchedPattern?: boolean;
  /**
   * Also read the rest of each named path's app root (see app-roots.ts), with
   * the same ignores, so that what the named files use and what the
   * project-wide rules compare is the whole app's. Default: false.
   */
  appRoots?: boolean;
  /** Given each folder the walk lists, so that the lookups that follow (config, app roots, module resolution) need not list it again. */
  listing?: FolderListings;
}

const DECLARATION_FILE = /\.d\.[cm]?ts$/;

function isSourceFile(name: string): boolean {
  if (isDartFile(name)) return true;
  return SOURCE_EXTENSIONS.some((ext) => name.endsWith(ext)) && !name.endsWith('.d.ts') && !/\.d\.[cm]ts$/.test(name);
}

/** Generated output (see GENERATED_FILE_NAME and isGeneratedDartFile): left out of a walk, audited when named. */
function isGeneratedFile(name: string): boolean {
  return GENERATED_FILE_NAME.test(name) || isGeneratedDartFile(name);
}

/** A test file by its name and the test folders it is in (`inTests`: of either language; `inDartTests`: Dart's). */
function isTestFile(name: string, inTests: boolean, inDartTests: boolean): boolean {
  if (inTests || isTestFileName(name)) return true;
  return isDartFile(name) && (inDartTests || isDartTestFileName(name));
}

function readIgnoreFile(dir: string): string | undefined {
  try {
    return readFileSync(join(dir, '.gitignore'), 'utf8');
  } catch {
    return undefined;
  }
}

interface IgnoreLayer {
  base: string;
  rules: Ignore;
}

function isIgnored(layers: IgnoreLayer[], path: string, isDir: boolean): boolean {
  for (const layer of layers) {
    // The walk only meets paths below a layer's folder, so the relative path is a slice (no path.relative per file).
    const below = path.startsWith(layer.base) && path[layer.base.length] === sep;
    const native = below ? path.slice(layer.base.length + 1) : relative(layer.base, path);
    const rel = sep === '/' ? native : native.split(sep).join('/');
    if (!rel || rel.startsWith('..')) continue;
    if (layer.rules.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

/**
 * Expands the paths given on the command line into source files, honouring
 * `.gitignore` files (from the working directory down) and the default ignores.
 *
 * Symbolic links met while walking a directory are not followed, as ripgrep
 * and git do by default (and ESLint's own walk since v9): a link whose target
 * is inside the audited directory adds nothing, because the walk reaches the
 * target at its real place (once, and with the ignore rules of that place);
 * a link that leads out of the audited directory leads somewhere the user did
 * not ask to audit, and is skipped silently. So a link to a parent directory
 * cannot make the walk loop. A path named on the command line is taken as
 * given, even when it is a link. Every file is audited once: two arguments
 * that reach the same real file (`src` and a link to `src`) keep the first.
 * Only regular files are read: a FIFO or a device named `*.ts` would block or
 * never end.
 */
/** The files to audit under `paths` (default: the folder), less those the config ignores. */
export function discoverAuditedFiles(
  paths: string[] | undefined,
  cwd: string,
  isIgnored: (file: string) => boolean,
  options: DiscoverOptions = {},
): DiscoveredFiles {
  const discovered = discoverFiles(paths?.length ? paths : ['.'], cwd, options);
  if (options.ignore === false) return discovered;
  const byPattern = ignorePatternMatcher(options.ignorePatterns ?? [], cwd);
  const kept = (file: string) => !isIgnored(file) && !byPattern(file);
  discovered.files = discovered.files.filter(kept);
  if (discovered.named) discovered.named = discovered.named.filter(kept);
  return discovered;
}

export function discoverFiles(
  paths: string[],
  cwd: string,
  { includeTests = false, ignore: useIgnores = true, errorOnUnmatchedPattern = true, appRoots: withAppRoots = false, listing }: DiscoverOptions = {},
): DiscoveredFiles {
  /** Real path → the path as reached, so each file is audited once. */
  const files = new Map<string, string>();
  /** The paths of the files the arguments reached (not those read only as their app's context). */
  const named = new Set<string>();
  /** Whether the walk is reading an app root for context: its test files are not counted as left out. */
  let forContext = false;
  const unreadable: DiscoveredFiles['unreadable'] = [];
  const skipped: NonNullable<DiscoveredFiles['skipped']> = [];
  const importNames = new Set<string>();
  /** Real paths of the test files left out, so each is counted once. */
  const tests = new Set<string>();
  /** Source files the current argument reached, audited or left out as tests: none is "No files matching". */
  let matched = 0;
  const add = (real: string, path: string, isTest: boolean) => {
    matched++;
    if (isTest && !includeTests) {
      if (!forContext) tests.add(real);
    } else if (!files.has(real)) {
      files.set(real, path);
      // Which files were named matters only when app roots add others.
      if (withAppRoots && !forContext) named.add(path);
    }
  };

  // `realDir` is `dir` with its symbolic links resolved: below the starting
  // directory the walk only enters real directories, so it extends by name.
  // `inTests`: `dir` is a test folder or inside one. Such folders are still
  // walked, without reading a file, so --debug can say how many files were left out.
  // `inDartTests`: the same for Dart's test folders, which hold only the Dart files' tests.
  // `accept`: for a glob argument, whether a file is one it names.
  const walk = (dir: string, realDir: string, layers: IgnoreLayer[], inTests: boolean, inDartTests: boolean, accept?: (file: string) => boolean): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      unreadable.push({ path: dir, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
      return;
    }
    listing?.seed(dir, entries);
    // The listing says whether there is a .gitignore: no failed read per folder without one.
    const own = useIgnores && entries.some((entry) => entry.name === '.gitignore') ? readIgnoreFile(dir) : undefined;
    const here = own === undefined ? layers : [...layers, { base: dir, rules: ignore().add(own) }];
    // Both folders are absolute and normalised, and a listed name is one
    // plain segment: joining is appending (path.join would normalise again).
    const under = dir.endsWith(sep) ? dir : dir + sep;
    const realUnder = realDir.endsWith(sep) ? realDir : realDir + sep;
    for (const entry of entries.sort((a, b) => byCodeUnit(a.name, b.name))) {
      const full = under + entry.name;
      if (entry.name === 'package.json') importNames.add(basename(dir).toLowerCase());
      // Dirent types come from lstat: a symbolic link is neither a directory nor a file here.
      if (entry.isDirectory()) {
        if (!ignoredByDefault(dir, entry.name, useIgnores) && !isIgnored(here, full, true))
          walk(full, realUnder + entry.name, here, inTests || TEST_FOLDERS.has(entry.name), inDartTests || DART_TEST_FOLDERS.has(entry.name), accept);
      } else if (
        entry.isFile() &&
        isSourceFile(entry.name) &&
        !(useIgnores && isGeneratedFile(entry.name)) &&
        !isIgnored(here, full, false) &&
        (!accept || accept(full))
      ) {
        add(realUnder + entry.name, full, isTestFile(entry.name, inTests, inDartTests));
      }
    }
  };

  // .gitignore files between the working directory and each path apply too.
  const ancestorsLayers = (target: string): IgnoreLayer[] => {
    const layers: IgnoreLayer[] = [];
    const rel = relative(cwd, target);
    if (rel.startsWith('..') || !useIgnores) return layers;
    let dir = cwd;
    for (const part of ['', ...rel.split(sep).filter(Boolean)]) {
      if (part) dir = join(dir, part);
      if (dir === target) break;
      const own = readIgnoreFile(dir);
      if (own !== undefined) layers.push({ base: dir, rules: ignore().add(own) });
    }
    return layers;
  };

  // As ESLint words it; the argument is echoed in a one-line message: control characters in it are shown, not sent.
  const unmatched = (input: string) => new UsageError(`No files matching the pattern "${printable(input)}" were found.`);
  const allIgnored = (input: string) => new UsageError(`All of the files matching the pattern "${printable(input)}" are ignored.`);

  /** Where each argument's files are (the folder walked, or the file's own folder, with the file); and the folders walked whole. */
  const places: Place[] = [];
  const walkedFolders: string[] = [];
  for (const input of paths) {
    const full = resolve(cwd, input);
    const shown = printable(input);
    matched = 0;
    let stats;
    let real;
    try {
      stats = statSync(full);
      real = realpathSync(full);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new UsageError(`${shown}: cannot read (${code ?? String(error)})`);
      // A path that exists is a path (`app/[id].tsx`); one that does not may be a quoted glob.
      if (isGlobPattern(input)) {
        const glob = globPattern(input, cwd);
        places.push({ dir: glob.base });
        const base = statSync(glob.base, { throwIfNoEntry: false });
        if (base?.isDirectory() && !insideIgnoredByDefault(cwd, glob.base, useIgnores))
          walk(
            glob.base,
            realpathSync(glob.base),
            ancestorsLayers(glob.base),
            insideTestFolder(cwd, glob.base),
            insideTestFolder(cwd, glob.base, DART_TEST_FOLDERS),
            glob.matches,
          );
      }
      if (matched === 0 && errorOnUnmatchedPattern) throw unmatched(input);
      continue;
    }
    places.push(stats.isDirectory() ? { dir: full } : { dir: dirname(full), file: full });
    if (stats.isDirectory()) {
      walkedFolders.push(full);
      const ignored = insideIgnoredByDefault(cwd, full, useIgnores);
      if (!ignored) walk(full, real, ancestorsLayers(full), insideTestFolder(cwd, full), insideTestFolder(cwd, full, DART_TEST_FOLDERS));
      if (matched === 0 && errorOnUnmatchedPattern) throw ignored ? allIgnored(input) : unmatched(input);
    }
    // A declaration file holds no code that runs: named explicitly, it is noted, not an error.
    else if (DECLARATION_FILE.test(full) && stats.isFile()) skipped.push({ path: full, reason: 'a declaration file (.d.ts) holds no code to audit' });
    else if (!isSourceFile(full)) throw new UsageError(`${shown}: not a JavaScript, TypeScript or Dart source file`);
    else if (!stats.isFile()) throw new UsageError(`${shown}: not a regular file`);
    // Test files are left out even when named: a list of changed files (lint-staged) names them too, as ESLint's ignores do.
    else add(real, full, isTestFile(basename(full), insideTestFolder(cwd, dirname(full)), insideTestFolder(cwd, dirname(full), DART_TEST_FOLDERS)));
  }
  const discovered: DiscoveredFiles = { files: [], unreadable, skipped, importNames: [...importNames], testFiles: tests.size };
  if (withAppRoots) {
    forContext = true;
    discovered.context = contextRoots(places, walkedFolders, cwd, useIgnores, listing);
    for (const root of discovered.context.roots)
      walk(root, realpathSync(root), ancestorsLayers(root), insideTestFolder(cwd, root), insideTestFolder(cwd, root, DART_TEST_FOLDERS));
    if (files.size > named.size) discovered.named = [...named].sort();
  }
  discovered.files = [...files.values()].sort();
  return discovered;
}

interface Place {
  dir: string;
  /** The file named, when the argument was a file. */
  file?: string;
}

/** Whether `dir` is `folder` or inside it. */
const isWithin = (dir: string, folder: string) => dir === folder || dir.startsWith(folder.endsWith(sep) ? folder : folder + sep);

/**
 * The app roots to read besides the named paths: the closest root at or
 * above each place a named path reaches, unless a named folder already holds
 * it or the defaults leave it out (a file named inside `node_modules/pkg`
 * does not make the whole package read). A folder's files whose root lies
 * below it are read with it anyway; a named file with no root above it is
 * analysed with what else was named, and listed as `unrooted`.
 */
function contextRoots(
  places: Place[],
  walkedFolders: string[],
  cwd: string,
  useIgnores: boolean,
  listing: FolderListings | undefined,
): { roots: string[]; unrooted: string[] } {
  const rootOf = appRoots(listing);
  const roots = new Set<string>();
  const unrooted = new Set<string>();
  for (const place of places) {
    const { dir } = rootOf(join(place.dir, '_'));
    if (!dir) {
      if (place.file) unrooted.add(place.file);
    } else if (!walkedFolders.some((folder) => isWithin(dir, folder)) && !insideIgnoredByDefault(cwd, dir, useIgnores)) roots.add(dir);
  }
  // A root inside another root to read is read with it.
  const sorted = [...roots].sort(byCodeUnit);
  return { roots: sorted.filter((root) => !sorted.some((other) => other !== root && isWithin(root, other))), unrooted: [...unrooted].sort(byCodeUnit) };
}
