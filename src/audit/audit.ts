import { toFinding } from '../core/findings.js';
import { byCodeUnit } from '../core/order.js';
import { parseDirectives, type Directive } from '../core/suppressions.js';
import type { ProjectFile } from '../core/project-file.js';
import type { SourceText } from '../core/types.js';
import { performance } from 'node:perf_hooks';
import { openCache, type AuditCache } from '../cache/index.js';
import { activeRulesByConfig, rulesOfRun, type ActiveRule } from './active-rules.js';
import { applyBaselineFile } from './baseline.js';
import { fileChecker, type FileChecker } from './check-file.js';
import { configSet, type ConfigSet } from './config-set.js';
import { applyDirectives, DIRECTIVE_MENTION } from './directives.js';
import { discoverAuditedFiles, type DiscoveredFiles } from './discover.js';
import { applyAllFixes, withBom } from './fix.js';
import { discoverOptions, type AuditOptions } from './options.js';
import { openProject, prefilter, readFiles, type ProjectFiles, type ReadFiles } from './project.js';
import { importClosures } from './relevance.js';
import type { AuditFileResult, AuditFinding, AuditResult } from '../core/result.js';
import { inScope, scopeResult, type ReportScope } from './report-scope.js';
import { stdinSkipReason, withStdinFile } from './stdin-file.js';
import { timer, type Time } from './timer.js';
import { appRoots, type AppRoot } from './app-roots.js';
import { AppLibraries, checkDartFiles, dartFilesOf, dartImportClosures, needsDartParser, nullCallFiles } from './dart-pass.js';
import { loadDartParser } from './dart-loader.js';
import { isDartFile } from '../core/extensions.js';
import { ruleFailure, toolWarning } from './tool-warnings.js';

// Running the audit, phase by phase: discover → read → prefilter → check
// each file → project-wide checks → directives → fixes (then again, from the
// fixed texts). The folder is split by job:
// - loading the project: config.ts, config-file.ts, discover.ts, read.ts,
//   project.ts, project-host.ts, relevance.ts (resolution: core/module-resolver.ts);
// - running it: this file, options.ts, active-rules.ts, check-file.ts,
//   directives.ts, tool-warnings.ts, timer.ts, result.ts, and
//   report-scope.ts (what is reported when more is read than named);
// - fixes and the baseline: fix.ts, atomic-write.ts, baseline.ts.
// The cache is src/cache: the audit asks it the same questions whether or
// not there is one.

export const DEFAULT_FILE_BUDGET_MS = 10_000;

export type { AuditOptions, Preset } from './options.js';
export { activeRules } from './active-rules.js';
export { timer } from './timer.js';
export { reportedFindings } from '../core/result.js';
export type { AuditFileResult, AuditFinding, AuditResult, FatalProblem, RuleInfo, Suppression } from '../core/result.js';

