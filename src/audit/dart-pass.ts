import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BudgetExceeded, withDeadline } from '../core/budget.js';
import { isDartFile } from '../core/extensions.js';
import { toFinding } from '../core/findings.js';
import { isStackOverflow, TOO_DEEP_TO_PARSE } from '../core/parse.js';
import type { ProjectFile } from '../core/project-file.js';
import type { AuditFileResult, AuditFinding } from '../core/result.js';
import { directivesIn, type Directive } from '../core/suppressions.js';
import type { SourceText } from '../core/types.js';
import { TRIGGER_WORDS } from '../dart/apis.js';
import type { DartAnalysisOptions, DartFileAnalysis } from '../dart/file-facts.js';
import type { DartImport } from '../dart/facts-types.js';
import type { LibrarySummary } from '../dart/library-summary.js';
import type { ParseOnce } from '../dart/parse-once.js';
import type { Tree } from 'web-tree-sitter';
import { loadedDart, type DartFrontEnd } from './dart-loader.js';
import type { AuditCache } from '../cache/index.js';
import type { ActiveRule } from './active-rules.js';
import type { AppRoot } from './app-roots.js';
import { DIRECTIVE_MENTION } from './directives.js';
import { ruleFailure, toolWarning } from './tool-warnings.js';
import type { Time } from './timer.js';

// The Dart files of an audit: each relevant one is parsed by tree-sitter,
// turned into language-neutral facts (src/dart/file-facts.ts), and judged by
// every active rule that has a `checkFacts`; its `ProjectFile` record joins
// the TypeScript files' for the project-wide rules. A rule without
// `checkFacts` has no Dart meaning and does not run on Dart.

/** Whether a Dart file can hold a storage fact: the packages' type names must appear in it (see TRIGGER_WORDS). */
export function dartFileMatters(text: string): boolean {
  return TRIGGER_WORDS.test(text);
}

/**
 * The Dart files among the texts read, and those that can matter (sorted):
 * only these are parsed. `prefilter: false` takes every Dart file as one that
 * can matter (the same findings, slower), as for TypeScript.
 */
export function dartFilesOf(texts: Map<string, string>, prefilter = true, libraries?: AppLibraries): { all: number; relevant: string[] } {
  const dartFiles = dartFileNames(texts);
  const relevant = prefilter ? dartFiles.filter((file) => dartFileMatters(texts.get(file)!)) : dartFiles;
  // Their trees, parsed for a summary before their analysis, are kept for it.
  libraries?.willAnalyse(relevant);
  if (prefilter && libraries && relevant.length > 0) {
    const users = storeHolderUsers(texts, relevant, libraries);
    libraries.willAnalyse(users);
    relevant.push(...users);
  }
  return { all: dartFiles.length, relevant: relevant.sort() };
}

/**
 * The Dart files among the texts read: none in an Expo app. Taken by the
 * array built-ins over the names alone, so that an Expo run spends on it no
 * more than a pass over its file names (a loop of our own over every entry
 * is one more thing for V8 to compile, on every run).
 */
function dartFileNames(texts: Map<string, string>): string[] {
  return [...texts.keys()].filter(isDartFile);
}

/**
 * Dart files that never name a package type but reach a store through a
 * member another file of the app declares (`PreferenceHelper.asyncPref`,
 * `SecureStorage.instance`): those members can only be declared in files the
 * prefilter kept, so their names are known from those files' summaries, and a
 * file that names one of them can matter too.
 */
function storeHolderUsers(texts: Map<string, string>, relevant: string[], libraries: AppLibraries): string[] {
  if (!loadedDart()) return [];
  // A file reaches `Holder.member` only if it names both: `AppSettings.fontSize` alone does not reach `AppSettings.store`.
  const holders = new Map<string, Set<string>>();
  for (const file of relevant) {
    for (const [name, member] of libraries.summaryAt(file)?.members ?? []) {
      if (!('store' in member || 'provides' in member)) continue;
      const parts = name.split('.');
      const members = holders.get(parts[0]!) ?? new Set<string>();
      members.add(parts[parts.length - 1]!);
      holders.set(parts[0]!, members);
    }
  }
  if (holders.size === 0) return [];
  const tests = [...holders].map(([holder, members]) => [new RegExp(`\\b${holder}\\b`), new RegExp(`\\b(?:${[...members].join('|')})\\b`)] as const);
  const kept = new Set(relevant);
  const found: string[] = [];
  for (const [file, text] of texts) {
    if (isDartFile(file) && !kept.has(file) && tests.some(([holder, member]) => holder.test(text) && member.test(text))) found.push(file);
  }
  return found;
}

