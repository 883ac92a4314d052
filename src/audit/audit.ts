import { performance } from 'node:perf_hooks';
import { lineAndCharacter } from '../core/lines.js';
import { allRules } from '../../rules/index.js';
import type { FileModel } from '../core/model.js';
import { mergeOptions, type RuleDefinition } from '../core/rule.js';
import { toFinding } from '../core/findings.js';
import type { SourceText, TextEdit } from '../core/types.js';
import { discoverAuditedFiles } from './discover.js';
import { byCodeUnit } from '../core/order.js';
import { openProject, prefilter, readFiles } from './project.js';
import { importClosures } from './relevance.js';
import { openCache } from '../cache/index.js';
import { applyFixes, FileChangedError, matchLineEndings, writeFileAtomic } from './fix.js';
import { parseErrors, parseSource } from '../core/parse.js';
import { UsageError } from './errors.js';
import { loadConfig, withPreset, type ResolvedConfig } from './config.js';
import { applyBaselineFile } from './baseline.js';
import { BudgetExceeded, withDeadline } from '../core/budget.js';
import { projectFile, type ProjectFile } from '../core/project-file.js';
import { findSuppression, parseDirectives, unusedDirectives, type Directive } from '../core/suppressions.js';
import type { AuditOptions } from './options.js';

export const DEFAULT_FILE_BUDGET_MS = 10_000;

export type { AuditOptions, Preset } from './options.js';

export { reportedFindings } from './result.js';
export type { AuditFileResult, AuditFinding, AuditResult, FatalProblem, RuleInfo, Suppression } from './result.js';
import type { AuditFileResult, AuditFinding, AuditResult } from './result.js';

interface ActiveRule {
  rule: RuleDefinition<any>;
  severity: 'warn' | 'error';
  options: object;
}

/**
 * The rules to run with their severity and options. `--rule` selects rules
 * and runs them even when the config turned them off.
 */
