import { createHash } from 'node:crypto';
import type { AuditFinding } from '../core/result.js';
import { fingerprints, repoRelative } from '../core/fingerprint.js';
import { RULE_RANKINGS } from './rule-ranking.js';
import type { Reporter, ReportContext } from './types.js';

// GitLab's Code Quality report: a JSON array of issues, each with
// description, check_name, fingerprint, severity (info, minor, major,
// critical, blocker) and location { path, lines: { begin } }. GitLab reads it
// from `artifacts: reports: codequality` on every tier, whatever tool wrote
// it (docs/decisions.md says why not the SAST format). Suppressed findings and
// the tool's own notes (a skipped file) are not issues in the code: left out.

const UNUSED_DIRECTIVE_CHECK = 'securestore-audit/unused-disable-directive';

type Severity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: Severity;
  location: { path: string; lines: { begin: number; end?: number } };
}

/** The path GitLab wants: relative to the repository root, with '/' separators. */
function reportPath(context: ReportContext, filePath: string): string {
  return repoRelative(context.root ?? context.cwd, filePath);
}

/**
 * An error is `critical` when code scanning would rank the rule High or
 * above (security-severity 7.0 or more), `major` otherwise; a warning is `minor`.
 */
function severity(finding: AuditFinding): Severity {
  if (finding.severity !== 'error') return 'minor';
  const id = finding.ruleId?.replace(/^securestore\//, '');
  const score = id ? Number(RULE_RANKINGS[id]?.securitySeverity ?? 0) : 0;
  return score >= 7 ? 'critical' : 'major';
}

export const gitlab: Reporter = (files, context) => {
  const issues: CodeQualityIssue[] = [];
  for (const file of files) {
    const path = reportPath(context, file.filePath);
    if (file.fatal) {
      const fingerprint = createHash('sha256').update(`fatal\u0000${path}\u0000${file.fatal.message}`).digest('hex').slice(0, 32);
      issues.push({
        description: file.fatal.message,
        check_name: 'securestore-audit/parsing-error',
        fingerprint,
        severity: 'major',
        location: { path, lines: { begin: file.fatal.line } },
      });
    }
    const prints = fingerprints(file, context.root ?? context.cwd);
    file.findings.forEach((finding, index) => {
      if (finding.suppressions) return;
      if (finding.ruleId === null && finding.messageId !== 'unusedDisableDirective') return;
      issues.push({
        description: finding.message,
        check_name: finding.ruleId ?? UNUSED_DIRECTIVE_CHECK,
        fingerprint: prints[index]!,
        severity: severity(finding),
        location: { path, lines: { begin: finding.line, ...(finding.endLine > finding.line ? { end: finding.endLine } : {}) } },
      });
    });
  }
  return `${JSON.stringify(issues, null, 2)}\n`;
};
