import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AuditFileResult } from '../core/result.js';
import { UsageError } from './errors.js';
import { fingerprints, repoRelative } from '../core/fingerprint.js';
import { writeFileAtomic } from './atomic-write.js';

// A baseline lets a team adopt the tool on an existing codebase: findings it
// lists are reported as suppressed (kind "external"), new ones as usual.
// Entries match on rule, file and fingerprint, never on line numbers.

export interface BaselineEntry {
  rule: string;
  file: string;
  fingerprint: string;
  message: string;
}

export interface BaselineFile {
  version: 1;
  findings: BaselineEntry[];
}

export function readBaseline(path: string): BaselineEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${path}: cannot read baseline (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path}: baseline is not valid JSON (${(error as Error).message})`);
  }
  const findings = (data as BaselineFile)?.findings;
  if ((data as BaselineFile)?.version !== 1 || !Array.isArray(findings)) {
    throw new UsageError(`${path}: not a securestore-audit baseline (expected {"version": 1, "findings": [...]})`);
  }
  findings.forEach((entry, index) => {
    if (typeof entry?.rule !== 'string' || typeof entry.file !== 'string' || typeof entry.fingerprint !== 'string') {
      throw new UsageError(`${path}: findings[${index}] needs string "rule", "file" and "fingerprint"`);
    }
  });
  return findings;
}

const entryKey = (rule: string, file: string, fingerprint: string) => `${rule}\u0000${file}\u0000${fingerprint}`;

/** Marks findings listed in the baseline as suppressed (external). */
export function applyBaseline(files: AuditFileResult[], entries: BaselineEntry[], cwd: string): void {
  const remaining = new Map<string, number>();
  for (const e of entries) remaining.set(entryKey(e.rule, e.file, e.fingerprint), (remaining.get(entryKey(e.rule, e.file, e.fingerprint)) ?? 0) + 1);
  for (const file of files) {
    const prints = fingerprints(file, cwd);
    const path = repoRelative(cwd, file.filePath);
    file.findings.forEach((finding, index) => {
      if (finding.ruleId === null || finding.suppressions) return;
      const k = entryKey(finding.ruleId, path, prints[index]!);
      const left = remaining.get(k) ?? 0;
      if (left === 0) return;
      remaining.set(k, left - 1);
      finding.suppressions = [{ kind: 'external', justification: 'listed in the baseline' }];
    });
  }
}

/** The baseline of the current findings: sorted, one entry per finding, stable across runs. */
export function buildBaseline(files: AuditFileResult[], cwd: string): BaselineFile {
  const findings: BaselineEntry[] = [];
  for (const file of files) {
    const prints = fingerprints(file, cwd);
    const path = repoRelative(cwd, file.filePath);
    file.findings.forEach((finding, index) => {
      if (finding.ruleId === null || finding.suppressions?.some((s) => s.kind === 'inSource')) return;
      findings.push({ rule: finding.ruleId, file: path, fingerprint: prints[index]!, message: finding.message });
    });
  }
  findings.sort((a, b) => a.file.localeCompare(b.file) || a.rule.localeCompare(b.rule) || a.fingerprint.localeCompare(b.fingerprint));
  return { version: 1, findings };
}

export function writeBaseline(path: string, baseline: BaselineFile): void {
  writeFileAtomic(path, `${JSON.stringify(baseline, null, 2)}\n`);
}

/** Reads the baseline file and marks the findings it lists. */
export function applyBaselineFile(files: AuditFileResult[], path: string, cwd: string): void {
  applyBaseline(files, readBaseline(resolve(cwd, path)), cwd);
}
