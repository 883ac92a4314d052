import { relative } from 'node:path';
import { Chalk } from 'chalk';
import { reportedFindings, type AuditFinding } from '../audit/audit.js';
import { redactSource } from '../core/redact.js';
import type { Reporter } from './types.js';

const MAX_FRAME_WIDTH = 160;

/** One source line with a caret under the finding; secrets in string literals are redacted. */
function codeFrame(source: string, finding: AuditFinding, paint: InstanceType<typeof Chalk>): string {
  const lines = source.split(/\r?\n/);
  const text = lines[finding.line - 1];
  if (text === undefined) return '';
  const gutter = String(finding.line);
  const raw = text.replace(/\t/g, ' ');
  const shown = redactSource(raw).slice(0, MAX_FRAME_WIDTH);
  // Redaction can shift columns; keep the caret only when the text before it is unchanged.
  const before = raw.slice(0, finding.column - 1);
  const caretOk = redactSource(before) === before && finding.column - 1 < shown.length;
  const width = finding.endLine === finding.line ? Math.max(1, finding.endColumn - finding.column) : Math.max(1, shown.length - finding.column + 1);
  const caret = caretOk ? `\n    ${' '.repeat(gutter.length)} | ${' '.repeat(finding.column - 1)}${paint.red('^'.repeat(Math.min(width, shown.length - finding.column + 1)))}` : '';
  return `    ${paint.dim(gutter)} | ${shown}${caret}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export const stylish: Reporter = (files, context) => {
  const paint = new Chalk({ level: context.color ? 1 : 0 });
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  let fixable = 0;
  const perRule = new Map<string, number>();
  for (const file of files) {
    const findings = reportedFindings(file);
    if (findings.length === 0 && !file.fatal) continue;
    out.push(paint.underline(relative(context.cwd, file.filePath) || file.filePath));
    if (file.fatal) {
      errors++;
      out.push(`  ${file.fatal.line}:${file.fatal.column}  ${paint.red('error')}  ${file.fatal.message}`);
    }
    for (const finding of findings) {
      const isError = finding.severity === 'error';
      if (isError) errors++;
      else warnings++;
      if (finding.fix) fixable++;
      const rule = finding.ruleId ?? 'unused disable directives';
      perRule.set(rule, (perRule.get(rule) ?? 0) + 1);
      const level = isError ? paint.red('error') : paint.yellow('warning');
      out.push(`  ${paint.dim(`${finding.line}:${finding.column}`)}  ${level}  ${finding.message}  ${paint.dim(finding.ruleId ?? '')}`.trimEnd());
      if (file.source !== undefined) out.push(codeFrame(file.source, finding, paint));
    }
    out.push('');
  }
  const total = errors + warnings;
  if (total === 0) return '';
  const summary = `✖ ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  out.push(paint.bold[errors > 0 ? 'red' : 'yellow'](summary));
  const byRule = [...perRule].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  for (const [rule, count] of byRule) out.push(`  ${String(count).padStart(4)}  ${rule}`);
  if (fixable > 0) out.push(paint.dim(`  ${plural(fixable, 'problem')} fixable with --fix`));
  return `${out.join('\n')}\n`;
};