export function activeRules(config: ResolvedConfig, only: string[] | undefined): ActiveRule[] {
  const known = new Set(allRules.map((r) => r.id));
  const wanted = only?.map((id) => id.replace(/^securestore\//, ''));
  for (const id of wanted ?? []) if (!known.has(id)) throw new UsageError(`unknown rule "${id}" (see --list-rules)`);
  return allRules
    .filter((rule) => (wanted ? wanted.includes(rule.id) : config.severities[rule.id] !== 'off'))
    .map((rule) => {
      const configured = config.severities[rule.id];
      // A rule selected with --rule runs even where the config turned it off.
      const severity = configured === 'off' || configured === undefined ? (rule.meta.recommended === 'error' ? 'error' : 'warn') : configured;
      return { rule, severity, options: mergeOptions(rule, config.ruleOptions[rule.id] as object) };
    });
}


/** Audits a project and returns findings as plain data; formatting is the caller's business. */
export function audit(options: AuditOptions = {}): AuditResult {
  const cwd = options.cwd ?? process.cwd();
  let config = options.config ?? loadConfig(cwd, options.configFile);
  if (options.preset && options.preset !== config.preset) config = withPreset(config, options.preset);
  const rules = activeRules(config, options.rules);
  const { timings, time } = timer();

  const cache = options.openedCache ?? openCache(options, time);
  if (cache.answer) return withBaseline(cache.answer, options, cwd, time);
  const { discovered, read } = cache.files ?? discoverAndRead(options, cwd, config, time);
  const { texts, unreadable, skipped, bom, bytes } = read;
  const readCount = texts.size;
  const budget = options.fileBudgetMs ?? DEFAULT_FILE_BUDGET_MS;

  let passes = 0;
  const fixed = new Set<string>();
  for (;;) {
    const pre = prefilter(texts, time, options.prefilter ?? true, discovered.importNames);
    const standing = cache.startPass(pre.relevant, () => importClosures(pre.relevant, texts, pre.host));
    if (standing) return withBaseline({ ...standing, timings }, options, cwd, time);
    const project = openProject(texts, time, pre);
    const results = new Map<string, AuditFileResult>();
    for (const { path, reason } of discovered.skipped ?? []) results.set(path, { filePath: path, findings: [toolWarning(path, 'fileSkipped', `File skipped: ${reason}.`)] });
    for (const { path, reason } of discovered.unreadable) results.set(path, { filePath: path, findings: [], fatal: { message: `Cannot read directory: ${reason}`, line: 1, column: 1 } });
    for (const [file, reason] of unreadable) results.set(file, { filePath: file, findings: [], fatal: { message: `Cannot read file: ${reason}`, line: 1, column: 1 } });
    for (const [file, reason] of skipped) results.set(file, { filePath: file, findings: [toolWarning(file, 'fileSkipped', `File skipped: ${reason}.`)] });
    const spent = new Map<string, number>();
    /** The files that parsed, in path order: those the rules ran on. */
    const analysedFiles: string[] = [];
    /**
     * What the project-wide rules compare, one record per file: taken right
     * after the file's own rules, under what is left of its budget. A file
     * over it is left out of the comparison and said so, rather than holding
     * up the project-wide pass.
     */
    const projectFiles: ProjectFile[] = [];
    const needsProjectFiles = rules.some((r) => r.rule.checkProject);
    /** Disable directives of the files that have any, read while their trees are alive and applied to the final findings. */
    const directives = new Map<string, { source: SourceText; directives: Directive[] }>();

    // One file at a time: parse it, run every rule on it, keep what the
    // project-wide rules and the directives need as plain data, and let its
    // tree go unless another file imports it. A file the cache has whole (its
    // findings and its project record, and no edit can reach it) is not parsed.
    for (const [index, fileName] of project.files.entries()) {
      options.onProgress?.('parse', index, project.files.length);
      const entry = cache.entryFor(fileName);
      if (entry && (entry.project || !needsProjectFiles)) {
        analysedFiles.push(fileName);
        results.set(fileName, { filePath: fileName, findings: structuredClone(entry.findings), source: texts.get(fileName) });
        if (entry.project) projectFiles.push(entry.project);
        if (entry.directives) directives.set(fileName, { source: entry.source, directives: entry.directives });
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
      analysedFiles.push(fileName);
      const cached = entry?.findings;
      const result: AuditFileResult = { filePath: fileName, findings: cached ? structuredClone(cached) : [], source: file.text };
      results.set(fileName, result);
      if (!cached && checkFile(file, result)) cache.record(fileName, { findings: result.findings });
      if (needsProjectFiles) {
        const facts = projectFileWithinBudget(file, result);
        if (facts) projectFiles.push(facts);
        cache.record(fileName, { project: facts });
      }
      if (DIRECTIVE_MENTION.test(file.text)) {
        const found = parseDirectives(file.sf);
        directives.set(fileName, { source: file.source, directives: found });
        cache.record(fileName, { directives: found });
      }
      if (project.isLeaf(fileName)) project.release(fileName);
    }

    /** Runs every rule's per-file check on one file, each under what is left of the file's budget; true when all of them finished. */
    function checkFile(file: FileModel, result: AuditFileResult): boolean {
      for (const [index, { rule, severity, options: ruleOpts }] of rules.entries()) {
        const used = spent.get(file.fileName) ?? 0;
        const start = performance.now();
        let stopped = false;
        let failed = false;
        try {
          withDeadline(budget - used, () =>
            rule.check({
              file,
              options: ruleOpts,
              projectPass: rule.checkProject !== undefined,
              report: (descriptor) => {
                const finding: AuditFinding = { ...toFinding(rule, file, descriptor), severity };
                result.findings.push(finding);
              },
            }),
          );
        } catch (error) {
          if (error instanceof BudgetExceeded) stopped = true;
          else {
            result.findings.push(ruleFailure(file.fileName, rule.id, error));
            failed = true;
          }
        }
        const now = performance.now();
        timings[`rule:${rule.id}`] = (timings[`rule:${rule.id}`] ?? 0) + now - start;
        const total = used + now - start;
        spent.set(file.fileName, stopped ? Math.max(total, budget + 1) : total);
        if (failed) return false; // not cached: try again next run
        if (stopped || total > budget) {
          const left = rules.slice(index + 1).map((r) => r.rule.id);
          const rest = left.length || stopped ? `; not finished: ${[...(stopped ? [rule.id] : []), ...left].join(', ')}` : '';
          result.findings.push(toolWarning(file.fileName, 'fileBudget', `Analysis stopped: this file took ${Math.round(total)} ms, over the per-file budget of ${budget} ms${rest}.`));
          return false;
        }
      }
      return true;
    }

    /** The file as the project-wide rules see it, or undefined (and said so on the file) when it is over its budget. */
    function projectFileWithinBudget(file: FileModel, result: AuditFileResult): ProjectFile | undefined {
      const used = spent.get(file.fileName) ?? 0;
      if (used > budget) return undefined; // already reported as over budget
      const start = performance.now();
      try {
        return withDeadline(budget - used, () => projectFile(file));
      } catch (error) {
        if (error instanceof BudgetExceeded) {
          result.findings.push(toolWarning(file.fileName, 'fileBudget', `Analysis stopped: this file is over the per-file budget of ${budget} ms; the project-wide rules leave it out.`));
        } else {
          result.findings.push(toolWarning(file.fileName, 'ruleFailed', `The project-wide rules could not analyse this file (${failureDetail(error)}); the other files were compared.`));
        }
        cache.forget(file.fileName);
        return undefined;
      } finally {
        spent.set(file.fileName, used + performance.now() - start);
      }
    }

    for (const [index, { rule, severity, options: ruleOpts }] of rules.entries()) {
      if (!rule.checkProject) continue;
      options.onProgress?.(`rule ${rule.id}`, index, rules.length);
      time(`rule:${rule.id}`, () => {
        try {
          rule.checkProject!({
            files: projectFiles,
            options: ruleOpts,
            report: (file, descriptor) => results.get(file.fileName)?.findings.push({ ...toFinding(rule, file, descriptor), severity }),
          });
        } catch (error) {
          // A project-wide rule has no one file to blame: report it on the first.
          const first = analysedFiles[0];
          if (first) results.get(first)!.findings.push(ruleFailure(first, rule.id, error));
        }
      });
    }
    time('suppressions', () => {
      const ran = new Set(rules.map((r) => `securestore/${r.rule.id}`));
      for (const [fileName, { source, directives: found }] of directives) applyDirectives(results.get(fileName)!, source, found, ran, options.reportUnusedDisableDirectives ?? true);
    });
    timings.parsedFiles = project.host.parseCount;
    if (options.fix && passes < 10 && applyAllFixes(results, texts, fixed, { bom, bytes, dryRun: options.fix === 'dry-run' })) {
      passes++; // re-analyse from the fixed texts
      continue;
    }
    for (const file of results.values()) {
      file.findings.sort((a, b) => a.start - b.start || byCodeUnit(a.ruleId ?? '', b.ruleId ?? ''));
      if (fixed.has(file.filePath)) {
        if (options.fix === 'dry-run') file.output = withBom(texts.get(file.filePath)!, bom.has(file.filePath));
        else file.fixed = true;
      }
    }
    const files = [...results.values()].sort((a, b) => byCodeUnit(a.filePath, b.filePath));
    const result: AuditResult = {
      files,
      rules: rules.map((r) => ({ id: r.rule.id, meta: r.rule.meta })),
      severities: Object.fromEntries(rules.map((r) => [r.rule.id, r.severity])),
      timings,
      counts: { discovered: discovered.files.length, read: readCount, parsed: project.host.parseCount, relevant: project.relevant.size, ...cache.counts(analysedFiles.length) },
    };
    cache.save(result, { analysedFiles, relevant: project.relevant, inputs: project.host.inputs });
    return withBaseline(result, options, cwd, time);
  }
}

function discoverAndRead(options: AuditOptions, cwd: string, config: ResolvedConfig, time: <T>(phase: string, work: () => T) => T) {
  const discovered = time('discover', () => discoverAuditedFiles(options.paths, cwd, config.isIgnored));
  const read = time('read', () => readFiles(discovered.files, { maxFileSize: options.maxFileSize, keepBytes: options.fix === true }));
  return { discovered, read };
}

/** Marks the findings a baseline lists as suppressed (after caching: the baseline is not a cache input). */
function withBaseline(result: AuditResult, options: AuditOptions, cwd: string, time: <T>(phase: string, work: () => T) => T): AuditResult {
  if (options.baseline) time('baseline', () => applyBaselineFile(result.files, options.baseline!, cwd));
  return result;
}

/** Accumulates wall time per phase, for --debug and the benchmark. */
export function timer(): { timings: Record<string, number>; time: <T>(phase: string, work: () => T) => T } {
  const timings: Record<string, number> = {};
  const time = <T>(phase: string, work: () => T): T => {
    const start = performance.now();
    try {
      return work();
    } finally {
      timings[phase] = (timings[phase] ?? 0) + performance.now() - start;
    }
  };
  return { timings, time };
}

/** Cheap test first: most files carry no directive at all, and are not searched for one. */
const DIRECTIVE_MENTION = /(securestore-audit|eslint)-(disable|enable)/;

function applyDirectives(result: AuditFileResult, file: SourceText, directives: Directive[], ran: Set<string>, reportUnused: boolean): void {
  const used = new Map<Directive, Set<string>>();
  for (const finding of result.findings) {
    if (finding.ruleId === null) continue;
    const directive = findSuppression({ ruleId: finding.ruleId, line: finding.line, start: finding.start }, directives, used);
    if (directive) finding.suppressions = [{ kind: 'inSource', ...(directive.justification ? { justification: directive.justification } : {}) }];
  }
  if (!reportUnused) return;
  for (const { directive, rules } of unusedDirectives(directives, used, ran)) {
    const name = `${directive.origin}-${directive.kind}`;
    const message =
      rules === 'all'
        ? `Unused ${name} directive (no problems were reported).`
        : `Unused ${name} directive (no problems were reported from ${rules.map((r) => `'${r}'`).join(', ')}).`;
    const end = lineAndCharacter(file, directive.end);
    result.findings.push({
      ruleId: null,
      file: file.fileName,
      messageId: 'unusedDisableDirective',
      message,
      data: {},
      severity: 'warn',
      start: directive.start,
      end: directive.end,
      line: directive.line,
      column: directive.column,
      endLine: end.line + 1,
      endColumn: end.character + 1,
    });
  }
}

interface FixContext {
  bom: Set<string>;
  bytes: Map<string, Buffer>;
  dryRun: boolean;
}

function withBom(text: string, bom: boolean): string {
  return bom ? `\uFEFF${text}` : text;
}

/**
 * Applies every file's autofixes, writing them unless this is a dry run;
 * true when anything changed. A fix that would leave the file unparseable is
 * not applied, and a file edited on disk since it was read is left alone:
 * both are reported on the file instead.
 */
function applyAllFixes(results: Map<string, AuditFileResult>, texts: Map<string, string>, fixedFiles: Set<string>, context: FixContext): boolean {
  let changed = false;
  for (const result of results.values()) {
    const text = texts.get(result.filePath);
    if (text === undefined) continue;
    const fixes: TextEdit[][] = result.findings.flatMap((f) => (f.fix ? [matchLineEndings(text, f.fix)] : []));
    if (fixes.length === 0) continue;
    const { text: next } = applyFixes(text, fixes);
    if (next === text) continue;
    if (parseErrors(parseSource(result.filePath, next)).length > parseErrors(parseSource(result.filePath, text)).length) {
      result.findings.push(toolWarning(result.filePath, 'fixNotApplied', 'Fixes not applied: the fixed text would not parse.'));
      continue;
    }
    if (!context.dryRun) {
      const content = withBom(next, context.bom.has(result.filePath));
      try {
        writeFileAtomic(result.filePath, content, context.bytes.get(result.filePath));
      } catch (error) {
        const why = error instanceof FileChangedError ? 'the file changed on disk while it was audited' : (error as Error).message;
        result.findings.push(toolWarning(result.filePath, 'fixNotApplied', `Fixes not applied: ${why}.`));
        continue;
      }
      context.bytes.set(result.filePath, Buffer.from(content, 'utf8'));
    }
    texts.set(result.filePath, next);
    fixedFiles.add(result.filePath);
    changed = true;
  }
  return changed;
}

/** A problem of the tool rather than of the code (skipped file, failed rule): a warning with no rule id. */
function toolWarning(file: string, messageId: string, message: string): AuditFinding {
  return { ruleId: null, file, messageId, message, data: {}, severity: 'warn', start: 0, end: 0, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

function failureDetail(error: unknown): string {
  return error instanceof RangeError ? 'the code is nested too deeply to analyse' : `internal error: ${(error as Error)?.message ?? String(error)}`;
}

function ruleFailure(file: string, ruleId: string, error: unknown): AuditFinding {
  return toolWarning(file, 'ruleFailed', `Rule ${ruleId} could not analyse this file (${failureDetail(error)}); the other files were audited.`);
}