/** Audits a project and returns findings as plain data; formatting is the caller's business. */
export function audit(options: AuditOptions = {}): AuditResult {
  const cwd = options.cwd ?? process.cwd();
  const configs = options.configs ?? runConfigs(options, cwd);
  const rulesOf = activeRulesByConfig(options.rules);
  // The working directory's config first: an unknown --rule is a usage error before anything is read.
  const rulesHere = rulesOf(configs.forFolder(cwd));
  const rulesFor = (file: string) => rulesOf(configs.forFile(file));
  const { timings, time } = timer();
  const cache = options.openedCache ?? openCache(options, time);
  if (cache.answer) return finished(cache.answer, options, cwd, time);

  const { discovered, read } = cache.files ?? options.files ?? discoverAndRead(options, cwd, configs, time);
  const { texts, bom, bytes } = read;
  const readCount = texts.size;
  const fixed = new Set<string>();
  const context = appContext(discovered);
  const scope: ReportScope = { named: context?.named ? new Set(context.named) : undefined, changed: options.changedLines };
  for (let passes = 0; ; passes++) {
    // TypeScript and Dart files go their own ways to their facts; the project-wide rules see both.
    const libraries = new AppLibraries(texts);
    const dart = time('prefilter', () => dartFilesOf(texts, options.prefilter ?? true, libraries));
    const tsTexts = dart.all > 0 ? new Map([...texts].filter(([file]) => !isDartFile(file))) : texts;
    const pre = prefilter(tsTexts, time, options.prefilter ?? true, discovered.importNames, configs.folders);
    const relevant = dart.relevant.length > 0 ? new Set([...pre.relevant, ...dart.relevant]) : pre.relevant;
    // What an edit can change: the edited files, and the relevant files that import them.
    const rootOf = appRoots(configs.folders);
    const standing = cache.startPass(relevant, () => {
      const closures = importClosures(pre.relevant, tsTexts, pre.host);
      for (const [file, imported] of dartImportClosures(dart.relevant, texts, rootOf)) closures.set(file, imported);
      return closures;
    });
    if (standing) {
      libraries.release();
      return finished({ ...standing, timings, ...(context ? { context } : {}) }, options, cwd, time);
    }

    const project = openProject(tsTexts, time, pre);
    const results = unanalysedResults(discovered, read);
    const budget = options.fileBudgetMs ?? DEFAULT_FILE_BUDGET_MS;
    const checker = fileChecker(rulesFor, budget, timings);
    // The project-wide rules of an app root are those of the root's config (see runProjectRules).
    const rootRules = (root: AppRoot) => rulesOf(configs.forFolder(root.dir || cwd));
    const ruleSets = new Set([rulesHere, ...[...relevant].flatMap((file) => [rulesFor(file), rootRules(rootOf(file))])]);
    const needsProjectFiles = [...ruleSets].some((set) => set.some((r) => r.rule.checkProject !== undefined));
    const checked = checkEachFile(project, results, { needsProjectFiles, checker, cache, texts: tsTexts, time, options });
    const dartChecked = checkDartFiles(dart.relevant, results, {
      rulesFor,
      cache,
      texts,
      time,
      timings,
      budget,
      rootOf,
      needsProjectFiles,
      onProgress: options.onProgress,
      parserProblem: options.dartParserProblem,
      libraries,
    });
    const analysedFiles = [...checked.analysedFiles, ...dartChecked.analysedFiles].sort();
    const projectFiles = [...checked.projectFiles, ...dartChecked.projectFiles];
    if (needsProjectFiles)
      projectFiles.push(...time('dart null calls', () => nullCallFiles(texts, new Set(dart.relevant), dartChecked.projectFiles, libraries)));
    const directives = new Map([...checked.directives, ...dartChecked.directives]);
    const roots = needsProjectFiles ? runProjectRules(rootRules, projectFiles, analysedFiles, results, time, options, rootOf) : [];
    time('suppressions', () => {
      for (const [fileName, { source, directives: found }] of directives) {
        // The rules that ran on this file: its config's, and the project-wide rules of its app root's.
        const projectRules = rootRules(rootOf(fileName)).filter((r) => r.rule.checkProject !== undefined);
        const ran = new Set([...rulesFor(fileName), ...projectRules].map((r) => `securestore/${r.rule.id}`));
        applyDirectives(results.get(fileName)!, source, found, ran, options.reportUnusedDisableDirectives ?? true);
      }
    });
    timings.parsedFiles = project.host.parseCount + libraries.parses;
    // Only the findings in scope are fixed: a run on the staged files leaves the others' code as it is.
    const fixContext = { bom, bytes, dryRun: options.fix === 'dry-run', inScope: (file: string, finding: AuditFinding) => inScope(scope, file, finding) };
    if (options.fix && passes < 10 && applyAllFixes(results, texts, fixed, fixContext)) continue; // re-analyse from the fixed texts

    for (const file of results.values()) {
      file.findings.sort((a, b) => a.start - b.start || byCodeUnit(a.ruleId ?? '', b.ruleId ?? ''));
      if (fixed.has(file.filePath)) {
        if (options.fix === 'dry-run') file.output = withBom(texts.get(file.filePath)!, bom.has(file.filePath));
        else file.fixed = true;
      }
    }
    const rules = rulesOfRun(ruleSets);
    const result: AuditResult = {
      files: [...results.values()].sort((a, b) => byCodeUnit(a.filePath, b.filePath)),
      rules: rules.map((r) => ({ id: r.rule.id, meta: r.rule.meta })),
      severities: Object.fromEntries(rules.map((r) => [r.rule.id, r.severity])),
      timings,
      counts: {
        discovered: discovered.files.length,
        testFiles: discovered.testFiles ?? 0,
        read: readCount,
        parsed: project.host.parseCount + libraries.parses,
        relevant: relevant.size,
        ...cache.counts(analysedFiles.length),
        ...(dart.all > 0
          ? { dart: dart.all, dartRelevant: dart.relevant.length, dartParsed: libraries.parses, dartSyntaxErrors: dartChecked.withSyntaxErrors }
          : {}),
      },
    };
    // The app roots decide which files the project-wide rules compare, and a pubspec.yaml names the Dart package: inputs too, when they matter.
    const markers = dart.all > 0 || roots.length > 1 ? roots.flatMap((root) => root.markers) : [];
    const inputs = markers.length > 0 ? new Set([...project.host.inputs, ...markers]) : project.host.inputs;
    cache.save(result, { analysedFiles, relevant, inputs });
    // Which files were named is this run's, not the cache's: added after saving.
    if (context) result.context = context;
    return finished(result, options, cwd, time);
  }
}

