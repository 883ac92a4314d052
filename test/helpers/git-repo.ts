import { execFileSync } from 'node:child_process';
import { tempProject } from './temp-project.js';

/** Runs real git in `cwd`; throws with git's stderr on failure. */
export const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** A temp folder holding `files`, committed in a fresh repository on branch main (no signing, a local identity). */
export function committedRepo(files: Record<string, string>): string {
  const cwd = tempProject(files);
  git(cwd, 'init', '-q', '-b', 'main');
  git(cwd, 'config', 'user.email', 'test@example.com');
  git(cwd, 'config', 'user.name', 'Test');
  git(cwd, 'config', 'commit.gpgsign', 'false');
  git(cwd, 'add', '-A');
  git(cwd, 'commit', '-q', '-m', 'app');
  return cwd;
}
