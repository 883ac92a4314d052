import type { AuditFileResult } from '../audit/audit.js';
import type { RuleDefinition } from '../core/rule.js';

export interface ReportContext {
  cwd: string;
  color: boolean;
  /** The rules that ran, in table order (SARIF lists them). */
  rules: RuleDefinition<any>[];
  /** Severity each rule ran with. */
  severities: Record<string, 'warn' | 'error'>;
}

export type Reporter = (files: AuditFileResult[], context: ReportContext) => string;