/**
 * The audit, for programs: as `audit()`, with the Dart parser loaded first
 * when the run has a Dart file to parse (its WebAssembly loads asynchronously;
 * the analysis itself is synchronous). `audit()` alone analyses Dart files
 * only once `loadDartParser()` has completed in the process, and otherwise
 * reports each relevant Dart file as not analysed. A run without Dart files
 * to parse never loads the parser. The CLI runs this.
 */
export async function auditAsync(options: AuditOptions = {}): Promise<AuditResult> {
  const cwd = options.cwd ?? process.cwd();
  const { timings, time } = timer();
  const configs = options.configs ?? runConfigs(options, cwd);
  const cache = options.openedCache ?? openCache(options, time);
  if (cache.answer) return audit({ ...options, configs, openedCache: cache });
  const files = cache.files ?? discoverAndRead(options, cwd, configs, time);
  let dartParserProblem: string | undefined;
  if (needsDartParser(files.read.texts, options.prefilter ?? true)) {
    const started = performance.now();
    try {
      await loadDartParser();
    } catch (error) {
      dartParserProblem = (error as Error)?.message ?? String(error);
    }
    timings['load dart parser'] = performance.now() - started;
  }
  const result = audit({ ...options, configs, openedCache: cache, files, ...(dartParserProblem ? { dartParserProblem } : {}) });
  for (const [phase, ms] of Object.entries(timings)) result.timings[phase] = (result.timings[phase] ?? 0) + ms;
  return result;
}

/** The run's configs: each file's nearest, or the one given (see config-set.ts). */
function runConfigs(options: AuditOptions, cwd: string): ConfigSet {
  return configSet(cwd, { configFile: options.configFile, preset: options.preset, config: options.config });
}

function discoverAndRead(options: AuditOptions, cwd: string, configs: ConfigSet, time: Time): { discovered: DiscoveredFiles; read: ReadFiles } {
  const discovered = time('discover', () =>
    discoverAuditedFiles(options.paths, cwd, configs.isIgnored, { ...discoverOptions(options), listing: configs.folders }),
  );
  const read = time('read', () => readFiles(discovered.files, { maxFileSize: options.maxFileSize, keepBytes: options.fix === true }));
  if (options.stdin) withStdinFile(discovered, read, options.stdin, stdinSkipReason(options.stdin, cwd, configs.isIgnored, options));
  return { discovered, read };
}

/** The results of the files that are not analysed: folders and files that could not be read, files skipped. */
function unanalysedResults(discovered: DiscoveredFiles, read: ReadFiles): Map<string, AuditFileResult> {
  const results = new Map<string, AuditFileResult>();
  for (const { path, reason } of discovered.skipped ?? [])
    results.set(path, { filePath: path, findings: [toolWarning(path, 'fileSkipped', `File skipped: ${reason}.`)] });
  for (const { path, reason } of discovered.unreadable)
    results.set(path, { filePath: path, findings: [], fatal: { message: `Cannot read directory: ${reason}`, line: 1, column: 1 } });
  for (const [file, reason] of read.unreadable)
    results.set(file, { filePath: file, findings: [], fatal: { message: `Cannot read file: ${reason}`, line: 1, column: 1 } });
  for (const [file, reason] of read.skipped) results.set(file, { filePath: file, findings: [toolWarning(file, 'fileSkipped', `File skipped: ${reason}.`)] });
  return results;
}

interface CheckContext {
  needsProjectFiles: boolean;
  checker: FileChecker;
  cache: AuditCache;
  texts: Map<string, string>;
  time: Time;
  options: AuditOptions;
}

interface CheckedFiles {
  /** The files that parsed, in path order: those the rules ran on. */
  analysedFiles: string[];
  /**
   * What the project-wide rules compare, one record per file: taken right
   * after the file's own rules, under what is left of its budget. A file
   * over it is left out of the comparison and said so, rather than holding
   * up the project-wide pass.
   */
  projectFiles: ProjectFile[];
  /** Disable directives of the files that have any, read while their trees are alive and applied to the final findings. */
  directives: Map<string, { source: SourceText; directives: Directive[] }>;
}

/**
 * One file at a time: parse it, run every rule on it, keep what the
 * project-wide rules and the directives need as plain data, and let its tree
 * go unless another file imports it. A file the cache has whole (its findings
 * and its project record, and no edit can reach it) is not parsed.
 */