/** Whether the run has a Dart file to parse: then, and only then, the parser is loaded. */
export function needsDartParser(texts: Map<string, string>, prefilter = true): boolean {
  return dartFileNames(texts).some((file) => !prefilter || dartFileMatters(texts.get(file)!));
}

export const DART_PARSER_NOT_LOADED =
  'Not analysed: the Dart parser is not loaded. The CLI loads it; a program calls `await auditAsync()` (or `await loadDartParser()` before `audit()`).';

export interface DartPassContext {
  /** The rules of each file's own config. */
  rulesFor: (file: string) => ActiveRule[];
  cache: AuditCache;
  texts: Map<string, string>;
  time: Time;
  timings: Record<string, number>;
  budget: number;
  rootOf: (file: string) => AppRoot;
  needsProjectFiles: boolean;
  onProgress?: (phase: string, done: number, total: number) => void;
  /** Why the parser could not be loaded, if it could not. */
  parserProblem?: string;
  /** The run's summaries of the app's libraries, shared with the prefilter. */
  libraries?: AppLibraries;
}

export interface CheckedDartFiles {
  analysedFiles: string[];
  projectFiles: ProjectFile[];
  directives: Map<string, { source: SourceText; directives: Directive[] }>;
  /** Files parsed with syntax errors (recovered). */
  withSyntaxErrors: number;
}

export function checkDartFiles(files: string[], results: Map<string, AuditFileResult>, context: DartPassContext): CheckedDartFiles {
  const { cache, texts, time, needsProjectFiles } = context;
  const checked: CheckedDartFiles = { analysedFiles: [], projectFiles: [], directives: new Map(), withSyntaxErrors: 0 };
  const libraries = context.libraries ?? new AppLibraries(texts);
  for (const [index, fileName] of files.entries()) {
    context.onProgress?.('parse dart', index, files.length);
    const text = texts.get(fileName)!;
    const source: SourceText = { fileName, text };
    const entry = cache.entryFor(fileName);
    if (entry && (entry.project || !needsProjectFiles)) {
      checked.analysedFiles.push(fileName);
      results.set(fileName, { filePath: fileName, findings: structuredClone(entry.findings), source: text });
      if (entry.project) checked.projectFiles.push(entry.project);
      if (entry.directives) checked.directives.set(fileName, { source: entry.source, directives: entry.directives });
      cache.record(fileName, { project: entry.project, directives: entry.directives });
      libraries.drop(fileName);
      continue;
    }
    const dart = loadedDart();
    if (!dart) {
      const message = context.parserProblem ? `Not analysed: the Dart parser could not be loaded (${context.parserProblem}).` : DART_PARSER_NOT_LOADED;
      results.set(fileName, { filePath: fileName, findings: [toolWarning(fileName, 'dartParserNotLoaded', message)], source: text });
      continue;
    }
    const started = performance.now();
    let analysis: DartFileAnalysis;
    try {
      const root = context.rootOf(fileName);
      analysis = time('parse', () => withDeadline(context.budget, () => libraries.analyse(source, root)));
    } catch (error) {
      results.set(fileName, { filePath: fileName, ...analysisFailure(fileName, error, context.budget), source: text });
      continue;
    }
    if (analysis.facts.syntaxErrors > 0) checked.withSyntaxErrors++;
    checked.analysedFiles.push(fileName);
    const result: AuditFileResult = { filePath: fileName, findings: entry ? structuredClone(entry.findings) : [], source: text };
    results.set(fileName, result);
    const spent = performance.now() - started;
    const factsRules = context.rulesFor(fileName).filter((r) => r.rule.checkFacts !== undefined);
    const complete = entry !== undefined || runFactsRules(factsRules, analysis, result, context, spent);
    if (!entry && complete) cache.record(fileName, { findings: result.findings });
    if (needsProjectFiles) {
      if (complete) {
        checked.projectFiles.push(analysis.projectFile);
        cache.record(fileName, { project: analysis.projectFile });
      } else cache.forget(fileName); // incomplete: analysed again next run
    }
    if (DIRECTIVE_MENTION.test(text)) {
      const found = directivesIn(source, dart.dartComments(text));
      checked.directives.set(fileName, { source, directives: found });
      cache.record(fileName, { directives: found });
    }
  }
  libraries.release();
  return checked;
}

/**
 * The other Dart files' calls that pass null to an app function whose
 * write deletes on null (see src/dart/null-calls.ts): the sign-out routine
 * often holds no storage call of its own (`repo.saveToken(null)`), so the
 * text prefilter left it out. Only files that name such a function and
 * say `null` are parsed, each run (they are few, and hold no findings).
 */
