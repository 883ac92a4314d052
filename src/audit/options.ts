import type { AuditCache } from '../cache/types.js';
import type { Preset, ResolvedConfig } from './config.js';
import type { ConfigSet } from './config-set.js';
import type { DiscoverOptions, DiscoveredFiles } from './discover.js';
import type { ReadFiles } from './read.js';
import type { StdinFile } from './stdin-file.js';
import type { ChangedLines } from './report-scope.js';

export type { Preset } from './config.js';

export interface AuditOptions {
  /** Directory that relative paths and `.gitignore` files are read from. Default: `process.cwd()`. */
  cwd?: string;
  /** Files and directories to audit. Default: `['.']`. */
  paths?: string[];
  /** Rule ids to run (with or without the `securestore/` prefix). Default: every rule the config enables. */
  rules?: string[];
  /** Overrides the config's `extends`. */
  preset?: Preset;
  /** Config file to use instead of discovering `securestore-audit.config.json` / package.json. */
  configFile?: string;
  /** A resolved config (the CLI loads it once); wins over `configFile`. */
  config?: ResolvedConfig;
  /** Baseline file: findings listed there are kept but marked suppressed (external). */
  baseline?: string;
  /** Called as files are analysed, for progress display. */
  onProgress?: (phase: string, done: number, total: number) => void;
  /** Apply autofixes to the files, atomically, until nothing changes; `dry-run` computes them without writing. */
  fix?: boolean | 'dry-run';
  /** Audit test files, mocks and end-to-end tests too (see src/core/test-files.ts). Default: false. */
  includeTests?: boolean;
  /** `false` is `--no-ignore`: no `.gitignore`, config `ignores`, `ignorePatterns` or default folders but `node_modules` and `.git`. Default: true. */
  ignore?: boolean;
  /** `--ignore-pattern` globs, relative to `cwd`. */
  ignorePatterns?: string[];
  /** A path or glob that reaches no source file is a usage error. Default: true. */
  errorOnUnmatchedPattern?: boolean;
  /**
   * Read the rest of each named path's app root too (the closest folder with
   * a package.json or pubspec.yaml), so that the project-wide rules and the
   * wrappers see the whole app, and report only the named files. The CLI's
   * default. Default: false.
   */
  appRoots?: boolean;
  /** Report only the findings on these lines (`--changed-since`); fixes too apply only to them. */
  changedLines?: ChangedLines;
  /** Files larger than this many bytes are reported as skipped. Default: 1 MB. */
  maxFileSize?: number;
  /** Wall time one file's analysis may take before its remaining rules are skipped. Default: 10 s. */
  fileBudgetMs?: number;
  /** Report disable directives that suppressed nothing, as warnings. Default: true. */
  reportUnusedDisableDirectives?: boolean;
  /** Keep results between runs and re-analyse only what changed. Not used with `fix`. */
  cache?: boolean;
  /** Folder of the cache, relative to `cwd`. Default: `node_modules/.cache/securestore-audit`. */
  cacheLocation?: string;
  /**
   * Skip the files that cannot matter before parsing them. Default: true.
   * Turning it off parses and checks every file: the same findings, slower
   * (a test holds the two equal).
   */
  prefilter?: boolean;
  /** `--stdin`: this text stands for that file of the app; the other files are read from disk (see stdin-file.ts). Not cached. */
  stdin?: StdinFile;
  /** @internal The run's configs, found once by `auditAsync` (see config-set.ts). */
  configs?: ConfigSet;
  /** @internal The cache the CLI already opened (and found no answer in), so files are not read twice. */
  openedCache?: AuditCache;
  /** @internal The files `auditAsync` already discovered and read, so they are not read twice. */
  files?: { discovered: DiscoveredFiles; read: ReadFiles };
  /** @internal Why the Dart parser could not be loaded: said on each Dart file left unanalysed. */
  dartParserProblem?: string;
}

/** The options of an audit that decide which files it finds. */
export function discoverOptions(
  options: Pick<AuditOptions, 'includeTests' | 'ignore' | 'ignorePatterns' | 'errorOnUnmatchedPattern' | 'appRoots'>,
): DiscoverOptions {
  const { includeTests, ignore, ignorePatterns, errorOnUnmatchedPattern, appRoots } = options;
  return { includeTests, ignore, ignorePatterns, errorOnUnmatchedPattern, appRoots };
}
