import { realpathSync } from 'node:fs';
import type { AuditFileResult, AuditFinding } from '../core/result.js';

// Which findings a run reports, when it analyses more than it reports: the
// named files of a larger app (discover.ts, `appRoots`), and with
// `--changed-since` the lines changed since a git revision (changed-lines.ts).
// The analysis sees everything; the scope only decides what is shown,
// counted and fixed.

/** The lines of one file changed since the revision, in the file as it is now. */
export interface ChangedFile {
  /** The file is new since the revision (or untracked): every line counts as changed. */
  whole: boolean;
  /** Inclusive line ranges, 1-based, of added or rewritten lines. */
  ranges: [number, number][];
  /** Lines after which lines were removed (0: at the top): a finding that spans the cut is reported. */
  cuts: number[];
}

/** Absolute path → what changed in it; a file not in the map did not change. */
export type ChangedLines = Map<string, ChangedFile>;

export interface ReportScope {
  /** The files to report; undefined: every file. */
  named?: ReadonlySet<string>;
  changed?: ChangedLines;
}

/**
 * Findings about a file as a whole rather than a line: a missing prefix
 * header is reported at the file's first storage call, but adding a call
 * anywhere, or removing the header, is what makes it. So is a tool note
 * (file skipped, rule failed, fix not applied). Reported when the file
 * changed at all.
 */
const FILE_LEVEL_MESSAGES = new Set(['missingHeader', 'missingHeaderDart']);
const isFileLevel = (finding: AuditFinding) =>
  (finding.ruleId === null && finding.messageId !== 'unusedDisableDirective') || FILE_LEVEL_MESSAGES.has(finding.messageId);

function onChangedLine(finding: AuditFinding, file: ChangedFile): boolean {
  if (file.whole || isFileLevel(finding)) return true;
  const first = finding.line;
  const last = Math.max(finding.endLine, first);
  if (file.ranges.some(([start, end]) => start <= last && end >= first)) return true;
  return file.cuts.some((after) => first <= after && last > after);
}

/** What changed in a file, found by its path as the audit reached it or, through a symbolic link, by its real path (git's). */
function changesOf(changed: ChangedLines, filePath: string): ChangedFile | undefined {
  const found = changed.get(filePath);
  if (found) return found;
  try {
    return changed.get(realpathSync(filePath));
  } catch {
    return undefined;
  }
}

/** Whether a finding of this file is reported. */
export function inScope(scope: ReportScope, filePath: string, finding: AuditFinding): boolean {
  if (scope.named && !scope.named.has(filePath)) return false;
  if (!scope.changed) return true;
  const changed = changesOf(scope.changed, filePath);
  return changed !== undefined && onChangedLine(finding, changed);
}

export const isWholeScope = (scope: ReportScope) => !scope.named && !scope.changed;

/**
 * The files to report, each with only its findings in scope. A file outside
 * the named ones is dropped whole; with changed lines, a file that did not
 * change keeps no finding and no fatal problem, and one that changed keeps a
 * fatal problem (a parse error is about the file).
 */
export function scopedFiles(files: AuditFileResult[], scope: ReportScope): AuditFileResult[] {
  if (isWholeScope(scope)) return files;
  const kept: AuditFileResult[] = [];
  for (const file of files) {
    if (scope.named && !scope.named.has(file.filePath)) continue;
    const changed = scope.changed ? changesOf(scope.changed, file.filePath) : undefined;
    if (scope.changed && !changed) {
      // Unchanged: listed with no finding, as a clean file is (formats that list files still list it).
      const { fatal: _fatal, ...clean } = file;
      kept.push({ ...clean, findings: [] });
      continue;
    }
    kept.push({ ...file, findings: file.findings.filter((finding) => inScope(scope, file.filePath, finding)) });
  }
  return kept;
}

/** What the result says of the files read only as context: the named files, the roots read, the named paths with no root. */
export interface AppContext {
  /** The files to report; absent when every file read was named. */
  named?: string[];
  roots: string[];
  unrooted: string[];
}

/** The result's files narrowed to its scope: the named files (`context.named`) and the changed lines. */
export function scopeResult<R extends { files: AuditFileResult[]; context?: AppContext }>(result: R, changed: ChangedLines | undefined): R {
  const named = result.context?.named ? new Set(result.context.named) : undefined;
  result.files = scopedFiles(result.files, { named, changed });
  return result;
}
