import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

// The folder that code scanning, annotations and Code Quality reports name
// files from: a path in them is read from the repository's root, whatever
// folder the audit ran in. On GitHub Actions that is GITHUB_WORKSPACE (the
// checkout); elsewhere the git work tree above the working directory, found
// by its `.git` entry (a folder, or a file in a linked work tree or a
// submodule), without running git. No repository: the working directory.

export function repositoryRoot(cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const workspace = env.GITHUB_WORKSPACE;
  if (workspace) return resolve(cwd, workspace);
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(resolve(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return resolve(cwd);
  }
}
