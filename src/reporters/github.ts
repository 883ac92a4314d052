import { reportedFindings } from '../core/result.js';
import { repoRelative } from '../core/fingerprint.js';
import { printable } from '../core/printable.js';
import type { Reporter } from './types.js';

// GitHub Actions workflow commands: each finding becomes an annotation on the
// pull request. The runner reads commands line by line, so nothing we print
// may end a line early or start one: escaping follows the runner's rules
// (those of @actions/core): data escapes %, CR and LF as %25, %0D and %0A;
// property values (file, title) also escape ':' and ',' as %3A and %2C, or
// a file name could close the property list (`::`) or add a property (`,`).
// Before that, control characters from the audited project are made
// visible (the log viewer and terminals interpret ANSI escapes): in messages
// all of them, so a key holding a newline reads `\n`, as in the code; in the
// file property all but CR and LF, which the runner's own escapes carry, so
// the annotation still names the real file.

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Text from the audited project, as data or as a property value. */
const data = (text: string) => escapeData(printable(text));
const property = (text: string) => escapeProperty(printable(text, '\r\n'));

export const github: Reporter = (files, context) => {
  const lines: string[] = [];
  // The runner places an annotation on the file named from the repository's root, whatever folder the step ran in.
  const root = context.root ?? context.cwd;
  for (const file of files) {
    const path = property(repoRelative(root, file.filePath));
    if (file.fatal)
      lines.push(`::error file=${path},line=${file.fatal.line},col=${file.fatal.column},title=${property('Parsing error')}::${data(file.fatal.message)}`);
    for (const f of reportedFindings(file)) {
      const command = f.severity === 'error' ? 'error' : 'warning';
      const title = property(f.ruleId ?? 'securestore-audit');
      lines.push(`::${command} file=${path},line=${f.line},col=${f.column},endLine=${f.endLine},endColumn=${f.endColumn},title=${title}::${data(f.message)}`);
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
};
