import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, constants, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { binPath, repoRoot, type CliRun } from '../../helpers/run.js';

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Run the CLI as this user (only possible when the tests run as root). */
  user?: { uid: number; gid: number };
  /** Options for node itself, before the script (`--require`, …). */
  nodeArgs?: string[];
}

/** Runs the real executable as a child process, like runBinary in test/helpers/run.ts, with a few more knobs. */
export function runCliWith(args: string[], options: RunOptions): Promise<CliRun> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [...(options.nodeArgs ?? []), binPath, ...args],
      {
        cwd: options.cwd,
        env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, NODE_OPTIONS: undefined, ...options.env },
        maxBuffer: 64 * 1024 * 1024,
        ...(options.user ? { uid: options.user.uid, gid: options.user.gid } : {}),
      },
      (error, stdout, stderr) => done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

// File permissions do not stop root: a test about an unreadable file that ran
// as root would pass without testing anything. As root, the CLI runs as the
// conventional unprivileged user instead, when that user can run it at all.
const NOBODY = { uid: 65534, gid: 65534 };

export interface Reader {
  /** The user to run the CLI as; undefined: the current user. */
  user?: { uid: number; gid: number };
  /** Why permission tests cannot run here, if they cannot. */
  unavailable?: string;
}

export function unprivilegedReader(): Reader {
  if (process.getuid?.() !== 0) return {};
  try {
    execFileSync(
      process.execPath,
      ['-e', `require('fs').readFileSync(${JSON.stringify(binPath)}); require('fs').readdirSync(${JSON.stringify(join(repoRoot, 'node_modules'))})`],
      {
        ...NOBODY,
        stdio: 'ignore',
      },
    );
    return { user: NOBODY };
  } catch {
    return { unavailable: 'running as root, and the unprivileged user (uid 65534) cannot run the CLI from this checkout' };
  }
}

/** True when `user` (or the current user) can read the path despite its permissions. */
export function canStillRead(path: string, user: Reader['user']): boolean {
  const probe = statSync(path).isDirectory() ? `require('fs').readdirSync(${JSON.stringify(path)})` : `require('fs').readFileSync(${JSON.stringify(path)})`;
  try {
    execFileSync(process.execPath, ['-e', probe], { ...(user ?? {}), stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Opens a temp project to other users (mkdtemp makes it private), so another uid can audit it. */
export function shareWithOthers(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) shareWithOthers(full);
    else if (entry.isFile()) chmodSync(full, statSync(full).mode | constants.S_IROTH);
  }
}
