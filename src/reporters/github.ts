import { reportedFindings } from '../audit/audit.js';
import { repoRelative } from '../audit/fingerprint.js';
import type { Reporter } from './types.js';

// GitHub Actions workflow commands: each finding becomes an annotation on the
// pull request. Escaping follows the runner's rules: data escapes %, CR, LF;
// property values also escape ':' and ','.

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export const github: Reporter = (files, context) => {
  const lines: string[] = [];
  for (const file of files) {
    const path = escapeProperty(repoRelative(context.cwd, file.filePath));
    if (file.fatal) lines.push(`::error file=${path},line=${file.fatal.line},col=${file.fatal.column},title=${escapeProperty('Parsing error')}::${escapeData(file.fatal.message)}`);
    for (const f of reportedFindings(file)) {
      const command = f.severity === 'error' ? 'error' : 'warning';
      const title = escapeProperty(f.ruleId ?? 'securestore-audit');
      lines.push(`::${command} file=${path},line=${f.line},col=${f.column},endLine=${f.endLine},endColumn=${f.endColumn},title=${title}::${escapeData(f.message)}`);
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
};
