import type { AuditFinding, AuditResult } from '../core/result.js';
import type { DiscoveredFiles } from '../audit/discover.js';
import type { ReadFiles } from '../audit/read.js';
import type { ProjectFile } from '../core/project-file.js';
import type { Directive } from '../core/suppressions.js';
import type { SourceText } from '../core/types.js';
import type { StoredProjectFile } from './stored-project-file.js';

export interface CachedFile {
  /** Per-file rule findings (before suppressions), reusable while the file and its imports are unchanged. */
  findings: AuditFinding[];
  /** The audited files this file imports, directly or not: their edits can change its findings. */
  deps: string[];
  /** What the project-wide rules take from the file (when they ran): with it, the file is not parsed again. */
  project?: StoredProjectFile;
  /** Its disable directives, when it has any. */
  directives?: Directive[];
}

export interface CacheRecord {
  format: number;
  key: string;
  /** The folder the audit ran in when this was written: its paths start with it. */
  root: string;
  /** Every audited file: its content hash, or why it could not be read. */
  files: Record<string, string>;
  /** Each folder of the audited files: a hash of the configs its files use (see folder-configs.ts). */
  folders: Record<string, string>;
  /** The stamps of the files that had been left alone when they were read (see stamp.ts). */
  stamps: Record<string, string>;
  /** Other files the analysis read, with their hash ('' when absent). */
  inputs: Record<string, string>;
  /** The files that could matter (see relevance.ts). */
  relevant: string[];
  /** The result, without file texts (they are re-read). */
  result: Omit<AuditResult, 'timings'>;
  perFile: Record<string, CachedFile>;
}

/** A file the cache has whole: no edit since its entry was written can change it. */
export interface ReusedFile {
  /** Its findings as stored: copy them before marking them. */
  findings: AuditFinding[];
  source: SourceText;
  /** Its project record with this run's texts, when one was stored and could be restored. */
  project?: ProjectFile;
  directives?: Directive[];
}

/** What the audit keeps of one file for the next run. */
export interface FilePart {
  /** The findings of the file's own rules, complete. */
  findings?: AuditFinding[];
  project?: ProjectFile;
  directives?: Directive[];
}

/**
 * What the audit asks of the cache. Without one (`noCache`) nothing is
 * answered and nothing kept, so the audit never asks whether it is on.
 */
export interface AuditCache {
  /** The whole result, when nothing it depends on changed. */
  readonly answer?: AuditResult;
  /** The files the cache's lookup already discovered and read, so they are not read twice. */
  readonly files?: { discovered: DiscoveredFiles; read: ReadFiles };
  /**
   * Starts the pass over the files that can matter. Returns the previous
   * result when no edit since reaches one of them (and keeps it for the next
   * run). `dependencies` gives each relevant file's imports, taken only when
   * the cache needs them.
   */
  startPass(relevant: Set<string>, dependencies: () => Map<string, string[]>): AuditResult | undefined;
  /** The stored entry of a file no edit can reach. */
  entryFor(file: string): ReusedFile | undefined;
  /** Keeps part of a file's entry. */
  record(file: string, part: FilePart): void;
  /** Drops the findings recorded for a file whose analysis was cut short: it is analysed again next run. */
  forget(file: string): void;
  /** How many of the analysed files were reused and how many analysed again (nothing without a cache). */
  counts(analysedFiles: number): { cached?: number; analysed?: number };
  /** Writes the run's result and entries; `inputs` are the other files the analysis read. */
  save(result: AuditResult, run: { analysedFiles: string[]; relevant: Set<string>; inputs: Set<string> }): void;
}
