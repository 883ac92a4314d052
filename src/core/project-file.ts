import { routedWrapperCalls } from './storage-summaries.js';
import { callId, keyUsages, opaqueOperations, type KeyUsage, type OpaqueOperation } from './key-usage.js';
import type { FileModel } from './model.js';
import type { SourceText } from './types.js';
import { memoSlot } from './memo-slot.js';

/**
 * What the project-wide rules see of one file: plain data, taken while its
 * syntax tree is alive. The CLI lets a file's tree go once the file's own
 * rules have run (most files are imported by no other), so an app's trees
 * are not all held at once; these records are what stays of each file.
 */
export interface ProjectFile {
  source: SourceText;
  keyUsages: KeyUsage[];
  opaqueOperations: OpaqueOperation[];
  /**
   * The wrappers' storage calls (see callId) that this file's calls reach: their unknown keys are this file's known ones.
   * A call whose key routes elsewhere counts: its key is known, and known not to go there.
   */
  reachedWrapperCalls: string[];
}

const PROJECT_FILE = memoSlot<ProjectFile>('projectFile');

export function projectFile(file: FileModel): ProjectFile {
  return file.cached(PROJECT_FILE, () => ({
    source: file.source,
    keyUsages: keyUsages(file),
    opaqueOperations: opaqueOperations(file),
    reachedWrapperCalls: routedWrapperCalls(file).map(({ call: { via } }) => callId(via!.forwarded.call.file, via!.forwarded.call.node)),
  }));
}
