import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { AuditFileResult } from '../core/result.js';
import { UsageError } from './errors.js';
import { fingerprints, repoRelative } from '../core/fingerprint.js';
import { writeFileAtomic } from './atomic-write.js';

// A baseline lets a team adopt the tool on an existing codebase: findings it
// lists are reported as suppressed (kind "external"), new ones as usual.
// Entries match on rule, file and fingerprint, never on line numbers.
//
// Where an entry's file (and its fingerprint, which names the file) is
// relative to: the baseline's own folder (version 2), so a baseline at the
// repository root matches a run from inside an app, and one kept in an app's
// folder a run from the root. Version 1 baselines were relative to the
// working directory: still read that way, and rewritten as version 2 by the
// next --update-baseline.

export interface BaselineEntry {
  rule: string;
  file: string;
  fingerprint: string;
  message: string;
}

export interface BaselineFile {
  version: 1 | 2;
  findings: BaselineEntry[];
}

/** A baseline as read: its entries, and the folder their paths are relative to. */
export interface ReadBaseline {
  entries: BaselineEntry[];
  base: string;
}

/** The folder a baseline written at `path` names files from. */
export const baselineBase = (path: string) => dirname(path);

/** Reads the baseline at `path` (absolute); `cwd` is where a version 1 baseline's paths start. */
export function readBaseline(path: string, cwd: string): ReadBaseline {
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
  const version = (data as BaselineFile)?.version;
  if ((version !== 1 && version !== 2) || !Array.isArray(findings)) {
    throw new UsageError(`${path}: not a securestore-audit baseline (expected {"version": 2, "findings": [...]})`);
  }
  findings.forEach((entry, index) => {
    if (typeof entry?.rule !== 'string' || typeof entry.file !== 'string' || typeof entry.fingerprint !== 'string') {
      throw new UsageError(`${path}: findings[${index}] needs string "rule", "file" and "fingerprint"`);
    }
  });
  return { entries: findings, base: version === 1 ? cwd : baselineBase(path) };
}

const entryKey = (rule: string, file: string, fingerprint: string) => `${rule}\u0000${file}\u0000${fingerprint}`;

/** Marks findings listed in the baseline as suppressed (external); `base` is the folder its paths are relative to. */
export function applyBaseline(files: AuditFileResult[], entries: BaselineEntry[], base: string): void {
  const remaining = new Map<string, number>();
  for (const e of entries) remaining.set(entryKey(e.rule, e.file, e.fingerprint), (remaining.get(entryKey(e.rule, e.file, e.fingerprint)) ?? 0) + 1);
  for (const file of files) {
    const prints = fingerprints(file, base);
    const path = repoRelative(base, file.filePath);
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

/** The baseline of the current findings, paths relative to `base` (the baseline's folder): sorted, one entry per finding, stable across runs. */
export function buildBaseline(files: AuditFileResult[], base: string): BaselineFile {
  const findings: BaselineEntry[] = [];
  for (const file of files) {
    const prints = fingerprints(file, base);
    const path = repoRelative(base, file.filePath);
    file.findings.forEach((finding, index) => {
      if (finding.ruleId === null || finding.suppressions?.some((s) => s.kind === 'inSource')) return;
      findings.push({ rule: finding.ruleId, file: path, fingerprint: prints[index]!, message: finding.message });
    });
  }
  findings.sort((a, b) => a.file.localeCompare(b.file) || a.rule.localeCompare(b.rule) || a.fingerprint.localeCompare(b.fingerprint));
  return { version: 2, findings };
}

export function writeBaseline(path: string, baseline: BaselineFile): void {
  writeFileAtomic(path, `${JSON.stringify(baseline, null, 2)}\n`);
}

/** Reads the baseline file and marks the findings it lists. */
export function applyBaselineFile(files: AuditFileResult[], path: string, cwd: string): void {
  const { entries, base } = readBaseline(resolve(cwd, path), cwd);
  applyBaseline(files, entries, base);
}
