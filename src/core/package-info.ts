import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The same modules run from `src/` (tests) and from `dist/src/` (the package):
// find the package root by walking up instead of hard-coding the depth.
function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'securestore-audit') return dir;
    } catch {
      // keep walking
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('securestore-audit: cannot find its own package.json');
    dir = parent;
  }
}

export const packageRoot = findPackageRoot();
const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { name: string; version: string; homepage?: string };
export const packageName = pkg.name;
export const packageVersion = pkg.version;
