import { closeSync, fchmodSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';

export class FileChangedError extends Error {}

/**
 * Replaces the file in one rename, so a crash never leaves half a file. The
 * new content goes to a temp file beside the original (same file system, so
 * the rename is atomic), with the original's mode. A symlink is followed: its
 * target is rewritten and the link stays a link. With `expected`, the file is
 * re-read just before the rename and left alone if it no longer holds those
 * bytes: someone edited it while we were auditing.
 */
export function writeFileAtomic(path: string, content: string | Buffer, expected?: Buffer): void {
  let target = path;
  let mode: number | undefined;
  try {
    target = realpathSync(path);
    mode = statSync(target).mode & 0o7777;
  } catch {
    // A new file (a baseline, say): nothing to preserve.
  }
  if (expected !== undefined && !readFileSync(target).equals(expected)) throw new FileChangedError(`${path} changed on disk while it was audited`);
  const temp = join(dirname(target), `.${basename(target)}.securestore-audit-${process.pid}-${Date.now()}.tmp`);
  const fd = openSync(temp, 'wx', mode ?? 0o666);
  try {
    try {
      if (mode !== undefined) fchmodSync(fd, mode); // the umask must not narrow it
      writeSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
