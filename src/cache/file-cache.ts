import type { ReadFiles } from '../audit/read.js';
import type { AuditFinding, AuditResult } from '../core/result.js';
import type { ProjectFile } from '../core/project-file.js';
import type { Directive } from '../core/suppressions.js';
import type { SourceText } from '../core/types.js';
import { CACHE_FORMAT, changedFiles, hashInput, inputsUnchanged, writeQuietly } from './record.js';
import { withSources, type CacheLookup } from './lookup.js';
import { restoreProjectFile, storeProjectFile, type StoredProjectFile } from './stored-project-file.js';
import type { AuditCache, CacheRecord, FilePart, ReusedFile } from './types.js';

type Time = <T>(phase: string, work: () => T) => T;

// The cache of a run that missed: what the previous run's record can still
// answer (files no edit reaches), and the new record, kept file by file.

/** A plain text file now and before (or absent): not an unreadable or skipped one, which has a result of its own. */
function plainEdit(record: CacheRecord, states: Record<string, string>, file: string): boolean {
  const plain = (state: string | undefined) => state === undefined || !state.includes(':');
  return plain(record.files[file]) && plain(states[file]);
}

/**
 * An edited Dart file that is not relevant may still call the app's wrapper
 * with `null` (`saveToken(null)` deletes the key), or may have stopped doing
 * so: the project-wide rules must look at it again (see src/dart/null-calls.ts).
 */
const mayDeleteThroughWrapper = (file: string) => file.endsWith('.dart');

/**
 * The previous result after edits that cannot change it (the caller checked
 * that no relevant file is affected, and that the other inputs are unchanged).
 */
function cachedResultAfterEdits(record: CacheRecord, changed: Set<string>, states: Record<string, string>, read: ReadFiles): AuditResult | undefined {
  const harmless = (file: string) => plainEdit(record, states, file) && !mayDeleteThroughWrapper(file);
  return [...changed].every(harmless) ? withSources(record, read.texts) : undefined;
}

export function fileCache(lookup: CacheLookup, time: Time): AuditCache {
  const { discovered, read, states, folders } = lookup;
  // A changed tsconfig can change every resolution: then nothing is reused.
  const previous = lookup.record && inputsUnchanged(lookup.record) ? lookup.record : undefined;
  const changed = previous ? changedFiles(previous, states, folders) : new Set<string>();
  /** What an edit can change: the edited files, and the relevant files that import them. */
  let closures = new Map<string, string[]>();
  const affects = (file: string) =>
    changed.has(file) || [...(closures.get(file) ?? []), ...(previous?.perFile[file]?.deps ?? [])].some((dep) => changed.has(dep));
  const reusable = (file: string) => previous?.perFile[file] !== undefined && !affects(file);

  /** The new record's entries, as they are made. */
  const findings = new Map<string, AuditFinding[]>();
  const projects = new Map<string, StoredProjectFile>();
  const directives = new Map<string, Directive[]>();
  /** Records restored from their stored form: kept as they were, not stored again. */
  const restored = new WeakMap<ProjectFile, StoredProjectFile>();
  const sources = new Map<string, SourceText>();
  const sourceOf = (fileName: string): SourceText | undefined => {
    let source = sources.get(fileName);
    const text = read.texts.get(fileName);
    if (!source && text !== undefined) sources.set(fileName, (source = { fileName, text }));
    return source;
  };

  function write(analysis: Pick<CacheRecord, 'relevant' | 'perFile'>, result: AuditResult, inputs: Set<string>): void {
    const { timings: _timings, ...rest } = result;
    // Texts are not stored: they are re-read, and the code frames come from them.
    const files = rest.files.map(({ source: _source, ...file }) => file);
    writeQuietly(lookup.file, {
      format: CACHE_FORMAT,
      key: lookup.key,
      root: lookup.root,
      files: states,
      folders,
      stamps: Object.fromEntries(read.stamps),
      inputs: Object.fromEntries([...inputs].sort().map((path) => [path, hashInput(path)])),
      ...analysis,
      result: { ...rest, files },
    });
  }

  return {
    files: { discovered, read },
    startPass(relevant, dependencies) {
      closures = time('dependencies', dependencies);
      if (!previous) return undefined;
      const untouched = previous.relevant.every((f) => relevant.has(f)) && [...relevant].every((f) => previous.relevant.includes(f) && !affects(f));
      const reused = untouched ? cachedResultAfterEdits(previous, changed, states, read) : undefined;
      if (!reused) return undefined;
      // No edit reaches a file that can matter: the previous result stands.
      const counts = {
        ...reused.counts,
        discovered: discovered.files.length,
        testFiles: discovered.testFiles ?? 0,
        read: read.texts.size,
        parsed: 0,
        cached: relevant.size,
        analysed: 0,
      };
      write(previous, { ...reused, counts }, new Set(Object.keys(previous.inputs)));
      return { ...reused, counts };
    },
    entryFor(file) {
      const entry = previous && reusable(file) ? previous.perFile[file] : undefined;
      const source = sourceOf(file);
      if (!entry || !source) return undefined;
      const reused: ReusedFile = { findings: entry.findings, source, directives: entry.directives };
      const project = entry.project ? restoreProjectFile(entry.project, file, sourceOf) : undefined;
      if (project && entry.project) {
        restored.set(project, entry.project);
        reused.project = project;
      }
      return reused;
    },
    record(file, part: FilePart) {
      // The cache keeps a finding as the rule made it; later steps (suppressions, the baseline) mark the one reported.
      if (part.findings) findings.set(file, structuredClone(part.findings));
      if (part.project) projects.set(file, restored.get(part.project) ?? storeProjectFile(part.project));
      if (part.directives) directives.set(file, part.directives);
    },
    forget(file) {
      findings.delete(file);
    },
    counts(analysedFiles) {
      return { cached: analysedFiles - findings.size, analysed: findings.size };
    },
    save(result, { analysedFiles, relevant, inputs }) {
      time('cache', () => {
        const entries: CacheRecord['perFile'] = {};
        for (const fileName of analysedFiles) {
          const kept = findings.get(fileName) ?? (reusable(fileName) ? previous?.perFile[fileName]?.findings : undefined);
          if (kept)
            entries[fileName] = { findings: kept, deps: closures.get(fileName) ?? [], project: projects.get(fileName), directives: directives.get(fileName) };
        }
        write({ relevant: [...relevant].sort(), perFile: entries }, result, inputs);
      });
    },
  };
}
