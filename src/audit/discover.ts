import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { SOURCE_EXTENSIONS } from '../core/parse.js';
import { UsageError } from './errors.js';

/** Directories no app wants audited: dependencies, build output, native build trees. */
export const DEFAULT_IGNORES = ['node_modules', 'dist', 'build', '.expo', 'ios/Pods', 'android/build', 'web-build', 'coverage', '.git'];

export interface DiscoveredFiles {
  files: string[];
  /** Paths that could not be read, with the reason; the audit goes on without them. */
  unreadable: { path: string; reason: string }[];
}

function isSourceFile(name: string): boolean {
  return SOURCE_EXTENSIONS.some((ext) => name.endsWith(ext)) && !name.endsWith('.d.ts') && !/\.d\.[cm]ts$/.test(name);
}

function readIgnoreFile(dir: string): string | undefined {
  try {
    return readFileSync(join(dir, '.gitignore'), 'utf8');
  } catch {
    return undefined;
  }
}

interface IgnoreLayer {
  base: string;
  rules: Ignore;
}

function isIgnored(layers: IgnoreLayer[], path: string, isDir: boolean): boolean {
  for (const layer of layers) {
    const rel = relative(layer.base, path).split(sep).join('/');
    if (!rel || rel.startsWith('..')) continue;
    if (layer.rules.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

/**
 * Expands the paths given on the command line into source files, honouring
 * `.gitignore` files (from the working directory down) and the default ignores.
 */
export function discoverFiles(paths: string[], cwd: string): DiscoveredFiles {
  const files = new Set<string>();
  const unreadable: DiscoveredFiles['unreadable'] = [];
  const defaults: IgnoreLayer = { base: cwd, rules: ignore().add(DEFAULT_IGNORES.map((p) => `**/${p}`)) };

  const walk = (dir: string, layers: IgnoreLayer[]): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      unreadable.push({ path: dir, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
      return;
    }
    const own = readIgnoreFile(dir);
    const here = own === undefined ? layers : [...layers, { base: dir, rules: ignore().add(own) }];
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!isIgnored(here, full, true)) walk(full, here);
      } else if (entry.isFile() && isSourceFile(entry.name) && !isIgnored(here, full, false)) {
        files.add(full);
      }
    }
  };

  // .gitignore files between the working directory and each path apply too.
  const ancestorsLayers = (target: string): IgnoreLayer[] => {
    const layers = [defaults];
    const rel = relative(cwd, target);
    if (rel.startsWith('..')) return layers;
    let dir = cwd;
    for (const part of ['', ...rel.split(sep).filter(Boolean)]) {
      if (part) dir = join(dir, part);
      if (dir === target) break;
      const own = readIgnoreFile(dir);
      if (own !== undefined) layers.push({ base: dir, rules: ignore().add(own) });
    }
    return layers;
  };

  for (const input of paths) {
    const full = resolve(cwd, input);
    let stats;
    try {
      stats = statSync(full);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new UsageError(`${input}: no such file or directory`);
      throw new UsageError(`${input}: cannot read (${code ?? String(error)})`);
    }
    if (stats.isDirectory()) walk(full, ancestorsLayers(full));
    else if (isSourceFile(full)) files.add(full);
    else throw new UsageError(`${input}: not a JavaScript or TypeScript source file`);
  }
  return { files: [...files].sort(), unreadable };
}
