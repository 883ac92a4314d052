import { reportedFindings, type AuditFileResult, type AuditFinding } from '../core/result.js';
import { mergeEdits } from '../core/text-edits.js';
import { containsSecret } from '../core/redact.js';
import type { Reporter } from './types.js';

// The same shape as ESLint's `--format json`, so tools that read ESLint's
// output read ours.

/**
 * A fix's replacement text is source code, and can quote the code it comes
 * from (a prefix header is built from a key). One that would carry a
 * secret-looking value is left out of the report: the report ends up in CI
 * logs, and `--fix` still applies it on the machine that has the code.
 */
function publicFix(source: string, edits: Parameters<typeof mergeEdits>[1]) {
  const fix = mergeEdits(source, edits);
  return containsSecret(fix.text) ? undefined : fix;
}

function toMessage(finding: AuditFinding, source: string) {
  const fix = finding.fix ? publicFix(source, finding.fix) : undefined;
  const suggestions = (finding.suggestions ?? []).flatMap((s) => {
    const suggested = publicFix(source, s.edits);
    return suggested ? [{ desc: s.desc, messageId: s.messageId, fix: suggested }] : [];
  });
  return {
    ruleId: finding.ruleId,
    severity: finding.severity === 'error' ? 2 : 1,
    message: finding.message,
    messageId: finding.messageId,
    line: finding.line,
    column: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    ...(fix ? { fix } : {}),
    ...(suggestions.length ? { suggestions } : {}),
  };
}

export function toEslintResults(files: AuditFileResult[]) {
  return files.map((file) => {
    const source = file.source ?? '';
    const reported = reportedFindings(file);
    const messages: object[] = reported.map((f) => toMessage(f, source));
    // ESLint keeps suppressed problems apart, with why they were suppressed.
    const suppressedMessages = file.findings
      .filter((f) => f.suppressions)
      .map((f) => ({
        ...toMessage(f, source),
        suppressions: f.suppressions!.map((s) => ({ kind: s.kind === 'inSource' ? 'directive' : 'external', justification: s.justification ?? '' })),
      }));
    if (file.fatal) messages.unshift({ ruleId: null, fatal: true, severity: 2, message: file.fatal.message, line: file.fatal.line, column: file.fatal.column });
    const errors = reported.filter((f) => f.severity === 'error');
    const warnings = reported.filter((f) => f.severity === 'warn');
    return {
      filePath: file.filePath,
      messages,
      suppressedMessages,
      errorCount: errors.length + (file.fatal ? 1 : 0),
      fatalErrorCount: file.fatal ? 1 : 0,
      warningCount: warnings.length,
      fixableErrorCount: errors.filter((f) => f.fix).length,
      fixableWarningCount: warnings.filter((f) => f.fix).length,
      usedDeprecatedRules: [],
      // ESLint's --fix-dry-run field: the text the fixes would produce.
      ...(file.output !== undefined ? { output: file.output } : {}),
    };
  });
}

export const json: Reporter = (files) => JSON.stringify(toEslintResults(files));
