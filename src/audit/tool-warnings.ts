import type { AuditFinding } from '../core/result.js';

/** A problem of the tool rather than of the code (skipped file, failed rule): a warning with no rule id. */
export function toolWarning(file: string, messageId: string, message: string): AuditFinding {
  return { ruleId: null, file, messageId, message, data: {}, severity: 'warn', start: 0, end: 0, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

export function failureDetail(error: unknown): string {
  return error instanceof RangeError ? 'the code is nested too deeply to analyse' : `internal error: ${(error as Error)?.message ?? String(error)}`;
}

export function ruleFailure(file: string, ruleId: string, error: unknown): AuditFinding {
  return toolWarning(file, 'ruleFailed', `Rule ${ruleId} could not analyse this file (${failureDetail(error)}); the other files were audited.`);
}
