import { relative } from 'node:path';
import { reportedFindings, type AuditFinding } from '../core/result.js';
import { redactSource } from '../core/redact.js';
import { printable } from '../core/printable.js';
import { docsUrl } from '../core/rule.js';
import type { Reporter } from './types.js';

const MAX_FRAME_WIDTH = 160;
const RULE_PREFIX = 'securestore/';

// Everything taken from the audited project (file names, messages that quote
// keys, source lines) goes through printable(): a control character in it is
// shown as an escape, never sent to the terminal. Our own colours are added
// afterwards.

/**
 * The few terminal styles the report uses, as the basic 16-colour SGR codes
 * (what a colour library gives at its lowest level). The painted text never
 * holds an escape or a line break of its own (see printable), so each style
 * only has to wrap it. A module of our own instead of a colour library: that
 * library and the terminal detection it brings would add load time to every
 * CLI run, for five styles.
 */
interface Paint {
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  underline(text: string): string;
  bold: { red(text: string): string; yellow(text: string): string };
}

const style =
  (open: number, close: number) =>
  (text: string): string =>
    `\u001b[${open}m${text}\u001b[${close}m`;
const red = style(31, 39);
const yellow = style(33, 39);
const bold = style(1, 22);
const COLOURS: Paint = {
  red,
  yellow,
  dim: style(2, 22),
  underline: style(4, 24),
  bold: { red: (text) => bold(red(text)), yellow: (text) => bold(yellow(text)) },
};
const plain = (text: string): string => text;
const NO_COLOURS: Paint = { red: plain, yellow: plain, dim: plain, underline: plain, bold: { red: plain, yellow: plain } };

/** Source text as shown in a frame: secrets redacted, control characters made visible. */
function frameText(text: string): string {
  return printable(redactSource(text));
}

/** One source line with a caret under the finding; secrets in string literals are redacted. */
function codeFrame(source: string, finding: AuditFinding, paint: Paint): string {
  // The same line breaks as TypeScript counts lines by, so the frame shows the finding's line.
  const lines = source.split(/\r\n|[\n\r\u2028\u2029]/);
  const text = lines[finding.line - 1];
  if (text === undefined) return '';
  const gutter = String(finding.line);
  const raw = text.replace(/\t/g, ' ');
  const shown = frameText(raw).slice(0, MAX_FRAME_WIDTH);
  // Redaction and escapes can shift columns; keep the caret only when the text before it is unchanged.
  const before = raw.slice(0, finding.column - 1);
  const caretOk = frameText(before) === before && finding.column - 1 < shown.length;
  const width = finding.endLine === finding.line ? Math.max(1, finding.endColumn - finding.column) : Math.max(1, shown.length - finding.column + 1);
  const caret = caretOk
    ? `\n    ${' '.repeat(gutter.length)} | ${' '.repeat(finding.column - 1)}${paint.red('^'.repeat(Math.min(width, shown.length - finding.column + 1)))}`
    : '';
  return `    ${paint.dim(gutter)} | ${shown}${caret}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Notes of the tool have no rule id: the summary counts each kind under its own name. */
const TOOL_NOTE_LABELS: Record<string, string> = {
  unusedDisableDirective: 'unused disable directives',
  fileSkipped: 'skipped files',
  fileBudget: 'files not fully analysed (--max-file-time)',
  ruleFailed: 'rules that failed on a file',
  fixNotApplied: 'fixes not applied',
};

function toolNoteLabel(messageId: string | undefined): string {
  return (messageId && TOOL_NOTE_LABELS[messageId]) || 'notes of the tool';
}

export const stylish: Reporter = (files, context) => {
  const paint = context.color ? COLOURS : NO_COLOURS;
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  let fixable = 0;
  const perRule = new Map<string, number>();
  for (const file of files) {
    const findings = reportedFindings(file);
    if (findings.length === 0 && !file.fatal) continue;
    out.push(paint.underline(printable(relative(context.cwd, file.filePath) || file.filePath)));
    if (file.fatal) {
      errors++;
      out.push(`  ${file.fatal.line}:${file.fatal.column}  ${paint.red('error')}  ${printable(file.fatal.message)}`);
    }
    for (const finding of findings) {
      const isError = finding.severity === 'error';
      if (isError) errors++;
      else warnings++;
      if (finding.fix) fixable++;
      const rule = finding.ruleId ?? toolNoteLabel(finding.messageId);
      perRule.set(rule, (perRule.get(rule) ?? 0) + 1);
      const level = isError ? paint.red('error') : paint.yellow('warning');
      out.push(`  ${paint.dim(`${finding.line}:${finding.column}`)}  ${level}  ${printable(finding.message)}  ${paint.dim(finding.ruleId ?? '')}`.trimEnd());
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
  // The why of each rule lives in its doc, not in every row: one link per rule that reported.
  const documented = byRule.filter(([rule]) => rule.startsWith(RULE_PREFIX));
  if (documented.length > 0) out.push('');
  const width = Math.max(0, ...documented.map(([rule]) => rule.length));
  for (const [rule] of documented) out.push(`  ${rule.padEnd(width)}  ${paint.dim(docsUrl(rule.slice(RULE_PREFIX.length)))}`);
  return `${out.join('\n')}\n`;
};
