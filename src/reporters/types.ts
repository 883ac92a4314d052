import type { AuditFileResult } from '../audit/result.js';
import type { RuleInfo } from '../audit/result.js';

export interface ReportContext {
  cwd: string;
  color: boolean;
  /** The rules that ran, in table order (SARIF lists them). */
  rules: RuleInfo[];
  /** Severity each rule ran with. */
  severities: Record<string, 'warn' | 'error'>;
}

export type Reporter = (files: AuditFileResult[], context: ReportContext) => string;
