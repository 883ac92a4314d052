import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

/** Every entry under `root` (dot files, node_modules and all): path → type, mode, mtime and content hash. */
export function snapshotTree(root: string): Map<string, string> {
  const entries = new Map<string, string>();
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const rel = prefix ? `${prefix}/${name}` : name;
      const stats = lstatSync(full);
      const stamp = `mode=${stats.mode.toString(8)} mtime=${stats.mtimeMs}`;
      if (stats.isDirectory()) {
        entries.set(rel, `dir ${stamp}`);
        walk(full, rel);
      } else if (stats.isSymbolicLink()) {
        entries.set(rel, `link ${readlinkSync(full)}`);
      } else {
        entries.set(rel, `file ${stamp} size=${stats.size} sha256=${createHash('sha256').update(readFileSync(full)).digest('hex')}`);
      }
    }
  };
  walk(root, '');
  return entries;
}

/** Paths added, removed or changed between two snapshots, sorted. */
export function changedPaths(before: Map<string, string>, after: Map<string, string>): string[] {
  const changed = new Set<string>();
  for (const [path, stamp] of before) if (after.get(path) !== stamp) changed.add(path);
  for (const path of after.keys()) if (!before.has(path)) changed.add(path);
  return [...changed].sort();
}
