import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { allRules } from '../../rules/index.js';
import { Workspace, type FileModel } from '../core/model.js';
import { mergeOptions, type RuleDefinition } from '../core/rule.js';
import { toFinding } from '../core/findings.js';
import { parseErrors } from '../core/parse.js';
import { ts } from '../core/ts.js';
import type { Finding, TextEdit } from '../core/types.js';
import { discoverFiles } from './discover.js';
import { ProjectHost, stripBom } from './project-host.js';
import { relevantFiles } from './relevance.js';
import { applyFixes, writeFileAtomic } from './fix.js';
import { UsageError } from './errors.js';
import { findSuppression, parseDirectives, unusedDirectives, type Directive } from '../core/suppressions.js';

export type Preset = 'recommended' | 'strict';

export interface AuditOptions {
  /** Directory that relative paths and `.gitignore` files are read from. Default: `process.cwd()`. */
  cwd?: string;
  /** Files and directories to audit. Default: `['.']`. */
  paths?: string[];
  /** Rule ids to run (without the `securestore/` prefix). Default: every rule of the preset. */
  rules?: string[];
  preset?: Preset;
  /** Per-rule options, merged over the preset's. */
  ruleOptions?: Record<string, object>;
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

export interface FatalProblem {
  message: string;
  line: number;
  column: number;
}

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
  timings: Record<string, number>;
  counts: { discovered: number; parsed: number; relevant: number };
}

interface ActiveRule {
  rule: RuleDefinition<any>;
  severity: 'warn' | 'error';
  options: object;
}

export function activeRules(preset: Preset, only: string[] | undefined, ruleOptions: Record<string, object> = {}): ActiveRule[] {
  const known = new Map(allRules.map((r) => [r.id, r]));
  for (const id of only ?? []) {
    if (!known.has(id.replace(/^securestore\//, ''))) throw new UsageError(`unknown rule "${id}" (see --list-rules)`);
  }
  const wanted = only?.map((id) => id.replace(/^securestore\//, ''));
  return allRules
    .filter((rule) => !wanted || wanted.includes(rule.id))
    .map((rule) => ({
      rule,
      severity: preset === 'strict' ? 'error' : rule.meta.recommended,
      options: mergeOptions(rule, { ...(preset === 'strict' ? rule.meta.strictOptions : {}), ...ruleOptions[rule.id] }),
    }));
}

function fatalOf(sf: ts.SourceFile): FatalProblem | undefined {
  const first = parseErrors(sf)[0];
  if (!first) return undefined;
  const { line, character } = sf.getLineAndCharacterOfPosition(first.start);
  return { message: `Parsing error: ${ts.flattenDiagnosticMessageText(first.messageText, ' ')}`, line: line + 1, column: character + 1 };
}

/** Audits a project and returns findings as plain data; formatting is the caller's business. */
export function audit(options: AuditOptions = {}): AuditResult {
  const cwd = options.cwd ?? process.cwd();
  const rules = activeRules(options.preset ?? 'recommended', options.rules, options.ruleOptions);
  const timings: Record<string, number> = {};
  const time = <T>(phase: string, work: () => T): T => {
    const start = performance.now();
    try {
      return work();
    } finally {
      timings[phase] = (timings[phase] ?? 0) + performance.now() - start;
    }
  };

  const discovered = time('discover', () => discoverFiles(options.paths?.length ? options.paths : ['.'], cwd));
  const texts = new Map<string, string>();
  const results = new Map<string, AuditFileResult>();
  time('read', () => {
    for (const file of discovered.files) {
      try {
        texts.set(file, stripBom(readFileSync(file, 'utf8')));
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code ?? String(error);
        results.set(file, { filePath: file, findings: [], fatal: { message: `Cannot read file: ${reason}`, line: 1, column: 1 } });
      }
    }
  });

  let passes = 0;
  const fixed = new Set<string>();
  for (;;) {
    const host = new ProjectHost(texts);
    const relevant = time('prefilter', () => relevantFiles(texts, host));
    const workspace = new Workspace(host);
    const models: FileModel[] = [];
    time('parse', () => {
      for (const file of [...relevant].sort()) {
        const sf = host.sourceFile(file);
        if (!sf) continue;
        const fatal = fatalOf(sf);
        results.set(file, { filePath: file, findings: [], source: sf.text, ...(fatal ? { fatal } : {}) });
        if (!fatal) models.push(workspace.file(sf));
      }
    });
    for (const { rule, severity, options: ruleOpts } of rules) {
      time(`rule:${rule.id}`, () => {
        for (const file of models) {
          rule.check({
            file,
            options: ruleOpts,
            report: (descriptor) => results.get(file.fileName)!.findings.push({ ...toFinding(rule, file, descriptor), severity }),
          });
        }
        rule.checkProject?.({
          files: models,
          options: ruleOpts,
          report: (file, descriptor) => results.get(file.fileName)?.findings.push({ ...toFinding(rule, file, descriptor), severity }),
        });
      });
    }
    time('suppressions', () => {
      const ran = new Set(rules.map((r) => `securestore/${r.rule.id}`));
      for (const file of models) applyDirectives(results.get(file.fileName)!, file, ran, options.reportUnusedDisableDirectives ?? true);
    });
    timings.parsedFiles = host.parseCount;
    if (!options.fix || passes >= 10 || !applyAllFixes(results, texts, fixed)) {
      for (const file of results.values()) {
        file.findings.sort((a, b) => a.start - b.start || (a.ruleId ?? '').localeCompare(b.ruleId ?? ''));
        if (fixed.has(file.filePath)) file.fixed = true;
      }
      return {
        files: [...results.values()].sort((a, b) => a.filePath.localeCompare(b.filePath)),
        timings,
        counts: { discovered: discovered.files.length, parsed: host.parseCount, relevant: relevant.size },
      };
    }
    passes++;
    // Re-analyse from the fixed texts; earlier results are replaced.
    for (const [file, result] of results) if (!result.fatal || result.source !== undefined) results.delete(file);
  }
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

