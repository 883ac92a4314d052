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
}

export interface AuditFinding extends Finding {
  severity: 'warn' | 'error';
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
    timings.parsedFiles = host.parseCount;
    if (!options.fix || passes >= 10 || !applyAllFixes(results, texts, fixed)) {
      for (const file of results.values()) {
        file.findings.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
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

