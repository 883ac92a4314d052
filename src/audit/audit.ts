import { performance } from 'node:perf_hooks';
import { allRules } from '../../rules/index.js';
import type { FileModel } from '../core/model.js';
import { mergeOptions, type RuleDefinition } from '../core/rule.js';
import { toFinding } from '../core/findings.js';
import type { Finding, TextEdit } from '../core/types.js';
import { discoverFiles } from './discover.js';
import { parseProject, readFiles, type FatalProblem } from './project.js';
import { applyFixes, writeFileAtomic } from './fix.js';
import { UsageError } from './errors.js';
import { loadConfig, withPreset, type ResolvedConfig } from './config.js';
import { applyBaseline, readBaseline } from './baseline.js';
import { resolve } from 'node:path';
import { findSuppression, parseDirectives, unusedDirectives, type Directive } from '../core/suppressions.js';

export type Preset = 'recommended' | 'strict';

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
  /** Apply autofixes to the files, atomically, until nothing changes. */
  fix?: boolean;
  /** Report disable directives that suppressed nothing, as warnings. Default: true. */
  reportUnusedDisableDirectives?: boolean;
}

export interface Suppression {
  /** `inSource` for a disable comment, `external` for a baseline entry (SARIF's kinds). */
  kind: 'inSource' | 'external';
  justification?: string;
}

export interface AuditFinding extends Omit<Finding, 'ruleId'> {
  /** `securestore/<id>`; null for problems of the tool itself, such as an unused disable directive. */
  ruleId: string | null;
  severity: 'warn' | 'error';
  /** Present when the finding is suppressed: it is kept for SARIF and JSON, not counted. */
  suppressions?: Suppression[];
}

/** Findings that count: not suppressed by a comment or the baseline. */
export function reportedFindings(file: AuditFileResult): AuditFinding[] {
  return file.findings.filter((f) => !f.suppressions);
}

export type { FatalProblem } from './project.js';

export interface AuditFileResult {
  filePath: string;
  findings: AuditFinding[];
  fatal?: FatalProblem;
  /** The file's text as analysed (for code frames); absent when unreadable. */
  source?: string;
  /** Set when --fix changed the file. */
  fixed?: boolean;
}

export interface AuditResult {
  files: AuditFileResult[];
  /** The rules that ran and their severities. */
  rules: RuleDefinition<any>[];
  severities: Record<string, 'warn' | 'error'>;
  timings: Record<string, number>;
  counts: { discovered: number; parsed: number; relevant: number };
}

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

  const discovered = time('discover', () => discoverFiles(options.paths?.length ? options.paths : ['.'], cwd));
  discovered.files = discovered.files.filter((file) => !config.isIgnored(file));
  const { texts, unreadable } = time('read', () => readFiles(discovered.files));

  let passes = 0;
  const fixed = new Set<string>();
  for (;;) {
    const project = parseProject(texts, time, options.onProgress);
    const results = new Map<string, AuditFileResult>();
    for (const [file, reason] of unreadable) results.set(file, { filePath: file, findings: [], fatal: { message: `Cannot read file: ${reason}`, line: 1, column: 1 } });
    for (const [file, { problem, source }] of project.fatal) results.set(file, { filePath: file, findings: [], source, fatal: problem });
    for (const model of project.models) results.set(model.fileName, { filePath: model.fileName, findings: [], source: model.text });
    for (const [index, { rule, severity, options: ruleOpts }] of rules.entries()) {
      options.onProgress?.(`rule ${rule.id}`, index, rules.length);
      time(`rule:${rule.id}`, () => {
        for (const file of project.models) {
          rule.check({
            file,
            options: ruleOpts,
            projectPass: rule.checkProject !== undefined,
            report: (descriptor) => results.get(file.fileName)!.findings.push({ ...toFinding(rule, file, descriptor), severity }),
          });
        }
        rule.checkProject?.({
          files: project.models,
          options: ruleOpts,
          report: (file, descriptor) => results.get(file.fileName)?.findings.push({ ...toFinding(rule, file, descriptor), severity }),
        });
      });
    }
    time('suppressions', () => {
      const ran = new Set(rules.map((r) => `securestore/${r.rule.id}`));
      for (const file of project.models) applyDirectives(results.get(file.fileName)!, file, ran, options.reportUnusedDisableDirectives ?? true);
    });
    timings.parsedFiles = project.host.parseCount;
    if (options.fix && passes < 10 && applyAllFixes(results, texts, fixed)) {
      passes++; // re-analyse from the fixed texts
      continue;
    }
    for (const file of results.values()) {
      file.findings.sort((a, b) => a.start - b.start || (a.ruleId ?? '').localeCompare(b.ruleId ?? ''));
      if (fixed.has(file.filePath)) file.fixed = true;
    }
    const files = [...results.values()].sort((a, b) => a.filePath.localeCompare(b.filePath));
    if (options.baseline) {
      const entries = readBaseline(resolve(cwd, options.baseline));
      time('baseline', () => applyBaseline(files, entries, cwd));
    }
    return {
      files,
      rules: rules.map((r) => r.rule),
      severities: Object.fromEntries(rules.map((r) => [r.rule.id, r.severity])),
      timings,
      counts: { discovered: discovered.files.length, parsed: project.host.parseCount, relevant: project.relevant.size },
    };
  }
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

function applyDirectives(result: AuditFileResult, file: FileModel, ran: Set<string>, reportUnused: boolean): void {
  // Cheap test first: most files carry no directive at all.
  if (!/(securestore-audit|eslint)-(disable|enable)/.test(file.text)) return;
  const directives = parseDirectives(file.sf);
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
    const end = file.sf.getLineAndCharacterOfPosition(directive.end);
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

/** Writes every file that has autofixes; true when anything changed. */
function applyAllFixes(results: Map<string, AuditFileResult>, texts: Map<string, string>, fixedFiles: Set<string>): boolean {
  let changed = false;
  for (const result of results.values()) {
    const fixes: TextEdit[][] = result.findings.flatMap((f) => (f.fix ? [f.fix] : []));
    const text = texts.get(result.filePath);
    if (fixes.length === 0 || text === undefined) continue;
    const { text: next } = applyFixes(text, fixes);
    if (next === text) continue;
    writeFileAtomic(result.filePath, next);
    texts.set(result.filePath, next);
    fixedFiles.add(result.filePath);
    changed = true;
  }
  return changed;
}