export function nullCallFiles(texts: Map<string, string>, parsed: ReadonlySet<string>, projectFiles: ProjectFile[], libraries: AppLibraries): ProjectFile[] {
  // Such functions come from analysed Dart files: none unless the front-end is loaded.
  const dart = loadedDart();
  if (!dart) return [];
  const names = new Set<string>();
  for (const file of projectFiles) for (const usage of file.keyUsages) if (usage.onlyWhenReached) names.add(dart.nullCallName(usage.onlyWhenReached));
  if (names.size === 0) return [];
  const found: ProjectFile[] = [];
  for (const [fileName, text] of texts) {
    if (!isDartFile(fileName) || parsed.has(fileName) || !dart.mayCallWithNull(text, names)) continue;
    try {
      found.push(libraries.nullCallsFile({ fileName, text }));
    } catch {
      // A file that cannot be read for its calls says nothing: a finding stays.
    }
  }
  return found;
}

/**
 * The app's own Dart libraries that other files import, each read for its
 * string constants and the stores its members hold, at most once per run (see src/dart/library-summary.ts):
 * `package:<app>/…` under the app root's lib/, and relative imports.
 */
export class AppLibraries {
  private readonly summaries = new Map<string, LibrarySummary>();
  /** The null calls (see nullCallFiles) of files parsed only for their summary, read from that tree while it was there. */
  private readonly nullCalls = new Map<string, string[]>();
  private parseOnce?: ParseOnce;

  constructor(private readonly texts: Map<string, string>) {}

  /** The trees, each parsed once (see ParseOnce); none before the front-end is loaded, which a run without Dart files never does. */
  private get trees(): ParseOnce | undefined {
    if (!this.parseOnce) {
      const dart = loadedDart();
      if (dart) this.parseOnce = new dart.ParseOnce();
    }
    return this.parseOnce;
  }

  /** Tree-sitter parses so far (at most one per file). */
  get parses(): number {
    return this.parseOnce?.parses ?? 0;
  }

  /** Files whose analysis is still to come (see ParseOnce); without the front-end, none will be. */
  willAnalyse(files: Iterable<string>): void {
    this.trees?.willAnalyse(files);
  }

  /** A relevant file's analysis; its summary, if no importer asked for it yet, comes from the same tree. Needs the parser loaded. */
  analyse(source: SourceText, root: AppRoot): DartFileAnalysis {
    const dart = needsFrontEnd();
    const options = this.analysisOptions(source.fileName, root);
    return this.trees!.analyse(source.fileName, source.text, (tree) => {
      if (!this.summaries.has(source.fileName)) this.summaries.set(source.fileName, summaryFrom(source.text, tree));
      return dart.analyseDartTree(tree, source, options);
    });
  }

  /** What analyseDartTree needs to know of the app around a file. */
  analysisOptions(fileName: string, root: AppRoot): DartAnalysisOptions {
    return { appPackage: root.dartPackage, importedLibrary: (imported) => this.summaryOf(fileName, imported, root) };
  }

  /** A relevant file's analysis will not run (its result is cached). */
  drop(fileName: string): void {
    this.parseOnce?.drop(fileName);
  }

  /** The analyses are over: the trees still kept go. */
  release(): void {
    this.parseOnce?.dispose();
  }

  /** What a file that is not analysed tells of its calls with null. Needs the parser loaded. */
  nullCallsFile(source: SourceText): ProjectFile {
    const dart = needsFrontEnd();
    const ids = this.nullCalls.get(source.fileName) ?? this.trees!.read(source.fileName, source.text, (tree) => dart.nullCallIds(tree.rootNode));
    return dart.nullCallsFile(source, ids);
  }

  summaryOf(importer: string, imported: DartImport, root: AppRoot): LibrarySummary | undefined {
    const path = libraryPath(importer, imported, root);
    return path === undefined ? undefined : this.summaryAt(path);
  }

  /** The summary of the app's library at `path`; undefined when it is not one of the texts read. */
  summaryAt(path: string): LibrarySummary | undefined {
    const text = this.texts.get(path);
    const dart = loadedDart();
    if (text === undefined || !dart) return undefined;
    let found = this.summaries.get(path);
    if (!found) {
      const trees = this.trees!;
      found = !dart.mayDeclareMembers(text)
        ? dart.EMPTY_SUMMARY
        : trees.read(path, text, (tree) => {
            // A file parsed only for its summary is not parsed again for its calls with null (nullCallFiles).
            if (!trees.awaitsAnalysis(path) && text.includes('null')) this.nullCalls.set(path, dart.nullCallIds(tree.rootNode));
            return summaryFrom(text, tree);
          });
      this.summaries.set(path, found);
    }
    return found;
  }
}

