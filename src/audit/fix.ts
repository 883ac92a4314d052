import { closeSync, fchmodSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import type { TextEdit } from '../core/types.js';

/** Applies non-overlapping edit groups in order; a group that overlaps an earlier one waits for the next pass. */
export function applyFixes(text: string, fixes: TextEdit[][]): { text: string; applied: number } {
  const accepted: TextEdit[] = [];
  let applied = 0;
  const sorted = [...fixes].sort((a, b) => Math.min(...a.map((e) => e.start)) - Math.min(...b.map((e) => e.start)));
  for (const group of sorted) {
    const overlaps = group.some((e) => accepted.some((a) => e.start < a.end && a.start < e.end || (e.start === a.start && e.end === a.end)));
    if (overlaps) continue;
    accepted.push(...group);
    applied++;
  }
  let result = text;
  for (const edit of accepted.sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return { text: result, applied };
}

/** Rules write `\n`; a file that uses CRLF keeps CRLF in what a fix inserts. */
export function matchLineEndings(original: string, edits: TextEdit[]): TextEdit[] {
  const crlf = (original.match(/\r\n/g)?.length ?? 0) > 0 && (original.match(/(?<!\r)\n/g)?.length ?? 0) === 0;
  if (!crlf) return edits;
  return edits.map((edit) => ({ ...edit, text: edit.text.replace(/\r?\n/g, '\r\n') }));
}

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

/** ESLint's JSON shape for a fix: one range and one text covering all edits. */
export function mergeEdits(text: string, edits: TextEdit[]): { range: [number, number]; text: string } {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const start = sorted[0]!.start;
  const end = Math.max(...sorted.map((e) => e.end));
  let out = '';
  let cursor = start;
  for (const edit of sorted) {
    out += text.slice(cursor, edit.start) + edit.text;
    cursor = Math.max(cursor, edit.end);
  }
  out += text.slice(cursor, end);
  return { range: [start, end], text: out };
}
