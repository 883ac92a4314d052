import type { Finding } from './types.js';
import type { AnyRule } from './rule.js';
import type { KeyOperation } from './key-usage.js';

// The audit's result as plain data: what reporters format, what the cache
// stores. No compiler is needed to read it.

export interface FatalProblem {
  message: string;
  line: number;
  column: number;
}

/** What a reporter needs of a rule. */
export interface RuleInfo {
  id: string;
  meta: AnyRule['meta'];
}

export interface Suppression {
  /** `inSource` for a disable comment, `external` for a baseline entry (SARIF's kinds). */
  kind: 'inSource' | 'external';
  justification?: string;
}

export interface AuditFinding extends Omit<Finding, 'ruleId'> {
  /** `securestore/<id>`; null for problems of the tool itself, such as an unused disable directive. */
  ruleId: string | null;
  severity: 'warn' | 'error';
  /** Present when the finding is suppressed: it is kept for SARIF and JSON, not counted. */
  suppressions?: Suppression[];
}

/** Findings that count: not suppressed by a comment or the baseline. */
export function reportedFindings(file: AuditFileResult): AuditFinding[] {
  return file.findings.filter((f) => !f.suppressions);
}

export interface AuditFileResult {
  filePath: string;
  findings: AuditFinding[];
  fatal?: FatalProblem;
  /** The file's text as analysed (for code frames); absent when unreadable. */
  source?: string;
  /** Set when --fix changed the file. */
  fixed?: boolean;
  /** With `fix: 'dry-run'`: the file's text after the fixes, when they change it. */
  output?: string;
}

export interface AuditResult {
  files: AuditFileResult[];
  /**
   * With `appRoots`: the app roots read beyond the named paths, and the named
   * files (the only ones in `files` when the roots added others).
   */
  context?: { named?: string[]; roots: string[]; unrooted: string[] };
  /** The rules that ran and their severities. */
  rules: RuleInfo[];
  severities: Record<string, 'warn' | 'error'>;
  timings: Record<string, number>;
  counts: {
    /** Files found under the paths (after ignores). */
    discovered: number;
    /** Test files found and left out (not in `discovered`); absent from a result cached before they were counted. */
    testFiles?: number;
    /** Files read (not skipped for size, binary content, or unreadable). */
    read: number;
    /** Files that can matter (import storage, or a file that does); the rest are never parsed. */
    relevant: number;
    parsed: number;
    /** With the cache: relevant files whose findings were reused, and those analysed again. */
    cached?: number;
    analysed?: number;
    /** With the cache: files not read at all, their size and times being as when their hash was taken. */
    unread?: number;
    /** Dart files read (included in `read`); absent when there were none. */
    dart?: number;
    /** Of those, the files that could matter (included in `relevant`) and those parsed (included in `parsed`). */
    dartRelevant?: number;
    dartParsed?: number;
    /** Dart files parsed with syntax errors: tree-sitter recovered, and the facts come from the rest of the file. */
    dartSyntaxErrors?: number;
  };
}

// The key registry (`securestore-audit keys`).

export interface KeySite {
  operation: KeyOperation;
  file: string;
  line: number;
  method: string;
  /** SecureStore keychain options at this call; `unknown` values could not be resolved. */
  options?: Record<string, string>;
}

export interface KeyEntry {
  key: string;
  /** True when the key is a pattern with unknown parts, such as `auth.remember.${…}`. */
  pattern: boolean;
  store: string;
  sites: KeySite[];
  /**
   * True for the calls of a store whose key no analysis could resolve: the
   * entry's key is `*` (any key), and the registry is incomplete by them.
   */
  unresolved?: boolean;
}
