import type { AuditFileResult } from '../audit/audit.js';

export interface ReportContext {
  cwd: string;
  color: boolean;
  /** Rule ids (without prefix) for the summary, in table order. */
  ruleOrder: string[];
}

export type Reporter = (files: AuditFileResult[], context: ReportContext) => string;
