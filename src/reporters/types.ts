import type { AuditFileResult } from '../core/result.js';
import type { RuleInfo } from '../core/result.js';

export interface ReportContext {
  cwd: string;
  color: boolean;
  /** The rules that ran, in table order (SARIF lists them). */
  rules: RuleInfo[];
  /** Severity each rule ran with. */
  severities: Record<string, 'warn' | 'error'>;
}

export type Reporter = (files: AuditFileResult[], context: ReportContext) => string;
