import { renameSync, writeFileSync } from 'node:fs';
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

/** Replaces the file in one rename, so a crash never leaves half a file. */
export function writeFileAtomic(path: string, text: string): void {
  const temp = join(dirname(path), `.${basename(path)}.securestore-audit-${process.pid}.tmp`);
  writeFileSync(temp, text, 'utf8');
  renameSync(temp, path);
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
