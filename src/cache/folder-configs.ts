import { dirname, relative } from 'node:path';
import type { AppRoot } from '../audit/app-roots.js';
import type { FoundConfig } from '../audit/config-file.js';
import { hashText } from './record.js';

// The configs a file's findings depend on: its own (the nearest to its folder)
// and its app root's (the project-wide rules run with it). Recorded per
// folder, since both are found from the folder: editing one app's config
// re-analyses that app's files, and the other apps' come from the cache.

/** What identifies a config: its text, and where it is relative to the audit's folder (its `ignores` are relative to it). */
export const configIdentity = (found: FoundConfig | undefined, root: string) => (found ? { path: relative(root, found.path), text: found.text } : null);

/** Each folder of `files` → a hash of its own config and its app root's. */
export function folderConfigs(
  files: string[],
  root: string,
  locate: (dir: string) => FoundConfig | undefined,
  rootOf: (file: string) => AppRoot,
): Record<string, string> {
  const byFolder: Record<string, string> = {};
  for (const file of files) {
    const dir = dirname(file);
    if (byFolder[dir] !== undefined) continue;
    const own = configIdentity(locate(dir), root);
    const app = configIdentity(locate(rootOf(file).dir || root), root);
    byFolder[dir] = hashText(JSON.stringify([own, app]));
  }
  return byFolder;
}
