import { isAbsolute, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AuditFinding } from '../core/result.js';
import { fingerprints, repoRelative } from '../core/fingerprint.js';
import { docsUrl } from '../core/rule.js';
import { packageVersion } from '../core/package-info.js';
import { ruleHelp } from './rule-help.js';
import { RULE_RANKINGS, UNRANKED } from './rule-ranking.js';
import type { Reporter } from './types.js';

// SARIF 2.1.0, one run. Suppressed findings stay in the log with a
// `suppressions` entry, so code scanning shows them as dismissed instead of
// losing them.

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/securestore-audit/securestore-audit';
const SRCROOT = '%SRCROOT%';
const UNUSED_DIRECTIVE_RULE = 'securestore-audit/unused-disable-directive';

const level = (severity: 'warn' | 'error') => (severity === 'error' ? 'error' : 'warning');

/**
 * A repo-relative path as the relative URI SARIF wants: each segment
 * percent-encoded, so a name holding '%', '#', '?', a space or a newline
 * resolves against %SRCROOT% to the file itself, and a leading `a:b.ts`
 * cannot read as a URI scheme.
 */
function relativeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/**
 * Where a file is, as SARIF names it: relative to %SRCROOT% (the repository
 * root, which code scanning resolves against the checkout). A file outside
 * the root has no relative name there: an absolute file URI, without a base.
 */
function artifactLocation(root: string, filePath: string): { uri: string; uriBaseId?: string } {
  const path = repoRelative(root, filePath);
  if (path === '..' || path.startsWith('../') || isAbsolute(path)) return { uri: pathToFileURL(filePath).href };
  return { uri: relativeUri(path), uriBaseId: SRCROOT };
}

export const sarif: Reporter = (files, context) => {
  const root = context.root ?? context.cwd;
  const rules = context.rules.map((rule) => {
    const url = docsUrl(rule.id);
    const help = ruleHelp(rule.id);
    const ranking = RULE_RANKINGS[rule.id] ?? UNRANKED;
    return {
      id: `securestore/${rule.id}`,
      name: rule.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
      shortDescription: { text: rule.meta.description },
      fullDescription: { text: help?.why || `${rule.meta.description}. See ${url}` },
      helpUri: url,
      help: help ? { text: `${help.text}\n\nDocumentation: ${url}\n`, markdown: help.markdown } : { text: `${rule.meta.description}. Documentation: ${url}` },
      defaultConfiguration: { level: level(context.severities[rule.id] ?? (rule.meta.recommended === 'error' ? 'error' : 'warn')) },
      properties: {
        tags: ranking.tags,
        precision: ranking.precision,
        ...(ranking.securitySeverity ? { 'security-severity': ranking.securitySeverity } : {}),
      },
    };
  });
  rules.push({
    id: UNUSED_DIRECTIVE_RULE,
    name: 'UnusedDisableDirective',
    shortDescription: { text: 'A disable comment that suppresses nothing' },
    fullDescription: { text: 'A securestore-audit-disable or eslint-disable comment for a securestore rule that no longer suppresses any finding.' },
    helpUri: `${INFORMATION_URI}#suppressing-findings`,
    help: { text: 'Remove the comment, or fix the rule ids it lists.' },
    defaultConfiguration: { level: 'warning' },
    properties: { tags: ['maintainability'], precision: 'high' },
  });
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));

  const results: object[] = [];
  const notifications: object[] = [];
  for (const file of files) {
    const location = artifactLocation(root, file.filePath);
    if (file.fatal) {
      notifications.push({
        level: 'error',
        message: { text: file.fatal.message },
        locations: [{ physicalLocation: { artifactLocation: location, region: { startLine: file.fatal.line, startColumn: file.fatal.column } } }],
      });
    }
    const prints = fingerprints(file, root);
    file.findings.forEach((finding: AuditFinding, index) => {
      // The tool's own notes on a file (skipped, over budget, a fix not applied) are not results about the code.
      if (finding.ruleId === null && finding.messageId !== 'unusedDisableDirective') {
        notifications.push({
          level: 'warning',
          message: { text: finding.message },
          locations: [{ physicalLocation: { artifactLocation: location, region: { startLine: finding.line, startColumn: finding.column } } }],
        });
        return;
      }
      const id = finding.ruleId ?? UNUSED_DIRECTIVE_RULE;
      results.push({
        ruleId: id,
        ruleIndex: ruleIndex.get(id) ?? -1,
        level: level(finding.severity),
        message: { text: finding.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: location,
              region: { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: finding.endColumn },
            },
          },
        ],
        // The other places the message names (`at session.ts:5`), with their full paths.
        ...(finding.related
          ? {
              relatedLocations: finding.related.map((place, i) => ({
                id: i,
                physicalLocation: { artifactLocation: artifactLocation(root, place.file), region: { startLine: place.line } },
              })),
            }
          : {}),
        partialFingerprints: { 'securestoreAudit/v1': prints[index] },
        ...(finding.suppressions
          ? { suppressions: finding.suppressions.map((s) => ({ kind: s.kind, ...(s.justification ? { justification: s.justification } : {}) })) }
          : {}),
      });
    });
  }

  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'securestore-audit', version: packageVersion, semanticVersion: packageVersion, informationUri: INFORMATION_URI, rules } },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(root.endsWith(sep) ? root : `${root}${sep}`).href } },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