function checkEachFile(
  project: ProjectFiles,
  results: Map<string, AuditFileResult>,
  { needsProjectFiles, checker, cache, texts, time, options }: CheckContext,
): CheckedFiles {
  const checked: CheckedFiles = { analysedFiles: [], projectFiles: [], directives: new Map() };
  for (const [index, fileName] of project.files.entries()) {
    options.onProgress?.('parse', index, project.files.length);
    const entry = cache.entryFor(fileName);
    if (entry && (entry.project || !needsProjectFiles)) {
      checked.analysedFiles.push(fileName);
      results.set(fileName, { filePath: fileName, findings: structuredClone(entry.findings), source: texts.get(fileName) });
      if (entry.project) checked.projectFiles.push(entry.project);
      if (entry.directives) checked.directives.set(fileName, { source: entry.source, directives: entry.directives });
      cache.record(fileName, { project: entry.project, directives: entry.directives });
      continue;
    }
    const parsed = time('parse', () => project.parse(fileName));
    if (!parsed) continue;
    if ('fatal' in parsed) {
      results.set(fileName, { filePath: fileName, findings: [], source: parsed.fatal.source, fatal: parsed.fatal.problem });
      if (project.isLeaf(fileName)) project.release(fileName);
      continue;
    }
    const file = parsed.model;
    checked.analysedFiles.push(fileName);
    // Findings the cache has stand; the project record and directives are taken again from the tree.
    const result: AuditFileResult = { filePath: fileName, findings: entry ? structuredClone(entry.findings) : [], source: file.text };
    results.set(fileName, result);
    if (!entry && checker.check(file, result)) cache.record(fileName, { findings: result.findings });
    if (needsProjectFiles) {
      const facts = checker.projectFile(file, result);
      if (facts) checked.projectFiles.push(facts);
      else cache.forget(fileName); // incomplete: analysed again next run
      cache.record(fileName, { project: facts });
    }
    if (DIRECTIVE_MENTION.test(file.text)) {
      const found = parseDirectives(file.sf);
      checked.directives.set(fileName, { source: file.source, directives: found });
      cache.record(fileName, { directives: found });
    }
    if (project.isLeaf(fileName)) project.release(fileName);
  }
  return checked;
}

/**
 * The project-wide rules, once per app root (see app-roots.ts) over the
 * project records of its files: an Expo app's delete never cleans up a
 * Flutter app's key, nor one app's of a monorepo another's. Each root runs
 * the rules of its own config (`rulesOf`). Returns the roots, in path order.
 */
function runProjectRules(
  rulesOf: (root: AppRoot) => ActiveRule[],
  projectFiles: ProjectFile[],
  analysedFiles: string[],
  results: Map<string, AuditFileResult>,
  time: Time,
  options: AuditOptions,
  rootOf: (file: string) => AppRoot,
): AppRoot[] {
  const groups = new Map<AppRoot, ProjectFile[]>();
  for (const file of projectFiles) {
    const root = rootOf(file.source.fileName);
    const group = groups.get(root);
    if (group) group.push(file);
    else groups.set(root, [file]);
  }
  const roots = [...groups.keys()].sort((a, b) => byCodeUnit(a.dir, b.dir));
  for (const root of roots) {
    const rules = rulesOf(root);
    for (const [index, { rule, severity, options: ruleOpts }] of rules.entries()) {
      if (!rule.checkProject) continue;
      options.onProgress?.(`rule ${rule.id}`, index, rules.length);
      time(`rule:${rule.id}`, () => {
        try {
          rule.checkProject!({
            files: groups.get(root)!,
            options: ruleOpts,
            report: (file, descriptor) => results.get(file.fileName)?.findings.push({ ...toFinding(rule, file, descriptor), severity }),
          });
        } catch (error) {
          // A project-wide rule has no one file to blame: report it on the root's first.
          const first = roots.length === 1 ? analysedFiles[0] : analysedFiles.find((file) => rootOf(file) === root);
          if (first) results.get(first)!.findings.push(ruleFailure(first, rule.id, error));
        }
      });
    }
  }
  return roots;
}

/**
 * Marks the findings a baseline lists as suppressed (after caching: the
 * baseline is not a cache input), on whole files as a full run has them,
 * then keeps only what is in the report's scope (report-scope.ts).
 */
function finished(result: AuditResult, options: AuditOptions, cwd: string, time: Time): AuditResult {
  if (options.baseline) time('baseline', () => applyBaselineFile(result.files, options.baseline!, cwd));
  return scopeResult(result, options.changedLines);
}

/** What the result tells of the app roots read for the named paths (see discover.ts). */
function appContext(discovered: DiscoveredFiles): AuditResult['context'] {
  if (!discovered.context) return undefined;
  return { ...discovered.context, ...(discovered.named ? { named: discovered.named } : {}) };
}
