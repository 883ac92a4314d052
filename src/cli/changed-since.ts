import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../audit/errors.js';
import { printable } from '../core/printable.js';
import type { ChangedFile, ChangedLines } from '../audit/report-scope.js';
// In another folder than this one: the bundle (dist/src/bundle, see rolldown.config.mjs) keeps the path as written from here, and `../audit/` holds from both.
import { runGit } from '../audit/git.cjs';

// `--changed-since <ref>`: the lines changed since the point where the
// current branch left <ref> (their merge base, as a pull request's diff
// counts), in the work tree as it is: committed, staged or not. A file git
// does not track yet (and does not ignore) is new, so wholly changed. Read
// from `git diff --unified=0`, run at the top of the work tree.

function git(args: string[], cwd: string): string {
  const run = runGit(args, cwd);
  if (run.error) {
    const code = (run.error as NodeJS.ErrnoException).code;
    throw new UsageError(`--changed-since needs git: ${code === 'ENOENT' ? 'git was not found on the PATH' : run.error.message}`);
  }
  if (run.status !== 0) throw new GitFailed(run.stderr.trim().split('\n')[0] ?? '');
  return run.stdout;
}

class GitFailed extends Error {}

/** A path as git prints it in a diff header: plain, or C-quoted when it holds unusual characters. */
export function unquoteGitPath(text: string): string {
  if (!text.startsWith('"')) return text;
  const bytes: number[] = [];
  const escapes: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
  for (let i = 1; i < text.length - 1; i++) {
    const char = text[i]!;
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const next = text[i + 1]!;
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(text.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(escapes[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The changed lines of each file in the output of `git diff --unified=0`, by path relative to the work tree's top. */
export function parseUnifiedDiff(diff: string): Map<string, ChangedFile> {
  const files = new Map<string, ChangedFile>();
  let current: ChangedFile | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('diff --git ')) current = undefined;
    else if (line.startsWith('+++ ')) {
      // git ends the line with a tab when the name has a space, so that patch reads it whole.
      const target = line.slice(4).replace(/\t$/, '');
      // A deleted file has no lines left to report on.
      if (target === '/dev/null') current = undefined;
      else {
        const path = unquoteGitPath(target).replace(/^b\//, '');
        current = { whole: false, ranges: [], cuts: [] };
        files.set(path, current);
      }
    } else if (line.startsWith('@@ ') && current) {
      const hunk = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!hunk) continue;
      const start = Number(hunk[2]);
      const count = hunk[3] === undefined ? 1 : Number(hunk[3]);
      // `+n,0`: lines removed after line n of the new text.
      if (count === 0) current.cuts.push(start);
      else current.ranges.push([start, start + count - 1]);
    }
  }
  return files;
}

/** The changed lines since `ref`, by absolute path (the work tree's real path). */
export function changedLinesSince(ref: string, cwd: string): ChangedLines {
  if (ref === '' || ref.startsWith('-')) throw new UsageError(`--changed-since: "${printable(ref)}" is not a git revision`);
  let top: string;
  try {
    top = git(['rev-parse', '--show-toplevel'], cwd).trim();
  } catch (error) {
    if (error instanceof GitFailed) throw new UsageError(`--changed-since: ${printable(cwd)} is not in a git work tree`);
    throw error;
  }
  let base: string;
  try {
    const commit = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], top).trim();
    base = git(['merge-base', commit, 'HEAD'], top).trim();
  } catch (error) {
    if (error instanceof GitFailed)
      throw new UsageError(`--changed-since: "${printable(ref)}" is not a commit of this repository, or shares no history with HEAD`);
    throw error;
  }
  // Fixed prefixes, no colour, no external diff or text conversion, renames followed: whatever the user's git config says.
  const diff = git(
    [
      '-c',
      'core.quotePath=true',
      'diff',
      '--unified=0',
      '--no-color',
      '--no-ext-diff',
      '--no-textconv',
      '-M',
      '--src-prefix=a/',
      '--dst-prefix=b/',
      base,
      '--',
    ],
    top,
  );
  const byPath = parseUnifiedDiff(diff);
  // A file added since the base has one hunk from line 1: every line of it is changed, as for a file git does not track.
  for (const path of git(['ls-files', '--others', '--exclude-standard', '-z'], top).split('\0'))
    if (path) byPath.set(path, { whole: true, ranges: [], cuts: [] });
  const root = realpathSync(top);
  return new Map([...byPath].map(([path, changed]) => [join(root, path), changed]));
}