function summaryFrom(text: string, tree: Tree): LibrarySummary {
  const dart = needsFrontEnd();
  if (!dart.mayDeclareMembers(text)) return dart.EMPTY_SUMMARY;
  try {
    return dart.summaryOfTree(tree.rootNode);
  } catch {
    return dart.EMPTY_SUMMARY; // a library that cannot be read names nothing
  }
}

/** The front-end, where a tree exists (so the parser, and with it the front-end, is loaded). */
function needsFrontEnd(): DartFrontEnd {
  const dart = loadedDart();
  if (!dart) throw new Error('securestore-audit: the Dart front-end is not loaded');
  return dart;
}

const IMPORT_LINE = /^\s*import\s+['"]([^'"]+)['"]/gm;

/**
 * The app files each relevant Dart file imports directly, for the cache: a
 * file's facts read its imports' constants and store members (see
 * library-summary.ts), so an edit to an imported file is an edit to it.
 */
export function dartImportClosures(files: string[], texts: Map<string, string>, rootOf: (file: string) => AppRoot): Map<string, string[]> {
  const closures = new Map<string, string[]>();
  for (const file of files) {
    const root = rootOf(file);
    const imported = new Set<string>();
    for (const [, uri] of (texts.get(file) ?? '').matchAll(IMPORT_LINE)) {
      const relative = !/^[a-z][a-z0-9+.-]*:/i.test(uri!);
      const ownPackage = root.dartPackage !== undefined && uri!.startsWith(`package:${root.dartPackage}/`);
      const path = libraryPath(file, { uri: uri!, relative, ownPackage }, root);
      if (path && texts.has(path)) imported.add(path);
    }
    closures.set(file, [...imported].sort());
  }
  return closures;
}

function libraryPath(importer: string, imported: Pick<DartImport, 'uri' | 'relative' | 'ownPackage'>, root: AppRoot): string | undefined {
  if (imported.relative) return resolve(dirname(importer), imported.uri);
  if (!imported.ownPackage || !root.dir) return undefined;
  const rest = imported.uri.slice(imported.uri.indexOf('/') + 1);
  return join(root.dir, 'lib', rest);
}

/** A file whose analysis did not finish: over its budget, or an internal error (one line, the other files go on). */
function analysisFailure(fileName: string, error: unknown, budget: number): Pick<AuditFileResult, 'findings' | 'fatal'> {
  if (error instanceof BudgetExceeded)
    return { findings: [toolWarning(fileName, 'fileBudget', `Analysis stopped: this file is over the per-file budget of ${budget} ms.`)] };
  const message = isStackOverflow(error) ? TOO_DEEP_TO_PARSE : `Internal error while parsing: ${(error as Error)?.message ?? String(error)}`;
  return { findings: [], fatal: { message, line: 1, column: 1 } };
}

/** Every rule's `checkFacts` on one file, under what is left of its budget; true when all of them finished. */
function runFactsRules(rules: ActiveRule[], analysis: DartFileAnalysis, result: AuditFileResult, context: DartPassContext, spent: number): boolean {
  const { facts } = analysis;
  for (const [index, { rule, severity, options }] of rules.entries()) {
    const start = performance.now();
    let stopped = false;
    try {
      withDeadline(context.budget - spent, () =>
        rule.checkFacts!({
          facts,
          options,
          report: (descriptor) => {
            const finding: AuditFinding = { ...toFinding(rule, facts.source, descriptor), severity };
            result.findings.push(finding);
          },
        }),
      );
    } catch (error) {
      if (!(error instanceof BudgetExceeded)) {
        result.findings.push(ruleFailure(result.filePath, rule.id, error));
        return false;
      }
      stopped = true;
    }
    const took = performance.now() - start;
    context.timings[`rule:${rule.id}`] = (context.timings[`rule:${rule.id}`] ?? 0) + took;
    spent += took;
    if (stopped || spent > context.budget) {
      const left = [...(stopped ? [rule.id] : []), ...rules.slice(index + 1).map((r) => r.rule.id)];
      const rest = left.length ? `; not finished: ${left.join(', ')}` : '';
      result.findings.push(
        toolWarning(
          result.filePath,
          'fileBudget',
          `Analysis stopped: this file took ${Math.round(spent)} ms, over the per-file budget of ${context.budget} ms${rest}.`,
        ),
      );
      return false;
    }
  }
  return true;
}
