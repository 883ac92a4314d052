import { lineAndCharacter } from '../core/lines.js';
import { findSuppression, unusedDirectives, type Directive } from '../core/suppressions.js';
import type { SourceText } from '../core/types.js';
import type { AuditFileResult } from '../core/result.js';

// Disable directives: applied to a file's final findings (after the
// project-wide rules), and reported when they suppress nothing.

/** Cheap test first: most files carry no directive at all, and are not searched for one. */
export const DIRECTIVE_MENTION = /(securestore-audit|eslint)-(disable|enable)/;

export function applyDirectives(result: AuditFileResult, file: SourceText, directives: Directive[], ran: Set<string>, reportUnused: boolean): void {
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
