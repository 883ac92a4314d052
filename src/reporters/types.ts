import type { AuditFileResult } from '../core/result.js';
import type { RuleInfo } from '../core/result.js';

export interface ReportContext {
  /** The working directory: stylish and json name files from it. */
  cwd: string;
  /**
   * The repository's root (see src/core/repository-root.ts): SARIF, github
   * and gitlab name files from it, so code scanning finds them whatever folder
   * the audit ran in. Default: `cwd`.
   */
  root?: string;
  color: boolean;
  /** The rules that ran, in table order (SARIF lists them). */
  rules: RuleInfo[];
  /** Severity each rule ran with. */
  severities: Record<string, 'warn' | 'error'>;
}

export type Reporter = (files: AuditFileResult[], context: ReportContext) => string;
