import { parseErrors, parseSource } from '../core/parse.js';
import { applyFixes, matchLineEndings } from '../core/text-edits.js';
import type { TextEdit } from '../core/types.js';
import { FileChangedError, writeFileAtomic } from './atomic-write.js';
import type { AuditFileResult, AuditFinding } from '../core/result.js';
import { toolWarning } from './tool-warnings.js';

// --fix: every file's autofixes applied in passes (the audit re-runs after
// each), written atomically unless it is a dry run.

export interface FixContext {
  bom: Set<string>;
  bytes: Map<string, Buffer>;
  dryRun: boolean;
  /** Whether a finding's fix is applied: those outside the report's scope are left (see report-scope.ts). */
  inScope?: (file: string, finding: AuditFinding) => boolean;
}

export function withBom(text: string, bom: boolean): string {
  return bom ? `\uFEFF${text}` : text;
}

/**
 * Applies every file's autofixes, writing them unless this is a dry run;
 * true when anything changed. A fix that would leave the file unparseable is
 * not applied, and a file edited on disk since it was read is left alone:
 * both are reported on the file instead.
 */
export function applyAllFixes(results: Map<string, AuditFileResult>, texts: Map<string, string>, fixedFiles: Set<string>, context: FixContext): boolean {
  let changed = false;
  for (const result of results.values()) {
    const text = texts.get(result.filePath);
    if (text === undefined) continue;
    const fixes: TextEdit[][] = result.findings.flatMap((f) =>
      f.fix && (context.inScope?.(result.filePath, f) ?? true) ? [matchLineEndings(text, f.fix)] : [],
    );
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
