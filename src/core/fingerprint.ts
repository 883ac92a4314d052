import { createHash } from 'node:crypto';
import { relative, sep } from 'node:path';
import type { AuditFileResult, AuditFinding } from './result.js';

// A finding's identity that survives edits elsewhere in the file: the rule,
// the file, the message id, the code it points at and the line around it —
// never the line number. Identical findings in one file are told apart by
// their order of appearance.

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 300);
}

export function repoRelative(cwd: string, file: string): string {
  return relative(cwd, file).split(sep).join('/');
}

function lineAround(source: string, finding: AuditFinding): string {
  const lineStart = source.lastIndexOf('\n', finding.start - 1) + 1;
  const lineEnd = source.indexOf('\n', finding.end);
  return source.slice(lineStart, lineEnd < 0 ? source.length : lineEnd);
}

/** Fingerprints of every finding of a file, in the order of `file.findings`. */
export function fingerprints(file: AuditFileResult, cwd: string): string[] {
  const source = file.source ?? '';
  const path = repoRelative(cwd, file.filePath);
  const seen = new Map<string, number>();
  return file.findings.map((finding) => {
    const basis = [
      finding.ruleId ?? '',
      path,
      finding.messageId,
      normalise(source.slice(finding.start, finding.end)),
      normalise(lineAround(source, finding)),
    ].join('\u0000');
    const occurrence = seen.get(basis) ?? 0;
    seen.set(basis, occurrence + 1);
    return createHash('sha256').update(`${basis}\u0000${occurrence}`).digest('hex').slice(0, 32);
  });
}
