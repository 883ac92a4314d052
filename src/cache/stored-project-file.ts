import type { KeyUsage } from '../core/key-usage.js';
import type { ProjectFile } from '../core/project-file.js';
import type { SourceText } from '../core/types.js';

// A file's project record (core/project-file.ts) as the --cache keeps it:
// the same plain data, with each file named instead of holding its text.
// With it, a file that an edit cannot affect is not even parsed again: the
// project-wide rules compare its stored record with the fresh ones.

type StoredKeyUsage = Omit<KeyUsage, 'file' | 'via'> & { file: string; via?: { path: string; storageFile: string } };

export interface StoredProjectFile {
  keyUsages: StoredKeyUsage[];
  opaqueOperations: ProjectFile['opaqueOperations'];
  reachedWrapperCalls: string[];
}

export function storeProjectFile(record: ProjectFile): StoredProjectFile {
  return {
    keyUsages: record.keyUsages.map(({ file, via, ...usage }) => ({
      ...usage,
      file: file.fileName,
      ...(via ? { via: { path: via.path, storageFile: via.storageFile.fileName } } : {}),
    })),
    opaqueOperations: record.opaqueOperations,
    reachedWrapperCalls: record.reachedWrapperCalls,
  };
}

/**
 * The record again, each file's name turned back into its text as read in
 * this run. Undefined if a file it names is gone or the entry is damaged:
 * the file is then parsed again.
 */
export function restoreProjectFile(
  stored: StoredProjectFile,
  fileName: string,
  sourceOf: (fileName: string) => SourceText | undefined,
): ProjectFile | undefined {
  const source = sourceOf(fileName);
  if (!source) return undefined;
  const keyUsages: KeyUsage[] = [];
  try {
    for (const { file, via, ...usage } of stored.keyUsages) {
      const usageFile = sourceOf(file);
      const storageFile = via ? sourceOf(via.storageFile) : undefined;
      if (!usageFile || (via && !storageFile)) return undefined;
      keyUsages.push({ ...usage, file: usageFile, ...(via ? { via: { path: via.path, storageFile: storageFile! } } : {}) });
    }
  } catch {
    return undefined;
  }
  return { source, keyUsages, opaqueOperations: stored.opaqueOperations, reachedWrapperCalls: stored.reachedWrapperCalls };
}
