import { readFileSync } from 'node:fs';
import { unifiedDiff } from './unified-diff.js';
import { printable } from '../core/printable.js';
import { displayPath } from '../core/display-path.js';
import { repositoryRoot } from '../core/repository-root.js';
import { resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { reportedFindings, type AuditFileResult, type AuditResult } from '../core/result.js';
import { UsageError } from '../audit/errors.js';
import { openCache } from '../cache/index.js';
import { packageVersion } from '../core/package-info.js';
import { reporters } from '../reporters/index.js';
import { listRules } from './list-rules.js';
import { outputTarget, writeOutput } from './output-file.js';
import { stdinFile } from './stdin.js';
import type { StdinFile } from '../audit/stdin-file.js';
import { createProgress } from './progress.js';
import { processIo, type CliIo } from './io.js';
import type { KeyEntry } from '../audit/keys.js';
import { applyBaseline, baselineBase, buildBaseline, writeBaseline } from '../audit/baseline.js';
import { mergedEntries } from './baseline-merge.js';
import { appContextLine } from './app-context.js';
import { changedLinesSince } from './changed-since.js';
import { TEST_FILES_SUMMARY } from '../core/test-files.js';

export type { CliIo, OutputStream } from './io.js';

const DEFAULT_BASELINE = 'securestore-audit-baseline.json';

interface CliOptions {
  format: string;
  rule: string[];
  listRules?: boolean;
  printConfig?: string;
  stdin?: boolean;
  stdinFilename?: string;
  maxWarnings?: number;
  quiet?: boolean;
  output?: string;
  outputFile?: string;
  ignorePattern: string[];
  ignore: boolean;
  errorOnUnmatchedPattern: boolean;
  fix?: boolean;
  fixDryRun?: boolean;
  includeTests?: boolean;
  maxFileSize?: number;
  maxFileTime?: number;
  strict?: boolean;
  config?: string;
  baseline?: string;
  updateBaseline?: boolean;
  reportUnusedDisableDirectives: boolean;
  /** true with --color, false with --no-color, undefined without either. */
  color?: boolean;
  debug?: boolean;
  cache?: boolean;
  cacheLocation?: string;
  /** false with --no-app-root. */
  appRoot: boolean;
  changedSince?: string;
}

/** A repeatable option's values, in order. */
const collect = (value: string, previous: string[]) => [...previous, value];

function nonNegativeInteger(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number of 0 or more.');
  return Number(value);
}

/** `1048576`, `500kb`, `2mb`: a size in bytes. */
function fileSize(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(b|k|kb|m|mb)?$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected a size such as 1048576, 500kb or 2mb.');
  const unit = (match[2] ?? 'b').toLowerCase()[0];
  return Math.round(Number(match[1]) * (unit === 'm' ? 1024 * 1024 : unit === 'k' ? 1024 : 1));
}

/** Commander puts its "did you mean" suggestion on a line of its own: kept on the error's line. */
const oneLine = (text: string) => text.replace(/\n(\(Did you mean [^\n]*\?\))$/, ' $1');

/**
 * Commander writes help, version and usage errors through these. Usage errors
 * echo what was typed (an option, a path): shown with control characters made visible.
 */
function commanderOutput(io: CliIo) {
  return {
    writeOut: (text: string) => io.stdout.write(text),
    writeErr: (text: string) => io.stderr.write(text),
    outputError: (text: string, write: (text: string) => void) => write(`${printable(oneLine(text.trimEnd()))}\n`),
    // As commander's own default (the terminal's width, else 80), but of the streams given.
    getOutHelpWidth: () => (io.stdout.isTTY ? io.stdout.columns : undefined) ?? 80,
    getErrHelpWidth: () => (io.stderr.isTTY ? io.stderr.columns : undefined) ?? 80,
  };
}

function buildProgram(io: CliIo): Command {
  return (
    new Command()
      .name('securestore-audit')
      .description('Audit a React Native / Expo app for secrets stored unsafely on the device.')
      .version(packageVersion)
      .argument('[paths...]', 'files, directories and quoted globs to audit', ['.'])
      .addOption(new Option('-f, --format <name>', 'output format').choices(Object.keys(reporters)).default('stylish'))
      .option('--rule <id>', 'run only this rule (repeatable)', collect, [])
      .option('-c, --config <file>', 'config file for every file, instead of the nearest securestore-audit.config.json / package.json of each')
      .option('--strict', 'use the strict preset: every rule an error, *_THIS_DEVICE_ONLY classes required')
      .option('--baseline <file>', 'report only findings that are not in this baseline file')
      .option('--update-baseline', 'write the current findings to the baseline file (default securestore-audit-baseline.json)')
      .option('--no-report-unused-disable-directives', 'do not warn about disable comments that suppress nothing')
      .option(
        '--list-rules',
        'list the rules with the severity they get (config, --strict, --rule) and exit: the config of the one path given (default .); --format json for data',
      )
      .option('--print-config <file>', 'print the configuration used for this file as JSON and exit: rules with severity and options')
      .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', nonNegativeInteger)
      .option('--quiet', 'report errors only')
      .option('-o, --output <file>', 'write the report to a file instead of stdout')
      .option('--output-file <file>', "the same as -o (ESLint's name)")
      .option('--ignore-pattern <pattern>', 'leave out files matching this glob, relative to the working directory (repeatable)', collect, [])
      .option('--no-ignore', "disable .gitignore, the config's ignores, --ignore-pattern and the default ignores (node_modules and .git stay out)")
      .option('--no-error-on-unmatched-pattern', 'do not exit 2 when a path or glob matches no file')
      .option('--stdin', 'audit the text on standard input as the file --stdin-filename names (the rest of the app is read from disk)')
      .option('--stdin-filename <path>', 'the file of the app that the text on standard input stands for')
      .option('--no-app-root', 'analyse only the named paths, not the rest of their app (the folder with their package.json or pubspec.yaml)')
      .option('--changed-since <ref>', 'report only the findings on lines changed since this git revision (the whole app is analysed)')
      .option('--fix', 'apply autofixes to the files (atomically)')
      .option('--fix-dry-run', 'compute the autofixes without writing: show them as a diff (stylish) or as `output` (json)')
      .option('--include-tests', 'audit test files, mocks and e2e tests too (left out by default)')
      .option('--max-file-size <size>', 'skip files larger than this, reported as skipped (default 1mb)', fileSize)
      .option('--max-file-time <ms>', 'time budget per file, in ms; a file over it is reported as not fully analysed (default 10000)', nonNegativeInteger)
      .option('--cache', 'keep results in node_modules/.cache/securestore-audit and re-analyse only what changed')
      .option('--cache-location <dir>', 'folder for the cache (implies --cache)')
      .option('--color', 'force colours, even when stdout is not a terminal or NO_COLOR is set')
      .option('--no-color', 'disable colours')
      .option('--debug', 'print timings per phase and per rule, and stack traces')
      // `keys` is dispatched before the program parses (see run), so it is listed here rather than as a commander subcommand.
      .addHelpText('after', `\nCommands:\n  keys [options] [paths...]              ${KEYS_DESCRIPTION} (keys --help)`)
      .showHelpAfterError('(run with --help for usage)')
      .configureOutput(commanderOutput(io))
      .exitOverride()
  );
}

const KEYS_DESCRIPTION = 'list every storage key the app uses, where it is set, read and deleted, and with which options';

/** `securestore-audit keys [paths...]`: the key registry. */
async function runKeys(argv: string[], io: CliIo): Promise<number> {
  const { collectKeysAsync } = await import('../audit/keys.js');
  const { formatKeysJson, formatKeysMarkdown, formatKeysText } = await import('../reporters/keys.js');
  const KEY_FORMATS: Record<string, (entries: KeyEntry[]) => string> = { text: formatKeysText, json: formatKeysJson, markdown: formatKeysMarkdown };
  const command = new Command()
    .name('securestore-audit keys')
    .description('List every storage key the app uses, where it is set, read and deleted, and with which options.')
    .argument('[paths...]', 'files and directories to read', ['.'])
    .addOption(new Option('-f, --format <name>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .option('-c, --config <file>', 'config file (its ignores apply)')
    .option('--include-tests', 'list the keys of test files too')
    .option('--ignore-pattern <pattern>', 'leave out files matching this glob, relative to the working directory (repeatable)', collect, [])
    .option('--no-ignore', "disable .gitignore, the config's ignores, --ignore-pattern and the default ignores (node_modules and .git stay out)")
    .option('--no-error-on-unmatched-pattern', 'do not exit 2 when a path or glob matches no file')
    .option('--no-app-root', 'read only the named paths, not the rest of their app (the folder with their package.json or pubspec.yaml)')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--output-file <file>', 'the same as -o')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput(commanderOutput(io))
    .exitOverride();
  command.parse(argv, { from: 'user' });
  const options = command.opts<{
    format: string;
    config?: string;
    output?: string;
    outputFile?: string;
    includeTests?: boolean;
    ignorePattern: string[];
    ignore: boolean;
    errorOnUnmatchedPattern: boolean;
    appRoot: boolean;
  }>();
  const cwd = process.cwd();
  const output = outputTarget(cwd, options.output ?? options.outputFile);
  const text = KEY_FORMATS[options.format]!(
    await collectKeysAsync({
      cwd,
      paths: command.args,
      configFile: options.config,
      includeTests: options.includeTests,
      ignore: options.ignore,
      ignorePatterns: options.ignorePattern,
      errorOnUnmatchedPattern: options.errorOnUnmatchedPattern,
      appRoots: options.appRoot,
    }),
  );
  if (output) writeOutput(output, text, cwd);
  else io.stdout.write(text);
  return 0;
}

type AuditOptions = import('../audit/audit.js').AuditOptions;

/**
 * With --cache and nothing changed, the answer comes from the cache without
 * loading the analyser (and the compiler it needs); otherwise the analyser
 * runs, reusing what the cache lookup already read.
 */
async function runAudit(options: AuditOptions, needCompiler: () => void): Promise<AuditResult> {
  const started = performance.now();
  const cache = openCache(options);
  if (cache.answer) {
    const { applyBaselineFile } = await import('../audit/baseline.js');
    const { scopeResult } = await import('../audit/report-scope.js');
    if (options.baseline) applyBaselineFile(cache.answer.files, options.baseline, options.cwd!);
    cache.answer.timings = { cache: performance.now() - started };
    return scopeResult(cache.answer, options.changedLines);
  }
  needCompiler();
  const { auditAsync } = await import('../audit/audit.js');
  return auditAsync({ ...options, openedCache: cache });
}

/** What --fix would write, as unified diffs against the files on disk (or the text of --stdin). */
function dryRunDiffs(files: AuditFileResult[], stdin: StdinFile | undefined): string {
  const original = (path: string) => (path === stdin?.filePath ? stdin.text : readFileSync(path, 'utf8'));
  const diffs = files.filter((file) => file.output !== undefined).map((file) => unifiedDiff(displayPath(file.filePath), original(file.filePath), file.output!));
  return diffs.length ? `\n${diffs.join('\n')}` : '';
}

/** Findings the baseline listed: kept in the result as suppressed (external), not reported. */
function countHiddenByBaseline(files: AuditFileResult[]): number {
  let hidden = 0;
  for (const file of files) for (const finding of file.findings) if (finding.suppressions?.some((s) => s.kind === 'external')) hidden++;
  return hidden;
}

function countSeverities(files: AuditFileResult[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    if (file.fatal) errors++;
    for (const finding of reportedFindings(file)) {
      if (finding.severity === 'error') errors++;
      else warnings++;
    }
  }
  return { errors, warnings };
}

function useColor(options: CliOptions, io: CliIo, toFile: boolean): boolean {
  // A flag on the command line wins over the environment, as ESLint's --color and --no-color do.
  if (options.color !== undefined) return options.color;
  if (toFile || 'NO_COLOR' in io.env) return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true;
  return io.stdout.isTTY === true;
}

/** How the compiler was loaded (see compile-cache.cjs), shown by --debug. */
export type CompilerLoad = 'used' | 'written' | 'builtin' | 'off';

/**
 * Runs the CLI; resolves to the exit code. `loadCompiler` is the executable's
 * code-cached load of TypeScript: called just before the first import that
 * needs the compiler, so a run answered from --cache never loads it. `io` is
 * where the run writes (default: the process's own streams and environment);
 * paths are read from the working directory, as the rest of the code does.
 */
export async function run(argv: string[], loadCompiler: () => CompilerLoad = () => 'off', io: CliIo = processIo()): Promise<number> {
  let compilerLoad: CompilerLoad | undefined;
  const needCompiler = () => {
    compilerLoad ??= loadCompiler();
  };
  const program = buildProgram(io);
  let debug = argv.includes('--debug');
  try {
    if (argv[2] === 'keys') {
      needCompiler();
      return await runKeys(argv.slice(3), io);
    }
    program.parse(argv);
    const options = program.opts<CliOptions>();
    debug = options.debug === true;
    const configChoices = { cwd: process.cwd(), configFile: options.config, strict: options.strict, rules: options.rule.length ? options.rule : undefined };
    if (options.listRules) {
      needCompiler();
      const { allRules } = await import('../../rules/index.js');
      const { effectiveRules, resolvedConfig } = await import('./effective-config.js');
      // One path at most: two apps' configs can differ, and one table shows one config.
      if (program.args.length > 1) throw new UsageError('--list-rules takes one path at most: the folder or file whose config to show');
      const config = resolvedConfig(configChoices, program.args[0]);
      io.stdout.write(listRules(allRules, effectiveRules(config, configChoices.rules), options.format));
      return 0;
    }
    if (options.printConfig !== undefined) {
      needCompiler();
      const { printConfig } = await import('./effective-config.js');
      const ignore = { ignore: options.ignore, ignorePatterns: options.ignorePattern, includeTests: options.includeTests };
      io.stdout.write(printConfig(options.printConfig, { ...configChoices, ...ignore }));
      return 0;
    }
    if (options.fix && options.fixDryRun) throw new UsageError('--fix and --fix-dry-run cannot be used together');
    if (options.changedSince !== undefined && options.stdin) throw new UsageError('--changed-since cannot be used with --stdin');
    // The baseline is rewritten from the findings reported: those on unchanged lines would drop out of it.
    if (options.changedSince !== undefined && options.updateBaseline) throw new UsageError('--update-baseline cannot be used with --changed-since');
    const cwd = process.cwd();
    const stdin = await stdinFile(options, cwd, io);
    const output = outputTarget(cwd, options.output ?? options.outputFile);
    const baselinePath = options.baseline ?? (options.updateBaseline ? DEFAULT_BASELINE : undefined);
    const changedLines = options.changedSince === undefined ? undefined : changedLinesSince(options.changedSince, cwd);
    const progress = createProgress(io.stderr, !options.quiet);
    const auditOptions = {
      cwd,
      paths: program.args,
      rules: options.rule.length ? options.rule : undefined,
      preset: options.strict ? ('strict' as const) : undefined,
      configFile: options.config,
      fix: options.fixDryRun ? ('dry-run' as const) : options.fix,
      includeTests: options.includeTests,
      ignore: options.ignore,
      ignorePatterns: options.ignorePattern,
      // With --stdin, the paths are only what the text can see: finding nothing there is no error.
      errorOnUnmatchedPattern: options.errorOnUnmatchedPattern && !stdin,
      // Named files are analysed in their whole app (--stdin names what the text can see itself).
      appRoots: options.appRoot && !stdin,
      changedLines,
      stdin,
      maxFileSize: options.maxFileSize,
      fileBudgetMs: options.maxFileTime,
      reportUnusedDisableDirectives: options.reportUnusedDisableDirectives,
      // Updating rewrites the baseline from scratch: read the old one only to compare.
      baseline: options.updateBaseline ? undefined : baselinePath,
      onProgress: (phase: string, done: number, total: number) => progress.update(phase, done, total),
      cache: !stdin && (options.cache || options.cacheLocation !== undefined),
      cacheLocation: options.cacheLocation,
    };
    const result = await runAudit(auditOptions, needCompiler);
    progress.finish();
    // Only the text's findings are reported: the other files were read so that it could be seen in its app.
    if (stdin) result.files = result.files.filter((file) => file.filePath === stdin.filePath);
    if (options.updateBaseline) {
      const path = resolve(cwd, baselinePath!);
      const baseline = buildBaseline(result.files, baselineBase(path));
      // Named files of a larger app: their entries are replaced, the rest of the app's kept.
      if (result.context?.named) baseline.findings = mergedEntries(path, baseline.findings, result.context.named, cwd);
      writeBaseline(path, baseline);
      applyBaseline(result.files, baseline.findings, baselineBase(path));
      io.stderr.write(`securestore-audit: wrote ${baseline.findings.length} findings to ${baselinePath}\n`);
    } else if (baselinePath) {
      // On stderr, whatever the format: stdout stays the report, and no one misses what the baseline keeps out of it.
      const hidden = countHiddenByBaseline(result.files);
      io.stderr.write(`securestore-audit: the baseline ${printable(baselinePath)} hid ${hidden} finding${hidden === 1 ? '' : 's'}\n`);
    }
    const files = options.quiet ? result.files.map((f) => ({ ...f, findings: f.findings.filter((x) => x.severity === 'error') })) : result.files;
    let text = reporters[options.format]!(files, {
      cwd,
      root: repositoryRoot(cwd, io.env),
      color: useColor(options, io, output !== undefined),
      rules: result.rules,
      severities: result.severities,
    });
    if (options.fixDryRun && options.format === 'stylish') text += dryRunDiffs(files, stdin);
    if (output) {
      writeOutput(output, text, cwd);
    } else if (text) {
      io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    }
    if (debug) {
      const lines = Object.entries(result.timings).map(([phase, ms]) => `  ${phase.padEnd(40)} ${phase === 'parsedFiles' ? ms : `${ms.toFixed(1)} ms`}`);
      const { discovered, read, relevant, parsed, cached, analysed, unread, testFiles, dart, dartParsed, dartSyntaxErrors } = result.counts;
      const recovered = dartSyntaxErrors ? `, ${dartSyntaxErrors} with syntax errors (recovered: the rest of each is analysed)` : '';
      const dartCounts = dart ? `; Dart: ${dart} files read, ${dartParsed ?? 0} parsed, ${dart - (dartParsed ?? 0)} skipped without parsing${recovered}` : '';
      const unchanged = unread ? `, ${unread} files not read (size and times unchanged)` : '';
      const cache = cached === undefined ? '' : `; cache: ${cached} relevant files reused, ${analysed} analysed${unchanged}`;
      io.stderr.write(
        `securestore-audit: ${discovered} files found, ${read} read, ${relevant} relevant, ${parsed} parsed, ${discovered - relevant} skipped without parsing${testFiles ? `, ${testFiles} test files left out (${TEST_FILES_SUMMARY}; --include-tests audits them)` : ''}${dartCounts}${cache}\n${lines.join('\n')}\n${compilerLoad ? `  compiler code cache: ${compilerLoad}\n` : ''}`,
      );
      if (result.context) io.stderr.write(appContextLine(result.context));
      if (changedLines)
        io.stderr.write(
          `securestore-audit: --changed-since ${printable(options.changedSince!)}: ${changedLines.size} file${changedLines.size === 1 ? '' : 's'} changed in the work tree\n`,
        );
    }
    const { errors, warnings } = countSeverities(files);
    if (errors > 0) return 1;
    if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
      io.stderr.write(`securestore-audit found too many warnings (maximum: ${options.maxWarnings}).\n`);
      return 1;
    }
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successful exits; anything else is a usage error, already printed.
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? 0 : 2;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`securestore-audit: ${printable(error.message)}\n`);
      return 2;
    }
    const err = error as Error;
    io.stderr.write(
      `securestore-audit: internal error: ${printable(err?.message ?? String(error))}${debug ? `\n${err?.stack ?? ''}` : ' (run with --debug for the stack trace)'}\n`,
    );
    return 2;
  }
}
